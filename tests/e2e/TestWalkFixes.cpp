// Journeys through the real window on a vault made in it, as a person walks
// them: what a walk through the app found wrong stays right.
#include "AdminFixture.h"

#include <QSettings>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixes : public e2e::AdminFixture
{
    Q_OBJECT

    /// Adds \a name (\a shown) with the first passphrase \a passphrase and
    /// returns the passphrase the dialog then shows, closing it.
    QString addAndReadFirstPassphrase(const QString& name, const QString& shown, const QString& passphrase)
    {
        const int before = count("peopleList");
        if (!m_ui->type(QStringLiteral("personName"), name) || !m_ui->type(QStringLiteral("personDisplay"), shown)
            || !m_ui->type(QStringLiteral("personPassphrase"), passphrase) || !click("addPersonButton"))
            return QStringLiteral("(not added)");
        if (!QTest::qWaitFor(
                [&] { return count("peopleList") == before + 1 && visible("firstPassphrase") && settled(); },
                e2e::kPatienceMs))
            return QStringLiteral("(no dialog)");
        const QString text = m_ui->text(QStringLiteral("firstPassphrase"));
        const qreal height = item("firstPassphrase")->property("contentHeight").toReal();
        if (!m_ui->closeFirstPassphrase())
            return QStringLiteral("(not closed)");
        return height > 0 ? text : QStringLiteral("(drawn %1 px tall)").arg(height);
    }

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

    void cleanupTestCase()
    {
        if (onramp::ui::Session::instance() && onramp::ui::Session::instance()->isUnlocked())
            onramp::ui::Session::instance()->lock();
        m_ui.reset();
        m_engine.reset();
    }

    // Admin §1: each person added in a row gets their own first passphrase
    // shown, not only the first one after the vault was opened.
    void everyNewPersonsFirstPassphraseShows()
    {
        QCOMPARE(addAndReadFirstPassphrase(QStringLiteral("maya"), QStringLiteral("Maya Mentor"),
                                           QStringLiteral("a first passphrase for maya")),
                 QStringLiteral("a first passphrase for maya"));
        QCOMPARE(addAndReadFirstPassphrase(QStringLiteral("alex"), QStringLiteral("Alex Kim"),
                                           QStringLiteral("a first passphrase for alex")),
                 QStringLiteral("a first passphrase for alex"));
        QCOMPARE(addAndReadFirstPassphrase(QStringLiteral("sam"), QStringLiteral("Sam Second"),
                                           QStringLiteral("a first passphrase for sam")),
                 QStringLiteral("a first passphrase for sam"));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixes)
#include "TestWalkFixes.moc"
