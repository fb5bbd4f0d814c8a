#pragma once

#include "ListModel.h"

#include "credentials/Credentials.h"
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
        SecretSetRole, ///< a static one: an admin has set its secret
        SecretStateRole, ///< a static one: "secret set on DATE" or "no secret yet"; empty for a generated one
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    /// The credentials of \a checklists, each static one with its state from \a secrets.
    void setChecklists(const QList<StoredChecklist>& checklists, const QList<SecretState>& secrets = {});
    /// The title of the credential \a credentialId; the id itself when there is none.
    QString titleOf(const QString& credentialId) const;
    /// The first row of the credential \a credentialId; -1 when none.
    Q_INVOKABLE int rowOf(const QString& credentialId) const;

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    struct Row {
        QString checklist;
        CredentialTemplate credential;
        QDateTime secretSetAt; // invalid while no secret is set
    };
    QList<Row> m_rows;
};

} // namespace onramp::ui
