#pragma once

#include "EnrollmentStatus.h"

#include "Clock.h"
#include "Error.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace onramp {

class Vault;

/// One entry of the conversation on a step: a note, or a review with its comment.
struct ThreadEntry {
    enum class Kind {
        Note, ///< a note from the hire or their mentor
        Approved, ///< the mentor approved the step, with this comment
        SentBack, ///< the mentor asked for changes, with this comment
        /// An admin moved the enrollment to another version of its checklist
        /// while the step stood approved: that approval no longer counts.
        Moved,
        /// The hire redid the step after the mentor's latest request for
        /// changes: there when the status says the step waits for review
        /// again, or a verified review answered that request. Only the
        /// latest is known (a send-back ends the record of the one before);
        /// its time, from the hire's record, is kept between the request and
        /// now or the review that answered it.
        Resubmitted,
    };
    Kind kind = Kind::Note;
    QString author; ///< the author's sign-in name
    QString authorDisplayName; ///< the author's name for people
    bool byHire = false; ///< written by the enrollment's hire
    bool byMentor = false; ///< written by the enrollment's mentor
    QString body; ///< plain text as typed; never markup
    QDateTime at;
    /// Signed by its author, whose key and role the vault vouches for. An
    /// entry that does not verify shows with its authorship marked unverified.
    bool verified = false;
    /// A note that does not verify under its author's key now, but under a
    /// key the log gave them before (a passphrase reset or change since):
    /// shown as signed with that key, not as theirs. A note is in no entry
    /// of the log, and an earlier key may have been handed over, so it is
    /// not counted as verified.
    bool earlierKey = false;
    /// A review: the checklist version it was given on. Moved: the version
    /// the enrollment left; toVersion the one it went to.
    int version = 0;
    int toVersion = 0;
};

/// The conversation on each step: notes from the hire and their mentor, and
/// the mentor's reviews, oldest first. Notes are signed by their author and
/// shown only: nothing here decides anything (docs/SECURITY.md). Reviews given
/// on an earlier version of the checklist stay in it, and a move to another
/// version that ended the step's approval shows where it happened.
class StepThread
{
public:
    explicit StepThread(Vault& vault, const Clock& clock = defaultClock())
        : m_vault(vault)
        , m_clock(clock)
    {}

    /// The longest note, in characters.
    static constexpr int kMaxNoteLength = 4000;

    /// The hire or their mentor adds \a body to the conversation on \a hire's step \a stepId.
    Error add(const QString& hire, const QString& stepId, const QString& body);
    /// The conversation on \a hire's step \a stepId, for whoever may see the hire's status.
    Error read(const QString& hire, const QString& stepId, QList<ThreadEntry>* out);

    /// The hire's notes on each step of \a status's enrollment written after
    /// the mentor's latest note or review there, oldest first, by step id:
    /// what the mentor has not answered yet. A note whose signature does not
    /// verify is left out. For a session that read \a status. \a marks, when
    /// given: a mark of each of those notes, in the same order, that names
    /// that note alone (a digest of its signature), for a reader to remember
    /// what they read.
    Error unanswered(const EnrollmentStatus& status, QHash<QString, QStringList>* out,
                     QHash<QString, QStringList>* marks = nullptr);
    /// When the mentor of \a status's enrollment last wrote a note on each of
    /// its steps, by step id: what the hire may not have read yet. A note
    /// whose signature does not verify is left out. For a session that read \a status.
    Error replies(const EnrollmentStatus& status, QHash<QString, QDateTime>* out);
    /// Of \a unanswered, read by unanswered() for \a status: the notes that
    /// wait as notes of their own. A note on a step waiting for review is
    /// answered with that review, so it is counted once, as the review.
    static int waitingApart(const EnrollmentStatus& status, const QHash<QString, QStringList>& unanswered);
    /// InvalidInput naming the note unless \a body is a note one may add.
    static Error checkBody(const QString& body);
    /// Inside the caller's transaction, as the signed-in person: the signed
    /// row of a note on \a stepId of \a status's enrollment; its id in \a id.
    Error insert(const EnrollmentStatus& status, const QString& stepId, const QString& body, qint64* id);

private:
    Vault& m_vault;
    const Clock& m_clock;
};

} // namespace onramp
