// The team module: the handlers of the commands that talk to a team server,
// built as a library of their own (lib/onramp/libonramp_team.so) that
// `onramp` loads only to run `team init` (its Command::library) and the
// commands' library only for the commands that also work on a team server,
// when one is selected (TeamCommands.cpp), so that libpq and what it pulls
// in load for them alone.
#include "CliMain.h"
#include "Command.h"
#include "SecretFile.h"
#include "TeamCommands.h"

#include "Clock.h"
#include "PgConnection.h"
#include "PlainText.h"
#include "ServerAddress.h"
#include "TeamAccess.h"
#include "TeamCredentials.h"
#include "TeamGrants.h"
#include "TeamOnboarding.h"
#include "TeamProductionKey.h"
#include "TeamSetup.h"
#include "TeamWatch.h"
#include "audit/AuditLog.h"
#include "checklist/Checklist.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/EnrollmentStatus.h"
#include "onboarding/Signatures.h"
#include "vault/Vault.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QtGlobal>

#include <functional>
#include <thread>

#include <libpq-fe.h>

namespace onramp::cli {

namespace {

// Text from the server is others' words: a tab, a line break or a terminal
// sequence in a name would make columns, lines or commands of its own.
using text::printable;

/// The team server at \a url (--server, ONRAMP_SERVER or team init's URL)
/// and the team id its database names.
Error teamServer(Context& c, const QString& url, server::ServerAddress* address, QString* teamId)
{
    if (url.isEmpty())
        return {ErrorKind::Usage,
                Tr::tr("'%1' needs the team server: give --server URL or set ONRAMP_SERVER").arg(c.command().name())};
    if (Error e = server::ServerAddress::parse(url, address))
        return e;
    return server::requireTeamId(*address, teamId);
}

/// Signs in the person --as names at the selected server with \a passphrase.
/// A person who still holds a handed-over passphrase is refused for every
/// command but `passphrase change`.
Error signInWith(Context& c, QByteArrayView passphrase, server::ServerAddress* address, server::SignedIn* me)
{
    const QString name = c.actor();
    if (name.isEmpty())
        return {ErrorKind::Usage, Tr::tr("'%1' needs --as NAME (who signs in)").arg(c.command().name())};
    QString teamId;
    if (Error e = teamServer(c, selectedServer(c.args()), address, &teamId))
        return e;
    if (Error e = server::signIn(*address, name, passphrase, me))
        return e;
    if (me->passphraseHandedOver && c.command().name() != QLatin1String("passphrase change")) {
        *me = server::SignedIn();
        return {ErrorKind::NotPermitted,
                Tr::tr("%1 still has the passphrase they were handed; choose your own first: onramp --server URL "
                       "passphrase change --as %1 --new-passphrase-file FILE")
                    .arg(name)};
    }
    return {};
}

/// signInWith() the passphrase the command line gives (--passphrase-file,
/// ONRAMP_PASSPHRASE or the terminal).
Error signInAs(Context& c, server::ServerAddress* address, server::SignedIn* me)
{
    if (c.actor().isEmpty())
        return {ErrorKind::Usage, Tr::tr("'%1' needs --as NAME (who signs in)").arg(c.command().name())};
    Error error;
    const std::optional<SecureBytes> passphrase = c.passphrase(&error);
    if (!passphrase)
        return error;
    return signInWith(c, passphrase->view(), address, me);
}

/// The preamble of every handler that acts as the person --as names:
/// signInAs(), a refusal failing the command; then \a act with the
/// server's address and the person signed in.
int runSignedIn(Context& c, const std::function<int(const server::ServerAddress&, server::SignedIn&)>& act)
{
    server::ServerAddress address;
    server::SignedIn me;
    if (Error e = signInAs(c, &address, &me))
        return c.fail(e);
    return act(address, me);
}

/// The new passphrase (--new-passphrase-file): the one an admin hands over,
/// or a person's own choice. Held to the rule for new passphrases and read
/// before anyone signs in, so that a bad file costs no key derivation.
Error newPassphrase(Context& c, std::optional<SecureBytes>* out)
{
    Error error;
    *out = c.passphraseFromFileOption(QStringLiteral("new-passphrase-file"), &error);
    if (!*out)
        return error;
    return Vault::checkNewPassphrase((*out)->view());
}

/// The server of a team command that takes it as its operand URL or as
/// --server (ONRAMP_SERVER): refused when both name different servers.
Error serverOperand(Context& c, QString* url)
{
    const QString operand = c.operand(0);
    const QString option = selectedServer(c.args());
    if (!operand.isEmpty() && c.has(QStringLiteral("server")) && option != operand)
        return {ErrorKind::Usage,
                Tr::tr("'%1' takes the server once: as URL or as --server, not both").arg(c.command().name())};
    *url = operand.isEmpty() ? option : operand;
    return {};
}

/// The setup role's connection at \a address and the watch started on it.
Error startWatch(const server::ServerAddress& address, std::unique_ptr<server::PgConnection>* connection,
                 server::TeamWatch* watch)
{
    std::unique_ptr<server::PgConnection> opened;
    server::TeamWatch started;
    if (Error e = server::PgConnection::connectSetupRole(address, &opened))
        return e;
    if (Error e = server::TeamWatch::start(*opened, &started))
        return e;
    *connection = std::move(opened);
    *watch = std::move(started);
    return {};
}

int runTeamInit(Context& c)
{
    QString url;
    if (Error e = serverOperand(c, &url))
        return c.fail(e);
    const QString admin = c.option(QStringLiteral("admin"));
    if (admin.isEmpty())
        return c.fail(ErrorKind::Usage, Tr::tr("'team init' needs --admin NAME (the first admin)"));
    server::ServerAddress address;
    QString teamId;
    if (Error e = teamServer(c, url, &address, &teamId))
        return c.fail(e);
    Error error;
    const std::optional<SecureBytes> passphrase = c.passphrase(&error);
    if (!passphrase)
        return c.fail(error);
    if (Error e = Vault::checkNewPassphrase(passphrase->view()))
        return c.fail(e);
    server::TeamInitOutcome outcome = server::TeamInitOutcome::Created;
    if (Error e = server::initTeam(address, admin, c.option(QStringLiteral("display")), passphrase->view(), &outcome))
        return c.fail(e);
    if (outcome == server::TeamInitOutcome::AlreadySetUp)
        c.out() << Tr::tr("The team %1 on %2 is set up already with admin %3; nothing changed.")
                       .arg(teamId, address.displayName(), admin)
                << '\n';
    else
        c.out() << Tr::tr("Set up the team %1 on %2 with admin %3.").arg(teamId, address.displayName(), admin) << '\n';
    // What a setup role that is no superuser could not take from every role.
    std::unique_ptr<server::PgConnection> setup;
    QStringList open;
    if (Error e = server::PgConnection::connectSetupRole(address, &setup); !e)
        e = server::openToEveryRole(*setup, &open);
    if (!open.isEmpty())
        c.err() << Tr::tr("Warning: on %1 every role may still %2, and one login doing so by the thousand fills the "
                          "cluster's lock table or its disk. A superuser takes it away from PUBLIC in this database: "
                          "see docs/DEPLOYMENT.md, \"One login against the whole cluster\".")
                       .arg(address.displayName(), open.join(QStringLiteral(", ")))
                << '\n';
    return 0;
}

/// A whole number option from \a least to \a most, or \a fallback when not given.
Error boundedOption(Context& c, const QString& name, int least, int most, int fallback, int* out)
{
    *out = fallback;
    if (!c.has(name))
        return {};
    const QString text = c.option(name);
    bool ok = false;
    *out = text.toInt(&ok);
    if (ok && *out >= least && *out <= most)
        return {};
    return {ErrorKind::Usage,
            Tr::tr("--%1 needs a whole number from %2 to %3, not '%4'").arg(name).arg(least).arg(most).arg(text)};
}

/// team watch: the operator's watch over the lock table the cluster shares
/// (TeamWatch.h). It keeps one connection of the setup role and, every
/// --interval seconds, ends the sessions of each Onramp login whose sessions
/// hold more than --max-locks locks together; --once makes one pass. A lost connection is made again
/// at the next interval.
int runTeamWatch(Context& c)
{
    QString url;
    if (Error e = serverOperand(c, &url))
        return c.fail(e);
    int maxLocks = 0;
    int interval = 0;
    if (Error e = boundedOption(c, QStringLiteral("max-locks"), 16, 1000000, 256, &maxLocks))
        return c.fail(e);
    if (Error e = boundedOption(c, QStringLiteral("interval"), 1, 3600, 1, &interval))
        return c.fail(e);
    const bool once = c.has(QStringLiteral("once"));
    server::ServerAddress address;
    QString teamId;
    if (Error e = teamServer(c, url, &address, &teamId))
        return c.fail(e);

    std::unique_ptr<server::PgConnection> connection;
    server::TeamWatch watch;
    if (Error e = startWatch(address, &connection, &watch))
        return c.fail(e);
    if (watch.preparedTransactions() > 0)
        c.err() << Tr::tr("Warning: %1 allows prepared transactions (max_prepared_transactions = %2): a login's "
                          "prepared transaction keeps its locks with no session the watch could end. Set it to 0.")
                       .arg(address.displayName())
                       .arg(watch.preparedTransactions())
                << '\n';
    if (!once) {
        c.out() << Tr::tr("Watching the team %1 on %2 every %n s: the sessions of an Onramp login that hold more "
                          "than %3 locks together are ended.",
                          nullptr, interval)
                       .arg(teamId, address.displayName())
                       .arg(maxLocks)
                << '\n';
        c.out().flush();
    }
    QString lastProblem; // said once, not at every interval
    for (;;) {
        if (!connection && !startWatch(address, &connection, &watch)) {
            lastProblem.clear();
            c.err() << Tr::tr("The watch is connected to %1 again.").arg(address.displayName()) << '\n';
        }
        QList<server::SessionOverLimit> over;
        Error error;
        if (connection)
            error = watch.pass(maxLocks, &over);
        for (const server::SessionOverLimit& session : std::as_const(over)) {
            const QString when = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
            if (session.ended)
                c.out() << Tr::tr("%1  ended the session of %2 (process %3, %4 locks): the login's sessions held %5 "
                                  "locks, more than %6")
                               .arg(when, printable(session.login))
                               .arg(session.pid)
                               .arg(session.locks)
                               .arg(session.loginLocks)
                               .arg(maxLocks)
                        << '\n';
            else
                c.err() << Tr::tr("%1  could not end the session of %2 (process %3, %4 locks) within 5 s: the "
                                  "login's sessions hold %5 locks, more than %6")
                               .arg(when, printable(session.login))
                               .arg(session.pid)
                               .arg(session.locks)
                               .arg(session.loginLocks)
                               .arg(maxLocks)
                        << '\n';
        }
        if (once) {
            if (error)
                return c.fail(error);
            if (over.isEmpty())
                c.out() << Tr::tr("None of the %n Onramp login(s) on %1 holds more than %2 locks.", nullptr,
                                  watch.logins())
                               .arg(address.displayName())
                               .arg(maxLocks)
                        << '\n';
            return 0;
        }
        if (connection && PQstatus(connection->handle()) != CONNECTION_OK) {
            // Made again at the next interval, once the server lets anyone in.
            c.err() << Tr::tr("The watch lost its connection to %1; it connects again every %n s.", nullptr, interval)
                           .arg(address.displayName())
                    << '\n';
            connection.reset();
        } else if (error && error.message != lastProblem) {
            c.err() << Tr::tr("A watch pass failed: %1").arg(error.message) << '\n';
        }
        lastProblem = error.message;
        c.out().flush();
        c.err().flush();
        std::this_thread::sleep_for(std::chrono::seconds(interval));
    }
}

int runWhoamiOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress& address, server::SignedIn& me) {
        if (c.json()) {
            c.printJson(QJsonObject{{QStringLiteral("name"), me.name},
                                    {QStringLiteral("display_name"), me.fullName},
                                    {QStringLiteral("role"), me.role},
                                    {QStringLiteral("server"), address.displayName()},
                                    {QStringLiteral("team"), me.teamId}},
                        QJsonDocument::Compact);
            return 0;
        }
        c.out() << Tr::tr("%1 (%2) in the team %3 on %4")
                       .arg(me.fullName.isEmpty() ? me.name : me.fullName, me.role, me.teamId, address.displayName())
                << '\n';
        return 0;
    });
}

int runPersonAddOnServer(Context& c)
{
    const QString role = c.option(QStringLiteral("role"));
    if (role != QLatin1String("hire") && role != QLatin1String("mentor") && role != QLatin1String("admin"))
        return c.fail(ErrorKind::Usage, Tr::tr("'person add' needs --role hire, mentor or admin"));
    std::optional<SecureBytes> handed;
    if (Error e = newPassphrase(c, &handed))
        return c.fail(e);
    return runSignedIn(c, [&](const server::ServerAddress& address, server::SignedIn& admin) {
        if (Error e = server::addPerson(admin, c.operand(0), role, c.option(QStringLiteral("display")), handed->view()))
            return c.fail(e);
        c.out() << Tr::tr("Added %1 (%2) to the team %3 on %4; they choose their own passphrase when they first "
                          "sign in.")
                       .arg(c.operand(0), role, admin.teamId, address.displayName())
                << '\n';
        return 0;
    });
}

int runPassphraseChangeOnServer(Context& c)
{
    if (c.actor().isEmpty())
        return c.fail(ErrorKind::Usage, Tr::tr("'%1' needs --as NAME (who signs in)").arg(c.command().name()));
    std::optional<SecureBytes> chosen;
    if (Error e = newPassphrase(c, &chosen))
        return c.fail(e);
    Error error;
    const std::optional<SecureBytes> current = c.passphrase(&error);
    if (!current)
        return c.fail(error);
    server::ServerAddress address;
    server::SignedIn me;
    if (Error e = signInWith(c, current->view(), &address, &me))
        return c.fail(e);
    if (Error e = server::changeOwnPassphrase(me, current->view(), chosen->view()))
        return c.fail(e);
    c.out() << Tr::tr("Changed the passphrase of %1 on %2.").arg(me.name, address.displayName()) << '\n';
    return 0;
}

// The whole log, end to end (server::verifyAudit): for admins and mentors,
// since row-level security shows a hire their own entries only.
int runAuditVerifyOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress& address, server::SignedIn& me) {
        if (me.role == QLatin1String("hire"))
            return c.fail(ErrorKind::NotPermitted,
                          Tr::tr("On a team server, 'audit verify' reads the whole audit log, which only admins and "
                                 "mentors may read; %1 is a hire.")
                              .arg(me.name));
        QList<server::ServerAuditEntry> entries;
        // Everyone the server lets sign in otherwise than the log says is named, not only the first.
        server::Unvouched unvouched;
        Error error = server::verifyAudit(me, &entries, nullptr, &unvouched);
        if (!error && !unvouched.isEmpty())
            error = server::unvouchedError(me.connection->serverName(), unvouched.firstKey(), unvouched.first());
        if (c.json()) {
            QJsonObject json{{QStringLiteral("ok"), !error}, {QStringLiteral("entries"), entries.size()}};
            if (error)
                json.insert(QStringLiteral("message"), error.message);
            QJsonArray people;
            for (auto it = unvouched.cbegin(); it != unvouched.cend(); ++it)
                people.append(QJsonObject{{QStringLiteral("name"), it.key()}, {QStringLiteral("role"), it.value()}});
            if (!people.isEmpty())
                json.insert(QStringLiteral("unvouched"), people);
            // Every bad entry, not only the first: one hides nothing after it.
            QJsonArray problems;
            for (const server::ServerAuditEntry& entry : std::as_const(entries))
                if (!entry.problem.isEmpty())
                    problems.append(QJsonObject{{QStringLiteral("seq"), entry.seq},
                                                {QStringLiteral("actor"), entry.actor},
                                                {QStringLiteral("action"), entry.action},
                                                {QStringLiteral("problem"), entry.problem},
                                                {QStringLiteral("set_aside"), entry.setAside}});
            if (!problems.isEmpty())
                json.insert(QStringLiteral("problems"), problems);
            c.printJson(json, QJsonDocument::Compact);
            return error ? exitCodeFor(ErrorKind::Damaged) : 0;
        }
        if (error) {
            const int code = c.fail(error);
            for (auto it = unvouched.cbegin(); it != unvouched.cend(); ++it)
                if (it != unvouched.cbegin())
                    c.err() << "onramp: "
                            << server::unvouchedError(me.connection->serverName(), it.key(), it.value()).message
                            << '\n';
            return code;
        }
        c.out() << Tr::tr("Audit log on %1 verified: %n entries, chained and signed, and every person who signs in "
                          "holds the key it gave them.",
                          nullptr, int(entries.size()))
                       .arg(address.displayName())
                << '\n';
        // An entry set aside (its signature alone fails): named, and counted for nothing.
        for (const server::ServerAuditEntry& entry : std::as_const(entries))
            if (entry.setAside)
                c.out() << Tr::tr("Not verified, set aside: entry %1 (by %2): %3; it counts for nothing.")
                               .arg(entry.seq)
                               .arg(printable(entry.actor), printable(entry.problem))
                        << '\n';
        return 0;
    });
}

// person list on a server: the people, each marked by whether the verified
// audit log vouches for them (server::listPeople; a hire's desk cannot read
// the log, so nothing it lists is vouched for).
int runPersonListOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        QList<server::ServerPerson> people;
        if (Error e = server::listPeople(me, &people))
            return c.fail(e);
        if (c.json()) {
            QJsonArray array;
            for (const server::ServerPerson& p : std::as_const(people))
                array.append(
                    QJsonObject{{QStringLiteral("name"), p.name},
                                {QStringLiteral("display_name"), p.fullName},
                                {QStringLiteral("role"), p.role},
                                {QStringLiteral("disabled"), !p.enabled},
                                {QStringLiteral("sign_public_key"), QString::fromLatin1(p.publicKey.toBase64())},
                                {QStringLiteral("verified"), p.vouched}});
            c.printJson(array, QJsonDocument::Compact);
            return 0;
        }
        for (const server::ServerPerson& p : std::as_const(people))
            c.out() << printable(p.name) << '\t' << printable(p.role) << '\t' << printable(p.fullName)
                    << (p.enabled ? QString() : Tr::tr("\t(disabled)"))
                    << (p.vouched ? QString() : Tr::tr("\t(not verified against the audit log)")) << '\n';
        return 0;
    });
}

// audit log on a server: the entries the signed-in person may see, as on a
// folder vault (an admin all of them, others their own), each checked
// first (server::readAudit); one that does not hold is shown marked, and
// the command then fails naming it (exit 6).
// A-Z folded to a-z and nothing else, as SQLite's lower() does for the folder
// vault's search: the same text finds the same entries on both stores.
QString asciiLower(QString text)
{
    for (QChar& c : text)
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + ('a' - 'A'));
    return text;
}

int runAuditLogOnServer(Context& c)
{
    AuditQuery query;
    if (Error e = auditQueryOf(c, &query))
        return c.fail(e);
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        const bool admin = me.role == QLatin1String("admin");
        if (!admin && !query.actor.isEmpty() && query.actor != me.name)
            return c.fail(ErrorKind::NotPermitted,
                          Tr::tr("%1 can see only their own audit trail; only an admin sees everyone's").arg(me.name));
        QList<server::ServerAuditEntry> read;
        const Error error = server::readAudit(me, &read);
        if (error && read.isEmpty())
            return c.fail(error);
        QList<server::ServerAuditEntry> entries;
        for (const server::ServerAuditEntry& entry : std::as_const(read))
            if ((admin || entry.actor == me.name) && (query.actor.isEmpty() || entry.actor == query.actor)
                && (query.action.isEmpty() || entry.action == query.action)
                && (!query.since.isValid() || QDateTime::fromString(entry.at, Qt::ISODateWithMs) >= query.since)
                && (query.text.isEmpty()
                    || asciiLower(entry.action + QLatin1Char(' ') + entry.actor + QLatin1Char(' ')
                                  + QString::fromUtf8(entry.content))
                           .contains(asciiLower(query.text))))
                entries.append(entry);
        if (query.newest > 0 && entries.size() > query.newest)
            entries.remove(0, entries.size() - query.newest);
        QJsonArray array;
        for (const server::ServerAuditEntry& entry : std::as_const(entries)) {
            const QJsonObject details = QJsonDocument::fromJson(entry.content).object();
            const QString subject = details.value(QStringLiteral("name")).toString();
            if (c.json()) {
                QJsonObject json{{QStringLiteral("seq"), entry.seq},
                                 {QStringLiteral("at"), entry.at},
                                 {QStringLiteral("actor"), entry.actor},
                                 {QStringLiteral("action"), entry.action},
                                 {QStringLiteral("subject"), subject},
                                 {QStringLiteral("details"), details},
                                 {QStringLiteral("prev_hash"), QString::fromLatin1(entry.prevHash.toBase64())},
                                 {QStringLiteral("hash"), QString::fromLatin1(entry.hash.toBase64())},
                                 {QStringLiteral("signature"), QString::fromLatin1(entry.signature.toBase64())},
                                 {QStringLiteral("verified"), entry.problem.isEmpty()}};
                if (!entry.problem.isEmpty())
                    json.insert(QStringLiteral("problem"), entry.problem);
                array.append(json);
                continue;
            }
            c.out() << entry.seq << '\t' << printable(entry.at) << '\t' << printable(entry.actor) << '\t'
                    << printable(entry.action) << '\t' << printable(subject) << '\t'
                    << printable(QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)))
                    << (entry.problem.isEmpty() ? QString() : Tr::tr("\t(not verified: %1)").arg(entry.problem))
                    << '\n';
        }
        if (c.json())
            c.printJson(array, QJsonDocument::Compact);
        if (error)
            return c.fail(error);
        return 0;
    });
}

int runPersonDisableOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress& address, server::SignedIn& admin) {
        if (Error e = server::disablePerson(admin, c.operand(0)))
            return c.fail(e);
        c.out() << Tr::tr("Disabled %1 on %2: they can no longer sign in, and their open sessions were ended. "
                          "'onramp passphrase reset %1' enables them again.")
                       .arg(c.operand(0), address.displayName())
                << '\n';
        return 0;
    });
}

int runRotateProductionKeyOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress& address, server::SignedIn& admin) {
        QStringList holders;
        if (Error e = server::rotateProductionKey(admin, &holders))
            return c.fail(e);
        c.out() << Tr::tr("Rotated the production key of %1: every production secret is kept under the new one, "
                          "sealed to %2.")
                       .arg(address.displayName(), holders.join(QStringLiteral(", ")))
                << '\n';
        return 0;
    });
}

int runPassphraseResetOnServer(Context& c)
{
    std::optional<SecureBytes> handed;
    if (Error e = newPassphrase(c, &handed))
        return c.fail(e);
    return runSignedIn(c, [&](const server::ServerAddress& address, server::SignedIn& admin) {
        if (Error e = server::resetPassphrase(admin, c.operand(0), handed->view()))
            return c.fail(e);
        c.out() << Tr::tr("Reset the passphrase of %1 on %2; they have a new key pair, their open sessions were "
                          "ended, and they choose their own passphrase at their next sign-in.")
                       .arg(c.operand(0), address.displayName())
                << '\n';
        return 0;
    });
}

// checklist import on a server: the file checked before anyone signs in,
// then a new version with the admin's signed entry (server::importChecklist).
int runChecklistImportOnServer(Context& c)
{
    int code = 0;
    const std::optional<Checklist> checklist = checklistToImport(c, &code);
    if (!checklist)
        return code;
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& admin) {
        ImportOutcome outcome;
        if (Error e = server::importChecklist(admin, *checklist, &outcome, weakerVersionOption(c),
                                              credentialLocator(c.operand(0))))
            return failImport(c, *checklist, outcome, e);
        printImport(c, *checklist, outcome);
        return 0;
    });
}

int runEnrollOnServer(Context& c)
{
    EnrollOptions options;
    if (Error e = enrollOptions(c, &options))
        return c.fail(e);
    const QString& checklist = options.checklist;
    const QString& mentor = options.mentor;
    const QDate& start = options.start;
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& admin) {
        if (Error e = server::enroll(admin, c.operand(0), checklist, mentor, start))
            return c.fail(e);
        c.out() << Tr::tr("Enrolled %1 on %2 with mentor %3, starting %4.")
                       .arg(c.operand(0), checklist, mentor, start.toString(Qt::ISODate))
                << '\n';
        return 0;
    });
}

// status on a server: the enrollment and its checklist version, each checked
// against its signed entry in the log this desk verified.
int runStatusOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        EnrollmentStatus status;
        if (Error e = server::enrollmentStatus(me, c.operand(0), defaultClock().now(), &status))
            return c.fail(e);
        if (c.json())
            c.printJson(status.toJson());
        else
            printStatus(c, status);
        return 0;
    });
}

// step done on a server: the hire's own step, with their signed entry.
int runStepDoneOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        const QString step = c.operand(1);
        if (Error e =
                server::markStepDone(me, c.operand(0), step, c.option(QStringLiteral("note")), defaultClock().now()))
            return c.fail(e);
        c.out() << Tr::tr("Step %1 is done.").arg(step) << '\n';
        return 0;
    });
}

// step undo on a server: the hire's own step, open again, with their signed entry.
int runStepUndoOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        const QString step = c.operand(1);
        if (Error e = server::undoStep(me, c.operand(0), step, defaultClock().now()))
            return c.fail(e);
        c.out() << Tr::tr("Step %1 is open again.").arg(step) << '\n';
        return 0;
    });
}

// step approve and step reject on a server: the mentor's review, with their
// signed entry; a rejection opens the step again.
int runStepReviewOnServer(Context& c, bool approve)
{
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        const QString hire = c.operand(0);
        const QString step = c.operand(1);
        if (Error e =
                server::reviewStep(me, hire, step, approve, c.option(QStringLiteral("comment")), defaultClock().now()))
            return c.fail(e);
        c.out() << (approve ? Tr::tr("Approved step %1 for %2.").arg(step, hire)
                            : Tr::tr("Asked for changes on step %1 for %2; it is open again.").arg(step, hire))
                << '\n';
        return 0;
    });
}

int runStepApproveOnServer(Context& c)
{
    return runStepReviewOnServer(c, true);
}

int runStepRejectOnServer(Context& c)
{
    return runStepReviewOnServer(c, false);
}

// enrollment move on a server: the admin's, with their signed entry; the
// enrollment's live grants end with it.
int runEnrollmentMoveOnServer(Context& c)
{
    int version = 0;
    if (Error e = checklistVersionOption(c, &version))
        return c.fail(e);
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& admin) {
        MoveOutcome outcome;
        const Error e = server::moveEnrollment(admin, c.operand(0), c.option(QStringLiteral("checklist")), version,
                                               weakerVersionOption(c), defaultClock().now(), &outcome);
        return reportMove(c, e, outcome);
    });
}

// signoff on a server: the mentor's final sign-off, with their signed entry.
int runSignoffOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        if (Error e = server::signOff(me, c.operand(0), defaultClock().now()))
            return c.fail(e);
        c.out() << Tr::tr("Signed off production access for %1.").arg(c.operand(0)) << '\n';
        return 0;
    });
}

// cred revoke and cred renew on a server: the mentor's or an admin's, with
// their signed entry; a revoke ends every live grant of the credential.
int runRevokeOrRenewOnServer(Context& c, bool renew)
{
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        const QString hire = c.operand(0);
        const QString id = c.operand(1);
        if (!renew) {
            if (Error e = server::revokeGrant(me, hire, id, defaultClock().now()))
                return c.fail(e);
            c.out() << Tr::tr("Revoked %1's grant of %2.").arg(hire, id) << '\n';
            return 0;
        }
        QDateTime expires;
        if (Error e = server::renewGrant(me, hire, id, defaultClock().now(), &expires))
            return c.fail(e);
        c.out() << Tr::tr("Renewed %1's grant of %2 until %3.").arg(hire, id, signatures::timeText(expires)) << '\n';
        return 0;
    });
}

int runCredRevokeOnServer(Context& c)
{
    return runRevokeOrRenewOnServer(c, false);
}

int runCredRenewOnServer(Context& c)
{
    return runRevokeOrRenewOnServer(c, true);
}

// cred list on a server: a hire's own, a mentor's mentees', an admin's every
// hire's (or one's, or a page), each checked against the signed entries.
int runCredListOnServer(Context& c)
{
    int limit = 0;
    if (Error e = credentialListOptions(c, &limit))
        return c.fail(e);
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        server::CredentialQuery query;
        query.hire = c.option(QStringLiteral("hire"));
        const bool paged = c.has(QStringLiteral("limit")) || c.has(QStringLiteral("after"));
        if (paged) {
            query.after = c.option(QStringLiteral("after"));
            query.limit = limit;
        }
        QList<CredentialView> views;
        QString next;
        if (Error e = server::listCredentials(me, query, defaultClock().now(), &views, &next))
            return c.fail(e);
        if (c.json()) {
            QJsonArray array;
            for (const CredentialView& v : std::as_const(views))
                array.append(v.toJson());
            c.printJson(array);
            return 0;
        }
        if (views.isEmpty())
            c.out() << Tr::tr("No credentials to show.") << '\n';
        printCredentialViews(c, views, me.role != QLatin1String("hire"));
        if (!next.isEmpty())
            c.out() << Tr::tr("More: 'onramp cred list --limit %1 --after %2'").arg(limit).arg(printable(next)) << '\n';
        return 0;
    });
}

// cred show on a server: the hire's own; the secret opens on this desk from
// the box of the grant its signed entries vouch for.
int runCredShowOnServer(Context& c)
{
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        CredentialView view;
        SecureBytes secret;
        if (Error e = server::readCredential(me, c.operand(0), defaultClock().now(), &view, &secret)) {
            if (e.kind == ErrorKind::NotPermitted && c.json() && !view.credential.id.isEmpty())
                c.printJson(view.toJson());
            return c.fail(e);
        }
        return printCredentialWithSecret(c, view, secret);
    });
}

// cred set on a server: the admin's; the secret is encrypted on this desk
// under the production key, the server keeps the box and the signed entry.
int runCredSetOnServer(Context& c)
{
    // Read before anyone signs in, so that a bad file costs no key derivation.
    SecureBytes secret;
    if (Error e = secretFromFile(c, &secret))
        return c.fail(e);
    return runSignedIn(c, [&](const server::ServerAddress&, server::SignedIn& me) {
        QStringList delivered;
        if (Error e = server::setStaticSecret(me, c.operand(0), secret, defaultClock().now(), &delivered))
            return c.fail(e);
        c.out() << Tr::tr("Set the secret of %1; sealed to %2 enrolled hire(s) who hold it.")
                       .arg(c.operand(0))
                       .arg(delivered.size())
                << '\n';
        return 0;
    });
}

} // namespace

void registerTeamHandlers(CommandRegistry& registry)
{
    // The words and options of every command as the front describes them
    // (CommandSpecs.cpp), the server's handler bound to the ones that run here.
    CommandRegistry specs;
    describeAllCommands(specs);
    QHash<QString, int (*)(Context&)> handlers{
        {QStringLiteral("team init"), runTeamInit},
        {QStringLiteral("team watch"), runTeamWatch},
        {QStringLiteral("whoami"), runWhoamiOnServer},
        {QStringLiteral("person add"), runPersonAddOnServer},
        {QStringLiteral("person list"), runPersonListOnServer},
        {QStringLiteral("person disable"), runPersonDisableOnServer},
        {QStringLiteral("passphrase reset"), runPassphraseResetOnServer},
        {QStringLiteral("passphrase change"), runPassphraseChangeOnServer},
        {QStringLiteral("audit verify"), runAuditVerifyOnServer},
        {QStringLiteral("audit log"), runAuditLogOnServer},
        {QStringLiteral("checklist import"), runChecklistImportOnServer},
        {QStringLiteral("enroll"), runEnrollOnServer},
        {QStringLiteral("enrollment move"), runEnrollmentMoveOnServer},
        {QStringLiteral("status"), runStatusOnServer},
        {QStringLiteral("step done"), runStepDoneOnServer},
        {QStringLiteral("step undo"), runStepUndoOnServer},
        {QStringLiteral("step approve"), runStepApproveOnServer},
        {QStringLiteral("step reject"), runStepRejectOnServer},
        {QStringLiteral("signoff"), runSignoffOnServer},
        {QStringLiteral("cred list"), runCredListOnServer},
        {QStringLiteral("cred show"), runCredShowOnServer},
        {QStringLiteral("cred revoke"), runCredRevokeOnServer},
        {QStringLiteral("cred renew"), runCredRenewOnServer},
        {QStringLiteral("cred set"), runCredSetOnServer},
        {QStringLiteral("vault rotate-production-key"), runRotateProductionKeyOnServer},
    };
    for (Command command : specs.commands()) {
        const auto handler = handlers.constFind(command.name());
        if (handler == handlers.cend())
            continue;
        command.library.clear();
        command.run = *handler;
        registry.add(std::move(command));
    }
}

} // namespace onramp::cli

/// The module's entry point, as `onramp` (main.cpp) calls it for `team init`
/// and the commands' library for the other commands on a server: runs the running core
/// application's command line and returns its exit code.
extern "C" Q_DECL_EXPORT int onramp_team_main(int /*argc*/, char** /*argv*/)
{
    onramp::cli::CommandRegistry registry;
    onramp::cli::registerTeamHandlers(registry);
    return onramp::cli::runInLibrary(registry);
}
