// The secret clipboard with the offscreen platform's in-process clipboard:
// the password-manager hint, clearing after the timeout, when the session
// locks and on destruction, and leaving alone what the user copied since.
#include "VaultTestUtil.h"

#include "CredentialsBackend.h"
#include "SecretClipboard.h"
#include "Session.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using onramp::ui::SecretClipboard;

class TestSecretClipboard : public QObject
{
    Q_OBJECT

private:
    static QClipboard* clipboard() { return QGuiApplication::clipboard(); }

private Q_SLOTS:
    void init() { clipboard()->clear(); }

    void copyCarriesThePasswordManagerHint()
    {
        SecretClipboard secret;
        secret.copy(QStringLiteral("s3cret-ä"));
        QCOMPARE(clipboard()->text(), QStringLiteral("s3cret-ä"));
        QCOMPARE(clipboard()->mimeData()->data(QStringLiteral("x-kde-passwordManagerHint")), QByteArray("secret"));
        QVERIFY(secret.isHolding());
        QCOMPARE(secret.timeoutMs(), 30000);
    }

    void clearedAfterTheTimeoutWhenUnchanged()
    {
        SecretClipboard secret;
        secret.setTimeoutMs(50);
        QSignalSpy cleared(&secret, &SecretClipboard::cleared);
        secret.copySecret(onramp::SecureBytes::copyOf("token"));
        QCOMPARE(clipboard()->text(), QStringLiteral("token"));
        QTRY_COMPARE(cleared.size(), 1);
        QCOMPARE(clipboard()->text(), QString());
        QVERIFY(!secret.isHolding());
    }

    void whatTheUserCopiedSinceIsLeftAlone()
    {
        SecretClipboard secret;
        secret.setTimeoutMs(50);
        secret.copy(QStringLiteral("token"));
        clipboard()->setText(QStringLiteral("a note of mine"));
        QVERIFY(!secret.isHolding());
        // Timers fire in the order they are due: once one due after the
        // secret's timeout has fired, the secret's time is past.
        QTimer pastTheTimeout;
        pastTheTimeout.setTimerType(Qt::PreciseTimer);
        pastTheTimeout.setSingleShot(true);
        QSignalSpy past(&pastTheTimeout, &QTimer::timeout);
        pastTheTimeout.start(secret.timeoutMs() * 2);
        QTRY_COMPARE(past.size(), 1);
        QCOMPARE(clipboard()->text(), QStringLiteral("a note of mine"));
        secret.clearNow();
        QCOMPARE(clipboard()->text(), QStringLiteral("a note of mine"));
    }

    void clearedWhenTheSessionLocks()
    {
        using onramp::ui::Session;
        QTemporaryDir dir;
        QVERIFY(vaulttest::makeVault(dir.path()));
        Session* session = Session::instance();
        session->setVaultPath(dir.path());
        QVERIFY(!session->unlockNow(QStringLiteral("ada"), vaulttest::kAdminPassphrase));
        // The clipboard the credentials page copies secrets to.
        SecretClipboard* secret = onramp::ui::CredentialsBackend::clipboard();
        QSignalSpy cleared(secret, &SecretClipboard::cleared);
        secret->copy(QStringLiteral("token"));
        QCOMPARE(clipboard()->text(), QStringLiteral("token"));
        QVERIFY(secret->isHolding());

        session->lock();
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(clipboard()->text(), QString());
        QVERIFY(!secret->isHolding());
    }

    void clearedWhenTheAppGoesAway()
    {
        {
            SecretClipboard secret;
            secret.copy(QStringLiteral("token"));
        }
        QCOMPARE(clipboard()->text(), QString());
    }
};

QTEST_MAIN(TestSecretClipboard)
#include "TestSecretClipboard.moc"
