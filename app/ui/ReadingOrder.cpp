#include "ReadingOrder.h"

#include <QQuickItem>

#include <algorithm>

namespace onramp::ui {

void ReadingOrder::byPosition(QQuickItem* container)
{
    if (!container)
        return;
    const QList<QQuickItem*> children = container->childItems();
    QList<QQuickItem*> sorted = children;
    std::stable_sort(sorted.begin(), sorted.end(), [](const QQuickItem* a, const QQuickItem* b) {
        return a->y() != b->y() ? a->y() < b->y() : a->x() < b->x();
    });
    if (sorted == children)
        return;
    // Moving each after the one before it leaves them in that order; the
    // stacking of items of equal z follows, which does not matter for parts
    // that do not overlap, and items of different z keep theirs.
    for (qsizetype i = 1; i < sorted.size(); ++i)
        sorted.at(i)->stackAfter(sorted.at(i - 1));
}

} // namespace onramp::ui
