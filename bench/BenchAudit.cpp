// `audit verify` throughput on long chains, on one thread and on all cores,
// next to the raw BLAKE2b and Ed25519 throughput over the same entries (the
// Ed25519 verification also on all cores, libsodium alone, as the reference
// for the parallel verify), measured side by side in one run.
// Usage: bench_audit [--log] [ENTRIES]...   (default: 100000 1000000; each size extends
// the chain of the one before). Entries are valid, signed rows bulk-inserted
// in one transaction per 50k, as the API would write them. --log: instead,
// `audit log`'s check (the signatures this desktop verified before skipped)
// next to `audit verify`'s, after one privileged check.
#include "Crypto.h"
#include "Database.h"
#include "KeyFile.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "audit/Ledger.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <thread>
#include <vector>

using namespace onramp;

namespace {

const QByteArray kPassphrase = "benchmark passphrase";

/// Appends entries up to \a total, continuing the chain of the table.
void extend(Vault& vault, qint64 total)
{
    Database& db = vault.db();
    SecureBytes key;
    AuditLog::hashKey(db, &key);
    qint64 sequence = 0;
    QByteArray previous;
    AuditLog::head(db, &sequence, &previous);
    const QString details =
        QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("step"), QStringLiteral("sandbox-tests")}})
                              .toJson(QJsonDocument::Compact));
    while (sequence < total) {
        Database::Transaction tx(db);
        for (int i = 0; i < 50000 && sequence < total; ++i) {
            AuditEntry e;
            e.sequence = ++sequence;
            e.at = AuditLog::timeText(QDateTime::currentDateTimeUtc());
            e.actorId = vault.me().id;
            e.actorName = vault.me().name;
            e.action = QStringLiteral("vault.sql"); // an admin's act: the log holds every entry to its signer's role
            e.subject = QStringLiteral("hal");
            e.details = details;
            e.previousHash = previous;
            e.hash = AuditLog::computeHash(e, key);
            e.signature = vault.sign(AuditLog::signedMessage(e.hash));
            db.execute(QStringLiteral("INSERT INTO audit_log (seq, at, actor_id, actor_name, action, subject, details, "
                                      "prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                       {e.sequence, e.at, e.actorId, e.actorName, e.action, e.subject, e.details, e.previousHash,
                        e.hash, e.signature});
            previous = e.hash;
        }
        tx.commit();
    }
    AuditLog::mirrorHead(db, vault.directory(),
                         {vault.me().name, [&vault](QByteArrayView m) { return vault.sign(m); }});
}

double seconds(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

void measure(Vault& vault, qint64 entries)
{
    Database& db = vault.db();
    KeyFile keys;
    KeyFile::load(keyFilePath(vault.directory()), &keys);

    const int cores = QThread::idealThreadCount();
    QElapsedTimer timer;
    auto verifyOn = [&](int threads) {
        timer.restart();
        AuditVerification result;
        AuditVerifier::verify(db, keys, &result, nullptr, 0, {}, {threads});
        const double elapsed = seconds(timer);
        if (!result.ok() || result.entries != entries)
            std::fprintf(stderr, "verification failed: %s\n", qPrintable(result.message));
        return elapsed;
    };
    const double verifySeconds = verifyOn(1);
    // The whole authority check a privileged act runs (schema, integrity_check,
    // chain with authority, every table against it).
    timer.restart();
    if (Error e = Ledger::verify(vault, QDateTime::currentDateTimeUtc()))
        std::fprintf(stderr, "authority check failed: %s\n", qPrintable(e.message));
    const double ledgerSeconds = seconds(timer);
    // Again, as the next privileged act on this desktop does it: the prefix
    // just verified is not signature-checked again.
    timer.restart();
    if (Error e = Ledger::verify(vault, QDateTime::currentDateTimeUtc(), nullptr, Ledger::Depth::Incremental))
        std::fprintf(stderr, "incremental authority check failed: %s\n", qPrintable(e.message));
    const double incrementalSeconds = seconds(timer);

    // The same entries read again; the primitives timed alone over their bytes.
    SecureBytes key;
    AuditLog::hashKey(db, &key);
    double readSeconds = 0, blakeSeconds = 0, ed25519Seconds = 0;
    qint64 canonicalBytes = 0;
    QList<AuditEntry> page;
    qint64 after = 0;
    const QByteArray publicKey = vault.me().signPublicKey;
    unsigned char out[32];
    for (;;) {
        page.clear();
        timer.restart();
        AuditLog::page(db, after, 4096, &page);
        readSeconds += seconds(timer);
        if (page.isEmpty())
            break;
        std::vector<QByteArray> messages;
        messages.reserve(std::size_t(page.size()));
        for (const AuditEntry& e : std::as_const(page))
            messages.push_back(AuditLog::canonical(e));
        timer.restart();
        for (const QByteArray& m : messages)
            crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(m.constData()),
                               std::size_t(m.size()), key.data(), key.size());
        blakeSeconds += seconds(timer);
        for (const QByteArray& m : messages)
            canonicalBytes += m.size();
        timer.restart();
        for (const AuditEntry& e : std::as_const(page))
            crypto::verify(AuditLog::signedMessage(e.hash), e.signature, publicKey);
        ed25519Seconds += seconds(timer);
        after = page.last().sequence;
    }
    // libsodium alone on every core: each thread verifies its share of the
    // same signatures, nothing else.
    std::vector<QByteArray> signedMessages;
    std::vector<QByteArray> signatures;
    signedMessages.reserve(std::size_t(entries));
    signatures.reserve(std::size_t(entries));
    after = 0;
    for (;;) {
        page.clear();
        AuditLog::page(db, after, 4096, &page);
        if (page.isEmpty())
            break;
        for (const AuditEntry& e : std::as_const(page)) {
            signedMessages.push_back(AuditLog::signedMessage(e.hash));
            signatures.push_back(e.signature);
        }
        after = page.last().sequence;
    }
    auto rawOn = [&](int threads) {
        timer.restart();
        std::vector<std::thread> workers;
        std::vector<int> failures(std::size_t(threads), 0);
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([&, t] {
                for (std::size_t i = std::size_t(t); i < signedMessages.size(); i += std::size_t(threads))
                    if (crypto_sign_verify_detached(
                            reinterpret_cast<const unsigned char*>(signatures[i].constData()),
                            reinterpret_cast<const unsigned char*>(signedMessages[i].constData()),
                            std::size_t(signedMessages[i].size()),
                            reinterpret_cast<const unsigned char*>(publicKey.constData()))
                        != 0)
                        ++failures[std::size_t(t)];
            });
        for (std::thread& worker : workers)
            worker.join();
        for (const int failed : failures)
            if (failed)
                std::fprintf(stderr, "raw verification failed %d times\n", failed);
        return seconds(timer);
    };
    // Alternated and the best of three of each, so that other load on the
    // machine disturbs both alike.
    double rawParallelSeconds = 1e9;
    double parallelSeconds = 1e9;
    double parallelCpu = 0;
    for (int round = 0; round < 3; ++round) {
        rawParallelSeconds = std::min(rawParallelSeconds, rawOn(cores));
        const std::clock_t cpuBefore = std::clock();
        const double elapsed = verifyOn(cores);
        if (elapsed < parallelSeconds) {
            parallelSeconds = elapsed;
            parallelCpu = double(std::clock() - cpuBefore) / CLOCKS_PER_SEC;
        }
    }

    std::printf("%9lld entries  audit verify on %d threads %6.2f s = %9.0f entries/s (%.1f cores busy) | Ed25519 "
                "verify alone on %d threads %6.2f s = %9.0f/s | audit verify reaches %.0f %% of it\n",
                static_cast<long long>(entries), cores, parallelSeconds, double(entries) / parallelSeconds,
                parallelCpu / parallelSeconds, cores, rawParallelSeconds, double(entries) / rawParallelSeconds,
                100.0 * rawParallelSeconds / parallelSeconds);
    std::printf(
        "%9lld entries  authority check %7.2f s, again %5.2f s | audit verify on 1 thread %7.2f s = %9.0f entries/s | "
        "BLAKE2b alone %6.3f s = %10.0f entries/s "
        "(%5.0f MB/s, %lld B/entry) | Ed25519 verify alone %6.2f s = %7.0f/s | reading rows %5.2f s\n",
        static_cast<long long>(entries), ledgerSeconds, incrementalSeconds, verifySeconds,
        double(entries) / verifySeconds, blakeSeconds, double(entries) / blakeSeconds,
        double(canonicalBytes) / blakeSeconds / 1e6, static_cast<long long>(canonicalBytes / entries), ed25519Seconds,
        double(entries) / ed25519Seconds, readSeconds);
    std::fflush(stdout);
}

} // namespace

/// `audit log`'s check next to `audit verify`'s on the same entries, after
/// a privileged check has verified them on this desktop; alternated, three
/// runs of each.
void measureListing(Vault& vault, qint64 entries)
{
    if (Error e = Ledger::verify(vault, QDateTime::currentDateTimeUtc()))
        std::fprintf(stderr, "authority check failed: %s\n", qPrintable(e.message));
    QStringList full, listing;
    for (int round = 0; round < 3; ++round) {
        QElapsedTimer timer;
        timer.start();
        AuditVerification result;
        if (Error e = AuditVerifier::verify(vault, &result); e || !result.ok())
            std::fprintf(stderr, "audit verify failed: %s\n", qPrintable(e ? e.message : result.message));
        full.append(QString::number(seconds(timer), 'f', 2));
        timer.restart();
        if (Error e = AuditVerifier::verifySinceDesktopCheck(vault, &result); e || !result.ok())
            std::fprintf(stderr, "audit log's check failed: %s\n", qPrintable(e ? e.message : result.message));
        listing.append(QString::number(seconds(timer), 'f', 3));
    }
    std::printf("%9lld entries  audit verify (every signature) s: %s | audit log's check (after a privileged "
                "check on this desktop) s: %s\n",
                static_cast<long long>(entries), qPrintable(full.join(QStringLiteral(", "))),
                qPrintable(listing.join(QStringLiteral(", "))));
    std::fflush(stdout);
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    qputenv("ONRAMP_TEST_KDF", "fast");
    QTemporaryDir trust;
    qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(trust.path()));
    QStringList args = app.arguments().mid(1);
    // --log: only `audit log`'s check next to `audit verify`'s.
    const bool listingOnly = args.removeAll(QStringLiteral("--log")) > 0;
    QList<qint64> sizes;
    for (const QString& arg : std::as_const(args))
        sizes.append(arg.toLongLong());
    if (sizes.isEmpty())
        sizes = {100000, 1000000};
    QTemporaryDir tmp;
    std::unique_ptr<Vault> vault;
    if (Error e = Vault::create(tmp.filePath(QStringLiteral("vault")), QStringLiteral("ada"), {}, kPassphrase,
                                KdfLevel::Interactive, &vault)) {
        std::fprintf(stderr, "create failed: %s\n", qPrintable(e.message));
        return 1;
    }
    std::printf("libsodium %s, SQLCipher vault, %d cores\n", sodium_version_string(), QThread::idealThreadCount());
    for (const qint64 size : sizes) {
        QElapsedTimer timer;
        timer.start();
        extend(*vault, size);
        std::printf("%9lld entries  written in %.1f s\n", static_cast<long long>(size), seconds(timer));
        if (listingOnly)
            measureListing(*vault, size);
        else
            measure(*vault, size);
    }
    return 0;
}
