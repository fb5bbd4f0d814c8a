// The list-model half of ChecklistEditor: roles, and the in-memory edits.
#include "ChecklistEditor.h"

#include "checklist/ChecklistRules.h"

namespace onramp::ui {

int ChecklistEditor::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> ChecklistEditor::roleNames() const
{
    return {
        {IdRole, "stepId"},       {TitleRole, "title"}, {SectionRole, "section"},
        {BodyRole, "body"},       {DueRole, "due"},     {RequiredRole, "required"},
        {SignoffRole, "signoff"}, {NewRole, "isNew"},   {ProblemRole, "problem"},
    };
}

QVariant ChecklistEditor::value(int row, int role) const
{
    const Row& r = m_rows.at(row);
    switch (role) {
    case IdRole:
        return r.step.id;
    case TitleRole:
        return r.step.title;
    case SectionRole:
        return r.step.section;
    case BodyRole:
        return r.step.body;
    case DueRole:
        return r.step.dueDays.value_or(-1);
    case RequiredRole:
        return r.step.required;
    case SignoffRole:
        return r.step.signoff;
    case NewRole:
        return m_base.step(r.step.id) == nullptr;
    case ProblemRole:
        return problemOf(row);
    default:
        return {};
    }
}

QVariant ChecklistEditor::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DisplayRole)
        role = TitleRole;
    return value(index.row(), role);
}

Qt::ItemFlags ChecklistEditor::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return QAbstractListModel::flags(index);
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable;
}

QVariantMap ChecklistEditor::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= m_rows.size())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), value(row, it.key()));
    return map;
}

bool ChecklistEditor::setValue(int row, const QString& field, const QVariant& value)
{
    const int role = roleNames().key(field.toLatin1(), -1);
    return role >= 0 && setData(index(row), value, role);
}

bool ChecklistEditor::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int row = index.row();
    Row& r = m_rows[row];
    const Row before = r;
    QList<int> roles{role};
    switch (role) {
    case IdRole:
        r.step.id = value.toString().trimmed();
        r.autoId = false;
        break;
    case TitleRole:
        r.step.title = value.toString();
        // A new step's id follows its title until the admin sets one.
        if (r.autoId && !slugify(r.step.title).isEmpty()) {
            r.step.id = uniqueId(slugify(r.step.title), row);
            roles.append(IdRole);
        }
        break;
    case SectionRole:
        r.step.section = value.toString();
        break;
    case BodyRole:
        r.step.body = value.toString();
        break;
    case DueRole: {
        bool ok = false;
        const int days = value.toInt(&ok);
        r.step.dueDays = ok && days >= 0 ? std::optional<int>(days) : std::nullopt;
        break;
    }
    case RequiredRole:
        r.step.required = value.toBool();
        break;
    case SignoffRole:
        r.step.signoff = value.toBool();
        break;
    default:
        return false;
    }
    if (r.step == before.step)
        return true;
    roles.append(NewRole);
    changedRows(row, row, roles);
    return true;
}

QString ChecklistEditor::uniqueId(const QString& wanted, int exceptRow) const
{
    const auto taken = [this, exceptRow](const QString& id) {
        for (int row = 0; row < m_rows.size(); ++row) {
            if (row != exceptRow && m_rows.at(row).step.id == id)
                return true;
        }
        return false;
    };
    if (!taken(wanted))
        return wanted;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1-%2").arg(wanted).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

int ChecklistEditor::addStep(int row)
{
    if (!m_ready)
        return -1;
    if (row < 0 || row > m_rows.size())
        row = int(m_rows.size());
    Row added;
    added.autoId = true;
    added.step.id = uniqueId(QStringLiteral("new-step"), -1);
    added.step.title = tr("New step");
    // Most steps belong with the one above them.
    if (row > 0)
        added.step.section = m_rows.at(row - 1).step.section;
    beginInsertRows({}, row, row);
    m_rows.insert(row, added);
    endInsertRows();
    Q_EMIT countChanged();
    changedRows(row, row, {});
    return row;
}

bool ChecklistEditor::removeStep(int row)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    beginRemoveRows({}, row, row);
    m_removed = std::make_pair(row, m_rows.takeAt(row));
    endRemoveRows();
    Q_EMIT countChanged();
    Q_EMIT removedChanged();
    changedRows(0, int(m_rows.size()) - 1, {});
    return true;
}

bool ChecklistEditor::undoRemove()
{
    if (!m_removed)
        return false;
    const int row = std::min(m_removed->first, int(m_rows.size()));
    beginInsertRows({}, row, row);
    m_rows.insert(row, m_removed->second);
    endInsertRows();
    m_removed.reset();
    Q_EMIT countChanged();
    Q_EMIT removedChanged();
    changedRows(row, row, {});
    return true;
}

QString ChecklistEditor::removedTitle() const
{
    return m_removed ? m_removed->second.step.title : QString();
}

bool ChecklistEditor::move(int from, int to)
{
    if (from < 0 || to < 0 || from >= m_rows.size() || to >= m_rows.size() || from == to)
        return false;
    // beginMoveRows names the row the moved one will sit before, in the old numbering.
    if (!beginMoveRows({}, from, from, {}, to > from ? to + 1 : to))
        return false;
    m_rows.move(from, to);
    endMoveRows();
    changedRows(std::min(from, to), std::max(from, to), {});
    return true;
}

void ChecklistEditor::changedRows(int first, int last, const QList<int>& roles)
{
    if (first <= last && !roles.isEmpty())
        Q_EMIT dataChanged(index(first), index(last), roles);
    // A step's problem depends on the steps above it (duplicate ids), so refresh all.
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {ProblemRole});
    ++m_revision;
    Q_EMIT revisionChanged();
    updateDirty();
}

} // namespace onramp::ui
