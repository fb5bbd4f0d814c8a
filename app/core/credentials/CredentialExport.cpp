#include "CredentialExport.h"

#include <cstring>

namespace onramp {

namespace {

// Appends into secure memory, so the file's content never sits in a QByteArray.
class SecureWriter
{
public:
    void append(QByteArrayView bytes)
    {
        if (m_used + std::size_t(bytes.size()) > m_buffer.size()) {
            SecureBytes bigger(std::max<std::size_t>(1024, 2 * (m_used + std::size_t(bytes.size()))));
            if (m_used > 0)
                std::memcpy(bigger.data(), m_buffer.data(), m_used);
            m_buffer = std::move(bigger);
        }
        if (!bytes.isEmpty())
            std::memcpy(m_buffer.data() + m_used, bytes.data(), std::size_t(bytes.size()));
        m_used += std::size_t(bytes.size());
    }
    void append(const QString& text) { append(QByteArrayView(text.toUtf8())); }
    SecureBytes take() { return SecureBytes::copyOf(m_buffer.view().first(qsizetype(m_used))); }

private:
    SecureBytes m_buffer;
    std::size_t m_used = 0;
};

// Shell single quotes: a ' inside becomes '"'"'.
void appendShellQuoted(SecureWriter& out, QByteArrayView value)
{
    out.append(QByteArrayView("'"));
    for (char c : value)
        out.append(c == '\'' ? QByteArrayView("'\"'\"'") : QByteArrayView(&c, 1));
    out.append(QByteArrayView("'"));
}

// pgpass escapes ':' and '\' with a backslash.
void appendPgpassField(SecureWriter& out, QByteArrayView value)
{
    for (char c : value) {
        if (c == ':' || c == '\\')
            out.append(QByteArrayView("\\"));
        out.append(QByteArrayView(&c, 1));
    }
}

QString firstField(const QMap<QString, QString>& fields, const QStringList& names)
{
    for (const QString& name : names)
        if (fields.contains(name))
            return fields.value(name);
    return {};
}

} // namespace

bool fitsPgpass(const CredentialView& view)
{
    const QMap<QString, QString>& fields = view.credential.fields;
    return !fields.value(QStringLiteral("host")).isEmpty()
        && !firstField(fields, {QStringLiteral("user"), QStringLiteral("username")}).isEmpty();
}

std::optional<ExportFormat> exportFormatFromName(const QString& name)
{
    if (name == QLatin1String("env"))
        return ExportFormat::Env;
    if (name == QLatin1String("pgpass"))
        return ExportFormat::Pgpass;
    return std::nullopt;
}

QString envName(const QString& credentialId, const QString& field)
{
    QString name = (credentialId + QLatin1Char('_') + field).toUpper();
    for (QChar& c : name)
        if (!(c.isLetterOrNumber() && c.unicode() < 128))
            c = QLatin1Char('_');
    if (!name.isEmpty() && name.at(0).isDigit())
        name.prepend(QLatin1Char('_'));
    return name;
}

SecureBytes exportCredentials(const QList<CredentialView>& views, const std::vector<SecureBytes>& secrets,
                              ExportFormat format)
{
    SecureWriter out;
    for (qsizetype i = 0; i < views.size() && std::size_t(i) < secrets.size(); ++i) {
        const CredentialView& view = views.at(i);
        const QMap<QString, QString>& fields = view.credential.fields;
        if (format == ExportFormat::Env) {
            out.append(
                QStringLiteral("# %1: %2\n").arg(environmentName(view.credential.environment), view.credential.title));
            for (auto it = fields.cbegin(); it != fields.cend(); ++it) {
                out.append(envName(view.credential.id, it.key()) + QLatin1Char('='));
                appendShellQuoted(out, it.value().toUtf8());
                out.append(QByteArrayView("\n"));
            }
            out.append(envName(view.credential.id, view.secretName()) + QLatin1Char('='));
            appendShellQuoted(out, secrets[std::size_t(i)].view());
            out.append(QByteArrayView("\n"));
            continue;
        }
        if (!fitsPgpass(view))
            continue;
        QString host = fields.value(QStringLiteral("host"));
        const QString user = firstField(fields, {QStringLiteral("user"), QStringLiteral("username")});
        QString port = fields.value(QStringLiteral("port"));
        const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
        if (colon > 0 && host.count(QLatin1Char(':')) == 1) {
            if (port.isEmpty())
                port = host.mid(colon + 1);
            host.truncate(colon);
        }
        const QString database =
            firstField(fields, {QStringLiteral("database"), QStringLiteral("dbname"), QStringLiteral("db")});
        for (const QString& part : {host, port.isEmpty() ? QStringLiteral("*") : port,
                                    database.isEmpty() ? QStringLiteral("*") : database, user}) {
            if (part == QLatin1String("*"))
                out.append(part);
            else
                appendPgpassField(out, part.toUtf8());
            out.append(QByteArrayView(":"));
        }
        appendPgpassField(out, secrets[std::size_t(i)].view());
        out.append(QByteArrayView("\n"));
    }
    return out.take();
}

} // namespace onramp
