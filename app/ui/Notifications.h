#pragma once

#include "Notifier.h"

#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace onramp {
class Clock;
}

namespace onramp::ui {

/// Tells the signed-in person, through a Notifier, what another desktop
/// did that awaits them or concerns them: a mentor, that a mentee's step
/// awaits their review; a hire, that a step was approved or sent back, and
/// that their production access was signed off; a hire, their mentor and
/// every admin, that a production grant will expire within expiryWarningHours,
/// and that it has expired or was revoked.
///
/// It follows the session's live reload (Session::changedElsewhere): what
/// it announces comes from the same verified read a page makes
/// (Enrollments::visible), after the change, never from the change itself.
/// What was announced is remembered per vault and person in the app's
/// settings (outside the vault folder), so that no event is told twice, in
/// this run or a later one. The first read for a person on this desktop
/// announces nothing: what stands then is on their page. Expiry depends on
/// the time alone, so the person's events are also read again every few
/// minutes while signed in (checkNow()), by the injectable clock.
class Notifications : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// Notifications are shown (the Settings switch); on by default, kept in the settings.
    Q_PROPERTY(bool enabled READ isEnabled WRITE setEnabled NOTIFY enabledChanged FINAL)
    /// How long before a production grant's expiry it is told of, in hours
    /// (Settings; 48 by default, 1 to 720), kept in the settings.
    Q_PROPERTY(int expiryWarningHours READ expiryWarningHours WRITE setExpiryWarningHours NOTIFY
                   expiryWarningHoursChanged FINAL)

public:
    ~Notifications() override;

    static Notifications* instance();
    static Notifications* create(QQmlEngine*, QJSEngine*);

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    int expiryWarningHours() const { return m_expiryWarningHours; }
    void setExpiryWarningHours(int hours);
    static constexpr int kDefaultExpiryWarningHours = 48;
    static constexpr int kMaxExpiryWarningHours = 720;

    /// Where notifications go from now on; the desktop's (DesktopNotifier) until then.
    void setNotifier(std::unique_ptr<Notifier> notifier);
    /// The clock expiries are judged by (kept by the caller); nullptr: the process's (defaultClock()).
    void setClock(const Clock* clock);
    /// Reads the signed-in person's events now, as a change elsewhere does (one `checked` follows).
    void checkNow() { readEvents(); }

    /// The settings key of the events already told to \a person in the vault \a vaultId.
    static QString announcedKey(const QString& vaultId, const QString& person);

Q_SIGNALS:
    void enabledChanged();
    void expiryWarningHoursChanged();
    /// A read after a sign-in or a change elsewhere has been compared with
    /// what was announced; \a announced of its events were new (and shown
    /// when enabled; a new event is remembered as told either way).
    void checked(int announced);

private:
    explicit Notifications(QObject* parent = nullptr);

    /// Reads the person's events on the session's worker and tells the new ones.
    void readEvents();

    std::unique_ptr<Notifier> m_notifier;
    const Clock* m_clock = nullptr;
    QTimer m_recheck; ///< reads again while signed in: a grant comes near its expiry with time alone
    bool m_enabled = true;
    int m_expiryWarningHours = kDefaultExpiryWarningHours;
};

} // namespace onramp::ui
