// The admin's lists of people and enrollments at 2,000 rows: a view gets
// them a page at a time, every row exactly once; the filter above them
// searches every row, fetched or not; the picked row is found wherever it is.
// (QAbstractItemModelTester fetches more rows itself, while a reset is in
// flight, so the counts here are taken without it.)
#include "EnrollmentListModel.h"
#include "PersonListModel.h"
#include "TextFilterModel.h"

#include <QSet>
#include <QTest>

using namespace onramp;
using namespace onramp::ui;

namespace {

constexpr int kRows = 2000;

QString hireName(int i)
{
    return QStringLiteral("hire-%1").arg(i, 4, 10, QLatin1Char('0'));
}

QList<Person> people()
{
    QList<Person> list;
    for (int i = 0; i < kRows; ++i) {
        Person p;
        p.name = hireName(i);
        // Every hundredth a "Smith": twenty of them, spread over every page.
        p.displayName = i % 100 == 57 ? QStringLiteral("Pat Smith %1").arg(i) : QStringLiteral("Hire %1").arg(i);
        p.role = Role::Hire;
        list.append(p);
    }
    return list;
}

QList<EnrollmentStatus> enrollments()
{
    QList<EnrollmentStatus> list;
    for (const Person& hire : people()) {
        EnrollmentStatus s;
        s.hire = hire;
        s.mentor.name = QStringLiteral("maya");
        s.checklistId = QStringLiteral("week-one");
        list.append(s);
    }
    return list;
}

/// What a view scrolled to the end sees: every row, fetched page by page.
QStringList scrollToTheEnd(QAbstractItemModel& model, const QByteArray& role)
{
    const int id = model.roleNames().key(role);
    int pages = 0;
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        model.fetchMore({});
        if (model.rowCount() <= before)
            break;
        ++pages;
    }
    QStringList seen;
    for (int row = 0; row < model.rowCount(); ++row)
        seen.append(model.index(row, 0).data(id).toString());
    return seen;
}

} // namespace

class TestPagedModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void peopleComeAPageAtATimeEveryRowOnce()
    {
        PersonListModel model;
        model.setPeople(people());
        QCOMPARE(model.count(), kRows);
        QCOMPARE(model.rowCount(), ListModel::kPageSize);
        QVERIFY(model.canFetchMore({}));
        const QStringList seen = scrollToTheEnd(model, "name");
        QCOMPARE(seen.size(), kRows);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), kRows);
        for (int i = 0; i < kRows; ++i)
            QCOMPARE(seen.at(i), hireName(i));
        QVERIFY(!model.canFetchMore({}));
    }

    void enrollmentsComeAPageAtATimeEveryRowOnce()
    {
        EnrollmentListModel model;
        model.setEnrollments(enrollments());
        QCOMPARE(model.count(), kRows);
        QCOMPARE(model.rowCount(), ListModel::kPageSize);
        const QStringList seen = scrollToTheEnd(model, "hire");
        QCOMPARE(seen.size(), kRows);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), kRows);
        QCOMPARE(seen.last(), hireName(kRows - 1));
    }

    void theFilterSearchesRowsNotFetchedYet_data()
    {
        QTest::addColumn<QString>("list");
        QTest::newRow("people") << QStringLiteral("people");
        QTest::newRow("enrollments") << QStringLiteral("enrollments");
    }

    void theFilterSearchesRowsNotFetchedYet()
    {
        QFETCH(QString, list);
        PersonListModel peopleModel;
        EnrollmentListModel enrollmentModel;
        peopleModel.setPeople(people());
        enrollmentModel.setEnrollments(enrollments());
        const bool isPeople = list == QLatin1String("people");
        ListModel& model = isPeople ? static_cast<ListModel&>(peopleModel) : enrollmentModel;
        const QString nameRole = isPeople ? QStringLiteral("name") : QStringLiteral("hire");
        TextFilterModel filter;
        filter.setSource(&model);
        filter.setRoles({nameRole, QStringLiteral("displayName")});
        QCOMPARE(filter.rowCount(), ListModel::kPageSize); // nothing typed: the first page

        // The last hire is on the last page, which no view fetched.
        filter.setText(hireName(kRows - 1));
        QCOMPARE(filter.count(), 1);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.get(0).value(nameRole).toString(), hireName(kRows - 1));
        QVERIFY(!filter.nothingMatches());

        // Twenty Smiths, one on each page of a hundred.
        filter.setText(QStringLiteral("smith"));
        QCOMPARE(filter.count(), 20);
        const QStringList smiths = scrollToTheEnd(filter, nameRole.toUtf8());
        QCOMPARE(smiths.size(), 20);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(smiths.at(i), hireName(i * 100 + 57));

        // A thousand hires from hire-1000 on: fetched a page at a time, each once.
        filter.setText(QStringLiteral("hire-1"));
        QCOMPARE(filter.count(), 1000);
        QCOMPARE(filter.rowCount(), ListModel::kPageSize);
        const QStringList ones = scrollToTheEnd(filter, nameRole.toUtf8());
        QCOMPARE(ones.size(), 1000);
        QCOMPARE(QSet<QString>(ones.cbegin(), ones.cend()).size(), 1000);
        QCOMPARE(ones.first(), hireName(1000));
        QCOMPARE(ones.last(), hireName(1999));

        filter.setText(QStringLiteral("nobody by this name"));
        QCOMPARE(filter.count(), 0);
        QVERIFY(filter.nothingMatches());
        QCOMPARE(model.count(), kRows); // the whole list is still there

        filter.setText({});
        QCOMPARE(filter.count(), kRows);
        QCOMPARE(scrollToTheEnd(filter, nameRole.toUtf8()).size(), kRows);
    }

    void thePickedRowIsFoundBeyondTheFetchedPages()
    {
        PersonListModel model;
        model.setPeople(people());
        model.setSelectedName(hireName(kRows - 2));
        QCOMPARE(model.selected().value(QStringLiteral("name")).toString(), hireName(kRows - 2));
        EnrollmentListModel enrollmentModel;
        enrollmentModel.setEnrollments(enrollments());
        enrollmentModel.setSelectedHire(hireName(kRows - 3));
        QCOMPARE(enrollmentModel.selected().value(QStringLiteral("hire")).toString(), hireName(kRows - 3));
    }

    void aReloadStartsAgainFromTheFirstPage()
    {
        // Each act reads the list again: the pages a view fetched before do
        // not pile up from one reload to the next.
        PersonListModel model;
        model.setPeople(people());
        model.fetchMore({});
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 3 * ListModel::kPageSize);
        model.setPeople(people());
        QCOMPARE(model.rowCount(), ListModel::kPageSize);
        QCOMPARE(scrollToTheEnd(model, "name").size(), kRows);
    }
};

QTEST_GUILESS_MAIN(TestPagedModels)
#include "TestPagedModels.moc"
