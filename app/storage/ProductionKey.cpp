#include "ProductionKey.h"

#include "Crypto.h"
#include "Database.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QVariant>
#include <QtEndian>

#include <QStringList>
#include <cstring>

#include <functional>

namespace onramp::productionkey {

QByteArray secretContext(const QString& credentialId, const QString& environment, qint64 hireId, const QByteArray& seal)
{
    QStringList parts{seal.isEmpty() ? QStringLiteral("onramp-credential-secret-v1")
                                     : QStringLiteral("onramp-credential-secret-v2"),
                      environment, credentialId, QString::number(hireId)};
    if (!seal.isEmpty())
        parts.append(QString::fromLatin1(seal.toHex()));
    return parts.join(QLatin1Char('\n')).toUtf8();
}

QString keptRowTypesHold()
{
    return QStringLiteral("(typeof(credential_id) = 'text' AND typeof(environment) = 'text' AND "
                          "typeof(ifnull(hire_id, 0)) = 'integer' AND typeof(ifnull(seal, x'')) = 'blob')");
}

bool storedAsOnramp(bool typesHold, const QString& credentialId, const QString& environment)
{
    static const QRegularExpression plainId(QStringLiteral("^[a-z0-9][a-z0-9_:-]{0,72}$"));
    return typesHold && plainId.match(credentialId).hasMatch() && plainId.match(environment).hasMatch();
}

Error notStoredAsOnramp(qint64 rowId)
{
    return Error(ErrorKind::Damaged,
                 Tr::tr("credential_secrets row %1 is not stored as Onramp stores a kept secret: it was written "
                        "outside Onramp; nothing was changed; restore the newest backup that passes the vault check")
                     .arg(rowId));
}

namespace {

// The earlier production keys, one after another, sealed with the current
// one in the settings row kEarlierSetting.
const QByteArray kEarlierContext = QByteArrayLiteral("onramp earlier production keys v1");
const QString kEarlierSetting = QStringLiteral("earlier_production_keys");

/// One kept key: the key, then the last log sequence it may have sealed
/// (8 bytes, big-endian).
std::size_t earlierRecordSize()
{
    return crypto::kSymmetricKeyBytes + 8;
}

/// The settings row of the earlier keys as it is stored (any type a hand
/// gave it); invalid when there is none or it cannot be read.
QVariant keptEarlier(Database& db)
{
    Error error;
    const QVariant kept =
        db.scalar(QStringLiteral("SELECT value FROM settings WHERE key = ?"), {kEarlierSetting}, &error);
    return error ? QVariant() : kept;
}

/// Opens every kept secret under \a key where it is kept and hands it to
/// \a visit (with its row id and context); one that does not open is
/// ErrorKind::Damaged naming it, unless \a unopened leaves it (named in
/// \a left).
Error forEachKept(Database& db, const SecureBytes& key,
                  const std::function<Error(qint64, const QByteArray&, const SecureBytes&)>& visit,
                  Unopened unopened = Unopened::Refuse, QStringList* left = nullptr)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT rowid, credential_id, environment, ifnull(hire_id, 0), box, "
                                            "hire_id IS NULL, %1, seal FROM credential_secrets ORDER BY credential_id")
                                 .arg(keptRowTypesHold()),
                             {}, &rows))
        return e;
    for (const QVariantList& row : rows) {
        const QByteArray context =
            secretContext(row.at(1).toString(), row.at(2).toString(), row.at(3).toLongLong(), row.at(7).toByteArray());
        const std::optional<SecureBytes> secret = crypto::decrypt(row.at(4).toByteArray(), key, context);
        if (!secret) {
            // What repairs it: setting it again, where Onramp sets it. A row
            // stored otherwise is its writer's, named by its number.
            const QString id = row.at(1).toString();
            if (!storedAsOnramp(row.at(6).toBool(), id, row.at(2).toString()))
                return notStoredAsOnramp(row.at(0).toLongLong());
            const QString provider = QStringLiteral("provider:");
            // Shared by every hire as Onramp writes it (a NULL hire, which is
            // what an admin's repair replaces and the admin's page offers):
            // a per-hire row whose hire was rewritten to pass for 0 is not.
            const bool settable = row.at(5).toBool();
            if (settable && unopened == Unopened::LeaveSettable) {
                if (left)
                    left->append(id.startsWith(provider) ? id.mid(provider.size()) : id);
                continue;
            }
            const QString repair = !settable ? Tr::tr("restore the newest backup that passes the vault check")
                : id.startsWith(provider)    ? Tr::tr("an admin sets connection %1 again").arg(id.mid(provider.size()))
                                          : Tr::tr("an admin sets it again, or removes it when no checklist uses it");
            return Error(ErrorKind::Damaged,
                         Tr::tr("credential_secrets: the kept secret of '%1' (%2) does not open where it is kept: it "
                                "was moved or altered; nothing was changed; %3")
                             .arg(id, row.at(2).toString(), repair));
        }
        if (visit)
            if (Error e = visit(row.at(0).toLongLong(), context, *secret))
                return e;
    }
    return {};
}

} // namespace

Error reencryptAll(Database& db, const SecureBytes& from, const SecureBytes& to, qint64 retiredAfter,
                   QByteArray* keptDigest)
{
    if (Error e = forEachKept(db, from, [&db, &to](qint64 rowId, const QByteArray& context, const SecureBytes& secret) {
            return db.execute(QStringLiteral("UPDATE credential_secrets SET box = ?1 WHERE rowid = ?2"),
                              {crypto::encrypt(secret.view(), to, context), rowId});
        }))
        return e;
    std::vector<EarlierKey> earlier = earlierKeys(db, from);
    earlier.push_back({SecureBytes::copyOf(from.view()), retiredAfter});
    if (earlier.size() > std::size_t(kEarlierKeysKept))
        earlier.erase(earlier.begin(), earlier.end() - kEarlierKeysKept);
    SecureBytes plain(earlier.size() * earlierRecordSize());
    for (std::size_t i = 0; i < earlier.size(); ++i) {
        unsigned char* at = plain.data() + i * earlierRecordSize();
        std::memcpy(at, earlier[i].key.data(), crypto::kSymmetricKeyBytes);
        qToBigEndian(quint64(earlier[i].retiredAfter), at + crypto::kSymmetricKeyBytes);
    }
    const QString box = QString::fromLatin1(crypto::encrypt(plain.view(), to, kEarlierContext).toBase64());
    if (keptDigest)
        *keptDigest = QCryptographicHash::hash(box.toLatin1(), QCryptographicHash::Sha256);
    return db.execute(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)"),
                      {kEarlierSetting, box});
}

std::vector<EarlierKey> earlierKeys(Database& db, const SecureBytes& current)
{
    const QVariant kept = keptEarlier(db);
    if (kept.typeId() != QMetaType::QString)
        return {};
    const std::optional<SecureBytes> plain =
        crypto::decrypt(QByteArray::fromBase64(kept.toString().toLatin1()), current, kEarlierContext);
    if (!plain || plain->size() == 0 || plain->size() % earlierRecordSize() != 0)
        return {};
    std::vector<EarlierKey> keys;
    for (std::size_t at = 0; at < plain->size(); at += earlierRecordSize()) {
        EarlierKey key;
        key.key = SecureBytes::copyOf(plain->view().sliced(qsizetype(at), qsizetype(crypto::kSymmetricKeyBytes)));
        key.retiredAfter = qint64(qFromBigEndian<quint64>(plain->data() + at + crypto::kSymmetricKeyBytes));
        keys.push_back(std::move(key));
    }
    return keys;
}

QByteArray earlierKeysDigest(Database& db)
{
    const QVariant kept = keptEarlier(db);
    if (kept.isNull() || !kept.isValid())
        return {};
    return QCryptographicHash::hash(kept.toString().toLatin1(), QCryptographicHash::Sha256);
}

Error checkAll(Database& db, const SecureBytes& key, Unopened unopened, QStringList* left)
{
    return forEachKept(db, key, {}, unopened, left);
}

} // namespace onramp::productionkey
