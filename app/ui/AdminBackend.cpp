#include "AdminBackend.h"
#include "ExportPath.h"
#include "Formats.h"
#include "Session.h"

#include "Clock.h"
#include "SecureBytes.h"
#include "audit/AuditLog.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "credentials/Provider.h"
#include "credentials/ProviderConnections.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "onboarding/OnboardingRules.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "scan/VaultScan.h"
#include "vault/Backup.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QDate>
#include <QFileInfo>

#include <algorithm>

namespace onramp::ui {

namespace {

/// The audit log's last sequence (AuditLog::head), 0 when it cannot be read:
/// what a vault check saw, and what a later read of the lists compares with.
qint64 auditHeadOf(Vault& vault)
{
    qint64 sequence = 0;
    QByteArray hash;
    if (AuditLog::head(vault.db(), &sequence, &hash))
        return 0;
    return sequence;
}

} // namespace

AdminBackend::AdminBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_people, &m_checklists, &m_enrollments, &m_templates});
}

void AdminBackend::clear()
{
    show({}, {}, {}, {});
    setProblem({});
    // Locked: a check's report is of a vault no longer open here.
    if (!m_checkReport.isEmpty()) {
        m_checkReport.clear();
        m_checkWarnings.clear();
        m_checkStale = false;
        Q_EMIT maintenanceChanged();
    }
}

void AdminBackend::noteAuditHead(qint64 head)
{
    // A write since the check lengthened the log: the report no longer tells the vault as it is.
    if (m_checkReport.isEmpty() || m_maintaining || m_checkStale || head == m_checkedHead)
        return;
    m_checkStale = true;
    Q_EMIT maintenanceChanged();
}

void AdminBackend::read()
{
    auto people = std::make_shared<QList<Person>>();
    auto lists = std::make_shared<QList<StoredChecklist>>();
    auto enrollments = std::make_shared<QList<EnrollmentStatus>>();
    auto secrets = std::make_shared<QList<SecretState>>();
    auto handedOver = std::make_shared<QSet<QString>>();
    auto versions = std::make_shared<QHash<QString, QList<StoredChecklist>>>();
    auto connections = std::make_shared<QList<ProviderConnection>>();
    auto repairs = std::make_shared<QVariantList>();
    auto leaked = std::make_shared<QMap<QString, QDateTime>>();
    const auto readAll = [people, lists, enrollments, secrets, handedOver, versions, connections,
                          leaked](Vault& vault) {
        *people = vault.people();
        if (Error e = firstpassphrase::stillHanded(vault.db(), handedOver.get()))
            return e;
        if (Error e = ChecklistStore(vault).latest(lists.get()))
            return e;
        // Every version, for a move to any of them (back to an earlier one too).
        for (const StoredChecklist& latest : std::as_const(*lists)) {
            if (Error e = ChecklistStore(vault).versions(latest.checklist.id, &(*versions)[latest.checklist.id]))
                return e;
        }
        if (vault.holdsProductionKey()) {
            if (Error e = Credentials(vault).secretStates(secrets.get()))
                return e;
            if (Error e = ProviderConnections(vault, defaultClock()).list(connections.get()))
                return e;
            // What a scan found leaked since it was set: said beside the secret, as `cred list` says it.
            if (Error e = scan::VaultScan::leakedCredentials(vault, leaked.get()))
                return e;
        }
        return Enrollments(vault).visible(enrollments.get());
    };
    auto head = std::make_shared<qint64>(-1);
    load(
        [readAll, repairs, head](Vault& vault) {
            *head = auditHeadOf(vault);
            const Error e = readAll(vault);
            // A vault that fails its check: what setting a secret again
            // would repair (each act checks the whole vault again).
            if (e.kind == ErrorKind::Damaged && vault.holdsProductionKey()) {
                QStringList ids;
                QStringList unused;
                if (!Credentials(vault).secretsToSetAgain(&ids, &unused)) {
                    for (const QString& id : std::as_const(ids))
                        repairs->append(QVariantMap{{QStringLiteral("kind"), QStringLiteral("secret")},
                                                    {QStringLiteral("id"), id}});
                    for (const QString& id : std::as_const(unused))
                        repairs->append(QVariantMap{{QStringLiteral("kind"), QStringLiteral("unused")},
                                                    {QStringLiteral("id"), id}});
                }
                QStringList names;
                if (!ProviderConnections(vault, defaultClock()).toSetAgain(&names)) {
                    for (const QString& name : std::as_const(names)) {
                        Environment serves = Environment::Production;
                        if (ProviderConnections(vault, defaultClock()).environmentOf(name, &serves))
                            continue;
                        repairs->append(QVariantMap{{QStringLiteral("kind"), QStringLiteral("connection")},
                                                    {QStringLiteral("id"), name},
                                                    {QStringLiteral("environment"), environmentName(serves)}});
                    }
                }
            }
            return e;
        },
        [this, people, lists, enrollments, secrets, handedOver, versions, connections, repairs, leaked,
         head](const Error& e) {
            // Nothing of a load that failed is shown: the page says why.
            if (e)
                clear();
            else
                show(*people, *lists, *enrollments, *secrets, *handedOver, *versions, *connections, *leaked);
            setProblem(e, *repairs);
            if (!e)
                noteAuditHead(*head);
        });
}

void AdminBackend::setProblem(const Error& e, const QVariantList& repairs)
{
    const bool damaged = e.kind == ErrorKind::Damaged;
    const QString problem = e ? asSentence(e.message) : QString();
    if (problem == m_problem && damaged == m_damaged && repairs == m_repairs)
        return;
    m_problem = problem;
    m_damaged = damaged;
    m_repairs = repairs;
    Q_EMIT problemChanged();
}

void AdminBackend::show(const QList<Person>& people, const QList<StoredChecklist>& checklists,
                        const QList<EnrollmentStatus>& enrollments, const QList<SecretState>& secrets,
                        const QSet<QString>& handedOver, const QHash<QString, QList<StoredChecklist>>& versions,
                        const QList<ProviderConnection>& connections, const QMap<QString, QDateTime>& leaked)
{
    m_latest = checklists;
    m_versions = versions;
    m_statuses = enrollments;
    m_people.setPeople(people, handedOver);
    m_checklists.setChecklists(checklists, enrollments);
    m_enrollments.setEnrollments(enrollments);
    m_templates.setChecklists(checklists, secrets, connections, leaked);
    Q_EMIT changed();
}

void AdminBackend::countRecipients(const QString& credentialId)
{
    auto count = std::make_shared<int>(0);
    run([credentialId, count](Vault& vault) { return Credentials(vault).recipients(credentialId, count.get()); },
        [this, credentialId, count](const Error& e) { Q_EMIT recipientsCounted(credentialId, e ? -1 : *count); },
        false);
}

QString AdminBackend::checkAge() const
{
    if (m_checkReport.isEmpty() || !m_checkedAt.isValid())
        return {};
    return m_checkStale ? tr("Checked at %1. The vault has changed since: check it again to see it as it is now.")
                              .arg(listDate(m_checkedAt))
                        : tr("Checked at %1.").arg(listDate(m_checkedAt));
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
    // The admin typed it, so it is handed over: they choose their own at their first sign-in.
    act(
        [name, displayName, parsed, secret](Vault& v) {
            return People(v).add(name, displayName, *parsed, secret->view(), firstpassphrase::Handed::Given);
        },
        tr("Added %1 as %2. Hand the passphrase over in person: they choose their own at their first sign-in.")
            .arg(displayName.isEmpty() ? name : displayName, roleTitle(*parsed)));
}

void AdminBackend::disablePerson(const QString& name)
{
    // Told by the name the admin reads in the list, as the rest of the app does.
    act([name](Vault& v) { return People(v).disable(name); },
        tr("%1 is disabled; their passphrase opens nothing now. A passphrase reset enables them again.")
            .arg(m_people.shownNameOf(name)));
}

void AdminBackend::resetPassphrase(const QString& name, const QString& passphrase)
{
    QByteArray utf8 = passphrase.toUtf8();
    auto secret = std::make_shared<SecureBytes>(SecureBytes::copyOf(utf8));
    wipe(utf8);
    // A disabled person's reset enables them again: said, as the dialog asked it.
    act([name, secret](Vault& v) { return People(v).resetPassphrase(name, secret->view()); },
        m_people.isDisabled(name)
            ? tr("%1 is enabled again, with a new passphrase. Hand it over in person: they choose their own at "
                 "their next sign-in.")
                  .arg(m_people.shownNameOf(name))
            : tr("%1 has a new passphrase. Hand it over in person: they choose their own at their next sign-in.")
                  .arg(m_people.shownNameOf(name)));
}

void AdminBackend::importChecklist(const QUrl& file, bool acceptWeaker)
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    auto parsed = std::make_shared<ParseResult>(parseChecklistFile(path));
    if (!parsed->ok()) {
        Q_EMIT error(tr("%1 was not imported:\n%2").arg(path, parsed->errors.join(QLatin1Char('\n'))));
        return;
    }
    auto outcome = std::make_shared<ImportOutcome>();
    const WeakerVersion weaker = acceptWeaker ? WeakerVersion::Accept : WeakerVersion::Refuse;
    run(
        [parsed, outcome, weaker](Vault& v) {
            return ChecklistStore(v).import(*parsed->checklist, defaultClock().now(), outcome.get(), {}, weaker);
        },
        [this, parsed, outcome, path, file, weaker](const Error& e) {
            if (e && weaker == WeakerVersion::Refuse && !outcome->weakens.isEmpty()) {
                Q_EMIT weakerChecklist(file, parsed->checklist->title, outcome->version - 1, outcome->weakens);
                return;
            }
            if (e) {
                Q_EMIT error(tr("%1 was not imported: %2").arg(path, e.message));
                return;
            }
            // What came in, by the title people know it by, with its id.
            const Checklist& checklist = *parsed->checklist;
            if (outcome->unchanged)
                Q_EMIT done(tr("“%1” (%2) is unchanged: it stays at version %3.")
                                .arg(checklist.title, outcome->id)
                                .arg(outcome->version));
            else
                Q_EMIT done(
                    tr("Imported “%1” (%2) as version %3: %4, %5.")
                        .arg(checklist.title, outcome->id)
                        .arg(outcome->version)
                        // The counts as `onramp checklist import` says them, plural forms and all.
                        .arg(QCoreApplication::translate("onramp", "%n step(s)", nullptr, int(checklist.steps.size())),
                             QCoreApplication::translate("onramp", "%n credential(s)", nullptr,
                                                         int(checklist.credentials.size())))
                    + (outcome->weakens.isEmpty() ? QString()
                                                  : QLatin1Char(' ')
                               + tr("It weakens the gate: %1.").arg(outcome->weakens.join(QStringLiteral("; "))))
                    + stayBehindText(outcome->enrolledOnEarlier));
            Q_EMIT imported(outcome->id);
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
        [this, title = m_templates.titleOf(credentialId), delivered](const Error& e) {
            if (e)
                Q_EMIT error(e.message);
            else
                Q_EMIT done(
                    tr("The secret of %1 is set and sealed (%n hire(s) received it).", "", *delivered).arg(title));
        },
        true);
}

void AdminBackend::unsetSecret(const QString& credentialId)
{
    run([credentialId](Vault& v) { return Credentials(v).unsetSecret(credentialId); },
        [this, credentialId](const Error& e) {
            if (e)
                Q_EMIT error(e.message);
            else
                Q_EMIT done(tr("The kept secret of %1 is removed.").arg(credentialId));
        },
        true);
}

void AdminBackend::setConnection(const QString& name, const QString& dsn, const QString& password,
                                 const QString& environment, const QStringList& leftBehind)
{
    const std::optional<Environment> serves = environmentFromName(environment);
    if (!serves) {
        Q_EMIT error(tr("Choose what connection %1 serves: sandbox or production.").arg(name));
        return;
    }
    QByteArray utf8 = password.toUtf8();
    auto secret = std::make_shared<SecureBytes>(SecureBytes::copyOf(utf8));
    wipe(utf8);
    auto shown = std::make_shared<QString>();
    auto refusedFor = std::make_shared<QStringList>();
    run(
        [name, dsn, secret, serves, leftBehind, shown, refusedFor](Vault& v) {
            // libpq's own parser and the address policy, in the provider's module.
            const std::unique_ptr<Provider> postgresql = Providers::make(QStringLiteral("postgresql"));
            if (!postgresql)
                return Error(ErrorKind::Io, tr("This Onramp has no postgresql provider."));
            // The address's own refusal, said as the provider words it (the
            // form's field is the address: no "DSN of provider connection").
            ConnectionAddress address;
            if (Error e = postgresql->readConnection(dsn, &address))
                return e;
            ProviderSetOptions options;
            options.acceptPendingDrops = !leftBehind.isEmpty();
            options.acceptOnly = &leftBehind;
            options.refusedFor = refusedFor.get();
            return ProviderConnections(v, defaultClock())
                .setThrough(*postgresql, name, dsn, *secret, *serves, options, shown.get());
        },
        [this, name, dsn, shown, refusedFor](const Error& e) {
            if (e && !refusedFor->isEmpty()) {
                Q_EMIT connectionMoveRefused(name, dsn, *refusedFor);
                return;
            }
            if (e) {
                Q_EMIT error(tr("Connection %1 was not set. %2").arg(name, asSentence(e.message)));
                Q_EMIT connectionNotSet(name);
                return;
            }
            Q_EMIT done(
                tr("Connection %1 is set to %2; its password is sealed under the production key.").arg(name, *shown));
            Q_EMIT connectionSet(name);
        },
        true);
}

void AdminBackend::enroll(const QString& hire, const QString& checklistId, const QString& mentor,
                          const QString& startDate)
{
    if (const QString problem = dateProblem(startDate); !problem.isEmpty()) {
        Q_EMIT error(problem);
        return;
    }
    const QString trimmed = startDate.trimmed();
    const QDate start = trimmed.isEmpty() ? defaultClock().now().date() : QDate::fromString(trimmed, Qt::ISODate);
    // Asked for by the form, so the answer says what to do in the app, not at a command line.
    bool enrolledAlready = false;
    for (const EnrollmentStatus& s : std::as_const(m_statuses))
        enrolledAlready = enrolledAlready || s.hire.name == hire;
    run(
        [hire, checklistId, mentor, start](Vault& v) {
            retryPendingDrops(v);
            return Enrollments(v).enroll(hire, checklistId, mentor, start);
        },
        [this, hire, mentor, enrolledAlready](const Error& e) {
            if (e && enrolledAlready && e.kind == ErrorKind::InvalidInput)
                Q_EMIT error(tr("%1 is already enrolled. To put them on another checklist or version, pick "
                                "them in the list below and choose Move.")
                                 .arg(m_people.shownNameOf(hire)));
            else
                report(e,
                       tr("Enrolled %1 with mentor %2.").arg(m_people.shownNameOf(hire), m_people.shownNameOf(mentor)));
            if (!e)
                Q_EMIT enrolled(hire);
        },
        true);
}

QStringList AdminBackend::menteesOf(const QString& name) const
{
    QStringList out;
    for (const EnrollmentStatus& status : std::as_const(m_statuses))
        if (status.mentor.name == name && !status.hire.disabled)
            out.append(status.hire.shownName());
    return out;
}

QString AdminBackend::personNameProblem(const QString& name) const
{
    if (name.isEmpty())
        return {};
    if (const QString problem = Session::instance()->nameProblem(name); !problem.isEmpty())
        return problem;
    if (m_people.contains(name))
        return tr("Someone in this vault is already called '%1': pick another user name.").arg(name);
    return {};
}

QString AdminBackend::startDateWarning(const QString& text) const
{
    const QDate start = QDate::fromString(text.trimmed(), Qt::ISODate);
    if (!start.isValid())
        return {};
    const QDate today = defaultClock().now().date();
    const qint64 days = start.daysTo(today);
    if (days > 14)
        return tr("%1 is %n day(s) ago: every step will show as overdue at once. Enroll anyway, or pick a later "
                  "date.",
                  "", int(std::min<qint64>(days, 1000000)))
            .arg(sentenceDate(start));
    if (-days > 366)
        return tr("%1 is more than a year away: the hire's steps are not due until then. Enroll anyway, or pick an "
                  "earlier date.")
            .arg(sentenceDate(start));
    return {};
}

QString AdminBackend::dateProblem(const QString& text) const
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || QDate::fromString(trimmed, Qt::ISODate).isValid())
        return {};
    return tr("'%1' is not a date: type the start date as YYYY-MM-DD, such as %2, or pick it from the calendar.")
        .arg(trimmed, today());
}

QString AdminBackend::today() const
{
    return defaultClock().now().date().toString(Qt::ISODate);
}

void AdminBackend::editEnrollment(const QString& hire, const QString& mentor, const QString& startDate)
{
    const QDate start = QDate::fromString(startDate.trimmed(), Qt::ISODate);
    if (!start.isValid()) {
        Q_EMIT error(dateProblem(startDate.trimmed().isEmpty() ? QStringLiteral("?") : startDate));
        return;
    }
    run([hire, mentor, start](Vault& v) { return Enrollments(v).edit(hire, mentor, start); },
        [this, hire, mentor, start](const Error& e) {
            report(e,
                   tr("%1 now has the mentor %2 and starts on %3.")
                       .arg(m_people.shownNameOf(hire), m_people.shownNameOf(mentor), sentenceDate(start)));
        },
        true);
}

void AdminBackend::moveEnrollment(const QString& hire, const QString& checklistId, int version,
                                  const QStringList& acceptedWeakens)
{
    const auto before = std::find_if(m_statuses.cbegin(), m_statuses.cend(),
                                     [&](const EnrollmentStatus& s) { return s.hire.name == hire; });
    const int from = before == m_statuses.cend() ? 0 : before->checklistVersion;
    // Production access the hire had ends with the move: the notice says so, as the dialog did.
    const bool hadAccess = before != m_statuses.cend() && before->hasAccess();
    auto moved = std::make_shared<EnrollmentStatus>();
    auto outcome = std::make_shared<MoveOutcome>();
    auto unseen = std::make_shared<bool>(false);
    run(
        [hire, checklistId, version, acceptedWeakens, moved, outcome, unseen](Vault& v) {
            // Exactly the weakenings the admin was shown, compared in the
            // move's own transaction: any other list is refused, nothing moved.
            if (Error e = Enrollments(v).moveTo(hire, checklistId, version, WeakerVersion::Accept, outcome.get(),
                                                &acceptedWeakens)) {
                *unseen = !outcome->weakens.isEmpty() && outcome->weakens != acceptedWeakens;
                return e;
            }
            return Enrollments(v).status(hire, moved.get());
        },
        [this, hire, checklistId, moved, from, hadAccess, outcome, unseen](const Error& e) {
            // Nothing moved: the admin reads how the gate would be lowered
            // and is asked, for exactly the version compared.
            if (e && *unseen) {
                Q_EMIT weakerMove(hire, m_people.shownNameOf(hire), checklistId, outcome->version,
                                  outcome->checklistTitle, outcome->fromChecklistTitle, outcome->fromVersion,
                                  outcome->weakens);
                return;
            }
            // Told by the name the admin reads in the list, as the rest of the app does.
            const QString name = e ? m_people.shownNameOf(hire) : moved->hire.shownName();
            QString said;
            if (!checklistId.isEmpty())
                said =
                    tr("Moved %1 to “%2”, version %3.").arg(name, moved->checklistTitle).arg(moved->checklistVersion);
            else if (moved->checklistVersion < from)
                said = tr("Moved %1 back to version %2 of their checklist.")
                           .arg(name, QString::number(moved->checklistVersion));
            else
                said = tr("Moved %1 to version %2 of their checklist.")
                           .arg(name, QString::number(moved->checklistVersion));
            if (!e && hadAccess)
                said += QLatin1Char(' ')
                    + tr("Their production access ended with the move: %1 signs off again before it opens.")
                          .arg(moved->mentor.shownName());
            if (!outcome->weakens.isEmpty())
                said +=
                    QLatin1Char(' ') + tr("It weakens the gate: %1.").arg(outcome->weakens.join(QStringLiteral("; ")));
            report(e, said);
        },
        true);
}

const StoredChecklist* AdminBackend::storedVersion(const QString& checklistId, int version) const
{
    const auto all = m_versions.constFind(checklistId);
    if (all == m_versions.cend() || all->isEmpty())
        return nullptr;
    if (version == 0)
        return &all->constLast();
    const auto found =
        std::find_if(all->cbegin(), all->cend(), [&](const StoredChecklist& c) { return c.version == version; });
    return found == all->cend() ? nullptr : &*found;
}

QVariantList AdminBackend::versionChoices(const QString& hire) const
{
    const auto status = std::find_if(m_statuses.cbegin(), m_statuses.cend(),
                                     [&](const EnrollmentStatus& s) { return s.hire.name == hire; });
    QVariantList choices;
    if (status == m_statuses.cend())
        return choices;
    const QList<StoredChecklist> all = m_versions.value(status->checklistId);
    for (auto it = all.crbegin(); it != all.crend(); ++it) {
        if (it->version == status->checklistVersion)
            continue;
        const bool older = it->version < status->checklistVersion;
        const QString imported = sentenceDate(it->importedAt.toLocalTime().date());
        const QString label = it == all.crbegin() ? tr("Version %1, the latest (of %2)").arg(it->version).arg(imported)
            : older                               ? tr("Version %1, earlier (of %2)").arg(it->version).arg(imported)
                                                  : tr("Version %1 (of %2)").arg(it->version).arg(imported);
        choices.append(QVariantMap{{QStringLiteral("version"), it->version},
                                   {QStringLiteral("label"), label},
                                   {QStringLiteral("older"), older}});
    }
    return choices;
}

QVariantList AdminBackend::moveTargets(const QString& hire) const
{
    const auto status = std::find_if(m_statuses.cbegin(), m_statuses.cend(),
                                     [&](const EnrollmentStatus& s) { return s.hire.name == hire; });
    QVariantList targets;
    if (status == m_statuses.cend())
        return targets;
    for (int row = 0; row < m_checklists.rowCount(); ++row) {
        const QModelIndex index = m_checklists.index(row);
        const QString id = index.data(ChecklistListModel::ChecklistIdRole).toString();
        if (id != status->checklistId)
            targets.append(QVariantMap{{QStringLiteral("checklistId"), id},
                                       {QStringLiteral("label"), index.data(ChecklistListModel::LabelRole)}});
    }
    return targets;
}

QStringList AdminBackend::doneStepsDroppedByMove(const QString& hire) const
{
    QStringList dropped;
    for (const EnrollmentStatus& s : m_statuses) {
        if (s.hire.name != hire)
            continue;
        for (const StoredChecklist& latest : m_latest) {
            if (latest.checklist.id != s.checklistId)
                continue;
            for (const StepView& step : s.steps) {
                if (step.done && !latest.checklist.step(step.step.id))
                    dropped.append(step.step.title);
            }
        }
    }
    return dropped;
}

QVariantMap AdminBackend::stepsChangedByMove(const QString& hire) const
{
    for (const EnrollmentStatus& s : m_statuses) {
        if (s.hire.name != hire)
            continue;
        for (const StoredChecklist& latest : m_latest) {
            if (latest.checklist.id != s.checklistId)
                continue;
            QList<Step> from;
            for (const StepView& step : s.steps)
                from.append(step.step);
            return stepChanges(from, latest.checklist.steps);
        }
    }
    return stepChanges({}, {});
}

QVariantList AdminBackend::hireChoices() const
{
    QVariantList choices;
    const QVariantList hires = m_people.choices(Role::Hire);
    for (const QVariant& choice : hires) {
        const QString name = choice.toMap().value(QStringLiteral("name")).toString();
        if (std::none_of(m_statuses.cbegin(), m_statuses.cend(),
                         [&](const EnrollmentStatus& s) { return s.hire.name == name; }))
            choices.append(choice);
    }
    return choices;
}

QVariantMap AdminBackend::moveWording(const QString& hire, const QString& checklistId, int version) const
{
    const auto status = std::find_if(m_statuses.cbegin(), m_statuses.cend(),
                                     [&](const EnrollmentStatus& s) { return s.hire.name == hire; });
    if (status == m_statuses.cend())
        return {};
    const QString targetId = checklistId.isEmpty() ? status->checklistId : checklistId;
    const bool other = targetId != status->checklistId;
    const StoredChecklist* stored = storedVersion(targetId, version);
    if (!stored || (!other && stored->version == status->checklistVersion))
        return {};
    const Checklist& target = stored->checklist;
    const int from = status->checklistVersion;
    const int to = stored->version;
    // How the target lowers the gate of the hire's own version: said here,
    // so that the one question asks it (moveEnrollment() moves only then).
    const StoredChecklist* own = storedVersion(status->checklistId, from);
    const QStringList weakens = own ? ChecklistStore::weakenings(own->checklist, target) : QStringList();
    const bool back = !other && to < from;
    const QString name = status->hire.shownName();
    const QString mentor = status->mentor.shownName();

    // Approvals do not carry over: a done step the target has stays done
    // when it needs no review there, and otherwise waits for one again.
    QStringList kept;
    QStringList keptForReview;
    QStringList removed;
    QStringList removedDone;
    QStringList sentBack;
    QStringList reworded;
    QStringList approvedNow;
    bool reviewed = false;
    for (const StepView& step : status->steps) {
        const Step* there = target.step(step.step.id);
        const bool stays = there != nullptr;
        if (stays && step.status() == StepStatus::SentBack)
            sentBack.append(step.step.title);
        if (stays && !onboarding::sameWords(*there, step.step))
            reworded.append(there->title == step.step.title
                                ? tr("“%1”").arg(step.step.title)
                                : tr("“%1” (now “%2”)", "a step renamed: its title now, then the new one")
                                      .arg(step.step.title, there->title));
        if (stays && step.approved)
            approvedNow.append(step.step.title);
        if (stays && step.done)
            (there->signoff ? keptForReview : kept).append(step.step.title);
        if (!stays)
            removed.append(step.step.title);
        if (!stays && step.done)
            removedDone.append(step.step.title);
        reviewed = reviewed || step.approved;
    }
    QStringList added;
    for (const Step& step : target.steps) {
        if (std::none_of(status->steps.cbegin(), status->steps.cend(),
                         [&](const StepView& v) { return v.step.id == step.id; }))
            added.append(step.title);
    }

    QStringList text;
    if (other) {
        text.append(tr("%1 moves from the checklist “%2” (version %3) to “%4” (version %5).")
                        .arg(name, status->checklistTitle, QString::number(from), target.title, QString::number(to)));
        if (!added.isEmpty())
            text.append(tr("Only on “%1”, still to do: %2.").arg(target.title, quotedTitles(added)));
        if (!kept.isEmpty())
            text.append(tr("Done steps that “%1” has too (the same step id) stay done: %2.")
                            .arg(target.title, quotedTitles(kept)));
        if (!keptForReview.isEmpty())
            text.append(tr("Done steps that “%1” has too and %2 reviews stay marked done and wait for their "
                           "review there; they count as done once approved: %3.")
                            .arg(target.title, mentor, quotedTitles(keptForReview)));
        if (kept.isEmpty() && keptForReview.isEmpty() && removedDone.isEmpty())
            text.append(tr("%1 has done no step yet, so nothing done is lost.").arg(name));
        if (!removed.isEmpty()) {
            QString gone = tr("“%1” does not have %2.").arg(target.title, quotedTitles(removed));
            if (!removedDone.isEmpty())
                gone += u' ' + tr("Done marks on those steps are dropped: %1.").arg(quotedTitles(removedDone));
            text.append(gone);
        }
    } else {
        text.append(back ? tr("The checklist “%1” of %2 moves back from version %3 to the earlier version %4.")
                               .arg(status->checklistTitle, name, QString::number(from), QString::number(to))
                         : tr("The checklist “%1” of %2 moves from version %3 to version %4.")
                               .arg(status->checklistTitle, name, QString::number(from), QString::number(to)));
        if (!added.isEmpty())
            text.append(back ? tr("Only in version %1, still to do: %2.").arg(QString::number(to), quotedTitles(added))
                             : tr("New in version %1, still to do: %2.").arg(QString::number(to), quotedTitles(added)));
        if (!kept.isEmpty())
            text.append(back ? tr("Done steps that version %1 has too stay done: %2.")
                                   .arg(QString::number(to), quotedTitles(kept))
                             : tr("Done steps that version %1 still has stay done: %2.")
                                   .arg(QString::number(to), quotedTitles(kept)));
        if (!keptForReview.isEmpty())
            text.append(tr("Done steps that %1 reviews stay marked done and wait for their review on version "
                           "%2; they count as done once approved: %3.")
                            .arg(mentor, QString::number(to), quotedTitles(keptForReview)));
        if (kept.isEmpty() && keptForReview.isEmpty() && removedDone.isEmpty())
            text.append(tr("%1 has done no step yet, so nothing done is lost.").arg(name));
        if (!removed.isEmpty()) {
            QString gone = back ? tr("Version %1 does not have %2: removed from the checklist of %3.")
                                      .arg(QString::number(to), quotedTitles(removed), name)
                                : tr("Version %1 no longer has %2: removed from the checklist of %3.")
                                      .arg(QString::number(to), quotedTitles(removed), name);
            if (!removedDone.isEmpty())
                gone += u' ' + tr("Done marks on removed steps go with them: %1.").arg(quotedTitles(removedDone));
            text.append(gone);
        }
    }
    // A request for changes ends with no move (onboarding::statusOf): it
    // grants nothing, and the hire still has the changes to make.
    if (!reworded.isEmpty() && !other)
        text.append(tr("Version %1 changes the wording of these steps, and each step's page shows %2 what changed: "
                       "%3.")
                        .arg(QString::number(to), name, reworded.join(tr(", "))));
    if (!sentBack.isEmpty() && !other)
        text.append(tr("Steps with changes asked keep them, with the comment, until %1 reviews them again: "
                       "%2.")
                        .arg(mentor, quotedTitles(sentBack)));
    if (!kept.isEmpty() || !keptForReview.isEmpty())
        text.append(tr("After the move: %1 of %n steps done.", "", int(target.steps.size())).arg(kept.size()));
    const bool signedOff = status->decision.allowed;
    if (back) {
        // The enrollment may have been on that version before: what was
        // approved there then stays on record but counts for nothing now
        // (the move's entry names the last review and sign-off before it).
        QString approvals = tr("A move back brings no approval back: whatever was approved or signed off on "
                               "version %1 the last time %2 was on it still counts for nothing. Only reviews and "
                               "a sign-off given after this move count: %3 reviews the done steps that need an "
                               "approval again, and signs off again.")
                                .arg(QString::number(to), name, mentor);
        if (!approvedNow.isEmpty())
            approvals += u' ' + tr("Approvals that end now: %1.").arg(quotedTitles(approvedNow));
        text.append(approvals);
    } else if (reviewed || signedOff) {
        // The sign-off only where there is one to speak of.
        QString approvals = other && signedOff
            ? tr("Approvals and the sign-off were given on “%1” and end with it: %2 reviews the steps that need "
                 "an approval again on “%3”, and signs off again.")
                  .arg(status->checklistTitle, mentor, target.title)
            : other ? tr("Approvals were given on “%1” and end with it: %2 reviews the steps that need an approval "
                         "again on “%3”.")
                          .arg(status->checklistTitle, mentor, target.title)
            : signedOff ? tr("Approvals and the sign-off given on version %1 do not carry over: %2 reviews the "
                             "steps that need an approval again on version %3, and signs off again.")
                              .arg(QString::number(from), mentor, QString::number(to))
                        : tr("Approvals given on version %1 do not carry over: %2 reviews the steps that need an "
                             "approval again on version %3.")
                              .arg(QString::number(from), mentor, QString::number(to));
        if (!approvedNow.isEmpty())
            approvals += u' ' + tr("Approvals that end now: %1.").arg(quotedTitles(approvedNow));
        text.append(approvals);
    } else {
        text.append(other ? tr("No step is approved yet, so no approval is lost: %1 reviews the steps of “%2”.")
                                .arg(mentor, target.title)
                          : tr("No step is approved yet, so no approval is lost: %1 reviews the steps of version %2.")
                                .arg(mentor, QString::number(to)));
    }
    if (!weakens.isEmpty()) {
        QStringList lines{
            other ? tr("This move weakens the gate. Compared with version %1 of “%2”, “%3” (version %4):")
                        .arg(QString::number(from), status->checklistTitle, target.title, QString::number(to))
                  : tr("This move weakens the gate. Compared with version %1, version %2:").arg(from).arg(to)};
        for (const QString& weakening : weakens)
            lines.append(tr("• %1").arg(weakening));
        lines.append(tr("Move %1 only if you mean to lower the gate for them; the audit log will name these changes.")
                         .arg(name));
        // First, before what moves: it is what the question is about.
        text.insert(1, lines.join(u'\n'));
    }
    QVariantMap wording{{QStringLiteral("text"), text.join(QStringLiteral("\n\n"))},
                        {QStringLiteral("version"), to},
                        {QStringLiteral("weakens"), weakens}};
    const bool weaker = !weakens.isEmpty();
    // Said above the rest, framed, and in the button: the one thing a move takes away at once.
    // Signed off but since revoked: there is no access left to end.
    const bool endsAccess = status->hasAccess();
    // Signed off, but the grants have run out (the lists say "expired"): what ends is the sign-off.
    if (endsAccess && status->productionExpired)
        wording.insert(QStringLiteral("accessWarning"),
                       back ? tr("%1 is signed off for production; their credentials have run out, and a renewal would "
                                 "give access back. This move ends the sign-off at once: production opens again only "
                                 "once %2 approves the steps on version %3 and signs off again.")
                                  .arg(name, mentor, QString::number(to))
                            : tr("%1 is signed off for production; their credentials have run out, and a renewal would "
                                 "give access back. This move ends the sign-off at once: production opens again only "
                                 "once %2 approves the steps on the new version and signs off again.")
                                  .arg(name, mentor));
    else if (endsAccess)
        wording.insert(QStringLiteral("accessWarning"),
                       back ? tr("%1 has production access now, and this move ends it at once. Production opens "
                                 "again only once %2 approves the steps on version %3 and signs off again.")
                                  .arg(name, mentor, QString::number(to))
                            : tr("%1 has production access now, and this move ends it at once. Production opens "
                                 "again only once %2 approves the steps on the new version and signs off again.")
                                  .arg(name, mentor));
    if (other) {
        wording.insert(QStringLiteral("title"), tr("Move %1 to “%2”?").arg(name, target.title));
        wording.insert(QStringLiteral("confirm"),
                       weaker && endsAccess ? tr("Move to “%1” anyway and end production access").arg(target.title)
                           : weaker         ? tr("Move to “%1” anyway").arg(target.title)
                           : endsAccess     ? tr("Move to “%1” and end production access").arg(target.title)
                                            : tr("Move to “%1”").arg(target.title));
        wording.insert(QStringLiteral("cancel"), tr("Stay on “%1”").arg(status->checklistTitle));
    } else if (back) {
        wording.insert(QStringLiteral("title"), tr("Move %1 back to version %2?").arg(name, QString::number(to)));
        wording.insert(QStringLiteral("confirm"),
                       weaker && endsAccess ? tr("Move back to version %1 anyway and end production access").arg(to)
                           : weaker         ? tr("Move back to version %1 anyway").arg(to)
                           : endsAccess     ? tr("Move back to version %1 and end production access").arg(to)
                                            : tr("Move back to version %1").arg(to));
        wording.insert(QStringLiteral("cancel"), tr("Stay on version %1").arg(from));
    } else {
        wording.insert(QStringLiteral("title"), tr("Move %1 to version %2?").arg(name, QString::number(to)));
        wording.insert(QStringLiteral("confirm"),
                       weaker && endsAccess ? tr("Move to version %1 anyway and end production access").arg(to)
                           : weaker         ? tr("Move to version %1 anyway").arg(to)
                           : endsAccess     ? tr("Move to version %1 and end production access").arg(to)
                                            : tr("Move to version %1").arg(to));
        wording.insert(QStringLiteral("cancel"), tr("Stay on version %1").arg(from));
    }
    return wording;
}

QVariantMap AdminBackend::stepChanges(const QList<Step>& from, const QList<Step>& to)
{
    const auto missingFrom = [](const QList<Step>& steps, const QList<Step>& others) {
        QStringList titles;
        for (const Step& step : steps) {
            if (std::none_of(others.begin(), others.end(), [&](const Step& o) { return o.id == step.id; }))
                titles.append(step.title);
        }
        return titles;
    };
    return {{QStringLiteral("added"), missingFrom(to, from)}, {QStringLiteral("removed"), missingFrom(from, to)}};
}

void AdminBackend::checkVault()
{
    if (m_maintaining)
        return;
    m_maintaining = true;
    m_checkReport.clear();
    m_checkWarnings.clear();
    m_checkPassed = false;
    Q_EMIT maintenanceChanged();
    auto report = std::make_shared<QStringList>();
    auto head = std::make_shared<qint64>(-1);
    run(
        [report, head](Vault& vault) {
            *head = auditHeadOf(vault);
            return vault.check(report.get(), defaultClock().now());
        },
        [this, report, head](const Error& e) {
            m_maintaining = false;
            m_checkPassed = !e;
            m_checkWarnings.clear();
            m_checkedAt = defaultClock().now();
            m_checkedHead = *head;
            m_checkStale = false;
            QStringList lines = *report;
            // The database's own checks are named by their pragmas, which the
            // command line keeps for those who search SQLite's docs; a page says
            // what they found in words.
            const QString cipherOk = QCoreApplication::translate("onramp", "cipher_integrity_check: ok");
            const QString sqliteOk = QCoreApplication::translate("onramp", "integrity_check: ok");
            // What stands for %1 in \a line when it reads as the command line's
            // \a source says it; a null string otherwise.
            const auto argIn = [](const QString& line, const char* source) {
                const QStringList around = QCoreApplication::translate("onramp", source).split(QStringLiteral("%1"));
                if (around.size() != 2 || line.size() <= around.at(0).size() + around.at(1).size()
                    || !line.startsWith(around.at(0)) || !line.endsWith(around.at(1)))
                    return QString();
                return line.mid(around.at(0).size(), line.size() - around.at(0).size() - around.at(1).size());
            };
            // The count in \a line as argIn() reads it; -1 otherwise.
            const auto countIn = [&argIn](const QString& line, const char* source) {
                bool number = false;
                const int n = argIn(line, source).toInt(&number);
                return number ? n : -1;
            };
            QStringList shown;
            for (QString line : std::as_const(lines)) {
                if (line == cipherOk)
                    line = tr("Database encryption: intact, every page as it was written");
                else if (line == sqliteOk)
                    line = tr("Database structure: intact");
                else if (const int entries = countIn(line, "audit log: %1 entries verified"); entries >= 0)
                    line = tr("Audit log: %n entries, each signed and in order", "", entries);
                else if (const int records = countIn(line, "authority: %1 records agree with the signed log");
                         records >= 0)
                    line = tr("Records: all %n agree with the signed audit log", "", records);
                else if (const QString handed =
                             argIn(line,
                                   "production key: sealed into the handed-over slot of %1 since it was last "
                                   "rotated; whoever saw that passphrase and copied the key file then can open "
                                   "it: rotate it (onramp vault rotate-production-key) once they have chosen "
                                   "their own");
                         !handed.isNull()) {
                    m_checkWarnings.append(
                        tr("Production key: still the one sealed into the handed-over slot of %1. Whoever saw "
                           "that passphrase and copied the key file can open it. Once they have chosen their own "
                           "passphrase, rotate it under Production key.")
                            .arg(handed));
                    continue;
                }
                shown.append(line);
            }
            if (e)
                shown.append(tr("Problem found: %1").arg(e.message));
            // The verdict first, so that what follows reads as its grounds.
            shown.prepend(e                               ? tr("The vault failed its check.")
                              : m_checkWarnings.isEmpty() ? tr("The vault passed its check.")
                                                          : tr("The vault passed its check, with %n thing(s) to act on "
                                                               "below.",
                                                               "", int(m_checkWarnings.size())));
            m_checkReport = shown.join(QLatin1Char('\n'));
            Q_EMIT maintenanceChanged();
        },
        false);
}

void AdminBackend::rotateProductionKey()
{
    if (m_maintaining)
        return;
    m_maintaining = true;
    Q_EMIT maintenanceChanged();
    run([](Vault& vault) { return People(vault).rotateProductionKey(); },
        [this](const Error& e) {
            m_maintaining = false;
            // The check's words on the production key no longer hold.
            if (!e && !m_checkReport.isEmpty())
                m_checkStale = true;
            Q_EMIT maintenanceChanged();
            if (e)
                Q_EMIT error(tr("The production key was not rotated: %1").arg(e.message));
            else
                Q_EMIT done(tr("Rotated the production key: every production secret is kept under the new one, "
                               "sealed to each admin and mentor. A key copied before opens none of them."));
        },
        false);
}

void AdminBackend::backUpTo(const QUrl& file)
{
    if (m_maintaining)
        return;
    // The folder checked before anything is read: a wrong one costs nothing.
    const SavePath target = exportTarget(file, QStringLiteral("onramp"));
    if (!target.error.isEmpty()) {
        Q_EMIT error(target.error);
        return;
    }
    const QString path = target.path;
    // The save dialog asked before a file was replaced.
    const bool replace = QFileInfo::exists(path);
    m_maintaining = true;
    Q_EMIT maintenanceChanged();
    auto taken = std::make_shared<backup::Contents>();
    run([path, replace,
         taken](Vault& vault) { return backup::take(vault, path, replace, defaultClock().now(), taken.get()); },
        [this, path, taken](const Error& e) {
            m_maintaining = false;
            // Its vault.backup entry lengthens the audit log a check counted.
            if (!e && !m_checkReport.isEmpty())
                m_checkStale = true;
            Q_EMIT maintenanceChanged();
            if (e)
                Q_EMIT error(tr("Nothing was backed up: %1").arg(e.message));
            else
                Q_EMIT done(tr("Backed up the vault (up to audit entry %1) to %2, readable by you only.")
                                .arg(taken->headSequence)
                                .arg(path));
        },
        true); // its vault.backup entry: the audit page reads it
}

QUrl AdminBackend::backupFileSuggestion() const
{
    const QDate today = defaultClock().now().toLocalTime().date();
    return exportFileUrl(QStringLiteral("onramp-backup-%1.onramp").arg(today.toString(Qt::ISODate)));
}

} // namespace onramp::ui
