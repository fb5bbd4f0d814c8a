#pragma once

#include <QRect>
#include <QSize>

class QWindow;

namespace onramp::ui {

/// \a wanted, no larger than \a available: a window that would not fit on
/// its screen takes the room there is, each side apart.
QSize fittedSize(const QSize& wanted, const QSize& available);

/// Makes \a window fit on its screen's available area (the screen less its
/// panels): its size and its minimum size shrink to that area where they
/// exceed it, and a window that was shrunk moves to the area's top left
/// corner, so that no edge of it starts off the screen.
void fitToScreen(QWindow* window);

} // namespace onramp::ui
