#pragma once

#include <QObject>
#include <QPalette>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace onramp::ui {

/// Light or dark: follows the system unless the person chose one in the
/// settings (kept in QSettings as "appearance"). Dark applies Onramp's own
/// dark palette to the whole application, so that every Qt Quick Control and
/// every colour taken from `palette` follows; Theme.qml picks its tones from
/// `dark`.
class Appearance : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// "system", "light" or "dark".
    Q_PROPERTY(QString mode READ mode WRITE setMode NOTIFY modeChanged)
    /// True when the dark palette is in use.
    Q_PROPERTY(bool dark READ isDark NOTIFY darkChanged)
    /// The palette in use, by role name ("window", "windowText", "base", …,
    /// and "disabledText" for disabled text); Main.qml gives it to the window.
    Q_PROPERTY(QVariantMap colors READ colors NOTIFY darkChanged)
    /// Whether the system asked for dark, read when the app started.
    Q_PROPERTY(bool systemDark READ isSystemDark CONSTANT)

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
    /// the system's own when it is already of that kind, Onramp's otherwise.
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
    QVariantMap colors() const { return m_colors; }
    /// The palette in use.
    QPalette palette() const;

Q_SIGNALS:
    void modeChanged();
    void darkChanged();

private:
    Appearance();
    bool apply(const QString& mode);

    QPalette m_systemPalette;
    QVariantMap m_colors; ///< palette() by role name, made once per change of mode
    QString m_mode;
    bool m_systemDark = false;
    bool m_dark = false;
};

} // namespace onramp::ui
