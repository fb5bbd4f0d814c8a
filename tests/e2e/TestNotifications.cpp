// Notifications through the real window and the session's live reload:
// another desktop acts, the signed-in person's session reads the vault
// again through its checks, and what awaits or concerns them is told once,
// through the Notifier the test puts in the desktop's place. A mentor is
// told of a step that awaits their review; a hire, of a step approved or
// sent back and of their production access signed off. Nothing is told
// twice: not on the next change, not at the next sign-in; nothing while
// the Settings switch is off; nothing at a person's first sign-in here.
// A production grant near its expiry, expired or revoked is told to the
// hire, their mentor and an admin, by a clock the test moves. The badge
// counts what awaits the person, in the window's title and, through a
// session bus of the test's own, on the launcher as a dock hears it.
#include "E2eDriver.h"
#include "LauncherDock.h"
#include "SessionBus.h"

#include "Badge.h"
#include "Clock.h"
#include "Formats.h"
#include "Notifications.h"
#include "Session.h"
#include "credentials/Credentials.h"
#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"
#include "vault/Vault.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Badge;
using onramp::ui::Notification;
using onramp::ui::Notifications;
using onramp::ui::Session;

namespace {

/// Keeps what it is asked to show, for the test to read.
class Recorder : public onramp::ui::Notifier
{
public:
    explicit Recorder(QList<Notification>* shown)
        : m_shown(shown)
    {}
    void show(const Notification& notification) override { m_shown->append(notification); }

private:
    QList<Notification>* m_shown;
};

} // namespace

class TestNotifications : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;
    QList<Notification> m_shown;
    onramp::FixedClock m_clock{QDateTime::currentDateTimeUtc()}; ///< the time the expiry test moves

    /// \a name, on another desktop, does \a work; then the window's session
    /// has read the vault again and compared what it read (one `checked`).
    void elsewhere(const QString& name, const std::function<onramp::Error(onramp::Vault&)>& work)
    {
        QSignalSpy checked(Notifications::instance(), &Notifications::checked);
        const onramp::Error e = e2e::asDemoPerson(m_vault, name, work);
        QVERIFY2(!e, qPrintable(e.message));
        QTRY_VERIFY_WITH_TIMEOUT(checked.count() >= 1, e2e::kPatienceMs);
    }

    void signInAs(const QString& name)
    {
        QSignalSpy checked(Notifications::instance(), &Notifications::checked);
        QVERIFY(m_ui->signInAs(name));
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, e2e::kPatienceMs);
        QCOMPARE(checked.at(0).at(0).toInt(), 0);
    }

    /// Signs \a name in, by the clock set last; how many events the sign-in's read told.
    int signInTelling(const QString& name)
    {
        QSignalSpy checked(Notifications::instance(), &Notifications::checked);
        if (!m_ui->signInAs(name) || !QTest::qWaitFor([&] { return checked.count() >= 1; }, e2e::kPatienceMs))
            return -1;
        return checked.at(0).at(0).toInt();
    }

    /// The session reads its events again now, by \a clock (nullptr: the real one); what it told.
    int checkNowBy(const onramp::Clock* clock)
    {
        Notifications::instance()->setClock(clock);
        QSignalSpy checked(Notifications::instance(), &Notifications::checked);
        Notifications::instance()->checkNow();
        if (!QTest::qWaitFor([&] { return checked.count() >= 1; }, e2e::kPatienceMs))
            return -1;
        return checked.at(0).at(0).toInt();
    }

    /// When alex's production grant ends, as the window's session reads it.
    QDateTime grantExpiry()
    {
        QDateTime expires;
        const onramp::Error e = e2e::asDemoPerson(m_vault, QStringLiteral("alex"), [&expires](onramp::Vault& v) {
            QList<onramp::CredentialView> views;
            if (onramp::Error e = onramp::Credentials(v).list(&views))
                return e;
            for (const onramp::CredentialView& view : std::as_const(views))
                if (view.credential.id == QLatin1String("prod-db"))
                    expires = view.expiresAt;
            return onramp::Error();
        });
        if (e)
            qWarning() << e.message;
        return expires;
    }

    QString windowTitle() const { return m_window->title(); }

    QStringList bodies() const
    {
        QStringList out;
        for (const Notification& n : m_shown)
            out.append(n.body);
        return out;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Bare);
        QVERIFY2(!e, qPrintable(e.message));
        Notifications::instance()->setNotifier(std::make_unique<Recorder>(&m_shown));
        Notifications::instance()->setEnabled(true);
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow(QSize(1024, 640)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
    }

    void cleanupTestCase() { closeWindow(); }

    // maya is signed in; alex marks a reviewed step done on his desktop.
    void aMentorIsToldOfAStepToReviewOnce()
    {
        signInAs(QStringLiteral("maya"));
        QVERIFY(m_shown.isEmpty());
        elsewhere(QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::Enrollments(v).markDone(QStringLiteral("alex"), QStringLiteral("sandbox-tests"), {});
        });
        QCOMPARE(bodies(),
                 QStringList({QStringLiteral("Alex Newhire marked “Run the test suite against your sandbox” done; "
                                             "it awaits your review.")}));
        QCOMPARE(m_shown.at(0).summary, QStringLiteral("A step to review"));

        // A step needing no review is no news; the one told before is not told again.
        elsewhere(QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::Enrollments(v).markDone(QStringLiteral("alex"), QStringLiteral("laptop"), {});
        });
        QCOMPARE(m_shown.size(), 1);
        // Nor at her next sign-in: what was told is remembered for her and this vault.
        signInAs(QStringLiteral("maya"));
        QCOMPARE(m_shown.size(), 1);
        QString vaultId;
        QVERIFY(!Session::instance()->performNow([&vaultId](onramp::Vault& v) {
            vaultId = v.vaultId();
            return onramp::Error();
        }));
        const QStringList remembered =
            QSettings().value(Notifications::announcedKey(vaultId, QStringLiteral("maya"))).toStringList();
        QCOMPARE(remembered.size(), 1);
        QVERIFY2(remembered.constFirst().startsWith(QStringLiteral("review/alex/sandbox-tests/")),
                 qPrintable(remembered.constFirst()));
    }

    // Switched off in Settings: a new step to review is not shown, and not later either.
    void theSwitchInSettingsTurnsThemOff()
    {
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("notificationsSwitch")) && settled(), e2e::kPatienceMs);
        QVERIFY(item(QStringLiteral("notificationsSwitch"))->property("checked").toBool());
        QVERIFY(m_ui->click(QStringLiteral("notificationsSwitch")));
        QTRY_VERIFY_WITH_TIMEOUT(!Notifications::instance()->isEnabled(), e2e::kPatienceMs);
        QVERIFY(!QSettings().value(QStringLiteral("notifications/enabled")).toBool());
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("notificationsSwitch")), e2e::kPatienceMs);

        elsewhere(QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::Enrollments(v).markDone(QStringLiteral("alex"), QStringLiteral("restore-drill"), {});
        });
        QCOMPARE(m_shown.size(), 1);
        Notifications::instance()->setEnabled(true);
        elsewhere(QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::Enrollments(v).markDone(QStringLiteral("alex"), QStringLiteral("handbook"), {});
        });
        QCOMPARE(m_shown.size(), 1);
    }

    // alex is signed in; maya approves one step, sends one back, then signs off.
    void aHireIsToldOfReviewsAndTheSignOff()
    {
        signInAs(QStringLiteral("alex"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QSignalSpy counted(Badge::instance(), &Badge::counted);
        Badge::instance()->recount();
        QTRY_VERIFY_WITH_TIMEOUT(counted.count() >= 1, e2e::kPatienceMs);
        const int badgeBefore = Badge::instance()->count();
        m_shown.clear();
        elsewhere(QStringLiteral("maya"), [](onramp::Vault& v) {
            onramp::Enrollments enrollments(v);
            if (onramp::Error e = enrollments.review(QStringLiteral("alex"), QStringLiteral("sandbox-tests"), true, {}))
                return e;
            return enrollments.review(QStringLiteral("alex"), QStringLiteral("restore-drill"), false,
                                      QStringLiteral("Show the restore's log, please."));
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 2, e2e::kPatienceMs);
        QVERIFY2(bodies().contains(QStringLiteral("Maya Mentor approved “Run the test suite against your sandbox”.")),
                 qPrintable(bodies().join(u'\n')));
        QVERIFY2(bodies().contains(QStringLiteral("Maya Mentor asked for changes on “Restore a backup into your "
                                                  "sandbox”; open the step to see what to change.")),
                 qPrintable(bodies().join(u'\n')));
        // The mentor's comment stays in the vault: the desktop is told that, not what.
        QVERIFY(!bodies().join(u'\n').contains(QStringLiteral("restore's log")));

        QVERIFY(!Session::instance()->performNow([](onramp::Vault& v) {
            return onramp::Enrollments(v).markDone(QStringLiteral("alex"), QStringLiteral("restore-drill"),
                                                   QStringLiteral("Log attached."));
        }));
        elsewhere(QStringLiteral("maya"), [](onramp::Vault& v) {
            onramp::Enrollments enrollments(v);
            if (onramp::Error e = enrollments.review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true, {}))
                return e;
            return enrollments.signOff(QStringLiteral("alex"));
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), 4, e2e::kPatienceMs);
        // The title's count holds what Home's "New since you last looked" tells:
        // the two approvals and the sign-off (the send-back was redone).
        QTRY_COMPARE_WITH_TIMEOUT(Badge::instance()->count(), badgeBefore + 3, e2e::kPatienceMs);
        QVERIFY2(bodies().contains(QStringLiteral("Maya Mentor approved “Restore a backup into your sandbox”.")),
                 qPrintable(bodies().join(u'\n')));
        QVERIFY2(bodies().contains(QStringLiteral("Maya Mentor signed off your production access.")),
                 qPrintable(bodies().join(u'\n')));
        // Once each: the earlier approval and the send-back are not told again.
        QCOMPARE(bodies().filter(QStringLiteral("“Run the test suite")).size(), 1);
    }

    // The badge counts a mentor's unanswered notes and a hire's unread
    // replies, and the window's title starts with it.
    void theBadgeCountsWhatAwaitsInTheTitle()
    {
        QSignalSpy counted(Badge::instance(), &Badge::counted);
        signInAs(QStringLiteral("maya"));
        QTRY_VERIFY_WITH_TIMEOUT(counted.count() >= 1, e2e::kPatienceMs);
        const int before = Badge::instance()->count();
        QCOMPARE(windowTitle().startsWith(QStringLiteral("(")), before > 0);
        elsewhere(QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::StepThread(v).add(QStringLiteral("alex"), QStringLiteral("team-lunch"),
                                             QStringLiteral("Is the lunch on Friday?"));
        });
        QTRY_COMPARE_WITH_TIMEOUT(Badge::instance()->count(), before + 1, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(windowTitle(), QStringLiteral("(%1) Maya Mentor — Onramp").arg(before + 1),
                                  e2e::kPatienceMs);

        // alex's own desktop: his Home has been looked at, so a reply of maya's is new.
        signInAs(QStringLiteral("alex"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        counted.clear();
        Badge::instance()->recount();
        QTRY_VERIFY_WITH_TIMEOUT(counted.count() >= 1, e2e::kPatienceMs);
        const int hireBefore = Badge::instance()->count();
        elsewhere(QStringLiteral("maya"), [](onramp::Vault& v) {
            return onramp::StepThread(v).add(QStringLiteral("alex"), QStringLiteral("team-lunch"),
                                             QStringLiteral("Yes, at noon."));
        });
        QTRY_COMPARE_WITH_TIMEOUT(Badge::instance()->count(), hireBefore + 1, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(windowTitle(), QStringLiteral("(%1) Alex Newhire — Onramp").arg(hireBefore + 1),
                                  e2e::kPatienceMs);

        // Signed out, nothing awaits anyone: no count in the title.
        Session::instance()->lock();
        QTRY_COMPARE_WITH_TIMEOUT(Badge::instance()->count(), 0, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(windowTitle(), QStringLiteral("Onramp"), e2e::kPatienceMs);
    }
    // What the title counts reaches the desktop's launcher, through the
    // session bus as a dock hears it; signing out takes the badge away.
    void theBadgeReachesTheLauncher()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("no session bus, and dbus-run-session could not start one");
        onramp::test::LauncherDock dock;
        QVERIFY(dock.listen(QStringLiteral("dock")));
        QSignalSpy counted(Badge::instance(), &Badge::counted);
        signInAs(QStringLiteral("maya"));
        QTRY_VERIFY_WITH_TIMEOUT(counted.count() >= 1, e2e::kPatienceMs);
        const int before = Badge::instance()->count();
        elsewhere(QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::StepThread(v).add(QStringLiteral("alex"), QStringLiteral("team-lunch"),
                                             QStringLiteral("Shall I bring anything?"));
        });
        QTRY_COMPARE_WITH_TIMEOUT(Badge::instance()->count(), before + 1, e2e::kPatienceMs);
        const auto shows = [&dock](qlonglong count) {
            return !dock.updates.isEmpty() && dock.updates.constLast().countVisible()
                && dock.updates.constLast().count() == count;
        };
        QTRY_VERIFY_WITH_TIMEOUT(shows(before + 1), e2e::kPatienceMs);
        QCOMPARE(dock.updates.constLast().appUri, QStringLiteral("application://org.example.Onramp.desktop"));

        // Switched off in Settings: the badge is taken away, and nothing more is sent.
        Badge::instance()->setLauncherEnabled(false);
        QTRY_VERIFY_WITH_TIMEOUT(!dock.updates.constLast().countVisible(), e2e::kPatienceMs);
        const qsizetype off = dock.updates.size();
        elsewhere(QStringLiteral("alex"), [](onramp::Vault& v) {
            return onramp::StepThread(v).add(QStringLiteral("alex"), QStringLiteral("team-lunch"),
                                             QStringLiteral("Or is it a surprise?"));
        });
        QTRY_COMPARE_WITH_TIMEOUT(Badge::instance()->count(), before + 2, e2e::kPatienceMs);
        QCOMPARE(dock.updates.size(), off);
        Badge::instance()->setLauncherEnabled(true);
        QTRY_VERIFY_WITH_TIMEOUT(shows(before + 2), e2e::kPatienceMs);

        // Signed out: nothing awaits anyone at this desk.
        Session::instance()->lock();
        QTRY_VERIFY_WITH_TIMEOUT(!dock.updates.constLast().countVisible(), e2e::kPatienceMs);
    }
    // The mentor revokes alex's grant on her desktop: alex is told, once.
    void aRevokedGrantIsToldToTheHire()
    {
        signInAs(QStringLiteral("alex"));
        const qsizetype before = m_shown.size();
        elsewhere(QStringLiteral("maya"), [](onramp::Vault& v) {
            return onramp::Credentials(v).revoke(QStringLiteral("alex"), QStringLiteral("prod-db"));
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_shown.size(), before + 1, e2e::kPatienceMs);
        QCOMPARE(m_shown.constLast().summary, QStringLiteral("Production access revoked"));
        QCOMPARE(m_shown.constLast().body,
                 QStringLiteral("Maya Mentor revoked your access to “Production database (read-only)”."));
        QCOMPARE(checkNowBy(nullptr), 0);
    }

    // maya renews alex's grant (8 hours long); it comes within its warning,
    // then expires. Told once each: the warning to him, his mentor and an
    // admin, the expiry to him. The clock only moves forward: the first read
    // past the expiry records the grant as expired, as a page would, and a
    // later read by the real clock would take that for damage, so this comes last.
    void aGrantsExpiryIsToldOnce()
    {
        elsewhere(QStringLiteral("maya"), [](onramp::Vault& v) {
            QDateTime renewed;
            return onramp::Credentials(v).renew(QStringLiteral("alex"), QStringLiteral("prod-db"), &renewed);
        });
        const QDateTime expires = grantExpiry();
        QVERIFY(expires.isValid());
        QCOMPARE(checkNowBy(nullptr), 0); // just granted: half its life is still ahead
        // A warning shorter than what is left tells nothing: one hour before a grant ending in two.
        m_clock.set(expires.addSecs(-2 * 3600));
        Notifications::instance()->setExpiryWarningHours(1);
        QCOMPARE(checkNowBy(&m_clock), 0);
        Notifications::instance()->setExpiryWarningHours(Notifications::kDefaultExpiryWarningHours);

        m_clock.set(expires.addSecs(-3600));
        const qsizetype before = m_shown.size();
        QCOMPARE(checkNowBy(&m_clock), 1);
        QCOMPARE(m_shown.constLast().summary, QStringLiteral("Production access expires soon"));
        QVERIFY2(m_shown.constLast().body.startsWith(
                     QStringLiteral("Your access to “Production database (read-only)” ends at ")),
                 qPrintable(m_shown.constLast().body));
        // In the same words for a date as every list of the app ("Mar 5, 2026, 2:07 PM").
        QVERIFY2(m_shown.constLast().body.endsWith(onramp::ui::listDate(expires) + QLatin1Char('.')),
                 qPrintable(m_shown.constLast().body));
        QCOMPARE(checkNowBy(&m_clock), 0);

        // The mentor, signed in here before, is told at her sign-in.
        QCOMPARE(signInTelling(QStringLiteral("maya")), 1);
        QVERIFY2(m_shown.constLast().body.startsWith(
                     QStringLiteral("Alex Newhire’s access to “Production database (read-only)” ends at ")),
                 qPrintable(m_shown.constLast().body));
        // An admin's first sign-in here tells nothing; the warning after it is told.
        Notifications::instance()->setClock(nullptr);
        QCOMPARE(signInTelling(QStringLiteral("ada")), 0);
        QCOMPARE(checkNowBy(&m_clock), 1);
        QVERIFY2(m_shown.constLast().body.startsWith(
                     QStringLiteral("Alex Newhire’s access to “Production database (read-only)” ends at ")),
                 qPrintable(m_shown.constLast().body));

        // Expired: the hire is told once.
        QCOMPARE(signInTelling(QStringLiteral("alex")), 0);
        m_clock.set(expires.addSecs(60));
        QCOMPARE(checkNowBy(&m_clock), 1);
        QCOMPARE(m_shown.constLast().summary, QStringLiteral("Production access expired"));
        QCOMPARE(m_shown.constLast().body,
                 QStringLiteral("Your access to “Production database (read-only)” has "
                                "expired; your mentor can renew it."));
        QCOMPARE(checkNowBy(&m_clock), 0);
        QCOMPARE(m_shown.size(), before + 4);
    }
};

int main(int argc, char** argv)
{
    // The badge test listens on a session bus of the test's own.
    if (const int code = onramp::test::rerunOnOwnSessionBus(argc, argv); code >= 0)
        return code;
    return e2e::exec<TestNotifications>(argc, argv);
}
#include "TestNotifications.moc"
