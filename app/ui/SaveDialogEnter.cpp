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

void SaveDialogEnter::applyTo(QQuickItem* popup)
{
    // Qt's own file dialog names its field; the dialog is the object the field was declared in.
    QQuickItem* field = shownItem(popup, QStringLiteral("fileNameTextField"));
    QObject* dialog = field ? field->parent() : nullptr;
    while (dialog && !dialog->inherits("QQuickFileDialogImpl"))
        dialog = dialog->parent();
    if (!dialog)
        return;
    // What the Save button does: the dialog takes the name typed and accepts.
    connect(field, SIGNAL(accepted()), dialog, SLOT(accept()), Qt::UniqueConnection);
}

} // namespace onramp::ui
