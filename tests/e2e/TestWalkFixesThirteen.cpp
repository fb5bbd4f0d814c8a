// The thirteenth walk's findings, in the real window at 1024x640 on the demo
// team's vault signed in as ada: with every mentor disabled the enrollment
// form says why Enroll waits, and its empty mentor box shows no empty tool
// tip; the disable dialog names the Enrollments tab's button as it is
// labelled, in English and in German.
#include "AdminFixture.h"

#include "Appearance.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesThirteen : public e2e::AdminFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase()
    {
        QVERIFY(onramp::ui::Appearance::instance()->setLanguage(QStringLiteral("en")));
        closeWindow();
    }

    // The disable dialog of a mentor sends the admin to the Enrollments
    // tab's button by the words on it, in both languages.
    void theDisableDialogNamesTheButtonAsItIs()
    {
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")}) {
            QVERIFY(onramp::ui::Appearance::instance()->setLanguage(language));
            showTab(QStringLiteral("enrollments"));
            QVERIFY(click("enrollment-alex"));
            QTRY_VERIFY_WITH_TIMEOUT(visible("editEnrollmentButton") && settled(), e2e::kPatienceMs);
            const QString button = text("editEnrollmentButton");
            QVERIFY(!button.isEmpty());
            showTab(QStringLiteral("people"));
            QVERIFY(click("person-maya"));
            QVERIFY(click("disablePersonButton"));
            QTRY_VERIFY_WITH_TIMEOUT(visible("disableDialogText") && settled(), e2e::kPatienceMs);
            QVERIFY2(text("disableDialogText").contains(button),
                     qPrintable(language + QStringLiteral(": '") + button + QStringLiteral("' not in: ")
                                + text("disableDialogText")));
            m_ui->key(Qt::Key_Escape);
            QTRY_VERIFY_WITH_TIMEOUT(!visible("disableDialogText") && settled(), e2e::kPatienceMs);
        }
        QVERIFY(onramp::ui::Appearance::instance()->setLanguage(QStringLiteral("en")));
    }

    // A hire's disable says the production key is made anew too, but not
    // that they could read every production secret: a hire never held it.
    void theDisableDialogOfAHireSaysTheKeyIsMadeAnew()
    {
        showTab(QStringLiteral("people"));
        QVERIFY(click("person-alex"));
        QVERIFY(click("disablePersonButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("disableDialogText") && settled(), e2e::kPatienceMs);
        const QString said = text("disableDialogText");
        QVERIFY2(said.contains(QStringLiteral("makes a new production key")), qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("could read every production secret")), qPrintable(said));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("disableDialogText") && settled(), e2e::kPatienceMs);
    }

    // Every mentor disabled (on another desktop): Enroll cannot be pressed,
    // and the form says why and what to do; the empty mentor box shows no
    // empty tool tip when the pointer rests on it.
    void withoutAMentorTheFormSaysWhy()
    {
        showTab(QStringLiteral("enrollments"));
        QVERIFY(!visible("enrollNoMentor"));
        QVERIFY(!e2e::asDemoPerson(m_demo, QStringLiteral("ada"), [](onramp::Vault& v) -> onramp::Error {
            // A hire not enrolled yet, so that the form is there to fill in (it folds away without one).
            if (onramp::Error e = onramp::People(v).add(QStringLiteral("pat"), QStringLiteral("Pat Pending"),
                                                        onramp::Role::Hire, "pat's passphrase, never used here"))
                return e;
            for (const onramp::Person& person : v.people())
                if (person.role == onramp::Role::Mentor && !person.disabled)
                    if (onramp::Error e = onramp::People(v).disable(person.name))
                        return e;
            return {};
        }));
        showTab(QStringLiteral("people"));
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollNoMentor") && settled(), e2e::kPatienceMs);
        QVERIFY2(text("enrollNoMentor").contains(QStringLiteral("add a mentor on the People tab")),
                 qPrintable(text("enrollNoMentor")));
        QCOMPARE(item("enrollMentor")->property("count").toInt(), 0);
        QVERIFY(!item("enrollButton")->isEnabled());
        QTest::mouseMove(m_window, e2e::sceneRect(item("enrollMentor")).center().toPoint());
        QTest::qWait(1000); // past a tool tip's delay
        QVERIFY(e2e::shownToolTips(m_window).isEmpty());
        shot(QStringLiteral("thirteen-no-mentor"));
        QTest::mouseMove(m_window, QPoint(1, m_window->height() - 2));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesThirteen)

#include "TestWalkFixesThirteen.moc"
