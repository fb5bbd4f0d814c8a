// The sixth walk's defects on the ways in, the notices and the audit log,
// clicked in the real window at 1024x640: a new vault goes in a folder the
// admin sees and can choose, and is said to be there; the folder dialog
// opens a vault from inside its folder or from the folder above it, and a
// folder without one is told what a vault folder holds; a recent vault that
// is gone says so whole and can be removed; a notice that has gone is gone
// for a screen reader too, and the next one is a new one; the audit log's
// Subject is whole in English and German.
#include "Appearance.h"
#include "E2eDriver.h"
#include "VaultTestUtil.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>

using onramp::ui::Session;

namespace {

/// What a screen reader can reach under \a iface: each node's name and
/// whether it is shown (not marked invisible).
void collectNodes(QAccessibleInterface* iface, QList<QPair<QString, bool>>* out, int depth = 0)
{
    if (!iface || depth > 80)
        return;
    out->append({iface->text(QAccessible::Name), !iface->state().invisible});
    const int count = iface->childCount();
    for (int i = 0; i < count; ++i)
        collectNodes(iface->child(i), out, depth + 1);
}

/// Every visible item under \a root named \a name.
QList<QQuickItem*> named(QQuickItem* root, const QString& name)
{
    QList<QQuickItem*> found;
    if (!root->isVisible())
        return found;
    if (root->objectName() == name)
        found.append(root);
    const auto children = root->childItems();
    for (QQuickItem* child : children)
        found += named(child, name);
    return found;
}

} // namespace

class TestWalkFixesEleven : public e2e::WindowFixture
{
    Q_OBJECT

    QString m_home;

    Session* session() const { return Session::instance(); }

    /// Qt Quick's own folder dialog, open in the window: its list of folders.
    QQuickItem* folderList() const { return item(QStringLiteral("fileDialogListView")); }

    /// The folder dialog open in the window (Qt Quick's own), or null.
    QObject* openFolderDialog() const
    {
        for (QQuickItem* it = folderList(); it; it = it->parentItem()) {
            if (it->parent() && it->parent()->inherits("QQuickFolderDialogImpl"))
                return it->parent();
        }
        return nullptr;
    }

    /// The open folder dialog's accept button ("Open").
    QQuickItem* dialogOpenButton() const
    {
        QQuickItem* found = nullptr;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
            if (found || !it->isVisible())
                return;
            if (it->inherits("QQuickAbstractButton")
                && it->property("text").toString().remove(u'&') == QLatin1String("Open"))
                found = it;
            const auto children = it->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        for (QQuickItem* it = folderList(); it; it = it->parentItem()) {
            if (it->inherits("QQuickPopupItem")) {
                visit(it);
                break;
            }
        }
        return found;
    }

    /// In the open folder dialog, shows \a parent and double-clicks its folder
    /// \a name, as a person goes into it.
    void goInto(const QString& parent, const QString& name)
    {
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = openFolderDialog()) && dialog->property("opened").toBool(),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->goIntoFolder(dialog, parent, name));
    }

    /// Clicks the open folder dialog's Open button, which must be enabled.
    void clickOpen()
    {
        QQuickItem* open = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((open = dialogOpenButton()), e2e::kPatienceMs);
        QTRY_VERIFY2_WITH_TIMEOUT(open->isEnabled(), "the dialog's Open button is disabled", e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const QPoint centre = open->mapToScene(QPointF(open->width() / 2, open->height() / 2)).toPoint();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre);
        QTRY_VERIFY_WITH_TIMEOUT(!folderList(), e2e::kPatienceMs);
    }

    /// What the Welcome page's Open a vault folder… dialog does once a folder is chosen.
    void chooseFolder(const QString& folder)
    {
        QQuickItem* welcome = item(QStringLiteral("welcome"));
        QVERIFY(welcome);
        QVERIFY(QMetaObject::invokeMethod(welcome, "openFolder", Q_ARG(QVariant, folder)));
    }

    /// Back to the Welcome page with nothing opened, at 1024x640.
    void welcome()
    {
        closeWindow();
        session()->setVaultPath(m_dir.filePath(QStringLiteral("none-yet")));
        QVERIFY(openWindow(QSize(1024, 640)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The home folder is the test's own: a new vault is offered a place in it.
        m_home = m_dir.filePath(QStringLiteral("home"));
        QVERIFY(QDir().mkpath(m_home));
        qputenv("HOME", QFile::encodeName(m_home));
        QStandardPaths::setTestModeEnabled(true);
        QSettings settings;
        settings.remove(QStringLiteral("recentVaults"));
        settings.remove(QStringLiteral("language"));
    }

    void init() { e2e::failOnQmlWarnings(); }

    void cleanup() { closeWindow(); }

    // 1. Create a vault: the folder is in sight before, chosen in a dialog, and named after.
    void aNewVaultGoesWhereTheAdminSeesAndChoosesAndIsSaidToBeThere()
    {
        session()->setVaultPath(Session::defaultVaultPath());
        QVERIFY(openWindow(QSize(1024, 640)));
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);

        // Offered in the home folder, in sight: no hidden folder on the way.
        QQuickItem* folder = nullptr;
        QTRY_VERIFY2_WITH_TIMEOUT((folder = item(QStringLiteral("newVaultFolder"))),
                                  "the Welcome page names no folder for the new vault", e2e::kPatienceMs);
        const QString offered = folder->property("text").toString();
        QCOMPARE(offered, QDir(m_home).filePath(QStringLiteral("Onramp/vault")));
        QVERIFY2(!offered.contains(QStringLiteral("/.")), qPrintable(offered));
        QVERIFY(!e2e::accessibleName(folder).isEmpty());
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));

        // Chosen in a folder dialog: a folder that holds other files gets a new folder inside.
        const QString projects = m_dir.filePath(QStringLiteral("projects"));
        QVERIFY(QDir().mkpath(projects));
        QFile other(QDir(projects).filePath(QStringLiteral("notes.txt")));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("not a vault\n");
        other.close();
        QVERIFY(m_ui->click(QStringLiteral("chooseNewVaultFolder")));
        goInto(m_dir.path(), QStringLiteral("projects"));
        clickOpen();
        const QString chosen = QDir(projects).filePath(QStringLiteral("vault"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("newVaultFolder")), chosen, e2e::kPatienceMs);

        QVERIFY(m_ui->type(QStringLiteral("adminName"), QStringLiteral("ada")));
        QVERIFY(m_ui->type(QStringLiteral("adminDisplay"), QStringLiteral("Ada Admin")));
        QVERIFY(m_ui->type(QStringLiteral("passphrase"), QStringLiteral("ada's long passphrase")));
        QVERIFY(m_ui->type(QStringLiteral("passphraseRepeated"), QStringLiteral("ada's long passphrase")));
        QVERIFY(m_ui->click(QStringLiteral("createVaultButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(QFileInfo::exists(QDir(chosen).filePath(onramp::Vault::keyFileName())));
        QCOMPARE(session()->vaultPath(), chosen);
        QVERIFY(!QFileInfo::exists(QDir(Session::defaultVaultPath()).filePath(onramp::Vault::keyFileName())));
        // Said where it is, on the page that follows.
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("vaultCreatedFolder")), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("vaultCreatedFolder")).contains(chosen),
                 qPrintable(m_ui->text(QStringLiteral("vaultCreatedFolder"))));
        QVERIFY2(!item(QStringLiteral("vaultCreatedFolder"))->property("truncated").toBool(), "the folder is cut");

        // Another vault, over this one: refused before anything is written, naming the folder.
        QVERIFY(m_ui->click(QStringLiteral("lockButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(m_ui->click(QStringLiteral("otherVaultButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        const auto before = vaulttest::hashFiles(chosen);
        QQuickItem* field = item(QStringLiteral("newVaultFolder"));
        QVERIFY(field);
        QVERIFY(field->setProperty("text", chosen));
        QVERIFY(m_ui->type(QStringLiteral("adminName"), QStringLiteral("bob")));
        QVERIFY(m_ui->type(QStringLiteral("passphrase"), QStringLiteral("bob's long passphrase")));
        QVERIFY(m_ui->type(QStringLiteral("passphraseRepeated"), QStringLiteral("bob's long passphrase")));
        QVERIFY(m_ui->click(QStringLiteral("createVaultButton")));
        QTRY_VERIFY_WITH_TIMEOUT(session()->error().contains(chosen), e2e::kPatienceMs);
        QCOMPARE(m_ui->page(), QStringLiteral("welcome"));
        QCOMPARE(vaulttest::hashFiles(chosen), before);
    }

    // One default act on the page: opening the team's vault is the one
    // highlighted button a hire meets; the demo is a plain one.
    void theWelcomePageHasOneDefaultButton()
    {
        welcome();
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QStringList highlighted;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* at) {
            if (!at->isVisible())
                return;
            if (at->inherits("QQuickButton") && at->isEnabled() && at->property("highlighted").toBool())
                highlighted.append(at->objectName().isEmpty() ? at->property("text").toString() : at->objectName());
            for (QQuickItem* child : at->childItems())
                visit(child);
        };
        visit(m_window->contentItem());
        QCOMPARE(highlighted, QStringList{QStringLiteral("openVaultButton")});
    }

    // 2. The folder dialog taken one step too far (into the vault folder) or
    // one short (the folder above it) still opens the vault.
    void theFolderDialogOpensAVaultFromInsideItsFolder()
    {
        welcome();
        const QString team = m_dir.filePath(QStringLiteral("team/acme-vault"));
        QVERIFY(vaulttest::makeVault(team));
        QVERIFY(m_ui->click(QStringLiteral("openVaultButton")));
        goInto(m_dir.filePath(QStringLiteral("team")), QStringLiteral("acme-vault"));
        clickOpen();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QCOMPARE(session()->vaultPath(), team);
    }

    void aFolderInsideOrAboveAVaultOpensItAndOtherwiseSaysWhatAVaultHolds()
    {
        welcome();
        const QString team = m_dir.filePath(QStringLiteral("team/acme-vault"));
        if (!QFileInfo::exists(team))
            QVERIFY(vaulttest::makeVault(team));
        // A folder inside the vault folder (the dialog picks the first one it shows).
        const QString inside = QDir(team).filePath(QStringLiteral("exports"));
        QVERIFY(QDir().mkpath(inside));
        chooseFolder(QUrl::fromLocalFile(inside).toString());
        QVERIFY2(m_ui->text(QStringLiteral("openVaultError")).isEmpty(),
                 qPrintable(m_ui->text(QStringLiteral("openVaultError"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QCOMPARE(session()->vaultPath(), team);

        // The folder above it, which holds that one vault.
        welcome();
        chooseFolder(m_dir.filePath(QStringLiteral("team")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QCOMPARE(session()->vaultPath(), team);

        // Two vaults there: not guessed between, both named.
        welcome();
        QVERIFY(vaulttest::makeVault(m_dir.filePath(QStringLiteral("team/beta-vault"))));
        chooseFolder(m_dir.filePath(QStringLiteral("team")));
        QString error = m_ui->text(QStringLiteral("openVaultError"));
        QVERIFY2(error.contains(QStringLiteral("acme-vault")) && error.contains(QStringLiteral("beta-vault")),
                 qPrintable(error));
        QCOMPARE(m_ui->page(), QStringLiteral("welcome"));

        // None: what the folder lacks and what a vault folder holds.
        const QString notes = m_dir.filePath(QStringLiteral("notes"));
        QVERIFY(QDir().mkpath(notes));
        chooseFolder(notes);
        error = m_ui->text(QStringLiteral("openVaultError"));
        QVERIFY2(error.contains(notes) && error.contains(onramp::Vault::keyFileName())
                     && error.contains(onramp::Vault::databaseFileName()),
                 qPrintable(error));
        QQuickItem* shownError = item(QStringLiteral("openVaultError"));
        QVERIFY(!shownError->property("truncated").toBool());
        QCOMPARE(m_ui->page(), QStringLiteral("welcome"));
    }

    // 3. A recent vault that is gone: said whole at 1024x640, spoken, and removable.
    void aRecentVaultThatIsGoneSaysSoWholeAndCanBeRemoved()
    {
        const QString gone = m_dir.filePath(
            QStringLiteral("shared-drive/engineering-onboarding/platform-team-vault-for-the-new-starters-of-2026"));
        QVERIFY(vaulttest::makeVault(gone));
        QSettings().setValue(QStringLiteral("recentVaults"), QStringList{gone});
        QVERIFY(QDir(m_dir.filePath(QStringLiteral("shared-drive"))).removeRecursively());
        welcome();
        session()->recentVaults()->refresh();
        QQuickItem* message = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((message = item(QStringLiteral("recentVaultPath-0"))), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const QString text = message->property("text").toString();
        QVERIFY2(text.contains(QStringLiteral("Not found")) && text.contains(gone), qPrintable(text));
        QVERIFY2(!message->property("truncated").toBool(), qPrintable(text + QStringLiteral(" is cut")));
        // Inside the list, beside its Remove button.
        QQuickItem* list = item(QStringLiteral("recentVaults"));
        const qreal listRight = list->mapToScene(QPointF(list->width(), 0)).x();
        QQuickItem* remove = item(QStringLiteral("forgetVault-0"));
        QVERIFY(remove && remove->isEnabled());
        for (QQuickItem* part : {message, remove})
            QVERIFY2(part->mapToScene(QPointF(part->width(), 0)).x() <= listRight + 0.5,
                     qPrintable(part->objectName()));
        QVERIFY(message->mapToScene(QPointF(message->width(), 0)).x() <= remove->mapToScene(QPointF(0, 0)).x());
        // A screen reader reads it, and the button that removes it says what and why.
        QCOMPARE(e2e::accessibleName(message), text);
        QAccessibleInterface* spoken = QAccessible::queryAccessibleInterface(remove);
        QVERIFY(spoken);
        const QString said = spoken->text(QAccessible::Name) + u' ' + spoken->text(QAccessible::Description);
        QVERIFY2(said.contains(gone) && said.contains(QStringLiteral("Not found")), qPrintable(said));
        // The keys reach it, and Space removes it.
        for (int i = 0; i < 30 && !remove->hasActiveFocus(); ++i)
            m_ui->key(Qt::Key_Tab);
        QVERIFY2(remove->hasActiveFocus(), "Tab never reaches Remove");
        m_ui->key(Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(session()->recentVaults()->count(), 0, e2e::kPatienceMs);
        QVERIFY(shown(QStringLiteral("noRecentVaults")));
    }

    // 4. A notice that has gone is gone for a screen reader, and the next is a new one.
    void aNoticeGoneIsGoneForAScreenReaderAndTheNextIsNew()
    {
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        QVERIFY(!e2e::makeDemoVault(demo, e2e::DemoSeed::Bare));
        session()->setVaultPath(demo);
        QVERIFY(openWindow(QSize(1024, 640)));
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QAccessible::setActive(true);

        QVERIFY(showPage(QStringLiteral("checklist")));
        QVERIFY(m_ui->click(QStringLiteral("step-handbook")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
        QQuickItem* text = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((text = item(QStringLiteral("noticeText"))), e2e::kPatienceMs);
        const QString first = text->property("text").toString();
        QPointer<QQuickItem> firstNotice = text->parentItem();
        QAccessibleInterface* window = QAccessible::queryAccessibleInterface(m_window);
        QList<QPair<QString, bool>> nodes;
        collectNodes(window, &nodes);
        QVERIFY2(nodes.contains({first, true}), qPrintable(first));

        // Information goes by itself, and with it every node that said it.
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("noticeText")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        nodes.clear();
        collectNodes(window, &nodes);
        for (const auto& [name, visible] : std::as_const(nodes))
            QVERIFY2(!name.contains(first),
                     qPrintable(QStringLiteral("“%1” stays for a screen reader (%2)")
                                    .arg(name, visible ? QStringLiteral("shown") : QStringLiteral("hidden"))));

        // The next notice is a new one, an alert a screen reader meets as it comes.
        QVERIFY(m_ui->click(QStringLiteral("undoButton")));
        QTRY_VERIFY_WITH_TIMEOUT((text = item(QStringLiteral("noticeText"))), e2e::kPatienceMs);
        QQuickItem* second = text->parentItem();
        QTRY_VERIFY2_WITH_TIMEOUT(firstNotice.isNull(), "the notice that went is kept, to be shown again",
                                  e2e::kPatienceMs);
        QAccessibleInterface* spoken = QAccessible::queryAccessibleInterface(second);
        QCOMPARE(spoken->role(), QAccessible::AlertMessage);
        QCOMPARE(spoken->text(QAccessible::Name), text->property("text").toString());
        QVERIFY(!spoken->state().invisible);
        // Closed by its button: gone at once.
        const QString said = text->property("text").toString();
        QVERIFY(m_ui->click(QStringLiteral("noticeClose")));
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("noticeText")), e2e::kPatienceMs);
        nodes.clear();
        collectNodes(window, &nodes);
        for (const auto& [name, visible] : std::as_const(nodes))
            QVERIFY2(!name.contains(said), qPrintable(name));
    }

    // 5. The audit log's Subject is whole at 1024x640, in English and in German.
    void theAuditSubjectIsWhole_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("de") << QStringLiteral("de");
    }

    void theAuditSubjectIsWhole()
    {
        QFETCH(QString, language);
        const QString demo = m_dir.filePath(QStringLiteral("demo-progress"));
        if (!QFileInfo::exists(demo))
            QVERIFY(!e2e::makeDemoVault(demo, e2e::DemoSeed::Progress));
        session()->setVaultPath(demo);
        QVERIFY(openWindow(QSize(1024, 640)));
        QVERIFY(onramp::ui::Appearance::instance()->setLanguage(language));
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(showPage(QStringLiteral("audit")));
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
        QQuickItem* list = item(QStringLiteral("auditEntries"));
        QVERIFY(list);
        const int count = list->property("count").toInt();
        QVERIFY(count > 5);
        QStringList subjects;
        for (int r = 0; r < count; ++r) {
            QVERIFY(QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, r), Q_ARG(int, 2))); // Contain
            QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
            auto* content = list->property("contentItem").value<QQuickItem*>();
            QQuickItem* row = nullptr;
            const auto rows = content->childItems();
            for (QQuickItem* candidate : rows) {
                if (candidate->isVisible() && candidate->property("index").toInt() == r)
                    row = candidate;
            }
            QVERIFY(row);
            const auto cells = named(row, QStringLiteral("auditSubject"));
            QCOMPARE(cells.size(), 1);
            QQuickItem* cell = cells.constFirst();
            const QString whole = cell->property("text").toString();
            subjects.append(whole);
            QVERIFY2(!cell->property("truncated").toBool(), qPrintable(whole + QStringLiteral(" is cut")));
            QCOMPARE(e2e::accessibleName(cell), whole);
        }
        QVERIFY2(subjects.contains(QStringLiteral("Production database (read-only)")), qPrintable(subjects.join(u'|')));
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));
        QVERIFY(onramp::ui::Appearance::instance()->setLanguage(QStringLiteral("en")));
    }

    void cleanupTestCase()
    {
        QSettings().remove(QStringLiteral("recentVaults"));
        QSettings().remove(QStringLiteral("language"));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesEleven)
#include "TestWalkFixesEleven.moc"
