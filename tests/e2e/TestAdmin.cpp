// The admin's tabs through the real window at 1024x640, by clicks and keys:
// people (nobody selected at first, never oneself to reset, a filter),
// checklists (a second one started, long titles, edits kept across tabs, the
// selected step kept across a save, saving audited as a save) and
// enrollments (a date picker, moving a hire to a newer version, a filter).
#include "AdminBackend.h"
#include "AdminFixture.h"
#include "E2eDriver.h"

#include "Translations.h"
#include <QJSValue>

#include "Database.h"
#include "Session.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

const QByteArray kChecklist = R"(onramp: 1
checklist:
  id: week-one
  title: Week one for backend engineers joining the payments platform team
  steps:
    - id: handbook
      section: Day one
      title: Read the handbook, the incident guide and the on-call rota before your first standup
      required: true
      body: Mistakes happen, and they are how systems get better. Read the [blameless postmortem guide](https://sre.google/sre-book/postmortem-culture/), find out where the backups live, how restores are tested, and whom to call when a restore fails at night.
    - id: sandbox-tests
      section: Day one
      title: Run the tests
      required: true
    - id: pairing
      section: Day two
      title: Pair with your mentor
)";

/// A second checklist whose title is the first one's: only the id tells them apart.
const QByteArray kSameTitle = R"(onramp: 1
checklist:
  id: week-two
  title: Week one for backend engineers joining the payments platform team
  steps:
    - id: handbook
      title: Read the handbook
      required: true
)";

/// A checklist an admin might write with the production secret in it, which the importer refuses.
const QByteArray kSecretInFile = R"(onramp: 1
checklist:
  id: leaky
  title: Leaky
  steps:
    - {id: one, title: One}
credentials:
  - id: prod-db
    title: Production database
    environment: production
    provider: static
    secret: {value: hunter2hunter2}
)";

/// The visible items under \a container that reach below its bottom edge, or
/// below an ancestor inside it that clips them: they spill out of it or are
/// cut off. What a Flickable holds scrolls and is not counted. Each as
/// "ClassName objectName: why".
QStringList itemsBelow(QQuickItem* container)
{
    QStringList found;
    const std::function<void(QQuickItem*, qreal)> visit = [&](QQuickItem* item, qreal bound) {
        if (!item->isVisible() || item->opacity() == 0)
            return;
        const qreal bottom = item->mapToScene(QPointF(0, item->height())).y();
        if (item->width() > 0 && item->height() > 0 && bottom > bound + 0.5)
            found.append(QStringLiteral("%1 %2: its bottom edge is at %3, past %4")
                             .arg(QString::fromLatin1(item->metaObject()->className()), item->objectName())
                             .arg(bottom)
                             .arg(bound));
        if (item->inherits("QQuickFlickable"))
            return;
        const qreal inner = item->clip() ? std::min(bound, bottom) : bound;
        const auto children = item->childItems();
        for (QQuickItem* child : children)
            visit(child, inner);
    };
    const qreal bottom = container->mapToScene(QPointF(0, container->height())).y();
    const auto children = container->childItems();
    for (QQuickItem* child : children)
        visit(child, bottom);
    return found;
}

} // namespace

class TestAdmin : public e2e::AdminFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(openWindow());
        QVERIFY(createVaultAsAda());
        QVERIFY(click("vaultCreatedClose")); // the note on the vault's fingerprint
    }

    void peopleTabOpensWithNobodySelected()
    {
        QTRY_VERIFY_WITH_TIMEOUT(count("peopleList") == 1 && settled(), e2e::kPatienceMs);
        QVERIFY(visible("peopleNobodySelected"));
        QVERIFY(!visible("resetPassphrase"));
        QVERIFY(!visible("resetPassphraseButton"));
        QVERIFY(!visible("disablePersonButton"));
    }

    void adminAddsPeople()
    {
        QCOMPARE(count("peopleList"), 1);
        QVERIFY(addPeople());
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(visible("peopleNobodySelected"));
        // The admin typed their first passphrases: each must choose their own, and the list says so.
        for (const char* name : {"handedOver-maya", "handedOver-alex", "handedOver-sam"})
            QTRY_VERIFY2_WITH_TIMEOUT(visible(name), name, e2e::kPatienceMs);
        QVERIFY(!visible("handedOver-ada"));
    }

    void nobodyResetsOrDisablesThemselvesHere()
    {
        QVERIFY(click("person-ada"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("peopleSelfNote"), e2e::kPatienceMs);
        QVERIFY(!visible("resetPassphrase"));
        QVERIFY(!visible("resetPassphraseButton"));
        QVERIFY(!visible("disablePersonButton"));
    }

    void resetAndDisableAreSeparateGroups()
    {
        QVERIFY(click("person-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("resetPassphraseButton") && visible("disablePersonButton"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const auto top = [this](const char* name) { return item(name)->mapToScene(QPointF(0, 0)).y(); };
        // The reset button follows its field; disabling is a group of its own below.
        QVERIFY(top("resetPassphrase") <= top("resetPassphraseButton"));
        QVERIFY2(top("resetPassphraseButton") < top("disablePersonButton"),
                 "the disable button sits between the reset field and its button");
        QVERIFY(m_ui->text(QStringLiteral("peopleSelectedHeading")).contains(QStringLiteral("Alex Newhire")));
    }

    // A reset asks first, naming the person: Enter in the field opens the
    // question with the focus on Cancel, so a second Enter cancels; Escape
    // cancels; nothing changes until Reset is clicked.
    void resetAsksFirst()
    {
        QVERIFY(click("person-sam"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("resetPassphrase") && settled(), e2e::kPatienceMs);
        QObject* dialog = item("admin") ? item("admin")->findChild<QObject*>(QStringLiteral("resetDialog")) : nullptr;
        QVERIFY(dialog);
        const auto resets = [] {
            qint64 n = -1;
            const onramp::Error e = Session::instance()->performNow([&n](onramp::Vault& v) {
                n = v.db()
                        .scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'passphrase.reset'"))
                        .toLongLong();
                return onramp::Error();
            });
            return e ? -1 : n;
        };
        const qint64 before = resets();
        QVERIFY(before >= 0);
        QVERIFY(m_ui->type(QStringLiteral("resetPassphrase"), QStringLiteral("sam's new passphrase")));
        // Typed to be handed over: Show reads it back, and hides it again.
        // TextInput.EchoMode: Normal 0, Password 2.
        constexpr int kNormal = 0;
        constexpr int kPassword = 2;
        QQuickItem* field = item("resetPassphrase");
        QCOMPARE(field->property("echoMode").toInt(), kPassword);
        QVERIFY(click("resetPassphraseShow"));
        QCOMPARE(field->property("echoMode").toInt(), kNormal);
        QCOMPARE(field->property("displayText").toString(), QStringLiteral("sam's new passphrase"));
        QVERIFY(click("resetPassphraseShow"));
        QCOMPARE(field->property("echoMode").toInt(), kPassword);
        QVERIFY(click("resetPassphrase"));
        QTest::keyClick(m_window, Qt::Key_End);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QCOMPARE(dialog->property("title").toString(), QStringLiteral("Reset the passphrase of Sam Second?"));
        QCOMPARE(text("resetDialogText"), QStringLiteral("They will have to choose a new one at their next sign-in."));
        // What the reset changes for them is said again where it is confirmed.
        QVERIFY(!text("resetDialogHelp").isEmpty());
        QCOMPARE(text("resetDialogHelp"), text("resetHelp"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("resetCancelButton"), e2e::kPatienceMs);
        // Enter again: cancelled.
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QCOMPARE(resets(), before);
        QCOMPARE(m_ui->text(QStringLiteral("resetPassphrase")), QStringLiteral("sam's new passphrase"));
        // Escape: cancelled.
        QVERIFY(click("resetPassphraseButton"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QCOMPARE(resets(), before);
        // Reset, clicked: done.
        QVERIFY(click("resetPassphraseButton"));
        QVERIFY(click("resetConfirmButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("new passphrase")), e2e::kPatienceMs);
        QCOMPARE(resets(), before + 1);
        // The new passphrase, shown to hand over as a first one is: a typo in
        // the masked field would otherwise leave nobody knowing it.
        QTRY_VERIFY_WITH_TIMEOUT(visible("firstPassphraseDone"), e2e::kPatienceMs);
        QObject* shown = item("admin")->findChild<QObject*>(QStringLiteral("firstPassphraseDialog"));
        QVERIFY(shown);
        QCOMPARE(shown->property("title").toString(), QStringLiteral("New passphrase of Sam Second"));
        QCOMPARE(m_ui->text(QStringLiteral("firstPassphrase")), QStringLiteral("sam's new passphrase"));
        QVERIFY(click("firstPassphraseDone"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("firstPassphraseDone"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("resetPassphrase")).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(visible("handedOver-sam"), e2e::kPatienceMs);
    }

    // A disabled person's reset enables them again: the question, its
    // button and the notice after say so, not just "a new passphrase".
    void aDisabledPersonsResetSaysItEnablesThem()
    {
        const onramp::Error disabled = Session::instance()->performNow(
            [](onramp::Vault& v) { return onramp::People(v).disable(QStringLiteral("sam")); });
        QVERIFY2(!disabled, qPrintable(disabled.message));
        QObject* backend = item("admin")->findChild<onramp::ui::AdminBackend*>();
        QVERIFY(backend);
        QVERIFY(QMetaObject::invokeMethod(backend, "reload"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(click("person-sam"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("resetPassphrase") && settled(), e2e::kPatienceMs);
        QObject* dialog = item("admin")->findChild<QObject*>(QStringLiteral("resetDialog"));
        QVERIFY(dialog);
        QVERIFY(m_ui->type(QStringLiteral("resetPassphrase"), QStringLiteral("sam's passphrase again")));
        QVERIFY(click("resetPassphraseButton"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QCOMPARE(dialog->property("title").toString(),
                 QStringLiteral("Enable Sam Second again, with a new passphrase?"));
        QCOMPARE(text("resetConfirmButton"), QStringLiteral("Enable again"));
        QVERIFY(click("resetConfirmButton"));
        QTRY_VERIFY_WITH_TIMEOUT(
            notice().startsWith(QStringLiteral("Sam Second is enabled again, with a new passphrase")),
            e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("firstPassphraseDone"), e2e::kPatienceMs);
        QVERIFY(click("firstPassphraseDone"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("firstPassphraseDone") && settled(), e2e::kPatienceMs);
    }

    void peopleFilterMatchesNamesWithoutCase()
    {
        QVERIFY(click("person-ada"));
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item("peopleFilter") && item("peopleFilter")->hasActiveFocus(), e2e::kPatienceMs);
        for (const char c : QByteArray("ALEX"))
            QTest::keyClick(m_window, c);
        QTRY_COMPARE_WITH_TIMEOUT(count("peopleList"), 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("person-alex"), e2e::kPatienceMs);
        QVERIFY(typeOver("peopleFilter", QStringLiteral("second"))); // the display name of sam
        QTRY_COMPARE_WITH_TIMEOUT(count("peopleList"), 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("person-sam"), e2e::kPatienceMs);
        QVERIFY(typeOver("peopleFilter", QStringLiteral("nobody")));
        QTRY_COMPARE_WITH_TIMEOUT(count("peopleList"), 0, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("peopleNoMatch"), e2e::kPatienceMs);
        QVERIFY(typeOver("peopleFilter", QString()));
        QTRY_COMPARE_WITH_TIMEOUT(count("peopleList"), 4, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("peopleNoMatch"), e2e::kPatienceMs);
    }

    void adminImportsAndEnrolls()
    {
        QFile file(m_dir.filePath(QStringLiteral("week-one.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kChecklist);
        file.close();
        QVERIFY(click("tab-checklists"));
        QVERIFY(m_ui->type(QStringLiteral("importPath"), file.fileName()));
        QVERIFY(click("importButton"));
        QTRY_COMPARE_WITH_TIMEOUT(count("checklistList"), 1, e2e::kPatienceMs);

        QVERIFY(click("tab-enrollments"));
        QVERIFY(click("enrollButton")); // alex, the first hire
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Enrolled Alex Newhire")), e2e::kPatienceMs);
    }

    void importRefusalsNameNoCommand()
    {
        QFile file(m_dir.filePath(QStringLiteral("leaky.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kSecretInFile);
        file.close();
        QVERIFY(click("tab-checklists"));
        QVERIFY(typeOver("importPath", file.fileName()));
        QVERIFY(click("importButton"));
        // Said under the file's field, which keeps the path.
        QTRY_VERIFY_WITH_TIMEOUT(text("checklistImportStatus").contains(QStringLiteral("was not imported")),
                                 e2e::kPatienceMs);
        const QString refusal = text("checklistImportStatus");
        QVERIFY2(refusal.contains(QStringLiteral("Production secrets")), qPrintable(refusal));
        QVERIFY2(!refusal.contains(QStringLiteral("onramp ")), qPrintable(refusal));
        QCOMPARE(text("importPath"), file.fileName());
        QCOMPARE(count("checklistList"), 1);
        QVERIFY(typeOver("importPath", QString()));
        QVERIFY(click("tab-enrollments"));
    }

    void anEnrolledHireIsNotOfferedAgain()
    {
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(count("enrollHire"), 1); // sam; alex is enrolled
        QCOMPARE(item("enrollHire")->property("currentIndex").toInt(), -1);
        QVERIFY(!item("enrollButton")->isEnabled());
    }

    void startDateHasAKeyboardDatePicker()
    {
        QVERIFY(typeOver("enrollStart", QStringLiteral("2026-02-30")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollStartError"), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("enrollStartError")).contains(QStringLiteral("2026-02-30")));
        QVERIFY(!item("enrollButton")->isEnabled());

        QVERIFY(typeOver("enrollStart", QStringLiteral("2026-03-01")));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("enrollStartError"), e2e::kPatienceMs);
        QVERIFY(click("enrollStartPick"));
        QTRY_VERIFY_WITH_TIMEOUT(item("enrollStartCalendar") && item("enrollStartCalendar")->hasActiveFocus(),
                                 e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Right); // 2 March
        QTest::keyClick(m_window, Qt::Key_Down); // 9 March
        QTest::keyClick(m_window, Qt::Key_PageDown); // 9 April
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("enrollStart")), QStringLiteral("2026-04-09"),
                                  e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("enrollStartCalendar"), e2e::kPatienceMs);
        QVERIFY(item("enrollStart")->hasActiveFocus());

        // Escape leaves the date as it was.
        QVERIFY(click("enrollStartPick"));
        QTRY_VERIFY_WITH_TIMEOUT(item("enrollStartCalendar") && item("enrollStartCalendar")->hasActiveFocus(),
                                 e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Right);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("enrollStartCalendar"), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("enrollStart")), QStringLiteral("2026-04-09"));

        QVERIFY(m_ui->choose(QStringLiteral("enrollHire"), 1)); // sam
        QVERIFY(click("enrollButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Enrolled Sam Second")), e2e::kPatienceMs);
    }

    void editorTitlesAreNotCutAt1024()
    {
        QVERIFY(click("tab-checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorHeading") && settled(), e2e::kPatienceMs);
        QCOMPARE(m_window->width(), 1024);
        QQuickItem* heading = item("editorHeading");
        QVERIFY2(!heading->property("truncated").toBool(), "the checklist title is cut off");
        QQuickItem* step = item("editorStepTitle-handbook");
        QVERIFY(step);
        QVERIFY2(!step->property("truncated").toBool(), "the step title is cut off");
    }

    void editorBodyHasABorder()
    {
        QQuickItem* frame = item("editorBodyFrame");
        QVERIFY(frame);
        const QObject* border = frame->property("background").value<QObject*>();
        QVERIFY2(border, "the body has no background to draw a border");
        QVERIFY(border->property("border").value<QObject*>());
        QVERIFY(border->property("border").value<QObject*>()->property("width").toReal() >= 1);
    }

    void editsSurviveSwitchingTabs()
    {
        QVERIFY(click("editorStep-sandbox-tests"));
        QVERIFY(typeOver("editorTitle", QStringLiteral("Run the tests in your sandbox")));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorSave")->isEnabled(), e2e::kPatienceMs);
        // A change made on another tab reloads every list of the page.
        QVERIFY(click("tab-people"));
        QVERIFY(click("person-maya"));
        QVERIFY(m_ui->type(QStringLiteral("resetPassphrase"), QStringLiteral("maya's new passphrase")));
        QVERIFY(click("resetPassphraseButton"));
        QVERIFY(click("resetConfirmButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("new passphrase")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("firstPassphraseDone"), e2e::kPatienceMs);
        QVERIFY(click("firstPassphraseDone"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(click("tab-checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("editorTitle")), QStringLiteral("Run the tests in your sandbox"));
        QVERIFY(item("editorSave")->isEnabled());
    }

    void editsSurviveALock()
    {
        // Locking, by hand or when the desk is left idle, keeps the draft for
        // the same person: they find it again after signing in.
        QCOMPARE(m_ui->text(QStringLiteral("editorTitle")), QStringLiteral("Run the tests in your sandbox"));
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("ada's long passphrase")));
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(click("tab-checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(click("editorStep-sandbox-tests"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("editorTitle")),
                                  QStringLiteral("Run the tests in your sandbox"), e2e::kPatienceMs);
        QVERIFY(item("editorSave")->isEnabled());
    }

    void saveKeepsTheSelectedStep()
    {
        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("as version 2")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("editorTitle")), QStringLiteral("Run the tests in your sandbox"));
        QCOMPARE(m_ui->item(QStringLiteral("editorStepList"))->property("currentIndex").toInt(), 1);
    }

    void savingIsAuditedAsASave()
    {
        QVERIFY(click("nav-audit"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("audit")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // The filter shows the actions in words; its values are the codes.
        QVariant model = item("auditActionFilter")->property("model");
        if (model.metaType() == QMetaType::fromType<QJSValue>())
            model = model.value<QJSValue>().toVariant();
        QStringList actions;
        for (const QVariant& choice : model.toList())
            actions.append(choice.toMap().value(QStringLiteral("value")).toString());
        QVERIFY2(actions.contains(QStringLiteral("checklist.save")), qPrintable(actions.join(u' ')));
        QVERIFY(actions.contains(QStringLiteral("checklist.import")));
        QVERIFY(click("nav-admin"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
    }

    void aSecondChecklistCanBeStarted()
    {
        QVERIFY(click("tab-checklists"));
        QVERIFY(click("newChecklistButton"));
        QVERIFY(m_ui->type(QStringLiteral("editorNewTitle"), QStringLiteral("Support rotation")));
        // The id follows the title until it is typed.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("editorNewId")), QStringLiteral("support-rotation"),
                                  e2e::kPatienceMs);
        QVERIFY(typeOver("editorNewId", QStringLiteral("support")));
        QCOMPARE(m_ui->text(QStringLiteral("editorNewTitle")), QStringLiteral("Support rotation"));
        QVERIFY(click("editorNewOk"));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("editorHeading")) == QStringLiteral("Support rotation"),
                                 e2e::kPatienceMs);
        QVERIFY(click("editorSave"));
        QTRY_COMPARE_WITH_TIMEOUT(count("checklistList"), 2, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("editorHeading")), QStringLiteral("Support rotation"));
    }

    void openingAnotherChecklistAsksBeforeDroppingEdits()
    {
        QVERIFY(click("editorStep-new-step"));
        QVERIFY(typeOver("editorTitle", QStringLiteral("Read the runbook")));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorSave")->isEnabled(), e2e::kPatienceMs);
        QVERIFY(click("checklist-week-one"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("discardCancel"), e2e::kPatienceMs);
        QVERIFY(click("discardCancel"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("discardCancel"), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("editorHeading")), QStringLiteral("Support rotation"));
        QCOMPARE(m_ui->text(QStringLiteral("editorTitle")), QStringLiteral("Read the runbook"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));

        QVERIFY(click("checklist-week-one"));
        QVERIFY(click("discardConfirm"));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("editorHeading")).startsWith(QStringLiteral("Week one")),
                                 e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(!item("editorSave")->isEnabled());
    }

    void anEnrollmentMovesToTheNewerVersion()
    {
        QVERIFY(click("tab-enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("enrollmentVersion")).contains(QStringLiteral("version 1")),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("enrollmentVersion")).contains(QStringLiteral("version 2")));
        QVERIFY(click("moveEnrollmentButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveDialogText"), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("moveDialogText")).contains(QStringLiteral("done")));
        QVERIFY(click("moveDialogConfirm"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Moved Alex Newhire")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("enrollmentVersion")).contains(QStringLiteral("latest")),
                                 e2e::kPatienceMs);
        QVERIFY(!item("moveEnrollmentButton") || !item("moveEnrollmentButton")->isEnabled());
    }

    void enrollmentFilterMatchesNamesWithoutCase()
    {
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item("enrollmentFilter") && item("enrollmentFilter")->hasActiveFocus(),
                                 e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(count("enrollmentList"), 2, e2e::kPatienceMs);
        for (const char c : QByteArray("SAM"))
            QTest::keyClick(m_window, c);
        QTRY_COMPARE_WITH_TIMEOUT(count("enrollmentList"), 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-sam"), e2e::kPatienceMs);
        QVERIFY(typeOver("enrollmentFilter", QStringLiteral("newhire")));
        QTRY_COMPARE_WITH_TIMEOUT(count("enrollmentList"), 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-alex"), e2e::kPatienceMs);
        QVERIFY(typeOver("enrollmentFilter", QStringLiteral("nobody")));
        QTRY_COMPARE_WITH_TIMEOUT(count("enrollmentList"), 0, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollmentsNoMatch"), e2e::kPatienceMs);
    }

    void stepListKeepsItsRoomAt1024()
    {
        QVERIFY(click("tab-checklists"));
        QVERIFY(click("checklist-week-one"));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && m_ui->text(QStringLiteral("editorHeading")).startsWith(u"Week one"),
                                 e2e::kPatienceMs);
        QVERIFY(click("editorStep-handbook")); // its body has a long line
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // As after the window was made wider and narrower again.
        m_window->resize(1280, 800);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        m_window->resize(1024, 640);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(m_window->width(), 1024);
        const qreal width = item("editorStepList")->width();
        QVERIFY2(width >= 240, qPrintable(QStringLiteral("the step list is only %1 px wide").arg(width)));
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));
    }

    void stepFormFitsItsCardAt1024_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x640") << QSize(1024, 640);
        QTest::newRow("1280x800") << QSize(1280, 800);
    }

    void stepFormFitsItsCardAt1024()
    {
        QFETCH(QSize, size);
        m_window->resize(size);
        QVERIFY(click("editorStep-handbook"));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && m_window->size() == size, e2e::kPatienceMs);
        QQuickItem* form = item("editorStepForm");
        QVERIFY(form);
        QVERIFY2(itemsBelow(form).isEmpty(), qPrintable(itemsBelow(form).join(u'\n')));
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));
        // Every field of the form is there to reach, the last ones included.
        for (const char* name : {"editorTitle", "editorBody", "editorDue", "editorRequired", "editorSignoff"})
            QVERIFY2(item(name) && item(name)->height() > 0, name);
        m_window->resize(1024, 640);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    void dueDayIsNotReadAsTheFirstDay()
    {
        QVERIFY(click("editorStep-sandbox-tests"));
        QQuickItem* due = item("editorDue");
        QVERIFY(due);
        QTRY_COMPARE_WITH_TIMEOUT(due->property("displayText").toString(), QStringLiteral("none"), e2e::kPatienceMs);
        // Up from none: the start day itself, then one day after it.
        QVERIFY(click("editorDue"));
        m_ui->key(Qt::Key_Up);
        QTRY_COMPARE_WITH_TIMEOUT(due->property("displayText").toString(), QStringLiteral("on the start day"),
                                  e2e::kPatienceMs);
        m_ui->key(Qt::Key_Up);
        QTRY_VERIFY_WITH_TIMEOUT(due->property("value").toInt() == 1, e2e::kPatienceMs);
        const QString oneDay = due->property("displayText").toString();
        QVERIFY2(oneDay.startsWith(QStringLiteral("1 day")) && oneDay.endsWith(QStringLiteral("after start")),
                 qPrintable(oneDay));
        // Typed over, as a number.
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        for (const char c : QByteArray("3"))
            QTest::keyClick(m_window, c);
        m_ui->key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(due->property("value").toInt(), 3, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(due->property("displayText").toString().startsWith(QStringLiteral("3 day")),
                                 e2e::kPatienceMs);
        QVERIFY(item("editorSave")->isEnabled());
    }

    // A step the mentor reviews gates production access: ticking "Mentor
    // reviews it" ticks "Required" and holds it there, saying why; a click
    // on it changes nothing until the review is unticked.
    void aReviewedStepCannotBeMadeOptional()
    {
        QVERIFY(click("editorStep-pairing"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QQuickItem* required = item("editorRequired");
        QQuickItem* signoff = item("editorSignoff");
        QVERIFY(required && signoff);
        QVERIFY(!required->property("checked").toBool());
        QVERIFY(!signoff->property("checked").toBool());
        QVERIFY(required->isEnabled());

        QVERIFY(click("editorSignoff"));
        QTRY_VERIFY_WITH_TIMEOUT(signoff->property("checked").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(required->property("checked").toBool(), e2e::kPatienceMs);
        QVERIFY(!required->isEnabled());
        QAccessibleInterface* spoken = QAccessible::queryAccessibleInterface(required);
        QVERIFY(spoken);
        QVERIFY2(spoken->text(QAccessible::Description).contains(QStringLiteral("always required")),
                 qPrintable(spoken->text(QAccessible::Description)));
        // Clicked anyway: it stays ticked, and so does the step in the model.
        const QPoint centre = required->mapToScene(QPointF(required->width() / 2, required->height() / 2)).toPoint();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre);
        QTest::qWait(50);
        QVERIFY(required->property("checked").toBool());

        // Without the review, the step may be optional again.
        QVERIFY(click("editorSignoff"));
        QTRY_VERIFY_WITH_TIMEOUT(!signoff->property("checked").toBool() && required->isEnabled(), e2e::kPatienceMs);
        QVERIFY(required->property("checked").toBool());
        QVERIFY(click("editorRequired"));
        QTRY_VERIFY_WITH_TIMEOUT(!required->property("checked").toBool(), e2e::kPatienceMs);
    }

    void editorButtonsStayInPlace()
    {
        const auto lefts = [this] {
            QList<qreal> found;
            for (const char* name : {"editorHosts", "editorCredentials", "editorVersions"})
                found.append(item(name)->mapToScene(QPointF(0, 0)).x());
            return found;
        };
        const QList<qreal> before = lefts();
        // A step added and one removed, saved as version 3.
        QVERIFY(click("editorStep-sandbox-tests"));
        QVERIFY(click("editorAddStep"));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorSave")->isEnabled(), e2e::kPatienceMs);
        QVERIFY(typeOver("editorTitle", QStringLiteral("Meet the on-call lead")));
        QVERIFY(click("editorStep-pairing"));
        QVERIFY(click("editorRemoveStep"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(lefts(), before); // with unsaved changes
        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("as version 3")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(lefts(), before); // in the next version
    }

    void anImportedChecklistOpens()
    {
        QFile file(m_dir.filePath(QStringLiteral("week-two.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kSameTitle);
        file.close();
        QVERIFY(click("editorStep-handbook"));
        QVERIFY(typeOver("editorTitle", QStringLiteral("Read the handbook")));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorSave")->isEnabled(), e2e::kPatienceMs);
        QVERIFY(typeOver("importPath", file.fileName()));
        QVERIFY(click("importButton"));
        // The editor holds unsaved edits: it asks first.
        QTRY_VERIFY_WITH_TIMEOUT(visible("discardConfirm"), e2e::kPatienceMs);
        QVERIFY(click("discardConfirm"));
        QTRY_COMPARE_WITH_TIMEOUT(item("checklistEditor")->property("checklistId").toString(),
                                  QStringLiteral("week-two"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(count("editorStepList"), 1);
        QVERIFY(item("checklist-week-two")->property("highlighted").toBool());
        QVERIFY(!item("checklist-week-one")->property("highlighted").toBool());
    }

    void enrollmentPickersTellChecklistsAndPeopleApart()
    {
        QVERIFY(click("tab-enrollments"));
        // The pickers of a form folded away (every hire is enrolled) are read all the same.
        const auto picker = [this](const char* name) {
            return item("admin")->findChild<QQuickItem*>(QString::fromLatin1(name));
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled() && picker("enrollChecklist")
                                     && picker("enrollChecklist")->property("count").toInt() == 3,
                                 e2e::kPatienceMs);
        const auto texts = [&picker](const char* name) {
            QQuickItem* box = picker(name);
            QStringList found;
            for (int row = 0; row < box->property("count").toInt(); ++row) {
                QString text;
                QMetaObject::invokeMethod(box, "textAt", Q_RETURN_ARG(QString, text), Q_ARG(int, row));
                found.append(text);
            }
            return found;
        };
        const QStringList checklists = texts("enrollChecklist");
        QVERIFY2(checklists.contains(QStringLiteral(
                     "Week one for backend engineers joining the payments platform team (week-one, v3)")),
                 qPrintable(checklists.join(u'\n')));
        QVERIFY2(checklists.contains(QStringLiteral(
                     "Week one for backend engineers joining the payments platform team (week-two, v1)")),
                 qPrintable(checklists.join(u'\n')));
        // Full names, the user name after them; every hire is enrolled, and none is offered again:
        // the form folds away (its checklist's width: enrollmentFormShowsTheWholeChecklistAt1024).
        QCOMPARE(texts("enrollHire"), QStringList());
        QVERIFY(visible("enrollEveryoneEnrolled"));
        QVERIFY(!picker("enrollChecklist")->isVisible());
        QCOMPARE(texts("enrollMentor"), QStringList{QStringLiteral("Maya Mentor (maya)")});
        QCOMPARE(picker("enrollMentor")->property("displayText").toString(), QStringLiteral("Maya Mentor"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));
    }

    void enrollmentFormShowsTheWholeChecklistAt1024()
    {
        // A hire to enroll: with nobody, the form, the checklist box too, is folded away.
        {
            std::unique_ptr<onramp::Vault> ada;
            onramp::Error e = onramp::Vault::unlock(m_dir.filePath(QStringLiteral("vault")), QStringLiteral("ada"),
                                                    QByteArrayLiteral("ada's long passphrase"), &ada);
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::People(*ada).add(QStringLiteral("lee"), QStringLiteral("Lee Later"), onramp::Role::Hire,
                                         QByteArrayLiteral("lee's own passphrase"));
            QVERIFY2(!e, qPrintable(e.message));
        }
        QObject* backend = item("admin")->findChild<onramp::ui::AdminBackend*>();
        QVERIFY(backend);
        QVERIFY(QMetaObject::invokeMethod(backend, "reload"));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && count("enrollHire") == 1, e2e::kPatienceMs);
        QVERIFY(item("enrollChecklist")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QCOMPARE(m_window->width(), 1024);
        QQuickItem* picker = item("enrollChecklist");
        // The longest title picked with the keyboard: the list opened, up to its top, down to it.
        int longest = -1;
        for (int row = 0; row < picker->property("count").toInt(); ++row) {
            QString text;
            QMetaObject::invokeMethod(picker, "textAt", Q_RETURN_ARG(QString, text), Q_ARG(int, row));
            if (text.endsWith(QStringLiteral("(week-one, v3)")))
                longest = row;
        }
        QVERIFY(longest >= 0);
        QVERIFY(click("enrollChecklist"));
        const QObject* popup = picker->property("popup").value<QObject*>();
        QTRY_VERIFY_WITH_TIMEOUT(popup->property("opened").toBool(), e2e::kPatienceMs);
        for (int i = 0; i < picker->property("count").toInt(); ++i)
            m_ui->key(Qt::Key_Up);
        for (int i = 0; i < longest; ++i)
            m_ui->key(Qt::Key_Down);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!popup->property("visible").toBool() && settled(), e2e::kPatienceMs);
        const QQuickItem* shown = picker->property("contentItem").value<QQuickItem*>();
        QVERIFY(shown);
        QVERIFY2(shown->property("text").toString().startsWith(QStringLiteral("Week one for backend engineers")),
                 qPrintable(shown->property("text").toString()));
        QVERIFY2(!shown->property("truncated").toBool(),
                 qPrintable(QStringLiteral("the checklist box is cut: %1 px for “%2”")
                                .arg(shown->width())
                                .arg(shown->property("text").toString())));
    }

    void pickedEnrollmentNamesTheMentorAndTheDateInWords()
    {
        QVERIFY(typeOver("enrollmentFilter", QString()));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-sam") && settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-sam")); // enrolled to start on 9 April 2026
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollmentSummary"), e2e::kPatienceMs);
        const QString summary = m_ui->text(QStringLiteral("enrollmentSummary"));
        QVERIFY2(summary.startsWith(QStringLiteral("Mentor Maya Mentor, started ")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("April")) && summary.contains(QStringLiteral("2026")),
                 qPrintable(summary));
        QVERIFY2(!summary.contains(QRegularExpression(QStringLiteral("\\d+/\\d+/\\d+"))), qPrintable(summary));
    }

    void moveDialogSaysWhichStepsChange()
    {
        QVERIFY(typeOver("enrollmentFilter", QString()));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-sam") && settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-sam"));
        QTRY_VERIFY_WITH_TIMEOUT(item("moveEnrollmentButton") && item("moveEnrollmentButton")->isEnabled(),
                                 e2e::kPatienceMs);
        QVERIFY(click("moveEnrollmentButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveDialogText"), e2e::kPatienceMs);
        const QString text = m_ui->text(QStringLiteral("moveDialogText"));
        QVERIFY2(text.contains(QStringLiteral("Meet the on-call lead")), qPrintable(text)); // added
        QVERIFY2(text.contains(QStringLiteral("Pair with your mentor")), qPrintable(text)); // removed
        QVERIFY2(!text.contains(QStringLiteral("Read the handbook, the incident guide")), qPrintable(text)); // kept
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("moveDialogText"), e2e::kPatienceMs);
    }

    void cleanupTestCase() { closeWindow(); }
};

ONRAMP_E2E_MAIN(TestAdmin)

#include "TestAdmin.moc"
