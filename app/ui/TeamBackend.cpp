#include "TeamBackend.h"
#include "EnrollmentBackend.h"

#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"
#include "vault/Vault.h"

#include "Session.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSettings>

namespace onramp::ui {

TeamBackend::TeamBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_enrollments, &m_queue});
    connect(Session::instance(), &Session::readMarksChanged, this, &TeamBackend::reload);
}

void TeamBackend::setProblem(const QString& problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT problemChanged();
}

void TeamBackend::setWaiting(const QList<EnrollmentStatus>& enrollments, const QString& me, int unanswered)
{
    int waiting = 0;
    int expired = 0;
    int ready = 0;
    for (const EnrollmentStatus& s : enrollments) {
        // A disabled hire's steps wait for nobody, as the queue leaves them out.
        if (!s.hire.disabled)
            waiting += s.awaitingReviewCount();
        const bool mine = !me.isEmpty() && s.mentor.name == me && !s.hire.disabled;
        if (mine && s.hasAccess() && s.productionExpired)
            ++expired;
        if (mine && s.readyForSignoff())
            ++ready;
    }
    if (waiting == m_waiting && unanswered == m_unanswered && expired == m_expired && ready == m_ready)
        return;
    m_waiting = waiting;
    m_unanswered = unanswered;
    m_expired = expired;
    m_ready = ready;
    Q_EMIT waitingForReviewChanged();
}

namespace {

/// The settings key under which a mentor's mentees seen are kept: per vault
/// and person, hashed, so that the settings hold no path.
QString menteesSeenKey()
{
    const QByteArray who = QDir(Session::instance()->vaultPath()).absolutePath().toUtf8() + '\n'
        + Session::instance()->userName().toUtf8();
    return QStringLiteral("menteesSeen/")
        + QString::fromLatin1(QCryptographicHash::hash(who, QCryptographicHash::Sha256).toHex().left(32));
}

} // namespace

void TeamBackend::updateGone(const QList<EnrollmentStatus>& enrollments, const QString& me)
{
    m_mentees.clear();
    for (const EnrollmentStatus& s : enrollments) {
        if (s.mentor.name == me)
            m_mentees.insert(s.hire.name, s.hire.shownName());
    }
    QStringList gone;
    if (!me.isEmpty()) {
        QSettings settings;
        const QString key = menteesSeenKey();
        // The first look on this desktop: the mentees found are where the mentor starts.
        QVariantMap seen = settings.contains(key) ? settings.value(key).toMap() : m_mentees;
        for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
            if (!m_mentees.contains(it.key()))
                gone.append(tr("%1 is no longer your mentee: an admin gave them another mentor or ended their "
                               "enrollment. Their steps and notes stay with the enrollment.")
                                .arg(it.value().toString()));
        }
        // A new mentee is seen at once; one gone stays news until the mentor has read it.
        for (auto it = m_mentees.cbegin(); it != m_mentees.cend(); ++it)
            seen.insert(it.key(), it.value());
        settings.setValue(key, seen);
    }
    if (gone == m_gone)
        return;
    m_gone = gone;
    Q_EMIT goneMenteesChanged();
}

void TeamBackend::markMenteesSeen()
{
    if (!Session::instance()->isUnlocked())
        return;
    QSettings().setValue(menteesSeenKey(), m_mentees);
    if (m_gone.isEmpty())
        return;
    m_gone.clear();
    Q_EMIT goneMenteesChanged();
}

void TeamBackend::clear()
{
    m_enrollments.setEnrollments({});
    m_queue.setQueue({}, {});
    setWaiting({});
}

void TeamBackend::read()
{
    auto list = std::make_shared<QList<EnrollmentStatus>>();
    auto me = std::make_shared<QString>();
    auto notes = std::make_shared<ReviewQueueModel::Notes>();
    auto marks = std::make_shared<QHash<qint64, QHash<QString, QStringList>>>();
    load(
        [list, me, notes, marks](Vault& vault) {
            *me = vault.me().name;
            if (Error e = Enrollments(vault).visible(list.get()))
                return e;
            // The queue quotes what the mentor has not answered yet, and each
            // mentee's row says how many of the hire's notes wait for an answer.
            for (const EnrollmentStatus& s : std::as_const(*list)) {
                if (s.mentor.name != *me)
                    continue;
                if (Error e = StepThread(vault).unanswered(s, &(*notes)[s.enrollmentId], &(*marks)[s.enrollmentId]))
                    return e;
            }
            return Error();
        },
        [this, list, me, notes, marks](const Error& e) {
            if (e)
                list->clear();
            // Less the notes the mentor marked read on this desktop.
            for (const EnrollmentStatus& s : std::as_const(*list))
                if (notes->contains(s.enrollmentId))
                    EnrollmentBackend::dropNotesRead(s.hire.name, marks->value(s.enrollmentId),
                                                     &(*notes)[s.enrollmentId]);
            // A note sent with a step that waits for review is counted once, as the review.
            QHash<qint64, int> unanswered;
            int notesInAll = 0;
            for (const EnrollmentStatus& s : std::as_const(*list)) {
                const int n = StepThread::waitingApart(s, notes->value(s.enrollmentId));
                unanswered[s.enrollmentId] = n;
                notesInAll += n;
            }
            m_enrollments.setEnrollments(*list, unanswered);
            m_queue.setQueue(*list, *me, *notes);
            setWaiting(*list, *me, e ? 0 : notesInAll);
            if (!e)
                updateGone(*list, *me);
            setProblem(e.message);
        });
}

} // namespace onramp::ui
