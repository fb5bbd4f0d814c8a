#pragma once

#include "people/Person.h"

#include <QString>
#include <QVariantList>

namespace onramp::ui {

/// A role in the words of the language in use ("hire" reads "Neuzugang" in
/// German); the raw name (roleName) stays what logic compares.
QString roleTitle(Role role);
/// roleTitle() of the raw name \a name; \a name itself when it is no role.
QString roleTitle(const QString& name);
/// Every role, in the order a role picker lists them, each as a map with
/// "value" (the raw name) and "text" (its title).
QVariantList roleChoices();

/// Makes \a language ("system", "en", "de") the default locale, so that every
/// QLocale() and QML's Qt.locale() formats dates and numbers in it.
void useLocaleOf(const QString& language);

} // namespace onramp::ui
