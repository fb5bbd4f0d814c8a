// The small rules under the importer: slugs, durations, hosts and secrets.
#include "checklist/ChecklistRules.h"

#include <QTest>

using namespace onramp;

class TestChecklistRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // An entry of production_hosts is kept only when it could match a host
    // hostOf() reads from a field value; it comes back as the gate compares it.
    void productionHostEntriesAreHostsOrGlobs_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("kept");
        QTest::newRow("a name") << "db.prod.internal"
                                << "db.prod.internal";
        QTest::newRow("case, blanks, a trailing dot") << "  DB.Prod.Internal. "
                                                      << "db.prod.internal";
        QTest::newRow("globs") << "api-?.*.example.com"
                               << "api-?.*.example.com";
        QTest::newRow("underscore") << "db_1.prod"
                                    << "db_1.prod";
        QTest::newRow("another script") << "BÜCHER.prod"
                                        << "bücher.prod";
        QTest::newRow("IPv4 glob") << "10.0.*"
                                   << "10.0.*";
        QTest::newRow("IPv6") << "FD00::1"
                              << "fd00::1";
        QTest::newRow("IPv6 with IPv4") << "::ffff:10.0.0.1"
                                        << "::ffff:10.0.0.1";
        QTest::newRow("blank") << "   " << QString();
        QTest::newRow("only dots") << "..." << QString();
        QTest::newRow("a scheme") << "https://db.prod" << QString();
        QTest::newRow("a path") << "db.prod/x" << QString();
        QTest::newRow("a user") << "ada@db.prod" << QString();
        QTest::newRow("a port") << "db.prod:5432" << QString();
        QTest::newRow("brackets") << "[::1]" << QString();
        QTest::newRow("a blank inside") << "db prod" << QString();
        QTest::newRow("an empty label") << "db..prod" << QString();
        QTest::newRow("a leading dot") << ".db.prod" << QString();
        QTest::newRow("a leading dash") << "-db.prod" << QString();
        QTest::newRow("a trailing dash") << "db.prod-" << QString();
        QTest::newRow("punctuation") << "db,prod" << QString();
    }
    void productionHostEntriesAreHostsOrGlobs()
    {
        QFETCH(QString, entry);
        QFETCH(QString, kept);
        QCOMPARE(productionHostEntry(entry), kept);
        // What is kept matches the host it names, as the gate reads one.
        if (!kept.isEmpty() && !kept.contains(u'*') && !kept.contains(u'?'))
            QVERIFY(hostMatches(hostOf(kept.contains(u':') ? u'[' + kept + u']' : kept), kept));
    }

    void productionHostGlobsMatch_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<bool>("matches");
        QTest::newRow("exact") << "db.prod.internal"
                               << "db.prod.internal" << true;
        QTest::newRow("exact, other case") << "DB.Prod.Internal"
                                           << "db.prod.internal" << true;
        QTest::newRow("trailing dot") << "db.prod.internal."
                                      << "db.prod.internal" << true;
        QTest::newRow("other host") << "db.stage.internal"
                                    << "db.prod.internal" << false;
        QTest::newRow("suffix is not exact") << "xdb.prod.internal"
                                             << "db.prod.internal" << false;
        QTest::newRow("glob one label") << "api.prod.example.com"
                                        << "*.prod.example.com" << true;
        QTest::newRow("glob two labels") << "a.b.prod.example.com"
                                         << "*.prod.example.com" << true;
        QTest::newRow("glob needs a label") << "prod.example.com"
                                            << "*.prod.example.com" << false;
        QTest::newRow("glob is anchored") << "api.prod.example.com.evil.org"
                                          << "*.prod.example.com" << false;
        QTest::newRow("glob other domain") << "api.prod.example.org"
                                           << "*.prod.example.com" << false;
        QTest::newRow("glob in the middle") << "db-7.prod.internal"
                                            << "db-*.prod.internal" << true;
        QTest::newRow("question mark") << "api-1.prod.internal"
                                       << "api-?.prod.internal" << true;
        QTest::newRow("question mark is one") << "api-12.prod.internal"
                                              << "api-?.prod.internal" << false;
        QTest::newRow("many stars") << "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab"
                                    << "*a*a*a*a*a*a*a*a*c" << false;
        QTest::newRow("empty host") << ""
                                    << "*" << false;
        QTest::newRow("pattern over 64 characters") << QString(100, 'a') + ".prod"
                                                    << "*" + QString(70, 'a') + "?.prod" << true;
        QTest::newRow("pattern over 64 characters, other end") << QString(100, 'a') + ".prod"
                                                               << "*" + QString(70, 'a') + ".prox" << false;
        QTest::newRow("star across a word") << QString(60, 'a') + "-" + QString(60, 'b') << "a*-*b" << true;
        QTest::newRow("non-ASCII") << QString::fromUtf8("db.prod.bücher.de") << QString::fromUtf8("*.BÜCHER.de")
                                   << true;
    }
    void productionHostGlobsMatch()
    {
        QFETCH(QString, host);
        QFETCH(QString, pattern);
        QFETCH(bool, matches);
        QCOMPARE(hostMatches(host, pattern), matches);
    }

    void productionLookingHostsAreTold_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("looks");
        QTest::newRow("a prod label") << "api.prod.internal" << true;
        QTest::newRow("production") << "db.production.example.com" << true;
        QTest::newRow("prd between dashes") << "db-prd-1.internal" << true;
        QTest::newRow("live, upper case") << "LIVE.example.com" << true;
        QTest::newRow("sandbox") << "db.sandbox.internal" << false;
        QTest::newRow("prod inside a word") << "products.internal" << false;
        QTest::newRow("liver") << "liver.example.com" << false;
        QTest::newRow("empty") << "" << false;
    }
    void productionLookingHostsAreTold()
    {
        QFETCH(QString, host);
        QFETCH(bool, looks);
        QCOMPARE(looksLikeProductionHost(host), looks);
    }

    void hostIsFoundInFieldValues_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("host");
        QTest::newRow("bare") << "db.prod.internal"
                              << "db.prod.internal";
        QTest::newRow("port") << "db.prod.internal:5432"
                              << "db.prod.internal";
        QTest::newRow("user and port") << "me@db.prod.internal:5432"
                                       << "db.prod.internal";
        QTest::newRow("url") << "postgres://me@DB.prod.internal:5432/main?ssl=1"
                             << "db.prod.internal";
        QTest::newRow("jdbc") << "jdbc:postgresql://db.prod.internal/main"
                              << "db.prod.internal";
        QTest::newRow("ipv6") << "https://[::1]:8443/"
                              << "::1";
        QTest::newRow("path") << "db.prod.internal/main"
                              << "db.prod.internal";
        QTest::newRow("sentence") << "ask the team lead"
                                  << "";
        QTest::newRow("empty") << ""
                               << "";
    }
    void hostIsFoundInFieldValues()
    {
        QFETCH(QString, value);
        QFETCH(QString, host);
        QCOMPARE(hostOf(value), host);
    }

    void ttlReadsFourUnits_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("days") << "30d" << qint64(30 * 86400);
        QTest::newRow("hours") << "8h" << qint64(8 * 3600);
        QTest::newRow("minutes") << "45m" << qint64(45 * 60);
        QTest::newRow("seconds") << "90s" << qint64(90);
        QTest::newRow("limit") << "3650d" << qint64(3650LL * 86400);
        QTest::newRow("zero") << "0d" << qint64(-1);
        QTest::newRow("over the limit") << "3651d" << qint64(-1);
        QTest::newRow("no unit") << "30" << qint64(-1);
        QTest::newRow("weeks") << "2w" << qint64(-1);
        QTest::newRow("negative") << "-1d" << qint64(-1);
        QTest::newRow("two units") << "1h30m" << qint64(-1);
        QTest::newRow("huge") << "99999999999d" << qint64(-1);
    }
    void ttlReadsFourUnits()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seconds);
        QCOMPARE(parseTtl(text).value_or(-1), seconds);
        if (seconds > 0)
            QCOMPARE(parseTtl(formatTtl(seconds)), std::optional<qint64>(seconds));
    }

    void ttlIsWrittenInTheLargestExactUnit()
    {
        QCOMPARE(formatTtl(86400 * 30), "30d");
        QCOMPARE(formatTtl(3600 * 36), "36h");
        QCOMPARE(formatTtl(90 * 60), "90m");
        QCOMPARE(formatTtl(61), "61s");
    }

    void slugs_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("slug");
        QTest::newRow("words") << "Read the handbook!"
                               << "read-the-handbook";
        QTest::newRow("accents") << QString::fromUtf8("Café — première") << "cafe-premiere";
        QTest::newRow("digits") << "Day 1: setup"
                                << "day-1-setup";
        QTest::newRow("symbols only") << "!!!"
                                      << "";
        QTest::newRow("non-latin") << QString::fromUtf8("入門") << "";
    }
    void slugs()
    {
        QFETCH(QString, text);
        QFETCH(QString, slug);
        QCOMPARE(slugify(text), slug);
        QVERIFY(slug.isEmpty() || isSlug(slug));
    }

    void slugValidity()
    {
        QVERIFY(isSlug("a"));
        QVERIFY(isSlug("0-setup_2"));
        QVERIFY(!isSlug(""));
        QVERIFY(!isSlug("-a"));
        QVERIFY(!isSlug("_a"));
        QVERIFY(!isSlug("A"));
        QVERIFY(!isSlug("a b"));
    }

    void secretFieldNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("password") << "password" << true;
        QTest::newRow("db_password") << "db_password" << true;
        QTest::newRow("apiToken") << "apiToken" << true;
        QTest::newRow("api-key") << "api-key" << true;
        QTest::newRow("apikey") << "apikey" << true;
        QTest::newRow("secret") << "Secret" << true;
        QTest::newRow("host") << "host" << false;
        QTest::newRow("user") << "user" << false;
        QTest::newRow("auth_method") << "auth_method" << false;
        QTest::newRow("key_id") << "key_id" << false;
        QTest::newRow("monkey") << "monkey" << false;
    }
    void secretFieldNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, secret);
        QCOMPARE(isSecretFieldName(name), secret);
    }
};

QTEST_GUILESS_MAIN(TestChecklistRules)
#include "TestChecklistRules.moc"
