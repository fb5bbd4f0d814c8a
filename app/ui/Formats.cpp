#include "Formats.h"

#include <QCoreApplication>
#include <QLocale>

namespace onramp::ui {

QString roleTitle(Role role)
{
    switch (role) {
    case Role::Hire:
        return QCoreApplication::translate("onramp::ui::Formats", "hire", "a person's role");
    case Role::Mentor:
        return QCoreApplication::translate("onramp::ui::Formats", "mentor", "a person's role");
    case Role::Admin:
        return QCoreApplication::translate("onramp::ui::Formats", "admin", "a person's role");
    }
    return {};
}

QString roleTitle(const QString& name)
{
    const std::optional<Role> role = roleFromName(name);
    return role ? roleTitle(*role) : name;
}

QVariantList roleChoices()
{
    QVariantList choices;
    for (Role role : {Role::Hire, Role::Mentor, Role::Admin})
        choices.append(
            QVariantMap{{QStringLiteral("value"), roleName(role)}, {QStringLiteral("text"), roleTitle(role)}});
    return choices;
}

void useLocaleOf(const QString& language)
{
    QLocale::setDefault(language == QLatin1String("system") ? QLocale::system() : QLocale(language));
}

} // namespace onramp::ui
