#include "TeamBackend.h"

#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"
#include "vault/Vault.h"

namespace onramp::ui {

TeamBackend::TeamBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_enrollments, &m_queue});
}

void TeamBackend::setProblem(const QString& problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT problemChanged();
}

void TeamBackend::setWaiting(const QList<EnrollmentStatus>& enrollments)
{
    int waiting = 0;
    for (const EnrollmentStatus& s : enrollments)
        waiting += s.awaitingReviewCount();
    if (waiting == m_waiting)
        return;
    m_waiting = waiting;
    Q_EMIT waitingForReviewChanged();
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
    load(
        [list, me, notes](Vault& vault) {
            *me = vault.me().name;
            if (Error e = Enrollments(vault).visible(list.get()))
                return e;
            // The queue quotes what the mentor has not answered yet.
            for (const EnrollmentStatus& s : std::as_const(*list)) {
                if (s.mentor.name != *me || s.awaitingReviewCount() == 0)
                    continue;
                if (Error e = StepThread(vault).unanswered(s, &(*notes)[s.enrollmentId]))
                    return e;
            }
            return Error();
        },
        [this, list, me, notes](const Error& e) {
            if (e)
                list->clear();
            m_enrollments.setEnrollments(*list);
            m_queue.setQueue(*list, *me, *notes);
            setWaiting(*list);
            setProblem(e.message);
        });
}

} // namespace onramp::ui
