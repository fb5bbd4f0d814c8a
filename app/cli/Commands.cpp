#include "CliMain.h"

#include "Command.h"
#include "TeamCommands.h"

namespace onramp::cli {

void bindVaultCommands(CommandRegistry& registry); // VaultCommands.cpp
void bindOnboardingCommands(CommandRegistry& registry); // OnboardingCommands.cpp
void bindCredentialCommands(CommandRegistry& registry); // CredentialCommands.cpp
void bindAuditCommands(CommandRegistry& registry); // AuditCommands.cpp
void bindReportCommands(CommandRegistry& registry); // ReportCommands.cpp
void bindRosterCommands(CommandRegistry& registry); // RosterCommands.cpp
void bindBackupCommands(CommandRegistry& registry); // BackupCommands.cpp
void bindScanCommands(CommandRegistry& registry); // ScanCommands.cpp
void bindProviderCommands(CommandRegistry& registry); // ProviderCommands.cpp

// Each feature's handlers live in their own file and are bound here by name
// to the commands CommandSpecs.cpp describes.
void registerAllCommands(CommandRegistry& registry)
{
    describeAllCommands(registry);
    bindVaultCommands(registry);
    bindOnboardingCommands(registry);
    bindCredentialCommands(registry);
    bindAuditCommands(registry);
    bindReportCommands(registry);
    bindRosterCommands(registry);
    bindTeamCommands(registry);
    bindBackupCommands(registry);
    bindScanCommands(registry);
    bindProviderCommands(registry);
}

} // namespace onramp::cli
