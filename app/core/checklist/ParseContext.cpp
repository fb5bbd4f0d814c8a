#include "checklist/ParseContext.h"

#include "checklist/ChecklistRules.h"
#include "checklist/InputText.h"

#include <QStringDecoder>

#include <algorithm>

namespace onramp::detail {

QByteArray scalarUtf8(const YAML::Node& node)
{
    const std::string& bytes = node.Scalar();
    return yamlScalarUtf8(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
}

QString slugAdvice()
{
    return QCoreApplication::translate("onramp",
                                       "use lower-case letters, digits, '-' and '_', starting with a letter or digit");
}

QString scalarText(const YAML::Node& node)
{
    // QString::fromStdString would drop a leading U+FEFF as a byte order mark,
    // changing the text between import and re-import; keep it.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(scalarUtf8(node));
}

QString slugIdOf(const YAML::Node& item)
{
    if (!item.IsMap())
        return {};
    // A missing key on a const node is a "zombie" whose type queries throw.
    const YAML::Node id = item["id"];
    if (!id.IsDefined() || !id.IsScalar())
        return {};
    const QString text = scalarText(id);
    return isSlug(text) && text.size() <= limits::kIdLength ? text : QString();
}

bool Mapping::hasValue(const QString& name) const
{
    const auto it = entries.constFind(name);
    return it != entries.cend() && !it->value.IsNull();
}

YAML::Mark Mapping::markOf(const QString& name) const
{
    const auto it = entries.constFind(name);
    if (it == entries.cend())
        return mark;
    // yaml-cpp places an empty value at the next token; the key is clearer.
    if (it->value.IsNull() || it->value.Mark().is_null())
        return it->key.Mark();
    return it->value.Mark();
}

void ParseContext::error(const YAML::Mark& mark, const QString& message)
{
    if (mark.is_null())
        error(1, 1, message);
    else
        error(mark.line + 1, mark.column + 1, message);
}

void ParseContext::error(int line, int column, const QString& message)
{
    QString shown = message;
    for (QChar& c : shown) {
        if (c.category() == QChar::Other_Control)
            c = QChar::ReplacementCharacter;
    }
    m_issues.append({line, column, shown});
}

bool ParseContext::cleanText(const YAML::Mark& mark, const YAML::Node& scalar, const QString& what)
{
    if (!m_enforcing)
        return true;
    const std::optional<TextFault> fault = firstTextFault(scalarUtf8(scalar));
    if (!fault)
        return true;
    error(mark, QCoreApplication::translate("onramp", "%1 holds %2; %3").arg(what, fault->what, textRule()));
    return false;
}

bool ParseContext::withinLength(const YAML::Mark& mark, const QString& text, const QString& what, qsizetype maxLength)
{
    if (!m_enforcing || maxLength < 0 || text.size() <= maxLength)
        return true;
    const qsizetype length = characterCount(text);
    if (length <= maxLength)
        return true;
    error(mark,
          QCoreApplication::translate("onramp", "%1 is %2 characters long; the limit is %3")
              .arg(what)
              .arg(length)
              .arg(maxLength));
    return false;
}

bool ParseContext::keep(const YAML::Mark& mark, qsizetype units)
{
    if (!m_enforcing)
        return true;
    const bool wasOver = overTotal();
    m_kept += units;
    if (overTotal() && !wasOver)
        error(mark,
              QCoreApplication::translate("onramp",
                                          "the checklist holds more than %1 characters of text; that is the limit")
                  .arg(limits::kTextTotal));
    return !overTotal();
}

std::optional<QString> ParseContext::uniqueId(const Mapping& m, const QString& subject,
                                              QMap<QString, YAML::Mark>& seenIds, const QString& notASlug,
                                              const QString& duplicate, bool* good)
{
    const std::optional<QString> id = text(m, QStringLiteral("id"), subject, true, limits::kIdLength);
    if (!id)
        return id;
    const YAML::Mark mark = m.markOf(QStringLiteral("id"));
    if (!isSlug(*id)) {
        error(mark, notASlug.arg(*id, slugAdvice()));
        if (good)
            *good = false;
    } else if (seenIds.contains(*id)) {
        const YAML::Mark first = seenIds.value(*id);
        error(mark, duplicate.arg(*id).arg(first.line + 1).arg(first.column + 1));
        if (good)
            *good = false;
    } else {
        seenIds.insert(*id, mark);
    }
    return id;
}

bool ParseContext::list(const YAML::Node& node, const YAML::Mark& mark, const QString& notAList, qsizetype maxItems,
                        const QString& tooMany)
{
    if (!node.IsSequence()) {
        error(mark, notAList);
        return false;
    }
    return withinCount(node, maxItems, tooMany);
}

bool ParseContext::withinCount(const YAML::Node& list, qsizetype maxItems, const QString& message)
{
    if (!m_enforcing || qsizetype(list.size()) <= maxItems)
        return true;
    qsizetype index = 0;
    for (const YAML::Node& item : list) {
        if (index++ == maxItems) {
            error(item.Mark(), message);
            break;
        }
    }
    return false;
}

QStringList ParseContext::messages() const
{
    QList<Issue> sorted = m_issues;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Issue& a, const Issue& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    QStringList out;
    out.reserve(sorted.size());
    for (const Issue& i : sorted)
        out.append(QStringLiteral("%1:%2:%3: %4").arg(m_fileName).arg(i.line).arg(i.column).arg(i.message));
    return out;
}

std::optional<Mapping> ParseContext::mapping(const YAML::Node& node, const QStringList& known, const QString& where,
                                             const QString& notAMapping)
{
    if (!node.IsMap()) {
        error(node.Mark(), notAMapping);
        return std::nullopt;
    }
    Mapping m;
    m.mark = node.Mark();
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node key = it->first;
        if (!key.IsScalar()) {
            error(key.Mark(), QCoreApplication::translate("onramp", "keys must be plain names %1").arg(where));
            continue;
        }
        const QString name = scalarText(key);
        if (!known.contains(name)) {
            const QString shown = name.size() > 64 ? name.left(63) + QChar(0x2026) : name;
            error(key.Mark(),
                  QCoreApplication::translate("onramp", "unknown key '%1' %2; expected one of: %3")
                      .arg(shown, where, known.join(QLatin1String(", "))));
            continue;
        }
        const auto previous = m.entries.constFind(name);
        if (previous != m.entries.cend()) {
            const YAML::Mark first = previous->key.Mark();
            error(key.Mark(),
                  QCoreApplication::translate("onramp", "key '%1' appears twice %2 (first at %3:%4)")
                      .arg(name, where)
                      .arg(first.line + 1)
                      .arg(first.column + 1));
            continue;
        }
        m.entries.insert(name, Entry{key, it->second});
    }
    return m;
}

std::optional<QString> ParseContext::text(const Mapping& m, const QString& key, const QString& subject, bool required,
                                          qsizetype maxLength)
{
    if (!m.hasValue(key)) {
        if (required)
            error(m.has(key) ? m.markOf(key) : m.mark,
                  QCoreApplication::translate("onramp", "%1 has no '%2'").arg(subject, key));
        return std::nullopt;
    }
    const YAML::Node value = m.entries.value(key).value;
    if (!value.IsScalar()) {
        error(m.markOf(key), QCoreApplication::translate("onramp", "'%1' of %2 must be text").arg(key, subject));
        return std::nullopt;
    }
    const QString what = QCoreApplication::translate("onramp", "'%1' of %2").arg(key, subject);
    if (!cleanText(m.markOf(key), value, what))
        return std::nullopt;
    const QString result = scalarText(value);
    if (!withinLength(m.markOf(key), result, what, maxLength))
        return std::nullopt;
    if (required && result.trimmed().isEmpty()) {
        error(m.markOf(key), QCoreApplication::translate("onramp", "'%1' of %2 is empty").arg(key, subject));
        return std::nullopt;
    }
    return result;
}

bool ParseContext::flag(const Mapping& m, const QString& key, const QString& subject)
{
    if (!m.hasValue(key))
        return false;
    const YAML::Node value = m.entries.value(key).value;
    bool result = false;
    if (!value.IsScalar() || !YAML::convert<bool>::decode(value, result)) {
        const QString written = value.IsScalar() ? scalarText(value) : QStringLiteral("…");
        error(m.markOf(key),
              QCoreApplication::translate("onramp", "'%1' of %2 must be true or false (got '%3')")
                  .arg(key, subject, written));
        return false;
    }
    return result;
}

std::optional<qint64> ParseContext::number(const Mapping& m, const QString& key, qint64 min, qint64 max,
                                           const QString& badValue)
{
    const YAML::Node value = m.entries.value(key).value;
    const QString written = value.IsScalar() ? scalarText(value) : QStringLiteral("…");
    bool ok = false;
    const qint64 n = written.toLongLong(&ok);
    // toLongLong accepts "+1" and " 1"; a day count is plain digits.
    const bool plain = !written.isEmpty()
        && std::all_of(written.cbegin(), written.cend(), [](QChar c) { return c.isDigit() || c == u'-'; });
    if (!value.IsScalar() || !ok || !plain || n < min || n > max) {
        error(m.markOf(key), badValue.arg(written));
        return std::nullopt;
    }
    return n;
}

} // namespace onramp::detail
