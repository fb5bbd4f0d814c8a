// The admin's journey from a new vault, through the real window at
// 1024x640, by clicks and keys: the vault's fingerprint shown once it is
// created, a new checklist's id following its title, the enroll form after
// enrolling, Escape in the filters, the move dialog saying one thing, every
// admin tab fitting in English and German, and the demo vault's passphrases
// shown on its own sign-in page only.
#include "AdminFixture.h"
#include "E2eDriver.h"
#include "Translations.h"

#include "Appearance.h"
#include "Demo.h"
#include "Session.h"
#include "onboarding/Enrollments.h"
#include "people/FirstPassphrase.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

const QByteArray kChecklist = R"(onramp: 1
checklist:
  id: week-one
  title: Week one for backend engineers joining the payments platform team
  steps:
    - id: handbook
      section: Day one
      title: Read the handbook
      required: true
    - id: sandbox-tests
      section: Day one
      title: Run the tests
      required: true
      signoff: true
    - id: pairing
      section: Day two
      title: Pair with your mentor
)";

/// What a screen reader says for \a item.
} // namespace

class TestAdminPolish : public e2e::AdminFixture
{
    Q_OBJECT

private:
    /// The texts a combo box offers, in its order.
    QStringList choices(const char* name) const
    {
        QQuickItem* picker = item(name);
        QStringList found;
        for (int row = 0; picker && row < picker->property("count").toInt(); ++row) {
            QString shown;
            QMetaObject::invokeMethod(picker, "textAt", Q_RETURN_ARG(QString, shown), Q_ARG(int, row));
            found.append(shown);
        }
        return found;
    }

    /// Locks and signs in as \a name from the sign-in page, by keys.
    void signInAs(const QString& name, const QString& passphrase)
    {
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && count("personPicker") > 0, e2e::kPatienceMs);
        QQuickItem* picker = item("personPicker");
        int row = -1;
        QMetaObject::invokeMethod(picker, "find", Q_RETURN_ARG(int, row), Q_ARG(QString, name));
        QVERIFY(row >= 0);
        QVERIFY(m_ui->chooseRow(QStringLiteral("personPicker"), row));
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), passphrase));
        m_ui->key(Qt::Key_Return);
    }

    /// Nothing of the window reaches past its right edge, nor scrolls sideways.
    void checkFits(const QString& where)
    {
        QStringList overflowing;
        const bool fits = QTest::qWaitFor(
            [&] {
                overflowing = e2e::overflowingItems(m_window);
                return settled() && overflowing.isEmpty();
            },
            e2e::kPatienceMs);
        QVERIFY2(fits, qPrintable(where + QStringLiteral(":\n") + overflowing.join(u'\n')));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(openWindow());
    }

    // Trust on first use: whoever opens the vault elsewhere is shown its
    // fingerprint, and asks the admin who made it.
    void theNewVaultsFingerprintIsShownToCompare()
    {
        QVERIFY(createVaultAsAda());
        const QString expected = Session::instance()->vaultFingerprint();
        QVERIFY(!expected.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(visible("vaultCreatedFingerprint") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("vaultCreatedFingerprint"), expected);
        QAccessible::setActive(true); // as a screen reader would
        const QString spoken = e2e::accessibleName(item("vaultCreatedFingerprint"));
        QVERIFY2(spoken.contains(expected), qPrintable(spoken));
        QVERIFY2(text("vaultCreatedExplanation").contains(QStringLiteral("compare"), Qt::CaseInsensitive),
                 qPrintable(text("vaultCreatedExplanation")));
        QGuiApplication::clipboard()->clear();
        QVERIFY(click("vaultCreatedCopy"));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), expected, e2e::kPatienceMs);
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));
        QVERIFY(click("vaultCreatedClose"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("vaultCreatedFingerprint"), e2e::kPatienceMs);

        // Shown once: not again when the admin page opens anew.
        QVERIFY(click("nav-audit"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("audit")));
        QVERIFY(click("nav-admin"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!visible("vaultCreatedFingerprint"));
    }

    void adminAddsPeople()
    {
        QCOMPARE(count("peopleList"), 1);
        QVERIFY(addPeople());
        QFile file(m_dir.filePath(QStringLiteral("week-one.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kChecklist);
        file.close();
        QVERIFY(click("tab-checklists"));
        QVERIFY(m_ui->type(QStringLiteral("importPath"), file.fileName()));
        QVERIFY(click("importButton"));
        QTRY_COMPARE_WITH_TIMEOUT(count("checklistList"), 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    void aNewChecklistsIdFollowsItsTitle()
    {
        QVERIFY(click("newChecklistButton"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("editorNewTitle"), e2e::kPatienceMs);
        typeText(QStringLiteral("First week — Backend"));
        QTRY_COMPARE_WITH_TIMEOUT(text("editorNewId"), QStringLiteral("first-week-backend"), e2e::kPatienceMs);
        typeText(QStringLiteral(" Über"));
        QTRY_COMPARE_WITH_TIMEOUT(text("editorNewId"), QStringLiteral("first-week-backend-uber"), e2e::kPatienceMs);
        QVERIFY(item("editorNewOk")->isEnabled());
        // Edited by hand, the id stays as typed while the title changes.
        QVERIFY(typeOver("editorNewId", QStringLiteral("backend-1")));
        QVERIFY(click("editorNewTitle"));
        m_ui->key(Qt::Key_End);
        typeText(QStringLiteral(" team"));
        QTRY_COMPARE_WITH_TIMEOUT(text("editorNewTitle"), QStringLiteral("First week — Backend Über team"),
                                  e2e::kPatienceMs);
        QCOMPARE(text("editorNewId"), QStringLiteral("backend-1"));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("editorNewTitle"), e2e::kPatienceMs);

        // Opened again, it starts afresh; an id in use is named before anything is saved.
        QVERIFY(click("newChecklistButton"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("editorNewTitle"), e2e::kPatienceMs);
        QCOMPARE(text("editorNewTitle"), QString());
        typeText(QStringLiteral("Week one"));
        QTRY_COMPARE_WITH_TIMEOUT(text("editorNewId"), QStringLiteral("week-one"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorNewIdError"), e2e::kPatienceMs);
        QVERIFY2(text("editorNewIdError").contains(QStringLiteral("week-one")), qPrintable(text("editorNewIdError")));
        QVERIFY(!item("editorNewOk")->isEnabled());
        m_ui->key(Qt::Key_Return); // refused: the dialog stays
        QTRY_VERIFY_WITH_TIMEOUT(focused("editorNewId"), e2e::kPatienceMs);
        QVERIFY(visible("editorNewIdError"));
        QVERIFY(typeOver("editorNewId", QStringLiteral("week-one-b")));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("editorNewIdError"), e2e::kPatienceMs);
        QVERIFY(item("editorNewOk")->isEnabled());
        QVERIFY(e2e::overflowingItems(m_window).isEmpty());
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("editorNewTitle"), e2e::kPatienceMs);
        QCOMPARE(count("checklistList"), 1);
    }

    void enrollingEmptiesTheHireAndOffersOnlyHiresNotEnrolled()
    {
        QVERIFY(click("tab-enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && count("enrollHire") == 2, e2e::kPatienceMs);
        QCOMPARE(choices("enrollHire"),
                 (QStringList{QStringLiteral("Alex Newhire (alex)"), QStringLiteral("Sam Second (sam)")}));
        QVERIFY(m_ui->chooseRow(QStringLiteral("enrollHire"), 0));
        QVERIFY(click("enrollButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Enrolled Alex Newhire")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && count("enrollmentList") == 1, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(choices("enrollHire"), QStringList{QStringLiteral("Sam Second (sam)")},
                                  e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(item("enrollHire")->property("currentIndex").toInt(), -1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(focused("enrollHire"), e2e::kPatienceMs);
        QVERIFY(!item("enrollButton")->isEnabled());
        QVERIFY(!item("enrollHire")->property("displayText").toString().contains(QStringLiteral("Alex")));
        // The next hire is picked with the keyboard, from the picker that has the focus.
        QVERIFY(m_ui->choose(QStringLiteral("enrollHire"), 1));
        QTRY_COMPARE_WITH_TIMEOUT(item("enrollHire")->property("currentValue").toString(), QStringLiteral("sam"),
                                  e2e::kPatienceMs);
        QVERIFY(item("enrollButton")->isEnabled());
        QVERIFY(click("enrollButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Enrolled Sam Second")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && visible("enrollEveryoneEnrolled"), e2e::kPatienceMs);
        QVERIFY(!visible("enrollButton"));
        // Nothing left to fill in: the whole form folds away, not only Enroll, and
        // the focus has gone on to the enrollments rather than to a box put away.
        for (const char* field : {"enrollHire", "enrollMentor", "enrollStart", "enrollChecklist"})
            QVERIFY2(!visible(field), field);
        QTRY_VERIFY_WITH_TIMEOUT(focused("enrollmentList"), e2e::kPatienceMs);
        // The enrollment just made is the one picked, and the ring is on it: one row marked, not two.
        QTRY_VERIFY_WITH_TIMEOUT(item("enrollment-sam") && item("enrollment-sam")->property("highlighted").toBool(),
                                 e2e::kPatienceMs);
        QVERIFY(!item("enrollment-alex")->property("highlighted").toBool());
    }

    void escapeClearsAFilterAndThenLeavesIt_data()
    {
        QTest::addColumn<QString>("tab");
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("list");
        QTest::addColumn<int>("rows");
        QTest::newRow("people") << QStringLiteral("tab-people") << QStringLiteral("peopleFilter")
                                << QStringLiteral("peopleList") << 4;
        QTest::newRow("enrollments") << QStringLiteral("tab-enrollments") << QStringLiteral("enrollmentFilter")
                                     << QStringLiteral("enrollmentList") << 2;
    }

    void escapeClearsAFilterAndThenLeavesIt()
    {
        QFETCH(QString, tab);
        QFETCH(QString, filter);
        QFETCH(QString, list);
        QFETCH(int, rows);
        QVERIFY(m_ui->click(tab));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(filter) && m_ui->item(filter)->hasActiveFocus(), e2e::kPatienceMs);
        typeText(QStringLiteral("nobody"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(list)->property("count").toInt(), 0, e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(filter), QString(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(list)->property("count").toInt(), rows, e2e::kPatienceMs);
        QVERIFY(m_ui->item(filter)->hasActiveFocus());
        // A second Escape finds nothing to clear: the field stays as it is, and
        // the key goes on to whatever handled it before.
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(filter), QString());
        QCOMPARE(m_ui->item(list)->property("count").toInt(), rows);
        QCOMPARE(m_ui->page(), QStringLiteral("admin"));
    }

    // Version 2 drops a step alex has done and adds one: the dialog says
    // what moves, what is kept and what goes, the same in its title, its
    // text and its buttons.
    // The editor's Export… opens a dialog that says what it does, in a
    // folder that exists, with the checklist's id and saved version as the
    // name; its Export button takes a name typed with the mouse, and writes
    // the saved version there.
    void theChecklistExportSuggestsItsFile()
    {
        QVERIFY(click("tab-checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorExport") && item("editorExport")->isEnabled() && settled(),
                                 e2e::kPatienceMs);
        QVERIFY(click("editorExport"));
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("admin"));
        QVERIFY(dialog);
        QCOMPARE(dialog->property("title").toString(), QStringLiteral("Export the checklist"));
        const QString suggested = dialog->property("selectedFile").toUrl().toLocalFile();
        QVERIFY2(QRegularExpression(QStringLiteral("^week-one-v\\d+\\.yaml$"))
                     .match(QFileInfo(suggested).fileName())
                     .hasMatch(),
                 qPrintable(suggested));
        QVERIFY2(QFileInfo(suggested).absoluteDir().exists(), qPrintable(suggested));
        const QString target = m_dir.filePath(QStringLiteral("exported.yaml"));
        QVERIFY(click("fileNameTextField"));
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_Backspace);
        typeText(target);
        QQuickItem* exportButton = m_ui->dialogButton(QStringLiteral("Export"));
        QVERIFY(exportButton);
        QTRY_VERIFY_WITH_TIMEOUT(exportButton->isEnabled(), e2e::kPatienceMs);
        QTest::mouseClick(
            m_window, Qt::LeftButton, {},
            exportButton->mapToScene(QPointF(exportButton->width() / 2, exportButton->height() / 2)).toPoint());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(target), e2e::kPatienceMs);
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("id: week-one"));
    }

    void theMoveDialogSaysOneThing()
    {
        QVERIFY(click("tab-checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorStep-pairing") && settled(), e2e::kPatienceMs);
        QVERIFY(click("editorStep-pairing"));
        QVERIFY(click("editorRemoveStep"));
        QVERIFY(click("editorStep-sandbox-tests"));
        QVERIFY(click("editorAddStep"));
        QVERIFY(typeOver("editorTitle", QStringLiteral("Meet the on-call lead")));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorSave")->isEnabled(), e2e::kPatienceMs);
        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("as version 2")), e2e::kPatienceMs);

        // alex does two steps of version 1: one that version 2 keeps, one it drops.
        Session* session = Session::instance();
        session->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        // The admin typed alex's passphrase: he chooses his own before anything else opens.
        {
            std::unique_ptr<onramp::Vault> alex;
            QVERIFY(!onramp::Vault::unlock(m_dir.filePath(QStringLiteral("vault")), QStringLiteral("alex"),
                                           "alex's passphrase", &alex));
            QVERIFY(onramp::firstpassphrase::isDue(*alex));
            QVERIFY(!onramp::firstpassphrase::choose(*alex, "alex's own passphrase"));
        }
        QVERIFY(!session->unlockNow(QStringLiteral("alex"), "alex's own passphrase"));
        for (const char* step : {"handbook", "pairing"}) {
            const onramp::Error e = session->performNow([step](onramp::Vault& v) {
                return onramp::Enrollments(v).markDone(QStringLiteral("alex"), QString::fromLatin1(step), QString());
            });
            QVERIFY2(!e, qPrintable(e.message));
        }
        signInAs(QStringLiteral("ada"), QStringLiteral("ada's long passphrase"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(click("tab-enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-alex"));
        QVERIFY(click("moveEnrollmentButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveDialogText") && settled(), e2e::kPatienceMs);

        const QObject* dialog = item("moveDialogText");
        while (dialog && !dialog->inherits("QQuickPopup"))
            dialog = dialog->parent();
        QVERIFY(dialog);
        const QString title = dialog->property("title").toString();
        const QString body = text("moveDialogText");
        const QString confirm = text("moveDialogConfirm");
        const QString cancel = text("moveDialogCancel");
        const QString all = QStringList{title, body, confirm, cancel}.join(u'\n');
        // Who moves, by name, and to which version, in the title and on the button that does it.
        QCOMPARE(title, QStringLiteral("Move Alex Newhire to version 2?"));
        QCOMPARE(confirm, QStringLiteral("Move to version 2"));
        QCOMPARE(cancel, QStringLiteral("Stay on version 1"));
        // The step kept is said to stay done; the step that goes is said to go, with its mark.
        const QStringList paragraphs = body.split(QStringLiteral("\n\n"));
        const auto paragraphWith = [&](const QString& words) {
            for (const QString& p : paragraphs) {
                if (p.contains(words))
                    return p;
            }
            return QString();
        };
        const QString kept = paragraphWith(QStringLiteral("Read the handbook"));
        const QString gone = paragraphWith(QStringLiteral("Pair with your mentor"));
        const QString added = paragraphWith(QStringLiteral("Meet the on-call lead"));
        QVERIFY2(kept.contains(QStringLiteral("stay done")), qPrintable(all));
        QVERIFY2(!gone.isEmpty() && !gone.contains(QStringLiteral("stay")) && gone.contains(QStringLiteral("removed")),
                 qPrintable(all));
        QVERIFY2(gone != kept, qPrintable(all));
        QVERIFY2(!added.isEmpty() && added != gone && added != kept, qPrintable(all));
        // What becomes of the approvals, once, by the mentor's name.
        const QString approvals = paragraphWith(QStringLiteral("approv"));
        QVERIFY2(approvals.contains(QStringLiteral("Maya Mentor")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("alex")), qPrintable(all)); // the hire's full name, not the login
        QVERIFY2(!all.contains(QStringLiteral("dropped")), qPrintable(all)); // one word for what goes
        QVERIFY(e2e::overflowingItems(m_window).isEmpty());

        QVERIFY(click("moveDialogConfirm"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Moved")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(text("enrollmentSummary").contains(QStringLiteral("1 of 3 steps done")),
                                 e2e::kPatienceMs);
    }

    void everyAdminTabFits_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        for (const char* language : {"en", "de"}) {
            for (const QSize size : {QSize(1024, 640), QSize(1280, 800)})
                QTest::addRow("%s %dx%d", language, size.width(), size.height())
                    << QString::fromLatin1(language) << size;
        }
    }

    void everyAdminTabFits()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QVERIFY(Appearance::instance()->setLanguage(language));
        QVERIFY(m_ui->resizeTo(size));
        // The tabs hold still whichever is shown (bold): no tab moves sideways.
        static const char* const kTabs[] = {"tab-people", "tab-checklists", "tab-enrollments", "tab-secrets"};
        const auto tabPlaces = [this] {
            QList<qreal> places;
            for (const char* tab : kTabs)
                places.append(m_ui->item(QString::fromLatin1(tab))->mapToScene(QPointF(0, 0)).x());
            return places;
        };
        QList<qreal> places;
        for (const char* tab : kTabs) {
            QVERIFY(click(tab));
            checkFits(QString::fromLatin1(tab));
            QVERIFY(settled());
            if (places.isEmpty())
                places = tabPlaces();
            QCOMPARE(tabPlaces(), places);
        }
        // A person picked, a mentor and a hire (whose reset says more): the reset and
        // disable controls fit the pane beside the list.
        QVERIFY(click("tab-people"));
        for (const char* person : {"person-maya", "person-alex"}) {
            QTRY_VERIFY_WITH_TIMEOUT(item(person), e2e::kPatienceMs);
            QVERIFY(click(person));
            QTRY_VERIFY_WITH_TIMEOUT(item("disablePersonButton"), e2e::kPatienceMs);
            checkFits(QString::fromLatin1(person));
            // The last control of the pane, reached with Tab, is in sight inside its card
            // (the pane scrolls to it where it is taller than the card).
            QQuickItem* last = item("disablePersonButton");
            for (int i = 0; i < 20 && !last->hasActiveFocus(); ++i)
                m_ui->key(Qt::Key_Tab);
            QVERIFY(last->hasActiveFocus());
            QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
            QQuickItem* card = last->parentItem();
            while (card && !card->inherits("QQuickPane"))
                card = card->parentItem();
            QVERIFY(card);
            const qreal lastBottom = last->mapToScene(QPointF(0, last->height())).y();
            const qreal room =
                card->mapToScene(QPointF(0, card->height())).y() - card->property("bottomPadding").toReal();
            const qreal cardTop = card->mapToScene(QPointF(0, 0)).y();
            QVERIFY(last->mapToScene(QPointF(0, 0)).y() >= cardTop);
            QVERIFY2(lastBottom <= room + 1,
                     qPrintable(QStringLiteral("%1: Disable ends at %2, its card's room at %3")
                                    .arg(QString::fromLatin1(person))
                                    .arg(lastBottom)
                                    .arg(room)));
        }
        // The editor with a step picked, and its dialogs.
        QVERIFY(click("tab-checklists"));
        QVERIFY(click("editorStep-handbook"));
        checkFits(QStringLiteral("the editor"));
        QVERIFY(click("newChecklistButton"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("editorNewTitle"), e2e::kPatienceMs);
        typeText(QStringLiteral("Week one"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorNewIdError"), e2e::kPatienceMs);
        checkFits(QStringLiteral("the new checklist dialog"));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("editorNewTitle"), e2e::kPatienceMs);
        m_window->resize(1024, 640);
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("en")));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->width() == 1024 && settled(), e2e::kPatienceMs);
    }

    // The demo vault's passphrases belong on its sign-in page, and only there.
    void theDemoPassphrasesShowOnTheDemoSignInPageOnly()
    {
        Session* session = Session::instance();
        // This vault is not the demo.
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!visible("demoPassphrases"));
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("wrong passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(visible("signInError") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("demoPassphrases"));

        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(QDir().mkpath(demo));
        const onramp::Error e = onramp::demo::createDemoVault(demo);
        QVERIFY2(!e, qPrintable(e.message));
        session->setVaultPath(demo);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("demoPassphrases") && settled(), e2e::kPatienceMs);
        // A wrong passphrase leaves the list where it is, to try again.
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("wrong passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(visible("signInError") && settled(), e2e::kPatienceMs);
        QVERIFY(visible("demoPassphrases"));
        QVERIFY(click("demoUse-ada"));
        QVERIFY(click("signInButton"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!visible("demoPassphrases"));
        // The admin disables alex: the demo's passphrase opens nothing for them any more.
        QVERIFY(click("tab-people"));
        QVERIFY(click("person-alex"));
        QVERIFY(click("disablePersonButton"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // The dialog opens on Cancel: Shift+Tab to Disable, then Enter.
        QTest::keyClick(m_window, Qt::Key_Backtab, Qt::ShiftModifier);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("disabled")), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("demoPassphrases") && settled(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("demoUse-alex"), e2e::kPatienceMs);
        QVERIFY(visible("demoUse-ada") && visible("demoUse-maya"));

        // Back on a vault that is not the demo, the list is gone.
        session->setVaultPath(m_dir.filePath(QStringLiteral("vault")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!visible("demoPassphrases"));
    }

    void cleanupTestCase()
    {
        QSettings().remove(QStringLiteral("language"));
        closeWindow();
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // a language chosen here is not the person's
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    onramp::installTranslations(app);
    TestAdminPolish test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestAdminPolish.moc"
