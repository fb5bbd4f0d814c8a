#include "ChecklistEditor.h"

#include "Session.h"

#include "Clock.h"
#include "PrivateFile.h"
#include "vault/Vault.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistRules.h"
#include "checklist/ChecklistWriter.h"
#include "onboarding/ChecklistStore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcEditor, "onramp.ui.editor")

namespace onramp::ui {

namespace {

constexpr int kMaxDueDays = 3650;

QVariantList versionList(const QList<StoredChecklist>& stored)
{
    QVariantList list;
    for (const StoredChecklist& s : stored)
        list.append(QVariantMap{{QStringLiteral("version"), s.version},
                                {QStringLiteral("importedAt"), s.importedAt},
                                {QStringLiteral("importedBy"), s.importedBy}});
    return list;
}

// The parser prefixes "FILE:LINE:COLUMN: "; in the editor there is no file to point into.
QString withoutPosition(const QString& message)
{
    static const QRegularExpression position(QStringLiteral("^.*:[0-9]+:[0-9]+: "));
    return QString(message).remove(position);
}

} // namespace

ChecklistEditor::ChecklistEditor(QObject* parent)
    : QAbstractListModel(parent)
{
    Session* session = Session::instance();
    connect(session, &Session::unlockedChanged, this, [this] {
        if (Session::instance()->isUnlocked())
            load();
        else
            clear(); // another person may sign in next: edits do not outlive the session
    });
    connect(session, &Session::changed, this, [this] {
        // Follow imports made elsewhere, but never drop edits in progress.
        if (m_ignoreNextChange) {
            m_ignoreNextChange = false;
            return;
        }
        if (m_ready && m_version > 0 && !m_loading && !isDirty())
            load();
    });
}

ChecklistEditor::~ChecklistEditor() = default;

void ChecklistEditor::setChecklistId(const QString& id)
{
    if (id == m_checklistId && (m_ready || m_loading))
        return;
    const bool changed = id != m_checklistId;
    m_checklistId = id;
    if (changed)
        Q_EMIT checklistIdChanged();
    load();
}

void ChecklistEditor::load()
{
    const int generation = ++m_generation;
    setErrorText({});
    if (m_checklistId.isEmpty() || !Session::instance()->isUnlocked()) {
        clear();
        setLoading(false);
        return;
    }
    setLoading(true);
    const QString id = m_checklistId;
    auto stored = std::make_shared<QList<StoredChecklist>>();
    QPointer<ChecklistEditor> self(this);
    Session::instance()->perform(
        this, [id, stored](Vault& vault) { return ChecklistStore(vault).versions(id, stored.get()); },
        [self, generation, id, stored](const Error& e) {
            if (!self || generation != self->m_generation)
                return;
            self->setLoading(false);
            if (!e && stored->isEmpty()) {
                self->clear();
                self->fail(tr("There is no checklist '%1' in this vault; import it first.").arg(id));
                return;
            }
            if (e) {
                self->clear();
                self->fail(e.message);
                return;
            }
            self->adopt(stored->last().checklist, stored->last().version, versionList(*stored));
        },
        false);
}

bool ChecklistEditor::startNew(const QString& id, const QString& title)
{
    if (!isSlug(id)) {
        fail(tr("'%1' cannot be a checklist id: use lower-case letters, digits, '-' and '_', "
                "starting with a letter or digit, such as 'backend-onboarding'.")
                 .arg(id));
        return false;
    }
    if (title.trimmed().isEmpty()) {
        fail(tr("Give the new checklist a title."));
        return false;
    }
    ++m_generation; // a load still running belongs to the previous checklist
    setLoading(false);
    if (m_checklistId != id) {
        m_checklistId = id;
        Q_EMIT checklistIdChanged();
    }
    Checklist fresh;
    fresh.formatVersion = kChecklistFormatVersion;
    fresh.id = id;
    fresh.title = title.trimmed();
    adopt(fresh, 0, {});
    return true;
}

void ChecklistEditor::adopt(const Checklist& saved, int version, const QVariantList& versions)
{
    beginResetModel();
    m_base = saved;
    m_rows.clear();
    setHosts(saved.productionHosts);
    for (const Step& step : saved.steps)
        m_rows.append(Row{step, false});
    m_version = version;
    m_versions = versions;
    m_ready = true;
    endResetModel();
    m_removed.reset();
    setErrorText({});
    Q_EMIT loadedChanged();
    Q_EMIT countChanged();
    Q_EMIT removedChanged();
    ++m_revision;
    Q_EMIT revisionChanged();
    updateDirty();
}

void ChecklistEditor::clear()
{
    ++m_generation;
    beginResetModel();
    m_base = Checklist{};
    m_rows.clear();
    setHosts({});
    m_version = 0;
    m_versions.clear();
    m_ready = false;
    endResetModel();
    m_removed.reset();
    Q_EMIT loadedChanged();
    Q_EMIT countChanged();
    Q_EMIT removedChanged();
    ++m_revision;
    Q_EMIT revisionChanged();
    updateDirty();
}

void ChecklistEditor::save()
{
    if (!m_ready || m_loading) {
        fail(tr("Open a checklist before saving."));
        return;
    }
    const QStringList found = problems();
    if (!found.isEmpty()) {
        fail(tr("The checklist was not saved:\n%1").arg(found.join(QLatin1Char('\n'))));
        return;
    }
    // Store exactly what importing the exported file would store, so that every
    // rule of the importer applies here too and export -> import is exact.
    const ParseResult canonical = parseChecklist(toYaml(edited()), m_checklistId);
    if (!canonical.ok()) {
        QStringList messages;
        for (const QString& message : canonical.errors)
            messages.append(withoutPosition(message));
        fail(tr("The checklist was not saved:\n%1").arg(messages.join(QLatin1Char('\n'))));
        return;
    }
    auto checklist = std::make_shared<Checklist>(*canonical.checklist);
    auto outcome = std::make_shared<ImportOutcome>();
    auto stored = std::make_shared<QList<StoredChecklist>>();
    const bool isNew = m_version == 0;
    const int generation = ++m_generation;
    setLoading(true);
    setErrorText({});
    QPointer<ChecklistEditor> self(this);
    Session::instance()->perform(
        this,
        [checklist, outcome, stored, isNew](Vault& vault) {
            ChecklistStore store(vault);
            if (isNew) {
                if (Error e = store.versions(checklist->id, stored.get()))
                    return e;
                if (!stored->isEmpty())
                    return Error(ErrorKind::InvalidInput,
                                 tr("A checklist '%1' exists already; open it to edit it, or choose another id.")
                                     .arg(checklist->id));
            }
            if (Error e = store.import(*checklist, defaultClock().now(), outcome.get()))
                return e;
            stored->clear();
            return store.versions(checklist->id, stored.get());
        },
        [self, generation, outcome, stored](const Error& e) {
            if (!self || generation != self->m_generation)
                return;
            self->setLoading(false);
            if (e) {
                self->fail(e.message);
                return;
            }
            // Session::changed follows this callback; the model is already current.
            self->m_ignoreNextChange = true;
            self->adopt(stored->last().checklist, stored->last().version, versionList(*stored));
            qCInfo(lcEditor) << "saved checklist" << outcome->id << "version" << outcome->version;
            Q_EMIT self->done(outcome->unchanged
                                  ? tr("No changes: %1 stays at version %2.").arg(outcome->id).arg(outcome->version)
                                  : tr("Saved %1 as version %2.").arg(outcome->id).arg(outcome->version));
        },
        true);
}

bool ChecklistEditor::exportTo(const QUrl& file)
{
    if (!m_ready || m_version == 0) {
        fail(tr("Save the checklist before exporting it; the file holds the saved version."));
        return false;
    }
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    const QByteArray yaml = toYaml(m_base);
    if (Error e = writePrivateFile(path, yaml, tr("the export file"))) {
        fail(tr("Could not export: %1. Choose a folder you can write to.").arg(e.message));
        return false;
    }
    setErrorText({});
    Q_EMIT done(isDirty() ? tr("Exported version %1 of %2 to %3; unsaved edits are not in the file.")
                                .arg(m_version)
                                .arg(m_checklistId, path)
                          : tr("Exported version %1 of %2 to %3.").arg(m_version).arg(m_checklistId, path));
    return true;
}

Checklist ChecklistEditor::edited() const
{
    Checklist checklist = m_base;
    checklist.steps.clear();
    for (const Row& row : m_rows)
        checklist.steps.append(row.step);
    checklist.productionHosts = m_hosts;
    return checklist;
}

bool ChecklistEditor::isDirty() const
{
    if (!m_ready)
        return false;
    const Checklist now = edited();
    return m_version == 0 || now.steps != m_base.steps || now.productionHosts != m_base.productionHosts;
}

void ChecklistEditor::setHosts(const QStringList& hosts)
{
    if (hosts == m_hosts)
        return;
    m_hosts = hosts;
    Q_EMIT productionHostsChanged();
}

QString ChecklistEditor::addProductionHost(const QString& text)
{
    if (!m_ready || m_loading)
        return tr("Open a checklist before adding production hosts.");
    if (text.trimmed().isEmpty())
        return tr("Type a host name such as 'db.prod.example.com', or a glob such as '*.prod.example.com'.");
    const QString host = productionHostEntry(text); // the importer's rule
    if (host.isEmpty()) {
        return tr("'%1' is not a host name or a glob: use letters, digits, '.', '-' and '*', such as "
                  "'db.prod.example.com' or '*.prod.example.com', without a scheme, user, port or path.")
            .arg(text.trimmed());
    }
    for (const QString& existing : std::as_const(m_hosts)) {
        if (existing.compare(host, Qt::CaseInsensitive) == 0)
            return tr("'%1' is listed already.").arg(host);
    }
    // The same rule the importer applies: no sandbox credential may name a production host.
    for (const CredentialTemplate& credential : std::as_const(m_base.credentials)) {
        if (credential.environment != Environment::Sandbox)
            continue;
        for (auto field = credential.fields.cbegin(); field != credential.fields.cend(); ++field) {
            QString named;
            if (!matchingProductionHost(field.value(), {host}, &named).isEmpty()) {
                return tr("'%1' would mark '%2' as production, but sandbox credential '%3' uses it in field "
                          "'%4'. Change that credential in the checklist file first.")
                    .arg(host, named, credential.id, field.key());
            }
        }
    }
    QStringList hosts = m_hosts;
    hosts.append(host);
    setHosts(hosts);
    setErrorText({});
    updateDirty();
    return {};
}

bool ChecklistEditor::removeProductionHost(int index)
{
    if (index < 0 || index >= m_hosts.size() || m_loading)
        return false;
    QStringList hosts = m_hosts;
    hosts.removeAt(index);
    setHosts(hosts);
    updateDirty();
    return true;
}

void ChecklistEditor::updateDirty()
{
    const bool dirty = isDirty();
    if (dirty == m_wasDirty)
        return;
    m_wasDirty = dirty;
    Q_EMIT dirtyChanged();
}

void ChecklistEditor::setLoading(bool loading)
{
    if (loading == m_loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged();
}

void ChecklistEditor::setErrorText(const QString& text)
{
    if (text == m_errorText)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void ChecklistEditor::fail(const QString& message)
{
    setErrorText(message);
    Q_EMIT error(message);
}

QStringList ChecklistEditor::problems() const
{
    if (m_rows.isEmpty())
        return {tr("The checklist has no steps; add at least one.")};
    QStringList found;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString problem = problemOf(row);
        if (!problem.isEmpty())
            found.append(problem);
    }
    return found;
}

QString ChecklistEditor::problemOf(int row) const
{
    const Step& step = m_rows.at(row).step;
    const QString who = step.id.isEmpty() ? tr("Step %1").arg(row + 1) : tr("Step %1 ('%2')").arg(row + 1).arg(step.id);
    if (step.id.isEmpty())
        return tr("%1 has no id; give it one such as 'read-the-handbook'.").arg(who);
    if (!isSlug(step.id))
        return tr("%1: the id must be lower-case letters, digits, '-' and '_', starting with a letter or digit.")
            .arg(who);
    for (int other = 0; other < row; ++other) {
        if (m_rows.at(other).step.id == step.id)
            return tr("%1: step %2 has the same id; each step needs its own.").arg(who).arg(other + 1);
    }
    if (step.title.trimmed().isEmpty())
        return tr("%1 has no title; say what the hire does in a few words.").arg(who);
    if (step.dueDays && (*step.dueDays < 0 || *step.dueDays > kMaxDueDays))
        return tr("%1: due must be 0 to %2 days after the start.").arg(who).arg(kMaxDueDays);
    return {};
}

} // namespace onramp::ui
