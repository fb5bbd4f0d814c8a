// The built-in providers, "generated" and "static", and the registry that
// later providers (PostgreSQL roles, OpenSSH certificates) add themselves to.
#include "Provider.h"
#include "SecretStore.h"

#include "vault/Vault.h"

#include <QCoreApplication>
#include <QMap>
#include <QMutex>

#include <sodium.h>

#include <algorithm>

namespace onramp {

Error checkSecretToSet(const QString& credentialId, const SecureBytes& secret)
{
    if (secret.isEmpty())
        return Error(ErrorKind::InvalidInput, Tr::tr("the secret for '%1' is empty").arg(credentialId));
    const QByteArrayView bytes = secret.view();
    if (std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }))
        return Error(ErrorKind::InvalidInput,
                     Tr::tr("the secret for '%1' is only spaces; paste the secret itself").arg(credentialId));
    return {};
}

SecureBytes readableSecret(int length)
{
    static const char kReadable[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    ensureSodium();
    SecureBytes secret(std::size_t(std::max(length, 0)));
    for (std::size_t i = 0; i < secret.size(); ++i)
        secret.data()[i] = static_cast<unsigned char>(kReadable[randombytes_uniform(sizeof kReadable - 1)]);
    return secret;
}

SecureBytes generatedSecret(const CredentialTemplate& credential)
{
    const int length = credential.secretLength > 0 ? credential.secretLength : 32;
    const QString& alphabet = credential.secretAlphabet;
    if (alphabet.isEmpty())
        return readableSecret(length);
    ensureSodium();
    QList<QByteArray> symbols;
    qsizetype widest = 1;
    for (char32_t c : QStringView(alphabet).toUcs4()) {
        const QByteArray utf8 = QString::fromUcs4(&c, 1).toUtf8();
        if (!symbols.contains(utf8))
            symbols.append(utf8);
        widest = std::max(widest, utf8.size());
    }
    SecureBytes buffer(std::size_t(length) * std::size_t(widest));
    std::size_t used = 0;
    for (int i = 0; i < length; ++i) {
        const QByteArray& symbol = symbols.at(qsizetype(randombytes_uniform(uint32_t(symbols.size()))));
        std::memcpy(buffer.data() + used, symbol.constData(), std::size_t(symbol.size()));
        used += std::size_t(symbol.size());
    }
    return SecureBytes::copyOf(buffer.view().first(qsizetype(used)));
}

namespace {

// Sandbox secrets are fresh every time (the sandbox row keeps the one issued).
// A production secret is issued once per hire and kept under the production
// key, so a renewal re-seals the same one; revoking drops it, and the next
// grant gets a new one.
class GeneratedProvider final : public Provider
{
public:
    QString name() const override { return QStringLiteral("generated"); }

    Error issue(const IssueRequest& request, std::optional<SecureBytes>* out) override
    {
        const CredentialTemplate& cred = request.credential;
        if (cred.environment == Environment::Sandbox) {
            *out = generatedSecret(cred);
            return {};
        }
        SecretStore store(request.vault);
        if (!request.fresh) {
            if (Error e = store.get(cred.id, cred.environment, request.hire.id, out))
                return e;
            if (*out)
                return {};
        }
        *out = generatedSecret(cred);
        return store.put(cred.id, cred.environment, request.hire.id, **out, request.now);
    }

    Error revoke(const IssueRequest& request) override
    {
        if (request.credential.environment == Environment::Sandbox)
            return {};
        return SecretStore(request.vault)
            .remove(request.credential.id, request.credential.environment, request.hire.id);
    }

    bool hireMayReissue() const override { return true; }
};

// One secret per credential id, set by an admin ('onramp cred set').
class StaticProvider final : public Provider
{
public:
    QString name() const override { return QStringLiteral("static"); }

    Error issue(const IssueRequest& request, std::optional<SecureBytes>* out) override
    {
        if (!request.vault.holdsProductionKey())
            return Error(ErrorKind::NotPermitted,
                         Tr::tr("'%1' is a static credential: only an admin can set a new secret for it")
                             .arg(request.credential.id));
        return SecretStore(request.vault).get(request.credential.id, request.credential.environment, 0, out);
    }
};

struct Registry {
    QMutex mutex;
    QMap<QString, Providers::Factory> factories{
        {QStringLiteral("generated"), [] { return std::make_unique<GeneratedProvider>(); }},
        {QStringLiteral("static"), [] { return std::make_unique<StaticProvider>(); }},
    };
};

Registry& registry()
{
    static Registry instance;
    return instance;
}

} // namespace

Error Provider::revoke(const IssueRequest&)
{
    return {};
}

Error Provider::readConnection(const QString&, ConnectionAddress* out) const
{
    *out = {};
    return Error(ErrorKind::NotPermitted,
                 Tr::tr("the %1 provider signs in nowhere: it has no connections").arg(name()));
}

Error Provider::reset(const IssueRequest& request, const QMap<QString, QString>&, const SecureBytes&)
{
    return Error(ErrorKind::NotPermitted,
                 Tr::tr("'%1' is a %2 credential: there is nothing at its source to reset")
                     .arg(request.credential.id, request.credential.provider));
}

void Providers::add(const QString& name, Factory factory)
{
    QMutexLocker lock(&registry().mutex);
    registry().factories.insert(name, std::move(factory));
}

std::unique_ptr<Provider> Providers::make(const QString& name)
{
    QMutexLocker lock(&registry().mutex);
    const auto it = registry().factories.constFind(name);
    return it == registry().factories.cend() ? nullptr : (*it)();
}

} // namespace onramp
