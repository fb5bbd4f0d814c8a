#include "CredentialsBackend.h"

#include "Clock.h"

#include "ExportPath.h"
#include "Formats.h"
#include "SecretClipboard.h"
#include "Session.h"

#include "PrivateFile.h"
#include "SecureBytes.h"
#include "credentials/CredentialExport.h"
#include "credentials/Credentials.h"
#include "vault/Vault.h"

#include <QLocale>

#include <algorithm>
#include <memory>

namespace onramp::ui {

namespace {

/// The credential whose secret the clipboard holds; empty once it is cleared.
QString& copiedCredential()
{
    static QString id;
    return id;
}

} // namespace

SecretClipboard* CredentialsBackend::clipboard()
{
    static SecretClipboard* clipboard = [] {
        auto* c = new SecretClipboard(Session::instance());
        QObject::connect(Session::instance(), &Session::unlockedChanged, c, [c] {
            if (!Session::instance()->isUnlocked())
                c->clearNow();
        });
        QObject::connect(c, &SecretClipboard::cleared, c, [] { copiedCredential().clear(); });
        return c;
    }();
    return clipboard;
}

CredentialsBackend::CredentialsBackend(QObject* parent)
    : VaultBackend(parent)
{
    showLoadingIn({&m_credentials});
    connect(&m_credentials, &ListModel::moreWanted, this, &CredentialsBackend::readMoreTodos);
}

void CredentialsBackend::setHire(const QString& hire)
{
    if (hire == m_hire)
        return;
    m_hire = hire;
    Q_EMIT hireChanged();
    reload();
}

void CredentialsBackend::setProductionOnly(bool productionOnly)
{
    if (productionOnly == m_productionOnly)
        return;
    m_productionOnly = productionOnly;
    Q_EMIT productionOnlyChanged();
    reload();
}

void CredentialsBackend::setAwaitingSecretOnly(bool awaitingSecretOnly)
{
    if (awaitingSecretOnly == m_awaitingSecretOnly)
        return;
    m_awaitingSecretOnly = awaitingSecretOnly;
    Q_EMIT awaitingSecretOnlyChanged();
    reload();
}

void CredentialsBackend::clear()
{
    ++m_todoGeneration;
    show({});
    m_credentials.setMoreToRead(false);
}

namespace {

/// The admin's to-do: rows whose secret is not set, from the hires after
/// \a after (empty: from the first), a page of hires at a time until \a most
/// are found or kTodoScanHires hires are read and gave at least one (a
/// batch is never empty while hires follow). \a next: the last hire read,
/// where the next batch starts; \a more: whether hires follow it. Nothing
/// is read past the overview while every static secret of the latest
/// checklists is set.
Error awaitingSecret(Credentials& credentials, const QString& after, int most, QList<CredentialView>* out,
                     QString* next, bool* more)
{
    *next = after;
    *more = false;
    if (after.isEmpty()) {
        Credentials::Overview overview;
        if (Error e = credentials.overview(&overview))
            return e;
        const bool anyUnset =
            std::any_of(overview.credentials.cbegin(), overview.credentials.cend(), [](const auto& c) {
                return c.credential.provider == QLatin1String("static") && !c.secretSetAt.isValid();
            });
        if (!anyUnset)
            return {};
    }
    int found = 0;
    for (int read = CredentialsBackend::kAdminPageHires;; read += CredentialsBackend::kAdminPageHires) {
        QList<CredentialView> page;
        QStringList hires;
        bool following = false;
        if (Error e = credentials.listPage(*next, CredentialsBackend::kAdminPageHires, &page, &hires, &following))
            return e;
        for (const CredentialView& v : std::as_const(page)) {
            if (v.state == CredentialState::NotSet) {
                out->append(v);
                ++found;
            }
        }
        if (!hires.isEmpty())
            *next = hires.last();
        *more = following;
        if (!following || found >= most || (found > 0 && read >= CredentialsBackend::kTodoScanHires))
            break;
    }
    return {};
}

/// What the page shows, read as the CLI reads it: one hire's rows, the
/// rows of my own or my mentees', and for an admin a page of hires or the
/// to-do; never every hire's rows at once.
Error readShown(Vault& vault, const QString& hire, bool awaitingSecretOnly, QList<CredentialView>* out, QString* next,
                bool* more)
{
    Credentials credentials(vault);
    const Role role = vault.me().role;
    if (!hire.isEmpty() && role != Role::Hire)
        return credentials.listFor(hire, out);
    if (role != Role::Admin)
        return credentials.list(out);
    if (awaitingSecretOnly)
        return awaitingSecret(credentials, QString(), CredentialsBackend::kTodoRows, out, next, more);
    return credentials.listPage(QString(), CredentialsBackend::kAdminPageHires, out);
}

} // namespace

void CredentialsBackend::read()
{
    ++m_todoGeneration;
    auto views = std::make_shared<QList<CredentialView>>();
    auto next = std::make_shared<QString>();
    auto more = std::make_shared<bool>(false);
    load([views, next, more, hire = m_hire, awaiting = m_awaitingSecretOnly](
             Vault& vault) { return readShown(vault, hire, awaiting, views.get(), next.get(), more.get()); },
         [this, views, next, more](const Error& e) {
             show(e ? QList<CredentialView>() : shownOf(*views));
             m_todoNext = *next;
             m_credentials.setMoreToRead(!e && m_awaitingSecretOnly && *more);
         });
}

QList<CredentialView> CredentialsBackend::shownOf(const QList<CredentialView>& views) const
{
    QList<CredentialView> shown;
    for (const CredentialView& v : views) {
        if ((!m_hire.isEmpty() && v.hire != m_hire)
            || (m_productionOnly && v.credential.environment != Environment::Production)
            || (m_awaitingSecretOnly && v.state != CredentialState::NotSet))
            continue;
        shown.append(v);
    }
    return shown;
}

void CredentialsBackend::readMoreTodos()
{
    const int generation = m_todoGeneration;
    auto views = std::make_shared<QList<CredentialView>>();
    auto next = std::make_shared<QString>();
    auto more = std::make_shared<bool>(false);
    run(
        [views, next, more, after = m_todoNext](Vault& vault) {
            Credentials credentials(vault);
            return awaitingSecret(credentials, after, kTodoRows, views.get(), next.get(), more.get());
        },
        [this, generation, views, next, more](const Error& e) {
            if (generation != m_todoGeneration)
                return; // read again meanwhile: that read says what follows
            if (e) {
                m_credentials.setMoreToRead(false);
                Q_EMIT error(e.message);
                return;
            }
            m_todoNext = *next;
            m_credentials.appendCredentials(shownOf(*views), *more);
        },
        false);
}

void CredentialsBackend::show(const QList<CredentialView>& views)
{
    m_credentials.setCredentials(views);
    const qint64 nearest = m_credentials.nearestProductionExpiry();
    if (nearest != m_nearestProductionExpiry) {
        m_nearestProductionExpiry = nearest;
        Q_EMIT nearestProductionExpiryChanged();
    }
    const QString lifetime = m_credentials.productionLifetime();
    if (lifetime != m_productionLifetime) {
        m_productionLifetime = lifetime;
        Q_EMIT productionLifetimeChanged();
    }
}

QString CredentialsBackend::formatTimeLeft(qint64 seconds)
{
    if (seconds <= 0)
        return tr("time is up");
    if (seconds < 60)
        return tr("less than a minute left");
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%n minute(s) left", nullptr, int(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 24) {
        const int rest = int(minutes % 60);
        if (rest == 0)
            return tr("%n hour(s) left", nullptr, int(hours));
        //: "3 hours" and "10 minutes" in "3 hours 10 minutes left"
        return tr("%1 %2 left").arg(tr("%n hour(s)", nullptr, int(hours)), tr("%n minute(s)", nullptr, rest));
    }
    return tr("%n day(s) left", nullptr, int(hours / 24));
}

qint64 CredentialsBackend::secondsLeft(qint64 expiresAtMs)
{
    // Rounded up: with half a second left there is time left, not "time is up".
    const qint64 ms = expiresAtMs - defaultClock().now().toMSecsSinceEpoch();
    return ms > 0 ? (ms + 999) / 1000 : -(-ms / 1000);
}

void CredentialsBackend::reveal(const QString& credentialId)
{
    auto secret = std::make_shared<SecureBytes>();
    run(
        [credentialId, secret](Vault& v) {
            CredentialView view;
            return Credentials(v).read(credentialId, &view, secret.get());
        },
        [this, credentialId, secret](const Error& e) {
            if (e) {
                Q_EMIT error(e.message);
                return;
            }
            Q_EMIT revealed(credentialId, QString::fromUtf8(secret->constChar(), qsizetype(secret->size())));
            secret->clear();
        },
        false);
}

void CredentialsBackend::copy(const QString& credentialId)
{
    auto secret = std::make_shared<SecureBytes>();
    run(
        [credentialId, secret](Vault& v) {
            CredentialView view;
            return Credentials(v).read(credentialId, &view, secret.get());
        },
        [this, credentialId, secret](const Error& e) {
            if (e) {
                Q_EMIT error(e.message);
                return;
            }
            clipboard()->copySecret(*secret);
            copiedCredential() = credentialId;
            secret->clear();
            Q_EMIT done(tr("Copied. The clipboard is cleared in 30 seconds."));
        },
        false);
}

void CredentialsBackend::exportTo(const QUrl& file, const QString& format, bool sandboxOnly)
{
    const std::optional<ExportFormat> parsed = exportFormatFromName(format);
    if (!parsed) {
        Q_EMIT error(tr("Choose env or pgpass."));
        return;
    }
    // The folder checked before a secret is read (and its release recorded):
    // one that is not there or not writable would leave an entry for an
    // export that never happened.
    const SavePath target = exportTarget(file, QString());
    if (!target.error.isEmpty()) {
        Q_EMIT error(target.error);
        return;
    }
    const QString path = target.path;
    auto ids = std::make_shared<QStringList>();
    auto production = std::make_shared<bool>(false);
    run(
        [path, parsed, ids, production, sandboxOnly](Vault& v) -> Error {
            QList<CredentialView> views;
            std::vector<SecureBytes> secrets;
            const std::optional<Environment> only =
                sandboxOnly ? std::optional<Environment>(Environment::Sandbox) : std::nullopt;
            if (Error e = Credentials(v).readAll(&views, &secrets, only))
                return e;
            if (views.isEmpty())
                return Error{ErrorKind::InvalidInput,
                             sandboxOnly ? tr("You have no sandbox credential to export yet.")
                                         : tr("You have no credential to export yet.")};
            for (const CredentialView& view : std::as_const(views)) {
                ids->append(view.credential.id);
                // Only what the file holds: a production secret read now, not one still locked.
                *production = *production
                    || (view.readable() && view.credential.environment == Environment::Production
                        && (*parsed == ExportFormat::Env || fitsPgpass(view)));
            }
            const SecureBytes content = exportCredentials(views, secrets, *parsed);
            return writePrivateFile(path, content.view(), tr("the export file"));
        },
        [this, path, ids, production, pgpass = *parsed == ExportFormat::Pgpass](const Error& e) {
            if (!e)
                rememberExport(path, *ids);
            // What the file is for, and what a production secret in it asks of its reader.
            QString said = tr("Exported to %1 (readable by you only).").arg(path);
            if (pgpass)
                said += QLatin1Char(' ') + tr("psql reads it once PGPASSFILE names it, or from ~/.pgpass.");
            if (*production)
                said += QLatin1Char(' ')
                    + tr("It holds a production secret, which outlives your access in the file: delete it "
                         "when you are done.");
            report(e, said);
        },
        true); // the export is recorded in the audit log: a write every view reloads for
}

namespace {

/// The files exported in this run of the app, by the session that exported
/// them (vault and person) and then by credential id: a reissue says which
/// of them still hold the old secret. Paths only, never what they hold.
QHash<QString, QHash<QString, QStringList>>& exportsBySession()
{
    static QHash<QString, QHash<QString, QStringList>> exports;
    return exports;
}

QString sessionKey()
{
    return Session::instance()->vaultPath() + QLatin1Char('\n') + Session::instance()->userName();
}

} // namespace

void CredentialsBackend::rememberExport(const QString& path, const QStringList& credentialIds)
{
    QHash<QString, QStringList>& files = exportsBySession()[sessionKey()];
    for (auto it = files.begin(); it != files.end(); ++it)
        it->removeAll(path); // written over: it holds what this export wrote
    for (const QString& id : credentialIds)
        files[id].append(path);
}

QStringList CredentialsBackend::exportsHolding(const QString& credentialId)
{
    return exportsBySession().value(sessionKey()).value(credentialId);
}

void CredentialsBackend::forgetExports(const QString& credentialId)
{
    const auto session = exportsBySession().find(sessionKey());
    if (session != exportsBySession().end())
        session->remove(credentialId);
}

QUrl CredentialsBackend::exportFileSuggestion(const QString& format, bool sandboxOnly) const
{
    if (format == QLatin1String("pgpass"))
        return exportFileUrl(sandboxOnly ? QStringLiteral("onramp-sandbox.pgpass") : QStringLiteral("onramp.pgpass"));
    return exportFileUrl(sandboxOnly ? QStringLiteral("onramp-sandbox.env") : QStringLiteral("onramp-credentials.env"));
}

void CredentialsBackend::reissue(const QString& credentialId)
{
    // The new secret is read in the same job, so the page never goes on
    // showing the old one.
    auto secret = std::make_shared<SecureBytes>();
    run(
        [credentialId, secret](Vault& v) {
            if (Error e = Credentials(v).reissue(credentialId))
                return e;
            CredentialView view;
            return Credentials(v).read(credentialId, &view, secret.get());
        },
        [this, credentialId, secret](const Error& e) {
            if (e) {
                Q_EMIT error(e.message);
                return;
            }
            Q_EMIT revealed(credentialId, QString::fromUtf8(secret->constChar(), qsizetype(secret->size())));
            secret->clear();
            // A file exported earlier still holds the old secret: said once, with its name.
            const QStringList stale = exportsHolding(credentialId);
            forgetExports(credentialId);
            const QString files = stale.isEmpty() ? QString()
                                                  : QLatin1Char(' ')
                    + tr("%n file(s) you exported still hold the old one: export again to replace it (%1).", "",
                         int(stale.size()))
                          .arg(stale.join(QStringLiteral(", ")));
            // The old secret copied a moment ago would be pasted next: it goes from the clipboard.
            if (clipboard()->isHolding() && copiedCredential() == credentialId) {
                clipboard()->clearNow();
                Q_EMIT done(tr("Reissued. The old secret no longer works and is off the clipboard; the new one is "
                               "shown.")
                            + files);
                return;
            }
            Q_EMIT done(tr("Reissued. The old secret no longer works; the new one is shown.") + files);
        },
        true);
}

void CredentialsBackend::revoke(const QString& hire, const QString& credentialId, const QString& title,
                                const QString& hireName)
{
    // A revoke the server could not take ends the grant here all the same;
    // the notice says it is pending there, never that it is done.
    auto pending = std::make_shared<QString>();
    const QString revoked =
        tr("Revoked %1 for %2.").arg(title.isEmpty() ? credentialId : title, hireName.isEmpty() ? hire : hireName);
    run(
        [hire, credentialId, pending](Vault& v) {
            retryPendingDrops(v);
            return Credentials(v).revoke(hire, credentialId, pending.get());
        },
        [this, pending, revoked](const Error& e) {
            report(e, pending->isEmpty() ? revoked : tr("Revoke pending: the server could not be reached"));
        },
        true);
}

void CredentialsBackend::resetSandbox(const QString& credentialId)
{
    act([credentialId](Vault& v) { return Credentials(v).resetSandbox(credentialId); },
        tr("Your sandbox database is as it was on day one."));
}

void CredentialsBackend::renew(const QString& hire, const QString& credentialId, const QString& title,
                               const QString& hireName)
{
    // The notice says until when: renewed right after a sign-off, the end
    // hardly moves, and "Renewed" alone would read as nothing done.
    auto expires = std::make_shared<QDateTime>();
    run(
        [hire, credentialId, expires](Vault& v) {
            retryPendingDrops(v);
            return Credentials(v).renew(hire, credentialId, expires.get());
        },
        [this, expires, what = title.isEmpty() ? credentialId : title,
         who = hireName.isEmpty() ? hire : hireName](const Error& e) {
            report(e,
                   tr("Renewed %1 for %2: they can read it until %3, a full term from now.", "what, who, when")
                       .arg(what, who, sentenceDate(*expires)));
        },
        true);
}

} // namespace onramp::ui
