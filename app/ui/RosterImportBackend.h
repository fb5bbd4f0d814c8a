#pragma once

#include "VaultBackend.h"

#include <QStringList>
#include <QUrl>

namespace onramp::ui {

/// Admin › People › Import…: imports a CSV roster (RosterImport) and keeps
/// what the dialog shows of the outcome: a summary, or every bad row.
class RosterImportBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    /// An import is running.
    Q_PROPERTY(bool running READ isRunning NOTIFY outcomeChanged FINAL)
    /// What the last import did, in a sentence or two; empty after a failure.
    Q_PROPERTY(QString summary READ summary NOTIFY outcomeChanged FINAL)
    /// Why the last import added nothing: one line per bad row ("FILE:LINE: …").
    Q_PROPERTY(QStringList problems READ problems NOTIFY outcomeChanged FINAL)
    /// What the problems are about: the file's rows, or the vault itself.
    Q_PROPERTY(QString problemsHeading READ problemsHeading NOTIFY outcomeChanged FINAL)
    /// problems, one a line.
    Q_PROPERTY(QString problemText READ problemText NOTIFY outcomeChanged FINAL)

public:
    explicit RosterImportBackend(QObject* parent = nullptr);

    bool isRunning() const { return m_running; }
    QString summary() const { return m_summary; }
    QStringList problems() const { return m_problems; }
    QString problemText() const { return m_problems.join(QLatin1Char('\n')); }
    QString problemsHeading() const { return m_problemsHeading; }

    /// Imports \a csvFile; \a passphraseFolder receives each new person's
    /// first passphrase (empty: the file names a passphrase file per row).
    /// Each may be a path or a file: URL.
    Q_INVOKABLE void importRoster(const QString& csvFile, const QString& passphraseFolder);
    /// Forgets the last outcome (the dialog opens afresh).
    Q_INVOKABLE void clearOutcome();
    /// A path for a file: URL a file dialog chose, else \a text as it is.
    Q_INVOKABLE static QString localPath(const QString& text);

Q_SIGNALS:
    void outcomeChanged();

private:
    bool m_running = false;
    QString m_summary;
    QStringList m_problems;
    QString m_problemsHeading;
};

} // namespace onramp::ui
