#include "OnrampLink.h"

#include "PlainText.h"
#include "people/Person.h"

#include <QCoreApplication>
#include <QDir>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace onramp::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("OnrampLink", text);
}

bool hasControl(const QString& text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
    });
}

} // namespace

bool OnrampLink::isLink(const QString& argument)
{
    return argument.startsWith(QLatin1String("onramp:"), Qt::CaseInsensitive);
}

bool OnrampLink::parse(const QString& text, OnrampLink* out, QString* error)
{
    const auto fail = [error](const QString& why) {
        *error = why;
        return false;
    };
    if (text.size() > kMaxLength)
        return fail(tr("the link is longer than %1 characters").arg(kMaxLength));
    // Checked before decoding too: a raw control character has no place in a link.
    if (hasControl(text))
        return fail(tr("the link holds a control character"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return fail(tr("the link is not a valid URL: %1").arg(url.errorString()));
    if (url.scheme().compare(QLatin1String("onramp"), Qt::CaseInsensitive) != 0)
        return fail(tr("the link is not an onramp:// link"));
    if (!url.userInfo().isEmpty() || url.port() != -1 || url.hasFragment()
        || (!url.path().isEmpty() && url.path() != QLatin1String("/")))
        return fail(tr("the link holds more than onramp://open?… or onramp://server?…"));
    OnrampLink link;
    const QString action = url.host();
    QStringList allowed;
    if (action == QLatin1String("open")) {
        link.kind = Kind::Open;
        allowed = {QStringLiteral("vault"), QStringLiteral("name")};
    } else if (action == QLatin1String("server")) {
        link.kind = Kind::Server;
        allowed = {QStringLiteral("url"), QStringLiteral("name")};
    } else {
        return fail(tr("the link's action “%1” is neither open nor server").arg(text::printable(action)));
    }
    const QUrlQuery query(url);
    QStringList seen;
    for (const auto& [key, encoded] : query.queryItems(QUrl::FullyEncoded)) {
        const QString name = QUrl::fromPercentEncoding(key.toUtf8());
        const QString value = QUrl::fromPercentEncoding(encoded.toUtf8());
        if (!allowed.contains(name)) {
            if (name.contains(QLatin1String("pass"), Qt::CaseInsensitive)
                || name.contains(QLatin1String("secret"), Qt::CaseInsensitive)
                || name.contains(QLatin1String("key"), Qt::CaseInsensitive)
                || name.contains(QLatin1String("token"), Qt::CaseInsensitive))
                return fail(tr("the link holds “%1”: a link never carries a passphrase or a secret; "
                               "they are handed over apart")
                                .arg(text::printable(name)));
            return fail(tr("the link holds the unknown field “%1” (it takes %2)")
                            .arg(text::printable(name), allowed.join(QStringLiteral(", "))));
        }
        if (seen.contains(name))
            return fail(tr("the link gives the field “%1” twice").arg(name));
        seen.append(name);
        if (hasControl(value))
            return fail(tr("the link's field “%1” holds a control character").arg(name));
        if (name == QLatin1String("vault"))
            link.vault = value;
        else if (name == QLatin1String("url"))
            link.url = value;
        else
            link.name = value;
    }
    if (link.kind == Kind::Open) {
        if (link.vault.isEmpty())
            return fail(tr("the link names no vault folder (vault=/path/to/folder)"));
        if (!QDir::isAbsolutePath(link.vault) || !link.vault.startsWith(u'/'))
            return fail(tr("the link's vault “%1” is not an absolute path").arg(link.vault));
        link.vault = QDir::cleanPath(link.vault);
    } else {
        if (link.url.isEmpty())
            return fail(tr("the link names no team server (url=postgresql://…)"));
        const QUrl server(link.url, QUrl::StrictMode);
        if (!server.isValid() || server.scheme() != QLatin1String("postgresql") || server.host().isEmpty())
            return fail(tr("the link's url “%1” is not a postgresql:// address of a server").arg(link.url));
        // A server's address with a password in it would put a secret in a link.
        if (!server.password().isEmpty() || QUrlQuery(server).hasQueryItem(QStringLiteral("password"))
            || QUrlQuery(server).hasQueryItem(QStringLiteral("sslpassword")))
            return fail(tr("the link's url holds a password: a link never carries a passphrase or a secret"));
    }
    if (!link.name.isEmpty() && !isValidPersonName(link.name))
        return fail(tr("the link's name “%1” is not a person's sign-in name").arg(link.name));
    *out = link;
    return true;
}

} // namespace onramp::ui
