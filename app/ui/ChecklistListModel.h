#pragma once

#include "ListModel.h"

#include "onboarding/ChecklistStore.h"

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

    void setChecklists(const QList<StoredChecklist>& checklists);
    /// Why \a id cannot be a new checklist's id, naming it: not a slug, or
    /// the id of a checklist already in the list; empty when it can be, or is empty.
    Q_INVOKABLE QString newIdProblem(const QString& id) const;

protected:
    int size() const override { return int(m_checklists.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<StoredChecklist> m_checklists;
};

} // namespace onramp::ui
