#include "SqlDescription.h"

#include <QRegularExpression>

namespace onramp::cli {

QJsonObject describeSql(const QString& statement)
{
    static const QRegularExpression comments(QStringLiteral("(--[^\n]*\n?)|(/\\*.*?\\*/)"),
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression keyword(QStringLiteral("^\\s*([A-Za-z]+)"));
    static const QRegularExpression table(QStringLiteral("\\b(?:FROM|INTO|UPDATE|TABLE|INDEX|TRIGGER|VIEW|PRAGMA)\\s+"
                                                         "(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?[\"`\\[]?([A-Za-z_][A-Za-z0-9_]*)"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression literals(QStringLiteral("'(?:[^']|'')*'?"));
    QString text = statement;
    text.remove(comments);
    text.replace(literals, QStringLiteral("''"));  // a name inside a literal is no table
    const QString first = keyword.match(text).captured(1).toUpper();
    const QString name = table.match(text).captured(1);
    QJsonObject details{{QStringLiteral("keyword"), first.isEmpty() ? QStringLiteral("?") : first}};
    if (!name.isEmpty())
        details.insert(QStringLiteral("table"), name);
    return details;
}

} // namespace onramp::cli
