// Backing up a folder vault into one file, and restoring one (vault/Backup.h).
// Handlers only parse and print; the rules live in app/core/vault.
#include "Command.h"
#include "VaultAccess.h"

#include "Clock.h"
#include "vault/Backup.h"
#include "vault/Vault.h"

#include <QFileInfo>

namespace onramp::cli {

namespace {

int runBackup(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    backup::Contents taken;
    if (Error e = backup::take(*vault, c.operand(0), c.has(QStringLiteral("force")), defaultClock().now(), &taken))
        return c.fail(e);
    c.out() << Tr::tr("Backed up vault %1 (up to audit entry %2) to %3.")
                   .arg(taken.vaultId)
                   .arg(taken.headSequence)
                   .arg(QFileInfo(c.operand(0)).absoluteFilePath())
            << '\n';
    return 0;
}

int runRestore(Context& c)
{
    const QString name = c.actor();
    if (name.isEmpty())
        return c.fail(Error(ErrorKind::Usage, Tr::tr("'restore' needs --as NAME (an admin of the backed-up vault)")));
    // A file that is no backup costs no key derivation.
    backup::Contents contents;
    if (Error e = backup::read(c.operand(0), &contents))
        return c.fail(e);
    Error error;
    const std::optional<SecureBytes> passphrase = c.passphrase(&error);
    if (!passphrase)
        return c.fail(error);
    backup::Restored restored;
    if (Error e =
            backup::restore(c.operand(0), c.vaultPath(), name, passphrase->view(), c.has(QStringLiteral("replace")),
                            defaultClock().now(), &restored, c.has(QStringLiteral("rollback"))))
        return c.fail(e);
    if (!restored.firstUse.isEmpty())
        c.err() << "onramp: " << restored.firstUse << '\n';
    const backup::Contents& from = restored.backup;
    c.out() << Tr::tr("Restored vault %1 in %2 from the backup %3 took at %4 (up to audit entry %5); recorded as "
                      "restore %6.")
                   .arg(from.vaultId, c.vaultPath(), from.takenBy, from.takenAt.toString(Qt::ISODate))
                   .arg(from.headSequence)
                   .arg(restored.epoch)
            << '\n';
    if (restored.revokedAgain > 0)
        c.out() << Tr::tr("%n grant(s) the replaced vault had revoked were live in the backup and are revoked again.",
                          nullptr, restored.revokedAgain)
                << '\n';
    if (restored.carriedNothing)
        c.out() << Tr::tr("The folder held no vault, so nothing revoked, disabled or moved since the backup was "
                          "taken could be carried over. This desktop saw nothing later than the backup, but another "
                          "may have: ask the mentors and admins whether they revoked or disabled anyone since %1, "
                          "and do it again.")
                       .arg(from.takenAt.toString(Qt::ISODate))
                << '\n';
    for (const QString& person : std::as_const(restored.passphraseShutOut))
        c.out() << Tr::tr("%1's passphrase was reset or changed in the vault this restore replaced, and the backup's "
                          "slot opened with the one before: %1 is disabled. Give them a new one with 'onramp "
                          "passphrase reset %1'.")
                       .arg(person)
                << '\n';
    for (const QString& person : std::as_const(restored.disabledAgain))
        c.out() << Tr::tr("%1 was disabled in the vault this restore replaced and is disabled again (the production "
                          "key was rotated, as a disable does).")
                       .arg(person)
                << '\n';
    for (const backup::Restored::MentorCarried& carried : std::as_const(restored.mentorsCarried))
        c.out() << Tr::tr("%1's mentor is %2 again, as in the vault this restore replaced; the earlier mentor's "
                          "reviews and sign-off ended again.")
                       .arg(carried.hire, carried.mentor)
                << '\n';
    for (const backup::Restored::MoveCarried& carried : std::as_const(restored.movesCarried))
        c.out() << Tr::tr("%1 is on %2 version %3 again, as in the vault this restore replaced.")
                       .arg(carried.hire, carried.checklist)
                       .arg(carried.version)
                << '\n';
    for (const QString& login : std::as_const(restored.loginsDropped))
        c.out() << Tr::tr("The login %1, made after the backup was taken, was dropped at its server.").arg(login)
                << '\n';
    for (qsizetype i = 0; i < restored.loginsPending.size(); ++i)
        c.out() << Tr::tr("The login %1, made after the backup was taken, could not be dropped at its server yet "
                          "(%2); its drop is pending and 'onramp cred sweep' retries it.")
                       .arg(restored.loginsPending.at(i), restored.loginsPendingWhy.value(i))
                << '\n';
    if (restored.productionRotated)
        c.out() << Tr::tr("The production key was rotated since the backup was taken, and is rotated again: the "
                          "backup's copy of it opens no secret here.")
                << '\n';
    for (const QString& missed : std::as_const(restored.notCarried))
        c.out() << Tr::tr("Not carried over: %1.").arg(missed) << '\n';
    if (restored.rekeyed)
        c.out() << Tr::tr("The master key was rotated last, so the backup's copy of it opens nothing here.") << '\n';
    if (!restored.keptAside.isEmpty())
        c.out() << Tr::tr("The folder it replaced is kept at %1; nothing in it was deleted.").arg(restored.keptAside)
                << '\n';
    if (restored.seenSequence > from.headSequence)
        c.out() << Tr::tr("This desktop had seen audit entry %1, so at least %2 recorded changes are not in the "
                          "backup. Do again what they did: disable first, then revoke, then people added, "
                          "sign-offs and secrets set.")
                       .arg(restored.seenSequence)
                       .arg(restored.seenSequence - from.headSequence)
                << '\n';
    else if (restored.seenNotInBackup)
        c.out() << Tr::tr("This desktop had seen another audit entry %1 than the backup holds: what was recorded "
                          "after the backup was taken is not in it. Do again what was done since: disable first, "
                          "then revoke, then people added, sign-offs and secrets set.")
                       .arg(restored.seenSequence)
                << '\n';
    c.out() << Tr::tr("Other desktops that saw a newer state take the restore in when an admin they know signs "
                      "in there; until then they say the vault was restored.")
            << '\n';
    return 0;
}

} // namespace

void bindBackupCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("backup"), runBackup);
    registry.bind(QStringLiteral("restore"), runRestore);
}

} // namespace onramp::cli
