#include "people/FirstPassphrase.h"

#include "Database.h"
#include "KeyFileStore.h"
#include "people/People.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

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
    const bool flagged =
        vault.db()
            .scalar(QStringLiteral("SELECT count(*) FROM settings WHERE key = ?"), {keyFor(vault.me().id)})
            .toLongLong()
        > 0;
    if (!flagged)
        return false;
    // Only a slot someone else signed (an admin's add, import or reset)
    // holds a passphrase that was handed over. A slot its owner signed holds
    // their own, whatever the settings table says: a row planted there
    // cannot shut out the admin who made the vault, nor anyone twice.
    KeyFile keys;
    if (KeyFileStore::loadFor(keyFilePath(vault.directory()), vault.me().name, &keys))
        return false;
    for (const KeySlot& slot : keys.slots) {
        if (slot.name == vault.me().name)
            return slot.signedBy != slot.name;
    }
    return false;
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
