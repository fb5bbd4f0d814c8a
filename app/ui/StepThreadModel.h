#pragma once

#include "ListModel.h"

#include "onboarding/StepThread.h"

namespace onramp::ui {

/// \a text (plain, as a person typed it) as rich text that shows it
/// verbatim: every character escaped, line breaks kept, and http(s) URLs
/// made links. Nothing in \a text can add markup of its own.
QString linkifiedText(const QString& text);

/// The conversation on one step, oldest first, for the step page.
class StepThreadModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("StepThreadModel comes from an EnrollmentBackend")

public:
    enum Roles {
        AuthorRole = Qt::UserRole + 1, ///< the author's name for people
        AuthorRoleRole, ///< "hire", "mentor" or "" for someone else
        KindRole, ///< "note", "approved", "sent-back" or "moved"
        TextRole, ///< the plain text as written
        HtmlRole, ///< the text escaped, with links (linkifiedText)
        AtRole, ///< when, for people
        VerifiedRole, ///< the author's signature verifies
        HeadingRole, ///< who and what, for people: "Maya Mentor asked for changes"
        LinksRole, ///< the text's links, in order (stepLinks())
    };
    Q_ENUM(Roles)

    using ListModel::ListModel;

    QHash<int, QByteArray> roleNames() const override;
    /// The entries, read by the hire (\a readerIsHire) or by someone else
    /// about the hire \a hire (their name for people): a move is said to
    /// whoever reads it ("moved you", "moved Alex Newhire").
    void setEntries(const QList<ThreadEntry>& entries, bool readerIsHire = false, const QString& hire = {});

private:
    int size() const override { return int(m_entries.size()); }
    QVariant value(int row, int role) const override;
    QList<ThreadEntry> m_entries;
    bool m_readerIsHire = false;
    QString m_hire;
};

} // namespace onramp::ui
