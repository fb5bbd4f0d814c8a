#include "Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace onramp {

QStringList translationLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("de")};
}

bool installTranslations(QCoreApplication& app, const QString& language)
{
    const bool system = language.isEmpty() || language == QLatin1String("system");
    if (!system && !translationLanguages().contains(language))
        return false;
    // One translator of Onramp's at a time: the one installed before goes
    // when a new one is in, so a switch never leaves two languages mixed.
    static QPointer<QTranslator> installed;
    auto* translator = new QTranslator(&app);
    const QString dir = QStringLiteral(":/i18n");
    bool loaded = false;
    if (system) {
        loaded = translator->load(QLocale(), QStringLiteral("onramp"), QStringLiteral("_"), dir)
            || translator->load(QStringLiteral("onramp_en"), dir);
    } else {
        loaded = translator->load(QStringLiteral("onramp_") + language, dir);
    }
    if (!loaded) {
        delete translator;
        return false;
    }
    if (installed) {
        QCoreApplication::removeTranslator(installed);
        delete installed;
    }
    QCoreApplication::installTranslator(translator);
    installed = translator;
    return true;
}

} // namespace onramp
