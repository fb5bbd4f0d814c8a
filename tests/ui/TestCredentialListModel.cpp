// What the app says about a credential: every state in a person's words,
// never a command to run; and whether production waits for IT's secret.
#include "CredentialListModel.h"
#include "Formats.h"
#include "Translations.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace onramp;
using namespace onramp::ui;

namespace {

CredentialView view(CredentialState state, Environment environment)
{
    CredentialView v;
    v.hire = QStringLiteral("alex");
    v.hireDisplayName = QStringLiteral("Alex Newhire");
    v.credential.id = QStringLiteral("prod-db");
    v.credential.title = QStringLiteral("Production database");
    v.credential.environment = environment;
    v.credential.provider = QStringLiteral("static");
    v.state = state;
    v.endedBy = QStringLiteral("maya");
    v.endedAt = QDateTime::currentDateTimeUtc();
    v.reasons = {Reason{QStringLiteral("no-signoff"), {}, QStringLiteral("no mentor has signed off yet")}};
    return v;
}

} // namespace

class TestCredentialListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyStateIsToldInWordsWithoutACommand_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("readable");
        QTest::newRow("ready") << int(CredentialState::Ready) << true;
        QTest::newRow("not set") << int(CredentialState::NotSet) << false;
        QTest::newRow("locked") << int(CredentialState::Locked) << false;
        QTest::newRow("granted") << int(CredentialState::Granted) << true;
        QTest::newRow("not granted") << int(CredentialState::NotGranted) << false;
        QTest::newRow("expired") << int(CredentialState::Expired) << false;
        QTest::newRow("revoked") << int(CredentialState::Revoked) << false;
        QTest::newRow("invalid") << int(CredentialState::Invalid) << false;
    }

    void everyStateIsToldInWordsWithoutACommand()
    {
        QFETCH(int, state);
        QFETCH(bool, readable);
        static const QRegularExpression command(QStringLiteral("\\bonramp [a-z]|'[a-z-]+ [a-z-]+ [a-z-]+'"));
        const CredentialView v = view(CredentialState(state), Environment::Production);
        const QString explanation = CredentialListModel::explain(v);
        QCOMPARE(explanation.isEmpty(), readable);
        QVERIFY2(!explanation.contains(command), qPrintable(explanation));
        // The core's own explanation, which the command line prints, names no command either.
        QVERIFY2(!v.explanation().contains(command), qPrintable(v.explanation()));
        QVERIFY(!CredentialListModel::statusText(v).isEmpty());
    }

    void aSecretNotSetIsWaitingForIt()
    {
        const CredentialView v = view(CredentialState::NotSet, Environment::Production);
        QCOMPARE(CredentialListModel::statusText(v), QStringLiteral("waiting for IT"));
        QVERIFY(CredentialListModel::explain(v).startsWith(QStringLiteral("Waiting for IT to add the secret.")));
    }

    // After a passphrase reset, a grant sealed to the old key is no longer
    // offered to reveal: the card says what happened and who renews it.
    void aBoxSealedToTheOldKeySaysSo()
    {
        CredentialListModel model;
        CredentialView grant = view(CredentialState::Granted, Environment::Production);
        grant.sealedToOldKey = true;
        CredentialView sandbox = view(CredentialState::Ready, Environment::Sandbox);
        sandbox.credential.provider = QStringLiteral("generated");
        sandbox.sealedToOldKey = true;
        model.setCredentials({grant, sandbox});
        QVERIFY(!model.anyReadable());
        const QModelIndex first = model.index(0);
        QCOMPARE(model.data(first, CredentialListModel::ReadableRole).toBool(), false);
        QCOMPARE(model.data(first, CredentialListModel::StatusTextRole).toString(), QStringLiteral("renewal needed"));
        const QString said = model.data(first, CredentialListModel::ExplanationRole).toString();
        QVERIFY2(said.contains(QStringLiteral("before your passphrase was reset"))
                     && said.contains(QStringLiteral("mentor")),
                 qPrintable(said));
        const QModelIndex second = model.index(1);
        QCOMPARE(model.data(second, CredentialListModel::StatusTextRole).toString(), QStringLiteral("reissue needed"));
        QVERIFY(
            model.data(second, CredentialListModel::ExplanationRole).toString().contains(QStringLiteral("Reissue it")));
        QVERIFY(grant.explanation().contains(QStringLiteral("ask your mentor to renew it")));
    }

    void productionWaitsOnlyForAProductionSecret()
    {
        CredentialListModel model;
        QSignalSpy changed(&model, &CredentialListModel::productionAwaitingSecretChanged);
        model.setCredentials({view(CredentialState::NotSet, Environment::Sandbox),
                              view(CredentialState::Granted, Environment::Production)});
        QVERIFY(!model.productionAwaitingSecret());
        QCOMPARE(changed.count(), 0);
        model.setCredentials({view(CredentialState::NotSet, Environment::Production)});
        QVERIFY(model.productionAwaitingSecret());
        QCOMPARE(changed.count(), 1);
        const QModelIndex row = model.index(0);
        QCOMPARE(model.data(row, CredentialListModel::AwaitingSecretRole).toBool(), true);
        QCOMPARE(model.data(row, CredentialListModel::StatusTextRole).toString(), QStringLiteral("waiting for IT"));
        QCOMPARE(model.data(row, CredentialListModel::HireDisplayNameRole).toString(), QStringLiteral("Alex Newhire"));
        QCOMPARE(model.data(row, CredentialListModel::ReissuableRole).toBool(), false);
        model.setCredentials({});
        QVERIFY(!model.productionAwaitingSecret());
        QCOMPARE(changed.count(), 2);
    }

    void onlyAGeneratedSandboxSecretIsReissued()
    {
        CredentialListModel model;
        CredentialView generated = view(CredentialState::Ready, Environment::Sandbox);
        generated.credential.provider = QStringLiteral("generated");
        model.setCredentials({generated, view(CredentialState::Ready, Environment::Sandbox)});
        QCOMPARE(model.data(model.index(0), CredentialListModel::ReissuableRole).toBool(), true);
        QCOMPARE(model.data(model.index(1), CredentialListModel::ReissuableRole).toBool(), false);

        // When it was made, in the words of every list; a reissue makes it anew.
        const QDateTime issued(QDate(2026, 12, 7), QTime(12, 0));
        generated.issuedAt = issued;
        model.setCredentials({generated});
        QCOMPARE(model.data(model.index(0), CredentialListModel::IssuedRole).toString(),
                 QStringLiteral("Issued %1").arg(listDate(issued)));
    }

    // .pgpass is offered only for a credential it has a line for: one read
    // now that names a host and a user (a Storybook token names neither).
    void pgpassIsOfferedForAReadableHostAndUser()
    {
        CredentialListModel model;
        QSignalSpy changed(&model, &CredentialListModel::anyReadableChanged);
        CredentialView token = view(CredentialState::Ready, Environment::Sandbox);
        token.credential.fields = {{QStringLiteral("url"), QStringLiteral("https://storybook.example")}};
        model.setCredentials({token});
        QVERIFY(model.anyReadable());
        QVERIFY(!model.anyPgpass());
        CredentialView locked = view(CredentialState::Locked, Environment::Production);
        locked.credential.fields = {{QStringLiteral("host"), QStringLiteral("db.prod.internal")},
                                    {QStringLiteral("user"), QStringLiteral("readonly")}};
        model.setCredentials({token, locked});
        QVERIFY(!model.anyPgpass()); // not readable yet
        const qsizetype before = changed.size();
        CredentialView database = view(CredentialState::Ready, Environment::Sandbox);
        database.credential.fields = {{QStringLiteral("host"), QStringLiteral("sandbox-db.internal")},
                                      {QStringLiteral("username"), QStringLiteral("alex")}};
        model.setCredentials({token, database});
        QVERIFY(model.anyPgpass());
        QCOMPARE(changed.size(), before + 1); // anyReadable stayed true; the signal still tells
    }

    void aProductionCredentialSaysHowLongItLastsOnceReleased_data()
    {
        QTest::addColumn<qint64>("ttl");
        QTest::addColumn<QString>("lifetime");
        QTest::newRow("hours") << qint64(8 * 3600) << "8 hours";
        QTest::newRow("one hour") << qint64(3600) << "1 hour";
        QTest::newRow("days") << qint64(30 * 24 * 3600) << "30 days";
        QTest::newRow("minutes") << qint64(90 * 60) << "90 minutes";
        QTest::newRow("no ttl: the core's default") << qint64(0) << "30 days";
    }

    void aProductionCredentialSaysHowLongItLastsOnceReleased()
    {
        QFETCH(qint64, ttl);
        QFETCH(QString, lifetime);
        CredentialView locked = view(CredentialState::Locked, Environment::Production);
        locked.credential.ttlSeconds = ttl;
        QCOMPARE(CredentialListModel::lifetime(locked), lifetime);
        QVERIFY2(CredentialListModel::explain(locked).contains(lifetime),
                 qPrintable(CredentialListModel::explain(locked)));
        CredentialListModel model;
        model.setCredentials({locked, view(CredentialState::Ready, Environment::Sandbox)});
        QCOMPARE(model.data(model.index(0), CredentialListModel::LifetimeRole).toString(), lifetime);
        QCOMPARE(model.data(model.index(1), CredentialListModel::LifetimeRole).toString(), QString());
        QCOMPARE(model.productionLifetime(), lifetime);
    }

    void productionCredentialsOfDifferentLifetimesGiveTheRange()
    {
        CredentialView shortOne = view(CredentialState::Locked, Environment::Production);
        shortOne.credential.ttlSeconds = 8 * 3600;
        CredentialView longOne = view(CredentialState::Locked, Environment::Production);
        longOne.credential.ttlSeconds = 2 * 24 * 3600;
        CredentialListModel model;
        model.setCredentials({longOne, shortOne});
        QCOMPARE(model.productionLifetime(), QStringLiteral("8 hours to 2 days"));
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    onramp::installTranslations(app); // the plurals ("8 hours") come from the English translation
    TestCredentialListModel test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestCredentialListModel.moc"
