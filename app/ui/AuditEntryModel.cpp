#include "AuditEntryModel.h"
#include "Formats.h"
#include "HiddenText.h"

#include "scan/ScanReport.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>

namespace onramp::ui {

namespace {

QString scalarText(const QJsonValue& value)
{
    if (value.isBool())
        return value.toBool() ? AuditEntryModel::tr("yes") : AuditEntryModel::tr("no");
    const QString text = value.toVariant().toString();
    // A moment or a day in the app's date style, as everywhere else.
    static const QRegularExpression moment(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}"));
    static const QRegularExpression day(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (value.isString() && moment.match(text).hasMatch()) {
        const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (at.isValid())
            return logTime(at);
    }
    if (value.isString() && day.match(text).hasMatch()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            return listDate(date);
    }
    return text;
}

/// The values the core writes as codes (grep detailsValue, "outcome",
/// kdfLevelName, Grants::ending), by key, in words; the other values are
/// names, numbers and dates, shown as they are.
const QHash<QString, QHash<QString, const char*>>& codedValues()
{
    static const QHash<QString, QHash<QString, const char*>> words = {
        {QStringLiteral("first_passphrase"),
         {{QStringLiteral("not_handed_over"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "not handed over")},
          {QStringLiteral("handed_over"),
           QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "handed over: they choose their own")},
          {QStringLiteral("handed_over_random"),
           QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "a random one, handed over: they choose their own")}}},
        {QStringLiteral("outcome"),
         {{QStringLiteral("started"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "started")},
          {QStringLiteral("failed"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "failed")}}},
        {QStringLiteral("kdf_level"),
         {{QStringLiteral("interactive"),
           QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "interactive (the fastest)")},
          {QStringLiteral("moderate"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "moderate")},
          {QStringLiteral("sensitive"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "sensitive (the slowest)")},
          {QStringLiteral("demo"),
           QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "demo (fast, for the demo vault only)")}}},
        // Why a sandbox credential was issued again (People::resetPassphrase).
        {QStringLiteral("reason"),
         {{QStringLiteral("passphrase.reset"),
           QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "their passphrase was reset")}}},
        {QStringLiteral("how"),
         {{QStringLiteral("revoked"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "revoked")},
          {QStringLiteral("renewed"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "renewed")},
          {QStringLiteral("expired"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "expired")}}},
    };
    return words;
}

/// The value of \a key in words where the core writes one of a few codes
/// (people/FirstPassphrase.h, the rekey's outcome, the key derivation's level,
/// how a grant ended); any other value as scalarText() gives it.
QString valueText(const QString& key, const QJsonValue& value)
{
    if (value.isString()) {
        const QString code = value.toString();
        if (key == QLatin1String("role"))
            return roleTitle(code);
        const QString words = AuditEntryModel::detailValueText(key, code);
        if (!words.isEmpty())
            return words;
    }
    return scalarText(value);
}

/// The production grants an entry ended ({"id": 5, "how": "revoked"}), in words.
QString endedGrantsText(const QJsonArray& grants)
{
    // Counted by how they ended: a grant's number says nothing to a reader
    // (the export keeps the numbers).
    QStringList order;
    QHash<QString, int> counts;
    for (const QJsonValue& v : grants) {
        const QString how = valueText(QStringLiteral("how"), v.toObject().value(QStringLiteral("how")));
        if (!counts.contains(how))
            order.append(how);
        ++counts[how];
    }
    QStringList items;
    for (const QString& how : std::as_const(order))
        items.append(how.isEmpty() ? AuditEntryModel::tr("%n grant(s)", "", counts.value(how))
                                   //: production grants that ended, by how: "revoked: 2 grants"
                                   : AuditEntryModel::tr("%1: %n grant(s)", "", counts.value(how)).arg(how));
    return items.join(QStringLiteral("; "));
}

/// A detail that names a person by their number.
bool isPersonKey(const QString& key)
{
    return key == QLatin1String("person_id") || key == QLatin1String("hire_id") || key == QLatin1String("mentor_id");
}

/// The signed records of an entry ({"table": "enrollments", "id": 7, ...}),
/// by what they are: "enrollment 7, step review 12"; those without a table
/// counted. A checklist's row is named by the version \a entry gives (its
/// row number is no version: the second version of one checklist may be
/// the vault's third row), or as a record when it gives none.
QString recordsText(const QJsonArray& records, const QJsonObject& entry)
{
    static const QHash<QString, const char*> kinds = {
        {QStringLiteral("checklists"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "checklist record %1")},
        {QStringLiteral("enrollments"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "enrollment %1")},
        {QStringLiteral("step_reviews"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "step review %1")},
        {QStringLiteral("signoffs"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "sign-off %1")},
        {QStringLiteral("credential_grants"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "production grant %1")},
    };
    QStringList named;
    int other = 0;
    for (const QJsonValue& v : records) {
        const QJsonObject record = v.toObject();
        const auto kind = kinds.constFind(record.value(QStringLiteral("table")).toString());
        if (kind == kinds.constEnd() || !record.contains(QStringLiteral("id")))
            ++other;
        else if (kind.key() == QLatin1String("checklists") && entry.value(QStringLiteral("version")).isDouble())
            named.append(
                AuditEntryModel::tr("checklist version %1").arg(scalarText(entry.value(QStringLiteral("version")))));
        else
            named.append(AuditEntryModel::tr(*kind).arg(scalarText(record.value(QStringLiteral("id")))));
    }
    if (other > 0)
        //: signed records of an audit entry not named by what they are
        named.append(AuditEntryModel::tr("%n signed record(s)", "", other));
    return named.join(QStringLiteral(", "));
}

bool isScanRun(const AuditEntry& entry)
{
    return entry.action == QLatin1String("scan.run");
}

/// A value with nothing to show: no text, no items.
bool isEmpty(const QJsonValue& value)
{
    return value.isNull() || value.isUndefined() || (value.isString() && value.toString().trimmed().isEmpty())
        || (value.isArray() && value.toArray().isEmpty()) || (value.isObject() && value.toObject().isEmpty());
}

/// A detail of an entry: its name in words, its value, and the key it was
/// written under (empty for one worded apart from its key).
struct DetailField {
    QString name;
    QString value;
    QString key;
};

/// Each detail of \a json as a name in words and its value; the signed
/// records counted, or left out; empty ones left out. A scan's sealed
/// findings are worded only in a \a scanRun entry's: another action's
/// "sealed" or "unopened" is its writer's, shown as written.
QList<DetailField> detailFields(const QString& json, bool withRecords, bool scanRun)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    QList<DetailField> fields;
    // What happened first (the step, the credential, the checklist, what was
    // said), then the rest in the order of their keys, then the numbers and
    // moments the row shows already or that only the logs' readers search
    // for, and fingerprints (hashes) last.
    // Each value before what it replaced ("Mentor", then "Mentor before").
    static const QStringList leading = {
        QStringLiteral("step"),
        QStringLiteral("credential"),
        QStringLiteral("checklist"),
        QStringLiteral("from_checklist"),
        QStringLiteral("title"),
        QStringLiteral("name"),
        QStringLiteral("display_name"),
        QStringLiteral("role"),
        QStringLiteral("hire"),
        QStringLiteral("mentor"),
        QStringLiteral("from_mentor"),
        QStringLiteral("start"),
        QStringLiteral("from_start"),
        QStringLiteral("comment"),
        QStringLiteral("note"),
        QStringLiteral("reason"),
        QStringLiteral("version"),
        QStringLiteral("from_version"),
        QStringLiteral("checklist_version"),
        QStringLiteral("expires_at"),
    };
    static const QStringList trailing = {
        QStringLiteral("done_at"),
        QStringLiteral("enrollment"),
        QStringLiteral("enrollment_id"),
        QStringLiteral("person_id"),
        QStringLiteral("vault_id"),
        QStringLiteral("public_key"),
        QStringLiteral("previous_public_key"),
        QStringLiteral("seal"),
        QStringLiteral("records"),
    };
    const auto rank = [](const QString& key) -> qsizetype {
        if (key.endsWith(QLatin1String("_hash")))
            return 3 * 1000;
        if (const qsizetype at = trailing.indexOf(key); at >= 0)
            return 2 * 1000 + at;
        if (const qsizetype at = leading.indexOf(key); at >= 0)
            return at;
        return 1000;
    };
    QStringList keys = object.keys();
    std::stable_sort(keys.begin(), keys.end(),
                     [&rank](const QString& a, const QString& b) { return rank(a) < rank(b); });
    for (const QString& key : std::as_const(keys)) {
        const auto it = object.constFind(key);
        const QJsonValue value = it.value();
        if (isEmpty(value))
            continue;
        // A move's cut-off of the reviews and sign-offs it no longer counts:
        // 0 cuts nothing off, and says nothing to a reader.
        if (key.endsWith(QLatin1String("s_before")) && value.isDouble() && value.toDouble() == 0)
            continue;
        // Any other cut-off is a row number: what it means is that they no longer count.
        if (key == QLatin1String("reviews_before") && value.isDouble()) {
            fields.append(
                {AuditEntryModel::tr("Reviews given before it"), AuditEntryModel::tr("no longer count"), key});
            continue;
        }
        if (key == QLatin1String("signoffs_before") && value.isDouble()) {
            fields.append(
                {AuditEntryModel::tr("The sign-off given before it"), AuditEntryModel::tr("no longer counts"), key});
            continue;
        }
        // A person's number beside their name (mentor_id by mentor): the
        // name says who, and a second "Mentor" with a number says nothing more.
        if (key.endsWith(QLatin1String("_id")) && object.contains(key.chopped(3)))
            continue;
        QString text;
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            const bool scalars = std::all_of(array.begin(), array.end(),
                                             [](const QJsonValue& v) { return !v.isObject() && !v.isArray(); });
            if (scalars) {
                QStringList items;
                for (const QJsonValue& v : array)
                    items.append(scalarText(v));
                text = items.join(QStringLiteral(", "));
            } else if (it.key() == QLatin1String("ended_grants")) {
                text = endedGrantsText(array);
            } else if (it.key() == QLatin1String("records")) {
                if (!withRecords)
                    continue;
                // The signed records an entry covers, by what they are
                // ("enrollment 7"); their digests nobody reads in a table,
                // the export keeps them whole.
                text = recordsText(array, object);
            } else {
                text = AuditEntryModel::tr("%n item(s)", "", int(array.size()));
            }
        } else if (value.isObject()) {
            QStringList items;
            const QJsonObject inner = value.toObject();
            for (auto in = inner.constBegin(); in != inner.constEnd(); ++in) {
                if (isEmpty(in.value()))
                    continue;
                // A scan's counts by the kind of finding in words; the
                // credentials it found leaked by their ids, as written.
                const QString name = it.key() == QLatin1String("findings") ? scan::kindTitle(in.key())
                    : it.key() == QLatin1String("leaked")                  ? in.key()
                                                                           : AuditEntryModel::detailName(in.key());
                items.append(name + QStringLiteral(": ")
                             + (in.value().isObject() || in.value().isArray() ? QStringLiteral("…")
                                                                              : valueText(in.key(), in.value())));
            }
            text = items.join(QStringLiteral(", "));
        } else if (scanRun && it.key() == QLatin1String("sealed") && value.isString()) {
            // A scan's findings sealed with the production key (scan.run by
            // an admin or a mentor): what they are, never their bytes.
            fields.append({AuditEntryModel::tr("Findings"),
                           object.value(QStringLiteral("unopened")).toBool()
                               ? AuditEntryModel::tr("sealed, and they do not open with the production key this "
                                                     "vault holds now (sealed before it was rotated, or not by an "
                                                     "admin or a mentor)")
                               : AuditEntryModel::tr("sealed for admins and mentors"),
                           key});
            continue;
        } else if (scanRun && it.key() == QLatin1String("unopened")) {
            continue; // said with "sealed" above
        } else if (isPersonKey(it.key()) && value.isDouble()) {
            // A person the vault no longer names (or a model without names).
            //: a person in an audit entry's details, by their number when no name is known
            text = AuditEntryModel::tr("person %1").arg(scalarText(value));
        } else if (it.key() == QLatin1String("commit_of") && value.isDouble()) {
            //: an earlier audit entry, by its number
            text = AuditEntryModel::tr("entry %1").arg(scalarText(value));
        } else {
            text = valueText(it.key(), value);
        }
        // A move's version is where it went, beside where it came from.
        const bool movedTo = it.key() == QLatin1String("version") && object.contains(QStringLiteral("from_version"));
        if (!text.trimmed().isEmpty())
            fields.append(
                {movedTo ? AuditEntryModel::tr("To version") : AuditEntryModel::detailName(it.key()), text, it.key()});
    }
    return fields;
}

QStringList detailParts(const QString& json, bool withRecords, bool scanRun)
{
    QStringList parts;
    const auto fields = detailFields(json, withRecords, scanRun);
    for (const DetailField& field : fields)
        parts.append(field.name + QStringLiteral(": ") + field.value);
    return parts;
}

} // namespace

QString AuditEntryModel::detailHelp(const QString& key)
{
    // What a detail that reads as a string of letters and digits is for; the
    // others say it themselves.
    static const QHash<QString, const char*> help = {
        {QStringLiteral("seal"),
         QT_TR_NOOP("A random tag stored with the encrypted secret, so that an older copy put back in its place "
                    "shows. It says nothing about the secret, which is never written to the log.")},
        {QStringLiteral("public_key"),
         QT_TR_NOOP("The key that checks this person's signatures: everything they sign from now on is verified "
                    "against it.")},
        {QStringLiteral("previous_public_key"),
         QT_TR_NOOP("The key their signatures were checked against before this change.")},
        {QStringLiteral("checklist_digest"),
         QT_TR_NOOP("A fingerprint of the checklist's text as it was signed: a later change to the text shows.")},
    };
    const auto it = help.constFind(key);
    return it == help.constEnd() ? QString() : tr(*it);
}

QString AuditEntryModel::detailName(const QString& key)
{
    // The keys the core writes into an entry's details (grep AuditLog::append,
    // commitEntry), in words; a key it does not know reads as its words.
    static const QHash<QString, const char*> words = {
        {QStringLiteral("checklist"), QT_TR_NOOP("Checklist")},
        {QStringLiteral("checklists"), QT_TR_NOOP("Checklists")},
        {QStringLiteral("checklist_version"), QT_TR_NOOP("Checklist version")},
        {QStringLiteral("version"), QT_TR_NOOP("Version")},
        {QStringLiteral("from_version"), QT_TR_NOOP("From version")},
        {QStringLiteral("title"), QT_TR_NOOP("Title")},
        {QStringLiteral("mentor"), QT_TR_NOOP("Mentor")},
        {QStringLiteral("mentor_id"), QT_TR_NOOP("Mentor")},
        {QStringLiteral("hire"), QT_TR_NOOP("Hire")},
        {QStringLiteral("hire_id"), QT_TR_NOOP("Hire")},
        {QStringLiteral("person_id"), QT_TR_NOOP("Person")},
        {QStringLiteral("display_name"), QT_TR_NOOP("Shown as")},
        {QStringLiteral("name"), QT_TR_NOOP("Name")},
        {QStringLiteral("steps"), QT_TR_NOOP("Steps")},
        {QStringLiteral("reason"), QT_TR_NOOP("Reason")},
        {QStringLiteral("environment"), QT_TR_NOOP("Environment")},
        {QStringLiteral("provider"), QT_TR_NOOP("Connection")},
        {QStringLiteral("backup_taken_at"), QT_TR_NOOP("Backup taken")},
        {QStringLiteral("backup_taken_by"), QT_TR_NOOP("Backup taken by")},
        {QStringLiteral("backup_head_seq"), QT_TR_NOOP("Backup's last entry")},
        {QStringLiteral("backup_head_hash"), QT_TR_NOOP("Fingerprint of the backup's last entry")},
        {QStringLiteral("sealed"), QT_TR_NOOP("Sealed")},
        {QStringLiteral("role"), QT_TR_NOOP("Role")},
        {QStringLiteral("start"), QT_TR_NOOP("Start date")},
        {QStringLiteral("enrollment"), QT_TR_NOOP("Enrollment")},
        {QStringLiteral("enrollment_id"), QT_TR_NOOP("Enrollment")},
        {QStringLiteral("step"), QT_TR_NOOP("Step")},
        {QStringLiteral("note"), QT_TR_NOOP("Note")},
        {QStringLiteral("comment"), QT_TR_NOOP("Comment")},
        {QStringLiteral("credential"), QT_TR_NOOP("Credential")},
        {QStringLiteral("delivered"), QT_TR_NOOP("Hires it reached")},
        {QStringLiteral("seal"), QT_TR_NOOP("Seal of the kept secret")},
        {QStringLiteral("ended_grants"), QT_TR_NOOP("Production grants ended")},
        {QStringLiteral("revoked"), QT_TR_NOOP("Revoked")},
        {QStringLiteral("dropped_steps"), QT_TR_NOOP("Steps removed")},
        {QStringLiteral("from_checklist"), QT_TR_NOOP("From checklist")},
        {QStringLiteral("ended_reviews"), QT_TR_NOOP("Reviews ended")},
        {QStringLiteral("ended_signoffs"), QT_TR_NOOP("Sign-offs ended")},
        {QStringLiteral("expires_at"), QT_TR_NOOP("Expires")},
        {QStringLiteral("granted_by"), QT_TR_NOOP("Given by")},
        {QStringLiteral("signed_off_by"), QT_TR_NOOP("Signed off by")},
        {QStringLiteral("signed_off_at"), QT_TR_NOOP("Signed off on")},
        {QStringLiteral("reviewer"), QT_TR_NOOP("Reviewer")},
        {QStringLiteral("done_at"), QT_TR_NOOP("Done on")},
        {QStringLiteral("due"), QT_TR_NOOP("Due")},
        {QStringLiteral("public_key"), QT_TR_NOOP("Public key")},
        {QStringLiteral("previous_public_key"), QT_TR_NOOP("Previous public key")},
        {QStringLiteral("first_passphrase"), QT_TR_NOOP("Passphrase")},
        {QStringLiteral("production_key_check"), QT_TR_NOOP("Production key check")},
        {QStringLiteral("kdf_level"), QT_TR_NOOP("Key derivation level")},
        {QStringLiteral("vault_id"), QT_TR_NOOP("Vault id")},
        {QStringLiteral("epoch"), QT_TR_NOOP("Restore number")},
        {QStringLiteral("restored_seq"), QT_TR_NOOP("Restored up to entry")},
        {QStringLiteral("seen_seq"), QT_TR_NOOP("Last entry seen")},
        {QStringLiteral("seen_hash"), QT_TR_NOOP("Fingerprint of the last entry seen")},
        {QStringLiteral("outcome"), QT_TR_NOOP("Outcome")},
        {QStringLiteral("started"), QT_TR_NOOP("Started")},
        {QStringLiteral("keyword"), QT_TR_NOOP("SQL statement")},
        {QStringLiteral("table"), QT_TR_NOOP("Table")},
        {QStringLiteral("commit_of"), QT_TR_NOOP("Completes")},
        {QStringLiteral("records"), QT_TR_NOOP("Signs")},
        {QStringLiteral("people"), QT_TR_NOOP("People")},
        {QStringLiteral("keys_removed"), QT_TR_NOOP("Keys removed from the key file")},
        {QStringLiteral("credentials"), QT_TR_NOOP("Credentials")},
        {QStringLiteral("checklist_digest"), QT_TR_NOOP("Checklist digest")},
        {QStringLiteral("id"), QT_TR_NOOP("Number")},
        {QStringLiteral("how"), QT_TR_NOOP("How it ended")},
        {QStringLiteral("files"), QT_TR_NOOP("Files scanned")},
        {QStringLiteral("findings"), QT_TR_NOOP("Findings")},
        {QStringLiteral("leaked"), QT_TR_NOOP("Production secrets found")},
        {QStringLiteral("file"), QT_TR_NOOP("File")},
        {QStringLiteral("from_mentor"), QT_TR_NOOP("Mentor before")},
        {QStringLiteral("from_start"), QT_TR_NOOP("Start date before")},
        {QStringLiteral("created_at"), QT_TR_NOOP("Made on")},
        {QStringLiteral("dsn"), QT_TR_NOOP("Address")},
        {QStringLiteral("logins_left_at_previous_server"), QT_TR_NOOP("Logins left at the server before")},
    };
    const auto it = words.constFind(key);
    if (it != words.constEnd())
        return tr(*it);
    QString text = key;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty())
        text[0] = text.at(0).toUpper();
    return text;
}

QString AuditEntryModel::detailValueText(const QString& key, const QString& code)
{
    const auto codes = codedValues().constFind(key);
    if (codes == codedValues().constEnd())
        return {};
    const auto it = codes->constFind(code);
    return it == codes->constEnd() ? QString() : tr(*it);
}

QList<std::pair<QString, QString>> AuditEntryModel::codedDetailValues()
{
    QList<std::pair<QString, QString>> out;
    for (auto key = codedValues().constBegin(); key != codedValues().constEnd(); ++key)
        for (auto code = key->constBegin(); code != key->constEnd(); ++code)
            out.append({key.key(), code.key()});
    return out;
}

QVariantList AuditEntryModel::detailFieldList(const QString& json, bool scanRun)
{
    QVariantList out;
    const auto fields = detailFields(json, false, scanRun);
    for (const DetailField& field : fields)
        out.append(QVariantMap{{QStringLiteral("name"), field.name},
                               {QStringLiteral("value"), field.value},
                               {QStringLiteral("help"), detailHelp(field.key)}});
    return out;
}

QString AuditEntryModel::readableDetails(const QString& json, bool scanRun)
{
    return detailParts(json, true, scanRun).join(QStringLiteral(" · "));
}

namespace {

/// Every action the core appends (grep AuditLog::append, record, audit,
/// commitEntry), in the words the app uses for it elsewhere.
const QHash<QString, const char*>& actionWords()
{
    static const QHash<QString, const char*> words = {
        {QStringLiteral("vault.create"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Vault created")},
        {QStringLiteral("vault.rekey"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Vault key changed")},
        {QStringLiteral("vault.restore"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Vault restored")},
        // Recorded before the copy is made: a backup begun.
        {QStringLiteral("vault.backup"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Backup started")},
        {QStringLiteral("vault.sql"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Database edited directly")},
        {QStringLiteral("person.add"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Person added")},
        {QStringLiteral("person.import"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "People imported")},
        {QStringLiteral("person.disable"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Person disabled")},
        {QStringLiteral("person.enable"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Person enabled again")},
        {QStringLiteral("passphrase.change"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Passphrase changed")},
        {QStringLiteral("production.rotate"),
         QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Production key rotated")},
        {QStringLiteral("passphrase.reset"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Passphrase reset")},
        {QStringLiteral("checklist.import"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Checklist imported")},
        {QStringLiteral("checklist.save"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Checklist saved")},
        {QStringLiteral("enrollment.create"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Hire enrolled")},
        {QStringLiteral("enrollment.move"),
         QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Moved to another checklist or version")},
        {QStringLiteral("enrollment.edit"),
         QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Mentor or start date changed")},
        {QStringLiteral("step.done"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Step done")},
        {QStringLiteral("step.undo"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Step no longer done")},
        {QStringLiteral("step.note"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Note on a step")},
        {QStringLiteral("step.approve"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Step approved")},
        {QStringLiteral("step.reject"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Changes asked")},
        {QStringLiteral("signoff"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Signed off for production")},
        {QStringLiteral("grant.create"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Production access given")},
        {QStringLiteral("grant.renew"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Production access renewed")},
        {QStringLiteral("grant.revoke"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Production access revoked")},
        {QStringLiteral("credential.drop"),
         QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Database login dropped at the source")},
        {QStringLiteral("credential.set"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Production secret set")},
        {QStringLiteral("credential.unset"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Kept secret removed")},
        {QStringLiteral("provider.set"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Provider connection set")},
        {QStringLiteral("credential.leaked"),
         QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Production secret found in documents")},
        {QStringLiteral("credential.reveal"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Secret revealed")},
        {QStringLiteral("credential.export"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Secret exported")},
        {QStringLiteral("credential.reissue"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Secret reissued")},
        {QStringLiteral("credential.reset"),
         QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Sandbox database reset")},
        {QStringLiteral("scan.run"), QT_TRANSLATE_NOOP("onramp::ui::AuditEntryModel", "Documents scanned")},
    };
    return words;
}

} // namespace

QString AuditEntryModel::actionText(const QString& action)
{
    const auto it = actionWords().constFind(action);
    return it == actionWords().constEnd() ? action : tr(*it);
}

QStringList AuditEntryModel::knownActions()
{
    QStringList actions = actionWords().keys();
    actions.sort();
    return actions;
}

QStringList AuditEntryModel::signedRecords(const QString& json)
{
    static const QHash<QString, const char*> kinds = {
        {QStringLiteral("checklists"), QT_TR_NOOP("Checklist version %1")},
        {QStringLiteral("enrollments"), QT_TR_NOOP("Enrollment %1")},
        {QStringLiteral("step_reviews"), QT_TR_NOOP("Step review %1")},
        {QStringLiteral("signoffs"), QT_TR_NOOP("Sign-off %1")},
        {QStringLiteral("credential_grants"), QT_TR_NOOP("Production grant %1")},
    };
    const QJsonArray records =
        QJsonDocument::fromJson(json.toUtf8()).object().value(QStringLiteral("records")).toArray();
    QStringList out;
    for (const QJsonValue& v : records) {
        const QJsonObject record = v.toObject();
        const QString table = record.value(QStringLiteral("table")).toString();
        const QString id = scalarText(record.value(QStringLiteral("id")));
        const auto kind = kinds.constFind(table);
        // Written by whoever wrote the entry: shown plainly, never with hidden marks.
        const QString what = hiddentext::shownPlainly(kind == kinds.constEnd() ? QStringLiteral("%1 %2").arg(table, id)
                                                                               : tr(*kind).arg(id));
        const QByteArray digest = QByteArray::fromBase64(record.value(QStringLiteral("digest")).toString().toLatin1());
        out.append(digest.isEmpty() ? what : tr("%1, signed digest %2").arg(what, QString::fromLatin1(digest.toHex())));
    }
    return out;
}

QVariant AuditEntryModel::value(int row, int role) const
{
    const Row& r = m_rows.at(row);
    switch (role) {
    case SequenceRole:
        return r.entry.sequence;
    case AtRole:
        return r.entry.at;
    case AtTextRole:
        return r.atText;
    case AtLinesRole:
        return r.atLines;
    case ActorRole:
        return r.entry.actorName;
    case ActionRole:
        return r.entry.action;
    case SubjectRole:
        return hiddentext::shownPlainly(r.entry.subject);
    case Qt::DisplayRole:
    case DetailsRole:
        return hiddentext::shownPlainly(r.details);
    case DetailsJsonRole:
        return r.entry.details;
    case ActionTextRole:
        return r.actionText;
    case DetailLinesRole:
        return detailParts(r.shownDetails, false, isScanRun(r.entry));
    case DetailFieldsRole:
        return detailFieldList(r.shownDetails, isScanRun(r.entry));
    case SignedRecordsRole:
        return signedRecords(r.entry.details);
    case SubjectTitleRole:
        return r.subjectTitle;
    case SubjectIdRole:
        return r.subjectTitle.isEmpty() || isScanRun(r.entry) ? QString() : hiddentext::shownPlainly(r.entry.subject);
    case HashRole:
        return QString::fromLatin1(r.entry.hash.toHex());
    case PreviousHashRole:
        return QString::fromLatin1(r.entry.previousHash.toHex());
    case VerifiedRole:
        return r.problem.isEmpty();
    case ProblemRole:
        return r.problem;
    default:
        return {};
    }
}

QHash<int, QByteArray> AuditEntryModel::roleNames() const
{
    return {{SequenceRole, "seq"},
            {AtRole, "at"},
            {AtTextRole, "atText"},
            {AtLinesRole, "atLines"},
            {SubjectIdRole, "subjectId"},
            {ActorRole, "actor"},
            {ActionRole, "actionName"},
            {SubjectRole, "subject"},
            {DetailsRole, "details"},
            {DetailsJsonRole, "detailsJson"},
            {ActionTextRole, "actionText"},
            {DetailLinesRole, "detailLines"},
            {DetailFieldsRole, "detailFields"},
            {SignedRecordsRole, "signedRecords"},
            {HashRole, "hash"},
            {PreviousHashRole, "previousHash"},
            {SubjectTitleRole, "subjectTitle"},
            {VerifiedRole, "verified"},
            {ProblemRole, "problem"}};
}

namespace {

/// \a json with the ids of steps, credentials and checklists that \a titles
/// knows as "Title (id)": what the details show, not what is stored.
QString withTitles(const QString& json, const QHash<QString, QString>& titles,
                   const QHash<qint64, const AuditEntry*>& bySequence)
{
    static const QStringList keys = {QStringLiteral("step"), QStringLiteral("credential"), QStringLiteral("checklist")};
    QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    bool changed = false;
    // People by name, not by number (AuditBackend::subjectTitles keys them "#person:ID").
    for (const QString& key : {QStringLiteral("person_id"), QStringLiteral("hire_id"), QStringLiteral("mentor_id")}) {
        const QJsonValue id = object.value(key);
        const QString name =
            id.isDouble() ? titles.value(QStringLiteral("#person:%1").arg(qint64(id.toDouble()))) : QString();
        if (name.isEmpty())
            continue;
        object.insert(key, name);
        changed = true;
    }
    // The entry a commit completes, by what it was, for whom and when.
    const QJsonValue of = object.value(QStringLiteral("commit_of"));
    if (of.isDouble()) {
        const AuditEntry* done = bySequence.value(qint64(of.toDouble()));
        if (done) {
            const QDateTime at = QDateTime::fromString(done->at, Qt::ISODateWithMs);
            QString whom = titles.value(done->subject);
            if (whom.isEmpty())
                whom = done->action.startsWith(QLatin1String("vault.")) ? AuditEntryModel::tr("this vault")
                                                                        : done->subject;
            //: what a commit completes: "Step done: Alex Newhire, Dec 3, 2026 9:14 AM (entry 11)"
            object.insert(QStringLiteral("commit_of"),
                          AuditEntryModel::tr("%1: %2, %3 (entry %4)")
                              .arg(AuditEntryModel::actionText(done->action), hiddentext::shownPlainly(whom),
                                   at.isValid() ? logTime(at) : done->at)
                              .arg(done->sequence));
            changed = true;
        }
    }
    for (const QString& key : keys) {
        const QString id = object.value(key).toString();
        const QString title = titles.value(id);
        if (id.isEmpty() || title.isEmpty() || title == id)
            continue;
        if (key == QLatin1String("step") && titles.contains(QStringLiteral("#retitled:") + id)) {
            //: a step whose title changed over the checklist's versions: its title today and its id
            object.insert(key, AuditEntryModel::tr("%1 (%2; its title today)").arg(title, id));
            changed = true;
            continue;
        }
        //: a step's, credential's or checklist's title and its id, in an audit entry's details
        object.insert(key, AuditEntryModel::tr("%1 (%2)").arg(title, id));
        changed = true;
    }
    return changed ? QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) : json;
}

} // namespace

void AuditEntryModel::setEntries(const QList<AuditEntry>& entries, const QHash<QString, QString>& titles,
                                 const AuditVerification& verified, const QList<AuditEntry>& referenced)
{
    QHash<qint64, const AuditEntry*> bySequence;
    for (const AuditEntry& entry : referenced)
        bySequence.insert(entry.sequence, &entry);
    for (const AuditEntry& entry : entries)
        bySequence.insert(entry.sequence, &entry);
    resetRows([&] {
        m_rows.clear();
        m_rows.reserve(entries.size());
        for (const AuditEntry& entry : entries) {
            const QDateTime at = QDateTime::fromString(entry.at, Qt::ISODateWithMs);
            QString title = titles.value(entry.subject);
            // A vault's entries are about the vault, whose id means nothing to a person.
            if (title.isEmpty() && entry.action.startsWith(QLatin1String("vault.")))
                title = tr("this vault");
            // A scan's subject is who ran it, whom the row names already: what it looked at is the documents.
            if (isScanRun(entry)) {
                const int files =
                    QJsonDocument::fromJson(entry.details.toUtf8()).object().value(QStringLiteral("files")).toInt();
                title = tr("the team's documents: %n file(s)", "", files);
            }
            const QString shown = withTitles(entry.details, titles, bySequence);
            const QString problem = verified.problemAt(entry.sequence);
            //: the action tag of an audit entry the chain does not vouch for; %1 is its action's code
            const QString action =
                problem.isEmpty() ? actionText(entry.action) : tr("Not verified: %1").arg(entry.action);
            m_rows.append({entry, at.isValid() ? logTime(at) : entry.at, at.isValid() ? logTimeLines(at) : entry.at,
                           readableDetails(shown, isScanRun(entry)), action, title == entry.subject ? QString() : title,
                           shown, problem});
        }
    });
}

int AuditEntryModel::rowOfSequence(qint64 sequence) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).entry.sequence == sequence)
            return int(i);
    }
    return -1;
}

} // namespace onramp::ui
