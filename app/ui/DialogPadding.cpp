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

void DialogPadding::setPadding(int padding)
{
    if (padding == m_padding)
        return;
    m_padding = padding;
    apply();
    Q_EMIT paddingChanged();
}

void DialogPadding::applyTo(QQuickItem* popup)
{
    // A popup's item is a page: a dialog's has a title (header) or buttons (footer).
    auto* title = popup->property("header").value<QQuickItem*>();
    auto* buttons = popup->property("footer").value<QQuickItem*>();
    if (!title && !buttons)
        return;
    atLeast(popup, {"leftPadding", "rightPadding", "topPadding", "bottomPadding"}, m_padding);
    atLeast(title, {"leftPadding", "rightPadding", "topPadding"}, m_padding);
    atLeast(buttons, {"leftPadding", "rightPadding", "bottomPadding"}, m_padding);
}

} // namespace onramp::ui
