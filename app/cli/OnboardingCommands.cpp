// Checklists, enrollments, steps, reviews, sign-off and status. Handlers
// parse and print; the rules live in app/core/onboarding.
#include "CliMain.h"
#include "Command.h"
#include "TeamCommands.h"
#include "VaultAccess.h"

#include "PlainText.h"
#include "PrivateFile.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistWriter.h"
#include "credentials/Credentials.h"
#include "credentials/ProviderConnections.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "onboarding/Signatures.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace onramp::cli {

namespace {

// --checklist-version N (0, the latest, when absent), then the vault: a bad N costs no key derivation.
Error versionAndVault(Context& c, int* version, std::unique_ptr<Vault>* vault)
{
    if (Error e = checklistVersionOption(c, version))
        return e;
    return openVaultFor(c, vault);
}

} // namespace

Error checklistVersionOption(Context& c, int* version)
{
    bool ok = true;
    *version = 0;
    if (c.has(QStringLiteral("checklist-version")))
        *version = c.option(QStringLiteral("checklist-version")).toInt(&ok);
    if (!ok || *version < 0)
        return Error(ErrorKind::Usage, Tr::tr("--checklist-version wants a version number"));
    return {};
}

int reportMove(Context& c, const Error& error, const MoveOutcome& outcome)
{
    const WeakerVersion weaker = weakerVersionOption(c);
    if (error) {
        if (weaker == WeakerVersion::Accept || outcome.weakens.isEmpty())
            return c.fail(error);
        // One line each, as an import says it, so that the admin reads what the move lowers.
        QString message = Tr::tr("%1 version %2 weakens the gate of %3 version %4, which %5 is on:")
                              .arg(outcome.checklist)
                              .arg(outcome.version)
                              .arg(outcome.fromChecklist)
                              .arg(outcome.fromVersion)
                              .arg(c.operand(0));
        for (const QString& weakening : std::as_const(outcome.weakens))
            message += QStringLiteral("\n  - ") + text::printable(weakening);
        message += QLatin1Char('\n')
            + Tr::tr("Nothing was moved. If you mean to lower the gate for %1, move again with --accept-weaker.")
                  .arg(c.operand(0));
        return c.fail(ErrorKind::InvalidInput, message);
    }
    c.out() << Tr::tr("%1 is now on %2 version %3.").arg(c.operand(0), outcome.checklist).arg(outcome.version) << '\n';
    for (const QString& weakening : std::as_const(outcome.weakens))
        c.out() << Tr::tr("It weakens the gate: %1.").arg(text::printable(weakening)) << '\n';
    return 0;
}

std::optional<Checklist> checklistToImport(Context& c, int* code)
{
    // Validate before unlocking: a broken file is reported without a passphrase.
    const QString file = c.operand(0);
    ParseResult parsed = parseChecklistFile(file);
    if (!parsed.ok()) {
        for (const QString& error : parsed.errors)
            c.err() << error << '\n';
        *code = c.fail(ErrorKind::InvalidInput,
                       QCoreApplication::translate("onramp", "%1 was not imported: %n problem(s) found", nullptr,
                                                   int(parsed.errors.size()))
                           .arg(file));
        return std::nullopt;
    }
    return std::move(*parsed.checklist);
}

void printImport(Context& c, const Checklist& checklist, const ImportOutcome& outcome)
{
    if (c.json()) {
        c.printJson(QJsonObject{{QStringLiteral("id"), outcome.id},
                                {QStringLiteral("version"), outcome.version},
                                {QStringLiteral("unchanged"), outcome.unchanged},
                                {QStringLiteral("weakens"), QJsonArray::fromStringList(outcome.weakens)}});
    } else if (outcome.unchanged) {
        c.out() << Tr::tr("Checklist %1 is unchanged; it stays at version %2.").arg(outcome.id).arg(outcome.version)
                << '\n';
    } else {
        c.out() << Tr::tr("Imported checklist %1 as version %2 (%3, %4).")
                       .arg(outcome.id)
                       .arg(outcome.version)
                       .arg(Tr::tr("%n step(s)", nullptr, int(checklist.steps.size())),
                            Tr::tr("%n credential(s)", nullptr, int(checklist.credentials.size())))
                << '\n';
        for (const QString& weakening : outcome.weakens)
            c.out() << Tr::tr("It weakens the gate: %1.").arg(weakening) << '\n';
    }
}

std::function<QString(const QString& credentialId)> credentialLocator(const QString& file)
{
    return [file](const QString& credentialId) -> QString {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            return file;
        const QStringList lines = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'));
        const QRegularExpression declares(QStringLiteral("(^|[\\s{,-])id:\\s*[\"']?%1[\"']?\\s*([,}]|$)")
                                              .arg(QRegularExpression::escape(credentialId)));
        bool inCredentials = false;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines.at(i).startsWith(QLatin1String("credentials:")))
                inCredentials = true;
            if (inCredentials && declares.match(lines.at(i)).hasMatch())
                return QStringLiteral("%1:%2").arg(file).arg(i + 1);
        }
        return file;
    };
}

WeakerVersion weakerVersionOption(Context& c)
{
    return c.has(QStringLiteral("accept-weaker")) ? WeakerVersion::Accept : WeakerVersion::Refuse;
}

int failImport(Context& c, const Checklist& checklist, const ImportOutcome& outcome, const Error& error)
{
    if (weakerVersionOption(c) == WeakerVersion::Accept || outcome.weakens.isEmpty())
        return c.fail(error);
    // One line each, so that whoever imports reads what the file changed.
    QString message = Tr::tr("%1 weakens the gate of checklist %2 version %3:")
                          .arg(c.operand(0), checklist.id)
                          .arg(outcome.version - 1);
    for (const QString& weakening : outcome.weakens)
        message += QStringLiteral("\n  - ") + weakening;
    message += QLatin1Char('\n')
        + Tr::tr("Nothing was imported. If you meant these changes, import it again with --accept-weaker.");
    return c.fail(ErrorKind::InvalidInput, message);
}

Error enrollOptions(Context& c, EnrollOptions* out)
{
    out->checklist = c.option(QStringLiteral("checklist"));
    out->mentor = c.option(QStringLiteral("mentor"));
    if (out->checklist.isEmpty() || out->mentor.isEmpty())
        return {ErrorKind::Usage, Tr::tr("'enroll' needs --checklist ID and --mentor NAME")};
    QDate* start = &out->start;
    *start = defaultClock().now().date();
    if (c.has(QStringLiteral("start"))) {
        *start = QDate::fromString(c.option(QStringLiteral("start")), Qt::ISODate);
        if (!start->isValid())
            return {ErrorKind::InvalidInput,
                    Tr::tr("--start '%1' is not a date (YYYY-MM-DD)").arg(c.option(QStringLiteral("start")))};
    }
    return {};
}

namespace {

int runChecklistImport(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    int code = 0;
    const std::optional<Checklist> checklist = checklistToImport(c, &code);
    if (!checklist)
        return code;
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    const auto locate = credentialLocator(c.operand(0));
    ImportOutcome outcome;
    if (Error e =
            ChecklistStore(*vault).import(*checklist, defaultClock().now(), &outcome, locate, weakerVersionOption(c)))
        return failImport(c, *checklist, outcome, e);
    printImport(c, *checklist, outcome);
    // Stored all the same (the connection may be set next), but said now:
    // an enrollment or sign-off that needs it would fail until then.
    QSet<QString> named;
    for (const CredentialTemplate& credential : checklist->credentials) {
        if (credential.provider != QLatin1String("postgresql") || named.contains(credential.pgServer))
            continue;
        named.insert(credential.pgServer);
        Environment serves = Environment::Production;
        if (ProviderConnections(*vault, defaultClock()).environmentOf(credential.pgServer, &serves))
            c.err() << Tr::tr("warning: %1: credential '%2' names provider connection '%3', which no admin has set: "
                              "set it with 'onramp provider set %3 --dsn DSN --secret-file FILE%4' before anyone is "
                              "enrolled on this checklist or signed off")
                           .arg(locate(credential.id), credential.id, credential.pgServer,
                                credential.environment == Environment::Sandbox
                                    ? QStringLiteral(" --environment sandbox")
                                    : QString())
                    << '\n';
    }
    return 0;
}

int runChecklistExport(Context& c)
{
    int version = 0;
    std::unique_ptr<Vault> vault;
    if (Error e = versionAndVault(c, &version, &vault))
        return c.fail(e);
    StoredChecklist stored;
    if (Error e = ChecklistStore(*vault).get(c.operand(0), version, &stored))
        return c.fail(e);
    const QByteArray yaml = toYaml(stored.checklist);
    const QString output = c.outputFile();
    if (output.isEmpty()) {
        c.out() << QString::fromUtf8(yaml);
        return 0;
    }
    if (Error e = writePrivateFile(output, yaml, Tr::tr("the export file")))
        return c.fail(e);
    c.out() << Tr::tr("Wrote checklist %1 version %2 to %3.").arg(stored.checklist.id).arg(stored.version).arg(output)
            << '\n';
    return 0;
}

int runChecklistList(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    QList<StoredChecklist> all;
    if (Error e = ChecklistStore(*vault).latest(&all))
        return c.fail(e);
    if (c.json()) {
        QJsonArray array;
        for (const StoredChecklist& s : all)
            array.append(QJsonObject{{QStringLiteral("id"), s.checklist.id},
                                     {QStringLiteral("title"), s.checklist.title},
                                     {QStringLiteral("version"), s.version},
                                     {QStringLiteral("steps"), int(s.checklist.steps.size())},
                                     {QStringLiteral("imported_at"), signatures::timeText(s.importedAt)},
                                     {QStringLiteral("imported_by"), s.importedBy}});
        c.printJson(array);
        return 0;
    }
    if (all.isEmpty())
        c.out() << Tr::tr("No checklists yet; an admin imports one with 'onramp checklist import FILE'.") << '\n';
    for (const StoredChecklist& s : all)
        c.out() << text::printable(s.checklist.id) << '\t' << Tr::tr("v%1").arg(s.version) << '\t'
                << s.checklist.steps.size() << ' ' << Tr::tr("steps") << '\t' << text::printable(s.checklist.title)
                << '\n';
    return 0;
}

int runEnroll(Context& c)
{
    EnrollOptions options;
    if (Error e = enrollOptions(c, &options))
        return c.fail(e);
    const QString& checklist = options.checklist;
    const QString& mentor = options.mentor;
    const QDate& start = options.start;
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    // Revokes left pending by an unreachable server are tried again first, quietly.
    QStringList dropped;
    if (Error e = Credentials(*vault).retryPendingRevokes(&dropped))
        return c.fail(e);
    for (const QString& line : std::as_const(dropped))
        c.out() << Tr::tr("Dropped at its source, pending until now: %1").arg(text::printable(line)) << '\n';
    if (Error e = Enrollments(*vault).enroll(c.operand(0), checklist, mentor, start)) {
        // The core's words fit the app as well; here the command that moves it is named.
        EnrollmentStatus existing;
        if (e.kind == ErrorKind::InvalidInput && !Enrollments(*vault).status(c.operand(0), &existing))
            e.message += QLatin1Char('\n')
                + Tr::tr("'onramp enrollment move %1' puts it on the checklist's latest version").arg(c.operand(0));
        return c.fail(e);
    }
    c.out() << Tr::tr("Enrolled %1 on %2 with mentor %3, starting %4.")
                   .arg(c.operand(0), checklist, mentor, start.toString(Qt::ISODate))
            << '\n';
    return 0;
}

int runEnrollmentMove(Context& c)
{
    int version = 0;
    if (Error e = checklistVersionOption(c, &version))
        return c.fail(e);
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    MoveOutcome outcome;
    const Error e = Enrollments(*vault).moveTo(c.operand(0), c.option(QStringLiteral("checklist")), version,
                                               weakerVersionOption(c), &outcome);
    return reportMove(c, e, outcome);
}

int runEnrollmentEdit(Context& c)
{
    const QString mentor = c.option(QStringLiteral("mentor"));
    if (mentor.isEmpty() && !c.has(QStringLiteral("start")))
        return c.fail(ErrorKind::Usage, Tr::tr("'enrollment edit' needs --mentor NAME, --start YYYY-MM-DD, or both"));
    QDate start;
    if (c.has(QStringLiteral("start"))) {
        start = QDate::fromString(c.option(QStringLiteral("start")), Qt::ISODate);
        if (!start.isValid())
            return c.fail(ErrorKind::InvalidInput,
                          Tr::tr("--start '%1' is not a date (YYYY-MM-DD)").arg(c.option(QStringLiteral("start"))));
    }
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    Enrollments enrollments(*vault);
    if (Error e = enrollments.edit(c.operand(0), mentor, start))
        return c.fail(e);
    EnrollmentStatus status;
    if (Error e = enrollments.status(c.operand(0), &status))
        return c.fail(e);
    c.out() << Tr::tr("%1 now has the mentor %2 and starts on %3.")
                   .arg(c.operand(0), status.mentor.name, status.start.toString(Qt::ISODate))
            << '\n';
    return 0;
}

// step done|undo|approve|reject HIRE STEP
int runStep(Context& c, const QString& verb)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    Enrollments enrollments(*vault);
    const QString hire = c.operand(0);
    const QString step = c.operand(1);
    Error e;
    QString done;
    if (verb == QLatin1String("done")) {
        e = enrollments.markDone(hire, step, c.option(QStringLiteral("note")));
        done = Tr::tr("Step %1 is done.").arg(step);
    } else if (verb == QLatin1String("undo")) {
        e = enrollments.undo(hire, step);
        done = Tr::tr("Step %1 is open again.").arg(step);
    } else {
        const bool approve = verb == QLatin1String("approve");
        e = enrollments.review(hire, step, approve, c.option(QStringLiteral("comment")));
        done = approve ? Tr::tr("Approved step %1 for %2.").arg(step, hire)
                       : Tr::tr("Asked for changes on step %1 for %2; it is open again.").arg(step, hire);
    }
    if (e)
        return c.fail(e);
    c.out() << done << '\n';
    return 0;
}

int runSignoff(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c);
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    // Revokes left pending by an unreachable server are tried again first, quietly.
    QStringList dropped;
    if (Error e = Credentials(*vault).retryPendingRevokes(&dropped))
        return c.fail(e);
    for (const QString& line : std::as_const(dropped))
        c.out() << Tr::tr("Dropped at its source, pending until now: %1").arg(text::printable(line)) << '\n';
    if (Error e = Enrollments(*vault).signOff(c.operand(0)))
        return c.fail(e);
    c.out() << Tr::tr("Signed off production access for %1.").arg(c.operand(0)) << '\n';
    return 0;
}

} // namespace

// Names, titles and comments are others' words: shown escaped (text::printable).
void printStatus(Context& c, const EnrollmentStatus& s)
{
    using text::printable;
    c.out() << Tr::tr("%1 (%2) on %3 v%4, mentor %5, started %6")
                   .arg(printable(s.hire.shownName()), printable(s.hire.name), printable(s.checklistId))
                   .arg(s.checklistVersion)
                   .arg(printable(s.mentor.shownName()), s.start.toString(Qt::ISODate))
            << '\n';
    c.out() << Tr::tr("Progress: %1 of %2 steps done").arg(s.doneCount()).arg(s.steps.size());
    if (const int waiting = s.awaitingReviewCount(); waiting > 0)
        c.out() << Tr::tr(" · %n waiting for review", "", waiting);
    c.out() << "\n\n";
    for (const StepView& v : s.steps) {
        QString mark;
        QString state;
        switch (v.status()) {
        case StepStatus::Open:
            mark = QStringLiteral("[ ]");
            break;
        case StepStatus::Done:
            mark = QStringLiteral("[x]");
            break;
        case StepStatus::WaitingForReview:
            mark = QStringLiteral("[?]");
            state = Tr::tr("done, waiting for review");
            break;
        case StepStatus::Approved:
            mark = QStringLiteral("[x]");
            state = Tr::tr("approved by %1").arg(printable(v.reviewerDisplayName));
            break;
        case StepStatus::SentBack:
            mark = QStringLiteral("[!]");
            state = Tr::tr("changes asked by %1: %2").arg(printable(v.reviewerDisplayName), printable(v.reviewComment));
            break;
        case StepStatus::Resubmitted:
            mark = QStringLiteral("[?]");
            state = Tr::tr("redone, waiting for review again");
            break;
        }
        QStringList flags;
        if (v.step.required)
            flags << Tr::tr("required");
        if (!state.isEmpty())
            flags << state;
        else if (v.step.signoff && v.status() == StepStatus::Open)
            flags << Tr::tr("needs review");
        if (v.due.isValid())
            flags << (v.overdue ? Tr::tr("overdue since %1") : Tr::tr("due %1")).arg(v.due.toString(Qt::ISODate));
        c.out() << "  " << mark << ' ' << printable(v.step.id) << " - " << printable(v.step.title);
        if (!flags.isEmpty())
            c.out() << "  (" << flags.join(QStringLiteral(", ")) << ')';
        c.out() << '\n';
    }
    c.out() << '\n';
    if (s.locked()) {
        c.out() << Tr::tr("Production: locked") << '\n';
        for (const Reason& r : s.decision.reasons)
            c.out() << "  - " << printable(r.message) << '\n';
    } else if (s.production() == ProductionAccess::Revoked) {
        c.out() << Tr::tr("Production: signed off by %1 at %2, access revoked by %3 at %4")
                       .arg(printable(s.signedOffByDisplayName), signatures::timeText(s.signedOffAt),
                            printable(s.revokedByDisplayName), signatures::timeText(s.revokedAt))
                << '\n';
    } else {
        c.out() << Tr::tr("Production: unlocked, signed off by %1 at %2")
                       .arg(printable(s.signedOffByDisplayName), signatures::timeText(s.signedOffAt))
                << '\n';
    }
}

namespace {

int runStatus(Context& c)
{
    if (!selectedServer(c.args()).isEmpty())
        return runInTeamModule(c); // on a team server
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    Enrollments enrollments(*vault);
    const QString hire = c.operand(0).isEmpty() ? vault->me().name : c.operand(0);
    EnrollmentStatus status;
    if (Error e = enrollments.status(hire, &status))
        return c.fail(e);
    if (c.json())
        c.printJson(status.toJson());
    else
        printStatus(c, status);
    return 0;
}

} // namespace

void bindOnboardingCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("checklist import"), runChecklistImport);
    registry.bind(QStringLiteral("checklist export"), runChecklistExport);
    registry.bind(QStringLiteral("checklist list"), runChecklistList);
    registry.bind(QStringLiteral("enroll"), runEnroll);
    registry.bind(QStringLiteral("enrollment move"), runEnrollmentMove);
    registry.bind(QStringLiteral("enrollment edit"), runEnrollmentEdit);
    registry.bind(QStringLiteral("step done"), [](Context& c) { return runStep(c, QStringLiteral("done")); });
    registry.bind(QStringLiteral("step undo"), [](Context& c) { return runStep(c, QStringLiteral("undo")); });
    registry.bind(QStringLiteral("step approve"), [](Context& c) { return runStep(c, QStringLiteral("approve")); });
    registry.bind(QStringLiteral("step reject"), [](Context& c) { return runStep(c, QStringLiteral("reject")); });
    registry.bind(QStringLiteral("signoff"), runSignoff);
    registry.bind(QStringLiteral("status"), runStatus);
}

} // namespace onramp::cli
