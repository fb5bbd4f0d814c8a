// Disabling a person: who may, what their key slot keeps, the person.disable
// entry, enrollments refused, re-enabling by a passphrase reset, the command.
#include "TestData.h"
#include "VaultTestUtil.h"
#include "vault/Vault.h"

#include "Clock.h"
#include "Crypto.h"
#include "Database.h"
#include "ProductionKey.h"
#include "TrustStore.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "audit/Ledger.h"
#include "checklist/ChecklistParser.h"
#include "credentials/SecretStore.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/FirstPassphrase.h"
#include "vault/Backup.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace vaulttest;

namespace {

const QByteArray kChecklist = checklistFixture(QStringLiteral("week-one.yaml"));

const QByteArray kBeaPassphrase = "bea's admin passphrase";
const QByteArray kKimPassphrase = "kim the second mentor";
const QByteArray kJoePassphrase = "joe the second hire";

struct FailAudit {
    FailAudit() { qputenv("ONRAMP_TEST_FAIL_AUDIT", "1"); }
    ~FailAudit() { qunsetenv("ONRAMP_TEST_FAIL_AUDIT"); }
};

void copyVault(const QString& from, const QString& to)
{
    QDir().mkpath(to);
    for (const QString& name : {Vault::databaseFileName(), Vault::keyFileName()})
        if (!QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name)))
            qFatal("cannot copy %s", qPrintable(name));
}

} // namespace

class TestPersonDisable : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_pristine;
    int m_copies = 0;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC)};

    std::unique_ptr<Vault> as(const QString& dir, const QString& name, const QByteArray& passphrase,
                              Error* error = nullptr)
    {
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(dir, name, passphrase, &vault);
        if (error)
            *error = e;
        return vault;
    }
    std::unique_ptr<Vault> ada(const QString& dir) { return as(dir, QStringLiteral("ada"), kAdminPassphrase); }

    QString copy()
    {
        const QString dir = m_dir.filePath(QStringLiteral("copy%1").arg(++m_copies));
        copyVault(m_pristine, dir);
        // A copy of the same vault at an earlier state is a rollback to a desktop
        // that saw the later one: each copy is a desktop of its own.
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir + QStringLiteral(".trust")));
        return dir;
    }

    static KeySlot slotOf(const QString& dir, const QString& name)
    {
        KeyFile keys;
        if (KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys))
            qFatal("cannot load the key file of %s", qPrintable(dir));
        const KeySlot* slot = keys.slot(name);
        return slot ? *slot : KeySlot{};
    }

    static AuditEntry lastEntry(Vault& vault)
    {
        QList<AuditEntry> all;
        AuditLog::entries(vault.db(), {}, &all);
        return all.value(all.size() - 1);
    }

    static void verifyChain(Vault& vault)
    {
        AuditVerification result;
        QVERIFY(!AuditVerifier::verify(vault, &result));
        QVERIFY2(result.ok(), qPrintable(result.message));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pristine = m_dir.filePath(QStringLiteral("pristine"));
        std::unique_ptr<Vault> admin = makeVault(m_pristine); // ada, max (mentor), hal (hire)
        QVERIFY(admin);
        QVERIFY(!People(*admin).add(QStringLiteral("bea"), {}, Role::Admin, kBeaPassphrase));
        QVERIFY(!People(*admin).add(QStringLiteral("kim"), {}, Role::Mentor, kKimPassphrase));
        QVERIFY(!People(*admin).add(QStringLiteral("joe"), {}, Role::Hire, kJoePassphrase));
        ParseResult parsed = parseChecklist(kChecklist, QStringLiteral("test.yaml"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(QLatin1Char('\n'))));
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*admin).import(*parsed.checklist, m_clock.now(), &outcome));
        QVERIFY(!Enrollments(*admin, m_clock)
                     .enroll(QStringLiteral("hal"), QStringLiteral("week-one"), QStringLiteral("max"),
                             QDate(2026, 11, 20)));
    }

    void disabledPersonCannotUnlockAndTheirSlotHoldsNoKeys()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        const Error e = People(*admin).disable(QStringLiteral("max"));
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(admin->person(QStringLiteral("max"))->disabled);

        const KeySlot slot = slotOf(dir, QStringLiteral("max"));
        QVERIFY(slot.disabled);
        QVERIFY(slot.sealedMasterKey.isEmpty());
        QVERIFY(slot.sealedPendingMasterKey.isEmpty());
        QVERIFY(slot.sealedProductionKey.isEmpty());
        QVERIFY(KeyFile::slotToJson(slot).value(QStringLiteral("disabled")).toBool());

        Error unlockError;
        QVERIFY(!as(dir, QStringLiteral("max"), kMentorPassphrase, &unlockError));
        QCOMPARE(unlockError.kind, ErrorKind::NotPermitted);
        QVERIFY2(unlockError.message.contains(QStringLiteral("disabled")), qPrintable(unlockError.message));
        // Without the passphrase nobody learns that max is disabled.
        QVERIFY(!as(dir, QStringLiteral("max"), "a wrong guess", &unlockError));
        QCOMPARE(unlockError.kind, ErrorKind::Auth);

        const AuditEntry entry = lastEntry(*admin);
        QCOMPARE(entry.action, QStringLiteral("person.disable"));
        QCOMPARE(entry.actorName, QStringLiteral("ada"));
        QCOMPARE(entry.subject, QStringLiteral("max"));
        const QJsonObject details = QJsonDocument::fromJson(entry.details.toUtf8()).object();
        QCOMPARE(details.value(QStringLiteral("role")).toString(), QStringLiteral("mentor"));
        QCOMPARE(details.value(QStringLiteral("keys_removed")).toBool(), true);
        verifyChain(*admin);
        admin.reset();
        // Everyone else still unlocks; the audit head was mirrored.
        QVERIFY(as(dir, QStringLiteral("hal"), kHirePassphrase));
        std::unique_ptr<Vault> again = ada(dir);
        QVERIFY(again);
        QStringList report;
        const Error check = again->check(&report);
        QVERIFY2(!check, qPrintable(report.join(QLatin1Char('\n'))));
    }

    void whoMayDisableWhom()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> mentor = as(dir, QStringLiteral("max"), kMentorPassphrase);
        QVERIFY(mentor);
        QCOMPARE(People(*mentor).disable(QStringLiteral("hal")).kind, ErrorKind::NotPermitted);
        mentor.reset();
        std::unique_ptr<Vault> admin = ada(dir);
        const Error self = People(*admin).disable(QStringLiteral("ada"));
        QCOMPARE(self.kind, ErrorKind::NotPermitted);
        QVERIFY2(self.message.contains(QStringLiteral("themselves")), qPrintable(self.message));
        QCOMPARE(People(*admin).disable(QStringLiteral("zed")).kind, ErrorKind::InvalidInput);
        QVERIFY(!People(*admin).disable(QStringLiteral("joe")));
        const Error twice = People(*admin).disable(QStringLiteral("joe"));
        QCOMPARE(twice.kind, ErrorKind::InvalidInput);
        QVERIFY2(twice.message.contains(QStringLiteral("already disabled")), qPrintable(twice.message));
        // Another admin may be disabled while one stays.
        QVERIFY(!People(*admin).disable(QStringLiteral("bea")));
        QVERIFY(!as(dir, QStringLiteral("bea"), kBeaPassphrase));
        QList<AuditEntry> all;
        QVERIFY(!AuditLog::entries(admin->db(), {{}, {}, QStringLiteral("person.disable")}, &all));
        QCOMPARE(all.size(), 2); // refusals write nothing
        verifyChain(*admin);
    }

    void theSlotsADisabledAdminSignedStand()
    {
        // bea adds a mentor and a hire and resets joe's passphrase: she
        // signed their slots, and none of them has chosen a passphrase of
        // their own since. ada disables bea. A slot stands when its owner or
        // an enabled admin signed it: theirs must go on opening, and the
        // vault must go on checking.
        const QString dir = copy();
        const QByteArray uma = "uma, added by bea";
        const QByteArray ivo = "ivo, added by bea";
        const QByteArray joe = "joe, reset by bea";
        {
            std::unique_ptr<Vault> bea = as(dir, QStringLiteral("bea"), kBeaPassphrase);
            QVERIFY(bea);
            QVERIFY(!People(*bea).add(QStringLiteral("uma"), {}, Role::Mentor, uma));
            QVERIFY(!People(*bea).add(QStringLiteral("ivo"), {}, Role::Hire, ivo));
            QVERIFY(!People(*bea).resetPassphrase(QStringLiteral("joe"), joe));
        }
        for (const QString& name : {QStringLiteral("uma"), QStringLiteral("ivo"), QStringLiteral("joe")})
            QCOMPARE(slotOf(dir, name).signedBy, QStringLiteral("bea"));
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(admin);
        const Error e = People(*admin).disable(QStringLiteral("bea"));
        QVERIFY2(!e, qPrintable(e.message));
        for (const QString& name : {QStringLiteral("uma"), QStringLiteral("ivo"), QStringLiteral("joe")})
            QCOMPARE(slotOf(dir, name).signedBy, QStringLiteral("ada"));
        QStringList report;
        const Error check = admin->check(&report);
        QVERIFY2(!check, qPrintable(check.message + QLatin1Char('\n') + report.join(QLatin1Char('\n'))));
        admin.reset();
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("uma"), uma}, std::pair{QStringLiteral("ivo"), ivo},
              std::pair{QStringLiteral("joe"), joe}}) {
            Error error;
            QVERIFY2(as(dir, name, passphrase, &error), qPrintable(name + QStringLiteral(": ") + error.message));
        }
        // And the next privileged act, which checks every slot, still runs.
        admin = ada(dir);
        QVERIFY(admin);
        const Error next = People(*admin).disable(QStringLiteral("ivo"));
        QVERIFY2(!next, qPrintable(next.message));
    }

    // joe chose his own passphrase after bea's reset; a hire puts the slot
    // bea signed back in the key file (it opens with the passphrase bea
    // handed over, which the hire may have seen). Its key is the one joe's
    // choice retired: disabling bea refuses over it and re-signs nothing
    // (and would re-sign only the slot her newest word on joe gave).
    void anOldSlotPutBackIsNotSignedAgain()
    {
        const QString dir = copy();
        const QByteArray handed = "joe, reset by bea";
        const QByteArray own = "joe chose this one himself";
        {
            std::unique_ptr<Vault> bea = as(dir, QStringLiteral("bea"), kBeaPassphrase);
            QVERIFY(bea);
            QVERIFY(!People(*bea).resetPassphrase(QStringLiteral("joe"), handed));
        }
        const KeySlot old = slotOf(dir, QStringLiteral("joe"));
        QCOMPARE(old.signedBy, QStringLiteral("bea"));
        {
            Error error;
            std::unique_ptr<Vault> joe = as(dir, QStringLiteral("joe"), handed, &error);
            QVERIFY2(joe, qPrintable(error.message));
            const Error e = People(*joe).changePassphrase(own);
            QVERIFY2(!e, qPrintable(e.message));
        }
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        keys.setSlot(old);
        QVERIFY(!keys.save(path));

        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(admin);
        // Its key is the one joe's choice retired: the disable refuses over
        // it, and re-signs nothing.
        const Error e = People(*admin).disable(QStringLiteral("bea"));
        QCOMPARE(e.kind, ErrorKind::Damaged);
        QVERIFY2(e.message.contains(QStringLiteral("the key slot of joe is damaged")), qPrintable(e.message));
        QCOMPARE(slotOf(dir, QStringLiteral("joe")).signedBy, QStringLiteral("bea"));
        // Not laundered: the check names the slot put back.
        QStringList report;
        const Error check = admin->check(&report);
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("the key slot of joe is damaged")), qPrintable(check.message));
    }

    // Whoever knew a handed-over passphrase (the admin who typed it, anyone
    // who saw it) and kept a copy of the key file from before its holder
    // chose their own could unwrap the holder's signing key from the old
    // slot. The choice therefore gives the holder a new key pair, introduced
    // in their own signed `passphrase.change`: the old key signs nothing
    // after it, and the old slot, put back with the people row it matches,
    // is named by the check.
    void theKeyAHandedOverPassphraseOpensRetiresWhenItsHolderChooses()
    {
        const QString dir = copy();
        const QByteArray handed = "kim, reset by bea";
        const QByteArray own = "kim chose this one herself";
        {
            std::unique_ptr<Vault> bea = as(dir, QStringLiteral("bea"), kBeaPassphrase);
            QVERIFY(bea);
            QVERIFY(!People(*bea).resetPassphrase(QStringLiteral("kim"), handed));
        }
        const KeySlot old = slotOf(dir, QStringLiteral("kim"));
        {
            Error error;
            std::unique_ptr<Vault> kim = as(dir, QStringLiteral("kim"), handed, &error);
            QVERIFY2(kim, qPrintable(error.message));
            QVERIFY(firstpassphrase::isDue(*kim));
            const Error e = firstpassphrase::choose(*kim, own);
            QVERIFY2(!e, qPrintable(e.message));
            QVERIFY(!firstpassphrase::isDue(*kim));
            // The session goes on under the new key.
            QCOMPARE(kim->me().signPublicKey, slotOf(dir, QStringLiteral("kim")).signPublicKey);
        }
        const KeySlot chosen = slotOf(dir, QStringLiteral("kim"));
        QVERIFY(chosen.signPublicKey != old.signPublicKey);
        QCOMPARE(chosen.signedBy, QStringLiteral("kim"));
        QVERIFY(!chosen.sealedProductionKey.isEmpty());
        {
            std::unique_ptr<Vault> admin = ada(dir);
            QVERIFY(admin);
            const AuditEntry entry = lastEntry(*admin);
            QCOMPARE(entry.action, QStringLiteral("passphrase.change"));
            QCOMPARE(entry.actorName, QStringLiteral("kim"));
            const QJsonObject details = QJsonDocument::fromJson(entry.details.toUtf8()).object();
            QCOMPARE(QByteArray::fromBase64(details.value(QStringLiteral("public_key")).toString().toLatin1()),
                     chosen.signPublicKey);
            QCOMPARE(QByteArray::fromBase64(details.value(QStringLiteral("previous_public_key")).toString().toLatin1()),
                     old.signPublicKey);
            QCOMPARE(admin->person(QStringLiteral("kim"))->signPublicKey, chosen.signPublicKey);
            QStringList report;
            const Error check = admin->check(&report, m_clock.now());
            QVERIFY2(!check, qPrintable(check.message));
        }
        {
            Error error;
            std::unique_ptr<Vault> kim = as(dir, QStringLiteral("kim"), own, &error);
            QVERIFY2(kim, qPrintable(error.message));
            QVERIFY(!as(dir, QStringLiteral("kim"), handed));
            // Her own acts verify under the new key.
            QVERIFY(!People(*kim).changePassphrase("kim's second choice"));
        }

        // The attacker puts the old slot back, with the people row it matches,
        // opens it with the handed-over passphrase and signs as kim.
        const QString path = QDir(dir).filePath(Vault::keyFileName());
        KeyFile keys;
        QVERIFY(!KeyFile::load(path, &keys));
        keys.setSlot(old);
        QVERIFY(!keys.save(path));
        {
            std::unique_ptr<Vault> admin = ada(dir);
            QVERIFY(admin);
            QVERIFY(!admin->db().execute(QStringLiteral("UPDATE people SET sign_public_key = ? WHERE name = 'kim'"),
                                         {old.signPublicKey}));
        }
        {
            Error error;
            std::unique_ptr<Vault> forger = as(dir, QStringLiteral("kim"), handed, &error);
            QVERIFY2(forger, qPrintable(error.message));
            QVERIFY(!AuditLog::append(*forger, QStringLiteral("passphrase.change"), QStringLiteral("kim"),
                                      {{QStringLiteral("person_id"), forger->me().id}}));
        }
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(admin);
        QStringList report;
        const Error check = admin->check(&report, m_clock.now());
        QCOMPARE(check.kind, ErrorKind::Damaged);
        QVERIFY2(check.message.contains(QStringLiteral("signed as kim")), qPrintable(check.message));
        QVERIFY2(check.message.contains(QStringLiteral("no entry of the log introduced")), qPrintable(check.message));
        // And no admin's routine act goes on over it.
        const Error disable = People(*admin).disable(QStringLiteral("joe"));
        QCOMPARE(disable.kind, ErrorKind::Damaged);
    }

    void theLastAdminCannotBeDisabled()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        // ada disabled behind her own back (raw SQL, as `vault sql` could):
        // bea is then the only enabled admin, and stays. ada's open session
        // is refused first: a disabled admin acts no more.
        QVERIFY(!admin->db().execute(QStringLiteral("UPDATE people SET disabled = 1 WHERE name = 'ada'")));
        const Error e = People(*admin).disable(QStringLiteral("bea"));
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY2(e.message.contains(QStringLiteral("ada has been disabled")), qPrintable(e.message));
        QVERIFY(!admin->person(QStringLiteral("bea"))->disabled);
        QVERIFY(!slotOf(dir, QStringLiteral("bea")).disabled);
        QVERIFY(as(dir, QStringLiteral("bea"), kBeaPassphrase));
    }

    void disabledBySqlAloneTheSlotLosesItsKeysOnDisable()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(!admin->db().execute(QStringLiteral("UPDATE people SET disabled = 1 WHERE name = 'joe'")));
        QVERIFY(!slotOf(dir, QStringLiteral("joe")).sealedMasterKey.isEmpty());
        // A row the log does not back is named, and nothing is sealed beside it...
        const Error refused = People(*admin).disable(QStringLiteral("joe"));
        QCOMPARE(refused.kind, ErrorKind::Damaged);
        QVERIFY2(refused.message.contains(QStringLiteral("people row")), qPrintable(refused.message));
        // ...until the row says again what the log says; then the disable is the log's own.
        QVERIFY(!admin->db().execute(QStringLiteral("UPDATE people SET disabled = 0 WHERE name = 'joe'")));
        QVERIFY(!People(*admin).disable(QStringLiteral("joe")));
        QVERIFY(slotOf(dir, QStringLiteral("joe")).sealedMasterKey.isEmpty());
        QCOMPARE(lastEntry(*admin).action, QStringLiteral("person.disable"));
    }

    void disabledPeopleAreRefusedAsHireAndMentor()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(!People(*admin).disable(QStringLiteral("kim")));
        QVERIFY(!People(*admin).disable(QStringLiteral("joe")));
        Enrollments enrollments(*admin, m_clock);
        Error e = enrollments.enroll(QStringLiteral("joe"), QStringLiteral("week-one"), QStringLiteral("max"),
                                     QDate(2026, 11, 23));
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(QStringLiteral("'joe' is disabled")), qPrintable(e.message));
        QVERIFY(!People(*admin).add(QStringLiteral("ivy"), {}, Role::Hire, "ivy's passphrase"));
        e = enrollments.enroll(QStringLiteral("ivy"), QStringLiteral("week-one"), QStringLiteral("kim"),
                               QDate(2026, 11, 23));
        QCOMPARE(e.kind, ErrorKind::InvalidInput);
        QVERIFY2(e.message.contains(QStringLiteral("'kim' is disabled and cannot mentor")), qPrintable(e.message));
        QVERIFY(!enrollments.enroll(QStringLiteral("ivy"), QStringLiteral("week-one"), QStringLiteral("max"),
                                    QDate(2026, 11, 23)));
    }

    void aPassphraseResetEnablesAgainWithNewKeys()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        const QByteArray oldKey = admin->person(QStringLiteral("max"))->signPublicKey;
        QVERIFY(!People(*admin).disable(QStringLiteral("max")));
        QVERIFY(!People(*admin).resetPassphrase(QStringLiteral("max"), "max is back again"));
        QVERIFY(!admin->person(QStringLiteral("max"))->disabled);
        QVERIFY(!slotOf(dir, QStringLiteral("max")).disabled);
        QList<AuditEntry> all;
        QVERIFY(!AuditLog::entries(admin->db(), {}, &all));
        QCOMPARE(all.at(all.size() - 2).action, QStringLiteral("person.enable"));
        QCOMPARE(all.at(all.size() - 1).action, QStringLiteral("passphrase.reset"));
        QVERIFY(!as(dir, QStringLiteral("max"), kMentorPassphrase));
        std::unique_ptr<Vault> mentor = as(dir, QStringLiteral("max"), "max is back again");
        QVERIFY(mentor);
        QVERIFY(mentor->me().signPublicKey != oldKey);
        QVERIFY(mentor->productionKey().equals(admin->productionKey()));
        verifyChain(*mentor);
    }

    void rekeyShutsOutAnOlderCopyOfTheKeyFile()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        KeyFile before;
        QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &before));
        QVERIFY(!People(*admin).disable(QStringLiteral("max")));
        // What max could still do with a key file copied before the disable:
        const KeySlot* kept = before.slot(QStringLiteral("max"));
        std::optional<SecureBytes> secret = kept->unwrapSecretKey(before.vaultId, kMentorPassphrase);
        QVERIFY(secret);
        std::optional<SecureBytes> oldMaster = crypto::openSealed(kept->sealedMasterKey, *secret);
        QVERIFY(oldMaster);
        const QString dbPath = QDir(dir).filePath(Vault::databaseFileName());
        {
            std::unique_ptr<Database> db;
            QVERIFY(!Database::open(dbPath, *oldMaster, Database::OpenMode::Existing, &db));
        }
        QVERIFY(!admin->rekey());
        {
            std::unique_ptr<Database> db;
            QVERIFY(Database::open(dbPath, *oldMaster, Database::OpenMode::Existing, &db).isError());
        }
        // The rekey sealed nothing to the disabled slot, and the others open.
        const KeySlot slot = slotOf(dir, QStringLiteral("max"));
        QVERIFY(slot.disabled && slot.sealedMasterKey.isEmpty() && slot.sealedPendingMasterKey.isEmpty());
        admin.reset();
        for (const auto& [name, pass] :
             {std::pair{"ada", kAdminPassphrase}, {"hal", kHirePassphrase}, {"kim", kKimPassphrase}}) {
            Error e;
            QVERIFY2(as(dir, QString::fromLatin1(name), pass, &e), qPrintable(e.message));
        }
        QCOMPARE(Vault::unlock(dir, QStringLiteral("max"), kMentorPassphrase, &admin).kind, ErrorKind::NotPermitted);
    }

    void failedAuditWriteDisablesNobody()
    {
        const QString dir = copy();
        std::unique_ptr<Vault> admin = ada(dir);
        // The key slots as they were (the store's bytes may differ: its
        // header counts every write, the one putting the old slot back too).
        const auto slots = [&dir] {
            KeyFile keys;
            return KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &keys) ? QByteArray() : keys.toJson();
        };
        const QByteArray before = slots();
        QVERIFY(!before.isEmpty());
        {
            FailAudit fail;
            QVERIFY(People(*admin).disable(QStringLiteral("max")).isError());
        }
        QVERIFY(!admin->person(QStringLiteral("max"))->disabled);
        QCOMPARE(slots(), before);
        QVERIFY(as(dir, QStringLiteral("max"), kMentorPassphrase));
    }

    /// A static production secret kept as an admin's `cred set` keeps it:
    /// the box with its seal, and the signed entry naming the seal.
    void keepSecret(Vault& admin)
    {
        Database::Transaction transaction(admin.db());
        QVERIFY(!transaction.beginError());
        QByteArray seal;
        QVERIFY(!SecretStore(admin).put(QStringLiteral("prod-db"), Environment::Production, 0,
                                        SecureBytes::copyOf(QByteArrayLiteral("kept production secret")), m_clock.now(),
                                        &seal));
        QVERIFY(!AuditLog::append(admin, QStringLiteral("credential.set"), QStringLiteral("prod-db"),
                                  {{QStringLiteral("credential"), QStringLiteral("prod-db")},
                                   {QStringLiteral("environment"), QStringLiteral("production")},
                                   {QStringLiteral("seal"), QString::fromLatin1(seal.toBase64())},
                                   {QStringLiteral("delivered"), 0}}));
        QVERIFY(!transaction.commit());
    }

    /// What the kept secret's box is bound to, with the seal its row carries.
    static QByteArray keptContext(Vault& vault)
    {
        return productionkey::secretContext(
            QStringLiteral("prod-db"), QStringLiteral("production"), 0,
            vault.db().scalar(QStringLiteral("SELECT seal FROM credential_secrets")).toByteArray());
    }

    void disablingRotatesTheProductionKey()
    {
        const QString dir = copy();
        // A static production secret kept under the production key, and the
        // key the mentor about to be disabled holds (and may have copied).
        std::unique_ptr<Vault> admin = ada(dir);
        keepSecret(*admin);
        const SecureBytes before = SecureBytes::copyOf(admin->productionKey().view());
        std::unique_ptr<Vault> kim = as(dir, QStringLiteral("kim"), kKimPassphrase); // signed in before the disable
        QVERIFY(kim);
        QVERIFY(!People(*admin).disable(QStringLiteral("max")));
        QVERIFY(!admin->productionKey().equals(before));
        // The kept secret moved to the new key; the old key opens nothing any more.
        std::optional<SecureBytes> kept;
        QVERIFY(!SecretStore(*admin).get(QStringLiteral("prod-db"), Environment::Production, 0, &kept));
        QVERIFY(kept && kept->view() == QByteArrayView("kept production secret"));
        const QByteArray box = admin->db().scalar(QStringLiteral("SELECT box FROM credential_secrets")).toByteArray();
        QVERIFY(!crypto::decrypt(box, before, keptContext(*admin)));
        QVERIFY(crypto::decrypt(box, admin->productionKey(), keptContext(*admin))); // its seal kept
        // Every other holder has the new key: a new session, and one opened before.
        std::unique_ptr<Vault> bea = as(dir, QStringLiteral("bea"), kBeaPassphrase);
        QVERIFY(bea && bea->productionKey().equals(admin->productionKey()));
        QVERIFY(!Ledger::verify(*kim, m_clock.now()));
        QVERIFY(kim->productionKey().equals(admin->productionKey()));
        QVERIFY(slotOf(dir, QStringLiteral("kim")).sealedPendingProductionKey.isEmpty());
        QStringList report;
        QVERIFY2(!admin->check(&report, m_clock.now()), qPrintable(report.join(QLatin1Char('\n'))));
    }

    // The handed-over slot of a mentor holds the production key: whoever
    // saw the passphrase and copied the key file opens it from that slot,
    // even after the mentor chose their own. The check names the mentor
    // until an admin rotates the key; after that, the copied key opens
    // nothing kept or set.
    void aProductionKeyAHandedOverSlotHeldIsRotatedAway()
    {
        const QString dir = copy();
        const QByteArray handed = "kim, reset by ada";
        std::unique_ptr<Vault> admin = ada(dir);
        keepSecret(*admin);
        QVERIFY(!People(*admin).resetPassphrase(QStringLiteral("kim"), handed));
        // The attacker's copy: the slot, opened with the passphrase they saw.
        KeyFile copied;
        QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &copied));
        const std::optional<SecureBytes> kimKey =
            copied.slot(QStringLiteral("kim"))->unwrapSecretKey(copied.vaultId, handed);
        QVERIFY(kimKey);
        const std::optional<SecureBytes> stolen =
            crypto::openSealed(copied.slot(QStringLiteral("kim"))->sealedProductionKey, *kimKey);
        QVERIFY(stolen && stolen->equals(admin->productionKey()));
        QStringList report;
        QVERIFY(!admin->check(&report, m_clock.now()));
        QVERIFY2(report.join(u'\n').contains(QStringLiteral("production key: sealed into the handed-over slot of kim")),
                 qPrintable(report.join(u'\n')));
        // Rotated before she chose: the new key went into the handed-over
        // slot too, and she stays named.
        QVERIFY(!People(*admin).rotateProductionKey());
        report.clear();
        QVERIFY(!admin->check(&report, m_clock.now()));
        QVERIFY2(report.join(u'\n').contains(QStringLiteral("handed-over slot of kim")),
                 qPrintable(report.join(u'\n')));
        copied = KeyFile();
        QVERIFY(!KeyFile::load(QDir(dir).filePath(Vault::keyFileName()), &copied));
        const std::optional<SecureBytes> stolenAgain =
            crypto::openSealed(copied.slot(QStringLiteral("kim"))->sealedProductionKey, *kimKey);
        QVERIFY(stolenAgain && stolenAgain->equals(admin->productionKey()));
        {
            std::unique_ptr<Vault> kim = as(dir, QStringLiteral("kim"), handed);
            QVERIFY(kim);
            QVERIFY(!firstpassphrase::choose(*kim, "kim's own passphrase"));
        }
        // Choosing her own ends nothing the copy holds: still named.
        report.clear();
        QVERIFY(!admin->check(&report, m_clock.now()));
        QVERIFY(report.join(u'\n').contains(QStringLiteral("handed-over slot of kim")));

        // Only an admin rotates it.
        {
            std::unique_ptr<Vault> kim = as(dir, QStringLiteral("kim"), "kim's own passphrase");
            QVERIFY(kim);
            QCOMPARE(People(*kim).rotateProductionKey().kind, ErrorKind::NotPermitted);
        }
        const Error rotated = People(*admin).rotateProductionKey();
        QVERIFY2(!rotated, qPrintable(rotated.message));
        QVERIFY(!admin->productionKey().equals(*stolen));
        QVERIFY(!admin->productionKey().equals(*stolenAgain));
        QCOMPARE(lastEntry(*admin).action, QStringLiteral("production.rotate"));
        const QByteArray box = admin->db().scalar(QStringLiteral("SELECT box FROM credential_secrets")).toByteArray();
        for (const SecureBytes* copy : {&*stolen, &*stolenAgain})
            QVERIFY(!crypto::decrypt(box, *copy, keptContext(*admin)));
        std::optional<SecureBytes> kept;
        QVERIFY(!SecretStore(*admin).get(QStringLiteral("prod-db"), Environment::Production, 0, &kept));
        QVERIFY(kept && kept->view() == QByteArrayView("kept production secret"));
        // Every holder has the new key; the check names nobody now.
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("kim"), QByteArray("kim's own passphrase")},
              std::pair{QStringLiteral("bea"), kBeaPassphrase}, std::pair{QStringLiteral("max"), kMentorPassphrase}}) {
            std::unique_ptr<Vault> holder = as(dir, name, passphrase);
            QVERIFY2(holder, qPrintable(name));
            QVERIFY2(holder->productionKey().equals(admin->productionKey()), qPrintable(name));
        }
        report.clear();
        const Error check = admin->check(&report, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
        QVERIFY2(!report.join(u'\n').contains(QStringLiteral("handed-over slot")), qPrintable(report.join(u'\n')));
    }

    // A backup taken before a rotation holds the key that rotation took
    // away (from a handed-over slot someone copied, say). Restored over the
    // vault, the key is rotated once more: the old one opens no kept secret.
    // A restore with no rotation since keeps the backup's key.
    void aRestoreFromBeforeARotationRotatesAgain()
    {
        const QString dir = copy();
        const QString file = m_dir.filePath(QStringLiteral("copy%1.onramp-backup").arg(m_copies));
        SecureBytes old;
        QByteArray context;
        {
            std::unique_ptr<Vault> admin = ada(dir);
            keepSecret(*admin);
            context = keptContext(*admin);
            old = SecureBytes::copyOf(admin->productionKey().view());
            QVERIFY(!backup::take(*admin, file, false, m_clock.now()));
        }
        backup::Restored restored;
        Error e = backup::restore(file, dir, QStringLiteral("ada"), kAdminPassphrase, true, m_clock.now(), &restored);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!restored.productionRotated);
        QVERIFY(ada(dir)->productionKey().equals(old));

        QVERIFY(!backup::take(*ada(dir), file, true, m_clock.now()));
        QVERIFY(!People(*ada(dir)).rotateProductionKey());
        e = backup::restore(file, dir, QStringLiteral("ada"), kAdminPassphrase, true, m_clock.now(), &restored);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(restored.productionRotated);
        QVERIFY(restored.disabledAgain.isEmpty() && restored.passphraseShutOut.isEmpty()
                && restored.notCarried.isEmpty());
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(!admin->productionKey().equals(old));
        const QByteArray box = admin->db().scalar(QStringLiteral("SELECT box FROM credential_secrets")).toByteArray();
        QCOMPARE(keptContext(*admin), context); // the same seal, under the new key
        QVERIFY(!crypto::decrypt(box, old, context));
        std::optional<SecureBytes> kept;
        QVERIFY(!SecretStore(*admin).get(QStringLiteral("prod-db"), Environment::Production, 0, &kept));
        QVERIFY(kept && kept->view() == QByteArrayView("kept production secret"));
        // Rotated after the restore entry, signed by the admin who restored.
        QList<AuditEntry> all;
        QVERIFY(!AuditLog::entries(admin->db(), {}, &all));
        const auto restoreAt = std::find_if(all.crbegin(), all.crend(), [](const AuditEntry& entry) {
            return entry.action == QLatin1String("vault.restore");
        });
        QVERIFY(restoreAt != all.crend());
        QVERIFY(std::any_of(all.crbegin(), restoreAt, [](const AuditEntry& entry) {
            return entry.action == QLatin1String("production.rotate") && entry.actorName == QLatin1String("ada");
        }));
        // Every holder opens the new key.
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("kim"), kKimPassphrase}, std::pair{QStringLiteral("bea"), kBeaPassphrase},
              std::pair{QStringLiteral("max"), kMentorPassphrase}}) {
            std::unique_ptr<Vault> holder = as(dir, name, passphrase);
            QVERIFY2(holder && holder->productionKey().equals(admin->productionKey()), qPrintable(name));
        }
        QStringList report;
        e = admin->check(&report, m_clock.now());
        QVERIFY2(!e, qPrintable(e.message + report.join(u'\n')));
    }

    void aRotationCutShortIsFinishedFromTheLog()
    {
        // Killed after the commit, before the key file was promoted: the log
        // names the new key, which every holder's slot has as pending.
        const QString dir = copy();
        const RunResult r = runOnramp(
            {QStringLiteral("person"), QStringLiteral("disable"), QStringLiteral("max"), QStringLiteral("--vault"), dir,
             QStringLiteral("--as"), QStringLiteral("ada")},
            kAdminPassphrase, {{QStringLiteral("ONRAMP_TEST_CRASH_AT"), QStringLiteral("disable-before-promote")}});
        QVERIFY(r.code != 0);
        QVERIFY(!slotOf(dir, QStringLiteral("kim")).sealedPendingProductionKey.isEmpty());
        // This desktop saw the disable commit, crash or not: no going back behind it.
        {
            std::optional<VaultPin> pin;
            std::unique_ptr<Vault> a = ada(dir);
            QVERIFY(!TrustStore::load(a->vaultId(), &pin));
            qint64 head = 0;
            QByteArray hash;
            QVERIFY(!AuditLog::head(a->db(), &head, &hash));
            QVERIFY(pin && pin->headSequence == head);
        }
        std::unique_ptr<Vault> kim = as(dir, QStringLiteral("kim"), kKimPassphrase);
        QVERIFY(kim);
        QCOMPARE(Ledger::productionKeyCheck(kim->productionKey()), Ledger::loggedProductionKeyCheck(kim->db()));
        QVERIFY(!Ledger::verify(*kim, m_clock.now()));
        // The next key-file change settles it for everyone.
        std::unique_ptr<Vault> admin = ada(dir);
        QVERIFY(!People(*admin).add(QStringLiteral("lee"), {}, Role::Hire, "lee the third hire"));
        QVERIFY(slotOf(dir, QStringLiteral("kim")).sealedPendingProductionKey.isEmpty());
        QStringList report;
        QVERIFY2(!admin->check(&report, m_clock.now()), qPrintable(report.join(QLatin1Char('\n'))));
    }

    void personDisableCommand()
    {
        const QString dir = copy();
        auto run = [&](const QString& who, const QByteArray& passphrase, QStringList args) {
            args << QStringLiteral("--vault") << dir << QStringLiteral("--as") << who;
            return runOnramp(args, passphrase);
        };
        const QStringList disableMax{QStringLiteral("person"), QStringLiteral("disable"), QStringLiteral("max")};
        RunResult r = run(QStringLiteral("hal"), kHirePassphrase, disableMax);
        QCOMPARE(r.code, 4);
        r = run(QStringLiteral("ada"), kAdminPassphrase,
                {QStringLiteral("person"), QStringLiteral("disable"), QStringLiteral("ada")});
        QCOMPARE(r.code, 4);
        r = run(QStringLiteral("ada"), kAdminPassphrase, disableMax);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Disabled max")), qPrintable(r.out));
        r = run(QStringLiteral("ada"), kAdminPassphrase, disableMax);
        QCOMPARE(r.code, 5);
        r = run(QStringLiteral("max"), kMentorPassphrase, {QStringLiteral("person"), QStringLiteral("list")});
        QCOMPARE(r.code, 4);
        QVERIFY2(r.err.contains(QStringLiteral("disabled")), qPrintable(r.err));
        r = run(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("person"), QStringLiteral("list")});
        QVERIFY(r.out.contains(QStringLiteral("max\tmentor\tMax Mentor\t(disabled)\n")));
        r = run(QStringLiteral("ada"), kAdminPassphrase,
                {QStringLiteral("audit"), QStringLiteral("log"), QStringLiteral("--action"),
                 QStringLiteral("person.disable")});
        QCOMPARE(r.out.count(QLatin1Char('\n')), 1);
        QVERIFY(r.out.contains(QStringLiteral("\tada\tperson.disable\tmax\t")));
        r = run(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("audit"), QStringLiteral("verify")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestPersonDisable)
#include "TestPersonDisable.moc"
