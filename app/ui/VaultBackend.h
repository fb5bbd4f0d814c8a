#pragma once

#include "Error.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <initializer_list>

namespace onramp {
class Vault;
}

namespace onramp::ui {

class ListModel;

/// What the backends that QML binds to share: they act on the session's
/// vault on its worker thread, so the window never waits for the disk;
/// an action ends in done(message) or error(message); `loading` is on while
/// a reload reads; and they reload whenever the vault changes, is unlocked
/// or is locked, and when the language changes; after another process
/// wrote, only while their page is shown (reloadWhenShown()). A backend that goes away while its work runs is not called
/// back.
class VaultBackend : public QObject
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged FINAL)

public:
    explicit VaultBackend(QObject* parent = nullptr);

    bool isLoading() const { return m_loading; }

    /// Reads again what the page shows: clears it while the session is
    /// locked, else runs read() on the worker.
    Q_INVOKABLE void reload();
    /// Another process changed the vault: reloads now when the page this
    /// backend belongs to is shown, else once it is shown again.
    void reloadWhenShown();

Q_SIGNALS:
    void loadingChanged();
    /// An action finished: a short confirmation for people.
    void done(const QString& message);
    /// An action or a reload failed: the message says what and why.
    void error(const QString& message);

protected:
    /// Starts the read for reload(), through load(). The session is unlocked.
    virtual void read() {}
    /// Forgets what was read: the session is locked.
    virtual void clear() {}

    /// Runs \a work on the worker for read(), with `loading` on meanwhile,
    /// then \a apply on the GUI thread: only for the newest reload, so that
    /// an older result never replaces a newer one.
    void load(std::function<Error(Vault&)> work, std::function<void(const Error&)> apply);
    /// Drops the result of a load still running; `loading` goes off.
    void cancelLoad();
    /// Runs a write and reports it: done(\a confirmation) or error(message).
    /// Every view reloads after it.
    void act(std::function<Error(Vault&)> work, const QString& confirmation);
    /// Runs \a work on the worker, then \a finished on the GUI thread. Pass
    /// \a changes = true for a write, so that every view reloads.
    void run(std::function<Error(Vault&)> work, std::function<void(const Error&)> finished, bool changes);
    /// The \a models mirror this backend's `loading`.
    void showLoadingIn(std::initializer_list<ListModel*> models);
    /// done(\a confirmation) or error(message), as \a e says.
    void report(const Error& e, const QString& confirmation);
    /// On the worker, before an act that loads a provider (enroll, sign-off,
    /// revoke, renew): the drops at a credential's source that are pending
    /// are tried again first, quietly, as the command line's acts do
    /// (Credentials::retryPendingRevokes()); nothing for a hire.
    static void retryPendingDrops(Vault& vault);

private:
    void setLoading(bool loading);

    bool m_loading = false;
    QMetaObject::Connection m_whenShown; ///< a reload waiting for the page to show
    int m_generation = 0; ///< bumped by every reload: an older read's result is dropped
};

} // namespace onramp::ui
