#pragma once

#include "ChecklistVersionModel.h"
#include "ListModel.h"

#include "checklist/Checklist.h"

#include <QUrl>

#include <optional>

namespace onramp::ui {

/// The admin's checklist editor: the steps of one checklist's latest version,
/// its production hosts and its credential templates, edited in memory (add, remove, reorder, fields
/// and flags; hosts added and removed) and saved as a
/// new version through ChecklistStore::save on the session's worker.
/// The component that lays it out is qml/components/editor/ChecklistEditor.qml.
class ChecklistEditorModel : public onramp::ui::ListModel
{
    Q_OBJECT
    QML_ELEMENT
    /// The checklist to edit; setting it loads its latest version.
    Q_PROPERTY(QString checklistId READ checklistId WRITE setChecklistId NOTIFY checklistIdChanged FINAL)
    Q_PROPERTY(QString title READ title NOTIFY loadedChanged FINAL)
    /// The version the edits start from; 0 for a checklist not saved yet.
    Q_PROPERTY(int version READ version NOTIFY loadedChanged FINAL)
    /// True when a checklist is loaded or started, so there is something to edit.
    Q_PROPERTY(bool ready READ isReady NOTIFY loadedChanged FINAL)
    /// The stored versions, oldest first.
    Q_PROPERTY(onramp::ui::ChecklistVersionModel* versions READ versions CONSTANT FINAL)
    /// The steps differ from the saved version.
    Q_PROPERTY(bool dirty READ isDirty NOTIFY dirtyChanged FINAL)
    /// The last load, save or export problem; empty after a success.
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged FINAL)
    /// The step removed last, restorable with undoRemove(); empty when none.
    Q_PROPERTY(QString removedTitle READ removedTitle NOTIFY removedChanged FINAL)
    /// Hosts and globs that sandbox credentials may never name, as edited.
    Q_PROPERTY(QStringList productionHosts READ productionHosts NOTIFY productionHostsChanged FINAL)
    /// Bumped on every change to a step, so that QML bindings on get() refresh.
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged FINAL)
    /// How many credential templates the edited checklist declares.
    Q_PROPERTY(int credentialCount READ credentialCount NOTIFY credentialsChanged FINAL)

public:
    enum Roles {
        IdRole = Qt::UserRole + 1, ///< the step's id, a slug
        TitleRole, ///< the step's title
        SectionRole, ///< the section heading it sits under
        BodyRole, ///< Markdown text
        DueRole, ///< days after the start date, or -1 for none
        RequiredRole, ///< needed before production access
        SignoffRole, ///< the mentor approves it
        NewRole, ///< not in the saved version
        ProblemRole, ///< why saving would refuse this step; empty when fine
        SectionFromAboveRole, ///< a new step's section, copied from the step above, not yet edited: the form says so
    };
    Q_ENUM(Roles)

    explicit ChecklistEditorModel(QObject* parent = nullptr);
    ~ChecklistEditorModel() override;

    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString checklistId() const { return m_checklistId; }
    void setChecklistId(const QString& id);
    QString title() const { return m_base.title; }
    int version() const { return m_version; }
    bool isReady() const { return m_ready; }
    ChecklistVersionModel* versions() { return &m_versions; }
    bool isDirty() const;
    QString errorText() const { return m_errorText; }
    QString removedTitle() const;
    int revision() const { return m_revision; }
    QStringList productionHosts() const { return m_hosts; }

    /// (Re)loads the latest version of checklistId, dropping unsaved edits.
    Q_INVOKABLE void load();
    /// Starts a checklist that is not in the vault yet; save() makes version 1.
    Q_INVOKABLE bool startNew(const QString& id, const QString& title);
    /// The id a new checklist titled \a title gets until one is typed: lower-case
    /// ASCII words joined by hyphens ("First week — Backend" → "first-week-backend").
    Q_INVOKABLE static QString idFromTitle(const QString& title);
    /// Inserts a new step at \a row (-1: at the end); returns its row.
    Q_INVOKABLE int addStep(int row = -1);
    /// Removes the step at \a row; undoRemove() brings it back.
    Q_INVOKABLE bool removeStep(int row);
    Q_INVOKABLE bool undoRemove();
    /// Moves the step at \a from to \a to; false when either is out of range.
    Q_INVOKABLE bool move(int from, int to);
    Q_INVOKABLE bool moveUp(int row) { return move(row, row - 1); }
    Q_INVOKABLE bool moveDown(int row) { return move(row, row + 1); }
    /// Sets one field by its role name ("title", "due", "required", …).
    Q_INVOKABLE bool setValue(int row, const QString& field, const QVariant& value);
    /// A step's due day in words that cannot be read as "the first day":
    /// "none" below 0, "on the start day" for 0, "N days after start".
    Q_INVOKABLE static QString dueText(int days);
    /// The days \a text stands for: dueText()'s words or a number typed; -1 for none.
    Q_INVOKABLE static int dueFromText(const QString& text);
    /// Adds a production host name or glob ("db.prod.example.com",
    /// "*.prod.example.com"); returns why it was refused, empty when added.
    Q_INVOKABLE QString addProductionHost(const QString& text);
    /// Removes the production host at \a index; false when out of range.
    Q_INVOKABLE bool removeProductionHost(int index);
    /// Every reason saving would be refused, each naming its step.
    Q_INVOKABLE QStringList problems() const;
    /// What the edits change against the saved version, a sentence each
    /// (steps added, removed, changed or reordered; the hosts; the
    /// credentials): what discarding them would lose. Empty when none.
    Q_INVOKABLE QStringList unsavedChanges() const;
    /// The row of the step with id \a stepId; -1 when there is none.
    Q_INVOKABLE int rowOf(const QString& stepId) const;
    /// Validates and stores the steps as a new version; ends in done() or
    /// error(). Edits that weaken the gate of the latest version are stored
    /// only with \a acceptWeaker; without it, weakerSave() says how. Edits of
    /// a version that is no longer the latest are not stored: newerVersion().
    Q_INVOKABLE void save(bool acceptWeaker = false);
    /// Drops the edits and opens the latest version.
    Q_INVOKABLE void reloadLatest();
    /// Keeps the edits and lets the next save() store them over \a latest
    /// (until a load or a save that stores them),
    /// the version another window saved meanwhile: that version stays in the
    /// history, and the new one replaces its changes with these edits.
    Q_INVOKABLE void saveOver(int latest);
    /// Writes the saved version as a YAML checklist file, atomically.
    Q_INVOKABLE bool exportTo(const QUrl& file);
    /// The file an export's save dialog suggests: CHECKLIST-vVERSION.yaml
    /// in the folder every export's dialog opens in (Session::exportFolder()).
    Q_INVOKABLE QUrl exportFileSuggestion() const;

    // Credential templates (the checklist's `credentials:`), edited beside the
    // steps and saved with them as one new version.
    int credentialCount() const { return int(m_credentials.size()); }
    /// The template at \a index as {credentialId, title, environment,
    /// provider, fields ("name: value" lines), secretName, secretLength, ttl
    /// ("8h", empty for none), problem, warning}; empty when out of range.
    Q_INVOKABLE QVariantMap credentialAt(int index) const;
    /// Appends a sandbox template with a generated 24-character password; returns its index.
    Q_INVOKABLE int addCredential();
    /// Removes the template at \a index; false when out of range.
    Q_INVOKABLE bool removeCredential(int index);
    /// Sets one field of the template at \a index by its name in credentialAt();
    /// returns why the value was refused, naming the field (nothing changes then), empty when set.
    Q_INVOKABLE QString setCredentialValue(int index, const QString& field, const QVariant& value);
    /// Every reason saving would be refused for the templates, each naming the credential and its field.
    Q_INVOKABLE QStringList credentialProblems() const;
    /// What saving would not refuse but the admin should see first: a sandbox
    /// template whose field names a host that looks like production
    /// (looksLikeProductionHost) or that a production template of the
    /// checklist reaches, while no production host covers it. Each names the
    /// credential, its field and the host.
    Q_INVOKABLE QStringList credentialWarnings() const;

Q_SIGNALS:
    void checklistIdChanged();
    void loadedChanged();
    void dirtyChanged();
    void errorTextChanged();
    void removedChanged();
    void revisionChanged();
    void productionHostsChanged();
    void credentialsChanged();
    void done(const QString& message);
    void error(const QString& message);
    /// The edits would weaken the gate of version \a version in each of the
    /// ways \a weakens says (ChecklistStore::weakenings); nothing was saved.
    void weakerSave(int version, const QStringList& weakens);
    /// Version \a latest was stored after the one being edited; nothing was
    /// saved, and the edits stay in view.
    void newerVersion(int latest);

private:
    /// One step being edited.
    struct Row {
        Step step;
        bool autoId = false; ///< the id follows the title until set by hand
        bool sectionFromAbove = false; ///< the section was copied from the step above and not edited since
    };

    int size() const override { return int(m_rows.size()); }
    QVariant value(int row, int role) const override;
    QString problemOf(int row) const;
    QString uniqueId(const QString& wanted, int exceptRow) const;
    Checklist edited() const;
    /// Keeps unsaved edits of a saved version for \a person (see keptDraft()).
    void keepDraft(const QString& person);
    void adopt(const Checklist& saved, int version, const QList<StoredChecklist>& versions);
    void clear();
    void changedRows(int first, int last, const QList<int>& roles);
    void setHosts(const QStringList& hosts);
    void updateDirty();
    void setErrorText(const QString& text);
    void fail(const QString& message);
    /// What keeps credential \a index from being saved, naming it; \a inForm: said
    /// beside its own fields, where a title not typed yet is asked for in words.
    QString credentialProblemOf(int index, bool inForm = false) const;
    QString credentialWarningOf(int index) const;
    /// Replaces the templates; \a autoIds says, for each, whether its id still
    /// follows its title (a size that does not match: none does).
    void setCredentials(const QList<CredentialTemplate>& credentials, const QList<bool>& autoIds = {});
    /// The id the template at \a index gets from \a title: its slug, made unique among the others.
    QString credentialIdFromTitle(const QString& title, int index) const;

    QString m_checklistId;
    Checklist m_base; ///< the saved version
    QList<Row> m_rows;
    QStringList m_hosts;
    /// The vault's provider connections by name, and the environment each
    /// serves (their DSNs not kept); read with each load, for the warnings
    /// of a postgresql credential.
    QHash<QString, Environment> m_connections;
    bool m_connectionsKnown = false;
    void loadConnections();
    /// A postgresql credential's connection the vault does not hold, or
    /// holds for the other environment; empty otherwise (shown in the form,
    /// not asked about at a save).
    QString connectionWarningOf(int index) const;
    QList<CredentialTemplate> m_credentials; ///< the credential templates, as edited
    QList<bool> m_credentialAutoIds; ///< for each template: its id follows its title until set by hand
    std::optional<std::pair<int, Row>> m_removed;
    ChecklistVersionModel m_versions;
    QString m_errorText;
    /// errorText lists the problems a save was refused for: edits keep it current.
    bool m_showsProblems = false;
    int m_version = 0;
    int m_savesOver = 0; ///< the newer version saveOver() was told of; 0 for none
    int m_generation = 0; ///< drops the result of a load that a newer one replaced
    int m_revision = 0;
    bool m_ready = false;
    bool m_wasDirty = false;
    bool m_ignoreNextChange = false; ///< the Session::changed that our own save causes
};

} // namespace onramp::ui
