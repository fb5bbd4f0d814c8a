#include "audit/Ledger.h"

#include "Crypto.h"
#include "Database.h"
#include "KeyFile.h"
#include "KeyFileStore.h"
#include "ProductionKey.h"
#include "Schema.h"
#include "TrustStore.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"
#include "audit/Records.h"
#include "audit/SignatureChecks.h"
#include "vault/Vault.h"
#include "vault/VaultInternal.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QThreadPool>

namespace onramp {

namespace {

const QString kAdmin = QStringLiteral("admin");
const QString kMentor = QStringLiteral("mentor");

/// A row an entry vouched for.
struct Vouched {
    QByteArray digest;
    qint64 sequence = 0;
    qint64 enrollment = 0; ///< the entry's enrollment, 0 when it names none
    QString action;
    QString actor;
};

/// A person as the log made them.
struct LoggedPerson {
    QString name;
    QString role;
    QByteArray key;
    bool disabled = false;
    qint64 sequence = 0;
    QList<QByteArray> keys; ///< every key the log gave them, oldest first
};

struct LoggedEnrollment {
    qint64 hire = 0;
    qint64 mentor = 0;
};

struct Ending {
    QString how;
    qint64 sequence = 0;
    qint64 enrollment = 0; ///< the ending entry's enrollment
    QString credential; ///< the ending entry's credential, when it names one
};

QByteArray fromBase64(const QJsonValue& value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

/// Which tables each action may vouch for; any other action vouches for none.
const QHash<QString, QString>& vouchingActions()
{
    static const QHash<QString, QString> actions = {
        {QStringLiteral("checklist.import"), QStringLiteral("checklists")},
        {QStringLiteral("checklist.save"), QStringLiteral("checklists")},
        {QStringLiteral("enrollment.create"), QStringLiteral("enrollments")},
        {QStringLiteral("enrollment.move"), QStringLiteral("enrollments")},
        {QStringLiteral("enrollment.edit"), QStringLiteral("enrollments")},
        {QStringLiteral("step.approve"), QStringLiteral("step_reviews")},
        {QStringLiteral("step.reject"), QStringLiteral("step_reviews")},
        {QStringLiteral("signoff"), QStringLiteral("signoffs")},
        {QStringLiteral("grant.create"), QStringLiteral("credential_grants")},
        {QStringLiteral("grant.renew"), QStringLiteral("credential_grants")},
    };
    return actions;
}

/// Collects, entry by entry, what the log vouches for, and refuses an entry
/// whose actor had no authority for it.
class Collector : public AuditVisitor
{
public:
    QString visit(const AuditEntry& entry, const QJsonObject& details, const QString& role) override
    {
        const QString& action = entry.action;
        const qint64 personId = details.value(QStringLiteral("person_id")).toInteger();
        if (entry.sequence == 1 && action == QLatin1String("vault.create")) {
            rootKey = fromBase64(details.value(QStringLiteral("public_key")));
            productionCheck = fromBase64(details.value(QStringLiteral("production_key_check")));
            people.insert(entry.actorId,
                          {entry.subject,
                           details.value(QStringLiteral("role")).toString(),
                           rootKey,
                           false,
                           entry.sequence,
                           {rootKey}});
            return {};
        }
        static const QSet<QString> adminActs = {
            QStringLiteral("vault.create"),   QStringLiteral("person.add"),       QStringLiteral("person.disable"),
            QStringLiteral("person.enable"),  QStringLiteral("passphrase.reset"), QStringLiteral("vault.rekey"),
            QStringLiteral("vault.sql"),      QStringLiteral("checklist.import"), QStringLiteral("enrollment.create"),
            QStringLiteral("checklist.save"), QStringLiteral("enrollment.move"),  QStringLiteral("credential.set"),
            QStringLiteral("vault.restore"),  QStringLiteral("person.import"),    QStringLiteral("enrollment.edit")};
        if (adminActs.contains(action) && role != kAdmin)
            return Tr::tr("%1 is an admin's act, but %2 is %3 by the log")
                .arg(action, entry.actorName, role.isEmpty() ? Tr::tr("nobody") : Tr::tr("a %1").arg(role));
        if (action == QLatin1String("vault.create"))
            return Tr::tr("only the first entry creates the vault");
        if (action == QLatin1String("vault.restore")) {
            const qint64 next = details.value(QStringLiteral("epoch")).toInteger();
            if (next != epoch + 1)
                return Tr::tr("it starts restore epoch %1, but the last one was %2").arg(next).arg(epoch);
            epoch = next;
            restoreSignerKey = people.value(entry.actorId).key;
            restoreSignerName = entry.actorName;
        }

        if (action == QLatin1String("person.add")) {
            const QByteArray key = fromBase64(details.value(QStringLiteral("public_key")));
            people.insert(
                personId,
                {entry.subject, details.value(QStringLiteral("role")).toString(), key, false, entry.sequence, {key}});
        }
        // Disabling someone rotates the production key: the entry records the new key's check value.
        if (action == QLatin1String("person.disable") && details.contains(QStringLiteral("production_key_check")))
            productionCheck = fromBase64(details.value(QStringLiteral("production_key_check")));
        if (action == QLatin1String("passphrase.reset") || action == QLatin1String("person.enable")
            || action == QLatin1String("person.disable")) {
            const auto person = people.find(personId);
            if (person == people.end())
                return Tr::tr("it names person %1, whom no entry of the log added").arg(personId);
            person->disabled = action == QLatin1String("person.disable");
            person->sequence = entry.sequence;
            if (action == QLatin1String("passphrase.reset")) {
                person->key = fromBase64(details.value(QStringLiteral("public_key")));
                person->keys.append(person->key);
            }
        }

        // Enrollment-bound acts: the enrollment's mentor, or (grants) an admin.
        const qint64 enrollment = details.value(QStringLiteral("enrollment")).toInteger();
        static const QSet<QString> mentorActs = {QStringLiteral("step.approve"), QStringLiteral("step.reject"),
                                                 QStringLiteral("signoff")};
        static const QSet<QString> grantActs = {QStringLiteral("grant.create"), QStringLiteral("grant.renew"),
                                                QStringLiteral("grant.revoke")};
        const bool vouches = details.contains(records::key()) || details.contains(QStringLiteral("ended_grants"));
        if (mentorActs.contains(action) || grantActs.contains(action)) {
            if (enrollment == 0) {
                if (vouches)
                    return Tr::tr("it vouches for records but names no enrollment");
            } else {
                const auto logged = enrollments.constFind(enrollment);
                if (logged == enrollments.cend())
                    return Tr::tr("it names enrollment %1, which no admin's entry created").arg(enrollment);
                const bool isMentor = entry.actorId == logged->mentor && role == kMentor;
                if (mentorActs.contains(action) && !isMentor)
                    return Tr::tr("only the enrollment's mentor (person %1) may record %2; %3 is not them")
                        .arg(logged->mentor)
                        .arg(action, entry.actorName);
                if (grantActs.contains(action) && !isMentor && role != kAdmin)
                    return Tr::tr("only the enrollment's mentor (person %1) or an admin may record %2; %3 is "
                                  "neither")
                        .arg(logged->mentor)
                        .arg(action, entry.actorName);
            }
        }
        // A step is done by its hire's own signed entry and undone by theirs,
        // by the mentor's rejection or by a move to a version without it.
        const QString step = details.value(QStringLiteral("step")).toString();
        if ((action == QLatin1String("step.done") || action == QLatin1String("step.undo")) && enrollment != 0) {
            const auto logged = enrollments.constFind(enrollment);
            if (logged == enrollments.cend() || logged->hire != entry.actorId)
                return Tr::tr("only the enrollment's hire marks its steps; %1 is not them").arg(entry.actorName);
            stepsDone.insert({enrollment, step}, action == QLatin1String("step.done"));
        }
        if (action == QLatin1String("step.reject") && enrollment != 0)
            stepsDone.insert({enrollment, step}, false);
        if (action == QLatin1String("enrollment.move"))
            for (const QJsonValue& dropped : details.value(QStringLiteral("dropped_steps")).toArray())
                stepsDone.insert({enrollment, dropped.toString()}, false);

        if (action == QLatin1String("enrollment.create")) {
            const qint64 hire = details.value(QStringLiteral("hire_id")).toInteger();
            const qint64 mentor = details.value(QStringLiteral("mentor_id")).toInteger();
            if (enrollment != 0) {
                if (people.value(hire).role != QLatin1String("hire") || people.value(mentor).role != kMentor)
                    return Tr::tr("it enrolls person %1 with mentor %2, who are not a hire and a mentor by the log")
                        .arg(hire)
                        .arg(mentor);
                enrollments.insert(enrollment, {hire, mentor});
            }
        }

        // A new mentor decides the enrollment's reviews and sign-off from here on.
        if (action == QLatin1String("enrollment.edit")) {
            const auto logged = enrollments.find(enrollment);
            if (logged == enrollments.end())
                return Tr::tr("it edits enrollment %1, which no admin's entry created").arg(enrollment);
            const qint64 mentor = details.value(QStringLiteral("mentor_id")).toInteger();
            if (people.value(mentor).role != kMentor)
                return Tr::tr("it gives enrollment %1 the mentor %2, who is not a mentor by the log")
                    .arg(enrollment)
                    .arg(mentor);
            logged->mentor = mentor;
            for (const QJsonValue& value : details.value(records::key()).toArray())
                if (value.toObject().value(QStringLiteral("id")).toInteger() != enrollment)
                    return Tr::tr("it edits enrollment %1 but vouches for another one").arg(enrollment);
        }

        const QString table = vouchingActions().value(action);
        for (const QJsonValue& value : details.value(records::key()).toArray()) {
            const QJsonObject record = value.toObject();
            const QString named = record.value(QStringLiteral("table")).toString();
            if (named != table)
                return Tr::tr("a %1 entry cannot vouch for a %2 row").arg(action, named);
            if (action == QLatin1String("enrollment.move")
                && !enrollments.contains(record.value(QStringLiteral("id")).toInteger()))
                return Tr::tr("it moves enrollment %1, which no admin's entry created")
                    .arg(record.value(QStringLiteral("id")).toInteger());
            const qint64 id = record.value(QStringLiteral("id")).toInteger();
            vouched[named].insert(id,
                                  {fromBase64(record.value(QStringLiteral("digest"))), entry.sequence,
                                   named == QLatin1String("enrollments") ? 0 : enrollment, action, entry.actorName});
            endedByMove[named].remove(id); // the id is a new row's now
        }
        // A move to another checklist ends the enrollment's reviews and
        // sign-offs, signed over the old one, and so does a new mentor:
        // their rows go, named here.
        for (const auto& [key, endedTable] :
             {std::pair{QStringLiteral("ended_reviews"), QStringLiteral("step_reviews")},
              std::pair{QStringLiteral("ended_signoffs"), QStringLiteral("signoffs")}}) {
            const QJsonArray rows = details.value(key).toArray();
            if (!rows.isEmpty() && action != QLatin1String("enrollment.move")
                && action != QLatin1String("enrollment.edit"))
                return Tr::tr("a %1 entry cannot end %2 rows").arg(action, endedTable);
            for (const QJsonValue& value : rows) {
                auto& table = vouched[endedTable];
                const auto row = table.constFind(value.toInteger());
                if (row == table.cend() || row->enrollment != enrollment)
                    return Tr::tr("it ends %1 row %2, which is not enrollment %3's")
                        .arg(endedTable)
                        .arg(value.toInteger())
                        .arg(enrollment);
                endedByMove[endedTable].insert(row.key(),
                                               {row->digest, entry.sequence, enrollment, action, entry.actorName});
                table.erase(row);
            }
        }
        const QJsonArray ended = details.value(QStringLiteral("ended_grants")).toArray();
        // A new grant ends the live one it replaces, as a renewal does.
        if (!ended.isEmpty() && action != QLatin1String("grant.revoke") && action != QLatin1String("grant.renew")
            && action != QLatin1String("grant.create") && action != QLatin1String("enrollment.move")
            && action != QLatin1String("enrollment.edit"))
            return Tr::tr("a %1 entry cannot end a grant").arg(action);
        for (const QJsonValue& value : ended) {
            const QJsonObject grant = value.toObject();
            endings.insert(grant.value(QStringLiteral("id")).toInteger(),
                           {grant.value(QStringLiteral("how")).toString(), entry.sequence, enrollment,
                            details.value(QStringLiteral("credential")).toString()});
        }
        return {};
    }

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
    QHash<std::pair<qint64, QString>, bool> stepsDone; ///< (enrollment, step): done by the log
};

Error damaged(const QString& message)
{
    return Error(ErrorKind::Damaged, message);
}

QString entryText(const Vouched& v)
{
    return Tr::tr("entry %1 (%2 by %3)").arg(v.sequence).arg(v.action, v.actor);
}

Error reconcileRecords(Database& db, const Collector& log, qint64* count)
{
    for (const QString& table : records::vouchedTables()) {
        const QHash<qint64, Vouched> vouched = log.vouched.value(table);
        const QHash<qint64, Vouched> endedByMove = log.endedByMove.value(table);
        const bool perEnrollment = records::columnsOf(table).contains(QStringLiteral("enrollment_id"));
        QList<QVariantList> rows;
        if (Error e =
                db.execute(perEnrollment ? QStringLiteral("SELECT id, enrollment_id FROM %1 ORDER BY id").arg(table)
                                         : QStringLiteral("SELECT id, 0 FROM %1 ORDER BY id").arg(table),
                           {}, &rows))
            return e;
        QHash<qint64, QByteArray> digests;
        if (Error e = records::digestAll(db, table, &digests))
            return e;
        QSet<qint64> present;
        for (const QVariantList& row : rows) {
            const qint64 id = row.at(0).toLongLong();
            present.insert(id);
            const auto v = vouched.constFind(id);
            if (v == vouched.cend()) {
                // Ended by a signed move or mentor change, yet here: put back, not made up.
                const auto end = endedByMove.constFind(id);
                if (end != endedByMove.cend() && end->action == QLatin1String("enrollment.edit"))
                    return damaged(Tr::tr("%1 row %2: %3 ended it when it gave enrollment %4 another mentor, but "
                                          "the row is still there; it was put back outside Onramp")
                                       .arg(table)
                                       .arg(id)
                                       .arg(entryText(*end))
                                       .arg(end->enrollment));
                if (end != endedByMove.cend())
                    return damaged(Tr::tr("%1 row %2: %3 ended it when it moved enrollment %4 to another "
                                          "checklist, but the row is still there; it was put back outside Onramp")
                                       .arg(table)
                                       .arg(id)
                                       .arg(entryText(*end))
                                       .arg(end->enrollment));
                return damaged(Tr::tr("%1 row %2: no audit entry vouches for it; it was written outside Onramp")
                                   .arg(table)
                                   .arg(id));
            }
            if (digests.value(id) != v->digest)
                return damaged(Tr::tr("%1 row %2: it is not what %3 vouched for; it was edited since")
                                   .arg(table)
                                   .arg(id)
                                   .arg(entryText(*v)));
            if (v->enrollment != 0 && row.at(1).toLongLong() != v->enrollment)
                return damaged(Tr::tr("%1 row %2: it belongs to enrollment %3, but %4 had authority over "
                                      "enrollment %5 only")
                                   .arg(table)
                                   .arg(id)
                                   .arg(row.at(1).toLongLong())
                                   .arg(entryText(*v))
                                   .arg(v->enrollment));
            ++*count;
        }
        QList<qint64> missing;
        for (auto it = vouched.cbegin(); it != vouched.cend(); ++it)
            if (!present.contains(it.key()))
                missing.append(it.key());
        std::sort(missing.begin(), missing.end());
        if (!missing.isEmpty())
            return damaged(Tr::tr("%1 row %2, which %3 vouched for, is missing: it was deleted")
                               .arg(table)
                               .arg(missing.first())
                               .arg(entryText(vouched.value(missing.first()))));
    }
    return {};
}

/// The hire's claims: every step record is one the hire's own signed
/// step.done made and nothing since undid (another hire cannot mark them).
Error reconcileSteps(Database& db, const Collector& log)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT enrollment_id, step_id FROM step_records ORDER BY enrollment_id, "
                                            "step_id"),
                             {}, &rows))
        return e;
    for (const QVariantList& row : rows)
        if (!log.stepsDone.value({row.at(0).toLongLong(), row.at(1).toString()}))
            return damaged(Tr::tr("step_records (enrollment %1, step '%2'): no step.done entry of the enrollment's "
                                  "hire stands behind it; it was written outside Onramp")
                               .arg(row.at(0).toLongLong())
                               .arg(row.at(1).toString()));
    return {};
}

Error reconcileGrants(Database& db, const Collector& log, const QDateTime& now)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT id, ifnull(ended, ''), expires_at, enrollment_id, credential_id "
                                            "FROM credential_grants"),
                             {}, &rows))
        return e;
    for (const QVariantList& row : rows) {
        const qint64 id = row.at(0).toLongLong();
        const QString ended = row.at(1).toString();
        const auto logged = log.endings.constFind(id);
        if (logged != log.endings.cend()) {
            // An entry ends only a grant of the enrollment (and credential) it names.
            if (row.at(3).toLongLong() != logged->enrollment
                || (!logged->credential.isEmpty() && row.at(4).toString() != logged->credential))
                return damaged(
                    Tr::tr("credential_grants row %1: audit entry %2 ended it for enrollment %3 (%4), but "
                           "the grant is enrollment %5's (%6)")
                        .arg(id)
                        .arg(logged->sequence)
                        .arg(logged->enrollment)
                        .arg(logged->credential, QString::number(row.at(3).toLongLong()), row.at(4).toString()));
            if (ended != logged->how)
                return damaged(Tr::tr("credential_grants row %1: audit entry %2 ended it as %3, but the row says "
                                      "'%4'; the ending was undone outside Onramp")
                                   .arg(id)
                                   .arg(logged->sequence)
                                   .arg(logged->how, ended));
            continue;
        }
        if (ended == QLatin1String("expired")) {
            const QDateTime expires = QDateTime::fromString(row.at(2).toString(), Qt::ISODateWithMs);
            if (!expires.isValid() || expires > now)
                return damaged(Tr::tr("credential_grants row %1 says 'expired' before its expiry").arg(id));
        } else if (!ended.isEmpty()) {
            return damaged(
                Tr::tr("credential_grants row %1 says '%2', but no audit entry ended it").arg(id).arg(ended));
        }
    }
    return {};
}

Error reconcilePeople(Database& db, const Collector& log)
{
    QList<QVariantList> rows;
    if (Error e = db.execute(QStringLiteral("SELECT id, name, role, sign_public_key, disabled FROM people ORDER BY id"),
                             {}, &rows))
        return e;
    QSet<qint64> present;
    for (const QVariantList& row : rows) {
        const qint64 id = row.at(0).toLongLong();
        const QString name = row.at(1).toString();
        present.insert(id);
        const auto person = log.people.constFind(id);
        if (person == log.people.cend())
            return damaged(Tr::tr("people row %1 (%2): no audit entry added them; they were added outside Onramp")
                               .arg(id)
                               .arg(name));
        if (person->name != name)
            return damaged(
                Tr::tr("people row %1: the log added them as %2, but the row says %3").arg(id).arg(person->name, name));
        if (person->role != row.at(2).toString())
            return damaged(Tr::tr("people row %1 (%2): the log made them a %3, but the row says %4")
                               .arg(id)
                               .arg(name, person->role, row.at(2).toString()));
        if (person->key != row.at(3).toByteArray())
            return damaged(Tr::tr("people row %1 (%2): their key is not the one entry %3 gave them")
                               .arg(id)
                               .arg(name)
                               .arg(person->sequence));
        if (person->disabled != (row.at(4).toLongLong() != 0))
            return damaged(Tr::tr("people row %1 (%2): entry %3 left them %4, but the row says otherwise")
                               .arg(id)
                               .arg(name)
                               .arg(person->sequence)
                               .arg(person->disabled ? Tr::tr("disabled") : Tr::tr("enabled")));
    }
    for (auto it = log.people.cbegin(); it != log.people.cend(); ++it)
        if (!present.contains(it.key()))
            return damaged(Tr::tr("people row %1 (%2), added by entry %3, is missing: it was deleted")
                               .arg(it.key())
                               .arg(it->name)
                               .arg(it->sequence));
    return {};
}

/// A key slot as the rules below see it: its facts, and whether a given
/// public key signed it (checked, or known from a check before).
struct SlotUnderCheck {
    SlotFacts facts;
    std::function<bool(const QByteArray& key)> signedWith;
};

/// Whether an enabled admin of the log, under any key the log gave them, signed \a slot.
bool signedByAnAdmin(const SlotUnderCheck& slot, const QHash<QString, const LoggedPerson*>& byName)
{
    const LoggedPerson* signer = byName.value(slot.facts.signedBy);
    if (!signer || signer->role != kAdmin || signer->disabled)
        return false;
    for (const QByteArray& key : signer->keys)
        if (slot.signedWith(key))
            return true;
    return false;
}

/// Why \a slot cannot stand for \a person as the log has them, or empty.
QString standing(const SlotUnderCheck& slot, const LoggedPerson& person, const Collector& log,
                 const QHash<QString, const LoggedPerson*>& byName)
{
    const SlotFacts& f = slot.facts;
    if (f.signPublicKey != person.key)
        return Tr::tr("its key is not the one entry %1 gave them").arg(person.sequence);
    if (person.disabled && !f.disabled)
        return Tr::tr("it holds keys, but entry %1 disabled them").arg(person.sequence);
    // An emptied slot put in place of an enabled person's (a copy kept from a
    // disable that never committed) would lock them out unseen.
    if (!person.disabled && f.disabled)
        return Tr::tr("it is emptied, but the log has them enabled");
    // It holds the current production key (or, while a rotation settles,
    // the pending one is the current): an older slot put back does not.
    if (f.holdsProductionKey && f.productionKeyCheck != log.productionCheck
        && (!f.holdsPendingProductionKey || f.pendingProductionKeyCheck != log.productionCheck))
        return Tr::tr("it holds a production key that is not the vault's current one (an older slot put back?)");
    const bool signedWell = f.signedBy == f.name ? slot.signedWith(person.key) : signedByAnAdmin(slot, byName);
    if (!signedWell)
        return Tr::tr("it is not signed by its owner or by an admin of the log (signed by '%1')").arg(f.signedBy);
    return {};
}

/// Why a slot kept beside its replacement (superseded) is damaged, or empty:
/// it may stand for its person, so it must be whole and signed by them or by
/// an admin of the log, whether or not it stands now.
QString supersededProblem(const SlotUnderCheck& before, const QHash<QString, const LoggedPerson*>& byName)
{
    const LoggedPerson* person = byName.value(before.facts.name);
    bool signedWell = false;
    if (person && before.facts.signedBy == before.facts.name) {
        for (const QByteArray& key : person->keys) // a reset may have given them a new key since
            signedWell = signedWell || before.signedWith(key);
    } else {
        signedWell = signedByAnAdmin(before, byName);
    }
    if (!before.facts.problem.isEmpty())
        return before.facts.problem;
    if (!signedWell)
        return Tr::tr("it is not signed by its owner or by an admin of the log");
    return {};
}

constexpr QByteArrayView kStoredChecksPurpose("onramp verified signatures");

/// Where \a vault's person keeps the slot signature checks that held, on
/// this desktop: beside the desktop's trust file of the vault, one file a
/// person (by a hash of their name).
QString storedChecksPath(const Vault& vault)
{
    const QByteArray name = vault.me().name.toUtf8();
    unsigned char tag[8];
    crypto_generichash(tag, sizeof tag, reinterpret_cast<const unsigned char*>(name.constData()),
                       static_cast<unsigned long long>(name.size()), nullptr, 0);
    return QDir(TrustStore::directory())
        .filePath(vault.vaultId() + QStringLiteral(".signatures-")
                  + QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(tag), sizeof tag).toHex()));
}

/// A slot read whole, its signatures checked through \a cache (checks that
/// held before, by a hash of what was checked).
SlotUnderCheck underCheck(const QString& vaultId, const KeySlot& slot, VerifiedSignatures* cache)
{
    const QByteArray message = slot.signature.isEmpty() ? QByteArray() : slot.canonical(vaultId);
    const QByteArray signature = slot.signature;
    return {SlotFacts::of(slot), [message, signature, cache](const QByteArray& key) {
                return !signature.isEmpty() && cache->verify(message, signature, key);
            }};
}

/// A row known from before (VerifiedSlots), when every key its signer has
/// by the log was tried on it then; otherwise it must be read again.
std::optional<SlotUnderCheck> remembered(const VerifiedSlots::Entry& entry,
                                         const QHash<QString, const LoggedPerson*>& byName)
{
    const LoggedPerson* signer = byName.value(entry.facts.signedBy);
    if (signer && entry.facts.isSigned)
        for (const QByteArray& key : signer->keys)
            if (!entry.signedWith.contains(key))
                return std::nullopt;
    const QHash<QByteArray, bool> signedWith = entry.signedWith;
    const bool isSigned = entry.facts.isSigned;
    return SlotUnderCheck{entry.facts, [signedWith, isSigned](const QByteArray& key) {
                              return isSigned && signedWith.value(key, false);
                          }};
}

/// Every key slot: sound, signed by its owner or by an admin by the log, for
/// a person the log knows with the key the log gave them; every enabled
/// person has one. The slots \a keys holds are checked as held (the act
/// writes them back); a partial read's other rows (KeyFile::otherRows()) as
/// they are in the store: by their digest when \a rows remembers them, read
/// again and checked otherwise. \a cache: see underCheck(). The names of
/// slots for nobody that may go (what a stopped `person add` left) are
/// added to \a forNobody.
Error reconcileSlots(const KeyFile& keys, const QString& keyPath, const Collector& log, VerifiedSignatures* cache,
                     VerifiedSlots* rows, QStringList* forNobody)
{
    QHash<QString, const LoggedPerson*> byName;
    for (auto it = log.people.cbegin(); it != log.people.cend(); ++it)
        byName.insert(it->name, &*it);

    // The other rows: known ones by their digest; the rest, read by name.
    struct Known {
        QString name;
        int state = 0;
        SlotUnderCheck slot;
    };
    QList<Known> known;
    QStringList unknown;
    for (const KeyFile::RowDigest& row : keys.otherRows()) {
        std::optional<VerifiedSlots::Entry> entry = rows->find(row.digest);
        std::optional<SlotUnderCheck> slot = entry ? remembered(*entry, byName) : std::nullopt;
        if (slot)
            known.append({row.name, row.state, std::move(*slot)});
        else if (!unknown.contains(row.name))
            unknown.append(row.name);
    }
    known.removeIf([&unknown](const Known& k) { return unknown.contains(k.name); });
    struct Read {
        KeySlot slot;
        int state = 0;
        QByteArray digest;
    };
    QList<Read> read;
    if (!unknown.isEmpty())
        if (Error e = KeyFileStore::readRows(keyPath, keys.vaultId, unknown, [&](const KeyFileStore::RowView& row) {
                read.append({KeyFileStore::slotFromRecord(row.name, row.record.toByteArray()), row.state,
                             KeyFileStore::rowDigest(keys.vaultId, row.name, row.state, row.record)});
            }))
            return e;
    // What was read again by name is every row the pass over the store saw
    // of that name: an index a hire rewrote cannot hide one from the check.
    {
        QHash<QString, int> listed;
        for (const KeyFile::RowDigest& row : keys.otherRows())
            if (unknown.contains(row.name))
                ++listed[row.name];
        QHash<QString, int> found;
        for (const Read& r : std::as_const(read))
            ++found[r.slot.name];
        for (auto it = listed.cbegin(); it != listed.cend(); ++it)
            if (found.value(it.key()) != it.value())
                return Error(ErrorKind::Damaged,
                             Tr::tr("key file %1: the rows of %2 read by name are not the rows the store holds "
                                    "(it was changed outside Onramp)")
                                 .arg(keyPath, it.key()));
    }

    // Every signature the rules below may ask about, checked ahead on all
    // cores; the rules then find each in the cache (or check it again).
    std::vector<VerifiedSignatures::Signed> ahead;
    const auto signersOf = [&](const KeySlot& slot) {
        const LoggedPerson* signer = byName.value(slot.signedBy);
        if (!signer || slot.signature.isEmpty())
            return;
        const QByteArray message = slot.canonical(keys.vaultId);
        for (const QByteArray& key : signer->keys)
            ahead.push_back({message, slot.signature, key});
    };
    for (const KeySlot& slot : keys.slots)
        signersOf(slot);
    for (const KeySlot& slot : keys.superseded)
        signersOf(slot);
    for (const Read& r : std::as_const(read))
        signersOf(r.slot);
    cache->verifyAll(std::move(ahead), QThreadPool::globalInstance());
    // What was read again is remembered by its digest, with the outcome of
    // each key its signer has by the log.
    for (const Read& r : std::as_const(read)) {
        VerifiedSlots::Entry entry{SlotFacts::of(r.slot), {}};
        if (const LoggedPerson* signer = byName.value(r.slot.signedBy); signer && !r.slot.signature.isEmpty()) {
            const QByteArray message = r.slot.canonical(keys.vaultId);
            for (const QByteArray& key : signer->keys)
                entry.signedWith.insert(key, cache->holds(message, r.slot.signature, key));
        }
        rows->remember(r.digest, std::move(entry));
        known.append({r.slot.name, r.state, underCheck(keys.vaultId, r.slot, cache)});
    }

    QSet<QString> slotted;
    const auto slotDamaged = [&](const QString& name, const QString& why) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1: the key slot of %2 is damaged (%3)").arg(keyPath, name, why));
    };
    const auto supersededDamaged = [&](const QString& name, const QString& why) {
        return Error(ErrorKind::Damaged,
                     Tr::tr("key file %1: the superseded key slot of %2 is damaged (%3)").arg(keyPath, name, why));
    };
    // A current slot: \a before, the one it superseded, may stand instead.
    const auto checkCurrent = [&](const SlotUnderCheck& slot, const SlotUnderCheck* before) -> Error {
        const QString& name = slot.facts.name;
        if (!slot.facts.problem.isEmpty())
            return slotDamaged(name, slot.facts.problem);
        const LoggedPerson* person = byName.value(name);
        if (!person) {
            // `person add` writes the slot before it commits the person: a
            // stop between leaves a slot that an admin of the log signed and
            // that opens nothing (no person of that name). The next key-file
            // change drops it; anything else is damage.
            if (signedByAnAdmin(slot, byName)) {
                forNobody->append(name);
                return {};
            }
            return slotDamaged(name, Tr::tr("no audit entry added a person of that name"));
        }
        QString problem = standing(slot, *person, log, byName);
        // A reset or disable stopped before its commit left the slot it
        // replaced beside the new one: that one stands while the log says so.
        if (!problem.isEmpty() && before && before->facts.problem.isEmpty()
            && standing(*before, *person, log, byName).isEmpty())
            problem.clear();
        if (!problem.isEmpty())
            return slotDamaged(name, problem);
        slotted.insert(name);
        return {};
    };
    for (const KeySlot& slot : keys.slots) {
        const KeySlot* kept = keys.supersededSlot(slot.name);
        const std::optional<SlotUnderCheck> before =
            kept ? std::optional(underCheck(keys.vaultId, *kept, cache)) : std::nullopt;
        if (Error e = checkCurrent(underCheck(keys.vaultId, slot, cache), before ? &*before : nullptr))
            return e;
    }
    for (const KeySlot& before : keys.superseded)
        if (const QString problem = supersededProblem(underCheck(keys.vaultId, before, cache), byName);
            !problem.isEmpty())
            return supersededDamaged(before.name, problem);
    // The other rows stand on their own: a slot superseded there (planted
    // since the act read its rows) rescues none.
    for (const Known& row : std::as_const(known)) {
        if (row.state == 0) {
            if (Error e = checkCurrent(row.slot, nullptr))
                return e;
        } else if (const QString problem = supersededProblem(row.slot, byName); !problem.isEmpty()) {
            return supersededDamaged(row.name, problem);
        }
    }
    for (const LoggedPerson& person : log.people)
        if (!person.disabled && !slotted.contains(person.name))
            return Error(ErrorKind::Damaged,
                         Tr::tr("key file %1 has no key slot for %2, whom entry %3 added")
                             .arg(keyPath, person.name)
                             .arg(person.sequence));
    return {};
}

/// The details of the newest entry matching \a where (unverified: for the
/// cheap reads at unlock and of the current state; the full check verifies
/// the same entries).
QJsonObject newestDetails(Database& db, const QString& where)
{
    const QString details =
        db.scalar(QStringLiteral("SELECT details FROM audit_log WHERE %1 ORDER BY seq DESC LIMIT 1").arg(where))
            .toString();
    return QJsonDocument::fromJson(details.toUtf8()).object();
}

/// The newest `vault.restore` epoch the log names.
qint64 restoreEpochOf(Database& db)
{
    return newestDetails(db, QStringLiteral("action = 'vault.restore'")).value(QStringLiteral("epoch")).toInteger();
}

/// What a desktop that saw a newer state says of the newest `vault.restore`:
/// who restored, from which backup, and what this desktop saw that is gone.
/// Who restored is named only when the entry is whole and signed by one of
/// the admins \a pin remembers: an open checks nothing else, and a restore
/// signed by anyone else is refused by the full check that follows.
QString restoreNote(Vault& vault, const VaultPin& pin)
{
    QList<AuditEntry> newest;
    if (AuditLog::entries(vault.db(), {{}, {}, QStringLiteral("vault.restore"), 0, 1}, &newest) || newest.isEmpty())
        return {};
    const AuditEntry& entry = newest.first();
    const qint64 seenSequence = pin.headSequence;
    const QJsonObject details = QJsonDocument::fromJson(entry.details.toUtf8()).object();
    const qint64 epoch = details.value(QStringLiteral("epoch")).toInteger();
    SecureBytes hashKey;
    const QByteArray signer = pin.people.value(entry.actorName);
    const bool known = !signer.isEmpty() && pin.adminKeys.contains(signer) && !AuditLog::hashKey(vault.db(), &hashKey)
        && AuditLog::computeHash(entry, hashKey) == entry.hash
        && crypto::verify(AuditLog::signedMessage(entry.hash), entry.signature, signer);
    if (!known)
        return Tr::tr("vault %1 went back: this desktop had seen audit entry %2, and the log now says the vault was "
                      "restored from a backup (restore %3), which this desktop has not checked yet; an admin's "
                      "full check takes the restore in or refuses it")
            .arg(vault.vaultId())
            .arg(seenSequence)
            .arg(epoch);
    const QString admin = entry.actorName;
    const QString takenAt = details.value(QStringLiteral("backup_taken_at")).toString();
    const qint64 backupHead = details.value(QStringLiteral("backup_head_seq")).toInteger();
    const QString what = takenAt.isEmpty()
        ? Tr::tr("vault %1 was restored from a backup by %2 (restore %3)").arg(vault.vaultId(), admin).arg(epoch)
        : Tr::tr("vault %1 was restored by %2 from a backup taken at %3, up to audit entry %4 (restore %5)")
              .arg(vault.vaultId(), admin, takenAt)
              .arg(backupHead)
              .arg(epoch);
    return what
        + Tr::tr("; this desktop had seen audit entry %1, and what was recorded after the backup is not in it: "
                 "do again what you did since")
              .arg(seenSequence);
}

/// The root this desktop pinned and the newest head it saw, against \a rootKey
/// and the log; pins the root when nothing is pinned yet. A head lower than
/// the pinned one is accepted only after an admin's `vault.restore` of a newer
/// epoch than this desktop accepted; \a verified (the whole log checked)
/// makes this desktop accept it for good.
/// \a loggedEpoch is the newest restore epoch of the walked log when
/// \a verified; otherwise the newest `vault.restore` entry is looked up.
Error checkPin(Vault& vault, const QByteArray& rootKey, QString* firstUse, bool verified, bool acceptingRestore,
               const QByteArray& restoreSignerKey = {}, const QString& restoreSigner = {}, qint64 loggedEpoch = 0)
{
    Database& db = vault.db();
    std::optional<VaultPin> pin;
    if (Error e = TrustStore::load(vault.vaultId(), &pin))
        return e;
    if (pin && pin->rootKey != rootKey)
        return damaged(
            Tr::tr("the vault's root key (%1) is not the one this desktop pinned when it first opened "
                   "vault %2 (%3): the vault was replaced or its log rewritten from the start")
                .arg(TrustStore::fingerprint(rootKey), vault.vaultId(), TrustStore::fingerprint(pin->rootKey)));
    if (!pin) {
        bool pinned = false;
        if (Error e = TrustStore::pinRoot(vault.vaultId(), rootKey, &pinned))
            return e;
        if (pinned && firstUse)
            *firstUse = Tr::tr("this desktop now trusts vault %1, whose root key is %2 (first use): check it with "
                               "the admin who made the vault")
                            .arg(vault.vaultId(), TrustStore::fingerprint(rootKey));
    }
    qint64 head = 0;
    QByteArray headHash;
    if (Error e = AuditLog::head(db, &head, &headHash))
        return e;
    if (pin && pin->headSequence > 0) {
        const QByteArray atPin =
            db.scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {pin->headSequence}).toByteArray();
        const bool wentBack = pin->headSequence > head || atPin != pin->headHash;
        // Verified, the epoch is the walk's: the log's index by action is not
        // checked before a decision (Ledger::checkIndexes), a walk in order
        // needs none.
        const qint64 restored = verified ? loggedEpoch : restoreEpochOf(db);
        if (wentBack && restored > pin->epoch) {
            // A deliberate restore, signed by an admin: one whom this desktop
            // last knew as an enabled admin (an old copy of the vault would
            // make anyone disabled since an admin again). The full check
            // verifies the entry itself.
            // Said, not refused: the restore is signed; the full check of an
            // admin's or mentor's session takes it in.
            if (firstUse)
                *firstUse = restoreNote(vault, *pin);
            if (!verified)
                return {};
            if (!pin->adminKeys.contains(restoreSignerKey))
                return damaged(Tr::tr("the vault went back, and the restore that takes it there is signed by %1, "
                                      "whom this desktop does not know as an admin of the vault it saw (disabled "
                                      "since, or never one); an admin this desktop knows confirms the restore")
                                   .arg(restoreSigner));
            return TrustStore::acceptRestore(vault.vaultId(), restored, head, headHash);
        }
        if (wentBack && acceptingRestore)
            return {};
        if (wentBack)
            return damaged(
                pin->headSequence > head
                    ? Tr::tr("the vault went back: this desktop has seen audit entry %1, but the log now ends at "
                             "entry %2 (entries and the records they made were removed, or an old copy was put "
                             "back)")
                          .arg(pin->headSequence)
                          .arg(head)
                    : Tr::tr("the vault went back: audit entry %1 is not the one this desktop saw (the log was cut "
                             "and written again)")
                            .arg(pin->headSequence)
                        + Tr::tr(". If an admin restored a backup on purpose, they confirm the restore on this "
                                 "desktop"));
    }
    if (verified) {
        // The whole log holds as signed: the restores in it are ones this
        // desktop has now seen, so a copy holding them is no newer restore
        // (a desktop that first met the vault after a restore, or went past
        // one, must refuse a copy kept from in between).
        if (Error e = TrustStore::raiseEpoch(vault.vaultId(), loggedEpoch))
            return e;
    }
    return TrustStore::advanceHead(vault.vaultId(), head, headHash);
}

} // namespace

QByteArray Ledger::productionKeyCheck(const SecureBytes& key)
{
    static const QByteArray tag = QByteArrayLiteral("onramp-production-key-check-v1");
    QByteArray check(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char*>(check.data()), std::size_t(check.size()),
                       reinterpret_cast<const unsigned char*>(tag.constData()), std::size_t(tag.size()), key.data(),
                       key.size());
    return check;
}

Error Ledger::verify(Vault& vault, const QDateTime& now, LedgerCheck* out, Depth depth, const KeyFile* heldKeys)
{
    Database& db = vault.db();
    if (Error e = checkSchemaExact(db))
        return e;
    if (Error e = checkIndexes(db))
        return e;
    // The full check reads every slot whole; the incremental one reads the
    // rows of my name and of acts in flight whole, and of the others only a
    // digest, so that their check costs little when they are what this
    // process verified before.
    KeyFile loaded;
    if (!heldKeys) {
        const QString path = keyFilePath(vault.directory());
        if (Error e = depth == Depth::Full ? KeyFile::load(path, &loaded)
                                           : KeyFile::loadForAct(path, {vault.me().name}, &loaded))
            return e;
    }
    const KeyFile& keys = heldKeys ? *heldKeys : loaded;
    // A prefix this desktop verified before: when its last entry is still
    // there as it was, its signatures need not be checked again.
    qint64 trustedSequence = 0;
    QByteArray trustedHash;
    if (depth == Depth::Incremental && !vault.acceptingRestore()) {
        std::optional<VaultPin> pin;
        if (Error e = TrustStore::load(vault.vaultId(), &pin))
            return e;
        if (pin && pin->verifiedSequence > 0
            && db.scalar(QStringLiteral("SELECT hash FROM audit_log WHERE seq = ?1"), {pin->verifiedSequence})
                    .toByteArray()
                == pin->verifiedHash) {
            trustedSequence = pin->verifiedSequence;
            trustedHash = pin->verifiedHash;
        }
    }
    Collector log;
    AuditVerification audit;
    if (Error e = AuditVerifier::verify(db, keys, &audit, &log, trustedSequence, trustedHash))
        return e;
    if (!audit.ok())
        return audit.toError();
    // A vault made before records were vouched for: its creation names no
    // production key check. Said as what it is, not as damage to one row.
    if (log.rootKey.isEmpty() || log.productionCheck.isEmpty())
        return damaged(Tr::tr("the vault %1 was made by an Onramp from before signed authority: its records carry no "
                              "signatures this Onramp can check, so nothing privileged runs on it; create a new "
                              "vault and import the checklists again")
                           .arg(vault.directory()));
    LedgerCheck check;
    check.entries = audit.entries;
    check.notes = audit.notes;
    QString firstUse;
    if (Error e = checkPin(vault, log.rootKey, &firstUse, true, vault.acceptingRestore(), log.restoreSignerKey,
                           log.restoreSignerName, log.epoch))
        return e;
    if (!firstUse.isEmpty())
        check.notes.append(firstUse);
    if (Error e = reconcilePeople(db, log))
        return e;
    // The full check (`vault check`) verifies every slot's signature; the
    // incremental one (each privileged act's) only those this process has
    // not seen hold, byte for byte, before.
    VerifiedSignatures fresh;
    VerifiedSlots freshRows;
    const bool incremental = depth == Depth::Incremental;
    // The incremental one also trusts the checks that held in this
    // person's earlier processes on this desktop, kept outside the folder
    // under a MAC only their key makes ("What a check remembers").
    const QString storedChecks = incremental ? storedChecksPath(vault) : QString();
    const SecureBytes storedKey = incremental ? vault.localKey(kStoredChecksPurpose) : SecureBytes();
    if (incremental) {
        QString why;
        if (!VerifiedSignatures::process().load(storedChecks, storedKey, &why) && !why.isEmpty())
            qCWarning(lcVault).noquote() << "ignored" << storedChecks << "and checked every slot's signature:" << why;
    }
    if (Error e = reconcileSlots(keys, keyFilePath(vault.directory()), log,
                                 incremental ? &VerifiedSignatures::process() : &fresh,
                                 incremental ? &VerifiedSlots::process() : &freshRows, &check.slotsForNobody))
        return e;
    // Only checks that held are kept; a cache that cannot be written costs
    // the next process time, never a decision.
    if (incremental)
        if (Error e = VerifiedSignatures::process().save(storedChecks, storedKey))
            qCWarning(lcVault).noquote() << e.message;
    if (Error e = reconcileRecords(db, log, &check.records))
        return e;
    if (Error e = reconcileGrants(db, log, now))
        return e;
    if (Error e = reconcileSteps(db, log))
        return e;
    if (vault.holdsProductionKey()) {
        // Rotated by another admin since this session began: my slot (checked
        // above, signed by an admin of the log) holds the new key.
        if (!log.productionCheck.isEmpty() && productionKeyCheck(vault.productionKey()) != log.productionCheck)
            vault.adoptProductionKey(keys, log.productionCheck);
        if (log.productionCheck.isEmpty() || productionKeyCheck(vault.productionKey()) != log.productionCheck)
            return damaged(
                Tr::tr("the production key in %1's key slot is not this vault's current one: it was "
                       "rotated since this session began (sign in again), or the key store (keys.db) was changed "
                       "(restore it from a backup)")
                    .arg(vault.me().name));
        // What is kept under it opens with it, where it is kept.
        if (Error e = productionkey::checkAll(db, vault.productionKey()))
            return e;
    }
    if (!vault.acceptingRestore()) {
        qint64 head = 0;
        QByteArray headHash;
        if (Error e = AuditLog::head(db, &head, &headHash))
            return e;
        QHash<QString, QByteArray> people;
        QList<QByteArray> admins;
        for (const LoggedPerson& person : std::as_const(log.people)) {
            people.insert(person.name, person.key);
            if (person.role == kAdmin && !person.disabled)
                admins.append(person.key);
        }
        std::sort(admins.begin(), admins.end());
        if (Error e = TrustStore::advanceVerified(vault.vaultId(), head, headHash, people, admins))
            return e;
    }
    if (out)
        *out = check;
    return {};
}

Error Ledger::checkIndexes(Database& db)
{
    // Every lookup a decision makes in a record table goes through an index:
    // one whose entries were swapped (writable_schema, rootpage) would hand
    // the act another hire's row. SQLite's check of a table compares each of
    // its indexes with it, entry by entry. The audit log is left out: it is
    // most of the file, and a decision reads it by walking it in order of its
    // key (AuditVerifier), which no index serves; what its indexes answer
    // outside the walk (the newest restore or production key check, a first
    // passphrase's entry) is read unverified and decided on from the walk,
    // or re-checked against the entry's own hash and signature. The full
    // check, freelist and all, is `vault check`'s.
    QList<QVariantList> tables;
    if (Error e = db.execute(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
                                            "'sqlite\\_%' ESCAPE '\\' AND name <> 'audit_log' ORDER BY name"),
                             {}, &tables))
        return e;
    for (const QVariantList& table : std::as_const(tables)) {
        const QString name = table.value(0).toString();
        QList<QVariantList> integrity;
        if (Error e = db.execute(QStringLiteral("PRAGMA integrity_check(\"%1\")")
                                     .arg(QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\""))),
                                 {}, &integrity))
            return e;
        if (integrity.size() != 1 || integrity.first().value(0).toString() != QLatin1String("ok"))
            return damaged(Tr::tr("vault database %1 fails SQLite's integrity check of table %2 (%3): an index no "
                                  "longer matches its table; nothing privileged runs on it")
                               .arg(db.path(), name, integrity.value(0).value(0).toString()));
    }
    return {};
}

QByteArray Ledger::loggedProductionKeyCheck(Database& db)
{
    return fromBase64(newestDetails(db,
                                    QStringLiteral("action IN ('vault.create', 'person.disable') AND details LIKE "
                                                   "'%\"production_key_check\"%'"))
                          .value(QStringLiteral("production_key_check")));
}

Error Ledger::checkPinOnOpen(Vault& vault, QString* firstUse)
{
    // Unverified here: verify() checks the same root against the whole log.
    const QByteArray rootKey =
        fromBase64(newestDetails(vault.db(), QStringLiteral("seq = 1 AND action = 'vault.create'"))
                       .value(QStringLiteral("public_key")));
    if (rootKey.size() != 32)
        return {}; // a log that predates the audit log's root: verify() refuses privileged acts
    return checkPin(vault, rootKey, firstUse, false, vault.acceptingRestore());
}

Error Ledger::confirmRestore(Vault& vault, const QDateTime& now, qint64* epoch)
{
    if (vault.me().role != Role::Admin)
        return Error(ErrorKind::NotPermitted, Tr::tr("only an admin can confirm that a backup was restored"));
    // The restored vault must hold together on its own: everything but the
    // desktop's memory of a newer head is checked as usual.
    if (Error e = verify(vault, now))
        return e;
    *epoch = restoreEpochOf(vault.db()) + 1;
    std::optional<VaultPin> pin;
    if (Error e = TrustStore::load(vault.vaultId(), &pin))
        return e;
    qint64 seen = 0;
    QByteArray seenHash;
    if (pin) {
        seen = pin->headSequence;
        seenHash = pin->headHash;
    }
    return vault.recordRestore(*epoch, seen, seenHash);
}

Error Ledger::require(Vault& vault, const QDateTime& now)
{
    if (vault.acceptingRestore())
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("this session was opened to confirm a restored backup; "
                            "sign in again for anything else"));
    Database& db = vault.db();
    const Vault::LedgerStamp stamp{db.dataVersion(), db.totalChanges()};
    if (vault.ledgerVerified() == stamp)
        return {};
    if (Error e = verify(vault, now, nullptr, Depth::Incremental))
        return e;
    vault.setLedgerVerified(stamp);
    return {};
}

} // namespace onramp
