#pragma once

#include <QLocale>
#include <QObject>
#include <QPalette>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace onramp::ui {

/// The colours of the palette in use, by role, for QML (Main.qml gives them
/// to the window's palette); `disabledText` and `disabledButton` are the
/// disabled group's text and button.
class AppearanceColors
{
    Q_GADGET
    QML_VALUE_TYPE(appearanceColors)
    Q_PROPERTY(QColor window MEMBER window FINAL)
    Q_PROPERTY(QColor windowText MEMBER windowText FINAL)
    Q_PROPERTY(QColor base MEMBER base FINAL)
    Q_PROPERTY(QColor alternateBase MEMBER alternateBase FINAL)
    Q_PROPERTY(QColor text MEMBER text FINAL)
    Q_PROPERTY(QColor button MEMBER button FINAL)
    Q_PROPERTY(QColor buttonText MEMBER buttonText FINAL)
    Q_PROPERTY(QColor brightText MEMBER brightText FINAL)
    Q_PROPERTY(QColor highlightedText MEMBER highlightedText FINAL)
    Q_PROPERTY(QColor toolTipBase MEMBER toolTipBase FINAL)
    Q_PROPERTY(QColor toolTipText MEMBER toolTipText FINAL)
    Q_PROPERTY(QColor placeholderText MEMBER placeholderText FINAL)
    Q_PROPERTY(QColor light MEMBER light FINAL)
    Q_PROPERTY(QColor midlight MEMBER midlight FINAL)
    Q_PROPERTY(QColor mid MEMBER mid FINAL)
    Q_PROPERTY(QColor dark MEMBER dark FINAL)
    Q_PROPERTY(QColor shadow MEMBER shadow FINAL)
    Q_PROPERTY(QColor link MEMBER link FINAL)
    Q_PROPERTY(QColor linkVisited MEMBER linkVisited FINAL)
    Q_PROPERTY(QColor disabledText MEMBER disabledText FINAL)
    Q_PROPERTY(QColor disabledButton MEMBER disabledButton FINAL)

public:
    static AppearanceColors of(const QPalette& palette);
    bool operator==(const AppearanceColors&) const = default;

    QColor window, windowText, base, alternateBase, text, button, buttonText, brightText, highlightedText, toolTipBase,
        toolTipText, placeholderText, light, midlight, mid, dark, shadow, link, linkVisited, disabledText,
        disabledButton;
};

/// Light or dark, and the language: each follows the system unless the person
/// chose one in the settings (kept in QSettings as "appearance" and
/// "language"). Dark applies Onramp's own dark palette to the whole
/// application, so that every Qt Quick Control and every colour taken from
/// `palette` follows; Theme.qml picks its tones from `dark`.
class Appearance : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// "system", "light" or "dark".
    Q_PROPERTY(QString mode READ mode WRITE setMode NOTIFY modeChanged FINAL)
    /// True when the dark palette is in use.
    Q_PROPERTY(bool dark READ isDark NOTIFY darkChanged FINAL)
    /// The palette in use, by role; Main.qml gives it to the window.
    Q_PROPERTY(onramp::ui::AppearanceColors colors READ colors NOTIFY darkChanged FINAL)
    /// Whether the system asked for dark, read when the app started.
    Q_PROPERTY(bool systemDark READ isSystemDark CONSTANT FINAL)
    /// "system", "en" or "de": the language of Onramp's texts.
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged FINAL)
    /// The name of the locale of the language in use ("de_DE"), for what QML
    /// formats itself (the calendar's months and days): a binding to
    /// Qt.locale(Appearance.localeName) follows a change of language, one to
    /// Qt.locale() does not.
    Q_PROPERTY(QString localeName READ localeName NOTIFY languageChanged FINAL)

public:
    static Appearance* instance();
    static Appearance* create(QQmlEngine*, QJSEngine*);

    /// The modes setMode accepts.
    static QStringList modes();
    /// Onramp's dark palette: every role a control draws with.
    static QPalette darkPalette();
    /// Onramp's light palette, for "light" on a desktop that is dark.
    static QPalette lightPalette();
    /// The palette for light or \a dark on a desktop whose palette is \a system:
    /// the system's own when it is already of that kind, Onramp's otherwise;
    /// in both, disabled text stays near its surface so that it looks out of use.
    static QPalette paletteFor(bool dark, const QPalette& system);
    /// WCAG 2 contrast ratio of two colours, 1 to 21.
    Q_INVOKABLE static double contrast(const QColor& a, const QColor& b);

    QString mode() const { return m_mode; }
    /// Sets and remembers the mode; false (and nothing changes) for an unknown one.
    bool setMode(const QString& mode);
    /// Sets the mode for this run only, not remembered (`--theme`).
    bool setModeForThisRun(const QString& mode);
    bool isDark() const { return m_dark; }
    bool isSystemDark() const { return m_systemDark; }
    AppearanceColors colors() const { return m_colors; }
    /// The palette in use.
    QPalette palette() const;

    /// The languages setLanguage accepts: "system", then every translation.
    static QStringList languages();
    /// The chosen language, as remembered; GuiMain installs its translation at start.
    QString language() const { return m_language; }
    /// The name of the default locale, which setLanguage sets.
    QString localeName() const { return QLocale().name(); }
    /// Installs the translation of \a language, makes it the default locale
    /// (dates), retranslates the QML on screen, has the backends read again
    /// and remembers the choice; false (and nothing changes) for an unknown one.
    bool setLanguage(const QString& language);
    /// As setLanguage, for this run only, not remembered (`--lang`).
    bool setLanguageForThisRun(const QString& language);

Q_SIGNALS:
    void modeChanged();
    void darkChanged();
    void languageChanged();

private:
    Appearance();
    bool apply(const QString& mode);
    bool applyLanguage(const QString& language, bool remember);

    QPalette m_systemPalette;
    AppearanceColors m_colors; ///< palette()'s colours, made once per change of mode
    bool m_colorsMade = false;
    QString m_mode;
    bool m_systemDark = false;
    bool m_dark = false;
    QString m_language;
    QPointer<QQmlEngine> m_engine; ///< the engine whose QML setLanguage retranslates
};

} // namespace onramp::ui
