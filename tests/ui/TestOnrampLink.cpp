// onramp:// links as the desktop file hands them to the app: the two forms
// read into their fields; anything else is refused with a sentence naming
// what is wrong, and a link never brings a passphrase or a secret.
#include "OnrampLink.h"

#include <QTest>

using onramp::ui::OnrampLink;

class TestOnrampLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheTwoForms_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<bool>("server");
        QTest::addColumn<QString>("vault");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("name");
        QTest::newRow("open") << "onramp://open?vault=/srv/vaults/acme&name=alex" << false << "/srv/vaults/acme"
                              << ""
                              << "alex";
        QTest::newRow("open, no name") << "onramp://open?vault=/srv/acme" << false << "/srv/acme"
                                       << ""
                                       << "";
        QTest::newRow("open, encoded path made clean")
            << "onramp://open?vault=%2Fhome%2Fada%2FTeam%20vault%2F..%2Facme%2F&name=maya" << false << "/home/ada/acme"
            << ""
            << "maya";
        QTest::newRow("open, a path with non-ASCII letters")
            << "onramp://open?vault=/srv/%C3%BCbung&name=alex" << false << QStringLiteral("/srv/übung") << ""
            << "alex";
        QTest::newRow("server") << "onramp://server?url=postgresql%3A%2F%2Fdb.example.com%3A5432%2Fonramp&name=alex"
                                << true << ""
                                << "postgresql://db.example.com:5432/onramp"
                                << "alex";
        QTest::newRow("server, keys in another order")
            << "onramp://server?name=sam&url=postgresql://db.example.com/onramp" << true << ""
            << "postgresql://db.example.com/onramp"
            << "sam";
    }
    void readsTheTwoForms()
    {
        QFETCH(QString, link);
        QFETCH(bool, server);
        OnrampLink out;
        QString error;
        QVERIFY2(OnrampLink::parse(link, &out, &error), qPrintable(error));
        QCOMPARE(out.kind == OnrampLink::Kind::Server, server);
        QTEST(out.vault, "vault");
        QTEST(out.url, "url");
        QTEST(out.name, "name");
    }

    void refusesWhatItDoesNotKnowByName_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("says");
        QTest::newRow("another scheme") << "https://open?vault=/srv/acme"
                                        << "not an onramp:// link";
        QTest::newRow("another action") << "onramp://delete?vault=/srv/acme"
                                        << "“delete” is neither open nor server";
        QTest::newRow("unknown key") << "onramp://open?vault=/srv/acme&colour=red"
                                     << "unknown field “colour”";
        QTest::newRow("a key of the other form") << "onramp://open?vault=/srv/acme&url=postgresql://x/y"
                                                 << "unknown field “url”";
        QTest::newRow("a passphrase") << "onramp://open?vault=/srv/acme&name=alex&passphrase=hunter22hunter22"
                                      << "never carries a passphrase";
        QTest::newRow("a secret") << "onramp://server?url=postgresql://db/x&secret=s3"
                                  << "never carries a passphrase";
        QTest::newRow("a password in the server's address")
            << "onramp://server?url=postgresql%3A%2F%2Falex%3Ahunter2%40db.example.com%2Fonramp"
            << "url holds a password";
        QTest::newRow("a password among the server's parameters")
            << "onramp://server?url=postgresql%3A%2F%2Fdb.example.com%2Fonramp%3Fpassword%3Dx"
            << "url holds a password";
        QTest::newRow("a key twice") << "onramp://open?vault=/srv/a&vault=/srv/b"
                                     << "“vault” twice";
        QTest::newRow("relative path") << "onramp://open?vault=vaults/acme&name=alex"
                                       << "“vaults/acme” is not an absolute path";
        QTest::newRow("dot path") << "onramp://open?vault=../acme"
                                  << "not an absolute path";
        QTest::newRow("no vault") << "onramp://open?name=alex"
                                  << "names no vault folder";
        QTest::newRow("empty vault") << "onramp://open?vault=&name=alex"
                                     << "names no vault folder";
        QTest::newRow("control character in the path") << "onramp://open?vault=/srv/acme%0A&name=alex"
                                                       << "field “vault” holds a control character";
        QTest::newRow("NUL in the name") << "onramp://open?vault=/srv/acme&name=alex%00"
                                         << "control character";
        QTest::newRow("a text direction mark") << "onramp://open?vault=/srv/%E2%80%AEacme"
                                               << "control character";
        QTest::newRow("a raw line break") << "onramp://open?vault=/srv/acme\n&name=alex"
                                          << "control character";
        QTest::newRow("not a person's name") << "onramp://open?vault=/srv/acme&name=Alex%20Kim"
                                             << "“Alex Kim” is not a person's sign-in name";
        QTest::newRow("no server") << "onramp://server?name=alex"
                                   << "names no team server";
        QTest::newRow("a server that is no postgresql:// URI") << "onramp://server?url=https://evil.example/"
                                                               << "not a postgresql:// address";
        QTest::newRow("a fragment") << "onramp://open?vault=/srv/acme#x"
                                    << "more than onramp://open";
        QTest::newRow("a path") << "onramp://open/etc?vault=/srv/acme"
                                << "more than onramp://open";
        QTest::newRow("too long") << QStringLiteral("onramp://open?vault=/") + QString(5000, u'a')
                                  << "longer than 4096 characters";
    }
    void refusesWhatItDoesNotKnowByName()
    {
        QFETCH(QString, link);
        QFETCH(QString, says);
        OnrampLink out;
        out.vault = QStringLiteral("/untouched");
        QString error;
        QVERIFY(!OnrampLink::parse(link, &out, &error));
        QVERIFY2(error.contains(says), qPrintable(error));
        QCOMPARE(out.vault, QStringLiteral("/untouched"));
    }

    void onlyOnrampArgumentsAreLinks()
    {
        QVERIFY(OnrampLink::isLink(QStringLiteral("onramp://open?vault=/x")));
        QVERIFY(OnrampLink::isLink(QStringLiteral("ONRAMP://open?vault=/x")));
        QVERIFY(!OnrampLink::isLink(QStringLiteral("--vault")));
        QVERIFY(!OnrampLink::isLink(QStringLiteral("status")));
    }
};

QTEST_GUILESS_MAIN(TestOnrampLink)
#include "TestOnrampLink.moc"
