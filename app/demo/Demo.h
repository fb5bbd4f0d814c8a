#pragma once

#include "Clock.h"
#include "Error.h"

#include <QList>
#include <QString>

namespace onramp::demo {

/// A person of the demo vault; the passphrases are public by design and shown
/// on the sign-in screen, labelled as demo.
struct DemoPerson {
    QString name;
    QString displayName;
    QString role;
    QString passphrase;
};

/// The demo admin, mentor and hire.
QList<DemoPerson> people();

/// True when \a dir holds a vault made by createDemoVault(): its marker file,
/// and the demo admin's public passphrase opens the demo admin's slot. A
/// marker planted in a real vault's folder does not make it the demo.
bool isDemoVault(const QString& dir);
/// True when \a dir holds a demo vault made with today's demo passphrases.
bool isCurrentDemoVault(const QString& dir);

/// The sample checklist the demo vault starts with (YAML).
QByteArray sampleChecklist();

/// Creates the demo vault in \a dir: a demo admin, mentor and hire, the sample
/// checklist, the hire enrolled with the mentor, starting today, and the
/// static production secret set (a random value), so the journey ends usable.
/// Its people's slots use libsodium's minimum cost (DemoKdfScope): their
/// passphrases are public.
Error createDemoVault(const QString& dir, const Clock& clock = defaultClock());
/// Removes an older demo vault in \a dir (a folder with the demo's marker;
/// only the demo's own folder is ever passed) and creates the demo vault there
/// again, with its team (seedDemoTeam()), so that the mentor's, the report's
/// and the admin's pages have hires at every stage to show.
Error recreateDemoVault(const QString& dir, const Clock& clock = defaultClock());

/// The demo hire's step that holds a conversation: done with a note, sent
/// back with a comment, redone with another note and waiting again.
inline const QString kConversationStep = QStringLiteral("restore-drill");

/// Moves the demo along as a screenshot or a walkthrough wants it: the hire
/// has done the day-one steps, the sandbox tests (approved by the mentor) and
/// the restore drill (sent back once, redone, waiting for the review again).
Error seedDemoProgress(const QString& dir, const Clock& clock = defaultClock());

/// Adds a team to the demo for the report to chart: four more hires of the
/// demo mentor who started one to ten weeks ago, two signed off, one waiting
/// for a review, one behind on overdue steps. Their passphrase is public, as
/// every demo passphrase is.
Error seedDemoTeam(const QString& dir, const Clock& clock = defaultClock());
/// The passphrase of each hire seedDemoTeam() adds: public, as every demo passphrase is.
QByteArray teamPassphrase();
/// The hires seedDemoTeam() adds, each with teamPassphrase().
QList<DemoPerson> teamPeople();
/// Everyone the demo the app opens holds (recreateDemoVault()): people(),
/// then teamPeople(), each with the passphrase the sign-in page shows.
QList<DemoPerson> everyone();

} // namespace onramp::demo
