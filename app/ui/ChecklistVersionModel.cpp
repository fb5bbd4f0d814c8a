#include "ChecklistVersionModel.h"
#include "StepListModel.h"

namespace onramp::ui {

QVariant ChecklistVersionModel::value(int row, int role) const
{
    const Row& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case VersionRole:
        return r.version;
    case ImportedAtRole:
        return r.importedAt;
    case ImportedAtTextRole:
        return shownTime(r.importedAt);
    case ImportedByRole:
        return r.importedBy;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChecklistVersionModel::roleNames() const
{
    return {{VersionRole, "version"},
            {ImportedAtRole, "importedAt"},
            {ImportedAtTextRole, "importedAtText"},
            {ImportedByRole, "importedBy"}};
}

void ChecklistVersionModel::setVersions(const QList<StoredChecklist>& versions)
{
    resetRows([&] {
        m_rows.clear();
        for (const StoredChecklist& v : versions)
            m_rows.append({v.version, v.importedAt, v.importedBy});
    });
}

} // namespace onramp::ui
