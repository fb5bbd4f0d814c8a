// The app shell through the real window: the idle lock sees a person typing
// and clicking, notices belong to their page and cover nothing, the sign-in
// card stays put, content keeps a readable width, the shortcuts sheet and
// Ctrl+L, the settings popup, and what focus and a disabled button look like.
#include "E2eDriver.h"

#include "Appearance.h"
#include "Demo.h"
#include "Screenshot.h"
#include "Session.h"
#include "TrustStore.h"
#include "vault/Vault.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

/// The idle limit the tests set, in ms: long enough that a loaded machine
/// does not stall between two keys for that long, short enough that a test
/// waits seconds, not minutes.
constexpr int kIdleLimitMs = 3000;

QRectF sceneRect(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

/// The texts of every visible item under \a root.
void collectTexts(const QQuickItem* root, QStringList* out)
{
    if (!root->isVisible())
        return;
    const QString text = root->property("text").toString();
    if (!text.isEmpty())
        out->append(text);
    const auto children = root->childItems();
    for (const QQuickItem* child : children)
        collectTexts(child, out);
}

/// The first visible item under \a root whose text is \a text.
const QQuickItem* findByText(const QQuickItem* root, const QString& text)
{
    if (!root->isVisible())
        return nullptr;
    if (root->property("text").toString() == text)
        return root;
    const auto children = root->childItems();
    for (const QQuickItem* child : children) {
        if (const QQuickItem* found = findByText(child, text))
            return found;
    }
    return nullptr;
}

} // namespace

class TestShell : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QQuickItem* focused() const { return m_window->activeFocusItem(); }

    void showPage(const QString& name)
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)));
        QVERIFY(m_ui->waitForPage(name));
    }

    void openNoteOfFirstStep()
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "openStep", Q_ARG(QVariant, QStringLiteral("handbook")),
                                          Q_ARG(QVariant, QString())));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->click(QStringLiteral("threadNoteField")));
    }

    /// How strongly the text of \a button stands out from its face, as drawn:
    /// the contrast of its most different pixel with the face by its left edge.
    double inkContrast(const QQuickItem* button) const
    {
        const QRect r = sceneRect(button).toAlignedRect().adjusted(4, 4, -4, -4);
        const QImage image = m_window->grabWindow();
        const QColor face = image.pixelColor(r.left(), r.center().y());
        double most = 1;
        for (int y = r.top(); y <= r.bottom(); ++y) {
            for (int x = r.left(); x <= r.right(); ++x)
                most = std::max(most, Appearance::contrast(image.pixelColor(x, y), face));
        }
        return most;
    }

    /// The settings popup, once its button was clicked.
    QObject* settingsPopup() const
    {
        QQuickItem* combo = m_ui->item(QStringLiteral("appearanceMode"));
        for (QObject* o = combo; o; o = o->parent()) {
            if (o->inherits("QQuickPopup"))
                return o;
        }
        return nullptr;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void cleanup()
    {
        qunsetenv("ONRAMP_TEST_IDLE_LOCK_MS");
        Appearance::instance()->setModeForThisRun(QStringLiteral("light"));
        if (m_window)
            m_window->resize(1280, 800);
    }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true); // the settings popup writes QSettings
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(QDir().mkpath(demo));
        const onramp::Error e = onramp::demo::createDemoVault(demo);
        QVERIFY2(!e, qPrintable(e.message));
        Appearance::instance()->setModeForThisRun(QStringLiteral("light"));
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }

    // The idle lock.

    void typingANoteKeepsTheSessionOpen()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        qputenv("ONRAMP_TEST_IDLE_LOCK_MS", QByteArray::number(kIdleLimitMs));
        openNoteOfFirstStep();
        // A person typing a long note: a key every fifth of the limit, for twice the limit.
        QElapsedTimer typing;
        typing.start();
        while (typing.elapsed() < 2 * kIdleLimitMs) {
            QTest::keyClick(m_window, 'a');
            QTest::qWait(kIdleLimitMs / 5);
            QVERIFY2(Session::instance()->isUnlocked(), "locked while the person was typing");
        }
        QVERIFY(m_ui->text(QStringLiteral("threadNoteField")).startsWith(QStringLiteral("aaaa")));
    }

    void clickingKeepsTheSessionOpen()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        qputenv("ONRAMP_TEST_IDLE_LOCK_MS", QByteArray::number(kIdleLimitMs));
        openNoteOfFirstStep();
        QElapsedTimer clicking;
        clicking.start();
        while (clicking.elapsed() < 2 * kIdleLimitMs) {
            QVERIFY(m_ui->click(QStringLiteral("threadNoteField")));
            QTest::qWait(kIdleLimitMs / 5);
            QVERIFY2(Session::instance()->isUnlocked(), "locked while the person was clicking");
        }
    }

    void idlenessLocks()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        qputenv("ONRAMP_TEST_IDLE_LOCK_MS", QByteArray::number(kIdleLimitMs));
        openNoteOfFirstStep(); // the last activity: a click
        QElapsedTimer idle;
        idle.start();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(!Session::instance()->isUnlocked());
        QVERIFY2(idle.elapsed() >= kIdleLimitMs - 100, "locked before the idle limit");
    }

    void ctrlLLocks()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(!Session::instance()->isUnlocked());
    }

    // Back from a lock, the person who locked types their passphrase at once:
    // they are chosen, and the passphrase field has the keyboard.
    void afterALockThePersonTypesTheirPassphraseAtOnce_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QString>("home");
        QTest::newRow("maya") << QStringLiteral("maya") << QStringLiteral("mentor");
        QTest::newRow("alex") << QStringLiteral("alex") << QStringLiteral("home");
    }

    void afterALockThePersonTypesTheirPassphraseAtOnce()
    {
        QFETCH(QString, person);
        QFETCH(QString, home);
        QVERIFY(m_ui->signInAs(person));
        QVERIFY(m_ui->waitForPage(home));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->item(QStringLiteral("personPicker"))->property("currentText").toString(),
                                  person, e2e::kPatienceMs);
        QTRY_VERIFY2_WITH_TIMEOUT(focused() && focused()->objectName() == QLatin1String("signInPassphrase"),
                                  qPrintable(QStringLiteral("the focus is on %1")
                                                 .arg(focused() ? focused()->objectName() : QStringLiteral("nothing"))),
                                  e2e::kPatienceMs);
        const QString passphrase = e2e::demoPassphrase(person);
        for (const QChar c : passphrase)
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(home));
        QCOMPARE(Session::instance()->userName(), person);
    }

    // Notices.

    // No strip is kept under the page for a notice that is not there; one
    // that comes sits under the page, whose top stays put, covers not the
    // control that has the keyboard, and stays on its page.
    void aNoticeTakesNoRoomAndCoversNotTheFocusedControl()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QQuickItem* page = e2e::pageStack(m_window)->property("currentItem").value<QQuickItem*>();
        QVERIFY(page);
        const QRectF before = sceneRect(page);
        QVERIFY2(qAbs(before.bottom() - m_window->contentItem()->height()) < 1,
                 qPrintable(QStringLiteral("the page ends %1 px above the window's bottom")
                                .arg(m_window->contentItem()->height() - before.bottom())));

        // A control near the bottom has the keyboard when its notice comes.
        openNoteOfFirstStep();
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        page = e2e::pageStack(m_window)->property("currentItem").value<QQuickItem*>();
        const QRectF stepPage = sceneRect(page);
        QQuickItem* cause = focused();
        QVERIFY(cause);
        Session::instance()->notify(QStringLiteral("The note could not be saved."), true);
        QQuickItem* text = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((text = m_ui->item(QStringLiteral("noticeText"))), e2e::kPatienceMs);
        QQuickItem* notice = text->parentItem();
        QTRY_VERIFY_WITH_TIMEOUT(!QQuickTest::qIsPolishScheduled(m_window), e2e::kPatienceMs);
        QCOMPARE(sceneRect(page).topLeft(), stepPage.topLeft());
        QVERIFY2(!sceneRect(notice).intersects(sceneRect(page)), "the notice covers the page");
        const QRectF covered = sceneRect(notice).intersected(sceneRect(cause));
        QVERIFY2(covered.isEmpty(),
                 qPrintable(QStringLiteral("the notice covers %1x%2 px of %3")
                                .arg(covered.width())
                                .arg(covered.height())
                                .arg(cause->objectName())));
        QVERIFY2(sceneRect(notice).bottom() <= m_window->contentItem()->height(), "the notice is cut off");

        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QVERIFY2(!m_ui->item(QStringLiteral("noticeText")), "the step's notice followed to the home page");
    }

    // Trust on first use.

    void theSettingsShowTheVaultsFingerprintToCopy()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QString expected;
        const onramp::Error e = Session::instance()->performNow([&](onramp::Vault& vault) {
            std::optional<onramp::VaultPin> pin;
            if (onramp::Error e = onramp::TrustStore::load(vault.vaultId(), &pin))
                return e;
            if (pin)
                expected = onramp::TrustStore::fingerprint(pin->rootKey);
            return onramp::Error{};
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!expected.isEmpty());
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("vaultFingerprint")), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("vaultFingerprint")), expected);
        QGuiApplication::clipboard()->clear();
        QVERIFY(m_ui->click(QStringLiteral("copyFingerprint")));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), expected, e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("vaultFingerprint")), e2e::kPatienceMs);
    }

    // The sign-in card.

    void theSignInCardStaysPutWhenAnErrorAppears()
    {
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QRectF before = sceneRect(m_ui->item(QStringLiteral("personPicker")));
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("not the passphrase")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("signInError")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QCOMPARE(sceneRect(m_ui->item(QStringLiteral("personPicker"))), before);
        Session::instance()->clearError();
    }

    // Width.

    void contentKeepsAReadableWidthOnAWideScreen()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        m_window->resize(1920, 1000);
        showPage(QStringLiteral("checklist"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* row = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((row = m_ui->item(QStringLiteral("step-handbook"))), e2e::kPatienceMs);
        const QRectF r = sceneRect(row);
        QVERIFY2(r.width() <= 1200, qPrintable(QStringLiteral("a step row is %1 px wide").arg(r.width())));
        QVERIFY2(qAbs(r.center().x() - 960) <= 2,
                 qPrintable(QStringLiteral("the content is not centred: %1").arg(r.center().x())));
    }

    // The shortcuts sheet.

    void f1ListsTheShortcutsAndEscapeClosesIt()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTest::keyClick(m_window, Qt::Key_F1);
        QQuickItem* sheet = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((sheet = m_ui->item(QStringLiteral("shortcutsSheet"))), e2e::kPatienceMs);
        QStringList texts;
        collectTexts(sheet, &texts);
        m_ui->key(Qt::Key_Escape);
        // The hire's own: no mentor's or admin's (TestHireMentorWalk has each role's).
        for (const char* sequence : {"Ctrl+L", "F1", "Ctrl+D"})
            QVERIFY2(texts.contains(QLatin1String(sequence)),
                     qPrintable(QStringLiteral("%1 missing from: %2")
                                    .arg(QLatin1String(sequence), texts.join(QStringLiteral(" | ")))));
        for (const char* sequence : {"Ctrl+F", "Ctrl+Shift+A", "Ctrl+Shift+N"})
            QVERIFY2(!texts.contains(QLatin1String(sequence)),
                     qPrintable(QStringLiteral("%1 listed for a hire: %2")
                                    .arg(QLatin1String(sequence), texts.join(QStringLiteral(" | ")))));
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
        QCOMPARE(m_ui->page(), QStringLiteral("home"));
    }

    void questionMarkOpensTheSheetOutsideTextFields()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        openNoteOfFirstStep();
        QTest::keyClick(m_window, '?');
        QCOMPARE(m_ui->text(QStringLiteral("threadNoteField")), QStringLiteral("?"));
        QVERIFY(!m_ui->item(QStringLiteral("shortcutsSheet")));
        QVERIFY(m_ui->click(QStringLiteral("backButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTest::keyClick(m_window, '?');
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
    }

    // The settings popup.

    void settingsShowTheAppearanceAndFollowTheTheme()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QQuickItem* button = m_ui->item(QStringLiteral("settingsButton"));
        QVERIFY(button);
        // As a person does: the pointer goes to the button, then clicks.
        QTest::mouseMove(m_window, sceneRect(button).center().toPoint());
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QObject* popup = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((popup = settingsPopup()) && popup->property("opened").toBool(), e2e::kPatienceMs);
        QQuickItem* combo = m_ui->item(QStringLiteral("appearanceMode"));
        QCOMPARE(combo->property("displayText").toString(), QStringLiteral("Light"));

        // No tooltip of the button lies over the open popup.
        auto* popupItem = popup->property("contentItem").value<QQuickItem*>()->parentItem();
        const QRectF popupRect = sceneRect(popupItem);
        const auto layers = popupItem->parentItem()->childItems();
        for (const QQuickItem* layer : layers) {
            if (layer == popupItem || !layer->isVisible())
                continue;
            QStringList texts;
            collectTexts(layer, &texts);
            QVERIFY2(!(texts.contains(QStringLiteral("Settings")) && sceneRect(layer).intersects(popupRect)),
                     "the settings button's tooltip lies over the settings popup");
        }

        // A frame that shows on the window in light mode.
        auto* frame = popup->property("background").value<QQuickItem*>();
        QVERIFY(frame);
        const QColor window = Appearance::instance()->colors().window;
        QVERIFY(frame->property("border").value<QObject*>()->property("width").toReal() >= 1);
        const QColor border = frame->property("border").value<QObject*>()->property("color").value<QColor>();
        QVERIFY2(
            Appearance::contrast(border, window) >= 1.5,
            qPrintable(QStringLiteral("the popup's border %1 hardly shows on %2").arg(border.name(), window.name())));

        // Switching to dark while it is open turns the popup dark too.
        QVERIFY(m_ui->choose(QStringLiteral("appearanceMode"), 1));
        QTRY_VERIFY_WITH_TIMEOUT(Appearance::instance()->isDark(), e2e::kPatienceMs);
        QCOMPARE(combo->property("displayText").toString(), QStringLiteral("Dark"));
        const QColor surface = frame->property("color").value<QColor>();
        QVERIFY2(surface.lightnessF() < 0.35,
                 qPrintable(QStringLiteral("the popup stays light (%1) in dark mode").arg(surface.name())));
        // And what it holds follows: its headings read on it.
        const QQuickItem* heading = findByText(popupItem, QStringLiteral("Lock automatically after"));
        QVERIFY(heading);
        const QColor ink = heading->property("color").value<QColor>();
        QVERIFY2(
            Appearance::contrast(ink, surface) >= 4.5,
            qPrintable(QStringLiteral("the popup's heading %1 hardly reads on %2").arg(ink.name(), surface.name())));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!popup->property("visible").toBool(), e2e::kPatienceMs);
    }

    // At the smallest size a screenshot takes, the settings popup lies inside
    // the window with nothing in it cut: the fingerprint shown whole, and the
    // language list, opened, inside the window too.
    void theSettingsFitTheSmallestWindow()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        m_window->setMinimumHeight(640);
        m_window->resize(1024, 640);
        QTRY_COMPARE(m_window->size(), QSize(1024, 640));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QObject* popup = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((popup = settingsPopup()) && popup->property("opened").toBool(), e2e::kPatienceMs);
        const QRectF window(0, 0, m_window->width(), m_window->height());
        auto* popupItem = popup->property("contentItem").value<QQuickItem*>()->parentItem();
        const QRectF frame = sceneRect(popupItem);
        QVERIFY2(window.contains(frame),
                 qPrintable(QStringLiteral("the popup lies at %1,%2 %3x%4")
                                .arg(frame.x())
                                .arg(frame.y())
                                .arg(frame.width())
                                .arg(frame.height())));
        for (const char* name :
             {"idleLockMinutes", "appearanceMode", "languageChoice", "vaultFingerprint", "copyFingerprint"}) {
            const QQuickItem* part = m_ui->item(QLatin1String(name));
            QVERIFY2(part, name);
            QVERIFY2(frame.contains(sceneRect(part)),
                     qPrintable(QStringLiteral("%1 is cut by the popup's edge").arg(QLatin1String(name))));
        }
        const QQuickItem* fingerprint = m_ui->item(QStringLiteral("vaultFingerprint"));
        const qreal room = fingerprint->width() - fingerprint->property("leftPadding").toReal()
            - fingerprint->property("rightPadding").toReal();
        QVERIFY2(fingerprint->property("contentWidth").toReal() <= room + 0.5,
                 qPrintable(QStringLiteral("the fingerprint needs %1 px and has %2")
                                .arg(fingerprint->property("contentWidth").toReal())
                                .arg(room)));

        QVERIFY(m_ui->click(QStringLiteral("languageChoice")));
        const QObject* list = m_ui->item(QStringLiteral("languageChoice"))->property("popup").value<QObject*>();
        QTRY_VERIFY_WITH_TIMEOUT(list && list->property("opened").toBool(), e2e::kPatienceMs);
        auto* listItem = list->property("contentItem").value<QQuickItem*>();
        QVERIFY(listItem);
        QVERIFY2(window.contains(sceneRect(listItem->parentItem())), "the language list reaches past the window");
        QVERIFY2(listItem->property("contentHeight").toReal() <= listItem->height() + 0.5,
                 "the language list is cut: it must scroll to show all three");
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!list->property("visible").toBool(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!popup->property("visible").toBool(), e2e::kPatienceMs);
        m_window->setMinimumHeight(700);
    }

    // The save dialog Onramp draws itself (no desktop dialog): a file name
    // typed and Enter saves, as the Save button does.
    void enterInASaveDialogsFileNameSaves()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        showPage(QStringLiteral("report"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && !Session::instance()->isBusy(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("reportExportCsv")));
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto all = m_ui->item(QStringLiteral("report"))->findChildren<QObject*>();
                for (QObject* d : all) {
                    if (d->inherits("QQuickFileDialog") && d->property("visible").toBool())
                        dialog = d;
                }
                return dialog != nullptr;
            }(),
            e2e::kPatienceMs);
        QVERIFY(dialog->setProperty("currentFolder", QUrl::fromLocalFile(m_dir.path())));
        QQuickItem* name = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((name = m_ui->item(QStringLiteral("fileNameTextField"))) && name->isEnabled(),
                                 e2e::kPatienceMs);
        name->forceActiveFocus(Qt::MouseFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(name->hasActiveFocus(), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        for (const QChar c : QStringLiteral("week.csv"))
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_dir.filePath(QStringLiteral("week.csv"))), e2e::kPatienceMs);
    }

    // Focus and the disabled look.

    void tabReachesTheNavigation()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QSet<QString> reached;
        for (int i = 0; i < 40; ++i) {
            QTest::keyClick(m_window, Qt::Key_Tab);
            if (focused())
                reached.insert(focused()->objectName());
        }
        QVERIFY2(reached.contains(QStringLiteral("nav-home")) && reached.contains(QStringLiteral("nav-checklist")),
                 "Tab never reaches the Home and Checklist tabs");
    }

    void theCurrentStepIsHighlighted()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        showPage(QStringLiteral("checklist"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* list = m_ui->item(QStringLiteral("stepList"));
        QVERIFY(list);
        list->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(m_window, Qt::Key_Down);
        auto* current = list->property("currentItem").value<QQuickItem*>();
        QVERIFY(current);
        QVERIFY2(current->property("highlighted").toBool(), "the current step is not highlighted");
        QVERIFY2(current->property("visualFocus").toBool() || current->hasActiveFocus(),
                 "the current step does not show the focus");
    }

    void aDisabledButtonLooksDisabled_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("light") << QStringLiteral("light");
        QTest::newRow("dark") << QStringLiteral("dark");
    }

    void aDisabledButtonLooksDisabled()
    {
        QFETCH(QString, mode);
        Appearance::instance()->setModeForThisRun(mode);
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* button = m_ui->item(QStringLiteral("signInButton"));
        QVERIFY(button);
        m_ui->item(QStringLiteral("signInPassphrase"))->setProperty("text", QString());
        QVERIFY(!button->isEnabled()); // no passphrase typed yet
        const double disabled = inkContrast(button);
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("x")));
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), e2e::kPatienceMs);
        const double enabled = inkContrast(button);
        QVERIFY2(enabled >= 4.5, qPrintable(QStringLiteral("the enabled button's text reads at %1:1").arg(enabled)));
        QVERIFY2(disabled <= 3.0,
                 qPrintable(QStringLiteral("the disabled button's text reads at %1:1, as an enabled one at %2:1")
                                .arg(disabled)
                                .arg(enabled)));
        QTest::keyClick(m_window, Qt::Key_Backspace);
    }

    // Dialogs.

    void aDialogHasRoomAroundItsContent()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QObject* dialog = m_ui->item(QStringLiteral("mentor"))->findChild<QObject*>(QStringLiteral("signoffDialog"));
        QVERIFY(dialog);
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        const auto room = [](const QObject* o, const char* side) { return o->property(side).toReal(); };
        for (const char* side : {"leftPadding", "rightPadding", "topPadding", "bottomPadding"})
            QVERIFY2(room(dialog, side) >= 16,
                     qPrintable(
                         QStringLiteral("the dialog's %1 is %2 px").arg(QLatin1String(side)).arg(room(dialog, side))));
        const auto* title = dialog->property("header").value<QQuickItem*>();
        QVERIFY(title);
        QVERIFY2(room(title, "leftPadding") >= 16,
                 qPrintable(QStringLiteral("the title sits %1 px from the edge").arg(room(title, "leftPadding"))));
        const auto* buttons = dialog->property("footer").value<QQuickItem*>();
        QVERIFY(buttons);
        QVERIFY2(room(buttons, "rightPadding") >= 16,
                 qPrintable(QStringLiteral("the buttons sit %1 px from the edge").arg(room(buttons, "rightPadding"))));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
    }

    // Screenshots.

    void aScreenshotWaitsUntilThePageHasLoaded()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        // A machine under load: the vault's worker is held up before the page
        // can read its steps (a slow disk, not a pause of the test).
        QObject asker;
        Session::instance()->perform(
            &asker,
            [](onramp::Vault&) {
                QThread::msleep(1500);
                return onramp::Error();
            },
            nullptr, false);
        const QString file = m_dir.filePath(QStringLiteral("checklist.png"));
        onramp::ui::Screenshot shot(file, QStringLiteral("checklist"), QSize(1024, 640));
        QCOMPARE(shot.take(m_window), 0);
        const QImage written(file);
        QVERIFY(!written.isNull());
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && !Session::instance()->isBusy(), e2e::kPatienceMs);
        const QImage atRest = m_window->grabWindow().convertToFormat(written.format());
        QVERIFY2(written == atRest, "the screenshot shows the page before it had loaded");
    }
};

ONRAMP_E2E_MAIN(TestShell)
#include "TestShell.moc"
