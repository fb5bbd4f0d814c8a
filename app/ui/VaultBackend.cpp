#include "VaultBackend.h"

#include "ListModel.h"
#include "Session.h"

#include "credentials/Credentials.h"

#include <QDebug>
#include <QQuickItem>

namespace onramp::ui {

VaultBackend::VaultBackend(QObject* parent)
    : QObject(parent)
{
    Session* session = Session::instance();
    connect(session, &Session::changed, this, &VaultBackend::reload);
    connect(session, &Session::unlockedChanged, this, &VaultBackend::reload);
    connect(session, &Session::languageChanged, this, &VaultBackend::reload);
    connect(session, &Session::changedElsewhere, this, &VaultBackend::reloadWhenShown);
    // Queued: the subclass is whole, and QML has set its properties, by then.
    QMetaObject::invokeMethod(this, &VaultBackend::reload, Qt::QueuedConnection);
}

void VaultBackend::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void VaultBackend::reload()
{
    if (!Session::instance()->isUnlocked()) {
        cancelLoad();
        clear();
        return;
    }
    read();
}

void VaultBackend::reloadWhenShown()
{
    // The item this backend is declared in: its page, or a part of one.
    QQuickItem* shownIn = nullptr;
    for (QObject* o = parent(); o && !shownIn; o = o->parent())
        shownIn = qobject_cast<QQuickItem*>(o);
    if (!shownIn || shownIn->isVisible()) {
        reload();
        return;
    }
    if (m_whenShown)
        return; // already waiting
    m_whenShown = connect(shownIn, &QQuickItem::visibleChanged, this, [this, shownIn] {
        if (!shownIn->isVisible())
            return;
        disconnect(m_whenShown);
        m_whenShown = {};
        reload();
    });
}

void VaultBackend::cancelLoad()
{
    ++m_generation;
    setLoading(false);
}

void VaultBackend::load(std::function<Error(Vault&)> work, std::function<void(const Error&)> apply)
{
    const int generation = ++m_generation;
    setLoading(true);
    run(
        std::move(work),
        [this, generation, apply = std::move(apply)](const Error& e) {
            if (generation != m_generation)
                return; // a newer reload is on its way
            setLoading(false);
            apply(e);
        },
        false);
}

void VaultBackend::act(std::function<Error(Vault&)> work, const QString& confirmation)
{
    run(
        std::move(work), [this, confirmation](const Error& e) { report(e, confirmation); }, true);
}

void VaultBackend::run(std::function<Error(Vault&)> work, std::function<void(const Error&)> finished, bool changes)
{
    Session::instance()->perform(this, std::move(work), std::move(finished), changes);
}

void VaultBackend::showLoadingIn(std::initializer_list<ListModel*> models)
{
    for (ListModel* model : models)
        connect(this, &VaultBackend::loadingChanged, model, [this, model] { model->setLoading(isLoading()); });
}

void VaultBackend::retryPendingDrops(Vault& vault)
{
    QStringList dropped; // the lists reload after the act and show them done
    if (Error e = Credentials(vault).retryPendingRevokes(&dropped))
        qWarning().noquote() << e.message;
}

void VaultBackend::report(const Error& e, const QString& confirmation)
{
    if (e)
        Q_EMIT error(e.message);
    else
        Q_EMIT done(confirmation);
}

} // namespace onramp::ui
