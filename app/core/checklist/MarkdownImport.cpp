#include "checklist/MarkdownImport.h"

#include "checklist/ChecklistRules.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace onramp {

namespace {

QString positioned(const QString& fileName, qsizetype line, qsizetype column, const QString& message)
{
    return QStringLiteral("%1:%2:%3: %4").arg(fileName).arg(line).arg(column).arg(message);
}

// Lines indented under a step, with their common indentation removed.
QString dedentedBody(const QStringList& lines)
{
    qsizetype indent = -1;
    for (const QString& line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        qsizetype n = 0;
        while (n < line.size() && (line[n] == u' ' || line[n] == u'\t'))
            ++n;
        indent = indent < 0 ? n : std::min(indent, n);
    }
    QStringList out;
    for (const QString& line : lines)
        out.append(line.trimmed().isEmpty() ? QString() : line.mid(std::max<qsizetype>(indent, 0)));
    QString body = out.join(u'\n');
    while (!body.isEmpty() && body.back().isSpace())
        body.chop(1);
    while (body.startsWith(u'\n'))
        body.remove(0, 1);
    return body;
}

// Strips trailing "(required)" / "(signoff)" markers, in any order, setting the flags.
QString takeFlags(QString text, Step& step)
{
    static const QRegularExpression marker(QStringLiteral("\\s*\\((required|sign-?off)\\)\\s*$"),
                                           QRegularExpression::CaseInsensitiveOption);
    for (;;) {
        const QRegularExpressionMatch m = marker.match(text);
        if (!m.hasMatch())
            return text.trimmed();
        if (m.captured(1).compare(QLatin1String("required"), Qt::CaseInsensitive) == 0)
            step.required = true;
        else
            step.signoff = true;
        text.truncate(m.capturedStart());
    }
}

} // namespace

ParseResult importMarkdown(const QByteArray& bytes, const QString& fileName)
{
    static const QRegularExpression heading(QStringLiteral("^(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$"));
    static const QRegularExpression item(QStringLiteral("^(?:[-*+]|[0-9]{1,9}[.)])[ \\t]+\\[([ xX])\\][ \\t]*(.*)$"));
    static const QRegularExpression fence(QStringLiteral("^[ \\t]*(```|~~~)"));

    ParseResult result;
    Checklist checklist;
    const QStringList lines = QString::fromUtf8(bytes).remove(u'\r').split(u'\n');
    QString section;
    QSet<QString> ids;
    QStringList bodyLines;
    bool inStep = false;
    bool inFence = false;

    auto finishStep = [&] {
        if (inStep)
            checklist.steps.last().body = dedentedBody(bodyLines);
        bodyLines.clear();
        inStep = false;
    };

    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString& line = lines[n];
        const bool indented = line.startsWith(u' ') || line.startsWith(u'\t');
        // Inside a step, indented and blank lines (and fenced code) are its body.
        if (inStep && (inFence || indented || line.trimmed().isEmpty())) {
            if (fence.match(line).hasMatch())
                inFence = !inFence;
            bodyLines.append(line);
            continue;
        }
        finishStep();
        if (const QRegularExpressionMatch h = heading.match(line); h.hasMatch()) {
            if (h.capturedLength(1) == 1 && checklist.title.isEmpty())
                checklist.title = h.captured(2).trimmed();
            else if (h.capturedLength(1) > 1)
                section = h.captured(2).trimmed();
            continue;
        }
        const QRegularExpressionMatch i = item.match(line);
        if (!i.hasMatch())
            continue;
        Step step;
        step.section = section;
        step.title = takeFlags(i.captured(2), step);
        if (step.title.isEmpty()) {
            result.errors.append(positioned(fileName, n + 1, i.capturedStart(2) + 1,
                QCoreApplication::translate("onramp", "this checklist item has no text")));
            continue;
        }
        QString base = slugify(step.title);
        if (base.isEmpty())
            base = QStringLiteral("step");
        step.id = base;
        for (int k = 2; ids.contains(step.id); ++k)
            step.id = base + u'-' + QString::number(k);
        ids.insert(step.id);
        checklist.steps.append(step);
        inStep = true;
    }
    finishStep();

    if (checklist.title.isEmpty())
        checklist.title = QFileInfo(fileName).completeBaseName();
    checklist.id = slugify(checklist.title);
    if (checklist.id.isEmpty())
        checklist.id = slugify(QFileInfo(fileName).completeBaseName());
    // Whole-file problems come first, as if they sat at 1:1.
    QStringList fileErrors;
    if (checklist.id.isEmpty())
        fileErrors.append(positioned(fileName, 1, 1,
            QCoreApplication::translate("onramp", "the checklist needs a title: start the file with '# Title'")));
    if (checklist.steps.isEmpty())
        fileErrors.append(positioned(fileName, 1, 1,
            QCoreApplication::translate("onramp", "no checklist items found; write each step as '- [ ] text'")));
    result.errors = fileErrors + result.errors;
    if (result.errors.isEmpty())
        result.checklist = checklist;
    return result;
}

} // namespace onramp
