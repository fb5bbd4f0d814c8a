// `onramp report`: the report page's figures as text, or the report as CSV,
// the same bytes the app's export writes. The figures and the CSV are made
// in app/core/report; this file only prints them.
#include "CliMain.h"
#include "Command.h"
#include "VaultAccess.h"

#include "Database.h"
#include "report/Report.h"
#include "vault/Vault.h"

namespace onramp::cli {

namespace {

void printProgress(Context& c, const report::HireProgress& p)
{
    c.out() << "  " << p.hire << '\t' << p.requiredDone << '/' << p.required << '\t'
            << (p.access        ? Tr::tr("production access granted")
                    : p.revoked ? Tr::tr("signed off, production access revoked")
                                : Tr::tr("production access locked"))
            << '\n';
}

void printSummary(Context& c, const report::Summary& f)
{
    QTextStream& out = c.out();
    out << Tr::tr("Days from start to production access, by start month:") << '\n';
    for (const report::Cohort& cohort : f.cohorts) {
        out << "  " << cohort.month << '\t'
            << Tr::tr("hires: %1, with access: %2").arg(cohort.hires).arg(cohort.withAccess);
        if (cohort.withAccess > 0)
            out << '\t'
                << Tr::tr("average %1 days, longest %2").arg(cohort.averageDays, 0, 'f', 1).arg(cohort.longestDays);
        out << '\n';
    }
    out << Tr::tr("Waits from done to approved, longest first:") << '\n';
    for (const report::StepWait& w : f.waits)
        out << "  " << w.stepId << '\t'
            << Tr::tr("average %1 h, longest %2 h; approved: %3, waiting: %4")
                   .arg(w.averageHours, 0, 'f', 1)
                   .arg(w.longestHours, 0, 'f', 1)
                   .arg(w.approved)
                   .arg(w.waiting)
            << '\n';
    out << Tr::tr("Overdue steps:") << '\n';
    for (const report::OverdueStep& o : f.overdue)
        out << "  " << o.hire << '\t' << o.stepId << '\t'
            << Tr::tr("due %1, %2 days overdue").arg(o.due.toString(Qt::ISODate)).arg(o.daysOverdue) << '\n';
}

int runReport(Context& c)
{
    const QString format = c.option(QStringLiteral("format"), QStringLiteral("text"));
    if (format != QLatin1String("text") && format != QLatin1String("csv"))
        return c.fail(ErrorKind::Usage, Tr::tr("--format is text or csv, not '%1'").arg(format));
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    const Clock& clock = defaultClock();
    // One snapshot; the hires are streamed a page at a time, never all in memory.
    Database::ReadTransaction read(vault->db());
    if (read.beginError())
        return c.fail(read.beginError());
    if (format == QLatin1String("csv")) {
        // The header goes out with the first row, so that a refusal prints nothing.
        bool started = false;
        const auto start = [&c, &started] {
            if (!started)
                c.out() << QString::fromUtf8(report::csvHeader());
            started = true;
        };
        if (Error e = report::forEachEnrollment(
                *vault,
                [&c, &start](const EnrollmentStatus& s) {
                    start();
                    c.out() << QString::fromUtf8(report::csvRows(s));
                    return Error();
                },
                clock))
            return c.fail(e);
        start();
        return 0;
    }
    // The figures first, so that a refusal prints nothing.
    report::Summary summary;
    if (Error e = report::summarize(*vault, &summary, -1, clock))
        return c.fail(e);
    c.out() << Tr::tr("Progress per hire (required steps done):") << '\n';
    if (Error e = report::forEachEnrollment(
            *vault,
            [&c](const EnrollmentStatus& s) {
                printProgress(c, report::progressOf(s));
                return Error();
            },
            clock))
        return c.fail(e);
    printSummary(c, summary);
    return 0;
}

} // namespace

void bindReportCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("report"), runReport);
}

} // namespace onramp::cli
