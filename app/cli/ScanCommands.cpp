// `onramp scan`: prints what app/core/scan finds as text, JSON lines or
// SARIF 2.1.0. Known production secrets are looked for only in a session
// that holds the production key, printed only in text unless
// --include-known asks, and never printed as more than 4 characters.
#include "CliMain.h"
#include "Command.h"
#include "VaultAccess.h"

#include "HiddenText.h"
#include "PlainText.h"

#include "scan/ScanReport.h"
#include "scan/Scanner.h"
#include "scan/VaultScan.h"
#include "vault/Vault.h"

#include <QJsonObject>

namespace onramp::cli {

namespace {

using scan::Finding;

/// What a scanned file wrote, made safe for the terminal: every control
/// character escaped ("\x1b"), every bidirectional or zero-width one named
/// ("[U+202E]"), so that no excerpt or file name can move the cursor, erase
/// a line printed above it, write the clipboard or reorder what is seen.
QString shown(const QString& text)
{
    return text::printable(hiddentext::shownPlainly(text));
}

int runScan(Context& c)
{
    const bool toSarif = c.has(QStringLiteral("sarif"));
    if (toSarif && c.json())
        return c.fail(ErrorKind::InvalidInput, Tr::tr("give --json or --sarif, not both"));
    const bool includeKnown = c.has(QStringLiteral("include-known"));

    // With --as, the vault's production hosts and, for an admin or mentor,
    // its production secrets; without, the patterns alone.
    std::unique_ptr<Vault> vault;
    std::unique_ptr<scan::VaultScan> session;
    QStringList hosts;
    if (!c.actor().isEmpty()) {
        if (Error e = openVaultFor(c, &vault))
            return c.fail(e);
        session = std::make_unique<scan::VaultScan>(*vault);
        if (Error e = session->productionHosts(&hosts))
            return c.fail(e);
        if (Error e = session->loadKnownSecrets())
            return c.fail(e);
    }
    scan::KnownSecretLookup lookup;
    QList<int> lengths;
    QList<int> wideLengths;
    if (session && session->knowsSecrets()) {
        lookup = [&](QByteArrayView candidate) { return session->lookup(candidate); };
        lengths = session->lengths();
        wideLengths = session->wideLengths();
    }
    const scan::LineScanner lines(hosts, lookup, lengths, session && session->allText(), wideLengths,
                                  session && session->wideAreLatin1());
    scan::Scanner scanner(lines);

    QList<Finding> findings;
    QMap<QString, int> leaked;
    int found = 0;
    const bool machine = toSarif || c.json();
    scan::ScanSummary summary;
    const Error e = scanner.scan(
        c.operands(),
        [&](const Finding& f) {
            ++found;
            if (!f.credentialId.isEmpty())
                ++leaked[f.credentialId];
            if (machine && !f.credentialId.isEmpty() && !includeKnown)
                return;
            if (toSarif) {
                findings.append(f);
            } else if (c.json()) {
                c.printJson(scan::findingJson(f), QJsonDocument::Compact);
            } else {
                c.out() << shown(f.file) << ':' << f.line << ':' << f.column << ": " << f.rule << ": "
                        << shown(f.excerpt);
                if (!f.credentialId.isEmpty())
                    c.out() << "  [" << Tr::tr("%1: leaked, rotate").arg(shown(f.credentialId)) << ']';
                c.out() << '\n';
            }
        },
        &summary);
    if (e)
        return c.fail(e);
    if (toSarif)
        c.printJson(scan::sarif(findings));
    if (session)
        if (Error recorded = session->record(summary, leaked))
            return c.fail(recorded);
    for (const QString& refused : summary.refusedAllowlists)
        c.err() << Tr::tr("warning: %1").arg(shown(refused)) << '\n';
    c.err() << Tr::tr("Scanned %n file(s)", nullptr, int(summary.files))
            << Tr::tr(" (%1 binary, %2 ignored, %3 symlinks not followed, %4 git directories not read, %5 allowed "
                      "by .onramp-scan-ignore): ")
                   .arg(summary.binary)
                   .arg(summary.ignored)
                   .arg(summary.symlinks)
                   .arg(summary.gitDirs)
                   .arg(summary.allowed)
            << Tr::tr("%n finding(s).", nullptr, found) << '\n';
    if (summary.searchedForKnown > 0)
        c.err() << Tr::tr("Known production secrets were searched for in every file read, the ignored and binary "
                          "ones too (%1 of them).")
                       .arg(summary.searchedForKnown)
                << '\n';
    if (!leaked.isEmpty() && machine && !includeKnown)
        c.err() << Tr::tr("Known production secrets were found and left out of the output; run without --json or "
                          "--sarif, or with --include-known, to see them.")
                << '\n';
    return found > 0 ? kExitScanFindings : 0;
}

} // namespace

void bindScanCommands(CommandRegistry& registry)
{
    registry.bind(QStringLiteral("scan"), runScan);
}

} // namespace onramp::cli
