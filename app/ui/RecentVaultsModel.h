#pragma once

#include "ListModel.h"

namespace onramp::ui {

/// The vault folders opened on this desktop, newest first, for the Welcome
/// page: kept in the app's settings (`recentVaults`), never in a vault. A
/// folder that is gone, or no longer holds a vault, stays listed as missing
/// until the person removes it, so that it does not silently vanish.
class RecentVaultsModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RecentVaultsModel comes from the Session")

public:
    enum Roles {
        PathRole = Qt::UserRole + 1, ///< the folder's absolute path
        NameRole, ///< the folder's own name, to show first
        PresentRole, ///< the folder still holds a vault
    };
    Q_ENUM(Roles)

    /// How many folders are remembered.
    static constexpr int kMaxRemembered = 8;

    explicit RecentVaultsModel(QObject* parent = nullptr);

    QHash<int, QByteArray> roleNames() const override;

    /// Puts \a folder first, remembering it.
    void remember(const QString& folder);
    /// Forgets \a folder.
    Q_INVOKABLE void forget(const QString& folder);
    /// Reads the settings again and looks whether each folder still holds a vault.
    Q_INVOKABLE void refresh();
    /// The newest folder that still holds a vault; empty when none does.
    QString newestPresent() const;

protected:
    int size() const override { return int(m_folders.size()); }
    QVariant value(int row, int role) const override;

private:
    void store(const QStringList& folders);

    QStringList m_folders;
    QList<bool> m_present;
};

} // namespace onramp::ui
