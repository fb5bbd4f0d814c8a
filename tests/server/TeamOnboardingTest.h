#pragma once

// What the onboarding tests on a team server (TestTeamGrants,
// TestTeamReviews) set up alike: a team of an admin and the people they add,
// each of whom has changed the handed-over passphrase for their own; signing
// in as one of them; counting rows as the superuser sees them; and a
// statement sent with a signed entry of the test's choosing, as an attacker
// with a real login would.

#include "PgConnection.h"
#include "PgTestCluster.h"
#include "ServerAddress.h"
#include "TeamAccess.h"
#include "TeamTestFixture.h"

#include <QDebug>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace onramp::test {

/// One person of a test's team: the admin first, then who they add.
struct TeamMember {
    QString name;
    QString role; ///< "admin", "mentor" or "hire"
    QString fullName;
    QByteArray passphrase;
};

/// The base of a team onboarding test: the team on the fixture's cluster
/// and the superuser's view of it.
class TeamOnboardingTest : public QObject
{
protected:
    QTemporaryDir m_tmp;
    QString m_passfile;
    std::unique_ptr<server::PgConnection> m_super;
    server::ServerAddress m_address;

    /// The team in the first of \a databases (the others dropped, as
    /// startTeamTest() does): \a team's first member its first admin, each
    /// other added by them and signed in once to set their own passphrase.
    Error startTeam(const QStringList& databases, const QList<TeamMember>& team)
    {
        if (pgClusterDir().isEmpty())
            return {ErrorKind::Io, QStringLiteral("ONRAMP_TEST_PG_DIR is not set: run this test through ctest")};
        if (!m_tmp.isValid() || team.isEmpty())
            return {ErrorKind::Io, QStringLiteral("no temporary folder, or no team")};
        QStringList names;
        for (const TeamMember& member : team)
            names << member.name;
        if (Error error = startTeamTest(m_tmp, databases, names, {}, &m_passfile, &m_super))
            return error;
        qputenv("PGPASSFILE", m_passfile.toLocal8Bit());
        server::ServerAddress setup;
        if (Error error = server::ServerAddress::parse(teamSetupUrl(databases.first()), &setup))
            return error;
        server::TeamInitOutcome outcome = server::TeamInitOutcome::AlreadySetUp;
        const TeamMember& first = team.first();
        if (Error error = server::initTeam(setup, first.name, first.fullName, first.passphrase, &outcome))
            return error;
        if (Error error = server::ServerAddress::parse(teamPersonUrl(databases.first()), &m_address))
            return error;
        server::SignedIn admin;
        if (Error error = server::signIn(m_address, first.name, first.passphrase, &admin))
            return error;
        for (qsizetype i = 1; i < team.size(); ++i) {
            const TeamMember& member = team.at(i);
            const QByteArray handed = "handed over to " + member.name.toUtf8();
            if (Error error = server::addPerson(admin, member.name, member.role, member.fullName, handed))
                return error;
            server::SignedIn person;
            if (Error error = server::signIn(m_address, member.name, handed, &person))
                return error;
            if (Error error = server::changeOwnPassphrase(person, handed, member.passphrase))
                return error;
        }
        return {};
    }

    /// \a name signed in with \a passphrase; without a connection, and a
    /// warning, when the server refuses them.
    server::SignedIn signedIn(const QString& name, const QByteArray& passphrase)
    {
        server::SignedIn me;
        const Error error = server::signIn(m_address, name, passphrase, &me);
        if (error)
            qWarning() << error.message;
        return me;
    }

    /// How many rows the table onramp.\a table holds, as the superuser sees.
    qint64 count(const QString& table)
    {
        return scalarOf(*m_super, QStringLiteral("SELECT count(*) FROM onramp.%1").arg(table)).toLongLong();
    }

    /// As \a me, \a sql and the signed entry \a action with \a details in one transaction.
    static Error withEntry(server::SignedIn& me, const QString& action, const QJsonObject& details, const QString& sql,
                           const QVariantList& params = {})
    {
        return server::recordSigned(me, action, details,
                                    [&](server::PgConnection& c) { return c.execute(sql, params); });
    }
};

} // namespace onramp::test
