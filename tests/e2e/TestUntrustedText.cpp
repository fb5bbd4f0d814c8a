// What one person writes reaches another's desk as text, never as markup: a
// hire's note and display name and an audit entry's details, each holding an
// <img> that points at a local server and <b>, show as plain text on the
// mentor's page, in the Approve dialog, in the step's thread, on the audit
// page and in the admin's people and enrollments lists, and the server sees
// no request. The thread heads each entry with its author's part (hire or
// mentor), and a link that names another address shows the one it opens.
#include "E2eDriver.h"

#include "Demo.h"
#include "OfflineEngine.h"
#include "Session.h"
#include "audit/AuditLog.h"
#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QJsonObject>
#include <QQmlComponent>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestUntrustedText : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QTcpServer m_beacon;
    std::unique_ptr<QSignalSpy> m_requests;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    std::unique_ptr<e2e::Driver> m_ui;

    /// Markup that would fetch from the local server and embolden, with \a what in it.
    QString markup(const QString& what) const
    {
        return QStringLiteral("<img src=\"http://127.0.0.1:%1/%2\"><b>%2</b>").arg(m_beacon.serverPort()).arg(what);
    }

    /// A display name holding markup, short enough to fit the review queue's column on one line.
    QString markupName() const
    {
        return QStringLiteral("<img src=\"http://127.0.0.1:%1\"><b>E</b>").arg(m_beacon.serverPort());
    }

    /// Every text item in the window (its popups' too) that shows the markup,
    /// with the format it shows it in; none may be other than plain.
    QStringList markupShownAsRichText() const
    {
        QStringList found;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
            if (it->inherits("QQuickText") && it->property("text").toString().contains(QLatin1String("<img"))
                && it->property("textFormat").toInt() != 0 /* Text.PlainText */)
                found << QStringLiteral("%1 (%2, format %3)")
                             .arg(it->objectName(), QString::fromLatin1(it->metaObject()->className()))
                             .arg(it->property("textFormat").toInt());
            const auto children = it->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(m_window->contentItem());
        return found;
    }

    /// How many shown texts hold the markup: the page must show what was written.
    int markupShown() const
    {
        int count = 0;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
            if (it->isVisible() && it->inherits("QQuickText")
                && it->property("text").toString().contains(QLatin1String("<img")))
                ++count;
            const auto children = it->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(m_window->contentItem());
        return count;
    }

    /// The page is settled, shows the markup as plain text only, and nothing
    /// asked the server for the image.
    void verifyPlain(const char* where)
    {
        m_requests->clear();
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QTRY_VERIFY2_WITH_TIMEOUT(markupShown() > 0, where, e2e::kPatienceMs);
        const QStringList rich = markupShownAsRichText();
        QVERIFY2(rich.isEmpty(), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(where), rich.join(u' '))));
        // An image a rich text asks for is fetched as it is laid out: give a
        // request the chance to arrive (there must be none).
        QTest::qWait(200);
        QVERIFY2(m_requests->isEmpty(), where);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QVERIFY(m_dir.isValid());
        QVERIFY(m_beacon.listen(QHostAddress::LocalHost));
        m_requests = std::make_unique<QSignalSpy>(&m_beacon, &QTcpServer::newConnection);
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error made = e2e::makeDemoVault(demo, e2e::DemoSeed::Bare);
        QVERIFY2(!made, qPrintable(made.message));
        {
            // The admin adds a hire whose display name holds markup, enrolled
            // with maya, and an audit entry whose details hold it.
            std::unique_ptr<onramp::Vault> admin;
            onramp::Error e = onramp::Vault::unlock(demo, QStringLiteral("ada"),
                                                    e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(), &admin);
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::People(*admin).add(QStringLiteral("eve"), markupName(), onramp::Role::Hire,
                                           QByteArrayView("eve's long passphrase"));
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::Enrollments(*admin).enroll(QStringLiteral("eve"), QStringLiteral("backend-week-one"),
                                                   QStringLiteral("maya"), QDate::currentDate());
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::AuditLog::append(*admin, QStringLiteral("vault.sql"), QStringLiteral("eve"),
                                         QJsonObject{{QStringLiteral("text"), markup(QStringLiteral("detail"))}});
            QVERIFY2(!e, qPrintable(e.message));
        }
        {
            // The hire sends a step with a note that holds markup and a link
            // whose words name another address.
            std::unique_ptr<onramp::Vault> hire;
            onramp::Error e = onramp::Vault::unlock(demo, QStringLiteral("eve"), "eve's long passphrase", &hire);
            QVERIFY2(!e, qPrintable(e.message));
            onramp::Enrollments steps(*hire);
            for (const char* step : {"handbook", "laptop"}) {
                e = steps.markDone(QStringLiteral("eve"), QString::fromLatin1(step), {});
                QVERIFY2(!e, qPrintable(e.message));
            }
            e = steps.markDone(QStringLiteral("eve"), QStringLiteral("sandbox-tests"),
                               markup(QStringLiteral("note"))
                                   + QStringLiteral(" [https://ci.acme.internal/job/4711](https://evil.example/sso)"));
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::StepThread(*hire).add(QStringLiteral("eve"), QStringLiteral("sandbox-tests"),
                                              markup(QStringLiteral("thread")));
            QVERIFY2(!e, qPrintable(e.message));
        }
        Session::instance()->setVaultPath(demo);
        m_window = e2e::loadMainWindow(m_engine);
        QVERIFY(m_window);
        m_window->resize(1600, 900);
        m_ui = std::make_unique<e2e::Driver>(m_window);
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
    }

    void theMentorsPageShowsTheNoteAndNameAsText()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("review-eve-sandbox-tests")), e2e::kPatienceMs);
        // The review selected shows the hire's newest note.
        const QString note = QStringLiteral("reviewNote-eve-sandbox-tests");
        const auto selected = [this] {
            QQuickItem* review = m_ui->item(QStringLiteral("review-eve-sandbox-tests"));
            return review && review->property("highlighted").toBool();
        };
        for (int i = 0; i < 4 && !selected(); ++i) {
            QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
            QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        }
        QVERIFY(selected());
        QVERIFY(m_ui->item(note));
        verifyPlain("mentor page");
    }

    void theApproveDialogShowsTheNotesAsText()
    {
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("approveNote-0")), e2e::kPatienceMs);
        verifyPlain("approve dialog");
        QVERIFY(m_ui->click(QStringLiteral("approveCancelButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->item(QStringLiteral("approveNote-0")), e2e::kPatienceMs);
    }

    /// The text of the thread's heading that contains \a words, or an empty string.
    QString heading(const QString& words) const
    {
        for (int i = 0; i < 10; ++i) {
            const QString text = m_ui->text(QStringLiteral("threadHeading-%1").arg(i));
            if (text.contains(words))
                return text;
        }
        return {};
    }

    void theThreadNamesEachAuthorsPart()
    {
        QVERIFY(m_ui->click(QStringLiteral("review-eve-sandbox-tests")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("threadHeading-0")), e2e::kPatienceMs);
        verifyPlain("step thread");
        // A hire's note says it is the hire's, whatever their display name.
        QCOMPARE(m_ui->text(QStringLiteral("threadHeading-0")), markupName() + u" (hire)");
        // The link shows the address it opens, not the words it came with.
        QQuickItem* link = nullptr;
        for (int i = 0; i < 4 && !link; ++i) {
            QQuickItem* candidate = m_ui->item(QStringLiteral("threadLink-0-%1").arg(i));
            if (candidate && candidate->property("url").toString() == QLatin1String("https://evil.example/sso"))
                link = candidate;
        }
        QVERIFY(link);
        QCOMPARE(link->property("text").toString(), QStringLiteral("evil.example \u2014 https://evil.example/sso"));
    }

    void theMentorsEntryIsMarkedAsTheMentors()
    {
        QVERIFY(m_ui->click(QStringLiteral("approveButton")));
        QVERIFY(m_ui->click(QStringLiteral("approveConfirmButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!heading(QStringLiteral("approved the step")).isEmpty(), e2e::kPatienceMs);
        QVERIFY2(heading(QStringLiteral("approved the step")).contains(QStringLiteral(" (mentor) approved")),
                 qPrintable(heading(QStringLiteral("approved the step"))));
    }

    void theAdminsPeopleAndEnrollmentsShowTheNameAsText()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(m_ui->click(QStringLiteral("tab-people")));
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->item(QStringLiteral("person-eve")), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("person-eve")));
        verifyPlain("people");
        QVERIFY(m_ui->click(QStringLiteral("tab-enrollments")));
        verifyPlain("enrollments");
    }

    void theAuditPageShowsTheDetailsAsText()
    {
        QVERIFY(m_ui->click(QStringLiteral("nav-audit")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("audit")));
        verifyPlain("audit page");
    }

    // Past the window: an engine made as the app makes its own fetches nothing,
    // even for a text shown as rich text; one made plainly does fetch, so
    // the server above would have seen what the pages asked for.
    void theAppsEngineFetchesNothing()
    {
        m_requests->clear();
        const QByteArray qml = QStringLiteral("import QtQuick\nText { textFormat: Text.RichText; text: '%1' }")
                                   .arg(markup(QStringLiteral("offline")))
                                   .toUtf8();
        QQmlEngine offline;
        onramp::ui::keepOffline(offline);
        QQmlComponent quiet(&offline);
        quiet.setData(qml, QUrl());
        std::unique_ptr<QObject> shown(quiet.create());
        QVERIFY2(shown, qPrintable(quiet.errorString()));
        QTest::qWait(200);
        QVERIFY(m_requests->isEmpty());

        QQmlEngine plain;
        QQmlComponent fetching(&plain);
        fetching.setData(qml, QUrl());
        std::unique_ptr<QObject> fetched(fetching.create());
        QVERIFY2(fetched, qPrintable(fetching.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(!m_requests->isEmpty(), e2e::kPatienceMs);
    }
};

ONRAMP_E2E_MAIN(TestUntrustedText)
#include "TestUntrustedText.moc"
