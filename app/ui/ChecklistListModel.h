#pragma once

#include "ListModel.h"

#include "onboarding/ChecklistStore.h"
#include "onboarding/EnrollmentStatus.h"

namespace onramp::ui {

/// The latest version of every checklist in the vault, for the admin.
class ChecklistListModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ChecklistListModel comes from an AdminBackend")

public:
    enum Roles {
        ChecklistIdRole = Qt::UserRole + 1, ///< the checklist's id, a slug
        TitleRole,
        VersionRole, ///< the latest version's number
        StepsRole, ///< how many steps it has
        CredentialsRole, ///< how many credentials it leads to
        LabelRole, ///< the title with the id and the version, which tell two alike titles apart
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    /// The latest versions \a checklists, and the hires \a enrollments puts
    /// on each version of them (hiresByVersion()).
    void setChecklists(const QList<StoredChecklist>& checklists, const QList<EnrollmentStatus>& enrollments = {});
    /// The hires enrolled on each version of checklist \a id, by the names
    /// people go by, sorted: {"2": ["Alex Hire", …], …}; a version no one
    /// is on is not in it.
    Q_INVOKABLE QVariantMap hiresByVersion(const QString& id) const;
    /// Why \a id cannot be a new checklist's id, naming it: not a slug, or
    /// the id of a checklist already in the list; empty when it can be, or is empty.
    Q_INVOKABLE QString newIdProblem(const QString& id) const;

protected:
    int size() const override { return int(m_checklists.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<StoredChecklist> m_checklists;
    QHash<QString, QVariantMap> m_hires; ///< hiresByVersion() of each checklist id
};

} // namespace onramp::ui
