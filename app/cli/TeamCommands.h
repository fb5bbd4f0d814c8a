#pragma once

#include "CommandLine.h"
#include "Error.h"

#include <QDate>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace onramp {
class SecureBytes;
class Vault;
struct AuditQuery;
struct CredentialView;
struct Checklist;
struct EnrollmentStatus;
struct ImportOutcome;
struct MoveOutcome;
enum class WeakerVersion;
} // namespace onramp

namespace onramp::cli {

struct Command;
class Context;
class CommandRegistry;

/// The library that runs `team init`: the team module (app/cli/team), the
/// only part of onramp that links libpq.
inline constexpr char kTeamLibrary[] = "onramp_team";

/// The team server the command line names: --server, else ONRAMP_SERVER
/// unless --vault is given; empty for a folder vault.
QString selectedServer(const ParsedArgs& args);

/// Whether \a command can act on a team server yet: team's own, whoami,
/// person add, list and disable, passphrase change and reset, audit verify
/// and log, checklist import, enroll, enrollment move, status, step done, undo,
/// approve and reject, signoff, and cred list, show, revoke, renew and set.
bool worksOnServer(const Command& command);

/// The store options of \a args for \a command: --server with --vault is a
/// usage error, and so, for now, is a team server for any command that works
/// on folder vaults only (ErrorKind::Usage saying so).
Error checkStoreOptions(const Command& command, const ParsedArgs& args);

/// Describes the team server's commands (CommandSpecs.cpp): `team init` runs
/// in the team module (kTeamLibrary), `whoami` in the commands' library,
/// which hands it to the team module when it names a server.
void describeTeamCommands(CommandRegistry& registry);

/// The filters of `audit log` (--since, --actor, --action) as \a c gives
/// them, for a folder vault and a team server alike; a --since that is no
/// date is ErrorKind::Usage naming it. Defined in the commands' library.
Error auditQueryOf(Context& c, AuditQuery* query);

/// What a folder vault's handlers and the team module's share for
/// `checklist import`, `enroll` and `status` (OnboardingCommands.cpp): the
/// checklist file named by the first operand, parsed and checked before any
/// passphrase is asked for (nullopt with its problems printed and *code the
/// exit code); the import's outcome as the command prints it; --start as a
/// date (today when absent; InvalidInput naming it when it is none), with
/// enroll's --checklist and --mentor (a usage error when either is missing);
/// an enrollment's status as text.
std::optional<Checklist> checklistToImport(Context& c, int* code);
void printImport(Context& c, const Checklist& checklist, const ImportOutcome& outcome);
/// The import's \a error as the command says it: when it is a version that
/// weakens the gate and --accept-weaker was not given, each weakening on a
/// line of its own and how to accept them; otherwise \a error itself.
int failImport(Context& c, const Checklist& checklist, const ImportOutcome& outcome, const Error& error);
/// Where a credential id is declared in the checklist \a file ("file:line",
/// or the file alone), for an import's refusal.
std::function<QString(const QString& credentialId)> credentialLocator(const QString& file);
/// WeakerVersion::Accept with --accept-weaker, Refuse otherwise.
WeakerVersion weakerVersionOption(Context& c);
/// --checklist-version as a number (0 when absent: the latest); a usage
/// error naming it otherwise.
Error checklistVersionOption(Context& c, int* version);
/// What `enrollment move` prints of a move to \a outcome, or of \a error:
/// a refused weaker version with each weakening on a line of its own and
/// how to accept them (the exit code).
int reportMove(Context& c, const Error& error, const MoveOutcome& outcome);
struct EnrollOptions {
    QString checklist;
    QString mentor;
    QDate start;
};
Error enrollOptions(Context& c, EnrollOptions* out);
void printStatus(Context& c, const EnrollmentStatus& status);

/// What a folder vault's `cred list` and `cred show` print, for a team server
/// too (CredentialCommands.cpp): the views, one a line (the hire first for
/// \a staff); one credential with its secret, as text or JSON (the exit code).
void printCredentialViews(Context& c, const QList<CredentialView>& views, bool staff);
/// `cred list`'s options: one of --hire, --limit/--after and --all (a usage
/// error otherwise); \a limit the page size --limit gives (100 without it).
Error credentialListOptions(Context& c, int* limit);
int printCredentialWithSecret(Context& c, const CredentialView& view, const SecureBytes& secret);

/// Runs \a c's command in the team module (the handlers that talk to a
/// server): for the folder-vault commands that also work on a team server,
/// when one is selected.
int runInTeamModule(Context& c);

/// Binds the commands' library's side (TeamCommands.cpp): `whoami` on a
/// folder vault, and the hand-over to the team module for a server.
void bindTeamCommands(CommandRegistry& registry);

/// The team module's side: describes the same commands and binds the
/// handlers that talk to a server (app/cli/team/TeamModule.cpp).
void registerTeamHandlers(CommandRegistry& registry);

} // namespace onramp::cli
