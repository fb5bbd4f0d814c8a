// Admin › Scan in the real window at 1024x640, on the demo team's vault as
// ada, whose static production secret a document holds: the findings
// grouped by file with the command line's redaction, the known secret named
// by its credential, the keys on Cancel while the scan runs and on the
// findings after it, a Cancel that stops the walk, a clean folder's empty
// state, an error in words, the exports without the known secret, and the
// scan in the audit log with counts only. The secret reaches no text of the
// window, no export and no audit entry.
#include "AdminFixture.h"
#include "AuditBackend.h"
#include "AuditEntryModel.h"
#include "ScanBackend.h"

#include "Clock.h"
#include "audit/AuditLog.h"
#include "credentials/Credentials.h"
#include "scan/VaultScan.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

namespace {

const QByteArray kSecret = "Demo:Prod-7f3a91c0e2";
const QByteArray kToken = "ghp_P4g3T0k3nP4g3T0k3nP4g3T0k3nP4g3T0k3n";
constexpr int kBigFiles = 48;

/// What the page says, in the language loaded (English plural forms included).
QString said(const char* source, int n = -1)
{
    return QCoreApplication::translate("onramp::ui::ScanBackend", source, "", n);
}

/// Answers for every text of the scan's results (the page's, the findings'
/// and the core's words) with the text in double angle brackets: what the
/// page shows so went through tr().
class MarkingTranslator : public QTranslator
{
public:
    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        const QByteArray c(context);
        if (c == "onramp" || c == "onramp::ui::ScanBackend" || c == "onramp::ui::ScanFindingModel")
            return QStringLiteral("⟪%1⟫").arg(QString::fromUtf8(sourceText));
        return {};
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestScanPage : public e2e::AdminFixture
{
    Q_OBJECT

    QString m_docs;

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QObject* scanBackend() const { return onramp::ui::Session::instance()->scan(); }

    bool scanning() const { return scanBackend() && scanBackend()->property("scanning").toBool(); }

    /// Types \a folder into the folder field and starts the scan with the Scan button.
    bool scanFolder(const QString& folder) { return typeOver("scanFolder", folder) && click("scanButton"); }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(makeDemo());
        {
            std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
            QVERIFY(vault);
            int delivered = 0;
            const onramp::Error e =
                onramp::Credentials(*vault, onramp::defaultClock())
                    .setSecret(QStringLiteral("prod-db"), onramp::SecureBytes::copyOf(kSecret), &delivered);
            QVERIFY2(!e, qPrintable(e.message));
        }
        write(QStringLiteral("docs/onboarding.md"),
              "# Reporting\n\n    host: db.prod.internal\n    export PGPASSWORD=" + kSecret + "\n");
        write(QStringLiteral("docs/bot/notes.md"), "The bot's token: " + kToken + "\n");
        m_docs = m_dir.filePath(QStringLiteral("docs"));
        QVERIFY(openDemoAsAda());
        showTab(QStringLiteral("scan"));
    }

    void cleanupTestCase() { closeWindow(); }

    void aScanShowsTheFindingsByFileAndNamesTheKnownSecret()
    {
        QVERIFY(scanFolder(m_docs));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanResult") && !scanning() && settled(), e2e::kPatienceMs);
        shot(QStringLiteral("scan-findings"));
        QCOMPARE(
            text("scanResult"),
            said("%1 in %2; %3 scanned.").arg(said("%n finding(s)", 3), said("%n file(s)", 2), said("%n file(s)", 2)));
        QCOMPARE(count("scanFindings"), 3);
        const QString texts = allTextsUnder(QStringLiteral("scanFindings"));
        QVERIFY2(texts.contains(QStringLiteral("known production secret: prod-db — rotate")), qPrintable(texts));
        QVERIFY(texts.contains(QStringLiteral("export PGPASSWORD=Demo…")));
        QVERIFY(texts.contains(QStringLiteral("host: db.prod.internal")));
        // The host is said once, in the excerpt; the message says what it is, in words, not by the file's key.
        QVERIFY2(texts.contains(QStringLiteral("a host a checklist names as production")), qPrintable(texts));
        QCOMPARE(texts.count(QStringLiteral("db.prod.internal")), 1);
        QVERIFY2(!texts.contains(QStringLiteral("production_hosts")), qPrintable(texts));
        QVERIFY(texts.contains(QStringLiteral("The bot's token: ghp_…")));
        QVERIFY(shown("scanKnownNote"));
        // Grouped by file: bot/notes.md's one finding, then onboarding.md's two in line order.
        auto* model = item("scanFindings")->property("model").value<QAbstractItemModel*>();
        QVERIFY(model);
        const int file = model->roleNames().key("file");
        const int line = model->roleNames().key("line");
        QCOMPARE(model->index(0, 0).data(file).toString(), QStringLiteral("bot/notes.md"));
        QCOMPARE(model->index(1, 0).data(file).toString(), QStringLiteral("onboarding.md"));
        QCOMPARE(model->index(1, 0).data(line).toInt(), 3);
        QCOMPARE(model->index(2, 0).data(line).toInt(), 4);
    }

    void theKeysGoToTheFindingsAndARowSaysItAll()
    {
        QTRY_VERIFY_WITH_TIMEOUT(focused("scanFindings"), e2e::kPatienceMs);
        QQuickItem* list = item("scanFindings");
        QCOMPARE(e2e::accessibleName(list), QStringLiteral("Findings"));
        QCOMPARE(list->property("currentIndex").toInt(), 0);
        m_ui->key(Qt::Key_Down);
        m_ui->key(Qt::Key_Down);
        QCOMPARE(list->property("currentIndex").toInt(), 2);
        auto* row = list->property("currentItem").value<QQuickItem*>();
        QVERIFY(row);
        QCOMPARE(e2e::accessibleName(row),
                 QStringLiteral("onboarding.md, line 4: known production secret: prod-db — rotate. "
                                "export PGPASSWORD=Demo…"));
        // A click selects the finding it lands on, and gives the list the keys.
        item("scanFolder")->forceActiveFocus();
        QVERIFY(!focused("scanFindings"));
        auto* first = list->property("contentItem").value<QQuickItem*>();
        QQuickItem* clicked = nullptr;
        for (QQuickItem* candidate : first->childItems())
            if (candidate->property("index").toInt() == 1 && candidate->property("line").toInt() == 3)
                clicked = candidate;
        QVERIFY(clicked);
        QTest::mouseClick(m_window, Qt::LeftButton, {},
                          clicked->mapToScene(QPointF(clicked->width() / 2, clicked->height() / 2)).toPoint());
        QTRY_COMPARE_WITH_TIMEOUT(list->property("currentIndex").toInt(), 1, e2e::kPatienceMs);
        QVERIFY(focused("scanFindings"));
        // What to do with a finding is said above them, for each kind found:
        // a token written down, and a production host, which is no secret.
        QVERIFY2(text("scanAdvice")
                     .contains(QStringLiteral("For a password, key or token: take the value out of the "
                                              "file and out of its history, then have it changed where "
                                              "it is used.")),
                 qPrintable(text("scanAdvice")));
        QVERIFY2(text("scanAdvice")
                     .contains(QStringLiteral("For a production host: it is no secret, but a newcomer "
                                              "who follows the document reaches production.")),
                 qPrintable(text("scanAdvice")));
    }

    // A known secret's finding leads to where it is set anew: its button,
    // and Enter on its row, open Production secrets with prod-db picked and
    // the keys in its secret field. The other findings offer no such button.
    void aKnownSecretLeadsToWhereItIsSetAnew()
    {
        QVERIFY(shown("scanRotate-prod-db"));
        QCOMPARE(e2e::accessibleName(item("scanRotate-prod-db")), QStringLiteral("Set a new secret for prod-db"));
        QStringList offered; // the rows' rotate buttons in sight
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
            if (!it->isVisible())
                return;
            if (it->objectName().startsWith(QLatin1String("scanRotate-")))
                offered.append(it->objectName());
            for (QQuickItem* child : it->childItems())
                visit(child);
        };
        visit(item("scanFindings"));
        QCOMPARE(offered, QStringList{QStringLiteral("scanRotate-prod-db")});
        const auto pickedOnSecrets = [this] {
            QQuickItem* list = item("templateList");
            auto* row = list ? list->property("currentItem").value<QQuickItem*>() : nullptr;
            return shown("secretsHeading") && row && row->objectName() == QLatin1String("template-prod-db")
                && focused("secretField");
        };
        QVERIFY(click("scanRotate-prod-db"));
        QTRY_VERIFY_WITH_TIMEOUT(pickedOnSecrets() && settled(), e2e::kPatienceMs);
        QVERIFY(!shown("scanFindings"));

        // Back on Scan, the findings are as they were; Enter on the known one does the same.
        QVERIFY(m_ui->click(QStringLiteral("tab-scan")));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanFindings") && settled(), e2e::kPatienceMs);
        QQuickItem* list = item("scanFindings");
        list->forceActiveFocus();
        QTRY_VERIFY(focused("scanFindings"));
        QVERIFY(QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, 2), Q_ARG(int, 0)));
        list->setProperty("currentIndex", 2);
        auto* row = list->property("currentItem").value<QQuickItem*>();
        QVERIFY(row);
        QVERIFY2(e2e::accessibleName(row).contains(QStringLiteral("known production secret: prod-db")),
                 qPrintable(e2e::accessibleName(row)));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(pickedOnSecrets() && settled(), e2e::kPatienceMs);

        // Enter on a finding that is no known secret stays on Scan.
        QVERIFY(m_ui->click(QStringLiteral("tab-scan")));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanFindings") && settled(), e2e::kPatienceMs);
        list->forceActiveFocus();
        list->setProperty("currentIndex", 0);
        m_ui->key(Qt::Key_Return);
        QTest::qWait(50);
        QVERIFY(shown("scanFindings"));
        QVERIFY(!shown("secretsHeading"));
    }

    void theSecretIsNowhereInTheWindowAndTheScanIsAudited()
    {
        const QString everything = allTextsUnder(QStringLiteral("admin"));
        QVERIFY(!everything.toUtf8().contains(kSecret.left(8)));
        QVERIFY(!everything.toUtf8().contains(kToken.left(8)));

        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        QVERIFY(vault);
        QList<onramp::AuditEntry> runs;
        QVERIFY(!onramp::AuditLog::entries(vault->db(), {{}, {}, QStringLiteral("scan.run")}, &runs));
        QCOMPARE(runs.size(), 1);
        const QJsonObject details = QJsonDocument::fromJson(runs.at(0).details.toUtf8()).object();
        QCOMPARE(details.value("files").toInt(), 2);
        // An admin's scan seals what it found from a hire reading the log
        // raw; the admin's desk opens it and marks the credential leaked.
        QVERIFY(!details.contains(QStringLiteral("findings")));
        QVERIFY(details.contains(QStringLiteral("sealed")));
        QVERIFY(!runs.at(0).details.contains(QStringLiteral("prod-db")));
        QList<onramp::AuditEntry> leaks;
        QVERIFY(!onramp::AuditLog::entries(vault->db(), {{}, {}, QStringLiteral("credential.leaked")}, &leaks));
        QCOMPARE(leaks.size(), 0);
        QMap<QString, QDateTime> leaked;
        QVERIFY(!onramp::scan::VaultScan::leakedCredentials(*vault, &leaked));
        QCOMPARE(leaked.keys(), QStringList{QStringLiteral("prod-db")});
        for (const onramp::AuditEntry& entry : std::as_const(runs)) {
            QVERIFY(!entry.details.contains(QStringLiteral("PGPASSWORD")));
            QVERIFY(!entry.details.contains(QStringLiteral("onboarding")));
        }
        // A hire's session cannot open it: the details stay as stored.
        std::unique_ptr<onramp::Vault> hire = unlockDemo(QStringLiteral("alex"));
        QVERIFY(hire);
        QCOMPARE(onramp::scan::VaultScan::shownDetails(*hire, runs.at(0)), runs.at(0).details);

        // The admin's Audit page opens it, as `audit log` does: the counts
        // by kind and the credential found, never an excerpt.
        onramp::ui::AuditBackend audit;
        audit.setAction(QStringLiteral("scan.run"));
        audit.reload();
        QTRY_VERIFY_WITH_TIMEOUT(!audit.isLoading() && audit.entries()->count() == 1, e2e::kPatienceMs);
        const QString shown = audit.entries()->get(0).value(QStringLiteral("details")).toString();
        QVERIFY2(shown.contains(QStringLiteral("Known production secret: 1"))
                     && shown.contains(QStringLiteral("Production secrets found: prod-db: 1"))
                     && !shown.contains(QStringLiteral("sealed")),
                 qPrintable(shown));
        QVERIFY(!shown.toUtf8().contains(kSecret.left(8)));
        // Its subject is what it looked at; who ran it is the row's person.
        const QVariantMap run = audit.entries()->get(0);
        QVERIFY2(
            run.value(QStringLiteral("subjectTitle")).toString().startsWith(QStringLiteral("the team's documents: ")),
            qPrintable(run.value(QStringLiteral("subjectTitle")).toString()));
    }

    void theSarifExportLeavesTheKnownSecretOut()
    {
        const QString path = m_dir.filePath(QStringLiteral("findings.sarif"));
        QVERIFY(click("scanExportSarifButton"));
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("admin"));
        QVERIFY(dialog);
        QVERIFY(typeOver("fileNameTextField", path));
        QQuickItem* accept = m_ui->dialogButton(QStringLiteral("Export"));
        QVERIFY(accept);
        QTest::mouseClick(m_window, Qt::LeftButton, {},
                          accept->mapToScene(QPointF(accept->width() / 2, accept->height() / 2)).toPoint());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(notice().contains(QStringLiteral("Known production secrets were left out.")),
                                 e2e::kPatienceMs);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(!bytes.contains(kSecret.left(8)));
        QVERIFY(!bytes.contains("known-secret\",\n            \"ruleIndex"));
        QVERIFY(!bytes.contains("prod-db"));
        const QJsonObject sarif = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(sarif.value("version").toString(), QStringLiteral("2.1.0"));
        const QJsonArray results = sarif.value("runs").toArray().at(0).toObject().value("results").toArray();
        QCOMPARE(results.size(), 2);
        for (const QJsonValue& result : results)
            QVERIFY(result.toObject().value("ruleId").toString() != QLatin1String("known-secret"));
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    }

    void theJsonExportIsOneObjectALine()
    {
        QObject* backend = scanBackend();
        QVERIFY(backend);
        QSignalSpy done(backend, SIGNAL(done(QString)));
        const QString path = m_dir.filePath(QStringLiteral("findings.json"));
        QVERIFY(QMetaObject::invokeMethod(backend, "exportTo", Q_ARG(QUrl, QUrl::fromLocalFile(path)),
                                          Q_ARG(QString, QStringLiteral("json"))));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, e2e::kPatienceMs);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QByteArray& line : lines) {
            const QJsonObject finding = QJsonDocument::fromJson(line).object();
            QVERIFY(finding.contains(QStringLiteral("fingerprint")));
            QVERIFY(!finding.contains(QStringLiteral("credential")));
            QVERIFY(!line.contains(kSecret.left(8)));
        }
    }

    // The scan is the session's: its findings are there again after a look
    // at another page, and a lock forgets them.
    void theFindingsStayOnAnotherPageUntilALock()
    {
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanResult") && count("scanFindings") == 3, e2e::kPatienceMs);
        QVERIFY(showPage(QStringLiteral("audit")));
        QVERIFY(!item(QStringLiteral("admin")));
        showTab(QStringLiteral("scan"));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanResult") && settled(), e2e::kPatienceMs);
        QCOMPARE(count("scanFindings"), 3);
        QCOMPARE(text("scanFolder"), m_docs);

        onramp::ui::Session::instance()->lock();
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const onramp::Error e = onramp::ui::Session::instance()->unlockNow(
            QStringLiteral("ada"), e2e::demoPassphrase(QStringLiteral("ada")).toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showTab(QStringLiteral("scan"));
        QVERIFY(!shown("scanResult"));
        QCOMPARE(scanBackend()->property("finished").toBool(), false);
        const auto* findings = scanBackend()->property("findings").value<QAbstractItemModel*>();
        QVERIFY(findings);
        QCOMPARE(findings->rowCount(), 0);
        QVERIFY(!shown("scanFindings"));
        QCOMPARE(text("scanFolder"), QString()); // nor which folder the one before scanned
    }

    void aCleanFolderSaysSoInItsEmptyState()
    {
        write(QStringLiteral("clean/readme.md"), "Nothing secret here.\n");
        write(QStringLiteral("clean/setup.sh"), "#!/bin/sh\nmake sandbox\n");
        QVERIFY(scanFolder(m_dir.filePath(QStringLiteral("clean"))));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanEmpty") && !scanning() && settled(), e2e::kPatienceMs);
        QVERIFY(allTextsUnder(QStringLiteral("scanEmpty"))
                    .contains(said("No production credentials found in %n file(s).", 2)));
        QVERIFY(!shown("scanFindings"));
        QVERIFY(!shown("scanExportSarifButton"));
        QTRY_VERIFY_WITH_TIMEOUT(focused("scanButton"), e2e::kPatienceMs);
    }

    // A folder with no text file in it is no clean bill: it says nothing was looked at.
    void anEmptyFolderSaysNothingWasScanned()
    {
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("empty")));
        QVERIFY(scanFolder(m_dir.filePath(QStringLiteral("empty"))));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanEmpty") && !scanning() && settled(), e2e::kPatienceMs);
        const QString texts = allTextsUnder(QStringLiteral("scanEmpty"));
        QVERIFY2(texts.contains(QStringLiteral("Nothing to scan")), qPrintable(texts));
        QVERIFY2(texts.contains(QStringLiteral("nothing was looked at")), qPrintable(texts));
        QVERIFY2(!texts.contains(QStringLiteral("No production credentials found")), qPrintable(texts));
    }

    void aScannedFilesControlsAndBidiAreShownAsWhatTheyAre()
    {
        write(QStringLiteral("esc/b\u202e.md"),
              "url=https://u:Xy7Qp2Lm9Kw4Rt8Z@example.org \x1b[2K\x1b]52;c;aGk=\x07 \xe2\x80\xae\xe2\x80\x8b\n");
        QVERIFY(scanFolder(m_dir.filePath(QStringLiteral("esc"))));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanResult") && !scanning() && settled(), e2e::kPatienceMs);
        QCOMPARE(count("scanFindings"), 1);
        auto* model = item("scanFindings")->property("model").value<QAbstractItemModel*>();
        QVERIFY(model);
        QCOMPARE(model->index(0, 0).data(model->roleNames().key("file")).toString(), QStringLiteral("b[U+202E].md"));
        const QString texts = allTextsUnder(QStringLiteral("scanFindings"));
        QVERIFY2(texts.contains(QStringLiteral("\\x1b[2K\\x1b]52;c;aGk=\\x07 [U+202E][U+200B]")), qPrintable(texts));
        for (const char16_t c : {u'\x1b', u'\x07', u'\u202e', u'\u200b'})
            QVERIFY(!texts.contains(QChar(c)));
    }

    void aMissingFolderIsAnErrorInWordsNamingIt()
    {
        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder"));
        QVERIFY(scanFolder(missing));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanError"), e2e::kPatienceMs);
        QCOMPARE(text("scanError"), QStringLiteral("Nothing was scanned: %1 is not a folder.").arg(missing));
        QVERIFY(!shown("scanEmpty"));
    }

    void cancelStopsTheWalkAndTheKeysAreOnItMeanwhile()
    {
        // 48 MiB of plain text: seconds of scanning, against the instant Cancel takes.
        QByteArray text;
        while (text.size() < 1024 * 1024)
            text += "The sandbox database is yours to break; reset it from the app. Nothing secret here.\n";
        for (int i = 0; i < kBigFiles; ++i)
            write(QStringLiteral("big/page-%1.md").arg(i, 3, 10, QLatin1Char('0')), text);
        QVERIFY(scanFolder(m_dir.filePath(QStringLiteral("big"))));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanCancelButton"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(focused("scanCancelButton"), e2e::kPatienceMs);
        QCOMPARE(e2e::accessibleName(item("scanCancelButton")), QStringLiteral("Cancel the scan"));
        m_ui->key(Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!scanning() && shown("scanEmpty"), e2e::kPatienceMs);
        QVERIFY(scanBackend()->property("stopped").toBool());
        QVERIFY(allTextsUnder(QStringLiteral("scanEmpty")).contains(QStringLiteral("Scan cancelled")));
        // It stopped before the end: fewer files than the folder holds.
        const qint64 files = scanBackend()->property("filesDone").toLongLong();
        QVERIFY2(files < kBigFiles, qPrintable(QString::number(files)));
        QTRY_VERIFY_WITH_TIMEOUT(focused("scanButton"), e2e::kPatienceMs);
    }

    void everyWordOfTheFindingsIsTranslated()
    {
        // The kinds show as their names for people, each through tr(), as
        // do the result line and each finding's message; the ids stay in
        // --json and SARIF. Last: a language change reloads the page's words.
        MarkingTranslator marking;
        QCoreApplication::installTranslator(&marking);
        // Tall enough that every finding's row is made, however long the marked words make it.
        QVERIFY(m_ui->resizeTo(QSize(1024, 1400)));
        QVERIFY(scanFolder(m_docs));
        QTRY_VERIFY_WITH_TIMEOUT(shown("scanResult") && !scanning() && settled(), e2e::kPatienceMs);
        const QString texts = allTextsUnder(QStringLiteral("scanFindings"));
        const QString result = text("scanResult");
        QCoreApplication::removeTranslator(&marking);
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
        QVERIFY2(result.startsWith(QStringLiteral("⟪")), qPrintable(result));
        for (const char* title : {"⟪Known production secret⟫", "⟪Production host⟫", "⟪GitHub token⟫",
                                  "⟪known production secret: prod-db — rotate⟫"})
            QVERIFY2(texts.contains(QString::fromUtf8(title)), qPrintable(texts));
        for (const char* kind : {"known-secret", "production-host", "github-token"})
            QVERIFY2(!texts.contains(QLatin1String(kind)), qPrintable(texts));
    }

    // Last, as it writes to the vault: a hire who copies the admin's sealed
    // box into a scan.run of their own, or writes a leak in the clear, shows
    // the admin nothing of it: only an admin's or a mentor's entry, as they
    // signed it, is opened.
    void aHiresCopyOfASealedScanOpensNothing()
    {
        std::unique_ptr<onramp::Vault> admin = unlockDemo(QStringLiteral("ada"));
        QVERIFY(admin);
        QList<onramp::AuditEntry> before;
        QVERIFY(!onramp::AuditLog::entries(admin->db(), {{}, {}, QStringLiteral("scan.run")}, &before));
        QString box;
        for (const onramp::AuditEntry& run : std::as_const(before))
            box = QJsonDocument::fromJson(run.details.toUtf8()).object().value(QStringLiteral("sealed")).toString();
        QVERIFY(!box.isEmpty());
        QMap<QString, QDateTime> leakedBefore;
        QVERIFY(!onramp::scan::VaultScan::leakedCredentials(*admin, &leakedBefore));
        QVERIFY(leakedBefore.contains(QStringLiteral("prod-db")));
        admin.reset();
        {
            std::unique_ptr<onramp::Vault> hire = unlockDemo(QStringLiteral("alex"));
            QVERIFY(hire);
            QVERIFY(!onramp::AuditLog::record(*hire, QStringLiteral("scan.run"), QStringLiteral("alex"),
                                              {{QStringLiteral("files"), 2}, {QStringLiteral("sealed"), box}}));
            QVERIFY(!onramp::AuditLog::record(
                *hire, QStringLiteral("scan.run"), QStringLiteral("alex"),
                {{QStringLiteral("files"), 1},
                 {QStringLiteral("findings"), QJsonObject{{QStringLiteral("known-secret"), 1}}},
                 {QStringLiteral("leaked"), QJsonObject{{QStringLiteral("sandbox-api"), 1}}}}));
            // "unopened" is the reader's word: a writer's own goes.
            QVERIFY(!onramp::AuditLog::record(*hire, QStringLiteral("scan.run"), QStringLiteral("alex"),
                                              {{QStringLiteral("files"), 3}, {QStringLiteral("unopened"), true}}));
        }
        admin = unlockDemo(QStringLiteral("ada"));
        QVERIFY(admin);
        QList<onramp::AuditEntry> all;
        QVERIFY(!onramp::AuditLog::entries(admin->db(), {{}, {}, QStringLiteral("scan.run")}, &all));
        QCOMPARE(all.size(), before.size() + 3);
        const onramp::AuditEntry& copied = all.at(before.size());
        const onramp::AuditEntry& claimed = all.at(before.size() + 1);
        const onramp::AuditEntry& marked = all.at(before.size() + 2);
        QCOMPARE(copied.actorName, QStringLiteral("alex"));
        QVERIFY(onramp::scan::VaultScan::sealedFindings(*admin, copied).isEmpty());
        // The copy does not open for the admin, and is said not to (not "sealed for admins and mentors").
        const QJsonObject copy =
            QJsonDocument::fromJson(onramp::scan::VaultScan::shownDetails(*admin, copied).toUtf8()).object();
        QCOMPARE(copy.value(QStringLiteral("sealed")).toString(), box);
        QCOMPARE(copy.value(QStringLiteral("unopened")), QJsonValue(true));
        QCOMPARE(copy.value(QStringLiteral("files")), QJsonValue(2));
        const QString mark = onramp::scan::VaultScan::shownDetails(*admin, marked);
        QVERIFY2(!mark.contains(QStringLiteral("unopened")), qPrintable(mark));
        const QString claim = onramp::scan::VaultScan::shownDetails(*admin, claimed);
        QVERIFY2(!claim.contains(QStringLiteral("leaked")) && !claim.contains(QStringLiteral("sandbox-api")),
                 qPrintable(claim));
        // The admin's own still opens, and what admins are told leaked is unchanged.
        QVERIFY(!onramp::scan::VaultScan::sealedFindings(*admin, before.constLast()).isEmpty());
        QMap<QString, QDateTime> leakedAfter;
        QVERIFY(!onramp::scan::VaultScan::leakedCredentials(*admin, &leakedAfter));
        QCOMPARE(leakedAfter, leakedBefore);
    }
};

QTEST_MAIN(TestScanPage)
#include "TestScanPage.moc"
