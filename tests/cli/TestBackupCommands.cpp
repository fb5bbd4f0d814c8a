// `onramp backup` and `onramp restore` through the real binary: a backup taken
// while another process writes restores into a new folder that passes
// `vault check` and `audit verify`; a tampered or foreign file is refused
// naming it; only an admin restores, over a folder only with --replace,
// keeping the old one aside; other desktops are told of the restore.
#include "Database.h"
#include "VaultTestUtil.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sodium.h>

#include <csignal>
#include <tuple>

using namespace vaulttest;

namespace {

const QByteArray kMentor = "maya mentors well";
const QByteArray kHire = "alex is new here";

} // namespace

class TestBackupCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_vault;

    QString path(const QString& name) const { return m_tmp.filePath(name); }

    /// Runs onramp as \a who on \a vault, with \a desktop's trust store.
    RunResult as(const QString& who, const QByteArray& passphrase, QStringList args, const QString& vault,
                 const QString& desktop = QStringLiteral("a"))
    {
        args << QStringLiteral("--vault") << vault << QStringLiteral("--as") << who;
        return runOnramp(args, passphrase,
                         {{QStringLiteral("ONRAMP_TRUST_DIR"), path(QStringLiteral("trust-") + desktop)}});
    }
    RunResult ada(const QStringList& args, const QString& vault, const QString& desktop = QStringLiteral("a"))
    {
        return as(QStringLiteral("ada"), kAdminPassphrase, args, vault, desktop);
    }

    QString newPassphraseFile(const QString& name, const QByteArray& passphrase)
    {
        QFile file(path(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(passphrase + '\n');
        return file.fileName();
    }

    /// `vault check` and `audit verify` as ada, both passing.
    void verifyVault(const QString& vault, const QString& desktop)
    {
        const RunResult check = ada({QStringLiteral("vault"), QStringLiteral("check")}, vault, desktop);
        QVERIFY2(check.code == 0, qPrintable(check.out + check.err));
        const RunResult audit = ada({QStringLiteral("audit"), QStringLiteral("verify")}, vault, desktop);
        QVERIFY2(audit.code == 0, qPrintable(audit.out + audit.err));
    }

    QStringList leftovers(const QString& folder, const QString& prefix) const
    {
        return QDir(folder).entryList({prefix + QStringLiteral("*")},
                                      QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_vault = path(QStringLiteral("vault"));
        const RunResult init =
            runOnramp({QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("ada"),
                       QStringLiteral("--vault"), m_vault},
                      kAdminPassphrase, {{QStringLiteral("ONRAMP_TRUST_DIR"), path(QStringLiteral("trust-a"))}});
        QVERIFY2(init.code == 0, qPrintable(init.err));
        const QList<QStringList> setup = {
            {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("maya"), QStringLiteral("--role"),
             QStringLiteral("mentor"), QStringLiteral("--new-passphrase-file"),
             newPassphraseFile(QStringLiteral("maya.pass"), "handed over: " + kMentor)},
            {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("alex"), QStringLiteral("--role"),
             QStringLiteral("hire"), QStringLiteral("--new-passphrase-file"),
             newPassphraseFile(QStringLiteral("alex.pass"), "handed over: " + kHire)},
            {QStringLiteral("checklist"), QStringLiteral("import"),
             QStringLiteral(ONRAMP_TEST_DATA "/../../docs/examples/backend-week-one.yaml")},
            {QStringLiteral("enroll"), QStringLiteral("alex"), QStringLiteral("--checklist"),
             QStringLiteral("backend-week-one"), QStringLiteral("--mentor"), QStringLiteral("maya"),
             QStringLiteral("--start"), QStringLiteral("2026-12-01")},
        };
        for (const QStringList& args : setup) {
            const RunResult r = ada(args, m_vault);
            QVERIFY2(r.code == 0, qPrintable(args.join(u' ') + QStringLiteral(": ") + r.err));
        }
        // The admin typed their first passphrases: each chooses their own first.
        for (const auto& [who, own] :
             {std::pair{QStringLiteral("maya"), kMentor}, std::pair{QStringLiteral("alex"), kHire}}) {
            const RunResult chose =
                as(who, "handed over: " + own,
                   {QStringLiteral("passphrase"), QStringLiteral("change"), QStringLiteral("--new-passphrase-file"),
                    newPassphraseFile(who + QStringLiteral("-own.pass"), own)},
                   m_vault);
            QVERIFY2(chose.code == 0, qPrintable(chose.err));
        }
    }

    // The case: a backup taken while another process marks steps,
    // restored into a new folder, passes both checks; it holds no secret.
    void backupWhileAnotherProcessWritesRestoresWhole()
    {
        const RunResult secret =
            as(QStringLiteral("alex"), kHire,
               {QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("sandbox-db")}, m_vault);
        QVERIFY2(secret.code == 0, qPrintable(secret.err));
        const QString password = secret.out.section(QStringLiteral("password"), 1).section(u'\n', 0, 0).trimmed();
        QVERIFY2(password.size() >= 20, qPrintable(secret.out));

        // The writer: alex marks a step done and undoes it, over and over.
        QProcess writer;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONRAMP_TEST_KDF"), QStringLiteral("fast"));
        env.insert(QStringLiteral("ONRAMP_PASSPHRASE"), QString::fromUtf8(kHire));
        env.insert(QStringLiteral("ONRAMP_TRUST_DIR"), path(QStringLiteral("trust-writer")));
        env.insert(QStringLiteral("ONRAMP"), QStringLiteral(ONRAMP_BINARY));
        env.insert(QStringLiteral("V"), m_vault);
        writer.setProcessEnvironment(env);
        writer.start(QStringLiteral("/bin/sh"),
                     {QStringLiteral("-c"),
                      QStringLiteral("for i in 1 2 3 4 5 6 7 8 9 10 11 12; do "
                                     "\"$ONRAMP\" step done alex handbook --as alex --vault \"$V\" || exit 1; "
                                     "\"$ONRAMP\" step undo alex handbook --as alex --vault \"$V\" || exit 1; "
                                     "done")});
        QVERIFY(writer.waitForStarted());
        QStringList files;
        for (int i = 0; i < 4; ++i) {
            const QString file = path(QStringLiteral("during-%1.onramp").arg(i));
            const RunResult taken = ada({QStringLiteral("backup"), file}, m_vault, QStringLiteral("backup"));
            QVERIFY2(taken.code == 0, qPrintable(taken.err));
            QVERIFY2(taken.out.contains(QStringLiteral("Backed up vault")), qPrintable(taken.out));
            QCOMPARE(QFileInfo(file).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), 0);
            files << file;
            QTest::qWait(150);
        }
        QVERIFY(writer.waitForFinished(120000));
        QVERIFY2(writer.exitCode() == 0, writer.readAllStandardError().constData());
        QVERIFY2(leftovers(m_tmp.path(), QStringLiteral(".during")).isEmpty(),
                 qPrintable(leftovers(m_tmp.path(), QStringLiteral(".during")).join(u' ')));

        for (const QString& file : std::as_const(files)) {
            QFile bytes(file);
            QVERIFY(bytes.open(QIODevice::ReadOnly));
            const QByteArray all = bytes.readAll();
            QVERIFY2(!all.contains(password.toUtf8()), "the sandbox secret is in the backup in plaintext");
            QVERIFY(!all.contains(kHire) && !all.contains(kAdminPassphrase));
        }
        // Each restores into a new folder, on a desktop of its own, whole.
        for (int i = 0; i < files.size(); ++i) {
            const QString desktop = QStringLiteral("new-%1").arg(i);
            const QString target = path(QStringLiteral("restored-%1").arg(i));
            const RunResult restored = ada({QStringLiteral("restore"), files[i]}, target, desktop);
            QVERIFY2(restored.code == 0, qPrintable(restored.err));
            QVERIFY2(restored.out.contains(QStringLiteral("recorded as restore 1")), qPrintable(restored.out));
            // Nothing to carry endings from, and a desktop that cannot tell: said.
            QVERIFY2(restored.out.contains(QStringLiteral("The folder held no vault")), qPrintable(restored.out));
            verifyVault(target, desktop);
        }
        // And on the desktop that saw the vault go on: with no vault in the
        // folder to carry what was ended since from, only the admin's
        // --rollback restores it, and the restore says what it lost.
        const RunResult look = ada({QStringLiteral("person"), QStringLiteral("list")}, m_vault);
        QVERIFY2(look.code == 0, qPrintable(look.err));
        const QString target = path(QStringLiteral("restored-here"));
        const RunResult refused = ada({QStringLiteral("restore"), files.first()}, target);
        QCOMPARE(refused.code, 5);
        QVERIFY2(refused.err.contains(QStringLiteral("holds no vault"))
                     && refused.err.contains(QStringLiteral("--rollback")),
                 qPrintable(refused.err));
        QVERIFY(!QFileInfo::exists(target));
        const RunResult here = ada({QStringLiteral("restore"), files.first(), QStringLiteral("--rollback")}, target);
        QVERIFY2(here.code == 0, qPrintable(here.err));
        QVERIFY2(here.out.contains(QStringLiteral("recorded changes are not in the backup")), qPrintable(here.out));
        verifyVault(target, QStringLiteral("a"));
        const RunResult log = ada({QStringLiteral("audit"), QStringLiteral("log")}, target);
        QVERIFY2(log.code == 0, qPrintable(log.err));
        QVERIFY2(log.out.contains(QStringLiteral("vault.restore"))
                     && log.out.contains(QStringLiteral("backup_taken_at")),
                 qPrintable(log.out.right(600)));
        // This desktop moved to the restored vault: the folder it replaced in
        // its memory is now an older timeline, refused with the usual words.
        const RunResult old = ada({QStringLiteral("person"), QStringLiteral("list")}, m_vault);
        QCOMPARE(old.code, 6);
    }

    void aTamperedOrForeignFileIsRefusedNamingIt()
    {
        const QString good = path(QStringLiteral("good.onramp"));
        const QString live = path(QStringLiteral("live"));
        // A vault of its own, so that this desktop's memory is not the one above.
        const RunResult init = runOnramp(
            {QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("ada"), QStringLiteral("--vault"), live},
            kAdminPassphrase, {{QStringLiteral("ONRAMP_TRUST_DIR"), path(QStringLiteral("trust-t"))}});
        QVERIFY2(init.code == 0, qPrintable(init.err));
        const RunResult taken = ada({QStringLiteral("backup"), good}, live, QStringLiteral("t"));
        QVERIFY2(taken.code == 0, qPrintable(taken.err));

        QFile in(good);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bytes = in.readAll();
        in.close();
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x20);
        const QString tampered = path(QStringLiteral("tampered.onramp"));
        QFile out(tampered);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        const QString target = path(QStringLiteral("from-tampered"));
        const RunResult r = ada({QStringLiteral("restore"), tampered}, target, QStringLiteral("t"));
        QCOMPARE(r.code, 6);
        QVERIFY2(r.err.contains(tampered) && r.err.contains(QStringLiteral("is damaged or was changed after it")),
                 qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(target));

        const RunResult foreign =
            ada({QStringLiteral("restore"), path(QStringLiteral("maya.pass"))}, target, QStringLiteral("t"));
        QCOMPARE(foreign.code, 5);
        QVERIFY2(foreign.err.contains(QStringLiteral("is not an Onramp backup")), qPrintable(foreign.err));
        const RunResult missing =
            ada({QStringLiteral("restore"), path(QStringLiteral("nothing.onramp"))}, target, QStringLiteral("t"));
        QCOMPARE(missing.code, 1);
        QVERIFY2(missing.err.contains(path(QStringLiteral("nothing.onramp"))), qPrintable(missing.err));
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(leftovers(m_tmp.path(), QStringLiteral(".from-tampered")).isEmpty());

        // The file's checksum has no key: a hire can change the manifest and
        // seal it again. What the admin's restore entry would sign of the
        // backup (its head, who took it, when) must match what it holds.
        const auto resealed = [&](const QString& name, const QString& key, const QJsonValue& value) {
            const QByteArray magic = bytes.left(bytes.indexOf('\n') + 1);
            QFile again(good);
            again.open(QIODevice::ReadOnly);
            const QByteArray whole = again.readAll();
            const auto* h = reinterpret_cast<const unsigned char*>(whole.constData()) + magic.size();
            const qsizetype length = (qsizetype(h[0]) << 24) | (qsizetype(h[1]) << 16) | (qsizetype(h[2]) << 8) | h[3];
            QJsonObject manifest = QJsonDocument::fromJson(whole.mid(magic.size() + 4, length)).object();
            manifest.insert(key, value);
            const QByteArray json = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
            QByteArray forged = magic;
            for (int shift : {24, 16, 8, 0})
                forged.append(char((json.size() >> shift) & 0xff));
            forged += json;
            forged += whole.mid(magic.size() + 4 + length, whole.size() - (magic.size() + 4 + length) - 32);
            QByteArray sum(32, Qt::Uninitialized);
            crypto_generichash(reinterpret_cast<unsigned char*>(sum.data()), 32,
                               reinterpret_cast<const unsigned char*>(forged.constData()), std::size_t(forged.size()),
                               nullptr, 0);
            forged += sum;
            QFile file(path(name));
            file.open(QIODevice::WriteOnly);
            file.write(forged);
            return path(name);
        };
        QFile goodFile(good);
        QVERIFY(goodFile.open(QIODevice::ReadOnly));
        const QJsonObject real = [&] {
            const QByteArray whole = goodFile.readAll();
            const qsizetype at = whole.indexOf('\n') + 1;
            const auto* h = reinterpret_cast<const unsigned char*>(whole.constData()) + at;
            const qsizetype length = (qsizetype(h[0]) << 24) | (qsizetype(h[1]) << 16) | (qsizetype(h[2]) << 8) | h[3];
            return QJsonDocument::fromJson(whole.mid(at + 4, length)).object();
        }();
        QVERIFY2(real.value(QStringLiteral("head_seq")).toInteger() > 0, "the manifest has no head");
        const QList<std::tuple<QString, QString, QJsonValue, QString>> forgeries = {
            {QStringLiteral("later-head.onramp"), QStringLiteral("head_seq"),
             real.value(QStringLiteral("head_seq")).toInteger() + 1, QStringLiteral("says its log ends at")},
            {QStringLiteral("nobody.onramp"), QStringLiteral("taken_by"), QStringLiteral("nosuchperson"),
             QStringLiteral("who is no person of the vault")},
            {QStringLiteral("future.onramp"), QStringLiteral("taken_at"), QStringLiteral("2099-12-31T00:00:00.000Z"),
             QStringLiteral("but its manifest is not signed by ada")},
            {QStringLiteral("unsigned.onramp"), QStringLiteral("signature"), QString(),
             QStringLiteral("carries no signature of the person who took it")},
        };
        for (const auto& [name, key, value, says] : forgeries) {
            const QString forged = resealed(name, key, value);
            const RunResult refused = ada({QStringLiteral("restore"), forged}, target, QStringLiteral("t"));
            QCOMPARE(refused.code, 6);
            QVERIFY2(refused.err.contains(forged) && refused.err.contains(says), qPrintable(refused.err));
            QVERIFY(!QFileInfo::exists(target));
        }
        // The same file resealed unchanged restores: the refusals are the changes'.
        const RunResult same =
            ada({QStringLiteral("restore"), resealed(QStringLiteral("same.onramp"), QStringLiteral("format"), 1)},
                target, QStringLiteral("t"));
        QVERIFY2(same.code == 0, qPrintable(same.err));
    }

    void aHiresRelabelledBackupIsRefused()
    {
        // The hire takes a copy of the folder's state and relabels it "taken
        // by ada", resealing the unkeyed checksum: the manifest's word is
        // signed, and only an admin's signature is taken.
        const QString mine = path(QStringLiteral("alex-own.onramp"));
        const RunResult refused =
            as(QStringLiteral("alex"), kHire, {QStringLiteral("backup"), mine}, m_vault, QStringLiteral("backup"));
        QVERIFY2(refused.code == 4, qPrintable(refused.err));
        QVERIFY2(refused.err.contains(QStringLiteral("only an admin takes a backup")), qPrintable(refused.err));
        QVERIFY(!QFileInfo::exists(mine));
        const QString real = path(QStringLiteral("ada-real.onramp"));
        const RunResult taken = ada({QStringLiteral("backup"), real}, m_vault, QStringLiteral("backup"));
        QVERIFY2(taken.code == 0, qPrintable(taken.err));
        QFile in(real);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray whole = in.readAll();
        const qsizetype at = whole.indexOf('\n') + 1;
        const auto* h = reinterpret_cast<const unsigned char*>(whole.constData()) + at;
        const qsizetype length = (qsizetype(h[0]) << 24) | (qsizetype(h[1]) << 16) | (qsizetype(h[2]) << 8) | h[3];
        QJsonObject manifest = QJsonDocument::fromJson(whole.mid(at + 4, length)).object();
        QVERIFY2(!manifest.value(QStringLiteral("signature")).toString().isEmpty(), "the manifest is not signed");
        // Signed by alex with his own key (which he holds), naming ada.
        manifest.insert(QStringLiteral("taken_at"), QStringLiteral("2026-12-03T08:50:35.000Z"));
        const QString forged = path(QStringLiteral("relabelled.onramp"));
        {
            manifest.remove(QStringLiteral("signature"));
            // Any signature but ada's: 64 bytes of the hire's choosing.
            manifest.insert(QStringLiteral("signature"), QString::fromLatin1(QByteArray(64, 'x').toBase64()));
            const QByteArray json = QJsonDocument(manifest).toJson(QJsonDocument::Compact);
            QByteArray out = whole.left(at);
            for (int shift : {24, 16, 8, 0})
                out.append(char((json.size() >> shift) & 0xff));
            out += json;
            out += whole.mid(at + 4 + length, whole.size() - (at + 4 + length) - 32);
            QByteArray sum(32, Qt::Uninitialized);
            crypto_generichash(reinterpret_cast<unsigned char*>(sum.data()), 32,
                               reinterpret_cast<const unsigned char*>(out.constData()), std::size_t(out.size()),
                               nullptr, 0);
            out += sum;
            QFile file(forged);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(out);
        }
        const QString target = path(QStringLiteral("from-relabelled"));
        const RunResult restore = ada({QStringLiteral("restore"), forged}, target, QStringLiteral("relabel"));
        QCOMPARE(restore.code, 6);
        QVERIFY2(restore.err.contains(QStringLiteral("is not signed by ada")), qPrintable(restore.err));
        QVERIFY(!QFileInfo::exists(target));
        // The real one restores, naming its verified taker.
        const RunResult good = ada({QStringLiteral("restore"), real}, target, QStringLiteral("relabel"));
        QVERIFY2(good.code == 0, qPrintable(good.err));
        QVERIFY2(good.out.contains(QStringLiteral("from the backup ada took at")), qPrintable(good.out));
    }

private:
    /// A vault in \a live, made on desktop \a desk, in which alex holds a
    /// live production grant of prod-db ("the production password"); ada's
    /// backup of it is in \a file. Empty when something failed. ada runs
    /// \a extra before the secret is set and the backup taken.
    void grantedVault(const QString& live, const QString& desk, QString* file, const QList<QStringList>& extra = {})
    {
        const auto run = [&](const QString& who, const QByteArray& passphrase, const QStringList& args) {
            return as(who, passphrase, args, live, desk);
        };
        const RunResult init = runOnramp(
            {QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("ada"), QStringLiteral("--vault"), live},
            kAdminPassphrase, {{QStringLiteral("ONRAMP_TRUST_DIR"), path(QStringLiteral("trust-") + desk)}});
        QVERIFY2(init.code == 0, qPrintable(init.err));
        QFile secretFile(path(QStringLiteral("prod.secret")));
        QVERIFY(secretFile.open(QIODevice::WriteOnly));
        secretFile.write("the production password\n");
        secretFile.close();
        const QList<QStringList> setup = {
            {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("maya"), QStringLiteral("--role"),
             QStringLiteral("mentor"), QStringLiteral("--new-passphrase-file"), path(QStringLiteral("maya.pass"))},
            {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("alex"), QStringLiteral("--role"),
             QStringLiteral("hire"), QStringLiteral("--new-passphrase-file"), path(QStringLiteral("alex.pass"))},
            {QStringLiteral("checklist"), QStringLiteral("import"),
             QStringLiteral(ONRAMP_TEST_DATA "/../../docs/examples/backend-week-one.yaml")},
            {QStringLiteral("enroll"), QStringLiteral("alex"), QStringLiteral("--checklist"),
             QStringLiteral("backend-week-one"), QStringLiteral("--mentor"), QStringLiteral("maya"),
             QStringLiteral("--start"), QStringLiteral("2026-12-01")},
        };
        for (const QStringList& args : setup) {
            const RunResult r = run(QStringLiteral("ada"), kAdminPassphrase, args);
            QVERIFY2(r.code == 0, qPrintable(args.join(u' ') + QStringLiteral(": ") + r.err));
        }
        for (const auto& [who, own] :
             {std::pair{QStringLiteral("maya"), kMentor}, std::pair{QStringLiteral("alex"), kHire}}) {
            const RunResult chose =
                run(who, "handed over: " + own,
                    {QStringLiteral("passphrase"), QStringLiteral("change"), QStringLiteral("--new-passphrase-file"),
                     path(who + QStringLiteral("-own.pass"))});
            QVERIFY2(chose.code == 0, qPrintable(chose.err));
        }
        for (const char* step : {"handbook", "laptop", "sandbox-tests", "restore-drill"}) {
            const RunResult done = run(QStringLiteral("alex"), kHire,
                                       {QStringLiteral("step"), QStringLiteral("done"), QStringLiteral("alex"),
                                        QString::fromLatin1(step), QStringLiteral("--note"), QStringLiteral("done")});
            QVERIFY2(done.code == 0, qPrintable(done.err));
        }
        for (const char* step : {"sandbox-tests", "restore-drill"}) {
            const RunResult approved = run(
                QStringLiteral("maya"), kMentor,
                {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("alex"), QString::fromLatin1(step)});
            QVERIFY2(approved.code == 0, qPrintable(approved.err));
        }
        const RunResult signoff =
            run(QStringLiteral("maya"), kMentor, {QStringLiteral("signoff"), QStringLiteral("alex")});
        QVERIFY2(signoff.code == 0, qPrintable(signoff.err));
        for (const QStringList& args : extra) {
            const RunResult r = run(QStringLiteral("ada"), kAdminPassphrase, args);
            QVERIFY2(r.code == 0, qPrintable(args.join(u' ') + QStringLiteral(": ") + r.err));
        }
        const RunResult set = run(QStringLiteral("ada"), kAdminPassphrase,
                                  {QStringLiteral("cred"), QStringLiteral("set"), QStringLiteral("prod-db"),
                                   QStringLiteral("--secret-file"), secretFile.fileName()});
        QVERIFY2(set.code == 0, qPrintable(set.err));
        const QStringList show{QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")};
        QVERIFY2(run(QStringLiteral("alex"), kHire, show).out.contains(QStringLiteral("the production password")),
                 "the grant is not live before the backup");
        *file = path(live.section(u'/', -1) + QStringLiteral(".onramp"));
        const RunResult taken = run(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("backup"), *file});
        QVERIFY2(taken.code == 0, qPrintable(taken.err));
    }

    /// Whether alex reads the production password on \a live from \a desk.
    bool alexReadsTheSecret(const QString& live, const QString& desk)
    {
        return as(QStringLiteral("alex"), kHire,
                  {QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")}, live, desk)
            .out.contains(QStringLiteral("the production password"));
    }

    /// As the hire, who holds the master key: \a statements on \a live's
    /// database, the audit log's triggers out of the way and put back.
    void asHireWithSql(const QString& live, const QStringList& statements)
    {
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(path(QStringLiteral("trust-alex"))));
        qputenv("ONRAMP_TEST_KDF", "fast");
        std::unique_ptr<onramp::Vault> hire;
        const onramp::Error opened = onramp::Vault::unlock(live, QStringLiteral("alex"), kHire, &hire);
        QVERIFY2(!opened, qPrintable(opened.message));
        onramp::Database& db = hire->db();
        QList<QVariantList> triggers;
        QVERIFY(!db.execute(QStringLiteral("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name "
                                           "= 'audit_log'"),
                            {}, &triggers));
        QVERIFY(!triggers.isEmpty());
        for (const QVariantList& trigger : std::as_const(triggers))
            QVERIFY(!db.execute(QStringLiteral("DROP TRIGGER %1").arg(trigger.at(0).toString())));
        for (const QString& sql : statements) {
            const onramp::Error e = db.execute(sql);
            QVERIFY2(!e, qPrintable(sql + QStringLiteral(": ") + e.message));
        }
        for (const QVariantList& trigger : std::as_const(triggers))
            QVERIFY(!db.execute(trigger.at(1).toString()));
    }

private Q_SLOTS:
    void aRestoreOverALogThatDoesNotVerifyNeedsRollback()
    {
        // The hire rewrites the revocation in the log of the vault a restore
        // replaces: what it revoked cannot be read from it, so the restore
        // of ada's genuine backup is refused unless she rolls back.
        const QString live = path(QStringLiteral("edited"));
        const QString desk = QStringLiteral("e");
        QString file;
        grantedVault(live, desk, &file);
        if (QTest::currentTestFailed())
            return;
        const RunResult revoke =
            as(QStringLiteral("maya"), kMentor,
               {QStringLiteral("cred"), QStringLiteral("revoke"), QStringLiteral("alex"), QStringLiteral("prod-db")},
               live, QStringLiteral("maya"));
        QVERIFY2(revoke.code == 0, qPrintable(revoke.err));
        asHireWithSql(live,
                      {QStringLiteral("UPDATE audit_log SET details = replace(details, '\"how\":\"revoked\"', "
                                      "'\"how\":\"renewed\"') WHERE action = 'grant.revoke'")});
        if (QTest::currentTestFailed())
            return;
        const RunResult restored = as(QStringLiteral("ada"), kAdminPassphrase,
                                      {QStringLiteral("restore"), file, QStringLiteral("--replace")}, live, desk);
        QCOMPARE(restored.code, 5);
        QVERIFY2(restored.err.contains(QStringLiteral("does not verify"))
                     && restored.err.contains(QStringLiteral("--rollback")),
                 qPrintable(restored.err));
        QVERIFY(!alexReadsTheSecret(live, QStringLiteral("alex")));
        QVERIFY(leftovers(QFileInfo(live).absolutePath(), QStringLiteral("edited.replaced")).isEmpty());
        // The admin's word: the backup as it is.
        const RunResult rolledBack = as(
            QStringLiteral("ada"), kAdminPassphrase,
            {QStringLiteral("restore"), file, QStringLiteral("--replace"), QStringLiteral("--rollback")}, live, desk);
        QVERIFY2(rolledBack.code == 0, qPrintable(rolledBack.err));
    }

    void aRestoreIntoAnEmptiedFolderNeedsRollbackWhenThisDesktopSawMore()
    {
        // The hire deletes the vault folder after a revocation this desktop
        // saw: restoring the backup into the empty folder would bring the
        // grant back with nothing said.
        const QString live = path(QStringLiteral("emptied"));
        const QString desk = QStringLiteral("d");
        QString file;
        grantedVault(live, desk, &file);
        if (QTest::currentTestFailed())
            return;
        const RunResult revoke =
            as(QStringLiteral("maya"), kMentor,
               {QStringLiteral("cred"), QStringLiteral("revoke"), QStringLiteral("alex"), QStringLiteral("prod-db")},
               live, desk);
        QVERIFY2(revoke.code == 0, qPrintable(revoke.err));
        QVERIFY(QDir(live).removeRecursively());
        QVERIFY(QDir().mkpath(live));
        const RunResult restored =
            as(QStringLiteral("ada"), kAdminPassphrase, {QStringLiteral("restore"), file}, live, desk);
        QCOMPARE(restored.code, 5);
        QVERIFY2(restored.err.contains(QStringLiteral("holds no vault"))
                     && restored.err.contains(QStringLiteral("--rollback")),
                 qPrintable(restored.err));
        QVERIFY(QDir(live).isEmpty());
        const RunResult rolledBack = as(QStringLiteral("ada"), kAdminPassphrase,
                                        {QStringLiteral("restore"), file, QStringLiteral("--rollback")}, live, desk);
        QVERIFY2(rolledBack.code == 0, qPrintable(rolledBack.err));
    }

    void aRestoreKeepsGrantsAMoveOrADisableEnded()
    {
        // No tampering: after the backup, ada moves alex to a new version
        // (which ends his grant), or disables him. Neither grant comes back.
        QFile example(QStringLiteral(ONRAMP_TEST_DATA "/../../docs/examples/backend-week-one.yaml"));
        QVERIFY(example.open(QIODevice::ReadOnly));
        QByteArray v2 = example.readAll();
        v2.replace("title: Read how we handle mistakes", "title: Read how we handle mistakes, again");
        const QString v2File = newPassphraseFile(QStringLiteral("week-one-v2.yaml"), v2);
        const QList<std::pair<QString, QList<QStringList>>> cases = {
            {QStringLiteral("moved"),
             {{QStringLiteral("checklist"), QStringLiteral("import"), v2File},
              {QStringLiteral("enrollment"), QStringLiteral("move"), QStringLiteral("alex")}}},
            {QStringLiteral("disabled"),
             {{QStringLiteral("person"), QStringLiteral("disable"), QStringLiteral("alex")}}},
        };
        for (const auto& [name, acts] : cases) {
            const QString live = path(name);
            QString file;
            grantedVault(live, name, &file);
            if (QTest::currentTestFailed())
                return;
            for (const QStringList& act : acts) {
                const RunResult r = as(QStringLiteral("ada"), kAdminPassphrase, act, live, name);
                QVERIFY2(r.code == 0, qPrintable(act.join(u' ') + QStringLiteral(": ") + r.err));
            }
            const RunResult restored = as(QStringLiteral("ada"), kAdminPassphrase,
                                          {QStringLiteral("restore"), file, QStringLiteral("--replace")}, live, name);
            QVERIFY2(restored.code == 0, qPrintable(name + QStringLiteral(": ") + restored.err));
            QVERIFY2(!alexReadsTheSecret(live, QStringLiteral("alex-") + name), qPrintable(name));
            if (name == QLatin1String("disabled")) {
                QVERIFY2(restored.out.contains(QStringLiteral("alex was disabled in the vault this restore replaced "
                                                              "and is disabled again")),
                         qPrintable(restored.out));
                // The backup's slot still held the master key: it is emptied again.
                const RunResult signIn =
                    as(QStringLiteral("alex"), kHire, {QStringLiteral("whoami")}, live, QStringLiteral("alex-") + name);
                QVERIFY2(signIn.code != 0, qPrintable(signIn.out));
                const RunResult mark = as(
                    QStringLiteral("alex"), kHire,
                    {QStringLiteral("step"), QStringLiteral("undo"), QStringLiteral("alex"), QStringLiteral("laptop")},
                    live, QStringLiteral("alex-") + name);
                QVERIFY2(mark.code != 0, qPrintable(mark.out));
            }
            verifyVault(live, name);
        }
    }

    void aRestoreKeepsADisabledMentorOutAndTheNewMentorOn()
    {
        // After the backup, ada gives alex the mentor sam and disables maya.
        // The restore must not let maya, with her pre-disable keys, approve
        // and sign off alex again: she stays disabled, sam stays his mentor.
        const QString live = path(QStringLiteral("mentors"));
        const QString desk = QStringLiteral("m");
        QString file;
        grantedVault(
            live, desk, &file,
            {{QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("sam"), QStringLiteral("--role"),
              QStringLiteral("mentor"), QStringLiteral("--new-passphrase-file"), path(QStringLiteral("maya.pass"))}});
        if (QTest::currentTestFailed())
            return;
        for (const QStringList& act :
             QList<QStringList>{{QStringLiteral("enrollment"), QStringLiteral("edit"), QStringLiteral("alex"),
                                 QStringLiteral("--mentor"), QStringLiteral("sam")},
                                {QStringLiteral("person"), QStringLiteral("disable"), QStringLiteral("maya")}}) {
            const RunResult r = as(QStringLiteral("ada"), kAdminPassphrase, act, live, desk);
            QVERIFY2(r.code == 0, qPrintable(act.join(u' ') + QStringLiteral(": ") + r.err));
        }
        const RunResult restored = as(QStringLiteral("ada"), kAdminPassphrase,
                                      {QStringLiteral("restore"), file, QStringLiteral("--replace")}, live, desk);
        QVERIFY2(restored.code == 0, qPrintable(restored.err));
        QVERIFY2(restored.out.contains(QStringLiteral("maya was disabled in the vault this restore replaced and is "
                                                      "disabled again"))
                     && restored.out.contains(QStringLiteral("alex's mentor is sam again")),
                 qPrintable(restored.out));
        const RunResult approve =
            as(QStringLiteral("maya"), kMentor,
               {QStringLiteral("step"), QStringLiteral("approve"), QStringLiteral("alex"), QStringLiteral("laptop")},
               live, QStringLiteral("maya-m"));
        QVERIFY2(approve.code != 0, qPrintable(approve.out));
        const RunResult signoff =
            as(QStringLiteral("maya"), kMentor, {QStringLiteral("signoff"), QStringLiteral("alex")}, live,
               QStringLiteral("maya-m"));
        QVERIFY2(signoff.code != 0, qPrintable(signoff.out));
        const RunResult log = ada({QStringLiteral("audit"), QStringLiteral("log")}, live, desk);
        QVERIFY2(log.out.section(QStringLiteral("vault.restore"), 1).contains(QStringLiteral("person.disable"))
                     && log.out.section(QStringLiteral("vault.restore"), 1).contains(QStringLiteral("enrollment.edit")),
                 qPrintable(log.out));
        QVERIFY(!alexReadsTheSecret(live, QStringLiteral("alex-m")));
        verifyVault(live, desk);
    }

    void aRestoreNamesAMentorItCannotGiveBackAndDisablesFirst()
    {
        // sam was added after the backup: the mentor change cannot be done
        // again, and the restore says so; maya stays disabled all the same.
        const QString live = path(QStringLiteral("newmentor"));
        const QString desk = QStringLiteral("n");
        QString file;
        grantedVault(live, desk, &file);
        if (QTest::currentTestFailed())
            return;
        for (const QStringList& act : QList<QStringList>{
                 {QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("sam"), QStringLiteral("--role"),
                  QStringLiteral("mentor"), QStringLiteral("--new-passphrase-file"), path(QStringLiteral("maya.pass"))},
                 {QStringLiteral("enrollment"), QStringLiteral("edit"), QStringLiteral("alex"),
                  QStringLiteral("--mentor"), QStringLiteral("sam")},
                 {QStringLiteral("person"), QStringLiteral("disable"), QStringLiteral("maya")}}) {
            const RunResult r = as(QStringLiteral("ada"), kAdminPassphrase, act, live, desk);
            QVERIFY2(r.code == 0, qPrintable(act.join(u' ') + QStringLiteral(": ") + r.err));
        }
        const RunResult restored = as(QStringLiteral("ada"), kAdminPassphrase,
                                      {QStringLiteral("restore"), file, QStringLiteral("--replace")}, live, desk);
        QVERIFY2(restored.code == 0, qPrintable(restored.err));
        QVERIFY2(restored.out.contains(QStringLiteral("maya was disabled in the vault this restore replaced and is "
                                                      "disabled again"))
                     && restored.out.contains(QStringLiteral("Not carried over: alex's mentor was changed to sam"))
                     && restored.out.contains(QStringLiteral("onramp enrollment edit alex --mentor sam"))
                     && restored.out.contains(QStringLiteral("disable first")),
                 qPrintable(restored.out));
        const RunResult signoff =
            as(QStringLiteral("maya"), kMentor, {QStringLiteral("signoff"), QStringLiteral("alex")}, live,
               QStringLiteral("maya-n"));
        QVERIFY2(signoff.code != 0, qPrintable(signoff.out));
        verifyVault(live, desk);
    }

    void aRestoreKeepsAMoveToAChecklistImportedSince()
    {
        // After the backup, ada imports another checklist and moves alex to
        // it, which ends maya's reviews and sign-off. The restore moves him
        // again: maya's sign-off must not count for a renewal.
        const QString live = path(QStringLiteral("movedaway"));
        const QString desk = QStringLiteral("v");
        QString file;
        grantedVault(live, desk, &file);
        if (QTest::currentTestFailed())
            return;
        const QString other = newPassphraseFile(
            QStringLiteral("other.yaml"),
            "onramp: 1\nchecklist: {id: other, title: Other, steps: [{id: t1, title: Ten, required: true, "
            "signoff: true}]}\n");
        for (const QStringList& act : QList<QStringList>{
                 {QStringLiteral("checklist"), QStringLiteral("import"), other},
                 {QStringLiteral("enrollment"), QStringLiteral("move"), QStringLiteral("alex"),
                  QStringLiteral("--checklist"), QStringLiteral("other"), QStringLiteral("--accept-weaker")}}) {
            const RunResult r = as(QStringLiteral("ada"), kAdminPassphrase, act, live, desk);
            QVERIFY2(r.code == 0, qPrintable(act.join(u' ') + QStringLiteral(": ") + r.err));
        }
        const RunResult restored = as(QStringLiteral("ada"), kAdminPassphrase,
                                      {QStringLiteral("restore"), file, QStringLiteral("--replace")}, live, desk);
        QVERIFY2(restored.code == 0, qPrintable(restored.err));
        QVERIFY2(restored.out.contains(QStringLiteral("alex is on other version 1 again")), qPrintable(restored.out));
        const RunResult status =
            ada({QStringLiteral("status"), QStringLiteral("alex"), QStringLiteral("--json")}, live, desk);
        QVERIFY2(status.code == 0 && status.out.contains(QStringLiteral("\"other\"")),
                 qPrintable(status.out + status.err));
        const RunResult renew =
            as(QStringLiteral("maya"), kMentor,
               {QStringLiteral("cred"), QStringLiteral("renew"), QStringLiteral("alex"), QStringLiteral("prod-db")},
               live, QStringLiteral("maya-v"));
        QVERIFY2(renew.code != 0, qPrintable(renew.out));
        QVERIFY(!alexReadsTheSecret(live, QStringLiteral("alex-v")));
        verifyVault(live, desk);
    }

    void aRestoreKeepsWhatTheReplacedVaultRevoked()
    {
        // alex holds a production grant when ada takes the backup; maya
        // revokes it; restoring the backup over the vault must not bring it back.
        const QString live = path(QStringLiteral("granting"));
        const QString desk = QStringLiteral("g");
        const auto run = [&](const QString& who, const QByteArray& passphrase, const QStringList& args) {
            return as(who, passphrase, args, live, desk);
        };
        QString file;
        grantedVault(live, desk, &file);
        if (QTest::currentTestFailed())
            return;
        const QStringList show{QStringLiteral("cred"), QStringLiteral("show"), QStringLiteral("prod-db")};
        const RunResult revoke =
            run(QStringLiteral("maya"), kMentor,
                {QStringLiteral("cred"), QStringLiteral("revoke"), QStringLiteral("alex"), QStringLiteral("prod-db")});
        QVERIFY2(revoke.code == 0, qPrintable(revoke.err));

        const RunResult restored = run(QStringLiteral("ada"), kAdminPassphrase,
                                       {QStringLiteral("restore"), file, QStringLiteral("--replace")});
        QVERIFY2(restored.code == 0, qPrintable(restored.err));
        QVERIFY2(restored.out.contains(QStringLiteral("1 grant the replaced vault had revoked was live")),
                 qPrintable(restored.out));
        const RunResult after = run(QStringLiteral("alex"), kHire, show);
        QVERIFY2(after.code != 0 && !after.out.contains(QStringLiteral("the production password")),
                 qPrintable(after.out + after.err));
        verifyVault(live, desk);
        // The admin's explicit rollback (on a desktop that has not accepted
        // the first restore) brings the backup back as it was.
        const RunResult rolledBack =
            as(QStringLiteral("ada"), kAdminPassphrase,
               {QStringLiteral("restore"), file, QStringLiteral("--replace"), QStringLiteral("--rollback")}, live,
               QStringLiteral("g2"));
        QVERIFY2(rolledBack.code == 0, qPrintable(rolledBack.err));
        QVERIFY2(as(QStringLiteral("alex"), kHire, show, live, QStringLiteral("g2"))
                     .out.contains(QStringLiteral("the production password")),
                 "--rollback did not restore the backup as it was");
    }

    void aRestoreShutsOutAPassphraseGivenUpSince()
    {
        // After the backup, alex's passphrase leaks and ada resets it, and
        // maya chooses a new one. The backup's slots open with the old ones:
        // restored as they are, the leaked passphrase would sign in again,
        // and everyone who held the backup's master key could still open
        // the database. Both are disabled first, the key rotated last.
        const QString live = path(QStringLiteral("leaked"));
        const QString desk = QStringLiteral("l");
        QString file;
        grantedVault(live, desk, &file);
        if (QTest::currentTestFailed())
            return;
        const QByteArray handedOver = "a fresh passphrase handed to alex";
        const QByteArray mayaNext = "maya chose another one";
        const RunResult reset = ada({QStringLiteral("passphrase"), QStringLiteral("reset"), QStringLiteral("alex"),
                                     QStringLiteral("--new-passphrase-file"),
                                     newPassphraseFile(QStringLiteral("alex-next.pass"), handedOver)},
                                    live, desk);
        QVERIFY2(reset.code == 0, qPrintable(reset.err));
        const RunResult changed =
            as(QStringLiteral("maya"), kMentor,
               {QStringLiteral("passphrase"), QStringLiteral("change"), QStringLiteral("--new-passphrase-file"),
                newPassphraseFile(QStringLiteral("maya-next.pass"), mayaNext)},
               live, desk);
        QVERIFY2(changed.code == 0, qPrintable(changed.err));

        const RunResult restored = ada({QStringLiteral("restore"), file, QStringLiteral("--replace")}, live, desk);
        QVERIFY2(restored.code == 0, qPrintable(restored.err));
        for (const char* who : {"alex", "maya"})
            QVERIFY2(restored.out.contains(QStringLiteral("%1's passphrase was reset or changed in the vault this "
                                                          "restore replaced")
                                               .arg(QLatin1String(who)))
                         && restored.out.contains(QStringLiteral("%1 is disabled").arg(QLatin1String(who))),
                     qPrintable(restored.out));
        QVERIFY2(restored.out.contains(QStringLiteral("The master key was rotated last")), qPrintable(restored.out));
        // Neither the passphrase that leaked nor any other opens a slot now.
        for (const auto& [who, passphrase] :
             {std::pair{QStringLiteral("alex"), kHire}, std::pair{QStringLiteral("alex"), handedOver},
              std::pair{QStringLiteral("maya"), kMentor}, std::pair{QStringLiteral("maya"), mayaNext}}) {
            const RunResult signIn = as(who, passphrase, {QStringLiteral("whoami")}, live, QStringLiteral("l-") + who);
            QVERIFY2(signIn.code != 0, qPrintable(who + QStringLiteral(": ") + signIn.out));
        }
        // Disabled before anything else is done again, rotated last.
        const QString after = ada({QStringLiteral("audit"), QStringLiteral("log")}, live, desk)
                                  .out.section(QStringLiteral("vault.restore"), 1);
        QVERIFY2(after.indexOf(QStringLiteral("person.disable")) >= 0
                     && after.indexOf(QStringLiteral("person.disable"))
                         < after.lastIndexOf(QStringLiteral("vault.rekey")),
                 qPrintable(after));
        verifyVault(live, desk);
        // The way back in is the one a disable always had: a reset.
        const QByteArray again = "alex gets another one";
        const RunResult resetAgain =
            ada({QStringLiteral("passphrase"), QStringLiteral("reset"), QStringLiteral("alex"),
                 QStringLiteral("--new-passphrase-file"), newPassphraseFile(QStringLiteral("alex-again.pass"), again)},
                live, desk);
        QVERIFY2(resetAgain.code == 0, qPrintable(resetAgain.err));
        const RunResult back =
            as(QStringLiteral("alex"), again,
               {QStringLiteral("passphrase"), QStringLiteral("change"), QStringLiteral("--new-passphrase-file"),
                newPassphraseFile(QStringLiteral("alex-own-again.pass"), "alex chose his own again")},
               live, QStringLiteral("l-alex"));
        QVERIFY2(back.code == 0, qPrintable(back.out + back.err));
    }

    // A revoke that commits to the vault being replaced while the restore
    // runs would be neither carried nor in the restored copy: the grant
    // would come back. The restore keeps writers out from its read of the
    // replaced log until the swap; the revoke waits, then says busy, and
    // once the restore is done it revokes in the restored vault.
    void aRevokeDuringTheRestoreIsNotLost()
    {
        const QString live = path(QStringLiteral("raced"));
        const QString desk = QStringLiteral("r");
        QString file;
        grantedVault(live, desk, &file);
        if (QTest::currentTestFailed())
            return;
        QProcess restore;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ONRAMP_TEST_KDF"), QStringLiteral("fast"));
        env.insert(QStringLiteral("ONRAMP_PASSPHRASE"), QString::fromUtf8(kAdminPassphrase));
        env.insert(QStringLiteral("ONRAMP_TRUST_DIR"), path(QStringLiteral("trust-") + desk));
        env.insert(QStringLiteral("ONRAMP_TEST_ANNOUNCE"), QStringLiteral("1"));
        env.insert(QStringLiteral("ONRAMP_TEST_PAUSE_AT"), QStringLiteral("restore-before-swap"));
        restore.setProcessEnvironment(env);
        restore.setReadChannel(QProcess::StandardError);
        restore.start(QStringLiteral(ONRAMP_BINARY),
                      {QStringLiteral("restore"), file, QStringLiteral("--replace"), QStringLiteral("--vault"), live,
                       QStringLiteral("--as"), QStringLiteral("ada")});
        QByteArray said;
        while (!said.contains("onramp-test-point: restore-before-swap") && restore.waitForReadyRead(30000))
            said += restore.readAllStandardError();
        QVERIFY2(said.contains("onramp-test-point: restore-before-swap"), said.constData());
        // It stops itself there; wait until it has.
        const QString state = QStringLiteral("/proc/%1/stat").arg(restore.processId());
        bool stopped = false;
        for (int i = 0; i < 300 && !stopped; ++i) {
            QFile stat(state);
            stopped = stat.open(QIODevice::ReadOnly) && stat.readAll().split(' ').value(2) == "T";
            if (!stopped)
                QTest::qWait(20);
        }
        QVERIFY(stopped);
        const QStringList revoke{QStringLiteral("cred"), QStringLiteral("revoke"), QStringLiteral("alex"),
                                 QStringLiteral("prod-db")};
        const RunResult waited = as(QStringLiteral("maya"), kMentor, revoke, live, desk);
        QVERIFY(::kill(pid_t(restore.processId()), SIGCONT) == 0);
        QVERIFY(restore.waitForFinished(60000));
        QCOMPARE(restore.exitCode(), 0);
        QCOMPARE(waited.code, 7);
        QVERIFY2(waited.err.contains(QStringLiteral("busy")), qPrintable(waited.err));
        // Restored: the grant is the backup's, live; the revoke is made now.
        QVERIFY(alexReadsTheSecret(live, desk));
        const RunResult revoked = as(QStringLiteral("maya"), kMentor, revoke, live, desk);
        QVERIFY2(revoked.code == 0, qPrintable(revoked.err));
        QVERIFY(!alexReadsTheSecret(live, desk));
    }

    void backupRefusesAnExistingFileUnlessForced()
    {
        const QString file = path(QStringLiteral("exists.onramp"));
        QVERIFY(!newPassphraseFile(QStringLiteral("exists.onramp"), "not a backup").isEmpty());
        const RunResult refused = ada({QStringLiteral("backup"), file}, m_vault, QStringLiteral("b"));
        QCOMPARE(refused.code, 5);
        QVERIFY2(refused.err.contains(file) && refused.err.contains(QStringLiteral("--force")),
                 qPrintable(refused.err));
        const RunResult forced =
            ada({QStringLiteral("backup"), file, QStringLiteral("--force")}, m_vault, QStringLiteral("b"));
        QVERIFY2(forced.code == 0, qPrintable(forced.err));
        const RunResult folder =
            ada({QStringLiteral("backup"), m_tmp.path(), QStringLiteral("--force")}, m_vault, QStringLiteral("b"));
        QCOMPARE(folder.code, 5);
    }

    // Who took a copy of the vault, and where to, is in its log: the entry
    // is written before the copy, which holds it, so that a restore of the
    // backup on this desktop is no step back. A refused backup adds nothing.
    void aBackupIsInTheAuditLogAndHoldsItsOwnEntry()
    {
        const auto log = [this](const QString& vault, const QString& desktop) {
            const RunResult r =
                ada({QStringLiteral("audit"), QStringLiteral("log"), QStringLiteral("--json")}, vault, desktop);
            return QJsonDocument::fromJson(r.out.toUtf8()).array();
        };
        const QString file = path(QStringLiteral("logged.onramp"));
        const qsizetype before = log(m_vault, QStringLiteral("d")).size();
        QVERIFY(before > 0);
        const RunResult taken = ada({QStringLiteral("backup"), file}, m_vault, QStringLiteral("d"));
        QVERIFY2(taken.code == 0, qPrintable(taken.err));
        const QJsonArray after = log(m_vault, QStringLiteral("d"));
        QCOMPARE(after.size(), before + 1);
        const QJsonObject entry = after.last().toObject();
        QCOMPARE(entry.value(QStringLiteral("action")).toString(), QStringLiteral("vault.backup"));
        QCOMPARE(entry.value(QStringLiteral("actor")).toString(), QStringLiteral("ada"));
        QCOMPARE(entry.value(QStringLiteral("details")).toObject().value(QStringLiteral("file")).toString(),
                 QFileInfo(file).absoluteFilePath());

        const RunResult refused = ada({QStringLiteral("backup"), file}, m_vault, QStringLiteral("d"));
        QCOMPARE(refused.code, 5);
        QCOMPARE(log(m_vault, QStringLiteral("d")).size(), after.size());

        // Restored on the desktop that took it, with no --rollback: its
        // newest entry is the backup's own.
        const QString restoredVault = path(QStringLiteral("from-logged"));
        const RunResult restored = ada({QStringLiteral("restore"), file}, restoredVault, QStringLiteral("d"));
        QVERIFY2(restored.code == 0, qPrintable(restored.out + restored.err));
        const QJsonArray restoredLog = log(restoredVault, QStringLiteral("d"));
        QVERIFY(restoredLog.size() >= 2);
        const QJsonObject held = restoredLog.at(restoredLog.size() - 2).toObject();
        QCOMPARE(held.value(QStringLiteral("action")).toString(), QStringLiteral("vault.backup"));
        QCOMPARE(held.value(QStringLiteral("seq")), entry.value(QStringLiteral("seq")));
        QCOMPARE(restoredLog.last().toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("vault.restore"));
    }

    // A backup written into the vault folder would be backed up, and could
    // clobber the vault: any target there, through symlinks too, is refused
    // naming FILE, before anything is written.
    void aTargetInsideTheVaultFolderIsRefusedNamingIt()
    {
        const QString link = path(QStringLiteral("vault-link"));
        QVERIFY(QFile::link(m_vault, link));
        const QString inner = QDir(m_vault).filePath(QStringLiteral("inner"));
        QVERIFY(QDir().mkdir(inner));
        const QString fileLink = path(QStringLiteral("into-vault.onramp"));
        QVERIFY(QFile::link(QDir(m_vault).filePath(QStringLiteral("new.onramp")), fileLink));
        const auto entries = [this] {
            QStringList names;
            QDirIterator it(m_vault, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            while (it.hasNext())
                names << it.next();
            names.sort();
            return names;
        };
        const QStringList before = entries();
        const QStringList targets = {QDir(link).filePath(QStringLiteral("b.onramp")),
                                     QDir(inner).filePath(QStringLiteral("b.onramp")), fileLink,
                                     QDir(m_vault).filePath(QStringLiteral("b.onramp"))};
        for (const QString& file : targets) {
            const RunResult refused = ada({QStringLiteral("backup"), file}, m_vault, QStringLiteral("b"));
            QVERIFY2(refused.code == 5, qPrintable(file + QStringLiteral(": ") + refused.err));
            QVERIFY2(refused.err.contains(file) && refused.err.contains(QStringLiteral("inside the vault folder")),
                     qPrintable(refused.err));
            QVERIFY2(!refused.err.contains(QStringLiteral("SQLite"), Qt::CaseInsensitive), qPrintable(refused.err));
            QCOMPARE(entries(), before);
        }
        QVERIFY(QDir().rmdir(inner));
        QVERIFY(QFile::remove(link) && QFile::remove(fileLink));
    }

    // Restoring is an admin's deliberate act: a wrong passphrase and a hire
    // change nothing; a folder that is not empty needs --replace and is kept.
    void onlyAnAdminRestoresAndOnlyOverAFolderWithReplace()
    {
        const QString live = path(QStringLiteral("kept"));
        const RunResult init = runOnramp(
            {QStringLiteral("init"), QStringLiteral("--admin"), QStringLiteral("ada"), QStringLiteral("--vault"), live},
            kAdminPassphrase, {{QStringLiteral("ONRAMP_TRUST_DIR"), path(QStringLiteral("trust-k"))}});
        QVERIFY2(init.code == 0, qPrintable(init.err));
        const RunResult hire =
            ada({QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("hal"), QStringLiteral("--role"),
                 QStringLiteral("hire"), QStringLiteral("--new-passphrase-file"),
                 newPassphraseFile(QStringLiteral("hal.pass"), "handed over: " + kHirePassphrase)},
                live, QStringLiteral("k"));
        QVERIFY2(hire.code == 0, qPrintable(hire.err));
        // The admin typed hal's first passphrase: hal chooses their own first.
        const RunResult chose =
            as(QStringLiteral("hal"), "handed over: " + kHirePassphrase,
               {QStringLiteral("passphrase"), QStringLiteral("change"), QStringLiteral("--new-passphrase-file"),
                newPassphraseFile(QStringLiteral("hal-own.pass"), kHirePassphrase)},
               live, QStringLiteral("k"));
        QVERIFY2(chose.code == 0, qPrintable(chose.err));
        const QString file = path(QStringLiteral("kept.onramp"));
        const RunResult taken = ada({QStringLiteral("backup"), file}, live, QStringLiteral("k"));
        QVERIFY2(taken.code == 0, qPrintable(taken.err));
        // Something happens after the backup; a second desktop sees it.
        const RunResult later =
            ada({QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("zed"), QStringLiteral("--role"),
                 QStringLiteral("hire"), QStringLiteral("--new-passphrase-file"), path(QStringLiteral("hal.pass"))},
                live, QStringLiteral("k"));
        QVERIFY2(later.code == 0, qPrintable(later.err));
        // A second desktop where ada checked the vault after that.
        const RunResult seen = ada({QStringLiteral("vault"), QStringLiteral("check")}, live, QStringLiteral("k2"));
        QVERIFY2(seen.code == 0, qPrintable(seen.out + seen.err));

        const auto before = hashFiles(live);
        const RunResult wrong =
            as(QStringLiteral("ada"), "not the passphrase",
               {QStringLiteral("restore"), file, QStringLiteral("--replace")}, live, QStringLiteral("k"));
        QCOMPARE(wrong.code, 3);
        const RunResult byHire =
            as(QStringLiteral("hal"), kHirePassphrase, {QStringLiteral("restore"), file, QStringLiteral("--replace")},
               live, QStringLiteral("k"));
        QCOMPARE(byHire.code, 4);
        QVERIFY2(byHire.err.contains(QStringLiteral("only an admin can restore")), qPrintable(byHire.err));
        const RunResult noReplace = ada({QStringLiteral("restore"), file}, live, QStringLiteral("k"));
        QCOMPARE(noReplace.code, 2);
        QVERIFY2(noReplace.err.contains(live) && noReplace.err.contains(QStringLiteral("--replace")),
                 qPrintable(noReplace.err));
        QCOMPARE(hashFiles(live), before);
        QVERIFY(leftovers(m_tmp.path(), QStringLiteral(".kept")).isEmpty());
        QVERIFY(leftovers(m_tmp.path(), QStringLiteral("kept.replaced")).isEmpty());

        const RunResult restored =
            ada({QStringLiteral("restore"), file, QStringLiteral("--replace")}, live, QStringLiteral("k"));
        QVERIFY2(restored.code == 0, qPrintable(restored.err));
        const QStringList aside = leftovers(m_tmp.path(), QStringLiteral("kept.replaced-"));
        QCOMPARE(aside.size(), 1);
        QVERIFY2(restored.out.contains(aside.first()), qPrintable(restored.out));
        QCOMPARE(hashFiles(path(aside.first())), before);
        verifyVault(live, QStringLiteral("k"));
        const RunResult people = ada({QStringLiteral("person"), QStringLiteral("list")}, live, QStringLiteral("k"));
        QVERIFY2(!people.out.contains(QStringLiteral("zed")), qPrintable(people.out));

        // The other desktop saw zed added: it is told of the restore, by whom
        // and from when, instead of being refused as tampered with.
        const RunResult other = as(QStringLiteral("hal"), kHirePassphrase,
                                   {QStringLiteral("person"), QStringLiteral("list")}, live, QStringLiteral("k2"));
        QVERIFY2(other.code == 0, qPrintable(other.err));
        QVERIFY2(other.err.contains(QStringLiteral("was restored by ada from a backup taken at")),
                 qPrintable(other.err));
        // An admin's full check there takes the restore in for good.
        const RunResult check = ada({QStringLiteral("vault"), QStringLiteral("check")}, live, QStringLiteral("k2"));
        QVERIFY2(check.code == 0, qPrintable(check.out + check.err));
        const RunResult quiet = as(QStringLiteral("hal"), kHirePassphrase,
                                   {QStringLiteral("person"), QStringLiteral("list")}, live, QStringLiteral("k2"));
        QVERIFY2(quiet.code == 0 && !quiet.err.contains(QStringLiteral("restored")), qPrintable(quiet.err));

        // A desktop that first saw the vault after the restore, and then saw
        // it go on, must refuse a copy a hire kept from in between: the
        // restore in that copy is one it already saw, not a newer one.
        const RunResult fresh = ada({QStringLiteral("vault"), QStringLiteral("check")}, live, QStringLiteral("k3"));
        QVERIFY2(fresh.code == 0, qPrintable(fresh.out + fresh.err));
        const QString kept = path(QStringLiteral("hire-copy"));
        QVERIFY(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-a"), live, kept}) == 0);
        const RunResult after =
            ada({QStringLiteral("person"), QStringLiteral("add"), QStringLiteral("yan"), QStringLiteral("--role"),
                 QStringLiteral("hire"), QStringLiteral("--new-passphrase-file"), path(QStringLiteral("hal.pass"))},
                live, QStringLiteral("k3"));
        QVERIFY2(after.code == 0, qPrintable(after.err));
        QVERIFY(QDir(live).removeRecursively());
        QVERIFY(QProcess::execute(QStringLiteral("cp"), {QStringLiteral("-a"), kept, live}) == 0);
        const RunResult rolledBack =
            ada({QStringLiteral("person"), QStringLiteral("list")}, live, QStringLiteral("k3"));
        QCOMPARE(rolledBack.code, 6);
        QVERIFY2(rolledBack.err.contains(QStringLiteral("went back")), qPrintable(rolledBack.err));
    }

    void helpNamesBothCommands()
    {
        const RunResult help = runOnramp({QStringLiteral("restore"), QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.contains(QStringLiteral("--replace")), qPrintable(help.out));
        const RunResult backupHelp = runOnramp({QStringLiteral("backup"), QStringLiteral("--help")});
        QCOMPARE(backupHelp.code, 0);
        QVERIFY2(backupHelp.out.contains(QStringLiteral("--force")), qPrintable(backupHelp.out));
    }
};

QTEST_GUILESS_MAIN(TestBackupCommands)
#include "TestBackupCommands.moc"
