#include "EnrollmentBackend.h"

#include "Badge.h"
#include "Formats.h"
#include "HiddenText.h"

#include "Session.h"

#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QHash>
#include <QLocale>
#include <QSettings>

#include <algorithm>

namespace onramp::ui {

namespace {

/// The notes typed and not sent yet, by hire ("" for the signed-in hire) and
/// step. In memory only, and forgotten when the session locks: the next
/// person to sign in finds none of them.
QHash<QString, QString>& noteDrafts()
{
    static QHash<QString, QString> drafts;
    static const bool forgotten = Session::instance()->forgetOnLock([] { drafts.clear(); });
    Q_UNUSED(forgotten)
    return drafts;
}

QString draftKey(const QString& hire, const QString& stepId)
{
    return hire + QLatin1Char('\n') + stepId;
}

} // namespace

EnrollmentBackend::EnrollmentBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_steps, &m_nextSteps, &m_thread, &m_sentBack});
    // A mentor's read marks change the counts of every page that shows the hire's steps.
    connect(Session::instance(), &Session::readMarksChanged, this, &EnrollmentBackend::reload);
}

QString EnrollmentBackend::draftOf(const QString& stepId) const
{
    return noteDrafts().value(draftKey(m_hire, stepId));
}

void EnrollmentBackend::keepDraft(const QString& stepId, const QString& text)
{
    if (!Session::instance()->isUnlocked())
        return;
    if (text.trimmed().isEmpty())
        noteDrafts().remove(draftKey(m_hire, stepId));
    else
        noteDrafts().insert(draftKey(m_hire, stepId), text);
}

void EnrollmentBackend::setThreadStep(const QString& stepId)
{
    if (stepId == m_threadStep)
        return;
    m_threadStep = stepId;
    Q_EMIT threadStepChanged();
    reload();
}

void EnrollmentBackend::setHire(const QString& hire)
{
    if (hire == m_hire)
        return;
    m_hire = hire;
    Q_EMIT hireChanged();
    reload();
}

QString EnrollmentBackend::hireDisplayName() const
{
    return m_status.hire.shownName();
}

QString EnrollmentBackend::mentorName() const
{
    return m_status.mentor.shownName();
}

QString EnrollmentBackend::startDate() const
{
    // Beside the steps' due days on the same card ("due Dec 11, 2026"): the same short form.
    return listDate(m_status.start);
}

bool EnrollmentBackend::startsLater() const
{
    return m_status.start.isValid() && m_status.start > QDate::currentDate();
}

StepReader EnrollmentBackend::reader() const
{
    StepReader reader;
    reader.me = Session::instance()->userName();
    reader.hire = m_status.hire.shownName();
    reader.mentor = m_status.mentor.shownName();
    reader.kind = reader.me == m_status.hire.name ? StepReader::Hire
        : reader.me == m_status.mentor.name       ? StepReader::Mentor
                                                  : StepReader::Other;
    return reader;
}

QString EnrollmentBackend::reasonFor(const EnrollmentStatus& status, const Reason& reason, const StepReader& reader)
{
    const bool hire = reader.kind == StepReader::Hire;
    const bool mentor = reader.kind == StepReader::Mentor;
    // The sign-off still to come, by the person it waits for, as a sentence
    // of the list: the mentor reads that it is theirs to give.
    // With nothing else before it, the mentor reads that the sign-off is all that is left.
    // A disabled mentor signs nothing off: said, with who gives another.
    if (reason.code == QLatin1String("signoff-missing") && status.mentor.disabled)
        return hire
            ? tr("Your mentor %1 is disabled: an admin gives you another mentor, who signs off").arg(reader.mentor)
            : tr("%1 is disabled: nobody signs off until an admin gives %2 another mentor")
                  .arg(reader.mentor, reader.hire);
    if (reason.code == QLatin1String("signoff-missing"))
        return hire ? tr("%1 has not signed off your production access yet").arg(reader.mentor)
            : mentor && status.reasonsBeforeSignoff().isEmpty()
            ? tr("You have not signed off yet: every required step is approved, so Sign off production… opens it now")
            : mentor ? tr("You have not signed off yet: Sign off production… once the steps above are done, and "
                          "approved where they need your review")
                     : tr("%1 has not signed off yet").arg(reader.mentor);
    const auto view = std::find_if(status.steps.cbegin(), status.steps.cend(),
                                   [&](const StepView& v) { return v.step.id == reason.stepId; });
    if (reason.stepId.isEmpty() || view == status.steps.cend())
        return reason.message;
    const QString title = view->step.title.isEmpty() ? view->step.id : view->step.title;
    switch (view->status()) {
    case StepStatus::Open:
        // A step the mentor reviews opens production once done and approved, as the card beside says:
        // one wording for each on the hire's, the mentor's and an admin's card, every reason
        // starting with its step.
        if (view->step.signoff)
            return tr("“%1” is not done and approved yet").arg(title);
        return tr("“%1” is not done yet").arg(title);
    case StepStatus::SentBack:
        return hire ? tr("Changes were asked on “%1”: redo it, then resubmit it for review").arg(title)
                    : tr("Changes were asked on “%1”; waiting for %2 to redo it").arg(title, reader.hire);
    case StepStatus::WaitingForReview:
        if (view->approvedOnVersion > 0)
            return hire
                ? tr("“%1” waits for a re-review by %2 after the move to a new version").arg(title, reader.mentor)
                : mentor
                ? tr("“%1” waits for your re-review after the move to a new version").arg(title)
                : tr("“%1” waits for a re-review by %2 after the move to a new version").arg(title, reader.mentor);
        return hire  ? tr("“%1” waits for review by %2").arg(title, reader.mentor)
            : mentor ? tr("“%1” waits for your review").arg(title)
                     : tr("“%1” waits for review by %2").arg(title, reader.mentor);
    case StepStatus::Resubmitted:
        return hire  ? tr("“%1” was redone and waits for review by %2 again").arg(title, reader.mentor)
            : mentor ? tr("“%1” was redone and waits for your review again").arg(title)
                     : tr("“%1” was redone and waits for review by %2 again").arg(title, reader.mentor);
    case StepStatus::Done:
        break;
    case StepStatus::Approved:
        // Approved, yet the gate still counts it against production: the approval does not count (any more).
        return hire  ? tr("“%1” is done and needs %2's approval again").arg(title, reader.mentor)
            : mentor ? tr("“%1” is done and needs your approval again").arg(title)
                     : tr("“%1” is done and needs %2's approval again").arg(title, reader.mentor);
    }
    return reason.message;
}

QString EnrollmentBackend::signedOffOn() const
{
    return m_status.signedOffAt.isValid() ? sentenceDate(m_status.signedOffAt) : QString();
}

QString EnrollmentBackend::revokedOn() const
{
    return m_status.revokedAt.isValid() ? sentenceDate(m_status.revokedAt) : QString();
}

bool EnrollmentBackend::signedOffByMe() const
{
    return !m_status.signedOffBy.isEmpty() && m_status.signedOffBy == Session::instance()->userName();
}

bool EnrollmentBackend::revokedByMe() const
{
    return !m_status.revokedBy.isEmpty() && m_status.revokedBy == Session::instance()->userName();
}

QStringList EnrollmentBackend::reasons() const
{
    const StepReader who = reader();
    QStringList list;
    for (const Reason& reason : m_status.decision.reasons)
        list.append(reasonFor(m_status, reason, who));
    return list;
}

QString EnrollmentBackend::signoffWaitsFor() const
{
    const StepReader who = reader();
    QStringList list;
    for (const Reason& reason : m_status.reasonsBeforeSignoff())
        list.append(reasonFor(m_status, reason, who));
    return list.join(tr("; "));
}

int EnrollmentBackend::awaitingReview() const
{
    return m_status.awaitingReviewCount();
}

bool EnrollmentBackend::readyForSignoff() const
{
    return enrolled() && m_status.readyForSignoff();
}

void EnrollmentBackend::setStatus(const EnrollmentStatus& status, const QString& problem,
                                  const QHash<QString, QStringList>& unanswered,
                                  const QHash<QString, QDateTime>& replies,
                                  const QHash<QString, QStringList>& unansweredMarks)
{
    m_status = status;
    m_replyTimes = replies;
    m_unansweredMarks = unansweredMarks;
    m_problem = problem;
    const StepReader who = reader();
    QHash<QString, QStringList> waiting = unanswered;
    dropNotesRead(m_status.hire.name, unansweredMarks, &waiting);
    m_steps.setSteps(m_status.steps, who, waiting);
    QList<StepView> next;
    for (const StepView& s : std::as_const(m_status.steps)) {
        if (!s.done && next.size() < 3)
            next.append(s);
    }
    m_nextSteps.setSteps(next, who);
    updateSentBack();
    updateMoveNotice();
    updateMoveNote();
    updateReplies();
    Q_EMIT statusChanged();
}

namespace {

/// One review (a send-back, an approval) as the settings remember it was
/// seen: the step and the moment of its review.
QString reviewMark(const StepView& step)
{
    return step.step.id + QLatin1Char('@') + QString::number(step.reviewedAt.toMSecsSinceEpoch());
}

} // namespace

QString EnrollmentBackend::seenKey() const
{
    return seenKeyFor(m_status.hire.name);
}

namespace {

/// A key of this desktop's settings: \a prefix, then the open vault's folder
/// and \a people hashed, so that the settings hold no path.
QString vaultSettingsKey(const QString& prefix, const QStringList& people)
{
    const QByteArray who =
        QDir(Session::instance()->vaultPath()).absolutePath().toUtf8() + '\n' + people.join(u'\n').toUtf8();
    return prefix + QString::fromLatin1(QCryptographicHash::hash(who, QCryptographicHash::Sha256).toHex().left(32));
}

} // namespace

QString EnrollmentBackend::seenKeyFor(const QString& hire)
{
    // Per vault and person.
    return vaultSettingsKey(QStringLiteral("sentBackSeen/"), {hire});
}

void EnrollmentBackend::updateSentBack()
{
    const StepReader who = reader();
    QList<StepView> unseen;
    if (enrolled() && who.kind == StepReader::Hire) {
        const QStringList seen = QSettings().value(seenKey()).toStringList();
        for (const StepView& s : std::as_const(m_status.steps)) {
            if (s.status() == StepStatus::SentBack && !seen.contains(reviewMark(s)))
                unseen.append(s);
        }
    }
    m_sentBack.setSteps(unseen, who);
}

void EnrollmentBackend::markSentBackSeen(const QString& stepId)
{
    if (!enrolled() || reader().kind != StepReader::Hire)
        return;
    QSettings settings;
    const QStringList before = settings.value(seenKey()).toStringList();
    // Only the send-backs standing now are kept: one redone and sent back again is new.
    QStringList seen;
    for (const StepView& s : std::as_const(m_status.steps)) {
        const QString mark = reviewMark(s);
        if (s.status() == StepStatus::SentBack && (stepId.isEmpty() || s.step.id == stepId || before.contains(mark)))
            seen.append(mark);
    }
    settings.setValue(seenKey(), seen);
    updateSentBack();
}

namespace {

/// A step's title in quotes, its id when it has none: as a notice lists steps.
QString quotedTitle(const StepView& s)
{
    return EnrollmentBackend::tr("“%1”").arg(s.step.title.isEmpty() ? s.step.id : s.step.title);
}

/// The settings key under which the moves a hire saw are kept, beside the send-backs.
QString movesSeenKey(const QString& sentBackKey)
{
    return sentBackKey + QStringLiteral("-moves");
}

QString moveMark(const EnrollmentStatus& status)
{
    return QString::number(status.movedAt.toMSecsSinceEpoch());
}

} // namespace

void EnrollmentBackend::updateMoveNotice()
{
    QString notice;
    QVariantList movedChanges;
    QSettings settings;
    const bool hire = enrolled() && reader().kind == StepReader::Hire;
    // The hire's first look on this desktop: a move before anything they did
    // is where they start, not news ("since you last looked" needs a last
    // look). One after a step they did moved work they knew: that is news,
    // wherever they looked before.
    const bool workedBeforeMove = m_status.movedAt.isValid()
        && std::any_of(m_status.steps.cbegin(), m_status.steps.cend(),
                       [&](const StepView& s) { return s.doneAt.isValid() && s.doneAt < m_status.movedAt; });
    if (hire && !settings.contains(movesSeenKey(seenKey())))
        settings.setValue(movesSeenKey(seenKey()), workedBeforeMove ? QString() : moveMark(m_status));
    if (hire && m_status.movedAt.isValid()
        && settings.value(movesSeenKey(seenKey())).toString() != moveMark(m_status)) {
        const QString mover = m_status.movedByDisplayName.isEmpty() ? tr("An admin") : m_status.movedByDisplayName;
        // Said as the steps stand: those done before the move that wait for
        // the mentor now, an approval from before it or a review the new
        // version asks for where the old one did not.
        QStringList again;
        for (const StepView& s : std::as_const(m_status.steps)) {
            if (s.awaitingReview() && (s.approvedOnVersion > 0 || !s.doneAt.isValid() || s.doneAt <= m_status.movedAt))
                again.append(quotedTitle(s));
        }
        const QString moved = m_status.movedFromChecklist.isEmpty()
            ? tr("%1 moved you to version %2 of the checklist.").arg(mover).arg(m_status.checklistVersion)
            : tr("%1 moved you to the checklist “%2”.").arg(mover, m_status.checklistTitle);
        const QString steps = QLocale().createSeparatedList(again);
        QString next;
        // What ended with the move, then what production waits for: one step or several alike.
        if (m_status.signoffEndedByMove && !again.isEmpty())
            next = tr("Your production access and the approvals given before the move ended with it. Waiting "
                      "for %1's review, then a new sign-off, before production opens: %2.")
                       .arg(mentorName(), steps);
        else if (m_status.signoffEndedByMove)
            next = tr("Your production access ended with the move: %1 signs off again before production opens.")
                       .arg(mentorName());
        else if (!again.isEmpty() && std::any_of(m_status.steps.cbegin(), m_status.steps.cend(), [](const StepView& s) {
                     return s.approvalEndedByMove;
                 }))
            next = tr("Approvals given before the move no longer count. Waiting for %1's review before "
                      "production opens: %2.")
                       .arg(mentorName(), steps);
        // Nothing was approved: no approval to speak of as lost.
        else if (!again.isEmpty())
            next = tr("Waiting for %1's review before production opens: %2.").arg(mentorName(), steps);
        notice = next.isEmpty() ? moved : moved + QLatin1Char(' ') + next;
        QStringList changed;
        for (const StepView& s : std::as_const(m_status.steps)) {
            if (s.changedFromVersion <= 0)
                continue;
            const QString title = s.step.title.isEmpty() ? s.step.id : s.step.title;
            changed.append(quotedTitle(s));
            movedChanges.append(QVariantMap{{QStringLiteral("stepId"), s.step.id}, {QStringLiteral("title"), title}});
        }
        if (!changed.isEmpty())
            notice += QLatin1Char(' ')
                + tr("Version %1 changes the wording of %2: each step's page shows what changed.")
                      .arg(m_status.checklistVersion)
                      .arg(QLocale().createSeparatedList(changed));
    }
    m_moveNotice = notice;
    m_movedChanges = movedChanges;
}

void EnrollmentBackend::updateMoveNote()
{
    m_moveNote.clear();
    const StepReader who = reader();
    if (!enrolled() || who.kind == StepReader::Hire || !m_status.movedAt.isValid())
        return;
    // What the move left waiting: approvals it ended on steps not reviewed since,
    // requests for changes it carried over, and the sign-off it ended.
    QStringList again;
    QStringList sentBack;
    for (const StepView& s : std::as_const(m_status.steps)) {
        if (s.awaitingReview() && s.approvalEndedByMove)
            again.append(quotedTitle(s));
        else if (s.status() == StepStatus::SentBack && s.sentBackBeforeMove)
            sentBack.append(quotedTitle(s));
    }
    const bool signoffAgain = m_status.signoffEndedByMove && m_status.locked();
    if (again.isEmpty() && sentBack.isEmpty() && !signoffAgain)
        return;
    // Names as people wrote them, their hidden characters shown, as the lists show them.
    const auto plainly = [](const QString& name) { return hiddentext::shownPlainly(name, hiddentext::Within::Name); };
    const QString mover = m_status.movedByDisplayName.isEmpty() ? tr("An admin") : plainly(m_status.movedByDisplayName);
    const QString hire = plainly(who.hire);
    const QString mentorName = plainly(who.mentor);
    const QString on = listDate(m_status.movedAt);
    const bool mentor = who.kind == StepReader::Mentor;
    QStringList said;
    // In one pass each: a name holding "%3" stays as written.
    said.append(m_status.movedFromChecklist.isEmpty()
                    ? tr("%1 moved %2 to version %3 of the checklist on %4.")
                          .arg(mover, hire, QString::number(m_status.checklistVersion), on)
                    : tr("%1 moved %2 to the checklist “%3” on %4.")
                          .arg(mover, hire, hiddentext::shownPlainly(m_status.checklistTitle), on));
    if (!again.isEmpty())
        said.append(mentor ? tr("It ended the approvals given before it; waiting for your review again: %1.")
                                 .arg(QLocale().createSeparatedList(again))
                           : tr("It ended the approvals given before it; waiting for a review by %1 again: %2.")
                                 .arg(mentorName, QLocale().createSeparatedList(again)));
    if (!sentBack.isEmpty())
        said.append(tr("Changes asked before it still stand on %1.").arg(QLocale().createSeparatedList(sentBack)));
    if (signoffAgain)
        said.append(
            mentor ? tr("The sign-off ended with it: you sign off again once the steps are approved.")
                   : tr("The sign-off ended with it: %1 signs off again once the steps are approved.").arg(mentorName));
    m_moveNote = said.join(QLatin1Char(' '));
}

void EnrollmentBackend::markMoveSeen()
{
    if (!enrolled() || reader().kind != StepReader::Hire || !m_status.movedAt.isValid())
        return;
    QSettings().setValue(movesSeenKey(seenKey()), moveMark(m_status));
    updateMoveNotice();
    Q_EMIT statusChanged();
}

namespace {

/// The settings keys under which the mentor's notes and the mentor a hire saw are kept, beside the send-backs.
QString repliesSeenKey(const QString& sentBackKey)
{
    return sentBackKey + QStringLiteral("-replies");
}

QString mentorSeenKey(const QString& sentBackKey)
{
    return sentBackKey + QStringLiteral("-mentor");
}

QString revokeSeenKey(const QString& sentBackKey)
{
    return sentBackKey + QStringLiteral("-revoked");
}

QString approvalsSeenKey(const QString& sentBackKey)
{
    return sentBackKey + QStringLiteral("-approved");
}

QString signoffSeenKey(const QString& sentBackKey)
{
    return sentBackKey + QStringLiteral("-signed-off");
}

/// The sign-off as the settings remember it was seen; empty when none stands.
QString signoffMark(const EnrollmentStatus& status)
{
    return status.signedOffAt.isValid() ? QString::number(status.signedOffAt.toMSecsSinceEpoch()) : QString();
}

/// Each approval standing, as the settings remember it was seen: the step and when it was approved.
QStringList approvalMarks(const EnrollmentStatus& status)
{
    QStringList marks;
    for (const StepView& s : status.steps) {
        if (s.approved && s.reviewedAt.isValid())
            marks.append(reviewMark(s));
    }
    return marks;
}

/// The latest revocation as the settings remember it was seen; empty when none stands.
QString revokeMark(const EnrollmentStatus& status)
{
    return status.revokedAt.isValid() ? QString::number(status.revokedAt.toMSecsSinceEpoch()) : QString();
}

/// One reply as the settings remember it was seen: the step and the moment of the mentor's newest note there.
QString replyMark(const QString& stepId, const QDateTime& at)
{
    return stepId + QLatin1Char('@') + QString::number(at.toMSecsSinceEpoch());
}

/// What Home's "New since you last looked" tells the hire of \a status, by
/// the marks \a settings keeps under \a key, with \a replies (the mentor's
/// newest note per step): updateReplies() words it, unseenNews() counts it.
struct Unseen {
    QList<const StepView*> replies; ///< steps the mentor wrote on since
    QList<const StepView*> approvals; ///< approved since, and not told with a reply above
    bool signedOff = false; ///< not when a revocation at or after it is news as well
    bool revoked = false;
    bool newMentor = false;
};

Unseen unseenIn(const QSettings& settings, const QString& key, const EnrollmentStatus& status,
                const QHash<QString, QDateTime>& replies)
{
    Unseen news;
    const QStringList repliesSeen = settings.value(repliesSeenKey(key)).toStringList();
    for (const StepView& s : status.steps) {
        const auto at = replies.constFind(s.step.id);
        if (at != replies.cend() && !repliesSeen.contains(replyMark(s.step.id, *at)))
            news.replies.append(&s);
    }
    // An approval whose step's reply is news already is told with it: the conversation shows the approval.
    const QStringList approvalsSeen = settings.value(approvalsSeenKey(key)).toStringList();
    for (const StepView& s : status.steps) {
        if (s.approved && s.reviewedAt.isValid() && !approvalsSeen.contains(reviewMark(s))
            && !news.replies.contains(&s))
            news.approvals.append(&s);
    }
    news.revoked = status.revokedAt.isValid() && settings.value(revokeSeenKey(key)).toString() != revokeMark(status);
    // Signed off and revoked since the hire last looked: the revocation is
    // what holds now, and "yours to read now" beside it would contradict it.
    news.signedOff = status.signedOffAt.isValid()
        && settings.value(signoffSeenKey(key)).toString() != signoffMark(status)
        && !(news.revoked && status.revokedAt >= status.signedOffAt);
    news.newMentor =
        settings.contains(mentorSeenKey(key)) && settings.value(mentorSeenKey(key)).toString() != status.mentor.name;
    return news;
}

} // namespace

void EnrollmentBackend::updateReplies()
{
    m_replies.clear();
    m_mentorNotice.clear();
    m_revokeNotice.clear();
    m_signoffNotice.clear();
    if (!enrolled() || reader().kind != StepReader::Hire)
        return;
    QSettings settings;
    const QString repliesKey = repliesSeenKey(seenKey());
    const QString mentorKey = mentorSeenKey(seenKey());
    const QString approvalsKey = approvalsSeenKey(seenKey());
    const QString signoffKey = signoffSeenKey(seenKey());
    if (!settings.contains(approvalsKey))
        settings.setValue(approvalsKey, approvalMarks(m_status));
    if (!settings.contains(signoffKey))
        settings.setValue(signoffKey, signoffMark(m_status));
    QStringList current;
    for (auto it = m_replyTimes.cbegin(); it != m_replyTimes.cend(); ++it)
        current.append(replyMark(it.key(), it.value()));
    // The hire's first look on this desktop: the notes and the mentor found then are where they start.
    if (!settings.contains(repliesKey))
        settings.setValue(repliesKey, current);
    if (!settings.contains(mentorKey))
        settings.setValue(mentorKey, m_status.mentor.name);
    const QString revokeKey = revokeSeenKey(seenKey());
    if (!settings.contains(revokeKey))
        settings.setValue(revokeKey, revokeMark(m_status));
    // The conversation on the step shown is being read: its notes are seen.
    if (!m_threadStep.isEmpty() && m_replyTimes.contains(m_threadStep)) {
        QStringList seen = settings.value(repliesKey).toStringList();
        const QString mark = replyMark(m_threadStep, m_replyTimes.value(m_threadStep));
        if (!seen.contains(mark)) {
            seen.append(mark);
            settings.setValue(repliesKey, seen);
            Badge::instance()->recount();
        }
    }
    const Unseen news = unseenIn(settings, seenKey(), m_status, m_replyTimes);
    for (const StepView* s : news.replies) {
        const QString title = s->step.title.isEmpty() ? s->step.id : s->step.title;
        m_replies.append(QVariantMap{{QStringLiteral("stepId"), s->step.id},
                                     {QStringLiteral("title"), title},
                                     {QStringLiteral("text"), tr("%1 replied on “%2”").arg(mentorName(), title)}});
    }
    // The approvals given since, one line each.
    for (const StepView* s : news.approvals) {
        const QString title = s->step.title.isEmpty() ? s->step.id : s->step.title;
        const QString reviewer = s->reviewerDisplayName.isEmpty() ? s->reviewer : s->reviewerDisplayName;
        // The words the mentor sent along with it, on one line and cut short: the step shows them whole.
        constexpr qsizetype kShownComment = 160;
        QString comment = s->reviewComment.simplified();
        if (comment.size() > kShownComment)
            comment = comment.left(kShownComment - 1).trimmed() + QStringLiteral("…");
        m_replies.append(QVariantMap{{QStringLiteral("stepId"), s->step.id},
                                     {QStringLiteral("title"), title},
                                     {QStringLiteral("text"),
                                      comment.isEmpty() ? tr("%1 approved “%2”").arg(reviewer, title)
                                                        : tr("%1 approved “%2”: “%3”").arg(reviewer, title, comment)}});
    }
    if (news.signedOff)
        m_signoffNotice = tr("%1 signed off your production access: the production credentials are yours to read now.")
                              .arg(m_status.signedOffByDisplayName.isEmpty() ? m_status.signedOffBy
                                                                             : m_status.signedOffByDisplayName);
    // A new mentor vouches afresh (Enrollments::edit): said, not only felt as a lock.
    if (news.newMentor)
        m_mentorNotice = tr("Your mentor is now %1. Your production access and your previous mentor's approvals "
                            "ended with the change: %1 reviews your steps and signs off again before production "
                            "opens.")
                             .arg(mentorName());
    if (news.revoked)
        m_revokeNotice =
            tr("%1 revoked your production access; the production credentials cannot be read now. Your mentor can "
               "renew it.")
                .arg(m_status.revokedByDisplayName.isEmpty() ? m_status.revokedBy : m_status.revokedByDisplayName);
}

void EnrollmentBackend::dropNotesRead(const QString& hire, const QHash<QString, QStringList>& marks,
                                      QHash<QString, QStringList>* unanswered)
{
    if (hire.isEmpty() || unanswered->isEmpty())
        return;
    // The marks of the notes read (StepThread::unanswered()): each names one
    // note, so one the hire writes later waits, whenever it says it was written.
    const QStringList read = QSettings().value(notesReadKey(hire)).toStringList();
    if (read.isEmpty())
        return;
    for (auto it = unanswered->begin(); it != unanswered->end();) {
        const QStringList noteMarks = marks.value(it.key());
        if (noteMarks.size() == it->size()) {
            QStringList waiting;
            for (qsizetype i = 0; i < noteMarks.size(); ++i)
                if (!read.contains(noteMarks.at(i)))
                    waiting.append(it->at(i));
            *it = waiting;
        }
        if (it->isEmpty())
            it = unanswered->erase(it);
        else
            ++it;
    }
}

QString EnrollmentBackend::notesReadKey(const QString& hire)
{
    // Per vault, mentor and hire.
    return vaultSettingsKey(QStringLiteral("notesRead/"), {Session::instance()->userName(), hire});
}

void EnrollmentBackend::markNotesRead(const QString& stepId)
{
    if (!enrolled() || reader().kind != StepReader::Mentor || m_unansweredMarks.value(stepId).isEmpty())
        return;
    QSettings settings;
    const QString key = notesReadKey(m_status.hire.name);
    const QStringList before = settings.value(key).toStringList();
    // This step's notes, and those read before that still wait elsewhere.
    QStringList read = m_unansweredMarks.value(stepId);
    for (auto it = m_unansweredMarks.cbegin(); it != m_unansweredMarks.cend(); ++it)
        for (const QString& mark : it.value())
            if (it.key() != stepId && before.contains(mark))
                read.append(mark);
    settings.setValue(key, read);
    Q_EMIT Session::instance()->readMarksChanged();
    Q_EMIT done(tr("Marked as read: %1's notes here no longer wait for your answer.").arg(hireDisplayName()));
}

int EnrollmentBackend::unreadReplies(const QString& hire, const QHash<QString, QDateTime>& replies)
{
    const QString repliesKey = repliesSeenKey(seenKeyFor(hire));
    QSettings settings;
    // Before the hire's first look here, the notes standing are where they start (updateReplies()).
    if (!settings.contains(repliesKey))
        return 0;
    const QStringList seen = settings.value(repliesKey).toStringList();
    int unread = 0;
    for (auto it = replies.cbegin(); it != replies.cend(); ++it) {
        if (!seen.contains(replyMark(it.key(), it.value())))
            ++unread;
    }
    return unread;
}

int EnrollmentBackend::unseenNews(const QString& hire, const EnrollmentStatus& status,
                                  const QHash<QString, QDateTime>& replies)
{
    const QString key = seenKeyFor(hire);
    QSettings settings;
    // Before the hire's first look here, what stands is where they start (updateReplies()).
    if (!settings.contains(approvalsSeenKey(key)))
        return 0;
    const Unseen news = unseenIn(settings, key, status, replies);
    return int(news.approvals.size()) + int(news.signedOff) + int(news.revoked) + int(news.newMentor);
}

void EnrollmentBackend::markRepliesSeen(const QString& stepId)
{
    if (!enrolled() || reader().kind != StepReader::Hire)
        return;
    QSettings settings;
    const QString repliesKey = repliesSeenKey(seenKey());
    const QStringList before = settings.value(repliesKey).toStringList();
    // Only the notes standing now are kept: a newer one on the same step is new.
    QStringList seen;
    for (auto it = m_replyTimes.cbegin(); it != m_replyTimes.cend(); ++it) {
        const QString mark = replyMark(it.key(), it.value());
        if (stepId.isEmpty() || it.key() == stepId || before.contains(mark))
            seen.append(mark);
    }
    settings.setValue(repliesKey, seen);
    // The step's approval is seen with its reply, as is every one with "Got it".
    const QString approvalsKey = approvalsSeenKey(seenKey());
    QStringList approvals = settings.value(approvalsKey).toStringList();
    for (const QString& mark : approvalMarks(m_status)) {
        if ((stepId.isEmpty() || mark.startsWith(stepId + QLatin1Char('@'))) && !approvals.contains(mark))
            approvals.append(mark);
    }
    settings.setValue(approvalsKey, approvals);
    if (stepId.isEmpty()) {
        settings.setValue(mentorSeenKey(seenKey()), m_status.mentor.name);
        settings.setValue(revokeSeenKey(seenKey()), revokeMark(m_status));
        settings.setValue(signoffSeenKey(seenKey()), signoffMark(m_status));
    }
    updateReplies();
    Q_EMIT statusChanged();
    Badge::instance()->recount();
}

void EnrollmentBackend::clear()
{
    m_unreadable = false;
    setStatus({}, {});
    m_thread.setEntries({});
}

namespace {

/// The status of \a hire (the signed-in person when empty), for their mentor
/// the hire's notes not answered yet, for the hire when their mentor last
/// wrote on each step, and, when \a stepId names one, the
/// conversation on that step.
Error readEnrollment(Vault& vault, const QString& hire, const QString& stepId, EnrollmentStatus* status,
                     QHash<QString, QStringList>* unanswered, QHash<QString, QStringList>* unansweredMarks,
                     QHash<QString, QDateTime>* replies, QList<ThreadEntry>* thread, bool* notEnrolled)
{
    const QString who = hire.isEmpty() ? vault.me().name : hire;
    if (Error e = Enrollments(vault).status(who, status)) {
        // Told apart: no enrollment at all, or one there that could not be read.
        std::optional<Person> person;
        qint64 id = -1;
        if (!Vault::findPerson(vault.db(), who, &person) && person)
            if (Vault::findEnrollmentOf(vault.db(), person->id, who, &id))
                id = -1;
        *notEnrolled = id == 0;
        return e;
    }
    if (status->enrollmentId != 0 && status->hire.name == vault.me().name) {
        if (Error e = StepThread(vault).replies(*status, replies))
            return e;
    }
    if (status->enrollmentId != 0 && status->mentor.name == vault.me().name) {
        if (Error e = StepThread(vault).unanswered(*status, unanswered, unansweredMarks))
            return e;
    }
    if (stepId.isEmpty())
        return {};
    return StepThread(vault).read(who, stepId, thread);
}

} // namespace

void EnrollmentBackend::read()
{
    struct Result {
        EnrollmentStatus status;
        bool notEnrolled = false;
        QHash<QString, QStringList> unanswered;
        QHash<QString, QStringList> unansweredMarks;
        QHash<QString, QDateTime> replies;
        QList<ThreadEntry> thread;
    };
    auto result = std::make_shared<Result>();
    const QString hire = m_hire;
    const QString stepId = m_threadStep;
    load(
        [result, hire, stepId](Vault& vault) {
            return readEnrollment(vault, hire, stepId, &result->status, &result->unanswered, &result->unansweredMarks,
                                  &result->replies, &result->thread, &result->notEnrolled);
        },
        [this, result](const Error& e) {
            m_unreadable = e && !result->notEnrolled;
            m_busy = e.kind == ErrorKind::Busy;
            setStatus(e ? EnrollmentStatus{} : result->status, e.message,
                      e ? QHash<QString, QStringList>{} : result->unanswered,
                      e ? QHash<QString, QDateTime>{} : result->replies,
                      e ? QHash<QString, QStringList>{} : result->unansweredMarks);
            m_thread.setEntries(e ? QList<ThreadEntry>{} : result->thread, reader().kind == StepReader::Hire,
                                m_status.hire.shownName());
        });
}

void EnrollmentBackend::loadNow()
{
    EnrollmentStatus status;
    QHash<QString, QStringList> unanswered;
    QHash<QString, QStringList> unansweredMarks;
    QHash<QString, QDateTime> replies;
    QList<ThreadEntry> thread;
    bool notEnrolled = false;
    const QString hire = m_hire;
    const QString stepId = m_threadStep;
    const Error e = Session::instance()->performNow([&](Vault& vault) {
        return readEnrollment(vault, hire, stepId, &status, &unanswered, &unansweredMarks, &replies, &thread,
                              &notEnrolled);
    });
    m_unreadable = e && !notEnrolled;
    m_busy = e.kind == ErrorKind::Busy;
    setStatus(e ? EnrollmentStatus{} : status, e.message, e ? QHash<QString, QStringList>{} : unanswered,
              e ? QHash<QString, QDateTime>{} : replies, e ? QHash<QString, QStringList>{} : unansweredMarks);
    m_thread.setEntries(e ? QList<ThreadEntry>{} : thread, reader().kind == StepReader::Hire,
                        m_status.hire.shownName());
}

void EnrollmentBackend::addNote(const QString& stepId, const QString& body)
{
    // The hire's note, a question or an answer, leaves the step's state as it is, as the mentor's does.
    const bool fromHire = m_status.hire.name == Session::instance()->userName();
    actOnHire([stepId, body](Vault& v, const QString& hire) { return StepThread(v).add(hire, stepId, body); },
              fromHire ? tr("Note sent to %1.").arg(mentorName()) : tr("Note sent to %1.").arg(hireDisplayName()));
}

void EnrollmentBackend::actOnHire(std::function<Error(Vault&, const QString&)> work, const QString& confirmation)
{
    const QString hire = m_status.hire.name;
    act([work, hire](Vault& vault) { return work(vault, hire); }, confirmation);
}

void EnrollmentBackend::markDone(const QString& stepId, const QString& note)
{
    // A step the mentor reviews now waits for them: the confirmation says so.
    const auto view = std::find_if(m_status.steps.cbegin(), m_status.steps.cend(),
                                   [&](const StepView& v) { return v.step.id == stepId; });
    const bool reviewed = view != m_status.steps.cend() && view->step.signoff;
    actOnHire([stepId, note](Vault& v, const QString& hire) { return Enrollments(v).markDone(hire, stepId, note); },
              reviewed ? tr("Marked done. It now waits for %1's review.").arg(mentorName())
                       : tr("Marked done. Nice work!"));
}

void EnrollmentBackend::undo(const QString& stepId)
{
    actOnHire([stepId](Vault& v, const QString& hire) { return Enrollments(v).undo(hire, stepId); },
              tr("The step is open again."));
}

void EnrollmentBackend::approve(const QString& stepId, const QString& comment)
{
    actOnHire(
        [stepId, comment](Vault& v, const QString& hire) { return Enrollments(v).review(hire, stepId, true, comment); },
        tr("Approved."));
}

void EnrollmentBackend::approveStepOf(const QString& hire, const QString& stepId)
{
    act([hire, stepId](Vault& v) { return Enrollments(v).review(hire, stepId, true, {}); }, tr("Approved."));
}

void EnrollmentBackend::reject(const QString& stepId, const QString& comment)
{
    actOnHire([stepId, comment](Vault& v,
                                const QString& hire) { return Enrollments(v).review(hire, stepId, false, comment); },
              tr("Changes asked, with your comment; the step is open again."));
}

void EnrollmentBackend::resubmit(const QString& stepId, const QString& note)
{
    actOnHire([stepId, note](Vault& v, const QString& hire) { return Enrollments(v).markDone(hire, stepId, note); },
              tr("Resubmitted for review."));
}

void EnrollmentBackend::signOff(const QString& passphrase)
{
    QByteArray utf8 = passphrase.toUtf8();
    auto secret = std::make_shared<SecureBytes>(SecureBytes::copyOf(utf8));
    wipe(utf8);
    actOnHire(
        [secret](Vault& v, const QString& hire) -> Error {
            // Re-derive the key from the passphrase just typed: a sign-off is a
            // deliberate act, not something an unlocked, unattended window can do.
            if (Error e = v.confirmPassphrase(secret->view()))
                return e.kind == ErrorKind::Auth
                    ? Error(e.kind,
                            QCoreApplication::translate("onramp", "That passphrase is not right; nothing was signed."))
                    : e;
            retryPendingDrops(v);
            return Enrollments(v).signOff(hire);
        },
        tr("Signed off. Production access is released."));
}

} // namespace onramp::ui
