#include "Demo.h"

#include "SecureBytes.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

namespace onramp::demo {

namespace {

const QString kMarker = QStringLiteral("DEMO-VAULT.txt");
// Bumped when an older demo vault can no longer work as shown: format 2, the
// demo passphrases changed; format 3, records are vouched for by the signed
// log and key slots are signed, which a vault from before lacks; format 4,
// the production secret is set, so that a signed-off hire can use it. It is
// made again rather than shown with passphrases or records that no longer hold.
const QByteArray kMarkerFormat = QByteArrayLiteral("demo format: 4");

/// A fresh random value for the demo's static production secret: made up
/// on each machine, never a password that works anywhere else.
SecureBytes demoSecret()
{
    static const char kAlphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    QByteArray text(24, '\0');
    for (char& c : text)
        c = kAlphabet[QRandomGenerator::system()->bounded(int(sizeof(kAlphabet) - 1))];
    SecureBytes secret = SecureBytes::copyOf(text);
    text.fill('\0');
    return secret;
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
    return QFile::exists(QDir(dir).filePath(kMarker));
}

bool isCurrentDemoVault(const QString& dir)
{
    QFile marker(QDir(dir).filePath(kMarker));
    return marker.open(QIODevice::ReadOnly) && marker.readAll().contains(kMarkerFormat);
}

Error recreateDemoVault(const QString& dir, const Clock& clock)
{
    if (isDemoVault(dir) && !QDir(dir).removeRecursively())
        return Error(ErrorKind::Io,
                     QCoreApplication::translate("onramp", "cannot replace the old demo vault in %1").arg(dir));
    return createDemoVault(dir, clock);
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
    fields: {host: sandbox-db.internal, user: "{{hire}}"}
    secret: {name: password, length: 24}
    ttl: 30d
  - id: prod-db
    title: Production database (read-only)
    environment: production
    provider: static
    fields: {host: db.prod.internal, user: readonly}
    ttl: 8h
)");
}

Error createDemoVault(const QString& dir, const Clock& clock)
{
    const QList<DemoPerson> demo = people();
    std::unique_ptr<Vault> vault;
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
    Enrollments steps(*hire, clock);
    for (const char* step : {"handbook", "laptop", "sandbox-tests", "restore-drill"}) {
        if (Error e = steps.markDone(demo.at(2).name, QString::fromLatin1(step), {}))
            return e;
    }
    hire->lock();
    std::unique_ptr<Vault> mentor;
    if (Error e = Vault::unlock(dir, demo.at(1).name, demo.at(1).passphrase.toUtf8(), &mentor))
        return e;
    return Enrollments(*mentor, clock)
        .review(demo.at(2).name, QStringLiteral("sandbox-tests"), true, QStringLiteral("All green. Nice work!"));
}

} // namespace onramp::demo
