// Credentials from both sides, through the real window: the admin picks a
// credential and sets its secret (generated ones explained), the hire
// reissues a sandbox secret after confirming and sees the new one, a hire
// signed off before IT set the production secret is told so in words (no
// command line), the admin finds a to-do that leads to the secret's form,
// and the hire then reveals the production secret the admin set.
#include "E2eDriver.h"
#include "Translations.h"

#include "Demo.h"
#include "Session.h"

#include "Database.h"
#include "SecureBytes.h"
#include "credentials/Credentials.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "vault/Vault.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

const QByteArray kChecklist = R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: week-one
  title: Week one
  steps:
    - id: sandbox-tests
      title: Run the tests in your sandbox
      required: true
      signoff: true
credentials:
  - id: sandbox-db
    title: Sandbox database
    environment: sandbox
    provider: generated
    fields: {host: sandbox-db.internal, user: "{{hire}}"}
    secret: {name: password, length: 20}
  - id: sandbox-api
    title: Sandbox API key
    environment: sandbox
    provider: static
    fields: {host: api.sandbox.internal}
  - id: prod-db
    title: Production database
    environment: production
    provider: static
    fields: {host: db.prod.internal, user: readonly}
    ttl: 8h
  - id: prod-logs
    title: Production logs
    environment: production
    provider: generated
    fields: {host: logs.prod.internal}
    secret: {name: token, length: 32}
    ttl: 8h
)";

// A command of the command-line tool, as text a person would have to type.
const QRegularExpression kCommandLine(QStringLiteral("\\bonramp [a-z]"));

} // namespace

class TestCredentialJourney : public e2e::WindowFixture
{
    Q_OBJECT

private:
    /// The credentials card's backend on the page shown; null without the card.
    QObject* credentialsBackend() const
    {
        return e2e::findObjectOfClass(m_ui->item(QStringLiteral("credentialsCard")), "CredentialsBackend");
    }

    const QString m_productionSecret = QStringLiteral("read-only please 42");

    // The secret of one of the signed-in hire's credentials, read through the vault.
    QString secretInVault(const QString& credentialId)
    {
        onramp::SecureBytes secret;
        const onramp::Error e = Session::instance()->performNow([&](onramp::Vault& v) {
            onramp::CredentialView view;
            return onramp::Credentials(v).read(credentialId, &view, &secret);
        });
        if (e)
            return {};
        return QString::fromUtf8(secret.constChar(), qsizetype(secret.size()));
    }

    QStringList commandLineTexts() const
    {
        QStringList found;
        const QStringList texts = e2e::textsUnder(m_window->contentItem());
        for (const QString& t : texts)
            if (t.contains(kCommandLine))
                found.append(t);
        return found;
    }

    // A popup is no item of the visual tree: found among the objects of the item that declares it.
    bool dialogOpen(const QString& owner, const QString& objectName) const
    {
        const QQuickItem* item = m_ui->item(owner);
        const QObject* popup = item ? item->findChild<QObject*>(objectName) : nullptr;
        return popup && popup->property("opened").toBool();
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("vault")));
        QVERIFY(openWindow());

        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QVERIFY(m_ui->type(QStringLiteral("adminName"), QStringLiteral("ada")));
        QVERIFY(m_ui->type(QStringLiteral("adminDisplay"), QStringLiteral("Ada Admin")));
        QVERIFY(m_ui->type(QStringLiteral("passphrase"), QStringLiteral("ada's long passphrase")));
        QVERIFY(m_ui->type(QStringLiteral("passphraseRepeated"), QStringLiteral("ada's long passphrase")));
        QVERIFY(m_ui->click(QStringLiteral("createVaultButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));

        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("maya")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Maya Mentor")));
        QVERIFY(m_ui->choose(QStringLiteral("personRole"), 1)); // hire -> mentor
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("maya's passphrase")));
        QVERIFY(m_ui->click(QStringLiteral("addPersonButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(QStringLiteral("peopleList"))->property("count").toInt(), 2,
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->closeFirstPassphrase());
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("alex")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Alex Newhire")));
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("alex's passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(QStringLiteral("peopleList"))->property("count").toInt(), 3,
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->closeFirstPassphrase());

        QFile file(m_dir.filePath(QStringLiteral("week-one.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kChecklist);
        file.close();
        QVERIFY(m_ui->click(QStringLiteral("tab-checklists")));
        QVERIFY(m_ui->type(QStringLiteral("importPath"), file.fileName()));
        QVERIFY(m_ui->click(QStringLiteral("importButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(QStringLiteral("checklistList"))->property("count").toInt(), 1,
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("tab-enrollments")));
        QVERIFY(m_ui->click(QStringLiteral("enrollButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText"))
                                     .contains(QStringLiteral("Enrolled Alex Newhire with mentor Maya Mentor")),
                                 e2e::kPatienceMs);
    }

    void adminPicksACredentialAndSetsItsSecret()
    {
        QVERIFY(m_ui->click(QStringLiteral("tab-secrets")));
        // Nothing picked yet: the form says what to do, and Enter does nothing.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")),
                                  QStringLiteral("Pick a credential to set its secret"), e2e::kPatienceMs);
        QVERIFY(!m_ui->item(QStringLiteral("secretField"))->isEnabled());
        // Each static row says whether its secret is set; a generated one has none to set.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretState-prod-db")), QStringLiteral("no secret yet"),
                                  e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("secretState-sandbox-api")), QStringLiteral("no secret yet"));
        QVERIFY(!m_ui->item(QStringLiteral("secretState-prod-logs")));

        // A generated one cannot be set, and the form says why.
        QVERIFY(m_ui->click(QStringLiteral("template-prod-logs")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")), QStringLiteral("Production logs"),
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("secretFormHint")).contains(QStringLiteral("generated")));
        QVERIFY(!m_ui->item(QStringLiteral("secretField"))->isEnabled());

        // A static one can.
        QVERIFY(m_ui->click(QStringLiteral("template-prod-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")),
                                  QStringLiteral("Set the secret of Production database"), e2e::kPatienceMs);
        QVERIFY(m_ui->item(QStringLiteral("secretField"))->isEnabled());

        // Enter on an empty field says what is missing and sets nothing.
        QVERIFY(m_ui->click(QStringLiteral("template-sandbox-api")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")),
                                  QStringLiteral("Set the secret of Sandbox API key"), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("secretField")));
        m_ui->key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHint")),
                                  QStringLiteral("Type the secret first."), e2e::kPatienceMs);

        // Typed masked, read back with Show; Enter with a secret sets it.
        QVERIFY(m_ui->type(QStringLiteral("secretField"), QStringLiteral("sandbox key 7")));
        QQuickItem* field = m_ui->item(QStringLiteral("secretField"));
        QCOMPARE(field->property("displayText").toString().contains(QStringLiteral("sandbox")), false);
        // Show turns into Hide in place: neither the button nor the field beside it changes width.
        const qreal showWidth = m_ui->item(QStringLiteral("showSecretButton"))->width();
        const qreal fieldWidth = field->width();
        QVERIFY(m_ui->click(QStringLiteral("showSecretButton")));
        QTRY_COMPARE_WITH_TIMEOUT(field->property("displayText").toString(), QStringLiteral("sandbox key 7"),
                                  e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("showSecretButton")), QStringLiteral("Hide"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QCOMPARE(m_ui->item(QStringLiteral("showSecretButton"))->width(), showWidth);
        QCOMPARE(field->width(), fieldWidth);
        QVERIFY(m_ui->click(QStringLiteral("secretField")));
        m_ui->key(Qt::Key_Return);
        // The notice names the credential by its title, as the list does.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("noticeText")).contains(QStringLiteral("The secret of Sandbox API key is set")),
            e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("secretField")), QString());
        QVERIFY(!m_ui->item(QStringLiteral("showSecretButton"))->property("checked").toBool());
        // Its row now says when; the others still wait.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("secretState-sandbox-api")).startsWith(QStringLiteral("secret set on ")),
            e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("secretState-prod-db")), QStringLiteral("no secret yet"));
        // Picked again, the form says a secret is set, by whom, and that a new one replaces it.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")),
                                  QStringLiteral("Replace the secret of Sandbox API key"), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("setSecretButton")), QStringLiteral("Replace secret…"));
        const QString hint = m_ui->text(QStringLiteral("secretFormHint"));
        QVERIFY2(hint.startsWith(QStringLiteral("Ada Admin set this secret on "))
                     && hint.endsWith(QStringLiteral("replaces it for every hire who holds it, once you confirm.")),
                 qPrintable(hint));
        // Another credential's form is as before.
        QVERIFY(m_ui->click(QStringLiteral("template-prod-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")),
                                  QStringLiteral("Set the secret of Production database"), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("setSecretButton")), QStringLiteral("Set secret"));
    }

    void theSecretFieldStaysInPlace()
    {
        QCOMPARE(m_ui->text(QStringLiteral("secretsHeading")), QStringLiteral("Production secrets")); // as the tab
        const auto top = [this] { return m_ui->item(QStringLiteral("secretField"))->mapToScene(QPointF(0, 0)).y(); };
        QVERIFY(m_ui->click(QStringLiteral("template-prod-logs")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")), QStringLiteral("Production logs"),
                                  e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const qreal before = top();
        QVERIFY(m_ui->click(QStringLiteral("template-prod-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")),
                                  QStringLiteral("Set the secret of Production database"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QCOMPARE(top(), before);
    }

    void hireReissuesAfterConfirmingAndSeesTheNewSecret()
    {
        QVERIFY(m_ui->firstSignInThroughPage(1, QStringLiteral("alex's passphrase"),
                                             QStringLiteral("alex's own passphrase"))); // ada, alex, maya
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        // Hide stands where Reveal was clicked, and Copy beside it: the
        // secret shows above the buttons, in place of the dots, and the
        // buttons keep their place and size.
        const auto placeOf = [this](const QString& name) {
            const QQuickItem* item = m_ui->item(name);
            return item ? item->mapRectToScene(QRectF(0, 0, item->width(), item->height())) : QRectF();
        };
        const QRectF reveal = placeOf(QStringLiteral("reveal-sandbox-db"));
        const QRectF copy = placeOf(QStringLiteral("copy-sandbox-db"));
        QVERIFY(!reveal.isEmpty());
        QVERIFY(m_ui->click(QStringLiteral("reveal-sandbox-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secret-sandbox-db")).size(), 20, e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("reveal-sandbox-db")), QStringLiteral("Hide"));
        QCOMPARE(placeOf(QStringLiteral("reveal-sandbox-db")), reveal);
        QCOMPARE(placeOf(QStringLiteral("copy-sandbox-db")), copy);
        QVERIFY(placeOf(QStringLiteral("secret-sandbox-db")).bottom() <= reveal.top());
        const QString old = m_ui->text(QStringLiteral("secret-sandbox-db"));
        QCOMPARE(secretInVault(QStringLiteral("sandbox-db")), old);
        // A static sandbox secret is the admin's: the hire cannot reissue it.
        QVERIFY(!m_ui->item(QStringLiteral("reissue-sandbox-api")));

        // Escape keeps the old secret.
        QVERIFY(m_ui->click(QStringLiteral("reissue-sandbox-db")));
        QTRY_VERIFY_WITH_TIMEOUT(dialogOpen(QStringLiteral("credentialsCard"), QStringLiteral("reissueDialog")),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("reissueMessage")).contains(QStringLiteral("stops working")));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialogOpen(QStringLiteral("credentialsCard"), QStringLiteral("reissueDialog")),
                                 e2e::kPatienceMs);
        QCOMPARE(secretInVault(QStringLiteral("sandbox-db")), old);
        QCOMPARE(m_ui->text(QStringLiteral("secret-sandbox-db")), old);

        // The old secret copied, then reissued: the clipboard no longer holds the dead one.
        QGuiApplication::clipboard()->clear();
        QVERIFY(m_ui->click(QStringLiteral("copy-sandbox-db")));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), old, e2e::kPatienceMs);

        // Confirmed: the new secret shows at once, and it is the one in the vault.
        QVERIFY(m_ui->click(QStringLiteral("reissue-sandbox-db")));
        QTRY_VERIFY_WITH_TIMEOUT(dialogOpen(QStringLiteral("credentialsCard"), QStringLiteral("reissueDialog")),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("reissueConfirmButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("secret-sandbox-db")) != old, e2e::kPatienceMs);
        const QString shown = m_ui->text(QStringLiteral("secret-sandbox-db"));
        QCOMPARE(shown.size(), 20);
        QCOMPARE(shown, secretInVault(QStringLiteral("sandbox-db")));
        QVERIFY(QGuiApplication::clipboard()->text() != old);
        QVERIFY(commandLineTexts().isEmpty());
    }

    void hireSignedOffBeforeTheSecretIsToldSoInWords()
    {
        QVERIFY(m_ui->click(QStringLiteral("openChecklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(m_ui->click(QStringLiteral("step-sandbox-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done")),
                                 e2e::kPatienceMs);

        QVERIFY(m_ui->firstSignInThroughPage(2, QStringLiteral("maya's passphrase"),
                                             QStringLiteral("maya's own passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("step-sandbox-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->click(QStringLiteral("approveButton")));
        QVERIFY(m_ui->click(QStringLiteral("approveConfirmButton"))); // Approve asks first
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done and approved")), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("signoffButton")));
        QVERIFY(m_ui->type(QStringLiteral("confirmPassphrase"), QStringLiteral("maya's own passphrase")));
        m_ui->key(Qt::Key_Return);
        // The mentor's page says what the hire's Home says: signed off, the secret still to come.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: signed off — waiting for IT to add the secret"),
                                  e2e::kPatienceMs);

        QVERIFY(m_ui->signInThroughPage(1, QStringLiteral("alex's own passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        const QString waiting = QStringLiteral("Production access: signed off — waiting for IT to add the secret");
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")), waiting, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("status-prod-db")), QStringLiteral("waiting for IT"),
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("explanation-prod-db")).contains(QStringLiteral("IT")));
        QVERIFY(!m_ui->item(QStringLiteral("reveal-prod-db")));
        // The generated production credential was granted with the sign-off.
        QCOMPARE(m_ui->text(QStringLiteral("status-prod-logs")), QStringLiteral("granted"));
        QVERIFY2(commandLineTexts().isEmpty(), qPrintable(commandLineTexts().join(QLatin1Char('\n'))));
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(),
                 qPrintable(e2e::overflowingItems(m_window).join(QLatin1Char('\n'))));
    }

    void adminTodoLeadsToTheSecretsForm()
    {
        QVERIFY(m_ui->signInThroughPage(0, QStringLiteral("ada's long passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("todo-alex-prod-db")),
                                  QStringLiteral("Production database for Alex Newhire needs a secret"),
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("todoButton-alex-prod-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretFormHeading")),
                                  QStringLiteral("Set the secret of Production database"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("secretField"))->hasActiveFocus(), e2e::kPatienceMs);
        for (const QChar c : m_productionSecret)
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText"))
                                     .contains(QStringLiteral("The secret of Production database is set")),
                                 e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("secretState-prod-db")).startsWith(QStringLiteral("secret set on ")),
            e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("todo-alex-prod-db")), e2e::kPatienceMs);
    }

    void adminAddsACredentialTemplateAndSaves()
    {
        QVERIFY(m_ui->click(QStringLiteral("tab-checklists")));
        QVERIFY(m_ui->click(QStringLiteral("editorCredentials")));
        QTRY_VERIFY_WITH_TIMEOUT(dialogOpen(QStringLiteral("admin"), QStringLiteral("editorCredentialsDialog")),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("editorAddCredential")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("editorCredentialTitle"))->hasActiveFocus(),
                                 e2e::kPatienceMs);
        for (const QChar c : QStringLiteral("Staging queue"))
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Tab);
        QVERIFY(m_ui->click(QStringLiteral("editorCredentialId")));
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        for (const QChar c : QStringLiteral("staging-queue"))
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Tab);
        QVERIFY(m_ui->type(QStringLiteral("editorCredentialFields"), QStringLiteral("host: queue.sandbox.internal")));
        // The box says how it is read: name: value a line, and {{hire}}.
        const QString help = m_ui->text(QStringLiteral("editorCredentialFieldsHelp"));
        QVERIFY2(help.contains(QStringLiteral("name: value")) && help.contains(QStringLiteral("{{hire}}")),
                 qPrintable(help));
        // A lifetime that is no duration is refused, naming the field, and changes nothing.
        QVERIFY(m_ui->type(QStringLiteral("editorCredentialTtl"), QStringLiteral("three weeks")));
        m_ui->key(Qt::Key_Tab);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("editorCredentialRefusal")).contains(QStringLiteral("lifetime")),
            e2e::kPatienceMs);
        // Closed with the refusal standing: the notice says the value was not kept.
        QVERIFY(m_ui->click(QStringLiteral("editorCredentialsClose")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("noticeText")).startsWith(QStringLiteral("Not kept: "))
                && m_ui->text(QStringLiteral("noticeText")).contains(QStringLiteral("three weeks")),
            e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("editorCredentials")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("editorCredentialTtl")) && e2e::isSettled(m_window),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("editorCredentialTtl")));
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        for (const QChar c : QStringLiteral("8h"))
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Tab);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("editorCredentialRefusal")), QString(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("editorCredentialProblem")), QString());
        QVERIFY(m_ui->click(QStringLiteral("editorCredentialsClose")));
        QVERIFY(m_ui->click(QStringLiteral("editorSave")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText"))
                                     .contains(QStringLiteral("Saved “Week one” (week-one) as version 2")),
                                 e2e::kPatienceMs);

        QList<onramp::StoredChecklist> versions;
        QVERIFY(!Session::instance()->performNow([&](onramp::Vault& v) {
            return onramp::ChecklistStore(v).versions(QStringLiteral("week-one"), &versions);
        }));
        QCOMPARE(versions.size(), 2);
        const QList<onramp::CredentialTemplate>& saved = versions.last().checklist.credentials;
        QCOMPARE(saved.size(), 5);
        QCOMPARE(saved.last().id, QStringLiteral("staging-queue"));
        QCOMPARE(saved.last().title, QStringLiteral("Staging queue"));
        QCOMPARE(saved.last().fields.value(QStringLiteral("host")), QStringLiteral("queue.sandbox.internal"));
        QCOMPARE(saved.last().ttlSeconds, qint64(8 * 3600));
        QCOMPARE(saved.last().provider, QStringLiteral("generated"));
    }

    void hireRevealsTheProductionSecretTheAdminSet()
    {
        QVERIFY(m_ui->signInThroughPage(1, QStringLiteral("alex's own passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: unlocked"), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("status-prod-db")), QStringLiteral("granted"),
                                  e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("reveal-prod-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secret-prod-db")), m_productionSecret, e2e::kPatienceMs);
    }

    // How many credential.export entries the audit log holds; -1 when it cannot be read.
    static qint64 exportsRecorded()
    {
        qint64 count = -1;
        const onramp::Error e = Session::instance()->performNow([&](onramp::Vault& v) {
            QList<QVariantList> rows;
            if (onramp::Error e = v.db().execute(
                    QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'credential.export'"), {}, &rows))
                return e;
            count = rows.value(0).value(0).toLongLong();
            return onramp::Error();
        });
        return e ? -1 : count;
    }

    // Saves the open export dialog as \a name in the test's folder; false when no dialog opened.
    bool saveExportAs(const QString& name)
    {
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("home"));
        if (!dialog || !dialog->setProperty("currentFolder", QUrl::fromLocalFile(m_dir.path())))
            return false;
        QQuickItem* field = nullptr;
        if (!QTest::qWaitFor(
                [&] { return (field = m_ui->item(QStringLiteral("fileNameTextField"))) && field->isEnabled(); },
                e2e::kPatienceMs))
            return false;
        field->forceActiveFocus(Qt::MouseFocusReason);
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        for (const QChar c : name)
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Return);
        return QTest::qWaitFor([&] { return !dialog->property("visible").toBool(); }, e2e::kPatienceMs);
    }

    static QByteArray readFile(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    // An export to a folder that is not there is refused before a secret is
    // read: the audit log gets no entry for an export that never happened.
    void anExportToAMissingFolderRecordsNothing()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        const qint64 before = exportsRecorded();
        QVERIFY(before >= 0);
        QObject* backend = credentialsBackend();
        QVERIFY(backend);
        QSignalSpy errors(backend, SIGNAL(error(QString)));
        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder/creds.env"));
        QVERIFY(QMetaObject::invokeMethod(backend, "exportTo", Q_ARG(QUrl, QUrl::fromLocalFile(missing)),
                                          Q_ARG(QString, QStringLiteral("env"))));
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, e2e::kPatienceMs);
        QVERIFY2(errors.first().first().toString().contains(m_dir.filePath(QStringLiteral("no-such-folder"))),
                 qPrintable(errors.first().first().toString()));
        QCOMPARE(exportsRecorded(), before);
        QVERIFY(!QFile::exists(missing));
        // Into a folder that is there, it is exported and recorded.
        const QString there = m_dir.filePath(QStringLiteral("creds.env"));
        QSignalSpy done(backend, SIGNAL(done(QString)));
        QVERIFY(QMetaObject::invokeMethod(backend, "exportTo", Q_ARG(QUrl, QUrl::fromLocalFile(there)),
                                          Q_ARG(QString, QStringLiteral("env"))));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(there), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(exportsRecorded(), before + 1, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, e2e::kPatienceMs);
        // A production secret in the file (its heading starts "# production:") is said, with what it asks.
        QFile written(there);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const bool holdsProduction = written.readAll().contains("# production: ");
        QCOMPARE(done.constLast().first().toString().contains(QStringLiteral("It holds a production secret")),
                 holdsProduction);
    }

    // A reissue after an export says that the file still holds the old
    // secret, by its name; the next reissue, with no export since, does not.
    void aReissueNamesTheExportedFileThatStillHoldsTheOldSecret()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        const QString there = m_dir.filePath(QStringLiteral("creds.env")); // exported by the test above
        QVERIFY(QFile::exists(there));
        const auto reissue = [this] {
            QVERIFY(m_ui->click(QStringLiteral("reissue-sandbox-db")));
            QTRY_VERIFY_WITH_TIMEOUT(dialogOpen(QStringLiteral("credentialsCard"), QStringLiteral("reissueDialog")),
                                     e2e::kPatienceMs);
            QVERIFY(m_ui->click(QStringLiteral("reissueConfirmButton")));
            QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText")).startsWith(QStringLiteral("Reissued.")),
                                     e2e::kPatienceMs);
        };
        reissue();
        QString said = m_ui->text(QStringLiteral("noticeText"));
        QVERIFY2(said.contains(QStringLiteral("The file you exported still holds the old one: export again to "
                                              "replace it (%1).")
                                   .arg(there)),
                 qPrintable(said));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText")).isEmpty()
                                     || !m_ui->item(QStringLiteral("noticeText")),
                                 e2e::kPatienceMs);
        reissue();
        said = m_ui->text(QStringLiteral("noticeText"));
        QVERIFY2(!said.contains(QStringLiteral("exported")), qPrintable(said));

        // A .pgpass export says how psql finds it.
        QObject* backend = credentialsBackend();
        QVERIFY(backend);
        QSignalSpy done(backend, SIGNAL(done(QString)));
        const QString pgpass = m_dir.filePath(QStringLiteral("creds.pgpass"));
        QVERIFY(QMetaObject::invokeMethod(backend, "exportTo", Q_ARG(QUrl, QUrl::fromLocalFile(pgpass)),
                                          Q_ARG(QString, QStringLiteral("pgpass"))));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, e2e::kPatienceMs);
        QVERIFY2(done.constLast().first().toString().contains(QStringLiteral("PGPASSFILE")),
                 qPrintable(done.constLast().first().toString()));
    }

    // Once production is readable, an export asks first whether its secret
    // goes into the file: Enter keeps to the sandbox, and only the other
    // button writes (and records) the production secret. A login's secret
    // has one name whichever its environment.
    void anExportAfterTheSignoffAsksBeforeTheProductionSecretGoesIn()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("status-prod-db")), QStringLiteral("granted"),
                                  e2e::kPatienceMs);
        const qint64 before = exportsRecorded();
        QVERIFY(before >= 0);

        QVERIFY(m_ui->click(QStringLiteral("exportEnv")));
        QTRY_VERIFY_WITH_TIMEOUT(dialogOpen(QStringLiteral("credentialsCard"), QStringLiteral("exportScopeDialog")),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("exportScopeMessage")).contains(QStringLiteral("after your access ends")));
        QTRY_COMPARE_WITH_TIMEOUT(m_window->activeFocusItem(), m_ui->item(QStringLiteral("exportSandboxOnlyButton")),
                                  e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!dialogOpen(QStringLiteral("credentialsCard"), QStringLiteral("exportScopeDialog")),
                                 e2e::kPatienceMs);
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("home"));
        QVERIFY(dialog);
        QVERIFY2(dialog->property("selectedFile").toUrl().toLocalFile().endsWith(QStringLiteral("onramp-sandbox.env")),
                 qPrintable(dialog->property("selectedFile").toUrl().toString()));
        QVERIFY(saveExportAs(QStringLiteral("sandbox-only.env")));
        const QString sandboxOnly = m_dir.filePath(QStringLiteral("sandbox-only.env"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(sandboxOnly), e2e::kPatienceMs);
        QByteArray content = readFile(sandboxOnly);
        QVERIFY2(content.contains("SANDBOX_DB_PASSWORD='"), content.constData());
        QVERIFY(content.startsWith("# sandbox: Sandbox database\n"));
        QVERIFY(!content.contains("PROD_DB"));
        QVERIFY(!content.contains(m_productionSecret.toUtf8()));
        QCOMPARE(exportsRecorded(), before); // no production secret left the vault

        // The other button, and the production secret goes in, recorded.
        QVERIFY(m_ui->click(QStringLiteral("exportEnv")));
        QTRY_VERIFY_WITH_TIMEOUT(dialogOpen(QStringLiteral("credentialsCard"), QStringLiteral("exportScopeDialog")),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("exportWithProductionButton")));
        QObject* withDialog = m_ui->openFileDialog(QStringLiteral("home"));
        QVERIFY(withDialog);
        QCOMPARE(withDialog->property("title").toString(),
                 QStringLiteral("Export sandbox and production credentials as an env file"));
        QVERIFY(saveExportAs(QStringLiteral("with-production.env")));
        const QString withProduction = m_dir.filePath(QStringLiteral("with-production.env"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(withProduction), e2e::kPatienceMs);
        content = readFile(withProduction);
        QVERIFY2(content.contains(QByteArray("PROD_DB_PASSWORD='" + m_productionSecret.toUtf8() + "'\n")),
                 content.constData());
        QVERIFY(content.contains("SANDBOX_DB_PASSWORD='"));
        QTRY_COMPARE_WITH_TIMEOUT(exportsRecorded(), before + 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("noticeText")).contains(QStringLiteral("It holds a production secret")),
            e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
    }

    // Every step marked done, one still waiting for review: Home says so in
    // the words of its progress line, not "every step is done".
    void homeDoesNotCallAStepWaitingForReviewDone()
    {
        const QString demoDir = m_dir.filePath(QStringLiteral("demo-waiting"));
        QVERIFY(!onramp::demo::createDemoVault(demoDir));
        QVERIFY(!onramp::demo::seedDemoProgress(demoDir));
        QVERIFY(m_ui->click(QStringLiteral("lockButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        Session::instance()->setVaultPath(demoDir);
        QVERIFY(m_ui->chooseRow(QStringLiteral("personPicker"), 1)); // ada, alex, maya
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("demo hire passphrase")));
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        // The one step the demo leaves open, done by the hire; the page reloads.
        QVERIFY(!Session::instance()->performNow([](onramp::Vault& v) {
            return onramp::Enrollments(v).markDone(QStringLiteral("alex"), QStringLiteral("team-lunch"), QString());
        }));
        QVERIFY(m_ui->click(QStringLiteral("nav-checklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(m_ui->click(QStringLiteral("nav-home")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("allDoneNote"))
                                     && m_ui->item(QStringLiteral("allDoneNote"))->isVisible(),
                                 e2e::kPatienceMs);
        const QString note = m_ui->text(QStringLiteral("allDoneNote"));
        QVERIFY2(!note.contains(QStringLiteral("Every step is done")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("1 waits for your mentor's review")), qPrintable(note));
    }

    void theDemoJourneyEndsWithAWorkingProductionSecret()
    {
        // The demo as a walkthrough leaves it: steps done, one awaiting review.
        const QString demoDir = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(!onramp::demo::createDemoVault(demoDir));
        QVERIFY(!onramp::demo::seedDemoProgress(demoDir));
        QVERIFY(m_ui->click(QStringLiteral("lockButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        Session::instance()->setVaultPath(demoDir);

        // The mentor approves the last step and signs off.
        QVERIFY(m_ui->chooseRow(QStringLiteral("personPicker"), 2)); // ada, alex, maya
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("demo mentor passphrase")));
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("step-restore-drill")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->click(QStringLiteral("approveButton")));
        QVERIFY(m_ui->click(QStringLiteral("approveConfirmButton"))); // Approve asks first
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done and approved")), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("signoffButton")));
        QVERIFY(m_ui->type(QStringLiteral("confirmPassphrase"), QStringLiteral("demo mentor passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("gateTitle")).startsWith(QStringLiteral("Production access: unlocked")),
            e2e::kPatienceMs);

        // The hire can use production at once.
        QVERIFY(m_ui->signInThroughPage(1, QStringLiteral("demo hire passphrase")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: unlocked"), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("reveal-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->text(QStringLiteral("secret-prod-db")).isEmpty(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("secret-prod-db")), secretInVault(QStringLiteral("prod-db")));
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }
};

ONRAMP_E2E_MAIN(TestCredentialJourney)

#include "TestCredentialJourney.moc"
