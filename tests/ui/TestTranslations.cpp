// The build embeds the translations made from i18n/*.ts; a missing or empty
// .qm would leave every screen untranslated without a word.
#include <QCoreApplication>
#include <QDir>
#include <QTest>
#include <QTranslator>

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
};

QTEST_GUILESS_MAIN(TestTranslations)

#include "TestTranslations.moc"
