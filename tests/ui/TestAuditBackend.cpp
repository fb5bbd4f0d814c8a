// The audit page's backend over a real vault: entries load through the
// session's worker, filters narrow them, a non-admin sees their own trail,
// the export is whole and owner-only, and verify names a tampered entry.
#include "VaultTestUtil.h"

#include "AuditBackend.h"
#include "AuditEntryModel.h"
#include "Formats.h"
#include "Session.h"
#include "Translations.h"

#include "audit/ActionRoles.h"
#include "audit/AuditLog.h"
#include "audit/AuditVerifier.h"

#include <QAbstractItemModelTester>
#include <QAccessible>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using namespace onramp;
using namespace onramp::ui;
using namespace vaulttest;

namespace {

const QByteArray kNewHirePassphrase = "hal changed it himself";

QStringList column(const onramp::ui::AuditEntryModel* entries, const char* key)
{
    QStringList values;
    for (int row = 0; row < entries->count(); ++row)
        values.append(entries->get(row).value(QString::fromLatin1(key)).toString());
    return values;
}

} // namespace

class TestAuditBackend : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    qint64 m_total = 0;

    void signInAs(const QString& name, const QByteArray& passphrase)
    {
        Session* session = Session::instance();
        session->lock();
        const Error e = session->unlockNow(name, passphrase);
        QVERIFY2(!e, qPrintable(e.message));
    }

    // reload() and wait for the worker; false on an error() or a timeout.
    bool reloadAndWait(AuditBackend& audit, QString* errorMessage = nullptr)
    {
        QSignalSpy changed(&audit, &AuditBackend::entriesChanged);
        QSignalSpy failed(&audit, &AuditBackend::error);
        audit.reload();
        if (!QTest::qWaitFor([&] { return (!changed.isEmpty() && !audit.isLoading()) || !failed.isEmpty(); }, 30000))
            return false;
        if (!failed.isEmpty() && errorMessage)
            *errorMessage = failed.first().first().toString();
        return failed.isEmpty() && !audit.isLoading();
    }

    bool verifyAndWait(AuditBackend& audit)
    {
        QSignalSpy verified(&audit, &AuditBackend::verifiedChanged);
        audit.verify();
        return QTest::qWaitFor([&] { return !verified.isEmpty() && !audit.isVerifying(); }, 30000);
    }

private Q_SLOTS:
    // Every action a vault's log may hold (the core's own table) is in the
    // page's words and its action filter, never shown as its code.
    void everyActionHasItsWords()
    {
        QStringList missing;
        for (const QString& action : onramp::actionroles::actions())
            if (AuditEntryModel::actionText(action) == action || !AuditEntryModel::knownActions().contains(action))
                missing.append(action);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u' ')));
    }

    void detailsReadAsWordsNotAsJson()
    {
        // Signed records are digests nobody reads: the column counts them,
        // and lists of names read as a list; the entry's JSON stays whole for export.
        // The plurals come from the English translation.
        QVERIFY(onramp::installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
        const QString records = QStringLiteral(
            R"({"enrollment":1,"records":[{"digest":"BiVig5yvajO","kind":"review"},{"digest":"MRWU0LYCX","kind":"x"}],)"
            R"("steps":["laptop","handbook"],"sealed":true})");
        QCOMPARE(AuditEntryModel::readableDetails(records),
                 QStringLiteral("Sealed: yes · Steps: laptop, handbook · Enrollment: 1 · Signs: 2 signed records"));
        QCOMPARE(AuditEntryModel::readableDetails(QStringLiteral(R"({"records":[{"digest":"a"}]})")),
                 QStringLiteral("Signs: 1 signed record"));
        // Records of a known table are named by what they are.
        QCOMPARE(AuditEntryModel::readableDetails(QStringLiteral(
                     R"({"records":[{"table":"enrollments","id":7,"digest":"a"},{"table":"signoffs","id":2}]})")),
                 QStringLiteral("Signs: enrollment 7, sign-off 2"));
        // A checklist's row by the version the entry names, never its row
        // number (the vault's third row may be a checklist's version 2).
        const QString imported =
            QStringLiteral(R"({"name":"backend","version":2,"records":[{"table":"checklists","id":3,"digest":"a"}]})");
        QVERIFY2(AuditEntryModel::readableDetails(imported).contains(QStringLiteral("Signs: checklist version 2")),
                 qPrintable(AuditEntryModel::readableDetails(imported)));
        QCOMPARE(AuditEntryModel::readableDetails(
                     QStringLiteral(R"({"records":[{"table":"checklists","id":3,"digest":"a"}]})")),
                 QStringLiteral("Signs: checklist record 3"));
        // A move's cut-off says what it no longer counts, and nothing when it cuts nothing off.
        QCOMPARE(AuditEntryModel::readableDetails(QStringLiteral(R"({"reviews_before":0,"signoffs_before":4})")),
                 QStringLiteral("The sign-off given before it: no longer counts"));
        QCOMPARE(AuditEntryModel::readableDetails(QStringLiteral(R"({"reviews_before":12})")),
                 QStringLiteral("Reviews given before it: no longer count"));
        // Ended grants counted by how they ended, without their numbers.
        QCOMPARE(
            AuditEntryModel::readableDetails(QStringLiteral(
                R"({"ended_grants":[{"id":5,"how":"revoked"},{"id":9,"how":"revoked"},{"id":11,"how":"expired"}]})")),
            QStringLiteral("Production grants ended: ")
                + AuditEntryModel::tr("%1: %n grant(s)", "", 2)
                      .arg(AuditEntryModel::detailValueText(QStringLiteral("how"), QStringLiteral("revoked")))
                + QStringLiteral("; ")
                + AuditEntryModel::tr("%1: %n grant(s)", "", 1)
                      .arg(AuditEntryModel::detailValueText(QStringLiteral("how"), QStringLiteral("expired"))));
        // A move's version is the one it went to.
        QVERIFY2(AuditEntryModel::readableDetails(QStringLiteral(R"({"from_version":1,"version":2})"))
                     .contains(QStringLiteral("To version: 2")),
                 qPrintable(AuditEntryModel::readableDetails(QStringLiteral(R"({"from_version":1,"version":2})"))));
        QCOMPARE(AuditEntryModel::readableDetails(QStringLiteral(R"({"options":{"a":1,"b":2}})")),
                 QStringLiteral("Options: A: 1, B: 2"));
        // An admin's scan.run: its findings sealed with the production key
        // are said to be sealed, never shown as their base64; a hire's counts
        // read as words.
        const QString sealed = QStringLiteral(R"({"files":12,"sealed":"c2VhbGVkIGJ5dGVz"})");
        QCOMPARE(AuditEntryModel::readableDetails(sealed),
                 QStringLiteral("Files scanned: 12 · Findings: sealed for admins and mentors"));
        QVERIFY(!AuditEntryModel::readableDetails(sealed).contains(QStringLiteral("c2VhbGVk")));
        // One an admin's or a mentor's key does not open (VaultScan::shownDetails marks it) says so.
        QCOMPARE(AuditEntryModel::readableDetails(QStringLiteral(R"({"files":12,"sealed":"c2Vh","unopened":true})")),
                 QStringLiteral("Files scanned: 12 · Findings: sealed, and they do not open with the production key "
                                "this vault holds now (sealed before it was rotated, or not by an admin or a mentor)"));
        // Only a scan's entry speaks of sealed findings: another action's "sealed" is shown as its writer wrote it.
        const QString other =
            AuditEntryModel::readableDetails(QStringLiteral(R"({"sealed":"c2Vh","unopened":true})"), false);
        QVERIFY2(!other.contains(QStringLiteral("Findings")) && !other.contains(QStringLiteral("admins and mentors")),
                 qPrintable(other));
        QCOMPARE(AuditEntryModel::readableDetails(QStringLiteral(R"({"files":3,"findings":{"production-host":2}})")),
                 QStringLiteral("Files scanned: 3 · Findings: Production host: 2"));
        // Opened for an admin: the kinds in words, the leaked credentials by their ids.
        QCOMPARE(AuditEntryModel::readableDetails(QStringLiteral(
                     R"({"files":3,"findings":{"known-secret":1,"private-key":2},"leaked":{"prod-db":1}})")),
                 QStringLiteral("Files scanned: 3 · Findings: Known production secret: 1, Private key: 2 · "
                                "Production secrets found: prod-db: 1"));
        QCOMPARE(AuditEntryModel::actionText(QStringLiteral("scan.run")), QStringLiteral("Documents scanned"));
    }

    void detailsNamePeopleAndTheEntryACommitCompletes()
    {
        // "Completes entry: 11", "Person number: 3" read as code; the page
        // names the person and the entry completed, by what it was and when.
        QVERIFY(onramp::installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
        onramp::ui::useLocaleOf(QStringLiteral("en"));
        AuditEntry done;
        done.sequence = 11;
        done.at = QStringLiteral("2026-12-03T09:14:00.000Z");
        done.action = QStringLiteral("step.done");
        done.subject = QStringLiteral("alex");
        done.details = QStringLiteral(R"({"step":"laptop"})");
        AuditEntry commit = done;
        commit.sequence = 12;
        commit.action = QStringLiteral("signoff");
        commit.details = QStringLiteral(R"({"commit_of":11,"hire_id":3,"mentor_id":9})");
        AuditEntry restore;
        restore.sequence = 13;
        restore.action = QStringLiteral("vault.restore");
        restore.subject = QStringLiteral("Oq8TWv3Kx0");
        restore.details = QStringLiteral(R"({"backup_head_hash":"Oq8TWv3Kx0","epoch":1})");
        const QHash<QString, QString> titles = {{QStringLiteral("alex"), QStringLiteral("Alex Newhire")},
                                                {QStringLiteral("laptop"), QStringLiteral("Set up the laptop")},
                                                {QStringLiteral("#person:3"), QStringLiteral("Alex Newhire")}};
        AuditEntryModel model;
        model.setEntries({commit, done, restore}, titles, AuditVerification());
        const QString when =
            QDateTime(QDate(2026, 12, 3), QTime(9, 14), Qt::UTC).toLocalTime().toString(QStringLiteral("h:mm:ss AP"));
        const QString details = model.index(0, 0).data(AuditEntryModel::DetailsRole).toString();
        QVERIFY2(details.startsWith(QStringLiteral("Completes: Step done: Alex Newhire, Dec 3, 2026, ") + when
                                    + QStringLiteral(" (entry 11) · Hire: Alex Newhire · Mentor: person 9")),
                 qPrintable(details));
        QCOMPARE(model.index(1, 0).data(AuditEntryModel::DetailsRole).toString(),
                 QStringLiteral("Step: Set up the laptop (laptop)"));
        // A step retitled over the versions: today's title, said as such, not as the one the entry was written under.
        QHash<QString, QString> retitled = titles;
        retitled.insert(QStringLiteral("#retitled:laptop"), QStringLiteral("1"));
        model.setEntries({commit, done, restore}, retitled, AuditVerification());
        QCOMPARE(model.index(1, 0).data(AuditEntryModel::DetailsRole).toString(),
                 QStringLiteral("Step: Set up the laptop (laptop; its title today)"));
        model.setEntries({commit, done, restore}, titles, AuditVerification());
        QCOMPARE(model.index(2, 0).data(AuditEntryModel::SubjectTitleRole).toString(), QStringLiteral("this vault"));
        const QString restored = model.index(2, 0).data(AuditEntryModel::DetailsRole).toString();
        // A fingerprint last: what happened reads first.
        QCOMPARE(restored, QStringLiteral("Restore number: 1 · Fingerprint of the backup's last entry: Oq8TWv3Kx0"));
        // The raw details stay as they were written (audit log --json, the export).
        QCOMPARE(model.index(0, 0).data(AuditEntryModel::DetailsJsonRole).toString(), commit.details);
    }

    // Each key in words, each date in the app's style, nothing blank.
    void detailsNameTheirFieldsInWords_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("shown");
        QTest::newRow("known keys") << R"({"checklist_version":2,"hire_id":8})"
                                    << "Checklist version: 2 · Hire: person 8";
        QTest::newRow("an entry completed") << R"({"commit_of":11})"
                                            << "Completes: entry 11";
        QTest::newRow("a name shown") << R"({"display_name":"Alex Kim","person_id":3})"
                                      << "Shown as: Alex Kim · Person: person 3";
        QTest::newRow("a restore") << R"({"backup_head_seq":40,"backup_taken_by":"ada","epoch":1})"
                                   << "Backup's last entry: 40 · Backup taken by: ada · Restore number: 1";
        QTest::newRow("an unknown key") << R"({"sealed_by_admin":true})"
                                        << "Sealed by admin: yes";
        QTest::newRow("empty values left out") << R"({"note":"","comment":null,"steps":[],"step":"laptop"})"
                                               << "Step: laptop";
        QTest::newRow("a day") << R"({"start":"2026-03-05"})"
                               << "Start date: Mar 5, 2026";
        QTest::newRow("a moment, in local time") << R"({"expires_at":"2026-03-05T14:07:09Z"})"
                                                 << "Expires: Mar 5, 2026, "
                + QDateTime(QDate(2026, 3, 5), QTime(14, 7, 9), Qt::UTC).toLocalTime().toString("h:mm:ss AP");
        QTest::newRow("a name and its number") << R"({"mentor":"maya","mentor_id":4})"
                                               << "Mentor: maya";
        QTest::newRow("a mentor changed") << R"({"from_mentor":"maya","from_start":"2026-03-05","mentor":"mo"})"
                                          << "Mentor: mo · Mentor before: maya · Start date before: Mar 5, 2026";
        QTest::newRow("when it was made") << R"({"created_at":"2026-03-05T14:07:09Z"})"
                                          << "Made on: Mar 5, 2026, "
                + QDateTime(QDate(2026, 3, 5), QTime(14, 7, 9), Qt::UTC).toLocalTime().toString("h:mm:ss AP");
        // What was done first; the moment the row shows already and the enrollment's number last.
        QTest::newRow("a step done") << R"({"done_at":"2026-03-05T14:07:09Z","enrollment":1,"step":"laptop"})"
                                     << "Step: laptop · Done on: Mar 5, 2026, "
                + QDateTime(QDate(2026, 3, 5), QTime(14, 7, 9), Qt::UTC).toLocalTime().toString("h:mm:ss AP")
                + " · Enrollment: 1";
        QTest::newRow("a role") << R"({"role":"hire"})"
                                << "Role: hire";
        QTest::newRow("a passphrase handed over") << R"({"first_passphrase":"handed_over"})"
                                                  << "Passphrase: handed over: they choose their own";
        QTest::newRow("a passphrase not handed over") << R"({"first_passphrase":"not_handed_over"})"
                                                      << "Passphrase: not handed over";
    }

    void detailsNameTheirFieldsInWords()
    {
        QFETCH(QString, json);
        QFETCH(QString, shown);
        QVERIFY(onramp::installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
        onramp::ui::useLocaleOf(QStringLiteral("en"));
        QCOMPARE(AuditEntryModel::readableDetails(json), shown);
        const QVariantList fields = AuditEntryModel::detailFieldList(json);
        QCOMPARE(fields.size(), shown.count(QStringLiteral(" · ")) + 1);
        for (const QVariant& field : fields)
            QVERIFY(!field.toMap().value(QStringLiteral("value")).toString().isEmpty());
    }

    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        {
            std::unique_ptr<Vault> admin = makeVault(m_dir.path()); // vault.create, person.add max, person.add hal
            QVERIFY(admin);
            QVERIFY(!People(*admin).add(QStringLiteral("zoe"), {}, Role::Hire, "zoe's passphrase"));
        }
        {
            std::unique_ptr<Vault> hire;
            QVERIFY(!Vault::unlock(m_dir.path(), QStringLiteral("hal"), kHirePassphrase, &hire));
            QVERIFY(!People(*hire).changePassphrase(kNewHirePassphrase));
        }
        m_total = 5;
        Session::instance()->setVaultPath(m_dir.path());
        signInAs(QStringLiteral("ada"), kAdminPassphrase);
    }

    void anAdminSeesEveryEntryNewestFirst()
    {
        AuditBackend audit;
        QTRY_COMPARE(audit.entries()->count(), int(m_total));
        QVERIFY(!audit.isLoading());
        QVERIFY(!audit.isTruncated());
        const onramp::ui::AuditEntryModel* entries = audit.entries();
        QAbstractItemModelTester tester(audit.entries(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(column(entries, "actionName"),
                 (QStringList{"passphrase.change", "person.add", "person.add", "person.add", "vault.create"}));
        QCOMPARE(column(entries, "actor"), (QStringList{"hal", "ada", "ada", "ada", "ada"}));
        QCOMPARE(column(entries, "subject"), (QStringList{"hal", "zoe", "hal", "max", "ada"}));
        const QVariantMap newest = entries->get(0);
        QCOMPARE(newest.value(QStringLiteral("seq")).toLongLong(), m_total);
        QVERIFY(QDateTime::fromString(newest.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs).isValid());
        QVERIFY(!newest.value(QStringLiteral("atText")).toString().isEmpty());
        const QVariantMap zoe = entries->get(1);
        QVERIFY2(zoe.value(QStringLiteral("details")).toString().contains(QStringLiteral("Role: hire")),
                 qPrintable(zoe.value(QStringLiteral("details")).toString()));
        QCOMPARE(QJsonDocument::fromJson(zoe.value(QStringLiteral("detailsJson")).toString().toUtf8())
                     .object()
                     .value(QStringLiteral("role"))
                     .toString(),
                 QStringLiteral("hire"));
        QCOMPARE(audit.actions(), (QStringList{"passphrase.change", "person.add", "vault.create"}));
    }

    void filtersNarrowTheEntries()
    {
        AuditBackend audit;
        QTRY_COMPARE(audit.entries()->count(), int(m_total));

        // A person: what they did, and what was done about them.
        audit.setPerson(QStringLiteral("hal"));
        QVERIFY(reloadAndWait(audit));
        QCOMPARE(column(audit.entries(), "actionName"), (QStringList{"passphrase.change", "person.add"}));
        QCOMPARE(column(audit.entries(), "actor"), (QStringList{"hal", "ada"}));

        audit.setPerson({});
        audit.setAction(QStringLiteral("person.add"));
        QVERIFY(reloadAndWait(audit));
        QCOMPARE(column(audit.entries(), "subject"), (QStringList{"zoe", "hal", "max"}));

        audit.setAction({});
        const QDate today = QDateTime::currentDateTimeUtc().date();
        audit.setSince(today.toString(Qt::ISODate));
        QVERIFY(reloadAndWait(audit));
        QCOMPARE(audit.entries()->count(), int(m_total));
        audit.setSince(today.addDays(1).toString(Qt::ISODate));
        QVERIFY(reloadAndWait(audit));
        QCOMPARE(audit.entries()->count(), 0);

        QSignalSpy failed(&audit, &AuditBackend::error);
        audit.setSince(QStringLiteral("last week"));
        audit.reload();
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("YYYY-MM-DD")));
        QVERIFY(!audit.isLoading());
    }

    void othersSeeOnlyTheirOwnTrail()
    {
        signInAs(QStringLiteral("hal"), kNewHirePassphrase);
        AuditBackend audit;
        QTRY_COMPARE(audit.entries()->count(), 1);
        QCOMPARE(column(audit.entries(), "actor"), QStringList{"hal"});
        QCOMPARE(audit.actions(), QStringList{"passphrase.change"});

        audit.setPerson(QStringLiteral("ada"));
        QString message;
        QVERIFY(!reloadAndWait(audit, &message));
        QVERIFY2(message.contains(QStringLiteral("only their own")), qPrintable(message));
        QCOMPARE(audit.entries()->count(), 0);

        // Nor may they export the log.
        QSignalSpy failed(&audit, &AuditBackend::error);
        const QString path = m_dir.filePath(QStringLiteral("hal-export.jsonl"));
        audit.exportTo(QUrl::fromLocalFile(path), QStringLiteral("jsonl"));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("only an admin")));
        QVERIFY(!QFile::exists(path));
        signInAs(QStringLiteral("ada"), kAdminPassphrase);
    }

    void exportWritesTheWholeLogOwnerOnly_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("firstLine");
        QTest::newRow("jsonl") << "jsonl" << QByteArray("{");
        QTest::newRow("csv") << "csv"
                             << QByteArray("seq,at,actor_id,actor,action,subject,details,prev_hash,hash,signature");
    }
    void exportWritesTheWholeLogOwnerOnly()
    {
        QFETCH(QString, format);
        QFETCH(QByteArray, firstLine);
        AuditBackend audit;
        audit.setPerson(QStringLiteral("hal")); // filters narrow the view, never the export
        QSignalSpy done(&audit, &AuditBackend::done);
        QSignalSpy failed(&audit, &AuditBackend::error);
        const QString path = m_dir.filePath(QStringLiteral("audit.") + format);
        audit.exportTo(QUrl::fromLocalFile(path), format);
        QTRY_VERIFY(!done.isEmpty() || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QVERIFY(done.first().first().toString().contains(path));
        QFile file(path);
        QCOMPARE(
            file.permissions()
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
            QFileDevice::Permissions());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.startsWith(firstLine));
        const qsizetype lines = content.count('\n');
        QCOMPARE(lines, format == QLatin1String("csv") ? m_total + 1 : m_total);
        QVERIFY(!content.contains(kAdminPassphrase));
        QVERIFY(!content.contains(kNewHirePassphrase));

        audit.exportTo(QUrl::fromLocalFile(path), QStringLiteral("xml"));
        QCOMPARE(failed.size(), 1);
    }

    void pageShowsTheEntriesAndNamesEveryControl()
    {
        QQuickView view;
        view.engine()->addImportPath(QStringLiteral("qrc:/"));
        view.setResizeMode(QQuickView::SizeRootObjectToView);
        view.resize(1280, 720);
        view.setSource(QUrl(QStringLiteral("qrc:/Onramp/pages/AuditPage.qml")));
        QVERIFY2(view.status() == QQuickView::Ready, qPrintable(view.errors().value(0).toString()));
        view.show();
        QQuickItem* page = view.rootObject();
        QCOMPARE(page->objectName(), QStringLiteral("audit"));
        auto* list = page->findChild<QQuickItem*>(QStringLiteral("auditEntries"));
        QVERIFY(list);
        QTRY_COMPARE(list->property("count").toInt(), int(m_total));
        QVERIFY(!page->findChild<QQuickItem*>(QStringLiteral("auditEmpty"))->isVisible());

        QAccessible::setActive(true);
        QStringList unnamed;
        const QList<QQuickItem*> items = page->findChildren<QQuickItem*>();
        for (QQuickItem* item : items) {
            if (!item->isVisible() || !item->objectName().startsWith(QLatin1String("audit"))
                || item->objectName() == QLatin1String("auditCount"))
                continue;
            QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(item);
            if (!iface || iface->text(QAccessible::Name).isEmpty())
                unnamed.append(item->objectName());
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));

        // Clicking Verify shows the result beside the entries.
        auto* verify = page->findChild<QQuickItem*>(QStringLiteral("auditVerify"));
        QVERIFY(verify);
        QVERIFY(QMetaObject::invokeMethod(verify, "clicked"));
        auto* result = page->findChild<QQuickItem*>(QStringLiteral("auditVerifyResult"));
        QTRY_VERIFY(result->isVisible());
        QVERIFY(QAccessible::queryAccessibleInterface(result)
                    ->text(QAccessible::Name)
                    .contains(QStringLiteral("Verified")));

        // Choosing an action in the filter row narrows the list, and the choice stays.
        auto* actions = page->findChild<QQuickItem*>(QStringLiteral("auditActionFilter"));
        QVERIFY(actions);
        int index = -1;
        QVERIFY(QMetaObject::invokeMethod(actions, "find", Q_RETURN_ARG(int, index),
                                          Q_ARG(QString, QStringLiteral("Person added"))));
        QVERIFY(index > 0);
        actions->setProperty("currentIndex", index);
        QVERIFY(QMetaObject::invokeMethod(actions, "activated", Q_ARG(int, index)));
        QTRY_COMPARE(list->property("count").toInt(), 3);
        // The new list re-selects the chosen action with Qt.callLater: run what is queued, then look.
        QCoreApplication::processEvents();
        QCOMPARE(actions->property("currentText").toString(), QStringLiteral("Person added"));
        if (!qEnvironmentVariableIsEmpty("AUDIT_PAGE_SHOT"))
            view.grabWindow().save(qEnvironmentVariable("AUDIT_PAGE_SHOT"));
    }

    void verifyPassesThenNamesTheTamperedEntry()
    {
        AuditBackend audit;
        QVERIFY(audit.verifyResult().isEmpty());
        QVERIFY(verifyAndWait(audit));
        QVERIFY2(audit.isVerified(), qPrintable(audit.verifyResult()));
        QVERIFY2(audit.verifyResult().contains(QStringLiteral("%1 entries").arg(m_total)),
                 qPrintable(audit.verifyResult()));
        QCOMPARE(audit.badSequence(), 0);

        // Someone with the admin's master key drops the guard and edits entry 3.
        const Error e = Session::instance()->performNow([](Vault& v) -> Error {
            if (Error e = v.db().execute(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_update")))
                return e;
            return v.db().execute(QStringLiteral("UPDATE audit_log SET subject = 'mallory' WHERE seq = 3"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(reloadAndWait(audit));
        QVERIFY(column(audit.entries(), "subject").contains(QStringLiteral("mallory")));

        QVERIFY(verifyAndWait(audit));
        QVERIFY(!audit.isVerified());
        QCOMPARE(audit.badSequence(), 3);
        QVERIFY2(audit.verifyResult().contains(QStringLiteral("entry 3")), qPrintable(audit.verifyResult()));
        QVERIFY2(audit.verifyResult().contains(QStringLiteral("hash mismatch")), qPrintable(audit.verifyResult()));

        // Signing out forgets the result.
        Session::instance()->lock();
        QVERIFY(audit.verifyResult().isEmpty());
        QTRY_COMPARE(audit.entries()->count(), 0);
    }

    // A vault of its own, where the hire signed a sign-off with their own
    // key: the page lists it marked, never as "Signed off for production",
    // and the export writes it marked and says the log does not verify.
    void aHiresOwnSignOffIsShownNotVerified()
    {
        const QString dir = m_dir.filePath(QStringLiteral("signed-by-the-hire"));
        QVERIFY(makeVault(dir));
        {
            std::unique_ptr<Vault> hire;
            QVERIFY(!Vault::unlock(dir, QStringLiteral("hal"), kHirePassphrase, &hire));
            QVERIFY(!AuditLog::record(*hire, QStringLiteral("signoff"), QStringLiteral("hal"),
                                      {{QStringLiteral("note"), QStringLiteral("production access approved")}}));
        }
        Session::instance()->lock();
        Session::instance()->setVaultPath(dir);
        signInAs(QStringLiteral("ada"), kAdminPassphrase);
        AuditBackend audit;
        QTRY_COMPARE(audit.entries()->count(), 4);
        QTRY_VERIFY(!audit.isLoading());
        const QVariantMap forged = audit.entries()->get(0);
        QCOMPARE(forged.value(QStringLiteral("actionName")).toString(), QStringLiteral("signoff"));
        QCOMPARE(forged.value(QStringLiteral("verified")).toBool(), false);
        QCOMPARE(forged.value(QStringLiteral("problem")).toString(), QStringLiteral("no authority"));
        QCOMPARE(forged.value(QStringLiteral("actionText")).toString(), QStringLiteral("Not verified: signoff"));
        const QVariantMap before = audit.entries()->get(1);
        QCOMPARE(before.value(QStringLiteral("verified")).toBool(), true);
        QCOMPARE(before.value(QStringLiteral("actionText")).toString(), QStringLiteral("Person added"));

        QSignalSpy done(&audit, &AuditBackend::done);
        QSignalSpy failed(&audit, &AuditBackend::error);
        const QString path = m_dir.filePath(QStringLiteral("signed-by-the-hire.csv"));
        audit.exportTo(QUrl::fromLocalFile(path), QStringLiteral("csv"));
        QTRY_VERIFY(!done.isEmpty() || !failed.isEmpty());
        QVERIFY(done.isEmpty());
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(path) && message.contains(QStringLiteral("verified=false"))
                     && message.contains(QStringLiteral("entry 4")),
                 qPrintable(message));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QCOMPARE(content.count('\n'), 5); // the header and every entry
        QVERIFY2(content.trimmed().endsWith(",false,no authority"), content.constData());
        Session::instance()->lock();
    }
};

QTEST_MAIN(TestAuditBackend)

#include "TestAuditBackend.moc"
