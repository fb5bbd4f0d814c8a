// The key file at scale: what signing in and a key-file write cost with N
// slots. Usage: bench_keyslots [people]...  (default: 1000 10000 100000)
// Slots beyond the admin's are copies under other names: they are never
// opened here, only read, so their signatures do not matter.
#include "KeyFile.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace onramp;

namespace {

const QByteArray kPassphrase = "benchmark passphrase";

template<typename F>
double medianMs(int runs, F&& f)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        f();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

void benchPeople(int people, int runs)
{
    QTemporaryDir tmp;
    const QString dir = tmp.filePath(QStringLiteral("vault"));
    std::unique_ptr<Vault> vault;
    if (Error e = Vault::create(dir, QStringLiteral("ada"), {}, kPassphrase, KdfLevel::Interactive, &vault)) {
        std::fprintf(stderr, "create failed: %s\n", qPrintable(e.message));
        return;
    }
    vault.reset();
    const QString path = QDir(dir).filePath(Vault::keyFileName());
    KeyFile keys;
    KeyFile::load(path, &keys);
    const KeySlot ada = *keys.slot(QStringLiteral("ada"));
    for (int i = 1; i < people; ++i) {
        KeySlot copy = ada;
        copy.name = QStringLiteral("p%1").arg(i, 6, 10, QLatin1Char('0'));
        copy.role = QStringLiteral("hire");
        keys.slots.append(copy);
    }
    if (Error e = keys.save(path)) {
        std::fprintf(stderr, "save failed: %s\n", qPrintable(e.message));
        return;
    }
    const double loadWhole = medianMs(runs, [&] {
        KeyFile k;
        KeyFile::load(path, &k);
    });
    const double loadOne = medianMs(runs, [&] {
        KeyFile k;
        KeyFile::loadFor(path, QStringLiteral("ada"), &k);
    });
    const double unlock = medianMs(runs, [&] {
        std::unique_ptr<Vault> v;
        if (Error e = Vault::unlock(dir, QStringLiteral("ada"), kPassphrase, &v))
            std::fprintf(stderr, "unlock failed: %s\n", qPrintable(e.message));
    });
    // A `person add` reads the whole file and writes it whole (plus its
    // database work, the same at any size): the key-file part.
    const double rewrite = medianMs(runs, [&] {
        KeyFile k;
        KeyFile::load(path, &k);
        k.save(path);
    });
    std::printf("%7d people  key file %7.2f MiB  read whole %8.1f ms  read one slot %7.1f ms"
                "  sign-in %8.1f ms (before: about %8.1f)  read+write whole %8.1f ms\n",
                people, double(QFileInfo(path).size()) / (1024.0 * 1024.0), loadWhole, loadOne, unlock,
                unlock - loadOne + loadWhole, rewrite);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    // Minimal Argon2id cost: the figures are the key file's, not the KDF's.
    qputenv("ONRAMP_TEST_KDF", "fast");
    qputenv("QT_LOGGING_RULES", "onramp.vault.keyfile.warning=false");
    QList<int> sizes;
    for (const QString& arg : app.arguments().mid(1))
        sizes.append(arg.toInt());
    if (sizes.isEmpty())
        sizes = {1000, 10000, 100000};
    for (const int people : sizes)
        benchPeople(people, people >= 100000 ? 3 : 5);
    return 0;
}
