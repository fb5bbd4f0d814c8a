#include "Signatures.h"

#include <QStringList>

namespace onramp::signatures {

namespace {

// Fields are joined with newlines after rejecting none: ids and names are
// slugs (no newlines), and the decision and time come from the program, so
// the encoding is unambiguous.
QByteArray join(const QStringList& fields)
{
    return fields.join(QLatin1Char('\n')).toUtf8();
}

} // namespace

QString timeText(const QDateTime& at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFromText(const QString& text)
{
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    return at.isValid() ? at.toUTC() : at;
}

QByteArray stepReview(qint64 enrollmentId, const QString& hire, const QString& stepId, const QString& checklistId,
                      int checklistVersion, const QString& decision, const QDateTime& at)
{
    return join({QStringLiteral("onramp-step-review-v1"), QString::number(enrollmentId), hire, stepId, checklistId,
                 QString::number(checklistVersion), decision, timeText(at)});
}

QByteArray finalSignoff(qint64 enrollmentId, const QString& hire, const QString& checklistId, int checklistVersion,
                        const QByteArray& checklistDigest, const QString& decision, const QDateTime& at)
{
    return join({QStringLiteral("onramp-signoff-v2"), QString::number(enrollmentId), hire, checklistId,
                 QString::number(checklistVersion), QString::fromLatin1(checklistDigest.toBase64()), decision,
                 timeText(at)});
}

QByteArray stepNote(qint64 enrollmentId, const QString& hire, const QString& stepId, const QString& author,
                    const QString& body, const QDateTime& at)
{
    const QByteArray text = body.toUtf8();
    return join({QStringLiteral("onramp-step-note-v1"), QString::number(enrollmentId), hire, stepId, author,
                 timeText(at), QString::number(text.size())})
        + '\n' + text;
}

} // namespace onramp::signatures
