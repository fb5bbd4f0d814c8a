// The admin's journey without a dead end or a cut text, in the real window on
// the demo team's vault with a second checklist of a long title: the move
// dialog's buttons stay inside it (1280 px English, 1024 px German); the
// production secrets tab lists production credentials with the checklist,
// fields and production hosts the checklist editor shows, its pills
// translated; the due box's arrows stay put; a new step says where its
// section came from; a new person's first passphrase stays in a dialog until
// the admin closes it; the move target's long title is read whole at 1024 px;
// an enrollment's mentor and start date change from the Enrollments tab, as
// a signed admin act the vault's log backs.
#include "AdminFixture.h"
#include "E2eDriver.h"

#include "Appearance.h"
#include "Demo.h"
#include "Formats.h"
#include "Session.h"
#include "audit/Ledger.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QClipboard>
#include <QSettings>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

/// A second checklist with a long title, a production host and a static
/// production credential of its own.
const QByteArray kPlatform = R"(onramp: 1
production_hosts: [metrics.platform.internal]
checklist:
  id: platform
  title: Platform engineering — the first fortnight on call
  steps:
    - {id: handbook, title: Read the handbook, required: true}
    - {id: pager, title: Shadow a pager shift, signoff: true, required: true}
credentials:
  - id: prod-metrics
    title: Production metrics
    environment: production
    provider: static
    fields: {host: metrics.platform.internal, user: reader}
)";

/// Answers for the credential pills' words only, in capitals: what the
/// window shows in capitals went through tr().
class PillTranslator : public QTranslator
{
public:
    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        static const QList<QByteArray> words = {"production", "sandbox", "static", "generated"};
        if (QByteArray(context).startsWith("onramp::ui::CredentialTemplateModel") && words.contains(sourceText))
            return QString::fromLatin1(sourceText).toUpper();
        return {};
    }
    bool isEmpty() const override { return false; }
};

QRectF sceneRect(const QQuickItem* item)
{
    return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
}

} // namespace

class TestAdminFinish : public e2e::AdminFixture
{
    Q_OBJECT

private:
    PillTranslator m_pills;

    /// Opens the settings and picks the language of row \a row (0 the system's, 1 English, 2 Deutsch).
    void chooseLanguage(int row)
    {
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QQuickItem* choice = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((choice = item(QStringLiteral("languageChoice"))) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->chooseRow(QStringLiteral("languageChoice"), row));
        QCOMPARE(choice->property("currentIndex").toInt(), row);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("languageChoice")) && settled(), e2e::kPatienceMs);
    }

    /// Picks sam on the Enrollments tab and the platform checklist to move to.
    void pickSamAndThePlatform()
    {
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("enrollment-sam")), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("enrollment-sam")));
        QQuickItem* target = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((target = item(QStringLiteral("moveTarget"))) && target->property("count").toInt() == 1
                                     && settled(),
                                 e2e::kPatienceMs);
        QVERIFY2(target->property("displayText").toString().contains(QStringLiteral("the first fortnight on call")),
                 qPrintable(target->property("displayText").toString()));
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(makeDemoInTestSettings());
        {
            std::unique_ptr<onramp::Vault> admin = unlockDemo(QStringLiteral("ada"));
            QVERIFY(admin);
            e2e::importChecklist(*admin, kPlatform);
            // A second mentor, for an enrollment to be handed to.
            const onramp::Error e = onramp::People(*admin).add(QStringLiteral("mo"), QStringLiteral("Mo Second-Mentor"),
                                                               onramp::Role::Mentor, "mo's own passphrase");
            QVERIFY2(!e, qPrintable(e.message));
        }
        QCoreApplication::installTranslator(&m_pills);
        Appearance::instance()->setModeForThisRun(QStringLiteral("light"));
        QVERIFY(openDemoAsAda());
    }

    void cleanupTestCase()
    {
        QSettings().remove(QStringLiteral("language"));
        QCoreApplication::removeTranslator(&m_pills);
        closeWindow();
    }

    // 2, 8. Only production credentials (and static sandbox ones, which only
    // an admin can give a secret), each with its checklist, its fields and
    // its checklist's production hosts; the pills go through tr().
    void theSecretsTabListsProductionCredentialsWithTheirHosts()
    {
        showTab(QStringLiteral("secrets"));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("template-prod-db"))
                                     && item(QStringLiteral("template-prod-metrics")),
                                 e2e::kPatienceMs);
        QVERIFY2(!item(QStringLiteral("template-sandbox-db")), "a generated sandbox credential is listed");
        const QString demoTarget = m_ui->text(QStringLiteral("templateTarget-prod-db"));
        QVERIFY2(demoTarget.contains(QStringLiteral("Backend engineer — first week")), qPrintable(demoTarget));
        QVERIFY2(demoTarget.contains(QStringLiteral("host: db.prod.internal")), qPrintable(demoTarget));
        QCOMPARE(m_ui->text(QStringLiteral("environmentTag-prod-db")), QStringLiteral("PRODUCTION"));
        QCOMPARE(m_ui->text(QStringLiteral("providerTag-prod-db")), QStringLiteral("STATIC"));

        // The hosts are the picked credential's checklist's, as its editor shows them.
        QVERIFY(m_ui->click(QStringLiteral("template-prod-metrics")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretHosts")),
                                  QStringLiteral("metrics.platform.internal"), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("secretHostsHeading")).contains(QStringLiteral("on call")));
        QVERIFY(m_ui->click(QStringLiteral("template-prod-db")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("secretHosts")),
                                  QStringLiteral("db.prod.internal\n*.prod.example.com"), e2e::kPatienceMs);
        shot(QStringLiteral("finish-secrets"));
    }

    // 6. The checklist to move to is read whole at 1024 px, however long its title.
    void theMoveTargetIsReadWhole()
    {
        pickSamAndThePlatform();
        QQuickItem* target = item(QStringLiteral("moveTarget"));
        auto* shown = target->property("contentItem").value<QQuickItem*>();
        QVERIFY(shown);
        QVERIFY2(!shown->property("truncated").toBool(), qPrintable(shown->property("text").toString()));
        QVERIFY2(shown->property("contentWidth").toReal() <= shown->width() + 0.5,
                 qPrintable(QStringLiteral("%1 px of text in %2 px")
                                .arg(shown->property("contentWidth").toReal())
                                .arg(shown->width())));
        shot(QStringLiteral("finish-move-target"));
    }

    // 1. The move dialog's buttons, which name checklists, stay inside it.
    void theMoveDialogsButtonsStayInside_data()
    {
        QTest::addColumn<int>("language"); // the row of the settings' language box
        QTest::addColumn<int>("width");
        QTest::newRow("English, 1280 px") << 1 << 1280;
        QTest::newRow("German, 1024 px") << 2 << 1024;
    }

    void theMoveDialogsButtonsStayInside()
    {
        QFETCH(int, language);
        QFETCH(int, width);
        m_window->resize(width, 800 * width / 1280);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && item(QStringLiteral("settingsButton"))
                                     && sceneRect(item(QStringLiteral("settingsButton"))).right() <= width,
                                 e2e::kPatienceMs);
        chooseLanguage(language);
        pickSamAndThePlatform();
        QVERIFY(m_ui->click(QStringLiteral("moveToChecklistButton")));
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = popupNamed(QStringLiteral("moveDialog")))
                                     && dialog->property("opened").toBool() && settled(),
                                 e2e::kPatienceMs);
        shot(QStringLiteral("finish-move-dialog-%1").arg(width));
        const QRectF frame(dialog->property("x").toReal(), dialog->property("y").toReal(),
                           dialog->property("width").toReal(), dialog->property("height").toReal());
        QVERIFY(QRectF(0, 0, m_window->width(), m_window->height()).contains(frame));
        for (const char* name : {"moveDialogConfirm", "moveDialogCancel"}) {
            QQuickItem* button = item(QString::fromLatin1(name));
            QVERIFY2(button, name);
            const QRectF rect = sceneRect(button);
            QVERIFY2(frame.contains(rect),
                     qPrintable(QStringLiteral("%1 at %2..%3 in a dialog at %4..%5")
                                    .arg(QString::fromLatin1(name))
                                    .arg(rect.left())
                                    .arg(rect.right())
                                    .arg(frame.left())
                                    .arg(frame.right())));
            auto* text = button->property("contentItem").value<QQuickItem*>();
            QVERIFY(text);
            QVERIFY2(text->property("contentWidth").toReal() <= text->width() + 0.5,
                     qPrintable(button->property("text").toString()));
        }
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool() && settled(), e2e::kPatienceMs);
        chooseLanguage(1);
        m_window->resize(1024, 640);
        QTRY_VERIFY_WITH_TIMEOUT(settled() && item(QStringLiteral("settingsButton"))
                                     && sceneRect(item(QStringLiteral("settingsButton"))).right() <= 1024,
                                 e2e::kPatienceMs);
    }

    // 4. The due box keeps its width, so its arrows stay where the pointer is.
    void theDueArrowsStayPut()
    {
        showTab(QStringLiteral("checklists"));
        QVERIFY(m_ui->click(QStringLiteral("checklist-backend-week-one")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("editorStep-team-lunch")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("editorStep-team-lunch")));
        QQuickItem* due = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((due = item(QStringLiteral("editorDue"))) && settled(), e2e::kPatienceMs);
        const auto* up = due->property("up").value<QObject*>();
        QVERIFY(up);
        const auto arrowX = [&] {
            auto* indicator = up->property("indicator").value<QQuickItem*>();
            return indicator ? indicator->mapToScene(QPointF(0, 0)).x() : -1.0;
        };
        // From none through the start day to 1, 2 and 12 days after it.
        QVERIFY(m_ui->click(QStringLiteral("editorDue")));
        while (due->property("value").toInt() > -1)
            m_ui->key(Qt::Key_Down);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        const qreal first = arrowX();
        QVERIFY(first > 0);
        for (int value = 0; value <= 12; ++value) {
            m_ui->key(Qt::Key_Up);
            QTRY_COMPARE_WITH_TIMEOUT(due->property("value").toInt(), value, e2e::kPatienceMs);
            QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
            QVERIFY2(
                qAbs(arrowX() - first) < 0.5,
                qPrintable(QStringLiteral("at %1 the arrows moved from %2 to %3").arg(value).arg(first).arg(arrowX())));
        }
    }

    // 3. A new step takes the section of the step above, and the form says so
    // until the admin edits it.
    void aNewStepSaysWhereItsSectionCameFrom()
    {
        showTab(QStringLiteral("checklists"));
        QVERIFY(m_ui->click(QStringLiteral("checklist-backend-week-one")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("editorStep-laptop")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("editorStep-laptop")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("editorSection")), QStringLiteral("Day one"),
                                  e2e::kPatienceMs);
        QVERIFY(!item(QStringLiteral("editorSectionFromAbove")));
        QVERIFY(m_ui->click(QStringLiteral("editorAddStep")));
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("editorTitle")), QStringLiteral("New step"),
                                  e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("editorSection")), QStringLiteral("Day one"));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("editorSectionFromAbove")), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("editorSectionFromAbove")).contains(QStringLiteral("step above")));
        shot(QStringLiteral("finish-new-step"));
        // Edited, the section is the admin's own: the note goes.
        QVERIFY(m_ui->click(QStringLiteral("editorSection")));
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        for (const QChar c : QStringLiteral("Week two"))
            QTest::keyClick(m_window, c.toLatin1());
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("editorSectionFromAbove")), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("editorSection")), QStringLiteral("Week two"));
        // Leave the checklist as it was.
        QVERIFY(m_ui->click(QStringLiteral("editorRemoveStep")));
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("editorStep-new-step")) && settled(), e2e::kPatienceMs);
    }

    // 5. The first passphrase of a person added stays in sight, with Copy,
    // until the admin closes it: a click beside it or Escape does not.
    void aNewPersonsPassphraseStaysUntilClosed()
    {
        showTab(QStringLiteral("people"));
        const int before = item(QStringLiteral("peopleList"))->property("count").toInt();
        const QString passphrase = QStringLiteral("pat's first passphrase");
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("pat")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Pat Parttime")));
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), passphrase));
        QVERIFY(m_ui->click(QStringLiteral("addPersonButton")));
        QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("peopleList"))->property("count").toInt(), before + 1,
                                  e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("firstPassphrase")) && settled(), e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("firstPassphrase")), passphrase);
        QVERIFY(m_ui->text(QStringLiteral("firstPassphraseText")).contains(QStringLiteral("Pat Parttime")));
        shot(QStringLiteral("finish-first-passphrase"));

        QTest::mouseClick(m_window, Qt::LeftButton, {}, QPoint(4, m_window->height() - 4));
        m_ui->key(Qt::Key_Escape);
        QTest::qWait(200);
        QCOMPARE(m_ui->text(QStringLiteral("firstPassphrase")), passphrase);

        QVERIFY(m_ui->click(QStringLiteral("firstPassphraseCopy")));
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), passphrase, e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("firstPassphraseCopy")), QStringLiteral("Copied"));
        QVERIFY(m_ui->closeFirstPassphrase());
        QVERIFY(!item(QStringLiteral("firstPassphrase")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("personName"))->hasActiveFocus(), e2e::kPatienceMs);

        // The next person's dialog, within the clipboard's timeout: Copy says
        // nothing was copied for them, and pat's passphrase is off the clipboard.
        QVERIFY(m_ui->type(QStringLiteral("personName"), QStringLiteral("quinn")));
        QVERIFY(m_ui->type(QStringLiteral("personDisplay"), QStringLiteral("Quinn Quick")));
        QVERIFY(m_ui->type(QStringLiteral("personPassphrase"), QStringLiteral("quinn's first passphrase")));
        QVERIFY(m_ui->click(QStringLiteral("addPersonButton")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("firstPassphraseText")).contains(QStringLiteral("Quinn Quick")) && settled(),
            e2e::kPatienceMs);
        QCOMPARE(m_ui->text(QStringLiteral("firstPassphraseCopy")), QStringLiteral("Copy"));
        QVERIFY(QGuiApplication::clipboard()->text() != passphrase);
        QVERIFY(m_ui->closeFirstPassphrase());
    }

    // 7. Edit… on an enrollment: another mentor and start date, said before
    // saved, signed by the admin and backed by the log.
    void anEnrollmentGetsAnotherMentorAndStartDate()
    {
        showTab(QStringLiteral("enrollments"));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("enrollment-alex")), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("enrollment-alex")));
        QVERIFY(m_ui->click(QStringLiteral("editEnrollmentButton")));
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = popupNamed(QStringLiteral("editEnrollmentDialog")))
                                     && dialog->property("opened").toBool() && settled(),
                                 e2e::kPatienceMs);
        QQuickItem* mentor = item(QStringLiteral("editMentor"));
        QVERIFY(mentor);
        // The keys start on the mentor's box, and it shows so.
        QTRY_VERIFY_WITH_TIMEOUT(mentor->hasActiveFocus() && mentor->property("visualFocus").toBool(),
                                 e2e::kPatienceMs);
        QVERIFY2(mentor->property("count").toInt() >= 2, "the demo team has one mentor only");
        const QString before = mentor->property("currentValue").toString();
        QCOMPARE(before, QStringLiteral("maya"));
        const int row = (mentor->property("currentIndex").toInt() + 1) % mentor->property("count").toInt();
        QVERIFY(m_ui->chooseRow(QStringLiteral("editMentor"), row));
        const QString chosen = mentor->property("currentValue").toString();
        QVERIFY(chosen != before);
        QVERIFY(m_ui->click(QStringLiteral("editStart")));
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        for (const QChar c : QStringLiteral("2026-12-07"))
            QTest::keyClick(m_window, c.toLatin1());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("editEnrollmentNote")).contains(QStringLiteral("production access ends now")),
            e2e::kPatienceMs);
        shot(QStringLiteral("finish-edit-enrollment"));
        QVERIFY(m_ui->click(QStringLiteral("editDialogSave")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("noticeText")).contains(QStringLiteral("now has the mentor")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("enrollmentSummary")).contains(onramp::ui::sentenceDate(QDate(2026, 12, 7))),
            e2e::kPatienceMs);

        std::unique_ptr<onramp::Vault> admin = unlockDemo(QStringLiteral("ada"));
        QVERIFY(admin);
        onramp::Error e = onramp::Ledger::verify(*admin, QDateTime::currentDateTimeUtc());
        QVERIFY2(!e, qPrintable(e.message));
        onramp::EnrollmentStatus status;
        e = onramp::Enrollments(*admin).status(QStringLiteral("alex"), &status);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(status.mentor.name, chosen);
        QCOMPARE(status.start, QDate(2026, 12, 7));
    }
};

ONRAMP_E2E_MAIN(TestAdminFinish)
#include "TestAdminFinish.moc"
