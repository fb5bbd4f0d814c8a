// The filter above the admin's lists of people and enrollments: what it
// keeps, ignoring case, in sign-in and full names alike; when it says that
// nothing matches; and that it follows the list it filters as that changes.
#include "PersonListModel.h"
#include "TextFilterModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace onramp;
using namespace onramp::ui;

namespace {

Person person(const QString& name, const QString& displayName, Role role = Role::Hire)
{
    Person p;
    p.name = name;
    p.displayName = displayName;
    p.role = role;
    return p;
}

QStringList names(const TextFilterModel& model)
{
    QStringList found;
    for (int row = 0; row < model.rowCount(); ++row)
        found.append(model.get(row).value(QStringLiteral("name")).toString());
    return found;
}

} // namespace

class TestTextFilterModel : public QObject
{
    Q_OBJECT

    PersonListModel m_people;
    TextFilterModel m_filter;

private Q_SLOTS:
    void init()
    {
        m_people.setPeople({person(QStringLiteral("ada"), QStringLiteral("Ada Admin"), Role::Admin),
                            person(QStringLiteral("alex"), QStringLiteral("Alex Newhire")),
                            person(QStringLiteral("maya"), QStringLiteral("Maya Mentor"), Role::Mentor),
                            person(QStringLiteral("sam"), QString())});
        m_filter.setSource(&m_people);
        m_filter.setRoles({QStringLiteral("name"), QStringLiteral("displayName")});
        m_filter.setText({});
    }

    void matchesNamesIgnoringCase_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("kept");
        QTest::newRow("empty keeps everyone") << QString() << QStringList{"ada", "alex", "maya", "sam"};
        QTest::newRow("spaces keep everyone") << QStringLiteral("   ") << QStringList{"ada", "alex", "maya", "sam"};
        QTest::newRow("sign-in name") << QStringLiteral("alex") << QStringList{"alex"};
        QTest::newRow("upper case") << QStringLiteral("ALEX") << QStringList{"alex"};
        QTest::newRow("part of a name") << QStringLiteral("a") << QStringList{"ada", "alex", "maya", "sam"};
        QTest::newRow("full name") << QStringLiteral("mentor") << QStringList{"maya"};
        QTest::newRow("across a space") << QStringLiteral("ada adm") << QStringList{"ada"};
        QTest::newRow("spaces around") << QStringLiteral("  maya ") << QStringList{"maya"};
        QTest::newRow("nobody") << QStringLiteral("zed") << QStringList{};
    }

    void matchesNamesIgnoringCase()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, kept);
        QAbstractItemModelTester tester(&m_filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_filter.setText(text);
        QCOMPARE(names(m_filter), kept);
        QCOMPARE(m_filter.count(), kept.size());
        QCOMPARE(m_filter.nothingMatches(), kept.isEmpty());
    }

    void searchesOnlyTheRolesNamed()
    {
        m_filter.setRoles({QStringLiteral("name")});
        m_filter.setText(QStringLiteral("mentor"));
        QCOMPARE(names(m_filter), QStringList{});
        m_filter.setRoles({QStringLiteral("role")});
        QCOMPARE(names(m_filter), QStringList{QStringLiteral("maya")});
    }

    void anEmptyListIsNotANoMatch()
    {
        m_filter.setText(QStringLiteral("zed"));
        QVERIFY(m_filter.nothingMatches());
        m_people.setPeople({});
        QCOMPARE(m_filter.count(), 0);
        QVERIFY(!m_filter.nothingMatches());
    }

    void followsTheListItFilters()
    {
        QAbstractItemModelTester tester(&m_filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_filter.setText(QStringLiteral("new"));
        QCOMPARE(m_filter.count(), 1);
        QSignalSpy counted(&m_filter, &TextFilterModel::countChanged);
        m_people.setPeople({person(QStringLiteral("alex"), QStringLiteral("Alex Newhire")),
                            person(QStringLiteral("nia"), QStringLiteral("Nia Newcomer"))});
        QCOMPARE(names(m_filter), (QStringList{QStringLiteral("alex"), QStringLiteral("nia")}));
        QVERIFY(!counted.isEmpty());
    }

    void getGivesTheFilteredRow()
    {
        m_filter.setText(QStringLiteral("maya"));
        const QVariantMap row = m_filter.get(0);
        QCOMPARE(row.value(QStringLiteral("displayName")).toString(), QStringLiteral("Maya Mentor"));
        QCOMPARE(row.value(QStringLiteral("role")).toString(), QStringLiteral("mentor"));
        QVERIFY(m_filter.get(1).isEmpty());
        QVERIFY(m_filter.get(-1).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTextFilterModel)

#include "TestTextFilterModel.moc"
