#include "SaveDialogEnter.h"

namespace onramp::ui {

namespace {

/// The item named \a name among what \a item shows, at any depth.
QQuickItem* shownItem(QQuickItem* item, const QString& name)
{
    if (item->objectName() == name)
        return item;
    const auto children = item->childItems();
    for (QQuickItem* child : children) {
        if (QQuickItem* found = shownItem(child, name))
            return found;
    }
    return nullptr;
}

} // namespace

SaveDialogEnter::SaveDialogEnter(QObject* parent)
    : QObject(parent)
{}

void SaveDialogEnter::setOverlay(QQuickItem* overlay)
{
    if (overlay == m_overlay)
        return;
    disconnect(m_watch);
    m_overlay = overlay;
    // A popup's item joins the overlay when the popup opens.
    if (m_overlay)
        m_watch = connect(m_overlay, &QQuickItem::childrenChanged, this, &SaveDialogEnter::apply);
    apply();
    Q_EMIT overlayChanged();
}

void SaveDialogEnter::apply()
{
    if (!m_overlay)
        return;
    const auto layers = m_overlay->childItems();
    for (QQuickItem* layer : layers) {
        if (!layer->inherits("QQuickPopupItem"))
            continue;
        // Qt's own file dialog names its field; the dialog is the object the field was declared in.
        QQuickItem* field = shownItem(layer, QStringLiteral("fileNameTextField"));
        QObject* dialog = field ? field->parent() : nullptr;
        while (dialog && !dialog->inherits("QQuickFileDialogImpl"))
            dialog = dialog->parent();
        if (!dialog)
            continue;
        // What the Save button does: the dialog takes the name typed and accepts.
        connect(field, SIGNAL(accepted()), dialog, SLOT(accept()), Qt::UniqueConnection);
    }
}

} // namespace onramp::ui
