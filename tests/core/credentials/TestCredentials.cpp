// Credentials over a real vault with an injected clock: sandbox secrets on
// day one, production grants only after sign-off, expiry, revocation,
// renewal, and what a hire's session can reach with raw SQL.
#include "TestData.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "Crypto.h"
#include "audit/Ledger.h"
#include "checklist/ChecklistParser.h"
#include "credentials/Credentials.h"
#include "credentials/Provider.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/FirstPassphrase.h"
#include "people/People.h"
#include "report/Report.h"

#include <QTemporaryDir>

using namespace onramp;
using namespace vaulttest;

namespace {

const QByteArray kChecklist = checklistFixture(QStringLiteral("week-one-credentials.yaml"));

const QByteArray kProductionSecret = "PRODUCTION-SECRET-7f3a9c";

QString text(const SecureBytes& bytes)
{
    return QString::fromUtf8(bytes.view());
}

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_vaultDir;
    FixedClock m_clock{QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC)};

    std::unique_ptr<Vault> as(const QString& name, const QByteArray& passphrase)
    {
        std::unique_ptr<Vault> vault;
        if (const Error e = Vault::unlock(m_vaultDir, name, passphrase, &vault))
            qWarning() << e.message;
        return vault;
    }
    std::unique_ptr<Vault> admin() { return as(QStringLiteral("ada"), kAdminPassphrase); }
    std::unique_ptr<Vault> mentor() { return as(QStringLiteral("max"), kMentorPassphrase); }
    std::unique_ptr<Vault> hire() { return as(QStringLiteral("hal"), kHirePassphrase); }

    Error read(const QString& id, CredentialView* view, SecureBytes* secret)
    {
        auto h = hire();
        return Credentials(*h, m_clock).read(id, view, secret);
    }

    /// hal's status as \a vault's person reads it; empty, with a warning, when refused.
    EnrollmentStatus statusAs(Vault& vault)
    {
        EnrollmentStatus status;
        const Error e = Enrollments(vault, m_clock).status("hal", &status);
        if (e)
            qWarning() << e.message;
        return status;
    }

    void setProductionSecret()
    {
        auto a = admin();
        int delivered = -1;
        QVERIFY(!Credentials(*a, m_clock).setSecret("prod-db", SecureBytes::copyOf(kProductionSecret), &delivered));
    }

    void signOff()
    {
        auto h = hire();
        QVERIFY(!Enrollments(*h, m_clock).markDone("hal", "handbook", {}));
        auto m = mentor();
        const Error e = Enrollments(*m, m_clock).signOff("hal");
        QVERIFY2(!e, qPrintable(e.message));
    }

    /// Every value of every row of every table, as bytes.
    static QList<QByteArray> everyValue(Vault& vault)
    {
        QList<QVariantList> tables;
        if (vault.db().execute("SELECT name FROM sqlite_master WHERE type = 'table'", {}, &tables))
            return {};
        QList<QByteArray> values;
        for (const QVariantList& table : tables) {
            QList<QVariantList> rows;
            if (vault.db().execute(QStringLiteral("SELECT * FROM \"%1\"").arg(table.at(0).toString()), {}, &rows))
                continue;
            for (const QVariantList& row : rows)
                for (const QVariant& value : row)
                    values.append(value.typeId() == QMetaType::QByteArray ? value.toByteArray()
                                                                          : value.toString().toUtf8());
        }
        return values;
    }

private Q_SLOTS:
    void init()
    {
        m_vaultDir = m_dir.filePath(QString::number(QDateTime::currentMSecsSinceEpoch()) + QStringLiteral("-v"));
        auto vault = makeVault(m_vaultDir);
        QVERIFY(vault);
        QVERIFY(!People(*vault).add("mo", "Other Mentor", Role::Mentor, "other mentor"));
        ParseResult parsed = parseChecklist(kChecklist, "test.yaml");
        QVERIFY2(parsed.ok(), qPrintable(parsed.errors.join('\n')));
        ImportOutcome outcome;
        QVERIFY(!ChecklistStore(*vault).import(*parsed.checklist, m_clock.now(), &outcome));
        QVERIFY(!Enrollments(*vault, m_clock).enroll("hal", "week-one", "max", QDate(2026, 11, 20)));
    }

    void sandboxIsReadableRightAfterEnrollment()
    {
        CredentialView view;
        SecureBytes secret;
        const Error e = read("sandbox-db", &view, &secret);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(view.state, CredentialState::Ready);
        QCOMPARE(secret.size(), std::size_t(24));
        for (QChar c : text(secret))
            QVERIFY(QStringLiteral("abcdef").contains(c));
        QCOMPARE(view.credential.fields.value("user"), QString("hal"));
        QCOMPARE(view.credential.fields.value("who"), QString("Hal Hire #%1").arg(view.enrollmentId));
        QCOMPARE(view.secretName(), QString("password"));
    }

    // A generated secret with no alphabet of its own is read off a screen:
    // no character in it can be taken for another (0 and O, 1, l and I),
    // and every other letter and digit is drawn.
    void aGeneratedSecretHasNoLookAlikeCharacters()
    {
        CredentialTemplate plain;
        plain.id = QStringLiteral("plain");
        QSet<QChar> seen;
        for (int i = 0; i < 200; ++i) {
            const SecureBytes secret = generatedSecret(plain);
            QCOMPARE(secret.size(), std::size_t(32));
            for (QChar c : text(secret))
                seen.insert(c);
        }
        for (QChar c : QStringLiteral("0O1lI"))
            QVERIFY2(!seen.contains(c), qPrintable(QStringLiteral("'%1' was drawn").arg(c)));
        QCOMPARE(seen.size(), 57);
        for (QChar c : std::as_const(seen))
            QVERIFY(c.isLetterOrNumber() && c.unicode() < 128);
    }

    void reissueChangesTheSandboxSecret()
    {
        CredentialView view;
        SecureBytes before;
        QVERIFY(!read("sandbox-db", &view, &before));
        auto h = hire();
        QVERIFY(!Credentials(*h, m_clock).reissue("sandbox-db"));
        SecureBytes after;
        QVERIFY(!read("sandbox-db", &view, &after));
        QVERIFY(!after.equals(before));
        // Static secrets are an admin's; production ones a mentor's.
        QCOMPARE(Credentials(*h, m_clock).reissue("sandbox-ssh").kind, ErrorKind::NotPermitted);
        QCOMPARE(Credentials(*h, m_clock).reissue("prod-token").kind, ErrorKind::NotPermitted);
        QCOMPARE(Credentials(*h, m_clock).reissue("nope").kind, ErrorKind::InvalidInput);
    }

    void passphraseResetReissuesSandboxSealedToTheNewKey()
    {
        {
            auto a = admin();
            int delivered = 0;
            QVERIFY(!Credentials(*a, m_clock).setSecret("sandbox-ssh", SecureBytes::copyOf("ssh-pass"), &delivered));
        }
        setProductionSecret();
        signOff();
        CredentialView view;
        SecureBytes before;
        QVERIFY(!read("sandbox-db", &view, &before));
        const QByteArray handed = "hal's passphrase after the reset";
        {
            auto a = admin();
            QVERIFY(!People(*a).resetPassphrase("hal", handed));
            // One entry per sandbox credential, signed by the admin who reset.
            QList<QVariantList> rows;
            QVERIFY(!a->db().execute(
                "SELECT a.details FROM audit_log a JOIN people p ON p.id = a.actor_id WHERE "
                "a.action = 'credential.reissue' AND a.subject = 'hal' AND p.name = 'ada' ORDER BY a.seq",
                {}, &rows));
            QCOMPARE(rows.size(), 2);
            QVERIFY(rows.at(0).at(0).toString().contains("passphrase.reset"));
        }
        auto h = as(QStringLiteral("hal"), handed);
        QVERIFY(h);
        SecureBytes after;
        Error e = Credentials(*h, m_clock).read("sandbox-db", &view, &after);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(!after.equals(before));
        QVERIFY(!view.sealedToOldKey);
        e = Credentials(*h, m_clock).read("sandbox-ssh", &view, &after);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(text(after), QString("ssh-pass"));
        // The production grant stays as the mentor made it: the hire's view
        // says it was sealed to the old key, and a renewal opens it again.
        e = Credentials(*h, m_clock).read("prod-db", &view, &after);
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY(view.sealedToOldKey);
        QVERIFY2(e.message.contains("before their passphrase was reset"), qPrintable(e.message));
        QList<CredentialView> all;
        QVERIFY(!Credentials(*h, m_clock).list(&all));
        for (const CredentialView& v : all)
            QCOMPARE(v.sealedToOldKey, v.credential.environment == Environment::Production);
        {
            auto m = mentor();
            QDateTime expires;
            QVERIFY(!Credentials(*m, m_clock).renew("hal", "prod-db", &expires));
        }
        e = Credentials(*h, m_clock).read("prod-db", &view, &after);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(after.view(), QByteArrayView(kProductionSecret));

        // Choosing his own passphrase gives hal a new key pair: every box
        // sealed to him is sealed again to it, the secrets unchanged.
        SecureBytes sandboxBefore;
        QVERIFY(!Credentials(*h, m_clock).read("sandbox-db", &view, &sandboxBefore));
        QList<QVariantList> boxesBefore;
        QVERIFY(!h->db().execute("SELECT sealed FROM sandbox_credentials UNION ALL SELECT sealed FROM "
                                 "credential_grants WHERE sealed IS NOT NULL",
                                 {}, &boxesBefore));
        QList<QVariantList> opened;
        for (const QVariantList& box : std::as_const(boxesBefore))
            if (h->openSealed(box.at(0).toByteArray()))
                opened.append(box);
        const QByteArray keyBefore = h->me().signPublicKey;
        e = firstpassphrase::choose(*h, "hal's own, chosen after the reset");
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(h->me().signPublicKey != keyBefore);
        h.reset();
        h = as(QStringLiteral("hal"), "hal's own, chosen after the reset");
        QVERIFY(h);
        QCOMPARE(h->me().signPublicKey == keyBefore, false);
        QList<QVariantList> boxesAfter;
        QVERIFY(!h->db().execute("SELECT sealed FROM sandbox_credentials UNION ALL SELECT sealed FROM "
                                 "credential_grants WHERE sealed IS NOT NULL",
                                 {}, &boxesAfter));
        QCOMPARE(boxesAfter.size(), boxesBefore.size());
        // The grant the reset left sealed to the key before it stays so; every
        // box the retired key opened is sealed anew.
        QCOMPARE(opened.size(), 3);
        for (const QVariantList& box : std::as_const(opened))
            QVERIFY2(!boxesAfter.contains(box), "a box still sealed to the retired key");
        e = Credentials(*h, m_clock).read("sandbox-db", &view, &after);
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(after.equals(sandboxBefore));
        QVERIFY(!view.sealedToOldKey);
        e = Credentials(*h, m_clock).read("sandbox-ssh", &view, &after);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(text(after), QString("ssh-pass"));
        e = Credentials(*h, m_clock).read("prod-db", &view, &after);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(after.view(), QByteArrayView(kProductionSecret));
        auto a = admin();
        QStringList report;
        const Error check = a->check(&report, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));
    }

    void staticSandboxSecretReachesEnrolledHiresWhenSet()
    {
        CredentialView view;
        SecureBytes secret;
        QCOMPARE(read("sandbox-ssh", &view, &secret).kind, ErrorKind::NotPermitted);
        QCOMPARE(view.state, CredentialState::NotSet);
        auto a = admin();
        int delivered = 0;
        QVERIFY(!Credentials(*a, m_clock).setSecret("sandbox-ssh", SecureBytes::copyOf("ssh-pass"), &delivered));
        QCOMPARE(delivered, 1);
        QVERIFY(!read("sandbox-ssh", &view, &secret));
        QCOMPARE(text(secret), QString("ssh-pass"));
    }

    void setSecretIsForAdminsAndStaticCredentials()
    {
        auto m = mentor();
        int delivered = 0;
        QCOMPARE(Credentials(*m, m_clock).setSecret("prod-db", SecureBytes::copyOf("x"), &delivered).kind,
                 ErrorKind::NotPermitted);
        auto a = admin();
        QCOMPARE(Credentials(*a, m_clock).setSecret("prod-token", SecureBytes::copyOf("x"), &delivered).kind,
                 ErrorKind::InvalidInput);
        QCOMPARE(Credentials(*a, m_clock).setSecret("nope", SecureBytes::copyOf("x"), &delivered).kind,
                 ErrorKind::InvalidInput);
    }

    void productionIsLockedWithTheGatesReasonsBeforeSignoff()
    {
        setProductionSecret();
        CredentialView view;
        SecureBytes secret;
        const Error e = read("prod-db", &view, &secret);
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QCOMPARE(view.state, CredentialState::Locked);
        QCOMPARE(view.reasons.size(), 2);
        QVERIFY(e.message.contains("Read the handbook"));
        QVERIFY(secret.isEmpty());
        QVERIFY(!e.message.toUtf8().contains(kProductionSecret));
    }

    void productionIsReadableAfterSignoffUntilRevoked()
    {
        setProductionSecret();
        signOff();
        CredentialView view;
        SecureBytes secret;
        QVERIFY(!read("prod-db", &view, &secret));
        QCOMPARE(view.state, CredentialState::Granted);
        QCOMPARE(secret.view(), QByteArrayView(kProductionSecret));
        QCOMPARE(view.expiresAt, m_clock.now().addSecs(3600));
        QCOMPARE(view.grantedBy, QString("max"));
        QCOMPARE(view.credential.fields.value("user"), QString("hal_ro"));

        auto m = mentor();
        QVERIFY(!Credentials(*m, m_clock).revoke("hal", "prod-db"));
        QCOMPARE(read("prod-db", &view, &secret).kind, ErrorKind::NotPermitted);
        QCOMPARE(view.state, CredentialState::Revoked);
        QCOMPARE(view.endedBy, QString("max"));
        // The revoked row stays, without its sealed secret.
        QCOMPARE(m->db()
                     .scalar("SELECT count(*) FROM credential_grants WHERE credential_id = 'prod-db' "
                             "AND sealed IS NULL AND ended = 'revoked'")
                     .toInt(),
                 1);
        QDateTime expires;
        QVERIFY(!Credentials(*m, m_clock).renew("hal", "prod-db", &expires));
        QVERIFY(!read("prod-db", &view, &secret));
        QCOMPARE(secret.view(), QByteArrayView(kProductionSecret));
    }

    // Production access has one state every screen, the report and its CSV
    // show: signed off and unlocked while a production grant stands;
    // "revoked", by whom and when, once a revocation ended the last one, for
    // the hire as for the mentor; unlocked again after a renewal.
    // A mentor's passphrase reset gives them a new key pair; the grant
    // they signed at the sign-off is checked under the key the log gave
    // them then, so the hire's production access goes on, in the hire's
    // session and in the admin's.
    void aResetOfTheMentorKeepsTheGrantTheySigned()
    {
        setProductionSecret();
        signOff();
        {
            auto a = admin();
            QVERIFY(!People(*a).resetPassphrase("max", "max's reset passphrase"));
            QCOMPARE(statusAs(*a).decision.codes(), QStringList());
            QList<CredentialView> all;
            QVERIFY(!Credentials(*a, m_clock).listFor("hal", &all));
            bool sawProduction = false;
            for (const CredentialView& v : std::as_const(all))
                if (v.credential.environment == Environment::Production) {
                    sawProduction = true;
                    QCOMPARE(v.state, CredentialState::Granted);
                }
            QVERIFY(sawProduction);
        }
        CredentialView view;
        SecureBytes secret;
        const Error e = read("prod-db", &view, &secret);
        QVERIFY2(!e, qPrintable(e.message));
        QCOMPARE(view.state, CredentialState::Granted);
        QCOMPARE(secret.view(), QByteArrayView(kProductionSecret));
    }

    void statusSaysRevokedOnceTheLastProductionGrantIsRevoked()
    {
        setProductionSecret();
        signOff();
        const QDateTime signedOff = m_clock.now();
        auto m = mentor();
        QCOMPARE(statusAs(*m).production(), ProductionAccess::Unlocked);
        // The key every screen colours by, which is not the scripts' "granted".
        QCOMPARE(statusAs(*m).accessKey(), QStringLiteral("unlocked"));

        m_clock.advance(600);
        QVERIFY(!Credentials(*m, m_clock).revoke("hal", "prod-db"));
        // prod-token's grant still stands: access is still there.
        QCOMPARE(statusAs(*m).production(), ProductionAccess::Unlocked);

        m_clock.advance(60);
        QVERIFY(!Credentials(*m, m_clock).revoke("hal", "prod-token"));
        for (const auto& vault : {mentor(), hire(), admin()}) {
            const EnrollmentStatus status = statusAs(*vault);
            QCOMPARE(status.production(), ProductionAccess::Revoked);
            QVERIFY(!status.locked()); // the sign-off stands
            QVERIFY(!status.hasAccess());
            QCOMPARE(status.signedOffAt, signedOff);
            QCOMPARE(status.revokedAt, m_clock.now());
            QCOMPARE(status.revokedBy, QString("max"));
            QCOMPARE(status.revokedByDisplayName, QString("Max Mentor"));
            QCOMPARE(status.toJson().value("production").toString(), QString("revoked"));
            QCOMPARE(status.accessKey(), QStringLiteral("revoked"));
            QVERIFY(!report::progressOf(status).access);
            QVERIFY(report::progressOf(status).revoked);
            QVERIFY(report::csvRows(status).contains(",revoked,"));
        }
        // The credential says who revoked it by their name for people.
        CredentialView view;
        SecureBytes secret;
        QCOMPARE(read("prod-db", &view, &secret).kind, ErrorKind::NotPermitted);
        QCOMPARE(view.endedByDisplayName, QString("Max Mentor"));

        QDateTime expires;
        QVERIFY(!Credentials(*m, m_clock).renew("hal", "prod-db", &expires));
        const EnrollmentStatus renewed = statusAs(*m);
        QCOMPARE(renewed.production(), ProductionAccess::Unlocked);
        QVERIFY(!renewed.revokedAt.isValid());
        QVERIFY(report::csvRows(renewed).contains(",granted,"));
        QCOMPARE(renewed.accessKey(), QStringLiteral("unlocked"));
    }

    // Signed off, not revoked, and every production grant run out: the
    // status says "expired" for the lists, one page and the lists alike,
    // while a single grant still standing keeps access open.
    void statusSaysExpiredOnceEveryProductionGrantHasRunOut()
    {
        setProductionSecret();
        signOff();
        const auto listedAs = [this](Vault& vault) {
            QList<EnrollmentStatus> list;
            if (const Error e = Enrollments(vault, m_clock).visible(&list))
                qWarning() << e.message;
            return list.size() == 1 ? list.constFirst() : EnrollmentStatus();
        };
        auto m = mentor();
        QVERIFY(!statusAs(*m).productionExpired);
        // prod-db lasts an hour, prod-token the default 30 days: one still stands.
        m_clock.advance(2 * 3600);
        QVERIFY(!statusAs(*m).productionExpired);
        QVERIFY(statusAs(*m).hasAccess());
        m_clock.advance(31 * 24 * 3600);
        for (const auto& vault : {mentor(), admin(), hire()}) {
            const EnrollmentStatus status = statusAs(*vault);
            QVERIFY(status.productionExpired);
            QVERIFY(status.hasAccess()); // signed off and not revoked: only the grants ran out
            QVERIFY(!status.revokedAt.isValid());
            QCOMPARE(status.accessKey(), QStringLiteral("expired"));
            // The report's CSV says so too, not "granted".
            QVERIFY(report::csvRows(status).contains(",expired,"));
            QVERIFY(!report::csvRows(status).contains(",granted,"));
        }
        for (const auto& vault : {mentor(), admin()})
            QVERIFY(listedAs(*vault).productionExpired);
        // A renewal gives access back.
        QDateTime expires;
        QVERIFY(!Credentials(*m, m_clock).renew("hal", "prod-db", &expires));
        QVERIFY(!statusAs(*m).productionExpired);
        QVERIFY(!listedAs(*m).productionExpired);
    }

    void generatedProductionSecretIsNewAfterRevocation()
    {
        signOff();
        CredentialView view;
        SecureBytes first;
        QVERIFY(!read("prod-token", &view, &first));
        QCOMPARE(first.size(), std::size_t(32)); // the fixture's prod-token length
        auto m = mentor();
        QDateTime expires;
        QVERIFY(!Credentials(*m, m_clock).renew("hal", "prod-token", &expires));
        SecureBytes renewed;
        QVERIFY(!read("prod-token", &view, &renewed));
        QVERIFY(renewed.equals(first)); // a renewal re-seals the same secret
        QVERIFY(!Credentials(*m, m_clock).revoke("hal", "prod-token"));
        QVERIFY(!Credentials(*m, m_clock).renew("hal", "prod-token", &expires));
        SecureBytes fresh;
        QVERIFY(!read("prod-token", &view, &fresh));
        QVERIFY(!fresh.equals(first)); // revoked at the source: a new one
    }

    void grantExpiresWithTheClockAndRenewalReopensIt()
    {
        setProductionSecret();
        signOff();
        m_clock.advance(3600);
        CredentialView view;
        SecureBytes secret;
        const Error e = read("prod-db", &view, &secret);
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QCOMPARE(view.state, CredentialState::Expired);
        QVERIFY(e.message.contains("expired"));
        auto a = admin();
        // The first read after expiry deleted the sealed copy.
        QCOMPARE(a->db()
                     .scalar("SELECT count(*) FROM credential_grants WHERE credential_id = 'prod-db' "
                             "AND sealed IS NOT NULL")
                     .toInt(),
                 0);
        QDateTime expires;
        QVERIFY(!Credentials(*a, m_clock).renew("hal", "prod-db", &expires));
        QCOMPARE(expires, m_clock.now().addSecs(3600));
        QVERIFY(!read("prod-db", &view, &secret));
    }

    // A desktop whose clock is ahead ends a grant before its time. That
    // only takes access away: back at the right time the vault still checks,
    // every reader can list and act, and each sees the early end as what it
    // was, never "expired at" a time still to come; the mentor renews it.
    void anExpiryRecordedEarlyIsAnEarlyEndNotDamage()
    {
        setProductionSecret();
        signOff();
        const QDateTime signedOff = m_clock.now();
        {
            const FixedClock ahead(signedOff.addSecs(9 * 3600)); // prod-db lasts one hour
            auto h = hire();
            QList<CredentialView> views;
            QVERIFY(!Credentials(*h, ahead).list(&views));
        }
        auto a = admin();
        QCOMPARE(a->db().scalar("SELECT count(*) FROM credential_grants WHERE ended = 'expired'").toInt(), 1);
        const Error check = Ledger::verify(*a, m_clock.now());
        QVERIFY2(!check, qPrintable(check.message));

        auto m = mentor();
        QList<CredentialView> views;
        const Error listed = Credentials(*m, m_clock).list(&views);
        QVERIFY2(!listed, qPrintable(listed.message));
        const auto prodDb = std::find_if(views.cbegin(), views.cend(),
                                         [](const CredentialView& v) { return v.credential.id == "prod-db"; });
        QVERIFY(prodDb != views.cend());
        QCOMPARE(prodDb->state, CredentialState::Expired);
        QVERIFY(prodDb->endedEarly);
        QCOMPARE(prodDb->expiresAt, signedOff.addSecs(3600));
        CredentialView view;
        SecureBytes secret;
        const Error e = read("prod-db", &view, &secret);
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY2(e.message.contains("before its expiry"), qPrintable(e.message));
        QVERIFY(view.toJson().value("revoked_at").isNull());
        QCOMPARE(view.toJson().value("ended_early").toBool(), true);
        QDateTime expires;
        QVERIFY(!Credentials(*m, m_clock).renew("hal", "prod-db", &expires));
        QVERIFY(!read("prod-db", &view, &secret));
        QVERIFY(!Ledger::verify(*a, m_clock.now()));
        // Past its expiry, an ending is an ordinary one again.
        m_clock.advance(2 * 3600);
        QVERIFY(!read("prod-db", &view, &secret) || !view.endedEarly);
    }

    // An admin's list writes nothing while no grant has expired, and ends
    // every expired one it shows (its sealed copy deleted) once they have.
    void adminListWritesOnlyWhenAGrantHasExpired()
    {
        setProductionSecret();
        signOff();
        auto a = admin();
        QList<CredentialView> views;
        const qint64 before = a->db().totalChanges();
        {
            // Reading takes no write lock: another session's open write does not stop it.
            auto other = mentor();
            Database::Transaction writing(other->db());
            QVERIFY(!writing.beginError());
            const Error e = Credentials(*a, m_clock).list(&views);
            QVERIFY2(!e, qPrintable(e.message));
        }
        QCOMPARE(a->db().totalChanges(), before);
        QCOMPARE(views.size(), 4);
        QCOMPARE(std::count_if(views.cbegin(), views.cend(),
                               [](const CredentialView& v) { return v.state == CredentialState::Granted; }),
                 2);
        m_clock.advance(3600); // prod-db's ttl is one hour; prod-token's the default 30 days
        views.clear();
        QVERIFY(!Credentials(*a, m_clock).list(&views));
        QCOMPARE(a->db().totalChanges(), before + 1);
        const auto prodDb = std::find_if(views.cbegin(), views.cend(),
                                         [](const CredentialView& v) { return v.credential.id == "prod-db"; });
        QVERIFY(prodDb != views.cend());
        QCOMPARE(prodDb->state, CredentialState::Expired);
        QCOMPARE(a->db()
                     .scalar("SELECT count(*) FROM credential_grants WHERE ended = 'expired' AND sealed IS NULL "
                             "AND credential_id = 'prod-db'")
                     .toInt(),
                 1);
        QCOMPARE(a->db().scalar("SELECT count(*) FROM credential_grants WHERE ended IS NULL").toInt(), 1);
        // Listing again finds nothing more to end.
        QVERIFY(!Credentials(*a, m_clock).list(&views));
        QCOMPARE(a->db().totalChanges(), before + 1);
    }

    void extendingTheExpiryWithRawSqlVoidsTheGrant()
    {
        setProductionSecret();
        signOff();
        auto h = hire();
        QVERIFY(!h->db().execute("UPDATE credential_grants SET expires_at = '2099-01-01T00:00:00.000Z'"));
        CredentialView view;
        SecureBytes secret;
        QCOMPARE(read("prod-db", &view, &secret).kind, ErrorKind::NotPermitted);
        QCOMPARE(view.state, CredentialState::Invalid);
    }

    void staticSecretSetAfterSignoffReachesTheGrant()
    {
        signOff();
        CredentialView view;
        SecureBytes secret;
        QCOMPARE(read("prod-db", &view, &secret).kind, ErrorKind::NotPermitted);
        QCOMPARE(view.state, CredentialState::NotSet);
        QVERIFY(view.explanation().contains("ask an admin"));
        setProductionSecret();
        QVERIFY(!read("prod-db", &view, &secret));
        QCOMPARE(secret.view(), QByteArrayView(kProductionSecret));
    }

    void revokeAndRenewTakeTheMentorOrAnAdmin_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("the hire") << "hal" << kHirePassphrase << false;
        QTest::newRow("another mentor") << "mo" << QByteArray("other mentor") << false;
        QTest::newRow("the mentor") << "max" << kMentorPassphrase << true;
        QTest::newRow("an admin") << "ada" << kAdminPassphrase << true;
    }

    void revokeAndRenewTakeTheMentorOrAnAdmin()
    {
        QFETCH(QString, who);
        QFETCH(QByteArray, passphrase);
        QFETCH(bool, allowed);
        setProductionSecret();
        signOff();
        auto vault = as(who, passphrase);
        QVERIFY(vault);
        Credentials credentials(*vault, m_clock);
        const Error revoked = credentials.revoke("hal", "prod-db");
        QCOMPARE(revoked.kind, allowed ? ErrorKind::None : ErrorKind::NotPermitted);
        QDateTime expires;
        const Error renewed = credentials.renew("hal", "prod-db", &expires);
        QCOMPARE(renewed.kind, allowed ? ErrorKind::None : ErrorKind::NotPermitted);
    }

    void renewalNeedsAnOpenGate()
    {
        auto m = mentor();
        QDateTime expires;
        const Error e = Credentials(*m, m_clock).renew("hal", "prod-db", &expires);
        QCOMPARE(e.kind, ErrorKind::NotPermitted);
        QVERIFY(e.message.contains("locked"));
        QCOMPARE(Credentials(*m, m_clock).revoke("hal", "prod-db").kind, ErrorKind::InvalidInput);
        QCOMPARE(Credentials(*m, m_clock).revoke("hal", "sandbox-db").kind, ErrorKind::InvalidInput);
    }

    void hireWithRawSqlCannotReachProductionPlaintextBeforeAGrant()
    {
        setProductionSecret();
        auto a = admin();
        int delivered = 0;
        auto h = hire();
        QVERIFY(!h->holdsProductionKey());
        QVERIFY(h->productionKey().isEmpty());
        const QList<QByteArray> values = everyValue(*h);
        QVERIFY(values.size() > 10);
        int boxes = 0;
        for (const QByteArray& value : values) {
            QVERIFY2(!value.contains(kProductionSecret), "production plaintext in a row");
            // Nothing the hire holds opens any value into the secret.
            QVERIFY(!crypto::decrypt(value, h->productionKey()));
            QVERIFY(!crypto::decrypt(value, h->productionKey(), "onramp-credential-secret-v1\nproduction\nprod-db\n0"));
            if (const std::optional<SecureBytes> opened = h->openSealed(value)) {
                QVERIFY(!opened->view().contains(QByteArrayView(kProductionSecret)));
                ++boxes;
            }
        }
        QCOMPARE(boxes, 1); // the hire's own sandbox secret, nothing else
        QCOMPARE(Credentials(*a, m_clock).setSecret("prod-db", SecureBytes::copyOf(kProductionSecret), &delivered).kind,
                 ErrorKind::None);
        QCOMPARE(delivered, 0); // no grant yet: nothing is sealed to the hire
    }

    void secretStatesSayWhenEachStaticSecretWasSet()
    {
        auto a = admin();
        QList<SecretState> states;
        QVERIFY(!Credentials(*a, m_clock).secretStates(&states));
        // The static ones only: generated credentials have no secret to set.
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.at(0).credentialId, QStringLiteral("sandbox-ssh"));
        QCOMPARE(states.at(0).environment, Environment::Sandbox);
        QCOMPARE(states.at(1).credentialId, QStringLiteral("prod-db"));
        QCOMPARE(states.at(1).environment, Environment::Production);
        for (const SecretState& state : std::as_const(states))
            QVERIFY2(!state.isSet(), qPrintable(state.credentialId));

        setProductionSecret();
        QVERIFY(!Credentials(*a, m_clock).secretStates(&states));
        QCOMPARE(states.at(1).credentialId, QStringLiteral("prod-db"));
        QVERIFY(states.at(1).isSet());
        QCOMPARE(states.at(1).setAt, m_clock.now());
        // Who set it, and when, as the signed log says.
        QCOMPARE(states.at(1).setBy, a->me().shownName());
        QVERIFY(states.at(1).setByAt.isValid());
        QVERIFY(!states.at(0).isSet());
        QVERIFY(states.at(0).setBy.isEmpty());
        // A mentor holds the production key too and reads the same.
        auto m = mentor();
        QList<SecretState> seenByMentor;
        QVERIFY(!Credentials(*m, m_clock).secretStates(&seenByMentor));
        QCOMPARE(seenByMentor.at(1).setAt, m_clock.now());
    }

    void hiresCannotAskWhichSecretsAreSet()
    {
        // A hire cannot ask: the states are for those who hold the production key.
        auto h = hire();
        QList<SecretState> states;
        QCOMPARE(Credentials(*h, m_clock).secretStates(&states).kind, ErrorKind::NotPermitted);
        QVERIFY(states.isEmpty());
    }

    void aBoxWrittenByTheHireDoesNotCountAsSet()
    {
        // The hire, holding the master key, writes a row that looks like a set secret.
        auto h = hire();
        QVERIFY(!h->db().execute(QStringLiteral("INSERT INTO credential_secrets (credential_id, environment, hire_id, "
                                                "box, set_at, set_by) VALUES ('prod-db', 'production', NULL, ?1, "
                                                "'2026-11-20T09:00:00.000Z', ?2)"),
                                 {QByteArray(64, 'x'), h->me().id}));
        auto a = admin();
        QList<SecretState> states;
        QVERIFY(!Credentials(*a, m_clock).secretStates(&states));
        QCOMPARE(states.at(1).credentialId, QStringLiteral("prod-db"));
        QVERIFY(!states.at(1).isSet());
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "TestCredentials.moc"
