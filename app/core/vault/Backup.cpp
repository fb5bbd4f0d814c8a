#include "vault/Backup.h"

#include "Crypto.h"
#include "IoFaults.h"
#include "KeyFileStore.h"
#include "PrivateFile.h"
#include "TestHooks.h"
#include "TrustStore.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "audit/Ledger.h"
#include "audit/LedgerLog.h"
#include "audit/Records.h"
#include "credentials/Credentials.h"
#include "credentials/Grants.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

#include <sodium.h>
#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>

#include <algorithm>
#include <cerrno>
#include <functional>
#include <set>

namespace onramp {

namespace {

const QByteArray kMagic = QByteArrayLiteral("ONRAMP-BACKUP-1\n");
constexpr qsizetype kDigestBytes = crypto_generichash_BYTES;
/// The demo's marker (app/demo): a demo vault stays one when restored.
const QString kDemoMarker = QStringLiteral("DEMO-VAULT.txt");

/// The files of a vault folder a backup holds; journals, the lock and the
/// copies a migration keeps (`vault.db.backup-vN`) are not among them.
QStringList memberNames()
{
    return {Vault::databaseFileName(), Vault::keyFileName(), kDemoMarker};
}

QByteArray digest(QByteArrayView bytes)
{
    QByteArray out(kDigestBytes, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), std::size_t(out.size()),
                       reinterpret_cast<const unsigned char*>(bytes.data()), std::size_t(bytes.size()), nullptr, 0);
    return out;
}

QString randomSuffix()
{
    return QString::number(QRandomGenerator::system()->generate64(), 36);
}

QString stamp(const QDateTime& now)
{
    return now.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
}

Error ioError(const QString& message, int error)
{
    return Error(ErrorKind::Io, message + QStringLiteral(": ") + io::describe(error));
}

/// A private folder (0700) beside the file or folder being made, removed
/// when it goes out of scope unless kept.
class WorkFolder
{
public:
    WorkFolder() = default;
    WorkFolder(const WorkFolder&) = delete;
    WorkFolder& operator=(const WorkFolder&) = delete;
    ~WorkFolder()
    {
        if (m_path.isEmpty() || m_kept)
            return;
        const QDir dir(m_path);
        for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System))
            io::unlink(QFile::encodeName(dir.filePath(name)).constData());
        QDir().rmdir(m_path);
    }

    Error make(const QString& path)
    {
        if (io::mkdir(QFile::encodeName(path).constData(), 0700) != 0) {
            const int error = errno;
            return ioError(Tr::tr("cannot create the folder %1").arg(path), error);
        }
        m_path = path;
        return {};
    }
    QString path() const { return m_path; }
    QString file(const QString& name) const { return QDir(m_path).filePath(name); }
    void keep() { m_kept = true; }

private:
    QString m_path;
    bool m_kept = false;
};

/// Copies the plain SQLite database \a from (the key store) to the new file
/// \a to with SQLite's online backup API: a hot journal is played back first,
/// never copied as it lies.
Error copyPlainDatabase(const QString& from, const QString& to)
{
    io::installSqliteSeam();
    const QFileInfo info(from);
    if (info.isSymLink() || !info.isFile())
        return Error(ErrorKind::Damaged,
                     Tr::tr("key store %1 is missing or not a regular file; the vault cannot be "
                            "backed up until it opens")
                         .arg(from));
    sqlite3* source = nullptr;
    sqlite3* target = nullptr;
    const auto close = qScopeGuard([&] {
        sqlite3_close(source);
        sqlite3_close(target);
    });
    if (sqlite3_open_v2(QFile::encodeName(from).constData(), &source, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW,
                        nullptr)
        != SQLITE_OK)
        return Error(ErrorKind::Io,
                     Tr::tr("cannot open the key store %1: %2").arg(from, QString::fromUtf8(sqlite3_errmsg(source))));
    sqlite3_busy_timeout(source, kBusyTimeoutMs);
    if (sqlite3_open_v2(QFile::encodeName(to).constData(), &target,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, nullptr)
        != SQLITE_OK)
        return Error(ErrorKind::Io, Tr::tr("cannot create %1: %2").arg(to, QString::fromUtf8(sqlite3_errmsg(target))));
    sqlite3_backup* copy = sqlite3_backup_init(target, "main", source, "main");
    if (!copy)
        return Error(
            ErrorKind::Io,
            Tr::tr("cannot copy the key store %1 to %2: %3").arg(from, to, QString::fromUtf8(sqlite3_errmsg(target))));
    const int step = sqlite3_backup_step(copy, -1);
    const int finish = sqlite3_backup_finish(copy);
    if (step != SQLITE_DONE || finish != SQLITE_OK)
        return Error(
            (step & 0xff) == SQLITE_BUSY ? ErrorKind::Busy : ErrorKind::Io,
            Tr::tr("cannot copy the key store %1 to %2: %3").arg(from, to, QString::fromUtf8(sqlite3_errmsg(target))));
    return {};
}

Error readWhole(const QString& path, QByteArray* out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorKind::Io, Tr::tr("cannot read %1: %2").arg(path, file.errorString()));
    *out = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return Error(ErrorKind::Io, Tr::tr("cannot read %1: %2").arg(path, file.errorString()));
    return {};
}

/// What the taker signs: a tag and the manifest without its signature, as
/// compact JSON (keys sorted), which names every member's digest and the
/// digest of all of them.
QByteArray manifestMessage(const QByteArray& manifestWithoutSignature)
{
    return QByteArrayLiteral("onramp-backup-manifest-v1\n") + manifestWithoutSignature;
}

QByteArray membersDigest(const QList<backup::Contents::Member>& members)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, std::size_t(kDigestBytes));
    for (const backup::Contents::Member& member : members)
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(member.bytes.constData()),
                                  std::size_t(member.bytes.size()));
    QByteArray out(kDigestBytes, Qt::Uninitialized);
    crypto_generichash_final(&state, reinterpret_cast<unsigned char*>(out.data()), std::size_t(kDigestBytes));
    return out;
}

/// The file's bytes, the manifest signed with \a sign.
QByteArray encode(const backup::Contents& contents, const std::function<QByteArray(QByteArrayView)>& sign)
{
    QJsonArray files;
    for (const backup::Contents::Member& member : contents.members)
        files.append(QJsonObject{{QStringLiteral("name"), member.name},
                                 {QStringLiteral("size"), qint64(member.bytes.size())},
                                 {QStringLiteral("blake2b"), QString::fromLatin1(digest(member.bytes).toBase64())}});
    QJsonObject object{
        {QStringLiteral("format"), 1},
        {QStringLiteral("vault_id"), contents.vaultId},
        {QStringLiteral("taken_at"), contents.takenAt.toString(Qt::ISODateWithMs)},
        {QStringLiteral("taken_by"), contents.takenBy},
        {QStringLiteral("head_seq"), contents.headSequence},
        {QStringLiteral("head_hash"), QString::fromLatin1(contents.headHash.toBase64())},
        {QStringLiteral("files"), files},
        {QStringLiteral("members_blake2b"), QString::fromLatin1(membersDigest(contents.members).toBase64())}};
    const QByteArray unsigned_ = QJsonDocument(object).toJson(QJsonDocument::Compact);
    object.insert(QStringLiteral("signature"), QString::fromLatin1(sign(manifestMessage(unsigned_)).toBase64()));
    const QByteArray manifest = QJsonDocument(object).toJson(QJsonDocument::Compact);
    QByteArray out = kMagic;
    const quint32 length = quint32(manifest.size());
    out.append(char(length >> 24)).append(char(length >> 16)).append(char(length >> 8)).append(char(length));
    out.append(manifest);
    for (const backup::Contents::Member& member : contents.members)
        out.append(member.bytes);
    out.append(digest(out));
    return out;
}

/// Makes the trust store read and written by this process the one in \a dir
/// until it ends: a restore checks and records the unpacked vault against a
/// copy of this desktop's memory, which takes in the restore only once the
/// vault is in place.
class TrustDirectoryScope
{
public:
    explicit TrustDirectoryScope(const QString& dir)
        : m_had(qEnvironmentVariableIsSet("ONRAMP_TRUST_DIR"))
        , m_previous(qgetenv("ONRAMP_TRUST_DIR"))
    {
        qputenv("ONRAMP_TRUST_DIR", QFile::encodeName(dir));
    }
    ~TrustDirectoryScope() { end(); }
    TrustDirectoryScope(const TrustDirectoryScope&) = delete;
    TrustDirectoryScope& operator=(const TrustDirectoryScope&) = delete;
    void end()
    {
        if (m_ended)
            return;
        m_ended = true;
        if (m_had)
            qputenv("ONRAMP_TRUST_DIR", m_previous);
        else
            qunsetenv("ONRAMP_TRUST_DIR");
    }

private:
    bool m_had;
    QByteArray m_previous;
    bool m_ended = false;
};

/// Puts the unpacked vault \a staging in place of \a target (missing, empty,
/// or a vault kept aside at \a keptAside), and syncs their folder.
Error swapInto(const QString& staging, const QString& target, bool replacing, const QDateTime& now, bool* moved,
               QString* keptAside)
{
    const QByteArray from = QFile::encodeName(staging);
    const QByteArray to = QFile::encodeName(target);
    const QString parent = QFileInfo(target).absolutePath();
    if (!replacing) {
        // rename(2) replaces an empty folder in one step.
        if (io::rename(from.constData(), to.constData()) != 0) {
            const int error = errno;
            return ioError(Tr::tr("cannot move the restored vault from %1 to %2").arg(staging, target), error);
        }
        *moved = true;
    } else {
        QString aside = target + QStringLiteral(".replaced-") + stamp(now);
        for (int n = 2; QFileInfo::exists(aside) || QFileInfo(aside).isSymLink(); ++n)
            aside = target + QStringLiteral(".replaced-%1-%2").arg(stamp(now)).arg(n);
        // One step: nobody ever finds the vault folder missing.
        if (io::exchange(from.constData(), to.constData()) != 0) {
            const int error = errno;
            return ioError(Tr::tr("cannot put the restored vault %1 in place of %2").arg(staging, target), error);
        }
        *moved = true;
        *keptAside = staging;
        if (io::rename(from.constData(), QFile::encodeName(aside).constData()) == 0)
            *keptAside = aside;
        else
            qCWarning(lcVault) << "the replaced vault stays at" << staging << "rather than" << aside;
    }
    if (io::syncDirectory(QFile::encodeName(parent).constData()) != 0) {
        const int error = errno;
        return ioError(Tr::tr("the restored vault is in %1, but its folder %2 could not be synced").arg(target, parent),
                       error);
    }
    return {};
}

/// Whether \a path, with every symlink on its way resolved (its own too,
/// and one that points nowhere yet), is the folder \a dir or lies inside it.
bool insideFolder(const QString& path, const QString& dir)
{
    const QString folder = QFileInfo(dir).canonicalFilePath();
    if (folder.isEmpty())
        return false;
    QString resolved = QFileInfo(path).absoluteFilePath();
    // A symlink is followed as open(2) would follow it, up to its limit of 40.
    for (int hops = 0; hops < 40 && QFileInfo(resolved).isSymLink(); ++hops)
        resolved = QFileInfo(resolved).symLinkTarget();
    // What exists resolves whole; a file not yet made resolves by its folder.
    QString real = QFileInfo(resolved).canonicalFilePath();
    if (real.isEmpty()) {
        const QString parent = QFileInfo(QFileInfo(resolved).absolutePath()).canonicalFilePath();
        if (parent.isEmpty())
            return false;
        real = QDir(parent).filePath(QFileInfo(resolved).fileName());
    }
    return real == folder || real.startsWith(folder + QLatin1Char('/'));
}

} // namespace

Error Vault::copyDatabaseTo(const QString& path)
{
    std::unique_ptr<Database> copy;
    if (Error e = Database::open(path, m_masterKey, Database::OpenMode::Create, &copy))
        return e;
    sqlite3_backup* backup = sqlite3_backup_init(copy->handle(), "main", m_db->handle(), "main");
    if (!backup)
        return Error(ErrorKind::Io,
                     Tr::tr("cannot copy the vault database %1 to %2: %3")
                         .arg(m_db->path(), path, QString::fromUtf8(sqlite3_errmsg(copy->handle()))));
    // One step: the whole file under one read lock, so the copy is one
    // moment's state; a writer waits (up to the busy timeout) meanwhile.
    const int step = sqlite3_backup_step(backup, -1);
    const int finish = sqlite3_backup_finish(backup);
    if (step != SQLITE_DONE || finish != SQLITE_OK)
        return Error((step & 0xff) == SQLITE_BUSY ? ErrorKind::Busy : ErrorKind::Io,
                     Tr::tr("cannot copy the vault database %1 to %2: %3")
                         .arg(m_db->path(), path, QString::fromUtf8(sqlite3_errmsg(copy->handle()))));
    copy->close();
    return {};
}

namespace backup {

Error take(Vault& vault, const QString& file, bool force, const QDateTime& now, Contents* out)
{
    const QFileInfo target(file);
    const QString path = target.absoluteFilePath();
    // Before anything else: a backup in the vault folder, however it is
    // reached, would be copied into the next backup or clobber the vault.
    if (insideFolder(path, vault.directory()))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("backup file %1 would be inside the vault folder; write it somewhere else").arg(path));
    if (target.isSymLink() || (target.exists() && !target.isFile()))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("backup file %1 is not a regular file; give the path of the file to write").arg(path));
    if (target.exists() && !force)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("backup file %1 already exists; add --force to replace it").arg(path));
    const QString folder = target.absolutePath();
    if (!QFileInfo(folder).isDir())
        return Error(ErrorKind::Io,
                     Tr::tr("cannot write backup file %1: the folder %2 does not exist").arg(path, folder));

    // The copies are made in a private folder beside the file, so that the
    // database's copy is written by SQLite (still encrypted) and nothing
    // lands in a shared temporary folder.
    WorkFolder work;
    if (Error e =
            work.make(QDir(folder).filePath(QStringLiteral(".%1.part-%2").arg(target.fileName(), randomSuffix()))))
        return e;
    if (vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only an admin takes a backup: a restore accepts only a backup signed by an admin of "
                            "the vault, and %1 is not one")
                         .arg(vault.me().name));
    // Who took a copy of every sealed secret, and where to, is in the log
    // before the copy is made, so that the backup holds its own entry (a
    // restore of it is no step back from what this desktop has seen). No
    // entry, no backup; an entry whose copy then fails says more, never less.
    {
        // Signed as every admin's act is: only on a vault that holds up
        // against its log, checked in the entry's own write transaction (a
        // writer elsewhere commits whole, before or after it).
        Database::Transaction transaction(vault.db());
        Error e = transaction.beginError();
        if (!e)
            e = Ledger::require(vault, now);
        if (!e)
            e = AuditLog::append(vault, QStringLiteral("vault.backup"), target.fileName(),
                                 {{QStringLiteral("file"), path}});
        if (!e)
            e = transaction.commit();
        if (e)
            return Error(e.kind,
                         Tr::tr("backup file %1 was not written: its audit entry could not be written: %2")
                             .arg(path, e.message));
    }
    Contents contents;
    contents.vaultId = vault.vaultId();
    contents.takenAt = now.toUTC();
    contents.takenBy = vault.me().name;
    {
        // The key-file lock keeps every act that changes slots (and every
        // head mirror) out; the read transaction holds the database still.
        KeyFileLock lock;
        if (Error e = lock.acquire(vault.directory(), kBusyTimeoutMs))
            return e;
        Database& db = vault.db();
        Database::ReadTransaction read(db);
        if (read.beginError())
            return read.beginError();
        if (Error e = AuditLog::head(db, &contents.headSequence, &contents.headHash))
            return e;
        if (Error e = vault.copyDatabaseTo(work.file(Vault::databaseFileName())))
            return e;
        const QString keys = work.file(Vault::keyFileName());
        if (Error e = copyPlainDatabase(keyFilePath(vault.directory()), keys))
            return e;
        // A writer that committed just before the lock may not have recorded
        // its head in the key store yet: the copy records the head of the
        // database's copy, signed by me, as any person's mirror does.
        KeyFile header;
        if (Error e = KeyFileStore::loadHeader(keys, &header))
            return e;
        if (header.vaultId != vault.vaultId())
            return Error(ErrorKind::Damaged,
                         Tr::tr("key store %1 names vault %2, but the database is vault %3")
                             .arg(keyFilePath(vault.directory()), header.vaultId, vault.vaultId()));
        const HeadSigner signer{vault.me().name, [&vault](QByteArrayView message) { return vault.sign(message); }};
        if (Error e = AuditLog::mirrorHeadLocked(db, keys, &header, signer))
            return e;
    }
    for (const QString& name : memberNames()) {
        const QString source = name == kDemoMarker ? QDir(vault.directory()).filePath(name) : work.file(name);
        const QFileInfo info(source);
        if (name == kDemoMarker && (info.isSymLink() || !info.isFile()))
            continue;
        Contents::Member member{name, {}};
        if (Error e = readWhole(source, &member.bytes))
            return e;
        contents.members.append(std::move(member));
    }
    if (Error e =
            writePrivateFile(path, encode(contents, [&vault](QByteArrayView message) { return vault.sign(message); }),
                             Tr::tr("backup file")))
        return e;
    qCInfo(lcVault) << "backed up" << vault.directory() << "to" << path << "at audit entry" << contents.headSequence;
    if (out) {
        *out = contents;
        for (Contents::Member& member : out->members)
            member.bytes.clear();
    }
    return {};
}

Error read(const QString& file, Contents* out)
{
    const QFileInfo info(file);
    const QString path = info.absoluteFilePath();
    if (!info.exists() && !info.isSymLink())
        return Error(ErrorKind::Io, Tr::tr("backup file %1 does not exist").arg(path));
    if (info.isSymLink() || !info.isFile())
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("backup file %1 is not a regular file; give the backup file's own path").arg(path));
    QByteArray bytes;
    if (Error e = readWhole(path, &bytes))
        return e;
    if (bytes.size() < kMagic.size() + 4 + kDigestBytes || !bytes.startsWith(kMagic))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("%1 is not an Onramp backup (it does not begin as one `onramp backup` writes)").arg(path));
    const auto damaged = [&](const QString& why) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("backup file %1 is damaged or was changed after it was taken (%2); nothing was restored")
                         .arg(path, why));
    };
    const QByteArrayView body(bytes.constData(), bytes.size() - kDigestBytes);
    if (digest(body) != bytes.right(kDigestBytes))
        return damaged(Tr::tr("its checksum does not match its contents"));
    const auto* header = reinterpret_cast<const unsigned char*>(bytes.constData()) + kMagic.size();
    const qint64 length = (qint64(header[0]) << 24) | (qint64(header[1]) << 16) | (qint64(header[2]) << 8) | header[3];
    const qint64 start = kMagic.size() + 4;
    if (length > kMaxManifestBytes || start + length > body.size())
        return damaged(Tr::tr("its manifest is %1 bytes long").arg(length));
    QJsonParseError parse;
    const QJsonObject manifest =
        QJsonDocument::fromJson(QByteArray(bytes.constData() + start, length), &parse).object();
    if (parse.error != QJsonParseError::NoError)
        return damaged(Tr::tr("its manifest is not JSON: %1").arg(parse.errorString()));
    if (manifest.value(QStringLiteral("format")).toInteger() != 1)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("backup file %1 is of format %2, which this Onramp cannot read")
                         .arg(path)
                         .arg(manifest.value(QStringLiteral("format")).toInteger()));
    Contents contents;
    contents.vaultId = manifest.value(QStringLiteral("vault_id")).toString();
    contents.takenAt = QDateTime::fromString(manifest.value(QStringLiteral("taken_at")).toString(), Qt::ISODateWithMs);
    contents.takenBy = manifest.value(QStringLiteral("taken_by")).toString();
    contents.headSequence = manifest.value(QStringLiteral("head_seq")).toInteger();
    contents.headHash = QByteArray::fromBase64(manifest.value(QStringLiteral("head_hash")).toString().toLatin1());
    if (contents.vaultId.isEmpty() || !contents.takenAt.isValid() || contents.headSequence < 1
        || contents.headHash.size() != kDigestBytes)
        return damaged(Tr::tr("its manifest does not name the vault, the time and the audit head"));
    contents.signature = QByteArray::fromBase64(manifest.value(QStringLiteral("signature")).toString().toLatin1());
    QJsonObject withoutSignature = manifest;
    withoutSignature.remove(QStringLiteral("signature"));
    contents.signedManifest = manifestMessage(QJsonDocument(withoutSignature).toJson(QJsonDocument::Compact));
    qint64 offset = start + length;
    const QStringList allowed = memberNames();
    for (const QJsonValue& value : manifest.value(QStringLiteral("files")).toArray()) {
        const QJsonObject entry = value.toObject();
        const QString name = entry.value(QStringLiteral("name")).toString();
        const qint64 size = entry.value(QStringLiteral("size")).toInteger(-1);
        if (!allowed.contains(name))
            return damaged(Tr::tr("it holds a file named '%1', which is no file of a vault folder").arg(name));
        for (const Contents::Member& member : std::as_const(contents.members))
            if (member.name == name)
                return damaged(Tr::tr("it holds %1 twice").arg(name));
        if (size < 0 || offset + size > body.size())
            return damaged(Tr::tr("%1 goes past the end of the file").arg(name));
        Contents::Member member{name, QByteArray(bytes.constData() + offset, size)};
        offset += size;
        if (digest(member.bytes).toBase64() != entry.value(QStringLiteral("blake2b")).toString().toLatin1())
            return damaged(Tr::tr("%1 does not match its checksum").arg(name));
        contents.members.append(std::move(member));
    }
    if (offset != body.size())
        return damaged(Tr::tr("%1 bytes follow the last file it names").arg(body.size() - offset));
    if (!contents.signature.isEmpty()
        && membersDigest(contents.members).toBase64()
            != manifest.value(QStringLiteral("members_blake2b")).toString().toLatin1())
        return damaged(Tr::tr("its files do not match the digest of all of them"));
    for (const QString& required : {Vault::databaseFileName(), Vault::keyFileName()}) {
        bool found = false;
        for (const Contents::Member& member : std::as_const(contents.members))
            found = found || member.name == required;
        if (!found)
            return damaged(Tr::tr("it holds no %1").arg(required));
    }
    *out = std::move(contents);
    return {};
}

/// What the vault a restore replaces ended, as its verified log says: it
/// stays ended in the restored one.
struct Carried {
    /// Grants its log ended (revoked, renewed, moved, a new mentor's): the
    /// digest the log vouched for (the same grant in the backup has it) and how.
    QHash<qint64, std::pair<QByteArray, QString>> grants;
    /// People its log disabled: their name.
    QHash<qint64, QString> disabled;
    /// Where an enrollment stands by that log: its hire and mentor, and the
    /// checklist version its row holds when the log vouches for both rows.
    struct Placement {
        qint64 hire = 0;
        QString hireName;
        qint64 mentor = 0;
        QString mentorName;
        std::optional<StoredChecklist> checklist; ///< empty: the rows do not match the log
        QByteArray checklistDigest;
    };
    QHash<qint64, Placement> enrollments;
    /// An entry of its log that may be later than the backup: one the
    /// backup does not hold (keepSince()) counts.
    struct Since {
        QByteArray hash;
        QString action;
        qint64 person = 0; ///< whose passphrase
        QString subject; ///< their name, the provider connection's, or the credential's
        QString dsn; ///< a provider.set's
        QString environment; ///< a credential.set's ("*": it names none)
    };
    QList<Since> since;
    /// People whose passphrase its log reset or changed after the backup
    /// was taken: their name. The backup's slot opens with the passphrase
    /// they had then, which may be why it was reset.
    QHash<qint64, QString> passphraseChanged;
    /// Its log rotated the master key after the backup was taken.
    bool rekeyed = false;
    /// An admin of its log rotated the production key after the backup was
    /// taken: whoever that rotation shut out may hold the backup's key.
    bool productionRotated = false;
    /// The DSNs its log gave each provider connection after the backup was
    /// taken: a login made then may be at any of them.
    QHash<QString, QStringList> dsnsSince;
    /// The static secrets an admin of its log set after the backup was
    /// taken (to rotate a leaked one, say), by id, with the environments
    /// each was set in ("*": every one): the backup's box is the earlier.
    QHash<QString, QSet<QString>> secretsSince;
    /// The logins at a source it knows of (live, or their drop pending),
    /// placed by its log alone.
    QList<Credentials::SourceLogin> logins;
};

/// Keeps of \a carried's entries only those \a backup (the restored copy's
/// database) does not hold, whatever their number: after a restore the two
/// logs share what came before it alone.
Error keepSince(Database& backup, Carried* carried)
{
    QList<QVariantList> rows;
    if (Error e = backup.execute(QStringLiteral("SELECT hash FROM audit_log"), {}, &rows))
        return e;
    QSet<QByteArray> held;
    held.reserve(rows.size());
    for (const QVariantList& row : std::as_const(rows))
        held.insert(row.at(0).toByteArray());
    for (const Carried::Since& entry : std::as_const(carried->since)) {
        if (held.contains(entry.hash))
            continue;
        if (entry.action == QLatin1String("vault.rekey"))
            carried->rekeyed = true;
        else if (entry.action == QLatin1String("production.rotate"))
            carried->productionRotated = true;
        else if (entry.action == QLatin1String("provider.set"))
            carried->dsnsSince[entry.subject].append(entry.dsn);
        else if (entry.action == QLatin1String("credential.set"))
            carried->secretsSince[entry.subject].insert(entry.environment);
        else
            carried->passphraseChanged.insert(entry.person, entry.subject);
    }
    return {};
}

/// The endings of the vault in \a target, opened as \a name: only from its
/// log where that verifies (hashes, links, signatures, each entry's
/// authority), from the root this desktop pinned, and holds the newest
/// entry this desktop saw (\a pin); InvalidInput saying why otherwise
/// (\a why then gets the reason alone, without the command's words).
Error carriedFrom(const QString& target, const QString& name, QByteArrayView passphrase,
                  const std::optional<VaultPin>& pin, Carried* out, QString* why, std::unique_ptr<Vault>* held)
{
    const auto refuse = [&](const QString& reason) {
        *why = reason;
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("%1, so what it revoked, disabled or moved cannot be kept so in the restored one; nothing "
                            "was restored. Add --rollback to restore the backup as it is: the grants it holds, the "
                            "people it holds enabled and the passphrases they had when it was taken (reset or "
                            "changed since, say because one leaked) all come back")
                         .arg(reason));
    };
    std::unique_ptr<Vault> current;
    if (Error e = Vault::unlock(target, name, passphrase, &current, Vault::UnlockMode::AcceptRestore)) {
        const Error refused = refuse(Tr::tr("the vault in %1 does not open as %2 (%3)").arg(target, name, e.message));
        return e.kind == ErrorKind::Auth ? Error(ErrorKind::Auth, refused.message) : refused;
    }
    // Nobody writes to it from here until the restored copy is in its
    // place (the caller holds it so): a revoke committed meanwhile would be
    // neither carried nor in the copy. Another process's write waits, and
    // then says the vault is busy.
    if (Error e = current->db().execute(QStringLiteral("BEGIN IMMEDIATE")))
        return e;
    ledger::Collector log;
    AuditVerification audit;
    if (Error e = AuditVerifier::verify(*current, &audit, {}, &log))
        return refuse(Tr::tr("the log of the vault in %1 does not verify (%2)").arg(target, e.message));
    if (!audit.ok())
        return refuse(Tr::tr("the log of the vault in %1 does not verify (%2)").arg(target, audit.toError().message));
    if (pin && log.rootKey != pin->rootKey)
        return refuse(
            Tr::tr("the log of the vault in %1 does not start from the root this desktop pinned").arg(target));
    // A log cut back behind what this desktop saw (an old copy put back)
    // lost what was recorded since; one an admin restored since, in a newer
    // epoch, is theirs to have decided.
    for (const auto& [sequence, hash] :
         {std::pair{pin ? pin->headSequence : 0, pin ? pin->headHash : QByteArray()},
          std::pair{pin ? pin->verifiedSequence : 0, pin ? pin->verifiedHash : QByteArray()}}) {
        if (sequence <= 0 || log.epoch > pin->epoch)
            continue;
        const QByteArray there =
            current->db().scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {sequence}).toByteArray();
        if (there != hash)
            return refuse(Tr::tr("the vault in %1 no longer holds audit entry %2 as this desktop saw it (it was "
                                 "cut back or put back from an old copy)")
                              .arg(target)
                              .arg(sequence));
    }
    const QHash<qint64, ledger::Vouched> grants = log.vouched.value(QStringLiteral("credential_grants"));
    for (auto it = log.endings.cbegin(); it != log.endings.cend(); ++it)
        out->grants.insert(it.key(), {grants.value(it.key()).digest, it->how});
    for (auto it = log.people.cbegin(); it != log.people.cend(); ++it)
        if (it->disabled)
            out->disabled.insert(it.key(), it->name);
    // The mentor is the log's own word; the checklist is read from the rows,
    // taken only where the log vouches for them (a hire holds the master
    // key and could have edited them).
    Database& db = current->db();
    QHash<qint64, QByteArray> enrollmentDigests;
    QHash<qint64, QByteArray> checklistDigests;
    if (Error e = records::digestAll(db, QStringLiteral("enrollments"), &enrollmentDigests))
        return e;
    if (Error e = records::digestAll(db, QStringLiteral("checklists"), &checklistDigests))
        return e;
    const QHash<qint64, ledger::Vouched> vouchedEnrollments = log.vouched.value(QStringLiteral("enrollments"));
    const QHash<qint64, ledger::Vouched> vouchedChecklists = log.vouched.value(QStringLiteral("checklists"));
    for (auto it = log.enrollments.cbegin(); it != log.enrollments.cend(); ++it) {
        Carried::Placement placement{
            it->hire, log.people.value(it->hire).name, it->mentor, log.people.value(it->mentor).name, std::nullopt, {}};
        const QByteArray enrollment = enrollmentDigests.value(it.key());
        const qint64 row =
            db.scalar(QStringLiteral("SELECT checklist_id FROM enrollments WHERE id = ?1"), {it.key()}).toLongLong();
        const QByteArray checklist = checklistDigests.value(row);
        StoredChecklist stored;
        if (!enrollment.isEmpty() && enrollment == vouchedEnrollments.value(it.key()).digest && !checklist.isEmpty()
            && checklist == vouchedChecklists.value(row).digest && !ChecklistStore(*current).byRow(row, &stored)) {
            placement.checklist = std::move(stored);
            placement.checklistDigest = checklist;
        }
        out->enrollments.insert(it.key(), std::move(placement));
    }
    // Logins placed by the log alone: who holds each, through which
    // connection by the checklist versions the log vouches for.
    Credentials::LoggedFacts facts;
    for (auto it = log.enrollments.cbegin(); it != log.enrollments.cend(); ++it) {
        const ledger::LoggedPerson hire = log.people.value(it->hire);
        facts.hires.insert(it.key(), {it->hire, hire.name, hire.displayName.value_or(QString()), hire.disabled});
    }
    for (auto it = vouchedChecklists.cbegin(); it != vouchedChecklists.cend(); ++it)
        if (!it->digest.isEmpty() && checklistDigests.value(it.key()) == it->digest)
            facts.checklistRows.insert(it.key());
    if (Error e = Credentials(*current).sourceLogins(&out->logins, &facts))
        return e;
    // Who gave up a passphrase, by whose signed word: a change is its
    // holder's own, a reset an admin's by the log.
    QList<QVariantList> rows;
    if (Error e =
            db.execute(QStringLiteral("SELECT hash, action, subject, details, actor_id, actor_name FROM "
                                      "audit_log NOT INDEXED WHERE action IN ('passphrase.reset', 'passphrase.change', "
                                      "'vault.rekey', 'production.rotate', 'provider.set', 'credential.set') ORDER "
                                      "BY seq"),
                       {}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        const QString action = row.at(1).toString();
        const QString subject = row.at(2).toString();
        const QJsonObject details = QJsonDocument::fromJson(row.at(3).toString().toUtf8()).object();
        const qint64 actor = row.at(4).toLongLong();
        const QString actorName = row.at(5).toString();
        Carried::Since entry{row.at(0).toByteArray(), action, 0, subject, {}, {}};
        const ledger::LoggedPerson& by = log.people.value(actor);
        const bool byAdmin = by.role == ledger::kAdmin && by.name == actorName;
        if (action == QLatin1String("provider.set")) {
            entry.dsn = details.value(QStringLiteral("dsn")).toString();
            if (entry.dsn.isEmpty())
                continue;
        } else if (action == QLatin1String("production.rotate") || action == QLatin1String("credential.set")) {
            if (!byAdmin)
                continue;
            entry.environment = details.value(QStringLiteral("environment")).toString(QStringLiteral("*"));
        } else if (action != QLatin1String("vault.rekey")) {
            entry.person = details.value(QStringLiteral("person_id")).toInteger();
            const bool own =
                action == QLatin1String("passphrase.change") && entry.person == actor && actorName == subject;
            const bool admins = action == QLatin1String("passphrase.reset") && byAdmin;
            if (entry.person <= 0 || log.people.value(entry.person).name != subject || (!own && !admins))
                continue;
        }
        out->since.append(entry);
    }
    *held = std::move(current);
    return {};
}

/// Ends as "revoked", each with a signed `grant.revoke` of \a vault's admin,
/// every grant live in \a vault that \a carried says the replaced vault
/// ended (the same grant: the digest its log vouched for), and every live
/// grant of a person it disabled; \a disabled receives their names.
Error carryEndings(Vault& vault, const Carried& carried, const QDateTime& now, int* count, QStringList* disabled)
{
    if (carried.grants.isEmpty() && carried.disabled.isEmpty())
        return {};
    QList<QVariantList> live;
    if (Error e = vault.db().execute(QStringLiteral("SELECT g.id, g.enrollment_id, g.credential_id, p.name, p.id FROM "
                                                    "credential_grants g NOT INDEXED JOIN enrollments e ON e.id = "
                                                    "g.enrollment_id JOIN people p ON p.id = e.hire_id WHERE "
                                                    "g.ended IS NULL ORDER BY g.id"),
                                     {}, &live))
        return e;
    QHash<qint64, QByteArray> digests;
    if (Error e = records::digestAll(vault.db(), QStringLiteral("credential_grants"), &digests))
        return e;
    QList<QVariantList> people;
    if (Error e = vault.db().execute(QStringLiteral("SELECT id, name FROM people WHERE disabled = 0 ORDER BY id"), {},
                                     &people))
        return e;
    for (const QVariantList& person : std::as_const(people))
        if (carried.disabled.value(person.at(0).toLongLong()) == person.at(1).toString())
            disabled->append(person.at(1).toString());
    QList<QVariantList> atSource; // the grants ended again: their logins at the source go too
    Database::Transaction transaction(vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    for (const QVariantList& row : std::as_const(live)) {
        const qint64 id = row.at(0).toLongLong();
        const auto ended = carried.grants.constFind(id);
        const bool sameGrant =
            ended != carried.grants.cend() && !ended->first.isEmpty() && ended->first == digests.value(id);
        const bool hireDisabled =
            disabled->contains(row.at(3).toString()) && carried.disabled.contains(row.at(4).toLongLong());
        if (!sameGrant && !hireDisabled)
            continue;
        const QString reason = sameGrant
            ? QStringLiteral("ended (%1) in the vault this restore replaced").arg(ended->second)
            : QStringLiteral("its hire was disabled in the vault this restore replaced");
        if (Error e = Grants(vault).end(id, QStringLiteral("revoked"), now))
            return e;
        atSource.append(row);
        if (Error e = AuditLog::append(
                vault, QStringLiteral("grant.revoke"), row.at(3).toString(),
                {{QStringLiteral("credential"), row.at(2).toString()},
                 {QStringLiteral("enrollment"), row.at(1).toLongLong()},
                 {QStringLiteral("ended_grants"), QJsonArray{Grants::ending(id, QStringLiteral("revoked"))}},
                 {QStringLiteral("reason"), reason},
                 // Nothing was dropped at a source here: a login the grant
                 // made stays pending (a sweep drops it) until a signed
                 // credential.drop closes it.
                 {QStringLiteral("source_revoke"), QStringLiteral("pending")}}))
            return e;
        ++*count;
    }
    if (Error e = transaction.commit())
        return e;
    // The replaced vault may have dropped them (or held the drop pending, a
    // row the backup never had): each is dropped again, or recorded pending.
    const QList<Person> everyone = vault.people();
    for (const QVariantList& row : std::as_const(atSource)) {
        const auto hire = std::find_if(everyone.cbegin(), everyone.cend(),
                                       [&](const Person& p) { return p.id == row.at(4).toLongLong(); });
        if (hire == everyone.cend())
            continue;
        if (Error e = Credentials(vault).dropAtSource(row.at(1).toLongLong(), *hire, {row.at(2).toString()}))
            qCWarning(lcVault).noquote() << "ended" << row.at(2).toString() << "of" << hire->name
                                         << "again, but could not record its drop at the source:" << e.message;
    }
    return {};
}

/// The kept secrets the replaced vault's log set again after the backup was
/// taken: the backup's are the earlier ones (a leaked secret the admin
/// rotated, say), which no grant may seal again. A static secret's earlier
/// box goes, with a signed `credential.unset` of the restoring admin, so it
/// reads "not set yet" until an admin sets it again; a connection's
/// password is named to be set again. Each is named in \a result.
Error carrySecrets(Vault& vault, const Carried& carried, Restored* result)
{
    QStringList ids = carried.secretsSince.keys();
    ids.sort();
    for (const QString& id : std::as_const(ids)) {
        // Only where it was set since: the same id may be a sandbox secret in
        // an older version, which no `cred set` of the newest could set again.
        const QSet<QString>& since = carried.secretsSince.value(id);
        QList<QVariantList> rows;
        if (Error e = vault.db().execute(QStringLiteral("SELECT rowid, environment FROM credential_secrets WHERE "
                                                        "credential_id = ?1 AND ifnull(hire_id, 0) = 0 ORDER BY 2"),
                                         {id}, &rows))
            return e;
        QJsonArray environments;
        QVariantList removed;
        for (const QVariantList& row : std::as_const(rows))
            if (since.contains(QStringLiteral("*")) || since.contains(row.at(1).toString())) {
                environments.append(row.at(1).toString());
                removed.append(row.at(0));
            }
        if (removed.isEmpty())
            continue;
        Database::Transaction transaction(vault.db());
        if (transaction.beginError())
            return transaction.beginError();
        for (const QVariant& rowId : std::as_const(removed))
            if (Error e =
                    vault.db().execute(QStringLiteral("DELETE FROM credential_secrets WHERE rowid = ?1"), {rowId}))
                return e;
        if (Error e = AuditLog::append(
                vault, QStringLiteral("credential.unset"), id,
                {{QStringLiteral("credential"), id},
                 {QStringLiteral("environments"), environments},
                 {QStringLiteral("reason"), QStringLiteral("set again in the vault this restore replaced")}}))
            return e;
        if (Error e = transaction.commit())
            return e;
        result->notCarried.append(Tr::tr("the secret of %1, set again after the backup was taken; the backup's "
                                         "earlier one was removed, so no hire receives it until you set it again "
                                         "(cred set %1)")
                                      .arg(id));
    }
    QStringList names = carried.dsnsSince.keys();
    names.sort();
    for (const QString& name : std::as_const(names))
        result->notCarried.append(Tr::tr("the password of connection %1, set again after the backup was taken; the "
                                         "restored connection holds the earlier one: set it again (provider set %1)")
                                      .arg(name));
    return {};
}

/// Whether \a e says an act was refused for what the vault holds (it is
/// named then, and the restore goes on), not that the vault failed.
bool refusedAct(const Error& e)
{
    return e.kind == ErrorKind::InvalidInput || e.kind == ErrorKind::NotPermitted;
}

/// Does again in \a vault (the restored copy, unlocked by its admin) what
/// \a carried says the replaced vault's log did to people and enrollments
/// since: disables first (\a result's disabledAgain names whom to disable:
/// carryEndings' list), then mentor changes, then moves, each the admin's
/// own act with its own signed entry. What cannot be done again is named.
Error carryPlacements(Vault& vault, const Carried& carried, const QDateTime& now, Restored* result)
{
    // First of all, before anyone's act is done again: a slot that opens
    // with a passphrase given up since the backup opens nothing.
    for (auto it = carried.passphraseChanged.cbegin(); it != carried.passphraseChanged.cend(); ++it) {
        const QString& person = it.value();
        if (person == vault.me().name || result->disabledAgain.contains(person))
            continue;
        QList<QVariantList> rows;
        if (Error e = vault.db().execute(QStringLiteral("SELECT disabled FROM people WHERE id = ?1 AND name = ?2"),
                                         {it.key(), person}, &rows))
            return e;
        if (rows.isEmpty())
            continue;
        if (rows.first().at(0).toBool()) {
            result->notCarried.append(Tr::tr("%1 was given a new passphrase in the vault this restore replaced, but "
                                             "the backup holds them disabled: reset their passphrase again to let "
                                             "them in")
                                          .arg(person));
            continue;
        }
        if (Error e = People(vault).disable(person)) {
            if (!refusedAct(e))
                return e;
            result->notCarried.append(Tr::tr("%1's passphrase was reset or changed in the vault this restore "
                                             "replaced, and the backup's slot still opens with the one before, "
                                             "which could not be shut out (%2): reset their passphrase now")
                                          .arg(person, e.message));
            continue;
        }
        result->passphraseShutOut.append(person);
    }
    QStringList disabled;
    for (const QString& person : std::as_const(result->disabledAgain)) {
        if (Error e = People(vault).disable(person)) {
            if (!refusedAct(e))
                return e;
            result->notCarried.append(Tr::tr("%1 was disabled in the vault this restore replaced, but could not be "
                                             "disabled again (%2): their grants are revoked again; disable them "
                                             "first, before anything else")
                                          .arg(person, e.message));
            continue;
        }
        disabled.append(person);
    }
    result->disabledAgain = disabled;
    if (carried.enrollments.isEmpty())
        return {};
    QList<QVariantList> rows;
    if (Error e = vault.db().execute(QStringLiteral("SELECT e.id, e.hire_id, p.name, e.mentor_id, e.checklist_id FROM "
                                                    "enrollments e JOIN people p ON p.id = e.hire_id ORDER BY e.id"),
                                     {}, &rows))
        return e;
    for (const QVariantList& row : std::as_const(rows)) {
        const auto placement = carried.enrollments.constFind(row.at(0).toLongLong());
        if (placement == carried.enrollments.cend() || placement->hire != row.at(1).toLongLong()
            || placement->hireName != row.at(2).toString())
            continue;
        const QString hire = placement->hireName;
        if (placement->mentor != row.at(3).toLongLong()) {
            const bool held = vault.db()
                                  .scalar(QStringLiteral("SELECT name FROM people WHERE id = ?1"), {placement->mentor})
                                  .toString()
                == placement->mentorName;
            Error e = held
                ? Enrollments(vault).edit(hire, placement->mentorName, QDate())
                : Error(ErrorKind::InvalidInput, Tr::tr("the backup does not hold %1").arg(placement->mentorName));
            if (e && !refusedAct(e))
                return e;
            if (e)
                result->notCarried.append(
                    Tr::tr("%1's mentor was changed to %2 in the vault this restore replaced, which could not be "
                           "done again (%3): give %1 that mentor again (add %2 first if needed): onramp "
                           "enrollment edit %1 --mentor %2")
                        .arg(hire, placement->mentorName, e.message));
            else
                result->mentorsCarried.append({hire, placement->mentorName});
        }
        if (!placement->checklist) {
            result->notCarried.append(
                Tr::tr("which checklist %1 was on in the vault this restore replaced cannot be told (its rows there "
                       "do not match its log): check %1's checklist, and move them if it is not the one wanted")
                    .arg(hire));
            continue;
        }
        const StoredChecklist& wanted = *placement->checklist;
        QByteArray here;
        if (Error e = records::digest(vault.db(), QStringLiteral("checklists"), row.at(4).toLongLong(), &here))
            return e;
        if (row.at(4).toLongLong() == wanted.rowId && here == placement->checklistDigest)
            continue;
        // The same version when the backup holds it as the log vouched for
        // it; otherwise that version imported again, as the admin's.
        int version = 0;
        QByteArray same;
        StoredChecklist held;
        if (!records::digest(vault.db(), QStringLiteral("checklists"), wanted.rowId, &same)
            && same == placement->checklistDigest && !ChecklistStore(vault).byRow(wanted.rowId, &held))
            version = held.version;
        Error e;
        if (version == 0) {
            ImportOutcome imported;
            e = ChecklistStore(vault).import(wanted.checklist, now, &imported);
            version = imported.version;
        }
        if (!e)
            e = Enrollments(vault).moveTo(hire, wanted.checklist.id, version);
        if (e && !refusedAct(e))
            return e;
        if (e)
            result->notCarried.append(Tr::tr("%1 was moved to %2 version %3 in the vault this restore replaced, "
                                             "which could not be done again (%4): move them again")
                                          .arg(hire, wanted.checklist.id)
                                          .arg(wanted.version)
                                          .arg(e.message));
        else
            result->movesCarried.append({hire, wanted.checklist.id, version});
    }
    return {};
}

/// A login at a source as both vaults tell it apart: its enrollment, its
/// hire's name and its credential (enrollment numbers alone may differ in
/// meaning after an earlier restore).
using LoginKey = std::tuple<qint64, QString, QString>;

/// The logins at a source \a vault (the restored copy, its log verified)
/// knows of, before the restore disables anyone.
Error knownLogins(Vault& vault, std::set<LoginKey>* out)
{
    QList<Credentials::SourceLogin> here;
    if (Error e = Credentials(vault).sourceLogins(&here))
        return e;
    for (const Credentials::SourceLogin& login : std::as_const(here))
        out->insert({login.enrollmentId, login.hire, login.credentialId});
    return {};
}

/// Records for the sweep, each a signed `credential.drop` saying "pending",
/// the logins \a carried says the replaced vault made that \a vault (the
/// restored copy) does not know of (\a known): made after the backup was
/// taken, they would live on at the server with nothing here to end them.
/// They are dropped only once the copy is in place (\a recorded, with how
/// each is shown); a login the copy cannot record is named.
/// A login the restored copy holds no enrollment for: dropped by its
/// hire's name once the copy is in place.
struct Orphan {
    QString hire;
    QString shown;
    QString credentialId;
};

Error carryLogins(Vault& vault, const Carried& carried, const std::set<LoginKey>& known,
                  QHash<QPair<qint64, QString>, QString>* recorded, QList<Orphan>* orphans, Restored* result)
{
    const QList<Person> people = vault.people();
    for (const Credentials::SourceLogin& login : std::as_const(carried.logins)) {
        if (!login.unresolved.isEmpty()) {
            result->notCarried.append(Tr::tr("a login of '%1' (enrollment %2) that the vault this restore replaced "
                                             "may have made at its source after the backup was taken cannot be "
                                             "placed (%3): find it at the server and drop it there")
                                          .arg(login.credentialId)
                                          .arg(login.enrollmentId)
                                          .arg(login.unresolved));
            continue;
        }
        if (known.count({login.enrollmentId, login.hire, login.credentialId}) > 0)
            continue;
        const QString shown = Tr::tr("%1's %2").arg(login.hireShown, login.credentialId);
        const auto hire = std::find_if(people.cbegin(), people.cend(),
                                       [&](const Person& p) { return p.id == login.hireId && p.name == login.hire; });
        qint64 enrollment = 0;
        if (hire == people.cend()) {
            orphans->append({login.hire, shown, login.credentialId});
            continue;
        }
        Error e;
        if (vault.db()
                .scalar(QStringLiteral("SELECT hire_id FROM enrollments WHERE id = ?1"), {login.enrollmentId})
                .toLongLong()
            == hire->id)
            enrollment = login.enrollmentId;
        else
            e = Vault::findEnrollmentOf(vault.db(), hire->id, hire->name, &enrollment);
        if (!e && enrollment == 0) {
            orphans->append({login.hire, shown, login.credentialId});
            continue;
        }
        // Where it may have been made besides where the copy's log says the
        // connection pointed: every connection, when its templates in the
        // replaced vault cannot be told.
        QJsonObject elsewhere;
        for (auto it = carried.dsnsSince.cbegin(); it != carried.dsnsSince.cend(); ++it)
            if (login.connections.isEmpty() || login.connections.contains(it.key()))
                elsewhere.insert(it.key(), QJsonArray::fromStringList(it.value()));
        if (!e)
            e = Credentials(vault).recordUnknownLogin(enrollment, *hire, login.credentialId, login.connections,
                                                      QStringLiteral("made after the backup this restore replaced "
                                                                     "was taken"),
                                                      elsewhere);
        if (e && !refusedAct(e))
            return e;
        if (e)
            result->notCarried.append(
                login.connections.isEmpty()
                    ? Tr::tr("the login %1, made after the backup was taken, may live on at its server and could "
                             "not be dropped (%2): drop it there")
                          .arg(shown, e.message)
                    : Tr::tr("the login %1, made through provider connection %2 after the backup was taken, may "
                             "live on at that server and could not be dropped (%3): drop it there")
                          .arg(shown, login.connections.join(QStringLiteral(", ")), e.message));
        else
            recorded->insert({enrollment, login.credentialId}, shown);
    }
    return {};
}

/// Once the restored copy is in place in \a target: drops at their source
/// the logins carryLogins() recorded, as the sweep would, and says which
/// were dropped and which stay pending, with why.
void dropCarriedLogins(const QString& target, const QString& name, QByteArrayView passphrase,
                       const QHash<QPair<qint64, QString>, QString>& recorded, const QList<Orphan>& orphans,
                       Restored* result)
{
    if (recorded.isEmpty() && orphans.isEmpty())
        return;
    QHash<QPair<qint64, QString>, QString> outcome;
    std::unique_ptr<Vault> vault;
    Error e = Vault::unlock(target, name, passphrase, &vault);
    if (!e) {
        const QList<QPair<qint64, QString>> keys = recorded.keys();
        if (!keys.isEmpty())
            e = Credentials(*vault).dropLogins(QSet<QPair<qint64, QString>>(keys.cbegin(), keys.cend()), &outcome);
        // No enrollment here to keep a pending drop for: done now, or named.
        for (const Orphan& orphan : orphans) {
            bool dropped = false;
            QString why;
            const Error failed = Credentials(*vault).dropOrphanLogin(
                orphan.hire, orphan.credentialId,
                QStringLiteral("made after the backup this restore replaced was taken, for an enrollment it does "
                               "not hold"),
                &dropped, &why);
            if (dropped)
                result->loginsDropped.append(orphan.shown);
            else
                result->notCarried.append(Tr::tr("the login %1, made after the backup was taken for an enrollment "
                                                 "the backup does not hold, may live on at its server and could "
                                                 "not be dropped (%2): drop it there")
                                              .arg(orphan.shown, failed ? failed.message : why));
        }
        vault->lock();
    } else {
        for (const Orphan& orphan : orphans)
            result->notCarried.append(Tr::tr("the login %1, made after the backup was taken for an enrollment the "
                                             "backup does not hold, may live on at its server and could not be "
                                             "dropped (%2): drop it there")
                                          .arg(orphan.shown, e.message));
    }
    QList<QPair<qint64, QString>> keys = recorded.keys();
    std::sort(keys.begin(), keys.end());
    for (const auto& key : std::as_const(keys)) {
        const auto tried = outcome.constFind(key);
        if (tried != outcome.cend() && tried->isEmpty()) {
            result->loginsDropped.append(recorded.value(key));
            continue;
        }
        result->loginsPending.append(recorded.value(key));
        result->loginsPendingWhy.append(tried != outcome.cend() ? *tried
                                            : e                 ? Tr::tr("not tried: %1").arg(e.message)
                                                                : Tr::tr("not tried"));
    }
}

Error restore(const QString& file, const QString& dir, const QString& name, QByteArrayView passphrase, bool replace,
              const QDateTime& now, Restored* out, bool rollback)
{
    Contents contents;
    if (Error e = read(file, &contents))
        return e;
    const QFileInfo info(dir);
    const QString target = info.absoluteFilePath();
    const QString parent = info.absolutePath();
    if (!QFileInfo(parent).isDir())
        return Error(ErrorKind::Io, Tr::tr("cannot restore into %1: the folder %2 does not exist").arg(target, parent));
    const bool exists = info.exists() || info.isSymLink();
    if (info.isSymLink() || (exists && !info.isDir()))
        return Error(ErrorKind::InvalidInput, Tr::tr("cannot restore into %1: it is not a folder").arg(target));
    const bool empty =
        !exists || QDir(target).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    if (!empty && !replace)
        return Error(ErrorKind::Usage,
                     Tr::tr("%1 is not empty: restoring a backup there replaces everything recorded since it was "
                            "taken. Add --replace to restore in its place (the folder is kept aside, never "
                            "deleted), or restore into an empty folder")
                         .arg(target));
    if (!empty) {
        KeyFile header;
        const QString keys = QDir(target).filePath(Vault::keyFileName());
        if (QFileInfo(keys).isFile() && !KeyFileStore::loadHeader(keys, &header) && !header.vaultId.isEmpty()
            && header.vaultId != contents.vaultId)
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("%1 holds vault %2, but the backup %3 is of vault %4; restore it into another folder")
                             .arg(target, header.vaultId, QFileInfo(file).absoluteFilePath(), contents.vaultId));
    }
    std::optional<VaultPin> pin;
    if (Error e = TrustStore::load(contents.vaultId, &pin))
        return e;
    // What the vault being replaced ended stays ended: read before anything
    // changes (opened whatever its head, as a restore opens), from its log
    // only where that verifies and holds what this desktop saw.
    Carried carried;
    std::unique_ptr<Vault> replaced; // held, its writes shut out, until the swap
    if (!empty && !rollback) {
        QString why;
        if (Error e = carriedFrom(target, name, passphrase, pin, &carried, &why, &replaced)) {
            if (out && e.kind == ErrorKind::InvalidInput)
                out->rollbackReason = why;
            return e;
        }
    }

    // Unpacked beside the target, on the same file system, so that one
    // rename puts it in place.
    WorkFolder staging;
    if (Error e = staging.make(QDir(parent).filePath(
            QStringLiteral(".%1.restore-%2-%3").arg(info.fileName(), stamp(now), randomSuffix()))))
        return e;
    if (io::syncDirectory(QFile::encodeName(parent).constData()) != 0) {
        const int error = errno;
        return ioError(Tr::tr("cannot sync the folder %1").arg(parent), error);
    }
    for (const Contents::Member& member : std::as_const(contents.members))
        if (Error e = writePrivateFile(staging.file(member.name), member.bytes, Tr::tr("restored file")))
            return e;

    // Checked and recorded against a copy of this desktop's memory: should
    // anything fail before the swap, the desktop still trusts the vault in
    // place as before.
    WorkFolder trustCopy;
    if (Error e = trustCopy.make(
            QDir(parent).filePath(QStringLiteral(".%1.trust-%2-%3").arg(info.fileName(), stamp(now), randomSuffix()))))
        return e;
    const QString pinName = contents.vaultId + QStringLiteral(".json");
    if (pin && !QFile::copy(QDir(TrustStore::directory()).filePath(pinName), trustCopy.file(pinName)))
        return Error(ErrorKind::Io,
                     Tr::tr("cannot read this desktop's record of vault %1 in %2")
                         .arg(contents.vaultId, TrustStore::directory()));
    Restored result;
    QHash<QPair<qint64, QString>, QString> carriedLogins; // recorded pending, dropped once in place
    QList<Orphan> orphans; // no enrollment in the copy: dropped once in place
    QByteArray rootKey;
    qint64 head = 0;
    QByteArray headHash;
    {
        TrustDirectoryScope scope(trustCopy.path());
        std::unique_ptr<Vault> vault;
        if (Error e = Vault::unlock(staging.path(), name, passphrase, &vault, Vault::UnlockMode::AcceptRestore))
            return e;
        if (vault->vaultId() != contents.vaultId)
            return Error(ErrorKind::Damaged,
                         Tr::tr("backup file %1 names vault %2 but holds vault %3")
                             .arg(QFileInfo(file).absoluteFilePath(), contents.vaultId, vault->vaultId()));
        if (vault->me().role != Role::Admin)
            return Error(ErrorKind::NotPermitted,
                         Tr::tr("only an admin can restore a backup: it replaces everything recorded since it was "
                                "taken, and %1 is not an admin of the backed-up vault")
                             .arg(name));
        // The restored vault must hold together on its own: everything but
        // this desktop's memory of a newer head is checked as usual.
        LedgerCheck check;
        if (Error e = Ledger::verify(*vault, now, &check))
            return e;
        // The manifest's word is not signed: what the restore entry will say
        // of the backup must be what the verified copy holds.
        qint64 copyHead = 0;
        QByteArray copyHash;
        if (Error e = AuditLog::head(vault->db(), &copyHead, &copyHash))
            return e;
        const QString where = QFileInfo(file).absoluteFilePath();
        if (copyHead != contents.headSequence || copyHash != contents.headHash)
            return Error(ErrorKind::Damaged,
                         Tr::tr("backup file %1 says its log ends at audit entry %2, but the log it holds ends at "
                                "entry %3 with another hash: its manifest was changed; nothing was restored")
                             .arg(where)
                             .arg(contents.headSequence)
                             .arg(copyHead));
        // Who took it and when is the taker's signed word, checked against
        // the key the verified log gave them; only an admin's is taken.
        if (contents.signature.isEmpty())
            return Error(ErrorKind::Damaged,
                         Tr::tr("backup file %1 carries no signature of the person who took it (an Onramp from "
                                "before backups were signed wrote it, or it was changed): who took it and when "
                                "cannot be told, so nothing was restored. Take a new backup, as an admin")
                             .arg(where));
        std::optional<Person> taker;
        if (Error e = Vault::findPerson(vault->db(), contents.takenBy, &taker))
            return e;
        if (!taker)
            return Error(ErrorKind::Damaged,
                         Tr::tr("backup file %1 says %2 took it, who is no person of the vault it holds: its "
                                "manifest was changed; nothing was restored")
                             .arg(where, contents.takenBy));
        if (!crypto::verify(contents.signedManifest, contents.signature, taker->signPublicKey))
            return Error(ErrorKind::Damaged,
                         Tr::tr("backup file %1 says %2 took it, but its manifest is not signed by %2: it was "
                                "changed after it was taken; nothing was restored")
                             .arg(where, contents.takenBy));
        if (taker->role != Role::Admin)
            return Error(ErrorKind::Damaged,
                         Tr::tr("backup file %1 was taken by %2, who is not an admin of the vault it holds: only "
                                "an admin's backup is restored; nothing was restored")
                             .arg(where, contents.takenBy));
        if (contents.takenAt > now.addSecs(300))
            return Error(ErrorKind::Damaged,
                         Tr::tr("backup file %1 says it was taken at %2, which is later than now: its manifest "
                                "was changed, or this computer's clock is wrong; nothing was restored")
                             .arg(where, contents.takenAt.toString(Qt::ISODate)));
        // By the walk of the log, not through its index by action.
        const qint64 logged = check.epoch;
        if (pin && pin->epoch > logged)
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("this desktop accepted restore %1 of vault %2, and the backup %3 was taken before it: "
                                "here it cannot be told from an old copy put back. Restore a backup taken after "
                                "restore %1")
                             .arg(pin->epoch)
                             .arg(contents.vaultId, QFileInfo(file).absoluteFilePath()));
        result.epoch = logged + 1;
        // Said only now that the copy passed its check: a refused restore
        // says why, never whose restore or which root it would have trusted.
        result.firstUse = vault->firstUseNote();
        if (pin) {
            result.seenSequence = pin->headSequence;
            const QByteArray there =
                vault->db()
                    .scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {pin->headSequence})
                    .toByteArray();
            result.seenNotInBackup = pin->headSequence > 0 && there != pin->headHash;
        }
        // No vault to carry endings from, while this desktop saw a later
        // one: what it revoked, disabled or moved since the backup would
        // come back unsaid. The folder was emptied, or the vault moved.
        if (empty && !rollback && pin && (result.seenNotInBackup || pin->headSequence > copyHead))
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("%1 holds no vault, but this desktop has seen audit entry %2 of vault %3, which the "
                                "backup %4 does not hold: grants revoked, people disabled and hires moved since it "
                                "was taken would come back. Restore over the vault with --replace where it is, or "
                                "add --rollback to restore the backup as it is; nothing was restored")
                             .arg(target)
                             .arg(pin->headSequence)
                             .arg(contents.vaultId, where));
        // What the replaced vault's log did since the backup: the copy's own
        // log does not hold it.
        if (Error e = keepSince(vault->db(), &carried))
            return e;
        QJsonObject about{{QStringLiteral("backup_taken_at"), contents.takenAt.toString(Qt::ISODateWithMs)},
                          {QStringLiteral("backup_taken_by"), contents.takenBy},
                          {QStringLiteral("backup_head_seq"), contents.headSequence},
                          {QStringLiteral("backup_head_hash"), QString::fromLatin1(contents.headHash.toBase64())}};
        // Where the replaced vault pointed each connection after the backup:
        // a login made then may be there, and not finding it where the
        // copy points is no drop (ProviderConnections::dsnsSince()).
        if (!carried.dsnsSince.isEmpty()) {
            QJsonObject dsns;
            for (auto it = carried.dsnsSince.cbegin(); it != carried.dsnsSince.cend(); ++it)
                dsns.insert(it.key(), QJsonArray::fromStringList(it.value()));
            about.insert(QStringLiteral("source_dsns"), dsns);
        }
        if (Error e = vault->recordRestore(result.epoch, pin ? pin->headSequence : 0,
                                           pin ? pin->headHash : QByteArray(), about))
            return e;
        result.carriedNothing = empty && !rollback;
        std::set<LoginKey> known;
        if (Error e = knownLogins(*vault, &known))
            return e;
        if (Error e = carryEndings(*vault, carried, now, &result.revokedAgain, &result.disabledAgain))
            return e;
        if (Error e = carryPlacements(*vault, carried, now, &result))
            return e;
        if (Error e = carrySecrets(*vault, carried, &result))
            return e;
        if (Error e = carryLogins(*vault, carried, known, &carriedLogins, &orphans, &result))
            return e;
        // The backup's production key is the one the replaced vault's
        // rotation took away from whoever might hold it: a new one, unless a
        // disable above already made one.
        if (carried.productionRotated && result.disabledAgain.isEmpty() && result.passphraseShutOut.isEmpty()) {
            if (Error e = People(*vault).rotateProductionKey()) {
                if (!refusedAct(e))
                    return e;
                result.notCarried.append(Tr::tr("the production key was rotated in the vault this restore "
                                                "replaced, which could not be done again (%1): rotate it now")
                                             .arg(e.message));
            } else {
                result.productionRotated = true;
            }
        }
        // Everyone shut out above, and anyone the replaced vault's rotation
        // shut out, held the backup's master key: a new one, sealed to the
        // enabled slots only, before the copy is put in place.
        if (!result.disabledAgain.isEmpty() || !result.passphraseShutOut.isEmpty() || carried.rekeyed) {
            if (Error e = vault->rekey())
                return e;
            result.rekeyed = true;
        }
        if (Error e = AuditLog::head(vault->db(), &head, &headHash))
            return e;
        std::optional<VaultPin> recorded;
        if (Error e = TrustStore::load(contents.vaultId, &recorded))
            return e;
        if (!recorded)
            return Error(ErrorKind::Io, Tr::tr("the restore of vault %1 was not recorded").arg(contents.vaultId));
        rootKey = recorded->rootKey;
        vault->lock();
    }

    crashPoint("restore-before-swap");
    QString keptAside;
    bool moved = false;
    const Error swapped = swapInto(staging.path(), target, !empty, now, &moved, &keptAside);
    if (replaced) {
        // Nothing was written to it: the transaction only kept others out.
        replaced->db().execute(QStringLiteral("ROLLBACK"));
        replaced->lock();
        replaced.reset();
    }
    if (moved)
        staging.keep(); // it is the vault now, or holds the replaced one: never removed
    if (swapped)
        return swapped;
    result.keptAside = keptAside;
    // This desktop takes the restored head in only now that it is in place.
    if (!pin) {
        bool pinned = false;
        if (Error e = TrustStore::pinRoot(contents.vaultId, rootKey, &pinned))
            return e;
    }
    if (Error e = TrustStore::acceptRestore(contents.vaultId, result.epoch, head, headHash))
        return e;
    qCInfo(lcVault) << "restored" << target << "from" << file << "as restore" << result.epoch;
    dropCarriedLogins(target, name, passphrase, carriedLogins, orphans, &result);
    result.backup = contents;
    for (Contents::Member& member : result.backup.members)
        member.bytes.clear();
    if (out)
        *out = std::move(result);
    return {};
}

} // namespace backup
} // namespace onramp
