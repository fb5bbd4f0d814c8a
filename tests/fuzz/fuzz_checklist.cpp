// libFuzzer target for the checklist importer: YAML/JSON and Markdown must
// never crash, must explain every refusal with a position, and whatever they
// accept must survive export and re-import unchanged.
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"
#include "checklist/MarkdownImport.h"

#include <QRegularExpression>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void require(bool condition, const char* what, const QByteArray& detail = {})
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_checklist: %s\n%s\n", what, detail.constData());
        std::abort();
    }
}

void check(const onramp::ParseResult& result, const QString& fileName)
{
    static const QRegularExpression positioned(QStringLiteral("^[^\\n]*:[1-9][0-9]*:[1-9][0-9]*: \\S"));
    require(result.ok() == result.errors.isEmpty(), "a result must have a checklist or errors, not both");
    for (const QString& error : result.errors) {
        require(error.startsWith(fileName + u':'), "an error must name the file", error.toUtf8());
        require(positioned.match(error).hasMatch(), "an error must carry LINE:COLUMN", error.toUtf8());
    }
    if (!result.ok())
        return;
    const QByteArray yaml = onramp::toYaml(*result.checklist);
    const onramp::ParseResult again = onramp::parseChecklist(yaml, QStringLiteral("export.yaml"));
    require(again.ok(), "an exported checklist must import", yaml + '\n' + again.errors.join(u'\n').toUtf8());
    require(*again.checklist == *result.checklist, "import -> export -> import must be exact", yaml);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    check(onramp::parseChecklist(bytes, QStringLiteral("fuzz.yaml")), QStringLiteral("fuzz.yaml"));
    check(onramp::importMarkdown(bytes, QStringLiteral("fuzz.md")), QStringLiteral("fuzz.md"));
    return 0;
}
