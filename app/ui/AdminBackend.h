#pragma once

#include "ChecklistListModel.h"
#include "CredentialTemplateModel.h"
#include "PersonListModel.h"
#include "VaultBackend.h"

#include <QUrl>

namespace onramp::ui {

/// The admin's forms: people, checklists, enrollments and the secrets of
/// static credentials.
class AdminBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onramp::ui::PersonListModel* people READ people CONSTANT FINAL)
    /// The latest version of every checklist.
    Q_PROPERTY(onramp::ui::ChecklistListModel* checklists READ checklists CONSTANT FINAL)
    /// Every checklist's credential templates.
    Q_PROPERTY(onramp::ui::CredentialTemplateModel* credentialTemplates READ credentialTemplates CONSTANT FINAL)
    /// Every checklist's production hosts, merged: [host or glob]
    Q_PROPERTY(QStringList productionHosts READ productionHosts NOTIFY changed FINAL)
    /// The enabled hires and mentors, for the enrollment form.
    Q_PROPERTY(QStringList hires READ hires NOTIFY changed FINAL)
    Q_PROPERTY(QStringList mentors READ mentors NOTIFY changed FINAL)

public:
    explicit AdminBackend(QObject* parent = nullptr);

    PersonListModel* people() { return &m_people; }
    ChecklistListModel* checklists() { return &m_checklists; }
    CredentialTemplateModel* credentialTemplates() { return &m_templates; }
    QStringList productionHosts() const { return m_hosts; }
    QStringList hires() const { return m_people.names(Role::Hire); }
    QStringList mentors() const { return m_people.names(Role::Mentor); }

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
    /// The lists were read again.
    void changed();

protected:
    void read() override;
    void clear() override;

private:
    void show(const QList<Person>& people, const QList<StoredChecklist>& checklists);

    PersonListModel m_people;
    ChecklistListModel m_checklists;
    CredentialTemplateModel m_templates;
    QStringList m_hosts;
};

} // namespace onramp::ui
