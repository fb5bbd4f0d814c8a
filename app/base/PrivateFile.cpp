#include "PrivateFile.h"

#include "IoFaults.h"

#include <sodium.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>

namespace onramp {

namespace {

Error failure(const QString& what, const QString& path, int error)
{
    return Error(ErrorKind::Io, Tr::tr("cannot write %1 %2: %3").arg(what, path, io::describe(error)));
}

} // namespace

Error writePrivateFile(const QString& path, QByteArrayView bytes, const QString& what)
{
    const QFileInfo info(path);
    // The rename replaces whatever node the path names: only a regular file
    // may be replaced, never a device (/dev/null), a FIFO or a folder. A link
    // is refused, never followed: in a folder someone else can write (a
    // vault's), a link planted between a read and this write must not carry
    // the write to another file. rename() itself replaces a link, never what
    // it names, so a link that appears after this check is replaced, too.
    struct stat existing;
    if (::lstat(QFile::encodeName(info.absoluteFilePath()).constData(), &existing) == 0) {
        if (S_ISLNK(existing.st_mode))
            return Error(
                ErrorKind::Io,
                Tr::tr("cannot write %1 %2: it is a symbolic link; give the path of the file itself").arg(what, path));
        if (!S_ISREG(existing.st_mode))
            return Error(ErrorKind::Io, Tr::tr("cannot write %1 %2: it is not a regular file").arg(what, path));
    }
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    const QByteArray folder = QFile::encodeName(info.absolutePath());
    QByteArray temporary;
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 8; ++attempt) {
        temporary = target + ".new-" + QByteArray::number(randombytes_uniform(1u << 30), 36);
        fd = io::open(temporary.constData(), O_WRONLY | O_CREAT | O_EXCL, S_IRUSR | S_IWUSR);
        if (fd < 0 && errno != EEXIST)
            return failure(what, path, errno);
    }
    if (fd < 0)
        return failure(what, path, EEXIST);
    int error = 0;
    if (io::writeAll(fd, bytes.data(), size_t(bytes.size())) < 0 || io::fsync(fd) != 0)
        error = errno;
    io::close(fd);
    if (!error && io::rename(temporary.constData(), target.constData()) != 0)
        error = errno;
    if (error) {
        ::unlink(temporary.constData());
        return failure(what, path, error);
    }
    // The rename is the commit; it is durable once the folder is.
    if (io::syncDirectory(folder.constData()) != 0)
        return failure(what, path, errno);
    return {};
}

Error makePrivateFolder(const QString& dir, const QString& what)
{
    const QString absolute = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    if (QFileInfo(absolute).isDir())
        return {};
    const QString parent = QFileInfo(absolute).absolutePath();
    if (parent != absolute)
        if (Error e = makePrivateFolder(parent, what))
            return e;
    // Parents the user's umask shapes, as mkdir -p makes them; the folder itself owner-only.
    const QByteArray name = QFile::encodeName(absolute);
    const bool last = QFileInfo(dir).absoluteFilePath() == QFileInfo(absolute).absoluteFilePath();
    if (io::mkdir(name.constData(), last ? S_IRWXU : ACCESSPERMS) != 0 && errno != EEXIST)
        return Error(ErrorKind::Io, Tr::tr("cannot create %1 %2: %3").arg(what, dir, io::describe(errno)));
    if (io::syncDirectory(QFile::encodeName(parent).constData()) != 0)
        return Error(ErrorKind::Io, Tr::tr("cannot create %1 %2: %3").arg(what, dir, io::describe(errno)));
    return {};
}

} // namespace onramp
