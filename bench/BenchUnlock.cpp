// Unlock time split into key derivation (Argon2id) and opening the database,
// per --kdf level. Usage: bench_unlock [interactive|moderate|sensitive]...
#include "Crypto.h"
#include "Database.h"
#include "KeyFile.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace onramp;

namespace {

const QByteArray kPassphrase = "benchmark passphrase";

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

template<typename F>
double timeMs(F&& f)
{
    QElapsedTimer timer;
    timer.start();
    f();
    return double(timer.nsecsElapsed()) / 1e6;
}

void fill(Vault& vault, int kib)
{
    vault.db().execute(QStringLiteral("CREATE TABLE IF NOT EXISTS filler (b BLOB)"));
    Database::Transaction tx(vault.db());
    for (int i = 0; i < kib; ++i)
        vault.db().execute(QStringLiteral("INSERT INTO filler VALUES (randomblob(1000))"));
    tx.commit();
}

void benchLevel(KdfLevel level, int runs)
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("vault"));
    std::unique_ptr<Vault> vault;
    if (Error e = Vault::create(dir, QStringLiteral("ada"), {}, kPassphrase, level, &vault)) {
        std::fprintf(stderr, "create failed: %s\n", qPrintable(e.message));
        return;
    }
    for (const int kib : {0, 4096}) {
        if (kib)
            fill(*vault, kib);
        KeyFile keys;
        KeyFile::load(keyFilePath(dir), &keys);
        const KeySlot& slot = *keys.slot(QStringLiteral("ada"));
        std::vector<double> kdf, open, unlock;
        for (int i = 0; i < runs; ++i) {
            std::optional<SecureBytes> secret;
            kdf.push_back(timeMs([&] { secret = slot.unwrapSecretKey(keys.vaultId, kPassphrase); }));
            const std::optional<SecureBytes> master = crypto::openSealed(slot.sealedMasterKey, *secret);
            std::unique_ptr<Database> db;
            open.push_back(timeMs([&] {
                Database::open(dir + QStringLiteral("/vault.db"), *master, Database::OpenMode::Existing, &db);
            }));
            std::unique_ptr<Vault> unlocked;
            unlock.push_back(timeMs([&] { Vault::unlock(dir, QStringLiteral("ada"), kPassphrase, &unlocked); }));
        }
        const KdfParams p = KdfParams::forLevel(level);
        std::printf("%-11s ops=%llu mem=%4llu MiB  db %5lld KiB  kdf %8.1f ms  open %6.2f ms  unlock total %8.1f ms"
                    "  (open part %6.2f ms, median of %d)\n",
                    qPrintable(kdfLevelName(level)), static_cast<unsigned long long>(p.opslimit),
                    static_cast<unsigned long long>(p.memlimit >> 20),
                    QFileInfo(dir + QStringLiteral("/vault.db")).size() / 1024, median(kdf), median(open),
                    median(unlock), median(unlock) - median(kdf), runs);
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qunsetenv("ONRAMP_TEST_KDF");
    QStringList levels = app.arguments().mid(1);
    if (levels.isEmpty())
        levels = {QStringLiteral("interactive"), QStringLiteral("moderate"), QStringLiteral("sensitive")};
    for (const QString& name : levels) {
        const std::optional<KdfLevel> level = kdfLevelFromName(name);
        if (!level) {
            std::fprintf(stderr, "unknown level %s\n", qPrintable(name));
            return 2;
        }
        benchLevel(*level, *level == KdfLevel::Sensitive ? 3 : 7);
    }
    return 0;
}
