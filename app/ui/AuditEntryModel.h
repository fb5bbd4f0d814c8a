#pragma once

#include "ListModel.h"

#include "audit/AuditLog.h"

namespace onramp::ui {

/// Audit entries, newest first, as the audit page shows them: the time in
/// local time, the details as readable "key: value" pairs.
class AuditEntryModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AuditEntryModel comes from an AuditBackend")

public:
    enum Roles {
        SequenceRole = Qt::UserRole + 1, ///< the entry's sequence number
        AtRole, ///< UTC, ISO 8601
        AtTextRole, ///< local time, short
        ActorRole, ///< who acted
        ActionRole, ///< e.g. "step.done" (actionName: a button's `action` is taken)
        SubjectRole, ///< what was acted on
        DetailsRole, ///< "key: value · …"
        DetailsJsonRole, ///< the details as stored, a JSON object
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    /// Takes \a entries, newest first.
    void setEntries(const QList<AuditEntry>& entries);
    /// The row of the entry with \a sequence; -1 when it is not in the list.
    Q_INVOKABLE int rowOfSequence(qint64 sequence) const;

    /// {"role":"mentor","person_id":3} -> "person_id: 3 · role: mentor"
    static QString readableDetails(const QString& json);

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    struct Row {
        AuditEntry entry;
        QString atText;
        QString details;
    };
    QList<Row> m_rows;
};

} // namespace onramp::ui
