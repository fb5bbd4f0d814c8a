#include "people/FirstPassphrase.h"

#include "Database.h"
#include "people/People.h"
#include "vault/Vault.h"

namespace onramp::firstpassphrase {

namespace {

QString keyFor(qint64 personId)
{
    return QStringLiteral("first_passphrase_due.%1").arg(personId);
}

} // namespace

Error markDue(Database& db, qint64 personId)
{
    return db.execute(QStringLiteral("INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')"),
                      {keyFor(personId)});
}

bool isDue(Vault& vault)
{
    return vault.db()
               .scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key = ?"), {keyFor(vault.me().id)})
               .toLongLong()
        > 0;
}

Error choose(Vault& vault, QByteArrayView newPassphrase)
{
    if (Error e = Vault::checkNewPassphrase(newPassphrase))
        return e;
    // The handed-over passphrase is known to whoever handed it over.
    if (!vault.confirmPassphrase(newPassphrase))
        return Error(ErrorKind::InvalidInput, Tr::tr("that is the passphrase you were handed; choose one of your own"));
    if (Error e = People(vault).changePassphrase(newPassphrase))
        return e;
    // Cleared after the change: a failure here only asks again at the next sign-in.
    return vault.db().execute(QStringLiteral("DELETE FROM settings WHERE key = ?"), {keyFor(vault.me().id)});
}

} // namespace onramp::firstpassphrase
