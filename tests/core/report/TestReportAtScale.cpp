// The report's aggregate figures over a vault of about 2,000 people, written
// in bulk as bench_scale writes them: report::summarize() gives the figures
// report::compute() gives over every hire's status, the progress pages hand
// out every hire exactly once, in order, and the streamed CSV is toCsv()'s.
// Forged reviews and sign-offs count for nothing on either path.
#include "ReportFixture.h"

#include "report/Report.h"
#include "vault/Vault.h"

#include "Database.h"

#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

namespace {

constexpr int kBulkHires = 2000;

QString bulkName(int i)
{
    return QStringLiteral("bulk%1").arg(i, 4, 10, QLatin1Char('0'));
}

QString text(const report::Cohort& c)
{
    return QStringLiteral("%1 %2 %3 %4 %5")
        .arg(c.month)
        .arg(c.hires)
        .arg(c.withAccess)
        .arg(c.averageDays)
        .arg(c.longestDays);
}

QString text(const report::StepWait& w)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6")
        .arg(w.stepId, w.title)
        .arg(w.approved)
        .arg(w.waiting)
        .arg(w.averageHours, 0, 'f', 6)
        .arg(w.longestHours, 0, 'f', 6);
}

QString text(const report::OverdueStep& o)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6")
        .arg(o.hire, o.displayName, o.stepId, o.title, o.due.toString(Qt::ISODate))
        .arg(o.daysOverdue);
}

QString text(const report::HireProgress& p)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
        .arg(p.hire, p.displayName)
        .arg(p.done)
        .arg(p.waiting)
        .arg(p.total)
        .arg(p.requiredDone)
        .arg(p.required)
        .arg(p.access);
}

template<typename T>
QStringList texts(const QList<T>& list)
{
    QStringList out;
    for (const T& item : list)
        out.append(text(item));
    return out;
}

} // namespace

class TestReportAtScale : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vaultDir;
    FixedClock m_clock{reportfixture::kNow};
    std::unique_ptr<Vault> m_admin;
    QList<EnrollmentStatus> m_all;
    report::Figures m_old;

    /// Every tenth bulk hire done two steps, every thirtieth waiting for a
    /// review, every fiftieth with a forged approval and every hundredth with
    /// a forged sign-off; start days over four months.
    QString addBulk()
    {
        Database& db = m_admin->db();
        Database::Transaction tx(db);
        const qint64 checklist = db.scalar(QStringLiteral("SELECT max(id) FROM checklists")).toLongLong();
        const qint64 mentor = m_admin->person(QStringLiteral("max"))->id;
        for (int i = 0; i < kBulkHires; ++i) {
            const QString name = bulkName(i);
            if (Error e = db.execute(QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, "
                                                    "created_at) VALUES (?1, ?2, 'hire', randomblob(32), ?3)"),
                                     {name, name.toUpper(), QStringLiteral("2026-08-01T00:00:00Z")}))
                return e.message;
            const QDate start = QDate(2026, 8, 1).addDays(i % 120);
            if (Error e = db.execute(QStringLiteral("INSERT INTO enrollments (hire_id, mentor_id, checklist_id, "
                                                    "start_date, created_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
                                     {db.lastInsertId(), mentor, checklist, start.toString(Qt::ISODate),
                                      QStringLiteral("2026-08-01T00:00:00Z")}))
                return e.message;
            const qint64 enrollment = db.lastInsertId();
            const QString doneAt = QDateTime(start.addDays(1), QTime(9, i % 60), Qt::UTC).toString(Qt::ISODate);
            const auto done = [&](const char* step) {
                return db.execute(QStringLiteral("INSERT INTO step_records (enrollment_id, step_id, done_at, note) "
                                                 "VALUES (?1, ?2, ?3, '')"),
                                  {enrollment, QString::fromLatin1(step), doneAt});
            };
            if (i % 10 == 0)
                if (Error e = done("handbook"))
                    return e.message;
            if (i % 30 == 0 || i % 50 == 0)
                if (Error e = done("sandbox-tests"))
                    return e.message;
            if (i % 50 == 0)
                if (Error e = db.execute(
                        QStringLiteral("INSERT INTO step_reviews (enrollment_id, step_id, checklist_version, "
                                       "mentor_id, decision, comment, at, signature) VALUES (?1, 'sandbox-tests', 1, "
                                       "?2, 'approved', '', ?3, randomblob(64))"),
                        {enrollment, mentor, doneAt}))
                    return e.message;
            if (i % 100 == 0)
                if (Error e = db.execute(QStringLiteral("INSERT INTO signoffs (enrollment_id, mentor_id, "
                                                        "checklist_version, decision, at, signature) VALUES (?1, ?2, "
                                                        "1, 'production-access', ?3, randomblob(64))"),
                                         {enrollment, mentor, doneAt}))
                    return e.message;
        }
        if (Error e = tx.commit())
            return e.message;
        // Bulk rows are not in the signed log: this session vouches for
        // them, as bench_scale's does, so that the figures are the queries'.
        m_admin->setLedgerVerified({db.dataVersion(), db.totalChanges()});
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vaultDir = m_dir.filePath(QStringLiteral("vault"));
        const QString failed = reportfixture::build(m_vaultDir);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        QVERIFY(!Vault::unlock(m_vaultDir, QStringLiteral("ada"), kAdminPassphrase, &m_admin));
        // The fixture's hires verified through the log first, as every admin's read does.
        QVERIFY(!report::readEnrollments(*m_admin, &m_all, m_clock));
        const QString bulk = addBulk();
        QVERIFY2(bulk.isEmpty(), qPrintable(bulk));
        m_all.clear();
        QVERIFY(!report::readEnrollments(*m_admin, &m_all, m_clock));
        QCOMPARE(m_all.size(), kBulkHires + 3);
        m_old = report::compute(m_all, m_clock.now());
    }

    void summaryEqualsEveryHiresFigures()
    {
        report::Summary summary;
        QVERIFY(!report::summarize(*m_admin, &summary, -1, m_clock));
        QCOMPARE(texts(summary.cohorts), texts(m_old.cohorts));
        QCOMPARE(texts(summary.waits), texts(m_old.waits));
        QCOMPARE(texts(summary.overdue), texts(m_old.overdue));
        QCOMPARE(summary.overdueTotal, m_old.overdue.size());
        QVERIFY(summary.overdueTotal > 1000);

        report::Counts counts;
        for (const EnrollmentStatus& s : std::as_const(m_all)) {
            ++counts.hires;
            counts.withAccess += s.locked() ? 0 : 1;
            counts.readyForSignoff += s.readyForSignoff() ? 1 : 0;
            counts.awaitingReview += s.awaitingReviewCount() > 0 ? 1 : 0;
            bool late = false;
            for (const StepView& v : s.steps)
                late = late || (s.locked() && v.overdue && v.due.isValid());
            counts.overdue += late ? 1 : 0;
        }
        QCOMPARE(summary.counts.hires, counts.hires);
        QCOMPARE(summary.counts.withAccess, counts.withAccess);
        QCOMPARE(summary.counts.readyForSignoff, counts.readyForSignoff);
        QCOMPARE(summary.counts.awaitingReview, counts.awaitingReview);
        QCOMPARE(summary.counts.overdue, counts.overdue);
        QVERIFY(counts.awaitingReview > 0);
    }

    // The summary reads with a larger page cache and gives the connection
    // its own size back, whether it was given in pages or in KiB.
    void summaryLeavesTheConnectionsCacheSizeAsItWas_data()
    {
        QTest::addColumn<QString>("size");
        QTest::newRow("pages") << QStringLiteral("300");
        QTest::newRow("KiB") << QStringLiteral("-2000");
        QTest::newRow("larger already") << QStringLiteral("-65536");
    }

    void summaryLeavesTheConnectionsCacheSizeAsItWas()
    {
        QFETCH(QString, size);
        Database& db = m_admin->db();
        QVERIFY(!db.execute(QStringLiteral("PRAGMA cache_size = ") + size));
        report::Summary summary;
        QVERIFY(!report::summarize(*m_admin, &summary, 100, m_clock));
        QCOMPARE(summary.counts.hires, m_all.size());
        QCOMPARE(db.scalar(QStringLiteral("PRAGMA cache_size")).toString(), size);
        QVERIFY(!db.execute(QStringLiteral("PRAGMA cache_size = -2000")));
    }

    void forgedSignoffsAndApprovalsCountForNothing()
    {
        report::Summary summary;
        QVERIFY(!report::summarize(*m_admin, &summary, -1, m_clock));
        // Only hal's sign-off is real; twenty forged ones are not access.
        QCOMPARE(summary.counts.withAccess, 1);
        int withAccess = 0;
        for (const report::Cohort& c : std::as_const(summary.cohorts))
            withAccess += c.withAccess;
        QCOMPARE(withAccess, 1);
        // Forty forged approvals leave their steps waiting for review.
        int approved = 0;
        for (const report::StepWait& w : std::as_const(summary.waits))
            approved += w.approved;
        QCOMPARE(approved, 1);
    }

    void overdueLimitKeepsTheMostOverdue_data()
    {
        QTest::addColumn<int>("limit");
        QTest::newRow("none") << 0;
        QTest::newRow("one") << 1;
        QTest::newRow("a page") << 100;
        QTest::newRow("a tie across start days") << 777;
    }

    void overdueLimitKeepsTheMostOverdue()
    {
        QFETCH(int, limit);
        report::Summary summary;
        QVERIFY(!report::summarize(*m_admin, &summary, limit, m_clock));
        QCOMPARE(texts(summary.overdue), texts(m_old.overdue.mid(0, limit)));
        QCOMPARE(summary.overdueTotal, m_old.overdue.size());
    }

    void progressPagesHandOutEveryHireOnce()
    {
        QList<report::HireProgress> paged;
        QString after;
        for (int pages = 0;; ++pages) {
            QVERIFY(pages <= kBulkHires / 100 + 1);
            QList<report::HireProgress> page;
            QVERIFY(!report::readProgress(*m_admin, after, 100, &page, m_clock));
            QVERIFY(page.size() <= 100);
            paged.append(page);
            if (page.size() < 100)
                break;
            after = page.constLast().hire;
        }
        QCOMPARE(paged.size(), m_all.size());
        QCOMPARE(texts(paged), texts(m_old.progress));
    }

    void streamedCsvIsTheWholeCsv()
    {
        QByteArray csv = report::csvHeader();
        QVERIFY(!report::forEachEnrollment(
            *m_admin,
            [&csv](const EnrollmentStatus& s) {
                csv += report::csvRows(s);
                return Error();
            },
            m_clock));
        QCOMPARE(csv, report::toCsv(m_all));
    }

    void aMentorSeesOnlyTheirMentees()
    {
        std::unique_ptr<Vault> mentor;
        QVERIFY(!Vault::unlock(m_vaultDir, QStringLiteral("max"), kMentorPassphrase, &mentor));
        mentor->setLedgerVerified({mentor->db().dataVersion(), mentor->db().totalChanges()});
        QList<EnrollmentStatus> theirs;
        QVERIFY(!report::readEnrollments(*mentor, &theirs, m_clock));
        report::Summary summary;
        QVERIFY(!report::summarize(*mentor, &summary, -1, m_clock));
        const report::Figures old = report::compute(theirs, m_clock.now());
        QCOMPARE(summary.counts.hires, theirs.size());
        QCOMPARE(texts(summary.cohorts), texts(old.cohorts));
        QCOMPARE(texts(summary.overdue), texts(old.overdue));
    }
};

QTEST_GUILESS_MAIN(TestReportAtScale)
#include "TestReportAtScale.moc"
