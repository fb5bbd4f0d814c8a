#include "DialogPadding.h"

namespace onramp::ui {

namespace {

// Raises the \a sides of \a item to at least \a least; leaves more alone, so a
// dialog that asks for more room keeps it.
void atLeast(QQuickItem* item, std::initializer_list<const char*> sides, int least)
{
    if (!item)
        return;
    for (const char* side : sides) {
        if (item->property(side).isValid() && item->property(side).toReal() < least)
            item->setProperty(side, least);
    }
}

} // namespace

DialogPadding::DialogPadding(QObject* parent)
    : QObject(parent)
{}

void DialogPadding::setOverlay(QQuickItem* overlay)
{
    if (overlay == m_overlay)
        return;
    disconnect(m_watch);
    m_overlay = overlay;
    // A popup's item joins the overlay when the popup opens.
    if (m_overlay)
        m_watch = connect(m_overlay, &QQuickItem::childrenChanged, this, &DialogPadding::apply);
    apply();
    Q_EMIT overlayChanged();
}

void DialogPadding::setPadding(int padding)
{
    if (padding == m_padding)
        return;
    m_padding = padding;
    apply();
    Q_EMIT paddingChanged();
}

void DialogPadding::apply()
{
    if (!m_overlay)
        return;
    const auto layers = m_overlay->childItems();
    for (QQuickItem* layer : layers) {
        // A popup's item is a page: a dialog's has a title (header) or buttons (footer).
        if (!layer->inherits("QQuickPopupItem"))
            continue;
        auto* title = layer->property("header").value<QQuickItem*>();
        auto* buttons = layer->property("footer").value<QQuickItem*>();
        if (!title && !buttons)
            continue;
        atLeast(layer, {"leftPadding", "rightPadding", "topPadding", "bottomPadding"}, m_padding);
        atLeast(title, {"leftPadding", "rightPadding", "topPadding"}, m_padding);
        atLeast(buttons, {"leftPadding", "rightPadding", "bottomPadding"}, m_padding);
    }
}

} // namespace onramp::ui
