#include "ModalLook.h"

#include <QPointer>

namespace onramp::ui {

void ModalLook::setDim(const QColor& dim)
{
    if (dim == m_dim)
        return;
    m_dim = dim;
    apply(); // an appearance switched while a dialog is open
    Q_EMIT dimChanged();
}

void ModalLook::setFrame(const QColor& frame)
{
    if (frame == m_frame)
        return;
    m_frame = frame;
    apply();
    Q_EMIT frameChanged();
}

void ModalLook::applyTo(QQuickItem* popup)
{
    // The overlay holds the popups' items and, below each modal or dimming
    // one, the dim the popup made from its Overlay.modal (or .modeless)
    // component: with Fusion, a rectangle.
    // A dim joins the overlay before its component completes, which then
    // sets the style's colour: it takes `dim` again once the event loop turns.
    const auto layers = overlay()->childItems();
    for (QQuickItem* layer : layers) {
        if (layer->inherits("QQuickPopupItem") || !layer->property("color").isValid())
            continue;
        layer->setProperty("color", m_dim);
        QMetaObject::invokeMethod(
            this,
            [this, dim = QPointer<QQuickItem>(layer)] {
                if (dim)
                    dim->setProperty("color", m_dim);
            },
            Qt::QueuedConnection);
    }
    // A title or a tooltip can quote what a person wrote (a name, a note):
    // it shows as text, never read as markup that could fetch an image.
    for (const char* part : {"header", "contentItem"}) {
        auto* text = popup->property(part).value<QQuickItem*>();
        if (text && text->inherits("QQuickText"))
            text->setProperty("textFormat", 0); // Text.PlainText
    }
    // A title wraps, never cut: its last words (a name, the verb in German) matter.
    auto* title = popup->property("header").value<QQuickItem*>();
    if (title && title->inherits("QQuickText")) {
        title->setProperty("elide", 0); // Text.ElideNone
        title->setProperty("wrapMode", 4); // Text.Wrap
    }
    // A popup's item is a page: a dialog's has a title (header) or buttons (footer).
    if (!popup->property("header").value<QQuickItem*>() && !popup->property("footer").value<QQuickItem*>())
        return;
    auto* surface = popup->property("background").value<QQuickItem*>();
    auto* border = surface ? surface->property("border").value<QObject*>() : nullptr;
    if (border && border->property("color").isValid()) {
        border->setProperty("color", m_frame);
        if (border->property("width").toReal() < 1)
            border->setProperty("width", 1);
    }
}

} // namespace onramp::ui
