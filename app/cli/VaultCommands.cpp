// Commands that manage the vault itself: init, people, passphrases, checks.
// Handlers only parse and print; the rules live in app/core/vault.
#include "CliMain.h"
#include "Command.h"
#include "TeamCommands.h"
#include "VaultAccess.h"

#include "Clock.h"
#include "PlainText.h"
#include "TrustStore.h"
#include "audit/AuditLog.h"
#include "audit/Ledger.h"
#include "credentials/Provider.h"
#include "credentials/ProviderConnections.h"
#include "onboarding/ChecklistStore.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "vault/Vault.h"
#include "vault/VaultSql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace onramp::cli {

namespace {

int runInit(Context& c)
{
    const QString admin = c.option(QStringLiteral("admin"));
    if (admin.isEmpty())
        return c.fail(ErrorKind::Usage, Tr::tr("'init' needs --admin NAME (the first admin)"));
    const std::optional<KdfLevel> level = kdfLevelFromName(c.option(QStringLiteral("kdf"), QStringLiteral("moderate")));
    if (!level)
        return c.fail(ErrorKind::Usage, Tr::tr("--kdf must be interactive, moderate or sensitive"));
    Error error;
    const std::optional<SecureBytes> passphrase = c.passphrase(&error);
    if (!passphrase)
        return c.fail(error);
    std::unique_ptr<Vault> vault;
    if (Error e = Vault::create(c.vaultPath(), admin, c.option(QStringLiteral("display")), passphrase->view(), *level,
                                &vault))
        return c.fail(e);
    c.out() << Tr::tr("Created a vault in %1 with admin %2.").arg(vault->directory(), admin) << '\n';
    return 0;
}

// Reads --new-passphrase-file before unlocking, so a bad file costs no key derivation.
Error newPassphraseAndVault(Context& c, std::optional<SecureBytes>* newPassphrase, std::unique_ptr<Vault>* vault)
{
    Error error;
    *newPassphrase = c.passphraseFromFileOption(QStringLiteral("new-passphrase-file"), &error);
    if (!*newPassphrase)
        return error;
    return openVaultFor(c, vault);
}

int runPersonAdd(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    const std::optional<Role> role = roleFromName(c.option(QStringLiteral("role")));
    if (!role)
        return c.fail(ErrorKind::Usage, Tr::tr("'person add' needs --role hire, mentor or admin"));
    std::optional<SecureBytes> newPassphrase;
    std::unique_ptr<Vault> vault;
    if (Error e = newPassphraseAndVault(c, &newPassphrase, &vault))
        return c.fail(e);
    // The admin knows the passphrase they typed: it is handed over.
    if (Error e = People(*vault).add(c.operand(0), c.option(QStringLiteral("display")), *role, newPassphrase->view(),
                                     firstpassphrase::Handed::Given))
        return c.fail(e);
    c.out() << Tr::tr("Added %1 (%2); they choose their own passphrase when they first sign in.")
                   .arg(c.operand(0), roleName(*role))
            << '\n';
    return 0;
}

int runPersonList(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    // The people table is anyone's to write who holds the master key: an
    // admin's or mentor's list shows roles and who is disabled only once
    // every row agrees with the signed log (a hire's desk decides nothing).
    if (vault->me().role != Role::Hire) {
        if (Error e = Ledger::require(*vault, defaultClock().now()))
            return c.fail(e);
    }
    const QList<Person> people = vault->people();
    if (c.json()) {
        QJsonArray array;
        for (const Person& p : people)
            array.append(
                QJsonObject{{QStringLiteral("name"), p.name},
                            {QStringLiteral("display_name"), p.displayName},
                            {QStringLiteral("role"), roleName(p.role)},
                            {QStringLiteral("disabled"), p.disabled},
                            {QStringLiteral("sign_public_key"), QString::fromLatin1(p.signPublicKey.toBase64())}});
        c.printJson(array, QJsonDocument::Compact);
        return 0;
    }
    for (const Person& p : people)
        c.out() << text::printable(p.name) << '\t' << roleName(p.role) << '\t' << text::printable(p.displayName)
                << (p.disabled ? Tr::tr("\t(disabled)") : QString()) << '\n';
    return 0;
}

int runPersonDisable(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    if (Error e = People(*vault).disable(c.operand(0)))
        return c.fail(e);
    c.out() << Tr::tr("Disabled %1: their passphrase no longer opens the vault. 'onramp passphrase reset %1' "
                      "enables them again; 'onramp vault rekey' also shuts out any older copy of the key file.")
                   .arg(c.operand(0))
            << '\n';
    return 0;
}

// passphrase change (my own) or passphrase reset NAME (an admin, someone else's)
int runPassphrase(Context& c, bool reset)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::optional<SecureBytes> newPassphrase;
    std::unique_ptr<Vault> vault;
    if (Error e = newPassphraseAndVault(c, &newPassphrase, &vault))
        return c.fail(e);
    const auto change = [&] {
        // A handed-over first passphrase may not be chosen again.
        return firstpassphrase::isDue(*vault) ? firstpassphrase::choose(*vault, newPassphrase->view())
                                              : People(*vault).changePassphrase(newPassphrase->view());
    };
    if (Error e = reset ? People(*vault).resetPassphrase(c.operand(0), newPassphrase->view()) : change())
        return c.fail(e);
    c.out() << (reset ? Tr::tr("Reset the passphrase of %1; they have a new key pair, and choose their own "
                               "passphrase at their next sign-in.")
                            .arg(c.operand(0))
                      : Tr::tr("Changed the passphrase of %1.").arg(vault->me().name))
            << '\n';
    return 0;
}

int runVaultRestored(Context& c)
{
    const QString name = c.actor();
    if (name.isEmpty())
        return c.fail(Error(ErrorKind::Usage, Tr::tr("'vault restored' needs --as NAME (an admin)")));
    Error error;
    const std::optional<SecureBytes> passphrase = c.passphrase(&error);
    if (!passphrase)
        return c.fail(error);
    std::unique_ptr<Vault> vault;
    if (Error e = Vault::unlock(c.vaultPath(), name, passphrase->view(), &vault, Vault::UnlockMode::AcceptRestore))
        return c.fail(e);
    // What the restore loses, as far as this desktop can tell.
    std::optional<VaultPin> pin;
    qint64 restored = 0;
    QByteArray restoredHash;
    if (Error e = TrustStore::load(vault->vaultId(), &pin))
        return c.fail(e);
    if (Error e = AuditLog::head(vault->db(), &restored, &restoredHash))
        return c.fail(e);
    // A fork: the restored log as long (or longer) but with another entry where this desktop saw one.
    const bool forked = pin && pin->headSequence > 0 && pin->headSequence <= restored
        && vault->db()
                .scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {pin->headSequence})
                .toByteArray()
            != pin->headHash;
    qint64 epoch = 0;
    if (Error e = Ledger::confirmRestore(*vault, defaultClock().now(), &epoch))
        return c.fail(e);
    c.out() << Tr::tr("Recorded that %1 was restored from a backup (restore %2); desktops that saw a newer state "
                      "accept it from now on.")
                   .arg(vault->directory())
                   .arg(epoch)
            << '\n';
    if (pin && pin->headSequence > restored)
        c.out() << Tr::tr("This desktop had seen audit entry %1; the restored vault ended at entry %2, so at least "
                          "%3 recorded changes are not in it. Do again what they did: disable first, then revoke, "
                          "then people added, sign-offs and secrets set.")
                       .arg(pin->headSequence)
                       .arg(restored)
                       .arg(pin->headSequence - restored)
                << '\n';
    else if (forked)
        c.out() << Tr::tr("This desktop had seen another audit entry %1 than the restored vault holds: what was "
                          "recorded after the backup was taken is not in it, and this desktop cannot tell how much. "
                          "If nobody restored a backup on purpose, the vault was tampered with. Do again what was "
                          "done since the backup: disable first, then revoke, then people added, sign-offs and "
                          "secrets set.")
                       .arg(pin->headSequence)
                << '\n';
    return 0;
}

int runVaultRekey(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    if (Error e = vault->rekey())
        return c.fail(e);
    c.out() << Tr::tr("Rotated the master key of %1.").arg(vault->directory()) << '\n';
    return 0;
}

int runVaultRotateProductionKey(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    if (Error e = People(*vault).rotateProductionKey())
        return c.fail(e);
    c.out() << Tr::tr("Rotated the production key of %1: every production secret is kept under the new one, sealed "
                      "to each admin and mentor.")
                   .arg(vault->directory())
            << '\n';
    QStringList handed;
    if (Error e = firstpassphrase::productionKeyHandedOver(vault->db(), &handed))
        return c.fail(e);
    if (!handed.isEmpty())
        c.out() << Tr::tr("%1 still holds a passphrase an admin handed over, and the new key is in that slot too: "
                          "rotate again once they have chosen their own.")
                       .arg(handed.join(QStringLiteral(", ")))
                << '\n';
    return 0;
}

int runVaultSql(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    QList<QVariantList> rows;
    if (Error e = VaultSql::run(*vault, c.operand(0), &rows))
        return c.fail(e);
    for (const QVariantList& row : rows) {
        QStringList cells;
        for (const QVariant& v : row)
            cells.append(v.isNull()                                ? QStringLiteral("NULL")
                             : v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex())
                                                                   : v.toString());
        c.out() << cells.join(QLatin1Char('\t')) << '\n';
    }
    return 0;
}

/// Each provider connection whose stored address the rules `provider set`
/// holds a new one to no longer pass (set before the one-server rule, or
/// a production_hosts entry added since): a line each, naming it and the
/// command that sets it again; an admin's check only (the passwords are
/// not read, only the DSNs).
QStringList connectionProblems(Vault& vault)
{
    if (vault.me().role != Role::Admin)
        return {};
    ProviderConnections connections(vault, defaultClock());
    QList<ProviderConnection> all;
    if (Error e = connections.list(&all))
        return {Tr::tr("provider connections: not checked (%1)").arg(e.message)};
    if (all.isEmpty())
        return {};
    QList<StoredChecklist> checklists; // read once, for every connection's production_hosts rule
    if (Error e = ChecklistStore(vault).all(&checklists))
        return {Tr::tr("provider connections: not checked (%1)").arg(e.message)};
    // The provider's own parser (libpq's, in the provider's module, loaded
    // only now: a vault without connections never loads it).
    const std::unique_ptr<Provider> postgresql = Providers::make(QStringLiteral("postgresql"));
    QStringList out;
    for (const ProviderConnection& connection : std::as_const(all)) {
        Error problem;
        ConnectionAddress address;
        // Stored otherwise than an admin's newest signed provider.set says:
        // no login is made through it (ProviderConnections::open), whatever it names.
        if (connection.setBy.isEmpty())
            problem = Error(ErrorKind::Damaged,
                            Tr::tr("it is not the connection an admin's newest signed provider.set entry names "
                                   "(it was changed outside Onramp)"));
        else if (!postgresql)
            problem = Error(ErrorKind::Io, Tr::tr("this Onramp has no postgresql provider to read it"));
        else if (Error e = postgresql->readConnection(connection.dsn, &address))
            problem = e;
        else
            problem = connections.checkHosts(connection.name, connection.environment, address.hosts, &checklists);
        if (problem)
            out.append(Tr::tr("provider connection %1: %2; no login is made through it until an admin sets it "
                              "again (onramp provider set %1 --dsn DSN --secret-file FILE)")
                           .arg(text::printable(connection.name), problem.message));
    }
    out.append(Tr::tr("provider connections: %n checked, %1 to set again", nullptr, int(all.size())).arg(out.size()));
    return out;
}

int runVaultCheck(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    QStringList report;
    const Error e = vault->check(&report, defaultClock().now());
    if (!e)
        report.append(connectionProblems(*vault));
    for (const QString& line : report)
        c.out() << line << '\n';
    return e ? c.fail(e) : 0;
}

} // namespace

void bindVaultCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("init"), runInit);
    registry.bind(QStringLiteral("person add"), runPersonAdd);
    registry.bind(QStringLiteral("person list"), runPersonList);
    registry.bind(QStringLiteral("person disable"), runPersonDisable);
    registry.bind(QStringLiteral("passphrase change"), [](Context& c) { return runPassphrase(c, false); });
    registry.bind(QStringLiteral("passphrase reset"), [](Context& c) { return runPassphrase(c, true); });
    registry.bind(QStringLiteral("vault check"), runVaultCheck);
    registry.bind(QStringLiteral("vault restored"), runVaultRestored);
    registry.bind(QStringLiteral("vault rekey"), runVaultRekey);
    registry.bind(QStringLiteral("vault rotate-production-key"), runVaultRotateProductionKey);
    registry.bind(QStringLiteral("vault sql"), runVaultSql);
}

} // namespace onramp::cli
