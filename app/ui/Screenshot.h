#pragma once

#include <QSize>
#include <QString>
#include <QTemporaryDir>

#include <memory>

class QQmlApplicationEngine;
class QQuickWindow;

namespace onramp::ui {

class Session;

/// `onramp --screenshot FILE.png [--page NAME] [--size WxH] [--demo | --vault
/// DIR [--as NAME --passphrase-file FILE]]`: renders the real window
/// offscreen, with the software renderer so that the picture is the same with
/// or without a GPU, writes it as a PNG and exits.
class Screenshot
{
public:
    Screenshot(const QString& file, const QString& page, const QSize& size);

    /// Offscreen platform and software rendering; call before the QGuiApplication exists.
    static void prepareRendering();

    /// Opens a fresh demo vault of its own, so that the pictures are the same
    /// on every machine and no real vault is touched, and signs in as the
    /// person whose page it shows. Returns an exit code: 0 when ready.
    int useDemoVault(Session* session);

    /// Signs in to the session's vault as \a person with the passphrase in
    /// \a passphraseFile (read into secure memory, one line), and checks that
    /// the page is one shown to their role. Returns 0 when ready, otherwise
    /// the command line's exit code, the error printed naming the input: 5
    /// for an unreadable or empty file, 3 for a wrong passphrase or an
    /// unknown person (one message for both), 4 for a page of another role.
    int signIn(Session* session, const QString& person, const QString& passphraseFile);

    /// The pages a person of \a role sees (the header's links and about);
    /// empty for a role the app does not know.
    static QStringList pagesFor(const QString& role);

    /// Makes the page to take the first page the window built by \a engine
    /// shows, at once: call before the engine loads Main.qml.
    void prepare(QQmlApplicationEngine& engine) const;

    /// Shows the page in \a window, waits until it is ready (readiness()),
    /// writes the PNG and returns the app's exit code: 1, writing nothing,
    /// when the page is not ready within \a ceilingMs.
    int take(QQuickWindow* window, int ceilingMs = 30000);

    /// Empty when \a window shows \a page at rest: the page is current, no
    /// page transition runs, no part of it and no vault operation is still
    /// loading. Otherwise what it still waits for, for people.
    static QString readiness(QQuickWindow* window, const QString& page);

private:
    QString m_file;
    QString m_page;
    QSize m_size;
    std::unique_ptr<QTemporaryDir> m_demoVault;
};

} // namespace onramp::ui
