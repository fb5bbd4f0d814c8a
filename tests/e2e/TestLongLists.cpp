// The admin's people list over a vault of more people than one page holds,
// through the real window: the list hands the view its rows a page at a
// time as the arrow keys move down it (Enter picks the row), and the filter finds someone whose
// row no view has fetched yet.
#include "E2eDriver.h"
#include "Translations.h"
#include "VaultTestUtil.h"

#include "Session.h"
#include "people/People.h"

#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;
using namespace vaulttest;

namespace {

/// More hires than two pages (100 rows each) hold; with the admin, mentor
/// and hire of the test vault, 213 people.
constexpr int kHires = 210;
constexpr int kPeople = kHires + 3;
/// What a view holds before it scrolls: the first page, and the one more Qt
/// Quick's delegate model asks for when the list is read.
constexpr int kFirstPages = 200;

QString hireName(int i)
{
    return QStringLiteral("hire-%1").arg(i, 3, 10, QLatin1Char('0'));
}

} // namespace

class TestLongLists : public e2e::WindowFixture
{
    Q_OBJECT

    QQuickItem* item(const char* name) const { return m_ui->item(QString::fromLatin1(name)); }
    int shown(const char* list) const
    {
        const QQuickItem* it = item(list);
        return it ? it->property("count").toInt() : -1;
    }

    void signInAsAda()
    {
        if (item("lockButton"))
            QVERIFY(m_ui->click(QStringLiteral("lockButton")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QVERIFY(m_ui->chooseRow(QStringLiteral("personPicker"), 0)); // ada sorts first
        QVERIFY(m_ui->type(QStringLiteral("signInPassphrase"), QString::fromUtf8(kAdminPassphrase)));
        m_ui->key(Qt::Key_Return);
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        QTRY_VERIFY_WITH_TIMEOUT(shown("peopleList") > 0 && e2e::isSettled(m_window), e2e::kPatienceMs);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        const QString path = m_dir.filePath(QStringLiteral("vault"));
        {
            auto vault = makeVault(path);
            QVERIFY(vault);
            for (int i = 0; i < kHires; ++i) {
                const QString shownName =
                    i == kHires - 1 ? QStringLiteral("Zora Last") : QStringLiteral("Hire number %1").arg(i);
                QVERIFY(!onramp::People(*vault).add(hireName(i), shownName, onramp::Role::Hire,
                                                    QByteArray("a hire's passphrase")));
            }
        }
        Session::instance()->setVaultPath(path);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
    }

    void theListFetchesItsRowsAsTheKeysMoveDown()
    {
        signInAsAda();
        // The first pages of the 213 people, not every row at once.
        QCOMPARE(shown("peopleList"), kFirstPages);
        // Into the list from the filter above it, nobody picked yet.
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item("peopleFilter") && item("peopleFilter")->hasActiveFocus(), e2e::kPatienceMs);
        // Past the Import… button beside the filter.
        for (int i = 0; i < 3 && !item("peopleList")->hasActiveFocus(); ++i)
            m_ui->key(Qt::Key_Tab);
        QTRY_VERIFY_WITH_TIMEOUT(item("peopleList")->hasActiveFocus(), e2e::kPatienceMs);
        // The first row is ringed at once; the arrow keys move the ring, Enter picks.
        QCOMPARE(item("peopleList")->property("currentIndex").toInt(), 0);
        QVERIFY(m_ui->text(QStringLiteral("peopleSelectedHeading")).isEmpty());
        // ada, hal, hire-000 … hire-209, max: down to the last hire.
        for (int i = 0; i < kHires + 1; ++i)
            m_ui->key(Qt::Key_Down);
        QTRY_COMPARE_WITH_TIMEOUT(shown("peopleList"), kPeople, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(item("person-hire-209"), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("peopleSelectedHeading")).contains(QStringLiteral("Zora Last")),
            e2e::kPatienceMs);
    }

    void theFilterFindsSomeoneNoViewFetched()
    {
        signInAsAda(); // a fresh page: only the first page fetched
        QCOMPARE(shown("peopleList"), kFirstPages);
        QVERIFY(!item("person-hire-209"));
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(item("peopleFilter") && item("peopleFilter")->hasActiveFocus(), e2e::kPatienceMs);
        for (const char c : QByteArray("zora"))
            QTest::keyClick(m_window, c);
        QTRY_COMPARE_WITH_TIMEOUT(shown("peopleList"), 1, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(item("person-hire-209"), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("person-hire-209")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ui->text(QStringLiteral("peopleSelectedHeading")).contains(QStringLiteral("Zora Last")),
            e2e::kPatienceMs);
        QVERIFY(!item("peopleNoMatch"));
    }
};

ONRAMP_E2E_MAIN(TestLongLists)

#include "TestLongLists.moc"
