// The third walk's confirm dialogs, through the real window: each opens
// with a button focused and showing it (the act's own when it can be taken
// back, Cancel when it cannot), Enter presses the focused button, Escape
// cancels, the focus goes back to the control that opened the dialog, and a
// long title wraps instead of losing its end.
#include "E2eDriver.h"
#include "Formats.h"

#include "onboarding/Enrollments.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

class TestWalkFixesFive : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;

    QObject* dialog(const QString& page, const QString& name) const
    {
        QQuickItem* p = item(page);
        return p ? p->findChild<QObject*>(name) : nullptr;
    }
    bool isOpen(const QString& page, const QString& name) const
    {
        QObject* d = dialog(page, name);
        return d && d->property("opened").toBool();
    }
    QString focusedName() const
    {
        return m_window->activeFocusItem() ? m_window->activeFocusItem()->objectName() : QString();
    }
    bool focusShows() const
    {
        return m_window->activeFocusItem() && m_window->activeFocusItem()->property("visualFocus").toBool();
    }

    void openMenteeAlex()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("renew-prod-db")) && settled(), e2e::kPatienceMs);
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
        onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        // maya approves the step left and signs alex off: production grants to renew and revoke.
        e = e2e::asDemoPerson(m_vault, QStringLiteral("maya"), [](onramp::Vault& v) {
            onramp::Enrollments enrollments(v);
            if (onramp::Error r = enrollments.review(QStringLiteral("alex"), QStringLiteral("restore-drill"), true, {}))
                return r;
            return enrollments.signOff(QStringLiteral("alex"));
        });
        QVERIFY2(!e, qPrintable(e.message));
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow(QSize(1024, 640)));
    }

    void cleanupTestCase() { closeWindow(); }

    // #4: Renew takes nothing away: it opens on Renew, shown focused, and
    // Enter renews. (Where the focus lands once the renewal has made the
    // grants list again is not settled yet: the Renew that opened the
    // dialog is gone with its row by then.)
    void renewOpensOnRenewAndEnterRenews()
    {
        openMenteeAlex();
        QVERIFY(m_ui->click(QStringLiteral("renew-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(QStringLiteral("mentor"), QStringLiteral("grantDialog")), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantConfirmButton"), e2e::kPatienceMs);
        QVERIFY(focusShows());
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(QStringLiteral("mentor"), QStringLiteral("grantDialog")), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->text(QStringLiteral("noticeText")).startsWith(QStringLiteral("Renewed ")),
                                 e2e::kPatienceMs);
        // Until when, a full term from now: renewed right after the sign-off,
        // the end hardly moves, and the notice still says what was done.
        const QString notice = m_ui->text(QStringLiteral("noticeText"));
        QVERIFY2(notice.contains(QStringLiteral(": they can read it until "))
                     && notice.contains(QStringLiteral(", a full term from now.")),
                 qPrintable(notice));
        QDateTime expires;
        const onramp::Error e = e2e::asDemoPerson(m_vault, QStringLiteral("maya"), [&expires](onramp::Vault& v) {
            expires = QDateTime::fromString(
                v.db()
                    .scalar(QStringLiteral("SELECT expires_at FROM credential_grants WHERE credential_id = 'prod-db' "
                                           "AND ended IS NULL ORDER BY id DESC LIMIT 1"))
                    .toString(),
                Qt::ISODateWithMs);
            return onramp::Error();
        });
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(expires > QDateTime::currentDateTimeUtc());
        QVERIFY2(notice.contains(onramp::ui::sentenceDate(expires)), qPrintable(notice));
    }

    // #4: Revoke cannot be taken back by the hire: it opens on Cancel, shown
    // focused; Enter there cancels, Escape cancels. Enter on the Revoke button revokes.
    // #3: the long title wraps, whole.
    void revokeOpensOnCancelAndEnterDoesWhatTheFocusSays()
    {
        const auto open = [this] { return isOpen(QStringLiteral("mentor"), QStringLiteral("grantDialog")); };
        // The grants read again after the renewal, their rows made anew.
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("revoke-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(open(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantCancelButton"), e2e::kPatienceMs);
        QVERIFY(focusShows());

        auto* title =
            dialog(QStringLiteral("mentor"), QStringLiteral("grantDialog"))->property("header").value<QQuickItem*>();
        QVERIFY(title);
        QCOMPARE(title->property("text").toString(),
                 QStringLiteral("Revoke Production database (read-only) for Alex Newhire?"));
        QVERIFY2(!title->property("truncated").toBool(), "the dialog's title is cut");
        QVERIFY(title->property("lineCount").toInt() > 1);

        // Cancelled, by Enter on Cancel or by Escape: the focus is back on the
        // Revoke that opened it, not on the Renew that opened the dialog before.
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!open(), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("grant-status-prod-db")) != QStringLiteral("revoked"));
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("revoke-prod-db"), e2e::kPatienceMs);

        QVERIFY(m_ui->click(QStringLiteral("revoke-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(open(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!open(), e2e::kPatienceMs);
        QVERIFY(m_ui->text(QStringLiteral("grant-status-prod-db")) != QStringLiteral("revoked"));
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("revoke-prod-db"), e2e::kPatienceMs);

        // Opened from the keyboard, Space on the focused Revoke: the same.
        for (const Qt::Key key : {Qt::Key_Return, Qt::Key_Escape}) {
            m_ui->key(Qt::Key_Space);
            QTRY_VERIFY_WITH_TIMEOUT(open(), e2e::kPatienceMs);
            QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantCancelButton"), e2e::kPatienceMs);
            m_ui->key(key);
            QTRY_VERIFY_WITH_TIMEOUT(!open(), e2e::kPatienceMs);
            QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("revoke-prod-db"), e2e::kPatienceMs);
            QVERIFY(focusShows());
        }

        QVERIFY(m_ui->click(QStringLiteral("revoke-prod-db")));
        QTRY_VERIFY_WITH_TIMEOUT(open(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantCancelButton"), e2e::kPatienceMs);
        QTest::keyClick(m_window, Qt::Key_Backtab, Qt::ShiftModifier);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("grantConfirmButton"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!open(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->text(QStringLiteral("grant-status-prod-db")), QStringLiteral("revoked"),
                                  e2e::kPatienceMs);
    }

    // #4: the admin's Disable opens on Cancel, shown focused; Cancel and
    // Escape leave the person enabled and the focus on the button that opened it.
    void disableOpensOnCancelAndTheFocusComesBack()
    {
        const auto open = [this] { return isOpen(QStringLiteral("admin"), QStringLiteral("disableDialog")); };
        QVERIFY(m_ui->signInAs(QStringLiteral("ada")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(m_ui->click(QStringLiteral("tab-people")));
        QVERIFY(m_ui->click(QStringLiteral("person-maya")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        for (const Qt::Key key : {Qt::Key_Return, Qt::Key_Escape}) {
            QVERIFY(m_ui->click(QStringLiteral("disablePersonButton")));
            QTRY_VERIFY_WITH_TIMEOUT(open(), e2e::kPatienceMs);
            QVERIFY(m_window->activeFocusItem());
            QTRY_COMPARE_WITH_TIMEOUT(m_window->activeFocusItem()->property("text").toString(),
                                      QStringLiteral("Cancel"), e2e::kPatienceMs);
            QVERIFY(focusShows());
            m_ui->key(key);
            QTRY_VERIFY_WITH_TIMEOUT(!open(), e2e::kPatienceMs);
            QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("disablePersonButton"), e2e::kPatienceMs);
            QVERIFY(focusShows());
            QVERIFY(shown(QStringLiteral("disablePersonButton")));
        }
    }

    // #14: on a step page one control at a time looks focused: the step's
    // own act is not drawn with the edge the keyboard's focus uses; Tab from
    // the conversation's box goes to its Add note; after Mark done the keys
    // are in the box again, framed.
    void aStepPageShowsOneFocusAtATime()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(showPage(QStringLiteral("checklist")));
        QVERIFY(m_ui->click(QStringLiteral("step-team-lunch")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("markDoneButton")) && settled(), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("threadNoteField"), e2e::kPatienceMs);
        const auto lookFocused = [this] {
            QStringList found;
            const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
                if (!it->isVisible())
                    return;
                // A button's ring or highlighted edge; a text box's frame, drawn with the focus.
                const bool button = it->inherits("QQuickAbstractButton")
                    && (it->property("visualFocus").toBool() || it->property("highlighted").toBool());
                const bool box =
                    (it->inherits("QQuickTextArea") || it->inherits("QQuickTextField")) && it->hasActiveFocus();
                if (button || box)
                    found.append(it->objectName());
                const auto children = it->childItems();
                for (QQuickItem* child : children)
                    visit(child);
            };
            visit(item(QStringLiteral("step")));
            return found;
        };
        QCOMPARE(lookFocused(), QStringList{QStringLiteral("threadNoteField")});
        // Something written: Tab goes to Add note, just after the box, which sends it alone.
        QVERIFY(m_ui->type(QStringLiteral("threadNoteField"), QStringLiteral("ok")));
        QTest::keyClick(m_window, Qt::Key_Tab);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("addNoteButton"), e2e::kPatienceMs);
        QCOMPARE(lookFocused(), QStringList{QStringLiteral("addNoteButton")});

        QVERIFY(m_ui->click(QStringLiteral("markDoneButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!shown(QStringLiteral("markDoneButton")), e2e::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(), QStringLiteral("threadNoteField"), e2e::kPatienceMs);
        QCOMPARE(lookFocused(), QStringList{QStringLiteral("threadNoteField")});

        // #15: the note sent along is one item for a screen reader, its
        // heading and time read with it, not once more before it.
        QQuickItem* entry = nullptr;
        for (int i = 0; i < 20 && !entry; ++i) {
            QQuickItem* it = item(QStringLiteral("threadEntry-%1").arg(i));
            if (it && m_ui->text(QStringLiteral("threadText-%1").arg(i)).contains(QStringLiteral("ok")))
                entry = it;
        }
        QVERIFY(entry);
        QStringList named;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
            QObject* attached = nullptr;
            for (QObject* child : it->children()) {
                if (child->inherits("QQuickAccessibleAttached"))
                    attached = child;
            }
            const bool read = attached ? !attached->property("ignored").toBool() : it->inherits("QQuickText");
            const QString name = e2e::accessibleName(it);
            if (it->isVisible() && read && name.contains(QStringLiteral("Alex Newhire (hire)")))
                named.append(name);
            const auto children = it->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(entry);
        QCOMPARE(named.size(), 1);
        QVERIFY2(named.first().startsWith(QStringLiteral("Alex Newhire (hire), "))
                     && named.first().endsWith(QStringLiteral(": ok")),
                 qPrintable(named.first()));
    }

    // #10: a wrong passphrase on the sign-in page is a sentence naming the
    // person picked, not the command line's words.
    void aWrongPassphraseIsASentence()
    {
        QVERIFY(m_ui->signInThroughPage(1, QStringLiteral("not alex's passphrase")));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("signInError")),
            QStringLiteral("That passphrase does not open Alex Newhire's key. Check it and try again."),
            e2e::kPatienceMs);
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesFive)
#include "TestWalkFixesFive.moc"
