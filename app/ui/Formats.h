#pragma once

#include "people/Person.h"

#include <QDateTime>
#include <QLocale>
#include <QObject>
#include <QString>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// A role in the words of the language in use ("hire" reads "Neuzugang" in
/// German); the raw name (roleName) stays what logic compares.
QString roleTitle(Role role);
/// roleTitle() of the raw name \a name; \a name itself when it is no role.
QString roleTitle(const QString& name);
/// Every role, in the order a role picker lists them, each as a map with
/// "value" (the raw name) and "text" (its title).
QVariantList roleChoices();

/// Makes \a language ("system", "en", "de") the default locale, so that every
/// QLocale() and QML's Qt.locale() formats dates and numbers in it; a system
/// language with no translation (a bare "C" system too) formats in English,
/// as the texts around the dates are.
void useLocaleOf(const QString& language);

// One style of date per purpose, in the default locale (useLocaleOf), so that
// every page writes the same kind of date the same way. A moment is shown in
// local time; an invalid date or moment gives an empty text.

/// A date inside a sentence ("started %1"): the month in words, without the day of the week.
QString sentenceDate(const QDate& date);
/// A moment inside a sentence ("done on %1"): sentenceDate() and the time.
QString sentenceDate(const QDateTime& at);
/// A date in a list column or beside a list's row ("due %1"): the month abbreviated, still in words.
QString listDate(const QDate& date);
/// A moment in a list column: the list date and the time.
QString listDate(const QDateTime& at);
/// A moment in the audit log: the list date and the locale's short time with the seconds.
QString logTime(const QDateTime& at);
/// logTime() on two lines, the date above the time: a narrow table column's.
QString logTimeLines(const QDateTime& at);

/// Progress through a checklist in words: "3 of 5 steps done", and
/// " · 1 waiting for review" when \a waiting steps wait for the mentor. The
/// figures come from EnrollmentStatus (doneCount(), awaitingReviewCount()).
QString progressText(int done, int total, int waiting);

/// A core message ("the passphrase is too short: …") as a sentence of
/// the window's own: its first letter a capital (unless it begins with a
/// name of the database's, "credential_secrets"), a full stop at its end.
QString asSentence(QString message);

/// Titles in quotation marks, one after another: "“Meet your mentor”, “Run
/// the tests”", as the sentences listing steps write them.
QString quotedTitles(const QStringList& titles);

/// After a new version of a checklist is stored: " 2 hires stay on an
/// earlier version until you move them (Admin › Enrollments)." for the
/// \a enrolledOnEarlier hires who stay; empty for none.
QString stayBehindText(int enrolledOnEarlier);

/// How long a wait lasted, in the largest unit that reads well: "under a
/// minute", minutes ("12 min") below an hour, hours below two days, then days.
QString durationText(double hours);

/// A key sequence written as Qt writes it portably ("Ctrl+Shift+A") in the
/// words of the language in use ("Strg+Umschalt+A"); Qt's own translation
/// of the key names is installed with Onramp's (installTranslations).
QString keysText(const QString& portable);

/// The styles above for QML, as `Formats`.
class Formats : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;
    Q_INVOKABLE static QString sentenceDate(const QDateTime& at) { return ui::sentenceDate(at.date()); }
    Q_INVOKABLE static QString listDate(const QDateTime& at) { return ui::listDate(at); }
    /// A time as the audit log shows it: a list's date and time, with seconds.
    Q_INVOKABLE static QString logTime(const QDateTime& at) { return ui::logTime(at); }
    Q_INVOKABLE static QString logTimeLines(const QDateTime& at) { return ui::logTimeLines(at); }
    Q_INVOKABLE static QString keys(const QString& portable) { return keysText(portable); }
    Q_INVOKABLE static QString progress(int done, int total, int waiting) { return progressText(done, total, waiting); }
    /// \a text between the quotation marks of the language in use: “…” in English, „…“ in German.
    Q_INVOKABLE static QString quoted(const QString& text) { return QLocale().quoteString(text); }
    /// A role's raw name ("hire", "mentor", "admin") in the words of the language in use.
    Q_INVOKABLE static QString role(const QString& name) { return roleTitle(name); }
};

} // namespace onramp::ui
