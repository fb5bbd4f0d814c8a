// The admin's journey through the real window on the demo team's vault, as
// ada walks it: what a walk through the app found rough stays smooth.
#include "AdminFixture.h"

#include "audit/AuditLog.h"
#include "onboarding/ChecklistStore.h"
#include "vault/Vault.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class TestWalkFixesAdmin : public e2e::AdminFixture
{
    Q_OBJECT

    /// The `credential.set` entries of the demo vault's log, read apart from the window.
    QList<onramp::AuditEntry> secretSetEntries() const
    {
        QList<onramp::AuditEntry> entries;
        std::unique_ptr<onramp::Vault> vault = unlockDemo(QStringLiteral("ada"));
        if (!vault)
            return entries;
        if (onramp::Error e =
                onramp::AuditLog::entries(vault->db(), {{}, {}, QStringLiteral("credential.set")}, &entries))
            qWarning() << "cannot read the log:" << e.message;
        return entries;
    }

    /// The time of \a entry as the app shows a time: local, in the locale's short format.
    static QString shownTime(const onramp::AuditEntry& entry)
    {
        const QDateTime at = QDateTime::fromString(entry.at, Qt::ISODateWithMs).toLocalTime();
        return QLocale().toString(at.time(), QLocale::ShortFormat);
    }

    /// Opens the window on the demo vault as ada, once: the first test opened
    /// a window of its own on the welcome page.
    bool adaSignedIn()
    {
        if (m_ui && m_ui->page() == QLatin1String("admin"))
            return true;
        closeWindow();
        return openDemoAsAda();
    }

    void showPage(const QString& name)
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)));
        QVERIFY(m_ui->waitForPage(name));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    /// The row of the audit list showing entry \a index (0: the newest), if drawn.
    QQuickItem* auditRow(int index) const
    {
        QQuickItem* list = item("auditEntries");
        auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
        const auto rows = content ? content->childItems() : QList<QQuickItem*>();
        for (QQuickItem* row : rows) {
            const QVariant i = row->property("index");
            if (i.isValid() && i.toInt() == index && row->isVisible())
                return row;
        }
        return nullptr;
    }

    /// The visible item named \a name under \a root.
    static QQuickItem* under(QQuickItem* root, const char* name)
    {
        return root ? e2e::findItem(root, QString::fromLatin1(name)) : nullptr;
    }

    /// The open dialog whose objectName is \a name, among the window's popups.
    QObject* openPopup(const QString& name) const
    {
        const auto popups = m_window->findChildren<QObject*>(name);
        for (QObject* p : popups) {
            if (p->property("opened").toBool())
                return p;
        }
        return nullptr;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
        QVERIFY(makeDemo());
        // A second version of the demo's checklist: alex stays on version 1.
        std::unique_ptr<onramp::Vault> ada = unlockDemo(QStringLiteral("ada"));
        QVERIFY(ada);
        QByteArray v2 = onramp::demo::sampleChecklist();
        v2.replace("title: Read how we handle mistakes", "title: Read how we handle mistakes, and why");
        e2e::importChecklist(*ada, v2);
    }

    void cleanupTestCase() { closeWindow(); }

    // Admin §5: a secret already set is replaced only after a confirmation,
    // and its row says who set it and when, from the signed log.
    void replacingASecretAsksFirstAndTellsWhoSetIt()
    {
        QVERIFY(adaSignedIn());
        showTab(QStringLiteral("secrets"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("secretState-prod-db"), e2e::kPatienceMs);
        const QString state = text("secretState-prod-db");
        const QList<onramp::AuditEntry> before = secretSetEntries();
        QVERIFY(!before.isEmpty());
        QVERIFY2(state.startsWith(QStringLiteral("secret set on ")), qPrintable(state));
        QVERIFY2(state.endsWith(shownTime(before.constLast()) + QStringLiteral(" by Ada Admin")), qPrintable(state));

        QVERIFY(click("template-prod-db"));
        QVERIFY(m_ui->type(QStringLiteral("secretField"), QStringLiteral("a-new-secret")));
        QVERIFY(click("setSecretButton"));
        QTRY_VERIFY_WITH_TIMEOUT(visible("replaceSecretText"), e2e::kPatienceMs);
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = openPopup(QStringLiteral("replaceSecretDialog"))), e2e::kPatienceMs);
        QCOMPARE(dialog->property("title").toString(),
                 QStringLiteral("Replace the secret of Production database (read-only)?"));
        const QString said = text("replaceSecretText");
        QVERIFY2(said.contains(QStringLiteral("stops working")), qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("a-new-secret")), "the dialog shows the secret");

        // Cancel (where the focus starts) changes nothing.
        QTRY_VERIFY_WITH_TIMEOUT(focused("replaceSecretCancel"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!visible("replaceSecretText") && settled(), e2e::kPatienceMs);
        QCOMPARE(secretSetEntries().size(), before.size());
        QCOMPARE(text("secretState-prod-db"), state);

        // Replace replaces it.
        QVERIFY(click("setSecretButton"));
        QVERIFY(click("replaceSecretButton"));
        QTRY_COMPARE_WITH_TIMEOUT(secretSetEntries().size(), before.size() + 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(text("secretField").isEmpty() && settled(), e2e::kPatienceMs);
        QVERIFY(text("secretState-prod-db").endsWith(QStringLiteral(" by Ada Admin")));
        shot(QStringLiteral("walk-admin-secret"));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesAdmin)
#include "TestWalkFixesAdmin.moc"
