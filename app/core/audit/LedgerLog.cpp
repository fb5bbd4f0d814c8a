#include "audit/LedgerLog.h"

#include "audit/ActionRoles.h"
#include "audit/AuditLog.h"
#include "audit/Records.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

namespace onramp::ledger {

namespace {

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

/// The display name an entry adding a person signed, if it carries one.
std::optional<QString> loggedDisplayName(const QJsonObject& details)
{
    const QJsonValue value = details.value(QStringLiteral("display_name"));
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

} // namespace

namespace {
/// How far two desks' clocks may disagree before a time one gives is refused.
constexpr int kClockSkewSeconds = 5 * 60;
} // namespace

bool doneAtHolds(const QString& doneAt, const std::pair<QString, QString>& logged)
{
    if (!logged.first.isEmpty())
        return doneAt == logged.first;
    const QDateTime row = QDateTime::fromString(doneAt, Qt::ISODateWithMs);
    const QDateTime entry = QDateTime::fromString(logged.second, Qt::ISODateWithMs);
    return row.isValid() && entry.isValid() && row <= entry && row.secsTo(entry) <= kClockSkewSeconds;
}

QByteArray fromBase64(const QJsonValue& value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

QString Collector::visit(const AuditEntry& entry, const QJsonObject& details, const QString& role,
                         const QByteArray& signerKey)
{
    const QString& action = entry.action;
    lastSequence = entry.sequence;
    lastHash = entry.hash;
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
                       {rootKey},
                       loggedDisplayName(details)});
        return {};
    }
    // The walk holds every entry to this table before it comes here; the
    // checks below add what the table cannot say (whose enrollment it is).
    if (const QString refused = actionroles::refusal(role, action, entry.actorName); !refused.isEmpty())
        return refused;
    if (action == QLatin1String("vault.create"))
        return Tr::tr("only the first entry creates the vault");
    records::noteKeptSeal(&seals, entry.sequence, action, entry.subject, details);
    // A passphrase is changed by its own holder: an entry naming anyone
    // else would let its signer speak for them (a restore disables whoever
    // gave theirs up).
    if (action == QLatin1String("passphrase.change")
        && (entry.subject != entry.actorName
            || (details.contains(QStringLiteral("person_id")) && personId != entry.actorId)))
        return Tr::tr("it changes %1's passphrase (person %2), but %3 (person %4) signed it: only its holder "
                      "changes a passphrase")
            .arg(entry.subject)
            .arg(details.contains(QStringLiteral("person_id")) ? personId : entry.actorId)
            .arg(entry.actorName)
            .arg(entry.actorId);
    if (action == QLatin1String("enrollment.move")
        || (action == QLatin1String("enrollment.edit") && details.contains(QStringLiteral("from_mentor"))
            && !details.value(QStringLiteral("from_mentor")).isNull()))
        moves[details.value(QStringLiteral("enrollment")).toInteger()].append(
            {entry.sequence, action == QLatin1String("enrollment.move")});
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
        people.insert(personId,
                      {entry.subject,
                       details.value(QStringLiteral("role")).toString(),
                       key,
                       false,
                       entry.sequence,
                       {key},
                       loggedDisplayName(details)});
    }
    // A holder's new key, introduced with their own passphrase change (the
    // check above holds it to its holder; the verifier, to their key).
    if (action == QLatin1String("passphrase.change") && details.contains(QStringLiteral("public_key"))) {
        const auto person = people.find(entry.actorId);
        if (person == people.end())
            return Tr::tr("it gives person %1 a key, but no entry of the log added them").arg(entry.actorId);
        person->key = fromBase64(details.value(QStringLiteral("public_key")));
        person->keys.append(person->key);
        person->sequence = entry.sequence;
    }
    // Disabling someone rotates the production key: the entry records the new key's check value.
    if ((action == QLatin1String("person.disable") || action == QLatin1String("production.rotate"))
        && details.contains(QStringLiteral("production_key_check")))
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
                                            QStringLiteral("grant.revoke"), QStringLiteral("credential.drop")};
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
        if (action == QLatin1String("step.done")) {
            // The hire's desk says when: never before the enrollment existed
            // (a clock set back would move the report's waits onto the mentor).
            const QString doneAt = details.value(QStringLiteral("done_at")).toString();
            if (!doneAt.isEmpty() && !logged->createdAt.isEmpty()) {
                const QDateTime done = QDateTime::fromString(doneAt, Qt::ISODateWithMs);
                const QDateTime created = QDateTime::fromString(logged->createdAt, Qt::ISODateWithMs);
                if (!done.isValid() || (created.isValid() && done < created.addSecs(-kClockSkewSeconds)))
                    return Tr::tr("it says step %1 was done at %2, before its enrollment was created (%3)")
                        .arg(step, doneAt, logged->createdAt);
            }
            stepsDoneAt.insert({enrollment, step}, {doneAt, entry.at});
        }
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
            enrollments.insert(enrollment, {hire, mentor, details.value(QStringLiteral("created_at")).toString()});
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
        if (named != QLatin1String("checklists") && named != QLatin1String("enrollments"))
            signers[named].insert(id, {entry.actorId, signerKey});
        if (named == QLatin1String("credential_grants"))
            grantPairs.insert(id, {enrollment, details.value(QStringLiteral("credential")).toString()});
    }
    // A move to another checklist ends the enrollment's reviews and
    // sign-offs, signed over the old one, and so does a new mentor:
    // their rows go, named here.
    for (const auto& [key, endedTable] : {std::pair{QStringLiteral("ended_reviews"), QStringLiteral("step_reviews")},
                                          std::pair{QStringLiteral("ended_signoffs"), QStringLiteral("signoffs")}}) {
        const QJsonArray rows = details.value(key).toArray();
        if (!rows.isEmpty() && action != QLatin1String("enrollment.move") && action != QLatin1String("enrollment.edit"))
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
            signers[endedTable].remove(row.key());
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
        // Only a grant the log vouched for, of this enrollment: an ending of a
        // row planted beside the real grant would leave the real one live.
        const qint64 id = grant.value(QStringLiteral("id")).toInteger();
        const QHash<qint64, Vouched> grants = vouched.value(QStringLiteral("credential_grants"));
        const auto vouchedGrant = grants.constFind(id);
        if (vouchedGrant == grants.cend() || vouchedGrant->enrollment != enrollment)
            return Tr::tr("it ends credential_grants row %1, which no entry vouched for as enrollment %2's grant; "
                          "the grant it meant to end may still be live")
                .arg(id)
                .arg(enrollment);
        // A grant ends once: a second ending of a row the log ended already
        // is what a revocation deciding from doctored rows records, while the
        // grant the log holds live goes on.
        if (const auto before = endings.constFind(id); before != endings.cend())
            return Tr::tr("it ends credential_grants row %1, which entry %2 ended already as %3; the grant it "
                          "meant to end may still be live")
                .arg(id)
                .arg(before->sequence)
                .arg(before->how);
        endings.insert(id,
                       {grant.value(QStringLiteral("how")).toString(), entry.sequence, enrollment,
                        details.value(QStringLiteral("credential")).toString()});
    }
    // A revocation ends every grant of its enrollment and credential that
    // the log holds live, named or not: what is live is the log's word, so a
    // row hidden from the revoke and put back after is refused.
    const QString credential = details.value(QStringLiteral("credential")).toString();
    if (action == QLatin1String("grant.revoke") && enrollment != 0 && !credential.isEmpty())
        for (auto it = grantPairs.cbegin(); it != grantPairs.cend(); ++it)
            if (it->first == enrollment && it->second == credential && !endings.contains(it.key()))
                endings.insert(it.key(), {QStringLiteral("revoked"), entry.sequence, enrollment, credential, true});
    return {};
}

} // namespace onramp::ledger
