#include "Notifications.h"

#include "DesktopNotifier.h"
#include "Formats.h"
#include "Session.h"

#include "Clock.h"
#include "credentials/Credentials.h"
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
const QString kExpiryWarningKey = QStringLiteral("notifications/expiryWarningHours");
/// How often the events are read again while signed in, for expiries that come with time alone.
constexpr int kRecheckMs = 5 * 60 * 1000;

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
                               Notifications::tr("Changes asked"),
                               Notifications::tr("%1 asked for changes on “%2”; open the step to see what to change.")
                                   .arg(reviewer, step.step.title)});
        }
        if (status.signedOffAt.isValid()) {
            const QString mentor =
                status.signedOffByDisplayName.isEmpty() ? status.signedOffBy : status.signedOffByDisplayName;
            events.append({QStringLiteral("signed-off/%1").arg(stamp(status.signedOffAt)),
                           Notifications::tr("Production access signed off"),
                           Notifications::tr("%1 signed off your production access.").arg(mentor)});
        }
        // A revoke is told per grant, with the others about grants (grantEventsOf).
    }
    return events;
}

QString when(const QDateTime& at)
{
    return listDate(at);
}

/// How long before \a view's expiry it is told of: \a warnWithinSecs, but
/// never before half the grant's lifetime has passed, so that a grant
/// shorter than the warning (the demo's lasts 8 hours) is not announced as
/// expiring in the moment it is given.
qint64 warnWithin(const CredentialView& view, qint64 warnWithinSecs)
{
    if (!view.issuedAt.isValid())
        return warnWithinSecs;
    return qMin(warnWithinSecs, view.issuedAt.secsTo(view.expiresAt) / 2);
}

/// The production grants \a me is told of in \a credentials (a hire their
/// own, a mentor their mentees', an admin everyone's), as of \a now: one
/// coming to its expiry within \a warnWithinSecs, one expired, one revoked
/// (by someone else). Each key carries the grant's expiry or end, so that a
/// renewed grant is news again; none carries anything secret.
QList<Notification> grantEventsOf(const Person& me, const QList<CredentialView>& credentials, const QDateTime& now,
                                  qint64 warnWithinSecs)
{
    QList<Notification> events;
    for (const CredentialView& view : credentials) {
        if (view.credential.environment != Environment::Production)
            continue;
        const bool mine = view.hire == me.name;
        const QString hire = view.hireDisplayName.isEmpty() ? view.hire : view.hireDisplayName;
        const QString title = view.credential.title.isEmpty() ? view.credential.id : view.credential.title;
        const QString grant = QStringLiteral("%1/%2").arg(view.hire, view.credential.id);
        const bool live = view.state == CredentialState::Granted && view.expiresAt.isValid();
        if (view.state == CredentialState::Expired || (live && view.expiresAt <= now)) {
            events.append(
                {QStringLiteral("expired/%1/%2").arg(grant, stamp(view.expiresAt)),
                 Notifications::tr("Production access expired"),
                 mine ? Notifications::tr("Your access to “%1” has expired; your mentor can renew it.").arg(title)
                      : Notifications::tr("%1’s access to “%2” has expired.").arg(hire, title)});
        } else if (live && now.secsTo(view.expiresAt) <= warnWithin(view, warnWithinSecs)) {
            events.append(
                {QStringLiteral("expiring/%1/%2").arg(grant, stamp(view.expiresAt)),
                 Notifications::tr("Production access expires soon"),
                 mine ? Notifications::tr("Your access to “%1” ends at %2.").arg(title, when(view.expiresAt))
                      : Notifications::tr("%1’s access to “%2” ends at %3.").arg(hire, title, when(view.expiresAt))});
        } else if (view.state == CredentialState::Revoked && view.endedBy != me.name) {
            const QString by = view.endedByDisplayName.isEmpty() ? view.endedBy : view.endedByDisplayName;
            events.append({QStringLiteral("revoked/%1/%2").arg(grant, stamp(view.endedAt)),
                           Notifications::tr("Production access revoked"),
                           mine ? Notifications::tr("%1 revoked your access to “%2”.").arg(by, title)
                                : Notifications::tr("%1 revoked %2’s access to “%3”.").arg(by, hire, title)});
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
    , m_expiryWarningHours(
          qBound(1, QSettings().value(kExpiryWarningKey, kDefaultExpiryWarningHours).toInt(), kMaxExpiryWarningHours))
{
    Session* session = Session::instance();
    // A sign-in reads what stands; a change another desktop made reads again.
    m_recheck.setInterval(kRecheckMs);
    connect(&m_recheck, &QTimer::timeout, this, &Notifications::readEvents);
    connect(session, &Session::unlockedChanged, this, [this, session] {
        if (session->isUnlocked()) {
            readEvents();
            m_recheck.start();
        } else {
            m_recheck.stop();
        }
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

void Notifications::setExpiryWarningHours(int hours)
{
    hours = qBound(1, hours, kMaxExpiryWarningHours);
    if (hours == m_expiryWarningHours)
        return;
    m_expiryWarningHours = hours;
    QSettings().setValue(kExpiryWarningKey, hours);
    Q_EMIT expiryWarningHoursChanged();
}

void Notifications::setClock(const Clock* clock)
{
    m_clock = clock;
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
    if (!session->isUnlocked())
        return;
    auto read = std::make_shared<Read>();
    const Clock* clock = m_clock ? m_clock : &defaultClock();
    const qint64 warnWithinSecs = qint64(m_expiryWarningHours) * 3600;
    session->performUnattended(
        this,
        [read, clock, warnWithinSecs](Vault& vault) {
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
            // The grants as the credentials page shows them, each signature checked, by the injected clock.
            QList<CredentialView> credentials;
            if (Credentials(vault, *clock).list(&credentials)) {
                qCInfo(lcNotifications) << "nothing is announced: the credentials could not be read";
                read->events.clear();
                read->person.clear();
                return Error();
            }
            read->events += grantEventsOf(vault.me(), credentials, clock->now(), warnWithinSecs);
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
        });
}

} // namespace onramp::ui
