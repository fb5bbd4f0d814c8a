#pragma once

#include "Error.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace onramp::csv {

/// One record of a CSV file: its fields and the line it starts on (1-based).
struct Record {
    int line = 0;
    QStringList fields;
};

/// Reads RFC 4180 CSV: fields separated by commas, quoted with '"' (a quoted
/// field may hold commas, line breaks and '""' for a quote), records ended by
/// CRLF or LF. The text must be UTF-8; a leading byte order mark is skipped.
/// Blank lines are skipped. InvalidInput naming \a fileName and the line
/// ("FILE:LINE: …") for bytes that are not UTF-8 or a quote out of place;
/// \a out is then left empty.
Error parse(QByteArrayView bytes, const QString& fileName, QList<Record>* out);

/// "FILE:LINE: \a message": how a problem at one line of a file is named.
QString at(const QString& fileName, int line, const QString& message);

} // namespace onramp::csv
