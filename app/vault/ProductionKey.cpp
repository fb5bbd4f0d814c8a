#include "ProductionKey.h"

#include "Crypto.h"
#include "Database.h"

#include <QStringList>

namespace onramp::productionkey {

QByteArray secretContext(const QString& credentialId, const QString& environment, qint64 hireId)
{
    return QStringList{QStringLiteral("onramp-credential-secret-v1"), environment, credentialId,
                       QString::number(hireId)}
        .join(QLatin1Char('\n'))
        .toUtf8();
}

Error reencryptAll(Database& db, const SecureBytes& from, const SecureBytes& to)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT rowid, credential_id, environment, ifnull(hire_id, 0), box "
                                            "FROM credential_secrets"),
                             {}, &rows))
        return e;
    for (const QVariantList& row : rows) {
        const QByteArray context =
            secretContext(row.at(1).toString(), row.at(2).toString(), row.at(3).toLongLong());
        const std::optional<SecureBytes> secret = crypto::decrypt(row.at(4).toByteArray(), from, context);
        if (!secret)
            return Error(ErrorKind::Damaged, Tr::tr("the kept secret of '%1' does not open with the production key; "
                                                     "nothing was changed; an admin sets it again with "
                                                     "'onramp cred set'").arg(row.at(1).toString()));
        if (Error e = db.execute(QStringLiteral("UPDATE credential_secrets SET box = ?1 WHERE rowid = ?2"),
                                 {crypto::encrypt(secret->view(), to, context), row.at(0)}))
            return e;
    }
    return {};
}

} // namespace onramp::productionkey
