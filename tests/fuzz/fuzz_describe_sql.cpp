// libFuzzer target for VaultSql::describe, which decides what the audit log keeps of
// a raw `vault sql` statement. The statement may hold a secret in a string
// literal (an INSERT or UPDATE, PRAGMA rekey's key) or a comment, so what it
// keeps must come from the statement's own words: the keyword from its first
// word, the table from a word or a quoted name, as SQLite's tokenizer reads
// them, never from inside a literal or a comment.
#include "vault/VaultSql.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void require(bool condition, const char* what, const QString& statement, const QJsonObject& described)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_describe_sql: %s\nstatement: %s\nkeyword: %s\ntable: %s\n", what,
                     statement.toUtf8().constData(),
                     described.value(QStringLiteral("keyword")).toString().toUtf8().constData(),
                     described.value(QStringLiteral("table")).toString().toUtf8().constData());
        std::abort();
    }
}

// [A-Za-z_][A-Za-z0-9_]*, by hand.
bool isPlainName(QStringView text)
{
    if (text.isEmpty() || (text[0] >= u'0' && text[0] <= u'9'))
        return false;
    return std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_';
    });
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$' || c.unicode() >= 0x80;
}

// The end of a quoted token that starts at i and ends with close (doubled to
// stand for itself, except in [...]); the input's end if open. Read with a
// regular expression, apart from the loop the describer uses.
qsizetype quotedEnd(const QString& sql, qsizetype i, QChar close)
{
    static const QRegularExpression single(QStringLiteral("'(?:[^']|'')*+'?"));
    static const QRegularExpression dbl(QStringLiteral("\"(?:[^\"]|\"\")*+\"?"));
    static const QRegularExpression tick(QStringLiteral("`(?:[^`]|``)*+`?"));
    static const QRegularExpression bracket(QStringLiteral("\\[[^\\]]*\\]?"));
    const QRegularExpression& token = close == u'\'' ? single : close == u'"' ? dbl : close == u'`' ? tick : bracket;
    const QRegularExpressionMatch m =
        token.match(sql, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
    return m.hasMatch() ? m.capturedEnd() : sql.size();
}

// What SQLite's tokenizer sees as names: the words and quoted names outside
// string literals and comments, and the first word of the statement.
struct Names {
    QStringList words;
    QSet<QString> quoted; ///< contents of "…", `…` and […] that are plain names
    QString first; ///< the first word; empty when the statement starts otherwise
    bool sawToken = false;
};

Names namesOf(const QString& sql)
{
    Names names;
    for (qsizetype i = 0; i < sql.size();) {
        const QChar c = sql[i];
        const QChar next = i + 1 < sql.size() ? sql[i + 1] : QChar();
        // SQLite's blanks, and a vertical tab, which SQLite refuses in a
        // statement: such a statement never runs, whatever it is called.
        if (c == u' ' || c == u'\t' || c == u'\n' || c == u'\f' || c == u'\r' || c == u'\v') {
            ++i;
            continue;
        }
        if (c == u'-' && next == u'-') {
            const qsizetype end = sql.indexOf(u'\n', i);
            i = end < 0 ? sql.size() : end;
            continue;
        }
        if (c == u'/' && next == u'*') {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? sql.size() : end + 2;
            continue;
        }
        const bool first = !names.sawToken;
        names.sawToken = true;
        if (c == u'\'') {
            i = quotedEnd(sql, i, u'\'');
        } else if (c == u'"' || c == u'`' || c == u'[') {
            const qsizetype end = quotedEnd(sql, i, c == u'[' ? u']' : c);
            const QStringView inside = QStringView(sql).sliced(i + 1, end - i - 1);
            const QStringView content = inside.endsWith(c == u'[' ? u']' : c) ? inside.chopped(1) : inside;
            if (isPlainName(content))
                names.quoted.insert(content.toString());
            i = end;
        } else if (isWordChar(c)) {
            qsizetype end = i;
            while (end < sql.size() && isWordChar(sql[end]))
                ++end;
            names.words.append(sql.mid(i, end - i));
            if (first)
                names.first = names.words.last();
            i = end;
        } else {
            ++i;
        }
    }
    return names;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString statement = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QJsonObject described = onramp::VaultSql::describe(statement);
    const Names names = namesOf(statement);

    require(described.size() == 1 || (described.size() == 2 && described.contains(QStringLiteral("table"))),
            "the description holds a keyword and at most a table", statement, described);
    const QString keyword = described.value(QStringLiteral("keyword")).toString();
    if (keyword != QLatin1String("?")) {
        static const QRegularExpression upper(QStringLiteral("^[A-Z]+$"));
        require(upper.match(keyword).hasMatch(), "the keyword is letters, upper-cased", statement, described);
        require(names.first.toUpper().startsWith(keyword), "the keyword is the start of the statement's first word",
                statement, described);
    }
    if (described.contains(QStringLiteral("table"))) {
        const QString table = described.value(QStringLiteral("table")).toString();
        require(isPlainName(table), "the table is a plain name", statement, described);
        bool found = names.quoted.contains(table);
        for (qsizetype k = 0; !found && k < names.words.size(); ++k)
            found = names.words[k].startsWith(table);
        require(found, "the table is a word or a quoted name of the statement, not text from a literal or a comment",
                statement, described);
    }
    return 0;
}
