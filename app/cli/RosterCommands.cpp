// `person import`: an IT admin's roster. Parsing and printing only; the rules
// live in app/core/people/RosterImport.
#include "Command.h"
#include "VaultAccess.h"

#include "PlainText.h"
#include "people/RosterImport.h"
#include "vault/Vault.h"

namespace onramp::cli {

namespace {

int runPersonImport(Context& c)
{
    std::unique_ptr<Vault> vault;
    if (Error e = openVaultFor(c, &vault))
        return c.fail(e);
    RosterImportResult result;
    if (Error e = RosterImport(*vault).run(c.operand(0), c.option(QStringLiteral("passphrases-out")), &result)) {
        if (!result.added.isEmpty())
            c.err() << Tr::tr("onramp: people added before the error: %1; importing the same file again "
                              "completes the rest")
                           .arg(result.added.size())
                    << '\n';
        return c.fail(e);
    }
    c.out() << Tr::tr("New people: %1. Hires enrolled: %2. Rows already in the vault: %3.")
                   .arg(result.added.size())
                   .arg(result.enrolled.size())
                   .arg(result.unchanged)
            << '\n';
    // Each new person, named with where their first passphrase came from:
    // a file the admin did not mean shows before it is handed over.
    for (const QString& source : std::as_const(result.passphraseSources))
        c.out() << "  " << text::printable(source) << '\n';
    if (!result.passphraseFolder.isEmpty())
        c.out() << Tr::tr("Their first passphrases are in %1, one file per person (NAME.txt, readable by you "
                          "only); each person chooses their own at their first sign-in.")
                       .arg(result.passphraseFolder)
                << '\n';
    return 0;
}

} // namespace

void bindRosterCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("person import"), runPersonImport);
}

} // namespace onramp::cli
