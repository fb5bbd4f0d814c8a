#pragma once

#include "StepListModel.h"

#include "Error.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace onramp {
class Vault;
}

namespace onramp::ui {

/// One hire's enrollment for QML: progress, steps, the gate's reasons, and
/// the actions the signed-in person may take on it (the hire marks steps, the
/// mentor reviews and signs off). Reloads whenever the session's vault changes.
class EnrollmentBackend : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// The hire to show; empty means the signed-in person.
    Q_PROPERTY(QString hire READ hire WRITE setHire NOTIFY hireChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(bool enrolled READ enrolled NOTIFY statusChanged)
    Q_PROPERTY(QString problem READ problem NOTIFY statusChanged)
    Q_PROPERTY(QString hireName READ hireName NOTIFY statusChanged)
    Q_PROPERTY(QString hireDisplayName READ hireDisplayName NOTIFY statusChanged)
    Q_PROPERTY(QString mentorName READ mentorName NOTIFY statusChanged)
    Q_PROPERTY(QString checklistTitle READ checklistTitle NOTIFY statusChanged)
    Q_PROPERTY(int checklistVersion READ checklistVersion NOTIFY statusChanged)
    Q_PROPERTY(QString startDate READ startDate NOTIFY statusChanged)
    Q_PROPERTY(int doneCount READ doneCount NOTIFY statusChanged)
    Q_PROPERTY(int total READ total NOTIFY statusChanged)
    Q_PROPERTY(double progress READ progress NOTIFY statusChanged)
    Q_PROPERTY(bool locked READ locked NOTIFY statusChanged)
    Q_PROPERTY(QStringList reasons READ reasons NOTIFY statusChanged)
    Q_PROPERTY(QString signedOffBy READ signedOffBy NOTIFY statusChanged)
    Q_PROPERTY(QVariantList nextSteps READ nextSteps NOTIFY statusChanged)
    Q_PROPERTY(int awaitingReview READ awaitingReview NOTIFY statusChanged)
    Q_PROPERTY(bool readyForSignoff READ readyForSignoff NOTIFY statusChanged)
    Q_PROPERTY(StepListModel* steps READ steps CONSTANT)

public:
    explicit EnrollmentBackend(QObject* parent = nullptr);

    QString hire() const { return m_hire; }
    void setHire(const QString& hire);
    bool loading() const { return m_loading; }
    bool enrolled() const { return m_status.enrollmentId != 0; }
    QString problem() const { return m_problem; }
    QString hireName() const { return m_status.hire.name; }
    QString hireDisplayName() const;
    QString mentorName() const;
    QString checklistTitle() const { return m_status.checklistTitle; }
    int checklistVersion() const { return m_status.checklistVersion; }
    QString startDate() const;
    int doneCount() const { return m_status.doneCount(); }
    int total() const { return int(m_status.steps.size()); }
    double progress() const { return total() ? double(doneCount()) / total() : 0.0; }
    bool locked() const { return m_status.locked(); }
    QStringList reasons() const;
    QString signedOffBy() const { return m_status.signedOffBy; }
    QVariantList nextSteps() const;
    int awaitingReview() const;
    bool readyForSignoff() const;
    StepListModel* steps() { return &m_steps; }

    Q_INVOKABLE void reload();
    Q_INVOKABLE void markDone(const QString& stepId, const QString& note);
    Q_INVOKABLE void undo(const QString& stepId);
    Q_INVOKABLE void approve(const QString& stepId, const QString& comment);
    Q_INVOKABLE void reject(const QString& stepId, const QString& comment);
    /// The mentor re-enters their passphrase to sign: it is checked afresh
    /// (Argon2id) before the sign-off is written.
    Q_INVOKABLE void signOff(const QString& passphrase);

    /// Loads synchronously (screenshot mode and tests).
    void loadNow();

Q_SIGNALS:
    void hireChanged();
    void loadingChanged();
    void statusChanged();
    /// An action finished: a short confirmation for people.
    void done(const QString& message);
    /// An action failed: the message says what and why.
    void error(const QString& message);

private:
    void act(std::function<Error(Vault&, const QString& hire)> work, const QString& confirmation);
    void setStatus(const EnrollmentStatus& status, const QString& problem);

    QString m_hire;
    bool m_loading = false;
    EnrollmentStatus m_status;
    QString m_problem;
    StepListModel m_steps;
};

} // namespace onramp::ui
