// What the fourth walk found on the way in, through the real window: Create
// a vault labels its fields with words that stay while one types; a
// screen reader names the passphrase fields of the sign-in page and of
// "Choose your passphrase" by their labels, though Qt marks them as
// passphrase fields; and the demo's sign-in panel no longer offers a demo
// passphrase its person has changed, in this app or on another desktop.
#include "E2eDriver.h"

#include "Session.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

QAccessibleInterface* accessible(QQuickItem* item)
{
    return item ? QAccessible::queryAccessibleInterface(item) : nullptr;
}

/// The text of the Label laid right before \a field in its layout; "" when there is none.
QString labelAbove(QQuickItem* field)
{
    // A field first in a row of its own (the field and its Show button): its label is above the row.
    QQuickItem* labelled = field;
    if (field->parentItem()->inherits("QQuickRowLayout") && field->parentItem()->childItems().indexOf(field) == 0)
        labelled = field->parentItem();
    const QList<QQuickItem*> siblings = labelled->parentItem()->childItems();
    const qsizetype at = siblings.indexOf(labelled);
    if (at > 0 && siblings.at(at - 1)->inherits("QQuickLabel") && siblings.at(at - 1)->isVisible())
        return siblings.at(at - 1)->property("text").toString();
    return {};
}

} // namespace

class TestWalkFixesSix : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    /// The field \a name's accessible name, and its label above it; each must be \a label.
    void checkLabelled(const QString& name, const QString& label)
    {
        QQuickItem* field = item(name);
        QVERIFY2(field, qPrintable(name));
        QCOMPARE(labelAbove(field), label);
        QAccessibleInterface* iface = accessible(field);
        QVERIFY(iface);
        QCOMPARE(iface->text(QAccessible::Name), label);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Bare);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    void cleanupTestCase() { closeWindow(); }

    // Walk 4 #8: each field of Create a vault has a label above it that
    // stays while one types, and is its name for a screen reader.
    void createAVaultLabelsItsFields()
    {
        Session::instance()->chooseAnotherVault();
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && shown(QStringLiteral("adminName")), e2e::kPatienceMs);
        QVERIFY(m_ui->type(QStringLiteral("adminName"), QStringLiteral("ada")));
        QVERIFY(m_ui->type(QStringLiteral("adminDisplay"), QStringLiteral("Ada Lovelace")));
        QVERIFY(m_ui->type(QStringLiteral("passphrase"), QStringLiteral("correct horse battery")));
        QVERIFY(m_ui->type(QStringLiteral("passphraseRepeated"), QStringLiteral("correct horse battery")));
        checkLabelled(QStringLiteral("adminName"), QStringLiteral("Your user name"));
        checkLabelled(QStringLiteral("adminDisplay"), QStringLiteral("Your full name"));
        checkLabelled(QStringLiteral("passphrase"), QStringLiteral("Passphrase"));
        checkLabelled(QStringLiteral("passphraseRepeated"), QStringLiteral("The same passphrase again"));
        // The example stays a hint, said after the name.
        QCOMPARE(accessible(item(QStringLiteral("adminName")))->text(QAccessible::Description),
                 QStringLiteral("e.g. ada"));

        QCOMPARE(Session::instance()->openVaultFolder(m_vault), QString());
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    // Walk 3 #5: after alex changes his passphrase and locks, the demo panel
    // says his demo passphrase changed and offers no Use; after maya changes
    // hers on another desktop, the sign-in page shown follows at once.
    void theDemoPanelKnowsAChangedPassphrase()
    {
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("demoUse-alex")), e2e::kPatienceMs);
        QVERIFY(!shown(QStringLiteral("demoChanged-alex")));
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QSignalSpy changed(Session::instance(), &Session::passphraseChanged);
        const QString own = QStringLiteral("alex has his own passphrase now");
        Session::instance()->changePassphrase(e2e::demoPassphrase(QStringLiteral("alex")), own, own);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, e2e::kPatienceMs);
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("demoChanged-alex")), e2e::kPatienceMs);
        QVERIFY(!shown(QStringLiteral("demoUse-alex")));
        QVERIFY(!shown(QStringLiteral("demoPassphrase-alex")));
        QCOMPARE(m_ui->text(QStringLiteral("demoChanged-alex")),
                 QStringLiteral("Passphrase changed: sign in with the new one."));
        // The others' still work and are still offered.
        QVERIFY(shown(QStringLiteral("demoUse-maya")));
        QVERIFY(shown(QStringLiteral("demoUse-ada")));
        // His own opens the vault; the demo's would not have.
        QVERIFY(!Session::instance()->unlockNow(QStringLiteral("alex"), own.toUtf8()));
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));

        // maya changes hers on another desktop: the page shown follows the key store.
        const onramp::Error e = e2e::asDemoPerson(m_vault, QStringLiteral("maya"), [](onramp::Vault& v) {
            return onramp::People(v).changePassphrase(QByteArrayView("maya's own passphrase"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("demoChanged-maya")) && !shown(QStringLiteral("demoUse-maya")),
                                 e2e::kPatienceMs);
        QVERIFY(shown(QStringLiteral("demoUse-ada")));
    }

    // Walk 4 #4: with a screen reader started after the window, Qt marks the
    // passphrase fields as such (it speaks no typed text), and each still has
    // its label as its name: the sign-in field and both of "Choose your passphrase".
    void thePassphraseFieldsAreNamedForAScreenReader()
    {
        QAccessible::setActive(true);
        QQuickItem* signIn = item(QStringLiteral("signInPassphrase"));
        QVERIFY(signIn);
        QAccessibleInterface* iface = accessible(signIn);
        QVERIFY(iface);
        QVERIFY2(iface->state().passwordEdit, "Qt marks the field as a passphrase field");
        QCOMPARE(iface->role(), QAccessible::EditableText);
        QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Passphrase"));
        // What is typed is never its name.
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QStringLiteral("typed secret")));
        QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Passphrase"));
        QVERIFY(!iface->text(QAccessible::Description).contains(QStringLiteral("typed secret")));
        signIn->setProperty("text", QString());

        // A person with a handed-over passphrase is asked to choose their own.
        const QString handed = QStringLiteral("jo's handed-over passphrase");
        const onramp::Error e = e2e::asDemoPerson(m_vault, QStringLiteral("ada"), [&handed](onramp::Vault& v) {
            return onramp::People(v).add(QStringLiteral("jo"), QStringLiteral("Jo Temp"), onramp::Role::Hire,
                                         handed.toUtf8(), onramp::firstpassphrase::Handed::Given);
        });
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->unlock(QStringLiteral("jo"), handed);
        QTRY_VERIFY_WITH_TIMEOUT(
            Session::instance()->isChoosingPassphrase() && shown(QStringLiteral("choosePassphrase")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        checkLabelled(QStringLiteral("choosePassphrase"), QStringLiteral("New passphrase"));
        checkLabelled(QStringLiteral("choosePassphraseRepeat"), QStringLiteral("Repeat the new passphrase"));
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesSix)
#include "TestWalkFixesSix.moc"
