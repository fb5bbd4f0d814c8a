#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace onramp::ui {

class LauncherEntry;

/// How many things await the signed-in person: for a mentor, their mentees'
/// steps awaiting review and the hires' notes not answered yet; for a hire,
/// their steps sent back and the steps on which their mentor wrote since
/// they last looked (as Home lists them). The window's title shows it
/// ("(3) Onramp"), and so does the launcher entry on docks that read the
/// `com.canonical.Unity.LauncherEntry` signal, unless switched off in Settings.
///
/// It is counted from the same verified reads a page makes, after a sign-in,
/// after every change here or elsewhere, and when the hire reads a reply;
/// 0 while signed out.
class Badge : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// The things awaiting the signed-in person; 0 while signed out.
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)
    /// The count is shown on the launcher entry too (the Settings switch);
    /// on by default, kept in the settings.
    Q_PROPERTY(bool launcherEnabled READ launcherEnabled WRITE setLauncherEnabled NOTIFY launcherEnabledChanged FINAL)

public:
    ~Badge() override;

    static Badge* instance();
    static Badge* create(QQmlEngine*, QJSEngine*);

    int count() const { return m_count; }
    bool launcherEnabled() const { return m_launcherEnabled; }
    void setLauncherEnabled(bool enabled);

    /// Where the launcher's badge goes from now on; the session bus's until then.
    void setLauncherEntry(std::unique_ptr<LauncherEntry> entry);
    /// Counts again now (a `counted` follows).
    Q_INVOKABLE void recount();

Q_SIGNALS:
    void countChanged();
    void launcherEnabledChanged();
    /// A count has been made (after a read, or the sign-out's 0).
    void counted(int count);

private:
    explicit Badge(QObject* parent = nullptr);

    void setCount(int count);
    /// Sends the count to the launcher entry: shown when switched on and above 0.
    void publish();

    std::unique_ptr<LauncherEntry> m_launcher;
    int m_count = 0;
    bool m_launcherEnabled = true;
    bool m_published = false; ///< a badge was sent that a later update must take away
};

} // namespace onramp::ui
