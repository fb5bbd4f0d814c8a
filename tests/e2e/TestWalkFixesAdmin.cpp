// The admin's journey through the real window on the demo team's vault, as
// ada walks it: what a walk through the app found rough stays smooth.
#include "AdminFixture.h"

#include "Database.h"
#include "Session.h"
#include "audit/AuditLog.h"
#include "onboarding/ChecklistStore.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QFile>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesAdmin : public e2e::AdminFixture
{
    Q_OBJECT

    /// The `credential.set` entries of the demo vault's log, read apart from the window.
    QList<onramp::AuditEntry> secretSetEntries() const
    {
        QList<onramp::AuditEntry> entries;
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        if (!vault)
            return entries;
        if (onramp::Error e =
                onramp::AuditLog::entries(vault->db(), {{}, {}, QStringLiteral("credential.set")}, &entries))
            qWarning() << "cannot read the log:" << e.message;
        return entries;
    }

    /// The time of \a entry as the app shows a time: local, in the locale's short format.
    static QString shownTime(const onramp::AuditEntry& entry)
    {
        const QDateTime at = QDateTime::fromString(entry.at, Qt::ISODateWithMs).toLocalTime();
        return QLocale().toString(at.time(), QLocale::ShortFormat);
    }

    /// Opens the window on the demo vault as ada, once: the first test opened
    /// a window of its own on the welcome page.
    bool adaSignedIn()
    {
        if (m_ui && m_ui->page() == QLatin1String("admin"))
            return true;
        closeWindow();
        return openDemoAsAda();
    }

    void showPage(const QString& name)
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)));
        QVERIFY(m_ui->waitForPage(name));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    /// The row of the audit list showing entry \a index (0: the newest), if drawn.
    QQuickItem* auditRow(int index) const
    {
        QQuickItem* list = item("auditEntries");
        auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
        const auto rows = content ? content->childItems() : QList<QQuickItem*>();
        for (QQuickItem* row : rows) {
            const QVariant i = row->property("index");
            if (i.isValid() && i.toInt() == index && row->isVisible())
                return row;
        }
        return nullptr;
    }

    /// The visible item named \a name under \a root.
    static QQuickItem* under(QQuickItem* root, const char* name)
    {
        return root ? e2e::findItem(root, QString::fromLatin1(name)) : nullptr;
    }

    /// The open dialog whose objectName is \a name, among the window's popups.
    QObject* openPopup(const QString& name) const
    {
        const auto popups = m_window->findChildren<QObject*>(name);
        for (QObject* p : popups) {
            if (p->property("opened").toBool())
                return p;
        }
        return nullptr;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        QVERIFY(makeDemoInTestSettings());
        // A second version of the demo's checklist: alex stays on version 1.
        std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
        QVERIFY(ada);
        QByteArray v2 = onramp::demo::sampleChecklist();
        v2.replace("title: Read how we handle mistakes", "title: Read how we handle mistakes, and why");
        e2e::importChecklist(*ada, v2);
    }

    void cleanupTestCase() { closeWindow(); }

    // Admin §8: on Welcome, "Create vault" stays where it is while the
    // strength hint under the passphrase grows and shrinks.
    void theCreateButtonStaysPutAsTheHintChanges()
    {
        QVERIFY(openWindow());
        QVERIFY(m_ui->type(QStringLiteral("adminName"), QStringLiteral("ada")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const auto buttonY = [&] {
            QQuickItem* button = item("createVaultButton");
            return button ? button->mapToScene(QPointF(0, 0)).y() : -1;
        };
        const qreal before = buttonY();
        QVERIFY(before > 0);
        QStringList hints{text("passphraseStrength")};
        QVERIFY(click("passphrase"));
        // Empty, too short, fair, strong: each hint in turn.
        for (const QString& part : {QStringLiteral("short"), QStringLiteral("-longer!!"),
                                    QStringLiteral(" three words"), QStringLiteral(" and then some")}) {
            typeText(part);
            QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
            hints.append(text("passphraseStrength"));
            QCOMPARE(buttonY(), before);
        }
        QVERIFY2(hints.last() == QStringLiteral("Strong passphrase."), qPrintable(hints.join(u'\n')));
        hints.removeDuplicates();
        QVERIFY2(hints.size() >= 4, qPrintable(hints.join(u'\n')));
        shot(QStringLiteral("walk-admin-welcome"));

        // A refused Create says why in the same place, the button still
        // inside its card, and the reason goes once a field is changed (a
        // stale one stood under the fixed passphrase's "Strong passphrase.").
        const auto insideCard = [&] {
            const QQuickItem* card = item("createCard");
            const QQuickItem* button = item("createVaultButton");
            return card && button
                && button->mapToScene(QPointF(0, button->height())).y()
                <= card->mapToScene(QPointF(0, card->height())).y() + 0.5;
        };
        QVERIFY(typeOver("passphraseRepeated", QStringLiteral("something else entirely")));
        QVERIFY(click("createVaultButton"));
        QTRY_VERIFY_WITH_TIMEOUT(onramp::ui::Session::instance()->error().length() > 0 && settled(), e2e::kPatienceMs);
        QCOMPARE(text("passphraseStrength"), onramp::ui::Session::instance()->error());
        QCOMPARE(buttonY(), before);
        QVERIFY(insideCard());
        QVERIFY(click("passphraseRepeated"));
        typeText(QStringLiteral("!"));
        QTRY_COMPARE_WITH_TIMEOUT(text("passphraseStrength"), QStringLiteral("Strong passphrase."), e2e::kPatienceMs);
        // A user name the vault would refuse is said there as it is typed.
        QVERIFY(typeOver("adminName", QStringLiteral("Ada Admin")));
        QTRY_VERIFY_WITH_TIMEOUT(
            text("passphraseStrength").contains(QStringLiteral("'Ada Admin' cannot be a user name")), e2e::kPatienceMs);
        QVERIFY(insideCard());
        closeWindow();
    }

    // Admin §5: a secret already set is replaced only after a confirmation,
    // and its row says who set it and when, from the signed log.
    void replacingASecretAsksFirstAndTellsWhoSetIt()
    {
        QVERIFY(adaSignedIn());
        showTab(QStringLiteral("secrets"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("secretState-prod-db"), e2e::kPatienceMs);
        const QString state = text("secretState-prod-db");
        const QList<onramp::AuditEntry> before = secretSetEntries();
        QVERIFY(!before.isEmpty());
        QVERIFY2(state.startsWith(QStringLiteral("secret set on ")), qPrintable(state));
        QVERIFY2(state.endsWith(shownTime(before.constLast()) + QStringLiteral(" by Ada Admin")), qPrintable(state));

        QVERIFY(click("template-prod-db"));
        QVERIFY(m_ui->type(QStringLiteral("secretField"), QStringLiteral("a-new-secret")));
        QVERIFY(click("setSecretButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replaceSecretText"), e2e::kPatienceMs);
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = openPopup(QStringLiteral("replaceSecretDialog"))), e2e::kPatienceMs);
        QCOMPARE(dialog->property("title").toString(),
                 QStringLiteral("Replace the secret of Production database (read-only)?"));
        // Once counted, how many hires it reaches, as the notice after the replacement counts them.
        static const QRegularExpression counted(QStringLiteral("^(No hire holds it now|(\\d+) hires? holds? it now)"));
        QTRY_VERIFY2_WITH_TIMEOUT(counted.match(text("replaceSecretText")).hasMatch(),
                                  qPrintable(text("replaceSecretText")), e2e::kPatienceMs);
        const QString said = text("replaceSecretText");
        const int holders = counted.match(said).captured(2).toInt(); // 0 for "No hire"
        QVERIFY2(!said.contains(QStringLiteral("a-new-secret")), "the dialog shows the secret");

        // Cancel (where the focus starts) changes nothing.
        QTRY_VERIFY_WITH_TIMEOUT(focused("replaceSecretCancel"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("replaceSecretText") && settled(), e2e::kPatienceMs);
        QCOMPARE(secretSetEntries().size(), before.size());
        QCOMPARE(text("secretState-prod-db"), state);

        // Replace replaces it.
        QVERIFY(click("setSecretButton"));
        QVERIFY(click("replaceSecretButton"));
        QTRY_COMPARE_WITH_TIMEOUT(secretSetEntries().size(), before.size() + 1, e2e::kPatienceMs);
        QTRY_VERIFY2_WITH_TIMEOUT(notice().contains(holders == 1
                                                        ? QStringLiteral("(1 hire received it)")
                                                        : QStringLiteral("(%1 hires received it)").arg(holders)),
                                  qPrintable(notice()), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(text("secretField").isEmpty() && settled(), e2e::kPatienceMs);
        QVERIFY(text("secretState-prod-db").endsWith(QStringLiteral(" by Ada Admin")));
        shot(QStringLiteral("walk-admin-secret"));
    }

    // Admin §6, §5.2: the audit log at 1024x640 gives its details on two
    // lines (the whole text in a tooltip, the row's name and its pane),
    // times in the locale's short format and subjects by their titles.
    void theAuditLogReadsWholeInTheAppsWords()
    {
        QVERIFY(adaSignedIn());
        showPage(QStringLiteral("audit"));
        QTRY_VERIFY_WITH_TIMEOUT(auditRow(0), e2e::kPatienceMs);
        QAbstractItemModel* model = item("auditEntries")->property("model").value<QAbstractItemModel*>();
        QVERIFY(model);
        const QHash<int, QByteArray> roles = model->roleNames();

        // The newest of ada's secrets set: the production database's.
        int setRow = -1;
        for (int row = 0; row < model->rowCount() && setRow < 0; ++row) {
            if (model->index(row, 0).data(roles.key("actionName")).toString() == QLatin1String("credential.set"))
                setRow = row;
        }
        QVERIFY(setRow >= 0);
        QQuickItem* newest = auditRow(setRow);
        QVERIFY(under(newest, "auditSubject") && under(newest, "auditSubjectId"));
        QCOMPARE(under(newest, "auditSubject")->property("text").toString(),
                 QStringLiteral("Production database (read-only)"));
        QCOMPARE(under(newest, "auditSubjectId")->property("text").toString(), QStringLiteral("prod-db"));

        // The time as every page shows one: the locale's short time (here
        // 12-hour), with the seconds.
        static const QRegularExpression shortTime(QStringLiteral("\\d{1,2}:\\d{2}:\\d{2}\\s?[AP]M$"));
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString at = model->index(row, 0).data(roles.key("atText")).toString();
            QVERIFY2(shortTime.match(at).hasMatch(), qPrintable(at));
        }

        // A person's subject by their display name; a step in the details by
        // its title, its id beside it.
        int stepRow = -1;
        for (int row = 0; row < model->rowCount() && stepRow < 0; ++row) {
            if (model->index(row, 0)
                    .data(roles.key("detailsJson"))
                    .toString()
                    .contains(QStringLiteral("restore-drill")))
                stepRow = row;
        }
        QVERIFY(stepRow >= 0);
        QCOMPARE(model->index(stepRow, 0).data(roles.key("subject")).toString(), QStringLiteral("noor"));
        QCOMPARE(model->index(stepRow, 0).data(roles.key("subjectTitle")).toString(), QStringLiteral("Noor Steady"));
        const QString stepDetails = model->index(stepRow, 0).data(roles.key("details")).toString();
        QVERIFY2(stepDetails.contains(QStringLiteral("Step: Restore a backup into your sandbox (restore-drill)")),
                 qPrintable(stepDetails));

        // Every drawn row's details: two lines where one does not hold them,
        // and the whole text, when cut, in its tooltip and accessible name.
        int wrapped = 0;
        QSet<int> lefts; // the column's left edge, the same in every row
        for (int row = 0; auditRow(row); ++row) {
            QQuickItem* details = under(auditRow(row), "auditDetails");
            QVERIFY(details);
            lefts.insert(qRound(details->mapToScene(QPointF(0, 0)).x()));
            const QString whole = model->index(row, 0).data(roles.key("details")).toString();
            QCOMPARE(details->property("text").toString(), whole);
            if (details->implicitWidth() > details->width() + 0.5) {
                ++wrapped;
                QCOMPARE(details->property("lineCount").toInt(), 2);
            }
        }
        QVERIFY2(wrapped > 0, "no entry's details take more than one line at 1024 px");
        QCOMPARE(lefts.size(), 1);
        shot(QStringLiteral("walk-admin-audit"));
    }

    // Admin §7: every passphrase field an admin fills says the minimum
    // beforehand, and a passphrase under it is refused by the field itself.
    void aShortPassphraseIsRefusedByItsField()
    {
        QVERIFY(adaSignedIn());
        showTab(QStringLiteral("people"));
        QVERIFY2(text("personPassphraseNote").contains(QStringLiteral("12 characters")),
                 qPrintable(text("personPassphraseNote")));
        const int people = count("peopleList");
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("kim")));
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("too short")));
        QVERIFY(click("addPersonButton"));
        QTRY_VERIFY_WITH_TIMEOUT(text("personPassphraseNote").startsWith(QStringLiteral("The passphrase is too short")),
                                 e2e::kPatienceMs);
        QVERIFY(focused("personPassphrase"));
        QVERIFY(!visible("firstPassphraseDone"));
        QCOMPARE(count("peopleList"), people);
        QCOMPARE(text("personName"), QStringLiteral("kim")); // nothing typed is lost
        // Typed over (it is selected) with one long enough, the rule is back.
        typeText(QStringLiteral("kim's first passphrase"));
        QCOMPARE(text("personPassphrase"), QStringLiteral("kim's first passphrase"));
        QTRY_VERIFY_WITH_TIMEOUT(text("personPassphraseNote").contains(QStringLiteral("12 characters")),
                                 e2e::kPatienceMs);
        QVERIFY(typeOver("personPassphrase", QString()));
        QVERIFY(typeOver("personName", QString()));

        // The reset's field the same way, and no dialog opens for a refused one.
        QVERIFY(click("person-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("resetPassphraseNote"), e2e::kPatienceMs);
        QVERIFY2(text("resetPassphraseNote").contains(QStringLiteral("12 characters")),
                 qPrintable(text("resetPassphraseNote")));
        QVERIFY(m_ui->type(QStringLiteral("resetPassphrase"), QStringLiteral("short")));
        QVERIFY(click("resetPassphraseButton"));
        QTRY_VERIFY_WITH_TIMEOUT(text("resetPassphraseNote").startsWith(QStringLiteral("The passphrase is too short")),
                                 e2e::kPatienceMs);
        QVERIFY(!openPopup(QStringLiteral("resetDialog")));
        QVERIFY(focused("resetPassphrase"));
        QVERIFY(typeOver("resetPassphrase", QString()));
        shot(QStringLiteral("walk-admin-short-passphrase"));
    }

    // Admin §8: while a person is added the form is closed and says whom it
    // adds; nothing typed after it is lost.
    void addingAPersonShowsWhomAndLosesNothing()
    {
        QVERIFY(adaSignedIn());
        showTab(QStringLiteral("people"));
        QQuickItem* name = item("personName");
        QVERIFY(name);
        QStringList seenWhileAdding;
        const int before = count("peopleList");
        const QMetaObject::Connection watch = connect(name, &QQuickItem::enabledChanged, this, [&] {
            if (!name->isEnabled())
                seenWhileAdding << text("addPersonButton") << QString::number(item("personPassphrase")->isEnabled());
        });
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("kim")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Kim Lee")));
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("kim's first passphrase")));
        QVERIFY(click("addPersonButton"));
        QVERIFY(m_ui->closeFirstPassphrase());
        disconnect(watch);
        QCOMPARE(seenWhileAdding, (QStringList{QStringLiteral("Adding Kim Lee…"), QStringLiteral("0")}));
        QTRY_VERIFY_WITH_TIMEOUT(name->isEnabled() && focused("personName"), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(count("peopleList"), before + 1, e2e::kPatienceMs);
        // The next one typed at once stays.
        typeText(QStringLiteral("lee"));
        QCOMPARE(text("personName"), QStringLiteral("lee"));
        QVERIFY(typeOver("personName", QString()));
    }

    // Admin §9: a sandbox credential whose host looks like production is
    // shown before the save, which waits for the admin's word.
    void aProductionLookingSandboxHostIsShownBeforeSaving()
    {
        QVERIFY(adaSignedIn());
        showTab(QStringLiteral("checklists"));
        QVERIFY(click("editorCredentials"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorAddCredential") && settled(), e2e::kPatienceMs);
        QVERIFY(click("editorAddCredential"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("editorCredentialTitle"), e2e::kPatienceMs);
        typeText(QStringLiteral("Orders API"));
        m_ui->key(Qt::Key_Tab);
        QVERIFY(typeOver("editorCredentialId", QStringLiteral("orders-api")));
        m_ui->key(Qt::Key_Tab);
        QVERIFY(m_ui->type(QStringLiteral("editorCredentialFields"), QStringLiteral("host: api.prod.internal")));
        QVERIFY(click("editorCredentialTtl"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorCredentialWarning"), e2e::kPatienceMs);
        QVERIFY2(text("editorCredentialWarning").contains(QStringLiteral("'api.prod.internal'")),
                 qPrintable(text("editorCredentialWarning")));
        QCOMPARE(text("editorCredentialProblem"), QString()); // a warning, not a refusal
        QVERIFY(click("editorCredentialsClose"));

        // The versions of every checklist, counted apart from the window.
        const auto versions = [this] {
            QList<onramp::StoredChecklist> latest;
            std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
            if (vault && onramp::ChecklistStore(*vault).latest(&latest))
                qWarning("cannot read the checklists");
            int sum = 0;
            for (const onramp::StoredChecklist& c : std::as_const(latest))
                sum += c.version;
            return sum;
        };
        const int before = versions();
        QVERIFY(click("editorSave"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("editorHostWarningText"), e2e::kPatienceMs);
        QVERIFY(text("editorHostWarningText").contains(QStringLiteral("api.prod.internal")));
        QTRY_VERIFY_WITH_TIMEOUT(focused("editorHostWarningHosts"), e2e::kPatienceMs);
        QCOMPARE(versions(), before);
        // The safe way on: the production hosts, nothing saved.
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("editorHostWarningText") && settled(), e2e::kPatienceMs);
        QCOMPARE(versions(), before);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // Save anyway saves.
        QVERIFY(click("editorSave"));
        QVERIFY(click("editorHostWarningSave"));
        QTRY_COMPARE_WITH_TIMEOUT(versions(), before + 1, e2e::kPatienceMs);
    }

    // §5.1: at 1024x640 an enrollment's version stays in sight beside the
    // "v2 available" chip, under the hire's name with the checklist's
    // title, which wraps rather than being cut.
    void theEnrollmentsVersionStaysBesideTheChip()
    {
        QVERIFY(adaSignedIn());
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollmentNewer-alex") && settled(), e2e::kPatienceMs);
        QQuickItem* line = item("enrollmentChecklist-alex");
        QQuickItem* chip = item("enrollmentNewer-alex");
        QVERIFY(line);
        QVERIFY2(line->property("text").toString().endsWith(QStringLiteral(" · version 1")),
                 qPrintable(line->property("text").toString()));
        QVERIFY2(chip->property("text").toString().endsWith(QStringLiteral(" available")),
                 qPrintable(chip->property("text").toString()));
        const qreal lineRight = line->mapToScene(QPointF(line->width(), 0)).x();
        const qreal chipLeft = chip->mapToScene(QPointF(0, 0)).x();
        QVERIFY2(lineRight <= chipLeft, qPrintable(QStringLiteral("%1 > %2").arg(lineRight).arg(chipLeft)));
        QVERIFY(!line->property("truncated").toBool());
        shot(QStringLiteral("walk-admin-enrollments"));
    }

    // Admin §4: the vault's check and its backup from the admin's page, with
    // no command handed over for a restore elsewhere.
    void theAdminChecksAndBacksUpTheVaultInTheApp()
    {
        QVERIFY(adaSignedIn());
        showTab(QStringLiteral("vault"));
        QVERIFY(click("checkVaultButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!text("checkVaultResult").isEmpty() && settled(), e2e::kPatienceMs);
        QObject* backend = nullptr;
        const auto children = item("admin")->findChildren<QObject*>();
        for (QObject* child : children) {
            if (child->inherits("onramp::ui::AdminBackend"))
                backend = child;
        }
        QVERIFY(backend && backend->inherits("onramp::ui::AdminBackend"));
        QVERIFY2(backend->property("checkPassed").toBool(), qPrintable(text("checkVaultResult")));
        QVERIFY(item("checkVaultButton")->isEnabled());
        // Something to act on (the production key in a handed-over slot) is a warning of its own,
        // in the warning colour, while the lines that passed keep the pass's; the verdict comes first.
        QVERIFY(!text("checkVaultResult").contains(QStringLiteral("handed-over slot")));
        const bool warns = backend->property("checkWarns").toBool();
        QCOMPARE(warns, visible("checkVaultWarnings"));
        QCOMPARE(text("checkVaultResult").section(u'\n', 0, 0),
                 warns ? QStringLiteral("The vault passed its check, with 1 thing to act on below.")
                       : QStringLiteral("The vault passed its check."));
        if (warns)
            QVERIFY2(text("checkVaultWarnings").contains(QStringLiteral("handed-over slot")),
                     qPrintable(text("checkVaultWarnings")));
        // When it was made; nothing changed since.
        QVERIFY2(text("checkVaultAge").startsWith(QStringLiteral("Checked at ")), qPrintable(text("checkVaultAge")));
        QVERIFY(!text("checkVaultAge").contains(QStringLiteral("changed since")));

        // The backup the dialog's file receives; a folder that is not there is refused, naming it.
        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder/backup.onramp"));
        QVERIFY(QMetaObject::invokeMethod(backend, "backUpTo", Q_ARG(QUrl, QUrl::fromLocalFile(missing))));
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("no-such-folder")), e2e::kPatienceMs);
        QVERIFY(!QFile::exists(missing));
        const QString file = m_dir.filePath(QStringLiteral("backup.onramp"));
        QVERIFY(QMetaObject::invokeMethod(backend, "backUpTo", Q_ARG(QUrl, QUrl::fromLocalFile(file))));
        QTRY_VERIFY_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Backed up the vault")), e2e::kPatienceMs);
        QVERIFY(QFile::exists(file));
        QVERIFY(!(QFile::permissions(file) & (QFile::ReadGroup | QFile::ReadOther)));
        // Its entry lengthened the audit log the check counted: the report says it is older than the vault.
        QTRY_VERIFY2_WITH_TIMEOUT(text("checkVaultAge").contains(QStringLiteral("The vault has changed since")),
                                  qPrintable(text("checkVaultAge")), e2e::kPatienceMs);
        QVERIFY(click("checkVaultButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!text("checkVaultAge").isEmpty() && !backend->property("maintaining").toBool(),
                                 e2e::kPatienceMs);
        QVERIFY2(!text("checkVaultAge").contains(QStringLiteral("changed since")), qPrintable(text("checkVaultAge")));

        // The tab hands no command to run: its restore is the one in place.
        QVERIFY(!item("restoreCommand"));
        QVERIFY2(!allTextsUnder(QStringLiteral("vaultTab")).contains(QStringLiteral("NEW-FOLDER")),
                 qPrintable(allTextsUnder(QStringLiteral("vaultTab"))));
        shot(QStringLiteral("walk-admin-vault"));
    }

    // The production key from the Vault tab: asked first, Cancel focused
    // (Enter cancels), then rotated with the notice saying what it did.
    void theAdminRotatesTheProductionKeyInTheApp()
    {
        QVERIFY(adaSignedIn());
        showTab(QStringLiteral("vault"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("rotateProductionKeyButton") && settled(), e2e::kPatienceMs);
        QObject* dialog =
            item("admin") ? item("admin")->findChild<QObject*>(QStringLiteral("rotateProductionKeyDialog")) : nullptr;
        QVERIFY(dialog);
        const auto rotations = [] {
            qint64 n = -1;
            const onramp::Error e = onramp::ui::Session::instance()->performNow([&n](onramp::Vault& v) {
                n = v.db()
                        .scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'production.rotate'"))
                        .toLongLong();
                return onramp::Error();
            });
            return e ? -1 : n;
        };
        QCOMPARE(rotations(), 0);
        QVERIFY(click("rotateProductionKeyButton"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(focused("rotateCancelButton"), e2e::kPatienceMs);
        shot(QStringLiteral("walk-admin-rotate"));
        // Enter on the focused Cancel: nothing rotated.
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QCOMPARE(rotations(), 0);
        QVERIFY(click("rotateProductionKeyButton"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        QVERIFY(click("rotateConfirmButton"));
        QTRY_VERIFY_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Rotated the production key")), e2e::kPatienceMs);
        QCOMPARE(rotations(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(click("checkVaultButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!text("checkVaultResult").isEmpty() && settled(), e2e::kPatienceMs);
        QVERIFY2(!text("checkVaultResult").contains(QStringLiteral("Problem found")),
                 qPrintable(text("checkVaultResult")));
        shot(QStringLiteral("walk-admin-rotated"));

        // A mentor handed a passphrase since: the check names her in the
        // app's words, pointing at the card above rather than a command.
        QVERIFY(!onramp::ui::Session::instance()->performNow([](onramp::Vault& v) {
            return onramp::People(v).resetPassphrase(QStringLiteral("maya"), "maya, handed over by ada");
        }));
        QVERIFY(click("checkVaultButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!text("checkVaultResult").isEmpty() && settled(), e2e::kPatienceMs);
        const QStringList lines = text("checkVaultResult").split(u'\n');
        QVERIFY2(std::none_of(lines.cbegin(), lines.cend(),
                              [](const QString& l) {
                                  return l.startsWith(QStringLiteral("production key:"))
                                      || l.contains(QStringLiteral("onramp vault"));
                              }),
                 qPrintable(lines.join(u'|')));
        // Apart from the lines that passed, in the warning colour, and counted by the verdict.
        QCOMPARE(lines.first(), QStringLiteral("The vault passed its check, with 1 thing to act on below."));
        QCOMPARE(text("checkVaultWarnings"),
                 QStringLiteral("Production key: still the one sealed into the handed-over slot of "
                                "maya. Whoever saw that passphrase and copied the key file can open "
                                "it. Once they have chosen their own passphrase, rotate it under "
                                "Production key."));
        QCOMPARE(item("checkVaultWarnings")->property("color").value<QColor>(), theme("warning"));
        QCOMPARE(item("checkVaultResult")->property("color").value<QColor>(), theme("success"));
    }

    // One secret is kept per credential id: a second checklist's static
    // credential of the same id shares it. The form says so before the
    // admin sets it, naming the other checklist; the replace dialog says
    // that the source decides which password works.
    void aSecretTwoChecklistsShareIsSaidToBeShared()
    {
        QVERIFY(adaSignedIn());
        QByteArray frontend = onramp::demo::sampleChecklist();
        frontend.replace("id: backend-week-one", "id: frontend-week-one");
        frontend.replace("title: Backend engineer — first week", "title: Frontend engineer — first week");
        {
            std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
            QVERIFY(ada);
            e2e::importChecklist(*ada, frontend);
        }
        closeWindow();
        QVERIFY(openDemoAsAda());
        showTab(QStringLiteral("secrets"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("template-prod-db") && settled(), e2e::kPatienceMs);
        QVERIFY(click("template-prod-db"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("secretShared"), e2e::kPatienceMs);
        const QString shared = text("secretShared");
        QVERIFY2(shared.contains(QStringLiteral("share one secret")), qPrintable(shared));
        QVERIFY2(shared.contains(QStringLiteral("first week”")), qPrintable(shared));
        QVERIFY(m_ui->type(QStringLiteral("secretField"), QStringLiteral("another-new-secret")));
        QVERIFY(click("setSecretButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replaceSecretText"), e2e::kPatienceMs);
        const QString said = text("replaceSecretText");
        QVERIFY2(said.contains(QStringLiteral("at its source")), qPrintable(said));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("replaceSecretText") && settled(), e2e::kPatienceMs);
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesAdmin)
#include "TestWalkFixesAdmin.moc"
