// The build embeds the translations made from i18n/*.ts; a missing or empty
// .qm would leave every screen untranslated without a word. English holds the
// plural forms ("1 entry", "2 entries") of every %n text; German translates
// every message, and keeps the placeholders its source has.
#include "CredentialsBackend.h"
#include "Formats.h"
#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>
#include <algorithm>

namespace {

/// One message of a .ts file, as lupdate wrote it.
struct TsMessage {
    QString context;
    QString source;
    QStringList forms; ///< the translation, or its plural forms
    QString type; ///< "unfinished", "vanished", "obsolete" or empty when finished
    bool numerus = false;
    qint64 line = 0;
};

/// The messages of the .ts file \a name in i18n/; an XML error fails the test.
QList<TsMessage> readTs(const QString& name, QString* error)
{
    QFile file(QStringLiteral(ONRAMP_SOURCE_DIR "/i18n/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.fileName() + QLatin1String(": ") + file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            TsMessage message;
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            message.line = xml.lineNumber();
            messages.append(message);
        } else if (xml.name() == QLatin1String("source") && !messages.isEmpty()) {
            messages.last().source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation") && !messages.isEmpty()) {
            messages.last().type = xml.attributes().value(QLatin1String("type")).toString();
            if (!messages.last().numerus)
                messages.last().forms.append(xml.readElementText());
        } else if (xml.name() == QLatin1String("numerusform") && !messages.isEmpty()) {
            messages.last().forms.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1:%2: %3").arg(file.fileName()).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

/// The placeholders of \a text that QString::arg and tr's %n fill: %1 to
/// %99, %L1, %n and %Ln.
QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression placeholder(QStringLiteral("%L?(?:[1-9][0-9]?|n)"));
    QSet<QString> found;
    for (auto it = placeholder.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

/// The HTML tags of \a text, in order: a translation keeps the markup.
QStringList tags(const QString& text)
{
    static const QRegularExpression tag(QStringLiteral("</?[a-zA-Z][^<>]*>"));
    QStringList found;
    for (auto it = tag.globalMatch(text); it.hasNext();)
        found.append(it.next().captured());
    return found;
}

QString where(const TsMessage& m)
{
    return QStringLiteral("onramp_de.ts:%1 (%2) '%3'").arg(m.line).arg(m.context, m.source);
}

} // namespace

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

    // What is left to translate is listed, one line each, by this test:
    // `./dev.sh translations` runs it after refreshing the .ts files.
    void germanTranslatesEveryMessage()
    {
        QString error;
        const QList<TsMessage> messages = readTs(QStringLiteral("onramp_de.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 100);
        QStringList problems;
        for (const TsMessage& m : messages) {
            if (!m.type.isEmpty())
                problems.append(where(m) + QLatin1String(": ") + m.type);
            else if (m.numerus && m.forms.size() != 2)
                problems.append(where(m) + QStringLiteral(": %1 plural forms, German has 2").arg(m.forms.size()));
            else if (std::any_of(m.forms.cbegin(), m.forms.cend(),
                                 [](const QString& f) { return f.trimmed().isEmpty(); }))
                problems.append(where(m) + QLatin1String(": empty translation"));
        }
        for (const QString& problem : std::as_const(problems))
            qWarning().noquote() << problem;
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 messages to translate").arg(problems.size())));
    }

    // A message lupdate could not place in a class (a tr() through an alias
    // it does not follow) lands in a context without a name, which no tr()
    // at run time looks in: its translation would never show.
    void everyMessageHasAContext()
    {
        for (const QString& name : {QStringLiteral("onramp_de.ts"), QStringLiteral("onramp_en.ts")}) {
            QString error;
            const QList<TsMessage> messages = readTs(name, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QStringList nameless;
            for (const TsMessage& m : messages)
                if (m.context.isEmpty() && m.type != QLatin1String("vanished") && m.type != QLatin1String("obsolete"))
                    nameless.append(QStringLiteral("%1:%2 '%3'").arg(name).arg(m.line).arg(m.source));
            QVERIFY2(nameless.isEmpty(), qPrintable(nameless.join(u'\n')));
        }
    }

    void germanHasEveryEnglishMessage()
    {
        QString error;
        const QList<TsMessage> english = readTs(QStringLiteral("onramp_en.ts"), &error);
        const QList<TsMessage> german = readTs(QStringLiteral("onramp_de.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> translated;
        for (const TsMessage& m : german)
            translated.insert(m.context + QLatin1Char('\n') + m.source);
        QStringList missing;
        for (const TsMessage& m : english) {
            if (!translated.contains(m.context + QLatin1Char('\n') + m.source))
                missing.append(QStringLiteral("(%1) '%2'").arg(m.context, m.source));
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QLatin1String("not in onramp_de.ts: ") + missing.join(QLatin1String(", "))));
    }

    void germanKeepsPlaceholdersAndMarkup()
    {
        QString error;
        const QList<TsMessage> messages = readTs(QStringLiteral("onramp_de.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList problems;
        for (const TsMessage& m : messages) {
            for (const QString& form : m.forms) {
                if (placeholders(form) != placeholders(m.source))
                    problems.append(where(m) + QLatin1String(": placeholders differ in '") + form + QLatin1Char('\''));
                if (tags(form) != tags(m.source))
                    problems.append(where(m) + QLatin1String(": markup differs in '") + form + QLatin1Char('\''));
                if (form.count(QLatin1Char('\n')) != m.source.count(QLatin1Char('\n')))
                    problems.append(where(m) + QLatin1String(": line breaks differ in '") + form + QLatin1Char('\''));
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void placeholdersAreFoundAsArgFillsThem()
    {
        QCOMPARE(
            placeholders(QStringLiteral("%1 of %2, %L3 and %n; 100% sure")),
            (QSet<QString>{QStringLiteral("%1"), QStringLiteral("%2"), QStringLiteral("%L3"), QStringLiteral("%n")}));
        QVERIFY(placeholders(QStringLiteral("%1")) != placeholders(QStringLiteral("%2")));
    }

    void switchingTheLanguageReplacesTheTranslation()
    {
        QCoreApplication& app = *QCoreApplication::instance();
        QVERIFY(onramp::installTranslations(app, QStringLiteral("de")));
        QCOMPARE(onramp::ui::CredentialsBackend::formatTimeLeft(60), QStringLiteral("noch 1 Minute"));
        QCOMPARE(onramp::ui::CredentialsBackend::formatTimeLeft(3 * 3600 + 120),
                 QStringLiteral("noch 3 Stunden 2 Minuten"));
        QVERIFY(!onramp::installTranslations(app, QStringLiteral("xx")));
        QCOMPARE(onramp::ui::CredentialsBackend::formatTimeLeft(60), QStringLiteral("noch 1 Minute"));
        QVERIFY(onramp::installTranslations(app, QStringLiteral("en")));
        QCOMPARE(onramp::ui::CredentialsBackend::formatTimeLeft(60), QStringLiteral("1 minute left"));
        QVERIFY(onramp::installTranslations(app, QStringLiteral("system"))); // C.UTF-8 in ctest: English
        QCOMPARE(onramp::ui::CredentialsBackend::formatTimeLeft(7200), QStringLiteral("2 hours left"));
    }

    void rolesReadInTheLanguageInUse()
    {
        using onramp::Role;
        using onramp::ui::roleTitle;
        QCoreApplication& app = *QCoreApplication::instance();
        QVERIFY(onramp::installTranslations(app, QStringLiteral("de")));
        QCOMPARE(roleTitle(Role::Hire), QStringLiteral("Neuzugang"));
        QCOMPARE(roleTitle(QStringLiteral("mentor")), QStringLiteral("Mentor"));
        QCOMPARE(roleTitle(QStringLiteral("nobody")), QStringLiteral("nobody"));
        const QVariantList choices = onramp::ui::roleChoices();
        QCOMPARE(choices.size(), 3);
        QCOMPARE(choices.at(0).toMap().value(QStringLiteral("value")).toString(), QStringLiteral("hire"));
        QCOMPARE(choices.at(0).toMap().value(QStringLiteral("text")).toString(), QStringLiteral("Neuzugang"));
        QVERIFY(onramp::installTranslations(app, QStringLiteral("en")));
        QCOMPARE(roleTitle(Role::Hire), QStringLiteral("hire"));
        QCOMPARE(roleTitle(Role::Admin), QStringLiteral("admin"));
    }

    void datesFollowTheChosenLanguage()
    {
        const QDate day(2026, 12, 1);
        onramp::ui::useLocaleOf(QStringLiteral("de"));
        QCOMPARE(QLocale().toString(day, QLocale::LongFormat), QStringLiteral("Dienstag, 1. Dezember 2026"));
        onramp::ui::useLocaleOf(QStringLiteral("en"));
        QCOMPARE(QLocale().toString(day, QLocale::LongFormat), QStringLiteral("Tuesday, December 1, 2026"));
        // The system's, when Onramp speaks its language; English otherwise, as the texts are.
        onramp::ui::useLocaleOf(QStringLiteral("system"));
        const bool translated =
            onramp::translationLanguages().contains(QLocale::languageToCode(QLocale::system().language()));
        QCOMPARE(QLocale(), translated ? QLocale::system() : QLocale(QLocale::English, QLocale::UnitedStates));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)

#include "TestTranslations.moc"
