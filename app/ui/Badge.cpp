#include "Badge.h"

#include "EnrollmentBackend.h"
#include "LauncherEntry.h"
#include "Session.h"

#include "onboarding/Enrollments.h"
#include "onboarding/StepThread.h"
#include "vault/Vault.h"

#include <QCoreApplication>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QSettings>

#include <optional>

Q_LOGGING_CATEGORY(lcBadge, "onramp.ui.badge")

namespace onramp::ui {

namespace {

const QString kLauncherKey = QStringLiteral("badge/launcher");

/// What the worker read for one person.
struct Read {
    QString person;
    int count = 0; ///< everything but the replies, which this desktop's settings say were read or not
    QHash<QString, QDateTime> replies; ///< the hire's: when their mentor last wrote on each step
    /// The mentor's: each mentee's enrollment with the hire's notes not
    /// answered and their marks per step, counted with this
    /// desktop's read marks (EnrollmentBackend::dropNotesRead).
    struct Notes {
        EnrollmentStatus status;
        QHash<QString, QStringList> unanswered;
        QHash<QString, QStringList> marks;
    };
    QList<Notes> notes;
    std::optional<EnrollmentStatus> own; ///< the hire's own enrollment, for the news this desktop has not shown
    bool failed = false;
};

Error countFor(Vault& vault, Read* read)
{
    read->person = vault.me().name;
    QList<EnrollmentStatus> visible;
    if (Error e = Enrollments(vault).visible(&visible))
        return e;
    StepThread thread(vault);
    for (const EnrollmentStatus& status : std::as_const(visible)) {
        if (status.mentor.name == read->person) {
            read->count += status.awaitingReviewCount();
            Read::Notes notes{status, {}, {}};
            if (Error e = thread.unanswered(status, &notes.unanswered, &notes.marks))
                return e;
            if (!notes.unanswered.isEmpty())
                read->notes.append(std::move(notes));
        }
        if (status.hire.name == read->person) {
            for (const StepView& step : status.steps) {
                if (step.status() == StepStatus::SentBack)
                    ++read->count;
            }
            if (Error e = thread.replies(status, &read->replies))
                return e;
            read->own = status;
        }
    }
    return {};
}

} // namespace

Badge::Badge(QObject* parent)
    : QObject(parent)
    , m_launcherEnabled(QSettings().value(kLauncherKey, true).toBool())
{
    Session* session = Session::instance();
    connect(session, &Session::unlockedChanged, this, &Badge::recount);
    connect(session, &Session::changed, this, &Badge::recount);
    connect(session, &Session::readMarksChanged, this, &Badge::recount);
    connect(session, &Session::changedElsewhere, this, &Badge::recount);
}

Badge::~Badge() = default;

Badge* Badge::instance()
{
    static Badge* badge = new Badge(QCoreApplication::instance());
    return badge;
}

Badge* Badge::create(QQmlEngine*, QJSEngine*)
{
    Badge* badge = instance();
    QJSEngine::setObjectOwnership(badge, QJSEngine::CppOwnership);
    return badge;
}

void Badge::setLauncherEnabled(bool enabled)
{
    if (enabled == m_launcherEnabled)
        return;
    m_launcherEnabled = enabled;
    QSettings().setValue(kLauncherKey, enabled);
    Q_EMIT launcherEnabledChanged();
    publish();
}

void Badge::setLauncherEntry(std::unique_ptr<LauncherEntry> entry)
{
    m_launcher = std::move(entry);
}

void Badge::recount()
{
    Session* session = Session::instance();
    if (!session->isUnlocked()) {
        setCount(0);
        return;
    }
    auto read = std::make_shared<Read>();
    session->performUnattended(
        this,
        [read](Vault& vault) {
            // The pages' own reads, verified; a failed one counts nothing rather than a guess.
            if (Error e = countFor(vault, read.get())) {
                qCInfo(lcBadge) << "nothing is counted: the read failed";
                read->failed = true;
            }
            return Error();
        },
        [this, read](const Error& error) {
            if (error || read->person != Session::instance()->userName())
                return; // locked, or someone else signed in, meanwhile
            int count = read->failed ? 0 : read->count;
            if (!read->failed) {
                count += EnrollmentBackend::unreadReplies(read->person, read->replies);
                for (Read::Notes& notes : read->notes) {
                    EnrollmentBackend::dropNotesRead(notes.status.hire.name, notes.marks, &notes.unanswered);
                    count += StepThread::waitingApart(notes.status, notes.unanswered);
                }
                // The rest of what Home's "New since you last looked" tells: approvals, a sign-off, a revocation.
                if (read->own)
                    count += EnrollmentBackend::unseenNews(read->person, *read->own, read->replies);
            }
            setCount(count);
        });
}

void Badge::setCount(int count)
{
    const bool changed = count != m_count;
    m_count = count;
    if (changed)
        Q_EMIT countChanged();
    publish();
    Q_EMIT counted(count);
}

void Badge::publish()
{
    const bool visible = m_launcherEnabled && m_count > 0;
    // Nothing to take away: a desktop that never showed a badge is not woken for one.
    if (!visible && !m_published)
        return;
    if (!m_launcher) // the session bus is first reached here, not at the start
        m_launcher = std::make_unique<LauncherEntry>();
    m_launcher->update(m_count, visible);
    m_published = visible;
}

} // namespace onramp::ui
