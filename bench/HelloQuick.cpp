// The reference for the app's start: a bare Qt Quick window, loaded from QML
// as the app's is, that exits once its first frame is drawn. With a file
// name as its argument it also grabs that frame into a PNG there, as
// `onramp --screenshot` does, so that the two compare like for like.
#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    const QString png = app.arguments().size() > 1 ? app.arguments().at(1) : QString();
    QQmlApplicationEngine engine;
    engine.loadData("import QtQuick\nWindow { width: 1024; height: 640; visible: true }");
    auto* window =
        engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
    if (!window)
        return 1;
    QObject::connect(
        window, &QQuickWindow::frameSwapped, &app,
        [window, png] {
            if (!png.isEmpty() && !window->grabWindow().save(png, "PNG"))
                QCoreApplication::exit(1);
            else
                QCoreApplication::quit();
        },
        Qt::QueuedConnection);
    return QGuiApplication::exec();
}
