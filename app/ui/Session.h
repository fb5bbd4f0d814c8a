#pragma once

#include "ActivityMonitor.h"
#include "DemoPeopleModel.h"
#include "RecentVaultsModel.h"
#include "VaultWatcher.h"

#include "Error.h"

#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace onramp {
class Vault;
}

namespace onramp::ui {

class ScanBackend;

/// The signed-in session of the app: which vault, who unlocked it, and the
/// one worker thread every vault operation runs on, so that the window never
/// waits for the key derivation or the disk. Locks itself after an idle time.
class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_MOC_INCLUDE("ScanBackend.h")
    Q_PROPERTY(QString vaultPath READ vaultPath WRITE setVaultPath NOTIFY vaultChanged FINAL)
    Q_PROPERTY(bool vaultExists READ vaultExists NOTIFY vaultChanged FINAL)
    Q_PROPERTY(bool demo READ isDemo NOTIFY vaultChanged FINAL)
    /// Where the Welcome page offers to create a vault (newVaultFolder()).
    Q_PROPERTY(QString newVaultFolder READ newVaultFolder NOTIFY vaultChanged FINAL)
    /// The person asked to open or create another vault: the Welcome page
    /// shows, though vaultPath holds one (chooseAnotherVault()).
    Q_PROPERTY(bool choosingVault READ isChoosingVault NOTIFY vaultChanged FINAL)
    /// The vault folders opened on this desktop, newest first.
    Q_PROPERTY(onramp::ui::RecentVaultsModel* recentVaults READ recentVaults CONSTANT FINAL)
    /// The enabled people of the vault, sorted; read from its key file on the worker.
    Q_PROPERTY(QStringList people READ people NOTIFY peopleChanged FINAL)
    /// The names people go by, by sign-in name, for the sign-in page: the
    /// demo's people, and every person of the vault as it was when someone
    /// last signed in to it on this desktop. The key file names people by
    /// sign-in name only, and the vault's people are encrypted: their names
    /// are read after a sign-in and kept in the app's settings, per vault
    /// (rememberedNames), so that the picker shows them from the start.
    Q_PROPERTY(QVariantMap shownNames READ shownNames NOTIFY peopleChanged FINAL)
    /// The demo vault's people and passphrases; empty for any other vault.
    Q_PROPERTY(onramp::ui::DemoPeopleModel* demoPeople READ demoPeople CONSTANT FINAL)
    Q_PROPERTY(bool unlocked READ isUnlocked NOTIFY unlockedChanged FINAL)
    Q_PROPERTY(QString userName READ userName NOTIFY unlockedChanged FINAL)
    /// Who signed in last in this vault, kept after a lock so that the
    /// sign-in page picks them again; empty for a vault newly opened.
    Q_PROPERTY(QString lastUserName READ lastUserName NOTIFY unlockedChanged FINAL)
    /// Whom the sign-in page picks: who signed in last in this vault on this
    /// desktop (remembered across runs), else the first person who is no
    /// admin; empty while the people are not read yet.
    Q_PROPERTY(QString preselectedPerson READ preselectedPerson NOTIFY preselectedPersonChanged FINAL)
    /// Why the onramp:// link the app was given opened nothing, for the
    /// Welcome page; empty when it opened, or without a link (openLink()).
    Q_PROPERTY(QString linkProblem READ linkProblem NOTIFY linkChanged FINAL)
    /// What an onramp://server link gave (the server and the person), said
    /// on the Welcome page with what to do with it; empty without one.
    Q_PROPERTY(QString linkNotice READ linkNotice NOTIFY linkChanged FINAL)
    Q_PROPERTY(QString displayName READ displayName NOTIFY unlockedChanged FINAL)
    Q_PROPERTY(QString role READ role NOTIFY unlockedChanged FINAL)
    /// The fingerprint of the vault's root key as this desktop pinned it (trust
    /// on first use), for the person to check with the admin who made the vault.
    Q_PROPERTY(QString vaultFingerprint READ vaultFingerprint NOTIFY unlockedChanged FINAL)
    /// This session created the vault, and its admin has not yet closed the
    /// note that shows them its fingerprint (acknowledgeCreated()).
    Q_PROPERTY(bool newlyCreated READ isNewlyCreated NOTIFY newlyCreatedChanged FINAL)
    /// role in the words of the language in use; role stays the raw name for logic.
    Q_PROPERTY(QString roleTitle READ roleTitle NOTIFY roleTitleChanged FINAL)
    /// The roles a person can be given, as {value, text} for a role picker.
    Q_PROPERTY(QVariantList roleChoices READ roleChoices NOTIFY languageChanged FINAL)
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged FINAL)
    /// True since the last key pressed, false since the last click or touch:
    /// a list rings and fills its current row only while the keys are in use,
    /// so that a row clicked does not look as if it had the keyboard focus.
    Q_PROPERTY(bool keyboardInUse READ keyboardInUse NOTIFY keyboardInUseChanged FINAL)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged FINAL)
    /// What the sign-in page says of how the last session ended, when it is
    /// no error: a restore done here, or one another window's admin did.
    Q_PROPERTY(QString signInNote READ signInNote NOTIFY signInNoteChanged FINAL)
    Q_PROPERTY(int revision READ revision NOTIFY changed FINAL)
    /// Admin › Scan's scan: the session's, not the tab's, so that a scan
    /// goes on and its findings stay while the admin looks at another page;
    /// a lock stops it and forgets them and the folder. An export's notice
    /// shows wherever the admin is.
    Q_PROPERTY(onramp::ui::ScanBackend* scan READ scan CONSTANT FINAL)
    Q_PROPERTY(int minPassphraseLength READ minPassphraseLength CONSTANT FINAL)
    Q_PROPERTY(int idleLockMinutes READ idleLockMinutes WRITE setIdleLockMinutes NOTIFY idleLockMinutesChanged FINAL)
    /// Signed in with a handed-over first passphrase: the sign-in page asks
    /// for one of their own before anything else opens (people/FirstPassphrase.h).
    Q_PROPERTY(bool choosingPassphrase READ isChoosingPassphrase NOTIFY choosingPassphraseChanged FINAL)
    /// Choosing after an admin reset a hire's passphrase: their sandbox
    /// credentials were issued again (People::resetPassphrase), those Onramp
    /// makes with new secrets, and copies they kept of the old ones stopped working.
    Q_PROPERTY(bool sandboxRenewedByReset READ sandboxRenewedByReset NOTIFY choosingPassphraseChanged FINAL)

public:
    ~Session() override;

    ScanBackend* scan();

    /// The one session of the process, shared by QML and C++.
    static Session* instance();
    static Session* create(QQmlEngine*, QJSEngine*);

    QString vaultPath() const { return m_vaultPath; }
    void setVaultPath(const QString& path);
    bool vaultExists() const;
    bool isDemo() const;
    bool isChoosingVault() const { return m_choosingVault; }
    RecentVaultsModel* recentVaults() { return &m_recentVaults; }
    QStringList people() const { return m_people; }
    QVariantMap shownNames() const { return m_shownNames; }
    DemoPeopleModel* demoPeople() { return &m_demoPeople; }
    bool isUnlocked() const { return m_vault != nullptr; }
    QString userName() const;
    QString lastUserName() const { return m_lastUserName; }
    QString preselectedPerson() const;
    QString displayName() const;
    QString role() const;
    QString vaultFingerprint() const;
    bool isNewlyCreated() const { return m_newlyCreated; }
    QString roleTitle() const;
    QVariantList roleChoices() const;
    bool isBusy() const { return m_pending > 0; }
    bool keyboardInUse() const { return m_keyboardInUse; }
    QString error() const { return m_error; }
    QString signInNote() const { return m_signInNote; }
    /// Sets signInNote; the next sign-in clears it.
    void setSignInNote(const QString& note);
    int revision() const { return m_revision; }
    int idleLockMinutes() const { return m_idleMinutes; }
    void setIdleLockMinutes(int minutes);

    /// Signs in as \a name; emits unlockedChanged, or sets error.
    Q_INVOKABLE void unlock(const QString& name, const QString& passphrase);
    /// Creates a vault in \a folder (a path or a file: URL, shown to the
    /// person first) with its first admin and signs in as them; the session
    /// then follows that folder. A folder that holds a vault or other files
    /// is refused before anything is written (error names it).
    Q_INVOKABLE void createVault(const QString& admin, const QString& displayName, const QString& passphrase,
                                 const QString& repeated, const QString& folder);
    /// Where the Welcome page offers to create a vault: the folder the app
    /// was given (--vault DIR) while it holds none, else a folder in sight
    /// in the home folder (suggestedVaultFolder()).
    QString newVaultFolder() const;
    /// The folder a new vault goes in when the person chose \a chosen in a
    /// folder dialog, the field showing \a current before: chosen itself
    /// when empty, else a new folder inside it named as \a current's last part.
    Q_INVOKABLE QString newVaultFolderIn(const QString& chosen, const QString& current) const;
    /// Why a new vault cannot go in \a folder; "" when it can.
    Q_INVOKABLE QString newVaultFolderProblem(const QString& folder) const;
    /// \a folder (a path or a file: URL) holds a vault's key store.
    Q_INVOKABLE bool holdsVault(const QString& folder) const;
    /// The admin has seen the new vault's fingerprint: newlyCreated goes off.
    Q_INVOKABLE void acknowledgeCreated();
    /// Creates the demo vault if needed and switches to it.
    Q_INVOKABLE void openDemo();
    /// Switches to the vault \a folder (a path or a file: URL) points at
    /// (findVault(): the vault folder, a folder inside it, or the folder that
    /// holds it alone) and remembers it among the recent vaults; returns ""
    /// then. Anything else changes nothing: the returned sentence names the
    /// folder, what it lacks and what a vault folder holds.
    Q_INVOKABLE QString openVaultFolder(const QString& folder);
    /// Follows an `onramp://` link (OnrampLink): `open` opens its vault folder
    /// as openVaultFolder() does and has the sign-in pick its person; `server`
    /// shows the Welcome page with the server and person it names. A link
    /// that does not read, or whose folder holds no vault, opens nothing:
    /// the Welcome page shows linkProblem. Returns linkProblem.
    Q_INVOKABLE QString openLink(const QString& link);
    QString linkProblem() const { return m_linkProblem; }
    QString linkNotice() const { return m_linkNotice; }
    /// Locks and shows the Welcome page, to open or create another vault.
    Q_INVOKABLE void chooseAnotherVault();
    /// At start without --vault: when the default folder holds no vault,
    /// the newest recent vault that is still there.
    void openNewestVault();
    /// Zeroes the keys and returns to the sign-in page.
    Q_INVOKABLE void lock();
    /// Runs \a forget each time the session locks: for what a page keeps in
    /// memory for the person signed in only (notes not sent, the report's
    /// hire), which the next person to sign in must not find. Returns true,
    /// so that a function-local static can call it once.
    bool forgetOnLock(std::function<void()> forget);
    bool isChoosingPassphrase() const { return m_choosing != nullptr; }
    bool sandboxRenewedByReset() const { return m_choosing != nullptr && m_sandboxRenewedByReset; }
    /// After a sign-in with a handed-over passphrase: sets \a passphrase (typed
    /// twice) as the person's own, then opens the vault; or sets error.
    Q_INVOKABLE void choosePassphrase(const QString& passphrase, const QString& repeated);
    /// Changes the signed-in person's own passphrase (People::changePassphrase,
    /// as `passphrase change` does) on the worker after \a current is
    /// confirmed; the session stays signed in. Emits passphraseChanged, or
    /// passphraseChangeFailed naming the field at fault.
    Q_INVOKABLE void changePassphrase(const QString& current, const QString& fresh, const QString& repeated);
    /// Counts as activity for the idle lock (every key, click, wheel and
    /// touch of the application does, through m_activity).
    Q_INVOKABLE void touch();
    /// A hint for a new passphrase: "" when fine, else what to improve.
    Q_INVOKABLE QString passphraseHint(const QString& passphrase) const;
    /// Why a vault refuses \a passphrase as a new one (too short, too long),
    /// as a sentence; "" when it takes it, and for an empty one (nothing typed yet).
    Q_INVOKABLE QString passphraseProblem(const QString& passphrase) const;
    /// Why \a name cannot be a sign-in name (the vault's rule), naming it;
    /// empty when it can, or is empty.
    Q_INVOKABLE QString nameProblem(const QString& name) const;
    /// The fewest characters a new passphrase has, to say beside its field.
    int minPassphraseLength() const;
    Q_INVOKABLE void clearError();
    /// Shows \a message to the person (the window's notice bar).
    Q_INVOKABLE void notify(const QString& message, bool isError) { Q_EMIT notice(message, isError); }
    /// Opens \a url (a web or mail link; any other scheme is refused) in the
    /// desktop's web browser; when nothing opens it, the notice says so and
    /// names the address to copy. False then.
    Q_INVOKABLE bool openInBrowser(const QUrl& url);
    /// The folder every export's and backup's save dialog opens in
    /// (exportFolderUrl()): the documents folder, else the home folder.
    Q_INVOKABLE QUrl exportFolder() const;
    /// The file a save would replace: the path that \a chosen in a save
    /// dialog writes (savePath(), \a suffix added to a name without one)
    /// when a file is there; "" when nothing is, or the choice is no file.
    Q_INVOKABLE QString replacedFile(const QUrl& chosen, const QString& suffix) const;
    /// \a path (a local file or folder) as the URL a dialog's currentFolder
    /// or selectedFile takes.
    Q_INVOKABLE QUrl localFileUrl(const QString& path) const { return QUrl::fromLocalFile(path); }

    /// Runs \a work on the session's worker thread with the unlocked vault, then
    /// \a done on the GUI thread — unless \a receiver (the backend asking) has
    /// been destroyed meanwhile, e.g. its page was closed. A successful write
    /// should pass \a changes = true so that every view refreshes.
    void perform(QObject* receiver, std::function<Error(Vault&)> work, std::function<void(const Error&)> done,
                 bool changes);
    /// As perform() for a read nobody asked for (a timer's, a count's): it is
    /// no activity for the idle lock, so that it never keeps a desk unlocked.
    void performUnattended(QObject* receiver, std::function<Error(Vault&)> work,
                           std::function<void(const Error&)> done);
    /// Signs out (lock()) and then, once the vault is closed (after every
    /// job queued before), runs \a work on the worker and \a done with its
    /// result on the GUI thread; the sign-in page reads the people again.
    /// For what needs the vault closed: a restore replaces its folder.
    void closeAndRun(std::function<Error()> work, std::function<void(const Error&)> done);
    /// Runs \a work synchronously (screenshot mode and tests).
    Error performNow(const std::function<Error(Vault&)>& work);
    /// Signs in without a thread (screenshot mode and tests).
    Error unlockNow(const QString& name, const QByteArray& passphrase);

    /// The language changed: every backend reads again, so that texts and
    /// dates made in C++ follow it (Appearance::setLanguage calls this).
    void followLanguage();

    /// The default vault folder (the platform's app-data folder).
    static QString defaultVaultPath();
    /// The settings key of who signed in last in the vault at \a path, on this desktop.
    static QString lastSignInKey(const QString& path);
    /// The settings key of the names remembered for the vault at \a path, on this desktop.
    static QString rememberedNamesKey(const QString& path);
    static QString defaultDemoPath();

Q_SIGNALS:
    void vaultChanged();
    void peopleChanged();
    void preselectedPersonChanged();
    void linkChanged();
    void unlockedChanged();
    void busyChanged();
    void keyboardInUseChanged();
    void errorChanged();
    void signInNoteChanged();
    void idleLockMinutesChanged();
    void newlyCreatedChanged();
    /// The language of the texts changed: views reload.
    void languageChanged();
    void roleTitleChanged();
    void choosingPassphraseChanged();
    /// changePassphrase() kept the new passphrase.
    void passphraseChanged();
    /// changePassphrase() refused: \a field is "current", "new", "repeat" or
    /// "" (none in particular), \a message says why.
    void passphraseChangeFailed(const QString& field, const QString& message);
    /// Something in the vault changed: views reload.
    void changed();
    /// This desktop's read marks changed (a mentor marked a hire's notes
    /// read): the counts that leave marked notes out are made again.
    void readMarksChanged();
    /// Another process committed to the vault (VaultWatcher, and the
    /// database's data_version moved): the page shown reads again through
    /// the same checks as a page load; nothing of the change is trusted.
    void changedElsewhere();
    /// An operation failed with a message for people.
    void failed(const QString& message);
    /// A message for the notice bar.
    void notice(const QString& message, bool isError);

private:
    // Private: Qt 6.4 prefers a default constructor over create(), and QML
    // must share the one instance with C++.
    explicit Session(QObject* parent = nullptr);

    void setError(const QString& message);
    void begin();
    void end();
    void adopt(std::shared_ptr<Vault> vault);
    /// Runs \a open (an unlock, or a creation in the folder \a createdIn) on
    /// the worker and adopts the vault it gives.
    void openOnWorker(std::function<Error(std::unique_ptr<Vault>*)> open, const QString& createdIn = {});
    /// Reads the vault's people from its key file on the worker.
    void loadPeople();
    /// Follows a new vault path: its demo people, its people.
    void vaultPathChanged();
    /// Reads the names people go by from \a vault on the worker, then locks
    /// it when \a thenLock; shows them on the sign-in page and remembers them.
    void learnNames(std::shared_ptr<Vault> vault, bool thenLock);
    /// The watched folder was written: signed in, reads the database's
    /// data_version on the worker and, when another connection committed
    /// since it was last read, emits changedElsewhere(); \a baseline only
    /// notes the version (at a sign-in). Locked, the people are read again.
    void followOtherWrites(bool baseline = false);
    /// Whether the folder signed in to is no longer the one at the vault's
    /// path: a restore swapped another in. Then locks, saying so.
    bool lockIfRestoredElsewhere();

    QString m_vaultPath;
    QStringList m_people;
    QVariantMap m_shownNames; ///< see shownNames
    int m_peopleGeneration = 0; ///< only the newest read of the people is shown
    DemoPeopleModel m_demoPeople;
    RecentVaultsModel m_recentVaults;
    VaultWatcher m_watcher;
    qint64 m_dataVersion = -1; ///< the unlocked vault's data_version last read; -1 none yet
    bool m_choosingVault = false; ///< see choosingVault
    QString m_linkProblem; ///< see linkProblem
    QString m_linkNotice; ///< see linkNotice
    QString m_linkName; ///< the person an onramp:// link named, picked at sign-in while in m_people
    bool m_followingElsewhere = false; ///< changedElsewhere() is being emitted: its reloads do not touch()
    std::shared_ptr<Vault> m_vault;
    std::shared_ptr<Vault> m_choosing; ///< unlocked, not adopted until its person chose a passphrase
    bool m_sandboxRenewedByReset = false; ///< see sandboxRenewedByReset; with m_choosing
    QThreadPool m_worker;
    ScanBackend* m_scan = nullptr; ///< see scan; made on first use, a child deleted before m_worker goes
    QTimer m_idleTimer;
    ActivityMonitor m_activity; ///< any key, click, wheel or touch restarts m_idleTimer
    bool m_keyboardInUse = true;
    int m_idleMinutes = 10;
    int m_pending = 0;
    int m_revision = 0;
    int m_generation = 0; ///< bumped by lock(): a sign-in still running is then dropped
    QString m_error;
    QString m_signInNote;
    /// The signed-in vault folder's device and inode, as at the sign-in; a
    /// restore puts another folder at its path.
    std::pair<qint64, qint64> m_folderIdentity{-1, -1};
    QString m_lastUserName;
    QString m_rememberedUser; ///< who signed in last here, from the settings
    QString m_firstNonAdmin; ///< of the key file's people, the first no admin
    bool m_newlyCreated = false; ///< see newlyCreated
};

} // namespace onramp::ui
