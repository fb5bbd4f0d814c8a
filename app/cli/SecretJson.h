#pragma once

#include "SecureBytes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace onramp::cli {

/// \a secret as the body of a JSON string (RFC 8259: '"', '\\' and control
/// characters escaped), built in secure memory; nullopt when \a secret is not
/// UTF-8, which a JSON string cannot carry unchanged.
std::optional<SecureBytes> jsonStringBody(const SecureBytes& secret);

/// The text around a string spliced into an object's JSON as its last
/// member, so that the string never becomes a QString or a QJsonValue.
struct JsonSplice {
    QByteArray before; ///< the object, indented, up to the opening quote of the member's value
    QByteArray after; ///< the closing quote and the end of the object
};

/// The splice for \a object with a last member \a name (a plain name, not
/// already in \a object); the member's value goes between before and after
/// as jsonStringBody() gives it.
JsonSplice lastMemberSplice(const QJsonObject& object, const QString& name);

} // namespace onramp::cli
