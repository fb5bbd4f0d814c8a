#include "OverlayWatcher.h"

namespace onramp::ui {

OverlayWatcher::OverlayWatcher(QObject* parent)
    : QObject(parent)
{}

void OverlayWatcher::setOverlay(QQuickItem* overlay)
{
    if (overlay == m_overlay)
        return;
    disconnect(m_watch);
    m_overlay = overlay;
    // A popup's item joins the overlay when the popup opens.
    if (m_overlay)
        m_watch = connect(m_overlay, &QQuickItem::childrenChanged, this, &OverlayWatcher::apply);
    apply();
    Q_EMIT overlayChanged();
}

void OverlayWatcher::apply()
{
    if (!m_overlay)
        return;
    const auto layers = m_overlay->childItems();
    for (QQuickItem* layer : layers) {
        if (layer->inherits("QQuickPopupItem"))
            applyTo(layer);
    }
}

} // namespace onramp::ui
