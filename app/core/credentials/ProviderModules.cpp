// Providers that live in a module of their own, loaded on first use: the
// `postgresql` provider needs libpq (and what it pulls in: Kerberos, LDAP,
// SASL), which no other part of a command or of the app loads, so a vault
// whose checklists name no `postgresql` credential never loads it.
#include "ProviderModules.h"
#include "Provider.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLibrary>
#include <QLoggingCategory>
#include <QMutex>

#include <dlfcn.h>

Q_LOGGING_CATEGORY(lcProviderModules, "onramp.credentials.modules", QtInfoMsg)

namespace onramp {

namespace {

/// Stands in for a provider whose module cannot be loaded: every use is an
/// error naming the provider and why, so nothing is issued or recorded.
class UnavailableProvider final : public Provider
{
public:
    UnavailableProvider(QString name, QString why)
        : m_name(std::move(name))
        , m_why(std::move(why))
    {}
    QString name() const override { return m_name; }
    Error issue(const IssueRequest& request, std::optional<SecureBytes>* out) override
    {
        out->reset();
        return failure(request);
    }
    Error revoke(const IssueRequest& request) override { return failure(request); }
    Error reset(const IssueRequest& request, const QMap<QString, QString>&, const SecureBytes&) override
    {
        return failure(request);
    }
    bool actsAtSource() const override { return true; }
    Error readConnection(const QString&, ConnectionAddress* out) const override
    {
        *out = {};
        return Error(ErrorKind::Io, Tr::tr("the %1 provider of this Onramp cannot be loaded: %2").arg(m_name, m_why));
    }

private:
    Error failure(const IssueRequest& request) const
    {
        return Error(ErrorKind::Io,
                     Tr::tr("%1 credential '%2': the %1 provider of this Onramp cannot be loaded: %3")
                         .arg(m_name, request.credential.id, m_why));
    }

    QString m_name;
    QString m_why;
};

/// The folder of the library this code is linked into (the commands' or the
/// app's, in lib/onramp), where the provider modules are installed beside it.
QString ownFolder()
{
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&registerProviderModules), &info) == 0 || !info.dli_fname)
        return {};
    return QFileInfo(QFile::decodeName(info.dli_fname)).canonicalPath();
}

using MakeProvider = Provider* (*)();

/// \a module's `<module>_new_provider`, resolved once; null with \a why when it cannot be.
MakeProvider resolveOnce(const QString& module, QString* why)
{
    static QMutex mutex;
    static QHash<QString, QPair<MakeProvider, QString>> resolved;
    QMutexLocker lock(&mutex);
    const auto known = resolved.constFind(module);
    if (known != resolved.cend()) {
        *why = known->second;
        return known->first;
    }
    // Never unloaded: the providers it makes live until the program ends.
    QLibrary library(QDir(ownFolder()).filePath(QStringLiteral("lib%1.so").arg(module)));
    const auto entry =
        reinterpret_cast<MakeProvider>(library.resolve(qPrintable(module + QStringLiteral("_new_provider"))));
    const QString error = entry ? QString() : library.errorString();
    if (entry)
        qCDebug(lcProviderModules) << "loaded" << library.fileName();
    else
        qCWarning(lcProviderModules).noquote() << "cannot load" << module << error;
    resolved.insert(module, {entry, error});
    *why = error;
    return entry;
}

} // namespace

void registerProviderModules()
{
    const QString name = QStringLiteral("postgresql");
    const QString module = QStringLiteral("onramp_postgresql");
    Providers::add(name, [name, module]() -> std::unique_ptr<Provider> {
        QString why;
        if (const MakeProvider make = resolveOnce(module, &why))
            return std::unique_ptr<Provider>(make());
        return std::make_unique<UnavailableProvider>(name, why);
    });
}

} // namespace onramp
