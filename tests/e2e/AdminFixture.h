// What the admin's end-to-end tests share: the real window at 1024x640 on a
// vault folder of their own (a new vault, or the demo team's signed in as
// ada), the calls they make by a control's name, and the first steps of every
// admin journey (ada makes the vault, adds people).
#pragma once

#include "E2eDriver.h"
#include "Session.h"
#include "onboarding/Enrollments.h"

#include <QColor>
#include <QDir>
#include <QQmlContext>
#include <QQmlExpression>
#include <QSettings>
#include <QStandardPaths>

namespace e2e {

/// The base of an admin test class: the window, its driver and the calls by name.
class AdminFixture : public WindowFixture
{
protected:
    QString m_demo; ///< the demo vault's folder, once makeDemo() made it

    QQuickItem* item(const char* name) const { return m_ui->item(QString::fromLatin1(name)); }
    using WindowFixture::item;
    bool click(const char* name) { return m_ui->click(QString::fromLatin1(name)); }
    bool visible(const char* name) const { return item(name) != nullptr; }
    QString text(const char* name) const { return m_ui->text(QString::fromLatin1(name)); }
    QString notice() const { return m_ui->text(QStringLiteral("noticeText")); }
    bool focused(const char* name) const { return item(name) && item(name)->hasActiveFocus(); }

    int count(const char* list) const
    {
        const QQuickItem* it = item(list);
        return it ? it->property("count").toInt() : -1;
    }

    /// Types \a text into the focused control, characters beyond ASCII (a dash, an umlaut) included.
    void typeText(const QString& text)
    {
        for (const QChar c : text) {
            if (c.unicode() < 0x80)
                QTest::keyClick(m_window, c.toLatin1());
            else
                QTest::sendKeyEvent(QTest::Click, m_window, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
    }

    /// Clicks into \a name, selects what it holds and types \a text over it.
    bool typeOver(const char* name, const QString& text)
    {
        if (!click(name))
            return false;
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_Backspace);
        typeText(text);
        return true;
    }

    /// Loads the window at 1024x640 for the vault folder `vault` in m_dir,
    /// which does not exist yet, and waits for the welcome page.
    bool openWindow()
    {
        onramp::ui::Session::instance()->setVaultPath(m_dir.filePath(QStringLiteral("vault")));
        return WindowFixture::openWindow(QSize(1024, 640)) && m_ui->waitForPage(QStringLiteral("welcome"));
    }

    /// Makes the demo team's vault in m_dir's folder `demo` (m_demo).
    bool makeDemo()
    {
        if (!m_dir.isValid()) {
            qWarning() << "no temporary folder for the demo vault";
            return false;
        }
        m_demo = m_dir.filePath(QStringLiteral("demo"));
        const onramp::Error e = makeDemoVault(m_demo, DemoSeed::Team);
        if (e)
            qWarning() << "cannot make the demo vault:" << e.message;
        return !e;
    }

    /// A test's start on the demo: settings in test mode (the settings popup
    /// writes them) with no language stored, so that the app starts in
    /// English, and the demo team's vault made (makeDemo()).
    bool makeDemoInTestSettings()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        return makeDemo();
    }

    /// The demo vault opened apart from the window, as the demo person \a name
    /// with their public passphrase; null, with a warning, when it does not open.
    std::unique_ptr<onramp::Vault> unlockDemo(const QString& name) const
    {
        std::unique_ptr<onramp::Vault> vault;
        const onramp::Error e = onramp::Vault::unlock(m_demo, name, demoPassphrase(name).toUtf8(), &vault);
        if (e) {
            qWarning() << "cannot open the demo vault as" << name << ":" << e.message;
            vault.reset();
        }
        return vault;
    }

    /// \a person marks \a stepId done in the demo vault, in a session of
    /// their own; false, with a warning, when it is refused.
    bool markDemoDone(const QString& person, const QString& stepId) const
    {
        std::unique_ptr<onramp::Vault> vault = unlockDemo(person);
        const onramp::Error e = vault ? onramp::Enrollments(*vault).markDone(person, stepId, {})
                                      : onramp::Error(onramp::ErrorKind::InvalidInput, QStringLiteral("no vault"));
        if (e)
            qWarning() << person << "cannot mark" << stepId << "done:" << e.message;
        return !e;
    }

    /// The demo checklist as version 2: the handbook step says one thing otherwise.
    static QByteArray demoVersionTwo()
    {
        QByteArray two = onramp::demo::sampleChecklist();
        two.replace("and how restores are tested.", "and who tests the restores.");
        return two;
    }

    /// Loads the window at 1024x640 on the demo vault (m_demo), waits until
    /// it is active, and signs in as ada; true once the admin page shows.
    bool openDemoAsAda()
    {
        onramp::ui::Session::instance()->setVaultPath(m_demo);
        if (!WindowFixture::openWindow(QSize(1024, 640)))
            return false;
        m_window->requestActivate();
        if (!QTest::qWaitForWindowActive(m_window)) {
            qWarning() << "the window does not become active";
            return false;
        }
        if (!m_ui->waitForPage(QStringLiteral("signin")))
            return false;
        const onramp::Error e = onramp::ui::Session::instance()->unlockNow(
            QStringLiteral("ada"), demoPassphrase(QStringLiteral("ada")).toUtf8());
        if (e) {
            qWarning() << "cannot sign in as ada:" << e.message;
            return false;
        }
        return m_ui->waitForPage(QStringLiteral("admin"));
    }

    /// Shows the admin page's tab \a tab ("people", "enrollments", "secrets", …) and waits until it settles.
    void showTab(const QString& tab)
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("admin"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QVERIFY(m_ui->click(QStringLiteral("tab-") + tab));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), kPatienceMs);
    }

    /// A colour of the Theme, as the QML of the page shown sees it.
    QColor theme(const char* colour) const
    {
        QQuickItem* root = nullptr;
        for (const char* page : {"mentor", "step", "home", "admin"})
            if ((root = item(page)))
                break;
        QQmlExpression expression(qmlContext(root), root, QStringLiteral("Theme.") + QLatin1String(colour));
        return expression.evaluate().value<QColor>();
    }

    /// The popup (a Dialog, a Popup) \a objectName names among the admin page's children.
    QObject* popupNamed(const QString& objectName) const
    {
        QQuickItem* page = item(QStringLiteral("admin"));
        return page ? page->findChild<QObject*>(objectName) : nullptr;
    }

    /// With ONRAMP_WALK_SHOTS set to a folder, the window as it is now, to look at.
    void shot(const QString& name) const
    {
        const QString folder = qEnvironmentVariable("ONRAMP_WALK_SHOTS");
        if (!folder.isEmpty())
            m_window->grabWindow().save(QDir(folder).filePath(name + QStringLiteral(".png")));
    }

    /// On the welcome page, makes the vault as ada ("Ada Admin"); true once the admin page shows.
    bool createVaultAsAda()
    {
        const QString passphrase = QStringLiteral("ada's long passphrase");
        return m_ui->type(QStringLiteral("adminName"), QStringLiteral("ada"))
            && m_ui->type(QStringLiteral("adminDisplay"), QStringLiteral("Ada Admin"))
            && m_ui->type(QStringLiteral("passphrase"), passphrase)
            && m_ui->type(QStringLiteral("passphraseRepeated"), passphrase) && click("createVaultButton")
            && m_ui->waitForPage(QStringLiteral("admin"));
    }

    /// On the People tab, adds maya ("Maya Mentor", a mentor), alex ("Alex
    /// Newhire") and sam ("Sam Second"), each with the passphrase "NAME's
    /// passphrase", closing the dialog that shows it each time; true once
    /// the list shows each of them.
    bool addPeople()
    {
        const QList<QStringList> people = {{QStringLiteral("maya"), QStringLiteral("Maya Mentor")},
                                           {QStringLiteral("alex"), QStringLiteral("Alex Newhire")},
                                           {QStringLiteral("sam"), QStringLiteral("Sam Second")}};
        int expected = count("peopleList");
        for (const QStringList& p : people) {
            if (!m_ui->type(QStringLiteral("personName"), p.at(0))
                || !m_ui->type(QStringLiteral("personDisplay"), p.at(1)))
                return false;
            if (p.at(0) == QLatin1String("maya") && !m_ui->choose(QStringLiteral("personRole"), 1))
                return false;
            if (!m_ui->type(QStringLiteral("personPassphrase"), p.at(0) + QStringLiteral("'s passphrase"))
                || !click("addPersonButton") || !m_ui->closeFirstPassphrase())
                return false;
            ++expected;
            if (!QTest::qWaitFor([&] { return count("peopleList") == expected; }, kPatienceMs)) {
                qWarning() << "the people list does not show" << p.at(0);
                return false;
            }
        }
        return true;
    }
};

} // namespace e2e
