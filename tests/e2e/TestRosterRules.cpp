// What a roster import may not get wrong, in the real window: every problem
// of a bad row is listed; the import reads "People imported" in the audit
// page; the People tab tags who still holds a handed-out passphrase;
// deleting the settings row does not spare a new person choosing their own
// passphrase; a people row a hire forged is named as the vault's, not blamed
// on the file; a journal planted as a symbolic link is named at sign-in; a
// demo marker planted in a real vault shows no demo passphrases.
#include "E2eDriver.h"
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Database.h"
#include "Session.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"

#include <QAccessible>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;
using namespace vaulttest;

class TestRosterRules : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    QString out() const { return m_dir.filePath(QStringLiteral("first-passphrases")); }
    bool visible(const QString& name) const { return m_ui->item(name) != nullptr; }

    /// Clicks into \a name, selects what it holds and types \a text over it.
    bool typeOver(const QString& name, const QString& text)
    {
        if (!m_ui->click(name))
            return false;
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_Backspace);
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
        return true;
    }

    /// From the sign-in page: \a name with \a passphrase, by the picker and the keyboard.
    bool signIn(const QString& name, const QString& passphrase)
    {
        if (!m_ui->waitForPage(QStringLiteral("signin")))
            return false;
        const auto indexOf = [this, &name] {
            const QQuickItem* picker = m_ui->item(QStringLiteral("personPicker"));
            return picker ? int(picker->property("model").toStringList().indexOf(name)) : -1;
        };
        if (!QTest::qWaitFor([&] { return indexOf() >= 0; }, e2e::kPatienceMs))
            return false;
        if (!m_ui->chooseRow(QStringLiteral("personPicker"), indexOf()))
            return false;
        Session::instance()->clearError();
        m_ui->item(QStringLiteral("signInPassphrase"))->setProperty("text", QString());
        if (!m_ui->type(QStringLiteral("signInPassphrase"), passphrase))
            return false;
        m_ui->key(Qt::Key_Return);
        return true;
    }

    void closeImport()
    {
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible(QStringLiteral("rosterPath")), e2e::kPatienceMs);
    }

    void signOut()
    {
        if (visible(QStringLiteral("rosterPath")))
            closeImport(); // a test that failed may have left it open
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
    }

    /// Signed in as the admin, on the admin page, whatever the test before left.
    void asAdmin()
    {
        if (m_ui->page() == QLatin1String("admin") && Session::instance()->userName() == QLatin1String("ada"))
            return;
        if (Session::instance()->isUnlocked())
            signOut();
        QVERIFY(signIn(QStringLiteral("ada"), QString::fromUtf8(kAdminPassphrase)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
    }

    /// Runs \a sql as the hire would: under the master key their own slot opens.
    void asTheHire(const QString& sql)
    {
        std::unique_ptr<onramp::Vault> hire;
        const onramp::Error opened = onramp::Vault::unlock(m_vault, QStringLiteral("hal"), kHirePassphrase, &hire);
        QVERIFY2(!opened, qPrintable(opened.message));
        const onramp::Error e = hire->db().execute(sql);
        QVERIFY2(!e, qPrintable(e.message));
    }

    /// Opens Admin › People › Import…, imports \a csv, and waits for the outcome.
    void importRoster(const QString& csv)
    {
        if (!visible(QStringLiteral("rosterPath")))
            QVERIFY(m_ui->click(QStringLiteral("importPeopleOpen")));
        QVERIFY(typeOver(QStringLiteral("rosterPath"), csv));
        QVERIFY(typeOver(QStringLiteral("passphraseFolder"), out()));
        QVERIFY(m_ui->click(QStringLiteral("importPeopleButton")));
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("importProblems")) || visible(QStringLiteral("importSummary")),
                                 e2e::kPatienceMs);
    }

    /// What a screen reader says for \a item.
    static QString spokenName(QQuickItem* item)
    {
        QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(item);
        return iface ? iface->text(QAccessible::Name) : QString();
    }

    QString handedPassphrase(const QString& name) const
    {
        QFile file(QDir(out()).filePath(name + QStringLiteral(".txt")));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(m_dir.isValid());
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("trust"))));
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        {
            auto vault = makeVault(m_vault); // ada (admin), max (mentor), hal (hire)
            QVERIFY(vault);
            onramp::ParseResult parsed =
                onramp::parseChecklist(checklistFixture(QStringLiteral("week-one.yaml")), QStringLiteral("w.yaml"));
            QVERIFY(parsed.ok());
            onramp::ImportOutcome outcome;
            QVERIFY(
                !onramp::ChecklistStore(*vault).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome));
        }
        // A hire plants the demo's marker in the real vault's folder.
        QFile marker(QDir(m_vault).filePath(QStringLiteral("DEMO-VAULT.txt")));
        QVERIFY(marker.open(QIODevice::WriteOnly));
        marker.write("This is an Onramp demo vault.\ndemo format: 4\n");
        marker.close();
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
    }

    void everyProblemOfARowIsListed()
    {
        asAdmin();
        const QString csv = testDataPath(QStringLiteral("roster/many-problems.csv"));
        importRoster(csv);
        QVERIFY(visible(QStringLiteral("importProblems")));
        const QStringList lines = m_ui->text(QStringLiteral("importProblems")).split(u'\n');
        const QString row3 = csv + QStringLiteral(":3: ");
        QStringList third;
        for (const QString& line : lines)
            if (line.startsWith(row3))
                third << line;
        QVERIFY2(third.size() == 4, qPrintable(lines.join(u'\n')));
        for (const char* says : {"unknown role 'boss'", "'2026-13-45' is not a date", "unknown mentor 'nobody'",
                                 "unknown checklist 'no-such-list'"})
            QVERIFY2(third.filter(QString::fromLatin1(says)).size() == 1, says);
        QVERIFY2(lines.filter(csv + QStringLiteral(":4: ")).size() == 1, qPrintable(lines.join(u'\n')));
        QVERIFY(m_ui->text(QStringLiteral("importProblemsHeading")).contains(QStringLiteral("Correct these rows")));
        QVERIFY(!QFileInfo::exists(out()));
    }

    void theImportReadsPeopleImportedInTheAuditPage()
    {
        asAdmin();
        importRoster(testDataPath(QStringLiteral("roster/good.csv")));
        QVERIFY2(visible(QStringLiteral("importSummary")), qPrintable(m_ui->text(QStringLiteral("importProblems"))));
        closeImport();

        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("audit"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("audit")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* filter = m_ui->item(QStringLiteral("auditActionFilter"));
        QVERIFY(filter);
        int imported = -1;
        QVERIFY(QMetaObject::invokeMethod(filter, "find", Q_RETURN_ARG(int, imported),
                                          Q_ARG(QString, QStringLiteral("People imported"))));
        QVERIFY2(imported > 0, "the action filter does not offer “People imported”");
        QVERIFY(m_ui->chooseRow(QStringLiteral("auditActionFilter"), imported));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* list = m_ui->item(QStringLiteral("auditEntries"));
        QVERIFY(list);
        QTRY_COMPARE_WITH_TIMEOUT(list->property("count").toInt(), 1, e2e::kPatienceMs);
        const QStringList shown = e2e::textsUnder(list);
        QVERIFY2(shown.contains(QStringLiteral("People imported")), qPrintable(shown.join(u'|')));
        QVERIFY2(shown.join(u'|').contains(QStringLiteral("good.csv")), qPrintable(shown.join(u'|')));
        // The count, never a passphrase.
        auto* model = list->property("model").value<QAbstractItemModel*>();
        QVERIFY(model);
        const QString details = model->index(0, 0).data(model->roleNames().key("details")).toString();
        QVERIFY2(details.contains(QStringLiteral("People: 4")), qPrintable(details));
        for (const char* name : {"mira", "jose", "lin", "otto"})
            QVERIFY(!details.contains(handedPassphrase(QString::fromLatin1(name))));
        QVERIFY(m_ui->click(QStringLiteral("auditClearFilters")));
    }

    void peopleTabTagsWhoStillHoldsAHandedOutPassphrase()
    {
        asAdmin();
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("admin"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("person-jose")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("handedOver-jose")), e2e::kPatienceMs);
        QQuickItem* tag = m_ui->item(QStringLiteral("handedOver-jose"));
        QVERIFY(!tag->property("text").toString().isEmpty());
        QVERIFY(spokenName(tag).contains(QStringLiteral("passphrase handed out")));
        QVERIFY(visible(QStringLiteral("handedOver-mira")));
        QVERIFY(!visible(QStringLiteral("handedOver-ada")));
        QVERIFY(!visible(QStringLiteral("handedOver-hal")));
        // The row says it to a screen reader too; the passphrase is nowhere.
        const QString row = spokenName(m_ui->item(QStringLiteral("person-jose")));
        QVERIFY2(row.contains(QStringLiteral("handed out")), qPrintable(row));
        QVERIFY(
            !e2e::textsUnder(m_window->contentItem()).join(u'|').contains(handedPassphrase(QStringLiteral("jose"))));
    }

    void deletingTheSettingsRowSparesNobodyTheChoice()
    {
        if (Session::instance()->isUnlocked())
            signOut();
        // The hire deletes every "choose your own passphrase" row they can find.
        asTheHire(QStringLiteral("DELETE FROM settings WHERE key LIKE 'first_passphrase%'"));
        QVERIFY(signIn(QStringLiteral("jose"), handedPassphrase(QStringLiteral("jose"))));
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("choosePassphraseCard"))
                                     || m_ui->page() != QLatin1String("signin"),
                                 e2e::kPatienceMs);
        QVERIFY2(visible(QStringLiteral("choosePassphraseCard")), qPrintable(m_ui->page()));
        QCOMPARE(m_ui->page(), QStringLiteral("signin"));

        // Once jose chose his own, the admin's list no longer tags him.
        const QString own = QStringLiteral("jose picks his own words");
        QVERIFY(m_ui->type(QStringLiteral("choosePassphrase"), own));
        QVERIFY(m_ui->type(QStringLiteral("choosePassphraseRepeat"), own));
        QVERIFY(m_ui->click(QStringLiteral("choosePassphraseButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        signOut();
        QVERIFY(signIn(QStringLiteral("ada"), QString::fromUtf8(kAdminPassphrase)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("person-jose")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("handedOver-lin")), e2e::kPatienceMs);
        QVERIFY(!visible(QStringLiteral("handedOver-jose")));
    }

    void aForgedPeopleRowIsNamedAsTheVaultsNotTheFiles()
    {
        if (Session::instance()->isUnlocked())
            signOut();
        // The hire plants a person the roster names, with other data.
        asTheHire(QStringLiteral("INSERT INTO people (name, display_name, role, disabled, sign_public_key, created_at) "
                                 "VALUES ('ann', 'Planted', 'admin', 0, zeroblob(32), '2026-12-01T09:00:00Z')"));
        QVERIFY(signIn(QStringLiteral("ada"), QString::fromUtf8(kAdminPassphrase)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        // The People tab shows none of such a vault's rows, and no import:
        // it names the vault's row, which no roster file corrects.
        QTRY_VERIFY_WITH_TIMEOUT(visible(QStringLiteral("adminVaultProblem")), e2e::kPatienceMs);
        const QString problem = m_ui->item(QStringLiteral("adminVaultProblem"))->property("text").toString();
        QVERIFY2(problem.contains(QStringLiteral("People row")) && problem.contains(QStringLiteral("(ann)")),
                 qPrintable(problem));
        QVERIFY(!visible(QStringLiteral("importPeopleOpen")));
        QVERIFY(!visible(QStringLiteral("person-ada")));
        signOut();
        asTheHire(QStringLiteral("DELETE FROM people WHERE name = 'ann'"));
    }

    void aJournalLinkIsNamedAtSignIn()
    {
        if (Session::instance()->isUnlocked())
            signOut();
        const QString journal = QDir(m_vault).filePath(QStringLiteral("vault.db-journal"));
        QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("elsewhere")), journal));
        QVERIFY(signIn(QStringLiteral("ada"), QString::fromUtf8(kAdminPassphrase)));
        QTRY_VERIFY_WITH_TIMEOUT(!Session::instance()->error().isEmpty(), e2e::kPatienceMs);
        const QString error = Session::instance()->error();
        QVERIFY2(error.contains(journal) && error.contains(QStringLiteral("symbolic link")), qPrintable(error));
        QVERIFY(e2e::textsUnder(m_window->contentItem()).join(u'|').contains(journal));
        QCOMPARE(m_ui->page(), QStringLiteral("signin"));
        QVERIFY(QFile::remove(journal));
    }

    void aPlantedDemoMarkerShowsNoDemoPassphrases()
    {
        if (Session::instance()->isUnlocked())
            signOut();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QVERIFY(!visible(QStringLiteral("demoPassphrases")));
        QVERIFY(!visible(QStringLiteral("demoUse-ada")));
        const QStringList shown = e2e::textsUnder(m_window->contentItem());
        QVERIFY2(!shown.contains(QStringLiteral("Demo vault")), qPrintable(shown.join(u'|')));
        QVERIFY(!Session::instance()->isDemo());
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }
};

ONRAMP_E2E_MAIN(TestRosterRules)
#include "TestRosterRules.moc"
