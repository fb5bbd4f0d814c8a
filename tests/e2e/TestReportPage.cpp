// The report page through the real window at 1024x640, as the demo admin
// with the demo team: four charts, each with its bars, its axis and a
// summary a screen reader reads; nothing cut off in light or dark; the
// hire picker has a label in sight and narrows the charts and the exports to
// the hire picked, "All hires" bringing everyone back; the exports open their
// save dialogs with a file name that says what the file holds; and the
// checklist editor shows its section names whole.
#include "E2eDriver.h"

#include "Appearance.h"
#include "Demo.h"
#include "Session.h"

#include <QAccessible>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QQuickStyle>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

const QStringList kCharts{QStringLiteral("progressChart"), QStringLiteral("cohortChart"), QStringLiteral("waitChart"),
                          QStringLiteral("overdueChart")};

QString accessible(QQuickItem* item, QAccessible::Text what)
{
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(item);
    return iface ? iface->text(what) : QString();
}

} // namespace

class TestReportPage : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QQuickItem* chart(const QString& name) const { return m_ui->item(name); }

    /// The item named \a objectName inside \a parent's visual tree.
    static QQuickItem* inside(QQuickItem* parent, const QString& objectName)
    {
        return parent ? e2e::findItem(parent, objectName) : nullptr;
    }

    void checkNothingCutOff(const QString& theme)
    {
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const QStringList overflowing = e2e::overflowingItems(m_window);
        QVERIFY2(overflowing.isEmpty(), qPrintable(theme + QStringLiteral(": ") + overflowing.join(u'\n')));
        for (const QString& name : kCharts) {
            QQuickItem* c = chart(name);
            QVERIFY2(c, qPrintable(name));
            QVERIFY2(c->height() >= 150, qPrintable(QStringLiteral("%1 is %2 high").arg(name).arg(c->height())));
            const QRectF box = c->mapRectToScene(QRectF(0, 0, c->width(), c->height()));
            QVERIFY2(box.bottom() <= m_window->height() && box.right() <= m_window->width(), qPrintable(name));
        }
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QAccessible::setActive(true);
        QStandardPaths::setTestModeEnabled(true); // the theme is kept in QSettings
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Team);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const QString passphrase = e2e::demoPassphrase(QStringLiteral("ada"));
        e = Session::instance()->unlockNow(QStringLiteral("ada"), passphrase.toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("report"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("report")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
    }

    void everyChartDrawsItsFiguresAndSaysThem()
    {
        for (const QString& name : kCharts) {
            QQuickItem* c = chart(name);
            QVERIFY2(c, qPrintable(name + QStringLiteral(" is not shown")));
            QQuickItem* bars = inside(c, QStringLiteral("chartBars"));
            QVERIFY2(bars, qPrintable(name + QStringLiteral(" draws no bars")));
            QVERIFY2(bars->property("count").toInt() > 0, qPrintable(name));
            QVERIFY2(!inside(c, QStringLiteral("chartEmpty")), qPrintable(name));
            QVERIFY2(!accessible(c, QAccessible::Name).isEmpty(), qPrintable(name));
            QVERIFY2(c->activeFocusOnTab(), qPrintable(name + QStringLiteral(" is not a Tab stop")));
        }
        // Five hires, two of them signed off; the team's waits and overdue steps.
        const QString progress = accessible(chart(QStringLiteral("progressChart")), QAccessible::Description);
        QVERIFY2(progress.contains(QStringLiteral(
                     "Sam Early: 4 of 5 steps done, 4 of 4 required; signed off, production access expired")),
                 qPrintable(progress));
        QVERIFY2(progress.contains(QStringLiteral("Lee Later: 1 of 5 steps done, 1 of 4 required")),
                 qPrintable(progress));
        const QString waits = accessible(chart(QStringLiteral("waitChart")), QAccessible::Description);
        QVERIFY2(waits.contains(QStringLiteral("Run the test suite against your sandbox")), qPrintable(waits));
        const QString overdue = accessible(chart(QStringLiteral("overdueChart")), QAccessible::Description);
        QVERIFY2(overdue.contains(QStringLiteral("Lee Later, Set up your laptop")), qPrintable(overdue));
    }

    // A month with nobody signed off yet says "none yet" and draws no bar,
    // not an empty track that reads as zero days; the progress scale ends at
    // "all steps", as its figures count steps.
    void noneYetDrawsNoBarAndTheScaleSaysSteps()
    {
        QQuickItem* bars = inside(chart(QStringLiteral("cohortChart")), QStringLiteral("chartBars"));
        QVERIFY(bars);
        int noneYet = 0;
        int measured = 0;
        for (QQuickItem* row : bars->property("contentItem").value<QQuickItem*>()->childItems()) {
            QQuickItem* value = e2e::findItem(row, QStringLiteral("chartBarValue"));
            if (!value)
                continue;
            const bool none = value->property("text").toString() == QLatin1String("none yet");
            (none ? noneYet : measured) += 1;
            QQuickItem* track = nullptr;
            for (QQuickItem* part : row->findChildren<QQuickItem*>())
                if (part->objectName() == QLatin1String("chartBarTrack"))
                    track = part;
            QVERIFY(track);
            QCOMPARE(track->isVisible(), !none);
        }
        QVERIFY2(noneYet > 0 && measured > 0,
                 qPrintable(QStringLiteral("%1 none yet, %2 measured").arg(noneYet).arg(measured)));
        const QStringList scale = e2e::textsUnder(chart(QStringLiteral("progressChart")));
        QVERIFY2(scale.contains(QStringLiteral("all steps")) && !scale.contains(QStringLiteral("100%")),
                 qPrintable(scale.join(u'|')));
    }

    void nothingIsCutOffInLightOrDark()
    {
        Appearance::instance()->setMode(QStringLiteral("light"));
        checkNothingCutOff(QStringLiteral("light"));
        Appearance::instance()->setMode(QStringLiteral("dark"));
        checkNothingCutOff(QStringLiteral("dark"));
        Appearance::instance()->setMode(QStringLiteral("light"));
    }

    /// The texts of the visible buttons of the dialog boxes over the window.
    QStringList dialogButtonTexts() const
    {
        QStringList texts;
        const std::function<void(QQuickItem*, bool)> visit = [&](QQuickItem* item, bool inBox) {
            if (!item->isVisible())
                return;
            inBox = inBox || item->inherits("QQuickDialogButtonBox");
            if (inBox && item->inherits("QQuickAbstractButton"))
                texts << item->property("text").toString();
            const auto children = item->childItems();
            for (QQuickItem* child : children)
                visit(child, inBox);
        };
        visit(m_window->contentItem(), false);
        return texts;
    }

    void aNoticeLeavesTheChartsInSight()
    {
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QHash<QString, QRectF> before;
        for (const QString& name : kCharts)
            before.insert(name, chart(name)->mapRectToScene(QRectF(0, 0, chart(name)->width(), chart(name)->height())));
        Session::instance()->notify(QStringLiteral("The report was exported."), false);
        QQuickItem* text = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((text = m_ui->item(QStringLiteral("noticeText"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* notice = text->parentItem();
        const QRectF noticeBox = notice->mapRectToScene(QRectF(0, 0, notice->width(), notice->height()));
        for (const QString& name : kCharts) {
            const QRectF box = chart(name)->mapRectToScene(QRectF(0, 0, chart(name)->width(), chart(name)->height()));
            // The page's lower edge moves up above the notice: the charts keep their width, none lies under it.
            QCOMPARE(box.left(), before.value(name).left());
            QCOMPARE(box.width(), before.value(name).width());
            QVERIFY2(!box.intersects(noticeBox), qPrintable(name + QStringLiteral(" lies under the notice")));
        }
        QMetaObject::invokeMethod(notice, "dismiss");
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("noticeText")), e2e::kPatienceMs);
    }

    void longStepNamesAreShownWholeOrTold()
    {
        // The demo's longest step name, in the waits chart at 1024x640: shown
        // whole over at most two lines, and its full text told to a screen reader.
        QQuickItem* waits = chart(QStringLiteral("waitChart"));
        QVERIFY(waits);
        QList<QQuickItem*> labels;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
            if (item->objectName() == QLatin1String("chartBarLabel") && item->isVisible())
                labels << item;
            const auto children = item->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(waits);
        QVERIFY(!labels.isEmpty());
        bool sawLongest = false;
        for (QQuickItem* label : std::as_const(labels)) {
            const QString text = label->property("text").toString();
            sawLongest = sawLongest || text == QLatin1String("Run the test suite against your sandbox");
            QVERIFY2(!label->property("truncated").toBool(), qPrintable(text + QStringLiteral(" is cut")));
            QCOMPARE(accessible(label, QAccessible::Name), text);
        }
        QVERIFY(sawLongest);
    }

    // The hire picker says in sight what it picks, and its accessible name says the same.
    void theHirePickerHasAVisibleLabel()
    {
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* picker = m_ui->item(QStringLiteral("reportHirePicker"));
        QVERIFY(picker);
        QQuickItem* label = m_ui->item(QStringLiteral("reportHirePickerLabel"));
        QVERIFY2(label, "the hire picker has no label");
        const QString text = label->property("text").toString();
        QVERIFY(!text.isEmpty());
        QVERIFY(label->width() > 0 && !label->property("truncated").toBool());
        const QRectF labelBox = label->mapRectToScene(QRectF(0, 0, label->width(), label->height()));
        const QRectF pickerBox = picker->mapRectToScene(QRectF(0, 0, picker->width(), picker->height()));
        QVERIFY(!labelBox.intersects(pickerBox));
        QVERIFY2(labelBox.right() <= pickerBox.left() || labelBox.bottom() <= pickerBox.top(),
                 "the label is neither before nor above the picker");
        QVERIFY2(pickerBox.left() - labelBox.right() <= 16 || labelBox.bottom() <= pickerBox.top(),
                 "the label is far from the picker");
        const QString name = accessible(picker, QAccessible::Name);
        QVERIFY2(name.startsWith(text.chopped(text.endsWith(u':') ? 1 : 0), Qt::CaseInsensitive),
                 qPrintable(name + QStringLiteral(" / ") + text));
    }

    /// The file name field of the file dialog on show.
    QString suggestedFileName() const
    {
        QQuickItem* field = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    field = m_ui->item(QStringLiteral("fileNameTextField"));
                    return field != nullptr;
                },
                e2e::kPatienceMs))
            return {};
        return field->property("text").toString();
    }

    void exportsOpenTheirSaveDialogs()
    {
        QQuickItem* picker = m_ui->item(QStringLiteral("reportHirePicker"));
        QVERIFY(picker);
        const QString csvName =
            QStringLiteral("onboarding-report-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
        const QList<std::tuple<QString, QString, QString>> exports{
            {QStringLiteral("reportExportCsv"), QStringLiteral("Export"), csvName},
            {QStringLiteral("reportExportPdf"), QStringLiteral("Save"), QString()}};
        for (auto [button, accept, fileName] : exports) {
            if (fileName.isEmpty()) {
                // A summary is one hire's: the one chosen in the picker.
                QVERIFY(m_ui->chooseRow(QStringLiteral("reportHirePicker"), 1));
                QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
                const QString hire = picker->property("currentValue").toString();
                QVERIFY(!hire.isEmpty());
                fileName = QStringLiteral("%1-onboarding-summary.pdf").arg(hire);
            }
            QVERIFY(m_ui->click(button));
            QObject* dialog = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (QObject* d : m_ui->item(QStringLiteral("report"))->findChildren<QObject*>()) {
                        if (d->inherits("QQuickFileDialog") && d->property("visible").toBool())
                            dialog = d;
                    }
                    return dialog != nullptr;
                }(),
                e2e::kPatienceMs);
            QVERIFY2(dialog->property("title").toString().length() > 0, qPrintable(button));
            // A save dialog says so on its button, not "Open".
            QTRY_VERIFY_WITH_TIMEOUT(!dialogButtonTexts().isEmpty(), e2e::kPatienceMs);
            const QStringList texts = dialogButtonTexts();
            QVERIFY2(texts.contains(accept), qPrintable(button + QStringLiteral(": ") + texts.join(u',')));
            QVERIFY2(!texts.contains(QStringLiteral("Open")),
                     qPrintable(button + QStringLiteral(": ") + texts.join(u',')));
            // It suggests a file name that says what the file holds.
            QCOMPARE(suggestedFileName(), fileName);
            QMetaObject::invokeMethod(dialog, "reject");
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        }
        QVERIFY(m_ui->chooseRow(QStringLiteral("reportHirePicker"), 0));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
    }

    /// The page's ReportBackend.
    QObject* backend() const { return e2e::findObjectOfClass(m_ui->item(QStringLiteral("report")), "ReportBackend"); }

    // The Hire picker is what the page is about: a hire picked, the charts
    // show that hire's progress, waits and overdue steps alone, and the
    // exports are theirs; "All hires", its first row, brings everyone back.
    void pickingAHireShowsTheirProgress()
    {
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* picker = m_ui->item(QStringLiteral("reportHirePicker"));
        QVERIFY(picker);
        QCOMPARE(picker->property("currentText").toString(), QStringLiteral("All hires"));
        // No summary of all hires at once: the button asks which hire first.
        QCOMPARE(accessible(m_ui->item(QStringLiteral("reportExportPdf")), QAccessible::Description),
                 QStringLiteral("Asks which hire first"));
        const auto description = [&](const QString& name) { return accessible(chart(name), QAccessible::Description); };
        const auto barLabels = [&](const QString& name) {
            QStringList labels;
            const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
                if (item->objectName() == QLatin1String("chartBarLabel") && item->isVisible())
                    labels << item->property("text").toString();
                const auto children = item->childItems();
                for (QQuickItem* child : children)
                    visit(child);
            };
            visit(chart(name));
            return labels;
        };
        QVERIFY(description(QStringLiteral("progressChart")).contains(QStringLiteral("Sam Early")));

        int lee = -1;
        QVERIFY(QMetaObject::invokeMethod(picker, "find", Q_RETURN_ARG(int, lee),
                                          Q_ARG(QString, QStringLiteral("Lee Later"))));
        QVERIFY2(lee > 0, "Lee Later is not in the picker");
        QVERIFY(m_ui->chooseRow(QStringLiteral("reportHirePicker"), lee));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(barLabels(QStringLiteral("progressChart")), QStringList{QStringLiteral("Lee Later")},
                                  e2e::kPatienceMs);
        const QString progress = description(QStringLiteral("progressChart"));
        QVERIFY2(progress.contains(QStringLiteral("Lee Later: 1 of 5 steps done")), qPrintable(progress));
        QVERIFY2(!progress.contains(QStringLiteral("Sam Early")), qPrintable(progress));
        const QStringList overdue = barLabels(QStringLiteral("overdueChart"));
        QVERIFY(!overdue.isEmpty());
        for (const QString& label : overdue)
            QVERIFY2(label.startsWith(QStringLiteral("Lee Later")), qPrintable(overdue.join(u'|')));
        QCOMPARE(picker->property("currentText").toString(), QStringLiteral("Lee Later"));
        QQuickItem* pdf = m_ui->item(QStringLiteral("reportExportPdf"));
        QVERIFY(pdf->isEnabled());
        QVERIFY2(accessible(pdf, QAccessible::Name).contains(QStringLiteral("Lee Later")),
                 qPrintable(accessible(pdf, QAccessible::Name)));
        QVERIFY2(accessible(m_ui->item(QStringLiteral("reportExportCsv")), QAccessible::Name)
                     .contains(QStringLiteral("Lee Later")),
                 "the CSV export does not say whose report it holds");

        // The CSV holds the rows of the hire picked, and theirs only.
        const QString hire = picker->property("currentValue").toString();
        QObject* report = backend();
        QVERIFY(report);
        const QString file = m_dir.filePath(QStringLiteral("lee.csv"));
        QVERIFY(QMetaObject::invokeMethod(report, "exportCsv", Q_ARG(QUrl, QUrl::fromLocalFile(file))));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), e2e::kPatienceMs);
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QVERIFY(lines.size() > 1);
        for (qsizetype i = 1; i < lines.size(); ++i)
            QVERIFY2(lines.at(i).startsWith(QByteArray(hire.toUtf8() + ',')), lines.at(i).constData());

        // "All hires" brings every hire back.
        QVERIFY(m_ui->chooseRow(QStringLiteral("reportHirePicker"), 0));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(description(QStringLiteral("progressChart")).contains(QStringLiteral("Sam Early")),
                                 e2e::kPatienceMs);
        QVERIFY(description(QStringLiteral("progressChart")).contains(QStringLiteral("Lee Later")));
        QVERIFY(barLabels(QStringLiteral("progressChart")).size() > 1);
        QCOMPARE(accessible(m_ui->item(QStringLiteral("reportExportPdf")), QAccessible::Description),
                 QStringLiteral("Asks which hire first"));
        QCOMPARE(picker->property("currentText").toString(), QStringLiteral("All hires"));
        const QStringList overflowing = e2e::overflowingItems(m_window);
        QVERIFY2(overflowing.isEmpty(), qPrintable(overflowing.join(u'\n')));
    }

    // The heading is whole at 1024x640 in English and German: the picker
    // and the exports go under it where they do not fit beside it.
    void theHeadingIsWholeInEitherLanguage()
    {
        for (const QString& language : {QStringLiteral("de"), QStringLiteral("en")}) {
            QVERIFY(Appearance::instance()->setLanguage(language));
            QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
            QQuickItem* heading = m_ui->item(QStringLiteral("reportHeading"));
            QVERIFY(heading);
            const auto children = heading->childItems();
            for (QQuickItem* text : children)
                QVERIFY2(!text->property("truncated").toBool(),
                         qPrintable(language + QStringLiteral(": ") + text->property("text").toString()));
            checkNothingCutOff(language);
            QQuickItem* picker = m_ui->item(QStringLiteral("reportHirePicker"));
            QVERIFY(picker && picker->width() > 0);
        }
        QSettings().remove(QStringLiteral("language"));
    }

    // The checklist editor's step list at 1024x640: a section name ("First
    // week") beside a step's tags is shown whole, never cut to "First …".
    void sectionNamesInTheEditorAreShownWhole()
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("admin"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(m_ui->click(QStringLiteral("tab-checklists")));
        QQuickItem* list = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((list = m_ui->item(QStringLiteral("editorStepList"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QCOMPARE(m_window->width(), 1024);
        QList<QQuickItem*> sections;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
            if (item->isVisible() && item->property("text").toString() == QLatin1String("First week"))
                sections << item;
            const auto children = item->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(list);
        QVERIFY(!sections.isEmpty());
        for (QQuickItem* section : std::as_const(sections))
            QVERIFY2(!section->property("truncated").toBool(), "a section name is cut");
    }

    void cleanupTestCase() { closeWindow(); }
};

ONRAMP_E2E_MAIN(TestReportPage)

#include "TestReportPage.moc"
