#include "audit/ActionRoles.h"

#include "Error.h"

#include <QHash>

namespace onramp::actionroles {

namespace {

const QString kAdmin = QStringLiteral("admin");
const QString kMentor = QStringLiteral("mentor");
const QString kHire = QStringLiteral("hire");

/// Every action the core appends (AuditLog::append, record, KeyFileChange's
/// audit and commitEntry), with the roles whose entries may record it. The
/// acts bound to one enrollment (reviews, sign-offs, grants, steps) are held
/// to that enrollment's mentor or hire by the ledger besides.
const QHash<QString, QStringList>& table()
{
    static const QHash<QString, QStringList> roles = {
        {QStringLiteral("vault.create"), {kAdmin}},
        {QStringLiteral("vault.rekey"), {kAdmin}},
        {QStringLiteral("vault.restore"), {kAdmin}},
        // A backup file written (onramp backup, the app's Vault tab): who took a copy, where to.
        {QStringLiteral("vault.backup"), {kAdmin}},
        {QStringLiteral("vault.sql"), {kAdmin}},
        {QStringLiteral("person.add"), {kAdmin}},
        {QStringLiteral("person.import"), {kAdmin}},
        {QStringLiteral("person.disable"), {kAdmin}},
        {QStringLiteral("production.rotate"), {kAdmin}},
        {QStringLiteral("person.enable"), {kAdmin}},
        {QStringLiteral("passphrase.reset"), {kAdmin}},
        {QStringLiteral("passphrase.change"), {kAdmin, kMentor, kHire}},
        {QStringLiteral("checklist.import"), {kAdmin}},
        {QStringLiteral("checklist.save"), {kAdmin}},
        {QStringLiteral("enrollment.create"), {kAdmin}},
        {QStringLiteral("enrollment.move"), {kAdmin}},
        {QStringLiteral("enrollment.edit"), {kAdmin}},
        {QStringLiteral("credential.set"), {kAdmin}},
        // A kept secret that did not open and that no checklist uses, removed as the repair.
        {QStringLiteral("credential.unset"), {kAdmin}},
        {QStringLiteral("provider.set"), {kAdmin}},
        {QStringLiteral("step.approve"), {kMentor}},
        {QStringLiteral("step.reject"), {kMentor}},
        {QStringLiteral("signoff"), {kMentor}},
        {QStringLiteral("grant.create"), {kMentor, kAdmin}},
        {QStringLiteral("grant.renew"), {kMentor, kAdmin}},
        {QStringLiteral("grant.revoke"), {kMentor, kAdmin}},
        // A login at its source dropped (or still to be dropped) after its grant ended.
        {QStringLiteral("credential.drop"), {kMentor, kAdmin}},
        {QStringLiteral("step.note"), {kHire, kMentor}},
        {QStringLiteral("step.done"), {kHire}},
        {QStringLiteral("step.undo"), {kHire}},
        {QStringLiteral("credential.reveal"), {kHire}},
        {QStringLiteral("credential.export"), {kHire}},
        {QStringLiteral("credential.reissue"), {kHire, kAdmin}}, // an admin's after a passphrase reset
        {QStringLiteral("credential.reset"), {kHire}}, // a hire's own sandbox database made again
        {QStringLiteral("scan.run"), {kAdmin, kMentor, kHire}},
        // A scan found a production secret: only a session holding the production key can tell.
        {QStringLiteral("credential.leaked"), {kAdmin, kMentor}},
    };
    return roles;
}

/// "an admin's", "a mentor's", "a hire's".
QString possessive(const QString& role)
{
    if (role == kAdmin)
        return Tr::tr("an admin's");
    if (role == kMentor)
        return Tr::tr("a mentor's");
    return Tr::tr("a hire's");
}

} // namespace

QStringList rolesFor(const QString& action)
{
    return table().value(action);
}

QStringList actions()
{
    QStringList all = table().keys();
    all.sort();
    return all;
}

bool mayRecord(const QString& role, const QString& action)
{
    return !role.isEmpty() && table().value(action).contains(role);
}

QString refusal(const QString& role, const QString& action, const QString& actor)
{
    if (mayRecord(role, action))
        return {};
    const QStringList roles = rolesFor(action);
    if (roles.isEmpty())
        return Tr::tr("no one records %1 in a vault").arg(action);
    QStringList whose;
    for (const QString& allowed : roles)
        whose << possessive(allowed);
    const QString who = role.isEmpty() ? Tr::tr("nobody") : Tr::tr("a %1").arg(role);
    return Tr::tr("%1 is %2 act, but %3 is %4 by the log").arg(action, whose.join(Tr::tr(" or ")), actor, who);
}

} // namespace onramp::actionroles
