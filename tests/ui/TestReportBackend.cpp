// The report page's backend over the vault of ReportFixture.h: the four
// charts' bars and summaries, the CSV export (the core's bytes, owner-only)
// and one hire's PDF summary.
#include "core/report/ReportFixture.h"

#include "Formats.h"
#include "HireSummaryPdf.h"
#include "ReportBackend.h"
#include "Session.h"
#include "StepListModel.h"

#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "report/Report.h"
#include "vault/Vault.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using namespace onramp;
using namespace onramp::ui;
using namespace vaulttest;

namespace {

QStringList column(const ReportChartModel* chart, const char* key)
{
    QStringList values;
    for (int row = 0; row < chart->count(); ++row)
        values.append(chart->get(row).value(QString::fromLatin1(key)).toString());
    return values;
}

QList<double> shares(const ReportChartModel* chart)
{
    QList<double> values;
    for (int row = 0; row < chart->count(); ++row)
        values.append(chart->get(row).value(QStringLiteral("share")).toDouble());
    return values;
}

/// \a text as a PDF text string writes it: UTF-16BE after a byte order mark.
QByteArray pdfTextString(const QString& text)
{
    QByteArray out("\xfe\xff");
    for (const QChar c : text) {
        out.append(char(c.unicode() >> 8));
        out.append(char(c.unicode() & 0xff));
    }
    return out;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool ownerOnly(const QString& path)
{
    return (QFile(path).permissions()
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther))
        == QFileDevice::Permissions();
}

} // namespace

class TestReportBackend : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_vaultDir;

    /// Runs \a act and waits for done() or error(); the message, and whether it was done.
    bool finish(ReportBackend& backend, const std::function<void()>& act, QString* message)
    {
        QSignalSpy done(&backend, &ReportBackend::done);
        QSignalSpy failed(&backend, &ReportBackend::error);
        act();
        if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 30000))
            return false;
        *message = (done.isEmpty() ? failed : done).first().first().toString();
        return !done.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("ONRAMP_NOW", reportfixture::kNow.toString(Qt::ISODate).toLatin1());
        QVERIFY(m_dir.isValid());
        m_vaultDir = m_dir.filePath(QStringLiteral("vault"));
        const QString failed = reportfixture::build(m_vaultDir);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        Session::instance()->setVaultPath(m_vaultDir);
        const Error e = Session::instance()->unlockNow(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY2(!e, qPrintable(e.message));
    }

    void chartsHoldTheFigures()
    {
        ReportBackend backend;
        QTRY_COMPARE(backend.progress()->count(), 3);
        QTRY_VERIFY(!backend.isLoading());
        QVERIFY(backend.problem().isEmpty());

        QCOMPARE(column(backend.progress(), "key"), (QStringList{"hal", "hana", "zed"}));
        QCOMPARE(column(backend.progress(), "label"), (QStringList{"Hal Hire", "Hana, \"H\"", "=SUM(A1)"}));
        // All steps, as the hire's Home and the mentor's page count them; the required ones in words.
        // A step waiting for review is not done: hana's is said apart.
        QCOMPARE(shares(backend.progress()), (QList<double>{2.0 / 3, 0.0, 0.0}));
        QCOMPARE(column(backend.progress(), "valueText"), (QStringList{"2 of 3", "0 of 3", "0 of 3"}));
        QVERIFY2(backend.progress()->summary().contains(
                     QStringLiteral("0 of 3 steps done · 1 waiting for review, 0 of 2 required")),
                 qPrintable(backend.progress()->summary()));
        QCOMPARE(column(backend.progress(), "strong"), (QStringList{"true", "false", "false"}));
        // Nobody's access was revoked: no bar in the third tone, so no legend key for it.
        QCOMPARE(column(backend.progress(), "muted"), (QStringList{"false", "false", "false"}));
        QVERIFY(!backend.progress()->anyMuted());
        QVERIFY2(backend.progress()->summary().contains(
                     QStringLiteral("Hal Hire: 2 of 3 steps done, 2 of 2 required; production access granted")),
                 qPrintable(backend.progress()->summary()));
        QVERIFY(backend.progress()->summary().contains(
            QStringLiteral("=SUM(A1): 0 of 3 steps done, 0 of 2 required; production access locked")));

        QCOMPARE(column(backend.cohorts(), "key"), (QStringList{"2026-10", "2026-11"}));
        QCOMPARE(shares(backend.cohorts()), (QList<double>{1.0, 0.0}));
        QVERIFY2(backend.cohorts()->summary().contains(QStringLiteral("none with production access yet")),
                 qPrintable(backend.cohorts()->summary()));
        QVERIFY(backend.cohorts()->scaleText().startsWith(QStringLiteral("3 ")));

        // 6 and 24 hours: 15 on average, the longest bar on a scale of 15 hours.
        QCOMPARE(column(backend.waits(), "key"), QStringList{"sandbox-tests"});
        QCOMPARE(shares(backend.waits()), QList<double>{1.0});
        QVERIFY(backend.waits()->scaleText().startsWith(QStringLiteral("15 ")));
        QVERIFY(backend.waits()->summary().contains(QStringLiteral("1 approved, 1 waiting")));

        QCOMPARE(column(backend.overdue(), "key"), (QStringList{"hana", "zed"}));
        QCOMPARE(shares(backend.overdue()), (QList<double>{1.0, 1.0}));
        QVERIFY(backend.overdue()->scaleText().startsWith(QStringLiteral("17 ")));
        // The due date in the words of every list ("Nov 3, 2026"), not the locale's "11/3/26".
        const QString due = listDate(reportfixture::kNow.date().addDays(-17));
        for (const QString& said : column(backend.overdue(), "description"))
            QVERIFY2(said.contains(QStringLiteral(": due %1, ").arg(due)), qPrintable(said));
    }

    void lockingEmptiesTheCharts()
    {
        ReportBackend backend;
        QTRY_COMPARE(backend.progress()->count(), 3);
        Session::instance()->lock();
        QCOMPARE(backend.progress()->count(), 0);
        QCOMPARE(backend.overdue()->count(), 0);
        QVERIFY(backend.progress()->summary().isEmpty());
        const Error e = Session::instance()->unlockNow(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY2(!e, qPrintable(e.message));
        QTRY_COMPARE(backend.progress()->count(), 3);
    }

    void csvExportIsTheReportOwnerOnly()
    {
        ReportBackend backend;
        const QString path = m_dir.filePath(QStringLiteral("report.csv"));
        QString message;
        QVERIFY2(finish(
                     backend, [&] { backend.exportCsv(QUrl::fromLocalFile(path)); }, &message),
                 qPrintable(message));
        QVERIFY(message.contains(path));
        QVERIFY(ownerOnly(path));

        std::unique_ptr<Vault> admin;
        QVERIFY(!Vault::unlock(m_vaultDir, QStringLiteral("ada"), kAdminPassphrase, &admin));
        QList<EnrollmentStatus> list;
        QVERIFY(!report::readEnrollments(*admin, &list));
        QCOMPARE(readAll(path), report::toCsv(list));
        QVERIFY(readAll(path).contains("\r\nzed,'=SUM(A1),week-one,"));
    }

    void pdfSummaryNamesTheHire()
    {
        ReportBackend backend;
        const QString path = m_dir.filePath(QStringLiteral("hal.pdf"));
        QString message;
        QVERIFY2(finish(
                     backend, [&] { backend.exportPdf(QUrl::fromLocalFile(path), QStringLiteral("hal")); }, &message),
                 qPrintable(message));
        // Said with the name the page and the save dialog use, not the sign-in name.
        QVERIFY2(message.startsWith(QStringLiteral("Exported the summary of Hal Hire to ")), qPrintable(message));
        QVERIFY(ownerOnly(path));
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF-1."));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QVERIFY2(pdf.contains("/Count 1"), "the summary of a three-step checklist is one page");
        QVERIFY2(pdf.contains(pdfTextString(QStringLiteral("Onboarding summary: Hal Hire"))),
                 "the document's title names the hire");
        QVERIFY(!pdf.contains(kHirePassphrase));
    }

    /// The summary is read by an admin, a mentor or a manager: each step's
    /// state in words (a sent-back step is not "Open"), overdue beside the
    /// state, and the reasons production is locked written for that reader,
    /// in the app's quotes, not the gate's words to the hire.
    void theSummarySaysEachStateForItsReader()
    {
        EnrollmentStatus s;
        s.hire = Person{.name = QStringLiteral("hal"), .displayName = QStringLiteral("Hal Hire")};
        s.mentor = Person{.name = QStringLiteral("max"), .displayName = QStringLiteral("Max Mentor")};
        s.checklistTitle = QStringLiteral("First <b>week</b> & \"more\" %2");
        s.checklistVersion = 2;
        s.start = QDate(2026, 10, 5);
        const auto step = [](const char* id, const char* title, bool signoff) {
            StepView v;
            v.step.id = QString::fromLatin1(id);
            v.step.title = QString::fromLatin1(title);
            v.step.required = true;
            v.step.signoff = signoff;
            return v;
        };
        StepView sentBack = step("lunch", "Lunch with the team", true);
        sentBack.rejected = true;
        sentBack.overdue = true;
        StepView redone = step("tests", "Run the tests", true);
        redone.done = true;
        redone.rejected = true;
        StepView moved = step("drill", "Restore drill", true);
        moved.done = true;
        moved.approvedOnVersion = 1;
        s.steps = {sentBack, redone, moved};
        s.decision.reasons = {
            Reason{QStringLiteral("step-required"), QStringLiteral("lunch"),
                   QStringLiteral("the mentor asked for changes on 'Lunch with the team': make them and mark it done")},
            Reason{QStringLiteral("signoff-missing"), QString(),
                   QStringLiteral("no mentor has signed off production access yet")}};
        const QString html = hireSummaryHtml(s);
        // The words every screen shows for each state (stepStatusLabel), overdue beside it.
        for (const StepView& v : std::as_const(s.steps)) {
            QString label = stepStatusLabel(v);
            label[0] = label[0].toUpper();
            QVERIFY2(html.contains(v.overdue ? label + QStringLiteral(", overdue") : label), qPrintable(label));
        }
        QVERIFY2(html.contains(QStringLiteral("Changes asked, overdue")), qPrintable(html));
        QVERIFY2(!html.contains(QStringLiteral(">Open<")) && !html.contains(QStringLiteral(">To do<")),
                 qPrintable(html));
        QVERIFY2(html.contains(
                     QStringLiteral("Changes were asked on “Lunch with the team”; waiting for Hal Hire to redo it.")),
                 qPrintable(html));
        // The sign-off still to come, by the mentor it waits for.
        QVERIFY2(html.contains(QStringLiteral("Max Mentor has not signed off yet.")), qPrintable(html));
        QVERIFY2(!html.contains(QStringLiteral("do it again")), qPrintable(html));
        QVERIFY2(!html.contains(QLatin1Char('\'')), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("Hal Hire (signs in as hal)")), qPrintable(html));
        // What the vault holds is text: escaped, and a "%2" in it is no place for the version.
        QVERIFY2(html.contains(QStringLiteral("First &lt;b&gt;week&lt;/b&gt; &amp; &quot;more&quot; %2, version 2")),
                 qPrintable(html));
        QVERIFY(!html.contains(QStringLiteral("<b>week")));
    }

    // Signed off with every grant run out: "Expired", as the lists and the
    // mentor's page say. (Once production is open the status calls no step
    // overdue: TestWalkFixesTwentyOne::noStepIsOverdueOnceProductionIsOpen.)
    void theSummaryOfASignedOffHireSaysExpired()
    {
        EnrollmentStatus s;
        s.hire = Person{.name = QStringLiteral("sam"), .displayName = QStringLiteral("Sam Early")};
        s.mentor = Person{.name = QStringLiteral("max"), .displayName = QStringLiteral("Max Mentor")};
        s.checklistTitle = QStringLiteral("First week");
        s.checklistVersion = 1;
        s.start = QDate(2026, 10, 5);
        StepView lunch;
        lunch.step.id = QStringLiteral("lunch");
        lunch.step.title = QStringLiteral("Lunch with the team");
        lunch.due = QDate(2026, 10, 8);
        s.steps = {lunch};
        s.decision.allowed = true;
        s.signedOffBy = QStringLiteral("max");
        s.signedOffByDisplayName = QStringLiteral("Max Mentor");
        s.signedOffAt = QDateTime(QDate(2026, 10, 13), QTime(9, 0), Qt::UTC);
        s.productionExpired = true;
        const QString html = hireSummaryHtml(s);
        QVERIFY2(html.contains(QStringLiteral("Expired: signed off by Max Mentor on ")), qPrintable(html));
        QVERIFY2(!html.contains(QStringLiteral("Granted")), qPrintable(html));
        QVERIFY(report::progressOf(s).expired);
        // Still running: "Granted".
        s.productionExpired = false;
        QVERIFY2(hireSummaryHtml(s).contains(QStringLiteral("Granted: signed off by Max Mentor on ")),
                 qPrintable(hireSummaryHtml(s)));
    }

    void pdfOfSomeoneNotEnrolledIsRefused()
    {
        ReportBackend backend;
        const QString path = m_dir.filePath(QStringLiteral("nobody.pdf"));
        QString message;
        QVERIFY(!finish(
            backend, [&] { backend.exportPdf(QUrl::fromLocalFile(path), QStringLiteral("nobody")); }, &message));
        QVERIFY2(message.contains(QStringLiteral("nobody")), qPrintable(message));
        QVERIFY(!QFile::exists(path));

        QVERIFY(!finish(
            backend, [&] { backend.exportPdf(QUrl::fromLocalFile(path), QString()); }, &message));
        QVERIFY(!QFile::exists(path));
    }

    // Last: it enrolls more hires than a page holds.
    void progressChartReadsHiresAPageAtATime()
    {
        constexpr int kMore = 250;
        {
            std::unique_ptr<Vault> admin;
            QVERIFY(!Vault::unlock(m_vaultDir, QStringLiteral("ada"), kAdminPassphrase, &admin));
            std::vector<People::NewPerson> people;
            QList<Enrollments::NewEnrollment> enrollments;
            for (int i = 0; i < kMore; ++i) {
                const QString name = QStringLiteral("p%1").arg(i, 3, 10, QLatin1Char('0'));
                people.push_back(
                    {name, name.toUpper(), Role::Hire, SecureBytes::copyOf("page passphrase"), KdfLevel::Interactive});
                enrollments.append({name, QStringLiteral("week-one"), QStringLiteral("max"), QDate(2026, 11, 2)});
            }
            const Error added = People(*admin).addMany(people);
            QVERIFY2(!added, qPrintable(added.message));
            const Error enrolled = Enrollments(*admin).enrollMany(enrollments);
            QVERIFY2(!enrolled, qPrintable(enrolled.message));
        }
        ReportBackend backend;
        ReportChartModel* progress = backend.progress();
        QTRY_COMPARE_WITH_TIMEOUT(progress->count(), kMore + 3, 30000);
        // A view gets one page; the summary counts every hire instead of naming each.
        QCOMPARE(progress->rowCount(), ListModel::kPageSize);
        QCOMPARE(progress->bars().size(), ListModel::kPageSize);
        QVERIFY2(progress->summary().startsWith(QStringLiteral("253 hire")), qPrintable(progress->summary()));
        QVERIFY2(progress->summary().contains(QStringLiteral(": 1 with production access, 0 ready for sign-off")),
                 qPrintable(progress->summary()));
        QVERIFY2(!progress->summary().contains(QStringLiteral("P000")), qPrintable(progress->summary()));
        // Scrolling fetches the rest, read on the worker page by page.
        while (progress->canFetchMore({}))
            progress->fetchMore({});
        QCOMPARE(progress->rowCount(), kMore + 3);
        QTRY_COMPARE_WITH_TIMEOUT(progress->bars().size(), kMore + 3, 30000);
        QStringList keys;
        for (const ReportChartModel::Bar& bar : progress->bars())
            keys.append(bar.key);
        QStringList sorted = keys;
        sorted.sort();
        sorted.removeDuplicates();
        QCOMPARE(keys, sorted); // every hire once, in name order
        QCOMPARE(progress->data(progress->index(kMore + 2), ReportChartModel::KeyRole).toString(),
                 QStringLiteral("zed"));
    }
};

QTEST_MAIN(TestReportBackend)
#include "TestReportBackend.moc"
