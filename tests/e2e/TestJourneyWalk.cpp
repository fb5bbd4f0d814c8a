// What a walk of the three journeys under a real display still found, each
// clicked or drawn in the real window: the Team page an admin opens speaks
// to the admin, not to a mentor; the demo's passphrase card names people as
// they go by; the sign-in picker names a vault's people as they go by from
// the start of a run, from names remembered at an earlier sign-in (and never
// a secret); a dialog clearly sits above the dimmed page, light and dark.
#include "E2eDriver.h"

#include "../VaultTestUtil.h"
#include "Appearance.h"
#include "Session.h"

#include <QAccessible>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

/// The popup item (the drawn dialog) \a item lies in; null when none.
QQuickItem* popupItemOf(QQuickItem* item)
{
    for (QQuickItem* i = item; i; i = i->parentItem()) {
        if (i->inherits("QQuickPopupItem"))
            return i;
    }
    return nullptr;
}

/// The rectangle \a item covers in the window, in pixels.
QRect sceneRect(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height())).toAlignedRect();
}

} // namespace

class TestJourneyWalk : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_demo;

    /// Signs in as the demo person \a name and shows the page \a page from the top bar.
    bool showAs(const QString& name, const QString& page)
    {
        return m_ui->signInAs(name) && (m_ui->page() == page || m_ui->click(QStringLiteral("nav-") + page))
            && m_ui->waitForPage(page) && QTest::qWaitFor([&] { return e2e::isSettled(m_window); }, e2e::kPatienceMs);
    }

    /// The sign-in page, with nobody signed in and the vault's people read.
    bool signInPage(const QString& someone)
    {
        if (Session::instance()->isUnlocked())
            Session::instance()->lock();
        return m_ui->waitForPage(QStringLiteral("signin"))
            && QTest::qWaitFor(
                   [&] { return e2e::isSettled(m_window) && Session::instance()->people().contains(someone); },
                   e2e::kPatienceMs);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }
    void cleanup()
    {
        Appearance::instance()->setModeForThisRun(QStringLiteral("light"));
        if (Session::instance()->vaultPath() != m_demo)
            Session::instance()->setVaultPath(m_demo);
    }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(m_dir.isValid());
        // The app's settings in a home of the test's own.
        const QString home = m_dir.filePath(QStringLiteral("home"));
        QVERIFY(QDir().mkpath(home));
        qputenv("HOME", QFile::encodeName(home));
        qunsetenv("XDG_CONFIG_HOME");
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_demo = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(m_demo, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(m_demo);
        Appearance::instance()->setModeForThisRun(QStringLiteral("light"));
        QVERIFY(openWindow());
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
    }

    // An admin who opens the Team page reads what they can do there: the
    // reviews wait for a mentor, only a mentor approves or signs off, and
    // the heading names whose mentee a hire is. A mentor still reads theirs.
    void theTeamPageSpeaksToTheAdmin()
    {
        QVERIFY(showAs(QStringLiteral("ada"), QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("menteeHeading"))
                                     && e2e::textsUnder(m_ui->item(QStringLiteral("menteeHeading")))
                                            .contains(QStringLiteral("Alex Newhire")),
                                 e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QStringList shown = e2e::textsUnder(m_ui->item(QStringLiteral("mentor")));
        const QString said = shown.join(u'|');
        for (const QString& mentorOnly : {QStringLiteral("your review"), QStringLiteral("Ctrl+Shift+A"),
                                          QStringLiteral("with you as mentor"), QStringLiteral("Sign off")})
            QVERIFY2(!said.contains(mentorOnly, Qt::CaseInsensitive),
                     qPrintable(mentorOnly + QStringLiteral(" is shown to an admin: ") + said));
        if (m_ui->item(QStringLiteral("approvalQueue")))
            QCOMPARE(m_ui->text(QStringLiteral("approvalQueueHeading")),
                     QStringLiteral("Waiting for a mentor's review"));
        QVERIFY2(said.contains(QStringLiteral("mentored by Maya Mentor")), qPrintable(said));
        QVERIFY(!m_ui->item(QStringLiteral("signoffButton")));
        QVERIFY(e2e::overflowingItems(m_window).isEmpty());

        QVERIFY(showAs(QStringLiteral("maya"), QStringLiteral("mentor")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("approvalQueueHeading")),
                                  QStringLiteral("Waiting for your review"), e2e::kPatienceMs);
        QVERIFY(m_ui->item(QStringLiteral("signoffButton")));
        QVERIFY(!e2e::textsUnder(m_ui->item(QStringLiteral("menteeHeading")))
                     .join(u'|')
                     .contains(QStringLiteral("mentored by")));
    }

    // The demo's passphrase card names each person as they go by, with
    // their role; "Use" picks them, so no sign-in name is there to type.
    void theDemoCardNamesPeopleAsTheyGoBy()
    {
        QVERIFY(signInPage(QStringLiteral("alex")));
        QQuickItem* card = m_ui->item(QStringLiteral("demoPassphrases"));
        QVERIFY(card);
        const QStringList shown = e2e::textsUnder(card);
        const QString said = shown.join(u'|');
        for (const QString& name :
             {QStringLiteral("Ada Admin"), QStringLiteral("Maya Mentor"), QStringLiteral("Alex Newhire"),
              QStringLiteral("admin"), QStringLiteral("mentor"), QStringLiteral("hire")})
            QVERIFY2(shown.contains(name), qPrintable(name + QStringLiteral(" is missing: ") + said));
        const QRegularExpression login(QStringLiteral("\\b(ada|maya|alex)\\b"));
        QVERIFY2(!said.contains(login), qPrintable(said));
        QAccessibleInterface* use = QAccessible::queryAccessibleInterface(m_ui->item(QStringLiteral("demoUse-maya")));
        QVERIFY(use);
        QCOMPARE(use->text(QAccessible::Name), QStringLiteral("Use the passphrase of Maya Mentor"));
        QVERIFY(e2e::overflowingItems(m_window).isEmpty());
        // Each person's name and role stay clear of the next person's.
        const QRect maya = sceneRect(m_ui->item(QStringLiteral("demoName-maya"))->parentItem());
        const QRect alex = sceneRect(m_ui->item(QStringLiteral("demoName-alex"))->parentItem());
        QVERIFY2(maya.height() > m_ui->item(QStringLiteral("demoName-maya"))->height() && maya.bottom() < alex.top(),
                 qPrintable(QStringLiteral("%1,%2 %3x%4 runs into %5,%6")
                                .arg(maya.x())
                                .arg(maya.y())
                                .arg(maya.width())
                                .arg(maya.height())
                                .arg(alex.x())
                                .arg(alex.y())));
        // "Use" still picks the person: the picker shows them by name too.
        QVERIFY(m_ui->click(QStringLiteral("demoUse-maya")));
        QCOMPARE(m_ui->item(QStringLiteral("personPicker"))->property("displayText").toString(),
                 QStringLiteral("Maya Mentor"));
    }

    // A vault's people are named as they go by on the sign-in page from the
    // start of a run: the names read at a sign-in are remembered in the
    // app's settings for that vault, with nothing secret, and the next run
    // (here: the vault opened again) shows them before anyone signs in.
    void thePickerNamesPeopleFromTheStart()
    {
        const QString dir = m_dir.filePath(QStringLiteral("team"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(vaulttest::makeVault(dir));
        Session::instance()->setVaultPath(dir);
        QVERIFY(signInPage(QStringLiteral("hal")));
        QQuickItem* picker = m_ui->item(QStringLiteral("personPicker"));
        QVERIFY(picker);
        // Never signed in here: the sign-in names are all there is.
        QCOMPARE(picker->property("displayText").toString(), picker->property("currentText").toString());

        QVERIFY(!Session::instance()->unlockNow(QStringLiteral("ada"), vaulttest::kAdminPassphrase));
        QTRY_VERIFY_WITH_TIMEOUT(Session::instance()->isUnlocked() && e2e::isSettled(m_window), e2e::kPatienceMs);
        // Remembered at the sign-in already, not only at a lock: the app may be closed signed in.
        QTRY_VERIFY_WITH_TIMEOUT(QSettings().allKeys().join(u'|').contains(QStringLiteral("signInNames/")),
                                 e2e::kPatienceMs);

        // The next run: the same vault opened again, nobody signed in yet.
        Session::instance()->setVaultPath(m_demo);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        Session::instance()->setVaultPath(dir);
        QVERIFY(signInPage(QStringLiteral("hal")));
        picker = m_ui->item(QStringLiteral("personPicker"));
        QVERIFY(picker);
        const int hal = int(Session::instance()->people().indexOf(QStringLiteral("hal")));
        QVERIFY(m_ui->chooseRow(QStringLiteral("personPicker"), hal));
        QCOMPARE(picker->property("currentText").toString(), QStringLiteral("hal"));
        QCOMPARE(picker->property("displayText").toString(), QStringLiteral("Hal Hire"));
        const QStringList shown = e2e::textsUnder(picker);
        QVERIFY2(shown.contains(QStringLiteral("Hal Hire")) && shown.contains(QStringLiteral("hal")),
                 qPrintable(shown.join(u'|')));

        // Names only: no passphrase reaches the settings, in any encoding they are written in.
        QSettings settings;
        settings.sync();
        QVERIFY2(QFileInfo(settings.fileName()).absoluteFilePath().startsWith(m_dir.path()),
                 qPrintable(settings.fileName()));
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        const auto encoded = [](const QByteArray& text) {
            const QString s = QString::fromUtf8(text);
            QByteArray utf16;
            for (const QChar c : s)
                utf16 += QByteArray(1, '\0') + char(c.unicode());
            return QList<QByteArray>{text, utf16};
        };
        bool remembered = false;
        settings.beginGroup(QStringLiteral("signInNames"));
        for (const QString& key : settings.childKeys())
            remembered = remembered
                || settings.value(key).toMap().value(QStringLiteral("hal")).toString() == QStringLiteral("Hal Hire");
        settings.endGroup();
        QVERIFY2(remembered, content.constData());
        for (const QByteArray& secret :
             {vaulttest::kAdminPassphrase, vaulttest::kHirePassphrase, vaulttest::kMentorPassphrase}) {
            for (const QByteArray& form : encoded(secret))
                QVERIFY2(!content.contains(form), qPrintable(file.fileName()));
        }
    }

    // With a dialog open, the page under it is clearly dimmed, and the
    // dialog's edge or surface stands out from the dimmed page at 3:1 or
    // more, light and dark, as drawn.
    void aDialogSitsAboveThePage_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<double>("dimmed"); // how much darker the page gets, at least
        // In dark, the page has little light to lose: the frame carries the difference.
        QTest::newRow("light") << "light" << 2.0;
        QTest::newRow("dark") << "dark" << 1.15;
    }

    void aDialogSitsAboveThePage()
    {
        QFETCH(QString, mode);
        QFETCH(double, dimmed);
        Appearance::instance()->setModeForThisRun(mode);
        QVERIFY(showAs(QStringLiteral("maya"), QStringLiteral("mentor")));
        // The page's margin at the lower left: the window's own colour.
        const QPoint margin(8, m_window->height() - 8);
        const QColor before = m_window->grabWindow().pixelColor(margin);

        QTest::keyClick(m_window, Qt::Key_F1);
        QQuickItem* sheet = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((sheet = m_ui->item(QStringLiteral("shortcutsSheet"))), e2e::kPatienceMs);
        QQuickItem* dialog = popupItemOf(sheet);
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->parent()->property("opened").toBool() && e2e::isSettled(m_window),
                                 e2e::kPatienceMs);
        const QImage image = m_window->grabWindow();
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);

        const QColor after = image.pixelColor(margin);
        const double dim = Appearance::contrast(before, after);
        QVERIFY2(dim >= dimmed,
                 qPrintable(QStringLiteral("the page dims %1:1 only (%2 to %3)")
                                .arg(dim, 0, 'f', 2)
                                .arg(before.name(), after.name())));
        const QRect box = sceneRect(dialog);
        QVERIFY(box.left() > 16);
        const int y = box.center().y();
        const QColor page = image.pixelColor(box.left() - 12, y);
        const QColor edge = image.pixelColor(box.left(), y);
        const QColor surface = image.pixelColor(box.left() + 6, y);
        const double stands = std::max(Appearance::contrast(edge, page), Appearance::contrast(surface, page));
        QVERIFY2(stands >= 3.0,
                 qPrintable(QStringLiteral("the dialog stands out at %1:1 only (edge %2, surface %3, "
                                           "page %4)")
                                .arg(stands, 0, 'f', 2)
                                .arg(edge.name(), surface.name(), page.name())));
    }

    void cleanupTestCase() { closeWindow(); }
};

ONRAMP_E2E_MAIN(TestJourneyWalk)

#include "TestJourneyWalk.moc"
