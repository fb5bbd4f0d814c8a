// Changing one's own passphrase in the app: ⚙ › Change passphrase… opens a
// dialog; a wrong current passphrase, a short one, a repeat that differs and
// the current one again are each refused in the dialog, naming the field; a
// good one is kept, the session stays signed in, and after a lock only the
// new passphrase opens the vault.
#include "E2eDriver.h"

#include "Formats.h"
#include "Session.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QQuickStyle>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {
const QString kName = QStringLiteral("alex");
const QString kNewPassphrase = QStringLiteral("seven orange kites over harbour");
} // namespace

class TestOwnPassphrase : public e2e::WindowFixture
{
    Q_OBJECT

private:
    /// Signs in through the sign-in page with \a passphrase, as a person would.
    bool signInByHand(const QString& passphrase)
    {
        if (!m_ui->waitForPage(QStringLiteral("signin")))
            return false;
        QQuickItem* field = m_ui->item(QStringLiteral("signInPassphrase"));
        if (!field)
            return false;
        field->setProperty("text", QString());
        Session::instance()->clearError();
        if (!m_ui->type(QStringLiteral("signInPassphrase"), passphrase))
            return false;
        m_ui->key(Qt::Key_Return);
        return QTest::qWaitFor(
            [] { return Session::instance()->isUnlocked() || !Session::instance()->error().isEmpty(); },
            e2e::kPatienceMs);
    }

    void openDialog()
    {
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QVERIFY(m_ui->click(QStringLiteral("changePassphraseButton")));
        const QQuickItem* current = m_ui->item(QStringLiteral("currentPassphrase"));
        QVERIFY(current);
        QTRY_VERIFY_WITH_TIMEOUT(current->hasActiveFocus(), e2e::kPatienceMs);
    }

    /// Types the three fields by hand (Tab between them) and presses Enter.
    void submit(const QString& current, const QString& fresh, const QString& repeated)
    {
        for (const char* name : {"currentPassphrase", "newPassphrase", "repeatPassphrase"})
            m_ui->item(QString::fromLatin1(name))->setProperty("text", QString());
        QVERIFY(m_ui->type(QStringLiteral("currentPassphrase"), current));
        m_ui->key(Qt::Key_Tab);
        for (const QChar c : fresh)
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Tab);
        for (const QChar c : repeated)
            QTest::keyClick(m_window, c.toLatin1());
        m_ui->key(Qt::Key_Return);
    }

    /// Waits for the error shown under \a field and returns it.
    QString errorUnder(const QString& field)
    {
        const QString name = field + QStringLiteral("Error");
        const bool shown = QTest::qWaitFor(
            [&] { return !m_ui->text(name).isEmpty() && !Session::instance()->isBusy(); }, e2e::kPatienceMs);
        return shown ? m_ui->text(name) : QString();
    }

    bool dialogOpen() const
    {
        const QQuickItem* d = m_ui->item(QStringLiteral("currentPassphrase"));
        return d && d->isVisible();
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Bare);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        const onramp::Error in = Session::instance()->unlockNow(kName, e2e::demoPassphrase(kName).toUtf8());
        QVERIFY2(!in, qPrintable(in.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
    }

    void cleanupTestCase()
    {
        m_ui.reset();
        m_engine.reset();
    }

    void eachMistakeIsNamedInTheDialog()
    {
        openDialog();
        const QString old = e2e::demoPassphrase(kName);

        submit(QStringLiteral("not my passphrase at all"), kNewPassphrase, kNewPassphrase);
        QVERIFY2(errorUnder(QStringLiteral("currentPassphrase")).contains(QStringLiteral("wrong")),
                 qPrintable(m_ui->text(QStringLiteral("currentPassphraseError"))));
        QVERIFY(dialogOpen());

        submit(old, QStringLiteral("short"), QStringLiteral("short"));
        QVERIFY2(errorUnder(QStringLiteral("newPassphrase")).contains(QStringLiteral("12")),
                 qPrintable(m_ui->text(QStringLiteral("newPassphraseError"))));
        QVERIFY(m_ui->text(QStringLiteral("currentPassphraseError")).isEmpty());

        submit(old, kNewPassphrase, kNewPassphrase + QStringLiteral("x"));
        QVERIFY2(errorUnder(QStringLiteral("repeatPassphrase")).contains(QStringLiteral("differ")),
                 qPrintable(m_ui->text(QStringLiteral("repeatPassphraseError"))));

        submit(old, old, old);
        QVERIFY2(errorUnder(QStringLiteral("newPassphrase")).contains(QStringLiteral("current")),
                 qPrintable(m_ui->text(QStringLiteral("newPassphraseError"))));

        // Escape cancels; nothing changed: the old passphrase still confirms.
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialogOpen(), e2e::kPatienceMs);
        const onramp::Error same =
            Session::instance()->performNow([&](onramp::Vault& v) { return v.confirmPassphrase(old.toUtf8()); });
        QVERIFY2(!same, qPrintable(same.message));
    }

    void aChangedPassphraseOpensTheVaultAndTheOldOneNoLonger()
    {
        openDialog();
        const QString old = e2e::demoPassphrase(kName);
        submit(old, kNewPassphrase, kNewPassphrase);
        QTRY_VERIFY_WITH_TIMEOUT(!dialogOpen(), e2e::kPatienceMs);
        QVERIFY(Session::instance()->isUnlocked());
        QCOMPARE(m_ui->page(), QStringLiteral("home"));

        Session::instance()->lock();
        QVERIFY(signInByHand(old));
        QVERIFY(!Session::instance()->isUnlocked());
        QVERIFY(signInByHand(kNewPassphrase));
        QVERIFY2(Session::instance()->isUnlocked(), qPrintable(Session::instance()->error()));
        QCOMPARE(Session::instance()->userName(), kName);
    }

    // After an admin reset a hire's passphrase, the card that asks for one
    // of their own also says their sandbox credentials are new: copies they
    // kept of the old ones stopped working. A mentor reset the same way is
    // told nothing of sandbox credentials, which they have none of.
    void aHireResetIsToldTheirSandboxCredentialsAreNew()
    {
        const QString vault = Session::instance()->vaultPath();
        Session::instance()->lock();
        const QString handed = QStringLiteral("alex, handed over again by ada");
        {
            std::unique_ptr<onramp::Vault> ada;
            QVERIFY(!onramp::Vault::unlock(vault, QStringLiteral("ada"),
                                           e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(), &ada));
            QVERIFY(!onramp::People(*ada).resetPassphrase(kName, handed.toUtf8()));
            QVERIFY(!onramp::People(*ada).resetPassphrase(QStringLiteral("maya"), "maya, handed over by ada"));
        }
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const auto signInHanded = [this](const QString& passphrase) {
            QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), passphrase));
            m_ui->key(Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("choosePassphraseCard"))
                                         && m_ui->item(QStringLiteral("choosePassphraseCard"))->isVisible(),
                                     e2e::kPatienceMs);
        };
        signInHanded(handed);
        QVERIFY(Session::instance()->property("sandboxRenewedByReset").toBool());
        QQuickItem* note = m_ui->item(QStringLiteral("sandboxRenewedByReset"));
        QVERIFY(note && note->isVisible());
        QVERIFY2(m_ui->text(QStringLiteral("sandboxRenewedByReset")).contains(QStringLiteral("sandbox secrets")),
                 qPrintable(m_ui->text(QStringLiteral("sandboxRenewedByReset"))));
        // A screen reader meets it with the field the keys are in.
        QAccessibleInterface* field =
            QAccessible::queryAccessibleInterface(m_ui->item(QStringLiteral("choosePassphrase")));
        QVERIFY(field);
        QVERIFY2(field->text(QAccessible::Description).contains(m_ui->text(QStringLiteral("sandboxRenewedByReset"))),
                 qPrintable(field->text(QAccessible::Description)));
        // Show reads back both fields before the passphrase is saved.
        // TextInput.Normal and TextInput.Password, whose enum is in no public header.
        constexpr int kNormal = 0;
        constexpr int kPassword = 2;
        const auto echo = [this](const char* field) {
            return m_ui->item(QLatin1String(field))->property("echoMode").toInt();
        };
        QCOMPARE(echo("choosePassphrase"), kPassword);
        QVERIFY(m_ui->type(QStringLiteral("choosePassphrase"), QStringLiteral("typed to be read back")));
        QVERIFY(m_ui->click(QStringLiteral("choosePassphraseShow")));
        QTRY_COMPARE_WITH_TIMEOUT(echo("choosePassphrase"), kNormal, e2e::kPatienceMs);
        QCOMPARE(echo("choosePassphraseRepeat"), kNormal);
        if (const QString folder = qEnvironmentVariable("ONRAMP_WALK_SHOTS"); !folder.isEmpty())
            m_window->grabWindow().save(QDir(folder).filePath(QStringLiteral("choose-after-reset.png")));
        // Back out: another person, reset too but no hire, reads no such thing.
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(!Session::instance()->property("sandboxRenewedByReset").toBool());
        QQuickItem* picker = m_ui->item(QStringLiteral("personPicker"));
        QVERIFY(picker);
        const int maya = Session::instance()->property("people").toStringList().indexOf(QStringLiteral("maya"));
        QVERIFY(maya >= 0);
        picker->setProperty("currentIndex", maya);
        QCOMPARE(picker->property("currentText").toString(), QStringLiteral("maya"));
        signInHanded(QStringLiteral("maya, handed over by ada"));
        QVERIFY(!Session::instance()->property("sandboxRenewedByReset").toBool());
        // Nothing typed, nor shown, stays from the last person's card.
        QCOMPARE(m_ui->text(QStringLiteral("choosePassphrase")), QString());
        QCOMPARE(echo("choosePassphrase"), kPassword);
        QCOMPARE(echo("choosePassphraseRepeat"), kPassword);
        const QQuickItem* none = m_ui->item(QStringLiteral("sandboxRenewedByReset"));
        QVERIFY(!none || !none->isVisible());
        QCOMPARE(QAccessible::queryAccessibleInterface(m_ui->item(QStringLiteral("choosePassphrase")))
                     ->text(QAccessible::Description),
                 QString());

        // alex chooses their own: Home says when the sandbox secret was made
        // anew, which is the reset, so the hire knows which one is the one to use.
        Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        picker = m_ui->item(QStringLiteral("personPicker"));
        picker->setProperty("currentIndex", Session::instance()->property("people").toStringList().indexOf(kName));
        QCOMPARE(picker->property("currentText").toString(), kName);
        const QDateTime resetAround = QDateTime::currentDateTime();
        signInHanded(handed);
        const QString own = QStringLiteral("alex chose these words after the reset");
        QVERIFY(m_ui->type(QStringLiteral("choosePassphrase"), own));
        QVERIFY(m_ui->type(QStringLiteral("choosePassphraseRepeat"), own));
        QVERIFY(m_ui->click(QStringLiteral("choosePassphraseButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QDateTime issued;
        const onramp::Error e = Session::instance()->performNow([&](onramp::Vault& v) {
            issued = QDateTime::fromString(
                v.db()
                    .scalar(QStringLiteral(
                        "SELECT max(issued_at) FROM sandbox_credentials WHERE credential_id = 'sandbox-db'"))
                    .toString(),
                Qt::ISODateWithMs);
            return onramp::Error();
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(issued.isValid());
        QVERIFY2(qAbs(issued.secsTo(resetAround)) < 120, qPrintable(issued.toString(Qt::ISODate)));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("issued-sandbox-db")), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("issued-sandbox-db")),
                 QStringLiteral("Issued %1").arg(onramp::ui::listDate(issued)));
    }
};

ONRAMP_E2E_MAIN(TestOwnPassphrase)
#include "TestOwnPassphrase.moc"
