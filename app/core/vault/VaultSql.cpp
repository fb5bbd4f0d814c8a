#include "vault/VaultSql.h"

#include "Database.h"
#include "audit/AuditLog.h"
#include "vault/Vault.h"

#include <QRegularExpression>

namespace onramp {

namespace {

bool isPlainName(QStringView text)
{
    static const QRegularExpression plain(QStringLiteral("\\A[A-Za-z_][A-Za-z0-9_]*\\z"));
    return plain.match(text).hasMatch();
}

// The end of the quoted token that starts at \a i and ends with \a close
// (doubled, it stands for itself, except in [...]); the text's end if open.
qsizetype quotedEnd(QStringView sql, qsizetype i, QChar close)
{
    for (qsizetype j = i + 1; j < sql.size(); ++j) {
        if (sql[j] != close)
            continue;
        if (close != u']' && j + 1 < sql.size() && sql[j + 1] == close) {
            ++j;
            continue;
        }
        return j + 1;
    }
    return sql.size();
}

// The statement as SQLite's tokenizer reads it, left to right, with what may
// hold a secret taken out: a comment becomes a blank, a string literal '',
// and a quoted name ("...", `...`, [...]) stays only when it is a plain name
// (SQLite reads a double-quoted one that names no column as a string).
// Whichever starts first runs to its end, so quotes inside a comment and
// comment marks inside a literal are text; an unclosed one runs to the end.
QString namesOnly(QStringView sql)
{
    QString out;
    out.reserve(sql.size());
    for (qsizetype i = 0; i < sql.size();) {
        const QChar c = sql[i];
        const QChar next = i + 1 < sql.size() ? sql[i + 1] : QChar();
        if (c == u'-' && next == u'-') {
            const qsizetype end = sql.indexOf(u'\n', i);
            i = end < 0 ? sql.size() : end;
            out += u' ';
        } else if (c == u'/' && next == u'*') {
            const qsizetype end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? sql.size() : end + 2;
            out += u' ';
        } else if (c == u'\'') {
            i = quotedEnd(sql, i, u'\'');
            out += QLatin1String("''");
        } else if (c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? u']' : c;
            const qsizetype end = quotedEnd(sql, i, close);
            const QStringView token = sql.sliced(i, end - i);
            const bool closed = token.size() >= 2 && token.endsWith(close);
            if (closed && isPlainName(token.sliced(1, token.size() - 2)))
                out += token;
            else
                out += QString(c) + close;
            i = end;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

} // namespace

QJsonObject VaultSql::describe(const QString& statement)
{
    static const QRegularExpression keyword(QStringLiteral("^\\s*([A-Za-z]+)"));
    static const QRegularExpression table(
        QStringLiteral("\\b(?:FROM|INTO|UPDATE|TABLE|INDEX|TRIGGER|VIEW|PRAGMA)\\s+"
                       "(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?[\"`\\[]?([A-Za-z_][A-Za-z0-9_]*)"),
        QRegularExpression::CaseInsensitiveOption);
    const QString text = namesOnly(statement);
    const QString first = keyword.match(text).captured(1).toUpper();
    const QString name = table.match(text).captured(1);
    QJsonObject details{{QStringLiteral("keyword"), first.isEmpty() ? QStringLiteral("?") : first}};
    if (!name.isEmpty())
        details.insert(QStringLiteral("table"), name);
    return details;
}

Error VaultSql::run(Vault& vault, const QString& statement, QList<QVariantList>* rows)
{
    const Person& me = vault.me();
    if (me.role != Role::Admin)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only an admin may run raw SQL; %1 is a %2").arg(me.name, roleWord(me.role)));
    const QJsonObject described = describe(statement);
    Database::Transaction transaction(vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = AuditLog::append(vault, QStringLiteral("vault.sql"),
                                   described.value(QStringLiteral("table")).toString(), described))
        return e;
    if (Error e = vault.db().execute(statement, {}, rows))
        return e;
    return transaction.commit();
}

} // namespace onramp
