#include "CliMain.h"

#include "Command.h"

namespace onramp::cli {

void registerVaultCommands(CommandRegistry& registry); // VaultCommands.cpp
void registerOnboardingCommands(CommandRegistry& registry); // OnboardingCommands.cpp
void registerCredentialCommands(CommandRegistry& registry); // CredentialCommands.cpp
void registerAuditCommands(CommandRegistry& registry); // AuditCommands.cpp
void registerReportCommands(CommandRegistry& registry); // ReportCommands.cpp
void registerRosterCommands(CommandRegistry& registry); // RosterCommands.cpp
void registerTeamCommands(CommandRegistry& registry); // TeamCommands.cpp
void registerBackupCommands(CommandRegistry& registry); // BackupCommands.cpp

// Each feature's commands live in their own file and register here.
void registerAllCommands(CommandRegistry& registry)
{
    registerVaultCommands(registry);
    registerOnboardingCommands(registry);
    registerCredentialCommands(registry);
    registerAuditCommands(registry);
    registerReportCommands(registry);
    registerRosterCommands(registry);
    registerTeamCommands(registry);
    registerBackupCommands(registry);
}

} // namespace onramp::cli
