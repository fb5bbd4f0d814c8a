#pragma once

#include "ScanFindingModel.h"
#include "VaultBackend.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace onramp::ui {

/// Admin › Scan: `onramp scan` over one folder, with the same core
/// (app/core/scan) and the same rules. The vault is read on the session's
/// worker (production hosts, the keyed hashes of the production secrets);
/// the folder is walked on a thread of its own, so the vault stays free
/// meanwhile, and cancel() stops the walk within one 64 KiB block. The run
/// is audited as `scan.run` (counts only) and each credential found as
/// `credential.leaked`. Exports leave known production secrets out, as
/// `onramp scan --json`/`--sarif` do.
class ScanBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    /// The folder to scan, a local path.
    Q_PROPERTY(QString folder READ folder WRITE setFolder NOTIFY folderChanged FINAL)
    Q_PROPERTY(onramp::ui::ScanFindingModel* findings READ findings CONSTANT FINAL)
    /// A scan is running (reading the vault, walking the folder or recording it).
    Q_PROPERTY(bool scanning READ isScanning NOTIFY scanningChanged FINAL)
    /// While scanning: "Scanned 12 files (1.2 MB)…".
    Q_PROPERTY(QString progressText READ progressText NOTIFY progressChanged FINAL)
    /// Files and bytes read so far (while scanning), or by the last scan.
    Q_PROPERTY(qint64 filesDone READ filesDone NOTIFY progressChanged FINAL)
    Q_PROPERTY(qint64 bytesDone READ bytesDone NOTIFY progressChanged FINAL)
    /// The last scan was cancelled before its end.
    Q_PROPERTY(bool stopped READ isStopped NOTIFY resultChanged FINAL)
    /// A scan finished (or was cancelled) and its result shows.
    Q_PROPERTY(bool finished READ isFinished NOTIFY resultChanged FINAL)
    /// Finished, and the folder held no text file: nothing was looked at.
    Q_PROPERTY(bool nothingScanned READ nothingScanned NOTIFY resultChanged FINAL)
    /// The outcome in one sentence: how many files, how many findings, or
    /// "No production credentials found in N files"; that a folder held
    /// nothing to scan; what was cancelled.
    Q_PROPERTY(QString resultText READ resultText NOTIFY resultChanged FINAL)
    /// Why the last scan did not run, in words; empty when it did.
    Q_PROPERTY(QString errorText READ errorText NOTIFY resultChanged FINAL)
    /// The last scan found known production secrets (exports leave them out).
    Q_PROPERTY(bool foundKnown READ foundKnown NOTIFY resultChanged FINAL)
    /// What to do with the last scan's findings, a sentence for each kind it
    /// found: a secret written down, and a production host, which is no
    /// secret but leads a newcomer to production. Empty without findings;
    /// known production secrets have their own note.
    Q_PROPERTY(QString advice READ advice NOTIFY resultChanged FINAL)

public:
    explicit ScanBackend(QObject* parent = nullptr);
    ~ScanBackend() override;

    QString folder() const { return m_folder; }
    void setFolder(const QString& folder);
    ScanFindingModel* findings() { return &m_findings; }
    bool isScanning() const { return m_scanning; }
    QString progressText() const;
    qint64 filesDone() const { return m_files; }
    qint64 bytesDone() const { return m_bytes; }
    bool isStopped() const { return m_stopped; }
    bool nothingScanned() const { return m_finished && !m_stopped && m_files == 0; }
    bool isFinished() const { return m_finished; }
    QString resultText() const { return m_resultText; }
    QString errorText() const { return m_errorText; }
    bool foundKnown() const { return m_foundKnown; }
    QString advice() const;

    /// Sets the folder a FolderDialog chose.
    Q_INVOKABLE void chooseFolder(const QUrl& folder);
    /// The folder a FolderDialog opens at: the chosen one, else the person's documents.
    Q_INVOKABLE QUrl dialogFolder() const;
    /// Scans folder().
    Q_INVOKABLE void start();
    /// Stops a running scan; what it found so far shows.
    Q_INVOKABLE void cancel();
    /// Writes the findings, known production secrets left out, to \a file:
    /// \a format "sarif" (SARIF 2.1.0) or "json" (one object a line).
    Q_INVOKABLE void exportTo(const QUrl& file, const QString& format);
    /// A file name for the export in \a format, in the export folder.
    Q_INVOKABLE QUrl exportFileSuggestion(const QString& format) const;

Q_SIGNALS:
    void folderChanged();
    void scanningChanged();
    void progressChanged();
    void resultChanged();

protected:
    void clear() override;

private:
    struct Run;
    void walk(std::shared_ptr<Run> run);
    void finish(std::shared_ptr<Run> run);
    void setScanning(bool scanning);
    void fail(const QString& message);

    QString m_folder;
    ScanFindingModel m_findings;
    QList<scan::Finding> m_results; ///< the last scan's, for the exports
    std::shared_ptr<Run> m_run; ///< the scan running, if any
    QThreadPool m_walker; ///< one thread: the walk of the folder
    QTimer m_progress; ///< reads the walk's counters while it runs
    bool m_scanning = false;
    bool m_finished = false;
    bool m_foundKnown = false;
    bool m_stopped = false;
    QString m_resultText;
    QString m_errorText;
    qint64 m_files = 0;
    qint64 m_bytes = 0;
};

} // namespace onramp::ui
