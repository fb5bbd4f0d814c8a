#pragma once

#include "Error.h"
#include "SecureBytes.h"
#include "credentials/CredentialView.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace onramp::server {

struct SignedIn;

// `cred list` and `cred show` on a team server. Each view is built from what
// enrollmentStatus() checked against the signed entries this desk verified:
// the enrollment, its checklist version (the credentials and their fields)
// and the grant rows (the state, the expiry, who granted and ended them).
// A row no entry vouches for is ErrorKind::Damaged naming the server, as for
// `status`. Secrets are opened on the hire's desk only, from the box their
// checked grant holds; the server never sees one.

/// Which hires' credentials `cred list` shows: \a hire alone, or a page of
/// up to \a limit hires (0: every one) after the hire named \a after.
struct CredentialQuery {
    QString hire;
    QString after;
    int limit = 0;
};

/// `cred list` as \a reader at \a now: the credentials of each hire they may
/// see (a hire their own, a mentor their mentees', an admin everyone's), by
/// the hire's sign-in name, as \a query narrows them (a named hire who is
/// not enrolled: InvalidInput; NotPermitted for a hire naming another and
/// for a mentor naming someone else's mentee). \a next, when given,
/// receives the --after of the next page when a hire follows this one. A
/// sandbox credential is "not set": a team server issues none yet.
Error listCredentials(SignedIn& reader, const CredentialQuery& query, const QDateTime& now, QList<CredentialView>* out,
                      QString* next = nullptr);

/// `cred show` as the hire \a me at \a now: \a credentialId of their
/// checklist, and its secret opened with their key from the checked grant's
/// box, after their signed credential.reveal entry is recorded. NotPermitted
/// with the view's explanation when it cannot be read (\a view filled all
/// the same); InvalidInput for an id their checklist does not have.
Error readCredential(SignedIn& me, const QString& credentialId, const QDateTime& now, CredentialView* view,
                     SecureBytes* secret);

} // namespace onramp::server
