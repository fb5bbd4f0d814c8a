#pragma once

#include "ListModel.h"

#include "onboarding/ChecklistStore.h"

namespace onramp::ui {

/// Every checklist's credential templates, for the admin who sets the
/// secrets of static ones.
class CredentialTemplateModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("CredentialTemplateModel comes from an AdminBackend")

public:
    enum Roles {
        ChecklistRole = Qt::UserRole + 1, ///< the id of the checklist that declares it
        CredentialIdRole, ///< the credential's id
        TitleRole,
        EnvironmentRole, ///< "sandbox" or "production"
        ProductionRole, ///< released only after the sign-off
        ProviderRole, ///< "generated" or "static"
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    void setChecklists(const QList<StoredChecklist>& checklists);
    /// The first row of the credential \a credentialId; -1 when none.
    Q_INVOKABLE int rowOf(const QString& credentialId) const;

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    struct Row {
        QString checklist;
        CredentialTemplate credential;
    };
    QList<Row> m_rows;
};

} // namespace onramp::ui
