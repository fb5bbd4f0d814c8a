#include "PrivateFile.h"

#include <QCoreApplication>
#include <QSaveFile>

namespace onramp {

Error writePrivateFile(const QString& path, QByteArrayView bytes, const QString& what)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(ErrorKind::Io, Tr::tr("cannot write %1 %2: %3").arg(what, path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes.data(), bytes.size()) != bytes.size() || !file.commit())
        return Error(ErrorKind::Io, Tr::tr("cannot write %1 %2: %3").arg(what, path, file.errorString()));
    return {};
}

} // namespace onramp
