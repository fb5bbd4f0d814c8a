// Enrollments::visible() and Credentials::list() over a vault of 2,000
// people: an admin, a mentor and a hire each get exactly the enrollments they
// may see, each as status() shows it on its own, and the credentials as the
// one-hire path shows them; the credentials a page or one hire at a time as
// the whole list shows them, an admin's overview, and a forged grant shown
// as one that does not verify however it is listed.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "credentials/Grants.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"

#include <QJsonDocument>
#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

namespace {

QString reasonsText(const QList<Reason>& reasons)
{
    QStringList out;
    for (const Reason& r : reasons)
        out.append(r.code + u':' + r.stepId + u':' + r.message);
    return out.join(u'|');
}

constexpr int kPeople = 2000;
constexpr int kMentors = 40;
constexpr int kHires = kPeople - kMentors - 3; // besides ada, max and hal
constexpr int kApiMentors = 2;
constexpr int kApiHires = 12;
const QByteArray kPassphrase = "scale test passphrase";

QString mentorName(int i)
{
    return QStringLiteral("mentor%1").arg(i, 3, 10, QLatin1Char('0'));
}
QString hireName(int i)
{
    return QStringLiteral("hire%1").arg(i, 4, 10, QLatin1Char('0'));
}

/// Everything a screen shows of an enrollment, as one comparable text.
QString describe(const EnrollmentStatus& s)
{
    QJsonObject json = s.toJson();
    json.insert(QStringLiteral("_enrollment"), s.enrollmentId);
    json.insert(QStringLiteral("_hire"),
                QStringLiteral("%1 %2 %3").arg(s.hire.id).arg(s.hire.name, s.hire.displayName));
    json.insert(QStringLiteral("_mentor"),
                QStringLiteral("%1 %2 %3").arg(s.mentor.id).arg(s.mentor.name, s.mentor.displayName));
    json.insert(QStringLiteral("_latest"), s.latestChecklistVersion);
    json.insert(QStringLiteral("_signedOff"),
                QString(s.signedOffBy + QLatin1Char(' ') + s.signedOffAt.toString(Qt::ISODateWithMs)));
    json.insert(QStringLiteral("_reasons"), reasonsText(s.decision.reasons));
    QStringList steps;
    for (const StepView& v : s.steps)
        steps.append(QStringList{v.step.id, v.due.toString(Qt::ISODate), QString::number(v.overdue),
                                 QString::number(v.done), v.doneAt.toString(Qt::ISODateWithMs), v.note,
                                 QString::number(v.approved), QString::number(v.rejected), v.reviewComment, v.reviewer,
                                 v.reviewedAt.toString(Qt::ISODateWithMs)}
                         .join(u','));
    json.insert(QStringLiteral("_steps"), steps.join(u';'));
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

QString describe(const CredentialView& v)
{
    return QStringList{v.hire,
                       QString::number(v.enrollmentId),
                       v.credential.id,
                       QString::number(int(v.state)),
                       v.issuedAt.toString(Qt::ISODateWithMs),
                       v.expiresAt.toString(Qt::ISODateWithMs),
                       v.grantedBy,
                       reasonsText(v.reasons),
                       v.credential.fields.values().join(u'|')}
        .join(u',');
}

} // namespace

class TestVisibleAtScale : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_vaultDir;

    std::unique_ptr<Vault> as(const QString& name, const QByteArray& passphrase = kPassphrase)
    {
        std::unique_ptr<Vault> vault;
        const Error e = Vault::unlock(m_vaultDir, name, passphrase, &vault);
        if (e)
            qWarning() << e.message;
        return vault;
    }

    /// A session over the bulk rows, which the log does not vouch for.
    std::unique_ptr<Vault> reader(const QString& name, const QByteArray& passphrase = kPassphrase)
    {
        std::unique_ptr<Vault> vault = as(name, passphrase);
        if (vault)
            vault->setLedgerVerified({vault->db().dataVersion(), vault->db().totalChanges()});
        return vault;
    }

    /// What status() shows, one hire at a time, for every enrollment whose
    /// row (read by scanning the table, no index) \a sees.
    QStringList expected(Vault& vault, const QString& where, const QVariantList& params)
    {
        QList<QVariantList> rows;
        const Error e = vault.db().execute(QStringLiteral("SELECT h.name FROM enrollments e NOT INDEXED "
                                                          "JOIN people h ON h.id = e.hire_id ")
                                               + where + QStringLiteral(" ORDER BY h.name"),
                                           params, &rows);
        if (e)
            qWarning() << e.message;
        QStringList out;
        for (const QVariantList& r : rows) {
            EnrollmentStatus status;
            if (const Error s = Enrollments(vault).status(r.at(0).toString(), &status))
                qWarning() << s.message;
            out.append(describe(status));
        }
        return out;
    }

    static QStringList seen(Vault& vault)
    {
        QList<EnrollmentStatus> list;
        if (const Error e = Enrollments(vault).visible(&list))
            qWarning() << e.message;
        QStringList out;
        for (const EnrollmentStatus& s : list)
            out.append(describe(s));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_vaultDir = m_dir.filePath(QStringLiteral("vault"));
        auto admin = makeVault(m_vaultDir);
        QVERIFY(admin);
        ParseResult parsed = parseChecklist(checklistFixture(QStringLiteral("week-one-credentials.yaml")),
                                            QStringLiteral("week-one-credentials.yaml"));
        QVERIFY(parsed.ok());
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*admin).import(*parsed.checklist, QDateTime::currentDateTimeUtc(), &outcome));
        // Through the API: the people who sign in below, with steps done,
        // sign-offs and production grants that carry real signatures.
        for (int i = 0; i < kApiMentors; ++i)
            QVERIFY(!People(*admin).add(mentorName(i), QStringLiteral("Mentor %1").arg(i), Role::Mentor, kPassphrase));
        const QDate start = QDate::currentDate().addDays(-3);
        QVERIFY(!Enrollments(*admin).enroll(QStringLiteral("hal"), QStringLiteral("week-one"), QStringLiteral("max"),
                                            start));
        for (int i = 0; i < kApiHires; ++i) {
            QVERIFY(!People(*admin).add(hireName(i), QStringLiteral("Hire %1").arg(i), Role::Hire, kPassphrase));
            QVERIFY(!Enrollments(*admin).enroll(hireName(i), QStringLiteral("week-one"), mentorName(i % kApiMentors),
                                                start.addDays(i % 7)));
        }
        admin.reset();
        for (int i = 1; i < kApiHires; i += 2) {
            auto hire = as(hireName(i));
            QVERIFY(hire);
            QVERIFY(!Enrollments(*hire).markDone(hireName(i), QStringLiteral("handbook"), QStringLiteral("read")));
            if (i % 4 != 1)
                continue;
            hire.reset();
            auto mentor = as(mentorName(i % kApiMentors));
            QVERIFY(mentor);
            QVERIFY(!Enrollments(*mentor).signOff(hireName(i)));
        }
        // The rest as rows of the same shape, written in bulk: the API checks
        // the whole vault against its log before each act, which makes
        // thousands of acts slow. Their reviews, sign-offs and grants carry
        // signatures that do not verify, which both paths must show alike.
        // The log does not vouch for them, so the sessions below are marked
        // verified (the ledger's own tests are elsewhere).
        admin = as(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY(admin);
        Database& db = admin->db();
        Database::Transaction tx(db);
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        const qint64 checklist = db.scalar(QStringLiteral("SELECT max(id) FROM checklists")).toLongLong();
        const auto addPerson = [&](const QString& name, const QString& role) {
            const Error e = db.execute(QStringLiteral("INSERT INTO people (name, display_name, role, sign_public_key, "
                                                      "created_at) VALUES (?1, ?2, ?3, randomblob(32), ?4)"),
                                       {name, name.toUpper(), role, now});
            if (e)
                qWarning() << e.message;
            return db.lastInsertId();
        };
        QList<qint64> mentors;
        for (int i = 0; i < kMentors; ++i)
            mentors.append(i < kApiMentors ? admin->person(mentorName(i))->id
                                           : addPerson(mentorName(i), QStringLiteral("mentor")));
        const QByteArray junk(64, 'x');
        for (int i = kApiHires; i < kHires; ++i) {
            const qint64 hire = addPerson(hireName(i), QStringLiteral("hire"));
            QVERIFY(!db.execute(
                QStringLiteral("INSERT INTO enrollments (hire_id, mentor_id, checklist_id, start_date, "
                               "created_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
                {hire, mentors.at(i % kMentors), checklist, start.addDays(i % 7).toString(Qt::ISODate), now}));
            const qint64 enrollment = db.lastInsertId();
            QVERIFY(!db.execute(QStringLiteral("INSERT INTO sandbox_credentials (enrollment_id, credential_id, sealed, "
                                               "issued_at) VALUES (?1, 'sandbox-db', randomblob(72), ?2)"),
                                {enrollment, now}));
            if (i % 5 == 0)
                QVERIFY(!db.execute(QStringLiteral("INSERT INTO step_records (enrollment_id, step_id, done_at, note) "
                                                   "VALUES (?1, 'handbook', ?2, 'bulk')"),
                                    {enrollment, now}));
            if (i % 50 == 0) {
                QVERIFY(!db.execute(QStringLiteral("INSERT INTO step_reviews (enrollment_id, step_id, "
                                                   "checklist_version, mentor_id, decision, at, signature) "
                                                   "VALUES (?1, 'handbook', 1, ?2, 'approved', ?3, ?4)"),
                                    {enrollment, mentors.at(i % kMentors), now, junk}));
                QVERIFY(!db.execute(QStringLiteral("INSERT INTO signoffs (enrollment_id, mentor_id, checklist_version, "
                                                   "decision, at, signature) VALUES (?1, ?2, 1, 'production-access', "
                                                   "?3, ?4)"),
                                    {enrollment, mentors.at(i % kMentors), now, junk}));
                QVERIFY(!db.execute(QStringLiteral("INSERT INTO credential_grants (enrollment_id, credential_id, "
                                                   "sealed, granted_at, expires_at, granted_by, signature) "
                                                   "VALUES (?1, 'prod-token', randomblob(80), ?2, ?3, ?4, ?5)"),
                                    {enrollment, now,
                                     QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODateWithMs),
                                     mentors.at(i % kMentors), junk}));
            }
        }
        QVERIFY(!tx.commit());
        QCOMPARE(db.scalar(QStringLiteral("SELECT count(*) FROM people")).toLongLong(), kPeople);
    }

    void adminSeesEveryEnrollmentAsStatusShowsIt()
    {
        auto admin = reader(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY(admin);
        const QStringList want = expected(*admin, {}, {});
        QCOMPARE(want.size(), kHires + 1);
        QCOMPARE(seen(*admin), want);
    }

    void mentorSeesExactlyTheirMentees()
    {
        auto mentor = reader(mentorName(1));
        QVERIFY(mentor);
        const QStringList want =
            expected(*mentor, QStringLiteral("WHERE +e.mentor_id = ?1 OR +e.hire_id = ?1"), {mentor->me().id});
        QVERIFY(want.size() > 40);
        QCOMPARE(seen(*mentor), want);
    }

    void hireSeesOnlyTheirOwn()
    {
        auto hire = reader(hireName(5));
        QVERIFY(hire);
        const QStringList want = expected(*hire, QStringLiteral("WHERE +e.hire_id = ?1"), {hire->me().id});
        QCOMPARE(want.size(), 1);
        QCOMPARE(seen(*hire), want);
    }

    void credentialListAgreesWithEachHiresOwnView()
    {
        auto admin = reader(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY(admin);
        QList<CredentialView> all;
        QVERIFY(!Credentials(*admin).list(&all));
        QCOMPARE(all.size(), (kHires + 1) * 4);
        // A signed-off hire's grants, as their own session lists them.
        auto hire = reader(hireName(5));
        QVERIFY(hire);
        QList<CredentialView> own;
        QVERIFY(!Credentials(*hire).list(&own));
        QCOMPARE(own.size(), 4);
        QStringList fromAll;
        for (const CredentialView& v : std::as_const(all))
            if (v.hire == hireName(5))
                fromAll.append(describe(v));
        QStringList fromOwn;
        for (const CredentialView& v : std::as_const(own))
            fromOwn.append(describe(v));
        QCOMPARE(fromAll, fromOwn);
        QVERIFY(std::any_of(own.cbegin(), own.cend(),
                            [](const CredentialView& v) { return v.state == CredentialState::Granted; }));
    }

    void credentialPagesHoldEveryRowExactlyOnce_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("limit");
        QTest::newRow("admin") << QStringLiteral("ada") << 137;
        QTest::newRow("admin, one hire a page") << QStringLiteral("ada") << 1;
        QTest::newRow("mentor") << mentorName(1) << 7;
    }

    void credentialPagesHoldEveryRowExactlyOnce()
    {
        QFETCH(QString, who);
        QFETCH(int, limit);
        auto vault = who == QLatin1String("ada") ? reader(who, kAdminPassphrase) : reader(who);
        QVERIFY(vault);
        QList<CredentialView> all;
        QVERIFY(!Credentials(*vault).list(&all));
        QStringList want;
        QStringList wantHires;
        for (const CredentialView& v : std::as_const(all)) {
            want.append(describe(v));
            if (wantHires.isEmpty() || wantHires.last() != v.hire)
                wantHires.append(v.hire);
        }
        QStringList got;
        QStringList hires;
        QString after;
        for (int pages = 0;; ++pages) {
            QVERIFY(pages <= wantHires.size());
            QList<CredentialView> page;
            QStringList names;
            const Error e = Credentials(*vault).listPage(after, limit, &page, &names);
            QVERIFY2(!e, qPrintable(e.message));
            QVERIFY(names.size() <= limit);
            for (const CredentialView& v : std::as_const(page)) {
                QVERIFY(names.contains(v.hire));
                got.append(describe(v));
            }
            hires += names;
            if (names.size() < limit)
                break;
            after = names.last();
        }
        QCOMPARE(hires, wantHires); // every hire once, in order
        QCOMPARE(got, want);
        QCOMPARE(int(QSet<QString>(got.cbegin(), got.cend()).size()), int(got.size()));
        if (who == QLatin1String("ada"))
            QCOMPARE(hires.size(), kHires + 1);
    }

    void oneHiresCredentialsAsTheWholeListShowsThem()
    {
        auto admin = reader(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY(admin);
        QList<CredentialView> all;
        QVERIFY(!Credentials(*admin).list(&all));
        for (const QString& hire : {hireName(5), hireName(50), hireName(kHires - 1)}) {
            QStringList want;
            for (const CredentialView& v : std::as_const(all))
                if (v.hire == hire)
                    want.append(describe(v));
            QList<CredentialView> one;
            const Error e = Credentials(*admin).listFor(hire, &one);
            QVERIFY2(!e, qPrintable(e.message));
            QStringList got;
            for (const CredentialView& v : std::as_const(one))
                got.append(describe(v));
            QCOMPARE(got.size(), 4);
            QCOMPARE(got, want);
        }
        QList<CredentialView> none;
        const Error unknown = Credentials(*admin).listFor(QStringLiteral("nobody"), &none);
        QCOMPARE(unknown.kind, ErrorKind::InvalidInput);
        QVERIFY2(unknown.message.contains(QStringLiteral("'nobody'")), qPrintable(unknown.message));
        QVERIFY(none.isEmpty());
        // A mentor sees their mentees' alone.
        auto mentor = reader(mentorName(1));
        QVERIFY(mentor);
        QCOMPARE(Credentials(*mentor).listFor(hireName(2), &none).kind, ErrorKind::NotPermitted);
        QVERIFY(!Credentials(*mentor).listFor(hireName(1), &none));
        QCOMPARE(none.size(), 4);
    }

    void overviewCountsEveryHireAndGrant()
    {
        auto admin = reader(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY(admin);
        Credentials::Overview overview;
        const Error e = Credentials(*admin).overview(&overview);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(overview.hires, kHires + 1);
        QStringList ids;
        for (const Credentials::Configured& c : std::as_const(overview.credentials))
            ids.append(c.credential.id);
        QCOMPARE(ids, QStringList({"sandbox-db", "sandbox-ssh", "prod-db", "prod-token"}));
        const Credentials::Configured& token = overview.credentials.at(3);
        QCOMPARE(token.liveGrants,
                 admin->db()
                     .scalar(QStringLiteral("SELECT count(*) FROM credential_grants WHERE credential_id = "
                                            "'prod-token' AND ended IS NULL"))
                     .toInt());
        QVERIFY(token.liveGrants > (kHires - kApiHires) / 50);
        QCOMPARE(overview.credentials.at(0).liveGrants, 0);
        auto mentor = reader(mentorName(1));
        QVERIFY(mentor);
        QCOMPARE(Credentials(*mentor).overview(&overview).kind, ErrorKind::NotPermitted);
    }

    // A hire signed off through the API writes a newer grant of their own,
    // signed with their own key over the right bytes: every listing shows
    // it as a grant that does not verify, never as granted.
    void aForgedGrantIsNeverShownAsValid()
    {
        const QString name = hireName(9);
        {
            auto hire = as(name);
            QVERIFY(hire);
            Database& db = hire->db();
            const qint64 enrollment =
                db.scalar(QStringLiteral("SELECT id FROM enrollments WHERE hire_id = ?1"), {hire->me().id})
                    .toLongLong();
            const QDateTime at = QDateTime::currentDateTimeUtc();
            const QDateTime expires = at.addDays(60);
            QVERIFY(!db.execute(
                QStringLiteral("INSERT INTO credential_grants (enrollment_id, credential_id, sealed, "
                               "granted_at, expires_at, granted_by, signature) VALUES (?1, "
                               "'prod-token', randomblob(80), ?2, ?3, ?4, x'')"),
                {enrollment, at.toString(Qt::ISODateWithMs), expires.toString(Qt::ISODateWithMs), hire->me().id}));
            const qint64 id = db.lastInsertId();
            QVERIFY(!db.execute(
                QStringLiteral("UPDATE credential_grants SET signature = ?1 WHERE id = ?2"),
                {hire->sign(Grants::signedBytes(id, enrollment, name, QStringLiteral("prod-token"), at, expires)),
                 id}));
        }
        auto admin = reader(QStringLiteral("ada"), kAdminPassphrase);
        QVERIFY(admin);
        const auto tokenOf = [&](const QList<CredentialView>& views) {
            for (const CredentialView& v : views)
                if (v.hire == name && v.credential.id == QLatin1String("prod-token"))
                    return v.state;
            return CredentialState::Ready;
        };
        QList<CredentialView> views;
        QVERIFY(!Credentials(*admin).listFor(name, &views));
        QCOMPARE(tokenOf(views), CredentialState::Invalid);
        views.clear();
        QVERIFY(!Credentials(*admin).listPage(hireName(8), 1, &views));
        QCOMPARE(tokenOf(views), CredentialState::Invalid);
        views.clear();
        QVERIFY(!Credentials(*admin).list(&views));
        QCOMPARE(tokenOf(views), CredentialState::Invalid);
        QVERIFY(!admin->db().execute(QStringLiteral("DELETE FROM credential_grants WHERE id = (SELECT max(id) FROM "
                                                    "credential_grants)")));
    }
};

QTEST_GUILESS_MAIN(TestVisibleAtScale)
#include "TestVisibleAtScale.moc"
