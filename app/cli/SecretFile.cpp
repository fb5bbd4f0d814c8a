#include "SecretFile.h"

#include "Command.h"

#include <QFile>

namespace onramp::cli {

Error secretFromFile(Context& c, SecureBytes* secret)
{
    if (!c.has(QStringLiteral("secret-file")))
        return {ErrorKind::Usage,
                Tr::tr("'cred set' needs --secret-file FILE (the secret is never a command-line argument)")};
    return secretFromFile(c.option(QStringLiteral("secret-file")), secret);
}

Error secretFromFile(const QString& path, SecureBytes* secret, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {ErrorKind::InvalidInput, Tr::tr("cannot read %1: %2").arg(file.fileName(), file.errorString())};
    QByteArray bytes = maxBytes < 0 ? file.readAll() : file.read(maxBytes);
    qsizetype length = bytes.size();
    if (length > 0 && bytes.at(length - 1) == '\n')
        --length;
    if (length > 0 && bytes.at(length - 1) == '\r')
        --length;
    *secret = SecureBytes::copyOf(QByteArrayView(bytes.constData(), length));
    wipe(bytes);
    if (secret->isEmpty())
        return {ErrorKind::InvalidInput, Tr::tr("%1 is empty").arg(file.fileName())};
    return {};
}

} // namespace onramp::cli
