// A window larger than its screen's free area takes the room there is: its
// size and its minimum size, and it starts at the area's corner. One that
// fits is left as it is.
#include "WindowFit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QTest>
#include <QWindow>

using namespace onramp::ui;

class TestWindowFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sizesAreBoundedSideBySide()
    {
        QCOMPARE(fittedSize(QSize(1280, 800), QSize(1024, 640)), QSize(1024, 640));
        QCOMPARE(fittedSize(QSize(1280, 800), QSize(1920, 700)), QSize(1280, 700));
        QCOMPARE(fittedSize(QSize(1280, 800), QSize(1920, 1080)), QSize(1280, 800));
        QCOMPARE(fittedSize(QSize(1280, 800), QSize()), QSize(1280, 800)); // no area known: as wanted
    }

    void aWindowLargerThanItsScreenFitsOnIt()
    {
        QWindow window;
        const QRect area = window.screen()->availableGeometry();
        QVERIFY(!area.isEmpty());
        window.setMinimumSize(area.size() + QSize(100, 60));
        window.resize(area.size() + QSize(300, 200));
        window.setPosition(area.topLeft() + QPoint(40, 30));
        fitToScreen(&window);
        QCOMPARE(window.size(), area.size());
        QCOMPARE(window.minimumSize(), area.size());
        QCOMPARE(window.position(), area.topLeft());
    }

    void aWindowThatFitsStaysAsItIs()
    {
        QWindow window;
        const QRect area = window.screen()->availableGeometry();
        const QSize size = area.size() / 2;
        window.setMinimumSize(size / 2);
        window.resize(size);
        window.setPosition(area.topLeft() + QPoint(10, 10));
        fitToScreen(&window);
        QCOMPARE(window.size(), size);
        QCOMPARE(window.minimumSize(), size / 2);
        QCOMPARE(window.position(), area.topLeft() + QPoint(10, 10));
    }
};

QTEST_MAIN(TestWindowFit)
#include "TestWindowFit.moc"
