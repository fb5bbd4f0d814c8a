#include "IoFaults.h"

#include <sqlite3.h>

#include <QByteArray>
#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace onramp::io {

namespace {

enum class Call { Write, Fsync, Rename, Truncate, Unlink };

#ifdef ONRAMP_NO_TEST_SWITCHES

// The packaged release: the plain calls, nothing counted, no VFS.
int enter(Call, const char*, const char* = nullptr)
{
    return 0;
}
void noteCreate(const char*) {}
void noteFileClosed(int) {}
void noteFileOpened(int, const char*) {}
const char* pathOf(int)
{
    return "";
}

#else

const char* callName(Call call)
{
    switch (call) {
    case Call::Write:
        return "write";
    case Call::Fsync:
        return "fsync";
    case Call::Rename:
        return "rename";
    case Call::Truncate:
        return "ftruncate";
    case Call::Unlink:
        return "unlink";
    }
    return "?";
}

std::optional<QByteArray> readRaw(const std::string& path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    QByteArray bytes;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        bytes.append(buffer, n);
    }
    ::close(fd);
    return bytes;
}

void writeRaw(const std::string& path, const QByteArray& bytes)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    for (qsizetype done = 0; done < bytes.size();) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += n;
    }
    ::close(fd);
}

std::string absolute(const char* path)
{
    return QFile::encodeName(QDir::cleanPath(QFileInfo(QFile::decodeName(path)).absoluteFilePath())).toStdString();
}

std::pair<std::string, std::string> split(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return {".", path};
    return {slash == 0 ? std::string("/") : path.substr(0, slash), path.substr(slash + 1)};
}

/// Counts the calls, fires the configured fault, and keeps the model of what
/// is durable: the bytes each file had at its last fsync, and the entries each
/// folder had at its last fsync.
class Seam
{
public:
    enum class Mode { Off, Count, Eio, Enospc, Kill, PowerLoss };

    // Never destroyed: its exit handler (registered while it is built, so
    // run after a static's destructor would be) and any write a late
    // destructor makes must still find the model whole.
    static Seam& instance()
    {
        static Seam* const seam = new Seam;
        return *seam;
    }

    bool active() const { return m_mode != Mode::Off; }

    int enter(Call call, const char* path, const char* path2)
    {
        if (!active())
            return 0;
        std::lock_guard guard(m_mutex);
        ++m_calls;
        const std::string target = absolute(path);
        if (m_calls == m_at) {
            m_fired = true;
            std::fprintf(stderr, "onramp-test-fault: %s at call %lld: %s %s\n", modeName(), m_calls, callName(call),
                         target.c_str());
            std::fflush(stderr);
            switch (m_mode) {
            case Mode::Eio:
                return EIO;
            case Mode::Enospc:
                m_full = true;
                return ENOSPC;
            case Mode::Kill:
                std::raise(SIGKILL);
                break;
            case Mode::PowerLoss:
                powerLoss();
                std::raise(SIGKILL);
                break;
            case Mode::Off:
            case Mode::Count:
                break;
            }
        }
        if (m_full && (call == Call::Write || call == Call::Truncate))
            return ENOSPC;
        switch (call) {
        case Call::Write:
        case Call::Truncate:
            if (!m_dirty.count(target))
                m_dirty[target] = readRaw(target).value_or(QByteArray());
            break;
        case Call::Fsync:
            m_dirty.erase(target);
            m_names.erase(target); // a folder's sync makes its entries durable
            break;
        case Call::Rename: {
            const std::string to = absolute(path2);
            // A folder renamed whole (a restore's swap) is taken as durable at
            // once: the model keeps files' bytes and names only.
            if (QFileInfo(QFile::decodeName(target.c_str())).isDir())
                break;
            recordName(target);
            recordName(to);
            if (auto it = m_dirty.find(target); it != m_dirty.end()) {
                m_dirty[to] = it->second;
                m_dirty.erase(target);
            } else {
                m_dirty.erase(to);
            }
            break;
        }
        case Call::Unlink:
            recordName(target);
            m_dirty.erase(target);
            break;
        }
        return 0;
    }

    // A file or folder about to be created: absent until its folder is synced,
    // and a new file's durable bytes are none.
    void noteCreate(const char* path, bool isFile)
    {
        if (!active())
            return;
        std::lock_guard guard(m_mutex);
        const std::string target = absolute(path);
        if (::access(target.c_str(), F_OK) == 0)
            return;
        recordName(target);
        if (isFile)
            m_dirty[target] = QByteArray();
    }

    void noteOpened(int fd, const char* path)
    {
        if (!active())
            return;
        std::lock_guard guard(m_mutex);
        m_fds[fd] = path;
    }
    void noteClosed(int fd)
    {
        if (!active())
            return;
        std::lock_guard guard(m_mutex);
        m_fds.erase(fd);
    }
    const char* pathOf(int fd)
    {
        std::lock_guard guard(m_mutex);
        const auto it = m_fds.find(fd);
        return it == m_fds.end() ? "" : it->second.c_str();
    }

private:
    Seam()
    {
        const QByteArray spec = qgetenv("ONRAMP_TEST_FAULT");
        if (spec.isEmpty())
            return;
        const QList<QByteArray> parts = spec.split('@');
        const QByteArray mode = parts.value(0);
        m_at = parts.value(1).toLongLong();
        if (mode == "count")
            m_mode = Mode::Count;
        else if (mode == "eio")
            m_mode = Mode::Eio;
        else if (mode == "enospc")
            m_mode = Mode::Enospc;
        else if (mode == "kill")
            m_mode = Mode::Kill;
        else if (mode == "powerloss")
            m_mode = Mode::PowerLoss;
        if (m_mode == Mode::Off || (m_mode != Mode::Count && m_at < 1)) {
            std::fprintf(stderr, "onramp-test-fault: cannot read ONRAMP_TEST_FAULT=%s; want count or MODE@N\n",
                         spec.constData());
            std::exit(2);
        }
        std::atexit([] { Seam::instance().atExit(); });
    }

    const char* modeName() const
    {
        switch (m_mode) {
        case Mode::Eio:
            return "eio";
        case Mode::Enospc:
            return "enospc";
        case Mode::Kill:
            return "kill";
        case Mode::PowerLoss:
            return "powerloss";
        case Mode::Off:
        case Mode::Count:
            break;
        }
        return "count";
    }

    void atExit()
    {
        std::lock_guard guard(m_mutex);
        if (m_mode == Mode::PowerLoss && !m_fired) {
            std::fprintf(stderr, "onramp-test-fault: powerloss at exit\n");
            powerLoss();
        }
        std::fprintf(stderr, "onramp-test-fault: %lld calls\n", m_calls);
        std::fflush(stderr);
    }

    // Remembers what \a path's folder entry was at its folder's last sync.
    void recordName(const std::string& path)
    {
        const auto [dir, name] = split(path);
        auto& entries = m_names[dir];
        if (entries.count(name))
            return;
        if (::access(path.c_str(), F_OK) != 0) {
            entries[name] = std::nullopt;
            return;
        }
        const auto dirty = m_dirty.find(path);
        entries[name] = dirty != m_dirty.end() ? std::optional(dirty->second) : readRaw(path);
    }

    // Puts back every file's bytes as of its last fsync, then every folder's
    // entries as of its last fsync.
    void powerLoss()
    {
        for (const auto& [path, bytes] : m_dirty)
            if (::access(path.c_str(), F_OK) == 0)
                writeRaw(path, bytes);
        for (const auto& [dir, entries] : m_names) {
            for (const auto& [name, bytes] : entries) {
                const std::string path = dir + '/' + name;
                if (bytes)
                    writeRaw(path, *bytes);
                else if (QFileInfo(QFile::decodeName(path.c_str())).isDir())
                    QDir(QFile::decodeName(path.c_str())).removeRecursively();
                else
                    ::unlink(path.c_str());
            }
        }
    }

    std::mutex m_mutex;
    Mode m_mode = Mode::Off;
    long long m_at = 0;
    long long m_calls = 0;
    bool m_fired = false;
    bool m_full = false;
    std::map<int, std::string> m_fds;
    std::map<std::string, QByteArray> m_dirty;
    std::map<std::string, std::map<std::string, std::optional<QByteArray>>> m_names;
};

int enter(Call call, const char* path, const char* path2 = nullptr)
{
    return Seam::instance().enter(call, path, path2);
}
void noteCreate(const char* path)
{
    Seam::instance().noteCreate(path, true);
}
void noteFileOpened(int fd, const char* path)
{
    Seam::instance().noteOpened(fd, path);
}
void noteFileClosed(int fd)
{
    Seam::instance().noteClosed(fd);
}
const char* pathOf(int fd)
{
    return Seam::instance().pathOf(fd);
}

// SQLite's I/O through the seam: a VFS that wraps the default one and sees
// every write, truncate, sync and delete.
struct SeamFile {
    sqlite3_file base;
    sqlite3_file* real;
    const char* path; // SQLite keeps the name valid until xClose
    bool syncsFolder; // the unix VFS syncs a new journal's folder at its first sync
};

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_methods;

sqlite3_file* realOf(sqlite3_file* file)
{
    return reinterpret_cast<SeamFile*>(file)->real;
}

int sqliteError(int error, int ioError)
{
    return error == ENOSPC ? SQLITE_FULL : ioError;
}

void buildVfs()
{
    g_real = sqlite3_vfs_find(nullptr);
    g_vfs = *g_real;
    g_vfs.zName = "onramp-io-seam";
    g_vfs.pNext = nullptr;
    g_vfs.szOsFile = int(sizeof(SeamFile)) + g_real->szOsFile;
    g_vfs.xOpen = [](sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
        auto* seam = reinterpret_cast<SeamFile*>(file);
        seam->real = reinterpret_cast<sqlite3_file*>(seam + 1);
        seam->path = name;
        seam->syncsFolder = false;
        if (name && (flags & SQLITE_OPEN_CREATE) && ::access(name, F_OK) != 0) {
            noteCreate(name);
            seam->syncsFolder = flags & SQLITE_OPEN_MAIN_JOURNAL;
        }
        const int rc = g_real->xOpen(g_real, name, seam->real, flags, outFlags);
        seam->base.pMethods = seam->real->pMethods ? &g_methods : nullptr;
        return rc;
    };
    g_vfs.xDelete = [](sqlite3_vfs*, const char* name, int syncDir) {
        if (enter(Call::Unlink, name))
            return SQLITE_IOERR_DELETE;
        const int rc = g_real->xDelete(g_real, name, syncDir);
        if (rc == SQLITE_OK && syncDir && enter(Call::Fsync, split(absolute(name)).first.c_str()))
            return SQLITE_IOERR_DIR_FSYNC;
        return rc;
    };
    g_vfs.xAccess = [](sqlite3_vfs*, const char* name, int flags, int* out) {
        return g_real->xAccess(g_real, name, flags, out);
    };
    g_vfs.xFullPathname = [](sqlite3_vfs*, const char* name, int size, char* out) {
        return g_real->xFullPathname(g_real, name, size, out);
    };
    g_vfs.xDlOpen = [](sqlite3_vfs*, const char* name) { return g_real->xDlOpen(g_real, name); };
    g_vfs.xDlError = [](sqlite3_vfs*, int size, char* out) { g_real->xDlError(g_real, size, out); };
    g_vfs.xDlSym = [](sqlite3_vfs*, void* handle, const char* symbol) {
        return g_real->xDlSym(g_real, handle, symbol);
    };
    g_vfs.xDlClose = [](sqlite3_vfs*, void* handle) { g_real->xDlClose(g_real, handle); };
    g_vfs.xRandomness = [](sqlite3_vfs*, int size, char* out) { return g_real->xRandomness(g_real, size, out); };
    g_vfs.xSleep = [](sqlite3_vfs*, int micros) { return g_real->xSleep(g_real, micros); };
    g_vfs.xCurrentTime = [](sqlite3_vfs*, double* out) { return g_real->xCurrentTime(g_real, out); };
    g_vfs.xGetLastError = [](sqlite3_vfs*, int size, char* out) { return g_real->xGetLastError(g_real, size, out); };
    g_vfs.xCurrentTimeInt64 = [](sqlite3_vfs*, sqlite3_int64* out) { return g_real->xCurrentTimeInt64(g_real, out); };
    g_vfs.xSetSystemCall = nullptr;
    g_vfs.xGetSystemCall = nullptr;
    g_vfs.xNextSystemCall = nullptr;
    g_vfs.iVersion = 2;

    g_methods = {};
    g_methods.iVersion = 1;
    g_methods.xClose = [](sqlite3_file* file) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xClose(real);
    };
    g_methods.xRead = [](sqlite3_file* file, void* out, int size, sqlite3_int64 offset) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xRead(real, out, size, offset);
    };
    g_methods.xWrite = [](sqlite3_file* file, const void* data, int size, sqlite3_int64 offset) {
        auto* seam = reinterpret_cast<SeamFile*>(file);
        if (const int error = enter(Call::Write, seam->path))
            return sqliteError(error, SQLITE_IOERR_WRITE);
        return seam->real->pMethods->xWrite(seam->real, data, size, offset);
    };
    g_methods.xTruncate = [](sqlite3_file* file, sqlite3_int64 size) {
        auto* seam = reinterpret_cast<SeamFile*>(file);
        if (const int error = enter(Call::Truncate, seam->path))
            return sqliteError(error, SQLITE_IOERR_TRUNCATE);
        return seam->real->pMethods->xTruncate(seam->real, size);
    };
    g_methods.xSync = [](sqlite3_file* file, int flags) {
        auto* seam = reinterpret_cast<SeamFile*>(file);
        if (enter(Call::Fsync, seam->path))
            return SQLITE_IOERR_FSYNC;
        const int rc = seam->real->pMethods->xSync(seam->real, flags);
        if (rc == SQLITE_OK && seam->syncsFolder) {
            seam->syncsFolder = false;
            if (enter(Call::Fsync, split(absolute(seam->path)).first.c_str()))
                return SQLITE_IOERR_DIR_FSYNC;
        }
        return rc;
    };
    g_methods.xFileSize = [](sqlite3_file* file, sqlite3_int64* out) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xFileSize(real, out);
    };
    g_methods.xLock = [](sqlite3_file* file, int level) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xLock(real, level);
    };
    g_methods.xUnlock = [](sqlite3_file* file, int level) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xUnlock(real, level);
    };
    g_methods.xCheckReservedLock = [](sqlite3_file* file, int* out) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xCheckReservedLock(real, out);
    };
    g_methods.xFileControl = [](sqlite3_file* file, int op, void* arg) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xFileControl(real, op, arg);
    };
    g_methods.xSectorSize = [](sqlite3_file* file) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xSectorSize(real);
    };
    g_methods.xDeviceCharacteristics = [](sqlite3_file* file) {
        sqlite3_file* real = realOf(file);
        return real->pMethods->xDeviceCharacteristics(real);
    };
}

#endif

} // namespace

void installSqliteSeam()
{
#ifndef ONRAMP_NO_TEST_SWITCHES
    static std::once_flag once;
    std::call_once(once, [] {
        if (!Seam::instance().active())
            return;
        buildVfs();
        sqlite3_vfs_register(&g_vfs, 1);
    });
#endif
}

int open(const char* path, int flags, mode_t mode)
{
    if (flags & O_CREAT)
        noteCreate(path);
    const int fd = ::open(path, flags | O_CLOEXEC, mode);
    if (fd >= 0)
        noteFileOpened(fd, path);
    return fd;
}

int close(int fd)
{
    noteFileClosed(fd);
    return ::close(fd);
}

ssize_t writeAll(int fd, const void* data, size_t size)
{
    const auto* bytes = static_cast<const char*>(data);
    size_t done = 0;
    while (done < size) {
        if (const int error = enter(Call::Write, pathOf(fd))) {
            errno = error;
            return -1;
        }
        const ssize_t n = ::write(fd, bytes + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        done += size_t(n);
    }
    return ssize_t(done);
}

int fsync(int fd)
{
    if (const int error = enter(Call::Fsync, pathOf(fd))) {
        errno = error;
        return -1;
    }
    return ::fsync(fd);
}

int rename(const char* from, const char* to)
{
    if (const int error = enter(Call::Rename, from, to)) {
        errno = error;
        return -1;
    }
    return ::rename(from, to);
}

int exchange(const char* a, const char* b)
{
    if (const int error = enter(Call::Rename, a, b)) {
        errno = error;
        return -1;
    }
    return ::renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
}

int unlink(const char* path)
{
    if (const int error = enter(Call::Unlink, path)) {
        errno = error;
        return -1;
    }
    return ::unlink(path);
}

int syncDirectory(const char* dir)
{
    if (const int error = enter(Call::Fsync, dir)) {
        errno = error;
        return -1;
    }
    const int fd = ::open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const int rc = ::fsync(fd);
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return rc;
}

int mkdir(const char* path, mode_t mode)
{
#ifndef ONRAMP_NO_TEST_SWITCHES
    Seam::instance().noteCreate(path, false);
#endif
    return ::mkdir(path, mode);
}

QString describe(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace onramp::io
