#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace onramp {

/// One thing a new hire does, as an admin wrote it in a checklist file.
struct Step {
    QString id;
    QString section;
    QString title;
    QString body; ///< Markdown, trailing whitespace trimmed
    std::optional<int> dueDays; ///< days after the enrollment's start date
    bool required = false; ///< must be done before production access; always true when signoff is
    bool signoff = false; ///< the mentor approves it; such a step gates production, so it is required

    bool operator==(const Step&) const = default;
};

/// Which side of the wall a credential lives on.
enum class Environment { Sandbox, Production };

/// How a credential is described in a checklist file; never holds a secret.
struct CredentialTemplate {
    QString id;
    QString title;
    Environment environment = Environment::Sandbox;
    QString provider; ///< "generated", "static" or "postgresql"
    QMap<QString, QString> fields; ///< non-secret fields (host, user, …); may use {{hire}}
    QString secretName; ///< name of the generated secret field ("password")
    int secretLength = 0; ///< length of the generated secret
    QString secretAlphabet; ///< characters to draw from; empty means the default
    qint64 ttlSeconds = 0; ///< lifetime of an issued credential; 0 means none given
    QString pgServer; ///< postgresql: the provisioning connection's name (`onramp provider set`)
    QStringList pgRoles; ///< postgresql: the group roles the login is put in
    /// postgresql, sandbox only: the template database each hire's own
    /// database is made from (empty: a login alone, in the connection's database)
    QString pgTemplate;

    bool operator==(const CredentialTemplate&) const = default;
};

/// A checklist file's content: the steps and the credentials they lead to.
struct Checklist {
    int formatVersion = 1;
    QStringList productionHosts; ///< host names or globs ("*.prod.example.com")
    QString id;
    QString title;
    QList<Step> steps;
    QList<CredentialTemplate> credentials;

    bool operator==(const Checklist&) const = default;

    /// The step with this id, or nullptr.
    const Step* step(const QString& stepId) const;
};

/// "sandbox" or "production".
QString environmentName(Environment environment);

/// The environment named in a file, if the name is known.
std::optional<Environment> environmentFromName(const QString& name);

} // namespace onramp
