#pragma once

#include "ListModel.h"

#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"

#include <utility>

namespace onramp::ui {

/// Audit entries, newest first, as the audit page shows them: the time in
/// local time, the action in the app's words (its code kept beside them),
/// the details as readable "key: value" pairs, and for the entry's details
/// pane the signed records in words and the entry's place in the chain.
class AuditEntryModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AuditEntryModel comes from an AuditBackend")

public:
    enum Roles {
        SequenceRole = Qt::UserRole + 1, ///< the entry's sequence number
        AtRole, ///< UTC, ISO 8601
        AtTextRole, ///< local time, short
        ActorRole, ///< who acted
        ActionRole, ///< e.g. "step.done" (actionName: a button's `action` is taken)
        SubjectRole, ///< what was acted on
        DetailsRole, ///< "key: value · …", a step, credential or checklist as "Title (id)"
        DetailsJsonRole, ///< the details as stored, a JSON object
        ActionTextRole, ///< the action in the app's words, e.g. "Changes asked"
        DetailLinesRole, ///< the details, one "Name: value" a line, the signed records left out
        SignedRecordsRole, ///< the signed records the entry vouches for, in words, one a line
        HashRole, ///< the entry's hash, hex
        PreviousHashRole, ///< the hash of the entry before it in the chain, hex
        DetailFieldsRole, ///< the details as {name, value} maps, the names in words, empty ones left out
        SubjectTitleRole, ///< what was acted on as the app names it (a person's or step's title); empty when only its id is known
        VerifiedRole, ///< whether the chain vouches for the entry (AuditVerification::problemAt() is empty)
        ProblemRole, ///< why it does not ("no authority", "it follows entry 12"); empty when verified
        AtLinesRole, ///< AtTextRole on two lines, the date above the time (logTimeLines())
        /// The subject's id, shown under its title for those who search the logs; empty
        /// when there is no title, or for a scan, whose subject is who ran it
        SubjectIdRole,
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;

    /// Takes \a entries, newest first; \a titles: the title of a subject by its
    /// id (a person's display name by their name, a checklist's, step's or
    /// credential's title by its id); \a verified: the walk of the chain,
    /// whose verdict each entry carries. An entry the chain does not vouch
    /// for is never shown in the words of what it claims ("Signed off for
    /// production"): its action text says it is not verified.
    /// \a referenced: entries the shown ones name (the commit an entry
    /// completes) that a filter left out, so that they are named all the same.
    void setEntries(const QList<AuditEntry>& entries, const QHash<QString, QString>& titles = {},
                    const AuditVerification& verified = {}, const QList<AuditEntry>& referenced = {});
    /// The row of the entry with \a sequence; -1 when it is not in the list.
    Q_INVOKABLE int rowOfSequence(qint64 sequence) const;

    /// {"role":"mentor","person_id":3} -> "Person number: 3 · Role: mentor":
    /// the names in words, dates in the app's style, empty values left out.
    /// A scan's sealed findings are worded as such only where \a scanRun.
    static QString readableDetails(const QString& json, bool scanRun = true);
    /// A key of an entry's details in words, translated: "checklist_version"
    /// -> "Checklist version"; a key it does not know reads as its words.
    static QString detailName(const QString& key);
    /// What the detail under \a key is for, translated, where its value does
    /// not say so itself (a key, a seal, a digest); empty for the others.
    static QString detailHelp(const QString& key);
    /// A value the core writes as a code under \a key, in words, translated:
    /// "first_passphrase" "handed_over_random" -> "made at random and handed
    /// over; replaced at the first sign-in". Empty when \a key holds no such
    /// codes or \a code is not one of them.
    static QString detailValueText(const QString& key, const QString& code);
    /// Every {key, code} detailValueText() words, for the tests.
    static QList<std::pair<QString, QString>> codedDetailValues();
    /// The details of \a json as {name, value, help} maps for the entry's dialog
    /// as readableDetails() words them, the signed records left out.
    static QVariantList detailFieldList(const QString& json, bool scanRun = true);
    /// An action in the app's words, translated: "step.reject" -> "Changes
    /// asked". The one table of them; an action it does not know stays as its code.
    static QString actionText(const QString& action);
    /// Every action actionText() words, for the action filter's tests.
    static QStringList knownActions();
    /// The signed records of \a json's "records", in words: "Step review 4 (digest 1a2b3c…)".
    static QStringList signedRecords(const QString& json);

protected:
    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;

private:
    struct Row {
        AuditEntry entry;
        QString atText;
        QString atLines; ///< atText, the date above the time
        QString details;
        QString actionText;
        QString subjectTitle;
        QString shownDetails; ///< the details as shown: ids of steps, credentials and checklists with their titles
        QString problem; ///< why the chain does not vouch for it; empty when it does
    };
    QList<Row> m_rows;
};

} // namespace onramp::ui
