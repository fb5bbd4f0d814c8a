// Light and dark: the mode setting, the palette each gives, and that text in
// it stays readable (WCAG 2 contrast).
#include "Appearance.h"

#include <QGuiApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace onramp::ui;

class TestAppearance : public QObject
{
    Q_OBJECT

private:
    static QColor color(const char* role)
    {
        // By the property name QML reads, so a misspelt role fails here too.
        const AppearanceColors colors = Appearance::instance()->colors();
        const QMetaObject& meta = AppearanceColors::staticMetaObject;
        const int index = meta.indexOfProperty(role);
        if (index < 0)
            qFatal("no colour role %s", role);
        return meta.property(index).readOnGadget(&colors).value<QColor>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("appearance"));
        // The offscreen platform hands out a light palette.
        QVERIFY(!Appearance::instance()->isSystemDark());
    }

    void cleanupTestCase() { QSettings().remove(QStringLiteral("appearance")); }

    void contrastFollowsWcag()
    {
        QCOMPARE(Appearance::contrast(Qt::black, Qt::white), 21.0);
        QCOMPARE(Appearance::contrast(Qt::white, Qt::white), 1.0);
        QCOMPARE(Appearance::contrast(Qt::white, Qt::black), Appearance::contrast(Qt::black, Qt::white));
        // #767676 on white is the classic just-passing grey, 4.54:1.
        QVERIFY(qAbs(Appearance::contrast(QColor(0x76, 0x76, 0x76), Qt::white) - 4.54) < 0.01);
    }

    void darkIsChosenRememberedAndApplied()
    {
        Appearance* appearance = Appearance::instance();
        QSignalSpy darkChanged(appearance, &Appearance::darkChanged);
        QVERIFY(appearance->setMode(QStringLiteral("dark")));
        QCOMPARE(appearance->mode(), QStringLiteral("dark"));
        QVERIFY(appearance->isDark());
        QCOMPARE(darkChanged.size(), 1);
        QCOMPARE(QSettings().value(QStringLiteral("appearance")).toString(), QStringLiteral("dark"));
        QVERIFY(color("window").lightness() < 60);
        QCOMPARE(QGuiApplication::palette().color(QPalette::Window), color("window"));

        QVERIFY(appearance->setMode(QStringLiteral("system")));
        QVERIFY(!appearance->isDark());
        QCOMPARE(darkChanged.size(), 2);
        QVERIFY(color("window").lightness() > 180);
    }

    void aRunOnlyModeIsNotRemembered()
    {
        Appearance* appearance = Appearance::instance();
        QVERIFY(appearance->setMode(QStringLiteral("light")));
        QVERIFY(appearance->setModeForThisRun(QStringLiteral("dark")));
        QVERIFY(appearance->isDark());
        QCOMPARE(QSettings().value(QStringLiteral("appearance")).toString(), QStringLiteral("light"));
        QVERIFY(appearance->setMode(QStringLiteral("system")));
    }

    void anUnknownModeChangesNothing()
    {
        Appearance* appearance = Appearance::instance();
        QVERIFY(appearance->setMode(QStringLiteral("dark")));
        QSignalSpy modeChanged(appearance, &Appearance::modeChanged);
        QVERIFY(!appearance->setMode(QStringLiteral("purple")));
        QVERIFY(!appearance->setModeForThisRun(QString()));
        QCOMPARE(appearance->mode(), QStringLiteral("dark"));
        QVERIFY(appearance->isDark());
        QCOMPARE(modeChanged.size(), 0);
        QCOMPARE(QSettings().value(QStringLiteral("appearance")).toString(), QStringLiteral("dark"));
        QVERIFY(appearance->setMode(QStringLiteral("system")));
    }

    void eachModeGetsItsKindOfPaletteWhateverTheDesktop()
    {
        const QPalette lightDesktop = Appearance::lightPalette();
        QPalette darkDesktop = Appearance::darkPalette();
        darkDesktop.setColor(QPalette::Window, QColor(0x30, 0x30, 0x30)); // a desktop's own dark
        const auto window = [](const QPalette& p) { return p.color(QPalette::Window); };
        // Light on a dark desktop is light, and dark on a light one dark.
        QVERIFY(window(Appearance::paletteFor(false, darkDesktop)).lightness() > 180);
        QVERIFY(window(Appearance::paletteFor(true, lightDesktop)).lightness() < 60);
        // A desktop already of the wanted kind keeps its own colours.
        QCOMPARE(window(Appearance::paletteFor(true, darkDesktop)), QColor(0x30, 0x30, 0x30));
        QCOMPARE(Appearance::paletteFor(false, lightDesktop), lightDesktop);
    }

    void disabledTextLooksOutOfUse_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    // A desktop whose disabled text is as strong as its enabled text, and
    // Onramp's own palettes: a disabled button's text stays near its face.
    void disabledTextLooksOutOfUse()
    {
        QFETCH(bool, dark);
        QPalette desktop = dark ? Appearance::darkPalette() : Appearance::lightPalette();
        for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            desktop.setColor(QPalette::Disabled, role, desktop.color(QPalette::Active, role));
        for (const QPalette& p : {Appearance::paletteFor(dark, desktop), Appearance::paletteFor(dark, QPalette())}) {
            const double disabled = Appearance::contrast(p.color(QPalette::Disabled, QPalette::ButtonText),
                                                         p.color(QPalette::Disabled, QPalette::Button));
            QVERIFY2(disabled <= 3.0, qPrintable(QStringLiteral("disabled button text at %1:1").arg(disabled)));
            QVERIFY(Appearance::contrast(p.color(QPalette::Active, QPalette::ButtonText),
                                         p.color(QPalette::Active, QPalette::Button))
                    >= 4.5);
        }
    }

    void ownPalettesAreReadable_data()
    {
        QTest::addColumn<bool>("dark");
        QTest::newRow("light") << false;
        QTest::newRow("dark") << true;
    }

    void ownPalettesAreReadable()
    {
        QFETCH(bool, dark);
        const QPalette p = dark ? Appearance::darkPalette() : Appearance::lightPalette();
        const QList<std::pair<QPalette::ColorRole, QPalette::ColorRole>> pairs = {
            {QPalette::WindowText, QPalette::Window}, {QPalette::Text, QPalette::Base},
            {QPalette::ButtonText, QPalette::Button}, {QPalette::ToolTipText, QPalette::ToolTipBase},
            {QPalette::Link, QPalette::Base},         {QPalette::HighlightedText, QPalette::Highlight},
        };
        for (const auto& [fg, bg] : pairs) {
            const double ratio = Appearance::contrast(p.color(fg), p.color(bg));
            QVERIFY2(ratio >= 4.5,
                     qPrintable(QStringLiteral("role %1 on role %2: %3:1").arg(int(fg)).arg(int(bg)).arg(ratio)));
        }
        QVERIFY(Appearance::contrast(p.color(QPalette::PlaceholderText), p.color(QPalette::Base)) >= 3.0);
        // A scroll bar's handle (Mid) is seen on a card: dark's was the card's own colour.
        const double handle = Appearance::contrast(p.color(QPalette::Mid), p.color(QPalette::Base));
        QVERIFY2(handle >= 1.9, qPrintable(QStringLiteral("a scroll bar's handle on a card: %1:1").arg(handle)));
    }

    void textIsReadableInBothModes_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("light") << QStringLiteral("light");
        QTest::newRow("dark") << QStringLiteral("dark");
    }

    void textIsReadableInBothModes()
    {
        QFETCH(QString, mode);
        QVERIFY(Appearance::instance()->setModeForThisRun(mode));
        const QList<std::pair<const char*, const char*>> pairs = {
            {"windowText", "window"},       {"text", "base"}, {"buttonText", "button"},
            {"toolTipText", "toolTipBase"}, {"link", "base"},
        };
        for (const auto& [fg, bg] : pairs) {
            const double ratio = Appearance::contrast(color(fg), color(bg));
            QVERIFY2(ratio >= 4.5,
                     qPrintable(QStringLiteral("%1 on %2 in %3: %4:1, under 4.5:1")
                                    .arg(QLatin1String(fg), QLatin1String(bg), mode)
                                    .arg(ratio, 0, 'f', 2)));
        }
        // Placeholders are dimmer, but still legible. (Disabled controls are
        // exempt from the contrast rule, and drawn faint on purpose.)
        QVERIFY(Appearance::contrast(color("placeholderText"), color("base")) >= 3.0);
        QVERIFY(Appearance::instance()->setModeForThisRun(QStringLiteral("system")));
    }
};

QTEST_MAIN(TestAppearance)

#include "TestAppearance.moc"
