// Handed-over passphrases: a first passphrase an admin typed for someone, and
// a reset, are handed over, and the person chooses their own at the next
// sign-in; every `person.add` says whether it was handed over, so that a row a
// hire plants in the settings table decides nothing for anyone.
#include "VaultTestUtil.h"

#include "Database.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace onramp;
using namespace vaulttest;

namespace {

/// The details of the newest entry of \a action about \a subject.
QJsonObject detailsOf(Vault& vault, const QString& action, const QString& subject)
{
    const QString details = vault.db()
                                .scalar(QStringLiteral("SELECT details FROM audit_log WHERE action = ? AND subject = ? "
                                                       "ORDER BY seq DESC LIMIT 1"),
                                        {action, subject})
                                .toString();
    return QJsonDocument::fromJson(details.toUtf8()).object();
}

bool stillHands(Vault& vault, const QString& name)
{
    QSet<QString> handed;
    if (Error e = firstpassphrase::stillHanded(vault.db(), &handed)) {
        qWarning() << e.message;
        return false;
    }
    return handed.contains(name);
}

} // namespace

class TestFirstPassphrase : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_vaults = 0;

    /// A vault with ada (admin), max (mentor) and hal (hire), each added plainly.
    std::unique_ptr<Vault> freshVault(QString* dir)
    {
        *dir = m_dir.filePath(QStringLiteral("vault%1").arg(++m_vaults));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(*dir + QStringLiteral(".trust")));
        return makeVault(*dir);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The attacker first: hal, a hire, holds the master key and writes the
    // settings row that older vaults read as "must choose their own". For
    // max, whom the admin added plainly, the signed entry says "not handed
    // over", and the row changes nothing: not his sign-in, not the list.
    void aPlantedRowDecidesNothingForSomeoneAddedPlainly()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        const std::optional<Person> max = vault->person(QStringLiteral("max"));
        QVERIFY(max);
        QCOMPARE(detailsOf(*vault, QStringLiteral("person.add"), QStringLiteral("max"))
                     .value(firstpassphrase::detailsKey())
                     .toString(),
                 QStringLiteral("not_handed_over"));
        vault.reset();

        std::unique_ptr<Vault> hire;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
        QVERIFY(!firstpassphrase::markDue(hire->db(), max->id));
        QCOMPARE(hire->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key = ?"),
                             {QStringLiteral("first_passphrase_due.%1").arg(max->id)})
                     .toLongLong(),
                 1);
        QVERIFY(!stillHands(*hire, QStringLiteral("max")));
        hire.reset();

        std::unique_ptr<Vault> mentor;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("max"), kMentorPassphrase, &mentor));
        QVERIFY(!firstpassphrase::isDue(*mentor));
    }

    // Every person.add says which it was, the admin's own vault.create aside.
    void everyAddSaysWhetherThePassphraseWasHandedOver()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        QVERIFY(!People(*vault).add(QStringLiteral("zoe"), QStringLiteral("Zoe"), Role::Hire,
                                    "a first passphrase for zoe", firstpassphrase::Handed::Given));
        QCOMPARE(vault->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'person.add' "
                                            "AND instr(details, '\"first_passphrase\"') = 0"))
                     .toLongLong(),
                 0);
        QCOMPARE(detailsOf(*vault, QStringLiteral("person.add"), QStringLiteral("zoe"))
                     .value(firstpassphrase::detailsKey())
                     .toString(),
                 QStringLiteral("handed_over"));
    }

    // An admin typed zoe's first passphrase: she chooses her own at her first
    // sign-in, and the People list says so until she has.
    void aPassphraseTheAdminTypedIsHandedOver()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        const QByteArray typed = "a first passphrase for zoe";
        QVERIFY(!People(*vault).add(QStringLiteral("zoe"), QStringLiteral("Zoe"), Role::Hire, typed,
                                    firstpassphrase::Handed::Given));
        QVERIFY(stillHands(*vault, QStringLiteral("zoe")));
        QVERIFY(!stillHands(*vault, QStringLiteral("max")));
        std::unique_ptr<Vault> zoe;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), typed, &zoe));
        QVERIFY(firstpassphrase::isDue(*zoe));
        QCOMPARE(firstpassphrase::choose(*zoe, typed).kind, ErrorKind::InvalidInput);
        const QByteArray handedKey = zoe->me().signPublicKey;
        QVERIFY(!firstpassphrase::choose(*zoe, "zoe's very own passphrase"));
        QVERIFY(!firstpassphrase::isDue(*zoe));
        QVERIFY(zoe->me().signPublicKey != handedKey); // the choice gave her a key of her own
        QVERIFY(!stillHands(*vault, QStringLiteral("zoe")));
        // A rekey re-signs every slot as the admin's: her own choice still
        // stands, by the change that gave her key, whatever a hire plants.
        const qint64 zoeId = zoe->me().id;
        zoe.reset();
        QVERIFY(!vault->rekey());
        {
            std::unique_ptr<Vault> hire;
            QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
            QVERIFY(!firstpassphrase::markDue(hire->db(), zoeId));
        }
        QVERIFY(!Vault::unlock(dir, QStringLiteral("zoe"), "zoe's very own passphrase", &zoe));
        QVERIFY(!firstpassphrase::isDue(*zoe));
        // A later change keeps her key.
        const QByteArray own = zoe->me().signPublicKey;
        QVERIFY(!People(*zoe).changePassphrase("zoe's second passphrase"));
        QCOMPARE(zoe->me().signPublicKey, own);
    }

    // A reset hands a passphrase over too, whoever it is for; the signed
    // passphrase.reset says so, and the person chooses their own next.
    void aResetPassphraseIsHandedOver()
    {
        QString dir;
        std::unique_ptr<Vault> vault = freshVault(&dir);
        QVERIFY(vault);
        const QByteArray reset = "max's passphrase after the reset";
        QVERIFY(!People(*vault).resetPassphrase(QStringLiteral("max"), reset));
        QCOMPARE(detailsOf(*vault, QStringLiteral("passphrase.reset"), QStringLiteral("max"))
                     .value(firstpassphrase::detailsKey())
                     .toString(),
                 QStringLiteral("handed_over"));
        QVERIFY(stillHands(*vault, QStringLiteral("max")));
        std::unique_ptr<Vault> max;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("max"), reset, &max));
        QVERIFY(firstpassphrase::isDue(*max));
        QVERIFY(!firstpassphrase::choose(*max, "max chose this one himself"));
        QVERIFY(!firstpassphrase::isDue(*max));
        QVERIFY(!stillHands(*vault, QStringLiteral("max")));
        // Deleting the settings rows, or planting them, changes nothing either way.
        QVERIFY(!vault->db().execute(QStringLiteral("DELETE FROM settings WHERE key LIKE 'first_passphrase%'")));
        QVERIFY(!People(*vault).resetPassphrase(QStringLiteral("max"), reset));
        max.reset();
        QVERIFY(!Vault::unlock(dir, QStringLiteral("max"), reset, &max));
        QVERIFY(firstpassphrase::isDue(*max));
    }
};

QTEST_GUILESS_MAIN(TestFirstPassphrase)
#include "TestFirstPassphrase.moc"
