// Credentials: list, show, reissue, reset, export, revoke, renew, set. Handlers
// parse and print; the rules live in app/core/credentials. A secret goes to
// stdout or the export file only, as raw bytes, and is wiped after.
#include "Command.h"
#include "SecretFile.h"
#include "SecretJson.h"
#include "TeamCommands.h"
#include "VaultAccess.h"

#include "PlainText.h"
#include "PrivateFile.h"
#include "credentials/CredentialExport.h"
#include "credentials/Credentials.h"
#include "onboarding/Signatures.h"
#include "scan/VaultScan.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <cstring>
#include <optional>
#include <unistd.h>

namespace onramp::cli {

namespace {

/// write(2) in full, retrying after a signal or a short write.
bool writeAll(int fd, QByteArrayView bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, std::size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

/// Writes secret bytes to the command's output past every buffer that would
/// keep a copy: what the text stream holds is flushed first (through QFile's
/// buffer and stdio's), then the bytes go to the file descriptor with
/// write(2), so no unwiped buffer ever holds them. Why the output could not
/// take them all (a full disk, a closed pipe), or empty: the caller must not
/// report success for output that was cut short.
QString writeRaw(Context& c, QByteArrayView bytes)
{
    QIODevice* device = c.out().device();
    c.out().flush();
    if (c.out().status() != QTextStream::Ok)
        return device ? device->errorString() : Tr::tr("write error");
    auto* file = qobject_cast<QFile*>(device);
    if (file && file->handle() >= 0) {
        if (!file->flush())
            return file->errorString();
        errno = 0;
        if (!writeAll(file->handle(), bytes))
            return errno != 0 ? QString::fromLocal8Bit(std::strerror(errno)) : Tr::tr("write error");
        return {};
    }
    if (device) { // an in-memory device, as in tests
        if (device->write(bytes.data(), bytes.size()) != bytes.size())
            return device->errorString();
        return {};
    }
    QString text = QString::fromUtf8(bytes);
    c.out() << text;
    text.fill(QLatin1Char(' '));
    return {};
}

/// The error for output that could not be written whole.
Error outputError(const QString& what, const QString& why)
{
    return Error(ErrorKind::Io, Tr::tr("cannot write %1 to the output: %2").arg(what, why));
}

/// `cred show --json`: the non-secret fields through QJsonDocument, the
/// secret spliced in as the last member from secure memory, so it never
/// becomes a QString or a QJsonValue (implicitly shared, never wiped).
int printJsonWithSecret(Context& c, const CredentialView& view, const SecureBytes& secret)
{
    const std::optional<SecureBytes> body = jsonStringBody(secret);
    if (!body)
        return c.fail(ErrorKind::InvalidInput,
                      Tr::tr("the secret of %1 is not valid UTF-8, so JSON cannot carry it unchanged; use "
                             "'onramp cred show %1' without --json, or 'onramp cred export'")
                          .arg(view.credential.id));
    const JsonSplice splice = lastMemberSplice(view.toJson(), QStringLiteral("secret"));
    c.out() << QString::fromUtf8(splice.before);
    const QString what = Tr::tr("the secret of %1").arg(view.credential.id);
    if (const QString why = writeRaw(c, body->view()); !why.isEmpty())
        return c.fail(outputError(what, why));
    c.out() << QString::fromUtf8(splice.after);
    c.out().flush();
    if (c.out().status() != QTextStream::Ok)
        return c.fail(outputError(what, c.out().device() ? c.out().device()->errorString() : Tr::tr("write error")));
    return 0;
}

QString stateText(const CredentialView& v);

QString statusText(const CredentialView& v)
{
    // Never shown as done while the login at its source is still there.
    if (v.revokePending)
        return Tr::tr("%1, revoke pending at its source").arg(stateText(v));
    return stateText(v);
}

QString stateText(const CredentialView& v)
{
    switch (v.state) {
    case CredentialState::Ready:
        return Tr::tr("sandbox, ready");
    case CredentialState::NotSet:
        if (v.notIssuedOnServer)
            return Tr::tr("sandbox, not issued on a team server yet");
        return Tr::tr("not set yet — ask an admin");
    case CredentialState::Locked:
        return Tr::tr("production, locked");
    case CredentialState::Granted:
        return Tr::tr("production, granted until %1").arg(signatures::timeText(v.expiresAt));
    case CredentialState::NotGranted:
        return Tr::tr("production, not granted");
    case CredentialState::Expired:
        if (v.endedEarly)
            return Tr::tr("production, ended early (it was to run to %1)").arg(signatures::timeText(v.expiresAt));
        return Tr::tr("production, expired at %1").arg(signatures::timeText(v.expiresAt));
    case CredentialState::Revoked:
        return Tr::tr("production, revoked by %1").arg(v.endedBy);
    case CredentialState::Invalid:
        return Tr::tr("production, grant does not verify");
    }
    return {};
}

} // namespace

void printCredentialViews(Context& c, const QList<CredentialView>& views, bool staff)
{
    for (const CredentialView& v : views) {
        if (staff)
            c.out() << text::printable(v.hire) << '\t';
        c.out() << text::printable(v.credential.id) << '\t' << text::printable(statusText(v)) << '\t'
                << text::printable(v.credential.title) << '\n';
    }
}

int printCredentialWithSecret(Context& c, const CredentialView& view, const SecureBytes& secret)
{
    if (c.json())
        return printJsonWithSecret(c, view, secret);
    c.out() << text::printable(view.credential.title) << " (" << text::printable(view.credential.id) << ", "
            << text::printable(statusText(view)) << ")\n";
    const QMap<QString, QString>& fields = view.credential.fields;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        c.out() << "  " << text::printable(it.key()) << ": " << text::printable(it.value()) << '\n';
    c.out() << "  " << view.secretName() << ": ";
    if (const QString why = writeRaw(c, secret.view()); !why.isEmpty())
        return c.fail(outputError(Tr::tr("the secret of %1").arg(view.credential.id), why));
    c.out() << '\n';
    return 0;
}

namespace {

/// A JSON array written one element at a time, laid out byte for byte as
/// Context::printJson lays out the whole array (QJsonDocument::Indented), so
/// a long listing is one valid document without ever being whole in memory.
class JsonArrayStream
{
public:
    explicit JsonArrayStream(QTextStream& out)
        : m_out(out)
    {}

    void append(const QJsonObject& element)
    {
        // An array of one, less its brackets: the element indented as the
        // whole array would indent it.
        QByteArray text = QJsonDocument(QJsonArray{element}).toJson(QJsonDocument::Indented);
        text.chop(3); // "\n]\n"
        m_out << (m_any ? ",\n" : "[\n") << QString::fromUtf8(QByteArrayView(text).sliced(2));
        m_any = true;
    }
    void finish()
    {
        if (m_any)
            m_out << "\n]\n";
        else
            m_out << QString::fromUtf8(QJsonDocument(QJsonArray()).toJson(QJsonDocument::Indented));
    }

private:
    QTextStream& m_out;
    bool m_any = false;
};

QString environmentText(Environment environment)
{
    return environment == Environment::Production ? Tr::tr("production") : Tr::tr("sandbox");
}

/// An admin's `cred list`: the configured credentials and their grants counted.
int printOverview(Context& c, const Credentials::Overview& overview, const QMap<QString, QDateTime>& leaked)
{
    if (c.json()) {
        QJsonArray credentials;
        for (const Credentials::Configured& configured : overview.credentials) {
            const CredentialTemplate& t = configured.credential;
            QJsonObject o{{QStringLiteral("id"), t.id},
                          {QStringLiteral("title"), t.title},
                          {QStringLiteral("environment"), environmentName(t.environment)},
                          {QStringLiteral("provider"), t.provider}};
            if (t.provider == QLatin1String("static"))
                o.insert(QStringLiteral("secret_set_at"),
                         configured.secretSetAt.isValid() ? signatures::timeText(configured.secretSetAt) : QString());
            if (leaked.contains(t.id))
                o.insert(QStringLiteral("leaked_at"), signatures::timeText(leaked.value(t.id)));
            if (t.environment == Environment::Production)
                o.insert(QStringLiteral("grants"),
                         QJsonObject{{QStringLiteral("live"), configured.liveGrants},
                                     {QStringLiteral("expired"), configured.expiredGrants},
                                     {QStringLiteral("revoked"), configured.revokedGrants}});
            credentials.append(o);
        }
        c.printJson(QJsonObject{{QStringLiteral("hires"), overview.hires},
                                {QStringLiteral("credentials"), credentials},
                                {QStringLiteral("grants_verified"), false}});
        return 0;
    }
    if (overview.credentials.isEmpty())
        c.out() << Tr::tr("No credentials to show.") << '\n';
    for (const Credentials::Configured& configured : overview.credentials) {
        const CredentialTemplate& t = configured.credential;
        QString secret;
        if (t.provider != QLatin1String("static"))
            secret = Tr::tr("%1, one per hire").arg(t.provider);
        else if (configured.secretSetAt.isValid())
            secret = Tr::tr("static, set %1").arg(signatures::timeText(configured.secretSetAt));
        else
            secret = Tr::tr("static, not set yet");
        if (leaked.contains(t.id))
            secret += Tr::tr(" (leaked, rotate: found by a scan %1)").arg(signatures::timeText(leaked.value(t.id)));
        c.out() << t.id << '\t' << environmentText(t.environment) << '\t' << secret << '\t' << t.title;
        if (t.environment == Environment::Production)
            c.out() << '\t'
                    << Tr::tr("grants: %1 live, %2 expired, %3 revoked")
                           .arg(configured.liveGrants)
                           .arg(configured.expiredGrants)
                           .arg(configured.revokedGrants);
        c.out() << '\n';
    }
    c.out() << Tr::tr("%n hire(s) enrolled. Grants are counted as recorded; their signatures are checked where they "
                      "are listed: 'onramp cred list --hire NAME', or every hire's with '--limit N [--after HIRE]' "
                      "or '--all'.",
                      nullptr, overview.hires)
            << '\n';
    return 0;
}

} // namespace

Error credentialListOptions(Context& c, int* limit)
{
    const bool one = c.has(QStringLiteral("hire"));
    const bool paged = c.has(QStringLiteral("limit")) || c.has(QStringLiteral("after"));
    const bool all = c.has(QStringLiteral("all"));
    if (int(one) + int(paged) + int(all) > 1)
        return {ErrorKind::Usage, Tr::tr("'cred list' takes one of --hire, --limit/--after and --all")};
    constexpr int kDefault = 100;
    constexpr int kMost = 10000;
    *limit = kDefault;
    if (!c.has(QStringLiteral("limit")))
        return {};
    const QString text = c.option(QStringLiteral("limit"));
    bool ok = false;
    *limit = text.toInt(&ok);
    if (ok && *limit >= 1 && *limit <= kMost)
        return {};
    return {ErrorKind::Usage, Tr::tr("--limit needs a number of hires from 1 to %1, not '%2'").arg(kMost).arg(text)};
}

namespace {

int runList(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    const bool one = c.has(QStringLiteral("hire"));
    const bool paged = c.has(QStringLiteral("limit")) || c.has(QStringLiteral("after"));
    const bool all = c.has(QStringLiteral("all"));
    int limit = 0;
    if (Error e = credentialListOptions(c, &limit))
        return c.fail(e);
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    Credentials credentials(*vault);
    const bool staff = vault->me().role != Role::Hire;
    if (vault->me().role == Role::Admin && !one && !paged && !all) {
        Credentials::Overview overview;
        if (Error e = credentials.overview(&overview))
            return c.fail(e);
        QMap<QString, QDateTime> leaked;
        if (Error e = scan::VaultScan::leakedCredentials(*vault, &leaked))
            return c.fail(e);
        return printOverview(c, overview, leaked);
    }
    QList<CredentialView> views;
    QString next; // the --after of the next page, when a hire follows this one
    if (one) {
        if (Error e = credentials.listFor(c.option(QStringLiteral("hire")), &views))
            return c.fail(e);
    } else if (paged) {
        QStringList hires;
        bool more = false;
        if (Error e = credentials.listPage(c.option(QStringLiteral("after")), limit, &views, &hires, &more))
            return c.fail(e);
        if (more && !hires.isEmpty())
            next = hires.last();
    } else if (vault->me().role == Role::Admin) {
        // Every hire's, a page at a time, printed as it is read: the JSON
        // too, one array element after the other, so memory holds one page.
        constexpr int kPage = 500;
        QString after;
        JsonArrayStream array(c.out());
        bool any = false;
        for (;;) {
            QStringList hires;
            QList<CredentialView> page;
            if (Error e = credentials.listPage(after, kPage, &page, &hires))
                return c.fail(e);
            any = any || !page.isEmpty();
            if (c.json()) {
                for (const CredentialView& v : std::as_const(page))
                    array.append(v.toJson());
            } else {
                printCredentialViews(c, page, staff);
            }
            if (hires.size() < kPage)
                break;
            after = hires.last();
        }
        if (c.json())
            array.finish();
        else if (!any)
            c.out() << Tr::tr("No credentials to show.") << '\n';
        return 0;
    } else if (Error e = credentials.list(&views)) {
        return c.fail(e);
    }
    if (c.json()) {
        QJsonArray array;
        for (const CredentialView& v : std::as_const(views))
            array.append(v.toJson());
        c.printJson(array);
        return 0;
    }
    if (views.isEmpty())
        c.out() << Tr::tr("No credentials to show.") << '\n';
    printCredentialViews(c, views, staff);
    if (!next.isEmpty())
        c.out() << Tr::tr("More: 'onramp cred list --limit %1 --after %2'").arg(limit).arg(next) << '\n';
    return 0;
}

int runShow(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    CredentialView view;
    SecureBytes secret;
    if (Error e = Credentials(*vault).read(c.operand(0), &view, &secret)) {
        if (e.kind == ErrorKind::NotPermitted && c.json() && !view.credential.id.isEmpty())
            c.printJson(view.toJson());
        return c.fail(e);
    }
    return printCredentialWithSecret(c, view, secret);
}

int runReissue(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    if (Error e = Credentials(*vault).reissue(c.operand(0)))
        return c.fail(e);
    c.out() << Tr::tr("Issued a fresh secret for %1; the old one no longer works here. "
                      "'onramp cred show %1' shows it.")
                   .arg(c.operand(0))
            << '\n';
    return 0;
}

/// The acting hire's one sandbox credential with a database of its own
/// (`postgresql: {template: …}`), for a `sandbox reset` that names none.
Error ownSandboxDatabase(Vault& vault, QString* id)
{
    if (vault.me().role != Role::Hire)
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("only a hire resets their own sandbox database; %1 is not a hire").arg(vault.me().name));
    QList<CredentialView> views;
    if (Error e = Credentials(vault).list(&views))
        return e;
    QStringList ids;
    for (const CredentialView& view : std::as_const(views))
        if (view.hire == vault.me().name && view.credential.environment == Environment::Sandbox
            && !view.credential.pgTemplate.isEmpty())
            ids.append(view.credential.id);
    if (ids.isEmpty())
        return Error(ErrorKind::NotPermitted,
                     Tr::tr("you have no sandbox database of your own: no sandbox credential of your checklist "
                            "names a template"));
    if (ids.size() > 1)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("you have %1 sandbox databases of your own (%2): name the one to reset")
                         .arg(ids.size())
                         .arg(ids.join(QStringLiteral(", "))));
    *id = ids.first();
    return {};
}

// cred reset ID, and sandbox reset [ID]: without an ID, the hire's one
// sandbox database of their own.
int runReset(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    Credentials credentials(*vault);
    QString id = c.operand(0);
    if (id.isEmpty())
        if (Error e = ownSandboxDatabase(*vault, &id))
            return c.fail(e);
    if (Error e = credentials.resetSandbox(id))
        return c.fail(e);
    c.out() << Tr::tr("Reset your sandbox database of %1: it is as it was on day one.").arg(id) << '\n';
    return 0;
}

int runExport(Context& c)
{
    const std::optional<ExportFormat> format = exportFormatFromName(c.option(QStringLiteral("format")));
    if (!format)
        return c.fail(ErrorKind::Usage, Tr::tr("'cred export' needs --format env or --format pgpass"));
    std::optional<Environment> only;
    if (c.has(QStringLiteral("environment"))) {
        only = environmentFromName(c.option(QStringLiteral("environment")));
        if (!only)
            return c.fail(ErrorKind::Usage,
                          Tr::tr("--environment of 'cred export' is '%1': give sandbox or production")
                              .arg(text::printable(c.option(QStringLiteral("environment")))));
    }
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    QList<CredentialView> views;
    std::vector<SecureBytes> secrets;
    if (Error e = Credentials(*vault).readAll(&views, &secrets, only))
        return c.fail(e);
    const SecureBytes content = exportCredentials(views, secrets, *format);
    const QString output = c.outputFile();
    if (output.isEmpty()) {
        if (const QString why = writeRaw(c, content.view()); !why.isEmpty())
            return c.fail(outputError(Tr::tr("the exported credentials"), why));
        return 0;
    }
    if (Error e = writePrivateFile(output, content.view(), Tr::tr("the export file")))
        return c.fail(e);
    c.out() << Tr::tr("Wrote %1 credential(s) to %2 (readable by you only).").arg(views.size()).arg(output) << '\n';
    return 0;
}

int runRevokeOrRenew(Context& c, bool renew)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    const QString hire = c.operand(0);
    const QString id = c.operand(1);
    Credentials credentials(*vault);
    // Revokes left pending by an unreachable server are tried again first, quietly.
    QStringList dropped;
    if (Error e = credentials.retryPendingRevokes(&dropped))
        return c.fail(e);
    for (const QString& line : std::as_const(dropped))
        c.out() << Tr::tr("Dropped at its source, pending until now: %1").arg(text::printable(line)) << '\n';
    if (!renew) {
        QString pending;
        if (Error e = credentials.revoke(hire, id, &pending))
            return c.fail(e);
        if (!pending.isEmpty()) {
            c.out() << Tr::tr("Revoked %1's grant of %2 in Onramp; the revoke at its source is pending and "
                              "'onramp cred sweep' retries it.")
                           .arg(hire, id)
                    << '\n';
            c.err() << Tr::tr("revoke pending: %1").arg(pending) << '\n';
            return 0;
        }
        c.out() << Tr::tr("Revoked %1's grant of %2.").arg(hire, id) << '\n';
        return 0;
    }
    QDateTime expires;
    if (Error e = credentials.renew(hire, id, &expires))
        return c.fail(e);
    c.out() << Tr::tr("Renewed %1's grant of %2 until %3.").arg(hire, id, signatures::timeText(expires)) << '\n';
    return 0;
}

// cred sweep: retries the revocations at the source that are pending (a
// server that could not be reached, an expired grant's login); exit 1 while
// any is still pending, for a cron job or a systemd timer to notice.
int runSweep(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    int done = 0;
    QStringList pending;
    if (Error e = Credentials(*vault).sweep(&done, &pending))
        return c.fail(e);
    if (c.json()) {
        c.printJson(QJsonObject{{QStringLiteral("done"), done},
                                {QStringLiteral("pending"), QJsonArray::fromStringList(pending)}},
                    QJsonDocument::Compact);
    } else {
        c.out() << Tr::tr("Revoked %n login(s) at their source.", nullptr, done) << '\n';
        for (const QString& line : std::as_const(pending))
            c.out() << Tr::tr("Still pending: %1").arg(text::printable(line)) << '\n';
    }
    return pending.isEmpty() ? 0 : 1;
}

int runSet(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    SecureBytes secret;
    if (Error e = secretFromFile(c, &secret))
        return c.fail(e);
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    int delivered = 0;
    if (Error e = Credentials(*vault).setSecret(c.operand(0), secret, &delivered))
        return c.fail(e);
    c.out()
        << Tr::tr("Set the secret of %1; sealed to %2 enrolled hire(s) who hold it.").arg(c.operand(0)).arg(delivered)
        << '\n';
    return 0;
}

int runUnset(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    if (Error e = Credentials(*vault).unsetSecret(c.operand(0)))
        return c.fail(e);
    c.out() << Tr::tr("Removed the kept secret of %1, which no checklist uses.").arg(c.operand(0)) << '\n';
    return 0;
}

} // namespace

void bindCredentialCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("cred list"), runList);
    registry.bind(QStringLiteral("cred show"), runShow);
    registry.bind(QStringLiteral("cred reissue"), runReissue);
    registry.bind(QStringLiteral("cred reset"), runReset);
    registry.bind(QStringLiteral("sandbox reset"), runReset);
    registry.bind(QStringLiteral("cred export"), runExport);
    registry.bind(QStringLiteral("cred revoke"), [](Context& c) { return runRevokeOrRenew(c, false); });
    registry.bind(QStringLiteral("cred renew"), [](Context& c) { return runRevokeOrRenew(c, true); });
    registry.bind(QStringLiteral("cred set"), runSet);
    registry.bind(QStringLiteral("cred unset"), runUnset);
    registry.bind(QStringLiteral("cred sweep"), runSweep);
}

} // namespace onramp::cli
