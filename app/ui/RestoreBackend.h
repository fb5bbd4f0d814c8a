#pragma once

#include "VaultBackend.h"

#include <QUrl>

namespace onramp::ui {

/// An admin's restore from a backup file in the app: what `onramp restore
/// FILE --replace` does (backup::restore), for the vault the session has
/// open. The file is read and checked first, with the vault still open; the
/// restore then closes the vault, replaces its folder and leaves the admin at
/// the sign-in page, where the window's notice says what it did or, the
/// vault left as it was, why not.
class RestoreBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    /// The file checked or being restored is read (check() or restore() runs).
    Q_PROPERTY(bool working READ isWorking NOTIFY workingChanged FINAL)

public:
    explicit RestoreBackend(QObject* parent = nullptr);

    bool isWorking() const { return m_working; }

    /// Reads \a file (a file: URL, or a path) as a backup of this vault:
    /// checked() with what the confirm dialog says, or error() naming the
    /// file and why it cannot be restored; nothing changes either way.
    Q_INVOKABLE void check(const QUrl& file);
    /// Restores \a file over this vault as the signed-in admin, who
    /// confirms it with \a passphrase (a wrong one: error(), still signed
    /// in). Then the vault closes for the restore.
    Q_INVOKABLE void restore(const QUrl& file, const QString& passphrase);

Q_SIGNALS:
    void workingChanged();
    /// \a file is a backup of this vault: \a text says what a restore replaces
    /// with what, and that the vault closes for it.
    void checked(const QUrl& file, const QString& text);

private:
    void setWorking(bool working);

    bool m_working = false;
};

} // namespace onramp::ui
