#include "people/RosterImport.h"

#include "Database.h"
#include "IoFaults.h"
#include "PrivateFile.h"
#include "SecureBytes.h"
#include "audit/Ledger.h"
#include "onboarding/Enrollments.h"
#include "people/Csv.h"
#include "people/PassphraseFile.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QScopeGuard>

#include <algorithm>
#include <optional>
#include <vector>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace onramp {

namespace {

const QString kName = QStringLiteral("name");
const QString kDisplayName = QStringLiteral("display_name");
const QString kRole = QStringLiteral("role");
const QString kMentor = QStringLiteral("mentor");
const QString kChecklist = QStringLiteral("checklist");
const QString kStart = QStringLiteral("start");
const QString kPassphraseFile = QStringLiteral("passphrase_file");

/// A roster larger than this is not a roster.
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;

/// One row of the file, as read.
struct Row {
    int line = 0;
    QString name;
    QString displayName;
    Role role = Role::Hire;
    QString mentor;
    QString checklist;
    QDate start; ///< invalid: not given
    QString passphraseFile;
    bool nameBad = false; ///< the name is not one, or named twice
    bool roleKnown = false;
    bool bad = false; ///< a problem of its own, found before the vault is read
    bool enrolls() const { return !checklist.isEmpty(); }
};

/// An enrollment already in the vault.
struct Enrolled {
    QString checklist;
    QString mentor;
    QDate start;
};

/// 28 characters of a 32-letter alphabet (140 random bits) in groups of
/// four: a first passphrase to hand over, no letters easily confused.
SecureBytes randomPassphrase()
{
    static const char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    constexpr int kCharacters = 28;
    const SecureBytes random = SecureBytes::random(18); // 144 bits: 28 groups of 5 bits
    SecureBytes text(kCharacters + kCharacters / 4 - 1);
    std::size_t out = 0;
    for (int i = 0; i < kCharacters; ++i) {
        int value = 0;
        for (int bit = 0; bit < 5; ++bit) {
            const int index = i * 5 + bit;
            value = (value << 1) | ((random.data()[index / 8] >> (7 - index % 8)) & 1);
        }
        if (i > 0 && i % 4 == 0)
            text.data()[out++] = '-';
        text.data()[out++] = static_cast<unsigned char>(kAlphabet[value]);
    }
    return text;
}

// The problems of \a csvFile ("FILE:LINE: message"), in the file's line
// order: each check reports in its own pass, but a person corrects the file
// from the top. Those of the file as a whole (no line) come first.
QString joined(QStringList problems, const QString& csvFile)
{
    const QString prefix = csvFile + QLatin1Char(':');
    const auto lineOf = [&prefix](const QString& problem) {
        if (!problem.startsWith(prefix))
            return 0;
        const qsizetype end = problem.indexOf(QLatin1Char(':'), prefix.size());
        return end < 0 ? 0 : problem.mid(prefix.size(), end - prefix.size()).toInt();
    };
    std::stable_sort(problems.begin(), problems.end(),
                     [&](const QString& a, const QString& b) { return lineOf(a) < lineOf(b); });
    QStringList shown = problems.mid(0, RosterImport::kMaxReported);
    if (problems.size() > RosterImport::kMaxReported)
        shown << Tr::tr("… and %n more problem(s)", "", int(problems.size() - RosterImport::kMaxReported));
    return shown.join(QLatin1Char('\n'));
}

/// The file \a cell, the passphrase_file of \a name's row, names inside
/// \a folder, the roster's own: given relative to it, without "..", not
/// leading out through a symbolic link, a regular file of this user's that
/// no one else may read or write. Whoever can edit one cell of a roster in
/// a shared folder must not choose the file a new mentor's or admin's first
/// passphrase comes from. Its canonical path; empty, with \a why, when it
/// is not such a file.
QString passphraseFileIn(const QString& folder, const QString& name, const QString& cell, QString* why)
{
    const auto refuse = [&](const QString& reason) {
        //: %1 is the cell's text, %2 the person's name, %3 why it is refused
        *why = Tr::tr("passphrase_file '%1' of '%2' %3").arg(cell, name, reason);
        return QString();
    };
    if (QDir::isAbsolutePath(cell))
        return refuse(Tr::tr("is an absolute path; name a file in the roster's folder %1").arg(folder));
    if (cell.split(QLatin1Char('/')).contains(QStringLiteral("..")))
        return refuse(Tr::tr("goes up with '..'; name a file in the roster's folder %1").arg(folder));
    const QString root = QFileInfo(folder).canonicalFilePath();
    const QString path = QFileInfo(QDir(folder).filePath(cell)).canonicalFilePath();
    if (root.isEmpty() || path.isEmpty())
        return refuse(Tr::tr("is not a file in the roster's folder %1").arg(folder));
    if (!path.startsWith(root + QLatin1Char('/')))
        return refuse(Tr::tr("leads outside the roster's folder %1 (a symbolic link)").arg(folder));
    struct stat st = {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return refuse(Tr::tr("is not a regular file"));
    if (st.st_uid != ::geteuid())
        return refuse(Tr::tr("belongs to another user; the file must be yours"));
    if ((st.st_mode & 077) != 0)
        return refuse(Tr::tr("may be read or written by others (mode %1); make it yours only: chmod 0600")
                          .arg(st.st_mode & 0777, 4, 8, QLatin1Char('0')));
    return path;
}

/// A file descriptor, closed when it goes.
struct Fd {
    int fd = -1;
    Fd() = default;
    explicit Fd(int f)
        : fd(f)
    {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    Fd& operator=(Fd&& other) noexcept
    {
        std::swap(fd, other.fd);
        return *this;
    }
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

/// InvalidInput unless \a st, of \a folder given for the new passphrases,
/// is a folder of this user's that only they can write: another user could
/// replace the files in it before they are handed over.
Error checkPassphraseFolder(const QString& folder, const struct stat& st)
{
    if (S_ISLNK(st.st_mode))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the passphrase folder %1 is a symbolic link; give the folder itself").arg(folder));
    if (!S_ISDIR(st.st_mode))
        return Error(ErrorKind::InvalidInput, Tr::tr("%1 is not a folder").arg(folder));
    if (st.st_uid != ::geteuid() || (st.st_mode & 022) != 0)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("others can write the passphrase folder %1 (mode %2%3); give a folder only you can "
                            "write, or a new one, which is made owner-only")
                         .arg(folder)
                         .arg(st.st_mode & 0777, 4, 8, QLatin1Char('0'))
                         .arg(st.st_uid != ::geteuid() ? Tr::tr(", another user's") : QString()));
    return {};
}

/// The folder \a folder for the new passphrases, opened once: made
/// owner-only when missing (\a made), never followed through a symbolic
/// link, and checked on the descriptor itself, so that what is checked is
/// what the files are written into (a folder swapped or linked after the
/// check is not).
Error openPassphraseFolder(const QString& folder, Fd* out, bool* made)
{
    *made = false;
    const QByteArray path = QFile::encodeName(folder);
    struct stat st = {};
    if (::lstat(path.constData(), &st) == 0) {
        if (Error e = checkPassphraseFolder(folder, st))
            return e;
    } else {
        const QString parent = QFileInfo(folder).absolutePath();
        if (parent != QFileInfo(folder).absoluteFilePath())
            if (Error e = makePrivateFolder(parent, Tr::tr("passphrase folder")))
                return e;
        if (io::mkdir(path.constData(), S_IRWXU) != 0)
            return Error(errno == EEXIST ? ErrorKind::InvalidInput : ErrorKind::Io,
                         Tr::tr("cannot create the passphrase folder %1: %2").arg(folder, io::describe(errno)));
        *made = true;
    }
    Fd fd(::open(path.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (fd.fd < 0)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("cannot open the passphrase folder %1: %2 (a symbolic link or no folder is refused)")
                         .arg(folder, io::describe(errno)));
    if (::fstat(fd.fd, &st) != 0)
        return Error(ErrorKind::Io,
                     Tr::tr("cannot read the passphrase folder %1: %2").arg(folder, io::describe(errno)));
    if (Error e = checkPassphraseFolder(folder, st))
        return e;
    *out = std::move(fd);
    return {};
}

/// Writes \a bytes to a new file \a name in the folder \a dirFd (owner-only,
/// never one already there, never through a link), synced with its folder.
Error writeNewPrivateFile(int dirFd, const QString& name, const QString& shown, QByteArrayView bytes)
{
    const QByteArray file = QFile::encodeName(name);
    const int fd =
        ::openat(dirFd, file.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0)
        return Error(errno == EEXIST ? ErrorKind::InvalidInput : ErrorKind::Io,
                     Tr::tr("cannot write passphrase file %1: %2").arg(shown, io::describe(errno)));
    int error = 0;
    if (io::writeAll(fd, bytes.data(), size_t(bytes.size())) < 0 || io::fsync(fd) != 0)
        error = errno;
    ::close(fd);
    if (!error && ::fsync(dirFd) != 0)
        error = errno;
    if (error) {
        ::unlinkat(dirFd, file.constData(), 0);
        return Error(ErrorKind::Io, Tr::tr("cannot write passphrase file %1: %2").arg(shown, io::describe(error)));
    }
    return {};
}

/// The roster \a csvFile's bytes, read only when it is a regular file: a
/// FIFO or a device could block the import, or hand it rows while the
/// folders it checked change.
Error readRoster(const QString& csvFile, QByteArray* out)
{
    const auto cannot = [&](const QString& why) {
        return Error(ErrorKind::InvalidInput, Tr::tr("cannot read %1: %2").arg(csvFile, why));
    };
    Fd fd(::open(QFile::encodeName(csvFile).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (fd.fd < 0)
        return cannot(io::describe(errno));
    struct stat st = {};
    if (::fstat(fd.fd, &st) != 0)
        return cannot(io::describe(errno));
    if (!S_ISREG(st.st_mode))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("%1 is not a regular file (a FIFO, a device or a folder); give the roster file itself")
                         .arg(csvFile));
    if (st.st_size > kMaxFileBytes)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("%1 is larger than %2 MiB; split the roster").arg(csvFile).arg(kMaxFileBytes >> 20));
    QFile file;
    if (!file.open(fd.fd, QIODevice::ReadOnly, QFileDevice::DontCloseHandle))
        return cannot(file.errorString());
    *out = file.read(kMaxFileBytes + 1);
    if (out->size() > kMaxFileBytes)
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("%1 is larger than %2 MiB; split the roster").arg(csvFile).arg(kMaxFileBytes >> 20));
    return {};
}

/// Opens \a cell, a passphrase_file that passphraseFileIn() named inside
/// \a folder, once: each folder on the way and the file itself without
/// following a symbolic link, then checks the descriptor (a regular file of
/// this user's, owner-only), so that the file read is the one checked, not
/// one a folder swapped in since leads to.
Error openPassphraseFile(const QString& folder, const QString& name, const QString& cell, Fd* out)
{
    const auto refuse = [&](const QString& reason) {
        //: %1 is the cell's text, %2 the person's name, %3 why it is refused
        return Error(ErrorKind::InvalidInput, Tr::tr("passphrase_file '%1' of '%2' %3").arg(cell, name, reason));
    };
    Fd at(::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (at.fd < 0)
        return refuse(Tr::tr("cannot be opened: %1").arg(io::describe(errno)));
    QStringList parts = cell.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    parts.removeAll(QStringLiteral("."));
    if (parts.isEmpty())
        return refuse(Tr::tr("is not a regular file"));
    const QString last = parts.takeLast();
    for (const QString& part : std::as_const(parts)) {
        Fd next(::openat(at.fd, QFile::encodeName(part).constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (next.fd < 0)
            return refuse(Tr::tr("leads outside the roster's folder %1 (a symbolic link)").arg(folder));
        at = std::move(next);
    }
    Fd file(::openat(at.fd, QFile::encodeName(last).constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (file.fd < 0)
        return refuse(errno == ELOOP ? Tr::tr("leads outside the roster's folder %1 (a symbolic link)").arg(folder)
                                     : Tr::tr("cannot be opened: %1").arg(io::describe(errno)));
    struct stat st = {};
    if (::fstat(file.fd, &st) != 0 || !S_ISREG(st.st_mode))
        return refuse(Tr::tr("is not a regular file"));
    if (st.st_uid != ::geteuid())
        return refuse(Tr::tr("belongs to another user; the file must be yours"));
    if ((st.st_mode & 077) != 0)
        return refuse(Tr::tr("may be read or written by others (mode %1); make it yours only: chmod 0600")
                          .arg(st.st_mode & 0777, 4, 8, QLatin1Char('0')));
    *out = std::move(file);
    return {};
}

} // namespace

RosterImport::RosterImport(Vault& vault, const Clock& clock)
    : m_vault(vault)
    , m_clock(clock)
{}

Error RosterImport::run(const QString& csvFile, const QString& passphraseFolder, RosterImportResult* out)
{
    *out = {};
    if (Error e = m_vault.requireAdmin(Tr::tr("import people")))
        return e;
    // The vault is checked before the file is checked against it: a people
    // row a hire planted is the vault's damage, named as such, never a bad
    // row of the file.
    {
        Database::ReadTransaction read(m_vault.db());
        if (Error e = Ledger::require(m_vault, m_clock.now()))
            return e;
    }
    // The folder for the new passphrases is opened once, here, and the
    // files are made in what was checked; one made here and left empty goes.
    Fd folderFd;
    bool madeFolder = false;
    if (!passphraseFolder.isEmpty())
        if (Error e = openPassphraseFolder(passphraseFolder, &folderFd, &madeFolder))
            return e;
    bool wroteAny = false;
    const auto removeMadeFolder = qScopeGuard([&] {
        if (madeFolder && !wroteAny)
            ::rmdir(QFile::encodeName(passphraseFolder).constData());
    });
    QByteArray bytes;
    if (Error e = readRoster(csvFile, &bytes))
        return e;
    QList<csv::Record> records;
    if (Error e = csv::parse(bytes, csvFile, &records))
        return e;
    QStringList problems;
    const auto bad = [&](int line, const QString& message) { problems << csv::at(csvFile, line, message); };
    if (records.isEmpty())
        return Error(ErrorKind::InvalidInput,
                     csv::at(csvFile, 1,
                             Tr::tr("the file is empty: it needs a header row such as "
                                    "name,display_name,role,mentor,checklist,start")));

    // The header names the columns, in any order.
    const csv::Record& header = records.first();
    QHash<QString, qsizetype> column;
    for (qsizetype i = 0; i < header.fields.size(); ++i) {
        const QString title = header.fields[i].trimmed();
        static const QStringList kKnown{kName, kDisplayName, kRole, kMentor, kChecklist, kStart, kPassphraseFile};
        if (!kKnown.contains(title))
            bad(header.line,
                Tr::tr("unknown column '%1'; the columns are %2").arg(title, kKnown.join(QLatin1Char(','))));
        else if (column.contains(title))
            bad(header.line, Tr::tr("the column '%1' appears twice").arg(title));
        else
            column.insert(title, i);
    }
    for (const QString& required : {kName, kDisplayName, kRole})
        if (!column.contains(required))
            bad(header.line, Tr::tr("the header has no '%1' column").arg(required));
    const bool randomPassphrases = !passphraseFolder.isEmpty();
    if (!randomPassphrases && !column.contains(kPassphraseFile))
        bad(header.line,
            Tr::tr("the header has no 'passphrase_file' column: without a folder for the first "
                   "passphrases, each row names the file that holds its person's passphrase"));
    if (randomPassphrases && column.contains(kPassphraseFile))
        bad(header.line,
            Tr::tr("the file names passphrase files and a folder for new passphrases was given too; "
                   "choose one"));
    if (!problems.isEmpty())
        return Error(ErrorKind::InvalidInput, joined(problems, csvFile));

    // Each row on its own: every problem of a row is named, not only the first.
    std::vector<Row> rows;
    QHash<QString, int> lineOf;
    for (qsizetype r = 1; r < records.size(); ++r) {
        const csv::Record& record = records[r];
        if (record.fields.size() != header.fields.size()) {
            bad(record.line,
                Tr::tr("fields in this row: %1; in the header: %2")
                    .arg(record.fields.size())
                    .arg(header.fields.size()));
            continue;
        }
        const auto field = [&](const QString& name) {
            return column.contains(name) ? record.fields[column.value(name)].trimmed() : QString();
        };
        Row row;
        row.line = record.line;
        row.name = field(kName);
        row.displayName = field(kDisplayName);
        row.mentor = field(kMentor);
        row.checklist = field(kChecklist);
        row.passphraseFile = field(kPassphraseFile);
        const qsizetype before = problems.size();
        if (Error e = checkPersonName(row.name)) {
            bad(row.line, e.message);
            row.nameBad = true;
        } else if (lineOf.contains(row.name)) {
            bad(row.line, Tr::tr("'%1' is named again; the first time on line %2").arg(row.name).arg(lineOf[row.name]));
            row.nameBad = true;
        } else {
            lineOf.insert(row.name, row.line);
        }
        if (const Error e = checkDisplayName(row.displayName))
            bad(row.line, e.message);
        const std::optional<Role> role = roleFromName(field(kRole));
        if (!role)
            bad(row.line, Tr::tr("unknown role '%1'; the roles are hire, mentor and admin").arg(field(kRole)));
        else
            row.role = *role;
        const QString start = field(kStart);
        if (!start.isEmpty()) {
            row.start = QDate::fromString(start, Qt::ISODate);
            if (!row.start.isValid())
                bad(row.line, Tr::tr("'%1' is not a date; write the start as YYYY-MM-DD").arg(start));
        }
        if (!row.mentor.isEmpty() || !row.checklist.isEmpty() || !start.isEmpty()) {
            if (role && row.role != Role::Hire)
                bad(row.line,
                    Tr::tr("only a hire is enrolled, and '%1' is a %2: leave mentor, checklist and start "
                           "empty")
                        .arg(row.name, roleName(row.role)));
            else if (row.mentor.isEmpty() || row.checklist.isEmpty())
                bad(row.line, Tr::tr("to enroll '%1', give both a mentor and a checklist").arg(row.name));
        }
        row.roleKnown = role.has_value();
        row.bad = problems.size() > before;
        rows.push_back(row);
    }

    // Then against the vault and the rest of the file.
    QHash<QString, Person> people;
    for (const Person& p : m_vault.people())
        people.insert(p.name, p);
    QSet<QString> checklists;
    QHash<QString, Enrolled> enrolled;
    {
        Database& db = m_vault.db();
        Database::ReadTransaction read(db);
        QList<QVariantList> found;
        if (Error e = db.execute(QStringLiteral("SELECT DISTINCT slug FROM checklists"), {}, &found))
            return e;
        for (const QVariantList& r : found)
            checklists.insert(r.value(0).toString());
        found.clear();
        if (Error e = db.execute(QStringLiteral("SELECT h.name, c.slug, m.name, e.start_date FROM enrollments e"
                                                " JOIN people h ON h.id = e.hire_id JOIN people m ON m.id = e.mentor_id"
                                                " JOIN checklists c ON c.id = e.checklist_id"),
                                 {}, &found))
            return e;
        for (const QVariantList& r : found)
            enrolled.insert(
                r.value(0).toString(),
                {r.value(1).toString(), r.value(2).toString(), QDate::fromString(r.value(3).toString(), Qt::ISODate)});
    }
    QSet<QString> mentorsInFile;
    for (const Row& row : rows)
        if (row.role == Role::Mentor && row.roleKnown && !row.nameBad)
            mentorsInFile.insert(row.name);

    // Who is shown by which name: those in the vault, then each new row in
    // turn, so that a row reading as a person there or above is named.
    QList<Person> shownSoFar = people.values();

    std::vector<People::NewPerson> newPeople;
    std::vector<const Row*> toEnroll;
    QHash<QString, QString> passphraseFrom; // each new person's, in words
    const QFileInfo csvInfo(csvFile);
    for (const Row& row : rows) {
        if (row.nameBad)
            continue; // nothing else about it can be said against the vault
        const qsizetype before = problems.size();
        const QString shown = row.displayName.isEmpty() ? row.name : row.displayName;
        const auto existing = people.constFind(row.name);
        if (existing != people.cend() && row.roleKnown
            && (existing->role != row.role || existing->displayName != shown || existing->disabled))
            bad(row.line,
                Tr::tr("'%1' is already a person with other data (%2, '%3'%4); change the row to match "
                       "or leave it out")
                    .arg(row.name, roleName(existing->role), existing->displayName,
                         existing->disabled ? Tr::tr(", disabled") : QString()));
        bool enrolledAsWritten = false;
        if (!row.mentor.isEmpty()) {
            const auto mentor = people.constFind(row.mentor);
            const bool mentorInVault = mentor != people.cend() && mentor->role == Role::Mentor && !mentor->disabled;
            if (!mentorInVault && !(mentor == people.cend() && mentorsInFile.contains(row.mentor)))
                bad(row.line,
                    Tr::tr("unknown mentor '%1': no enabled mentor of that name in the vault or the file")
                        .arg(row.mentor));
        }
        if (!row.checklist.isEmpty() && !checklists.contains(row.checklist))
            bad(row.line, Tr::tr("unknown checklist '%1'; import it first").arg(row.checklist));
        if (row.enrolls()) {
            const auto was = enrolled.constFind(row.name);
            if (was != enrolled.cend()) {
                if (was->checklist != row.checklist || was->mentor != row.mentor
                    || (row.start.isValid() && was->start != row.start))
                    bad(row.line,
                        Tr::tr("'%1' is already enrolled on %2 with %3, starting %4; change the row to "
                               "match or leave it out")
                            .arg(row.name, was->checklist, was->mentor, was->start.toString(Qt::ISODate)));
                else
                    enrolledAsWritten = true;
            }
        }
        People::NewPerson person;
        if (existing == people.cend()) {
            if (const Error e = checkNotShownAsAnother(row.name, shown, shownSoFar))
                bad(row.line, e.message);
            shownSoFar.append(Person{0, row.name, row.displayName, row.role, false, {}});
            person.name = row.name;
            person.displayName = row.displayName;
            person.role = row.role;
            person.choosesAtFirstSignIn = true;
            if (randomPassphrases) {
                person.passphrase = randomPassphrase();
                person.randomPassphrase = true;
            } else if (row.passphraseFile.isEmpty()) {
                bad(row.line, Tr::tr("no passphrase_file for the new person '%1'").arg(row.name));
            } else {
                QString why;
                const QString path = passphraseFileIn(csvInfo.absolutePath(), row.name, row.passphraseFile, &why);
                Error error;
                std::optional<SecureBytes> passphrase;
                Fd fd;
                if (path.isEmpty())
                    error = Error(ErrorKind::InvalidInput, why);
                else
                    error = openPassphraseFile(csvInfo.absolutePath(), row.name, row.passphraseFile, &fd);
                if (!error)
                    passphrase = readPassphraseFile(fd.fd, path, &error);
                if (passphrase)
                    error = Vault::checkNewPassphrase(passphrase->view());
                if (error)
                    bad(row.line, error.message);
                else
                    person.passphrase = std::move(*passphrase);
                person.kdfLevel = m_vault.kdfLevel();
                passphraseFrom.insert(
                    row.name, Tr::tr("%1 (%2): first passphrase read from %3").arg(row.name, roleName(row.role), path));
            }
        }
        if (row.bad || problems.size() > before)
            continue;
        if (row.enrolls() && !enrolledAsWritten)
            toEnroll.push_back(&row);
        if (existing != people.cend()) {
            if (!row.enrolls() || enrolledAsWritten)
                ++out->unchanged;
            continue;
        }
        newPeople.push_back(std::move(person));
    }
    if (!problems.isEmpty())
        return Error(ErrorKind::InvalidInput, joined(problems, csvFile));

    // The passphrase files first: people without them could not sign in.
    QStringList written;
    const auto removeWritten = [&] {
        for (const QString& name : std::as_const(written))
            ::unlinkat(folderFd.fd, QFile::encodeName(name).constData(), 0);
        written.clear();
    };
    if (randomPassphrases && !newPeople.empty()) {
        for (const People::NewPerson& person : newPeople) {
            const QString name = person.name + QStringLiteral(".txt");
            const QString path = QDir(passphraseFolder).filePath(name);
            SecureBytes line(person.passphrase.size() + 1);
            std::copy_n(person.passphrase.data(), person.passphrase.size(), line.data());
            line.data()[person.passphrase.size()] = '\n';
            if (Error e = writeNewPrivateFile(folderFd.fd, name, path, line.view())) {
                removeWritten();
                return e;
            }
            written << name;
            passphraseFrom.insert(person.name,
                                  Tr::tr("%1 (%2): first passphrase made at random, written to %3")
                                      .arg(person.name, roleName(person.role), path));
        }
        out->passphraseFolder = passphraseFolder;
    }
    if (Error e = People(m_vault).addMany(newPeople, csvFile)) {
        removeWritten();
        out->passphraseFolder.clear();
        return e;
    }
    wroteAny = !written.isEmpty();
    for (const People::NewPerson& person : newPeople) {
        out->added << person.name;
        out->passphraseSources << passphraseFrom.value(person.name);
    }

    // The enrollments in one act of their own after the people's: a stop
    // between the two leaves people that a second import of the file enrolls.
    QList<Enrollments::NewEnrollment> enrollments;
    for (const Row* row : toEnroll)
        enrollments.append(
            {row->name, row->checklist, row->mentor, row->start.isValid() ? row->start : m_clock.now().date()});
    if (Error e = Enrollments(m_vault, m_clock).enrollMany(enrollments))
        return Error(e.kind, QStringLiteral("%1: %2").arg(csvFile, e.message));
    for (const Row* row : toEnroll)
        out->enrolled << row->name;
    return {};
}

} // namespace onramp
