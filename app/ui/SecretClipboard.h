#pragma once

#include "SecureBytes.h"

#include <QMimeData>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// Copies a secret to the system clipboard marked for password managers
/// (`x-kde-passwordManagerHint: secret`, so clipboard histories skip it), and
/// clears it again after a timeout, on clearNow() (call it when the session
/// locks), on quit and on destruction — but only while the clipboard still
/// holds that secret: whatever the user copied since is left alone.
class SecretClipboard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int timeoutMs READ timeoutMs WRITE setTimeoutMs NOTIFY timeoutMsChanged FINAL)
    Q_PROPERTY(bool holding READ isHolding NOTIFY holdingChanged FINAL)

public:
    static constexpr int kDefaultTimeoutMs = 30000;

    explicit SecretClipboard(QObject* parent = nullptr);
    ~SecretClipboard() override;

    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms);
    /// True while the clipboard holds the secret copied last.
    bool isHolding() const;

    /// Copies \a secret (from QML, e.g. a field the backend filled).
    Q_INVOKABLE void copy(const QString& secret);
    /// Copies \a secret from secure memory.
    void copySecret(const SecureBytes& secret);
    /// Clears the clipboard now if it still holds our secret.
    Q_INVOKABLE void clearNow();

Q_SIGNALS:
    void timeoutMsChanged();
    void holdingChanged();
    /// The secret was removed from the clipboard (timeout, lock or quit).
    void cleared();

private:
    void place(QByteArrayView utf8);

    QPointer<QMimeData> m_mime; ///< ours while the clipboard keeps it; gone when replaced
    QTimer m_timer;
    int m_timeoutMs = kDefaultTimeoutMs;
};

} // namespace onramp::ui
