// What the ledger check learns by replaying the signed log, entry by entry:
// the people and enrollments each entry makes, the rows it vouches for and
// the grants it ends, and whether its actor had the authority for it.
// Ledger::verify then holds the vault's rows and key slots against it.
#pragma once

#include "audit/AuditVerifier.h"
#include "audit/Records.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace onramp::ledger {

inline const QString kAdmin = QStringLiteral("admin");
inline const QString kMentor = QStringLiteral("mentor");

/// A row an entry vouched for.
struct Vouched {
    QByteArray digest;
    qint64 sequence = 0;
    qint64 enrollment = 0; ///< the entry's enrollment, 0 when it names none
    QString action;
    QString actor;
};

/// Who vouched for a signed row, and the key the log gave them at that
/// entry: what the row's own signature must verify under.
struct Signer {
    qint64 personId = 0;
    QByteArray key;
};

/// A person as the log made them.
struct LoggedPerson {
    QString name;
    QString role;
    QByteArray key;
    bool disabled = false;
    qint64 sequence = 0;
    QList<QByteArray> keys; ///< every key the log gave them, oldest first
    /// The display name the entry that added them gave, when it gave one
    /// (entries before signed display names did not; the row's then goes unchecked).
    std::optional<QString> displayName = {};
};

struct LoggedEnrollment {
    qint64 hire = 0;
    qint64 mentor = 0;
    /// When the admin's desk created it (its `created_at`; entries before
    /// that field had none): no step of it is done before.
    QString createdAt = {};
};

struct Ending {
    QString how;
    qint64 sequence = 0;
    qint64 enrollment = 0; ///< the ending entry's enrollment
    QString credential; ///< the ending entry's credential, when it names one
    /// Ended by a `grant.revoke` that did not name it: every grant of the
    /// pair vouched for before a revocation ends with it. The row may say
    /// 'expired' instead, when its expiry has passed.
    bool implied = false;
};

/// Whether a step record's \a doneAt is the one its standing step.done
/// vouches for (\a logged: Collector::stepsDoneAt's). The entry's `done_at`
/// must match exactly; an entry from before it carried one was written in
/// the row's own transaction, so the row's time must fall in the five
/// minutes up to the entry's.
bool doneAtHolds(const QString& doneAt, const std::pair<QString, QString>& logged);

/// The bytes of a base64 text value of an entry's details.
QByteArray fromBase64(const QJsonValue& value);

/// Collects, entry by entry, what the log vouches for, and refuses an entry
/// whose actor had no authority for it.
class Collector : public AuditVisitor
{
public:
    QString visit(const AuditEntry& entry, const QJsonObject& details, const QString& role,
                  const QByteArray& signerKey) override;

    QByteArray rootKey;
    QByteArray productionCheck;
    qint64 epoch = 0; ///< the newest vault.restore's
    QByteArray restoreSignerKey; ///< who signed it, with the key they had then
    QString restoreSignerName;
    QHash<qint64, LoggedPerson> people;
    QHash<qint64, LoggedEnrollment> enrollments;
    QHash<QString, QHash<qint64, Vouched>> vouched;
    /// Rows a signed move ended, by table: who ended each (not what it held).
    QHash<QString, QHash<qint64, Vouched>> endedByMove;
    QHash<qint64, Ending> endings;
    /// Every grant vouched for: its enrollment and credential.
    QHash<qint64, std::pair<qint64, QString>> grantPairs;
    QHash<std::pair<qint64, QString>, bool> stepsDone; ///< (enrollment, step): done by the log
    /// (enrollment, step): the standing step.done's `done_at` (entries from
    /// before it carried one: empty) and the entry's own time.
    QHash<std::pair<qint64, QString>, std::pair<QString, QString>> stepsDoneAt;
    /// Each enrollment's moves in the log's order: the sequence of every
    /// `enrollment.move` (true) and of every `enrollment.edit` that gave it
    /// another mentor (false), what Enrollments reads through the log's
    /// index by action.
    QHash<qint64, QList<std::pair<qint64, bool>>> moves;
    /// The key each step review, sign-off and grant must verify under, by
    /// table ("step_reviews", "signoffs", "credential_grants") and row: the
    /// one the log gave its author at the entry that vouched for the row (a
    /// reset since gives another).
    QHash<QString, QHash<qint64, Signer>> signers;
    /// The seal of every kept secret shared by every hire, as the newest
    /// admin's entry that stored or removed it names it.
    records::KeptSeals seals;
    /// The last entry the walk visited, and its hash: where what it found ends.
    qint64 lastSequence = 0;
    QByteArray lastHash;
};

} // namespace onramp::ledger
