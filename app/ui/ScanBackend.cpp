#include "ScanBackend.h"

#include "ExportPath.h"

#include "Clock.h"
#include "HiddenText.h"
#include "PrivateFile.h"
#include "scan/ScanReport.h"
#include "scan/VaultScan.h"

#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace onramp::ui {

/// One scan, shared by the GUI thread, the session's worker and the walk.
struct ScanBackend::Run {
    QString folder;
    std::unique_ptr<scan::VaultScan> vault; ///< off the worker, only its lookup() (keyed hashes) is used
    QStringList hosts;
    std::atomic<bool> cancelled{false};
    std::atomic<qint64> files{0};
    std::atomic<qint64> bytes{0};
    // Written by the walk, read on the GUI thread once it has finished.
    QList<scan::Finding> findings;
    QMap<QString, int> leaked;
    scan::ScanSummary summary;
    Error error;
};

ScanBackend::ScanBackend(QObject* parent)
    : VaultBackend(parent)
    , m_findings(this)
{
    m_walker.setMaxThreadCount(1);
    m_progress.setInterval(200);
    connect(&m_progress, &QTimer::timeout, this, [this] {
        if (!m_run)
            return;
        m_files = m_run->files;
        m_bytes = m_run->bytes;
        Q_EMIT progressChanged();
    });
}

ScanBackend::~ScanBackend()
{
    if (m_run)
        m_run->cancelled = true;
    m_walker.waitForDone();
}

void ScanBackend::setFolder(const QString& folder)
{
    if (folder == m_folder)
        return;
    m_folder = folder;
    Q_EMIT folderChanged();
}

void ScanBackend::chooseFolder(const QUrl& folder)
{
    setFolder(folder.isLocalFile() ? QDir::toNativeSeparators(folder.toLocalFile()) : folder.toString());
}

QUrl ScanBackend::dialogFolder() const
{
    if (!m_folder.isEmpty() && QFileInfo(m_folder).isDir())
        return QUrl::fromLocalFile(m_folder);
    return exportFolderUrl();
}

QString ScanBackend::progressText() const
{
    return tr("Scanned %n file(s), %1…", "", int(m_files)).arg(QLocale().formattedDataSize(m_bytes));
}

void ScanBackend::setScanning(bool scanning)
{
    if (scanning == m_scanning)
        return;
    m_scanning = scanning;
    Q_EMIT scanningChanged();
}

void ScanBackend::fail(const QString& message)
{
    m_errorText = message;
    m_finished = false;
    Q_EMIT resultChanged();
}

QString ScanBackend::advice() const
{
    bool secrets = false;
    bool hosts = false;
    for (const scan::Finding& f : m_results) {
        if (f.rule == QLatin1String("production-host"))
            hosts = true;
        else if (f.rule != QLatin1String("known-secret"))
            secrets = true;
    }
    QStringList out;
    if (secrets)
        out << tr("For a password, key or token: take the value out of the file and out of its history, then have "
                  "it changed where it is used. A secret once written in a document must be taken as known.");
    if (hosts)
        out << tr("For a production host: it is no secret, but a newcomer who follows the document reaches "
                  "production. Point the document at the sandbox instead, or say plainly that the host is "
                  "production and that it opens only after sign-off.");
    return out.join(QLatin1Char(' '));
}

void ScanBackend::start()
{
    if (m_run)
        return;
    m_results.clear();
    m_findings.setFindings({}, {});
    m_finished = false;
    m_foundKnown = false;
    m_stopped = false;
    m_resultText.clear();
    m_errorText.clear();
    m_files = 0;
    m_bytes = 0;
    Q_EMIT progressChanged();
    if (m_folder.trimmed().isEmpty()) {
        fail(tr("Choose a folder to scan."));
        return;
    }
    if (!QFileInfo(m_folder).isDir()) {
        fail(tr("Nothing was scanned: %1 is not a folder.").arg(m_folder));
        return;
    }
    auto job = std::make_shared<Run>();
    job->folder = m_folder;
    m_run = job;
    setScanning(true);
    Q_EMIT resultChanged();
    // The vault's part first, on the session's worker: what the command
    // line reads with --as.
    run(
        [job](Vault& vault) {
            job->vault = std::make_unique<scan::VaultScan>(vault);
            if (Error e = job->vault->productionHosts(&job->hosts))
                return e;
            return job->vault->loadKnownSecrets();
        },
        [this, job](const Error& e) {
            if (job != m_run)
                return; // locked meanwhile
            if (e) {
                m_run.reset();
                setScanning(false);
                fail(tr("Nothing was scanned: %1").arg(e.message));
                return;
            }
            walk(job);
        },
        false);
}

void ScanBackend::walk(std::shared_ptr<Run> job)
{
    auto* watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, job] {
        watcher->deleteLater();
        finish(job);
    });
    m_progress.start();
    watcher->setFuture(QtConcurrent::run(&m_walker, [job] {
        scan::KnownSecretLookup lookup;
        QList<int> lengths;
        QList<int> wideLengths;
        if (job->vault->knowsSecrets()) {
            const scan::VaultScan* known = job->vault.get();
            lookup = [known](QByteArrayView candidate) { return known->lookup(candidate); };
            lengths = job->vault->lengths();
            wideLengths = job->vault->wideLengths();
        }
        const scan::LineScanner lines(job->hosts, lookup, lengths, job->vault->allText(), wideLengths,
                                      job->vault->wideAreLatin1());
        scan::Scanner scanner(lines);
        scanner.setProgress([&job](const scan::ScanSummary& summary) {
            job->files = summary.files;
            job->bytes = summary.bytes;
            return !job->cancelled;
        });
        job->error = scanner.scan(
            {job->folder},
            [&job](const scan::Finding& f) {
                if (!f.credentialId.isEmpty())
                    ++job->leaked[f.credentialId];
                job->findings.append(f);
            },
            &job->summary);
    }));
}

void ScanBackend::finish(std::shared_ptr<Run> job)
{
    m_progress.stop();
    if (job != m_run)
        return; // locked meanwhile: nothing shows
    if (job->error) {
        m_run.reset();
        setScanning(false);
        fail(tr("Nothing was scanned: %1").arg(job->error.message));
        return;
    }
    const scan::ScanSummary& summary = job->summary;
    m_files = summary.files;
    m_bytes = summary.bytes;
    const int found = int(job->findings.size());
    const QString files = tr("%n file(s)", "", int(summary.files));
    QString text;
    if (summary.stopped)
        text = tr("Cancelled after %1: %2 so far.").arg(files, tr("%n finding(s)", "", found));
    else if (found == 0 && summary.files == 0)
        // Nothing read is no clean bill: the folder held no text to look at.
        text = tr("The folder holds no text file to scan: nothing was looked at. Check that it is the folder you "
                  "meant.");
    else if (found == 0)
        text = tr("No production credentials found in %n file(s).", "", int(summary.files));
    else {
        // The files the findings are in, and apart from them how many were read.
        QSet<QString> holding;
        for (const scan::Finding& finding : std::as_const(job->findings))
            holding.insert(finding.file);
        text = tr("%1 in %2; %3 scanned.")
                   .arg(tr("%n finding(s)", "", found), tr("%n file(s)", "", int(holding.size())), files);
    }
    if (summary.unreadable > 0)
        text += QLatin1Char(' ') + tr("%n file(s) could not be read.", "", int(summary.unreadable));
    if (summary.allowed > 0)
        text += QLatin1Char(' ') + tr("%n left out by .onramp-scan-ignore.", "", int(summary.allowed));
    if (summary.gitDirs > 0)
        text += QLatin1Char(' ') + tr("%n git repository folder(s) (.git) not read.", "", int(summary.gitDirs));
    if (summary.searchedForKnown > 0)
        text += QLatin1Char(' ')
            + tr("%n ignored or binary file(s) searched for known production secrets only.", "",
                 int(summary.searchedForKnown));
    for (const QString& refused : summary.refusedAllowlists)
        text += QLatin1Char(' ') + hiddentext::shownPlainly(refused) + QLatin1Char('.');
    m_results = job->findings;
    m_findings.setFindings(m_results, job->folder);
    m_foundKnown = !job->leaked.isEmpty();
    m_stopped = summary.stopped;
    m_resultText = text;
    // Audited as the command line's scan is: the counts, and each credential
    // found, never an excerpt. The findings show once it is recorded.
    run([job](Vault& vault) { return scan::VaultScan(vault).record(job->summary, job->leaked); },
        [this, job](const Error& e) {
            if (job != m_run)
                return;
            m_run.reset();
            setScanning(false);
            if (e)
                m_errorText = tr("The scan was not recorded in the audit log: %1").arg(e.message);
            m_finished = true;
            Q_EMIT progressChanged();
            Q_EMIT resultChanged();
        },
        true);
}

void ScanBackend::cancel()
{
    if (m_run)
        m_run->cancelled = true;
}

void ScanBackend::clear()
{
    // Locked: a running scan stops and what it found, and where, is forgotten.
    if (m_run)
        m_run->cancelled = true;
    setFolder(QString());
    m_run.reset();
    m_progress.stop();
    setScanning(false);
    m_results.clear();
    m_findings.setFindings({}, {});
    m_finished = false;
    m_foundKnown = false;
    m_stopped = false;
    m_resultText.clear();
    m_errorText.clear();
    Q_EMIT resultChanged();
}

void ScanBackend::exportTo(const QUrl& file, const QString& format)
{
    if (format != QLatin1String("sarif") && format != QLatin1String("json")) {
        Q_EMIT error(tr("Choose sarif or json."));
        return;
    }
    const SavePath target = exportTarget(file, format);
    if (!target.error.isEmpty()) {
        Q_EMIT error(target.error);
        return;
    }
    // As `onramp scan --json`/`--sarif` without --include-known: a file for
    // CI logs never says which value is a production secret.
    QList<scan::Finding> shown;
    for (const scan::Finding& f : std::as_const(m_results))
        if (f.credentialId.isEmpty())
            shown.append(f);
    QByteArray content;
    if (format == QLatin1String("sarif")) {
        content = QJsonDocument(scan::sarif(shown)).toJson();
    } else {
        for (const scan::Finding& f : std::as_const(shown))
            content += QJsonDocument(scan::findingJson(f)).toJson(QJsonDocument::Compact) + '\n';
    }
    if (Error e = writePrivateFile(target.path, content, tr("the export file"))) {
        Q_EMIT error(e.message);
        return;
    }
    QString message = tr("Exported %n finding(s) to %1.", "", int(shown.size())).arg(target.path);
    if (shown.size() < m_results.size())
        message += QLatin1Char(' ') + tr("Known production secrets were left out.");
    Q_EMIT done(message);
}

QUrl ScanBackend::exportFileSuggestion(const QString& format) const
{
    const QDate today = defaultClock().now().toLocalTime().date();
    return exportFileUrl(QStringLiteral("onramp-scan-%1.%2").arg(today.toString(Qt::ISODate), format));
}

} // namespace onramp::ui
