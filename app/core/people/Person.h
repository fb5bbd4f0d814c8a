#pragma once

#include "Error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace onramp {

/// What a person may do: hires follow checklists, mentors sign off, admins configure.
enum class Role { Hire, Mentor, Admin };

QString roleName(Role role);
/// The role's name in the language in use, for messages people read
/// (roleName() is the stored, untranslated one).
QString roleWord(Role role);
std::optional<Role> roleFromName(const QString& name);
/// Admins and mentors hold the production key; hires never do.
inline bool roleHoldsProductionKey(Role role)
{
    return role != Role::Hire;
}

/// A row of the people table.
struct Person {
    qint64 id = 0;
    QString name; ///< login-like, unique: [a-z][a-z0-9._-]{0,63}
    QString displayName;
    Role role = Role::Hire;
    bool disabled = false;
    QByteArray signPublicKey; ///< Ed25519; verify their signatures, seal to them
    /// The name shown to people: the display name, or the login name when there is none.
    QString shownName() const { return displayName.isEmpty() ? name : displayName; }
};

/// True when \a name may name a person (lower-case letters, digits, '.', '_', '-').
bool isValidPersonName(const QString& name);
/// ErrorKind::InvalidInput saying what a name may hold, unless isValidPersonName(\a name).
Error checkPersonName(const QString& name);

/// ErrorKind::InvalidInput when \a displayName holds a line break, another
/// control character, or one that reorders or hides text (HiddenText.h):
/// a name is shown to everyone, and must read as what it is.
/// Also when it holds a letter in a compatibility form (a mathematical
/// "𝖬", a fullwidth "Ｍ"), which reads as a plain letter of another name.
Error checkDisplayName(const QString& displayName);

/// How a shown name reads, for telling whether people could take two names
/// for one: compatibility forms folded to plain letters (NFKC), Cyrillic,
/// Greek and Armenian letters drawn as Latin ones taken as those, case
/// folded, I, l and 1 taken as one, "rn" as "m", white space simplified. "Maya",
/// "maya", "ＭＡＹＡ", Cyrillic "Мауа" and Greek "ΜΑΥΑ" read alike.
QString nameSkeleton(const QString& shownName);

/// ErrorKind::InvalidInput when the person \a name would be shown as
/// \a shownName, and that reads as another person's shown or sign-in name
/// (nameSkeleton): a hire shown as "Maya Mentor" next to the mentor of
/// that name. \a others are the people already there.
Error checkNotShownAsAnother(const QString& name, const QString& shownName, const QList<Person>& others);

class Database;
/// Inserts \a row into the people table, its display name its shownName(),
/// and sets its id and display name to the ones written.
Error insertPerson(Database& db, Person* row);

} // namespace onramp
