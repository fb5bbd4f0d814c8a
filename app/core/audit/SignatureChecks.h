#pragma once

#include "Error.h"
#include "KeyFile.h"
#include "SecureBytes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSemaphore>
#include <QSet>

#include <optional>
#include <vector>

class QThreadPool;

namespace onramp {

/// A page of Ed25519 checks run on a thread pool while the caller goes on:
/// add() them, start(), and read holds() after wait(). Without a pool the
/// checks run in wait(), on the caller's thread.
class SignatureChecks
{
public:
    explicit SignatureChecks(QThreadPool* pool);
    /// Waits for the checks still running: they read this object.
    ~SignatureChecks();
    SignatureChecks(const SignatureChecks&) = delete;
    SignatureChecks& operator=(const SignatureChecks&) = delete;

    /// Adds the check that \a signature signs \a message under \a publicKey;
    /// returns its index. Only before start().
    qsizetype add(QByteArray message, QByteArray signature, QByteArray publicKey);
    qsizetype size() const { return qsizetype(m_checks.size()); }
    /// Hands the checks to the pool in chunks of about one per thread and a few more.
    void start();
    /// Blocks until every check has run.
    void wait();
    /// Whether check \a index held; only after wait().
    bool holds(qsizetype index) const { return m_holds[std::size_t(index)] != 0; }

private:
    struct Check {
        QByteArray message;
        QByteArray signature;
        QByteArray publicKey;
    };
    void run(std::size_t begin, std::size_t end);

    QThreadPool* m_pool;
    std::vector<Check> m_checks;
    std::vector<unsigned char> m_holds; // one per check, each written by the one chunk that owns it
    QSemaphore m_done; // one release per finished chunk
    int m_chunks = 0;
    bool m_started = false;
    bool m_waited = false;
};

/// Ed25519 checks that held, remembered in this process's memory by a
/// BLAKE2b-256 hash of exactly what was checked (message, signature and key,
/// each with its length): a record changed in any byte, moved under another
/// name or signed by another key hashes to something else and is checked
/// again. Only checks that held are kept. The memory is the process's own,
/// out of reach of whoever can rewrite the vault folder; save() and load()
/// keep it on the desktop under a MAC (docs/SECURITY.md, "What a check
/// remembers"). Thread-safe.
class VerifiedSignatures
{
public:
    /// Whether this very check held before.
    bool holds(QByteArrayView message, QByteArrayView signature, QByteArrayView publicKey) const;
    /// holds(), or else the check itself, remembered when it holds.
    bool verify(QByteArrayView message, QByteArrayView signature, QByteArrayView publicKey);
    /// A check to run ahead, by verifyAll().
    struct Signed {
        QByteArray message;
        QByteArray signature;
        QByteArray publicKey;
    };
    /// Runs those of \a checks not held yet on \a pool (on the caller's
    /// thread without one) and remembers the ones that hold: the verify()
    /// calls that follow find them.
    void verifyAll(std::vector<Signed> checks, QThreadPool* pool);
    qsizetype size() const;
    /// Forgets every check (what a new process starts with).
    void clear();
    /// The cache of this process (Ledger::require's).
    static VerifiedSignatures& process();

    /// The hash a check is remembered by (BLAKE2b-256 of message,
    /// signature and key, each with its length).
    static QByteArray keyOf(QByteArrayView message, QByteArrayView signature, QByteArrayView publicKey);

    /// The most checks a file of load() and save() holds (32 bytes each).
    static constexpr qsizetype kMaxStored = 1 << 18;
    /// Adds the checks that save() wrote to \a path under \a macKey. A file
    /// that is not there, is larger than kMaxStored checks, is not in the
    /// format or whose keyed BLAKE2b MAC does not hold under \a macKey adds
    /// nothing: false, and \a why says which (empty when there is no file).
    /// Each path is read once in the life of the process.
    bool load(const QString& path, const SecureBytes& macKey, QString* why = nullptr);
    /// Writes the checks held (up to kMaxStored) to \a path with a MAC under
    /// \a macKey, atomically (writePrivateFile), when some were learnt since
    /// the last load() or save() of it; nothing otherwise.
    Error save(const QString& path, const SecureBytes& macKey);

private:
    mutable QMutex m_mutex;
    QSet<QByteArray> m_held;
    QSet<QString> m_loaded; ///< paths load() read
    quint64 m_learnt = 0; ///< checks added since the process began
    QHash<QString, quint64> m_saved; ///< path: m_learnt when it was last loaded or saved
};

/// What the authority check needs of a key slot, without its sealed keys:
/// what is wrong with its structure, whose key it holds and in which state,
/// which production keys it names, and who signed it.
struct SlotFacts {
    QString name;
    QString problem; ///< KeyFile::structureProblem(), empty when sound
    QByteArray signPublicKey;
    bool disabled = false;
    bool holdsProductionKey = false;
    QByteArray productionKeyCheck;
    bool holdsPendingProductionKey = false;
    QByteArray pendingProductionKeyCheck;
    QString signedBy;
    bool isSigned = false;

    static SlotFacts of(const KeySlot& slot);
};

/// Key-store rows read before, remembered in this process's memory by
/// KeyFileStore::rowDigest() (a hash of the vault id, the row's name and
/// state and its exact record): the slot's facts, and the public keys its
/// signature was checked under, with the outcome. Both follow from the
/// bytes alone, so a row changed in any byte, moved under another name or
/// into another state is read and checked again; whether the slot may stand
/// is decided afresh each time from these facts and the log. The memory is
/// the process's own, out of reach of whoever can rewrite the vault folder;
/// nothing is written out. Thread-safe.
class VerifiedSlots
{
public:
    struct Entry {
        SlotFacts facts;
        QHash<QByteArray, bool> signedWith; ///< public key: whether the signature held under it
    };
    std::optional<Entry> find(const QByteArray& rowDigest) const;
    void remember(const QByteArray& rowDigest, Entry entry);
    qsizetype size() const;
    /// Forgets every row (what a new process starts with).
    void clear();
    /// The cache of this process (Ledger::require's).
    static VerifiedSlots& process();

private:
    mutable QMutex m_mutex;
    QHash<QByteArray, Entry> m_rows;
};

} // namespace onramp
