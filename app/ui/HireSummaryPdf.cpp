#include "HireSummaryPdf.h"
#include "Formats.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFont>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace onramp::ui {

namespace {

/// The translation context of the summary's words.
struct HireSummary {
    Q_DECLARE_TR_FUNCTIONS(HireSummary)
};

QString escaped(const QString& text)
{
    return text.toHtmlEscaped();
}

QString day(const QDate& date)
{
    return listDate(date);
}

QString day(const QDateTime& at)
{
    return at.isValid() ? day(at.toLocalTime().date()) : QString();
}

QString stateText(const StepView& step)
{
    if (step.approved)
        return HireSummary::tr("Approved");
    if (step.awaitingReview())
        return HireSummary::tr("Waiting for review");
    if (step.done)
        return HireSummary::tr("Done");
    if (step.overdue)
        return HireSummary::tr("Overdue");
    return HireSummary::tr("Open");
}

QString html(const EnrollmentStatus& s)
{
    const QString name = escaped(s.hire.shownName());
    QString out = QStringLiteral("<h1>%1</h1>").arg(HireSummary::tr("Onboarding summary: %1").arg(name));
    out += QStringLiteral("<p>%1<br>%2<br>%3<br>%4<br>%5</p>")
               .arg(HireSummary::tr("Hire: %1 (%2)").arg(name, escaped(s.hire.name)),
                    HireSummary::tr("Checklist: %1, version %2").arg(escaped(s.checklistTitle)).arg(s.checklistVersion),
                    HireSummary::tr("Mentor: %1").arg(escaped(s.mentor.shownName())),
                    HireSummary::tr("Started: %1").arg(day(s.start)),
                    HireSummary::tr("Progress: %1")
                        .arg(progressText(s.doneCount(), int(s.steps.size()), s.awaitingReviewCount())));
    // The one state every screen shows (EnrollmentStatus::production()), with people's names.
    if (s.production() == ProductionAccess::Unlocked) {
        out += QStringLiteral("<p><b>%1</b></p>")
                   .arg(HireSummary::tr("Production access: granted, signed off by %1 on %2")
                            .arg(escaped(s.signedOffByDisplayName), day(s.signedOffAt)));
    } else if (s.production() == ProductionAccess::Revoked) {
        out += QStringLiteral("<p><b>%1</b></p>")
                   .arg(HireSummary::tr("Production access: signed off by %1 on %2, then revoked by %3 on %4")
                            .arg(escaped(s.signedOffByDisplayName), day(s.signedOffAt), escaped(s.revokedByDisplayName),
                                 day(s.revokedAt)));
    } else {
        out += QStringLiteral("<p><b>%1</b></p><ul>").arg(HireSummary::tr("Production access: locked"));
        for (const Reason& r : s.decision.reasons)
            out += QStringLiteral("<li>%1</li>").arg(escaped(r.message));
        out += QStringLiteral("</ul>");
    }
    out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\" width=\"100%\"><tr>");
    for (const QString& heading : {HireSummary::tr("Step"), HireSummary::tr("Required"), HireSummary::tr("State"),
                                   HireSummary::tr("Due"), HireSummary::tr("Done"), HireSummary::tr("Approved")})
        out += QStringLiteral("<th align=\"left\">%1</th>").arg(heading);
    out += QStringLiteral("</tr>");
    for (const StepView& v : s.steps) {
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                   .arg(escaped(v.step.title), v.step.required ? HireSummary::tr("yes") : HireSummary::tr("no"),
                        stateText(v), day(v.due), v.done ? day(v.doneAt) : QString(),
                        v.approved ? day(v.reviewedAt) : QString());
    }
    out += QStringLiteral("</table>");
    return out;
}

} // namespace

Error hireSummaryPdf(const EnrollmentStatus& status, QByteArray* out)
{
    QBuffer buffer(out);
    if (!buffer.open(QIODevice::WriteOnly))
        return Error(ErrorKind::Io, HireSummary::tr("The summary could not be laid out."));
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(HireSummary::tr("Onboarding summary: %1").arg(status.hire.shownName()));
        writer.setCreator(QStringLiteral("Onramp"));
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(18, 18, 18, 18)));
        QTextDocument document;
        // Printed at the writer's resolution the default font is small for paper.
        QFont font = document.defaultFont();
        font.setPointSize(11);
        document.setDefaultFont(font);
        document.setHtml(html(status));
        document.print(&writer);
    }
    buffer.close();
    if (!out->startsWith("%PDF-"))
        return Error(ErrorKind::Io, HireSummary::tr("The summary could not be laid out."));
    return {};
}

} // namespace onramp::ui
