// Onramp in German, through the real window: on a German system the Welcome
// page speaks German from the first frame, and the Language choice in the
// settings popup switches every text on screen at once and is remembered:
// the texts and dates made in C++ and the roles too, without leaving the page.
#include "E2eDriver.h"

#include "Appearance.h"
#include "Demo.h"
#include "Session.h"
#include "Translations.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QDir>
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

/// True when a visible item under \a root shows exactly \a text.
bool shows(QQuickItem* root, const QString& text)
{
    if (!root->isVisible())
        return false;
    if (root->property("text").toString() == text)
        return true;
    const auto children = root->childItems();
    return std::any_of(children.cbegin(), children.cend(), [&](QQuickItem* c) { return shows(c, text); });
}

/// The texts of the visible items under \a root, sorted.
QStringList visibleTexts(QQuickItem* root)
{
    QStringList texts;
    if (!root->isVisible())
        return texts;
    const QString text = root->property("text").toString();
    if (!text.isEmpty())
        texts.append(text);
    const auto children = root->childItems();
    for (QQuickItem* child : children)
        texts += visibleTexts(child);
    texts.sort();
    return texts;
}

/// True when one of \a texts holds a date written the way \a language
/// writes a date with its month in words: "2. Dezember 2026" in German,
/// "2 December 2026" or "December 2, 2026" in English.
bool writesADateIn(const QStringList& texts, QLocale::Language language)
{
    // "6. Dezember 2026", or the short month of a list ("6. Dez. 2026").
    static const QRegularExpression german(QStringLiteral("\\b\\d{1,2}\\.\\s\\p{L}{3,}\\.?\\s\\d{4}\\b"));
    static const QRegularExpression english(
        QStringLiteral("\\b\\d{1,2}\\s\\p{L}{3,}\\s\\d{4}\\b|\\b\\p{L}{3,}\\s\\d{1,2},\\s\\d{4}\\b"));
    const QRegularExpression& pattern = language == QLocale::German ? german : english;
    return std::any_of(texts.cbegin(), texts.cend(), [&](const QString& t) { return pattern.match(t).hasMatch(); });
}

} // namespace

class TestLanguage : public e2e::WindowFixture
{
    Q_OBJECT

private:
    bool windowShows(const QString& text) const { return shows(m_window->contentItem(), text); }

    /// Opens the settings popup, checks that the Language choice shows
    /// \a shownBefore, and picks its row \a row (0 follows the system,
    /// 1 English, 2 Deutsch) with the keyboard.
    void chooseLanguage(int row, const QString& shownBefore)
    {
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QQuickItem* choice = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((choice = m_ui->item(QStringLiteral("languageChoice"))), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(choice->property("displayText").toString(), shownBefore, e2e::kPatienceMs);
        const int steps = row - choice->property("currentIndex").toInt();
        if (steps >= 0) {
            QVERIFY(m_ui->choose(QStringLiteral("languageChoice"), steps));
        } else { // up the list: the driver's choose() only goes down
            QVERIFY(m_ui->click(QStringLiteral("languageChoice")));
            const QObject* list = choice->property("popup").value<QObject*>();
            QTRY_VERIFY_WITH_TIMEOUT(list && list->property("opened").toBool(), e2e::kPatienceMs);
            for (int i = 0; i > steps; --i)
                m_ui->key(Qt::Key_Up);
            m_ui->key(Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(!list->property("visible").toBool(), e2e::kPatienceMs);
        }
        QCOMPARE(choice->property("currentIndex").toInt(), row);
        m_ui->key(Qt::Key_Escape); // closes the popup
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("languageChoice")), e2e::kPatienceMs);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Progress); // rows in every list, to lay out
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("no-vault")));
        QVERIFY(openWindow());
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void welcomeSpeaksGermanOnAGermanSystem()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QVERIFY(windowShows(QStringLiteral("Willkommen bei Onramp")));
        QVERIFY(windowShows(QStringLiteral("Einen Tresor anlegen")));
        QVERIFY(!windowShows(QStringLiteral("Welcome to Onramp")));
    }

    // Before any vault is open, the Welcome page has the settings too: a
    // person who chose a language they cannot read switches it back there.
    void theWelcomePageSwitchesTheLanguageBack()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        chooseLanguage(1, QStringLiteral("Wie das System"));
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(QStringLiteral("Welcome to Onramp")), e2e::kPatienceMs);
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("en"));
        chooseLanguage(0, QStringLiteral("English"));
        QTRY_VERIFY_WITH_TIMEOUT(windowShows(QStringLiteral("Willkommen bei Onramp")), e2e::kPatienceMs);
        QCOMPARE(Appearance::instance()->language(), QStringLiteral("system"));
    }

    void languageSwitchesLiveAndIsRemembered()
    {
        Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("demo")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY2(m_ui->item(QStringLiteral("settingsButton")), "the sign-in page has no settings");
        const QString passphrase = e2e::demoPassphrase(QStringLiteral("alex"));
        const onramp::Error e = Session::instance()->unlockNow(QStringLiteral("alex"), passphrase.toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("lockButton")), QStringLiteral("Sperren"),
                                  e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("nav-home")), QStringLiteral("Start"));

        chooseLanguage(1, QStringLiteral("Wie das System"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("lockButton")), QStringLiteral("Lock"), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("nav-home")), QStringLiteral("Home"));
        QVERIFY(windowShows(QStringLiteral("Next up")));
        QVERIFY(!windowShows(QStringLiteral("Als Nächstes")));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("en"));

        chooseLanguage(2, QStringLiteral("English"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("lockButton")), QStringLiteral("Sperren"),
                                  e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("nav-home")), QStringLiteral("Start"));
        QVERIFY(windowShows(QStringLiteral("Als Nächstes")));
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("de"));
        QCOMPARE(Appearance::instance()->language(), QStringLiteral("de"));
    }

    // On the hire's home, in German: the gate's reasons, the credentials'
    // states and the dates are made in C++ when the page loads. Choosing
    // English switches them at once, to what a fresh load shows in English;
    // and back.
    void loadedTextsAndDatesFollowTheLanguageLive()
    {
        QCOMPARE(Appearance::instance()->language(), QStringLiteral("de"));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        Session* session = Session::instance();
        QQuickItem* gate = m_ui->item(QStringLiteral("gateStatus"));
        QVERIFY(gate);
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy() && !gate->property("reasons").toStringList().isEmpty(),
                                 e2e::kPatienceMs);
        const QStringList germanReasons = gate->property("reasons").toStringList();
        const QStringList german = visibleTexts(m_window->contentItem());
        QVERIFY2(writesADateIn(german, QLocale::German), qPrintable(german.join(QLatin1Char('\n'))));
        QVERIFY(windowShows(session->displayName() + QStringLiteral(" · Neuzugang")));

        chooseLanguage(1, QStringLiteral("Deutsch"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("lockButton")), QStringLiteral("Lock"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy() && gate->property("reasons").toStringList() != germanReasons,
                                 e2e::kPatienceMs);
        QVERIFY(windowShows(session->displayName() + QStringLiteral(" · hire")));
        QStringList live;
        QTRY_VERIFY2_WITH_TIMEOUT(writesADateIn(live = visibleTexts(m_window->contentItem()), QLocale::English)
                                      && !writesADateIn(live, QLocale::German),
                                  qPrintable(live.join(QLatin1Char('\n'))), e2e::kPatienceMs);
        const QStringList liveReasons = gate->property("reasons").toStringList();

        // What the page shows when it loads afresh in English.
        QVERIFY(m_ui->click(QStringLiteral("nav-checklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QVERIFY(m_ui->click(QStringLiteral("nav-home")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        gate = m_ui->item(QStringLiteral("gateStatus"));
        QVERIFY(gate);
        QTRY_COMPARE_WITH_TIMEOUT(gate->property("reasons").toStringList(), liveReasons, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(visibleTexts(m_window->contentItem()), live, e2e::kPatienceMs);
        for (const QString& reason : germanReasons)
            QVERIFY2(!liveReasons.contains(reason), qPrintable(reason));

        chooseLanguage(2, QStringLiteral("English"));
        QTRY_COMPARE_WITH_TIMEOUT(gate->property("reasons").toStringList(), germanReasons, e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(visibleTexts(m_window->contentItem()), german, e2e::kPatienceMs);
    }

    // A change of language makes the settings' lists again: the appearance
    // box goes on showing the mode in use, not the first entry.
    void theAppearanceBoxKeepsTheModeAcrossALanguageChange()
    {
        Appearance::instance()->setMode(QStringLiteral("dark"));
        chooseLanguage(1, QStringLiteral("Deutsch"));
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QQuickItem* mode = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((mode = m_ui->item(QStringLiteral("appearanceMode"))), e2e::kPatienceMs);
        QCOMPARE(mode->property("currentIndex").toInt(), 2);
        QCOMPARE(mode->property("displayText").toString(), QStringLiteral("Dark"));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("appearanceMode")), e2e::kPatienceMs);
        chooseLanguage(2, QStringLiteral("English"));
        Appearance::instance()->setMode(QStringLiteral("system"));
    }

    // A date in a sentence reads in full, a date in a list column short: no
    // sentence on the hire's home, checklist or step carries the short form,
    // in German or in English.
    void aSentenceNeverCarriesAShortDate()
    {
        Session* session = Session::instance();
        session->setVaultPath(m_dir.filePath(QStringLiteral("demo")));
        if (session->isUnlocked())
            session->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const QString passphrase = e2e::demoPassphrase(QStringLiteral("alex"));
        QVERIFY(!session->unlockNow(QStringLiteral("alex"), passphrase.toUtf8()));
        const QRegularExpression shortDate(QStringLiteral("\\b\\d{1,2}[./]\\d{1,2}[./]\\d{2}\\b"));
        for (const QString& language : {QStringLiteral("de"), QStringLiteral("en")}) {
            QVERIFY(Appearance::instance()->setLanguage(language));
            // The home, the checklist and a step done and reviewed, whose state says when.
            for (const QString& page : {QStringLiteral("home"), QStringLiteral("checklist"), QStringLiteral("step")}) {
                if (page == QLatin1String("step"))
                    QVERIFY(QMetaObject::invokeMethod(m_window, "openStep",
                                                      Q_ARG(QVariant, QStringLiteral("sandbox-tests")),
                                                      Q_ARG(QVariant, QString())));
                else
                    QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, page)));
                QTRY_VERIFY_WITH_TIMEOUT(m_ui->page() == page && e2e::isSettled(m_window) && !session->isBusy(),
                                         e2e::kPatienceMs);
                QStringList sentences;
                for (const QString& text : visibleTexts(m_window->contentItem())) {
                    // A sentence ends with a full stop; a row's "due 05.12.26 · …" does not.
                    if (text.contains(shortDate) && text.endsWith(QLatin1Char('.')))
                        sentences.append(text);
                }
                QVERIFY2(sentences.isEmpty(), qPrintable(language + QStringLiteral(": ") + sentences.join(u'\n')));
            }
        }
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("de")));
    }

    // The shortcuts sheet names the keys in the language in use (a mentor's, who has Ctrl+Shift+A).
    void theShortcutsNameTheKeysInGerman()
    {
        QCOMPARE(Appearance::instance()->language(), QStringLiteral("de"));
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QTest::keyClick(m_window, Qt::Key_F1);
        QQuickItem* sheet = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((sheet = m_ui->item(QStringLiteral("shortcutsSheet"))), e2e::kPatienceMs);
        const QStringList texts = visibleTexts(sheet);
        QVERIFY2(texts.contains(QStringLiteral("Strg+L")) && texts.contains(QStringLiteral("Strg+Umschalt+A")),
                 qPrintable(texts.join(u'|')));
        QVERIFY2(!texts.contains(QStringLiteral("Ctrl+L")), qPrintable(texts.join(u'|')));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
    }

    // The date picker's month and days follow a switch of language made
    // while the page stays open.
    void theCalendarFollowsTheLanguageLive()
    {
        Session* session = Session::instance();
        if (session->isUnlocked())
            session->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const QString passphrase = e2e::demoPassphrase(QStringLiteral("ada"));
        {
            // A hire to enroll: with nobody, the form and its calendar are greyed.
            std::unique_ptr<onramp::Vault> ada;
            onramp::Error e =
                onramp::Vault::unlock(session->vaultPath(), QStringLiteral("ada"), passphrase.toUtf8(), &ada);
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::People(*ada).add(QStringLiteral("lee"), QStringLiteral("Lee Later"), onramp::Role::Hire,
                                         QByteArrayLiteral("lee's own passphrase"));
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(!session->unlockNow(QStringLiteral("ada"), passphrase.toUtf8()));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(m_ui->click(QStringLiteral("tab-enrollments")));
        const auto calendarTexts = [&] {
            QStringList texts;
            [&] {
                QVERIFY(m_ui->click(QStringLiteral("enrollStartPick")));
                QQuickItem* calendar = nullptr;
                QTRY_VERIFY_WITH_TIMEOUT((calendar = m_ui->item(QStringLiteral("enrollStartCalendar")))
                                             && calendar->hasActiveFocus(),
                                         e2e::kPatienceMs);
                texts = visibleTexts(calendar);
                m_ui->key(Qt::Key_Escape);
                QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("enrollStartCalendar")), e2e::kPatienceMs);
            }();
            return texts;
        };
        const auto speaks = [](const QStringList& texts, QLocale::Language language) {
            const QLocale locale(language);
            bool month = false;
            bool day = false;
            for (int i = 1; i <= 12; ++i)
                month = month || std::any_of(texts.cbegin(), texts.cend(), [&](const QString& t) {
                            return t.startsWith(locale.standaloneMonthName(i) + u' ');
                        });
            for (int i = 1; i <= 7; ++i)
                day = day || texts.contains(locale.standaloneDayName(i, QLocale::ShortFormat));
            return month && day;
        };
        const QStringList german = calendarTexts();
        QVERIFY2(speaks(german, QLocale::German), qPrintable(german.join(u'|')));
        chooseLanguage(1, QStringLiteral("Deutsch"));
        const QStringList english = calendarTexts();
        QVERIFY2(speaks(english, QLocale::English) && !speaks(english, QLocale::German),
                 qPrintable(english.join(u'|')));
        chooseLanguage(2, QStringLiteral("English"));
    }

    // A role chosen in the admin's form stays chosen when the language
    // changes and the list of roles is made again.
    void aChosenRoleStaysAcrossALanguageChange()
    {
        QCOMPARE(Session::instance()->role(), QStringLiteral("admin"));
        QVERIFY(m_ui->click(QStringLiteral("tab-people")));
        QVERIFY(m_ui->choose(QStringLiteral("personRole"), 1));
        QQuickItem* role = m_ui->item(QStringLiteral("personRole"));
        QCOMPARE(role->property("currentValue").toString(), QStringLiteral("mentor"));
        chooseLanguage(1, QStringLiteral("Deutsch"));
        QTRY_COMPARE_WITH_TIMEOUT(role->property("displayText").toString(), QStringLiteral("mentor"), e2e::kPatienceMs);
        QCOMPARE(role->property("currentValue").toString(), QStringLiteral("mentor"));
        chooseLanguage(2, QStringLiteral("English"));
        QTRY_COMPARE_WITH_TIMEOUT(role->property("displayText").toString(), QStringLiteral("Mentor"), e2e::kPatienceMs);
    }

    // German runs about a third longer than English: at the smallest size
    // the window allows, nothing may reach past its edge.
    void everyPageFitsInGerman_data() { e2e::pageRows({QStringLiteral("welcome")}); }

    void everyPageFitsInGerman()
    {
        QFETCH(QString, page);
        QFETCH(QString, person);
        QCOMPARE(Appearance::instance()->language(), QStringLiteral("de"));
        Session* session = Session::instance();
        if (session->isUnlocked())
            session->lock();
        if (!person.isEmpty()) {
            const QString passphrase = e2e::demoPassphrase(person);
            const onramp::Error e = session->unlockNow(person, passphrase.toUtf8());
            QVERIFY2(!e, qPrintable(e.message));
        }
        m_window->resize(m_window->minimumSize());
        QTRY_COMPARE(m_window->size(), m_window->minimumSize());
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, page)));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->page() == page && e2e::isSettled(m_window) && !session->isBusy(),
                                 e2e::kPatienceMs);
        QStringList overflowing;
        const bool fits = QTest::qWaitFor(
            [&] {
                overflowing = e2e::overflowingItems(m_window);
                return overflowing.isEmpty();
            },
            e2e::kPatienceMs);
        QVERIFY2(fits, qPrintable(overflowing.join(QLatin1Char('\n'))));
    }

    // The report's heading with its controls beside it, or under it where
    // they do not fit (German's longer words at the narrowest window): a
    // language change lays them out again once, never in a polish loop
    // (which e2e::failOnQmlWarnings fails).
    void theReportSettlesAcrossALanguageChange()
    {
        Session* session = Session::instance();
        if (session->isUnlocked())
            session->lock();
        const onramp::Error e =
            session->unlockNow(QStringLiteral("ada"), e2e::demoPassphrase(QStringLiteral("ada")).toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        m_window->resize(m_window->minimumSize());
        QTRY_COMPARE(m_window->size(), m_window->minimumSize());
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("report"))));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->page() == QLatin1String("report") && e2e::isSettled(m_window)
                                     && !session->isBusy(),
                                 e2e::kPatienceMs);
        const auto columns = [this] { return m_ui->item(QStringLiteral("reportHeader"))->property("columns").toInt(); };
        chooseLanguage(1, QStringLiteral("Deutsch"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("lockButton")), QStringLiteral("Lock"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const int english = columns();
        chooseLanguage(2, QStringLiteral("English"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("lockButton")), QStringLiteral("Sperren"),
                                  e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        // Settled, the layout holds still: the same columns a while later.
        const int german = columns();
        QTest::qWait(300);
        QCOMPARE(columns(), german);
        QVERIFY(english >= german);
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(),
                 qPrintable(e2e::overflowingItems(m_window).join(QLatin1Char('\n'))));
    }

    // Signed off, on the hire's home: the time left on the production grant
    // ("7 hours 59 minutes left", in the gate and on the card) and the
    // credentials' field names ("host:", "user:") are made in C++. Switching
    // to German with the page open leaves no English word of theirs behind.
    void theGrantsTimeAndTheFieldsFollowTheLanguageLive()
    {
        Session* session = Session::instance();
        if (session->isUnlocked())
            session->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        { // The mentor approves the step left and signs off, at another desk.
            std::unique_ptr<onramp::Vault> mentor;
            onramp::Error e = onramp::Vault::unlock(m_dir.filePath(QStringLiteral("demo")), QStringLiteral("maya"),
                                                    e2e::demoPassphrase(QStringLiteral("maya")).toUtf8(), &mentor);
            QVERIFY2(!e, qPrintable(e.message));
            onramp::Enrollments enrollments(*mentor);
            e = enrollments.review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true, {});
            QVERIFY2(!e, qPrintable(e.message));
            e = enrollments.signOff(QStringLiteral("alex"));
            QVERIFY2(!e, qPrintable(e.message));
        }
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("en")));
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && !session->isBusy(), e2e::kPatienceMs);

        // The words made in C++: the time left, the field names. (The
        // credentials' titles and the fields' values are the checklist's own,
        // and none of them holds these words.)
        static const QRegularExpression english(
            QStringLiteral("\\b(left|hours?|minutes?|days?|time is up|host:|user:|port:|database:)"));
        const auto englishOn = [&] {
            QStringList found;
            QQuickItem* card = m_ui->item(QStringLiteral("credentialsCard"));
            QQuickItem* gate = m_ui->item(QStringLiteral("gateTimeLeft"));
            if (!card || !gate)
                return QStringList{QStringLiteral("no credentials card or no time left in the gate")};
            const QStringList texts = e2e::textsUnder(card) + e2e::textsUnder(gate);
            for (const QString& text : texts) {
                if (text.contains(english))
                    found.append(text);
            }
            return found;
        };
        QStringList found;
        QTRY_VERIFY2_WITH_TIMEOUT(
            !(found = englishOn()).isEmpty() && m_ui->item(QStringLiteral("gateTimeLeft"))->isVisible(),
            "in English the time left and the fields show no English word: the test sees nothing", e2e::kPatienceMs);

        chooseLanguage(2, QStringLiteral("English"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("lockButton")), QStringLiteral("Sperren"),
                                  e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!session->isBusy() && e2e::isSettled(m_window), e2e::kPatienceMs);
        const bool german = QTest::qWaitFor([&] { return (found = englishOn()).isEmpty(); }, e2e::kPatienceMs);
        QVERIFY2(german, qPrintable(QStringLiteral("still in English after the switch: ") + found.join(u'|')));
        const QString gate = m_ui->text(QStringLiteral("gateTimeLeft"));
        QVERIFY2(gate.contains(QStringLiteral("noch ")), qPrintable(gate));
    }

    void cleanupTestCase()
    {
        QSettings().remove(QStringLiteral("language"));
        m_ui.reset();
        m_engine.reset();
    }
};

int main(int argc, char** argv)
{
    // A German desktop: the app follows the system's language unless the
    // person chose another in the settings.
    qputenv("LC_ALL", "de_DE.UTF-8");
    qputenv("LANG", "de_DE.UTF-8");
    QGuiApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the settings popup writes QSettings
    QSettings().remove(QStringLiteral("language"));
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    if (!onramp::installTranslations(app, Appearance::instance()->language()))
        return 1;
    TestLanguage test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestLanguage.moc"
