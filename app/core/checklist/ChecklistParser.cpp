#include "checklist/ChecklistParser.h"

#include "checklist/ChecklistRules.h"
#include "checklist/InputText.h"
#include "checklist/MarkdownImport.h"
#include "checklist/ParseContext.h"

#include <QFile>
#include <QFileInfo>

namespace onramp {

using detail::Mapping;
using detail::ParseContext;

namespace {

void readFormatVersion(ParseContext& ctx, const Mapping& top)
{
    if (!top.hasValue(QStringLiteral("onramp"))) {
        ctx.error(
            1, 1,
            QCoreApplication::translate("onramp", "the format version is missing: start the file with 'onramp: %1'")
                .arg(kChecklistFormatVersion));
        return;
    }
    const YAML::Node value = top.entries.value(QStringLiteral("onramp")).value;
    const QString written = value.IsScalar() ? detail::scalarText(value) : QString();
    bool ok = false;
    const int version = written.toInt(&ok);
    if (!value.IsScalar() || !ok) {
        ctx.error(top.markOf(QStringLiteral("onramp")),
                  QCoreApplication::translate("onramp", "'onramp' must be a format version number such as %1")
                      .arg(kChecklistFormatVersion));
    } else if (version != kChecklistFormatVersion) {
        ctx.error(
            top.markOf(QStringLiteral("onramp")),
            QCoreApplication::translate("onramp", "format version %1 is not supported; this Onramp reads 'onramp: %2'")
                .arg(written)
                .arg(kChecklistFormatVersion));
    }
}

QStringList readProductionHosts(ParseContext& ctx, const Mapping& top)
{
    QStringList hosts;
    if (!top.hasValue(QStringLiteral("production_hosts")))
        return hosts;
    const YAML::Node list = top.entries.value(QStringLiteral("production_hosts")).value;
    if (!ctx.list(
            list, top.markOf(QStringLiteral("production_hosts")),
            QCoreApplication::translate("onramp", "'production_hosts' must be a list of host names"),
            limits::kProductionHosts,
            QCoreApplication::translate("onramp", "'production_hosts' has more than %1 entries; that is the limit")
                .arg(limits::kProductionHosts)))
        return hosts;
    const QString what = QCoreApplication::translate("onramp", "an entry of 'production_hosts'");
    for (const YAML::Node& item : list) {
        if (item.IsScalar() && !ctx.cleanText(item.Mark(), item, what))
            continue;
        const QString host = item.IsScalar() ? detail::scalarText(item).trimmed() : QString();
        if (!ctx.withinLength(item.Mark(), host, what, limits::kHostLength))
            continue;
        // A checklist already in the vault keeps the entries older versions let in.
        const QString entry = ctx.enforcing() ? productionHostEntry(host) : host.contains(u' ') ? QString() : host;
        if (entry.isEmpty()) {
            ctx.error(
                item.Mark(),
                QCoreApplication::translate("onramp",
                                            "each entry of 'production_hosts' must be a host name or a glob "
                                            "such as '*.prod.example.com', without a scheme, user, port or path"));
            continue;
        }
        ctx.keep(item.Mark(), entry.size());
        hosts.append(entry);
    }
    return hosts;
}

std::optional<Step> readStep(ParseContext& ctx, const YAML::Node& node, int index, QMap<QString, YAML::Mark>& seenIds)
{
    static const QStringList known = {QStringLiteral("id"),     QStringLiteral("section"), QStringLiteral("title"),
                                      QStringLiteral("body"),   QStringLiteral("due"),     QStringLiteral("required"),
                                      QStringLiteral("signoff")};
    // Name the step by its id in messages when it has a usable one.
    const QString slug = detail::slugIdOf(node);
    const QString subject = slug.isEmpty() ? QCoreApplication::translate("onramp", "step %1").arg(index)
                                           : QCoreApplication::translate("onramp", "step '%1'").arg(slug);
    const std::optional<Mapping> m = ctx.mapping(
        node, known, QCoreApplication::translate("onramp", "in %1").arg(subject),
        QCoreApplication::translate("onramp", "each step must be a mapping with at least 'id' and 'title'"));
    if (!m)
        return std::nullopt;

    Step step;
    bool good = true;
    if (const auto id =
            ctx.uniqueId(*m, subject, seenIds, QCoreApplication::translate("onramp", "step id '%1' is not a slug: %2"),
                         QCoreApplication::translate("onramp", "duplicate step id '%1' (first at %2:%3)"), &good))
        step.id = *id;
    else
        good = false;
    if (const auto title = ctx.text(*m, QStringLiteral("title"), subject, true, limits::kTitleLength))
        step.title = *title;
    else
        good = false;
    step.section = ctx.text(*m, QStringLiteral("section"), subject, false, limits::kTitleLength).value_or(QString());
    // Trailing newlines of a YAML block scalar are layout, not content; the
    // limit counts what is kept.
    step.body = ctx.text(*m, QStringLiteral("body"), subject, false, -1).value_or(QString());
    while (!step.body.isEmpty() && step.body.back().isSpace())
        step.body.chop(1);
    ctx.withinLength(m->markOf(QStringLiteral("body")), step.body,
                     QCoreApplication::translate("onramp", "'%1' of %2").arg(QStringLiteral("body"), subject),
                     limits::kBodyLength);
    if (m->hasValue(QStringLiteral("due"))) {
        step.dueDays = ctx.number(*m, QStringLiteral("due"), 0, 3650,
                                  QCoreApplication::translate(
                                      "onramp", "'due' of %1 must be a whole number of days from 0 to 3650 (got '%2')")
                                      .arg(subject, QStringLiteral("%1")));
        good = good && step.dueDays.has_value();
    }
    step.required = ctx.flag(*m, QStringLiteral("required"), subject);
    step.signoff = ctx.flag(*m, QStringLiteral("signoff"), subject);
    if (step.signoff && !step.required) {
        // A step the mentor reviews gates production access (Gate.h): it is
        // required. A new file that says otherwise contradicts itself; a
        // version already stored that says so is read as required.
        if (ctx.enforcing() && m->hasValue(QStringLiteral("required")))
            ctx.error(m->markOf(QStringLiteral("required")),
                      QCoreApplication::translate("onramp",
                                                  "'required: false' contradicts 'signoff: true' in %1: a step the "
                                                  "mentor reviews always gates production access, so it is required; "
                                                  "remove 'required: false'")
                          .arg(subject));
        step.required = true;
    }
    good = ctx.keep(node.Mark(), step.id.size() + step.section.size() + step.title.size() + step.body.size()) && good;
    return good ? std::optional<Step>(step) : std::nullopt;
}

void readChecklist(ParseContext& ctx, const Mapping& top, Checklist& out)
{
    if (!top.hasValue(QStringLiteral("checklist"))) {
        ctx.error(top.has(QStringLiteral("checklist")) ? top.markOf(QStringLiteral("checklist")) : top.mark,
                  QCoreApplication::translate("onramp",
                                              "'checklist:' is missing; it holds the checklist's id, title and steps"));
        return;
    }
    static const QStringList known = {QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("steps")};
    const QString subject = QCoreApplication::translate("onramp", "the checklist");
    const std::optional<Mapping> m = ctx.mapping(
        top.entries.value(QStringLiteral("checklist")).value, known,
        QCoreApplication::translate("onramp", "in the checklist"),
        QCoreApplication::translate("onramp", "'checklist' must be a mapping with 'id', 'title' and 'steps'"));
    if (!m)
        return;
    if (const auto id = ctx.text(*m, QStringLiteral("id"), subject, true, limits::kIdLength)) {
        out.id = *id;
        if (!isSlug(out.id))
            ctx.error(m->markOf(QStringLiteral("id")),
                      QCoreApplication::translate("onramp", "checklist id '%1' is not a slug: %2")
                          .arg(out.id, detail::slugAdvice()));
    }
    out.title = ctx.text(*m, QStringLiteral("title"), subject, true, limits::kTitleLength).value_or(QString());
    ctx.keep(m->mark, out.id.size() + out.title.size());

    if (!m->hasValue(QStringLiteral("steps"))) {
        ctx.error(
            m->markOf(QStringLiteral("steps")),
            QCoreApplication::translate("onramp", "the checklist has no steps; list at least one under 'steps:'"));
        return;
    }
    const YAML::Node steps = m->entries.value(QStringLiteral("steps")).value;
    if (!ctx.list(steps, m->markOf(QStringLiteral("steps")),
                  QCoreApplication::translate("onramp", "'steps' must be a list of steps"), limits::kSteps,
                  QCoreApplication::translate("onramp", "the checklist has more than %1 steps; that is the limit")
                      .arg(limits::kSteps)))
        return;
    if (steps.size() == 0)
        ctx.error(
            m->markOf(QStringLiteral("steps")),
            QCoreApplication::translate("onramp", "the checklist has no steps; list at least one under 'steps:'"));
    QMap<QString, YAML::Mark> seenIds;
    int index = 0;
    for (const YAML::Node& node : steps) {
        if (ctx.overTotal())
            break;
        if (auto step = readStep(ctx, node, ++index, seenIds))
            out.steps.append(*step);
    }
}

} // namespace

ParseResult parseChecklist(const QByteArray& bytes, const QString& fileName, InputLimits limits)
{
    ParseContext ctx(fileName, limits);
    ParseResult result;
    // Text yaml-cpp would garble or pass on is refused where it stands.
    if (limits == InputLimits::Enforced) {
        if (const QString problem = detail::fileTextProblem(bytes, fileName); !problem.isEmpty()) {
            result.errors.append(problem);
            return result;
        }
    }
    YAML::Node root;
    try {
        root = YAML::Load(bytes.toStdString());
    } catch (const YAML::ParserException& e) {
        ctx.error(
            e.mark,
            QCoreApplication::translate("onramp", "not valid YAML or JSON: %1").arg(QString::fromStdString(e.msg)));
        result.errors = ctx.messages();
        return result;
    } catch (const YAML::Exception& e) {
        ctx.error(
            1, 1,
            QCoreApplication::translate("onramp", "not valid YAML or JSON: %1").arg(QString::fromStdString(e.msg)));
        result.errors = ctx.messages();
        return result;
    }
    if (root.IsNull() || !root.IsDefined()) {
        ctx.error(1, 1,
                  QCoreApplication::translate("onramp", "the file is empty; a checklist file starts with 'onramp: %1'")
                      .arg(kChecklistFormatVersion));
        result.errors = ctx.messages();
        return result;
    }

    try {
        static const QStringList known = {QStringLiteral("onramp"), QStringLiteral("production_hosts"),
                                          QStringLiteral("checklist"), QStringLiteral("credentials")};
        const std::optional<Mapping> top =
            ctx.mapping(root, known, QCoreApplication::translate("onramp", "at the top level"),
                        QCoreApplication::translate("onramp",
                                                    "a checklist file must be a mapping with 'onramp', 'checklist' "
                                                    "and, optionally, 'production_hosts' and 'credentials'"));
        if (top) {
            Checklist checklist;
            readFormatVersion(ctx, *top);
            checklist.productionHosts = readProductionHosts(ctx, *top);
            readChecklist(ctx, *top, checklist);
            if (top->hasValue(QStringLiteral("credentials")))
                checklist.credentials = detail::parseCredentials(
                    ctx, top->entries.value(QStringLiteral("credentials")).value, checklist.productionHosts);
            if (!ctx.hasErrors())
                result.checklist = checklist;
        }
    } catch (const YAML::Exception& e) {
        // A yaml-cpp accessor refused a node we did not expect; report, never crash.
        ctx.error(
            e.mark,
            QCoreApplication::translate("onramp", "could not read the file: %1").arg(QString::fromStdString(e.msg)));
    }
    result.errors = ctx.messages();
    if (!result.errors.isEmpty())
        result.checklist.reset();
    return result;
}

ParseResult parseChecklistFile(const QString& path)
{
    ParseResult result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errors.append(
            QStringLiteral("%1:1:1: %2")
                .arg(path, QCoreApplication::translate("onramp", "cannot read the file: %1").arg(file.errorString())));
        return result;
    }
    // One byte more than the limit tells an oversized file (or a device) apart.
    const QByteArray bytes = file.read(limits::kFileBytes + 1);
    if (const QString problem = detail::fileSizeProblem(bytes, path); !problem.isEmpty()) {
        result.errors.append(problem);
        return result;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("md") || suffix == QLatin1String("markdown"))
        return importMarkdown(bytes, path);
    return parseChecklist(bytes, path);
}

} // namespace onramp
