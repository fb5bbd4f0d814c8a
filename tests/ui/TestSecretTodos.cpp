// The admin's to-do at 2,000 hires, each waiting for a static secret that is
// not set: the first read gives one batch, a view's fetchMore() reads the
// next from where the last stopped, every row exactly once and in the
// hires' order, and a reload starts again from the first batch.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "CredentialsBackend.h"
#include "Session.h"

#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using namespace onramp;
using namespace onramp::ui;
using namespace vaulttest;

namespace {

constexpr int kHires = 2000;

const QByteArray kChecklist = R"(onramp: 1
checklist:
  id: todo
  title: To-do week
  steps:
    - {id: laptop, title: Set up the laptop}
credentials:
  - {id: vpn, title: VPN, environment: sandbox, provider: static}
)";

QString hireName(int i)
{
    return QStringLiteral("hire-%1").arg(i, 4, 10, QLatin1Char('0'));
}

/// The hires of the rows \a model holds, in its order.
QStringList hiresIn(const CredentialListModel& model)
{
    QStringList hires;
    for (int row = 0; row < model.rowCount(); ++row)
        hires.append(model.data(model.index(row), CredentialListModel::HireRole).toString());
    return hires;
}

} // namespace

class TestSecretTodos : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString dir = m_dir.filePath(QStringLiteral("vault"));
        {
            auto admin = makeVault(dir);
            QVERIFY(admin);
            ParseResult parsed = parseChecklist(kChecklist, QStringLiteral("todo.yaml"));
            QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join(u'\n')));
            ImportOutcome outcome;
            QVERIFY(!ChecklistStore(*admin).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome));
            std::vector<People::NewPerson> people;
            QList<Enrollments::NewEnrollment> enrollments;
            for (int i = 0; i < kHires; ++i) {
                people.push_back({hireName(i), QStringLiteral("Hire %1").arg(i), Role::Hire,
                                  SecureBytes::copyOf("todo passphrase"), KdfLevel::Interactive});
                enrollments.append({hireName(i), QStringLiteral("todo"), QStringLiteral("max"), QDate(2026, 12, 7)});
            }
            const Error added = People(*admin).addMany(people);
            QVERIFY2(!added, qPrintable(added.message));
            const Error enrolled = Enrollments(*admin).enrollMany(enrollments);
            QVERIFY2(!enrolled, qPrintable(enrolled.message));
        }
        Session::instance()->setVaultPath(dir);
        const Error e = Session::instance()->unlockNow(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY2(!e, qPrintable(e.message));
    }

    void theToDoComesABatchAtATimeEveryRowOnce()
    {
        CredentialsBackend backend;
        backend.setAwaitingSecretOnly(true);
        CredentialListModel& model = *backend.credentials();
        QTRY_VERIFY_WITH_TIMEOUT(model.count() > 0, 30000);
        // One batch: the rows of the first page of hires, not every hire's.
        QVERIFY2(model.count() <= CredentialsBackend::kAdminPageHires, qPrintable(QString::number(model.count())));
        QCOMPARE(model.rowCount(), model.count());
        QVERIFY(model.moreToRead());
        QVERIFY(model.canFetchMore({}));
        QCOMPARE(hiresIn(model).first(), hireName(0));

        // A view scrolled to the end: each fetch reads the next batch.
        int batches = 1;
        while (model.canFetchMore({})) {
            const int before = model.count();
            model.fetchMore({});
            QVERIFY(!model.canFetchMore({})); // the batch asked for is on its way: not asked for twice
            QTRY_VERIFY_WITH_TIMEOUT(model.count() > before || !model.moreToRead(), 30000);
            QVERIFY(model.count() - before <= CredentialsBackend::kAdminPageHires);
            ++batches;
        }
        QVERIFY(!model.moreToRead());
        QVERIFY2(batches >= kHires / CredentialsBackend::kAdminPageHires, qPrintable(QString::number(batches)));
        const QStringList seen = hiresIn(model);
        QCOMPARE(seen.size(), kHires);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), kHires);
        for (int i = 0; i < kHires; ++i)
            QCOMPARE(seen.at(i), hireName(i));
        for (int row = 0; row < model.rowCount(); ++row) {
            QCOMPARE(model.data(model.index(row), CredentialListModel::CredentialIdRole).toString(),
                     QStringLiteral("vpn"));
            QVERIFY(model.data(model.index(row), CredentialListModel::AwaitingSecretRole).toBool());
        }
    }

    void aReloadStartsAgainFromTheFirstBatch()
    {
        CredentialsBackend backend;
        backend.setAwaitingSecretOnly(true);
        CredentialListModel& model = *backend.credentials();
        QTRY_VERIFY_WITH_TIMEOUT(model.count() > 0, 30000);
        const int first = model.count();
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(model.count() > first, 30000);
        backend.reload();
        QTRY_COMPARE_WITH_TIMEOUT(model.count(), first, 30000);
        QVERIFY(model.moreToRead());
        QCOMPARE(hiresIn(model).first(), hireName(0));
    }

    void aBatchReadBeforeAReloadIsDropped()
    {
        CredentialsBackend backend;
        backend.setAwaitingSecretOnly(true);
        CredentialListModel& model = *backend.credentials();
        QTRY_VERIFY_WITH_TIMEOUT(model.count() > 0, 30000);
        const int first = model.count();
        model.fetchMore({}); // its batch is read on the worker...
        backend.reload(); // ...while the list is read again from the start
        // The worker runs them in order: once the reload is in, the batch came before it.
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(model.count(), first);
        const QStringList seen = hiresIn(model);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), seen.size());
        QVERIFY(model.canFetchMore({}));
    }
};

QTEST_MAIN(TestSecretTodos)
#include "TestSecretTodos.moc"
