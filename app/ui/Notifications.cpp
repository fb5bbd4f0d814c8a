#include "Notifications.h"

#include "DesktopNotifier.h"
#include "Session.h"

#include "onboarding/Enrollments.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QSettings>

#include <memory>

Q_LOGGING_CATEGORY(lcNotifications, "onramp.ui.notifications")

namespace onramp::ui {

namespace {

const QString kEnabledKey = QStringLiteral("notifications/enabled");

QString stamp(const QDateTime& at)
{
    return QString::number(at.toMSecsSinceEpoch());
}

/// The events that concern \a me in \a visible, each once, with its words.
QList<Notification> eventsOf(const Person& me, const QList<EnrollmentStatus>& visible)
{
    QList<Notification> events;
    for (const EnrollmentStatus& status : visible) {
        if (status.mentor.name == me.name) {
            for (const StepView& step : status.steps) {
                if (!step.awaitingReview())
                    continue;
                events.append(
                    {QStringLiteral("review/%1/%2/%3").arg(status.hire.name, step.step.id, stamp(step.doneAt)),
                     Notifications::tr("A step to review"),
                     Notifications::tr("%1 marked “%2” done; it awaits your review.")
                         .arg(status.hire.shownName(), step.step.title)});
            }
        }
        if (status.hire.name != me.name)
            continue;
        for (const StepView& step : status.steps) {
            if (!step.reviewedAt.isValid())
                continue;
            const QString reviewer = step.reviewerDisplayName.isEmpty() ? step.reviewer : step.reviewerDisplayName;
            if (step.approved)
                events.append({QStringLiteral("approved/%1/%2").arg(step.step.id, stamp(step.reviewedAt)),
                               Notifications::tr("Step approved"),
                               Notifications::tr("%1 approved “%2”.").arg(reviewer, step.step.title)});
            else if (step.rejected)
                events.append({QStringLiteral("sent-back/%1/%2").arg(step.step.id, stamp(step.reviewedAt)),
                               Notifications::tr("Step sent back"),
                               Notifications::tr("%1 sent “%2” back to you; open the step to see why.")
                                   .arg(reviewer, step.step.title)});
        }
        if (status.signedOffAt.isValid()) {
            const QString mentor =
                status.signedOffByDisplayName.isEmpty() ? status.signedOffBy : status.signedOffByDisplayName;
            events.append({QStringLiteral("signed-off/%1").arg(stamp(status.signedOffAt)),
                           Notifications::tr("Production access signed off"),
                           Notifications::tr("%1 signed off your production access.").arg(mentor)});
        }
        if (status.revokedAt.isValid()) {
            const QString by = status.revokedByDisplayName.isEmpty() ? status.revokedBy : status.revokedByDisplayName;
            events.append({QStringLiteral("revoked/%1").arg(stamp(status.revokedAt)),
                           Notifications::tr("Production access revoked"),
                           Notifications::tr("%1 revoked your production access. Your mentor or an admin can renew it.")
                               .arg(by)});
        }
    }
    return events;
}

/// What the worker read for one person.
struct Read {
    QString vaultId;
    QString person;
    QList<Notification> events;
};

} // namespace

Notifications::Notifications(QObject* parent)
    : QObject(parent)
    , m_enabled(QSettings().value(kEnabledKey, true).toBool())
{
    Session* session = Session::instance();
    // A sign-in reads what stands; a change another desktop made reads again.
    connect(session, &Session::unlockedChanged, this, [this, session] {
        if (session->isUnlocked())
            readEvents();
    });
    connect(session, &Session::changedElsewhere, this, &Notifications::readEvents);
}

Notifications::~Notifications() = default;

Notifications* Notifications::instance()
{
    static Notifications* notifications = new Notifications(QCoreApplication::instance());
    return notifications;
}

Notifications* Notifications::create(QQmlEngine*, QJSEngine*)
{
    Notifications* notifications = instance();
    QJSEngine::setObjectOwnership(notifications, QJSEngine::CppOwnership);
    return notifications;
}

void Notifications::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    QSettings().setValue(kEnabledKey, enabled);
    Q_EMIT enabledChanged();
}

void Notifications::setNotifier(std::unique_ptr<Notifier> notifier)
{
    m_notifier = std::move(notifier);
}

QString Notifications::announcedKey(const QString& vaultId, const QString& person)
{
    return QStringLiteral("notifications/announced/%1/%2").arg(vaultId, person);
}

void Notifications::readEvents()
{
    Session* session = Session::instance();
    // Admins are told nothing here: the reviews and sign-offs are mentors' and hires'.
    if (!session->isUnlocked() || session->role() == QLatin1String("admin"))
        return;
    auto read = std::make_shared<Read>();
    session->perform(
        this,
        [read](Vault& vault) {
            read->vaultId = vault.vaultId();
            read->person = vault.me().name;
            QList<EnrollmentStatus> visible;
            // The page's own read: verified against the signed log, or nothing is told.
            if (Enrollments(vault).visible(&visible)) {
                qCInfo(lcNotifications) << "nothing is announced: the read failed";
                read->events.clear();
                read->person.clear();
                return Error();
            }
            read->events = eventsOf(vault.me(), visible);
            return Error();
        },
        [this, read](const Error& error) {
            if (error || read->person.isEmpty() || read->person != Session::instance()->userName())
                return; // locked, or someone else signed in, meanwhile
            QSettings settings;
            const QString key = announcedKey(read->vaultId, read->person);
            const bool known = settings.contains(key);
            const QStringList before = settings.value(key).toStringList();
            QStringList now;
            int told = 0;
            for (const Notification& event : std::as_const(read->events)) {
                now.append(event.key);
                if (!known || before.contains(event.key))
                    continue;
                ++told;
                if (!m_enabled)
                    continue;
                if (!m_notifier) // the session bus is first reached here, not at the start
                    m_notifier = std::make_unique<DesktopNotifier>();
                m_notifier->show(event);
            }
            // Only what stands is kept: an event gone from the vault cannot come back with the same key.
            settings.setValue(key, now);
            Q_EMIT checked(told);
        },
        false);
}

} // namespace onramp::ui
