#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

class QQuickItem;

namespace onramp::ui {

/// The order a screen reader reads an item's parts in is the order of its
/// children, not the order they are drawn in: a ListView adds a section's
/// heading after the row it heads. `ReadingOrder` lays them as drawn.
class ReadingOrder : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Orders the children of \a container top to bottom, then left to
    /// right, as they are laid out. What is drawn over what (their z) stays.
    Q_INVOKABLE static void byPosition(QQuickItem* container);
};

} // namespace onramp::ui
