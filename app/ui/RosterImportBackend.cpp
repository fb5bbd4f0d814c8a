#include "RosterImportBackend.h"

#include "people/RosterImport.h"

#include <memory>

namespace onramp::ui {

RosterImportBackend::RosterImportBackend(QObject* parent)
    : VaultBackend(parent)
{}

QString RosterImportBackend::localPath(const QString& text)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed);
    return url.isLocalFile() ? url.toLocalFile() : trimmed;
}

void RosterImportBackend::clearOutcome()
{
    m_summary.clear();
    m_problems.clear();
    Q_EMIT outcomeChanged();
}

void RosterImportBackend::importRoster(const QString& csvFile, const QString& passphraseFolder)
{
    if (m_running)
        return;
    const QString file = localPath(csvFile);
    const QString folder = localPath(passphraseFolder);
    m_running = true;
    m_summary.clear();
    m_problems.clear();
    Q_EMIT outcomeChanged();
    auto result = std::make_shared<RosterImportResult>();
    run([file, folder, result](Vault& v) { return RosterImport(v).run(file, folder, result.get()); },
        [this, result](const Error& e) {
            m_running = false;
            if (e) {
                m_problems = e.message.split(QLatin1Char('\n'));
                // Damage is the vault's, never the file's: no row to correct.
                m_problemsHeading = e.kind == ErrorKind::Damaged
                    ? tr("Nothing was added. The vault itself is damaged or was changed outside Onramp; "
                         "the file was not the problem. Restore the vault from a backup:")
                    : tr("Nothing was added. Correct these rows and import the file again:");
                if (!result->added.isEmpty())
                    m_problems.prepend(tr("People added before this error: %1. Importing the same file again "
                                          "completes the rest.")
                                           .arg(result->added.size()));
                Q_EMIT outcomeChanged();
                Q_EMIT error(result->added.isEmpty() ? tr("Nobody was imported: the file has problems.")
                                                     : tr("The import stopped before its end."));
                return;
            }
            QStringList lines{tr("New people: %1. Hires enrolled: %2. Rows already in the vault: %3.")
                                  .arg(result->added.size())
                                  .arg(result->enrolled.size())
                                  .arg(result->unchanged)};
            if (!result->passphraseFolder.isEmpty())
                lines << tr("Their first passphrases are in %1, one file per person, readable by you only. "
                            "Hand each over in person; they choose their own when they first sign in.")
                             .arg(result->passphraseFolder);
            m_summary = lines.join(QLatin1Char(' '));
            // Each new person with where their first passphrase came from: a
            // file the admin did not mean shows before anything is handed over.
            if (!result->passphraseSources.isEmpty())
                m_summary += QLatin1Char('\n') + result->passphraseSources.join(QLatin1Char('\n'));
            Q_EMIT outcomeChanged();
            Q_EMIT done(tr("New people: %1.").arg(result->added.size()));
        },
        true);
}

} // namespace onramp::ui
