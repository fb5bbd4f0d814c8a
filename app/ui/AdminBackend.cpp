#include "AdminBackend.h"

#include "Session.h"

#include "SecureBytes.h"
#include "vault/Vault.h"
#include "people/People.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"

#include <QCoreApplication>
#include <QDate>

namespace onramp::ui {

AdminBackend::AdminBackend(QObject* parent)
    : QObject(parent)
{
    connect(Session::instance(), &Session::changed, this, &AdminBackend::reload);
    connect(Session::instance(), &Session::unlockedChanged, this, &AdminBackend::reload);
    QMetaObject::invokeMethod(this, &AdminBackend::reload, Qt::QueuedConnection);
}

QStringList AdminBackend::namesWithRole(const QString& role) const
{
    QStringList names;
    for (const QVariant& p : m_people) {
        const QVariantMap map = p.toMap();
        if (map.value(QStringLiteral("role")).toString() == role && !map.value(QStringLiteral("disabled")).toBool())
            names.append(map.value(QStringLiteral("name")).toString());
    }
    return names;
}

QStringList AdminBackend::hires() const
{
    return namesWithRole(QStringLiteral("hire"));
}

QStringList AdminBackend::mentors() const
{
    return namesWithRole(QStringLiteral("mentor"));
}

void AdminBackend::reload()
{
    Session* session = Session::instance();
    if (!session->isUnlocked()) {
        m_people.clear();
        m_checklists.clear();
        Q_EMIT changed();
        return;
    }
    auto people = std::make_shared<QList<Person>>();
    auto lists = std::make_shared<QList<StoredChecklist>>();
    session->perform(
        this,
        [people, lists](Vault& vault) {
            *people = vault.people();
            return ChecklistStore(vault).latest(lists.get());
        },
        [this, people, lists](const Error& e) {
            m_people.clear();
            m_checklists.clear();
            m_templates.clear();
            m_hosts.clear();
            if (!e) {
                for (const Person& p : *people)
                    m_people.append(QVariantMap{{QStringLiteral("name"), p.name},
                                                {QStringLiteral("displayName"), p.displayName},
                                                {QStringLiteral("role"), roleName(p.role)},
                                                {QStringLiteral("disabled"), p.disabled}});
                for (const StoredChecklist& c : *lists)
                    m_checklists.append(
                        QVariantMap{{QStringLiteral("id"), c.checklist.id},
                                    {QStringLiteral("title"), c.checklist.title},
                                    {QStringLiteral("version"), c.version},
                                    {QStringLiteral("steps"), int(c.checklist.steps.size())},
                                    {QStringLiteral("credentials"), int(c.checklist.credentials.size())}});
                for (const StoredChecklist& c : *lists) {
                    for (const QString& host : c.checklist.productionHosts) {
                        if (!m_hosts.contains(host))
                            m_hosts.append(host);
                    }
                    for (const CredentialTemplate& t : c.checklist.credentials)
                        m_templates.append(QVariantMap{{QStringLiteral("checklist"), c.checklist.id},
                                                       {QStringLiteral("id"), t.id},
                                                       {QStringLiteral("title"), t.title},
                                                       {QStringLiteral("environment"), environmentName(t.environment)},
                                                       {QStringLiteral("provider"), t.provider}});
                }
            }
            Q_EMIT changed();
        },
        false);
}

void AdminBackend::act(std::function<Error(Vault&)> work, const QString& confirmation)
{
    Session::instance()->performReported(this, std::move(work), confirmation);
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
    Session::instance()->perform(
        this,
        [parsed, outcome](Vault& v) {
            return ChecklistStore(v).import(*parsed->checklist, defaultClock().now(), outcome.get());
        },
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
    Session::instance()->perform(
        this,
        [credentialId, bytes, delivered](Vault& v) {
            return Credentials(v).setSecret(credentialId, *bytes, delivered.get());
        },
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
