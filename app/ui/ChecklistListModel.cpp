#include "ChecklistListModel.h"

#include "HiddenText.h"
#include "checklist/ChecklistRules.h"

namespace onramp::ui {

QVariant ChecklistListModel::value(int row, int role) const
{
    const StoredChecklist& c = m_checklists.at(row);
    switch (role) {
    case ChecklistIdRole:
        return c.checklist.id;
    case Qt::DisplayRole:
    case TitleRole:
        return c.checklist.title;
    case VersionRole:
        return c.version;
    case StepsRole:
        return int(c.checklist.steps.size());
    case CredentialsRole:
        return int(c.checklist.credentials.size());
    case LabelRole:
        return tr("%1 (%2, v%3)").arg(c.checklist.title, c.checklist.id).arg(c.version);
    default:
        return {};
    }
}

QHash<int, QByteArray> ChecklistListModel::roleNames() const
{
    return {{ChecklistIdRole, "checklistId"}, {TitleRole, "title"}, {VersionRole, "version"}, {StepsRole, "steps"},
            {CredentialsRole, "credentials"}, {LabelRole, "label"}};
}

QString ChecklistListModel::newIdProblem(const QString& id) const
{
    const QString trimmed = id.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!isSlug(trimmed))
        return tr("“%1” cannot be a checklist id: use lower-case letters, digits and hyphens, such as "
                  "“backend-onboarding”.")
            .arg(trimmed);
    for (const StoredChecklist& c : m_checklists) {
        if (c.checklist.id == trimmed)
            return tr("A checklist with the id “%1” exists already (“%2”): choose another id, or open that "
                      "checklist to edit it.")
                .arg(trimmed, c.checklist.title);
    }
    return {};
}

void ChecklistListModel::setChecklists(const QList<StoredChecklist>& checklists,
                                       const QList<EnrollmentStatus>& enrollments)
{
    QHash<QString, QMap<int, QStringList>> names;
    for (const EnrollmentStatus& e : enrollments)
        names[e.checklistId][e.checklistVersion].append(
            hiddentext::shownPlainly(e.hire.shownName(), hiddentext::Within::Name));
    QHash<QString, QVariantMap> hires;
    for (auto list = names.begin(); list != names.end(); ++list) {
        QVariantMap byVersion;
        for (auto version = list->begin(); version != list->end(); ++version) {
            std::sort(version->begin(), version->end(),
                      [](const QString& a, const QString& b) { return QString::localeAwareCompare(a, b) < 0; });
            byVersion.insert(QString::number(version.key()), *version);
        }
        hires.insert(list.key(), byVersion);
    }
    resetRows([&] {
        m_checklists = checklists;
        m_hires = hires;
    });
}

QVariantMap ChecklistListModel::hiresByVersion(const QString& id) const
{
    return m_hires.value(id);
}

} // namespace onramp::ui
