#pragma once

#include "Notifier.h"

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace onramp::ui {

/// Tells the signed-in person, through a Notifier, what another desktop
/// did that awaits them or concerns them: a mentor, that a mentee's step
/// awaits their review; a hire, that a step was approved or sent back, and
/// that their production access was signed off.
///
/// It follows the session's live reload (Session::changedElsewhere): what
/// it announces comes from the same verified read a page makes
/// (Enrollments::visible), after the change, never from the change itself.
/// What was announced is remembered per vault and person in the app's
/// settings (outside the vault folder), so that no event is told twice, in
/// this run or a later one. The first read for a person on this desktop
/// announces nothing: what stands then is on their page.
class Notifications : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// Notifications are shown (the Settings switch); on by default, kept in the settings.
    Q_PROPERTY(bool enabled READ isEnabled WRITE setEnabled NOTIFY enabledChanged FINAL)

public:
    ~Notifications() override;

    static Notifications* instance();
    static Notifications* create(QQmlEngine*, QJSEngine*);

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    /// Where notifications go from now on; the desktop's (DesktopNotifier) until then.
    void setNotifier(std::unique_ptr<Notifier> notifier);

    /// The settings key of the events already told to \a person in the vault \a vaultId.
    static QString announcedKey(const QString& vaultId, const QString& person);

Q_SIGNALS:
    void enabledChanged();
    /// A read after a sign-in or a change elsewhere has been compared with
    /// what was announced; \a announced of its events were new (and shown
    /// when enabled; a new event is remembered as told either way).
    void checked(int announced);

private:
    explicit Notifications(QObject* parent = nullptr);

    /// Reads the person's events on the session's worker and tells the new ones.
    void readEvents();

    std::unique_ptr<Notifier> m_notifier;
    bool m_enabled = true;
};

} // namespace onramp::ui
