// The twentieth walk's findings, in the real window on the demo team's
// vault: a checklist's versions say what each changed and who is on it, and
// a mentor reads their own sign-off as theirs.
#include "AdminFixture.h"

#include "Session.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QFontMetricsF>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesTwenty : public e2e::AdminFixture
{
    Q_OBJECT

    static constexpr QByteArrayView kPatPassphrase = "pat's own passphrase, never handed over";

    /// Signs in as pat, whose passphrase is no demo one; true once Home shows.
    bool signInAsPat()
    {
        auto* session = onramp::ui::Session::instance();
        session->lock();
        if (!m_ui->waitForPage(QStringLiteral("signin")))
            return false;
        const onramp::Error e =
            session->unlockNow(QStringLiteral("pat"), QByteArray(kPatPassphrase.data(), kPatPassphrase.size()));
        if (e)
            qWarning() << "cannot sign in as pat:" << e.message;
        return !e && m_ui->waitForPage(QStringLiteral("home"));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        {
            // Version 2 rewords a step; ada moves kai to it and leaves the others on version 1.
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            e2e::importChecklist(*ada, demoVersionTwo());
            onramp::Error e = onramp::Enrollments(*ada).move(QStringLiteral("kai"), 2);
            QVERIFY2(!e, qPrintable(e.message));
            // maya asks kai for changes on the tests.
            {
                std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
                QVERIFY(maya);
                e = onramp::Enrollments(*maya).review(QStringLiteral("kai"), QStringLiteral("sandbox-tests"), false,
                                                      QStringLiteral("Share the output too."));
                QVERIFY2(!e, qPrintable(e.message));
            }
            // pat is added but not enrolled yet.
            e = onramp::People(*ada).add(QStringLiteral("pat"), QStringLiteral("Pat Pending"), onramp::Role::Hire,
                                         kPatPassphrase);
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // The editor's Versions list the newest first, each with what it changed
    // against the one before and the hires still on it, so that an admin
    // knows whom a new version leaves behind and what it would bring them.
    void theVersionsSayWhatChangedAndWhoIsOnThem()
    {
        showTab(QStringLiteral("checklists"));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorVersions") && item("editorVersions")->isEnabled() && settled(),
                                 e2e::kPatienceMs);
        QCOMPARE(item("editorVersions")->property("text").toString(), QStringLiteral("Versions (2)…"));
        QVERIFY(click("editorVersions"));
        QObject* popup = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((popup = popupNamed(QStringLiteral("editorVersionsPopup")))
                                     && popup->property("opened").toBool() && settled(),
                                 e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorVersion-2") && visible("editorVersion-1"), e2e::kPatienceMs);
        // Newest first.
        QVERIFY(item("editorVersion-2")->mapToScene({0, 0}).y() < item("editorVersion-1")->mapToScene({0, 0}).y());
        QCOMPARE(text("editorVersionHires-2"), QStringLiteral("1 hire on it"));
        QCOMPARE(text("editorVersionHireNames-2"), QStringLiteral("Kai Waiting"));
        QCOMPARE(text("editorVersionHires-1"), QStringLiteral("4 hires on it"));
        QCOMPARE(text("editorVersionHireNames-1"), QStringLiteral("Alex Newhire, Lee Later, Noor Steady, Sam Early"));
        QCOMPARE(e2e::textsUnder(item("editorVersionChanges-2")),
                 QStringList{QStringLiteral("• Rewords “Read how we handle mistakes”.")});
        QCOMPARE(e2e::textsUnder(item("editorVersionChanges-1")), QStringList{QStringLiteral("• The first version.")});
        shot(QStringLiteral("versions"));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!popup->property("visible").toBool(), e2e::kPatienceMs);
    }

    // Each row of Enrollments says whose hire it is and where production
    // access stands, in the words of the mentor's list, without picking it.
    void theEnrollmentRowsNameTheMentorAndTheAccess()
    {
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-sam") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("enrollmentMentor-sam"), QStringLiteral("with Maya Mentor"));
        // sam was signed off weeks ago: the 8-hour grant has run out, as sam's own page says.
        QCOMPARE(text("enrollmentRowAccess-sam"), QStringLiteral("expired"));
        QCOMPARE(item("enrollmentRowAccess-sam")->property("tone").value<QColor>(),
                 item("enrollmentRowAccess-kai")->property("tone").value<QColor>());
        QCOMPARE(text("enrollmentRowAccess-kai"), QStringLiteral("locked"));
        const QString name = QAccessible::queryAccessibleInterface(item("enrollment-sam"))->text(QAccessible::Name);
        QCOMPARE(name,
                 QStringLiteral("Sam Early: Backend engineer — first week version 1, a newer version exists; "
                                "mentor Maya Mentor, production access expired."));
        // The picked one's details say the same.
        QVERIFY(click("enrollment-sam"));
        QTRY_COMPARE_WITH_TIMEOUT(text("enrollmentAccess"), QStringLiteral("expired"), e2e::kPatienceMs);
        shot(QStringLiteral("enrollment-rows"));
    }

    // The first passphrase is typed to be handed over: its field is wide
    // enough to read back a passphrase of several words beside Show.
    void theFirstPassphraseFieldIsWideEnoughToReadBack()
    {
        showTab(QStringLiteral("people"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("personPassphrase") && settled(), e2e::kPatienceMs);
        const QString typed = QStringLiteral("correct horse battery staple");
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), typed));
        QVERIFY(click("personPassphraseShow"));
        QQuickItem* field = item("personPassphrase");
        const QFontMetricsF metrics(field->property("font").value<QFont>());
        shot(QStringLiteral("people-first-passphrase"));
        QVERIFY2(field->width() >= metrics.horizontalAdvance(typed) + 16,
                 qPrintable(QStringLiteral("the field is %1 px wide for %2 px of passphrase")
                                .arg(field->width())
                                .arg(metrics.horizontalAdvance(typed))));
        shot(QStringLiteral("people-first-passphrase"));
    }

    // A hire signed off moments ago has a grant running: the list says
    // "unlocked", and a move warns that it ends the access they have now.
    // (sam's grant ran out weeks ago: "expired", and the move ends the sign-off.)
    void aHireWithAccessNowIsWarnedOfAsSuch()
    {
        // The demo's alex has done every required step; the restore drill waits for maya's review.
        {
            std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
            QVERIFY(maya);
            onramp::Error e =
                onramp::Enrollments(*maya).review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true, {});
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::Enrollments(*maya).signOff(QStringLiteral("alex"));
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-alex") && settled(), e2e::kPatienceMs);
        QCOMPARE(text("enrollmentRowAccess-alex"), QStringLiteral("unlocked"));
        QVERIFY(click("enrollment-alex"));
        QTRY_COMPARE_WITH_TIMEOUT(text("enrollmentAccess"), QStringLiteral("unlocked"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveEnrollmentButton") && settled(), e2e::kPatienceMs);
        QVERIFY(click("moveEnrollmentButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveAccessWarningText") && settled(), e2e::kPatienceMs);
        QVERIFY2(
            text("moveAccessWarningText")
                .startsWith(QStringLiteral("Alex Newhire has production access now, and this move ends it at once.")),
            qPrintable(text("moveAccessWarningText")));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("moveAccessWarningText"), e2e::kPatienceMs);
    }

    // A hire not enrolled yet has no sandbox: Home's welcome says it comes
    // with the checklist, not that it is theirs to break already.
    void aHireNotEnrolledYetIsNotToldOfASandbox()
    {
        QVERIFY(signInAsPat());
        QTRY_VERIFY_WITH_TIMEOUT(
            settled() && e2e::textsUnder(item("home")).join(u' ').contains(QStringLiteral("not enrolled")),
            e2e::kPatienceMs);
        const QString said = e2e::textsUnder(item("home")).join(u'\n');
        QVERIFY2(said.contains(QStringLiteral("Your sandbox, yours to break, comes with your checklist")),
                 qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("Your sandbox is yours to break")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("You are not enrolled on a checklist yet")), qPrintable(said));
        // The empty state stands in the middle of the page, not against its left edge.
        const std::function<QQuickItem*(QQuickItem*)> titled = [&titled](QQuickItem* under) -> QQuickItem* {
            for (QQuickItem* child : under->childItems()) {
                if (child->isVisible()
                    && child->property("text").toString() == QLatin1String("You are not enrolled on a checklist yet"))
                    return child;
                if (QQuickItem* found = titled(child))
                    return found;
            }
            return nullptr;
        };
        QQuickItem* title = titled(item("home"));
        QVERIFY(title);
        const qreal middle = title->mapToScene({title->width() / 2, 0}).x();
        QVERIFY2(qAbs(middle - m_window->width() / 2.0) < 40,
                 qPrintable(QStringLiteral("the empty state's title is centred at %1 in a window %2 wide")
                                .arg(middle)
                                .arg(m_window->width())));
        shot(QStringLiteral("home-not-enrolled"));
    }

    // lee is behind, with steps past their due dates: Home's production card
    // does not tell them "no rush" beside the red dates; pat, on time, is told so.
    void aHireBehindIsNotToldNoRush()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("lee")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(visible("gateStatus") && settled(), e2e::kPatienceMs);
        QString said = e2e::textsUnder(item("gateStatus")).join(u'\n');
        QVERIFY2(said.contains(QStringLiteral("It opens when these are done; the sandbox is yours meanwhile:")),
                 qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("no rush")), qPrintable(said));
        // pat, enrolled today, has nothing overdue.
        {
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            const onramp::Error e =
                onramp::Enrollments(*ada).enroll(QStringLiteral("pat"), QStringLiteral("backend-week-one"),
                                                 QStringLiteral("maya"), QDate::currentDate());
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(signInAsPat());
        QTRY_VERIFY_WITH_TIMEOUT(visible("gateStatus") && settled(), e2e::kPatienceMs);
        said = e2e::textsUnder(item("gateStatus")).join(u'\n');
        QVERIFY2(said.contains(QStringLiteral("no rush")), qPrintable(said));
    }

    // A mentor reads the sign-off they gave as theirs; an admin reads who gave it.
    void aMentorReadsTheirOwnSignOffAsTheirs()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(item("mentee-sam") && settled(), e2e::kPatienceMs);
        QVERIFY(click("mentee-sam"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("gateStatus") && settled(), e2e::kPatienceMs);
        QString said = e2e::textsUnder(item("gateStatus")).join(u'\n');
        QVERIFY2(said.contains(QStringLiteral("You signed off on ")), qPrintable(said));
        // A mentee with changes asked says so on the row; one without does not.
        QCOMPARE(text("menteeSentBack-kai"), QStringLiteral("changes asked on 1 step"));
        QVERIFY(!visible("menteeSentBack-sam"));
        // The row says what the card says: the access has expired.
        QVERIFY2(said.contains(QStringLiteral("every production credential has expired since")), qPrintable(said));
        QCOMPARE(text("menteeAccess-sam"), QStringLiteral("expired"));
        QVERIFY2(!said.contains(QStringLiteral("Maya Mentor")), qPrintable(said));
        shot(QStringLiteral("mentor-own-signoff"));

        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(showPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(item("mentee-sam") && settled(), e2e::kPatienceMs);
        QVERIFY(click("mentee-sam"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("gateStatus") && settled(), e2e::kPatienceMs);
        said = e2e::textsUnder(item("gateStatus")).join(u'\n');
        QVERIFY2(said.contains(QStringLiteral("Signed off by Maya Mentor on ")), qPrintable(said));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesTwenty)

#include "TestWalkFixesTwenty.moc"
