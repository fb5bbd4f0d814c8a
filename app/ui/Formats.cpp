#include "Formats.h"

#include "Translations.h"

#include <QCoreApplication>
#include <QKeySequence>
#include <QLocale>
#include <QRegularExpression>

#include <cmath>

namespace onramp::ui {

QString roleTitle(Role role)
{
    switch (role) {
    case Role::Hire:
        return Formats::tr("hire", "a person's role");
    case Role::Mentor:
        return Formats::tr("mentor", "a person's role");
    case Role::Admin:
        return Formats::tr("admin", "a person's role");
    }
    return {};
}

QString roleTitle(const QString& name)
{
    const std::optional<Role> role = roleFromName(name);
    return role ? roleTitle(*role) : name;
}

QVariantList roleChoices()
{
    QVariantList choices;
    for (Role role : {Role::Hire, Role::Mentor, Role::Admin})
        choices.append(
            QVariantMap{{QStringLiteral("value"), roleName(role)}, {QStringLiteral("text"), roleTitle(role)}});
    return choices;
}

void useLocaleOf(const QString& language)
{
    QLocale locale = language == QLatin1String("system") ? QLocale::system() : QLocale(language);
    // A system language without a translation (the "C" of a bare system among
    // them) shows the English texts: its dates are English ones too, the same
    // as when English is chosen.
    const QString code = QLocale::languageToCode(locale.language());
    if (!translationLanguages().contains(code))
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    QLocale::setDefault(locale);
}

namespace {

/// The locale's long date format without its weekday ("dddd, "), which only
/// makes the line longer; with \a shortMonth, the month's name abbreviated.
/// The month stays in words in both: "3/1/26" is the first of March to some
/// and the third of January to others.
QString dateFormatInWords(bool shortMonth)
{
    static const QRegularExpression weekday(QStringLiteral("^[^dMy]*dddd[^dMy]*|[^dMy]*dddd[^dMy]*$"));
    QString format = QLocale().dateFormat(QLocale::LongFormat);
    format.remove(weekday);
    if (shortMonth)
        format.replace(QStringLiteral("MMMM"), QStringLiteral("MMM"));
    return format;
}

} // namespace

QString sentenceDate(const QDate& date)
{
    return date.isValid() ? QLocale().toString(date, dateFormatInWords(false)) : QString();
}

QString sentenceDate(const QDateTime& at)
{
    if (!at.isValid())
        return {};
    const QDateTime local = at.toLocalTime();
    return sentenceDate(local.date()) + QStringLiteral(", ") + QLocale().toString(local.time(), QLocale::ShortFormat);
}

QString listDate(const QDate& date)
{
    return date.isValid() ? QLocale().toString(date, dateFormatInWords(true)) : QString();
}

QString listDate(const QDateTime& at)
{
    if (!at.isValid())
        return {};
    const QDateTime local = at.toLocalTime();
    return listDate(local.date()) + QStringLiteral(", ") + QLocale().toString(local.time(), QLocale::ShortFormat);
}

namespace {

/// logTime() with \a between its date and its time.
QString logTimeWith(const QDateTime& at, QStringView between)
{
    if (!at.isValid())
        return {};
    const QDateTime local = at.toLocalTime();
    // The locale's short time, as every page shows a time, with the seconds
    // that tell apart the entries of one minute ("2:07:09 PM", "14:07:09").
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    const qsizetype minutes = format.lastIndexOf(QStringLiteral("mm"));
    if (!format.contains(u's') && minutes >= 0)
        format.insert(minutes + 2, QStringLiteral(":ss"));
    return listDate(local.date()) + between.toString() + QLocale().toString(local.time(), format);
}

} // namespace

QString logTime(const QDateTime& at)
{
    return logTimeWith(at, u", ");
}

QString logTimeLines(const QDateTime& at)
{
    return logTimeWith(at, u"\n");
}

QString progressText(int done, int total, int waiting)
{
    QString text = Formats::tr("%1 of %n steps done", "", total).arg(done);
    if (waiting > 0)
        text += Formats::tr(" · %n waiting for review", "", waiting);
    return text;
}

QString asSentence(QString message)
{
    if (message.isEmpty())
        return message;
    // A name of the database's ("credential_secrets: …") is left as it is written.
    if (!message.section(QLatin1Char(' '), 0, 0).contains(QLatin1Char('_')))
        message[0] = message.at(0).toUpper();
    if (!message.endsWith(QLatin1Char('.')))
        message += QLatin1Char('.');
    return message;
}

QString quotedTitles(const QStringList& titles)
{
    QStringList q;
    for (const QString& t : titles)
        q.append(Formats::tr("“%1”", "a title quoted in a list of them").arg(t));
    return q.join(Formats::tr(", ", "between titles in a list"));
}

QString stayBehindText(int enrolledOnEarlier)
{
    if (enrolledOnEarlier <= 0)
        return {};
    return QLatin1Char(' ')
        + Formats::tr("%n hire(s) stay on an earlier version until you move them (Admin › Enrollments).", "",
                      enrolledOnEarlier);
}

QString durationText(double hours)
{
    constexpr long kMinutesPerHour = 60;
    constexpr double kHoursPerDay = 24.0;
    // Up to two days read best in hours, longer in days.
    constexpr double kHoursShownAsHours = 48.0;
    const auto minutes = std::lround(hours * kMinutesPerHour);
    if (minutes < 1)
        return Formats::tr("under a minute", "a wait");
    if (minutes < kMinutesPerHour)
        return Formats::tr("%n min", "a wait in minutes", int(minutes));
    if (hours < kHoursShownAsHours)
        return Formats::tr("%n hour(s)", "", int(std::lround(hours)));
    return Formats::tr("%n day(s)", "", int(std::lround(hours / kHoursPerDay)));
}

QString keysText(const QString& portable)
{
    return QKeySequence(portable, QKeySequence::PortableText).toString(QKeySequence::NativeText);
}

} // namespace onramp::ui
