#include "SecretClipboard.h"

#include <QClipboard>
#include <QGuiApplication>

namespace onramp::ui {

SecretClipboard::SecretClipboard(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SecretClipboard::clearNow);
    if (QCoreApplication* app = QCoreApplication::instance())
        connect(app, &QCoreApplication::aboutToQuit, this, &SecretClipboard::clearNow);
    if (QClipboard* clipboard = QGuiApplication::clipboard())
        connect(clipboard, &QClipboard::dataChanged, this, [this] {
            if (!isHolding() && m_timer.isActive()) {
                m_timer.stop(); // the user copied something else: nothing of ours to clear
                Q_EMIT holdingChanged();
            }
        });
}

SecretClipboard::~SecretClipboard()
{
    clearNow();
}

void SecretClipboard::setTimeoutMs(int ms)
{
    if (ms == m_timeoutMs || ms <= 0)
        return;
    m_timeoutMs = ms;
    Q_EMIT timeoutMsChanged();
}

bool SecretClipboard::isHolding() const
{
    // The clipboard deletes our QMimeData when something else replaces it;
    // while it is alive and current, the clipboard holds our secret.
    const QClipboard* clipboard = QGuiApplication::clipboard();
    return m_mime && clipboard && clipboard->mimeData() == m_mime.data();
}

void SecretClipboard::copy(const QString& secret)
{
    QByteArray utf8 = secret.toUtf8();
    place(utf8);
    wipe(utf8);
}

void SecretClipboard::copySecret(const SecureBytes& secret)
{
    place(secret.view());
}

void SecretClipboard::place(QByteArrayView utf8)
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (!clipboard)
        return;
    auto* mime = new QMimeData;
    mime->setData(QStringLiteral("text/plain;charset=utf-8"), utf8.toByteArray());
    mime->setData(QStringLiteral("text/plain"), utf8.toByteArray());
    mime->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    m_mime = mime;
    clipboard->setMimeData(mime); // the clipboard owns it from here
    m_timer.start(m_timeoutMs);
    Q_EMIT holdingChanged();
}

void SecretClipboard::clearNow()
{
    m_timer.stop();
    if (!isHolding())
        return;
    QGuiApplication::clipboard()->clear();
    m_mime.clear();
    Q_EMIT holdingChanged();
    Q_EMIT cleared();
}

} // namespace onramp::ui
