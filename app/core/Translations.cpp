#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QTranslator>

namespace onramp {

namespace {

/// Replaces Qt's own translation (the names of keys, "Strg" for Ctrl; the
/// texts of Qt's dialogs) with that of \a language: Debian's
/// qt6-translations-l10n installs it. English needs none, and a system without
/// the package shows Qt's English words: nothing fails for that.
void installQtTranslation(QCoreApplication& app, const QString& language)
{
    static QPointer<QTranslator> installed;
    if (installed) {
        QCoreApplication::removeTranslator(installed);
        delete installed;
    }
    const QLocale locale(language);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return;
    auto* translator = new QTranslator(&app);
    if (!translator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete translator;
        return;
    }
    QCoreApplication::installTranslator(translator);
    installed = translator;
}

} // namespace

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
    // In the language Onramp's texts are in: a French system still reads Onramp in English.
    installQtTranslation(app, translator->language().isEmpty() ? language : translator->language());
    return true;
}

} // namespace onramp
