#include "TeamCredentials.h"

#include "Crypto.h"
#include "PgConnection.h"
#include "TeamAccess.h"
#include "TeamOnboarding.h"

#include <QJsonObject>

namespace onramp::server {

namespace {

/// Where a production grant (null: none) stands for its hire at \a now, by
/// the rules a folder vault's grants stand by: locked while the gate is
/// closed; revoked; expired once ended otherwise or past its expiry; else
/// granted, or not set while it holds no box.
CredentialState grantState(const ServerGrant* grant, const Decision& decision, const QDateTime& now)
{
    if (!decision.allowed)
        return CredentialState::Locked;
    if (!grant)
        return CredentialState::NotGranted;
    if (grant->endedHow == QLatin1String("revoked"))
        return CredentialState::Revoked;
    if (!grant->endedHow.isEmpty() || !grant->expiresAt.isValid() || now >= grant->expiresAt)
        return CredentialState::Expired;
    return grant->sealed.isEmpty() ? CredentialState::NotSet : CredentialState::Granted;
}

/// The newest checked grant of \a credentialId, or null.
const ServerGrant* newestGrant(const QList<ServerGrant>& grants, const QString& credentialId)
{
    const ServerGrant* newest = nullptr;
    for (const ServerGrant& grant : grants)
        if (grant.credential == credentialId && (newest == nullptr || grant.id > newest->id))
            newest = &grant;
    return newest;
}

/// \a hire's credentials as \a reader sees them, from one checked status
/// (in \a status and \a checked).
Error viewsOf(SignedIn& reader, const QString& hire, const QDateTime& now, QList<CredentialView>* out,
              EnrollmentStatus& status, CheckedEnrollment& checked)
{
    if (Error error = enrollmentStatus(reader, hire, now, &status, &checked))
        return error;
    // Row-level security shows a mentor their mentees only; the entry the
    // status checked says whose mentee this is, whatever the server showed.
    if (reader.role == QLatin1String("mentor") && status.mentor.name != reader.name)
        return {ErrorKind::NotPermitted,
                Tr::tr("%1 can see only their own credentials, their mentees' or, as an admin, everyone's")
                    .arg(reader.name)};
    const bool own = reader.name == status.hire.name;
    for (const CredentialTemplate& credential : std::as_const(checked.checklist.credentials)) {
        CredentialView view;
        view.hire = status.hire.name;
        view.hireDisplayName = status.hire.displayName;
        view.enrollmentId = status.enrollmentId;
        view.credential = credential;
        for (QString& value : view.credential.fields)
            value = renderField(value, view.hire, view.hireDisplayName, view.enrollmentId);
        if (credential.environment == Environment::Sandbox) {
            view.state = CredentialState::NotSet;
            view.notIssuedOnServer = true;
            out->append(view);
            continue;
        }
        const ServerGrant* grant = status.decision.allowed ? newestGrant(checked.grants, credential.id) : nullptr;
        if (!status.decision.allowed)
            view.reasons = status.decision.reasons;
        view.state = grantState(grant, status.decision, now);
        if (grant != nullptr) {
            view.issuedAt = grant->grantedAt;
            view.expiresAt = grant->expiresAt;
            view.grantedBy = grant->author;
        }
        if (view.state == CredentialState::Revoked) {
            view.endedAt = grant->endedAt;
            view.endedBy = grant->endedBy;
            view.endedByDisplayName = grant->endedBy == status.mentor.name ? status.mentor.displayName : QString();
        }
        // Only the hire's own key opens the box: a box sealed before a
        // passphrase reset gave them a new key is shown as such.
        if (own && view.readable())
            view.sealedToOldKey = !crypto::openSealed(grant->sealed, reader.keys.secretKey).has_value();
        out->append(view);
    }
    return {};
}

Error viewsOf(SignedIn& reader, const QString& hire, const QDateTime& now, QList<CredentialView>* out)
{
    EnrollmentStatus status;
    CheckedEnrollment checked;
    return viewsOf(reader, hire, now, out, status, checked);
}

} // namespace

Error listCredentials(SignedIn& reader, const CredentialQuery& query, const QDateTime& now, QList<CredentialView>* out,
                      QString* next)
{
    out->clear();
    const bool hire = reader.role == QLatin1String("hire");
    if (!query.hire.isEmpty() || hire) {
        if (hire && !query.hire.isEmpty() && query.hire != reader.name)
            return {ErrorKind::NotPermitted, Tr::tr("you can only see your own credentials")};
        return viewsOf(reader, query.hire.isEmpty() ? reader.name : query.hire, now, out);
    }
    PgConnection& connection = *reader.connection;
    // One snapshot for the list and every status read from it.
    PgConnection::Transaction snapshot(connection, PgConnection::Transaction::Isolation::Snapshot);
    if (snapshot.beginError())
        return snapshot.beginError();
    QList<QVariantList> rows;
    // One hire more than the page, to tell whether another page follows.
    if (Error error =
            connection.execute(QStringLiteral("SELECT hire FROM onramp.enrollments WHERE hire COLLATE \"C\" > $1 ORDER "
                                              "BY hire COLLATE \"C\" LIMIT $2"),
                               {query.after, query.limit > 0 ? QVariant(query.limit + 1) : QVariant()}, &rows))
        return error;
    QString last;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (query.limit > 0 && i == query.limit) {
            if (next != nullptr)
                *next = last;
            break;
        }
        last = rows.at(i).at(0).toString();
        const Error error = viewsOf(reader, last, now, out);
        // A row the server showed a mentor that is not their mentee's is
        // left out, as row-level security would have.
        if (error.kind == ErrorKind::NotPermitted && reader.role == QLatin1String("mentor"))
            continue;
        if (error)
            return error;
    }
    return {};
}

Error readCredential(SignedIn& me, const QString& credentialId, const QDateTime& now, CredentialView* view,
                     SecureBytes* secret)
{
    if (me.role != QLatin1String("hire"))
        return {ErrorKind::NotPermitted,
                Tr::tr("'cred show' shows a hire their own credentials; %1 is not a hire").arg(me.name)};
    QList<CredentialView> all;
    EnrollmentStatus status;
    CheckedEnrollment checked;
    if (Error error = viewsOf(me, me.name, now, &all, status, checked))
        return error;
    QStringList ids;
    for (const CredentialView& candidate : std::as_const(all)) {
        ids.append(candidate.credential.id);
        if (candidate.credential.id != credentialId)
            continue;
        *view = candidate;
        if (!candidate.readable())
            return {ErrorKind::NotPermitted, candidate.explanation()};
        break;
    }
    if (view->credential.id != credentialId)
        return {ErrorKind::InvalidInput,
                Tr::tr("no credential '%1' in your checklist (credentials: %2)")
                    .arg(credentialId, ids.join(QStringLiteral(", ")))};
    // The box of the very row the entries vouched for.
    const ServerGrant* grant = newestGrant(checked.grants, credentialId);
    if (grant == nullptr || grantState(grant, status.decision, now) != CredentialState::Granted)
        return {ErrorKind::NotPermitted, view->explanation()};
    // Recorded first: no entry, no secret.
    if (Error error = recordSigned(me, QStringLiteral("credential.reveal"),
                                   QJsonObject{{QStringLiteral("name"), me.name},
                                               {QStringLiteral("enrollment"), status.enrollmentId},
                                               {QStringLiteral("credential"), credentialId}}))
        return error;
    std::optional<SecureBytes> opened = crypto::openSealed(grant->sealed, me.keys.secretKey);
    if (!opened)
        return {ErrorKind::Damaged,
                Tr::tr("the secret of '%1' does not open with %2's key (sealed to an older key, or altered); "
                       "ask your mentor to renew it")
                    .arg(credentialId, me.name)};
    *secret = std::move(*opened);
    return {};
}

} // namespace onramp::server
