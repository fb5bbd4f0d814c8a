#include "checklist/MarkdownImport.h"

#include "checklist/ChecklistRules.h"
#include "checklist/InputText.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace onramp {

// Every step of the import is linear in the line it reads: headings and flags
// are taken apart by hand, because the patterns used for them were quadratic
// in the number of flags and, on a long heading, gave up at PCRE's match limit.

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
    static const QLatin1String markers[] = {QLatin1String("(required)"), QLatin1String("(signoff)"),
                                            QLatin1String("(sign-off)")};
    for (;;) {
        // ASCII blanks, as \s in a pattern without UseUnicodePropertiesOption.
        qsizetype end = text.size();
        while (end > 0 && text[end - 1].unicode() < 128 && text[end - 1].isSpace())
            --end;
        const QStringView rest = QStringView(text).first(end);
        const auto marker = std::find_if(std::begin(markers), std::end(markers), [&](QLatin1String m) {
            return rest.endsWith(m, Qt::CaseInsensitive);
        });
        if (marker == std::end(markers))
            return text.trimmed();
        if (marker == std::begin(markers))
            step.required = true;
        else
            step.signoff = true;
        text.truncate(end - marker->size());
    }
}

// "#"-"######", blanks, the text and an optional closing run of '#' after a
// blank: the level (0 if the line is no heading) and the text, trimmed.
int heading(const QString& line, QString* text)
{
    qsizetype level = 0;
    while (level < line.size() && line[level] == u'#')
        ++level;
    if (level < 1 || level > 6 || level == line.size() || (line[level] != u' ' && line[level] != u'\t'))
        return 0;
    qsizetype start = level;
    while (start < line.size() && (line[start] == u' ' || line[start] == u'\t'))
        ++start;
    qsizetype end = line.size();
    while (end > start && (line[end - 1] == u' ' || line[end - 1] == u'\t'))
        --end;
    qsizetype hashes = end;
    while (hashes > start && line[hashes - 1] == u'#')
        --hashes;
    if (hashes < end && hashes > start && (line[hashes - 1] == u' ' || line[hashes - 1] == u'\t'))
        end = hashes;
    *text = line.mid(start, end - start).trimmed();
    return int(level);
}

// The title's slug (else "step"), then with "-2", "-3", … until it is free.
// next remembers, per slug, the suffix to try first: ids are never freed, so
// every smaller one stays taken, and naming n steps alike costs n tries
// rather than n²/2.
QString uniqueId(const QString& title, QSet<QString>& ids, QHash<QString, int>& next)
{
    QString base = slugify(title);
    if (base.isEmpty())
        base = QStringLiteral("step");
    QString id = base;
    if (ids.contains(id)) {
        int& k = next[base];
        for (k = std::max(k, 2);; ++k) {
            id = base + u'-' + QString::number(k);
            if (!ids.contains(id))
                break;
        }
        ++k;
    }
    ids.insert(id);
    return id;
}

} // namespace

ParseResult importMarkdown(const QByteArray& bytes, const QString& fileName)
{
    static const QRegularExpression item(QStringLiteral("^(?:[-*+]|[0-9]{1,9}[.)])[ \\t]+\\[([ xX])\\][ \\t]*(.*)$"));
    static const QRegularExpression fence(QStringLiteral("^[ \\t]*(```|~~~)"));

    ParseResult result;
    if (const QString problem = detail::fileTextProblem(bytes, fileName); !problem.isEmpty()) {
        result.errors.append(problem);
        return result;
    }
    Checklist checklist;
    const QStringList lines = QString::fromUtf8(bytes).remove(u'\r').split(u'\n');
    QString section;
    QSet<QString> ids;
    QHash<QString, int> nextSuffix;
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
        QString text;
        if (const int level = heading(line, &text)) {
            if (level == 1 && checklist.title.isEmpty())
                checklist.title = text;
            else if (level > 1)
                section = text;
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
        step.id = uniqueId(step.title, ids, nextSuffix);
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
