#include "AdminBackend.h"

#include "SecureBytes.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QDate>

namespace onramp::ui {

AdminBackend::AdminBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_people, &m_checklists, &m_templates});
}

void AdminBackend::clear()
{
    show({}, {});
}

void AdminBackend::read()
{
    auto people = std::make_shared<QList<Person>>();
    auto lists = std::make_shared<QList<StoredChecklist>>();
    load(
        [people, lists](Vault& vault) {
            *people = vault.people();
            return ChecklistStore(vault).latest(lists.get());
        },
        [this, people, lists](const Error& e) {
            if (e)
                clear(); // the session reports the failure
            else
                show(*people, *lists);
        });
}

void AdminBackend::show(const QList<Person>& people, const QList<StoredChecklist>& checklists)
{
    m_people.setPeople(people);
    m_checklists.setChecklists(checklists);
    m_templates.setChecklists(checklists);
    m_hosts.clear();
    for (const StoredChecklist& c : checklists) {
        for (const QString& host : c.checklist.productionHosts) {
            if (!m_hosts.contains(host))
                m_hosts.append(host);
        }
    }
    Q_EMIT changed();
}

void AdminBackend::addPerson(const QString& name, const QString& displayName, const QString& role,
                             const QString& passphrase)
{
    const std::optional<Role> parsed = roleFromName(role);
    if (!parsed) {
        Q_EMIT error(tr("Choose a role: hire, mentor or admin."));
        return;
    }
    QByteArray utf8 = passphrase.toUtf8();
    auto secret = std::make_shared<SecureBytes>(SecureBytes::copyOf(utf8));
    wipe(utf8);
    act([name, displayName, parsed,
         secret](Vault& v) { return People(v).add(name, displayName, *parsed, secret->view()); },
        tr("Added %1 as %2.").arg(name, role));
}

void AdminBackend::disablePerson(const QString& name)
{
    act([name](Vault& v) { return People(v).disable(name); },
        tr("%1 is disabled; their passphrase opens nothing now. A passphrase reset enables them again.").arg(name));
}

void AdminBackend::resetPassphrase(const QString& name, const QString& passphrase)
{
    QByteArray utf8 = passphrase.toUtf8();
    auto secret = std::make_shared<SecureBytes>(SecureBytes::copyOf(utf8));
    wipe(utf8);
    act([name, secret](Vault& v) { return People(v).resetPassphrase(name, secret->view()); },
        tr("%1 has a new passphrase. Hand it over in person.").arg(name));
}

void AdminBackend::importChecklist(const QUrl& file)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    auto parsed = std::make_shared<ParseResult>(parseChecklistFile(path));
    if (!parsed->ok()) {
        Q_EMIT error(tr("%1 was not imported:\n%2").arg(path, parsed->errors.join(QLatin1Char('\n'))));
        return;
    }
    auto outcome = std::make_shared<ImportOutcome>();
    run([parsed, outcome](
            Vault& v) { return ChecklistStore(v).import(*parsed->checklist, defaultClock().now(), outcome.get()); },
        [this, outcome](const Error& e) {
            if (e)
                Q_EMIT error(e.message);
            else if (outcome->unchanged)
                Q_EMIT done(tr("%1 is unchanged (version %2).").arg(outcome->id).arg(outcome->version));
            else
                Q_EMIT done(tr("Imported %1 as version %2.").arg(outcome->id).arg(outcome->version));
        },
        true);
}

void AdminBackend::setSecret(const QString& credentialId, const QString& secret)
{
    QByteArray utf8 = secret.toUtf8();
    auto bytes = std::make_shared<SecureBytes>(SecureBytes::copyOf(utf8));
    wipe(utf8);
    auto delivered = std::make_shared<int>(0);
    run([credentialId, bytes,
         delivered](Vault& v) { return Credentials(v).setSecret(credentialId, *bytes, delivered.get()); },
        [this, credentialId, delivered](const Error& e) {
            if (e)
                Q_EMIT error(e.message);
            else
                Q_EMIT done(tr("The secret of %1 is set and sealed (%n hire(s) received it).", "", *delivered)
                                .arg(credentialId));
        },
        true);
}

void AdminBackend::enroll(const QString& hire, const QString& checklistId, const QString& mentor,
                          const QString& startDate)
{
    const QDate start = startDate.isEmpty() ? defaultClock().now().date() : QDate::fromString(startDate, Qt::ISODate);
    if (!start.isValid()) {
        Q_EMIT error(tr("'%1' is not a date; use YYYY-MM-DD.").arg(startDate));
        return;
    }
    act([hire, checklistId, mentor,
         start](Vault& v) { return Enrollments(v).enroll(hire, checklistId, mentor, start); },
        tr("Enrolled %1 with mentor %2.").arg(hire, mentor));
}

} // namespace onramp::ui
