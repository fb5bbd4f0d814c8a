// What each command is: its words, operands, options and one line of help,
// without its handler. Qt Core only: `onramp` answers --help, --version and
// a usage error from these alone and loads the library that runs a command
// (Command::library) only to run it. The handlers are bound by name in each
// area's file (VaultCommands.cpp, ...); TestCommandLine checks that every
// command here has one and every handler a command.
#include "CliMain.h"
#include "Command.h"
#include "TeamCommands.h"

namespace onramp::cli {

namespace {

OptionSpec newPassphraseOption()
{
    return {QStringLiteral("new-passphrase-file"), QStringLiteral("FILE"), Tr::tr("read the new passphrase from FILE")};
}

OptionSpec displayOption()
{
    return {QStringLiteral("display"), QStringLiteral("\"FULL NAME\""), Tr::tr("the name shown to people")};
}

void describeVaultCommands(CommandRegistry& registry)
{
    const OptionSpec kdf{QStringLiteral("kdf"), QStringLiteral("LEVEL"),
                         Tr::tr("Argon2id cost for key slots: interactive, moderate (default) or sensitive")};
    registry.add(
        {{QStringLiteral("init")},
         {},
         Tr::tr("create a vault with its first admin"),
         {{QStringLiteral("admin"), QStringLiteral("NAME"), Tr::tr("the first admin's name")}, displayOption(), kdf},
         0,
         0});
    registry.add({{QStringLiteral("person"), QStringLiteral("add")},
                  QStringLiteral("NAME"),
                  Tr::tr("add a person (admin)"),
                  {{QStringLiteral("role"), QStringLiteral("ROLE"), Tr::tr("hire, mentor or admin")},
                   displayOption(),
                   newPassphraseOption()},
                  1,
                  1});
    registry.add(
        {{QStringLiteral("person"), QStringLiteral("list")}, {}, Tr::tr("list the people in the vault"), {}, 0, 0});
    registry.add({{QStringLiteral("person"), QStringLiteral("disable")},
                  QStringLiteral("NAME"),
                  Tr::tr("disable a person: their key slot loses its keys (admin)"),
                  {},
                  1,
                  1});
    registry.add({{QStringLiteral("passphrase"), QStringLiteral("change")},
                  {},
                  Tr::tr("change your own passphrase"),
                  {newPassphraseOption()},
                  0,
                  0});
    registry.add({{QStringLiteral("passphrase"), QStringLiteral("reset")},
                  QStringLiteral("NAME"),
                  Tr::tr("give a person a new passphrase and key pair (admin)"),
                  {newPassphraseOption()},
                  1,
                  1});
    registry.add({{QStringLiteral("vault"), QStringLiteral("check")},
                  {},
                  Tr::tr("check the database, the audit log and, as an admin, every record, key slot and provider "
                         "connection against it"),
                  {},
                  0,
                  0});
    registry.add({{QStringLiteral("vault"), QStringLiteral("restored")},
                  {},
                  Tr::tr("confirm that the vault was restored from a backup on purpose (admin)"),
                  {},
                  0,
                  0});
    registry.add(
        {{QStringLiteral("vault"), QStringLiteral("rekey")}, {}, Tr::tr("rotate the master key (admin)"), {}, 0, 0});
    registry.add({{QStringLiteral("vault"), QStringLiteral("rotate-production-key")},
                  {},
                  Tr::tr("rotate the production key, re-encrypting every production secret (admin)"),
                  {},
                  0,
                  0});
    registry.add({{QStringLiteral("vault"), QStringLiteral("sql")},
                  QStringLiteral("\"STATEMENT\""),
                  Tr::tr("run one raw SQL statement and print rows tab-separated (admin)"),
                  {},
                  1,
                  1});
}

void describeOnboardingCommands(CommandRegistry& registry)
{
    const OptionSpec version{QStringLiteral("checklist-version"), QStringLiteral("N"),
                             Tr::tr("a checklist version (default: the latest)")};
    registry.add({{QStringLiteral("checklist"), QStringLiteral("import")},
                  QStringLiteral("FILE"),
                  Tr::tr("import a checklist file: YAML, JSON or Markdown (admin)"),
                  {{QStringLiteral("accept-weaker"),
                    {},
                    Tr::tr("store it even though it weakens the gate of the version before (fewer required or "
                           "reviewed steps, longer production grants, fewer production hosts)")}},
                  1,
                  1});
    registry.add({{QStringLiteral("checklist"), QStringLiteral("export")},
                  QStringLiteral("ID"),
                  Tr::tr("write a checklist back as YAML"),
                  {{QStringLiteral("output"), QStringLiteral("FILE"), Tr::tr("write to FILE instead of stdout"),
                    QLatin1Char('o')},
                   version},
                  1,
                  1});
    registry.add({{QStringLiteral("checklist"), QStringLiteral("list")}, {}, Tr::tr("list the checklists"), {}, 0, 0});
    registry.add({{QStringLiteral("enroll")},
                  QStringLiteral("HIRE"),
                  Tr::tr("enroll a hire on a checklist with a mentor (admin)"),
                  {{QStringLiteral("checklist"), QStringLiteral("ID"), Tr::tr("the checklist")},
                   {QStringLiteral("mentor"), QStringLiteral("NAME"), Tr::tr("the mentor")},
                   {QStringLiteral("start"), QStringLiteral("YYYY-MM-DD"), Tr::tr("the start date (default: today)")}},
                  1,
                  1});
    registry.add({{QStringLiteral("enrollment"), QStringLiteral("move")},
                  QStringLiteral("HIRE"),
                  Tr::tr("move a hire to another checklist, or another version of theirs (admin)"),
                  {{QStringLiteral("checklist"), QStringLiteral("ID"),
                    Tr::tr("the checklist to move to (default: their own); its sign-off and reviews end")},
                   version,
                   {QStringLiteral("accept-weaker"),
                    {},
                    Tr::tr("move even though the version moved to weakens the gate of the hire's own (fewer "
                           "required or reviewed steps, longer production grants, fewer production hosts)")}},
                  1,
                  1});
    registry.add({{QStringLiteral("enrollment"), QStringLiteral("edit")},
                  QStringLiteral("HIRE"),
                  Tr::tr("change a hire's mentor or start date (admin)"),
                  {{QStringLiteral("mentor"), QStringLiteral("NAME"),
                    Tr::tr("the new mentor; only their reviews and sign-off count from now on, and live "
                           "production access ends")},
                   {QStringLiteral("start"), QStringLiteral("YYYY-MM-DD"), Tr::tr("the new start date")}},
                  1,
                  1});
    const OptionSpec note{QStringLiteral("note"), QStringLiteral("TEXT"), Tr::tr("a note for your mentor")};
    const OptionSpec comment{QStringLiteral("comment"), QStringLiteral("TEXT"), Tr::tr("a comment for the hire")};
    registry.add({{QStringLiteral("step"), QStringLiteral("done")},
                  QStringLiteral("HIRE STEP"),
                  Tr::tr("mark one of your steps done (the hire)"),
                  {note},
                  2,
                  2});
    registry.add({{QStringLiteral("step"), QStringLiteral("undo")},
                  QStringLiteral("HIRE STEP"),
                  Tr::tr("reopen one of your steps until it is approved (the hire)"),
                  {},
                  2,
                  2});
    registry.add({{QStringLiteral("step"), QStringLiteral("approve")},
                  QStringLiteral("HIRE STEP"),
                  Tr::tr("approve a hire's step (their mentor)"),
                  {comment},
                  2,
                  2});
    registry.add({{QStringLiteral("step"), QStringLiteral("reject")},
                  QStringLiteral("HIRE STEP"),
                  Tr::tr("ask for changes on a hire's step and reopen it (their mentor)"),
                  {comment},
                  2,
                  2});
    registry.add({{QStringLiteral("signoff")},
                  QStringLiteral("HIRE"),
                  Tr::tr("sign off a hire's production access (their mentor)"),
                  {},
                  1,
                  1});
    registry.add({{QStringLiteral("status")},
                  QStringLiteral("[HIRE]"),
                  Tr::tr("show a hire's steps and whether production is unlocked, with the reasons"),
                  {},
                  0,
                  1});
}

void describeCredentialCommands(CommandRegistry& registry)
{
    registry.add({{QStringLiteral("cred"), QStringLiteral("list")},
                  {},
                  Tr::tr("list credentials: a hire's own, a mentor's mentees'; an admin's overview of every "
                         "credential with its grants counted (per hire with --hire, --limit or --all)"),
                  {{QStringLiteral("hire"), QStringLiteral("NAME"), Tr::tr("one hire's credentials only")},
                   {QStringLiteral("limit"), QStringLiteral("N"),
                    Tr::tr("the credentials of N hires (1-10000) in name order, a page at a time")},
                   {QStringLiteral("after"), QStringLiteral("HIRE"),
                    Tr::tr("the page after this hire (with --limit; default 100 hires)")},
                   {QStringLiteral("all"), {}, Tr::tr("every hire's credentials (costs the whole vault)")}},
                  0,
                  0});
    registry.add({{QStringLiteral("cred"), QStringLiteral("show")},
                  QStringLiteral("ID"),
                  Tr::tr("show one of your credentials with its secret (the hire)"),
                  {},
                  1,
                  1});
    registry.add({{QStringLiteral("cred"), QStringLiteral("reissue")},
                  QStringLiteral("ID"),
                  Tr::tr("replace one of your sandbox secrets with a fresh one (the hire)"),
                  {},
                  1,
                  1});
    registry.add({{QStringLiteral("cred"), QStringLiteral("reset")},
                  QStringLiteral("ID"),
                  Tr::tr("make your own sandbox database again from its template, ending your sessions in it "
                         "(the hire)"),
                  {},
                  1,
                  1});
    registry.add({{QStringLiteral("sandbox"), QStringLiteral("reset")},
                  QStringLiteral("[ID]"),
                  Tr::tr("as 'cred reset'; without ID, your one sandbox database of your own (the hire)"),
                  {},
                  0,
                  1});
    registry.add({{QStringLiteral("cred"), QStringLiteral("export")},
                  {},
                  Tr::tr("write your readable credentials as env or pgpass lines, mode 0600 (the hire)"),
                  {{QStringLiteral("format"), QStringLiteral("env|pgpass"), Tr::tr("the file format")},
                   {QStringLiteral("environment"), QStringLiteral("ENV"),
                    Tr::tr("only the sandbox or only the production credentials (both by default)")},
                   {QStringLiteral("output"), QStringLiteral("FILE"), Tr::tr("write to FILE instead of stdout"),
                    QLatin1Char('o')}},
                  0,
                  0});
    registry.add({{QStringLiteral("cred"), QStringLiteral("revoke")},
                  QStringLiteral("HIRE ID"),
                  Tr::tr("revoke a hire's production grant (their mentor or an admin)"),
                  {},
                  2,
                  2});
    registry.add({{QStringLiteral("cred"), QStringLiteral("renew")},
                  QStringLiteral("HIRE ID"),
                  Tr::tr("grant a hire's production credential again with a new expiry (their mentor or an admin)"),
                  {},
                  2,
                  2});
    registry.add({{QStringLiteral("cred"), QStringLiteral("sweep")},
                  {},
                  Tr::tr("retry the revokes at a credential's source that are pending, and drop expired grants' "
                         "logins (a mentor or an admin; exit 1 while any is still pending)"),
                  {},
                  0,
                  0});
    registry.add({{QStringLiteral("cred"), QStringLiteral("set")},
                  QStringLiteral("ID"),
                  Tr::tr("set a static credential's secret from a file (admin)"),
                  {{QStringLiteral("secret-file"), QStringLiteral("FILE"), Tr::tr("the file holding the secret")}},
                  1,
                  1});
    registry.add({{QStringLiteral("cred"), QStringLiteral("unset")},
                  QStringLiteral("ID"),
                  Tr::tr("remove a kept secret that no longer opens and that no checklist uses: the repair `vault "
                         "check` names (admin)"),
                  {},
                  1,
                  1});
    // A DSN is read by the postgresql provider's module, loaded by `provider set` alone.
    registry.add(
        {{QStringLiteral("provider"), QStringLiteral("set")},
         QStringLiteral("NAME"),
         Tr::tr("set a provisioning connection a source provider signs in with (admin)"),
         {{QStringLiteral("dsn"), QStringLiteral("DSN"), Tr::tr("the libpq connection string, without a password")},
          {QStringLiteral("secret-file"), QStringLiteral("FILE"), Tr::tr("the file holding its password")},
          {QStringLiteral("environment"), QStringLiteral("ENV"),
           Tr::tr("what it serves: production (the default) or sandbox; only credentials of that environment may "
                  "name it")},
          {QStringLiteral("accept-pending-drops"),
           {},
           Tr::tr("point it at another server although logins made through it are live or pending; their drops "
                  "stay pending until it points back")}},
         1,
         1});
    registry.add({{QStringLiteral("provider"), QStringLiteral("list")},
                  {},
                  Tr::tr("list the provisioning connections, without their passwords (admin)"),
                  {},
                  0,
                  0});
}

void describeAuditCommands(CommandRegistry& registry)
{
    registry.add(
        {{QStringLiteral("audit"), QStringLiteral("verify")},
         {},
         Tr::tr("verify the audit log's chain, hashes, signatures and head (exit 6 names the first bad entry)"),
         {},
         0,
         0});
    registry.add(
        {{QStringLiteral("audit"), QStringLiteral("log")},
         {},
         Tr::tr("show audit log entries (an admin sees all, others their own)"),
         {{QStringLiteral("since"), QStringLiteral("DATE"), Tr::tr("entries at or after DATE (YYYY-MM-DD, UTC)")},
          {QStringLiteral("actor"), QStringLiteral("NAME"), Tr::tr("entries by NAME")},
          {QStringLiteral("action"), QStringLiteral("ACTION"), Tr::tr("entries of ACTION, e.g. person.add")},
          {QStringLiteral("search"), QStringLiteral("TEXT"),
           Tr::tr("entries whose action, actor, subject or details hold TEXT (A-Z in any case), or "
                  "whose actor or subject has it in their display name")},
          {QStringLiteral("limit"), QStringLiteral("N"),
           Tr::tr("only the newest N of those entries (still oldest first)")}},
         0,
         0});
    registry.add({{QStringLiteral("audit"), QStringLiteral("export")},
                  {},
                  Tr::tr("write the whole audit log as JSON lines or CSV (admin)"),
                  {{QStringLiteral("format"), QStringLiteral("FORMAT"), Tr::tr("jsonl or csv")},
                   {QStringLiteral("output"), QStringLiteral("FILE"), Tr::tr("write to FILE instead of stdout"),
                    QLatin1Char('o')}},
                  0,
                  0});
}

void describeReportCommands(CommandRegistry& registry)
{
    registry.add({{QStringLiteral("report")},
                  {},
                  Tr::tr("show the onboarding report: progress, days to production, waits, overdue steps"),
                  {{QStringLiteral("format"), QStringLiteral("FORMAT"),
                    Tr::tr("text (the default) or csv, as the app exports it")}},
                  0,
                  0});
}

void describeRosterCommands(CommandRegistry& registry)
{
    registry.add({{QStringLiteral("person"), QStringLiteral("import")},
                  QStringLiteral("FILE.csv"),
                  Tr::tr("add and enroll the people of a CSV roster (admin)"),
                  {{QStringLiteral("passphrases-out"), QStringLiteral("DIR"),
                    Tr::tr("write each new person's random first passphrase to DIR/NAME.txt")}},
                  1,
                  1});
}

void describeBackupCommands(CommandRegistry& registry)
{
    registry.add({{QStringLiteral("backup")},
                  QStringLiteral("FILE"),
                  Tr::tr("write the whole vault, still sealed, to one backup file signed by you (admin)"),
                  {{QStringLiteral("force"), {}, Tr::tr("replace FILE if it exists")}},
                  1,
                  1});
    registry.add({{QStringLiteral("restore")},
                  QStringLiteral("FILE"),
                  Tr::tr("restore the vault folder from a backup file, as a signed restore (admin)"),
                  {{QStringLiteral("replace"),
                    {},
                    Tr::tr("restore over a folder that is not empty, keeping it aside as FOLDER.replaced-TIME")},
                   {QStringLiteral("rollback"),
                    {},
                    Tr::tr("bring back the backup as it is, even grants the replaced vault revoked")}},
                  1,
                  1});
}

} // namespace

void describeTeamCommands(CommandRegistry& registry)
{
    Command init{{QStringLiteral("team"), QStringLiteral("init")},
                 QStringLiteral("[URL]"),
                 Tr::tr("set up a team server: its schema, roles and first admin (--admin NAME)"),
                 {{QStringLiteral("admin"), QStringLiteral("NAME"), Tr::tr("the first admin")}, displayOption()},
                 0,
                 1};
    init.library = QString::fromLatin1(kTeamLibrary);
    registry.add(std::move(init));
    Command watch{{QStringLiteral("team"), QStringLiteral("watch")},
                  QStringLiteral("[URL]"),
                  Tr::tr("as the setup role, end every Onramp session that holds too many of the cluster's locks"),
                  {{QStringLiteral("max-locks"), QStringLiteral("N"),
                    Tr::tr("the most locks a login's sessions may hold together (256)")},
                   {QStringLiteral("interval"), QStringLiteral("SECONDS"), Tr::tr("how often to look (1)")},
                   {QStringLiteral("once"), {}, Tr::tr("look once and exit")}},
                  0,
                  1};
    watch.library = QString::fromLatin1(kTeamLibrary);
    registry.add(std::move(watch));
    registry.add({{QStringLiteral("whoami")},
                  {},
                  Tr::tr("sign in (--as NAME) and say who you are and your role, on a vault or a team server"),
                  {},
                  0,
                  0});
}

void describeScanCommands(CommandRegistry& registry)
{
    registry.add({{QStringLiteral("scan")},
                  QStringLiteral("PATH..."),
                  Tr::tr("find production hosts and secrets in documents and folders (exit %1 when anything is found)")
                      .arg(kExitScanFindings),
                  {{QStringLiteral("sarif"), {}, Tr::tr("print SARIF 2.1.0 for code-scanning tools")},
                   {QStringLiteral("include-known"),
                    {},
                    Tr::tr("write known production secrets into --json or --sarif output too (admins and mentors)")}},
                  1,
                  -1});
}

// In the order of `onramp --help`.
void describeAllCommands(CommandRegistry& registry)
{
    describeVaultCommands(registry);
    describeOnboardingCommands(registry);
    describeCredentialCommands(registry);
    describeAuditCommands(registry);
    describeReportCommands(registry);
    describeRosterCommands(registry);
    describeTeamCommands(registry);
    describeBackupCommands(registry);
    describeScanCommands(registry);
}

} // namespace onramp::cli
