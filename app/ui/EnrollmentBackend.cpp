#include "EnrollmentBackend.h"

#include "Session.h"

#include "onboarding/Enrollments.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QLocale>

namespace onramp::ui {

EnrollmentBackend::EnrollmentBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_steps, &m_nextSteps});
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
    return m_status.start.isValid() ? QLocale().toString(m_status.start, QLocale::LongFormat) : QString();
}

QStringList EnrollmentBackend::reasons() const
{
    QStringList list;
    for (const Reason& reason : m_status.decision.reasons)
        list.append(reason.message);
    return list;
}

int EnrollmentBackend::awaitingReview() const
{
    return m_status.awaitingReviewCount();
}

bool EnrollmentBackend::readyForSignoff() const
{
    return enrolled() && m_status.readyForSignoff();
}

void EnrollmentBackend::setStatus(const EnrollmentStatus& status, const QString& problem)
{
    m_status = status;
    m_problem = problem;
    m_steps.setSteps(m_status.steps);
    QList<StepView> next;
    for (const StepView& s : std::as_const(m_status.steps)) {
        if (!s.done && next.size() < 3)
            next.append(s);
    }
    m_nextSteps.setSteps(next);
    Q_EMIT statusChanged();
}

void EnrollmentBackend::clear()
{
    setStatus({}, {});
}

void EnrollmentBackend::read()
{
    auto result = std::make_shared<EnrollmentStatus>();
    const QString hire = m_hire;
    load([result, hire](
             Vault& vault) { return Enrollments(vault).status(hire.isEmpty() ? vault.me().name : hire, result.get()); },
         [this, result](const Error& e) { setStatus(e ? EnrollmentStatus{} : *result, e.message); });
}

void EnrollmentBackend::loadNow()
{
    EnrollmentStatus status;
    const QString hire = m_hire;
    const Error e = Session::instance()->performNow(
        [&](Vault& vault) { return Enrollments(vault).status(hire.isEmpty() ? vault.me().name : hire, &status); });
    setStatus(e ? EnrollmentStatus{} : status, e.message);
}

void EnrollmentBackend::actOnHire(std::function<Error(Vault&, const QString&)> work, const QString& confirmation)
{
    const QString hire = m_status.hire.name;
    act([work, hire](Vault& vault) { return work(vault, hire); }, confirmation);
}

void EnrollmentBackend::markDone(const QString& stepId, const QString& note)
{
    actOnHire([stepId, note](Vault& v, const QString& hire) { return Enrollments(v).markDone(hire, stepId, note); },
              tr("Marked done. Nice work!"));
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

void EnrollmentBackend::reject(const QString& stepId, const QString& comment)
{
    actOnHire([stepId, comment](Vault& v,
                                const QString& hire) { return Enrollments(v).review(hire, stepId, false, comment); },
              tr("Sent back with your comment; the step is open again."));
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
            return Enrollments(v).signOff(hire);
        },
        tr("Signed off. Production access is released."));
}

} // namespace onramp::ui
