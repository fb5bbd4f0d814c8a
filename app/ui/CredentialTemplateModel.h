#pragma once

#include "ListModel.h"

#include <QDateTime>
#include <QMap>

#include "credentials/Credentials.h"
#include "credentials/ProviderConnections.h"
#include "onboarding/ChecklistStore.h"

#include <optional>

namespace onramp::ui {

/// The credential templates an admin sets secrets for or must know about:
/// every checklist's production credentials, the static sandbox ones (whose
/// secret only an admin can give) and the postgresql ones (whose provider
/// connection an admin sets); generated sandbox ones, which need nothing
/// from an admin, are left out. Each row carries the facts the
/// checklist editor shows for it: its checklist, its fields (the host it
/// reaches) and that checklist's production hosts.
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
        ProviderRole, ///< "generated", "static" or "postgresql"
        /// A static one: an admin has set its secret; a postgresql one: its
        /// connection is set, for its environment.
        SecretSetRole,
        /// A static one: "secret set on DATE, TIME by WHO" (who from the signed
        /// log, left out when it does not say) or "no secret yet"; a
        /// postgresql one, the same of its connection; empty for a generated one.
        SecretStateRole,
        ChecklistTitleRole, ///< the title of the checklist that declares it
        TargetRole, ///< its fields as "name: value", one a line (host, user…), as the checklist declares them
        HostsRole, ///< its checklist's production hosts: [host or glob]
        EnvironmentTitleRole, ///< the environment, translated for the pill
        ProviderTitleRole, ///< the provider, translated for the pill
        ConnectionRole, ///< a postgresql one: the name of the provider connection it signs in with
        ConnectionDsnRole, ///< a postgresql one: its connection's DSN (no password); empty while not set
        /// A static one: the titles of the other checklists with a static
        /// credential of the same id and environment, which share its one
        /// kept secret (setting it sets theirs); empty when none does.
        SharedWithRole,
        /// A static one with its secret set: a sentence for the form that
        /// would replace it (when, by whom, and what setting it again does);
        /// empty otherwise.
        ReplaceNoteRole,
        /// A scan found its production secret in the team's documents since the
        /// secret was last set: "found by a scan on DATE"; empty otherwise.
        LeakedRole,
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    /// The credentials of \a checklists, each static one with its state from
    /// \a secrets, each postgresql one with its connection's from \a connections.
    /// \a leaked: the credentials a scan found leaked since their secret was
    /// last set, with the newest such scan's time (VaultScan::leakedCredentials).
    void setChecklists(const QList<StoredChecklist>& checklists, const QList<SecretState>& secrets = {},
                       const QList<ProviderConnection>& connections = {}, const QMap<QString, QDateTime>& leaked = {});
    /// The title of the credential \a credentialId; the id itself when there is none.
    QString titleOf(const QString& credentialId) const;
    /// The first row of the credential \a credentialId; -1 when none.
    Q_INVOKABLE int rowOf(const QString& credentialId) const;
    /// The row where the known production secret a scan found, \a scanned
    /// (ScanFindingModel's credentialId), is set anew: its credential's, or
    /// for a connection's password the first credential that signs in with
    /// it; -1 when none.
    Q_INVOKABLE int rowToRotate(const QString& scanned) const;

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    struct Row {
        QString checklist;
        QString checklistTitle;
        QStringList hosts;
        CredentialTemplate credential;
        QDateTime secretSetAt; // invalid while no secret is set
        QString secretSetBy; // by the signed log; empty when it does not say
        QDateTime secretSetByAt;
        std::optional<ProviderConnection> connection; // a postgresql one's, when set
        QStringList sharedWith; // SharedWithRole
        QDateTime leakedAt; // LeakedRole: invalid unless a scan found it leaked
    };
    /// What SecretStateRole says of \a r, a postgresql credential.
    static QString connectionState(const Row& r);
    QList<Row> m_rows;
};

} // namespace onramp::ui
