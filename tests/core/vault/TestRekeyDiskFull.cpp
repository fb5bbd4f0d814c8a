// `vault rekey` on a nearly full disk: it reports success only when the
// re-encrypted database reached the disk, and whatever happens everyone still
// unlocks and the vault checks clean. Runs on a small tmpfs mounted for the
// test; where this process may not mount one, the test says so and skips.
#include "VaultTestUtil.h"
#include "vault/Vault.h"

#include "Error.h"
#include "audit/AuditLog.h"

#include <QProcess>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace onramp;
using namespace vaulttest;

class TestRekeyDiskFull : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_mount;

    static bool run(const QString& program, const QStringList& args, QString* output = nullptr)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(program, args);
        const bool ok =
            process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
        if (output)
            *output = QString::fromLocal8Bit(process.readAll()).trimmed();
        return ok;
    }

    /// Fills the file system until \a leftKiB KiB are free.
    static bool fill(const QString& dir, qint64 leftKiB)
    {
        QFile filler(QDir(dir).filePath(QStringLiteral("filler")));
        if (!filler.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        const QByteArray block(1024, '\0');
        QStorageInfo storage(dir);
        storage.refresh();
        qint64 excess = storage.bytesAvailable() / 1024 - leftKiB;
        while (excess-- > 0)
            if (filler.write(block) != block.size())
                return false;
        return filler.flush();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        if (geteuid() != 0)
            QSKIP("mounting a small tmpfs needs root; run as root (as CI does) to test rekey on a full disk");
        m_mount = m_tmp.filePath(QStringLiteral("tmpfs"));
        QDir().mkpath(m_mount);
        QString why;
        if (!run(QStringLiteral("mount"),
                 {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=512k"),
                  QStringLiteral("tmpfs"), m_mount},
                 &why)) {
            m_mount.clear();
            QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1); rekey on a full disk untested").arg(why)));
        }
    }

    void cleanupTestCase()
    {
        if (!m_mount.isEmpty())
            run(QStringLiteral("umount"), {m_mount});
    }

    void rekeyOnAFullDiskNeverLocksAnyoneOut_data()
    {
        QTest::addColumn<int>("leftKiB");
        for (int left : {8, 12, 24, 48, 90, 160, 400})
            QTest::newRow(qPrintable(QStringLiteral("%1 KiB left").arg(left))) << left;
    }

    void rekeyOnAFullDiskNeverLocksAnyoneOut()
    {
        QFETCH(int, leftKiB);
        const QString dir = QDir(m_mount).filePath(QStringLiteral("vault%1").arg(leftKiB));
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(m_tmp.filePath(QStringLiteral("trust%1").arg(leftKiB))));
        std::unique_ptr<Vault> admin = makeVault(dir);
        QVERIFY(admin);
        QVERIFY(fill(m_mount, leftKiB) || leftKiB > 0);
        const Error rekey = admin->rekey();
        admin.reset();
        QFile::remove(QDir(m_mount).filePath(QStringLiteral("filler")));
        // Whatever the rekey said, nobody is locked out and the vault checks clean.
        for (const auto& [name, passphrase] :
             {std::pair{QStringLiteral("ada"), kAdminPassphrase}, std::pair{QStringLiteral("max"), kMentorPassphrase},
              std::pair{QStringLiteral("hal"), kHirePassphrase}}) {
            std::unique_ptr<Vault> vault;
            const Error e = Vault::unlock(dir, name, passphrase, &vault);
            QVERIFY2(!e, qPrintable(QStringLiteral("%1 after '%2': %3").arg(name, rekey.message, e.message)));
        }
        std::unique_ptr<Vault> again;
        QVERIFY(!Vault::unlock(dir, QStringLiteral("ada"), kAdminPassphrase, &again));
        QStringList report;
        const Error check = again->check(&report);
        QVERIFY2(!check, qPrintable(report.join(QLatin1Char('\n'))));
        // A refusal is an I/O error saying so; a success is a rotation the log records.
        QList<AuditEntry> entries;
        QVERIFY(!AuditLog::entries(again->db(), {}, &entries));
        if (rekey) {
            QCOMPARE(rekey.kind, ErrorKind::Io);
            qInfo() << leftKiB << "KiB left: refused:" << rekey.message;
        } else {
            QCOMPARE(entries.last().action, QStringLiteral("vault.rekey"));
            QVERIFY(entries.last().details.contains(QStringLiteral("started")));
            qInfo() << leftKiB << "KiB left: rotated";
        }
        QDir(dir).removeRecursively();
    }
};

QTEST_GUILESS_MAIN(TestRekeyDiskFull)
#include "TestRekeyDiskFull.moc"
