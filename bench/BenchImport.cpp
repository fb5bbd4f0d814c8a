// Checklist import throughput: Markdown through importMarkdown() and YAML and
// JSON through parseChecklist(), on inputs built in memory, one step a line.
// Usage: bench_import [LINES|FILE]...   (default: 10000 50000 100000); a
// FILE is read through parseChecklistFile() instead.
// Shapes: "md same" repeats one title (every id needs a suffix), "md varied"
// has distinct titles, flags and a body line per step; "yaml" and "json" hold
// one step a line in flow style. Three more put about 8 bytes a line into a
// few long lines, where a backtracking pattern would be quadratic: a heading
// with a run of blanks inside ("md blanks", refused as too long a title), a
// step with the flag "(required)" over and over ("md flags") and a step body
// after a run of empty lines ("md empty"). Each figure is the best of up to 3 runs.
#include "checklist/ChecklistParser.h"
#include "checklist/MarkdownImport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace onramp;

namespace {

struct Input {
    const char* shape;
    QByteArray bytes;
    std::function<ParseResult(const QByteArray&)> parse;
};

QByteArray markdownSame(qint64 lines)
{
    QByteArray out = "# Bench\n";
    for (qint64 i = 1; i < lines; ++i)
        out += "- [ ] a\n";
    return out;
}

QByteArray markdownVaried(qint64 lines)
{
    QByteArray out = "# Bench\n## Day one\n";
    for (qint64 n = 1; 2 + 2 * n <= lines; ++n) {
        out += "- [ ] Read chapter " + QByteArray::number(n) + (n % 3 == 0 ? " (required)\n" : "\n");
        out += "  Notes on the chapter, with *emphasis* and a [link](https://example.com).\n";
    }
    return out;
}

QByteArray markdownBlanks(qint64 lines)
{
    return "# a" + QByteArray(8 * lines, ' ') + "b\n- [ ] a\n";
}

QByteArray markdownFlags(qint64 lines)
{
    QByteArray out = "# T\n- [ ] a";
    for (qint64 i = 0; i < lines * 8 / 11; ++i)
        out += " (required)";
    return out + '\n';
}

QByteArray markdownEmpty(qint64 lines)
{
    return "# T\n- [ ] a\n" + QByteArray(8 * lines, '\n') + "  b\n";
}

QByteArray yaml(qint64 lines)
{
    QByteArray out = "onramp: 1\nchecklist:\n  id: bench\n  title: Bench\n  steps:\n";
    for (qint64 i = 5; i < lines; ++i)
        out += "    - {id: step-" + QByteArray::number(i) + ", title: Read chapter " + QByteArray::number(i)
            + ", required: true}\n";
    return out;
}

QByteArray json(qint64 lines)
{
    QByteArray out = "{\"onramp\": 1, \"checklist\": {\"id\": \"bench\", \"title\": \"Bench\", \"steps\": [\n";
    for (qint64 i = 2; i < lines; ++i)
        out += "  {\"id\": \"step-" + QByteArray::number(i) + "\", \"title\": \"Read chapter " + QByteArray::number(i)
            + "\"}" + (i + 1 < lines ? ",\n" : "\n");
    out += "]}}\n";
    return out;
}

void measure(const Input& input)
{
    const qint64 lines = input.bytes.count('\n');
    double best = 0;
    qsizetype steps = -1;
    QString problem;
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        const ParseResult result = input.parse(input.bytes);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        best = run == 0 ? ms : std::min(best, ms);
        steps = result.ok() ? result.checklist->steps.size() : -1;
        problem = result.errors.value(0);
        if (best > 1000)
            break;
    }
    std::printf("%-10s %9lld %10lld %9lld %10.1f %12.0f %8.1f %s\n", input.shape, static_cast<long long>(lines),
                static_cast<long long>(input.bytes.size()), static_cast<long long>(steps), best,
                double(lines) / (best / 1000), double(input.bytes.size()) / 1e6 / (best / 1000),
                steps < 0 ? qPrintable(QStringLiteral("refused: ") + problem.section(u' ', 1).left(60)) : "");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QList<qint64> sizes;
    QStringList files;
    for (const QString& arg : app.arguments().mid(1)) {
        bool number = false;
        const qint64 lines = arg.toLongLong(&number);
        if (number)
            sizes.append(lines);
        else
            files.append(arg);
    }
    if (sizes.isEmpty() && files.isEmpty())
        sizes = {10000, 50000, 100000};
    const auto markdown = [](const QByteArray& b) { return importMarkdown(b, QStringLiteral("bench.md")); };
    const auto parsed = [](const QByteArray& b) { return parseChecklist(b, QStringLiteral("bench.yaml")); };
    std::printf("%-10s %9s %10s %9s %10s %12s %8s\n", "shape", "lines", "bytes", "steps", "ms", "lines/s", "MB/s");
    for (const QString& file : files) {
        QFile in(file);
        const QByteArray bytes = in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
        measure({"file", bytes, [&file](const QByteArray&) { return parseChecklistFile(file); }});
    }
    for (const qint64 lines : sizes) {
        measure({"md same", markdownSame(lines), markdown});
        measure({"md varied", markdownVaried(lines), markdown});
        measure({"yaml", yaml(lines), parsed});
        measure({"json", json(lines), parsed});
        measure({"md blanks", markdownBlanks(lines), markdown});
        measure({"md flags", markdownFlags(lines), markdown});
        measure({"md empty", markdownEmpty(lines), markdown});
    }
    return 0;
}
