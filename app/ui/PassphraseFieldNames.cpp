#include "PassphraseFieldNames.h"

#include <QAccessible>
#include <QAccessibleInterface>
#include <QPointer>
#include <QVariant>

namespace onramp::ui {

namespace {

/// Qt's own interface for a field, with the name filled in where Qt gives none.
class NamedField : public QAccessibleInterface
{
public:
    explicit NamedField(QAccessibleInterface* qt)
        : m_qt(qt)
        , m_object(qt->object())
    {}

    bool isValid() const override { return m_object && m_qt->isValid(); }
    // Its own pointer: Qt's cache asks for it while it deletes its
    // interfaces at the end, Qt's own for the field perhaps first.
    QObject* object() const override { return m_object; }
    QWindow* window() const override { return m_qt->window(); }
    QList<std::pair<QAccessibleInterface*, QAccessible::Relation>> relations(QAccessible::Relation match) const override
    {
        return m_qt->relations(match);
    }
    QAccessibleInterface* focusChild() const override { return m_qt->focusChild(); }
    QAccessibleInterface* childAt(int x, int y) const override { return m_qt->childAt(x, y); }
    QAccessibleInterface* parent() const override { return m_qt->parent(); }
    QAccessibleInterface* child(int index) const override { return m_qt->child(index); }
    int childCount() const override { return m_qt->childCount(); }
    int indexOfChild(const QAccessibleInterface* child) const override { return m_qt->indexOfChild(child); }

    QString text(QAccessible::Text t) const override
    {
        const QString text = m_qt->text(t);
        if (t != QAccessible::Name || !text.isEmpty() || !isValid())
            return text;
        // The text on screen that labels the field (TextField.qml's accessibleLabel).
        return object()->property("accessibleLabel").toString();
    }
    void setText(QAccessible::Text t, const QString& text) override { m_qt->setText(t, text); }
    QRect rect() const override { return m_qt->rect(); }
    QAccessible::Role role() const override { return m_qt->role(); }
    QAccessible::State state() const override { return m_qt->state(); }
    QColor foregroundColor() const override { return m_qt->foregroundColor(); }
    QColor backgroundColor() const override { return m_qt->backgroundColor(); }
    void* interface_cast(QAccessible::InterfaceType type) override { return m_qt->interface_cast(type); }

private:
    // Qt's interface stays in Qt's cache (under the id it was given first),
    // which deletes it when the cache goes: one small object per passphrase
    // field made while a screen reader runs.
    QAccessibleInterface* m_qt;
    QPointer<QObject> m_object;
};

bool g_making = false; ///< the factory is asking Qt for its own interface

QAccessibleInterface* passphraseFieldFactory(const QString&, QObject* object)
{
    // Only the app's TextField (it has an accessibleLabel), and the first
    // time it is asked for: Qt caches what a factory gives by the object.
    if (g_making || !object || !object->inherits("QQuickTextField") || !object->property("accessibleLabel").isValid())
        return nullptr;
    g_making = true;
    QAccessibleInterface* qt = QAccessible::queryAccessibleInterface(object);
    g_making = false;
    return qt ? new NamedField(qt) : nullptr;
}

} // namespace

void installPassphraseFieldNames()
{
    // Installed later than Qt Quick's factory, so asked before it.
    QAccessible::installFactory(passphraseFieldFactory);
}

} // namespace onramp::ui
