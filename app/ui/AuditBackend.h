#pragma once

#include "AuditEntryModel.h"
#include "VaultBackend.h"

#include <QStringList>
#include <QUrl>
#include <QVariantList>

namespace onramp::ui {

/// The audit page: the entries the signed-in person may see (an admin
/// everyone's, anyone else their own, as `onramp audit log`), filtered by
/// person (who acted or whom it was about), action and day; the chain's verification; the admin's export.
/// Everything runs on the session's worker thread.
class AuditBackend : public onramp::ui::VaultBackend
{
    Q_OBJECT
    QML_ELEMENT
    /// The entries, newest first.
    Q_PROPERTY(onramp::ui::AuditEntryModel* entries READ entries CONSTANT FINAL)
    /// True when more entries match than the page shows (the newest maxEntries).
    Q_PROPERTY(bool truncated READ isTruncated NOTIFY entriesChanged FINAL)
    Q_PROPERTY(int maxEntries READ maxEntries CONSTANT FINAL)
    /// The actions that occur in the visible entries, for the action filter.
    Q_PROPERTY(QStringList actions READ actions NOTIFY entriesChanged FINAL)
    /// The same for the action filter's list: {value: the code, text: the
    /// app's words, as the entries show them}, in the order of the words.
    Q_PROPERTY(QVariantList actionChoices READ actionChoices NOTIFY entriesChanged FINAL)
    /// Filters; empty matches everything. They apply at the next reload().
    /// A person's name: the entries they made and those about them (the subject).
    Q_PROPERTY(QString person READ person WRITE setPerson NOTIFY filterChanged FINAL)
    Q_PROPERTY(QString action READ action WRITE setAction NOTIFY filterChanged FINAL)
    /// Text the shown entries' action, subject or details hold (any case); empty for all.
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY filterChanged FINAL)
    /// A day, YYYY-MM-DD (UTC): entries on or after it.
    Q_PROPERTY(QString since READ since WRITE setSince NOTIFY filterChanged FINAL)
    /// Empty until verify() has run; then what it found.
    Q_PROPERTY(QString verifyResult READ verifyResult NOTIFY verifiedChanged FINAL)
    Q_PROPERTY(bool verified READ isVerified NOTIFY verifiedChanged FINAL)
    /// The first bad entry's sequence number after a failed verify(); 0 otherwise.
    Q_PROPERTY(int badSequence READ badSequence NOTIFY verifiedChanged FINAL)
    Q_PROPERTY(bool verifying READ isVerifying NOTIFY verifyingChanged FINAL)

public:
    explicit AuditBackend(QObject* parent = nullptr);

    static constexpr int kMaxEntries = 2000;

    AuditEntryModel* entries() { return &m_entries; }
    bool isTruncated() const { return m_truncated; }
    int maxEntries() const { return kMaxEntries; }
    QStringList actions() const { return m_actions; }
    QVariantList actionChoices() const;
    QString person() const { return m_person; }
    void setPerson(const QString& person);
    QString action() const { return m_action; }
    void setAction(const QString& action);
    QString search() const { return m_search; }
    void setSearch(const QString& search);
    QString since() const { return m_since; }
    void setSince(const QString& since);
    QString verifyResult() const { return m_verifyResult; }
    bool isVerified() const { return m_verified; }
    int badSequence() const { return int(m_badSequence); }
    bool isVerifying() const { return m_verifying; }

    /// Walks the whole chain; sets verified, verifyResult and badSequence.
    Q_INVOKABLE void verify();
    /// Why \a text cannot be the since filter, naming it; empty for a
    /// YYYY-MM-DD day or an empty text.
    Q_INVOKABLE QString sinceProblem(const QString& text) const;
    /// Admin only: writes the whole log to \a file as "jsonl" or "csv",
    /// atomically and readable by the owner only; done() or error().
    Q_INVOKABLE void exportTo(const QUrl& file, const QString& format);
    /// The file the export's save dialog suggests for \a format ("jsonl",
    /// "csv"): "onramp-audit-YYYY-MM-DD" in the documents folder when it
    /// exists, else in the home folder.
    Q_INVOKABLE QUrl exportFileSuggestion(const QString& format) const;

Q_SIGNALS:
    void entriesChanged();
    void filterChanged();
    void verifiedChanged();
    void verifyingChanged();

protected:
    /// Loads the entries matching the filters; an invalid date is an error().
    void read() override;
    void clear() override;

private:
    void forgetVerification();
    /// The titles the app shows for the log's subjects, by id: people's
    /// display names, the latest checklists' and their steps' and
    /// credentials' titles. What cannot be read is left out: an entry then
    /// shows its subject's id alone.
    static void subjectTitles(Vault& vault, QHash<QString, QString>* out);

    AuditEntryModel m_entries;
    QStringList m_actions;
    bool m_truncated = false;
    QString m_person;
    QString m_action;
    QString m_search;
    QString m_since;
    QString m_verifyResult;
    bool m_verified = false;
    qint64 m_badSequence = 0;
    bool m_verifying = false;
};

} // namespace onramp::ui
