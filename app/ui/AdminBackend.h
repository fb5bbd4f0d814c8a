#pragma once

#include "ChecklistListModel.h"
#include "CredentialTemplateModel.h"
#include "EnrollmentListModel.h"
#include "PersonListModel.h"
#include "VaultBackend.h"

#include <QUrl>

namespace onramp::ui {

/// The admin's forms: people, checklists, enrollments and the secrets of
/// static credentials.
class AdminBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(onramp::ui::PersonListModel* people READ people CONSTANT FINAL)
    /// The latest version of every checklist.
    Q_PROPERTY(onramp::ui::ChecklistListModel* checklists READ checklists CONSTANT FINAL)
    /// Every enrollment, with the checklist version it is on and the latest one.
    Q_PROPERTY(onramp::ui::EnrollmentListModel* enrollments READ enrollments CONSTANT FINAL)
    /// Every checklist's credential templates.
    Q_PROPERTY(onramp::ui::CredentialTemplateModel* credentialTemplates READ credentialTemplates CONSTANT FINAL)
    /// The enabled hires and mentors, for the enrollment form.
    Q_PROPERTY(QStringList hires READ hires NOTIFY changed FINAL)
    Q_PROPERTY(QStringList mentors READ mentors NOTIFY changed FINAL)
    /// The same people for the pickers: [{name, shownName, label}] (PersonListModel::choices);
    /// the hires only those not enrolled yet (a hire has one enrollment, moved to another version or checklist).
    Q_PROPERTY(QVariantList hireChoices READ hireChoices NOTIFY changed FINAL)
    Q_PROPERTY(QVariantList mentorChoices READ mentorChoices NOTIFY changed FINAL)
    /// A vault check (checkVault()) or a backup (backUpTo()) is running.
    Q_PROPERTY(bool maintaining READ isMaintaining NOTIFY maintenanceChanged FINAL)
    /// What the last vault check found, one finding a line, after a first
    /// line with its verdict; empty before one ran. What to act on is apart,
    /// in checkWarnings.
    Q_PROPERTY(QString checkReport READ checkReport NOTIFY maintenanceChanged FINAL)
    /// What the last check that passed says to act on (the production key
    /// still sealed into a handed-over slot), one a line: shown in the
    /// warning colour under the report, which keeps the pass's.
    Q_PROPERTY(QString checkWarnings READ checkWarnings NOTIFY maintenanceChanged FINAL)
    /// When the report above was made, and whether the vault changed since
    /// (a write, a backup): "" while there is no report.
    Q_PROPERTY(QString checkAge READ checkAge NOTIFY maintenanceChanged FINAL)
    /// Whether the last vault check found nothing wrong.
    Q_PROPERTY(bool checkPassed READ checkPassed NOTIFY maintenanceChanged FINAL)
    /// The check passed, but says something to act on (the production key
    /// still sealed into a handed-over slot): shown as a warning, not a pass.
    Q_PROPERTY(bool checkWarns READ checkWarns NOTIFY maintenanceChanged FINAL)
    /// Why the lists could not be read (a vault whose records fail its
    /// authority check, Ledger::require()), as a sentence; empty when they were. Nothing of
    /// such a vault is shown: the page says why and leads to the Vault tab.
    Q_PROPERTY(QString problem READ problem NOTIFY problemChanged FINAL)
    /// Whether problem is the vault failing its check (ErrorKind::Damaged),
    /// which a vault check details and a restore repairs.
    Q_PROPERTY(bool damaged READ isDamaged NOTIFY problemChanged FINAL)
    /// What the admin can set again or remove to repair a damaged vault,
    /// the kept secrets that do not open where they are kept: [{kind:
    /// "secret", "unused" (no checklist uses it) or "connection", id: the
    /// credential or connection, environment: what a connection serves}].
    /// setSecret(), unsetSecret() or setConnection() repairs one; the act
    /// checks the whole vault again first.
    Q_PROPERTY(QVariantList repairs READ repairs NOTIFY problemChanged FINAL)

public:
    explicit AdminBackend(QObject* parent = nullptr);

    PersonListModel* people() { return &m_people; }
    ChecklistListModel* checklists() { return &m_checklists; }
    EnrollmentListModel* enrollments() { return &m_enrollments; }
    CredentialTemplateModel* credentialTemplates() { return &m_templates; }
    QStringList hires() const { return m_people.names(Role::Hire); }
    QStringList mentors() const { return m_people.names(Role::Mentor); }
    QVariantList hireChoices() const;
    QVariantList mentorChoices() const { return m_people.choices(Role::Mentor); }
    bool isMaintaining() const { return m_maintaining; }
    QString checkReport() const { return m_checkReport; }
    QString checkAge() const;
    /// Counts the hires a new secret of static credential \a credentialId
    /// reaches at once (Credentials::recipients()): recipientsCounted() tells.
    Q_INVOKABLE void countRecipients(const QString& credentialId);
    bool checkPassed() const { return m_checkPassed; }
    bool checkWarns() const { return !m_checkWarnings.isEmpty(); }
    QString checkWarnings() const { return m_checkWarnings.join(QLatin1Char('\n')); }
    QString problem() const { return m_problem; }
    bool isDamaged() const { return m_damaged; }
    QVariantList repairs() const { return m_repairs; }

    /// What `onramp vault check` runs (Vault::check): the database's
    /// integrity, the audit log, and every record against the signed log.
    Q_INVOKABLE void checkVault();
    /// What `onramp vault rotate-production-key` does
    /// (People::rotateProductionKey); done() or error() says how it went.
    Q_INVOKABLE void rotateProductionKey();
    /// What `onramp backup FILE` does (backup::take) to the file \a file a
    /// save dialog chose (which asked before replacing one).
    Q_INVOKABLE void backUpTo(const QUrl& file);
    /// The file a backup's save dialog suggests: onramp-backup-DATE.onramp in the documents folder.
    Q_INVOKABLE QUrl backupFileSuggestion() const;

    Q_INVOKABLE void addPerson(const QString& name, const QString& displayName, const QString& role,
                               const QString& passphrase);
    /// Disables a person: their passphrase opens nothing any more (a reset enables them again).
    Q_INVOKABLE void disablePerson(const QString& name);
    Q_INVOKABLE void resetPassphrase(const QString& name, const QString& passphrase);
    /// Imports a checklist file (YAML, JSON or Markdown); every problem is reported.
    /// A new version that weakens the gate of the one before it is stored
    /// only with \a acceptWeaker; without it, weakerChecklist() says how.
    Q_INVOKABLE void importChecklist(const QUrl& file, bool acceptWeaker = false);
    /// Sets the secret of a static credential; production ones are sealed under the production key at once.
    Q_INVOKABLE void setSecret(const QString& credentialId, const QString& secret);
    /// Removes a kept secret that does not open and that no checklist uses
    /// (Credentials::unsetSecret): the repair the page offers for it.
    Q_INVOKABLE void unsetSecret(const QString& credentialId);
    /// What `onramp provider set` does (ProviderConnections::setThrough):
    /// sets provider connection \a name to \a dsn with the provisioning
    /// role's \a password, serving \a environment ("sandbox" or
    /// "production") credentials. A new server for a connection whose logins
    /// are live is refused (connectionMoveRefused()) unless \a leftBehind,
    /// the logins the admin was shown, are exactly those; their drops then
    /// stay pending. Refused otherwise, connectionNotSet() follows error().
    Q_INVOKABLE void setConnection(const QString& name, const QString& dsn, const QString& password,
                                   const QString& environment, const QStringList& leftBehind = {});
    Q_INVOKABLE void enroll(const QString& hire, const QString& checklistId, const QString& mentor,
                            const QString& startDate);
    /// The admins and mentors still holding a handed-over first passphrase
    /// (PersonListModel::handedOverKeyHolders): a rotation before they choose
    /// their own seals the new key to what the admin typed too.
    Q_INVOKABLE QStringList handedOverKeyHolders() const { return m_people.handedOverKeyHolders(); }
    /// The hires \a name mentors (enrollments not of disabled hires), by the
    /// names they go by, in the list's order.
    Q_INVOKABLE QStringList menteesOf(const QString& name) const;
    /// Why \a name cannot be a new person's sign-in name (the vault's rule,
    /// or someone has it already), naming it; empty when it can, or is empty.
    Q_INVOKABLE QString personNameProblem(const QString& name) const;
    /// Why \a text cannot be a start date, naming it; empty when it is a YYYY-MM-DD date or empty (today).
    Q_INVOKABLE QString dateProblem(const QString& text) const;
    /// What to know before enrolling with the start date \a text, when it is
    /// a date more than two weeks past (every step shows as overdue at once)
    /// or more than a year ahead; empty otherwise, and for no date.
    Q_INVOKABLE QString startDateWarning(const QString& text) const;
    /// Today, as YYYY-MM-DD.
    Q_INVOKABLE QString today() const;
    /// Moves \a hire's enrollment to \a version (0: the latest) of
    /// \a checklistId (empty: of its own checklist) (Enrollments::moveTo).
    /// A version that weakens the gate of the hire's own is moved to only
    /// when \a acceptedWeakens, what the admin was shown, lists exactly how
    /// it does; otherwise nothing moves and weakerMove() says how.
    Q_INVOKABLE void moveEnrollment(const QString& hire, const QString& checklistId = QString(), int version = 0,
                                    const QStringList& acceptedWeakens = {});
    /// The stored versions of \a hire's checklist other than the one they
    /// are on, newest first, for the move dialog: [{version, label, older}],
    /// `older` when it is earlier than theirs (a move back).
    Q_INVOKABLE QVariantList versionChoices(const QString& hire) const;
    /// Gives \a hire's enrollment the mentor \a mentor and the start date
    /// \a startDate (YYYY-MM-DD) (Enrollments::edit): a signed admin act;
    /// a new mentor reviews again and signs off again.
    Q_INVOKABLE void editEnrollment(const QString& hire, const QString& mentor, const QString& startDate);
    /// The checklists \a hire's enrollment may move to besides its own, at
    /// their latest versions: [{checklistId, label}], in the checklists' order.
    Q_INVOKABLE QVariantList moveTargets(const QString& hire) const;
    /// The titles of the steps \a hire has done that the latest version of
    /// their checklist no longer has: what moving the enrollment drops.
    Q_INVOKABLE QStringList doneStepsDroppedByMove(const QString& hire) const;
    /// What moving \a hire's enrollment to the latest version changes, as
    /// stepChanges(): the steps of their version against the latest one's.
    Q_INVOKABLE QVariantMap stepsChangedByMove(const QString& hire) const;
    /// The steps \a to has that \a from has not, and those \a from has that
    /// \a to has not, matched by id: {added: [title], removed: [title]}, each
    /// in its checklist's order.
    static QVariantMap stepChanges(const QList<Step>& from, const QList<Step>& to);
    /// The words of the dialog that moves \a hire's enrollment to \a version
    /// (0: the latest) of \a checklistId (empty: of its own checklist), one
    /// thing said throughout: {title, text, confirm, cancel, version,
    /// weakens}: version, the one meant (never 0); weakens, how it weakens
    /// the gate of the hire's own (ChecklistStore::weakenings), each said in
    /// the text too, so that one question asks it all.
    /// The text's paragraphs (blank lines between them) say what moves, the
    /// steps it adds, the done steps kept, the steps removed with what was
    /// done on them, and that approvals and the sign-off do not carry over;
    /// a move back to an earlier version, that it brings none of them back.
    Q_INVOKABLE QVariantMap moveWording(const QString& hire, const QString& checklistId = QString(),
                                        int version = 0) const;

Q_SIGNALS:
    /// The lists were read again.
    void changed();
    /// countRecipients(): \a count hires, or -1 when they could not be counted.
    void recipientsCounted(const QString& credentialId, int count);
    void problemChanged();
    /// Checklist \a checklistId was imported (or found unchanged): the page opens it.
    void imported(const QString& checklistId);
    /// \a file would weaken the gate of version \a version of checklist
    /// \a title in each of the ways \a weakens says; nothing was imported.
    void weakerChecklist(const QUrl& file, const QString& title, int version, const QStringList& weakens);
    /// Moving \a hire (shown as \a name) from version \a fromVersion of
    /// \a fromTitle to version \a version of \a title would weaken the gate
    /// in each of the ways \a weakens says; nothing moved. Asked again with
    /// \a checklistId and \a version and acceptWeaker, it moves to just that.
    void weakerMove(const QString& hire, const QString& name, const QString& checklistId, int version,
                    const QString& title, const QString& fromTitle, int fromVersion, const QStringList& weakens);
    /// \a hire was enrolled: the form empties for the next one.
    void enrolled(const QString& hire);
    /// Provider connection \a name was set: the form empties.
    void connectionSet(const QString& name);
    /// Provider connection \a name was not set (error() says why): the form
    /// forgets the password typed.
    void connectionNotSet(const QString& name);
    /// Pointing provider connection \a name at \a dsn was refused: the
    /// logins \a logins made through it are live or wait for their drop at
    /// the server it points at now. Asked again with acceptPendingDrops,
    /// their drops stay pending until it points back.
    void connectionMoveRefused(const QString& name, const QString& dsn, const QStringList& logins);
    void maintenanceChanged();

protected:
    void read() override;
    void clear() override;

private:
    void setProblem(const Error& e, const QVariantList& repairs = {});
    /// The audit log ends at \a head, as read with the lists: a check made
    /// before a later entry is marked as such (checkAge()).
    void noteAuditHead(qint64 head);
    void show(const QList<Person>& people, const QList<StoredChecklist>& checklists,
              const QList<EnrollmentStatus>& enrollments, const QList<SecretState>& secrets,
              const QSet<QString>& handedOver = {}, const QHash<QString, QList<StoredChecklist>>& versions = {},
              const QList<ProviderConnection>& connections = {}, const QMap<QString, QDateTime>& leaked = {});
    /// Version \a version (0: the latest) of \a checklistId as read; null when there is none.
    const StoredChecklist* storedVersion(const QString& checklistId, int version) const;

    PersonListModel m_people;
    ChecklistListModel m_checklists;
    EnrollmentListModel m_enrollments;
    QList<StoredChecklist> m_latest; ///< as m_checklists shows them
    QHash<QString, QList<StoredChecklist>> m_versions; ///< every stored version of each checklist, oldest first
    QList<EnrollmentStatus> m_statuses; ///< as m_enrollments shows them
    CredentialTemplateModel m_templates;
    bool m_maintaining = false;
    QString m_checkReport;
    QDateTime m_checkedAt; ///< when m_checkReport was made
    bool m_checkStale = false; ///< the vault changed since m_checkedAt
    qint64 m_checkedHead = -1; ///< the audit log's last entry when the check ran
    QString m_problem;
    bool m_damaged = false;
    QVariantList m_repairs;
    bool m_checkPassed = false;
    QStringList m_checkWarnings; ///< see checkWarnings
};

} // namespace onramp::ui
