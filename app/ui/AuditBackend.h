#pragma once

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// The audit page: the entries the signed-in person may see (an admin
/// everyone's, anyone else their own, as `onramp audit log`), filtered by
/// actor, action and day; the chain's verification; the admin's export.
/// Everything runs on the session's worker thread.
class AuditBackend : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    /// [{seq, at (UTC, ISO 8601), atText (local, short), actor, action, subject,
    ///   details (readable "key: value · …"), detailsJson}], newest first
    Q_PROPERTY(QVariantList entries READ entries NOTIFY entriesChanged)
    /// True when more entries match than the page shows (the newest maxEntries).
    Q_PROPERTY(bool truncated READ isTruncated NOTIFY entriesChanged)
    Q_PROPERTY(int maxEntries READ maxEntries CONSTANT)
    /// The actions that occur in the visible entries, for the action filter.
    Q_PROPERTY(QStringList actions READ actions NOTIFY entriesChanged)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    /// Filters; empty matches everything. They apply at the next reload().
    Q_PROPERTY(QString actor READ actor WRITE setActor NOTIFY filterChanged)
    Q_PROPERTY(QString action READ action WRITE setAction NOTIFY filterChanged)
    /// A day, YYYY-MM-DD (UTC): entries on or after it.
    Q_PROPERTY(QString since READ since WRITE setSince NOTIFY filterChanged)
    /// Empty until verify() has run; then what it found.
    Q_PROPERTY(QString verifyResult READ verifyResult NOTIFY verifiedChanged)
    Q_PROPERTY(bool verified READ isVerified NOTIFY verifiedChanged)
    /// The first bad entry's sequence number after a failed verify(); 0 otherwise.
    Q_PROPERTY(int badSequence READ badSequence NOTIFY verifiedChanged)
    Q_PROPERTY(bool verifying READ isVerifying NOTIFY verifyingChanged)

public:
    explicit AuditBackend(QObject* parent = nullptr);

    static constexpr int kMaxEntries = 2000;

    QVariantList entries() const { return m_entries; }
    bool isTruncated() const { return m_truncated; }
    int maxEntries() const { return kMaxEntries; }
    QStringList actions() const { return m_actions; }
    bool isLoading() const { return m_loading; }
    QString actor() const { return m_actor; }
    void setActor(const QString& actor);
    QString action() const { return m_action; }
    void setAction(const QString& action);
    QString since() const { return m_since; }
    void setSince(const QString& since);
    QString verifyResult() const { return m_verifyResult; }
    bool isVerified() const { return m_verified; }
    int badSequence() const { return int(m_badSequence); }
    bool isVerifying() const { return m_verifying; }

    /// Loads the entries matching the filters; an invalid date is an error().
    Q_INVOKABLE void reload();
    /// Walks the whole chain; sets verified, verifyResult and badSequence.
    Q_INVOKABLE void verify();
    /// Admin only: writes the whole log to \a file as "jsonl" or "csv",
    /// atomically and readable by the owner only; done() or error().
    Q_INVOKABLE void exportTo(const QUrl& file, const QString& format);

Q_SIGNALS:
    void entriesChanged();
    void loadingChanged();
    void filterChanged();
    void verifiedChanged();
    void verifyingChanged();
    void done(const QString& message);
    void error(const QString& message);

private:
    void setLoading(bool loading);
    void clear();

    QVariantList m_entries;
    QStringList m_actions;
    bool m_truncated = false;
    bool m_loading = false;
    int m_generation = 0;
    QString m_actor;
    QString m_action;
    QString m_since;
    QString m_verifyResult;
    bool m_verified = false;
    qint64 m_badSequence = 0;
    bool m_verifying = false;
};

} // namespace onramp::ui
