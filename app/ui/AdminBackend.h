#pragma once

#include "Error.h"

#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace onramp {
class Vault;
}

namespace onramp::ui {

/// The admin's forms: people, checklists and enrollments. Every action runs
/// off the GUI thread and ends in done(message) or error(message).
class AdminBackend : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// [{name, displayName, role, disabled}]
    Q_PROPERTY(QVariantList people READ people NOTIFY changed)
    /// [{id, title, version, steps, credentials}]
    Q_PROPERTY(QVariantList checklists READ checklists NOTIFY changed)
    /// [{checklist, id, title, environment, provider, hosts}] for every credential template
    Q_PROPERTY(QVariantList credentialTemplates READ credentialTemplates NOTIFY changed)
    /// Every checklist's production hosts, merged: [host or glob]
    Q_PROPERTY(QStringList productionHosts READ productionHosts NOTIFY changed)
    Q_PROPERTY(QStringList hires READ hires NOTIFY changed)
    Q_PROPERTY(QStringList mentors READ mentors NOTIFY changed)

public:
    explicit AdminBackend(QObject* parent = nullptr);

    QVariantList people() const { return m_people; }
    QVariantList checklists() const { return m_checklists; }
    QVariantList credentialTemplates() const { return m_templates; }
    QStringList productionHosts() const { return m_hosts; }
    QStringList hires() const;
    QStringList mentors() const;

    Q_INVOKABLE void reload();
    Q_INVOKABLE void addPerson(const QString& name, const QString& displayName, const QString& role,
                               const QString& passphrase);
    /// Disables a person: their passphrase opens nothing any more (a reset enables them again).
    Q_INVOKABLE void disablePerson(const QString& name);
    Q_INVOKABLE void resetPassphrase(const QString& name, const QString& passphrase);
    /// Imports a checklist file (YAML, JSON or Markdown); every problem is reported.
    Q_INVOKABLE void importChecklist(const QUrl& file);
    /// Sets the secret of a static credential; production ones are sealed under the production key at once.
    Q_INVOKABLE void setSecret(const QString& credentialId, const QString& secret);
    Q_INVOKABLE void enroll(const QString& hire, const QString& checklistId, const QString& mentor,
                            const QString& startDate);

Q_SIGNALS:
    void changed();
    void done(const QString& message);
    void error(const QString& message);

private:
    QStringList namesWithRole(const QString& role) const;
    void act(std::function<Error(Vault&)> work, const QString& confirmation);

    QVariantList m_people;
    QVariantList m_checklists;
    QVariantList m_templates;
    QStringList m_hosts;
};

} // namespace onramp::ui
