#include "ChecklistEditorModel.h"

#include "ExportPath.h"
#include "Formats.h"
#include "Session.h"

#include "Clock.h"
#include "PrivateFile.h"
#include "audit/Ledger.h"
#include "checklist/ChecklistParser.h"
#include "checklist/ChecklistRules.h"
#include "checklist/ChecklistWriter.h"
#include "credentials/ProviderConnections.h"
#include "onboarding/ChecklistStore.h"
#include "vault/Vault.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcEditor, "onramp.ui.editor")

namespace onramp::ui {

namespace {

/// Unsaved edits of a saved checklist, kept while the app is locked (by hand
/// or when idle) or the editor is closed, for the same person in the same
/// vault: they find them again on opening that version, and no one else
/// does (an editor that sees another person sign in drops them). Checklists
/// hold no secrets (the parser refuses them); the draft lives in memory only.
struct Draft {
    QString vault;
    QString person;
    QString checklistId;
    int version = 0;
    Checklist edited;
};

std::optional<Draft>& keptDraft()
{
    static std::optional<Draft> draft;
    return draft;
}

constexpr int kMaxDueDays = 3650;
// The importer's bounds on a generated secret's length.
constexpr int kMinSecretLength = 8;
constexpr int kMaxSecretLength = 1024;

// The parser prefixes "FILE:LINE:COLUMN: "; in the editor there is no file to point into.
QString withoutPosition(const QString& message)
{
    static const QRegularExpression position(QStringLiteral("^.*:[0-9]+:[0-9]+: "));
    return QString(message).remove(position);
}

} // namespace

ChecklistEditorModel::ChecklistEditorModel(QObject* parent)
    : ListModel(parent)
{
    Session* session = Session::instance();
    connect(session, &Session::unlockedChanged, this, [this] {
        Session* session = Session::instance();
        if (session->isUnlocked()) {
            std::optional<Draft>& draft = keptDraft();
            if (draft && (draft->person != session->userName() || draft->vault != session->vaultPath()))
                draft.reset();
            load();
        } else {
            keepDraft(session->lastUserName());
            clear(); // another person may sign in next: the edits are kept for their author only
        }
    });
    connect(session, &Session::changed, this, [this] {
        // Follow imports made elsewhere, but never drop edits in progress.
        if (m_ignoreNextChange) {
            m_ignoreNextChange = false;
            return;
        }
        if (m_ready && m_version > 0 && !isLoading() && !isDirty())
            load();
    });
}

ChecklistEditorModel::~ChecklistEditorModel()
{
    if (Session::instance()->isUnlocked())
        keepDraft(Session::instance()->userName());
}

void ChecklistEditorModel::keepDraft(const QString& person)
{
    if (!m_ready || m_version == 0 || person.isEmpty() || !isDirty())
        return;
    keptDraft() = Draft{Session::instance()->vaultPath(), person, m_checklistId, m_version, edited()};
}

void ChecklistEditorModel::setChecklistId(const QString& id)
{
    if (id == m_checklistId && (m_ready || isLoading()))
        return;
    const bool changed = id != m_checklistId;
    m_checklistId = id;
    if (changed)
        Q_EMIT checklistIdChanged();
    load();
}

void ChecklistEditorModel::loadConnections()
{
    if (!Session::instance()->isUnlocked())
        return;
    auto connections = std::make_shared<QList<ProviderConnection>>();
    QPointer<ChecklistEditorModel> self(this);
    Session::instance()->perform(
        this,
        [connections](Vault& vault) { return ProviderConnections(vault, defaultClock()).list(connections.get()); },
        [self, connections](const Error& e) {
            if (!self)
                return;
            // Not read (a mentor's session, a damaged table): nothing is warned of.
            self->m_connectionsKnown = !e;
            self->m_connections.clear();
            for (const ProviderConnection& connection : std::as_const(*connections))
                self->m_connections.insert(connection.name, connection.environment);
            Q_EMIT self->credentialsChanged();
        },
        false);
}

void ChecklistEditorModel::load()
{
    m_savesOver = 0;
    loadConnections();
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
    QPointer<ChecklistEditorModel> self(this);
    Session::instance()->perform(
        this,
        [id, stored](Vault& vault) {
            // What the editor starts from, and what its Versions say each version
            // changed, are the versions the signed log vouches for: a checklist row a
            // hire rewrote is refused here, not summed up as "no change".
            if (Error e = Ledger::require(vault, defaultClock().now()))
                return e;
            return ChecklistStore(vault).versions(id, stored.get());
        },
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
            self->adopt(stored->last().checklist, stored->last().version, *stored);
        },
        false);
}

bool ChecklistEditorModel::startNew(const QString& id, const QString& title)
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
    loadConnections();
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

QString ChecklistEditorModel::idFromTitle(const QString& title)
{
    return slugify(title);
}

void ChecklistEditorModel::adopt(const Checklist& saved, int version, const QList<StoredChecklist>& versions)
{
    m_savesOver = 0;
    // The author's unsaved edits of this very version, kept over a lock.
    std::optional<Draft>& draft = keptDraft();
    std::optional<Checklist> kept;
    if (draft && draft->checklistId == m_checklistId && draft->version == version
        && draft->person == Session::instance()->userName() && draft->vault == Session::instance()->vaultPath()) {
        kept = draft->edited;
        draft.reset();
    }
    const Checklist& shown = kept ? *kept : saved;
    beginResetModel();
    m_base = saved;
    m_rows.clear();
    setHosts(shown.productionHosts);
    setCredentials(shown.credentials);
    for (const Step& step : shown.steps)
        m_rows.append(Row{step, false});
    m_version = version;
    m_versions.setVersions(versions);
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

void ChecklistEditorModel::clear()
{
    ++m_generation;
    beginResetModel();
    m_base = Checklist{};
    m_rows.clear();
    setHosts({});
    setCredentials({});
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

void ChecklistEditorModel::reloadLatest()
{
    keptDraft().reset();
    load();
}

void ChecklistEditorModel::saveOver(int latest)
{
    m_savesOver = latest > m_version ? latest : 0;
}

void ChecklistEditorModel::save(bool acceptWeaker)
{
    if (!m_ready || isLoading()) {
        fail(tr("Open a checklist before saving."));
        return;
    }
    const QStringList found = problems();
    if (!found.isEmpty()) {
        fail(tr("The checklist was not saved:\n%1").arg(found.join(QLatin1Char('\n'))));
        m_showsProblems = true;
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
    const int basedOn = m_savesOver > 0 ? m_savesOver : m_version;
    const WeakerVersion weaker = acceptWeaker ? WeakerVersion::Accept : WeakerVersion::Refuse;
    const int generation = ++m_generation;
    setLoading(true);
    setErrorText({});
    QPointer<ChecklistEditorModel> self(this);
    Session::instance()->perform(
        this,
        [checklist, outcome, stored, isNew, basedOn, weaker](Vault& vault) {
            ChecklistStore store(vault);
            if (isNew) {
                if (Error e = store.versions(checklist->id, stored.get()))
                    return e;
                if (!stored->isEmpty())
                    return Error(ErrorKind::InvalidInput,
                                 tr("A checklist '%1' exists already; open it to edit it, or choose another id.")
                                     .arg(checklist->id));
            }
            if (Error e = store.save(*checklist, defaultClock().now(), outcome.get(), basedOn, weaker))
                return e;
            stored->clear();
            return store.versions(checklist->id, stored.get());
        },
        [self, generation, outcome, stored, weaker](const Error& e) {
            if (!self || generation != self->m_generation)
                return;
            self->setLoading(false);
            if (e && outcome->stale) {
                // The edits stay in view, the reason above them, until the admin reloads.
                self->fail(tr("Nothing was saved: version %1 of “%2” was saved after version %3, which you are "
                              "editing. Saving these edits would undo its changes. Reload version %1 to edit it; "
                              "the changes you made here would be lost.")
                               .arg(outcome->version)
                               .arg(self->m_base.title)
                               .arg(self->m_version));
                Q_EMIT self->newerVersion(outcome->version);
                return;
            }
            if (e && weaker == WeakerVersion::Refuse && !outcome->weakens.isEmpty()) {
                Q_EMIT self->weakerSave(outcome->version - 1, outcome->weakens);
                return;
            }
            if (e) {
                self->fail(e.message);
                return;
            }
            // Session::changed follows this callback; the model is already current.
            self->m_ignoreNextChange = true;
            self->adopt(stored->last().checklist, stored->last().version, *stored);
            qCInfo(lcEditor) << "saved checklist" << outcome->id << "version" << outcome->version;
            // By the title people know it by, with its id, as an import says it.
            const QString title = stored->last().checklist.title;
            Q_EMIT self->done(
                outcome->unchanged
                    ? tr("No changes: “%1” (%2) stays at version %3.").arg(title, outcome->id).arg(outcome->version)
                    : tr("Saved “%1” (%2) as version %3.").arg(title, outcome->id).arg(outcome->version)
                        + (outcome->weakens.isEmpty() ? QString()
                                                      : QLatin1Char(' ')
                                   + tr("It weakens the gate: %1.").arg(outcome->weakens.join(QStringLiteral("; "))))
                        + stayBehindText(outcome->enrolledOnEarlier));
        },
        true);
}

QUrl ChecklistEditorModel::exportFileSuggestion() const
{
    return exportFileUrl(QStringLiteral("%1-v%2.yaml").arg(m_checklistId).arg(m_version));
}

bool ChecklistEditorModel::exportTo(const QUrl& file)
{
    if (!m_ready || m_version == 0) {
        fail(tr("Save the checklist before exporting it; the file holds the saved version."));
        return false;
    }
    const SavePath target = savePath(file, QStringLiteral("yaml"));
    if (!target.error.isEmpty()) {
        fail(target.error);
        return false;
    }
    const QString path = target.path;
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

Checklist ChecklistEditorModel::edited() const
{
    Checklist checklist = m_base;
    checklist.steps.clear();
    for (const Row& row : m_rows)
        checklist.steps.append(row.step);
    checklist.productionHosts = m_hosts;
    checklist.credentials = m_credentials;
    return checklist;
}

QStringList ChecklistEditorModel::unsavedChanges() const
{
    if (!m_ready || m_version == 0)
        return {};
    const Checklist now = edited();
    QStringList changes;
    QStringList sameOrderNow;
    QStringList sameOrderBase;
    for (const Step& step : now.steps) {
        const Step* before = m_base.step(step.id);
        if (!before) {
            changes.append(tr("Added “%1”").arg(step.title));
            continue;
        }
        sameOrderNow.append(step.id);
        // Named as saved, which is what the admin knows it by.
        if (step.title != before->title)
            changes.append(tr("Changed “%1” (now “%2”)").arg(before->title, step.title));
        else if (step != *before)
            changes.append(tr("Changed “%1”").arg(step.title));
    }
    for (const Step& step : m_base.steps) {
        if (!now.step(step.id))
            changes.append(tr("Removed “%1”").arg(step.title));
        else
            sameOrderBase.append(step.id);
    }
    if (sameOrderNow != sameOrderBase)
        changes.append(tr("Moved steps to another place in the list"));
    if (now.productionHosts != m_base.productionHosts)
        changes.append(tr("Changed the production hosts"));
    if (now.credentials != m_base.credentials)
        changes.append(tr("Changed the credentials"));
    // A question that fits a window: the first few, and how many more.
    constexpr qsizetype kShown = 6;
    if (changes.size() > kShown) {
        const qsizetype more = changes.size() - (kShown - 1);
        changes.resize(kShown - 1);
        changes.append(tr("and %n more change(s)", "", int(more)));
    }
    return changes;
}

bool ChecklistEditorModel::isDirty() const
{
    if (!m_ready)
        return false;
    const Checklist now = edited();
    return m_version == 0 || now.steps != m_base.steps || now.productionHosts != m_base.productionHosts
        || now.credentials != m_base.credentials;
}

void ChecklistEditorModel::setHosts(const QStringList& hosts)
{
    if (hosts == m_hosts)
        return;
    m_hosts = hosts;
    Q_EMIT productionHostsChanged();
}

QString ChecklistEditorModel::addProductionHost(const QString& text)
{
    if (!m_ready || isLoading())
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
    for (const CredentialTemplate& credential : std::as_const(m_credentials)) {
        if (credential.environment != Environment::Sandbox)
            continue;
        for (auto field = credential.fields.cbegin(); field != credential.fields.cend(); ++field) {
            QString named;
            if (!matchingProductionHost(field.value(), {host}, &named).isEmpty()) {
                return tr("'%1' would mark '%2' as production, but sandbox credential '%3' uses it in field "
                          "'%4'. Change that credential first.")
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

bool ChecklistEditorModel::removeProductionHost(int index)
{
    if (index < 0 || index >= m_hosts.size() || isLoading())
        return false;
    QStringList hosts = m_hosts;
    hosts.removeAt(index);
    setHosts(hosts);
    updateDirty();
    return true;
}

void ChecklistEditorModel::updateDirty()
{
    const bool dirty = isDirty();
    if (dirty == m_wasDirty)
        return;
    m_wasDirty = dirty;
    Q_EMIT dirtyChanged();
}

void ChecklistEditorModel::setErrorText(const QString& text)
{
    m_showsProblems = false;
    if (text == m_errorText)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void ChecklistEditorModel::fail(const QString& message)
{
    setErrorText(message);
    Q_EMIT error(message);
}

QStringList ChecklistEditorModel::problems() const
{
    if (m_rows.isEmpty())
        return {tr("The checklist has no steps; add at least one.")};
    QStringList found;
    for (int row = 0; row < m_rows.size(); ++row) {
        const QString problem = problemOf(row);
        if (!problem.isEmpty())
            found.append(problem);
    }
    found.append(credentialProblems());
    return found;
}

int ChecklistEditorModel::rowOf(const QString& stepId) const
{
    if (stepId.isEmpty())
        return -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).step.id == stepId)
            return row;
    }
    return -1;
}

QString ChecklistEditorModel::problemOf(int row) const
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
    // A section's steps show under one heading only when they are next to each
    // other: split, the hire reads "Day one", "First week", "Day one" again.
    const QString section = step.section.trimmed();
    const auto sectionAt = [this](int r) { return m_rows.at(r).step.section.trimmed(); };
    // The run of steps of this section around the row: linear in the steps.
    int first = row;
    while (first > 0 && sectionAt(first - 1) == section)
        --first;
    int last = row;
    while (last + 1 < m_rows.size() && sectionAt(last + 1) == section)
        ++last;
    // Between two steps of one other section: this step splits it.
    if (first > 0 && last + 1 < m_rows.size() && !sectionAt(first - 1).isEmpty()
        && sectionAt(first - 1) == sectionAt(last + 1))
        return tr("%1 sits between steps %2 and %3 of the section “%4”, which it splits in two. Move it above or "
                  "below them (Move up, Move down), or give it the section “%4”.")
            .arg(who, QString::number(first), QString::number(last + 2), sectionAt(first - 1));
    if (!section.isEmpty()) {
        // The nearest step of the same section beyond its run, above or below.
        int above = first - 2;
        while (above >= 0 && sectionAt(above) != section)
            --above;
        int below = last + 2;
        while (below < m_rows.size() && sectionAt(below) != section)
            ++below;
        const bool hasAbove = above >= 0;
        const bool hasBelow = below < m_rows.size();
        if (hasAbove || hasBelow) {
            const bool up = hasAbove && (!hasBelow || row - above <= below - row);
            const int other = up ? above : below;
            const QString between = sectionAt(up ? first - 1 : last + 1);
            return tr("%1: its section “%2” is also that of step %3, with “%4” between them. Keep a section's steps "
                      "together (Move up, Move down).")
                .arg(who, section, QString::number(other + 1),
                     between.isEmpty() ? tr("a step with no section") : between);
        }
    }
    return {};
}

// The list model: roles, and the in-memory edits.
QHash<int, QByteArray> ChecklistEditorModel::roleNames() const
{
    return {
        {IdRole, "stepId"},       {TitleRole, "title"},
        {SectionRole, "section"}, {BodyRole, "body"},
        {DueRole, "due"},         {RequiredRole, "required"},
        {SignoffRole, "signoff"}, {NewRole, "isNew"},
        {ProblemRole, "problem"}, {SectionFromAboveRole, "sectionFromAbove"},
    };
}

QVariant ChecklistEditorModel::value(int row, int role) const
{
    if (role == Qt::DisplayRole)
        role = TitleRole;
    const Row& r = m_rows.at(row);
    switch (role) {
    case IdRole:
        return r.step.id;
    case TitleRole:
        return r.step.title;
    case SectionRole:
        return r.step.section;
    case BodyRole:
        return r.step.body;
    case DueRole:
        return r.step.dueDays.value_or(-1);
    case RequiredRole:
        return r.step.required;
    case SignoffRole:
        return r.step.signoff;
    case NewRole:
        return m_base.step(r.step.id) == nullptr;
    case ProblemRole:
        return problemOf(row);
    case SectionFromAboveRole:
        return r.sectionFromAbove;
    default:
        return {};
    }
}

Qt::ItemFlags ChecklistEditorModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return QAbstractListModel::flags(index);
    return QAbstractListModel::flags(index) | Qt::ItemIsEditable;
}

QString ChecklistEditorModel::dueText(int days)
{
    if (days < 0)
        return tr("none", "no due day");
    if (days == 0)
        return tr("on the start day");
    return tr("%n day(s) after start", "", days);
}

int ChecklistEditorModel::dueFromText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare(dueText(0), Qt::CaseInsensitive) == 0)
        return 0;
    static const QRegularExpression number(QStringLiteral("\\d+"));
    const QRegularExpressionMatch match = number.match(trimmed);
    bool ok = false;
    const int days = match.hasMatch() ? match.captured().toInt(&ok) : -1;
    return ok ? days : -1;
}

bool ChecklistEditorModel::setValue(int row, const QString& field, const QVariant& value)
{
    const int role = roleNames().key(field.toLatin1(), -1);
    return role >= 0 && setData(index(row), value, role);
}

bool ChecklistEditorModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int row = index.row();
    Row& r = m_rows[row];
    const Row before = r;
    QList<int> roles{role};
    switch (role) {
    case IdRole:
        r.step.id = value.toString().trimmed();
        r.autoId = false;
        break;
    case TitleRole:
        r.step.title = value.toString();
        // A new step's id follows its title until the admin sets one.
        if (r.autoId && !slugify(r.step.title).isEmpty()) {
            r.step.id = uniqueId(slugify(r.step.title), row);
            roles.append(IdRole);
        }
        break;
    case SectionRole:
        r.step.section = value.toString();
        r.sectionFromAbove = false;
        roles.append(SectionFromAboveRole);
        break;
    case BodyRole:
        r.step.body = value.toString();
        break;
    case DueRole: {
        bool ok = false;
        const int days = value.toInt(&ok);
        r.step.dueDays = ok && days >= 0 ? std::optional<int>(days) : std::nullopt;
        break;
    }
    case RequiredRole:
        // A step the mentor reviews gates production access: it stays required.
        if (r.step.signoff && !value.toBool())
            return false;
        r.step.required = value.toBool();
        break;
    case SignoffRole:
        r.step.signoff = value.toBool();
        if (r.step.signoff && !r.step.required) {
            r.step.required = true;
            roles.append(RequiredRole);
        }
        break;
    default:
        return false;
    }
    if (r.step == before.step && r.sectionFromAbove == before.sectionFromAbove)
        return true;
    roles.append(NewRole);
    changedRows(row, row, roles);
    return true;
}

QString ChecklistEditorModel::uniqueId(const QString& wanted, int exceptRow) const
{
    const auto taken = [this, exceptRow](const QString& id) {
        for (int row = 0; row < m_rows.size(); ++row) {
            if (row != exceptRow && m_rows.at(row).step.id == id)
                return true;
        }
        return false;
    };
    if (!taken(wanted))
        return wanted;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1-%2").arg(wanted).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

int ChecklistEditorModel::addStep(int row)
{
    if (!m_ready)
        return -1;
    if (row < 0 || row > m_rows.size())
        row = int(m_rows.size());
    Row added;
    added.autoId = true;
    added.step.id = uniqueId(QStringLiteral("new-step"), -1);
    added.step.title = tr("New step");
    // Most steps belong with the one above them; the form says the section
    // was copied from there until the admin edits it.
    if (row > 0) {
        added.step.section = m_rows.at(row - 1).step.section;
        added.sectionFromAbove = !added.step.section.isEmpty();
    }
    beginInsertRows({}, row, row);
    m_rows.insert(row, added);
    endInsertRows();
    Q_EMIT countChanged();
    changedRows(row, row, {});
    return row;
}

bool ChecklistEditorModel::removeStep(int row)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    beginRemoveRows({}, row, row);
    m_removed = std::make_pair(row, m_rows.takeAt(row));
    endRemoveRows();
    Q_EMIT countChanged();
    Q_EMIT removedChanged();
    changedRows(0, int(m_rows.size()) - 1, {});
    return true;
}

bool ChecklistEditorModel::undoRemove()
{
    if (!m_removed)
        return false;
    const int row = std::min(m_removed->first, int(m_rows.size()));
    beginInsertRows({}, row, row);
    m_rows.insert(row, m_removed->second);
    endInsertRows();
    m_removed.reset();
    Q_EMIT countChanged();
    Q_EMIT removedChanged();
    changedRows(row, row, {});
    return true;
}

QString ChecklistEditorModel::removedTitle() const
{
    return m_removed ? m_removed->second.step.title : QString();
}

bool ChecklistEditorModel::move(int from, int to)
{
    if (from < 0 || to < 0 || from >= m_rows.size() || to >= m_rows.size() || from == to)
        return false;
    // beginMoveRows names the row the moved one will sit before, in the old numbering.
    if (!beginMoveRows({}, from, from, {}, to > from ? to + 1 : to))
        return false;
    m_rows.move(from, to);
    endMoveRows();
    changedRows(std::min(from, to), std::max(from, to), {});
    return true;
}

void ChecklistEditorModel::changedRows(int first, int last, const QList<int>& roles)
{
    if (first <= last && !roles.isEmpty())
        Q_EMIT dataChanged(index(first), index(last), roles);
    // A step's problem depends on the other steps (a duplicate id above, a section split), so refresh all.
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {ProblemRole});
    // The problems a save was refused for, as they stand now: gone once mended.
    if (m_showsProblems) {
        const QStringList found = problems();
        setErrorText(found.isEmpty() ? QString()
                                     : tr("The checklist was not saved:\n%1").arg(found.join(QLatin1Char('\n'))));
        m_showsProblems = !found.isEmpty();
    }
    ++m_revision;
    Q_EMIT revisionChanged();
    updateDirty();
}

// Credential templates.
namespace {

QString fieldsText(const QMap<QString, QString>& fields)
{
    QStringList lines;
    for (auto it = fields.cbegin(); it != fields.cend(); ++it)
        lines.append(it.key() + QStringLiteral(": ") + it.value());
    return lines.join(QLatin1Char('\n'));
}

} // namespace

void ChecklistEditorModel::setCredentials(const QList<CredentialTemplate>& credentials, const QList<bool>& autoIds)
{
    m_credentials = credentials;
    m_credentialAutoIds = autoIds.size() == credentials.size() ? autoIds : QList<bool>(credentials.size(), false);
    Q_EMIT credentialsChanged();
}

QVariantMap ChecklistEditorModel::credentialAt(int index) const
{
    if (index < 0 || index >= m_credentials.size())
        return {};
    const CredentialTemplate& c = m_credentials.at(index);
    const QString warning = connectionWarningOf(index);
    return {{QStringLiteral("credentialId"), c.id},
            {QStringLiteral("title"), c.title},
            {QStringLiteral("environment"), environmentName(c.environment)},
            {QStringLiteral("provider"), c.provider},
            {QStringLiteral("fields"), fieldsText(c.fields)},
            {QStringLiteral("secretName"), c.secretName},
            {QStringLiteral("secretLength"), c.secretLength},
            {QStringLiteral("ttl"), c.ttlSeconds > 0 ? formatTtl(c.ttlSeconds) : QString()},
            {QStringLiteral("pgServer"), c.pgServer},
            {QStringLiteral("pgRoles"), c.pgRoles.join(QStringLiteral(", "))},
            {QStringLiteral("pgTemplate"), c.pgTemplate},
            {QStringLiteral("problem"), credentialProblemOf(index, true)},
            {QStringLiteral("warning"), warning.isEmpty() ? credentialWarningOf(index) : warning}};
}

int ChecklistEditorModel::addCredential()
{
    if (!m_ready || isLoading())
        return -1;
    CredentialTemplate fresh;
    int n = int(m_credentials.size()) + 1;
    auto taken = [this](const QString& id) {
        return std::any_of(m_credentials.cbegin(), m_credentials.cend(),
                           [&id](const CredentialTemplate& c) { return c.id == id; });
    };
    while (taken(QStringLiteral("credential-%1").arg(n)))
        ++n;
    fresh.id = QStringLiteral("credential-%1").arg(n);
    fresh.environment = Environment::Sandbox;
    fresh.provider = QStringLiteral("generated");
    fresh.secretName = QStringLiteral("password");
    fresh.secretLength = 24;
    QList<CredentialTemplate> credentials = m_credentials;
    credentials.append(fresh);
    // A new template's id follows its title until the admin sets one, as a new step's does.
    QList<bool> autoIds = m_credentialAutoIds;
    autoIds.append(true);
    setCredentials(credentials, autoIds);
    updateDirty();
    return int(credentials.size()) - 1;
}

bool ChecklistEditorModel::removeCredential(int index)
{
    if (index < 0 || index >= m_credentials.size() || isLoading())
        return false;
    QList<CredentialTemplate> credentials = m_credentials;
    credentials.removeAt(index);
    QList<bool> autoIds = m_credentialAutoIds;
    autoIds.removeAt(index);
    setCredentials(credentials, autoIds);
    updateDirty();
    return true;
}

QString ChecklistEditorModel::setCredentialValue(int index, const QString& field, const QVariant& value)
{
    if (index < 0 || index >= m_credentials.size() || isLoading())
        return tr("There is no credential %1 to change.").arg(index + 1);
    CredentialTemplate c = m_credentials.at(index);
    bool autoId = m_credentialAutoIds.value(index);
    const QString who = tr("Credential %1").arg(index + 1);
    const QString text = value.toString();
    if (field == QLatin1String("credentialId")) {
        // Leaving the id as it was does not pin it; typing another one does.
        if (text.trimmed() != c.id)
            autoId = false;
        c.id = text.trimmed();
    } else if (field == QLatin1String("title")) {
        c.title = text;
        if (autoId && !slugify(c.title).isEmpty())
            c.id = credentialIdFromTitle(c.title, index);
    } else if (field == QLatin1String("environment")) {
        const std::optional<Environment> environment = environmentFromName(text);
        if (!environment)
            return tr("%1, environment: '%2' is neither sandbox nor production.").arg(who, text);
        c.environment = *environment;
    } else if (field == QLatin1String("provider")) {
        if (text != QLatin1String("generated") && text != QLatin1String("static")
            && text != QLatin1String("postgresql"))
            return tr("%1, provider: '%2' is neither generated, static nor postgresql.").arg(who, text);
        if (text != c.provider && text != QLatin1String("generated")) {
            // An admin sets a static secret in the app, and the postgresql
            // provider makes the password: the checklist holds no recipe for either.
            c.secretName.clear();
            c.secretLength = 0;
            c.secretAlphabet.clear();
        } else if (text != c.provider) {
            c.secretName = QStringLiteral("password");
            c.secretLength = 24;
        }
        if (text != QLatin1String("postgresql")) {
            c.pgServer.clear();
            c.pgRoles.clear();
            c.pgTemplate.clear();
        }
        c.provider = text;
    } else if (field == QLatin1String("pgServer")) {
        const QString name = text.trimmed();
        if (!name.isEmpty() && !isPgConnectionName(name))
            return tr("%1, connection: '%2' is not a provider connection's name (lower-case letters, digits, '-' "
                      "and '_').")
                .arg(who, text);
        c.pgServer = name;
    } else if (field == QLatin1String("pgRoles")) {
        QStringList roles;
        for (const QString& role : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
            if (!isPgName(role) || isPgPredefinedRole(role))
                return tr("%1, group roles: '%2' is not a group role name (lower-case letters, digits and '_'; "
                          "not one of PostgreSQL's pg_ roles).")
                    .arg(who, role);
            if (!roles.contains(role))
                roles.append(role);
        }
        c.pgRoles = roles;
    } else if (field == QLatin1String("pgTemplate")) {
        const QString name = text.trimmed();
        if (!name.isEmpty() && (!isPgName(name) || name.startsWith(QLatin1String("onramp_"))))
            return tr("%1, template database: '%2' is not a database name (lower-case letters, digits and '_'; "
                      "not onramp_…).")
                .arg(who, text);
        c.pgTemplate = name;
    } else if (field == QLatin1String("fields")) {
        QMap<QString, QString> fields;
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (int line = 0; line < lines.size(); ++line) {
            if (lines.at(line).trimmed().isEmpty())
                continue;
            const qsizetype colon = lines.at(line).indexOf(QLatin1Char(':'));
            const QString name = colon < 0 ? QString() : lines.at(line).left(colon).trimmed();
            if (name.isEmpty())
                return tr("%1, fields, line %2: write one field a line as 'name: value', such as "
                          "'host: db.sandbox.internal'.")
                    .arg(who)
                    .arg(line + 1);
            if (fields.contains(name))
                return tr("%1, fields, line %2: field '%3' is there twice.").arg(who).arg(line + 1).arg(name);
            fields.insert(name, lines.at(line).mid(colon + 1).trimmed());
        }
        c.fields = fields;
    } else if (field == QLatin1String("secretName")) {
        c.secretName = text.trimmed();
    } else if (field == QLatin1String("secretLength")) {
        bool ok = false;
        const int length = text.trimmed().toInt(&ok);
        if (!ok || length < kMinSecretLength || length > kMaxSecretLength)
            return tr("%1, secret length: '%2' is not a whole number from %3 to %4.")
                .arg(who, text)
                .arg(kMinSecretLength)
                .arg(kMaxSecretLength);
        c.secretLength = length;
    } else if (field == QLatin1String("ttl")) {
        if (text.trimmed().isEmpty()) {
            c.ttlSeconds = 0;
        } else {
            const std::optional<qint64> seconds = parseTtl(text.trimmed());
            if (!seconds)
                return tr("%1, lifetime: '%2' is not a duration; write such as 30d, 8h, 45m or 90s, at most 3650d.")
                    .arg(who, text);
            c.ttlSeconds = *seconds;
        }
    } else {
        return tr("%1 has no field '%2'.").arg(who, field);
    }
    if (c == m_credentials.at(index) && autoId == m_credentialAutoIds.value(index))
        return {};
    QList<CredentialTemplate> credentials = m_credentials;
    credentials[index] = c;
    QList<bool> autoIds = m_credentialAutoIds;
    autoIds[index] = autoId;
    setCredentials(credentials, autoIds);
    setErrorText({});
    updateDirty();
    return {};
}

QString ChecklistEditorModel::credentialIdFromTitle(const QString& title, int index) const
{
    const QString wanted = slugify(title);
    const auto taken = [this, index](const QString& id) {
        for (int other = 0; other < m_credentials.size(); ++other) {
            if (other != index && m_credentials.at(other).id == id)
                return true;
        }
        return false;
    };
    if (!taken(wanted))
        return wanted;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1-%2").arg(wanted).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

QStringList ChecklistEditorModel::credentialProblems() const
{
    QStringList found;
    for (int index = 0; index < m_credentials.size(); ++index) {
        const QString problem = credentialProblemOf(index);
        if (!problem.isEmpty())
            found.append(problem);
    }
    return found;
}

QStringList ChecklistEditorModel::credentialWarnings() const
{
    QStringList found;
    for (int index = 0; index < m_credentials.size(); ++index) {
        const QString warning = credentialWarningOf(index);
        if (!warning.isEmpty())
            found.append(warning);
    }
    return found;
}

QString ChecklistEditorModel::connectionWarningOf(int index) const
{
    const CredentialTemplate& c = m_credentials.at(index);
    const QString who =
        c.id.isEmpty() ? tr("Credential %1").arg(index + 1) : tr("Credential %1 ('%2')").arg(index + 1).arg(c.id);
    // A connection the vault does not hold, or holds for the other
    // environment: saved, but enrolling or signing off on it would fail.
    if (c.provider == QLatin1String("postgresql") && !c.pgServer.isEmpty() && m_connectionsKnown) {
        const auto connection = m_connections.constFind(c.pgServer);
        if (connection == m_connections.cend())
            return c.environment == Environment::Sandbox
                ? tr("%1, connection: this vault has no provider connection '%2' yet, so no login can be made "
                     "through it: enrolling a hire on this checklist is refused until an admin sets it. Once the "
                     "checklist is saved, set it under Production secrets.")
                      .arg(who, c.pgServer)
                : tr("%1, connection: this vault has no provider connection '%2' yet, so no login can be made "
                     "through it: a sign-off on this checklist is refused until an admin sets it. Once the "
                     "checklist is saved, set it under Production secrets.")
                      .arg(who, c.pgServer);
        if (*connection != c.environment)
            return tr("%1, connection: '%2' serves %3, and this credential is for %4; each environment signs in "
                      "through its own connection.")
                .arg(who, c.pgServer, environmentName(*connection), environmentName(c.environment));
    }
    return {};
}

QString ChecklistEditorModel::credentialWarningOf(int index) const
{
    const CredentialTemplate& c = m_credentials.at(index);
    const QString who =
        c.id.isEmpty() ? tr("Credential %1").arg(index + 1) : tr("Credential %1 ('%2')").arg(index + 1).arg(c.id);
    if (c.environment != Environment::Sandbox)
        return {};
    for (auto it = c.fields.cbegin(); it != c.fields.cend(); ++it) {
        const QString host = hostOf(it.value());
        // A host the production hosts cover is refused as a problem already.
        if (host.isEmpty() || !matchingProductionHost(it.value(), m_hosts).isEmpty())
            continue;
        for (const CredentialTemplate& other : m_credentials) {
            if (other.environment != Environment::Production)
                continue;
            for (auto field = other.fields.cbegin(); field != other.fields.cend(); ++field) {
                if (hostOf(field.value()) == host)
                    return tr("%1, fields: '%2' names host '%3', which production credential '%4' reaches. If it is "
                              "a production host, point this sandbox credential elsewhere and add the host under "
                              "Production hosts.")
                        .arg(who, it.key(), host, other.title.isEmpty() ? other.id : other.title);
            }
        }
        if (looksLikeProductionHost(host))
            return tr("%1, fields: '%2' names host '%3', which looks like production, and no production host covers "
                      "it. If it is one, point this sandbox credential elsewhere and add the host under Production "
                      "hosts.")
                .arg(who, it.key(), host);
    }
    return {};
}

QString ChecklistEditorModel::credentialProblemOf(int index, bool inForm) const
{
    const CredentialTemplate& c = m_credentials.at(index);
    const QString who =
        c.id.isEmpty() ? tr("Credential %1").arg(index + 1) : tr("Credential %1 ('%2')").arg(index + 1).arg(c.id);
    if (c.id.isEmpty())
        return tr("%1, id: it has none; give it one such as 'sandbox-db'.").arg(who);
    if (!isSlug(c.id))
        return tr("%1, id: use lower-case letters, digits, '-' and '_', starting with a letter or digit.").arg(who);
    for (int other = 0; other < index; ++other) {
        if (m_credentials.at(other).id == c.id)
            return tr("%1, id: credential %2 has the same id; each needs its own.").arg(who).arg(other + 1);
    }
    if (c.title.trimmed().isEmpty() && inForm)
        return tr("Give this credential a title: say what it opens, such as 'Sandbox database'.");
    if (c.title.trimmed().isEmpty())
        return tr("%1, title: it has none; say what it opens, such as 'Sandbox database'.").arg(who);
    for (auto it = c.fields.cbegin(); it != c.fields.cend(); ++it) {
        if (isSecretFieldName(it.key()) || containsLiteralSecret(it.value()))
            return tr("%1, fields: '%2' looks like a secret. Secrets are generated, or set by an admin under "
                      "Production secrets; never written in a checklist.")
                .arg(who, it.key());
        if (const QString unknown = unknownPlaceholder(it.value()); !unknown.isEmpty())
            return tr("%1, fields: '%2' uses an unknown placeholder '%3'; the known ones are %4.")
                .arg(who, it.key(), unknown, fieldPlaceholders().join(QLatin1String(", ")));
        QString host;
        if (c.environment == Environment::Sandbox && !matchingProductionHost(it.value(), m_hosts, &host).isEmpty())
            return tr("%1, fields: '%2' names production host '%3'; a sandbox credential must never reach "
                      "production.")
                .arg(who, it.key(), host);
    }
    if (c.provider == QLatin1String("postgresql")) {
        if (c.pgServer.isEmpty())
            return tr("%1, connection: a postgresql credential signs in through a provider connection; name it, "
                      "such as 'sandbox', and set it under Production secrets once the checklist is saved.")
                .arg(who);
        if (!c.pgTemplate.isEmpty() && c.environment != Environment::Sandbox)
            return tr("%1, template database: only a sandbox credential gets a database of its own; clear it.")
                .arg(who);
    }
    if (c.provider == QLatin1String("generated")) {
        if (c.secretName.isEmpty())
            return tr("%1, secret name: a generated credential needs one, such as 'password'.").arg(who);
        if (c.secretLength < kMinSecretLength || c.secretLength > kMaxSecretLength)
            return tr("%1, secret length: must be %2 to %3.").arg(who).arg(kMinSecretLength).arg(kMaxSecretLength);
        if (c.fields.contains(c.secretName))
            return tr("%1, secret name: '%2' is also one of its fields.").arg(who, c.secretName);
    }
    return {};
}

} // namespace onramp::ui
