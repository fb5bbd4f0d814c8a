// The demo hire's and mentor's journeys through the real window: a hire
// writes on their own step at every state, as the mentor does, without
// changing it; a brand-new hire is not told of a move made before
// they ever looked; and production access revoked after the sign-off reads
// "revoked", by whom and when, on the mentor's page, the hire's Home and the
// report, until a renewal gives it back.
#include "E2eDriver.h"
#include "Formats.h"
#include "ReportChartModel.h"

#include "credentials/Credentials.h"
#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"

#include <QAccessible>
#include <QSettings>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestWalkFixesFour : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    QQuickItem* item(const QString& name) const { return m_ui->item(name); }
    bool settled() const { return e2e::isSettled(m_window); }
    bool shown(const QString& name) const
    {
        const QQuickItem* it = item(name);
        return it && it->isVisible();
    }
    QString allTextsUnder(const QString& name) const
    {
        const QQuickItem* it = item(name);
        return it ? e2e::textsUnder(it).join(u'\n') : QString();
    }

    /// Acts on the vault as the demo person \a name, outside the window (another desktop).
    onramp::Error asPerson(const QString& name, const std::function<onramp::Error(onramp::Vault&)>& work)
    {
        std::unique_ptr<onramp::Vault> vault;
        if (onramp::Error e = onramp::Vault::unlock(m_vault, name, e2e::demoPassphrase(name).toUtf8(), &vault))
            return e;
        return work(*vault);
    }

    onramp::EnrollmentStatus alexAs(const QString& name)
    {
        onramp::EnrollmentStatus status;
        const onramp::Error e = asPerson(name, [&status](onramp::Vault& v) {
            return onramp::Enrollments(v).status(QStringLiteral("alex"), &status);
        });
        if (e)
            qWarning() << e.message;
        return status;
    }

    void openAs(const QString& name, const QString& page)
    {
        QVERIFY(m_ui->signInAs(name));
        QVERIFY(m_ui->waitForPage(page));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    /// Opens the step \a stepId from the hire's checklist.
    void openStep(const QString& stepId)
    {
        QVERIFY(m_ui->click(QStringLiteral("nav-checklist")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("checklist")));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && shown(QStringLiteral("step-") + stepId), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("step-") + stepId));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled() && shown(QStringLiteral("stepState")), e2e::kPatienceMs);
    }

    QString stepStatusOf(const QString& stepId)
    {
        const onramp::EnrollmentStatus status = alexAs(QStringLiteral("maya"));
        for (const onramp::StepView& v : status.steps)
            if (v.step.id == stepId)
                return onramp::stepStatusKey(v.status());
        return {};
    }

    /// alex writes \a body in the step's box and sends it with Add note,
    /// or \a byKeys with Ctrl+Enter in the box.
    void addNote(const QString& body, bool byKeys = false)
    {
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("threadNoteField")) && shown(QStringLiteral("addNoteButton")),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), body));
        if (byKeys) {
            QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("threadNoteField"))->hasActiveFocus(), e2e::kPatienceMs);
            QTest::keyClick(m_window, Qt::Key_Return, Qt::ControlModifier);
        } else {
            QVERIFY(m_ui->click(QStringLiteral("addNoteButton")));
        }
        QTRY_VERIFY_WITH_TIMEOUT(allTextsUnder(QStringLiteral("stepThread")).contains(body) && settled(),
                                 e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("threadNoteField")), QString(), e2e::kPatienceMs);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Bare);
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
    }

    void cleanupTestCase()
    {
        if (Session::instance() && Session::instance()->isUnlocked())
            Session::instance()->lock();
        m_ui.reset();
        m_engine.reset();
    }

    // ada moved alex to a new version before his first sign-in; his first
    // Home tells of no move. A move after he looked still is.
    void aMoveBeforeTheFirstLookIsNoNews()
    {
        onramp::Error e = asPerson(QStringLiteral("ada"), [](onramp::Vault& v) {
            QByteArray v2 = onramp::demo::sampleChecklist();
            v2.replace("title: Lunch with the team", "title: Coffee with the team");
            e2e::importChecklist(v, v2);
            return onramp::Enrollments(v).move(QStringLiteral("alex"), 0);
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(alexAs(QStringLiteral("ada")).movedAt.isValid());
        openAs(QStringLiteral("alex"), QStringLiteral("home"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("progressText")), e2e::kPatienceMs);
        QVERIFY2(!allTextsUnder(QStringLiteral("home")).contains(QStringLiteral("Moved since you last looked")),
                 qPrintable(allTextsUnder(QStringLiteral("home"))));
        QVERIFY(!shown(QStringLiteral("moveNotice")));

        e = asPerson(QStringLiteral("ada"),
                     [](onramp::Vault& v) { return onramp::Enrollments(v).move(QStringLiteral("alex"), 1); });
        QVERIFY2(!e, qPrintable(e.message));
        openAs(QStringLiteral("alex"), QStringLiteral("home"));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("moveNotice")) && settled(), e2e::kPatienceMs);
        QVERIFY2(m_ui->text(QStringLiteral("moveNoticeText"))
                     .startsWith(QStringLiteral("Ada Admin moved you to version 1 of the checklist.")),
                 qPrintable(m_ui->text(QStringLiteral("moveNoticeText"))));
        QVERIFY(m_ui->click(QStringLiteral("moveDismiss")));
        QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("moveNotice")), e2e::kPatienceMs);
    }

    // The hire asks a question on an open step, and answers on a
    // step waiting for review, with Add note; the step stays where it was,
    // and the note shows in the thread as signed by the hire.
    void aHireAddsANoteAtEveryStateWithoutChangingIt()
    {
        openAs(QStringLiteral("alex"), QStringLiteral("home"));
        const QString step = QStringLiteral("sandbox-tests"); // reviewed by the mentor
        openStep(step);
        QVERIFY(shown(QStringLiteral("markDoneButton")));
        const QString placeholder = item(QStringLiteral("threadNoteField"))->property("placeholderText").toString();
        QVERIFY2(placeholder.contains(QStringLiteral("Add note sends it now")), qPrintable(placeholder));
        addNote(QStringLiteral("Which database does the suite use?"));
        QCOMPARE(stepStatusOf(step), QStringLiteral("open"));

        QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
        QTRY_COMPARE_WITH_TIMEOUT(stepStatusOf(step), QStringLiteral("waiting-for-review"), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("markDoneButton")) && settled(), e2e::kPatienceMs);
        addNote(QStringLiteral("Also ran it twice: green both times."), true);
        QCOMPARE(stepStatusOf(step), QStringLiteral("waiting-for-review"));

        // Both notes are on the step's thread, signed by alex and verified by his mentor's session.
        QList<onramp::ThreadEntry> thread;
        const onramp::Error e = asPerson(QStringLiteral("maya"), [&](onramp::Vault& v) {
            return onramp::StepThread(v).read(QStringLiteral("alex"), step, &thread);
        });
        QVERIFY2(!e, qPrintable(e.message));
        QStringList notes;
        for (const onramp::ThreadEntry& entry : thread) {
            if (entry.kind != onramp::ThreadEntry::Kind::Note)
                continue;
            QVERIFY(entry.byHire);
            QVERIFY(entry.verified);
            notes.append(entry.body);
        }
        QCOMPARE(notes,
                 QStringList({QStringLiteral("Which database does the suite use?"),
                              QStringLiteral("Also ran it twice: green both times.")}));
    }

    // After the only production grant is revoked, the
    // mentor's page, the mentee's chip, the hire's Home and the report say
    // "revoked", with the revoker's name for people and the app's date; a
    // renewal gives access back everywhere.
    void revokedProductionReadsRevokedEverywhere()
    {
        // alex finishes every step, maya approves what she reviews and signs off.
        onramp::Error e = asPerson(QStringLiteral("alex"), [](onramp::Vault& v) {
            onramp::Enrollments enrollments(v);
            onramp::EnrollmentStatus status;
            if (onramp::Error r = enrollments.status(QStringLiteral("alex"), &status))
                return r;
            for (const onramp::StepView& s : std::as_const(status.steps))
                if (!s.done)
                    if (onramp::Error r = enrollments.markDone(QStringLiteral("alex"), s.step.id, {}))
                        return r;
            return onramp::Error();
        });
        QVERIFY2(!e, qPrintable(e.message));
        e = asPerson(QStringLiteral("maya"), [](onramp::Vault& v) {
            onramp::Enrollments enrollments(v);
            onramp::EnrollmentStatus status;
            if (onramp::Error r = enrollments.status(QStringLiteral("alex"), &status))
                return r;
            for (const onramp::StepView& s : std::as_const(status.steps))
                if (s.awaitingReview())
                    if (onramp::Error r = enrollments.review(QStringLiteral("alex"), s.step.id, true, {}))
                        return r;
            return enrollments.signOff(QStringLiteral("alex"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(alexAs(QStringLiteral("maya")).production(), onramp::ProductionAccess::Unlocked);

        openAs(QStringLiteral("maya"), QStringLiteral("mentor"));
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("revoke-prod-db")) && settled(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: unlocked"), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("menteeAccess-alex")), QStringLiteral("unlocked"));
        const auto dialog = [this] {
            QQuickItem* page = item(QStringLiteral("mentor"));
            return page ? page->findChild<QObject*>(QStringLiteral("grantDialog")) : nullptr;
        };
        QVERIFY(m_ui->click(QStringLiteral("revoke-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(dialog() && dialog()->property("opened").toBool(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("grantConfirmButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("grant-status-prod-db")), QStringLiteral("revoked"),
                                  e2e::kPatienceMs);

        const onramp::EnrollmentStatus revoked = alexAs(QStringLiteral("maya"));
        QCOMPARE(revoked.production(), onramp::ProductionAccess::Revoked);
        const QString when = onramp::ui::sentenceDate(revoked.revokedAt);
        const QString signedOffOn = onramp::ui::sentenceDate(revoked.signedOffAt);
        const QString revokedTitle = QStringLiteral("Production access: signed off — access revoked");
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")), revokedTitle, e2e::kPatienceMs);
        // Maya's own acts, said as hers.
        QCOMPARE(m_ui->text(QStringLiteral("gateUnlockedText")),
                 QStringLiteral("You signed off on %1 and revoked production access on %2. "
                                "Renew a credential below to give it back.")
                     .arg(signedOffOn, when));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("menteeAccess-alex")), QStringLiteral("revoked"),
                                  e2e::kPatienceMs);

        openAs(QStringLiteral("alex"), QStringLiteral("home"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")), revokedTitle, e2e::kPatienceMs);
        QCOMPARE(
            m_ui->text(QStringLiteral("gateUnlockedText")),
            QStringLiteral("Maya Mentor ended your production access on %1. Your mentor can renew it if you need it "
                           "again.")
                .arg(when));
        const QString home = allTextsUnder(QStringLiteral("home"));
        QVERIFY2(!home.contains(QStringLiteral("Take care out there")), qPrintable(home));
        // The hire's own bar is about their steps: no warning colour for access ended.
        QQuickItem* bar = m_ui->item(QStringLiteral("progressText"))->parentItem();
        QVERIFY(bar);
        QCOMPARE(bar->property("access").toString(), QStringLiteral("locked"));
        // The credential's line names Maya Mentor and says the date as the app does.
        QTRY_VERIFY_WITH_TIMEOUT(
            allTextsUnder(QStringLiteral("home"))
                .contains(QStringLiteral("Revoked by Maya Mentor on %1. Your mentor can renew it.").arg(when)),
            e2e::kPatienceMs);

        // The report, as the mentor reads it: alex's bar says so too.
        openAs(QStringLiteral("maya"), QStringLiteral("mentor"));
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("report"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("report")));
        const auto progress = [this] {
            QAccessibleInterface* chart = QAccessible::queryAccessibleInterface(item(QStringLiteral("progressChart")));
            return chart ? chart->text(QAccessible::Description) : QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(progress().contains(QStringLiteral("Alex Newhire")) && settled(), e2e::kPatienceMs);
        QVERIFY2(progress().contains(QStringLiteral("signed off, production access revoked")), qPrintable(progress()));
        QVERIFY2(!progress().contains(QStringLiteral("production access granted")), qPrintable(progress()));
        // Drawn in the chart's third tone, which its legend names, not in the locked one.
        auto* chart = qobject_cast<onramp::ui::ReportChartModel*>(
            item(QStringLiteral("progressChart"))->property("chartModel").value<QObject*>());
        QVERIFY(chart);
        int alexRow = -1;
        for (int row = 0; row < chart->rowCount(); ++row)
            if (chart->data(chart->index(row), onramp::ui::ReportChartModel::KeyRole).toString()
                == QLatin1String("alex"))
                alexRow = row;
        QVERIFY(alexRow >= 0);
        QVERIFY(chart->data(chart->index(alexRow), onramp::ui::ReportChartModel::MutedRole).toBool());
        QVERIFY(!chart->data(chart->index(alexRow), onramp::ui::ReportChartModel::StrongRole).toBool());
        QVERIFY(chart->anyMuted());
        QVERIFY2(allTextsUnder(QStringLiteral("progressChart")).contains(QStringLiteral("revoked")),
                 qPrintable(allTextsUnder(QStringLiteral("progressChart"))));

        // Renewed: unlocked again, on every screen.
        e = asPerson(QStringLiteral("maya"), [](onramp::Vault& v) {
            QDateTime expires;
            return onramp::Credentials(v).renew(QStringLiteral("alex"), QStringLiteral("prod-db"), &expires);
        });
        QVERIFY2(!e, qPrintable(e.message));
        openAs(QStringLiteral("alex"), QStringLiteral("home"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("gateTitle")),
                                  QStringLiteral("Production access: unlocked"), e2e::kPatienceMs);
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesFour)
#include "TestWalkFixesFour.moc"
