#pragma once

#include "ListModel.h"

#include "scan/Scanner.h"

namespace onramp::ui {

/// The findings of the admin's scan (Admin › Scan), grouped by file in the
/// order the scan found them: where each is, its rule, the excerpt as
/// `onramp scan` redacts it (at most 4 characters of any secret), and what
/// it means. A known production secret is named by its credential only.
class ScanFindingModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ScanFindingModel comes from a ScanBackend")

public:
    enum Roles {
        FileRole = Qt::UserRole + 1, ///< the file, relative to the scanned folder
        LineRole, ///< 1-based
        ColumnRole, ///< 1-based
        LocationRole, ///< "FILE:LINE"
        RuleRole, ///< the kind, e.g. "github-token", as --json writes it
        TitleRole, ///< the kind's name for people, translated: "GitHub token"
        ExcerptRole, ///< the line, every secret on it cut to 4 characters
        MessageRole, ///< what it means: "known production secret: ID — rotate", the host, the rule's description
        KnownRole, ///< a known production secret
        SpokenRole, ///< the whole row in one sentence, for a screen reader
        /// A known production secret: the credential it is, as the scan
        /// names it (a connection as scan::VaultScan::providerCredentialId());
        /// empty for any other finding.
        CredentialIdRole,
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    /// Takes \a findings of a scan of \a folder.
    void setFindings(const QList<scan::Finding>& findings, const QString& folder);
    /// What a finding means, in the page's words.
    static QString message(const scan::Finding& finding);

protected:
    int size() const override { return int(m_findings.size()); }
    QVariant value(int row, int role) const override;

private:
    QList<scan::Finding> m_findings;
    QStringList m_files; ///< each finding's file relative to the folder
};

} // namespace onramp::ui
