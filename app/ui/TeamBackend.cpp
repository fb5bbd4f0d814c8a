#include "TeamBackend.h"

#include "onboarding/Enrollments.h"
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

void TeamBackend::clear()
{
    m_enrollments.setEnrollments({});
    m_queue.setQueue({}, {});
}

void TeamBackend::read()
{
    auto list = std::make_shared<QList<EnrollmentStatus>>();
    auto me = std::make_shared<QString>();
    load(
        [list, me](Vault& vault) {
            *me = vault.me().name;
            return Enrollments(vault).visible(list.get());
        },
        [this, list, me](const Error& e) {
            if (e)
                list->clear();
            m_enrollments.setEnrollments(*list);
            m_queue.setQueue(*list, *me);
            setProblem(e.message);
        });
}

} // namespace onramp::ui
