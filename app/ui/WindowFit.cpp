#include "WindowFit.h"

#include <QScreen>
#include <QWindow>

namespace onramp::ui {

QSize fittedSize(const QSize& wanted, const QSize& available)
{
    if (available.isEmpty())
        return wanted;
    return wanted.boundedTo(available);
}

void fitToScreen(QWindow* window)
{
    const QScreen* screen = window ? window->screen() : nullptr;
    if (!screen)
        return;
    const QRect area = screen->availableGeometry();
    window->setMinimumSize(fittedSize(window->minimumSize(), area.size()));
    const QSize size = fittedSize(window->size(), area.size());
    if (size == window->size())
        return;
    window->resize(size);
    window->setPosition(area.topLeft());
}

} // namespace onramp::ui
