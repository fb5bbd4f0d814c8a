// libFuzzer target for the audit log's verifier. A genuine log of seven
// entries (vault.create, two person.add, a hire's and a mentor's entries, a
// person.disable, an admin's entry) and its signed key-file heads are built
// once, with fixed keys. Each input is a list of tamperings by someone who
// holds the master key (so the hash key and the people table) and a key pair
// of their own, but no one's key of the log: edit any field of any entry,
// delete, duplicate or renumber entries, forge entries (hashed with the hash
// key, signed with their key or with a signature copied from another entry),
// rehash, relink, truncate, put back an older genuine head or forge one, and
// rewrite the people table. The verifier runs on the result. Checked: no
// crash; a log it calls valid is the genuine log cut after entry k, with
// the key file holding the genuine head of k or k - 1, unless the log no
// longer starts with vault.create and the people table was rewritten (a log
// without a root trusts the table, by design: docs/SECURITY.md); and a
// log it refuses is named by "audit log entry N:", N the entry it reports.
#include "Crypto.h"
#include "Database.h"
#include "KeyFile.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"

#include <fuzzer/FuzzedDataProvider.h>
#include <sodium.h>

#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

using namespace onramp;

namespace {

const QString kVaultId = QStringLiteral("0f3c6a52-fuzz");

struct Signer {
    qint64 id;
    QString name;
    QString role;
    QByteArray publicKey;
    SecureBytes secretKey;
};

/// A row of the people table, which the tamperer may rewrite.
struct TableRow {
    qint64 id;
    QString name;
    QString role;
    QByteArray publicKey;
};

struct Head {
    qint64 sequence = 0;
    QJsonObject record; ///< the key file's audit_head; empty for none
};

struct World {
    std::unique_ptr<Database> db;
    SecureBytes hashKey;
    std::vector<Signer> people; ///< ada (admin), maya (mentor), alex (hire), then eve: the tamperer
    QList<AuditEntry> genuine;
    QList<Head> heads; ///< heads[k]: the genuine head after entry k (heads[0] is none)
};

World* g_world = nullptr;

void require(bool condition, const char* what, const QString& detail = {})
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_audit_verifier: %s\n%s\n", what, detail.toUtf8().constData());
        std::abort();
    }
}

void must(const Error& e)
{
    require(!e, "setting up the fuzz target failed", e.message);
}

Signer person(qint64 id, const char* name, const char* role)
{
    unsigned char seed[crypto_sign_SEEDBYTES] = {};
    seed[0] = static_cast<unsigned char>(id);
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, '\0');
    SecureBytes secretKey(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(publicKey.data()), secretKey.data(), seed);
    return Signer{id, QString::fromLatin1(name), QString::fromLatin1(role), publicKey, std::move(secretKey)};
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

void seal(AuditEntry& entry, const Signer& signer)
{
    entry.hash = AuditLog::computeHash(entry, g_world->hashKey);
    entry.signature = crypto::sign(AuditLog::signedMessage(entry.hash), signer.secretKey);
}

AuditEntry entry(qint64 sequence, const Signer& actor, const QString& action, const QString& subject,
                 const QJsonObject& details, const QByteArray& previousHash)
{
    AuditEntry e;
    e.sequence = sequence;
    e.at = QStringLiteral("2026-12-01T09:00:%1.000Z").arg(sequence, 2, 10, QLatin1Char('0'));
    e.actorId = actor.id;
    e.actorName = actor.name;
    e.action = action;
    e.subject = subject;
    e.details = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    e.previousHash = previousHash;
    seal(e, actor);
    return e;
}

QJsonObject headRecord(qint64 sequence, const QByteArray& hash, const Signer& signer)
{
    return QJsonObject{{QStringLiteral("seq"), sequence},
                       {QStringLiteral("hash"), b64(hash)},
                       {QStringLiteral("signer"), signer.name},
                       {QStringLiteral("signature"),
                        b64(crypto::sign(AuditLog::headMessage(kVaultId, sequence, hash), signer.secretKey))}};
}

void writePeople(const QList<TableRow>& people)
{
    must(g_world->db->execute(QStringLiteral("DELETE FROM people")));
    for (const TableRow& p : people)
        must(g_world->db->execute(QStringLiteral("INSERT OR REPLACE INTO people (id, name, role, sign_public_key) "
                                                 "VALUES (?, ?, ?, ?)"),
                                  {p.id, p.name, p.role, p.publicKey}));
}

void buildWorld()
{
    ensureSodium();
    g_world = new World;
    World& w = *g_world;
    must(Database::openInMemory(&w.db));
    must(w.db->execute(QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")));
    must(w.db->execute(QStringLiteral("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, role TEXT, "
                                      "sign_public_key BLOB)")));
    must(w.db->execute(QStringLiteral("CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, "
                                      "actor_id INTEGER NOT NULL, actor_name TEXT NOT NULL, action TEXT NOT NULL, "
                                      "subject TEXT NOT NULL, details TEXT NOT NULL, prev_hash BLOB NOT NULL, "
                                      "hash BLOB NOT NULL, signature BLOB NOT NULL)")));
    const QByteArray key(crypto_generichash_KEYBYTES, '\x5a');
    must(w.db->execute(QStringLiteral("INSERT INTO settings (key, value) VALUES ('audit_hash_key', ?)"),
                       {QString::fromLatin1(key.toHex())}));
    w.hashKey = SecureBytes::copyOf(key);
    w.people.push_back(person(1, "ada", "admin"));
    w.people.push_back(person(2, "maya", "mentor"));
    w.people.push_back(person(3, "alex", "hire"));
    w.people.push_back(person(4, "eve", "hire"));
    const Signer& ada = w.people[0];
    const Signer& maya = w.people[1];
    const Signer& alex = w.people[2];
    const auto added = [](const Signer& p) {
        return QJsonObject{{QStringLiteral("person_id"), p.id},
                           {QStringLiteral("public_key"), b64(p.publicKey)},
                           {QStringLiteral("role"), p.role}};
    };
    QByteArray previous(AuditLog::kHashBytes, '\0');
    const auto append = [&](const Signer& actor, const char* action, const QString& subject,
                            const QJsonObject& details) {
        w.genuine.append(entry(w.genuine.size() + 1, actor, QString::fromLatin1(action), subject, details, previous));
        previous = w.genuine.last().hash;
    };
    append(ada, "vault.create", ada.name, added(ada));
    append(ada, "person.add", maya.name, added(maya));
    append(ada, "person.add", alex.name, added(alex));
    append(alex, "step.done", alex.name, QJsonObject{{QStringLiteral("step"), QStringLiteral("handbook")}});
    append(maya, "step.approve", alex.name, QJsonObject{{QStringLiteral("step"), QStringLiteral("handbook")}});
    append(ada, "person.disable", alex.name, QJsonObject{{QStringLiteral("person_id"), alex.id}});
    append(ada, "checklist.import", QStringLiteral("week-one"), QJsonObject{{QStringLiteral("version"), 1}});
    w.heads.append(Head{});
    for (const AuditEntry& e : std::as_const(w.genuine))
        w.heads.append(Head{e.sequence, headRecord(e.sequence, e.hash, e.actorId == maya.id ? maya : ada)});
}

bool sameEntry(const AuditEntry& a, const AuditEntry& b)
{
    return a.sequence == b.sequence && a.at == b.at && a.actorId == b.actorId && a.actorName == b.actorName
        && a.action == b.action && a.subject == b.subject && a.details == b.details && a.previousHash == b.previousHash
        && a.hash == b.hash && a.signature == b.signature;
}

QString text(FuzzedDataProvider& in)
{
    const std::string bytes = in.ConsumeRandomLengthString(24);
    return QString::fromUtf8(bytes.data(), qsizetype(bytes.size()));
}

QByteArray bytes(FuzzedDataProvider& in)
{
    const std::string raw = in.ConsumeRandomLengthString(80);
    return QByteArray(raw.data(), qsizetype(raw.size()));
}

// One field of an entry changed to something from the fuzz bytes, or to the
// same field of another entry.
void edit(FuzzedDataProvider& in, AuditEntry& e, const QList<AuditEntry>& rows)
{
    const AuditEntry& other = rows.isEmpty() ? e : rows[in.ConsumeIntegralInRange<qsizetype>(0, rows.size() - 1)];
    const bool copy = in.ConsumeBool();
    switch (in.ConsumeIntegralInRange(0, 9)) {
    case 0:
        e.sequence = copy ? other.sequence : in.ConsumeIntegralInRange<qint64>(-2, 12);
        break;
    case 1:
        e.at = copy ? other.at : text(in);
        break;
    case 2:
        e.actorId = copy ? other.actorId : in.ConsumeIntegralInRange<qint64>(-1, 5);
        break;
    case 3:
        e.actorName = copy ? other.actorName : text(in);
        break;
    case 4:
        e.action = copy ? other.action : text(in);
        break;
    case 5:
        e.subject = copy ? other.subject : text(in);
        break;
    case 6:
        e.details = copy ? other.details : text(in);
        break;
    case 7:
        e.previousHash = copy ? other.previousHash : bytes(in);
        break;
    case 8:
        e.hash = copy ? other.hash : bytes(in);
        break;
    default:
        e.signature = copy ? other.signature : bytes(in);
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    buildWorld();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    World& w = *g_world;
    FuzzedDataProvider in(data, size);
    QList<AuditEntry> rows = w.genuine;
    Head head = w.heads.last();
    QList<TableRow> table;
    for (qsizetype i = 0; i < 3; ++i)
        table.append(TableRow{w.people[i].id, w.people[i].name, w.people[i].role, w.people[i].publicKey});
    bool tableChanged = false;
    const Signer& eve = w.people[3];

    const int steps = in.ConsumeIntegralInRange(1, 8);
    for (int step = 0; step < steps && in.remaining_bytes() > 0; ++step) {
        const qsizetype pick = rows.isEmpty() ? 0 : in.ConsumeIntegralInRange<qsizetype>(0, rows.size() - 1);
        switch (in.ConsumeIntegralInRange(0, 10)) {
        case 0:
            if (!rows.isEmpty())
                edit(in, rows[pick], rows);
            break;
        case 1:
            if (!rows.isEmpty())
                rows.removeAt(pick);
            break;
        case 2: // renumber: swap two entries' sequence numbers
            if (!rows.isEmpty())
                std::swap(rows[pick].sequence, rows[in.ConsumeIntegralInRange<qsizetype>(0, rows.size() - 1)].sequence);
            break;
        case 3: // duplicate an entry at the end
            if (!rows.isEmpty()) {
                AuditEntry copy = rows[pick];
                copy.sequence = rows.last().sequence + 1;
                rows.append(copy);
            }
            break;
        case 4: { // forge an entry at the end, linked, hashed, signed by eve or with a copied signature
            AuditEntry forged;
            forged.sequence = rows.isEmpty() ? 1 : rows.last().sequence + 1;
            forged.at = rows.isEmpty() ? QStringLiteral("2026-12-02T00:00:00.000Z") : rows.last().at;
            forged.actorId = in.ConsumeIntegralInRange<qint64>(1, 4);
            forged.actorName = in.ConsumeBool() ? w.people[forged.actorId - 1].name : text(in);
            forged.action = in.ConsumeBool() ? QStringLiteral("person.add") : text(in);
            forged.subject = text(in);
            forged.details = in.ConsumeBool()
                ? QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("person_id"), eve.id},
                                                              {QStringLiteral("public_key"), b64(eve.publicKey)},
                                                              {QStringLiteral("role"), QStringLiteral("admin")}})
                                        .toJson(QJsonDocument::Compact))
                : text(in);
            forged.previousHash = rows.isEmpty() ? QByteArray(AuditLog::kHashBytes, '\0') : rows.last().hash;
            seal(forged, eve);
            if (in.ConsumeBool() && !rows.isEmpty())
                forged.signature = rows[pick].signature;
            rows.append(forged);
            break;
        }
        case 5: // rehash with the hash key, keeping the signature
            if (!rows.isEmpty())
                rows[pick].hash = AuditLog::computeHash(rows[pick], w.hashKey);
            break;
        case 6: // relink to the entry before
            if (pick > 0)
                rows[pick].previousHash = rows[pick - 1].hash;
            break;
        case 7: // rehash and re-sign with eve's key
            if (!rows.isEmpty())
                seal(rows[pick], eve);
            break;
        case 8:
            rows.resize(in.ConsumeIntegralInRange<qsizetype>(0, rows.size()));
            break;
        case 9: // the key file's head: a genuine older one, none, or one eve signs
            switch (in.ConsumeIntegralInRange(0, 2)) {
            case 0:
                head = w.heads[in.ConsumeIntegralInRange<qsizetype>(0, w.heads.size() - 1)];
                break;
            case 1:
                head = Head{};
                break;
            default:
                if (!rows.isEmpty()) {
                    head = Head{rows[pick].sequence, headRecord(rows[pick].sequence, rows[pick].hash, eve)};
                    if (in.ConsumeBool())
                        head.record.insert(QStringLiteral("signer"), QStringLiteral("ada"));
                }
                break;
            }
            break;
        default: // the people table: eve added, or eve's key given to someone
            tableChanged = true;
            if (in.ConsumeBool()) {
                table.append(TableRow{eve.id, eve.name, QStringLiteral("admin"), eve.publicKey});
            } else {
                TableRow& p = table[in.ConsumeIntegralInRange<qsizetype>(0, table.size() - 1)];
                p.publicKey = eve.publicKey;
                p.role = QStringLiteral("admin");
            }
            break;
        }
    }

    must(w.db->execute(QStringLiteral("DELETE FROM audit_log")));
    for (const AuditEntry& e : std::as_const(rows))
        must(w.db->execute(QStringLiteral("INSERT OR REPLACE INTO audit_log (seq, at, actor_id, actor_name, action, "
                                          "subject, details, prev_hash, hash, signature) "
                                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                           {e.sequence, e.at, e.actorId, e.actorName, e.action, e.subject, e.details, e.previousHash,
                            e.hash, e.signature}));
    writePeople(table);
    KeyFile keys;
    keys.vaultId = kVaultId;
    if (!head.record.isEmpty())
        keys.extra.insert(AuditLog::headField(), head.record);

    AuditVerification result;
    const Error e = AuditVerifier::verify(*w.db, keys, &result);
    require(!e, "the verifier reads the log", e.message);

    // What is in the table, in the order anyone listing the log sees it.
    QList<AuditEntry> stored;
    must(AuditLog::page(*w.db, std::numeric_limits<qint64>::min(), std::numeric_limits<int>::max(), &stored));
    if (!result.ok()) {
        static const QRegularExpression named(QStringLiteral("^audit log entry (-?[0-9]+): \\S"));
        const QRegularExpressionMatch m = named.match(result.message);
        require(m.hasMatch() && m.captured(1).toLongLong() == result.sequence, "a refusal names the entry",
                result.message);
        return 0;
    }
    bool genuinePrefix = stored.size() <= w.genuine.size();
    for (qsizetype i = 0; genuinePrefix && i < stored.size(); ++i)
        genuinePrefix = sameEntry(stored[i], w.genuine[i]);
    const qsizetype k = stored.size();
    const bool headGenuine = head.record.isEmpty()
        || (head.sequence >= 0 && head.sequence < w.heads.size() && head.record == w.heads[head.sequence].record);
    const bool headFits = head.sequence == k || head.sequence + 1 == k;
    const bool rooted =
        !stored.isEmpty() && stored.first().sequence == 1 && stored.first().action == QLatin1String("vault.create");
    QString listing;
    for (const AuditEntry& s : std::as_const(stored))
        listing += QStringLiteral("%1 %2 %3 %4\n").arg(s.sequence).arg(s.actorName, s.action, s.subject);
    require((genuinePrefix && headGenuine && headFits) || (!rooted && tableChanged),
            "a log the verifier calls valid is the genuine log cut short, with its head", listing);
    return 0;
}
