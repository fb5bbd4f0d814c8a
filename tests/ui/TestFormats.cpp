// One style of date per purpose, in English and in German, and the names of
// keys in the language in use; progress and waits in words.
#include "Formats.h"
#include "Translations.h"

#include <QGuiApplication>
#include <QTest>

using namespace onramp::ui;

class TestFormats : public QObject
{
    Q_OBJECT

private:
    const QDate m_day{2026, 3, 5}; // a Thursday
    const QDateTime m_at{m_day, QTime(14, 7, 9)}; // local time

private Q_SLOTS:
    void cleanup()
    {
        useLocaleOf(QStringLiteral("en"));
        QVERIFY(onramp::installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
    }

    void eachPurposeHasItsStyle_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("sentence");
        QTest::addColumn<QString>("sentenceMoment");
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("listMoment");
        QTest::addColumn<QString>("log");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("March 5, 2026")
                            << QStringLiteral("March 5, 2026, 2:07 PM") << QStringLiteral("Mar 5, 2026")
                            << QStringLiteral("Mar 5, 2026, 2:07 PM") << QStringLiteral("Mar 5, 2026, 2:07:09 PM");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("5. März 2026")
                            << QStringLiteral("5. März 2026, 14:07") << QStringLiteral("5. März 2026")
                            << QStringLiteral("5. März 2026, 14:07") << QStringLiteral("5. März 2026, 14:07:09");
    }

    void eachPurposeHasItsStyle()
    {
        QFETCH(QString, language);
        useLocaleOf(language);
        QTEST(sentenceDate(m_day), "sentence");
        QTEST(sentenceDate(m_at), "sentenceMoment");
        QTEST(listDate(m_day), "list");
        QTEST(listDate(m_at), "listMoment");
        QTEST(logTime(m_at), "log");
        // The QML face gives the same.
        QCOMPARE(Formats::sentenceDate(m_at), sentenceDate(m_day));
        QCOMPARE(Formats::listDate(m_at), listDate(m_at));
    }

    void noDateIsEmpty()
    {
        QVERIFY(sentenceDate(QDate()).isEmpty());
        QVERIFY(sentenceDate(QDateTime()).isEmpty());
        QVERIFY(listDate(QDate()).isEmpty());
        QVERIFY(listDate(QDateTime()).isEmpty());
        QVERIFY(logTime(QDateTime()).isEmpty());
    }

    void aWaitReadsInTheUnitThatFits_data()
    {
        QTest::addColumn<double>("hours");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << 0.004 << "under a minute";
        QTest::newRow("a minute") << 1.0 / 60 << "1 min";
        QTest::newRow("minutes") << 0.5 << "30 min";
        QTest::newRow("almost an hour") << 59.6 / 60 << "1 hour";
        QTest::newRow("hours") << 6.2 << "6 hours";
        QTest::newRow("a day and more") << 47.0 << "47 hours";
        QTest::newRow("days") << 72.0 << "3 days";
    }

    void aWaitReadsInTheUnitThatFits()
    {
        QFETCH(double, hours);
        QTEST(durationText(hours), "text");
    }

    void progressSaysWhatWaitsForReviewApart()
    {
        QCOMPARE(progressText(3, 5, 0), QStringLiteral("3 of 5 steps done"));
        QCOMPARE(progressText(3, 5, 1), QStringLiteral("3 of 5 steps done · 1 waiting for review"));
    }

    void aCoreMessageReadsAsASentence_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("plain") << QStringLiteral("the passphrase is too short")
                               << QStringLiteral("The passphrase is too short.");
        QTest::newRow("already one") << QStringLiteral("Done.") << QStringLiteral("Done.");
        // A table's name stays as the database writes it.
        QTest::newRow("table name") << QStringLiteral("credential_secrets: the kept secret of 'x' does not open")
                                    << QStringLiteral("credential_secrets: the kept secret of 'x' does not open.");
        QTest::newRow("empty") << QString() << QString();
    }

    void aCoreMessageReadsAsASentence()
    {
        QFETCH(QString, message);
        QFETCH(QString, sentence);
        QCOMPARE(asSentence(message), sentence);
    }

    void keysAreNamedInTheLanguageInUse()
    {
        QCOMPARE(keysText(QStringLiteral("Ctrl+Shift+A")), QStringLiteral("Ctrl+Shift+A"));
        QCOMPARE(keysText(QStringLiteral("Esc")), QStringLiteral("Esc"));
        QVERIFY(onramp::installTranslations(*QCoreApplication::instance(), QStringLiteral("de")));
        QCOMPARE(keysText(QStringLiteral("Ctrl+Shift+A")), QStringLiteral("Strg+Umschalt+A"));
        QCOMPARE(keysText(QStringLiteral("F1")), QStringLiteral("F1"));
        // Back to English: Qt's German goes with Onramp's.
        QVERIFY(onramp::installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
        QCOMPARE(keysText(QStringLiteral("Ctrl+L")), QStringLiteral("Ctrl+L"));
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    TestFormats test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestFormats.moc"
