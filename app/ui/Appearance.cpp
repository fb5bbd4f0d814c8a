#include "Appearance.h"

#include "Formats.h"
#include "Session.h"
#include "Translations.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QQmlEngine>
#include <QSettings>

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcAppearance, "onramp.ui.appearance")

namespace onramp::ui {

namespace {

const QString kSettingsKey = QStringLiteral("appearance");
const QString kLanguageKey = QStringLiteral("language");

// Whether the desktop asked for dark: a dark window colour in the palette the
// platform theme hands out, or a GTK theme variant named dark.
bool systemPrefersDark(const QPalette& palette)
{
    const QByteArray gtkTheme = qgetenv("GTK_THEME").toLower();
    if (gtkTheme.endsWith(":dark") || gtkTheme.endsWith("-dark"))
        return true;
    return palette.color(QPalette::Window).lightness() < 128;
}

double relativeLuminance(const QColor& color)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

// How far a disabled control's text may stand out from its face: enough to
// read, little enough to look out of use (WCAG exempts disabled controls).
constexpr double kDisabledContrast = 2.8;

QColor blend(const QColor& from, const QColor& to, double t)
{
    const QColor a = from.toRgb();
    const QColor b = to.toRgb();
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// Some palettes (a system's, Onramp's dark one) draw a disabled control's
// text as strongly as an enabled one's, so that a button that does nothing
// looks as if it would: its text is moved toward the surface it sits on.
void dimDisabledText(QPalette* p)
{
    const struct {
        QPalette::ColorRole text;
        QPalette::ColorRole surface;
    } pairs[] = {{QPalette::ButtonText, QPalette::Button},
                 {QPalette::WindowText, QPalette::Window},
                 {QPalette::Text, QPalette::Base}};
    for (const auto& pair : pairs) {
        const QColor surface = p->color(QPalette::Disabled, pair.surface);
        if (Appearance::contrast(p->color(QPalette::Disabled, pair.text), surface) <= kDisabledContrast)
            continue;
        const QColor ink = p->color(QPalette::Active, pair.text);
        for (double t = 0.3; t < 1.0; t += 0.02) {
            const QColor dimmed = blend(ink, surface, t);
            if (Appearance::contrast(dimmed, surface) <= kDisabledContrast) {
                p->setColor(QPalette::Disabled, pair.text, dimmed);
                break;
            }
        }
    }
}

} // namespace

Appearance::Appearance()
    : QObject(QCoreApplication::instance())
    , m_systemPalette(QGuiApplication::palette())
    , m_systemDark(systemPrefersDark(m_systemPalette))
{
    QString saved = QSettings().value(kSettingsKey, QStringLiteral("system")).toString();
    if (!modes().contains(saved)) {
        qCWarning(lcAppearance) << "ignoring unknown appearance setting" << saved;
        saved = QStringLiteral("system");
    }
    apply(saved);
    m_language = QSettings().value(kLanguageKey, QStringLiteral("system")).toString();
    if (!languages().contains(m_language)) {
        qCWarning(lcAppearance) << "ignoring unknown language setting" << m_language;
        m_language = QStringLiteral("system");
    }
    useLocaleOf(m_language);
}

Appearance* Appearance::instance()
{
    static Appearance* appearance = new Appearance();
    return appearance;
}

Appearance* Appearance::create(QQmlEngine* engine, QJSEngine*)
{
    Appearance* appearance = instance();
    appearance->m_engine = engine;
    QJSEngine::setObjectOwnership(appearance, QJSEngine::CppOwnership);
    return appearance;
}

QStringList Appearance::modes()
{
    return {QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark")};
}

QPalette Appearance::darkPalette()
{
    const QColor window(0x1c, 0x21, 0x26);
    const QColor base(0x24, 0x2a, 0x31);
    const QColor alternate(0x2b, 0x32, 0x3a);
    const QColor button(0x2f, 0x37, 0x40);
    const QColor text(0xe8, 0xec, 0xef);
    const QColor dimText(0x8d, 0x98, 0xa3);
    const QColor highlight(0x2b, 0x6e, 0xa8); // white text on it reads at 5.4:1
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, alternate);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dimText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    p.setColor(QPalette::Light, QColor(0x3d, 0x46, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x35, 0x3e, 0x47));
    // What the controls draw scroll bars' handles and fields' frames in: it must
    // stand out from a card (2.9:1 on base; light's is 2.0:1), which #232930 did not.
    p.setColor(QPalette::Mid, QColor(0x66, 0x71, 0x7c));
    p.setColor(QPalette::Dark, QColor(0x12, 0x16, 0x1a));
    p.setColor(QPalette::Shadow, QColor(0x05, 0x07, 0x09));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Link, QColor(0x7c, 0xc4, 0xf5));
    p.setColor(QPalette::LinkVisited, QColor(0xc3, 0x9b, 0xf0));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, dimText);
    p.setColor(QPalette::Disabled, QPalette::Button, window);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x52, 0x5b));
    return p;
}

double Appearance::contrast(const QColor& a, const QColor& b)
{
    const double la = relativeLuminance(a);
    const double lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette Appearance::lightPalette()
{
    const QColor text(0x1a, 0x1a, 0x1a);
    const QColor dimText(0x6b, 0x6b, 0x6b);
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf7, 0xf7, 0xf7));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, dimText);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xca, 0xca, 0xca));
    p.setColor(QPalette::Mid, QColor(0xb8, 0xb8, 0xb8));
    p.setColor(QPalette::Dark, QColor(0x9f, 0x9f, 0x9f));
    p.setColor(QPalette::Shadow, QColor(0x76, 0x76, 0x76));
    p.setColor(QPalette::Highlight, QColor(0x1f, 0x5f, 0x8b));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x1f, 0x5f, 0x8b));
    p.setColor(QPalette::LinkVisited, QColor(0x6a, 0x3d, 0x9a));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0xa0, 0xa0, 0xa0));
    return p;
}

QPalette Appearance::paletteFor(bool dark, const QPalette& system)
{
    const bool systemIsDark = system.color(QPalette::Window).lightness() < 128;
    QPalette p = dark == systemIsDark ? system : dark ? darkPalette() : lightPalette();
    dimDisabledText(&p);
    return p;
}

QPalette Appearance::palette() const
{
    return paletteFor(m_dark, m_systemPalette);
}

AppearanceColors AppearanceColors::of(const QPalette& p)
{
    const auto active = [&p](QPalette::ColorRole role) { return p.color(QPalette::Active, role); };
    AppearanceColors c;
    c.window = active(QPalette::Window);
    c.windowText = active(QPalette::WindowText);
    c.base = active(QPalette::Base);
    c.alternateBase = active(QPalette::AlternateBase);
    c.text = active(QPalette::Text);
    c.button = active(QPalette::Button);
    c.buttonText = active(QPalette::ButtonText);
    c.brightText = active(QPalette::BrightText);
    c.highlightedText = active(QPalette::HighlightedText);
    c.toolTipBase = active(QPalette::ToolTipBase);
    c.toolTipText = active(QPalette::ToolTipText);
    c.placeholderText = active(QPalette::PlaceholderText);
    c.light = active(QPalette::Light);
    c.midlight = active(QPalette::Midlight);
    c.mid = active(QPalette::Mid);
    c.dark = active(QPalette::Dark);
    c.shadow = active(QPalette::Shadow);
    c.link = active(QPalette::Link);
    c.linkVisited = active(QPalette::LinkVisited);
    c.disabledText = p.color(QPalette::Disabled, QPalette::Text);
    c.disabledButton = p.color(QPalette::Disabled, QPalette::Button);
    return c;
}

bool Appearance::setMode(const QString& mode)
{
    if (!apply(mode))
        return false;
    QSettings().setValue(kSettingsKey, mode);
    return true;
}

QStringList Appearance::languages()
{
    return QStringList{QStringLiteral("system")} + translationLanguages();
}

bool Appearance::setLanguage(const QString& language)
{
    return applyLanguage(language, true);
}

bool Appearance::setLanguageForThisRun(const QString& language)
{
    return applyLanguage(language, false);
}

bool Appearance::applyLanguage(const QString& language, bool remember)
{
    if (!languages().contains(language))
        return false;
    // The locale first: the system's translation is looked up by the default locale.
    useLocaleOf(language);
    if (!installTranslations(*QCoreApplication::instance(), language)) {
        qCWarning(lcAppearance) << "no translation could be loaded for" << language;
        useLocaleOf(m_language);
        return false;
    }
    m_language = language;
    if (remember)
        QSettings().setValue(kLanguageKey, language);
    if (m_engine)
        m_engine->retranslate();
    Q_EMIT languageChanged();
    // Texts and dates made in C++ when a page loaded are made again.
    Session::instance()->followLanguage();
    return true;
}

bool Appearance::setModeForThisRun(const QString& mode)
{
    return apply(mode);
}

bool Appearance::apply(const QString& mode)
{
    if (!modes().contains(mode))
        return false;
    const bool dark = mode == QLatin1String("dark") || (mode == QLatin1String("system") && m_systemDark);
    const bool modeChanging = mode != m_mode;
    m_mode = mode;
    if (modeChanging)
        Q_EMIT modeChanged();
    if (dark == m_dark && m_colorsMade)
        return true;
    const bool darkChanging = dark != m_dark;
    m_dark = dark;
    m_colors = AppearanceColors::of(palette());
    m_colorsMade = true;
    if (darkChanging) {
        QGuiApplication::setPalette(palette()); // for what QML does not draw, such as file dialogs
        Q_EMIT darkChanged();
    }
    return true;
}

} // namespace onramp::ui
