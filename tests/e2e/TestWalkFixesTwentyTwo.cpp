// The twenty-second walk's findings, in the real window on the demo team's
// vault: a form with nothing to fill in folded away, with the way to what
// would give it something to do.
#include "AdminFixture.h"

#include "Session.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesTwentyTwo : public e2e::AdminFixture
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

    void cleanupTestCase() { closeWindow(); }

    // Every demo hire is enrolled: the Enrollments form folds to what it
    // waits for and a way to add a hire, and the enrollments get its room.
    void aFormWithNobodyToEnrollFoldsAway()
    {
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollEveryoneEnrolled") && settled(), e2e::kPatienceMs);
        for (const char* field : {"enrollHire", "enrollMentor", "enrollStart", "enrollChecklist", "enrollButton"})
            QVERIFY2(!visible(field), field);
        QVERIFY(visible("enrollAddHire"));
        // At 1024x640 the list shows most of the page's height, not what is left under a greyed form.
        QQuickItem* list = item("enrollmentList");
        QVERIFY(list);
        QVERIFY2(list->height() >= 0.5 * m_window->height(),
                 qPrintable(QStringLiteral("the list is %1 px high in a window %2 px high")
                                .arg(list->height())
                                .arg(m_window->height())));
        shot(QStringLiteral("enrollments-folded"));

        // Add a hire… is the People tab's form, ready for a hire, the keys in its user name.
        QVERIFY(click("enrollAddHire"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("personName") && settled(), e2e::kPatienceMs);
        QCOMPARE(item("admin")->property("currentTab").toInt(), 0);
        QVERIFY(focused("personName"));
        QCOMPARE(item("personRole")->property("value").toString(), QStringLiteral("hire"));

        // A hire added elsewhere unfolds the form with them proposed.
        {
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            const onramp::Error e = onramp::People(*ada).add(QStringLiteral("pat"), QStringLiteral("Pat Pending"),
                                                             onramp::Role::Hire, "pat's passphrase, never used here");
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(showPage(QStringLiteral("report")));
        QVERIFY(showPage(QStringLiteral("admin")));
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollHire") && settled(), e2e::kPatienceMs);
        QVERIFY(!visible("enrollAddHire"));
        QVERIFY(!visible("enrollEveryoneEnrolled"));
        QCOMPARE(item("enrollHire")->property("currentValue").toString(), QStringLiteral("pat"));
    }
};

QTEST_MAIN(TestWalkFixesTwentyTwo)
#include "TestWalkFixesTwentyTwo.moc"
