#include "HireSummaryPdf.h"
#include "EnrollmentBackend.h"
#include "Formats.h"
#include "StepListModel.h"

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
    // The words every screen shows for the state (stepStatusLabel()), as a cell's first word.
    QString state = stepStatusLabel(step);
    if (!state.isEmpty())
        state[0] = state[0].toUpper();
    // Overdue is said beside the state of a step not done, never instead of it.
    return step.overdue && !step.done ? HireSummary::tr("%1, overdue").arg(state) : state;
}

/// A table row of the facts at the top: a label in grey, its value beside it.
QString fact(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style=\"color: #555555; padding-right: 12px;\">%1</td><td>%2</td></tr>")
        .arg(label, value);
}

} // namespace

QString hireSummaryHtml(const EnrollmentStatus& s)
{
    const QString name = escaped(s.hire.shownName());
    QString out = QStringLiteral("<h1>%1</h1>").arg(HireSummary::tr("Onboarding summary: %1").arg(name));
    out += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\" style=\"margin-top: 6px;\">");
    out += fact(HireSummary::tr("Hire"), HireSummary::tr("%1 (signs in as %2)").arg(name, escaped(s.hire.name)));
    out += fact(HireSummary::tr("Checklist"),
                HireSummary::tr("%1, version %2").arg(escaped(s.checklistTitle), QString::number(s.checklistVersion)));
    out += fact(HireSummary::tr("Mentor"), escaped(s.mentor.shownName()));
    out += fact(HireSummary::tr("Started"), day(s.start));
    out += fact(HireSummary::tr("Progress"),
                escaped(progressText(s.doneCount(), int(s.steps.size()), s.awaitingReviewCount())));
    out += QStringLiteral("</table>");

    // The one state every screen shows (EnrollmentStatus::production()), with people's names.
    out += QStringLiteral("<h2>%1</h2>").arg(HireSummary::tr("Production access"));
    if (s.production() == ProductionAccess::Unlocked && s.productionExpired) {
        out += QStringLiteral("<p>%1</p>")
                   .arg(HireSummary::tr("Expired: signed off by %1 on %2; every production credential has run out "
                                        "since, until the mentor renews one.")
                            .arg(escaped(s.signedOffByDisplayName), day(s.signedOffAt)));
    } else if (s.production() == ProductionAccess::Unlocked) {
        out += QStringLiteral("<p>%1</p>")
                   .arg(HireSummary::tr("Granted: signed off by %1 on %2.")
                            .arg(escaped(s.signedOffByDisplayName), day(s.signedOffAt)));
    } else if (s.production() == ProductionAccess::Revoked) {
        out += QStringLiteral("<p>%1</p>")
                   .arg(HireSummary::tr("Revoked: signed off by %1 on %2, then revoked by %3 on %4.")
                            .arg(escaped(s.signedOffByDisplayName), day(s.signedOffAt), escaped(s.revokedByDisplayName),
                                 day(s.revokedAt)));
    } else {
        out += QStringLiteral("<p>%1</p><ul>").arg(HireSummary::tr("Locked. What stands before it:"));
        // Written for whoever reads the page (an admin, a mentor, a manager), not for the hire.
        StepReader reader;
        reader.kind = StepReader::Other;
        reader.hire = s.hire.shownName();
        reader.mentor = s.mentor.shownName();
        for (const Reason& r : s.decision.reasons)
            out += QStringLiteral("<li>%1</li>").arg(escaped(asSentence(EnrollmentBackend::reasonFor(s, r, reader))));
        out += QStringLiteral("</ul>");
    }

    out += QStringLiteral("<h2>%1</h2>").arg(HireSummary::tr("Steps"));
    out += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"5\" width=\"100%\" "
                          "style=\"border-collapse: collapse; border-color: #999999; font-size: 10pt;\"><tr>");
    // A step required for production says so under its title: a column of its own was too narrow for its word.
    const QList<std::pair<QString, int>> headings{{HireSummary::tr("Step"), 30},
                                                  {HireSummary::tr("State"), 22},
                                                  {HireSummary::tr("Due"), 16},
                                                  {HireSummary::tr("Done"), 16},
                                                  {HireSummary::tr("Approved"), 16}};
    for (const auto& [heading, width] : headings)
        out += QStringLiteral("<th align=\"left\" width=\"%2%\" bgcolor=\"#eeeeee\">%1</th>").arg(heading).arg(width);
    out += QStringLiteral("</tr>");
    for (const StepView& v : s.steps) {
        QString step = escaped(v.step.title.isEmpty() ? v.step.id : v.step.title);
        if (v.step.required)
            step += QStringLiteral("<br><span style=\"color: #555555;\">%1</span>")
                        .arg(HireSummary::tr("required for production access"));
        out += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                   .arg(step, escaped(stateText(v)), day(v.due), v.done ? day(v.doneAt) : QString(),
                        v.approved ? day(v.reviewedAt) : QString());
    }
    out += QStringLiteral("</table>");
    return out;
}

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
        document.setHtml(hireSummaryHtml(status));
        document.print(&writer);
    }
    buffer.close();
    if (!out->startsWith("%PDF-"))
        return Error(ErrorKind::Io, HireSummary::tr("The summary could not be laid out."));
    return {};
}

} // namespace onramp::ui
