#include "LoginDerivation.h"

#include <QTest>

using namespace onramp;
using namespace onramp::server;

namespace {

ServerLogin derive(const QByteArray& passphrase, const QString& team, const QString& name)
{
    ServerLogin login;
    const Error error = deriveLogin(passphrase, team, name, LoginCost::floor(), &login);
    if (error)
        qFatal("deriveLogin failed: %s", qPrintable(error.message));
    return login;
}

QByteArray bytes(const SecureBytes& secret)
{
    return secret.view().toByteArray();
}

} // namespace

/// The team server's login: one Argon2id run, split into a SCRAM password
/// and a slot key, with a salt from the team and the name and a cost floor
/// nothing lowers. Each derivation here runs at the floor (64 MiB).
class TestLoginDerivation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameInputsGiveTheSameLogin()
    {
        const ServerLogin first = derive("correct horse", QStringLiteral("team-a"), QStringLiteral("hana"));
        const ServerLogin second = derive("correct horse", QStringLiteral("team-a"), QStringLiteral("hana"));
        QVERIFY(first.scramPassword.equals(second.scramPassword));
        QVERIFY(first.slotKey.equals(second.slotKey));
        QCOMPARE(first.slotKey.size(), std::size_t(32));
        // 32 bytes in URL-safe base64 without padding: 43 printable characters.
        QCOMPARE(first.scramPassword.size(), std::size_t(43));
        for (char c : bytes(first.scramPassword))
            QVERIFY2(QChar::fromLatin1(c).isLetterOrNumber() || c == '-' || c == '_', "not URL-safe base64");
    }

    // Every desk must derive the same login from the same passphrase in
    // every version: a change here locks every team out of its server.
    void theDerivationIsPinned()
    {
        const ServerLogin login =
            derive("correct horse battery staple", QStringLiteral("acme-onboarding"), QStringLiteral("hana"));
        QCOMPARE(bytes(login.scramPassword), QByteArray("QEqNakOGBazZkyXjikqV0khmrAnAeIs2SiwQas8nNxw"));
        QCOMPARE(bytes(login.slotKey).toHex(),
                 QByteArray("83f314da5fd69f8f7120fa09ce7d27425ac7394b5435f18a14f5f816e50c326f"));
        QCOMPARE(loginSalt(QStringLiteral("acme-onboarding"), QStringLiteral("hana")).toHex(),
                 QByteArray("421448f8b1c9006b2e78b7872afe236b"));
    }

    void namesTeamsAndPassphrasesDiffer()
    {
        const ServerLogin base = derive("correct horse", QStringLiteral("team-a"), QStringLiteral("hana"));
        const ServerLogin otherName = derive("correct horse", QStringLiteral("team-a"), QStringLiteral("omar"));
        const ServerLogin otherTeam = derive("correct horse", QStringLiteral("team-b"), QStringLiteral("hana"));
        const ServerLogin otherPassphrase = derive("correct horsf", QStringLiteral("team-a"), QStringLiteral("hana"));
        for (const ServerLogin* other : {&otherName, &otherTeam, &otherPassphrase}) {
            QVERIFY(!base.scramPassword.equals(other->scramPassword));
            QVERIFY(!base.slotKey.equals(other->slotKey));
        }
    }

    // The fields of the salt are length-prefixed: moving a character from the
    // team id to the name gives another salt.
    void saltFieldsDoNotRunTogether()
    {
        QCOMPARE(loginSalt(QStringLiteral("ab"), QStringLiteral("c")).size(), 16);
        QVERIFY(loginSalt(QStringLiteral("ab"), QStringLiteral("c"))
                != loginSalt(QStringLiteral("a"), QStringLiteral("bc")));
        QCOMPARE(loginSalt(QStringLiteral("t"), QStringLiteral("hana")),
                 loginSalt(QStringLiteral("t"), QStringLiteral("hana")));
    }

    // What the server learns (the SCRAM password's verifier) says nothing of
    // the slot key: the two halves are independent subkeys, neither a part
    // or a function of the other.
    void theTwoHalvesAreIndependent()
    {
        const ServerLogin login = derive("correct horse", QStringLiteral("team-a"), QStringLiteral("hana"));
        const QByteArray scram = bytes(login.scramPassword);
        const QByteArray slot = bytes(login.slotKey);
        QVERIFY(!scram.contains(slot.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals).left(8)));
        const QByteArray scramRaw = QByteArray::fromBase64(scram, QByteArray::Base64UrlEncoding);
        QCOMPARE(scramRaw.size(), 32);
        QVERIFY(scramRaw != slot);
        int sameBytes = 0;
        for (int i = 0; i < 32; ++i)
            sameBytes += scramRaw.at(i) == slot.at(i) ? 1 : 0;
        QVERIFY2(sameBytes < 8, "the two halves share too many bytes to be independent");
    }

    void costBelowTheFloorIsRefused_data()
    {
        QTest::addColumn<quint64>("opslimit");
        QTest::addColumn<quint64>("memlimit");
        const LoginCost floor = LoginCost::floor();
        QTest::newRow("one pass fewer") << floor.opslimit - 1 << floor.memlimit;
        QTest::newRow("half the memory") << floor.opslimit << floor.memlimit / 2;
        QTest::newRow("libsodium's minimum") << quint64(1) << quint64(8192);
        QTest::newRow("nothing") << quint64(0) << quint64(0);
        QTest::newRow("absurdly high") << quint64(1000) << floor.memlimit;
    }
    void costBelowTheFloorIsRefused()
    {
        QFETCH(quint64, opslimit);
        QFETCH(quint64, memlimit);
        ServerLogin login;
        const Error error = deriveLogin("correct horse", QStringLiteral("team-a"), QStringLiteral("hana"),
                                        {opslimit, memlimit}, &login);
        QCOMPARE(error.kind, ErrorKind::InvalidInput);
        QVERIFY2(error.message.contains(QLatin1String("team-a")), qPrintable(error.message));
        QVERIFY(login.scramPassword.isEmpty());
        QVERIFY(login.slotKey.isEmpty());
    }

    void theFloorIsAtLeastInteractive()
    {
        QVERIFY(LoginCost::floor().opslimit >= 2);
        QVERIFY(LoginCost::floor().memlimit >= quint64(64) * 1024 * 1024);
        QVERIFY(LoginCost::floor().isAllowed());
        QVERIFY(LoginCost::standard().isAllowed());
    }

    void emptyTeamOrNameIsRefused()
    {
        ServerLogin login;
        QCOMPARE(deriveLogin("p", QString(), QStringLiteral("hana"), LoginCost::floor(), &login).kind,
                 ErrorKind::InvalidInput);
        QCOMPARE(deriveLogin("p", QStringLiteral("t"), QString(), LoginCost::floor(), &login).kind,
                 ErrorKind::InvalidInput);
        QVERIFY(login.scramPassword.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLoginDerivation)
#include "TestLoginDerivation.moc"
