#include "people/Person.h"

#include "Database.h"
#include "HiddenText.h"
#include "PlainText.h"

#include <QDateTime>
#include <QRegularExpression>

namespace onramp {

QString roleName(Role role)
{
    switch (role) {
    case Role::Hire:
        return QStringLiteral("hire");
    case Role::Mentor:
        return QStringLiteral("mentor");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

QString roleWord(Role role)
{
    switch (role) {
    case Role::Hire:
        return Tr::tr("hire", "a person's role, in a sentence");
    case Role::Mentor:
        return Tr::tr("mentor", "a person's role, in a sentence");
    case Role::Admin:
        return Tr::tr("admin", "a person's role, in a sentence");
    }
    return {};
}

std::optional<Role> roleFromName(const QString& name)
{
    for (Role role : {Role::Hire, Role::Mentor, Role::Admin})
        if (roleName(role) == name)
            return role;
    return std::nullopt;
}

bool isValidPersonName(const QString& name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9._-]{0,63}$"));
    return pattern.match(name).hasMatch();
}

Error checkPersonName(const QString& name)
{
    if (!isValidPersonName(name))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("'%1' is not a valid name: use lower-case letters, digits, "
                            "'.', '_' or '-', starting with a letter")
                         .arg(name));
    return {};
}

Error checkDisplayName(const QString& displayName)
{
    if (std::any_of(displayName.cbegin(), displayName.cend(),
                    [](QChar c) { return c.category() == QChar::Other_Control; }))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the display name '%1' holds a line break or another control character")
                         .arg(text::printable(displayName)));
    if (const QString hiding = hiddentext::firstHiding(displayName, hiddentext::Within::Name); !hiding.isEmpty())
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the display name '%1' holds %2, a character that reorders or hides text")
                         .arg(hiddentext::shownPlainly(displayName, hiddentext::Within::Name), hiding));
    if (displayName.startsWith(QLatin1Char(' ')) || displayName.endsWith(QLatin1Char(' '))
        || displayName.contains(QLatin1String("  ")))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the display name '%1' starts or ends with a space or holds two in a row, "
                            "so it looks like another name")
                         .arg(displayName));
    // A letter that NFKC folds to another ("𝖬" to "M", "Ｍ" to "M"); NFC
    // first, so that a name typed with combining accents is kept.
    const QString composed = displayName.normalized(QString::NormalizationForm_C);
    if (composed.normalized(QString::NormalizationForm_KC) != composed) {
        for (const char32_t c : composed.toUcs4()) {
            const QString one = QString::fromUcs4(&c, 1);
            const QString plain = one.normalized(QString::NormalizationForm_KC);
            if (plain != one)
                return Error(
                    ErrorKind::InvalidInput,
                    Tr::tr("the display name '%1' holds '%2' (U+%3), a special form of '%4' that "
                           "can make it look like another name; type '%4' instead")
                        .arg(displayName, one, QString::number(uint(c), 16).toUpper().rightJustified(4, u'0'), plain));
        }
    }
    if (const auto [first, second] = hiddentext::mixedScripts(displayName); first != hiddentext::LookAlike::None) {
        const auto letters = [](hiddentext::LookAlike script) {
            switch (script) {
            case hiddentext::LookAlike::Cyrillic:
                return Tr::tr("Cyrillic letters");
            case hiddentext::LookAlike::Greek:
                return Tr::tr("Greek letters");
            default:
                return Tr::tr("Latin letters");
            }
        };
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the display name '%1' mixes %2 and %3 in one word, so it can look like another name")
                         .arg(displayName, letters(first), letters(second)));
    }
    return {};
}

namespace {

// The Cyrillic, Greek and Armenian letters that a sans-serif face draws as
// a Latin letter, each with that letter (after the Unicode confusables of
// UTS #39, those that read alike in a name), and the Latin letters and
// digits easily taken for another: I, l, 1 and | as "l", 0 as "o".
char16_t latinLookAlike(char16_t c)
{
    struct Pair {
        char16_t from;
        char16_t to;
    };
    static constexpr Pair kPairs[] = {
        // Cyrillic capitals
        {u'\u0410', u'A'},
        {u'\u0412', u'B'},
        {u'\u0415', u'E'},
        {u'\u041A', u'K'},
        {u'\u041C', u'M'},
        {u'\u041D', u'H'},
        {u'\u041E', u'O'},
        {u'\u0420', u'P'},
        {u'\u0421', u'C'},
        {u'\u0422', u'T'},
        {u'\u0423', u'Y'},
        {u'\u0425', u'X'},
        {u'\u0405', u'S'},
        {u'\u0406', u'I'},
        {u'\u0408', u'J'},
        {u'\u04AE', u'Y'},
        {u'\u04C0', u'l'},
        {u'\u051A', u'Q'},
        {u'\u051C', u'W'},
        {u'\u0417', u'3'},
        // Cyrillic small letters
        {u'\u0430', u'a'},
        {u'\u0435', u'e'},
        {u'\u043E', u'o'},
        {u'\u0440', u'p'},
        {u'\u0441', u'c'},
        {u'\u0443', u'y'},
        {u'\u0445', u'x'},
        {u'\u0455', u's'},
        {u'\u0456', u'i'},
        {u'\u0458', u'j'},
        {u'\u0501', u'd'},
        {u'\u051B', u'q'},
        {u'\u051D', u'w'},
        {u'\u04BB', u'h'},
        {u'\u04CF', u'l'},
        {u'\u04AF', u'y'},
        {u'\u0457', u'i'},
        {u'\u0491', u'r'},
        // Greek capitals
        {u'\u0391', u'A'},
        {u'\u0392', u'B'},
        {u'\u0395', u'E'},
        {u'\u0396', u'Z'},
        {u'\u0397', u'H'},
        {u'\u0399', u'I'},
        {u'\u039A', u'K'},
        {u'\u039C', u'M'},
        {u'\u039D', u'N'},
        {u'\u039F', u'O'},
        {u'\u03A1', u'P'},
        {u'\u03A4', u'T'},
        {u'\u03A5', u'Y'},
        {u'\u03A7', u'X'},
        {u'\u03DC', u'F'},
        // Greek small letters
        {u'\u03BF', u'o'},
        {u'\u03BD', u'v'},
        {u'\u03C1', u'p'},
        {u'\u03B1', u'a'},
        {u'\u03B9', u'i'},
        {u'\u03B3', u'y'},
        {u'\u03C5', u'u'},
        {u'\u03BA', u'k'},
        {u'\u03C4', u't'},
        // Armenian
        {u'\u0585', u'o'},
        {u'\u0578', u'n'},
        {u'\u057D', u'u'},
        {u'\u0570', u'h'},
        {u'\u0561', u'w'},
        {u'\u0563', u'q'},
        {u'\u0566', u'q'},
        {u'\u0584', u'p'},
        {u'\u0575', u'j'},
        {u'\u054D', u'U'},
        {u'\u0555', u'O'},
    };
    for (const Pair& pair : kPairs) {
        if (pair.from == c)
            return pair.to;
    }
    return c;
}

} // namespace

QString nameSkeleton(const QString& shownName)
{
    QString folded = shownName.normalized(QString::NormalizationForm_KC);
    for (QChar& c : folded)
        c = QChar(latinLookAlike(c.unicode()));
    folded = folded.toCaseFolded().simplified();
    // A capital I (now "i"), an l, a 1 and a | are one stroke in a
    // sans-serif face; a 0 is an o; "rn" reads as "m", "vv" as "w".
    for (QChar& c : folded) {
        if (c == u'l' || c == u'1' || c == u'|')
            c = u'i';
        else if (c == u'0')
            c = u'o';
    }
    folded.replace(QStringLiteral("rn"), QStringLiteral("m"));
    folded.replace(QStringLiteral("vv"), QStringLiteral("w"));
    return folded;
}

Error checkNotShownAsAnother(const QString& name, const QString& shownName, const QList<Person>& others)
{
    const QString skeleton = nameSkeleton(shownName);
    for (const Person& other : others) {
        if (other.name == name)
            continue;
        if (nameSkeleton(other.shownName()) == skeleton || nameSkeleton(other.name) == skeleton)
            return Error(ErrorKind::InvalidInput,
                         Tr::tr("'%1' would be shown as '%2', which reads as %3 ('%4'); "
                                "give a display name that tells them apart")
                             .arg(name, shownName, other.shownName(), other.name));
    }
    return {};
}

Error insertPerson(Database& db, Person* row)
{
    row->displayName = row->shownName();
    if (Error e = db.execute(QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, created_at)"
                                            " VALUES (?, ?, ?, ?, ?)"),
                             {row->name, row->displayName, roleName(row->role), row->signPublicKey,
                              QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}))
        return e;
    row->id = db.lastInsertId();
    return {};
}

} // namespace onramp
