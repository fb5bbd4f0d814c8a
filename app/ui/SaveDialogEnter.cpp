#include "SaveDialogEnter.h"

#include <QDir>
#include <QFileInfo>
#include <QMetaProperty>
#include <QTimer>
#include <QUrl>

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
    if (!dialog->findChild<FileNameKeeper*>(QString(), Qt::FindDirectChildrenOnly))
        new FileNameKeeper(dialog);
}

FileNameKeeper::FileNameKeeper(QObject* dialog)
    : QObject(dialog)
    , m_dialog(dialog)
{
    const QMetaObject* meta = dialog->metaObject();
    const QMetaProperty name = meta->property(meta->indexOfProperty("fileName"));
    const QMetaProperty folder = meta->property(meta->indexOfProperty("currentFolder"));
    if (!name.hasNotifySignal() || !folder.hasNotifySignal() || !name.isWritable())
        return; // another Qt's dialog: nothing to keep
    connect(dialog, name.notifySignal(), this, metaObject()->method(metaObject()->indexOfSlot("nameChanged()")));
    connect(dialog, folder.notifySignal(), this, metaObject()->method(metaObject()->indexOfSlot("folderChanged()")));
    nameChanged();
    // The keys start in the name field, so that Enter saves the name suggested.
    if (dialog->metaObject()->indexOfSignal("opened()") >= 0)
        connect(dialog, SIGNAL(opened()), this, SLOT(opened()));
    if (dialog->property("opened").toBool())
        opened();
}

void FileNameKeeper::opened()
{
    // After the dialog's own choice of where the keys go as it opens.
    QTimer::singleShot(0, this, [this] {
        auto* field = m_dialog->findChild<QQuickItem*>(QStringLiteral("fileNameTextField"));
        if (field && field->isVisible() && !field->hasActiveFocus())
            field->forceActiveFocus(Qt::OtherFocusReason);
    });
}

void FileNameKeeper::nameChanged()
{
    // A name that is a folder's in the folder shown is the dialog's choice, not the person's.
    const QString name = m_dialog->property("fileName").toString();
    const QString folder = m_dialog->property("currentFolder").toUrl().toLocalFile();
    if (!name.isEmpty() && !QFileInfo(QDir(folder).filePath(name)).isDir())
        m_kept = name;
}

void FileNameKeeper::folderChanged()
{
    // After the dialog's own change of the name that comes with the folder.
    QTimer::singleShot(0, this, [this] {
        if (!m_kept.isEmpty() && m_dialog->property("fileName").toString() != m_kept)
            m_dialog->setProperty("fileName", m_kept);
    });
}

} // namespace onramp::ui
