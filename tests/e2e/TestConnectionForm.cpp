// An admin sets a postgresql credential's provider connection in the app,
// in the real window at 1024x640 on the demo team's vault signed in as ada:
// the Production secrets tab lists the credential with its connection's
// state, refuses an address the policy refuses (naming it, setting
// nothing), sets a good one for the credential's environment with the
// password sealed and never shown again, shows it set, and asks before it
// points a connection with live logins at another server.
#include "AdminBackend.h"
#include "AdminFixture.h"
#include "Appearance.h"

#include "Clock.h"
#include "PostgresqlProvider.h"
#include "audit/AuditLog.h"
#include "credentials/ProviderConnections.h"
#include "vault/Vault.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

namespace {

const QByteArray kChecklist = R"(onramp: 1
production_hosts: ["*.prod.example.com"]
checklist:
  id: data-team
  title: Data team week one
  steps:
    - {id: handbook, title: Read the handbook, required: true}
credentials:
  - id: practice-pg
    title: Practice database
    environment: sandbox
    provider: postgresql
    postgresql: {server: practice, roles: [app_user]}
  - id: live-pg
    title: Live database, read only
    environment: production
    provider: postgresql
    postgresql: {server: live, roles: [ro_reader]}
    ttl: 8h
)";

const QString kSocketDsn = QStringLiteral("host=/run/postgresql dbname=postgres user=onramp_provisioner");
const QString kPassword = QStringLiteral("the provisioner's password, typed once");

} // namespace

class TestConnectionForm : public e2e::AdminFixture
{
    Q_OBJECT

    /// The connections the vault holds, read apart from the window as ada.
    QList<onramp::ProviderConnection> connections() const
    {
        QList<onramp::ProviderConnection> out;
        const onramp::Error e = e2e::asDemoPerson(m_demo, QStringLiteral("ada"), [&](onramp::Vault& v) {
            return onramp::ProviderConnections(v, onramp::defaultClock()).list(&out);
        });
        if (e)
            qWarning() << "cannot list the connections:" << e.message;
        return out;
    }

    /// Picks the credential row \a credentialId and types \a dsn and the
    /// password into its connection form.
    bool fillConnection(const QString& credentialId, const QString& dsn)
    {
        return m_ui->click(QStringLiteral("template-") + credentialId) && typeOver("connectionDsnField", dsn)
            && typeOver("connectionPasswordField", kPassword);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        onramp::providers::registerPostgresqlProvider();
        QVERIFY(makeDemoInTestSettings());
        QVERIFY(!e2e::asDemoPerson(m_demo, QStringLiteral("ada"), [](onramp::Vault& v) {
            e2e::importChecklist(v, kChecklist);
            return onramp::Error();
        }));
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // Both postgresql credentials are listed, the sandbox one too (its
    // connection is the admin's to give), each saying its connection is
    // not set; picked, the form asks for the connection, not a secret.
    void theCredentialsSayTheirConnectionIsNotSet()
    {
        showTab(QStringLiteral("secrets"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("template-live-pg") && visible("template-practice-pg"), e2e::kPatienceMs);
        QCOMPARE(text("secretState-live-pg"), QStringLiteral("connection live not set yet"));
        QCOMPARE(text("secretState-practice-pg"), QStringLiteral("connection practice not set yet"));
        QCOMPARE(text("providerTag-live-pg"), QStringLiteral("PostgreSQL"));
        QVERIFY(click("template-live-pg"));
        QTRY_COMPARE_WITH_TIMEOUT(text("secretFormHeading"),
                                  QStringLiteral("Set the connection of Live database, read only"), e2e::kPatienceMs);
        QVERIFY(visible("connectionDsnField"));
        QVERIFY(!visible("secretField") && !visible("setSecretButton"));
        QVERIFY2(text("connectionIntro").contains(QStringLiteral("“live”"))
                     && text("connectionIntro").contains(QStringLiteral("production credentials")),
                 qPrintable(text("connectionIntro")));
        QVERIFY(!item("setConnectionButton")->isEnabled());
        shot(QStringLiteral("connection-form"));
    }

    // An address over the network without TLS is refused, naming the
    // connection; nothing is set and what was typed stays to correct.
    void anAddressThePolicyRefusesSetsNothing()
    {
        const QString plain = QStringLiteral("host=db.example.org dbname=postgres user=onramp_provisioner");
        QVERIFY(fillConnection(QStringLiteral("live-pg"), plain));
        QVERIFY(click("setConnectionButton"));
        // Said as a sentence of its own, both missing settings at once.
        QTRY_VERIFY_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Connection live was not set. The server address "
                                                                    "for db.example.org:5432/postgres must ask for "
                                                                    "sslmode=verify-full and channel_binding=require")),
                                 e2e::kPatienceMs);
        QVERIFY2(!notice().contains(kPassword), qPrintable(notice()));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(connections().isEmpty());
        QCOMPARE(text("connectionDsnField"), plain);
        QCOMPARE(text("secretState-live-pg"), QStringLiteral("connection live not set yet"));
    }

    // A local socket's address is set for production (the credential's
    // environment); the row says who set it, the password field empties,
    // and the signed entry names the address and never the password.
    void aGoodAddressIsSetForTheCredentialsEnvironment()
    {
        QVERIFY(fillConnection(QStringLiteral("live-pg"), kSocketDsn));
        QTest::keyClick(m_window, Qt::Key_Return); // Enter in the password field sets it
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Connection live is set to")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const QList<onramp::ProviderConnection> set = connections();
        QCOMPARE(set.size(), 1);
        QCOMPARE(set.at(0).name, QStringLiteral("live"));
        QCOMPARE(set.at(0).dsn, kSocketDsn);
        QCOMPARE(set.at(0).environment, onramp::Environment::Production);
        QCOMPARE(set.at(0).setBy, QStringLiteral("Ada Admin"));
        QTRY_VERIFY_WITH_TIMEOUT(text("secretState-live-pg").startsWith(QStringLiteral("connection live set on ")),
                                 e2e::kPatienceMs);
        QVERIFY2(text("secretState-live-pg").endsWith(QStringLiteral(" by Ada Admin")),
                 qPrintable(text("secretState-live-pg")));
        QCOMPARE(text("connectionPasswordField"), QString());
        QList<onramp::AuditEntry> entries;
        QVERIFY(!e2e::asDemoPerson(m_demo, QStringLiteral("ada"),
                                   [&](onramp::Vault& v) { return onramp::AuditLog::entries(v.db(), {}, &entries); }));
        bool logged = false;
        for (const onramp::AuditEntry& entry : std::as_const(entries)) {
            QVERIFY2(!entry.details.contains(kPassword), qPrintable(entry.details));
            logged = logged || (entry.action == QLatin1String("provider.set") && entry.details.contains(kSocketDsn));
        }
        QVERIFY(logged);

        // Picked again, the form holds the address set, never the password.
        QVERIFY(click("template-practice-pg"));
        QTRY_COMPARE_WITH_TIMEOUT(text("connectionDsnField"), QString(), e2e::kPatienceMs);
        QVERIFY(click("template-live-pg"));
        QTRY_COMPARE_WITH_TIMEOUT(text("connectionDsnField"), kSocketDsn, e2e::kPatienceMs);
        QCOMPARE(text("connectionPasswordField"), QString());
    }

    // The sandbox credential's connection is set for the sandbox, and the
    // production one's row is left as it was.
    void theSandboxConnectionServesTheSandbox()
    {
        QVERIFY(fillConnection(QStringLiteral("practice-pg"), kSocketDsn + QStringLiteral(" application_name=sb")));
        QVERIFY(text("connectionIntro").contains(QStringLiteral("sandbox credentials")));
        QVERIFY(click("setConnectionButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Connection practice is set to")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const QList<onramp::ProviderConnection> set = connections();
        QCOMPARE(set.size(), 2);
        QCOMPARE(set.at(0).name, QStringLiteral("live"));
        QCOMPARE(set.at(1).name, QStringLiteral("practice"));
        QCOMPARE(set.at(1).environment, onramp::Environment::Sandbox);
        QTRY_VERIFY_WITH_TIMEOUT(
            text("secretState-practice-pg").startsWith(QStringLiteral("connection practice set on ")),
            e2e::kPatienceMs);
    }

    // A connection set before is replaced only once the admin says so, as
    // a secret is: the question opens on Cancel, Enter keeps the one in use.
    void replacingAConnectionAsksFirst()
    {
        const QString other = kSocketDsn + QStringLiteral(" application_name=other");
        QVERIFY(fillConnection(QStringLiteral("practice-pg"), other));
        QVERIFY(click("setConnectionButton"));
        QObject* dialog = popupNamed(QStringLiteral("replaceConnectionDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QVERIFY2(text("replaceConnectionText").contains(kSocketDsn + QStringLiteral(" application_name=sb")),
                 qPrintable(text("replaceConnectionText")));
        QTRY_VERIFY_WITH_TIMEOUT(focused("replaceConnectionCancel"), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool() && settled(), e2e::kPatienceMs);
        QCOMPARE(connections().at(1).dsn, kSocketDsn + QStringLiteral(" application_name=sb"));

        QVERIFY(click("setConnectionButton"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QVERIFY(click("replaceConnectionButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Connection practice is set to")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(connections().at(1).dsn, other);
    }

    // In German and in English, at 1024x640, the form and the credentials'
    // rows are drawn whole: no text past its box.
    void nothingIsCutInEitherLanguage()
    {
        for (const QString& language : {QStringLiteral("de"), QStringLiteral("en")}) {
            QVERIFY(onramp::ui::Appearance::instance()->setLanguage(language));
            showTab(QStringLiteral("secrets"));
            QVERIFY(click("template-practice-pg"));
            QTRY_VERIFY_WITH_TIMEOUT(visible("connectionIntro") && settled(), e2e::kPatienceMs);
            shot(QStringLiteral("connection-form-") + language);
            const QStringList overdrawn = e2e::overdrawnTexts(m_window);
            QVERIFY2(overdrawn.isEmpty(), qPrintable(language + QStringLiteral(": ") + overdrawn.join(u'\n')));
        }
    }

    // Refused for the logins made through it (the provider's test makes real
    // ones: TestProviderTargets), the form asks, with Cancel focused; Enter
    // cancels and sets nothing, and "Point it there" sets it, with the
    // logins' drops kept pending.
    void pointingElsewhereAsksFirst()
    {
        const QString moved = QStringLiteral("host=/run/postgresql-moved dbname=postgres user=onramp_provisioner");
        QVERIFY(fillConnection(QStringLiteral("live-pg"), moved));
        QObject* backend = item("admin")->findChild<onramp::ui::AdminBackend*>();
        QVERIFY(backend);
        QVERIFY(QMetaObject::invokeMethod(backend, "connectionMoveRefused", Q_ARG(QString, QStringLiteral("live")),
                                          Q_ARG(QString, moved),
                                          Q_ARG(QStringList, QStringList{QStringLiteral("alex's live-pg")})));
        QObject* dialog = popupNamed(QStringLiteral("moveConnectionDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QVERIFY2(text("moveConnectionText").contains(QStringLiteral("alex's live-pg")),
                 qPrintable(text("moveConnectionText")));
        QTRY_VERIFY_WITH_TIMEOUT(focused("moveConnectionCancel"), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(connections().at(0).dsn, kSocketDsn);

        // Not pointed, the password typed went with the question: typed
        // again, and refused again for the same logins, it is pointed there.
        QCOMPARE(text("connectionPasswordField"), QString());
        QVERIFY(typeOver("connectionPasswordField", kPassword));
        QVERIFY(QMetaObject::invokeMethod(backend, "connectionMoveRefused", Q_ARG(QString, QStringLiteral("live")),
                                          Q_ARG(QString, moved),
                                          Q_ARG(QStringList, QStringList{QStringLiteral("alex's live-pg")})));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QVERIFY(click("moveConnectionButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Connection live is set to")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(connections().at(0).dsn, moved);
    }
};

QTEST_MAIN(TestConnectionForm)
#include "TestConnectionForm.moc"
