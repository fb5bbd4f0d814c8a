#include "TeamBackend.h"

#include "Session.h"

#include "vault/Vault.h"
#include "onboarding/Enrollments.h"

#include <QLocale>

namespace onramp::ui {

TeamBackend::TeamBackend(QObject* parent)
    : QObject(parent)
{
    connect(Session::instance(), &Session::changed, this, &TeamBackend::reload);
    connect(Session::instance(), &Session::unlockedChanged, this, &TeamBackend::reload);
    QMetaObject::invokeMethod(this, &TeamBackend::reload, Qt::QueuedConnection);
}

void TeamBackend::reload()
{
    Session* session = Session::instance();
    if (!session->isUnlocked()) {
        m_enrollments.clear();
        m_queue.clear();
        Q_EMIT changed();
        return;
    }
    m_loading = true;
    Q_EMIT loadingChanged();
    auto list = std::make_shared<QList<EnrollmentStatus>>();
    auto me = std::make_shared<QString>();
    session->perform(
        this,
        [list, me](Vault& vault) {
            *me = vault.me().name;
            return Enrollments(vault).visible(list.get());
        },
        [this, list, me](const Error& e) {
            m_loading = false;
            Q_EMIT loadingChanged();
            m_enrollments.clear();
            m_queue.clear();
            m_problem = e ? e.message : QString();
            if (!e) {
                for (const EnrollmentStatus& s : *list) {
                    const QString display = s.hire.shownName();
                    int awaiting = 0;
                    for (const StepView& v : s.steps) {
                        if (!v.awaitingReview())
                            continue;
                        ++awaiting;
                        if (s.mentor.name == *me)
                            m_queue.append(QVariantMap{{QStringLiteral("hire"), s.hire.name},
                                                       {QStringLiteral("displayName"), display},
                                                       {QStringLiteral("stepId"), v.step.id},
                                                       {QStringLiteral("title"), v.step.title},
                                                       {QStringLiteral("note"), v.note}});
                    }
                    const int days = s.locked() || !s.start.isValid() ? -1 : int(s.start.daysTo(s.signedOffAt.date()));
                    m_enrollments.append(QVariantMap{
                        {QStringLiteral("hire"), s.hire.name},
                        {QStringLiteral("displayName"), display},
                        {QStringLiteral("mentor"), s.mentor.name},
                        {QStringLiteral("checklist"), s.checklistTitle},
                        {QStringLiteral("done"), s.doneCount()},
                        {QStringLiteral("total"), int(s.steps.size())},
                        {QStringLiteral("progress"), s.steps.isEmpty() ? 0.0 : double(s.doneCount()) / s.steps.size()},
                        {QStringLiteral("locked"), s.locked()},
                        {QStringLiteral("awaitingReview"), awaiting},
                        {QStringLiteral("startDate"), QLocale().toString(s.start, QLocale::ShortFormat)},
                        {QStringLiteral("daysToAccess"), days},
                    });
                }
            }
            Q_EMIT changed();
        },
        false);
}

} // namespace onramp::ui
