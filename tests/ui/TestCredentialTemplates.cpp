// The checklist editor's credential templates over a real vault: added,
// changed and removed in memory, refused naming the credential and its
// field, and saved with the steps as one new version.
#include "VaultTestUtil.h"

#include "ChecklistEditorModel.h"
#include "Session.h"

#include "Clock.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace onramp;
using namespace onramp::ui;
using namespace vaulttest;

namespace {

QByteArray checklistYaml(const QString& id)
{
    return QStringLiteral(R"(onramp: 1
production_hosts: [db.prod.internal]
checklist:
  id: %1
  title: First week
  steps:
    - id: handbook
      title: Read the handbook
      required: true
credentials:
  - id: sandbox-db
    title: Sandbox database
    environment: sandbox
    provider: generated
    fields: {host: sandbox-db.internal, user: "{{hire}}"}
    secret: {name: password, length: 20}
)")
        .arg(id)
        .toUtf8();
}

QList<StoredChecklist> storedVersions(const QString& id)
{
    QList<StoredChecklist> list;
    const Error e = Session::instance()->performNow([&](Vault& v) { return ChecklistStore(v).versions(id, &list); });
    if (e)
        qWarning() << e.message;
    return list;
}

} // namespace

class TestCredentialTemplates : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A checklist of its own for each test, loaded into \a editor.
    void openFresh(ChecklistEditorModel& editor, const QString& id)
    {
        const ParseResult parsed = parseChecklist(checklistYaml(id), QStringLiteral("test.yaml"));
        QVERIFY(parsed.ok());
        ImportOutcome outcome;
        const Error e = Session::instance()->performNow(
            [&](Vault& v) { return ChecklistStore(v).import(*parsed.checklist, defaultClock().now(), &outcome); });
        QVERIFY2(!e, qPrintable(e.message));
        editor.setChecklistId(id);
        QTRY_VERIFY(!editor.isLoading());
        QVERIFY2(editor.isReady(), qPrintable(editor.errorText()));
    }

    QString saveAndWait(ChecklistEditorModel& editor)
    {
        QSignalSpy done(&editor, &ChecklistEditorModel::done);
        QSignalSpy failed(&editor, &ChecklistEditorModel::error);
        QSignalSpy weaker(&editor, &ChecklistEditorModel::weakerSave);
        editor.save();
        if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty() || !weaker.isEmpty(); }, 10000))
            return QStringLiteral("timeout");
        // Edits that lower the gate (a step no longer required, a host or a
        // production credential added) are saved once the admin says so.
        if (done.isEmpty() && failed.isEmpty()) {
            editor.save(true);
            if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 10000))
                return QStringLiteral("timeout");
        }
        return done.isEmpty() ? QStringLiteral("error: ") + failed.first().first().toString()
                              : done.first().first().toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(makeVault(m_dir.path()));
        Session::instance()->setVaultPath(m_dir.path());
        const Error e = Session::instance()->unlockNow(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY2(!e, qPrintable(e.message));
    }

    void theSavedTemplatesAreShown()
    {
        ChecklistEditorModel editor;
        openFresh(editor, QStringLiteral("shown"));
        QCOMPARE(editor.credentialCount(), 1);
        const QVariantMap c = editor.credentialAt(0);
        QCOMPARE(c.value(QStringLiteral("credentialId")).toString(), QStringLiteral("sandbox-db"));
        QCOMPARE(c.value(QStringLiteral("environment")).toString(), QStringLiteral("sandbox"));
        QCOMPARE(c.value(QStringLiteral("provider")).toString(), QStringLiteral("generated"));
        QCOMPARE(c.value(QStringLiteral("fields")).toString(),
                 QStringLiteral("host: sandbox-db.internal\nuser: {{hire}}"));
        QCOMPARE(c.value(QStringLiteral("secretLength")).toInt(), 20);
        QCOMPARE(c.value(QStringLiteral("problem")).toString(), QString());
        QVERIFY(editor.credentialAt(1).isEmpty());
        QVERIFY(!editor.isDirty());
    }

    void anAddedProductionTemplateIsSavedAsANewVersion()
    {
        ChecklistEditorModel editor;
        openFresh(editor, QStringLiteral("added"));
        QSignalSpy changed(&editor, &ChecklistEditorModel::credentialsChanged);
        const int index = editor.addCredential();
        QCOMPARE(index, 1);
        QCOMPARE(changed.count(), 1);
        QVERIFY(editor.isDirty());
        // A new one has a title to write before it can be saved.
        QVERIFY(editor.credentialProblems().constFirst().contains(QStringLiteral("title")));
        QCOMPARE(editor.setCredentialValue(index, QStringLiteral("title"), QStringLiteral("Production database")),
                 QString());
        QCOMPARE(editor.setCredentialValue(index, QStringLiteral("credentialId"), QStringLiteral("prod-db")),
                 QString());
        QCOMPARE(editor.setCredentialValue(index, QStringLiteral("environment"), QStringLiteral("production")),
                 QString());
        QCOMPARE(editor.setCredentialValue(index, QStringLiteral("provider"), QStringLiteral("static")), QString());
        QCOMPARE(editor.setCredentialValue(index, QStringLiteral("fields"),
                                           QStringLiteral("host: db.prod.internal\n\nuser: readonly")),
                 QString());
        QCOMPARE(editor.setCredentialValue(index, QStringLiteral("ttl"), QStringLiteral("8h")), QString());
        QCOMPARE(editor.credentialProblems(), QStringList());
        // Static: the admin sets the secret, so the template carries no recipe.
        QCOMPARE(editor.credentialAt(index).value(QStringLiteral("secretName")).toString(), QString());

        QCOMPARE(saveAndWait(editor),
                 QStringLiteral("Saved “First week” (added) as version 2. It weakens the gate: production credential "
                                "“Production database” (prod-db) is new, and no production credential of the version "
                                "before gave as much (static for %1).")
                     .arg(QCoreApplication::translate("onramp", "%n hour(s)", nullptr, 8)));
        const QList<StoredChecklist> versions = storedVersions(QStringLiteral("added"));
        QCOMPARE(versions.size(), 2);
        const QList<CredentialTemplate>& saved = versions.last().checklist.credentials;
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).id, QStringLiteral("prod-db"));
        QCOMPARE(saved.at(1).environment, Environment::Production);
        QCOMPARE(saved.at(1).provider, QStringLiteral("static"));
        QCOMPARE(saved.at(1).fields.value(QStringLiteral("user")), QStringLiteral("readonly"));
        QCOMPARE(saved.at(1).ttlSeconds, qint64(8 * 3600));
        QCOMPARE(saved.at(0), versions.first().checklist.credentials.at(0));
        QVERIFY(!editor.isDirty());
    }

    // A postgresql credential is made in the editor as in a file: the
    // connection it signs in through, its group roles and a sandbox's
    // template database, each refused naming the field when it could not be
    // one; it carries no secret recipe, and it is saved as the parser reads it.
    void aPostgresqlCredentialIsMadeInTheEditor()
    {
        ChecklistEditorModel editor;
        openFresh(editor, QStringLiteral("pg"));
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("provider"), QStringLiteral("postgresql")), QString());
        QVariantMap c = editor.credentialAt(0);
        QCOMPARE(c.value(QStringLiteral("provider")).toString(), QStringLiteral("postgresql"));
        QCOMPARE(c.value(QStringLiteral("secretName")).toString(), QString());
        QVERIFY2(c.value(QStringLiteral("problem")).toString().contains(QStringLiteral("connection")),
                 qPrintable(c.value(QStringLiteral("problem")).toString()));
        QVERIFY(editor.setCredentialValue(0, QStringLiteral("pgServer"), QStringLiteral("Live DB"))
                    .contains(QStringLiteral("connection: 'Live DB'")));
        QVERIFY(
            editor.setCredentialValue(0, QStringLiteral("pgRoles"), QStringLiteral("app_user, pg_read_server_files"))
                .contains(QStringLiteral("'pg_read_server_files'")));
        QVERIFY(editor.setCredentialValue(0, QStringLiteral("pgTemplate"), QStringLiteral("onramp_x"))
                    .contains(QStringLiteral("template database: 'onramp_x'")));
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("pgServer"), QStringLiteral("sandbox")), QString());
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("pgRoles"), QStringLiteral("app_user ro_reader,app_user")),
                 QString());
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("pgTemplate"), QStringLiteral("sandbox_template")),
                 QString());
        c = editor.credentialAt(0);
        QCOMPARE(c.value(QStringLiteral("pgRoles")).toString(), QStringLiteral("app_user, ro_reader"));
        QCOMPARE(c.value(QStringLiteral("problem")).toString(), QString());
        // This vault holds no connection 'sandbox': said before the save,
        // not by the first enrollment that cannot make a login through it.
        QTRY_VERIFY2(editor.credentialAt(0)
                         .value(QStringLiteral("warning"))
                         .toString()
                         .contains(QStringLiteral("no provider connection 'sandbox' yet")),
                     qPrintable(editor.credentialAt(0).value(QStringLiteral("warning")).toString()));
        // A template is a sandbox's only.
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("environment"), QStringLiteral("production")), QString());
        QVERIFY(
            editor.credentialAt(0).value(QStringLiteral("problem")).toString().contains(QStringLiteral("template")));
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("environment"), QStringLiteral("sandbox")), QString());

        QVERIFY(!saveAndWait(editor).startsWith(QStringLiteral("error")));
        const QList<StoredChecklist> versions = storedVersions(QStringLiteral("pg"));
        QCOMPARE(versions.size(), 2);
        const CredentialTemplate& saved = versions.last().checklist.credentials.at(0);
        QCOMPARE(saved.provider, QStringLiteral("postgresql"));
        QCOMPARE(saved.pgServer, QStringLiteral("sandbox"));
        QCOMPARE(saved.pgRoles, (QStringList{QStringLiteral("app_user"), QStringLiteral("ro_reader")}));
        QCOMPARE(saved.pgTemplate, QStringLiteral("sandbox_template"));
        QCOMPARE(saved.secretName, QString());

        // Back to generated: the postgresql settings go, a recipe comes.
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("provider"), QStringLiteral("generated")), QString());
        c = editor.credentialAt(0);
        QCOMPARE(c.value(QStringLiteral("pgServer")).toString(), QString());
        QCOMPARE(c.value(QStringLiteral("secretName")).toString(), QStringLiteral("password"));
    }

    void aRefusedValueNamesTheFieldAndChangesNothing_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("ttl") << "ttl"
                             << "three weeks"
                             << "Credential 1, lifetime: 'three weeks'";
        QTest::newRow("length too short") << "secretLength"
                                          << "4"
                                          << "Credential 1, secret length: '4'";
        QTest::newRow("length not a number") << "secretLength"
                                             << "long"
                                             << "Credential 1, secret length: 'long'";
        QTest::newRow("environment") << "environment"
                                     << "staging"
                                     << "Credential 1, environment: 'staging'";
        QTest::newRow("provider") << "provider"
                                  << "vault"
                                  << "Credential 1, provider: 'vault'";
        QTest::newRow("field without a name") << "fields"
                                              << "host: a\njust text"
                                              << "Credential 1, fields, line 2";
        QTest::newRow("field twice") << "fields"
                                     << "host: a\nhost: b"
                                     << "Credential 1, fields, line 2";
        QTest::newRow("unknown field") << "colour"
                                       << "blue"
                                       << "Credential 1 has no field 'colour'";
    }

    void aRefusedValueNamesTheFieldAndChangesNothing()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, named);
        ChecklistEditorModel editor;
        openFresh(editor,
                  QStringLiteral("refused-")
                      + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        const QVariantMap before = editor.credentialAt(0);
        QSignalSpy changed(&editor, &ChecklistEditorModel::credentialsChanged);
        const QString refusal = editor.setCredentialValue(0, field, value);
        QVERIFY2(refusal.startsWith(named), qPrintable(refusal));
        QCOMPARE(editor.credentialAt(0), before);
        QCOMPARE(changed.count(), 0);
        QVERIFY(!editor.isDirty());
    }

    void problemsNameTheCredentialAndTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("empty id") << "credentialId"
                                  << ""
                                  << "Credential 1, id:";
        QTest::newRow("id not a slug") << "credentialId"
                                       << "Sandbox DB"
                                       << "Credential 1 ('Sandbox DB'), id:";
        QTest::newRow("empty title") << "title"
                                     << " "
                                     << "Credential 1 ('sandbox-db'), title:";
        QTest::newRow("secret-like field") << "fields"
                                           << "password: hunter2"
                                           << "Credential 1 ('sandbox-db'), fields: 'password'";
        QTest::newRow("production host in sandbox") << "fields"
                                                    << "host: db.prod.internal"
                                                    << "Credential 1 ('sandbox-db'), fields: 'host'";
        QTest::newRow("unknown placeholder") << "fields"
                                             << "user: {{nobody}}"
                                             << "Credential 1 ('sandbox-db'), fields: 'user'";
        QTest::newRow("no secret name") << "secretName"
                                        << ""
                                        << "Credential 1 ('sandbox-db'), secret name:";
    }

    void problemsNameTheCredentialAndTheField()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, named);
        ChecklistEditorModel editor;
        openFresh(editor,
                  QStringLiteral("problem-")
                      + QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
        QCOMPARE(editor.setCredentialValue(0, field, value), QString());
        const QStringList problems = editor.credentialProblems();
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.constFirst().startsWith(named), qPrintable(problems.constFirst()));
        // Under the form, a credential with no title is asked for one in words.
        if (field == QLatin1String("title") && value.trimmed().isEmpty())
            QCOMPARE(editor.credentialAt(0).value(QStringLiteral("problem")).toString(),
                     QStringLiteral("Give this credential a title: say what it opens, such as 'Sandbox database'."));
        else
            QCOMPARE(editor.credentialAt(0).value(QStringLiteral("problem")).toString(), problems.constFirst());
        // Saving is refused with the same words, and stores nothing.
        QVERIFY(saveAndWait(editor).contains(problems.constFirst()));
        QCOMPARE(storedVersions(editor.checklistId()).size(), 1);
    }

    void twoTemplatesWithOneIdAreRefused()
    {
        ChecklistEditorModel editor;
        openFresh(editor, QStringLiteral("twice"));
        const int index = editor.addCredential();
        QCOMPARE(editor.setCredentialValue(index, QStringLiteral("title"), QStringLiteral("Again")), QString());
        QCOMPARE(editor.setCredentialValue(index, QStringLiteral("credentialId"), QStringLiteral("sandbox-db")),
                 QString());
        QCOMPARE(editor.credentialProblems(),
                 QStringList{QStringLiteral(
                     "Credential 2 ('sandbox-db'), id: credential 1 has the same id; each needs its own.")});
    }

    // A sandbox host that reads like production, or that a production
    // template reaches, is a warning (saving still works), not a refusal.
    void aProductionLookingSandboxHostIsAWarning()
    {
        ChecklistEditorModel editor;
        openFresh(editor, QStringLiteral("warned"));
        QCOMPARE(editor.credentialWarnings(), QStringList());
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("fields"), QStringLiteral("host: api.prod.internal")),
                 QString());
        QCOMPARE(editor.credentialProblems(), QStringList());
        const QStringList warnings = editor.credentialWarnings();
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(
            warnings.constFirst().startsWith(QStringLiteral("Credential 1 ('sandbox-db'), fields: 'host' names "
                                                            "host 'api.prod.internal', which looks like production")),
            qPrintable(warnings.constFirst()));
        QCOMPARE(editor.credentialAt(0).value(QStringLiteral("warning")).toString(), warnings.constFirst());

        // A host a production template reaches, however it is named.
        QCOMPARE(editor.setCredentialValue(0, QStringLiteral("fields"), QStringLiteral("host: orders.internal")),
                 QString());
        QCOMPARE(editor.credentialWarnings(), QStringList());
        const int production = editor.addCredential();
        QCOMPARE(editor.setCredentialValue(production, QStringLiteral("title"), QStringLiteral("Orders")), QString());
        QCOMPARE(editor.setCredentialValue(production, QStringLiteral("environment"), QStringLiteral("production")),
                 QString());
        QCOMPARE(
            editor.setCredentialValue(production, QStringLiteral("fields"), QStringLiteral("host: orders.internal")),
            QString());
        QVERIFY2(editor.credentialWarnings().value(0).contains(QStringLiteral("which production credential 'Orders'")),
                 qPrintable(editor.credentialWarnings().join(u'\n')));

        // Saving still works: a warning is the admin's to weigh.
        QCOMPARE(saveAndWait(editor),
                 QStringLiteral("Saved “First week” (warned) as version 2. It weakens the gate: production credential "
                                "“Orders” (orders) is new, and no production credential of the version before gave as "
                                "much (generated for %1).")
                     .arg(QCoreApplication::translate("onramp", "%n day(s)", nullptr, 30)));
    }

    void aRemovedTemplateIsGoneFromTheNextVersion()
    {
        ChecklistEditorModel editor;
        openFresh(editor, QStringLiteral("removed"));
        QVERIFY(!editor.removeCredential(1));
        QVERIFY(editor.removeCredential(0));
        QCOMPARE(editor.credentialCount(), 0);
        QVERIFY(editor.isDirty());
        QCOMPARE(saveAndWait(editor), QStringLiteral("Saved “First week” (removed) as version 2."));
        QVERIFY(storedVersions(QStringLiteral("removed")).last().checklist.credentials.isEmpty());
    }
};

QTEST_MAIN(TestCredentialTemplates)

#include "TestCredentialTemplates.moc"
