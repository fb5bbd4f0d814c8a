// A roster imported through Admin › People › Import… in the real window: a
// bad row listed by file and line with nobody added, then a good file whose
// people appear in the list; a new person signs in with the passphrase
// handed to them and must choose their own before anything else opens.
#include "E2eDriver.h"
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Session.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"

#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;
using namespace vaulttest;

class TestRosterImportDialog : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString out() const { return m_dir.filePath(QStringLiteral("first-passphrases")); }

    bool visible(const char* name) const { return m_ui->item(QString::fromLatin1(name)) != nullptr; }
    int count(const char* list) const
    {
        const QQuickItem* it = m_ui->item(QString::fromLatin1(list));
        return it ? it->property("count").toInt() : -1;
    }

    /// Clicks into \a name, selects what it holds and types \a text over it.
    bool typeOver(const char* name, const QString& text)
    {
        if (!m_ui->click(QString::fromLatin1(name)))
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
        // The people are read again after a lock, off the GUI thread.
        const auto indexOf = [this, &name] {
            const QQuickItem* picker = m_ui->item(QStringLiteral("personPicker"));
            return picker ? int(picker->property("model").toStringList().indexOf(name)) : -1;
        };
        if (!QTest::qWaitFor([&] { return indexOf() >= 0; }, e2e::kPatienceMs)) {
            qWarning() << name << "is not in the sign-in page's list";
            return false;
        }
        if (!m_ui->chooseRow(QStringLiteral("personPicker"), indexOf()))
            return false;
        if (!m_ui->type(QStringLiteral("signInPassphrase"), passphrase))
            return false;
        m_ui->key(Qt::Key_Return);
        return true;
    }

    void signOut()
    {
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(m_dir.isValid());
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(m_dir.filePath(QStringLiteral("trust"))));
        const QString path = m_dir.filePath(QStringLiteral("vault"));
        {
            auto vault = makeVault(path); // ada (admin), max (mentor), hal (hire)
            QVERIFY(vault);
            onramp::ParseResult parsed =
                onramp::parseChecklist(checklistFixture(QStringLiteral("week-one.yaml")), QStringLiteral("w.yaml"));
            QVERIFY(parsed.ok());
            onramp::ImportOutcome outcome;
            QVERIFY(
                !onramp::ChecklistStore(*vault).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome));
        }
        Session::instance()->setVaultPath(path);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        QVERIFY(signIn(QStringLiteral("ada"), QString::fromUtf8(kAdminPassphrase)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_COMPARE_WITH_TIMEOUT(count("peopleList"), 3, e2e::kPatienceMs);
    }

    void badRowIsListedAndNobodyIsAdded()
    {
        QVERIFY(m_ui->click(QStringLiteral("importPeopleOpen")));
        QVERIFY(typeOver("rosterPath", testDataPath(QStringLiteral("roster/bad-mentor.csv"))));
        QVERIFY(typeOver("passphraseFolder", out()));
        QVERIFY(m_ui->click(QStringLiteral("importPeopleButton")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("importProblems"), e2e::kPatienceMs);
        const QString problems = m_ui->text(QStringLiteral("importProblems"));
        QVERIFY2(problems.startsWith(testDataPath(QStringLiteral("roster/bad-mentor.csv:3: "))), qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("nobody")), qPrintable(problems));
        QVERIFY(!visible("importSummary"));
        QVERIFY(!QFileInfo::exists(out()));
        // Nothing added: the list behind the dialog still holds three.
        QCOMPARE(count("peopleList"), 3);
        // Once the dialog has laid out its new text, nothing runs past it.
        QStringList overflowing;
        QTRY_VERIFY2_WITH_TIMEOUT(e2e::isSettled(m_window) && (overflowing = e2e::overflowingItems(m_window)).isEmpty(),
                                  qPrintable(overflowing.join(QLatin1Char('\n'))), e2e::kPatienceMs);
    }

    // Each check reports in its own pass over the file; the dialog lists the
    // problems in the file's line order, as a person corrects it.
    void problemsAreListedInTheFilesLineOrder()
    {
        const QString file = testDataPath(QStringLiteral("roster/unsorted-problems.csv"));
        QVERIFY(typeOver("rosterPath", file));
        QVERIFY(m_ui->click(QStringLiteral("importPeopleButton")));
        QTRY_VERIFY_WITH_TIMEOUT(
            visible("importProblems")
                && m_ui->text(QStringLiteral("importProblems")).contains(QStringLiteral("unsorted-problems.csv")),
            e2e::kPatienceMs);
        const QStringList problems = m_ui->text(QStringLiteral("importProblems")).split(QLatin1Char('\n'));
        QList<int> lines;
        for (const QString& problem : problems) {
            QVERIFY2(problem.startsWith(file + QLatin1Char(':')), qPrintable(problem));
            lines.append(problem.mid(file.size() + 1).section(QLatin1Char(':'), 0, 0).toInt());
        }
        QVERIFY2(lines.size() >= 3 && std::is_sorted(lines.cbegin(), lines.cend()) && lines.first() == 2,
                 qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(count("peopleList"), 3);
    }

    void goodRosterAddsItsPeople()
    {
        QVERIFY(typeOver("rosterPath", testDataPath(QStringLiteral("roster/good.csv"))));
        QVERIFY(m_ui->click(QStringLiteral("importPeopleButton")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("importSummary"), e2e::kPatienceMs);
        QVERIFY(!visible("importProblems"));
        const QString summary = m_ui->text(QStringLiteral("importSummary"));
        QVERIFY2(summary.contains(QStringLiteral("New people: 4.")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("Hires enrolled: 2.")), qPrintable(summary));
        QVERIFY2(summary.contains(out()), qPrintable(summary));
        QVERIFY(QFileInfo::exists(QDir(out()).filePath(QStringLiteral("jose.txt"))));
        // Escape closes the dialog; the new people are in the list.
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("rosterPath"), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(count("peopleList"), 7, e2e::kPatienceMs);
        QVERIFY(visible("person-jose"));
    }

    void aNewPersonChoosesTheirOwnPassphraseFirst()
    {
        QFile file(QDir(out()).filePath(QStringLiteral("jose.txt")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString handed = QString::fromUtf8(file.readAll()).trimmed();
        signOut();
        QVERIFY(signIn(QStringLiteral("jose"), handed));
        QTRY_VERIFY_WITH_TIMEOUT(visible("choosePassphraseCard"), e2e::kPatienceMs);
        QCOMPARE(m_ui->page(), QStringLiteral("signin")); // nothing else opened
        QVERIFY(!visible("signInCard"));
        // Handed over by the import, not a reset: nothing was issued again.
        QVERIFY(!visible("sandboxRenewedByReset"));

        // The rule is said before anything is typed.
        QVERIFY2(m_ui->text(QStringLiteral("choosePassphraseHint")).contains(QStringLiteral("at least 12 characters")),
                 qPrintable(m_ui->text(QStringLiteral("choosePassphraseHint"))));
        // Too short for the vault's rule: the hint says so, the button stays held, and
        // Enter neither saves nor clears what was typed.
        QVERIFY(m_ui->type(QStringLiteral("choosePassphrase"), QStringLiteral("short")));
        QVERIFY(m_ui->type(QStringLiteral("choosePassphraseRepeat"), QStringLiteral("short")));
        QVERIFY2(m_ui->text(QStringLiteral("choosePassphraseHint")).contains(QStringLiteral("at least")),
                 qPrintable(m_ui->text(QStringLiteral("choosePassphraseHint"))));
        QVERIFY(!m_ui->item(QStringLiteral("choosePassphraseButton"))->isEnabled());
        m_ui->key(Qt::Key_Return);
        QTest::qWait(50);
        QCOMPARE(m_ui->page(), QStringLiteral("signin"));
        QVERIFY(visible("choosePassphraseCard"));
        QCOMPARE(m_ui->item(QStringLiteral("choosePassphrase"))->property("text").toString(), QStringLiteral("short"));
        QCOMPARE(m_ui->item(QStringLiteral("choosePassphraseRepeat"))->property("text").toString(),
                 QStringLiteral("short"));

        // The handed-over one again is refused, and says why.
        QVERIFY(typeOver("choosePassphrase", handed));
        QVERIFY(typeOver("choosePassphraseRepeat", handed));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(visible("choosePassphraseError"), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("choosePassphraseError")).contains(QStringLiteral("handed")),
                 qPrintable(m_ui->text(QStringLiteral("choosePassphraseError"))));
        QCOMPARE(m_ui->page(), QStringLiteral("signin"));
        // What was typed stays, selected in the first field, so the next keys replace it.
        QQuickItem* fresh = m_ui->item(QStringLiteral("choosePassphrase"));
        QTRY_VERIFY_WITH_TIMEOUT(fresh->hasActiveFocus(), e2e::kPatienceMs);
        QCOMPARE(fresh->property("selectedText").toString(), handed);
        QCOMPARE(m_ui->item(QStringLiteral("choosePassphraseRepeat"))->property("text").toString(), handed);

        // Typing again clears that error; a repeat that differs is said at once and holds the button.
        const QString own = QStringLiteral("jose picks his own words");
        for (const QChar c : own)
            QTest::keyClick(m_window, c.toLatin1());
        QCOMPARE(fresh->property("text").toString(), own);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("choosePassphraseError"), e2e::kPatienceMs);
        QVERIFY(typeOver("choosePassphraseRepeat", QStringLiteral("jose picks")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("choosePassphraseMismatch"), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("choosePassphraseMismatch")).contains(QStringLiteral("do not match")),
                 qPrintable(m_ui->text(QStringLiteral("choosePassphraseMismatch"))));
        QVERIFY(!m_ui->item(QStringLiteral("choosePassphraseButton"))->isEnabled());
        QVERIFY(!visible("choosePassphraseError"));
        m_ui->key(Qt::Key_Return); // Enter in the repeat does not save a mismatch either
        QCOMPARE(m_ui->page(), QStringLiteral("signin"));
        QVERIFY(visible("choosePassphraseMismatch"));
        // Finished to match: the mismatch goes and the button may be pressed.
        for (const QChar c : QStringLiteral(" his own words"))
            QTest::keyClick(m_window, c.toLatin1());
        QTRY_VERIFY_WITH_TIMEOUT(!visible("choosePassphraseMismatch"), e2e::kPatienceMs);
        QVERIFY(m_ui->item(QStringLiteral("choosePassphraseButton"))->isEnabled());
        QVERIFY(m_ui->item(QStringLiteral("choosePassphrase"))->property("text").toString() == own);

        QVERIFY(m_ui->click(QStringLiteral("choosePassphraseButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));

        // From now on their own opens the vault at once, and the handed one nothing.
        signOut();
        QVERIFY(signIn(QStringLiteral("jose"), handed));
        QTRY_VERIFY_WITH_TIMEOUT(!Session::instance()->error().isEmpty(), e2e::kPatienceMs);
        QVERIFY(!visible("choosePassphraseCard"));
        QVERIFY(signIn(QStringLiteral("jose"), own));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }
};

ONRAMP_E2E_MAIN(TestRosterImportDialog)
#include "TestRosterImportDialog.moc"
