#include "people/PassphraseFile.h"

#include "vault/Vault.h"

#include <QCoreApplication>
#include <QFile>

namespace onramp {

namespace {

std::optional<SecureBytes> unreadable(const QString& path, const QFile& file, Error* error)
{
    *error = Error(
        ErrorKind::InvalidInput,
        QCoreApplication::translate("onramp", "cannot read passphrase file %1: %2").arg(path, file.errorString()));
    return std::nullopt;
}

std::optional<SecureBytes> readOpened(QFile& file, const QString& path, Error* error)
{
    const auto cannotRead = [&](const QFile& opened) { return unreadable(path, opened, error); };
    // Room for the limit, a "\r\n" and one byte more, which tells "too long".
    SecureBytes buffer(std::size_t(Vault::kMaxPassphraseBytes) + 3);
    qsizetype total = 0;
    while (total < qsizetype(buffer.size())) {
        const qint64 n = file.read(reinterpret_cast<char*>(buffer.data()) + total, qsizetype(buffer.size()) - total);
        if (n < 0)
            return cannotRead(file);
        if (n == 0)
            break;
        total += qsizetype(n);
    }
    qsizetype length = total;
    if (length > 0 && buffer.data()[length - 1] == '\n')
        --length;
    if (length > 0 && buffer.data()[length - 1] == '\r')
        --length;
    if (length > Vault::kMaxPassphraseBytes) {
        *error = Error(
            ErrorKind::InvalidInput,
            QCoreApplication::translate("onramp", "%1 is longer than %2 bytes, the longest passphrase Onramp accepts")
                .arg(QCoreApplication::translate("onramp", "passphrase file %1").arg(path))
                .arg(Vault::kMaxPassphraseBytes));
        return std::nullopt;
    }
    SecureBytes secret = SecureBytes::copyOf(QByteArrayView(buffer.constChar(), length));
    if (secret.isEmpty()) {
        *error = Error(ErrorKind::InvalidInput,
                       QCoreApplication::translate("onramp", "passphrase file %1 is empty").arg(path));
        return std::nullopt;
    }
    return secret;
}

} // namespace

std::optional<SecureBytes> readPassphraseFile(const QString& path, Error* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return unreadable(path, file, error);
    return readOpened(file, path, error);
}

std::optional<SecureBytes> readPassphraseFile(int fd, const QString& path, Error* error)
{
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly | QIODevice::Unbuffered, QFileDevice::DontCloseHandle))
        return unreadable(path, file, error);
    return readOpened(file, path, error);
}

} // namespace onramp
