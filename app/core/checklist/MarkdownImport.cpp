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

using detail::characterCount;

namespace {

QString positioned(const QString& fileName, qsizetype line, qsizetype column, const QString& message)
{
    return QStringLiteral("%1:%2:%3: %4").arg(fileName).arg(line).arg(column).arg(message);
}

// The 1-based column, in bytes like yaml-cpp's, of the character at index in line.
qsizetype columnOf(const QString& line, qsizetype index)
{
    return QStringView(line).first(index).toUtf8().size() + 1;
}

QString tooLong(const QString& what, const QString& text, int limit)
{
    return QCoreApplication::translate("onramp", "%1 is %2 characters long; the limit is %3")
        .arg(what)
        .arg(characterCount(text))
        .arg(limit);
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

// Strips trailing "(required)" / "(signoff)" markers, in any order, setting the
// flags; "(signoff)" sets both, as a step the mentor reviews is required.
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
        const auto marker = std::find_if(std::begin(markers), std::end(markers),
                                         [&](QLatin1String m) { return rest.endsWith(m, Qt::CaseInsensitive); });
        if (marker == std::end(markers))
            return text.trimmed();
        // A step the mentor reviews gates production access: it is required too.
        if (marker != std::begin(markers))
            step.signoff = true;
        step.required = true;
        text.truncate(end - marker->size());
    }
}

// "#"-"######", blanks, the text and an optional closing run of '#' after a
// blank: the level (0 if the line is no heading) and the text, trimmed.
int heading(const QString& line, QString* text, qsizetype* textStart)
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
    *textStart = start;
    return int(level);
}

// The title's slug (else "step"), then with "-2", "-3", … until it is free,
// cut so that the suffix still fits limits::kIdLength. next remembers, per
// slug, the suffix to try first: ids are never freed, so every smaller one
// stays taken, and naming n steps alike costs n tries rather than n²/2.
QString uniqueId(const QString& title, QSet<QString>& ids, QHash<QString, int>& next)
{
    QString base = slugify(title);
    if (base.isEmpty())
        base = QStringLiteral("step");
    QString id = base;
    if (ids.contains(id)) {
        int& k = next[base];
        for (k = std::max(k, 2);; ++k) {
            const QString suffix = u'-' + QString::number(k);
            id = base.left(limits::kIdLength - suffix.size());
            while (id.endsWith(u'-'))
                id.chop(1);
            id += suffix;
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
    qsizetype bodyLine = 0; // the first line of the body holding text
    bool inStep = false;
    bool inFence = false;
    // The text kept, counted as the YAML parser counts it (limits::kTextTotal).
    qint64 kept = 0;
    const auto keep = [&](qsizetype line, qsizetype units) {
        const bool wasOver = kept > limits::kTextTotal;
        kept += units;
        if (kept > limits::kTextTotal && !wasOver)
            result.errors.append(
                positioned(fileName, line, 1,
                           QCoreApplication::translate(
                               "onramp", "the checklist holds more than %1 characters of text; that is the limit")
                               .arg(limits::kTextTotal)));
        return kept <= limits::kTextTotal;
    };

    auto finishStep = [&] {
        if (inStep) {
            Step& step = checklist.steps.last();
            step.body = dedentedBody(bodyLines);
            if (characterCount(step.body) > limits::kBodyLength)
                result.errors.append(
                    positioned(fileName, bodyLine, 1,
                               tooLong(QCoreApplication::translate("onramp", "the body of step '%1'").arg(step.id),
                                       step.body, limits::kBodyLength)));
            keep(bodyLine, step.body.size());
        }
        bodyLines.clear();
        bodyLine = 0;
        inStep = false;
    };

    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString& line = lines[n];
        const bool indented = line.startsWith(u' ') || line.startsWith(u'\t');
        // Inside a step, indented and blank lines (and fenced code) are its body.
        if (inStep && (inFence || indented || line.trimmed().isEmpty())) {
            if (fence.match(line).hasMatch())
                inFence = !inFence;
            if (bodyLine == 0 && !line.trimmed().isEmpty())
                bodyLine = n + 1;
            bodyLines.append(line);
            continue;
        }
        finishStep();
        QString text;
        qsizetype textStart = 0;
        if (const int level = heading(line, &text, &textStart)) {
            const bool title = level == 1 && checklist.title.isEmpty();
            if (characterCount(text) > limits::kTitleLength) {
                result.errors.append(
                    positioned(fileName, n + 1, columnOf(line, textStart),
                               tooLong(title ? QCoreApplication::translate("onramp", "the checklist's title")
                                             : QCoreApplication::translate("onramp", "the section name"),
                                       text, limits::kTitleLength)));
            } else if (title) {
                checklist.title = text;
            } else if (level > 1) {
                section = text;
            }
            continue;
        }
        const QRegularExpressionMatch i = item.match(line);
        if (!i.hasMatch())
            continue;
        if (checklist.steps.size() == limits::kSteps) {
            result.errors.append(positioned(
                fileName, n + 1, 1,
                QCoreApplication::translate("onramp", "the checklist has more than %1 steps; that is the limit")
                    .arg(limits::kSteps)));
            break;
        }
        Step step;
        step.section = section;
        step.title = takeFlags(i.captured(2), step);
        if (step.title.isEmpty()) {
            result.errors.append(positioned(fileName, n + 1, columnOf(line, i.capturedStart(2)),
                                            QCoreApplication::translate("onramp", "this checklist item has no text")));
            continue;
        }
        if (characterCount(step.title) > limits::kTitleLength) {
            result.errors.append(positioned(
                fileName, n + 1, columnOf(line, i.capturedStart(2)),
                tooLong(QCoreApplication::translate("onramp", "the step's title"), step.title, limits::kTitleLength)));
            continue;
        }
        step.id = uniqueId(step.title, ids, nextSuffix);
        checklist.steps.append(step);
        inStep = true;
        if (!keep(n + 1, step.id.size() + step.section.size() + step.title.size()))
            break;
    }
    finishStep();

    if (checklist.title.isEmpty())
        checklist.title = QFileInfo(fileName).completeBaseName();
    checklist.id = slugify(checklist.title);
    if (checklist.id.isEmpty())
        checklist.id = slugify(QFileInfo(fileName).completeBaseName());
    // Whole-file problems come first, as if they sat at 1:1.
    const qsizetype stepErrors = result.errors.size();
    keep(1, checklist.id.size() + checklist.title.size());
    QStringList fileErrors = result.errors.mid(stepErrors);
    result.errors.resize(stepErrors);
    if (checklist.id.isEmpty())
        fileErrors.append(positioned(
            fileName, 1, 1,
            QCoreApplication::translate("onramp", "the checklist needs a title: start the file with '# Title'")));
    else if (characterCount(checklist.title) > limits::kTitleLength)
        fileErrors.append(
            positioned(fileName, 1, 1,
                       tooLong(QCoreApplication::translate("onramp", "the checklist's title (the file's name)"),
                               checklist.title, limits::kTitleLength)));
    if (checklist.steps.isEmpty())
        fileErrors.append(positioned(
            fileName, 1, 1,
            QCoreApplication::translate("onramp", "no checklist items found; write each step as '- [ ] text'")));
    result.errors = fileErrors + result.errors;
    if (result.errors.isEmpty())
        result.checklist = checklist;
    return result;
}

} // namespace onramp
