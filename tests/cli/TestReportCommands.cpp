// `onramp report` through the real binary, over the vault of ReportFixture.h:
// the figures as text, the CSV byte for byte as the core makes it (the
// app's export writes the same), who sees which hires, and a bad format.
#include "core/report/ReportFixture.h"

#include "report/Report.h"

#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

class TestReportCommands : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vault;

    RunResult run(const QString& who, const QByteArray& passphrase, QStringList args)
    {
        args << QStringLiteral("--vault") << m_vault << QStringLiteral("--as") << who;
        return runOnramp(args, passphrase, {{QStringLiteral("ONRAMP_NOW"), reportfixture::kNow.toString(Qt::ISODate)}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("vault"));
        const QString failed = reportfixture::build(m_vault);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void csvIsTheCoreReport()
    {
        const RunResult r = run(QStringLiteral("ada"), kAdminPassphrase, {"report", "--format", "csv"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        std::unique_ptr<Vault> admin;
        QVERIFY(!Vault::unlock(m_vault, QStringLiteral("ada"), kAdminPassphrase, &admin));
        QList<EnrollmentStatus> list;
        FixedClock clock(reportfixture::kNow);
        QVERIFY(!report::readEnrollments(*admin, &list, clock));
        QCOMPARE(r.out.toUtf8(), report::toCsv(list));
    }

    void textShowsTheFigures()
    {
        const RunResult r = run(QStringLiteral("ada"), kAdminPassphrase, {"report"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("  hal\t2/2\tproduction access granted\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("  2026-10\thires: 1, with access: 1\taverage 3.0 days, longest 3\n")));
        QVERIFY(r.out.contains(
            QStringLiteral("  sandbox-tests\taverage 15.0 h, longest 24.0 h; approved: 1, waiting: 1\n")));
        QVERIFY(r.out.contains(QStringLiteral("  zed\thandbook\tdue 2026-11-03, 17 days overdue\n")));
    }

    void aHireSeesOnlyThemselves()
    {
        const RunResult r = run(QStringLiteral("hal"), kHirePassphrase, {"report", "--format", "csv"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out.count(QStringLiteral("\r\n")), 1 + 3);
        QVERIFY(!r.out.contains(QStringLiteral("hana")));
    }

    void anUnknownFormatIsAUsageError()
    {
        const RunResult r = run(QStringLiteral("ada"), kAdminPassphrase, {"report", "--format", "xml"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'xml'")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReportCommands)
#include "TestReportCommands.moc"
