// What a session in a vault adds to `onramp scan`: the production hosts of
// every checklist version, the keyed hashes of the production secrets the
// vault holds (admins and mentors only), and the scan's audit entries.
#pragma once

#include "scan/KnownSecrets.h"
#include "scan/Scanner.h"

#include "Error.h"
#include "SecureBytes.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMap>

#include <memory>

namespace onramp {
class Vault;
struct AuditEntry;
} // namespace onramp

namespace onramp::scan {

/// Known production secrets, compared by keyed hash only.
class VaultScan
{
public:
    explicit VaultScan(Vault& vault)
        : m_vault(vault)
    {}

    /// The production_hosts entries of every version of every checklist
    /// stored, each once.
    Error productionHosts(QStringList* out);

    /// In a session holding the production key: keeps the keyed hashes
    /// (KnownSecretHashes, under keys drawn for this scan) of every production
    /// secret the vault holds (static ones, each hire's generated copy, and
    /// each provisioning connection's password, named providerCredentialId()),
    /// each secret wiped as soon as it is hashed. Does nothing in a session
    /// without the key (a hire's): knowsSecrets() stays false.
    Error loadKnownSecrets();
    bool knowsSecrets() const { return m_known && !m_known->isEmpty(); }
    /// How a match names provisioning connection \a name's password: "provider NAME".
    static QString providerCredentialId(const QString& name);
    /// The credential id whose secret \a candidate is, else empty.
    QString lookup(QByteArrayView candidate) const;
    /// The byte lengths of the secrets held (candidates of other lengths are not hashed).
    QList<int> lengths() const { return m_known ? m_known->lengths() : QList<int>(); }
    /// No secret held has a control byte (KnownSecretHashes::allText()).
    bool allText() const { return m_known && m_known->allText(); }
    /// The byte lengths of their UTF-16 encodings (KnownSecretHashes::wideLengths()).
    QList<int> wideLengths() const { return m_known ? m_known->wideLengths() : QList<int>(); }
    /// Every secret held is Latin-1 (KnownSecretHashes::wideAreLatin1()).
    bool wideAreLatin1() const { return m_known && m_known->wideAreLatin1(); }

    /// Appends `scan.run`. In a session holding the production key (an
    /// admin's or a mentor's) it says in the clear only the number of files;
    /// the findings of each kind and the credentials whose secret was found,
    /// with their matches, are sealed with the production key and padded to
    /// a fixed size, so that a hire reading the log raw cannot tell whether
    /// a secret they guessed into a scanned file was right. A hire's scan
    /// (no secret looked for) says its counts in the clear. Never an
    /// excerpt, a path or a host.
    Error record(const ScanSummary& summary, const QMap<QString, int>& leaked);

    /// Admins and mentors: the credentials a scan found leaked since their
    /// secret was last set ("leaked, rotate"), each with the newest such
    /// scan's time: opened from the sealed part of `scan.run` entries (and
    /// `credential.leaked` entries written before scans were sealed). Only
    /// entries whose hash and signature hold, by an admin or a mentor, count.
    static Error leakedCredentials(Vault& vault, QMap<QString, QDateTime>* out);
    /// What an admin's or a mentor's `scan.run` \a entry sealed ("findings",
    /// counts per kind, and "leaked", matches per credential), opened with
    /// \a vault's production key or one it replaced (a rotation, a disable:
    /// productionkey::earlierKeys()); an empty object in a session without it,
    /// and for an entry whose keyed hash or author's signature does not
    /// hold, or whose author is a hire (who may copy an admin's box).
    static QJsonObject sealedFindings(Vault& vault, const AuditEntry& entry);
    /// \a entry's details, as shown to the person of \a vault: a sealed
    /// scan.run opened in place ("findings" and "leaked" for "sealed") where
    /// sealedFindings() opens it; a "leaked" any other scan.run says in the
    /// clear (its writer's claim) left out; anything else as stored. To an
    /// admin or a mentor, a sealed box that does not open is marked
    /// "unopened": true (sealed under an earlier production key, or not by
    /// an admin or a mentor), so that it is not said to be sealed for them.
    static QString shownDetails(Vault& vault, const AuditEntry& entry);

private:
    Vault& m_vault;
    std::unique_ptr<KnownSecretHashes> m_known;
};

} // namespace onramp::scan
