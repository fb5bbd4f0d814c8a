#include "StepThread.h"

#include "Crypto.h"
#include "Enrollments.h"
#include "Signatures.h"
#include "audit/AuditLog.h"
#include "vault/Vault.h"

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
        entries.append(entry);
    }

    QList<QVariantList> reviews;
    if (Error e = db.execute(QStringLiteral("SELECT r.mentor_id, p.name, p.display_name, p.sign_public_key, "
                                            "r.comment, r.at, r.signature, r.decision FROM step_reviews r "
                                            "JOIN people p ON p.id = r.mentor_id WHERE r.enrollment_id = ?1 "
                                            "AND r.step_id = ?2 AND r.checklist_version = ?3 ORDER BY r.at, r.id"),
                             {status.enrollmentId, stepId, status.checklistVersion}, &reviews))
        return e;
    for (const QVariantList& r : reviews) {
        ThreadEntry entry;
        author(&entry, r.at(0), r.at(1), r.at(2));
        const QString decision = r.at(7).toString();
        entry.kind = decision == QLatin1String("approved") ? ThreadEntry::Kind::Approved : ThreadEntry::Kind::SentBack;
        entry.body = r.at(4).toString();
        entry.at = signatures::timeFromText(r.at(5).toString());
        const QByteArray message =
            signatures::stepReview(status.enrollmentId, status.hire.name, stepId, status.checklistId,
                                   status.checklistVersion, decision, entry.at);
        entry.verified = entry.byMentor && crypto::verify(message, r.at(6).toByteArray(), r.at(3).toByteArray());
        entries.append(entry);
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const ThreadEntry& a, const ThreadEntry& b) { return a.at < b.at; });
    *out = std::move(entries);
    return {};
}

} // namespace onramp
