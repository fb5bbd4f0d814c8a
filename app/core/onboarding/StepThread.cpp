#include "StepThread.h"

#include "Crypto.h"
#include "Enrollments.h"
#include "HiddenText.h"
#include "Signatures.h"
#include "audit/AuditLog.h"
#include "audit/SignerKeys.h"
#include "vault/Vault.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace onramp {

Error StepThread::checkBody(const QString& body)
{
    if (body.trimmed().isEmpty())
        return Error(ErrorKind::InvalidInput, Tr::tr("the note is empty; write something to send"));
    if (body.size() > kMaxNoteLength)
        return Error(
            ErrorKind::InvalidInput,
            Tr::tr("the note is %1 characters long; a note holds at most %2").arg(body.size()).arg(kMaxNoteLength));
    const bool control = std::any_of(body.cbegin(), body.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\t');
    });
    if (control)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the note holds a control character; only text and line "
                            "breaks can be sent"));
    // Bidirectional controls and zero-width characters show nothing and can
    // make an address or a name read as another one.
    const QString hiding = hiddentext::firstHiding(body);
    if (!hiding.isEmpty())
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the note holds %1, a character that reorders or hides text; write the note "
                            "without it")
                         .arg(hiding));
    return {};
}

Error StepThread::insert(const EnrollmentStatus& status, const QString& stepId, const QString& body, qint64* id)
{
    const Person& me = m_vault.me();
    const QDateTime at = m_clock.now();
    const QByteArray signature =
        m_vault.sign(signatures::stepNote(status.enrollmentId, status.hire.name, stepId, me.name, body, at));
    Database& db = m_vault.db();
    if (Error e = db.execute(QStringLiteral("INSERT INTO step_notes (enrollment_id, step_id, author_id, body, at, "
                                            "signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
                             {status.enrollmentId, stepId, me.id, body, signatures::timeText(at), signature}))
        return e;
    *id = db.lastInsertId();
    return {};
}

Error StepThread::add(const QString& hire, const QString& stepId, const QString& body)
{
    if (Error e = checkBody(body))
        return e;
    Database::Transaction transaction(m_vault.db());
    if (transaction.beginError())
        return transaction.beginError();
    if (Error e = m_vault.requireActive())
        return e;
    EnrollmentStatus status;
    if (Error e = Enrollments(m_vault, m_clock).status(hire, &status))
        return e;
    const Person& me = m_vault.me();
    if (me.id != status.hire.id && me.id != status.mentor.id)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only %1 and their mentor, %2, can write on %1's steps").arg(hire, status.mentor.name));
    if (std::none_of(status.steps.cbegin(), status.steps.cend(),
                     [&](const StepView& v) { return v.step.id == stepId; }))
        return Error(ErrorKind::InvalidInput, Tr::tr("no step '%1' in checklist '%2'").arg(stepId, status.checklistId));
    qint64 id = 0;
    if (Error e = insert(status, stepId, body, &id))
        return e;
    if (Error e = AuditLog::append(m_vault, QStringLiteral("step.note"), hire,
                                   {{QStringLiteral("step"), stepId},
                                    {QStringLiteral("enrollment"), status.enrollmentId},
                                    {QStringLiteral("note"), id}}))
        return e;
    return transaction.commit();
}

Error StepThread::unanswered(const EnrollmentStatus& status, QHash<QString, QStringList>* out,
                             QHash<QString, QStringList>* marks)
{
    Database& db = m_vault.db();
    QList<QVariantList> reviews;
    if (Error e = db.execute(QStringLiteral("SELECT step_id, at FROM step_reviews WHERE enrollment_id = ?1 "
                                            "AND mentor_id = ?2"),
                             {status.enrollmentId, status.mentor.id}, &reviews))
        return e;
    QHash<QString, QDateTime> answered;
    for (const QVariantList& r : reviews) {
        const QDateTime at = signatures::timeFromText(r.at(1).toString());
        QDateTime& latest = answered[r.at(0).toString()];
        if (!latest.isValid() || at > latest)
            latest = at;
    }
    QList<QVariantList> notes;
    if (Error e = db.execute(QStringLiteral("SELECT n.step_id, n.author_id, p.name, p.sign_public_key, n.body, n.at, "
                                            "n.signature FROM step_notes n JOIN people p ON p.id = n.author_id "
                                            "WHERE n.enrollment_id = ?1 AND n.author_id IN (?2, ?3) "
                                            "ORDER BY n.at, n.id"),
                             {status.enrollmentId, status.hire.id, status.mentor.id}, &notes))
        return e;
    QHash<QString, QStringList> open;
    QHash<QString, QStringList> openMarks;
    // A question from before the hire's passphrase reset still waits.
    SignerKeys signers(m_vault);
    for (const QVariantList& n : notes) {
        const QString stepId = n.at(0).toString();
        const QDateTime at = signatures::timeFromText(n.at(5).toString());
        if (n.at(1).toLongLong() == status.mentor.id) {
            open.remove(stepId);
            openMarks.remove(stepId);
            continue;
        }
        const auto answer = answered.constFind(stepId);
        if (answer != answered.cend() && at <= *answer)
            continue;
        const QString body = n.at(4).toString();
        const QByteArray message =
            signatures::stepNote(status.enrollmentId, status.hire.name, stepId, n.at(2).toString(), body, at);
        if (crypto::verify(message, n.at(6).toByteArray(), n.at(3).toByteArray())
            || signers.earlierKeyHolds(n.at(1).toLongLong(), n.at(3).toByteArray(), message, n.at(6).toByteArray())) {
            open[stepId].append(body);
            openMarks[stepId].append(QString::fromLatin1(
                QCryptographicHash::hash(n.at(6).toByteArray(), QCryptographicHash::Sha256).toHex().left(32)));
        }
    }
    *out = std::move(open);
    if (marks)
        *marks = std::move(openMarks);
    return {};
}

int StepThread::waitingApart(const EnrollmentStatus& status, const QHash<QString, QStringList>& unanswered)
{
    int n = 0;
    for (const StepView& step : status.steps) {
        if (!step.awaitingReview())
            n += int(unanswered.value(step.step.id).size());
    }
    return n;
}

Error StepThread::replies(const EnrollmentStatus& status, QHash<QString, QDateTime>* out)
{
    QList<QVariantList> notes;
    if (Error e =
            m_vault.db().execute(QStringLiteral("SELECT n.step_id, p.name, p.sign_public_key, n.body, n.at, "
                                                "n.signature FROM step_notes n JOIN people p ON p.id = n.author_id "
                                                "WHERE n.enrollment_id = ?1 AND n.author_id = ?2 "
                                                "ORDER BY n.at, n.id"),
                                 {status.enrollmentId, status.mentor.id}, &notes))
        return e;
    QHash<QString, QDateTime> latest;
    // A reply from before the mentor's passphrase reset still answers.
    SignerKeys signers(m_vault);
    for (const QVariantList& n : notes) {
        const QString stepId = n.at(0).toString();
        const QDateTime at = signatures::timeFromText(n.at(4).toString());
        const QByteArray message = signatures::stepNote(status.enrollmentId, status.hire.name, stepId,
                                                        n.at(1).toString(), n.at(3).toString(), at);
        if (crypto::verify(message, n.at(5).toByteArray(), n.at(2).toByteArray())
            || signers.earlierKeyHolds(status.mentor.id, n.at(2).toByteArray(), message, n.at(5).toByteArray()))
            latest[stepId] = at;
    }
    *out = std::move(latest);
    return {};
}

Error StepThread::read(const QString& hire, const QString& stepId, QList<ThreadEntry>* out)
{
    EnrollmentStatus status;
    if (Error e = Enrollments(m_vault, m_clock).status(hire, &status))
        return e;
    Database& db = m_vault.db();
    QList<ThreadEntry> entries;
    const auto author = [&](ThreadEntry* entry, const QVariant& id, const QVariant& name, const QVariant& display) {
        entry->author = name.toString();
        entry->authorDisplayName = display.toString().isEmpty() ? entry->author : display.toString();
        entry->byHire = status.hire.id != 0 && id.toLongLong() == status.hire.id;
        entry->byMentor = status.mentor.id != 0 && id.toLongLong() == status.mentor.id;
    };

    SignerKeys signers(m_vault);
    QList<QVariantList> notes;
    if (Error e = db.execute(QStringLiteral("SELECT n.author_id, p.name, p.display_name, p.sign_public_key, n.body, "
                                            "n.at, n.signature FROM step_notes n JOIN people p ON p.id = n.author_id "
                                            "WHERE n.enrollment_id = ?1 AND n.step_id = ?2 ORDER BY n.at, n.id"),
                             {status.enrollmentId, stepId}, &notes))
        return e;
    for (const QVariantList& n : notes) {
        ThreadEntry entry;
        author(&entry, n.at(0), n.at(1), n.at(2));
        entry.body = n.at(4).toString();
        entry.at = signatures::timeFromText(n.at(5).toString());
        const QByteArray message =
            signatures::stepNote(status.enrollmentId, status.hire.name, stepId, entry.author, entry.body, entry.at);
        entry.verified =
            (entry.byHire || entry.byMentor) && crypto::verify(message, n.at(6).toByteArray(), n.at(3).toByteArray());
        entry.earlierKey = !entry.verified && (entry.byHire || entry.byMentor)
            && signers.earlierKeyHolds(n.at(0).toLongLong(), n.at(3).toByteArray(), message, n.at(6).toByteArray());
        entries.append(entry);
    }

    // Every version's reviews: the enrollment's history on this checklist
    // (a move to another checklist ends them). Each verifies over its own version.
    QList<QVariantList> reviews;
    if (Error e = db.execute(QStringLiteral("SELECT r.mentor_id, p.name, p.display_name, p.sign_public_key, "
                                            "r.comment, r.at, r.signature, r.decision, r.checklist_version, r.id "
                                            "FROM step_reviews r JOIN people p ON p.id = r.mentor_id "
                                            "WHERE r.enrollment_id = ?1 AND r.step_id = ?2 ORDER BY r.at, r.id"),
                             {status.enrollmentId, stepId}, &reviews))
        return e;
    // Each under the key the log gave the mentor when they signed it.
    for (const QVariantList& r : reviews) {
        ThreadEntry entry;
        author(&entry, r.at(0), r.at(1), r.at(2));
        const QString decision = r.at(7).toString();
        entry.kind = decision == QLatin1String("approved") ? ThreadEntry::Kind::Approved : ThreadEntry::Kind::SentBack;
        entry.body = r.at(4).toString();
        entry.at = signatures::timeFromText(r.at(5).toString());
        entry.version = int(r.at(8).toLongLong());
        const QByteArray message = signatures::stepReview(status.enrollmentId, status.hire.name, stepId,
                                                          status.checklistId, entry.version, decision, entry.at);
        entry.verified = entry.byMentor
            && signers.holds(QStringLiteral("step_reviews"), r.at(9).toLongLong(), r.at(0).toLongLong(),
                             r.at(3).toByteArray(), message, r.at(6).toByteArray());
        entries.append(entry);
    }

    // The moves to another version of the checklist, from the log: one that
    // left an approval of this step behind shows as a line of its own.
    QList<QVariantList> moves;
    if (Error e = db.execute(QStringLiteral("SELECT a.at, p.name, p.display_name, a.details FROM audit_log a "
                                            "LEFT JOIN people p ON p.id = a.actor_id WHERE a.action = ?1 "
                                            "AND json_extract(a.details, '$.enrollment') = ?2 "
                                            "AND json_extract(a.details, '$.from_checklist') IS NULL ORDER BY a.seq"),
                             {QStringLiteral("enrollment.move"), status.enrollmentId}, &moves))
        return e;
    for (const QVariantList& m : moves) {
        const QJsonObject details = QJsonDocument::fromJson(m.at(3).toString().toUtf8()).object();
        ThreadEntry moved;
        moved.kind = ThreadEntry::Kind::Moved;
        moved.at = signatures::timeFromText(m.at(0).toString());
        moved.version = details.value(QStringLiteral("from_version")).toInt();
        moved.toVersion = details.value(QStringLiteral("version")).toInt();
        // The step's review of the version left, latest before the move, decides.
        const ThreadEntry* last = nullptr;
        for (const ThreadEntry& e : std::as_const(entries)) {
            if (e.kind != ThreadEntry::Kind::Note && e.kind != ThreadEntry::Kind::Moved && e.version == moved.version
                && e.at <= moved.at)
                last = &e;
        }
        if (!last || last->kind != ThreadEntry::Kind::Approved || !last->verified)
            continue;
        moved.author = m.at(1).toString();
        moved.authorDisplayName = m.at(2).toString().isEmpty() ? moved.author : m.at(2).toString();
        // The log's entry is signed and chained; its row, not a person's note.
        moved.verified = true;
        entries.append(moved);
    }
    // The hire's redo after the latest send-back: the status says the step
    // waits for review again, or a later review answered it. Whether it is
    // there is the status's and the reviews' to say, never the time on the
    // hire's record: that time, which the hire's own desk wrote, only places
    // it, and within the send-back and what answered it (or now).
    const auto view = std::find_if(status.steps.cbegin(), status.steps.cend(),
                                   [&](const StepView& v) { return v.step.id == stepId; });
    const ThreadEntry* sentBack = nullptr;
    const ThreadEntry* answered = nullptr;
    for (const ThreadEntry& e : std::as_const(entries)) {
        if (e.kind == ThreadEntry::Kind::SentBack) {
            sentBack = &e;
            answered = nullptr;
        } else if (e.kind == ThreadEntry::Kind::Approved && sentBack && !answered) {
            answered = &e;
        }
    }
    const bool waitingAgain = view != status.steps.cend() && view->status() == StepStatus::Resubmitted;
    if (sentBack && (waitingAgain || (answered && answered->verified))) {
        ThreadEntry redone;
        redone.kind = ThreadEntry::Kind::Resubmitted;
        redone.author = status.hire.name;
        redone.authorDisplayName = status.hire.shownName();
        redone.byHire = true;
        const QDateTime latest = answered ? answered->at.addMSecs(-1) : m_clock.now();
        const QDateTime doneAt = view != status.steps.cend() ? view->doneAt : QDateTime();
        redone.at =
            !doneAt.isValid() ? (answered ? latest : sentBack->at) : std::max(sentBack->at, std::min(doneAt, latest));
        // Derived from what the status and the mentor's review vouch for, not a row of the hire's.
        redone.verified = true;
        entries.append(redone);
    }

    // At one moment, a review before the redo it asked for, and the redo
    // before the note sent with it (markDone() writes the record, then the note).
    const auto rank = [](ThreadEntry::Kind kind) {
        return kind == ThreadEntry::Kind::Note ? 2 : kind == ThreadEntry::Kind::Resubmitted ? 1 : 0;
    };
    std::stable_sort(entries.begin(), entries.end(), [&rank](const ThreadEntry& a, const ThreadEntry& b) {
        if (a.at != b.at)
            return a.at < b.at;
        return rank(a.kind) < rank(b.kind);
    });
    *out = std::move(entries);
    return {};
}

} // namespace onramp
