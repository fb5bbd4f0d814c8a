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

QString nameSkeleton(const QString& shownName)
{
    return shownName.normalized(QString::NormalizationForm_KC).toCaseFolded().simplified();
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
