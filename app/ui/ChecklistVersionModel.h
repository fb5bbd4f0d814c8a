#pragma once

#include "ListModel.h"

#include "onboarding/ChecklistStore.h"

namespace onramp::ui {

/// The stored versions of one checklist, oldest first: when and by whom
/// each was imported.
class ChecklistVersionModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ChecklistVersionModel comes from a ChecklistEditorModel")

public:
    enum Roles {
        VersionRole = Qt::UserRole + 1, ///< the version's number
        ImportedAtRole, ///< a date-time
        ImportedByRole, ///< who imported it; empty when unknown
        ImportedAtTextRole, ///< when, as every list writes a moment (shownTime())
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    void setVersions(const QList<StoredChecklist>& versions);
    void clear() { setVersions({}); }

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    struct Row {
        int version = 0;
        QDateTime importedAt;
        QString importedBy;
    };
    QList<Row> m_rows;
};

} // namespace onramp::ui
