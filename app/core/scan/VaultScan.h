// What a session in a vault adds to `onramp scan`: the production hosts of
// every checklist version, the keyed hashes of the production secrets the
// vault holds (admins and mentors only), and the scan's audit entries.
#pragma once

#include "scan/Scanner.h"

#include "Error.h"
#include "SecureBytes.h"

#include <QDateTime>
#include <QHash>
#include <QMap>

namespace onramp {
class Vault;
}

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

    /// In a session holding the production key: draws a random key for this
    /// scan and keeps the keyed hash (crypto::keyedHash) of every production
    /// secret the vault holds (static ones, each hire's generated copy, and
    /// each provisioning connection's password, named providerCredentialId()),
    /// each secret wiped as soon as it is hashed. Does nothing in a session
    /// without the key (a hire's): knowsSecrets() stays false.
    Error loadKnownSecrets();
    bool knowsSecrets() const { return !m_hashes.isEmpty(); }
    /// How a match names provisioning connection \a name's password: "provider NAME".
    static QString providerCredentialId(const QString& name);
    /// The credential id whose secret \a candidate is, else empty.
    QString lookup(QByteArrayView candidate) const;
    /// The byte lengths of the secrets held (candidates of other lengths are not hashed).
    QList<int> lengths() const { return m_lengths; }

    /// Appends `scan.run`, with the number of files and of findings of each
    /// kind (never an excerpt, a path or a host), and one `credential.leaked`
    /// per credential whose secret was found, with its number of matches.
    Error record(const ScanSummary& summary, const QMap<QString, int>& leaked);

    /// Admins and mentors: the credentials a scan found leaked since their
    /// secret was last set ("leaked, rotate"), each with the newest such
    /// `credential.leaked` entry's time. Only entries whose hash and
    /// signature hold, by an admin or a mentor, count.
    static Error leakedCredentials(Vault& vault, QMap<QString, QDateTime>* out);

private:
    Vault& m_vault;
    SecureBytes m_key;
    QHash<QByteArray, QString> m_hashes; ///< keyed hash -> credential id
    QList<int> m_lengths;
};

} // namespace onramp::scan
