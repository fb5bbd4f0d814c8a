#include "Demo.h"

#include "DemoKdf.h"
#include "KeyFile.h"
#include "SecureBytes.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "credentials/Provider.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <sodium.h>

namespace onramp::demo {

namespace {

const QString kMarker = QStringLiteral("DEMO-VAULT.txt");
// Bumped when an older demo vault can no longer work as shown: format 2, the
// demo passphrases changed; format 3, records are vouched for by the signed
// log and key slots are signed, which a vault from before lacks; format 4,
// the production secret is set, so that a signed-off hire can use it; format
// 5, the demo has its team, which the sign-in page lists. It is made again
// rather than shown with passphrases, records or people that no longer hold.
const QByteArray kMarkerFormat = QByteArrayLiteral("demo format: 5");

/// A fresh random value for the demo's static production secret: made up
/// on each machine, never a password that works anywhere else.
SecureBytes demoSecret()
{
    return readableSecret(24);
}

} // namespace

QList<DemoPerson> people()
{
    return {
        {QStringLiteral("ada"), QStringLiteral("Ada Admin"), QStringLiteral("admin"),
         QStringLiteral("demo admin passphrase")},
        {QStringLiteral("maya"), QStringLiteral("Maya Mentor"), QStringLiteral("mentor"),
         QStringLiteral("demo mentor passphrase")},
        {QStringLiteral("alex"), QStringLiteral("Alex Newhire"), QStringLiteral("hire"),
         QStringLiteral("demo hire passphrase")},
    };
}

bool isDemoVault(const QString& dir)
{
    if (!QFile::exists(QDir(dir).filePath(kMarker)))
        return false;
    // The marker is a file anyone who can write the folder can plant. The
    // vault is the demo when the demo admin's public passphrase opens the
    // demo admin's slot, which no real vault's does; the demo's slots have
    // libsodium's minimum cost, so trying costs nothing, and a slot of any
    // other cost is not tried.
    const DemoPerson admin = people().constFirst();
    KeyFile keys;
    if (KeyFile::loadFor(QDir(dir).filePath(Vault::keyFileName()), admin.name, &keys))
        return false;
    const KeySlot* slot = keys.slot(admin.name);
    if (!slot || slot->kdf.opslimit != crypto_pwhash_OPSLIMIT_MIN || slot->kdf.memlimit != crypto_pwhash_MEMLIMIT_MIN)
        return false;
    return slot->unwrapSecretKey(keys.vaultId, admin.passphrase.toUtf8()).has_value();
}

bool isCurrentDemoVault(const QString& dir)
{
    QFile marker(QDir(dir).filePath(kMarker));
    return marker.open(QIODevice::ReadOnly) && marker.readAll().contains(kMarkerFormat) && isDemoVault(dir);
}

Error recreateDemoVault(const QString& dir, const Clock& clock)
{
    // Only ever the demo's own folder: an older demo's passphrases may no
    // longer be today's, so its marker alone says what to replace.
    if (QFile::exists(QDir(dir).filePath(kMarker)) && !QDir(dir).removeRecursively())
        return Error(ErrorKind::Io,
                     QCoreApplication::translate("onramp", "cannot replace the old demo vault in %1").arg(dir));
    if (Error e = createDemoVault(dir, clock))
        return e;
    return seedDemoTeam(dir, clock);
}

QByteArray sampleChecklist()
{
    return QByteArrayLiteral(R"(onramp: 1
production_hosts: [db.prod.internal, "*.prod.example.com"]
checklist:
  id: backend-week-one
  title: Backend engineer — first week
  steps:
    - id: handbook
      section: Day one
      title: Read how we handle mistakes
      body: |
        Mistakes happen, and they are how systems get better. Read the
        [blameless postmortem guide](https://sre.google/sre-book/postmortem-culture/),
        find out **where backups live**, and how restores are tested.
      due: 1
      required: true
    - id: laptop
      section: Day one
      title: Set up your laptop
      body: |
        Install the toolchain from the team wiki. Your sandbox credentials are
        on your home page: they are yours to break.
      due: 1
      required: true
    - id: sandbox-tests
      section: First week
      title: Run the test suite against your sandbox
      body: |
        Run the whole suite against your sandbox database and share the
        output with your mentor.
      due: 3
      required: true
      signoff: true
    - id: restore-drill
      section: First week
      title: Restore a backup into your sandbox
      body: |
        Take last night's backup (the first step found where backups live)
        and restore it into your sandbox database, following the
        [restore runbook](https://wiki.example.com/runbooks/restore).
        Check that the row counts match, then tell your mentor how long it
        took and what surprised you. If it goes wrong, that is what the
        sandbox is for: start again.
      due: 4
      required: true
      signoff: true
    - id: team-lunch
      section: First week
      title: Lunch with the team
      due: 5
credentials:
  - id: sandbox-db
    title: Sandbox database
    environment: sandbox
    provider: generated
    fields: {host: sandbox-db.internal, database: "sandbox_{{hire}}", user: "{{hire}}"}
    secret: {name: password, length: 24}
    ttl: 30d
  - id: prod-db
    title: Production database (read-only)
    environment: production
    provider: static
    fields: {host: db.prod.internal, database: orders, user: readonly}
    ttl: 8h
)");
}

Error createDemoVault(const QString& dir, const Clock& clock)
{
    const QList<DemoPerson> demo = people();
    std::unique_ptr<Vault> vault;
    // The demo's passphrases are printed on its sign-in page: a costly key
    // derivation guards nothing, so its slots use libsodium's minimum (the
    // vault records the level "demo" in its signed vault.create entry).
    const DemoKdfScope cheapSlots;
    if (Error e = Vault::create(dir, demo.at(0).name, demo.at(0).displayName, demo.at(0).passphrase.toUtf8(),
                                KdfLevel::Interactive, &vault))
        return e;
    for (qsizetype i = 1; i < demo.size(); ++i) {
        if (Error e = People(*vault).add(demo.at(i).name, demo.at(i).displayName, *roleFromName(demo.at(i).role),
                                         demo.at(i).passphrase.toUtf8()))
            return e;
    }
    const ParseResult parsed = parseChecklist(sampleChecklist(), QStringLiteral("demo checklist"));
    if (!parsed.ok())
        return Error(ErrorKind::InvalidInput, parsed.errors.join(QLatin1Char('\n')));
    ImportOutcome outcome;
    if (Error e = ChecklistStore(*vault).import(*parsed.checklist, clock.now(), &outcome))
        return e;
    if (Error e = Enrollments(*vault, clock)
                      .enroll(demo.at(2).name, parsed.checklist->id, demo.at(1).name, clock.now().date()))
        return e;
    // IT has set the static production secret, so the journey ends with production usable.
    int delivered = 0;
    if (Error e = Credentials(*vault, clock).setSecret(QStringLiteral("prod-db"), demoSecret(), &delivered))
        return e;
    QFile marker(QDir(dir).filePath(kMarker));
    if (!marker.open(QIODevice::WriteOnly))
        return Error(
            ErrorKind::Io,
            QCoreApplication::translate("onramp", "cannot write %1: %2").arg(marker.fileName(), marker.errorString()));
    marker.write("This is an Onramp demo vault. Its passphrases are public: never keep real secrets here.\n");
    marker.write(kMarkerFormat + '\n');
    return {};
}

Error seedDemoProgress(const QString& dir, const Clock& clock)
{
    const QList<DemoPerson> demo = people();
    std::unique_ptr<Vault> hire;
    if (Error e = Vault::unlock(dir, demo.at(2).name, demo.at(2).passphrase.toUtf8(), &hire))
        return e;
    const QString alex = demo.at(2).name;
    Enrollments steps(*hire, clock);
    for (const char* step : {"handbook", "laptop", "sandbox-tests"}) {
        if (Error e = steps.markDone(alex, QString::fromLatin1(step), {}))
            return e;
    }
    if (Error e = steps.markDone(alex, kConversationStep,
                                 QStringLiteral("Restored last night's dump into my sandbox, following "
                                                "https://wiki.example.com/runbooks/restore")))
        return e;
    hire->lock();
    std::unique_ptr<Vault> mentor;
    if (Error e = Vault::unlock(dir, demo.at(1).name, demo.at(1).passphrase.toUtf8(), &mentor))
        return e;
    Enrollments mentorSteps(*mentor, clock);
    if (Error e =
            mentorSteps.review(alex, QStringLiteral("sandbox-tests"), true, QStringLiteral("All green. Nice work!")))
        return e;
    if (Error e = mentorSteps.review(alex, kConversationStep, false,
                                     QStringLiteral("Good start! Please also compare the row counts with "
                                                    "yesterday's report, so we know the restore is whole.")))
        return e;
    mentor->lock();
    if (Error e = Vault::unlock(dir, alex, demo.at(2).passphrase.toUtf8(), &hire))
        return e;
    return Enrollments(*hire, clock)
        .markDone(alex, kConversationStep,
                  QStringLiteral("Row counts match: 18,204 orders and 3,977 customers on both sides."));
}

namespace {

/// One hire of the demo team: who, how many days ago they started, and what
/// they did on which day after it (a review the same day, a few hours later).
struct TeamHire {
    const char* name;
    const char* displayName;
    int startedDaysAgo;
    QList<std::pair<const char*, int>> doneOnDay;
    QList<std::pair<const char*, int>> approvedOnDay;
    int signedOffOnDay; ///< -1: not yet
};

const QByteArray kTeamPassphrase = "demo team passphrase";

/// The demo team: who started when and did what.
QList<TeamHire> teamHires()
{
    return {
        {"sam",
         "Sam Early",
         70,
         {{"handbook", 0}, {"laptop", 0}, {"sandbox-tests", 2}, {"restore-drill", 3}},
         {{"sandbox-tests", 3}, {"restore-drill", 5}},
         8},
        {"noor",
         "Noor Steady",
         40,
         {{"handbook", 1}, {"laptop", 1}, {"sandbox-tests", 3}, {"restore-drill", 6}, {"team-lunch", 5}},
         {{"sandbox-tests", 4}, {"restore-drill", 10}},
         12},
        {"kai", "Kai Waiting", 12, {{"handbook", 0}, {"laptop", 1}, {"sandbox-tests", 5}}, {}, -1},
        {"lee", "Lee Later", 9, {{"handbook", 2}}, {}, -1},
    };
}

} // namespace

QByteArray teamPassphrase()
{
    return kTeamPassphrase;
}

QList<DemoPerson> teamPeople()
{
    QList<DemoPerson> out;
    for (const TeamHire& h : teamHires())
        out.append({QString::fromLatin1(h.name), QString::fromLatin1(h.displayName), QStringLiteral("hire"),
                    QString::fromLatin1(kTeamPassphrase)});
    return out;
}

QList<DemoPerson> everyone()
{
    return people() + teamPeople();
}

Error seedDemoTeam(const QString& dir, const Clock& clock)
{
    const QList<DemoPerson> demo = people();
    const QList<TeamHire> team = teamHires();
    const QDateTime now = clock.now();
    FixedClock at(now);
    const DemoKdfScope cheapSlots; // the team's passphrase is public too
    const auto dayOf = [&now](const TeamHire& h, int day, int hour) {
        return QDateTime(now.date().addDays(day - h.startedDaysAgo), QTime(hour, 0), Qt::UTC);
    };
    {
        std::unique_ptr<Vault> admin;
        if (Error e = Vault::unlock(dir, demo.at(0).name, demo.at(0).passphrase.toUtf8(), &admin))
            return e;
        const QString checklist = QStringLiteral("backend-week-one");
        for (const TeamHire& h : team) {
            if (Error e = People(*admin).add(QString::fromLatin1(h.name), QString::fromLatin1(h.displayName),
                                             Role::Hire, kTeamPassphrase))
                return e;
            at.set(dayOf(h, 0, 8));
            if (Error e = Enrollments(*admin, at)
                              .enroll(QString::fromLatin1(h.name), checklist, demo.at(1).name,
                                      now.date().addDays(-h.startedDaysAgo)))
                return e;
        }
    }
    std::unique_ptr<Vault> mentor;
    if (Error e = Vault::unlock(dir, demo.at(1).name, demo.at(1).passphrase.toUtf8(), &mentor))
        return e;
    for (const TeamHire& h : team) {
        const QString name = QString::fromLatin1(h.name);
        {
            std::unique_ptr<Vault> hire;
            if (Error e = Vault::unlock(dir, name, kTeamPassphrase, &hire))
                return e;
            for (const auto& [step, day] : h.doneOnDay) {
                at.set(dayOf(h, day, 10));
                if (Error e = Enrollments(*hire, at).markDone(name, QString::fromLatin1(step), {}))
                    return e;
            }
        }
        for (const auto& [step, day] : h.approvedOnDay) {
            at.set(dayOf(h, day, 15));
            if (Error e = Enrollments(*mentor, at).review(name, QString::fromLatin1(step), true, {}))
                return e;
        }
        if (h.signedOffOnDay >= 0) {
            at.set(dayOf(h, h.signedOffOnDay, 16));
            if (Error e = Enrollments(*mentor, at).signOff(name))
                return e;
        }
    }
    return {};
}

} // namespace onramp::demo
