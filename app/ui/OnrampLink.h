#pragma once

#include <QString>

namespace onramp::ui {

/// An `onramp://` link, as the desktop file hands it to the app: it opens a
/// vault folder (`onramp://open?vault=/abs/path&name=alex`) or names a team
/// server (`onramp://server?url=postgresql://…&name=alex`), with the person
/// the sign-in picks. A link never carries a passphrase or any secret: it is
/// sent in chats and mails, and anyone may make one.
struct OnrampLink {
    enum class Kind { Open, Server };
    Kind kind = Kind::Open;
    QString vault; ///< Open: an absolute, clean folder path
    QString url; ///< Server: a postgresql:// URI
    QString name; ///< the person to pick at sign-in; may be empty

    /// Reads \a text into \a out. False, with \a error saying what is wrong
    /// and naming the field, for anything but the two forms: another scheme
    /// or action, a key it does not know (a passphrase among them), a key
    /// twice, a missing or relative vault path, a server that is no
    /// postgresql:// URI, a name no person can have, a control character.
    static bool parse(const QString& text, OnrampLink* out, QString* error);
    /// True when \a argument is meant as a link (it starts with `onramp:`).
    static bool isLink(const QString& argument);

    /// The longest link read, in characters.
    static constexpr int kMaxLength = 4096;
};

} // namespace onramp::ui
