#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// The enrollments the signed-in person may see (a mentor's mentees, an
/// admin's everyone) and the queue of steps waiting for the mentor's review.
class TeamBackend : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// [{hire, displayName, mentor, checklist, done, total, progress, locked, awaitingReview, startDate, daysToAccess}]
    Q_PROPERTY(QVariantList enrollments READ enrollments NOTIFY changed)
    /// [{hire, displayName, stepId, title, note}] for steps this person reviews
    Q_PROPERTY(QVariantList approvalQueue READ approvalQueue NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /// Why the list could not be read (e.g. the vault fails its authority
    /// check); empty when it was.
    Q_PROPERTY(QString problem READ problem NOTIFY changed)

public:
    explicit TeamBackend(QObject* parent = nullptr);

    QVariantList enrollments() const { return m_enrollments; }
    QVariantList approvalQueue() const { return m_queue; }
    bool loading() const { return m_loading; }
    QString problem() const { return m_problem; }

    Q_INVOKABLE void reload();

Q_SIGNALS:
    void changed();
    void loadingChanged();

private:
    QVariantList m_enrollments;
    QString m_problem;
    QVariantList m_queue;
    bool m_loading = false;
};

} // namespace onramp::ui
