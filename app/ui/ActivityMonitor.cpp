#include "ActivityMonitor.h"

#include <QCoreApplication>
#include <QEvent>

namespace onramp::ui {

ActivityMonitor::ActivityMonitor(QObject* parent)
    : QObject(parent)
{}

void ActivityMonitor::watch(QCoreApplication* app)
{
    if (app)
        app->installEventFilter(this);
}

bool ActivityMonitor::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
        Q_EMIT inputKind(true);
        break;
    case QEvent::MouseButtonPress:
    case QEvent::TouchBegin:
    case QEvent::TabletPress:
        Q_EMIT inputKind(false);
        break;
    default:
        break;
    }
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
        Q_EMIT activity();
        break;
    default:
        break;
    }
    // Only watches: every event goes on to where it was going.
    return QObject::eventFilter(watched, event);
}

} // namespace onramp::ui
