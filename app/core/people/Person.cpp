#include "people/Person.h"

#include <QRegularExpression>

namespace onramp {

QString roleName(Role role)
{
    switch (role) {
    case Role::Hire:
        return QStringLiteral("hire");
    case Role::Mentor:
        return QStringLiteral("mentor");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromName(const QString& name)
{
    for (Role role : {Role::Hire, Role::Mentor, Role::Admin})
        if (roleName(role) == name)
            return role;
    return std::nullopt;
}

bool isValidPersonName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9._-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

} // namespace onramp
