#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace onramp::ui {

/// Facts about the running program for QML: version and name.
class AppInfo : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT FINAL)
    Q_PROPERTY(QString name READ name CONSTANT FINAL)

public:
    explicit AppInfo(QObject* parent = nullptr)
        : QObject(parent)
    {}

    QString version() const;
    QString name() const { return QStringLiteral("Onramp"); }
};

} // namespace onramp::ui
