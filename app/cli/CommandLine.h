#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace onramp::cli {

/// One option a command accepts (`--name VALUE` or `--name`).
struct OptionSpec {
    QString name; ///< without the leading dashes
    QString valueName; ///< empty for a flag
    QString help;
    QChar shortName = {};

    bool takesValue() const { return !valueName.isEmpty(); }
};

/// A command line split into positional words and options. Options may stand
/// before or after the words (`onramp --as alex status alex`).
struct ParsedArgs {
    QStringList positional;
    QHash<QString, QStringList> options; ///< name -> values (empty string for a flag)

    bool has(const QString& name) const { return options.contains(name); }
    QString value(const QString& name, const QString& fallback = {}) const;
};

/// Splits \a args (without the program name) using \a known to tell flags from
/// options that take a value. Returns false and sets \a error on an unknown
/// option or a missing value.
bool parseArguments(const QStringList& args, const QList<OptionSpec>& known, ParsedArgs* out, QString* error);

} // namespace onramp::cli
