#pragma once

#include "Error.h"

#include <QObject>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace onramp {
class Vault;
}

namespace onramp::ui {

/// Credentials for QML: the hire's own (reveal, copy with auto-clear, export)
/// and, for a mentor or admin, their mentees' grants (revoke, renew). A
/// secret only leaves secure memory when the person asks to see or copy it.
class CredentialsBackend : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// Limit to one hire's credentials; empty shows all the person may see.
    Q_PROPERTY(QString hire READ hire WRITE setHire NOTIFY hireChanged)
    /// [{hire, id, title, environment, status, explanation, fields, expiresAt,
    /// expiresAtMs (0 when none), readable, production}]
    Q_PROPERTY(QVariantList credentials READ credentials NOTIFY changed)
    /// When the first readable production grant runs out (ms since the epoch), 0 when none does.
    Q_PROPERTY(qint64 nearestProductionExpiry READ nearestProductionExpiry NOTIFY changed)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    explicit CredentialsBackend(QObject* parent = nullptr);

    QString hire() const { return m_hire; }
    void setHire(const QString& hire);
    QVariantList credentials() const { return m_credentials; }
    bool loading() const { return m_loading; }
    qint64 nearestProductionExpiry() const { return m_nearestProductionExpiry; }

    /// "45 minutes left", "3 hours 10 minutes left", "2 days left", "time is up".
    static QString formatTimeLeft(qint64 seconds);
    /// Seconds from now (the app's clock) to \a expiresAtMs.
    Q_INVOKABLE static qint64 secondsLeft(qint64 expiresAtMs);
    /// formatTimeLeft(secondsLeft(expiresAtMs)).
    Q_INVOKABLE static QString timeLeft(qint64 expiresAtMs) { return formatTimeLeft(secondsLeft(expiresAtMs)); }

    Q_INVOKABLE void reload();
    /// Reads one of my secrets and hands it to revealed(); the page hides it again.
    Q_INVOKABLE void reveal(const QString& credentialId);
    /// Copies one of my secrets to the clipboard; it is cleared after 30 s, on lock and on quit.
    Q_INVOKABLE void copy(const QString& credentialId);
    /// Writes my readable credentials as "env" or "pgpass" to \a file (0600, atomic).
    Q_INVOKABLE void exportTo(const QUrl& file, const QString& format);
    /// A fresh sandbox secret; the old one stops working.
    Q_INVOKABLE void reissue(const QString& credentialId);
    Q_INVOKABLE void revoke(const QString& hire, const QString& credentialId);
    Q_INVOKABLE void renew(const QString& hire, const QString& credentialId);

Q_SIGNALS:
    void hireChanged();
    void changed();
    void loadingChanged();
    void revealed(const QString& credentialId, const QString& secret);
    void done(const QString& message);
    void error(const QString& message);

private:
    void act(std::function<Error(Vault&)> work, const QString& confirmation);

    QString m_hire;
    QVariantList m_credentials;
    qint64 m_nearestProductionExpiry = 0;
    bool m_loading = false;
};

} // namespace onramp::ui
