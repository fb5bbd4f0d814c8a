#include "checklist/ChecklistWriter.h"

#include "checklist/ChecklistRules.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace onramp {

namespace {

std::string utf8(const QString& text)
{
    return text.toStdString();
}

bool isSpecial(QChar c)
{
    return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format || c == QChar::LineSeparator
        || c == QChar::ParagraphSeparator || c.unicode() == 0x85 || c.unicode() == 0xFEFF;
}

// A literal block reads best for a multi-line body, but yaml-cpp writes neither
// an indentation nor a chomping indicator: text starting with a space, holding
// control characters, or whose trailing newline would matter (anything but a
// body, which the parser trims) goes double-quoted, which is always exact.
void writeText(YAML::Emitter& out, const std::string& key, const QString& value, bool block = false)
{
    out << YAML::Key << key << YAML::Value;
    const bool special = std::any_of(value.cbegin(), value.cend(), [](QChar c) { return c != u'\n' && isSpecial(c); });
    if (block && value.contains(u'\n') && !special && !value.front().isSpace())
        out << YAML::Literal << utf8(value);
    else if (special || value.contains(u'\n'))
        out << YAML::DoubleQuoted << utf8(value);
    else
        out << utf8(value);
}

void writeStep(YAML::Emitter& out, const Step& step)
{
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << utf8(step.id);
    if (!step.section.isEmpty())
        writeText(out, "section", step.section);
    writeText(out, "title", step.title);
    if (!step.body.isEmpty())
        writeText(out, "body", step.body, true);
    if (step.dueDays)
        out << YAML::Key << "due" << YAML::Value << *step.dueDays;
    if (step.required)
        out << YAML::Key << "required" << YAML::Value << true;
    if (step.signoff)
        out << YAML::Key << "signoff" << YAML::Value << true;
    out << YAML::EndMap;
}

void writeCredential(YAML::Emitter& out, const CredentialTemplate& cred)
{
    out << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << utf8(cred.id);
    writeText(out, "title", cred.title);
    out << YAML::Key << "environment" << YAML::Value << utf8(environmentName(cred.environment));
    out << YAML::Key << "provider" << YAML::Value << utf8(cred.provider);
    if (!cred.fields.isEmpty()) {
        out << YAML::Key << "fields" << YAML::Value << YAML::BeginMap;
        for (auto it = cred.fields.cbegin(); it != cred.fields.cend(); ++it)
            writeText(out, utf8(it.key()), it.value());
        out << YAML::EndMap;
    }
    if (!cred.secretName.isEmpty() || cred.secretLength > 0) {
        out << YAML::Key << "secret" << YAML::Value << YAML::Flow << YAML::BeginMap;
        writeText(out, "name", cred.secretName);
        out << YAML::Key << "length" << YAML::Value << cred.secretLength;
        if (!cred.secretAlphabet.isEmpty())
            writeText(out, "alphabet", cred.secretAlphabet);
        out << YAML::EndMap;
    }
    if (!cred.pgServer.isEmpty()) {
        out << YAML::Key << "postgresql" << YAML::Value << YAML::Flow << YAML::BeginMap;
        writeText(out, "server", cred.pgServer);
        if (!cred.pgRoles.isEmpty()) {
            out << YAML::Key << "roles" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const QString& role : cred.pgRoles)
                out << utf8(role);
            out << YAML::EndSeq;
        }
        if (!cred.pgTemplate.isEmpty())
            writeText(out, "template", cred.pgTemplate);
        out << YAML::EndMap;
    }
    if (cred.ttlSeconds > 0)
        out << YAML::Key << "ttl" << YAML::Value << utf8(formatTtl(cred.ttlSeconds));
    out << YAML::EndMap;
}

} // namespace

QByteArray toYaml(const Checklist& checklist)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    out << YAML::Key << "onramp" << YAML::Value << checklist.formatVersion;
    if (!checklist.productionHosts.isEmpty()) {
        out << YAML::Key << "production_hosts" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString& host : checklist.productionHosts)
            out << YAML::DoubleQuoted << utf8(host);
        out << YAML::EndSeq;
    }
    out << YAML::Key << "checklist" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "id" << YAML::Value << utf8(checklist.id);
    writeText(out, "title", checklist.title);
    out << YAML::Key << "steps" << YAML::Value << YAML::BeginSeq;
    for (const Step& step : checklist.steps)
        writeStep(out, step);
    out << YAML::EndSeq << YAML::EndMap;
    if (!checklist.credentials.isEmpty()) {
        out << YAML::Key << "credentials" << YAML::Value << YAML::BeginSeq;
        for (const CredentialTemplate& cred : checklist.credentials)
            writeCredential(out, cred);
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    QByteArray bytes(out.c_str(), static_cast<qsizetype>(out.size()));
    bytes.append('\n');
    return bytes;
}

} // namespace onramp
