#include "VaultAccess.h"

#include "Command.h"
#include "people/FirstPassphrase.h"
#include "vault/Vault.h"

#include <QCoreApplication>

namespace onramp::cli {

Error openVaultFor(Context& context, std::unique_ptr<Vault>* out)
{
    const QString name = context.actor();
    if (name.isEmpty())
        return Error(
            ErrorKind::Usage,
            QCoreApplication::translate("onramp", "'%1' needs --as NAME (who acts)").arg(context.command().name()));
    Error error;
    const std::optional<SecureBytes> passphrase = context.passphrase(&error);
    if (!passphrase)
        return error;
    if (Error e = Vault::unlock(context.vaultPath(), name, passphrase->view(), out))
        return e;
    // Trust on first use: the person sees which root key this desktop now trusts.
    if (!(*out)->firstUseNote().isEmpty())
        context.err() << "onramp: " << (*out)->firstUseNote() << '\n';
    // A handed-over first passphrase opens nothing else until its owner chose their own.
    if (context.command().name() != QLatin1String("passphrase change") && firstpassphrase::isDue(**out)) {
        out->reset();
        return Error(ErrorKind::NotPermitted,
                     QCoreApplication::translate("onramp",
                                                 "%1 still has the passphrase they were handed; choose your own "
                                                 "first: onramp passphrase change --as %1 --new-passphrase-file FILE")
                         .arg(name));
    }
    return {};
}

} // namespace onramp::cli
