#include "Session.h"

#include "ExportPath.h"
#include "OnrampLink.h"

#include "Database.h"
#include "Demo.h"
#include "Formats.h"
#include "KeyFile.h"
#include "PassphraseFieldNames.h"
#include "ScanBackend.h"
#include "SecureBytes.h"
#include "TestHooks.h"
#include "TrustStore.h"
#include "VaultFolders.h"
#include "audit/SignatureChecks.h"
#include "credentials/Credentials.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>
#include <QtConcurrent/QtConcurrentRun>

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSession, "onramp.ui.session")

namespace onramp::ui {

namespace {

/// What the person who signed out checked, and what their own stored checks
/// held, is theirs: the next person to sign in to this app starts cold and
/// loads only their own stored checks. Run on the worker, after the vault's
/// last job, so that nothing of the former session lands after it.
void forgetCheckedSignatures()
{
    VerifiedSignatures::process().clear();
    VerifiedSlots::process().clear();
}

// Moves a passphrase typed into QML into secure memory at once.
SecureBytes securePassphrase(const QString& passphrase)
{
    QByteArray utf8 = passphrase.toUtf8();
    SecureBytes secret = SecureBytes::copyOf(utf8);
    wipe(utf8);
    return secret;
}

} // namespace

Session::Session(QObject* parent)
    : QObject(parent)
{
    // One worker: the vault's database connection is used by one thread at a time.
    m_worker.setMaxThreadCount(1);
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        qCInfo(lcSession) << "locking after" << m_idleTimer.interval() / 1000 << "idle seconds";
        lock();
    });
    connect(&m_activity, &ActivityMonitor::activity, this, &Session::touch);
    connect(&m_activity, &ActivityMonitor::inputKind, this, [this](bool keyboard) {
        if (keyboard == m_keyboardInUse)
            return;
        m_keyboardInUse = keyboard;
        Q_EMIT keyboardInUseChanged();
    });
    connect(this, &Session::unlockedChanged, this, &Session::roleTitleChanged);
    connect(this, &Session::languageChanged, this, &Session::roleTitleChanged);
    m_activity.watch(QCoreApplication::instance());
    connect(&m_watcher, &VaultWatcher::changed, this, [this] { followOtherWrites(); });
    m_vaultPath = defaultVaultPath();
    vaultPathChanged();
    m_idleMinutes = std::clamp(QSettings().value(QStringLiteral("idleLockMinutes"), 10).toInt(), 1, 240);
}

Session::~Session()
{
    delete m_scan; // its walk stops; its work on m_worker is not called back
    m_worker.waitForDone();
}

ScanBackend* Session::scan()
{
    if (!m_scan) {
        m_scan = new ScanBackend(this);
        connect(m_scan, &ScanBackend::done, this, [this](const QString& message) { notify(message, false); });
        connect(m_scan, &ScanBackend::error, this, [this](const QString& message) { notify(message, true); });
    }
    return m_scan;
}

Session* Session::instance()
{
    static Session* session = new Session(QCoreApplication::instance());
    return session;
}

Session* Session::create(QQmlEngine*, QJSEngine*)
{
    // The window's first look at the session: Qt Quick's accessibility is up.
    installPassphraseFieldNames();
    Session* session = instance();
    QJSEngine::setObjectOwnership(session, QJSEngine::CppOwnership);
    return session;
}

QString Session::defaultVaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/vault");
}

QString Session::defaultDemoPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo-vault");
}

void Session::setVaultPath(const QString& path)
{
    if (path == m_vaultPath && !m_choosingVault)
        return;
    lock();
    m_choosingVault = false; // the vault chosen shows its sign-in
    m_linkName.clear(); // a link's person belongs to the link's vault
    if (!m_linkProblem.isEmpty() || !m_linkNotice.isEmpty()) {
        m_linkProblem.clear();
        m_linkNotice.clear();
        Q_EMIT linkChanged();
    }
    m_vaultPath = path;
    vaultPathChanged();
    Q_EMIT vaultChanged();
}

void Session::vaultPathChanged()
{
    const bool isDemo = demo::isDemoVault(m_vaultPath);
    const QList<demo::DemoPerson> demoPeople = isDemo ? demo::everyone() : QList<demo::DemoPerson>{};
    m_demoPeople.setPeople(demoPeople);
    m_people.clear(); // not another vault's
    m_shownNames.clear();
    if (isDemo) {
        for (const demo::DemoPerson& person : demoPeople)
            m_shownNames.insert(person.name, person.displayName);
    } else {
        // Shown before anyone signs in: the names learnt at a sign-in on this desktop.
        m_shownNames = QSettings().value(rememberedNamesKey(m_vaultPath)).toMap();
    }
    m_lastUserName.clear();
    m_rememberedUser = QSettings().value(lastSignInKey(m_vaultPath)).toString();
    m_firstNonAdmin.clear();
    m_watcher.watch(m_vaultPath);
    Q_EMIT peopleChanged();
    Q_EMIT preselectedPersonChanged();
    loadPeople();
}

QString Session::preselectedPerson() const
{
    for (const QString& name : {m_linkName, m_lastUserName, m_rememberedUser})
        if (!name.isEmpty() && m_people.contains(name))
            return name;
    return m_firstNonAdmin;
}

namespace {

/// What the worker reads of the people from the key store, before anyone signs in.
struct KeyFilePeople {
    QStringList names; ///< enabled, sorted
    QString firstNonAdmin; ///< of names, the first no admin; else the first
    QStringList demoChanged; ///< demo people whose slot the demo passphrase no longer opens
};

/// True when \a passphrase, a demo person's public one, still opens \a slot.
/// The demo made its slots at libsodium's minimum cost, so trying one costs
/// nothing; a slot of any other cost was made with another passphrase (a
/// change of one's own, or an admin's reset) and is not tried.
bool demoPassphraseOpens(const KeyFile& keys, const KeySlot& slot, const QString& passphrase)
{
    if (slot.kdf.opslimit != crypto_pwhash_OPSLIMIT_MIN || slot.kdf.memlimit != crypto_pwhash_MEMLIMIT_MIN)
        return false;
    QByteArray utf8 = passphrase.toUtf8();
    const bool opens = slot.unwrapSecretKey(keys.vaultId, utf8).has_value();
    wipe(utf8);
    return opens;
}

} // namespace

void Session::loadPeople()
{
    const int generation = ++m_peopleGeneration;
    const QString keyFile = QDir(m_vaultPath).filePath(Vault::keyFileName());
    const QList<demo::DemoPerson> demoPeople = isDemo() ? demo::everyone() : QList<demo::DemoPerson>{};
    // The names, sorted, the first of them who is no admin, and on the demo
    // whose demo passphrase no longer opens their slot: read once per read
    // of the key store, never per look at the sign-in page.
    auto* watcher = new QFutureWatcher<KeyFilePeople>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const KeyFilePeople read = watcher->result();
        watcher->deleteLater();
        if (generation != m_peopleGeneration)
            return;
        const QString before = preselectedPerson();
        m_firstNonAdmin = read.firstNonAdmin;
        m_demoPeople.setChanged(read.demoChanged);
        if (read.names != m_people) {
            m_people = read.names;
            Q_EMIT peopleChanged();
        }
        if (preselectedPerson() != before)
            Q_EMIT preselectedPersonChanged();
    });
    watcher->setFuture(QtConcurrent::run(&m_worker, [keyFile, demoPeople] {
        KeyFilePeople read;
        KeyFile keys;
        if (KeyFile::load(keyFile, &keys))
            return read;
        QStringList others; // the slot's role is informational: enough to pick whom to offer first
        for (const KeySlot& slot : keys.slots) {
            if (slot.disabled)
                continue;
            read.names.append(slot.name);
            if (slot.role != QLatin1String("admin"))
                others.append(slot.name);
        }
        read.names.sort();
        others.sort();
        read.firstNonAdmin =
            others.isEmpty() ? (read.names.isEmpty() ? QString() : read.names.first()) : others.first();
        for (const demo::DemoPerson& person : demoPeople) {
            const KeySlot* slot = keys.slot(person.name);
            if (slot && !slot->disabled && !demoPassphraseOpens(keys, *slot, person.passphrase))
                read.demoChanged.append(person.name);
        }
        return read;
    }));
}

bool Session::vaultExists() const
{
    return QFileInfo::exists(QDir(m_vaultPath).filePath(Vault::keyFileName()))
        || QFileInfo::exists(QDir(m_vaultPath).filePath(Vault::legacyKeyFileName()));
}

bool Session::isDemo() const
{
    return demo::isDemoVault(m_vaultPath);
}

QString Session::userName() const
{
    return m_vault ? m_vault->me().name : QString();
}

QString Session::displayName() const
{
    if (!m_vault)
        return {};
    return m_vault->me().shownName();
}

QString Session::vaultFingerprint() const
{
    if (!m_vault)
        return {};
    // The pin, not the vault's own record: the folder is the hire's to rewrite,
    // and unlocking refuses a root other than the pinned one.
    std::optional<VaultPin> pin;
    if (TrustStore::load(m_vault->vaultId(), &pin) || !pin)
        return {};
    return TrustStore::fingerprint(pin->rootKey);
}

QString Session::role() const
{
    return m_vault ? roleName(m_vault->me().role) : QString();
}

QString Session::roleTitle() const
{
    return m_vault ? onramp::ui::roleTitle(m_vault->me().role) : QString();
}

QVariantList Session::roleChoices() const
{
    return onramp::ui::roleChoices();
}

void Session::followLanguage()
{
    Q_EMIT languageChanged();
}

void Session::setIdleLockMinutes(int minutes)
{
    minutes = std::clamp(minutes, 1, 240);
    if (minutes == m_idleMinutes)
        return;
    m_idleMinutes = minutes;
    QSettings().setValue(QStringLiteral("idleLockMinutes"), minutes);
    touch();
    Q_EMIT idleLockMinutesChanged();
}

void Session::touch()
{
    if (!m_vault && !m_choosing) // an unlocked vault waiting for a chosen passphrase locks when idle too
        return;
    const int testLimit = idleLockOverrideMs();
    m_idleTimer.start(testLimit > 0 ? testLimit : m_idleMinutes * 60 * 1000);
}

void Session::setError(const QString& message)
{
    if (m_error == message)
        return;
    m_error = message;
    Q_EMIT errorChanged();
}

void Session::clearError()
{
    setError({});
}

void Session::begin()
{
    if (m_pending++ == 0)
        Q_EMIT busyChanged();
}

void Session::end()
{
    if (--m_pending == 0)
        Q_EMIT busyChanged();
}

namespace {

/// The device and inode of the folder \a path names; -1s when it cannot be read.
std::pair<qint64, qint64> folderIdentity(const QString& path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return {-1, -1};
    return {qint64(info.st_dev), qint64(info.st_ino)};
}

} // namespace

void Session::setSignInNote(const QString& note)
{
    if (m_signInNote == note)
        return;
    m_signInNote = note;
    Q_EMIT signInNoteChanged();
}

bool Session::lockIfRestoredElsewhere()
{
    if (!m_vault || m_folderIdentity.first < 0)
        return false;
    const std::pair<qint64, qint64> now = folderIdentity(m_vaultPath);
    if (now.first < 0 || now == m_folderIdentity)
        return false;
    // The session's connection still reads the folder kept aside: nothing it
    // does counts any more, and a write fails with SQLite's words.
    qCInfo(lcSession) << "another folder is at the vault's path (a restore): locking";
    lock();
    setSignInNote(tr("An admin restored this vault from a backup; sign in again."));
    return true;
}

void Session::adopt(std::shared_ptr<Vault> vault)
{
    m_vault = std::move(vault);
    m_folderIdentity = folderIdentity(m_vaultPath);
    setError({});
    setSignInNote({});
    touch();
    // The sign-in page picks them first next time, here, in a later run too.
    m_rememberedUser = m_vault->me().name;
    QSettings().setValue(lastSignInKey(m_vaultPath), m_rememberedUser);
    if (!isDemo())
        m_recentVaults.remember(m_vaultPath);
    m_choosingVault = false;
    m_dataVersion = -1;
    followOtherWrites(true);
    // Remembered at once, not only at a lock: the app may be closed unlocked.
    learnNames(m_vault, false);
    Q_EMIT unlockedChanged();
    Q_EMIT vaultChanged();
    ++m_revision;
    Q_EMIT changed();
    // Trust on first use: the person sees which root key this desktop now trusts.
    if (!m_vault->firstUseNote().isEmpty())
        Q_EMIT notice(asSentence(m_vault->firstUseNote()), false);
}

QString Session::passphraseHint(const QString& passphrase) const
{
    if (passphrase.isEmpty())
        // The vault's rule said before the first key, not only once a passphrase falls short of it.
        return tr("Choose a passphrase of at least %1 characters: a few unrelated words are easy to remember and "
                  "hard to guess.")
            .arg(Vault::kMinPassphraseCharacters);
    if (const Error e = Vault::checkNewPassphrase(securePassphrase(passphrase).view()))
        return asSentence(e.message);
    if (passphrase.count(QLatin1Char(' ')) < 2 && passphrase.size() < 16)
        return tr("Fair. Longer is stronger: add a word or two.");
    return {};
}

QString Session::passphraseProblem(const QString& passphrase) const
{
    if (passphrase.isEmpty())
        return {};
    const Error e = Vault::checkNewPassphrase(securePassphrase(passphrase).view());
    return e ? asSentence(e.message) : QString();
}

QString Session::nameProblem(const QString& name) const
{
    if (name.isEmpty() || isValidPersonName(name))
        return {};
    return tr("'%1' cannot be a user name: use lower-case letters, digits, '.', '_' or '-', starting with a letter "
              "(such as alex or sam.lee).")
        .arg(name);
}

int Session::minPassphraseLength() const
{
    return Vault::kMinPassphraseCharacters;
}

void Session::unlock(const QString& name, const QString& passphrase)
{
    if (name.isEmpty() || passphrase.isEmpty()) {
        // Only what is missing is asked for.
        setError(name.isEmpty() && passphrase.isEmpty() ? tr("Enter your name and passphrase.")
                     : name.isEmpty()                   ? tr("Choose who you are.")
                                                        : tr("Enter your passphrase."));
        return;
    }
    auto secret = std::make_shared<SecureBytes>(securePassphrase(passphrase));
    const QString dir = m_vaultPath;
    // The person was picked from a list: the app says it as a sentence, by
    // the name they go by (the command line keeps the vault's short words).
    // An unknown name reads the same, so that it tells nobody who exists.
    const QString shown = m_shownNames.value(name).toString();
    const QString wrong =
        tr("That passphrase does not open %1's key. Check it and try again.").arg(shown.isEmpty() ? name : shown);
    openOnWorker([dir, name, secret, wrong](std::unique_ptr<Vault>* vault) {
        Error e = Vault::unlock(dir, name, secret->view(), vault);
        if (e.kind == ErrorKind::Auth)
            e.message = wrong;
        return e;
    });
}

namespace {

/// What opening a vault on the worker gives the GUI thread. The future owns
/// it until it is taken, so the vault is closed whatever becomes of the
/// watcher, even when the session goes away first.
struct Opened {
    Error error;
    std::unique_ptr<Vault> vault;
    bool choosesPassphrase = false; ///< firstpassphrase::isDue
    bool sandboxRenewedByReset = false; ///< see Session::sandboxRenewedByReset
};

} // namespace

void Session::openOnWorker(std::function<Error(std::unique_ptr<Vault>*)> open, const QString& createdIn)
{
    begin();
    const int generation = m_generation;
    auto* watcher = new QFutureWatcher<Opened>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, createdIn] {
        Opened opened = watcher->future().takeResult();
        watcher->deleteLater();
        end();
        if (generation != m_generation) {
            // Locked, or another vault chosen, while the key was being derived:
            // the result belongs to nobody any more.
            if (opened.vault)
                opened.vault->lock();
            return;
        }
        if (opened.error) {
            setError(opened.error.message);
            Q_EMIT failed(opened.error.message);
            return;
        }
        if (opened.choosesPassphrase) {
            setError({});
            m_sandboxRenewedByReset = opened.sandboxRenewedByReset;
            m_choosing = std::move(opened.vault);
            touch();
            Q_EMIT choosingPassphraseChanged();
            return;
        }
        const bool creating = !createdIn.isEmpty();
        if (creating && createdIn != m_vaultPath) {
            // The session follows the new vault only once it exists: a
            // creation that failed left the folder shown before as it was.
            m_vaultPath = createdIn;
            vaultPathChanged();
        }
        m_newlyCreated = creating; // before the page that shows it is made
        adopt(std::move(opened.vault));
        Q_EMIT newlyCreatedChanged();
    });
    watcher->setFuture(QtConcurrent::run(&m_worker, [open = std::move(open)] {
        Opened opened;
        opened.error = open(&opened.vault);
        bool byReset = false;
        opened.choosesPassphrase = !opened.error && firstpassphrase::isDue(*opened.vault, &byReset);
        // A hire whose reset issued their sandbox credentials again, one of
        // them with a new secret (a static one keeps the secret an admin
        // set): what the page says, nothing it decides.
        if (opened.choosesPassphrase && byReset && opened.vault->me().role == Role::Hire) {
            QList<CredentialView> mine;
            if (!Credentials(*opened.vault).list(&mine))
                opened.sandboxRenewedByReset = std::any_of(mine.cbegin(), mine.cend(), [](const CredentialView& view) {
                    return view.credential.environment == Environment::Sandbox
                        && view.credential.provider != QLatin1String("static") && view.issuedAt.isValid();
                });
        }
        return opened;
    }));
}

Error Session::unlockNow(const QString& name, const QByteArray& passphrase)
{
    std::unique_ptr<Vault> vault;
    if (Error e = Vault::unlock(m_vaultPath, name, passphrase, &vault))
        return e;
    // A handed-over passphrase opens nothing until its owner chose their own.
    if (firstpassphrase::isDue(*vault))
        return Error(ErrorKind::NotPermitted,
                     tr("%1 has yet to choose their own passphrase: sign in to the app to choose it").arg(name));
    adopt(std::move(vault));
    return {};
}

void Session::createVault(const QString& admin, const QString& displayName, const QString& passphrase,
                          const QString& repeated, const QString& folder)
{
    if (passphrase != repeated) {
        setError(tr("The two passphrases differ; type the same passphrase twice."));
        return;
    }
    auto secret = std::make_shared<SecureBytes>(securePassphrase(passphrase));
    // The vault's own rule for new passphrases, checked before the slow key derivation.
    if (Error e = Vault::checkNewPassphrase(secret->view())) {
        setError(asSentence(e.message));
        return;
    }
    // Never over a vault, nor among other files: the folder the person saw named.
    if (const QString problem = newVaultFolderProblem(folder); !problem.isEmpty()) {
        setError(problem);
        return;
    }
    const QString dir = localPath(folder);
    openOnWorker(
        [dir, admin, displayName, secret](std::unique_ptr<Vault>* vault) {
            return Vault::create(dir, admin, displayName, secret->view(), KdfLevel::Moderate, vault);
        },
        dir);
}

QString Session::newVaultFolder() const
{
    // A folder given to the app (--vault DIR) that holds no vault yet is where
    // the person meant it to go; else one in sight in the home folder.
    if (m_vaultPath != defaultVaultPath() && !vaultExists() && !isDemo()
        && newVaultFolderProblem(m_vaultPath).isEmpty())
        return QDir::toNativeSeparators(m_vaultPath);
    return QDir::toNativeSeparators(suggestedVaultFolder());
}

QString Session::newVaultFolderIn(const QString& chosen, const QString& current) const
{
    const QString name = QFileInfo(localPath(current)).fileName();
    return QDir::toNativeSeparators(ui::newVaultFolderIn(chosen, name));
}

QString Session::newVaultFolderProblem(const QString& folder) const
{
    return ui::newVaultFolderProblem(folder);
}

bool Session::holdsVault(const QString& folder) const
{
    return ui::holdsVault(localPath(folder));
}

void Session::openDemo()
{
    const QString dir = defaultDemoPath();
    if (demo::isCurrentDemoVault(dir)) {
        setVaultPath(dir);
        return;
    }
    begin();
    auto* watcher = new QFutureWatcher<Error>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, dir] {
        const Error error = watcher->result();
        watcher->deleteLater();
        end();
        if (error) {
            setError(error.message);
            Q_EMIT failed(error.message);
            return;
        }
        setVaultPath(dir);
    });
    // An older demo vault has other passphrases than the sign-in page shows: made again.
    watcher->setFuture(QtConcurrent::run(&m_worker, [dir] { return demo::recreateDemoVault(dir); }));
}

QString Session::openVaultFolder(const QString& folder)
{
    // The vault folder itself, or the one the folder chosen is in or holds alone.
    const FoundVault found = findVault(folder);
    if (!found.problem.isEmpty())
        return found.problem;
    const QString absolute = found.folder;
    const QDir dir(absolute);
    if (!QFileInfo::exists(dir.filePath(Vault::databaseFileName())))
        return tr("%1 is not a whole Onramp vault: its database (%2) is missing; nothing was opened.")
            .arg(QDir::toNativeSeparators(absolute), Vault::databaseFileName());
    m_choosingVault = false;
    if (!demo::isDemoVault(absolute))
        m_recentVaults.remember(absolute);
    if (absolute == QFileInfo(m_vaultPath).absoluteFilePath()) {
        setError({});
        Q_EMIT vaultChanged(); // back from the Welcome page to its sign-in
    } else {
        setError({});
        setVaultPath(absolute);
    }
    return {};
}

QString Session::openLink(const QString& text)
{
    OnrampLink link;
    QString why;
    m_linkNotice.clear();
    m_linkProblem.clear();
    if (!OnrampLink::parse(text, &link, &why)) {
        m_linkProblem = tr("This onramp:// link was not opened: %1. Nothing was opened; ask whoever sent it for "
                           "a new one.")
                            .arg(why);
    } else if (link.kind == OnrampLink::Kind::Server) {
        m_linkNotice = link.name.isEmpty()
            ? tr("The link names the team server %1. The app does not connect to a team server yet; for now the "
                 "command line does: onramp --server %1 …")
                  .arg(link.url)
            : tr("The link names the team server %1 for %2. The app does not connect to a team server yet; for "
                 "now the command line does: onramp --server %1 --as %2 …")
                  .arg(link.url, link.name);
    } else if (const QString problem = openVaultFolder(link.vault); !problem.isEmpty()) {
        m_linkProblem = tr("This onramp:// link was not opened: %1").arg(problem);
    } else {
        m_linkName = link.name;
        Q_EMIT preselectedPersonChanged();
    }
    if (!m_linkProblem.isEmpty() || !m_linkNotice.isEmpty()) {
        // The Welcome page says what happened; the vault open before stays as it was.
        m_choosingVault = true;
        Q_EMIT vaultChanged();
    }
    Q_EMIT linkChanged();
    return m_linkProblem;
}

void Session::chooseAnotherVault()
{
    m_recentVaults.refresh();
    setError({});
    if (m_choosingVault)
        return;
    m_choosingVault = true; // before the lock, so that the window goes to the Welcome page at once
    lock();
    Q_EMIT vaultChanged();
}

void Session::openNewestVault()
{
    if (vaultExists())
        return;
    const QString newest = m_recentVaults.newestPresent();
    if (!newest.isEmpty())
        setVaultPath(newest);
}

void Session::followOtherWrites(bool baseline)
{
    if (!m_vault) {
        // The sign-in page names whom another desktop added or disabled meanwhile.
        if (!m_choosing)
            loadPeople();
        return;
    }
    if (lockIfRestoredElsewhere())
        return;
    std::shared_ptr<Vault> vault = m_vault;
    // What the worker found: the vault's data version, and whether the
    // signed-in person was disabled by the write that changed it.
    struct Found {
        qint64 version = -1;
        bool disabled = false;
    };
    auto* watcher = new QFutureWatcher<Found>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, vault, baseline] {
        const Found found = watcher->result();
        watcher->deleteLater();
        if (vault != m_vault || found.version == m_dataVersion)
            return; // locked meanwhile, or only this session wrote (its own commits keep the version)
        const bool noted = m_dataVersion >= 0;
        m_dataVersion = found.version;
        if (found.disabled) {
            // The core refuses every act of theirs now; the window does not
            // go on showing what their passphrase no longer opens.
            qCInfo(lcSession) << "the signed-in person was disabled elsewhere: locking";
            lock();
            setError(tr("An admin disabled your account while you were signed in, so Onramp locked. Ask an admin "
                        "to reset your passphrase to sign in again."));
            return;
        }
        if (baseline || !noted)
            return;
        qCInfo(lcSession) << "another process changed the vault: the page shown reads it again";
        // The reads this starts are nobody's activity: another desk's writes never keep this one unlocked.
        m_followingElsewhere = true;
        Q_EMIT changedElsewhere();
        m_followingElsewhere = false;
    });
    // Behind any write of this session's own on the one worker.
    watcher->setFuture(QtConcurrent::run(&m_worker, [vault, known = m_dataVersion] {
        Found found;
        found.version = vault->db().dataVersion();
        // Asked only when another process wrote: a disable is such a write.
        if (known >= 0 && found.version != known)
            found.disabled = vault->requireActive().kind == ErrorKind::NotPermitted;
        return found;
    }));
}

void Session::acknowledgeCreated()
{
    if (!m_newlyCreated)
        return;
    m_newlyCreated = false;
    Q_EMIT newlyCreatedChanged();
}

void Session::choosePassphrase(const QString& passphrase, const QString& repeated)
{
    if (!m_choosing)
        return;
    if (passphrase != repeated) {
        setError(tr("The two passphrases differ."));
        return;
    }
    auto secret = std::make_shared<SecureBytes>(securePassphrase(passphrase));
    std::shared_ptr<Vault> vault = m_choosing;
    begin();
    const int generation = m_generation;
    auto* watcher = new QFutureWatcher<Error>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, vault] {
        const Error e = watcher->future().result();
        watcher->deleteLater();
        end();
        if (generation != m_generation)
            return; // locked meanwhile
        if (e) {
            setError(asSentence(e.message));
            return;
        }
        m_choosing.reset();
        Q_EMIT choosingPassphraseChanged();
        adopt(vault);
        Q_EMIT notice(tr("Your passphrase is your own now; nobody else knows it."), false);
    });
    watcher->setFuture(
        QtConcurrent::run(&m_worker, [vault, secret] { return firstpassphrase::choose(*vault, secret->view()); }));
}

void Session::changePassphrase(const QString& current, const QString& fresh, const QString& repeated)
{
    if (!m_vault) {
        Q_EMIT passphraseChangeFailed(QString(), tr("The vault is locked; sign in again."));
        return;
    }
    touch();
    auto now = std::make_shared<SecureBytes>(securePassphrase(current));
    auto secret = std::make_shared<SecureBytes>(securePassphrase(fresh));
    if (now->view().isEmpty()) {
        Q_EMIT passphraseChangeFailed(QStringLiteral("current"), tr("Type your current passphrase."));
        return;
    }
    // The vault's own rule for new passphrases, checked before the slow key derivation.
    if (Error e = Vault::checkNewPassphrase(secret->view())) {
        Q_EMIT passphraseChangeFailed(QStringLiteral("new"), asSentence(e.message));
        return;
    }
    if (fresh != repeated) {
        Q_EMIT passphraseChangeFailed(QStringLiteral("repeat"),
                                      tr("The two new passphrases differ; type the same one twice."));
        return;
    }
    if (now->equals(*secret)) {
        Q_EMIT passphraseChangeFailed(QStringLiteral("new"),
                                      tr("The new passphrase is the same as the current one; choose another."));
        return;
    }
    std::shared_ptr<Vault> vault = m_vault;
    begin();
    const int generation = m_generation;
    auto* watcher = new QFutureWatcher<Error>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const Error e = watcher->future().result();
        watcher->deleteLater();
        end();
        if (generation != m_generation)
            return; // locked meanwhile
        if (e.kind == ErrorKind::Auth) {
            Q_EMIT passphraseChangeFailed(QStringLiteral("current"),
                                          tr("The current passphrase is wrong; nothing was changed."));
            return;
        }
        if (e) {
            Q_EMIT passphraseChangeFailed(QString(), asSentence(e.message));
            return;
        }
        Q_EMIT passphraseChanged();
        Q_EMIT notice(tr("Your passphrase is changed; use the new one from your next sign-in."), false);
    });
    // Confirmed first, so that a session left open cannot be taken over.
    watcher->setFuture(QtConcurrent::run(&m_worker, [vault, now, secret] {
        if (Error e = vault->confirmPassphrase(now->view()))
            return e;
        return People(*vault).changePassphrase(secret->view());
    }));
}

bool Session::forgetOnLock(std::function<void()> forget)
{
    connect(this, &Session::unlockedChanged, this, [this, forget = std::move(forget)] {
        if (!isUnlocked())
            forget();
    });
    return true;
}

void Session::lock()
{
    ++m_generation;
    m_idleTimer.stop();
    acknowledgeCreated();
    if (m_choosing) {
        std::shared_ptr<Vault> choosing = std::move(m_choosing);
        m_choosing.reset();
        (void)QtConcurrent::run(&m_worker, [choosing] {
            choosing->lock();
            forgetCheckedSignatures();
        });
        setError({});
        Q_EMIT choosingPassphraseChanged();
    }
    if (!m_vault)
        return;
    m_lastUserName = m_vault->me().name;
    m_linkName.clear(); // someone signed in: from now on, who signed in last is picked
    std::shared_ptr<Vault> vault = std::move(m_vault);
    m_vault.reset();
    Q_EMIT preselectedPersonChanged();
    loadPeople(); // the sign-in page shows whom the admin added or disabled meanwhile
    // Queued behind any running work, so no operation loses its vault mid-way.
    // Before it closes, the names people go by, as they are now.
    learnNames(std::move(vault), true);
    Q_EMIT unlockedChanged();
}

QString Session::lastSignInKey(const QString& path)
{
    return QStringLiteral("signInLast/") + rememberedNamesKey(path).section(QLatin1Char('/'), 1);
}

QString Session::rememberedNamesKey(const QString& path)
{
    // One entry per vault folder, under a digest of its path: a settings key
    // takes no slashes, and the path itself need not be spelt in the settings.
    const QString folder = QFileInfo(path).absoluteFilePath();
    const QByteArray digest = QCryptographicHash::hash(folder.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return QStringLiteral("signInNames/") + QString::fromLatin1(digest);
}

void Session::learnNames(std::shared_ptr<Vault> vault, bool thenLock)
{
    // Dropped when the people were read again since (another vault chosen).
    using Names = QHash<QString, QString>;
    auto* watcher = new QFutureWatcher<Names>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation = m_peopleGeneration, path = m_vaultPath] {
                const Names names = watcher->result();
                watcher->deleteLater();
                if (generation != m_peopleGeneration || path != m_vaultPath)
                    return;
                // The vault's people as they are now: someone removed is forgotten.
                QVariantMap shown;
                for (auto it = names.cbegin(); it != names.cend(); ++it)
                    shown.insert(it.key(), it.value());
                if (!demo::isDemoVault(m_vaultPath)) {
                    QSettings settings;
                    if (settings.value(rememberedNamesKey(m_vaultPath)).toMap() != shown)
                        settings.setValue(rememberedNamesKey(m_vaultPath), shown);
                }
                if (shown != m_shownNames) {
                    m_shownNames = shown;
                    Q_EMIT peopleChanged();
                }
            });
    watcher->setFuture(QtConcurrent::run(&m_worker, [vault, thenLock] {
        Names names;
        for (const Person& person : vault->people())
            names.insert(person.name, person.shownName());
        if (thenLock) {
            vault->lock();
            forgetCheckedSignatures();
        }
        return names;
    }));
}

void Session::performUnattended(QObject* receiver, std::function<Error(Vault&)> work,
                                std::function<void(const Error&)> done)
{
    const bool following = m_followingElsewhere;
    m_followingElsewhere = true; // not touch()ed: nobody's activity
    perform(receiver, std::move(work), std::move(done), false);
    m_followingElsewhere = following;
}

void Session::perform(QObject* receiver, std::function<Error(Vault&)> work, std::function<void(const Error&)> done,
                      bool changes)
{
    if (!m_vault) {
        const Error locked(ErrorKind::Auth, tr("The vault is locked; sign in again."));
        if (done)
            done(locked);
        return;
    }
    // The folder a restore swapped out takes no act: it would be lost there.
    if (lockIfRestoredElsewhere()) {
        if (done)
            done(Error(ErrorKind::Auth, m_signInNote));
        return;
    }
    if (!m_followingElsewhere)
        touch();
    std::shared_ptr<Vault> vault = m_vault;
    begin();
    auto* watcher = new QFutureWatcher<Error>(this);
    const QPointer<QObject> alive(receiver);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done, changes, alive] {
        Error error = watcher->result();
        watcher->deleteLater();
        end();
        // An act on a folder a restore swapped out fails in SQLite's words:
        // the person is told of the restore instead.
        if (error && lockIfRestoredElsewhere())
            error = Error(ErrorKind::Auth, m_signInNote);
        if (error)
            Q_EMIT failed(error.message);
        if (done && alive)
            done(error);
        if (!error && changes) {
            ++m_revision;
            Q_EMIT changed();
            // An admin's act may add a person or rename one: the sign-in page
            // knows them by name at once, even when the app is closed unlocked.
            if (m_vault && m_vault->me().role == Role::Admin)
                learnNames(m_vault, false);
        }
    });
    watcher->setFuture(QtConcurrent::run(&m_worker, [vault, work = std::move(work)] { return work(*vault); }));
}

void Session::closeAndRun(std::function<Error()> work, std::function<void(const Error&)> done)
{
    lock();
    begin();
    auto* watcher = new QFutureWatcher<Error>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, done] {
        const Error error = watcher->result();
        watcher->deleteLater();
        end();
        loadPeople();
        if (done)
            done(error);
    });
    // The worker runs one job at a time: lock() queued the vault's closing before this.
    watcher->setFuture(QtConcurrent::run(&m_worker, std::move(work)));
}

Error Session::performNow(const std::function<Error(Vault&)>& work)
{
    if (!m_vault)
        return Error(ErrorKind::Auth, tr("The vault is locked; sign in again."));
    m_worker.waitForDone();
    return work(*m_vault);
}

QUrl Session::exportFolder() const
{
    return exportFolderUrl();
}

QString Session::replacedFile(const QUrl& chosen, const QString& suffix) const
{
    const SavePath target = savePath(chosen, suffix);
    if (!target.error.isEmpty())
        return {};
    const QFileInfo file(target.path);
    return file.exists() && !file.isDir() ? target.path : QString();
}

bool Session::openInBrowser(const QUrl& url)
{
    // Web and mail links only: a step's text may name any scheme, and the
    // desktop hands a file: link, or another program's, to whatever runs it.
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http") && scheme != QLatin1String("mailto")) {
        Q_EMIT notice(tr("Onramp opens only web and mail links, not %1. Copy it only if you trust where it leads.")
                          .arg(url.toDisplayString(QUrl::FullyDecoded)),
                      true);
        return false;
    }
    if (QDesktopServices::openUrl(url))
        return true;
    // A web or mail address, never a secret: copied, so that the person can
    // paste it into a browser that did not open.
    const QString address = url.toDisplayString(QUrl::FullyDecoded);
    if (QClipboard* clipboard = QGuiApplication::clipboard())
        clipboard->setText(address);
    Q_EMIT notice(tr("No web browser opened %1. The address is copied: paste it into one.").arg(address), true);
    return false;
}

} // namespace onramp::ui
