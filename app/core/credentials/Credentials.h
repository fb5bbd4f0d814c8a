#pragma once

#include "CredentialView.h"
#include "onboarding/Enrollments.h"

#include "Clock.h"
#include "Error.h"
#include "SecureBytes.h"
#include "people/Person.h"

#include <QJsonArray>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace onramp {

class Database;
class Provider;
class Vault;
struct EnrollmentStatus;
struct IssueRequest;

/// Whether a static credential's secret is set, and when; never the secret.
struct SecretState {
    QString credentialId;
    Environment environment = Environment::Sandbox;
    QDateTime setAt; ///< invalid while no secret is set
    /// Who set it, by the newest signed `credential.set` entry of the log for
    /// it (their name shown to people; at: that entry's time). Empty when no
    /// entry with a holding signature by an admin says so.
    QString setBy;
    QDateTime setByAt;
    bool isSet() const { return setAt.isValid(); }
};

/// A hire's credentials, acting as the person who unlocked the vault.
/// Sandbox secrets are sealed to the hire at enrollment; production secrets
/// stay under the production key until the final sign-off seals them to the
/// hire as grants with an expiry. Every change is one transaction (or joins
/// the caller's), so an audit entry can join it.
class Credentials
{
public:
    explicit Credentials(Vault& vault, const Clock& clock = defaultClock())
        : m_vault(vault)
        , m_clock(clock)
    {}

    /// Inside the enrollment's transaction: issues every sandbox credential of
    /// \a checklist to \a hire, sealed to them (a static one not set yet stays empty).
    Error issueSandbox(qint64 enrollmentId, const Person& hire, const Checklist& checklist);
    /// Inside the sign-off's transaction, as the mentor: seals every production
    /// credential of \a checklist to \a hire as a grant expiring after its ttl.
    Error grantProduction(qint64 enrollmentId, const Person& hire, const Checklist& checklist);
    /// Inside a move's (or a new mentor's) transaction: ends every live grant
    /// of \a enrollmentId, \a hire's; \a ended lists them for the entry. At
    /// the source too: the login of every credential the log ever granted in
    /// \a enrollmentId is dropped (dropAtSource()); \a pending names those
    /// that could not be, recorded as pending revokes for the next sweep.
    Error endLiveGrants(qint64 enrollmentId, const Person& hire, QJsonArray* ended, QJsonArray* pending = nullptr);
    /// Drops \a hire's login of each of \a credentialIds at its source, on
    /// every connection any stored version of any checklist names for that
    /// id; one that cannot be dropped is recorded as a pending revoke of
    /// \a enrollmentId (named in \a pending). Ids whose credentials keep their
    /// secrets in the vault alone are passed over.
    Error dropAtSource(qint64 enrollmentId, const Person& hire, const QStringList& credentialIds,
                       QJsonArray* pending = nullptr);
    /// The ids of every credential the log's grant.create and grant.renew
    /// entries ever granted in \a enrollmentId, whatever version they were of.
    Error loggedGrantIds(qint64 enrollmentId, QStringList* out);

    /// The credentials I may see: a hire their own, a mentor their mentees', an admin everyone's.
    /// Costs what the vault holds for an admin: listPage() and listFor() cost what they show.
    Error list(QList<CredentialView>* out);
    /// \a hire's credentials alone, as list() shows them (for the hire, their
    /// mentor or an admin); InvalidInput naming \a hire when they are not
    /// enrolled, as Enrollments::status(). Only their grants are read and verified.
    Error listFor(const QString& hire, QList<CredentialView>* out);
    /// The credentials of up to \a limit hires I may see, in list()'s order
    /// (by the hire's sign-in name), those after the hire named \a after
    /// (empty: from the first); only those hires' rows are read, and only
    /// their grants verified. \a hires: the page's hires in order, those
    /// without a credential too (fewer than \a limit: the last page).
    /// \a more, when given, tells whether a hire I may see follows the page
    /// (one more is looked up, none of theirs read).
    Error listPage(const QString& after, int limit, QList<CredentialView>* out, QStringList* hires = nullptr,
                   bool* more = nullptr);

    /// One credential of the latest checklists as an admin's overview shows it.
    struct Configured {
        CredentialTemplate credential; ///< its fields' templates not filled in
        QDateTime secretSetAt; ///< static ones: when an admin set the secret (invalid: not set)
        /// Production ones: grant rows on record, counted, their signatures
        /// not checked (listFor() and listPage() check those they show).
        int liveGrants = 0;
        int expiredGrants = 0; ///< ended as expired, or past their expiry and not ended yet
        int revokedGrants = 0;
    };
    struct Overview {
        int hires = 0; ///< enrolled hires
        QList<Configured> credentials; ///< each (id, environment) once, in the checklists' order
    };
    /// Admin: the credentials the latest checklists configure, whether each
    /// static secret is set, and the grants of each production one counted
    /// in one aggregate query; costs what the checklists hold, not the hires.
    Error overview(Overview* out);
    /// The hire: one of my credentials and its secret; NotPermitted with the
    /// reason (the gate's reasons, expired, revoked) when it cannot be read.
    Error read(const QString& credentialId, CredentialView* view, SecureBytes* secret);
    /// The hire: every credential I can read now, with its secret (same order);
    /// with \a only, those of that environment alone (no other secret is opened,
    /// and a sandbox-only read records no production export).
    Error readAll(QList<CredentialView>* views, std::vector<SecureBytes>* secrets,
                  std::optional<Environment> only = std::nullopt);
    /// The hire: a fresh sandbox secret; the old one is gone.
    Error reissue(const QString& credentialId);
    /// The hire: puts my own sandbox database of \a credentialId back as it
    /// was on day one (the provider's reset(), signed in with my own
    /// credential), recorded as `credential.reset` (no secret). NotPermitted
    /// for a production credential or one with nothing at its source to reset.
    Error resetSandbox(const QString& credentialId);
    /// Admin, inside a passphrase reset's transaction: \a hire (with their NEW
    /// public key) gets every sandbox credential of their enrollment again,
    /// sealed to that key: the old boxes open only with the key the reset
    /// replaced. \a reissued lists their ids, for the caller's
    /// `credential.reissue` entries. Production grants stay; a mentor renews
    /// them. Nothing to do for someone not enrolled.
    Error reissueSandboxAfterReset(const Person& hire, QStringList* reissued);

    /// The hire's mentor or an admin: ends \a hire's grant of \a credentialId
    /// (its sealed secret deleted, the row kept) and revokes it at the source.
    /// When the source cannot be reached or refuses, the grant ends all the
    /// same, the revocation at the source is recorded as pending (shown as
    /// "revoke pending", retried by sweep()) and \a pendingReason says why.
    Error revoke(const QString& hire, const QString& credentialId, QString* pendingReason = nullptr);
    /// A mentor (their mentees') or an admin (everyone's): ends what has
    /// expired, then retries every pending revocation at the source (an
    /// expired grant's login among them); \a done counts those now done,
    /// \a pending names the others with why, each kept for the next sweep.
    Error sweep(int* done, QStringList* pending);
    /// Every login at a source that provider connection \a connection may
    /// have made and that is not known to be gone: a live grant and a drop
    /// still pending, as the signed log says, and an issued sandbox login of
    /// a hire not disabled; each as "DISPLAY NAME's CREDENTIAL", name order.
    Error loginsOn(const QString& connection, QStringList* out);
    /// One login at a source that the signed log (or an issued sandbox row)
    /// says is live or waits for its drop.
    struct SourceLogin {
        qint64 enrollmentId = 0;
        qint64 hireId = 0;
        QString hire; ///< the hire's login name
        QString hireShown; ///< their display name, or the login name
        QString credentialId;
        QStringList connections; ///< the provider connections its templates name
        /// Set when who holds it cannot be told (from LoggedFacts alone):
        /// why. Such a login is listed all the same, never skipped; so is
        /// one whose templates cannot be told (no connections then).
        QString unresolved = {};
    };
    /// What sourceLogins() takes from a verified signed log instead of the
    /// rows, which anyone holding the master key can rewrite: each
    /// enrollment's hire, and the checklist versions whose rows the log
    /// vouches for (the only templates read).
    struct LoggedFacts {
        struct Hire {
            qint64 id = 0;
            QString name;
            QString shown;
            bool disabled = false;
        };
        QHash<qint64, Hire> hires; ///< by enrollment
        QSet<qint64> checklistRows;
    };
    /// Every login loginsOn() counts, on any connection, in enrollment order.
    /// With \a logged, its hires and templates only; a login it cannot place
    /// is listed with why (SourceLogin::unresolved).
    Error sourceLogins(QList<SourceLogin>* out, const LoggedFacts* logged = nullptr);
    /// Admin: records that \a hire's login of \a credentialId at its source,
    /// which this vault's log does not know of (another copy of the vault
    /// made it), is to be dropped, in a signed `credential.drop` naming \a
    /// reason and "pending"; the sweep drops it. \a sourceDsns (connection
    /// name to DSNs) names servers the login may have been made at besides
    /// the ones this vault's log set: not being at the current one is then
    /// not taken for dropped. InvalidInput, nothing written, when no stored
    /// checklist version names a postgresql source for \a credentialId on
    /// one of \a connections (any, when it is empty).
    Error recordUnknownLogin(qint64 enrollmentId, const Person& hire, const QString& credentialId,
                             const QStringList& connections, const QString& reason, const QJsonObject& sourceDsns);
    /// Admin: drops at its source \a hireName's login of \a credentialId
    /// that no enrollment of this vault made (a restore's copy lacks the
    /// enrollment another copy made it for), and says so in a signed
    /// `credential.drop` of enrollment 0 naming \a reason: "dropped", or
    /// "pending" (\a dropped false, \a why says why). The sweep cannot
    /// retry it (no enrollment): the caller names it. InvalidInput, nothing
    /// done, when no stored version names a postgresql source for it.
    Error dropOrphanLogin(const QString& hireName, const QString& credentialId, const QString& reason, bool* dropped,
                          QString* why);
    /// Admin: sweep() for the pending drops of \a logins (enrollment,
    /// credential) alone. \a outcome gets each one tried: empty when it was
    /// dropped, else why it stays pending.
    Error dropLogins(const QSet<QPair<qint64, QString>>& logins, QHash<QPair<qint64, QString>, QString>* outcome);
    /// A mentor (their mentees') or an admin (everyone's), before an act
    /// that loads a provider: retries the drops at the source that the
    /// signed log says are pending, quietly: one that fails again stays
    /// pending, and a vault that does not check skips them all, never
    /// failing the act that follows. \a dropped names those now done
    /// ("hal's live-pg"). Nothing for a hire.
    Error retryPendingRevokes(QStringList* dropped);
    /// Admin, once \a hire is disabled: every credential whose provider acts
    /// at its source (a `postgresql` login) that the log ever granted them,
    /// in any enrollment and any checklist version, and every one of their
    /// enrollment's checklist now, is revoked there, on every connection a
    /// stored version names for it; the first failure is returned, naming
    /// the credential, after the others were tried (each kept pending).
    Error revokeAtSource(const Person& hire);
    /// The hire's mentor or an admin: a new grant, re-sealed, with a new expiry.
    Error renew(const QString& hire, const QString& credentialId, QDateTime* expires);
    /// Admin: sets the secret of a static credential and seals it to every
    /// enrolled hire's sandbox row or live grant that uses it; \a delivered counts them.
    Error setSecret(const QString& credentialId, const SecureBytes& secret, int* delivered);
    /// Admin: how many hires setSecret() would seal a new secret of static
    /// credential \a credentialId to now (0 for an id no static credential
    /// has): what the question before a replacement says.
    Error recipients(const QString& credentialId, int* count);
    /// Admin: the shared kept secrets that do not open where they are kept
    /// (a box rewritten or moved outside Onramp, or a row planted), id
    /// order: what fails Ledger::require(). Those a latest checklist's
    /// static credential names go to \a toSet (setSecret() repairs them),
    /// the others to \a toRemove (unsetSecret() does). Read to offer a
    /// repair, never to decide.
    Error secretsToSetAgain(QStringList* toSet, QStringList* toRemove = nullptr);
    /// Admin, the repair of a shared kept secret that does not open and
    /// that no latest checklist's static credential names: its rows go,
    /// and the whole check runs again before anything is kept (as in
    /// setSecret(), other such secrets are left for their own repair). A
    /// secret a checklist uses, or one that opens, is InvalidInput.
    Error unsetSecret(const QString& credentialId);

    /// An admin or a mentor: for every static credential of the latest
    /// checklists (production ones and sandbox ones), whether an admin has set
    /// its secret and when. A stored secret that does not open counts as not set.
    /// Who set it comes from the log's newest `credential.set` entry for it,
    /// taken only when its hash and its actor's signature hold and the actor
    /// is an admin.
    Error secretStates(QList<SecretState>* out);

    /// A sandbox_credentials row, read by its key.
    struct SandboxRow {
        qint64 rowId = 0;
        QVariant sealed;
        QString issuedAt;
        QVariant fields;
    };
    /// Whether a row that the index does not know is looked for in the table.
    enum class Absent { Unconfirmed, Confirmed };
    /// The sandbox row of \a credentialId for enrollment \a enrollmentId (none:
    /// not issued), found through the table's key index and held to the
    /// table: ErrorKind::Damaged when the index answers with another row or
    /// names more than one, and, with Absent::Confirmed, when it leaves out
    /// the row that has the key (looked for NOT INDEXED).
    static Error findSandbox(Database& db, qint64 enrollmentId, const QString& credentialId, Absent absent,
                             std::optional<SandboxRow>* out);

    /// How long a production grant lasts when its template gives no ttl.
    static constexpr qint64 kDefaultTtlSeconds = 30 * 24 * 3600;

private:
    /// Retries every pending revocation at the source I may (sweep()'s
    /// loop); \a dropped, when given, names those done.
    /// \a only: those pairs alone; \a outcome: each tried, empty when dropped, else why not.
    Error retryPendingRows(int* done, QStringList* dropped, QStringList* pending,
                           const QSet<QPair<qint64, QString>>* only = nullptr,
                           QHash<QPair<qint64, QString>, QString>* outcome = nullptr);
    /// One enrollment as the credential functions need it.
    struct Subject {
        qint64 enrollmentId = 0;
        Person hire;
        Person mentor;
        Decision decision;
        Checklist checklist;
    };
    /// What list() reads for every visible enrollment at once.
    struct Known;
    /// The subjects of \a statuses, each checklist version read once.
    Error subjectsOf(const QList<EnrollmentStatus>& statuses, QList<Subject>* out);
    /// Ends what has expired among \a subjects' grants, then their views
    /// (the hire's own read afresh, after issuing a missing sandbox credential).
    Error present(const QList<Subject>& subjects, Known* known, QList<CredentialView>* out);
    /// \a cache: checklist versions already read in this call, by (id, version).
    Error load(const EnrollmentStatus& status, Subject* out, QHash<QPair<QString, int>, Checklist>* cache = nullptr);
    /// \a subjects' sandbox rows and grants; \a scoped: of those enrollments
    /// alone (through the indexes), else of every enrollment I may see.
    Error readKnown(const QList<Subject>& subjects, Known* out, bool scoped = false);
    Error loadFor(const QString& hire, Subject* out, Enrollments::Check check = Enrollments::Check::Verified);
    Error mine(Subject* out);
    /// \a known: read in advance by list(); null: read here.
    Error views(const Subject& subject, QList<CredentialView>* out, const Known* known = nullptr);
    /// Mine (the hire's), with missing sandbox credentials issued and expired grants purged, and their views.
    Error mineNow(Subject* subject, QList<CredentialView>* all);
    Error purgeExpired(const Subject& subject);
    /// Ends, in one statement, every live grant among \a known's that has
    /// expired; writes nothing when none has.
    Error purgeExpired(const QList<Subject>& subjects, Known* known);
    Error ensureSandbox(const Subject& subject);
    /// Issues \a credential from its provider and seals it to \a hire as a
    /// grant from \a now until its expiry; \a details are for the audit entry.
    Error grantOne(qint64 enrollmentId, const Person& hire, const CredentialTemplate& credential, const QDateTime& now,
                   QJsonObject* details);
    /// \a provider's issue(); one that acts at its source is revoked again
    /// should the open vault transaction roll back (Database::afterRollback).
    Error issueAtSource(std::unique_ptr<Provider> provider, const IssueRequest& request,
                        std::optional<SecureBytes>* secret);
    Error issueOneSandbox(qint64 enrollmentId, const Person& hire, const CredentialTemplate& credential, bool fresh);
    /// Before \a credential is issued at its source: its connection must
    /// serve its environment (ProviderConnections), and no credential of the
    /// other environment in any stored version may name its connection or
    /// groups (ChecklistStore::sourceNames); NotPermitted naming them.
    Error checkSourceWall(const CredentialTemplate& credential);
    /// Every template of \a credentialId in any stored version of any
    /// checklist that acts at its source, once per (provider, connection).
    /// The checklist versions of \a rows, in row order.
    Error storedRows(const QSet<qint64>& rows, QList<StoredChecklist>* out);
    /// With \a rows, only the checklist versions of those rows (no other is read).
    Error sourceTemplates(const QString& credentialId, QList<CredentialTemplate>* out,
                          const QSet<qint64>* rows = nullptr);
    /// Revokes \a hire's login of \a credentialId on each of its source
    /// templates; the first failure in \a failure.
    Error revokeEverywhere(qint64 enrollmentId, const Person& hire, const QString& credentialId, Error* failure);
    Error openSecret(const Subject& subject, const CredentialView& view, SecureBytes* secret);
    /// The hire's own view: whether its box no longer opens with their key.
    void markSealedToOldKey(const Subject& subject, CredentialView* view);
    Error requireGrantor(const Subject& subject, const QString& credentialId, const CredentialTemplate** out);
    /// The environment of static credential \a credentialId in the latest
    /// checklists (none when no static credential has that id), and every
    /// static credential's id in \a statics; refused when one checklist has
    /// it as a sandbox credential and another as a production one.
    Error staticEnvironment(const QString& credentialId, std::optional<Environment>* environment, QStringList* statics);
    /// Calls \a deliver for each enrolled, enabled hire of \a statuses a new secret of
    /// static credential \a credentialId goes to: with grantId 0 for a
    /// sandbox row, else the live production grant's id. setSecret() seals
    /// to them; recipients() counts them.
    Error eachRecipient(const QList<EnrollmentStatus>& statuses, const QString& credentialId, Environment environment,
                        const std::function<Error(const Subject&, const CredentialTemplate&, qint64 grantId)>& deliver);
    /// Records (or clears) that \a credentialId's login of \a enrollmentId at
    /// its source is still to be dropped, with why.
    Error recordPendingRevoke(qint64 enrollmentId, const QString& credentialId, const QDateTime& now, const Error& why);
    Error clearPendingRevoke(qint64 enrollmentId, const QString& credentialId);
    static Error expiredAtSource();
    /// Whether \a credential's revocation at its source is pending (\a known: read in advance).
    Error revokePending(qint64 enrollmentId, const CredentialTemplate& credential, const Known* known, bool* out);

    Vault& m_vault;
    const Clock& m_clock;
};

} // namespace onramp
