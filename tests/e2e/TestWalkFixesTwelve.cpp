// The twelfth walk's findings, in the real window at 1024x640 on the demo
// team's vault signed in as ada: a secret of spaces is refused at the form;
// a user name is checked at its field as it is typed, and an add with a bad
// one sends nothing; a start date long past is said before enrolling; the
// calendar opens on no date it made up from a typed one; a refusal in the
// credential editor stays while another field is set; the audit log's day
// filter says what is wrong with a typed day under the row, and Clear takes
// it away; a dialog that opens on a button shows its focus; and Enter opens
// a focused tab of the top bar.
#include "AdminFixture.h"

#include "Clock.h"
#include "onboarding/Enrollments.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QDate>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesTwelve : public e2e::AdminFixture
{
    Q_OBJECT

    /// Types \a text over what \a name holds and presses Enter.
    bool enterInto(const char* name, const QString& text)
    {
        if (!typeOver(name, text))
            return false;
        QTest::keyClick(m_window, Qt::Key_Return);
        return true;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // Three spaces are no secret: the form says so, keeps the field as
    // typed and sends nothing (the vault refuses it too: TestCredentialCommands).
    void aSecretOfSpacesIsRefusedAtTheForm()
    {
        showTab(QStringLiteral("secrets"));
        QVERIFY(click("template-prod-db"));
        QVERIFY(m_ui->type(QStringLiteral("secretField"), QStringLiteral("   ")));
        QVERIFY(click("setSecretButton"));
        QTRY_VERIFY_WITH_TIMEOUT(text("secretFormHint").contains(QStringLiteral("only spaces")), e2e::kPatienceMs);
        QCOMPARE(text("secretField"), QStringLiteral("   "));
        QVERIFY(!popupNamed(QStringLiteral("replaceSecretDialog"))
                || !popupNamed(QStringLiteral("replaceSecretDialog"))->property("visible").toBool());
    }

    // A name someone has, or one the vault would refuse, is said by the
    // field as it is typed; Add person then sends nothing and goes back to
    // the name. A good name adds, and the first passphrase's dialog shows
    // the focus on its Copy button and says that only Done closes it.
    void aUserNameIsCheckedAtItsField()
    {
        showTab(QStringLiteral("people"));
        const int before = count("peopleList");
        QVERIFY(before > 0);
        QVERIFY(typeOver("personName", QStringLiteral("alex")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("personNameNote"), e2e::kPatienceMs);
        QVERIFY2(text("personNameNote").contains(QStringLiteral("already called 'alex'")),
                 qPrintable(text("personNameNote")));
        // A screen reader hears it with the field, after the field's example.
        const QString described =
            QAccessible::queryAccessibleInterface(item("personName"))->text(QAccessible::Description);
        QVERIFY2(described.startsWith(QStringLiteral("e.g. alex")) && described.endsWith(text("personNameNote")),
                 qPrintable(described));
        QVERIFY(typeOver("personPassphrase", QStringLiteral("a long first passphrase")));
        QVERIFY(click("addPersonButton"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("personName"), e2e::kPatienceMs);
        QCOMPARE(count("peopleList"), before);
        QVERIFY(typeOver("personName", QStringLiteral("Sam Lee")));
        QTRY_VERIFY_WITH_TIMEOUT(text("personNameNote").contains(QStringLiteral("'Sam Lee' cannot be a user name")),
                                 e2e::kPatienceMs);

        QVERIFY(typeOver("personName", QStringLiteral("sam.lee")));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("personNameNote"), e2e::kPatienceMs);
        QVERIFY(click("addPersonButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("firstPassphraseCopy"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(item("firstPassphraseCopy")->property("visualFocus").toBool(), e2e::kPatienceMs);
        QVERIFY(text("firstPassphraseNote").contains(QStringLiteral("Only Done closes this window")));
        QVERIFY(m_ui->closeFirstPassphrase());
        QTRY_COMPARE_WITH_TIMEOUT(count("peopleList"), before + 1, e2e::kPatienceMs);
    }

    // A start long past is allowed, and said before it is used; today is not.
    // A typed text that is no date opens the calendar where an empty field
    // would (today), not on a month made up from it.
    void aStartLongPastIsSaidAndTheCalendarInventsNoDay()
    {
        showTab(QStringLiteral("enrollments"));
        QVERIFY(typeOver("enrollStart", QStringLiteral("2019-01-01")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollStartWarning"), e2e::kPatienceMs);
        QVERIFY2(text("enrollStartWarning").contains(QStringLiteral("overdue")),
                 qPrintable(text("enrollStartWarning")));
        QVERIFY(typeOver("enrollStart", QDate::currentDate().toString(Qt::ISODate)));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("enrollStartWarning"), e2e::kPatienceMs);

        QVERIFY(typeOver("enrollStart", QStringLiteral("2026-13-45")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollStartError"), e2e::kPatienceMs);
        QVERIFY(click("enrollStartPick"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollStartCalendar"), e2e::kPatienceMs);
        const QQuickItem* field = item("enrollStart")->parentItem();
        QVERIFY(field);
        const QDate today = QDate::currentDate();
        QCOMPARE(field->property("year").toInt(), today.year());
        QCOMPARE(field->property("month").toInt(), today.month() - 1);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("enrollStartCalendar"), e2e::kPatienceMs);
        QCOMPARE(text("enrollStart"), QStringLiteral("2026-13-45"));
        QVERIFY(typeOver("enrollStart", QString()));
    }

    // A secret length that is no number is refused naming what was typed,
    // and the refusal stays while the lifetime is set; the lifetime's own
    // refusal names it by the word on the form. The postgresql provider is
    // offered, with its connection and group roles.
    void aRefusedCredentialFieldStaysSaid()
    {
        showTab(QStringLiteral("checklists"));
        QObject* model = item("checklistEditor")->property("model").value<QObject*>();
        QVERIFY(model);
        QTRY_VERIFY_WITH_TIMEOUT(model->property("ready").toBool() && settled(), e2e::kPatienceMs);
        QVERIFY(click("editorCredentials"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorCredentialList"), e2e::kPatienceMs);
        int generated = -1;
        for (int i = 0; i < model->property("credentialCount").toInt() && generated < 0; ++i) {
            QVariantMap credential;
            QVERIFY(
                QMetaObject::invokeMethod(model, "credentialAt", Q_RETURN_ARG(QVariantMap, credential), Q_ARG(int, i)));
            if (credential.value(QStringLiteral("provider")).toString() == QLatin1String("generated"))
                generated = i;
        }
        QVERIFY(generated >= 0);
        QVERIFY(item("editorCredentialList")->setProperty("currentIndex", generated));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorCredentialSecretLength")->isEnabled(), e2e::kPatienceMs);

        QVERIFY(enterInto("editorCredentialSecretLength", QStringLiteral("abc")));
        QTRY_VERIFY_WITH_TIMEOUT(text("editorCredentialRefusal").contains(QStringLiteral("'abc'")), e2e::kPatienceMs);
        QVERIFY(enterInto("editorCredentialTtl", QStringLiteral("8h")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY2(text("editorCredentialRefusal").contains(QStringLiteral("secret length: 'abc'")),
                 qPrintable(text("editorCredentialRefusal")));
        QVERIFY(enterInto("editorCredentialTtl", QStringLiteral("forever")));
        QTRY_VERIFY_WITH_TIMEOUT(text("editorCredentialRefusal").contains(QStringLiteral("lifetime: 'forever'")),
                                 e2e::kPatienceMs);
        // Set again, a field's refusal goes; the other's stays.
        QVERIFY(enterInto("editorCredentialSecretLength", QStringLiteral("24")));
        QTRY_VERIFY_WITH_TIMEOUT(!text("editorCredentialRefusal").contains(QStringLiteral("'abc'")), e2e::kPatienceMs);
        QVERIFY(text("editorCredentialRefusal").contains(QStringLiteral("'forever'")));
        // The postgresql provider is there to pick, with its own settings
        // in place of a secret recipe (it was a file's only).
        QCOMPARE(item("editorCredentialProvider")->property("currentValue").toString(), QStringLiteral("generated"));
        QVERIFY(m_ui->choose(QStringLiteral("editorCredentialProvider"), 2));
        QTRY_COMPARE_WITH_TIMEOUT(item("editorCredentialProvider")->property("currentValue").toString(),
                                  QStringLiteral("postgresql"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorCredentialPgServer"), e2e::kPatienceMs);
        QVERIFY(!visible("editorCredentialSecretLength"));
        QVERIFY(text("editorCredentialProblem").contains(QStringLiteral("connection")));
        QVERIFY(enterInto("editorCredentialPgServer", QStringLiteral("sandbox")));
        QVERIFY(enterInto("editorCredentialPgRoles", QStringLiteral("app_user")));
        QTRY_VERIFY_WITH_TIMEOUT(!text("editorCredentialProblem").contains(QStringLiteral("connection")),
                                 e2e::kPatienceMs);
        QVERIFY(click("editorCredentialsClose"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("editorCredentialList"), e2e::kPatienceMs);
    }

    // Whatever is typed into the day filter stays in it; Apply says under the
    // row why it is no day (and applies nothing), and Clear takes that away.
    void aBadDayIsSaidAtTheAuditFilter()
    {
        QVERIFY(showPage(QStringLiteral("audit")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const int entries = count("auditEntries");
        QVERIFY(typeOver("auditSinceFilter", QStringLiteral("yesterday")));
        QCOMPARE(text("auditSinceFilter"), QStringLiteral("yesterday"));
        QVERIFY(click("auditApplyFilters"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("auditSinceError"), e2e::kPatienceMs);
        QVERIFY2(text("auditSinceError").contains(QStringLiteral("'yesterday' is not a date")),
                 qPrintable(text("auditSinceError")));
        QVERIFY(focused("auditSinceFilter"));
        QVERIFY(!visible("auditEmpty"));
        QCOMPARE(count("auditEntries"), entries);
        QVERIFY(click("auditClearFilters"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("auditSinceError"), e2e::kPatienceMs);
        QCOMPARE(text("auditSinceFilter"), QString());
    }

    // A hire with a long name, on every page an admin and a mentor read, at
    // 1024 px: no text is drawn past its own box over what sits beside it.
    void aLongNameIsDrawnInsideItsBox()
    {
        const QString longName = QStringLiteral("Samantha Leigh-Andersson Fitzgerald");
        QVERIFY(!e2e::asDemoPerson(m_demo, QStringLiteral("ada"), [&](onramp::Vault& v) -> onramp::Error {
            if (onramp::Error e = onramp::People(v).add(QStringLiteral("samantha"), longName, onramp::Role::Hire,
                                                        "samantha's first passphrase"))
                return e;
            // And one not enrolled yet, whom the enrollment form offers.
            if (onramp::Error e = onramp::People(v).add(QStringLiteral("bart"),
                                                        QStringLiteral("Bartholomew Featherstonehaugh-Cholmondeley"),
                                                        onramp::Role::Hire, "bart's first passphrase"))
                return e;
            return onramp::Enrollments(v, onramp::defaultClock())
                .enroll(QStringLiteral("samantha"), QStringLiteral("backend-week-one"), QStringLiteral("maya"),
                        QDate::currentDate());
        }));
        QStringList overdrawn;
        const auto look = [&](const QString& where) {
            if (!QTest::qWaitFor([&] { return settled(); }, e2e::kPatienceMs))
                overdrawn.append(where + QStringLiteral(": never settled"));
            for (const QString& text : e2e::overdrawnTexts(m_window))
                overdrawn.append(where + QStringLiteral(": ") + text);
        };
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("menteeAccess-samantha"), e2e::kPatienceMs);
        shot(QStringLiteral("twelve-team"));
        look(QStringLiteral("Team"));
        for (const QString& tab : {QStringLiteral("people"), QStringLiteral("enrollments"), QStringLiteral("secrets"),
                                   QStringLiteral("checklists"), QStringLiteral("vault")}) {
            showTab(tab);
            shot(QStringLiteral("twelve-") + tab);
            look(tab);
        }
        QVERIFY(showPage(QStringLiteral("report")));
        look(QStringLiteral("Report"));
        QVERIFY(showPage(QStringLiteral("audit")));
        look(QStringLiteral("Audit log"));
        QVERIFY2(overdrawn.isEmpty(), qPrintable(overdrawn.join(u'\n')));
    }

    // A tab of the top bar that has the keyboard's focus opens with Enter, as with Space.
    void enterOpensAFocusedTab()
    {
        QVERIFY(showPage(QStringLiteral("admin")));
        QQuickItem* tab = item("nav-audit");
        QVERIFY(tab);
        tab->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(tab->hasActiveFocus(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->page(), QStringLiteral("audit"), e2e::kPatienceMs);
        // A tab of the admin page's own bar too (Admin opens on the tab last shown: People first).
        QVERIFY(showPage(QStringLiteral("admin")));
        item("admin")->setProperty("currentTab", 0);
        QQuickItem* vault = item("tab-vault");
        QVERIFY(vault);
        QVERIFY(!vault->property("checked").toBool());
        vault->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(vault->hasActiveFocus(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Enter, Qt::KeypadModifier);
        QTRY_VERIFY_WITH_TIMEOUT(vault->property("checked").toBool(), e2e::kPatienceMs);
    }

    // Disabling a mentor names the hires left without a reviewer before it
    // is done, and their enrollment says so afterwards.
    void disablingAMentorNamesTheirHires()
    {
        QVERIFY(!e2e::asDemoPerson(m_demo, QStringLiteral("ada"), [&](onramp::Vault& v) -> onramp::Error {
            if (onramp::Error e = onramp::People(v).add(QStringLiteral("olga"), QStringLiteral("Olga Oldhand"),
                                                        onramp::Role::Mentor, "olga's first passphrase"))
                return e;
            if (onramp::Error e = onramp::People(v).add(QStringLiteral("tim"), QStringLiteral("Tim Trainee"),
                                                        onramp::Role::Hire, "tim's first passphrase"))
                return e;
            return onramp::Enrollments(v, onramp::defaultClock())
                .enroll(QStringLiteral("tim"), QStringLiteral("backend-week-one"), QStringLiteral("olga"),
                        QDate::currentDate());
        }));
        showTab(QStringLiteral("people"));
        QVERIFY(click("person-olga"));
        QVERIFY(click("disablePersonButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("disableDialogText"), e2e::kPatienceMs);
        QVERIFY2(text("disableDialogText").contains(QStringLiteral("Olga Oldhand mentors Tim Trainee")),
                 qPrintable(text("disableDialogText")));
        // The disable makes a new production key; a mentor held the old one.
        QVERIFY2(text("disableDialogText").contains(QStringLiteral("makes a new production key")),
                 qPrintable(text("disableDialogText")));
        QVERIFY2(text("disableDialogText")
                     .contains(QStringLiteral("Olga Oldhand could read every production secret: "
                                              "change them at their source")),
                 qPrintable(text("disableDialogText")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // As TestAdminPolish disables: Shift+Tab to Disable, then Enter.
        QTest::keyClick(m_window, Qt::Key_Backtab, Qt::ShiftModifier);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("disableDialogText") && settled(), e2e::kPatienceMs);
        QTRY_VERIFY2_WITH_TIMEOUT(notice().contains(QStringLiteral("disabled")), qPrintable(notice()),
                                  e2e::kPatienceMs);
        showTab(QStringLiteral("enrollments"));
        QVERIFY(click("enrollment-tim"));
        QTRY_VERIFY2_WITH_TIMEOUT(text("enrollmentSummary").contains(QStringLiteral("Mentor Olga Oldhand, disabled")),
                                  qPrintable(text("enrollmentSummary")), e2e::kPatienceMs);
        QVERIFY(text("enrollmentSummary").contains(QStringLiteral("give Tim Trainee another mentor")));
        // Edit mentor or start says a start long past as the Enroll form does.
        QVERIFY(click("editEnrollmentButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editEnrollmentNote") && settled(), e2e::kPatienceMs);
        QVERIFY(typeOver("editStart", QStringLiteral("2019-01-01")));
        QTRY_VERIFY2_WITH_TIMEOUT(text("editEnrollmentNote").contains(QStringLiteral("overdue")),
                                  qPrintable(text("editEnrollmentNote")), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("editEnrollmentNote"), e2e::kPatienceMs);
    }

    // A rotation while a mentor still signs in with the passphrase handed to
    // them seals the new key to it too: the dialog says so, naming them.
    void aRotationNamesWhoStillHoldsAHandedOverPassphrase()
    {
        QVERIFY(!e2e::asDemoPerson(m_demo, QStringLiteral("ada"), [&](onramp::Vault& v) {
            return onramp::People(v).add(QStringLiteral("otto"), QStringLiteral("Otto Onboarder"), onramp::Role::Mentor,
                                         "otto's first passphrase", onramp::firstpassphrase::Handed::Given);
        }));
        // Once the People tab shows them still on the handed-over passphrase.
        showTab(QStringLiteral("people"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("handedOver-otto"), e2e::kPatienceMs);
        showTab(QStringLiteral("vault"));
        QVERIFY(click("rotateProductionKeyButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("rotateDialogText") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("rotateDialogText").contains(QStringLiteral("handed over to them: Otto Onboarder.")),
                 qPrintable(text("rotateDialogText")));
        QVERIFY(click("rotateCancelButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!visible("rotateDialogText"), e2e::kPatienceMs);
    }
};

QTEST_MAIN(TestWalkFixesTwelve)
#include "TestWalkFixesTwelve.moc"
