// Where the admin sees the vault's fingerprint, at 1024x640: the note on the
// first page after the vault was made, and the settings. Each shows the
// whole fingerprint, and the note leaves the tabs below it room to work.
#include "AdminFixture.h"

#include <QSettings>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

namespace {

/// Why the text item \a text does not show its whole text in one piece; empty when it does.
QString cut(const QQuickItem* text)
{
    const qreal room = text->width() - text->property("leftPadding").toReal() - text->property("rightPadding").toReal();
    const qreal needed = text->property("contentWidth").toReal();
    if (needed > room + 0.5)
        return QStringLiteral("%1: “%2” needs %3 px, it shows %4")
            .arg(text->objectName(), text->property("text").toString())
            .arg(needed)
            .arg(room);
    if (text->property("contentHeight").toReal() > text->height() + 0.5)
        return QStringLiteral("%1: its text is %2 px tall in %3 px")
            .arg(text->objectName())
            .arg(text->property("contentHeight").toReal())
            .arg(text->height());
    return {};
}

} // namespace

class TestAdminFingerprint : public e2e::AdminFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(m_dir.isValid());
        QVERIFY(openWindow());
        QVERIFY(createVaultAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    void theNewVaultsNoteShowsTheWholeFingerprint()
    {
        QTRY_VERIFY_WITH_TIMEOUT(visible("vaultCreatedFingerprint") && settled(), e2e::kPatienceMs);
        shot(QStringLiteral("fingerprint-note"));
        QCOMPARE(text("vaultCreatedFingerprint"), onramp::ui::Session::instance()->vaultFingerprint());
        const QString why = cut(item("vaultCreatedFingerprint"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // The People tab below keeps its form in sight.
        QQuickItem* add = item("addPersonButton");
        QVERIFY(add);
        const qreal bottom = add->mapToScene(QPointF(0, add->height())).y();
        QVERIFY2(bottom <= m_window->height(), qPrintable(QStringLiteral("Add person ends at %1").arg(bottom)));
    }

    void theSettingsShowTheWholeFingerprint()
    {
        QVERIFY(click("settingsButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("vaultFingerprint") && settled(), e2e::kPatienceMs);
        shot(QStringLiteral("fingerprint-settings"));
        const QString why = cut(item("vaultFingerprint"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QQuickItem* fingerprint = item("vaultFingerprint");
        const qreal right = fingerprint->mapToScene(QPointF(fingerprint->width(), 0)).x();
        QVERIFY2(right <= m_window->width(), qPrintable(QStringLiteral("it ends at %1").arg(right)));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("vaultFingerprint") && settled(), e2e::kPatienceMs);
    }

    // In German the note's words are longer: the fingerprint and the form still show whole.
    void inGermanToo()
    {
        QVERIFY(click("settingsButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("languageChoice") && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->chooseRow(QStringLiteral("languageChoice"), 2));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("languageChoice") && settled(), e2e::kPatienceMs);
        theNewVaultsNoteShowsTheWholeFingerprint();
        shot(QStringLiteral("fingerprint-note-de"));
        theSettingsShowTheWholeFingerprint();
        shot(QStringLiteral("fingerprint-settings-de"));
        QSettings().remove(QStringLiteral("language"));
    }
};

ONRAMP_E2E_MAIN(TestAdminFingerprint)
#include "TestAdminFingerprint.moc"
