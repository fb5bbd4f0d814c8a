// The admin's leftovers of the third walk and some of the fourth, in the
// real window at 1024x640 on the demo team's vault signed in as ada (its
// checklist stored in three versions, alex on the first): the admin's notices
// name people by their display names; an enrollment moves to any stored
// version, back to an earlier one too, and the dialog says what a move back
// means; the report's cards are as high as their bars and the About page's
// lines stop at a readable measure at 1920x1080; the vault check speaks in
// words to its last line; a hire not enrolled gets reset help of their own;
// Add a person labels its fields; a save says the checklist's title and
// clears the import's line; the sign-in list knows the people an admin added
// at once, also when the app is then closed unlocked.
#include "AdminFixture.h"

#include "Session.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestAdminWalkFour : public e2e::AdminFixture
{
    Q_OBJECT

    /// The checklist version alex's enrollment is on, read apart from the window.
    int alexsVersion() const
    {
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        onramp::EnrollmentStatus status;
        if (!vault || onramp::Enrollments(*vault).status(QStringLiteral("alex"), &status))
            return -1;
        return status.checklistVersion;
    }

    /// The title of the open move dialog; empty when none shows.
    QString moveTitle() const
    {
        const QObject* dialog = item("moveDialogText");
        while (dialog && !dialog->inherits("QQuickPopup"))
            dialog = dialog->parent();
        return dialog ? dialog->property("title").toString() : QString();
    }

    /// The versions the move dialog offers, in its order.
    QList<int> offeredVersions() const
    {
        QList<int> versions;
        const QVariantList choices = item("moveVersion")->property("model").toList();
        for (const QVariant& choice : choices)
            versions.append(choice.toMap().value(QStringLiteral("version")).toInt());
        return versions;
    }

    void pickAlex()
    {
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        QVERIFY(makeDemoInTestSettings());
        {
            // Two later versions of alex's checklist, each with a step more,
            // and a hire nobody has enrolled yet.
            std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
            QVERIFY(vault);
            onramp::EnrollmentStatus alex;
            QVERIFY(!onramp::Enrollments(*vault).status(QStringLiteral("alex"), &alex));
            QCOMPARE(alex.checklistVersion, 1);
            onramp::StoredChecklist stored;
            QVERIFY(!onramp::ChecklistStore(*vault).get(alex.checklistId, 0, &stored));
            onramp::Checklist checklist = stored.checklist;
            for (int version = 2; version <= 3; ++version) {
                onramp::Step step = checklist.steps.constLast();
                step.id = QStringLiteral("added-in-%1").arg(version);
                step.title = QStringLiteral("Added in version %1").arg(version);
                step.signoff = false;
                step.required = false;
                checklist.steps.append(step);
                onramp::ImportOutcome outcome;
                QVERIFY(!onramp::ChecklistStore(*vault).import(checklist, QDateTime::currentDateTimeUtc(), &outcome));
                QCOMPARE(outcome.version, version);
            }
            QVERIFY(!onramp::People(*vault).add(QStringLiteral("jo"), QStringLiteral("Jo Junior"), onramp::Role::Hire,
                                                QByteArrayView("jo's long passphrase")));
            QVERIFY(!onramp::People(*vault).add(QStringLiteral("lou"), QStringLiteral("Lou Later"), onramp::Role::Hire,
                                                QByteArrayView("lou's long passphrase")));
        }
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // #9: "Enrolled alex with mentor maya.", "jo is disabled…": the names
    // the admin reads everywhere else.
    void theAdminsNoticesUseDisplayNames()
    {
        showTab(QStringLiteral("enrollments"));
        QTRY_COMPARE_WITH_TIMEOUT(item("enrollHire")->property("currentValue").toString(), QStringLiteral("jo"),
                                  e2e::kPatienceMs);
        QCOMPARE(item("enrollMentor")->property("currentValue").toString(), QStringLiteral("maya"));
        QVERIFY(click("enrollButton"));
        QTRY_COMPARE_WITH_TIMEOUT(notice(), QStringLiteral("Enrolled Jo Junior with mentor Maya Mentor."),
                                  e2e::kPatienceMs);

        showTab(QStringLiteral("people"));
        QVERIFY(click("person-jo"));
        QVERIFY(click("disablePersonButton"));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // The dialog opens on Cancel (a disable is not undone by a click): the
        // keys go to Disable first.
        QTest::keyClick(m_window, Qt::Key_Tab, Qt::ShiftModifier);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(notice().startsWith(QStringLiteral("Jo Junior is disabled;")), qPrintable(notice()),
                                  e2e::kPatienceMs);
    }

    // #11: the move dialog offers every other stored version, newest first;
    // a move forward names the hire by display name in its notice.
    void theMoveDialogOffersEveryOtherVersion()
    {
        pickAlex();
        QVERIFY(text("enrollmentVersion").contains(QStringLiteral("version 1")));
        QVERIFY(click("moveEnrollmentButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveDialogText") && settled(), e2e::kPatienceMs);
        QCOMPARE(moveTitle(), QStringLiteral("Move Alex Newhire to version 3?"));
        QVERIFY(visible("moveVersion"));
        QCOMPARE(offeredVersions(), (QList<int>{3, 2}));
        QCOMPARE(item("moveVersion")->property("currentValue").toInt(), 3);

        // Version 2 instead: the dialog says so throughout.
        QVERIFY(m_ui->chooseRow(QStringLiteral("moveVersion"), 1));
        QTRY_COMPARE_WITH_TIMEOUT(moveTitle(), QStringLiteral("Move Alex Newhire to version 2?"), e2e::kPatienceMs);
        QCOMPARE(text("moveDialogConfirm"), QStringLiteral("Move to version 2"));
        QVERIFY2(text("moveDialogText").contains(QStringLiteral("“Added in version 2”")),
                 qPrintable(text("moveDialogText")));
        QVERIFY2(!text("moveDialogText").contains(QStringLiteral("Added in version 3")),
                 qPrintable(text("moveDialogText")));
        // The approval the move ends is named.
        QVERIFY2(text("moveDialogText")
                     .contains(QStringLiteral("Approvals that end now: “Run the test suite against your sandbox”.")),
                 qPrintable(text("moveDialogText")));
        QVERIFY(click("moveDialogConfirm"));
        QTRY_COMPARE_WITH_TIMEOUT(notice(), QStringLiteral("Moved Alex Newhire to version 2 of their checklist."),
                                  e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(alexsVersion(), 2, e2e::kPatienceMs);
    }

    // #11: back to an earlier version, from the app as `--checklist-version 1`
    // does; the dialog says that nothing approved before comes back.
    void anEnrollmentMovesBackToAnEarlierVersion()
    {
        pickAlex();
        QTRY_VERIFY_WITH_TIMEOUT(text("enrollmentVersion").contains(QStringLiteral("version 2")), e2e::kPatienceMs);
        QVERIFY(click("moveBackButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveDialogText") && settled(), e2e::kPatienceMs);
        QCOMPARE(offeredVersions(), (QList<int>{3, 1}));
        QCOMPARE(item("moveVersion")->property("currentValue").toInt(), 1);
        QCOMPARE(moveTitle(), QStringLiteral("Move Alex Newhire back to version 1?"));
        QCOMPARE(text("moveDialogConfirm"), QStringLiteral("Move back to version 1"));
        QCOMPARE(text("moveDialogCancel"), QStringLiteral("Stay on version 2"));
        const QString body = text("moveDialogText");
        QVERIFY2(body.startsWith(QStringLiteral("The checklist “"))
                     && body.contains(QStringLiteral("moves back from version 2 to the earlier version 1")),
                 qPrintable(body));
        QVERIFY2(body.contains(QStringLiteral("Version 1 does not have “Added in version 2”")), qPrintable(body));
        QVERIFY2(body.contains(QStringLiteral("A move back brings no approval back"))
                     && body.contains(QStringLiteral("Only reviews and a sign-off given after this move count")),
                 qPrintable(body));
        QVERIFY(click("moveDialogConfirm"));
        QTRY_COMPARE_WITH_TIMEOUT(notice(), QStringLiteral("Moved Alex Newhire back to version 1 of their checklist."),
                                  e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(alexsVersion(), 1, e2e::kPatienceMs);

        // On the first version there is nothing earlier to go back to.
        pickAlex();
        QTRY_VERIFY_WITH_TIMEOUT(text("enrollmentVersion").contains(QStringLiteral("version 1")), e2e::kPatienceMs);
        QVERIFY(!visible("moveBackButton"));
        QVERIFY(visible("moveEnrollmentButton"));
    }

    // Layouts: at 1920x1080 the report's cards are as high as their bars
    // need, not stretched down the screen; at 1280x800 every overdue step
    // is in sight, the last one too.
    void theReportsChartsFitTheirBars()
    {
        QVERIFY(showPage(QStringLiteral("report")));
        QVERIFY(m_ui->resizeTo(QSize(1920, 1080)));
        QTRY_VERIFY_WITH_TIMEOUT(item("overdueChart") && settled(), e2e::kPatienceMs);
        const auto bars = [&](const char* chart) { return e2e::findItem(item(chart), QStringLiteral("chartBars")); };
        // The room a chart's list has beyond its bars: the taller chart of a row has none.
        const auto spare = [&](const char* chart) {
            QQuickItem* list = bars(chart);
            return list ? list->height() - list->property("contentHeight").toReal() : -1.0;
        };
        for (const auto& row : {std::pair{"progressChart", "cohortChart"}, std::pair{"waitChart", "overdueChart"}}) {
            QTRY_VERIFY2_WITH_TIMEOUT(std::min(spare(row.first), spare(row.second)) < 2,
                                      qPrintable(QStringLiteral("%1 has %2 px spare, %3 has %4")
                                                     .arg(QString::fromLatin1(row.first))
                                                     .arg(spare(row.first))
                                                     .arg(QString::fromLatin1(row.second))
                                                     .arg(spare(row.second))),
                                      e2e::kPatienceMs);
            QVERIFY(spare(row.first) >= 0 && spare(row.second) >= 0);
        }

        QVERIFY(m_ui->resizeTo(QSize(1280, 800)));
        QQuickItem* overdue = bars("overdueChart");
        QVERIFY(overdue && overdue->property("count").toInt() > 3);
        QTRY_VERIFY2_WITH_TIMEOUT(spare("overdueChart") >= 0,
                                  qPrintable(QStringLiteral("the overdue steps need %1 px, they have %2")
                                                 .arg(overdue->property("contentHeight").toReal())
                                                 .arg(overdue->height())),
                                  e2e::kPatienceMs);
        const QRectF box =
            item("overdueChart")
                ->mapRectToScene(QRectF(0, 0, item("overdueChart")->width(), item("overdueChart")->height()));
        QVERIFY(box.bottom() <= m_window->height());
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
    }

    // Layouts: at 1920x1080 the About page's lines stop at a measure that reads well.
    void theAboutPagesLinesStayReadable()
    {
        QVERIFY(showPage(QStringLiteral("about")));
        QVERIFY(m_ui->resizeTo(QSize(1920, 1080)));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // The four points' paragraphs: the page's long texts.
        QList<QQuickItem*> texts;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
            if (it->isVisible() && it->property("text").toString().size() > 60)
                texts << it;
            const auto children = it->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(item("about"));
        QCOMPARE(texts.size(), 4);
        for (QQuickItem* text : std::as_const(texts))
            QVERIFY2(text->width() <= 640, qPrintable(QStringLiteral("a paragraph %1 px wide").arg(text->width())));
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->page() != QLatin1String("about") && settled(), e2e::kPatienceMs);
    }

    // Walk 3 #6, the rest: every line of the vault check is in the app's
    // words, the audit log's and the records' too.
    void theVaultCheckSpeaksInWordsToTheEnd()
    {
        showTab(QStringLiteral("vault"));
        QVERIFY(click("checkVaultButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!text("checkVaultResult").isEmpty() && settled(), e2e::kPatienceMs);
        const QStringList lines = text("checkVaultResult").split(u'\n');
        for (const QString& line : lines)
            QVERIFY2(!line.startsWith(QStringLiteral("audit log:")) && !line.startsWith(QStringLiteral("authority:")),
                     qPrintable(line));
        QVERIFY2(std::any_of(lines.cbegin(), lines.cend(),
                             [](const QString& l) { return l.startsWith(QStringLiteral("Audit log: ")); }),
                 qPrintable(lines.join(u'|')));
        QVERIFY2(std::any_of(lines.cbegin(), lines.cend(),
                             [](const QString& l) { return l.startsWith(QStringLiteral("Records: all ")); }),
                 qPrintable(lines.join(u'|')));
    }

    // Walk 4 #6: the audit table's Time column shows a time whole, its
    // AM or PM too, at 1280x800 and at 1920x1080.
    void theAuditTableReadsWhole()
    {
        QVERIFY(showPage(QStringLiteral("audit")));
        for (const QSize& size : {QSize(1280, 800), QSize(1920, 1080)}) {
            QVERIFY(m_ui->resizeTo(size));
            QTRY_VERIFY_WITH_TIMEOUT(count("auditEntries") > 0 && settled(), e2e::kPatienceMs);
            const QRegularExpression time(QStringLiteral("\\d:\\d\\d:\\d\\d"));
            QStringList times;
            QStringList cut;
            const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
                const QString text = it->property("text").toString();
                if (it->isVisible() && time.match(text).hasMatch() && text.size() < 40) {
                    times << text;
                    if (it->property("truncated").toBool())
                        cut << text;
                }
                const auto children = it->childItems();
                for (QQuickItem* child : children)
                    visit(child);
            };
            visit(item("auditEntries"));
            QVERIFY(!times.isEmpty());
            // Walk 3 #7: who acted, by the name they go by, as Subject names people.
            QStringList people;
            const std::function<void(QQuickItem*)> named = [&](QQuickItem* it) {
                if (it->objectName() == QLatin1String("auditPerson") && it->isVisible())
                    people << it->property("text").toString();
                const auto children = it->childItems();
                for (QQuickItem* child : children)
                    named(child);
            };
            named(item("auditEntries"));
            QVERIFY2(people.contains(QStringLiteral("Ada Admin")) && !people.contains(QStringLiteral("ada")),
                     qPrintable(people.join(u'|')));
            QVERIFY2(cut.isEmpty(),
                     qPrintable(QStringLiteral("at %1x%2: %3")
                                    .arg(size.width())
                                    .arg(size.height())
                                    .arg(cut.join(QStringLiteral(" | ")))));
        }
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
    }

    // Walk 4 #12: the reset help of a hire not enrolled speaks of no
    // credentials; an enrolled hire's still does.
    void theResetHelpOfAHireNotEnrolled()
    {
        showTab(QStringLiteral("people"));
        QVERIFY(click("person-lou"));
        QTRY_COMPARE_WITH_TIMEOUT(
            text("resetHelp"),
            QStringLiteral(
                "They get a new key pair. They are not enrolled yet, so no credential is sealed to the old one."),
            e2e::kPatienceMs);
        QVERIFY(click("person-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(text("resetHelp").contains(QStringLiteral("sandbox credentials")), e2e::kPatienceMs);
    }

    // Walk 4 #8: Add a person names its fields beside them, which stays once
    // something is typed (a placeholder goes).
    void addAPersonHasLabels()
    {
        showTab(QStringLiteral("people"));
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("kit")));
        const QList<std::pair<const char*, QString>> fields{{"personName", QStringLiteral("User name")},
                                                            {"personDisplay", QStringLiteral("Full name")},
                                                            {"personPassphrase", QStringLiteral("First passphrase")}};
        for (const auto& [field, name] : fields) {
            QQuickItem* label = qobject_cast<QQuickItem*>(item(field)->property("label").value<QObject*>());
            QVERIFY2(label && label->isVisible(), field);
            QCOMPARE(label->property("text").toString(), name);
        }
        QVERIFY(typeOver("personName", QString()));
    }

    // Walk 4 #11: a save in the editor says the checklist's title, and
    // what the import said before it goes, as it is out of date.
    void aSaveAfterAnImportSaysItAlone()
    {
        showTab(QStringLiteral("checklists"));
        QVERIFY(typeOver("importPath", QStringLiteral(ONRAMP_TEST_DATA "/checklists/minimal.yaml")));
        QVERIFY(click("importButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("checklistImportStatus") && settled(), e2e::kPatienceMs);
        QVERIFY(text("checklistImportStatus").startsWith(QStringLiteral("Imported “Smallest checklist” (minimal)")));
        QTRY_COMPARE_WITH_TIMEOUT(text("editorHeading"), QStringLiteral("Smallest checklist"), e2e::kPatienceMs);
        QVERIFY(click("editorAddStep"));
        QVERIFY(typeOver("editorTitle", QStringLiteral("Meet the on-call lead")));
        QTRY_VERIFY_WITH_TIMEOUT(item("editorSave")->isEnabled(), e2e::kPatienceMs);
        QVERIFY(click("editorSave"));
        QTRY_COMPARE_WITH_TIMEOUT(notice(), QStringLiteral("Saved “Smallest checklist” (minimal) as version 2."),
                                  e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("checklistImportStatus"), e2e::kPatienceMs);
    }

    // #13: people the admin adds are named on the sign-in list at once, not
    // only after the next lock: the app may be closed unlocked.
    void theSignInListKnowsPeopleAddedInTheApp()
    {
        QTest::keyClick(m_window, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const QString vault = m_dir.filePath(QStringLiteral("vault"));
        onramp::ui::Session::instance()->setVaultPath(vault);
        QVERIFY(m_ui->waitForPage(QStringLiteral("welcome")));
        QVERIFY(createVaultAsAda());
        QVERIFY(click("vaultCreatedClose")); // the note on the vault's fingerprint
        showTab(QStringLiteral("people"));
        QVERIFY(addPeople());
        // Still signed in: what the sign-in page shows, and what the next start reads.
        const QString key = onramp::ui::Session::rememberedNamesKey(vault);
        QTRY_COMPARE_WITH_TIMEOUT(onramp::ui::Session::instance()->shownNames().value(QStringLiteral("sam")).toString(),
                                  QStringLiteral("Sam Second"), e2e::kPatienceMs);
        QVERIFY(onramp::ui::Session::instance()->isUnlocked());
        const QVariantMap remembered = QSettings().value(key).toMap();
        QCOMPARE(remembered.value(QStringLiteral("ada")).toString(), QStringLiteral("Ada Admin"));
        QCOMPARE(remembered.value(QStringLiteral("maya")).toString(), QStringLiteral("Maya Mentor"));
        QCOMPARE(remembered.value(QStringLiteral("alex")).toString(), QStringLiteral("Alex Newhire"));
        QCOMPARE(remembered.value(QStringLiteral("sam")).toString(), QStringLiteral("Sam Second"));
    }
};

ONRAMP_E2E_MAIN(TestAdminWalkFour)

#include "TestAdminWalkFour.moc"
