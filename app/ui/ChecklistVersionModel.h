#pragma once

#include "ListModel.h"

#include "onboarding/ChecklistStore.h"

namespace onramp::ui {

/// What version \a next of a checklist changes against \a before, the one
/// before it, one sentence per kind of change: the steps it adds, removes and
/// rewords, those it makes required or reviewed, their due days, sections and
/// order, the title, the production hosts and credentials, and last how it
/// weakens the gate (ChecklistStore::weakenings). Never empty.
QStringList versionChanges(const Checklist& before, const Checklist& next);

/// The stored versions of one checklist, newest first: when and by whom
/// each was imported, and what it changed against the one before.
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
        ChangesRole, ///< versionChanges() against the version before; for the first, that it is the first
        LatestRole, ///< the newest version
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
        QStringList changes;
    };
    QList<Row> m_rows;
};

} // namespace onramp::ui
