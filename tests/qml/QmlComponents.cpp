// Runs the tst_*.qml Qt Quick Tests against the real Onramp QML module.
#include <QQmlEngine>
#include <QStandardPaths>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        QStandardPaths::setTestModeEnabled(true); // tst_Theme changes the appearance setting
        engine->addImportPath(QStringLiteral("qrc:/"));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(QmlComponents, Setup)

#include "QmlComponents.moc"
