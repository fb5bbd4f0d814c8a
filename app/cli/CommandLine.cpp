#include "CommandLine.h"

#include <QCoreApplication>

namespace onramp::cli {

QString ParsedArgs::value(const QString& name, const QString& fallback) const
{
    const auto it = options.constFind(name);
    if (it == options.constEnd() || it->isEmpty())
        return fallback;
    return it->constLast();
}

static const OptionSpec* findOption(const QList<OptionSpec>& known, const QString& name, bool isShort)
{
    for (const OptionSpec& spec : known) {
        if (isShort ? (name.size() == 1 && spec.shortName == name.at(0)) : spec.name == name)
            return &spec;
    }
    return nullptr;
}

bool parseArguments(const QStringList& args, const QList<OptionSpec>& known, ParsedArgs* out, QString* error)
{
    bool optionsEnded = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        if (optionsEnded || arg == QLatin1String("-") || !arg.startsWith(QLatin1Char('-'))) {
            out->positional.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        const bool isShort = !arg.startsWith(QLatin1String("--"));
        QString name = arg.mid(isShort ? 1 : 2);
        QString inlineValue;
        bool hasInlineValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); !isShort && eq >= 0) {
            inlineValue = name.mid(eq + 1);
            name.truncate(eq);
            hasInlineValue = true;
        }
        const OptionSpec* spec = findOption(known, name, isShort);
        if (!spec) {
            *error = QCoreApplication::translate("onramp", "unknown option '%1'").arg(arg);
            return false;
        }
        QString value;
        if (spec->takesValue()) {
            if (hasInlineValue) {
                value = inlineValue;
            } else if (i + 1 < args.size()) {
                value = args.at(++i);
            } else {
                *error =
                    QCoreApplication::translate("onramp", "option '%1' needs a value (%2)").arg(arg, spec->valueName);
                return false;
            }
        } else if (hasInlineValue) {
            *error = QCoreApplication::translate("onramp", "option '%1' takes no value").arg(arg);
            return false;
        }
        out->options[spec->name].append(value);
    }
    return true;
}

} // namespace onramp::cli
