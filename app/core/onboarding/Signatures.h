#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace onramp::signatures {

/// The bytes a mentor signs to approve or reject a step. Every field that
/// gives the record its meaning is covered, so a row edited in the database
/// (another step, another decision, another time) no longer verifies.
QByteArray stepReview(qint64 enrollmentId, const QString& hire, const QString& stepId, const QString& checklistId,
                      int checklistVersion, const QString& decision, const QDateTime& at);

/// The bytes a mentor signs for the final sign-off: the enrollment, the
/// checklist version and the digest of its stored content (records::digest),
/// the decision and the time (docs/SECURITY.md, "Authority").
QByteArray finalSignoff(qint64 enrollmentId, const QString& hire, const QString& checklistId, int checklistVersion,
                        const QByteArray& checklistDigest, const QString& decision, const QDateTime& at);

/// The bytes a person signs to add a note to a step's conversation: the
/// enrollment, the step, the author, the text and the time. The text is
/// length-prefixed, as it may hold newlines.
QByteArray stepNote(qint64 enrollmentId, const QString& hire, const QString& stepId, const QString& author,
                    const QString& body, const QDateTime& at);

/// ISO 8601 UTC with milliseconds: the one spelling of a time in signed data and rows.
QString timeText(const QDateTime& at);
QDateTime timeFromText(const QString& text);

} // namespace onramp::signatures
