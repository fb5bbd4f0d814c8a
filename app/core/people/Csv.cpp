#include "people/Csv.h"

#include "Utf8.h"

namespace onramp::csv {

QString at(const QString& fileName, int line, const QString& message)
{
    return QStringLiteral("%1:%2: %3").arg(fileName).arg(line).arg(message);
}

Error parse(QByteArrayView bytes, const QString& fileName, QList<Record>* out)
{
    out->clear();
    qsizetype i = 0;
    if (bytes.startsWith(QByteArrayView("\xEF\xBB\xBF")))
        i = 3;
    // Checked whole first, so that a field never splits a character.
    int line = 1;
    for (qsizetype j = i; j < bytes.size();) {
        const int length = utf8::sequenceLength(bytes, j);
        if (length == 0)
            return Error(ErrorKind::InvalidInput, at(fileName, line, Tr::tr("the file is not UTF-8 text")));
        if (bytes[j] == '\n')
            ++line;
        j += length;
    }

    QList<Record> records;
    Record record{1, {}};
    QByteArray field;
    bool quoted = false; // the field began with a quote
    bool inQuotes = false; // inside the quotes now
    bool fieldStarted = false;
    bool recordQuoted = false; // a quoted field, even an empty one, makes a line no blank one
    line = 1;
    const auto endField = [&] {
        record.fields.append(QString::fromUtf8(field));
        field.clear();
        quoted = false;
        fieldStarted = false;
    };
    const auto endRecord = [&] {
        const bool blank = record.fields.size() == 1 && record.fields.first().isEmpty() && !recordQuoted;
        if (!blank)
            records.append(record);
        record = Record{line, {}};
        recordQuoted = false;
    };
    for (; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (inQuotes) {
            if (c == '"') {
                if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
                    field.append('"');
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (c == ',') {
            endField();
            continue;
        }
        if (c == '\n' || (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n')) {
            if (c == '\r')
                ++i;
            endField();
            ++line;
            endRecord();
            continue;
        }
        if (c == '"') {
            if (fieldStarted)
                return Error(ErrorKind::InvalidInput,
                             at(fileName, line,
                                quoted ? Tr::tr("a quoted field goes on after its closing quote; "
                                                "write a quote inside quotes as \"\"")
                                       : Tr::tr("a quote inside a field that does not start with one; "
                                                "quote the whole field and write the quote as \"\"")));
            quoted = true;
            recordQuoted = true;
            inQuotes = true;
            fieldStarted = true;
            continue;
        }
        if (quoted)
            return Error(ErrorKind::InvalidInput,
                         at(fileName, line,
                            Tr::tr("a quoted field goes on after its closing quote; "
                                   "write a quote inside quotes as \"\"")));
        field.append(c);
        fieldStarted = true;
    }
    if (inQuotes)
        return Error(ErrorKind::InvalidInput,
                     at(fileName, record.line, Tr::tr("a quoted field is never closed: a quote is missing")));
    if (fieldStarted || !record.fields.isEmpty() || recordQuoted) {
        endField();
        endRecord();
    }
    *out = records;
    return {};
}

} // namespace onramp::csv
