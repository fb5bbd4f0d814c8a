// Moving a hire to a version that weakens the gate of their own, in the real
// window at 1024x640 on the demo team's vault signed in as ada: the move
// dialog asks once, each weakening listed in words beside what moves, the
// answer that stays focused; Escape and Enter leave the hire where they
// are; its "anyway" moves and the audit entry says it was accepted as
// weaker. Weakenings the dialog did not show (the vault changed meanwhile)
// are asked about again. A move that weakens nothing asks nothing new.
#include "AdminBackend.h"
#include "AdminFixture.h"

#include "audit/AuditLog.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestMoveWeaker : public e2e::AdminFixture
{
    Q_OBJECT

    // The step version 2 no longer requires nor has reviewed.
    QString m_loosened;
    // The production credential version 2 grants for 2 days.
    QString m_longer;

    /// The checklist version alex's enrollment is on, read apart from the window.
    int alexsVersion() const
    {
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        onramp::EnrollmentStatus status;
        if (!vault || onramp::Enrollments(*vault).status(QStringLiteral("alex"), &status))
            return -1;
        return status.checklistVersion;
    }

    /// Whether the popup \a name of the admin page is open.
    bool isOpen(const QString& name) const
    {
        QQuickItem* page = item(QStringLiteral("admin"));
        QObject* dialog = page ? page->findChild<QObject*>(name) : nullptr;
        return dialog && dialog->property("opened").toBool();
    }
    QString focusedName() const
    {
        QQuickItem* focused = m_window->activeFocusItem();
        return focused ? focused->objectName() : QString();
    }

    /// Opens the move dialog on alex and picks \a version, the \a row of
    /// the dialog's choice of versions.
    void pickMoveOfAlexTo(int row, int version)
    {
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("enrollment-alex") && settled(), e2e::kPatienceMs);
        QVERIFY(click("enrollment-alex"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveEnrollmentButton") && settled(), e2e::kPatienceMs);
        QVERIFY(click("moveEnrollmentButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("moveDialogText") && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->chooseRow(QStringLiteral("moveVersion"), row));
        QTRY_COMPARE_WITH_TIMEOUT(item("moveVersion")->property("currentValue").toInt(), version, e2e::kPatienceMs);
    }
    /// pickMoveOfAlexTo(), then confirms the move.
    void moveAlexTo(int row, int version)
    {
        pickMoveOfAlexTo(row, version);
        QVERIFY(click("moveDialogConfirm"));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        {
            // Version 2 of alex's checklist lowers the gate: a required,
            // reviewed step is neither, and a production credential lasts
            // 2 days. Version 3 is version 1 with an optional step more.
            std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
            QVERIFY(vault);
            onramp::EnrollmentStatus alex;
            QVERIFY(!onramp::Enrollments(*vault).status(QStringLiteral("alex"), &alex));
            QCOMPARE(alex.checklistVersion, 1);
            onramp::StoredChecklist stored;
            QVERIFY(!onramp::ChecklistStore(*vault).get(alex.checklistId, 0, &stored));
            onramp::Checklist weaker = stored.checklist;
            for (onramp::Step& step : weaker.steps)
                if (m_loosened.isEmpty() && step.required && step.signoff) {
                    m_loosened = step.title;
                    step.required = false;
                    step.signoff = false;
                }
            for (onramp::CredentialTemplate& credential : weaker.credentials)
                if (m_longer.isEmpty() && credential.environment == onramp::Environment::Production) {
                    m_longer = credential.title;
                    credential.ttlSeconds = 2 * 86400;
                }
            QVERIFY(!m_loosened.isEmpty() && !m_longer.isEmpty());
            onramp::ImportOutcome outcome;
            QVERIFY(!onramp::ChecklistStore(*vault).import(weaker, QDateTime::currentDateTimeUtc(), &outcome));
            QCOMPARE(outcome.version, 2);
            onramp::Checklist more = stored.checklist;
            onramp::Step step = more.steps.constLast();
            step.id = QStringLiteral("added-in-3");
            step.title = QStringLiteral("Added in version 3");
            step.required = false;
            step.signoff = false;
            more.steps.append(step);
            QVERIFY(!onramp::ChecklistStore(*vault).import(more, QDateTime::currentDateTimeUtc(), &outcome));
            QCOMPARE(outcome.version, 3);
        }
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase() { closeWindow(); }

    // Asked once, in the move dialog: each weakening on a line of its own
    // and in words, beside what moves; Escape moves nothing, and no second
    // question comes.
    void aWeakerMoveIsAskedOnceAndRefusedByDefault()
    {
        pickMoveOfAlexTo(1, 2);
        QTRY_COMPARE_WITH_TIMEOUT(text("moveDialogConfirm"), QStringLiteral("Move to version 2 anyway"),
                                  e2e::kPatienceMs);
        const QString said = text("moveDialogText");
        QVERIFY2(said.contains(QStringLiteral("This move weakens the gate. Compared with version 1, version 2:")),
                 qPrintable(said));
        for (const QString& line :
             {QStringLiteral("• step “%1” is no longer required before production access").arg(m_loosened),
              QStringLiteral("• step “%1” no longer needs a mentor's review").arg(m_loosened),
              QStringLiteral("• production credential “%1” is granted for 2 day").arg(m_longer)})
            QVERIFY2(said.contains(line), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("Move Alex Newhire only if you mean to lower the gate for them")),
                 qPrintable(said));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(QStringLiteral("moveDialog")) && settled(), e2e::kPatienceMs);
        QVERIFY(!isOpen(QStringLiteral("weakerMoveDialog")));
        QCOMPARE(alexsVersion(), 1);
    }

    // Said so: the one confirmation moves; its notice and its audit entry
    // name what it weakened.
    void aWeakerMoveIsMadeOnceAccepted()
    {
        moveAlexTo(1, 2);
        QTRY_VERIFY_WITH_TIMEOUT(
            notice().startsWith(QStringLiteral("Moved Alex Newhire to version 2 of their checklist.")),
            e2e::kPatienceMs);
        QVERIFY(!isOpen(QStringLiteral("weakerMoveDialog")));
        QVERIFY2(notice().contains(QStringLiteral("It weakens the gate: step “%1”").arg(m_loosened)),
                 qPrintable(notice()));
        QCOMPARE(alexsVersion(), 2);
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        QVERIFY(vault);
        QList<onramp::AuditEntry> moves;
        QVERIFY(!onramp::AuditLog::entries(vault->db(), {{}, {}, QStringLiteral("enrollment.move")}, &moves));
        QVERIFY(!moves.isEmpty());
        const QJsonObject details = QJsonDocument::fromJson(moves.constLast().details.toUtf8()).object();
        QCOMPARE(details.value(QStringLiteral("accepted_weaker")).toBool(), true);
        QCOMPARE(details.value(QStringLiteral("weakens")).toArray().size(), 3);
    }

    // From the weaker version 2 to version 3, which weakens nothing: the
    // move dialog's confirmation moves at once, nothing more is asked.
    void aMoveThatWeakensNothingAsksNothingNew()
    {
        moveAlexTo(0, 3);
        QTRY_VERIFY_WITH_TIMEOUT(notice() == QStringLiteral("Moved Alex Newhire to version 3 of their checklist."),
                                 e2e::kPatienceMs);
        QVERIFY(!isOpen(QStringLiteral("weakerMoveDialog")));
        QCOMPARE(alexsVersion(), 3);
    }

    // A move accepted for weakenings other than the ones it makes (the
    // vault changed after the dialog was worded) moves nothing: the app
    // asks about what it does weaken, each listed, the safe answer
    // focused; Enter there leaves the hire where they are.
    void weakeningsNotShownAreAskedAbout()
    {
        QObject* backend = item("admin")->findChild<onramp::ui::AdminBackend*>();
        QVERIFY(backend);
        QVERIFY(QMetaObject::invokeMethod(backend, "moveEnrollment", Q_ARG(QString, QStringLiteral("alex")),
                                          Q_ARG(QString, QString()), Q_ARG(int, 2),
                                          Q_ARG(QStringList, QStringList{QStringLiteral("some other weakening")})));
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(QStringLiteral("weakerMoveDialog")) && settled(), e2e::kPatienceMs);
        const QString listed = allTextsUnder(QStringLiteral("weakerMoveDialogText"));
        QVERIFY2(listed.contains(QStringLiteral("Alex Newhire is on version 3 of “")), qPrintable(listed));
        QVERIFY2(listed.contains(
                     QStringLiteral("• step “%1” is no longer required before production access").arg(m_loosened)),
                 qPrintable(listed));
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("weakerMoveCancel"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(QStringLiteral("weakerMoveDialog")), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(notice(), QStringLiteral("Alex Newhire was not moved: version 2 weakens the gate."),
                                  e2e::kPatienceMs);
        QCOMPARE(alexsVersion(), 3);
    }
};

ONRAMP_E2E_MAIN(TestMoveWeaker)

#include "TestMoveWeaker.moc"
