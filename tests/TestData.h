// The fixtures under tests/data, found through ONRAMP_TEST_DATA (the folder's
// absolute path, set for every test by tests/CMakeLists.txt).
#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

/// The absolute path of \a name under tests/data, e.g. "checklists/week-one.yaml".
inline QString testDataPath(const QString& name)
{
    return QStringLiteral(ONRAMP_TEST_DATA "/") + name;
}

/// The bytes of tests/data/checklists/\a name. A fixture that cannot be read
/// ends the test run: every test that uses one needs it.
inline QByteArray checklistFixture(const QString& name)
{
    QFile file(testDataPath(QStringLiteral("checklists/") + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the fixture %s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
    return file.readAll();
}
