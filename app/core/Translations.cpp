#include "Translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace onramp {

bool installTranslations(QCoreApplication& app)
{
    auto* translator = new QTranslator(&app);
    const QString dir = QStringLiteral(":/i18n");
    if (translator->load(QLocale(), QStringLiteral("onramp"), QStringLiteral("_"), dir)
        || translator->load(QStringLiteral("onramp_en"), dir)) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}

} // namespace onramp
