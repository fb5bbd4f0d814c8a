// Drives the real Onramp window as a person would: finds controls by
// objectName, clicks them, types into them, waits for pages.
#pragma once

#include <QQmlApplicationEngine>
#include <QRegularExpression>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

#include <memory>

namespace e2e {

/// QML mistakes that only show as a warning (a binding loop, an undefined
/// property, a type error) fail the test that triggers them.
inline void failOnQmlWarnings()
{
    static const QRegularExpression qmlMistake(
        QStringLiteral("Binding loop|ReferenceError|TypeError|Unable to assign|is not a type|Cannot read property"));
    QTest::failOnWarning(qmlMistake);
}

/// Loads the real Main.qml into \a engine and shows its window; null (with a
/// warning) when it does not load or never appears.
inline QQuickWindow* loadMainWindow(std::unique_ptr<QQmlApplicationEngine>& engine)
{
    engine = std::make_unique<QQmlApplicationEngine>();
    engine->addImportPath(QStringLiteral("qrc:/"));
    engine->load(QUrl(QStringLiteral("qrc:/Onramp/Main.qml")));
    if (engine->rootObjects().isEmpty()) {
        qWarning("Main.qml did not load");
        return nullptr;
    }
    auto* window = qobject_cast<QQuickWindow*>(engine->rootObjects().constFirst());
    if (!window) {
        qWarning("Main.qml's root is not a window");
        return nullptr;
    }
    window->show();
    if (!QTest::qWaitForWindowExposed(window)) {
        qWarning("the window was never exposed");
        return nullptr;
    }
    return window;
}

/// The first item named \a objectName in the visual tree under \a root that is visible.
inline QQuickItem* findItem(QQuickItem* root, const QString& objectName)
{
    if (root->objectName() == objectName && root->isVisible())
        return root;
    const auto children = root->childItems();
    for (QQuickItem* child : children) {
        if (QQuickItem* found = findItem(child, objectName))
            return found;
    }
    return nullptr;
}

/// Finds, clicks and types in the real window.
class Driver
{
public:
    explicit Driver(QQuickWindow* window) : m_window(window) {}

    QQuickItem* item(const QString& objectName) const { return findItem(m_window->contentItem(), objectName); }

    QString page() const { return m_window->property("currentPageName").toString(); }

    /// Waits until \a objectName is visible and enabled, then clicks its centre.
    bool click(const QString& objectName)
    {
        QQuickItem* target = nullptr;
        if (!QTest::qWaitFor([&] {
                target = item(objectName);
                return target && target->isEnabled() && target->width() > 0;
            }, 10000)) {
            qWarning() << "no clickable" << objectName << "on page" << page();
            return false;
        }
        QTest::qWait(50);
        const QPoint centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2)).toPoint();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centre);
        return true;
    }

    /// Clicks into \a objectName and types \a text with key events.
    bool type(const QString& objectName, const QString& text)
    {
        if (!click(objectName))
            return false;
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
        return true;
    }

    /// Opens a combo box and moves its selection \a steps rows down with the keyboard.
    bool choose(const QString& objectName, int steps)
    {
        if (!click(objectName))
            return false;
        QTest::qWait(200);
        for (int i = 0; i < steps; ++i)
            QTest::keyClick(m_window, Qt::Key_Down);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTest::qWait(200);
        return true;
    }

    void key(Qt::Key key) { QTest::keyClick(m_window, key); }

    bool waitForPage(const QString& name, int timeoutMs = 20000)
    {
        const bool ok = QTest::qWaitFor([&] { return page() == name; }, timeoutMs);
        if (!ok)
            qWarning() << "expected page" << name << "but the window shows" << page();
        QTest::qWait(400); // let the page transition finish so items sit where they are drawn
        return ok;
    }

    /// The text property of \a objectName, or empty.
    QString text(const QString& objectName) const
    {
        QQuickItem* it = item(objectName);
        return it ? it->property("text").toString() : QString();
    }

private:
    QQuickWindow* m_window;
};

} // namespace e2e
