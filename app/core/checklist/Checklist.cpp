#include "checklist/Checklist.h"

namespace onramp {

const Step* Checklist::step(const QString& stepId) const
{
    for (const Step& s : steps) {
        if (s.id == stepId)
            return &s;
    }
    return nullptr;
}

QString environmentName(Environment environment)
{
    switch (environment) {
    case Environment::Sandbox:
        return QStringLiteral("sandbox");
    case Environment::Production:
        return QStringLiteral("production");
    }
    return {};
}

std::optional<Environment> environmentFromName(const QString& name)
{
    if (name == QLatin1String("sandbox"))
        return Environment::Sandbox;
    if (name == QLatin1String("production"))
        return Environment::Production;
    return std::nullopt;
}

} // namespace onramp
