// The hire's, the mentor's and the keyboard's journeys, finished as a walk
// through the real window found them wanting: Enter presses the focused
// button (the shortcuts sheet says so and has a Close of its own, translated);
// a step the mentor reviews says that marking it done asks for that review,
// and what follows; a start date still ahead reads "starts on"; the held
// Summary PDF says why; a credential's name breaks between words; the mentor
// page's left column keeps its width; the first-passphrase card fits at
// 1024x640 in German; a role named in a confirmation is translated.
#include "E2eDriver.h"

#include "Appearance.h"
#include "Demo.h"
#include "Formats.h"
#include "Session.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QFontMetricsF>
#include <QMap>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

/// Translates a few texts as a translation file would: (context, source) → text.
class FewTexts : public QTranslator
{
public:
    explicit FewTexts(QMap<QPair<QString, QString>, QString> texts)
        : m_texts(std::move(texts))
    {}
    QString translate(const char* context, const char* source, const char* disambiguation, int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        return m_texts.value({QString::fromLatin1(context), QString::fromUtf8(source)});
    }
    bool isEmpty() const override { return false; }

private:
    QMap<QPair<QString, QString>, QString> m_texts;
};

QString accessible(QQuickItem* item, QAccessible::Text what)
{
    QAccessibleInterface* iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
    return iface ? iface->text(what) : QString();
}

const QString kFreshName = QStringLiteral("finn");
const QString kFreshPassphrase = QStringLiteral("finn's handed passphrase");

} // namespace

class TestJourneyFinish : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString vault(const QString& name) const { return m_dir.filePath(name); }

    /// Locks, opens the vault \a name and signs in as the demo person \a person.
    bool signInTo(const QString& name, const QString& person)
    {
        if (Session::instance()->isUnlocked())
            Session::instance()->lock();
        Session::instance()->setVaultPath(vault(name));
        return m_ui->signInAs(person) && settled();
    }

    bool settled()
    {
        return QTest::qWaitFor([&] { return e2e::isSettled(m_window); }, e2e::kPatienceMs);
    }

    bool resizeTo(const QSize& size)
    {
        m_window->resize(size);
        return QTest::qWaitFor(
            [&] {
                const QQuickItem* content = m_window->contentItem();
                return qFuzzyCompare(content->width(), qreal(size.width()))
                    && qFuzzyCompare(content->height(), qreal(size.height())) && e2e::isSettled(m_window);
            },
            e2e::kPatienceMs);
    }

    /// Opens the step \a stepId from the hire's checklist.
    bool openStep(const QString& stepId)
    {
        if (!m_ui->click(QStringLiteral("nav-checklist")) || !m_ui->waitForPage(QStringLiteral("checklist"))
            || !settled() || !m_ui->click(QStringLiteral("step-") + stepId)
            || !m_ui->waitForPage(QStringLiteral("step")))
            return false;
        return settled();
    }

    QQuickItem* focused() const { return m_window->activeFocusItem(); }

    QString focusedName() const
    {
        const QQuickItem* item = focused();
        return item ? item->objectName() : QString();
    }

    /// Installs \a translator (null: removes the last one) and retranslates the window.
    void useTranslator(QTranslator* translator, QTranslator* previous)
    {
        if (previous)
            QCoreApplication::removeTranslator(previous);
        if (translator)
            QCoreApplication::installTranslator(translator);
        m_engine->retranslate();
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        onramp::Error e = e2e::makeDemoVault(vault(QStringLiteral("hire")), e2e::DemoSeed::Bare);
        QVERIFY2(!e, qPrintable(e.message));
        e = e2e::makeDemoVault(vault(QStringLiteral("team")), e2e::DemoSeed::Team);
        QVERIFY2(!e, qPrintable(e.message));
        // A vault whose hire starts three days from now.
        const onramp::FixedClock ahead(QDateTime::currentDateTimeUtc().addDays(3));
        e = onramp::demo::createDemoVault(vault(QStringLiteral("later")), ahead);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(vault(QStringLiteral("hire")));
        QVERIFY(openWindow());
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QVERIFY(resizeTo(QSize(1280, 800)));
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }

    // Keyboard: Enter and the keypad's Enter press the focused button, as Space does.
    void enterPressesTheFocusedButton()
    {
        QVERIFY(signInTo(QStringLiteral("hire"), QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QQuickItem* open = m_ui->item(QStringLiteral("openChecklist"));
        QVERIFY(open);
        open->forceActiveFocus(Qt::TabFocusReason);
        QVERIFY(open->hasActiveFocus());
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));

        QVERIFY(m_ui->click(QStringLiteral("nav-home")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QVERIFY(settled());
        open = m_ui->item(QStringLiteral("openChecklist"));
        open->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(m_window, Qt::Key_Enter, Qt::KeypadModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
    }

    // The sheet names Enter, closes on it, and its Close button takes Enter too.
    void theShortcutsSheetNamesEnterAndClosesOnIt()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        m_ui->key(Qt::Key_F1);
        QQuickItem* sheet = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((sheet = m_ui->item(QStringLiteral("shortcutsSheet"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(sheet->hasActiveFocus(), e2e::kPatienceMs);
        const QStringList texts = e2e::textsUnder(sheet);
        QVERIFY2(texts.contains(QStringLiteral("Press the button that has the keyboard focus")),
                 qPrintable(texts.join(u'|')));
        QVERIFY2(texts.contains(QStringLiteral("Enter or Space")), qPrintable(texts.join(u'|')));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);

        m_ui->key(Qt::Key_F1);
        QTRY_VERIFY_WITH_TIMEOUT((sheet = m_ui->item(QStringLiteral("shortcutsSheet"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(sheet->hasActiveFocus(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Tab);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("shortcutsClose"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
        QCOMPARE(m_ui->page(), QStringLiteral("checklist"));
    }

    // The sheet's Close is the app's own text, so the app's translation reaches it.
    void theSheetsCloseIsTranslated()
    {
        FewTexts german({{{QStringLiteral("ShortcutsSheet"), QStringLiteral("Close")}, QStringLiteral("Schließen")}});
        useTranslator(&german, nullptr);
        m_ui->key(Qt::Key_F1);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("shortcutsClose")), e2e::kPatienceMs);
        const QString close = m_ui->text(QStringLiteral("shortcutsClose"));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("shortcutsSheet")), e2e::kPatienceMs);
        useTranslator(nullptr, &german);
        QCOMPARE(close, QStringLiteral("Schließen"));
    }

    // Hire: a step the mentor reviews says before and after Mark done that it goes to that review.
    void markingAReviewedStepDoneSaysItWaitsForTheReview()
    {
        QVERIFY(openStep(QStringLiteral("sandbox-tests")));
        const QString before = m_ui->text(QStringLiteral("stepState"));
        QVERIFY2(before.contains(QStringLiteral("Maya Mentor reviews this step")), qPrintable(before));
        QCOMPARE(m_ui->text(QStringLiteral("markDoneButton")), QStringLiteral("Mark done, ask for review"));
        QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("stepState")).startsWith(QStringLiteral("Done on")),
                                 e2e::kPatienceMs);
        // The state, short; what it means and what comes next under it.
        const QString state = m_ui->text(QStringLiteral("stepState"));
        QVERIFY2(state.endsWith(QStringLiteral("waiting for Maya Mentor to review it.")), qPrintable(state));
        const QString after = m_ui->text(QStringLiteral("stepStateDetail"));
        QVERIFY(m_ui->item(QStringLiteral("stepStateDetail"))->isVisible());
        QVERIFY2(after.contains(QStringLiteral("resubmit")), qPrintable(after));
        // Why Home's count leaves it out until then.
        QVERIFY2(after.contains(QStringLiteral("It counts towards your progress once they approve it")),
                 qPrintable(after));
        // Never "done" and "not yet done" in one breath.
        QVERIFY2(!after.contains(QStringLiteral("counts as done")), qPrintable(after));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("noticeText")).contains(QStringLiteral("waits for Maya Mentor's review")),
            e2e::kPatienceMs);
        // A step nobody reviews says only that it is done.
        m_ui->key(Qt::Key_Escape);
        QVERIFY(openStep(QStringLiteral("laptop")));
        QCOMPARE(m_ui->text(QStringLiteral("stepState")), QStringLiteral("Not done yet."));
        const QQuickItem* detail = m_ui->item(QStringLiteral("stepStateDetail"));
        QVERIFY(!detail || !detail->isVisible());
        QCOMPARE(m_ui->text(QStringLiteral("markDoneButton")), QStringLiteral("Mark done"));
        m_ui->key(Qt::Key_Escape);
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
    }

    // Hire: a start date still ahead reads "starts on", not "started".
    void aStartAheadReadsStartsOn()
    {
        QVERIFY(signInTo(QStringLiteral("later"), QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->text(QStringLiteral("enrollmentDates")).isEmpty(), e2e::kPatienceMs);
        const QString dates = m_ui->text(QStringLiteral("enrollmentDates"));
        QVERIFY2(dates.contains(QStringLiteral("starts on")), qPrintable(dates));
        QVERIFY2(!dates.contains(QStringLiteral("started")), qPrintable(dates));
        // Today's start has begun.
        QVERIFY(signInTo(QStringLiteral("hire"), QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("enrollmentDates")).contains(QStringLiteral("started")),
                                 e2e::kPatienceMs);
        // In the form the steps' due days on the same card use ("due Dec 11, 2026"), not a second one.
        QVERIFY2(m_ui->text(QStringLiteral("enrollmentDates")).endsWith(onramp::ui::listDate(QDate::currentDate())),
                 qPrintable(m_ui->text(QStringLiteral("enrollmentDates"))));
    }

    // Mentor: with "All hires" chosen, Summary PDF… asks which hire first
    // (the picker opens), then offers to save that hire's summary; a picker
    // closed without a choice saves nothing.
    void theSummaryPdfAsksWhichHireFirst()
    {
        QVERIFY(signInTo(QStringLiteral("team"), QStringLiteral("maya")));
        QVERIFY(m_ui->click(QStringLiteral("nav-report")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("report")));
        QVERIFY(settled());
        QQuickItem* pdf = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((pdf = m_ui->item(QStringLiteral("reportExportPdf"))), e2e::kPatienceMs);
        QQuickItem* picker = m_ui->item(QStringLiteral("reportHirePicker"));
        QVERIFY(picker);
        QCOMPARE(picker->property("currentIndex").toInt(), 0); // All hires
        QVERIFY(pdf->isEnabled());
        QCOMPARE(accessible(pdf, QAccessible::Description), QStringLiteral("Asks which hire first"));
        const QObject* popup = picker->property("popup").value<QObject*>();
        const auto saveDialog = [this]() -> QObject* {
            for (QObject* d : m_ui->item(QStringLiteral("report"))->findChildren<QObject*>())
                if (d->inherits("QQuickFileDialog") && d->property("visible").toBool())
                    return d;
            return nullptr;
        };

        // Closed without a choice: nothing to save, the report stays on all hires.
        QVERIFY(m_ui->click(QStringLiteral("reportExportPdf")));
        QTRY_VERIFY_WITH_TIMEOUT(popup->property("opened").toBool(), e2e::kPatienceMs);
        QVERIFY(picker->hasActiveFocus());
        // The open list says why it opened and what follows, to the eye and to a screen reader.
        QObject* ask = picker->findChild<QObject*>(QStringLiteral("reportPdfAsk"));
        QVERIFY(ask);
        QTRY_VERIFY_WITH_TIMEOUT(ask->property("visible").toBool(), e2e::kPatienceMs);
        QCOMPARE(ask->property("text").toString(),
                 QStringLiteral("Whose summary? Pick a hire, then choose where to save it."));
        QCOMPARE(accessible(picker, QAccessible::Description), ask->property("text").toString());
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!popup->property("visible").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!ask->property("visible").toBool(), e2e::kPatienceMs);
        QTest::qWait(100);
        QVERIFY(!saveDialog());
        QCOMPARE(picker->property("currentIndex").toInt(), 0);

        // A hire chosen: the save dialog offers their summary, and the
        // report stays on all hires (the pick was for the file only).
        const auto* hires = picker->property("model").value<QAbstractItemModel*>();
        QVERIFY(hires && hires->rowCount() > 1);
        const QString hire = hires->index(1, 0).data(hires->roleNames().key("key")).toString();
        const QString shown = hires->index(1, 0).data(hires->roleNames().key("label")).toString();
        QVERIFY(!hire.isEmpty());
        QVERIFY(m_ui->click(QStringLiteral("reportExportPdf")));
        QTRY_VERIFY_WITH_TIMEOUT(popup->property("opened").toBool(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Down);
        m_ui->key(Qt::Key_Return);
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = saveDialog()), e2e::kPatienceMs);
        QVERIFY2(dialog->property("selectedFile").toUrl().fileName().startsWith(hire),
                 qPrintable(dialog->property("selectedFile").toUrl().toString()));
        QVERIFY2(dialog->property("title").toString().contains(shown),
                 qPrintable(dialog->property("title").toString()));
        QCOMPARE(picker->property("currentIndex").toInt(), 0);
        QObject* backend = e2e::findObjectOfClass(m_ui->item(QStringLiteral("report")), "ReportBackend");
        QVERIFY(backend);
        QCOMPARE(backend->property("hire").toString(), QString());
        QMetaObject::invokeMethod(dialog, "reject");
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        // The keys go back to the button that asked for the file, in sight.
        QTRY_COMPARE_WITH_TIMEOUT(m_window->activeFocusItem() ? m_window->activeFocusItem()->objectName() : QString(),
                                  QStringLiteral("reportExportPdf"), e2e::kPatienceMs);
    }

    // Mentor: a credential's name breaks between words, never inside one, at 1024 px.
    void aCredentialNameBreaksBetweenWords()
    {
        QVERIFY(resizeTo(QSize(1024, 700)));
        QVERIFY(m_ui->click(QStringLiteral("nav-mentor")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("mentee-sam")));
        QVERIFY(settled());
        QQuickItem* title = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((title = m_ui->item(QStringLiteral("grant-title-prod-db"))), e2e::kPatienceMs);
        const QString name = QStringLiteral("Production database (read-only)");
        QCOMPARE(title->property("text").toString(), name);
        QCOMPARE(accessible(title, QAccessible::Name), name);
        const QFontMetricsF metrics(title->property("font").value<QFont>());
        for (const QString& word : name.split(u' '))
            QVERIFY2(metrics.horizontalAdvance(word) <= title->width(),
                     qPrintable(QStringLiteral("“%1” is %2 px wide in a name %3 px wide")
                                    .arg(word)
                                    .arg(metrics.horizontalAdvance(word))
                                    .arg(title->width())));
        QVERIFY(!title->property("truncated").toBool());
    }

    // Mentor: the left column keeps its width whichever mentee is shown and whatever it holds.
    void theMentorsLeftColumnKeepsItsWidth()
    {
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QQuickItem* column = m_ui->item(QStringLiteral("menteeColumn"));
        QVERIFY(column);
        const qreal width = column->width();
        QVERIFY2(width >= 300, qPrintable(QString::number(width)));
        for (const QSize size : {QSize(1024, 700), QSize(1280, 800), QSize(1024, 700)}) {
            QVERIFY(resizeTo(size));
            for (const char* hire : {"alex", "kai", "lee", "noor", "sam"}) {
                QVERIFY(m_ui->click(QStringLiteral("mentee-") + QLatin1String(hire)));
                QVERIFY(settled());
                QVERIFY2(qFuzzyCompare(column->width(), width),
                         qPrintable(QStringLiteral("%1 px with %2 shown at %3 px, %4 px before")
                                        .arg(column->width())
                                        .arg(QLatin1String(hire))
                                        .arg(size.width())
                                        .arg(width)));
            }
        }
    }

    // German: the first-passphrase card is whole at 1024x640, down to its buttons.
    void theFirstPassphraseCardFitsInGerman()
    {
        const onramp::Error added = [&] {
            std::unique_ptr<onramp::Vault> v;
            if (onramp::Error e = onramp::Vault::unlock(vault(QStringLiteral("hire")), QStringLiteral("ada"),
                                                        e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(), &v))
                return e;
            return onramp::People(*v).add(kFreshName, QStringLiteral("Finn Fresh"), onramp::Role::Hire,
                                          kFreshPassphrase.toUtf8(), onramp::firstpassphrase::Handed::Given);
        }();
        QVERIFY2(!added, qPrintable(added.message));
        if (Session::instance()->isUnlocked())
            Session::instance()->lock();
        Session::instance()->setVaultPath(vault(QStringLiteral("hire")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("de")));
        QVERIFY(resizeTo(QSize(1024, 640)));
        // As the sign-in page signs in: a handed-over passphrase opens only the card.
        QVERIFY(QMetaObject::invokeMethod(Session::instance(), "unlock", Q_ARG(QString, kFreshName),
                                          Q_ARG(QString, kFreshPassphrase)));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("choosePassphraseCard")), e2e::kPatienceMs);
        QVERIFY(settled());
        QStringList cut;
        for (const char* name :
             {"choosePassphrase", "choosePassphraseRepeat", "choosePassphraseButton", "choosePassphraseCancel"}) {
            const QQuickItem* item = m_ui->item(QLatin1String(name));
            QVERIFY2(item, name);
            const QRectF r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
            if (r.bottom() > m_window->height() + 0.5 || r.top() < 0 || r.right() > m_window->width() + 0.5)
                cut << QStringLiteral("%1 at %2..%3").arg(QLatin1String(name)).arg(r.top()).arg(r.bottom());
        }
        const QStringList overflowing = e2e::overflowingItems(m_window);
        // Leaving without choosing is Lock, as everywhere else in the app ("Sperren").
        const QString leave = m_ui->text(QStringLiteral("choosePassphraseCancel"));
        Session::instance()->lock();
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("en")));
        QCOMPARE(leave, QStringLiteral("Sperren"));
        QVERIFY(resizeTo(QSize(1280, 800)));
        QVERIFY2(cut.isEmpty(), qPrintable(cut.join(u'\n')));
        QVERIFY2(overflowing.isEmpty(), qPrintable(overflowing.join(u'\n')));
    }

    // A role named in a confirmation goes through the translation.
    void aRoleInAConfirmationIsTranslated()
    {
        FewTexts german(
            {{{QStringLiteral("onramp::ui::Formats"), QStringLiteral("mentor")}, QStringLiteral("Mentorin")}});
        QVERIFY(signInTo(QStringLiteral("hire"), QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        useTranslator(&german, nullptr);
        QVERIFY(settled());
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("mo")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Mo Mentor")));
        QVERIFY(m_ui->choose(QStringLiteral("personRole"), 1)); // hire -> mentor
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("mo's long passphrase")));
        QVERIFY(m_ui->click(QStringLiteral("addPersonButton")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("noticeText")).startsWith(QStringLiteral("Added Mo Mentor")),
            qPrintable(m_ui->text(QStringLiteral("noticeText"))), e2e::kPatienceMs);
        const QString notice = m_ui->text(QStringLiteral("noticeText"));
        useTranslator(nullptr, &german);
        QVERIFY2(notice.contains(QStringLiteral("as Mentorin")), qPrintable(notice));
    }
};

ONRAMP_E2E_MAIN(TestJourneyFinish)

#include "TestJourneyFinish.moc"
