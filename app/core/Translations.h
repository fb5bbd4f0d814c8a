#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace onramp {

/// The languages Onramp's texts are translated to, as the codes that name
/// i18n/onramp_<code>.ts: "en" and "de".
QStringList translationLanguages();

/// Installs the translation of Onramp's texts for \a language (one of
/// translationLanguages()), or for the system's language when \a language is
/// empty or "system", falling back to English (which holds the English plural
/// forms, "1 entry" and "2 entries"). It replaces the translation installed
/// before, so calling it again switches the language live; QML then needs
/// QQmlEngine::retranslate(). Qt's own translation (key names) follows, where
/// the system has it. The translations are embedded at :/i18n by the
/// build. Returns false when none could be loaded, for example in a binary
/// built without them, or for an unknown \a language.
bool installTranslations(QCoreApplication& app, const QString& language = {});

} // namespace onramp
