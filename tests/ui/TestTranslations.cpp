// The build embeds the translations made from i18n/*.ts; a missing or empty
// .qm would leave every screen untranslated without a word. English holds the
// plural forms ("1 entry", "2 entries") of every %n text.
#include "CredentialsBackend.h"
#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTsFileIsEmbeddedAsAQmFile()
    {
        const QStringList tsFiles = QDir(QStringLiteral(ONRAMP_SOURCE_DIR "/i18n")).entryList({QStringLiteral("*.ts")});
        QVERIFY(!tsFiles.isEmpty());
        for (const QString& ts : tsFiles) {
            const QString qm = QStringLiteral(":/i18n/") + QFileInfo(ts).completeBaseName() + QStringLiteral(".qm");
            QTranslator translator;
            // English is the source language, so onramp_en.qm may hold no
            // translation at all; it must still be there and load.
            QVERIFY2(translator.load(qm), qPrintable(qm));
        }
    }

    void everyPluralTextHasItsForms()
    {
        const QDir dir(QStringLiteral(ONRAMP_SOURCE_DIR "/i18n"));
        for (const QString& ts : dir.entryList({QStringLiteral("*.ts")})) {
            QFile file(dir.filePath(ts));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            QXmlStreamReader xml(&file);
            bool numerus = false;
            QString source;
            int plurals = 0;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("message")) {
                    numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                } else if (xml.isStartElement() && xml.name() == QLatin1String("source")) {
                    source = xml.readElementText();
                } else if (numerus && xml.isStartElement() && xml.name() == QLatin1String("translation")) {
                    QVERIFY2(xml.attributes().value(QLatin1String("type")).isEmpty(),
                             qPrintable(QStringLiteral("%1:%2: '%3' has no finished plural forms")
                                            .arg(ts)
                                            .arg(xml.lineNumber())
                                            .arg(source)));
                    ++plurals;
                } else if (numerus && xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                    QVERIFY2(!xml.readElementText().trimmed().isEmpty(),
                             qPrintable(QStringLiteral("%1:%2: '%3' has an empty plural form")
                                            .arg(ts)
                                            .arg(xml.lineNumber())
                                            .arg(source)));
                }
            }
            QVERIFY2(!xml.hasError(), qPrintable(ts + QLatin1String(": ") + xml.errorString()));
            QVERIFY2(plurals > 0, qPrintable(ts));
        }
    }

    void timeLeftReadsAsEnglish_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("up") << qint64(0) << QStringLiteral("time is up");
        QTest::newRow("past") << qint64(-90) << QStringLiteral("time is up");
        QTest::newRow("seconds") << qint64(59) << QStringLiteral("less than a minute left");
        QTest::newRow("one minute") << qint64(60) << QStringLiteral("1 minute left");
        QTest::newRow("minutes") << qint64(45 * 60 + 30) << QStringLiteral("45 minutes left");
        QTest::newRow("one hour") << qint64(3600) << QStringLiteral("1 hour left");
        QTest::newRow("hours and a minute") << qint64(3 * 3600 + 60) << QStringLiteral("3 hours 1 minute left");
        QTest::newRow("hours and minutes") << qint64(7 * 3600 + 59 * 60) << QStringLiteral("7 hours 59 minutes left");
        QTest::newRow("one day") << qint64(24 * 3600) << QStringLiteral("1 day left");
        QTest::newRow("days") << qint64(30 * 24 * 3600 + 5) << QStringLiteral("30 days left");
    }

    void timeLeftReadsAsEnglish()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, expected);
        static const bool installed = onramp::installTranslations(*QCoreApplication::instance());
        QVERIFY(installed);
        QCOMPARE(onramp::ui::CredentialsBackend::formatTimeLeft(seconds), expected);
    }
};

QTEST_GUILESS_MAIN(TestTranslations)

#include "TestTranslations.moc"
