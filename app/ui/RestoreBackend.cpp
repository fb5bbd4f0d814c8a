#include "RestoreBackend.h"
#include "Formats.h"
#include "Session.h"

#include "Clock.h"
#include "SecureBytes.h"
#include "vault/Backup.h"
#include "vault/Vault.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace onramp::ui {

namespace {

QString localPath(const QUrl& file)
{
    return file.isLocalFile() ? file.toLocalFile() : file.toString();
}

/// \a path as a shell takes it: quoted when it holds more than letters, digits and "/._-".
QString shellWord(const QString& path)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9/._-]+$"));
    return plain.match(path).hasMatch()
        ? path
        : QLatin1Char('\'') + QString(path).replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
}

/// The name \a login goes by, as the sign-in page knows it; the login when it knows none.
QString shownName(const QString& login)
{
    const QString shown = Session::instance()->shownNames().value(login).toString();
    return shown.isEmpty() ? login : shown;
}

/// What a restore did, said to the admin now at the sign-in page.
QString restoredText(const backup::Restored& restored)
{
    const backup::Contents& from = restored.backup;
    QStringList lines;
    lines << RestoreBackend::tr("Restored the backup %1 took on %2 (up to audit entry %3). Sign in again.")
                 .arg(shownName(from.takenBy), sentenceDate(from.takenAt))
                 .arg(from.headSequence);
    if (restored.revokedAgain > 0)
        lines << RestoreBackend::tr(
            "%n grant(s) the replaced vault had revoked were live in the backup and are revoked again.", nullptr,
            restored.revokedAgain);
    for (const QString& person : restored.passphraseShutOut)
        lines << RestoreBackend::tr("%1's passphrase was reset or changed in the replaced vault, and the backup's "
                                    "slot opened with the one before: they are disabled. Reset their passphrase on "
                                    "the People page to let them in again.")
                     .arg(shownName(person));
    for (const QString& person : restored.disabledAgain)
        lines << RestoreBackend::tr("%1 was disabled in the replaced vault and is disabled again; the production key "
                                    "was rotated, as a disable does.")
                     .arg(shownName(person));
    for (const backup::Restored::MentorCarried& carried : restored.mentorsCarried)
        lines << RestoreBackend::tr("%1's mentor is %2 again, as in the replaced vault; the earlier mentor's reviews "
                                    "and sign-off ended again.")
                     .arg(shownName(carried.hire), shownName(carried.mentor));
    for (const backup::Restored::MoveCarried& carried : restored.movesCarried)
        lines << RestoreBackend::tr("%1 is on %2 version %3 again, as in the replaced vault.")
                     .arg(shownName(carried.hire), carried.checklist)
                     .arg(carried.version);
    for (const QString& login : restored.loginsDropped)
        lines << RestoreBackend::tr("The login %1, made after the backup was taken, was dropped at its server.")
                     .arg(login);
    for (const QString& login : restored.loginsPending)
        lines << RestoreBackend::tr("The login %1, made after the backup was taken, could not be dropped at its "
                                    "server yet; it shows as \"revoke pending\" until a sweep drops it.")
                     .arg(login);
    if (restored.productionRotated)
        lines << RestoreBackend::tr("The production key was rotated since the backup was taken, and is rotated "
                                    "again: the backup's copy of it opens no secret here.");
    for (const QString& missed : restored.notCarried)
        lines << RestoreBackend::tr("Not carried over: %1.").arg(missed);
    if (restored.rekeyed)
        lines << RestoreBackend::tr("The master key was rotated last, so the backup's copy of it opens nothing here.");
    if (restored.seenSequence > from.headSequence)
        lines << RestoreBackend::tr("This desktop had seen audit entry %1 and the backup ends at entry %2: what was "
                                    "recorded in between is not in it. Do it again: disable first, then revoke, "
                                    "then people added, sign-offs and secrets set.")
                     .arg(restored.seenSequence)
                     .arg(from.headSequence);
    else if (restored.seenNotInBackup)
        lines << RestoreBackend::tr("This desktop had seen another audit entry %1 than the backup holds: do again "
                                    "what was done since it was taken.")
                     .arg(restored.seenSequence);
    if (!restored.keptAside.isEmpty())
        lines << RestoreBackend::tr("The folder it replaced is kept at %1; nothing in it was deleted.")
                     .arg(restored.keptAside);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

RestoreBackend::RestoreBackend(QObject* parent)
    : VaultBackend(parent)
{}

void RestoreBackend::setWorking(bool working)
{
    if (working == m_working)
        return;
    m_working = working;
    Q_EMIT workingChanged();
}

void RestoreBackend::check(const QUrl& file)
{
    if (m_working)
        return;
    const QString path = localPath(file);
    auto contents = std::make_shared<backup::Contents>();
    auto vaultId = std::make_shared<QString>();
    setWorking(true);
    run(
        [path, contents, vaultId](Vault& vault) {
            *vaultId = vault.vaultId();
            return backup::read(path, contents.get());
        },
        [this, file, path, contents, vaultId](const Error& e) {
            setWorking(false);
            if (e) {
                // The core's message names the file.
                Q_EMIT error(tr("Cannot restore: %1").arg(asSentence(e.message)));
                return;
            }
            if (contents->vaultId != *vaultId) {
                Q_EMIT error(tr("%1 cannot be restored here: it is a backup of another vault (%2), not of this one "
                                "(%3).")
                                 .arg(path, contents->vaultId, *vaultId));
                return;
            }
            const QString folder = Session::instance()->vaultPath();
            Q_EMIT checked(file,
                           tr("The backup %1 took on %2 (up to audit entry %3) replaces everything in this vault: "
                              "what was recorded since it was taken is not in it. The vault's folder %4 is kept "
                              "aside beside it, never deleted.\n\nThe vault closes for the restore: you are signed "
                              "out and sign in again afterwards. Other desktops that have it open should close it "
                              "first.")
                               .arg(shownName(contents->takenBy), sentenceDate(contents->takenAt))
                               .arg(contents->headSequence)
                               .arg(folder));
        },
        false);
}

void RestoreBackend::restore(const QUrl& file, const QString& passphrase)
{
    if (m_working)
        return;
    Session* session = Session::instance();
    const QString path = localPath(file);
    const QString dir = session->vaultPath();
    const QString name = session->userName();
    QByteArray utf8 = passphrase.toUtf8();
    auto secret = std::make_shared<SecureBytes>(SecureBytes::copyOf(utf8));
    wipe(utf8);
    setWorking(true);
    // Confirmed while signed in: a wrong passphrase closes nothing.
    run([secret](Vault& vault) { return vault.confirmPassphrase(secret->view()); },
        [this, session, path, dir, name, secret](const Error& e) {
            setWorking(false);
            if (e) {
                Q_EMIT error(e.kind == ErrorKind::Auth
                                 ? tr("That passphrase does not open your key; nothing was restored.")
                                 : tr("Nothing was restored: %1").arg(asSentence(e.message)));
                return;
            }
            // This page goes with the sign-out: what follows is said in the window's notice.
            auto restored = std::make_shared<backup::Restored>();
            session->closeAndRun(
                [path, dir, name, secret, restored] {
                    return backup::restore(path, dir, name, secret->view(), true, defaultClock().now(), restored.get());
                },
                [session, path, dir, name, restored](const Error& failed) {
                    if (!failed) {
                        // Said on the sign-in page, where the admin now is, and in full in the notice.
                        session->setSignInNote(
                            tr("Restored from the backup of %1, taken by %2 (up to audit entry "
                               "%3). Sign in again.")
                                .arg(sentenceDate(restored->backup.takenAt), shownName(restored->backup.takenBy))
                                .arg(restored->backup.headSequence));
                        session->notify(restoredText(*restored), false);
                        return;
                    }
                    if (!restored->rollbackReason.isEmpty()) {
                        session->notify(
                            tr("Nothing was restored; the vault is as it was: %1, so what it revoked, disabled or "
                               "moved since the backup was taken could not be kept so.\nRestoring the backup as it "
                               "is, grants it holds included, is done on the command line only, with Onramp closed "
                               "on every desktop:\n%2")
                                .arg(restored->rollbackReason,
                                     QStringLiteral("onramp restore %1 --vault %2 --as %3 --replace --rollback")
                                         .arg(shellWord(path), shellWord(dir), name)),
                            true);
                        return;
                    }
                    session->notify(
                        tr("Nothing was restored; the vault is as it was: %1").arg(asSentence(failed.message)), true);
                });
        },
        false);
}

} // namespace onramp::ui
