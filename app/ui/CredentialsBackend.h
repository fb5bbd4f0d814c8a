#pragma once

#include "CredentialListModel.h"
#include "VaultBackend.h"

#include <QUrl>

namespace onramp::ui {

class SecretClipboard;

/// Credentials for QML: the hire's own (reveal, copy with auto-clear, export)
/// and, for a mentor or admin, their mentees' grants (revoke, renew). A
/// secret only leaves secure memory when the person asks to see or copy it.
/// What it reads costs what it shows: a picked hire's rows alone; for an
/// admin with nobody picked, the first kAdminPageHires hires' rows, and for
/// the to-do (awaitingSecretOnly) a batch of up to kTodoRows rows (from at
/// most kTodoScanHires hires), read only while a static secret of the latest
/// checklists is not set; a view's fetchMore() reads the next batch.
class CredentialsBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    /// Limit to one hire's credentials; empty shows all the person may see (an admin: the first page of hires).
    Q_PROPERTY(QString hire READ hire WRITE setHire NOTIFY hireChanged FINAL)
    /// Limit to production credentials (a mentor's view of the grants).
    Q_PROPERTY(bool productionOnly READ productionOnly WRITE setProductionOnly NOTIFY productionOnlyChanged FINAL)
    /// Limit to credentials whose secret an admin has yet to set (the admin's to-do).
    Q_PROPERTY(bool awaitingSecretOnly READ awaitingSecretOnly WRITE setAwaitingSecretOnly NOTIFY
                   awaitingSecretOnlyChanged FINAL)
    Q_PROPERTY(onramp::ui::CredentialListModel* credentials READ credentials CONSTANT FINAL)
    /// When the first readable production grant runs out (ms since the epoch), 0 when none does.
    /// A double, as JavaScript numbers are (exact for any date).
    Q_PROPERTY(double nearestProductionExpiry READ nearestProductionExpiry NOTIFY nearestProductionExpiryChanged FINAL)
    /// How long production credentials last once released ("8 hours"); empty when there are none.
    Q_PROPERTY(QString productionLifetime READ productionLifetime NOTIFY productionLifetimeChanged FINAL)

public:
    /// Hires an admin's view reads at a time.
    static constexpr int kAdminPageHires = 100;
    /// Rows a batch of the admin's to-do holds at most: one secret set ends many.
    static constexpr int kTodoRows = 50;
    /// Hires a batch of the to-do reads at most, however few rows they give.
    static constexpr int kTodoScanHires = 1000;

    explicit CredentialsBackend(QObject* parent = nullptr);

    QString hire() const { return m_hire; }
    void setHire(const QString& hire);
    bool productionOnly() const { return m_productionOnly; }
    void setProductionOnly(bool productionOnly);
    bool awaitingSecretOnly() const { return m_awaitingSecretOnly; }
    void setAwaitingSecretOnly(bool awaitingSecretOnly);
    CredentialListModel* credentials() { return &m_credentials; }
    double nearestProductionExpiry() const { return double(m_nearestProductionExpiry); }
    QString productionLifetime() const { return m_productionLifetime; }

    /// "45 minutes left", "3 hours 10 minutes left", "2 days left", "time is up".
    static QString formatTimeLeft(qint64 seconds);
    /// Seconds from now (the app's clock) to \a expiresAtMs.
    Q_INVOKABLE static qint64 secondsLeft(qint64 expiresAtMs);
    /// formatTimeLeft(secondsLeft(expiresAtMs)).
    Q_INVOKABLE static QString timeLeft(qint64 expiresAtMs) { return formatTimeLeft(secondsLeft(expiresAtMs)); }

    /// Reads one of my secrets and hands it to revealed(); the page hides it again.
    Q_INVOKABLE void reveal(const QString& credentialId);
    /// Copies one of my secrets to the clipboard; it is cleared after 30 s, on lock and on quit.
    Q_INVOKABLE void copy(const QString& credentialId);
    /// Writes my readable credentials as "env" or "pgpass" to \a file (0600,
    /// atomic); with \a sandboxOnly, the sandbox ones alone (no production
    /// secret is opened or recorded as exported).
    Q_INVOKABLE void exportTo(const QUrl& file, const QString& format, bool sandboxOnly = false);
    /// The file an export's save dialog suggests for \a format (env or
    /// pgpass), in the folder every export's dialog opens in.
    Q_INVOKABLE QUrl exportFileSuggestion(const QString& format, bool sandboxOnly = false) const;
    /// A fresh sandbox secret; the old one stops working. The new one is
    /// handed to revealed(), as the person asked for it.
    Q_INVOKABLE void reissue(const QString& credentialId);
    /// My own sandbox database made again from its template (my sessions in
    /// it ended first); done() or error() says how it went.
    Q_INVOKABLE void resetSandbox(const QString& credentialId);
    /// \a title and \a hireName, when given, name the credential and the hire
    /// in the notice that says it is done (the ids otherwise); a revoke that
    /// is pending at the credential's source says so instead.
    Q_INVOKABLE void revoke(const QString& hire, const QString& credentialId, const QString& title = {},
                            const QString& hireName = {});
    Q_INVOKABLE void renew(const QString& hire, const QString& credentialId, const QString& title = {},
                           const QString& hireName = {});

    /// The clipboard guard the app copies secrets to; cleared whenever the session locks.
    static SecretClipboard* clipboard();

Q_SIGNALS:
    void hireChanged();
    void productionOnlyChanged();
    void awaitingSecretOnlyChanged();
    void nearestProductionExpiryChanged();
    void productionLifetimeChanged();
    void revealed(const QString& credentialId, const QString& secret);

protected:
    void read() override;
    void clear() override;

private:
    /// The export just written to \a path held \a credentialIds.
    static void rememberExport(const QString& path, const QStringList& credentialIds);
    /// The files exported in this session that hold \a credentialId's secret as it was.
    static QStringList exportsHolding(const QString& credentialId);
    static void forgetExports(const QString& credentialId);
    void show(const QList<CredentialView>& views);
    /// Of \a views, those this backend shows (its hire, production only, to-do).
    QList<CredentialView> shownOf(const QList<CredentialView>& views) const;
    /// The to-do's next batch, after m_todoNext, for a view that fetched past its rows.
    void readMoreTodos();

    QString m_hire;
    bool m_productionOnly = false;
    bool m_awaitingSecretOnly = false;
    CredentialListModel m_credentials;
    QString m_todoNext; ///< the last hire the to-do read; its next batch starts after them
    int m_todoGeneration = 0; ///< bumped by every read(): a batch read before it is dropped
    qint64 m_nearestProductionExpiry = 0;
    QString m_productionLifetime;
};

} // namespace onramp::ui
