// Helpers shared by the vault tests.
#pragma once

#include "Database.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace vaulttest {

inline const QByteArray kAdminPassphrase = "correct horse battery staple";
inline const QByteArray kHirePassphrase = "hire's own passphrase";
inline const QByteArray kMentorPassphrase = "mentor passphrase";

/// SHA-256 of every file below \a dir, by relative path.
inline QMap<QString, QByteArray> hashFiles(const QString& dir)
{
    QMap<QString, QByteArray> hashes;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            hashes.insert(QDir(dir).relativeFilePath(path),
                          QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256));
    }
    return hashes;
}

/// Files below \a dir whose bytes contain \a needle.
inline QStringList filesContaining(const QString& dir, const QByteArray& needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(path);
    }
    return found;
}

/// A vault in \a dir with admin "ada", mentor "max" and hire "hal".
inline std::unique_ptr<onramp::Vault> makeVault(const QString& dir)
{
    std::unique_ptr<onramp::Vault> vault;
    const onramp::Error e = onramp::Vault::create(dir, QStringLiteral("ada"), QStringLiteral("Ada Admin"),
                                                  kAdminPassphrase, onramp::KdfLevel::Interactive, &vault);
    if (e) {
        qWarning() << e.message;
        return {};
    }
    if (onramp::People(*vault).add(QStringLiteral("max"), QStringLiteral("Max Mentor"), onramp::Role::Mentor,
                                   kMentorPassphrase)
        || onramp::People(*vault).add(QStringLiteral("hal"), QStringLiteral("Hal Hire"), onramp::Role::Hire,
                                      kHirePassphrase))
        return {};
    return vault;
}

struct RunResult {
    int code = -1;
    QString out;
    QString err;
};

/// A settings folder of the test process's own for the app it runs: a
/// vault a screenshot opened is remembered there ("opened before"), not in
/// the settings of whoever runs the tests.
inline QString childConfigHome()
{
    static const QTemporaryDir dir;
    return dir.path();
}

/// Runs the real `onramp` binary with fast key derivation.
inline RunResult runOnramp(const QStringList& args, const QByteArray& passphrase = {},
                           const QMap<QString, QString>& extraEnv = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ONRAMP_TEST_KDF"), QStringLiteral("fast"));
    if (!env.contains(QStringLiteral("XDG_CONFIG_HOME")))
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), childConfigHome());
    env.remove(QStringLiteral("ONRAMP_PASSPHRASE"));
    if (!passphrase.isEmpty())
        env.insert(QStringLiteral("ONRAMP_PASSPHRASE"), QString::fromUtf8(passphrase));
    for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ONRAMP_BINARY), args);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

/// Turns the vault in \a dir into one as the versions before keys.db wrote
/// it: every slot in keys.json, written by the JSON writer, and no keys.db.
inline bool toLegacyKeyFile(const QString& dir)
{
    onramp::KeyFile keys;
    const QString store = QDir(dir).filePath(onramp::Vault::keyFileName());
    if (onramp::KeyFile::load(store, &keys))
        return false;
    onramp::KeyFile json;
    json.vaultId = keys.vaultId;
    json.slots = keys.slots;
    json.superseded = keys.superseded;
    json.extra = keys.extra;
    return !json.save(QDir(dir).filePath(onramp::Vault::legacyKeyFileName())) && QFile::remove(store);
}

/// The shared kept row of \a credentialId (`provider:NAME` for a
/// connection), every column, as someone holding the master key reads it:
/// the copy a hire keeps to put back later. Empty when there is none.
inline QVariantList keptRowOf(onramp::Database& db, const QString& credentialId)
{
    QList<QVariantList> rows;
    if (db.execute(QStringLiteral("SELECT * FROM credential_secrets WHERE credential_id = ?1 AND hire_id IS NULL"),
                   {credentialId}, &rows)
        || rows.size() != 1)
        return {};
    return rows.first();
}

/// Puts \a row (from keptRowOf()) back in the place of the shared row of
/// its credential kept now, as a hire with the master key can.
inline onramp::Error putKeptRowBack(onramp::Database& db, const QVariantList& row)
{
    QStringList places;
    for (qsizetype i = 0; i < row.size(); ++i)
        places.append(QStringLiteral("?%1").arg(i + 1));
    if (onramp::Error e =
            db.execute(QStringLiteral("DELETE FROM credential_secrets WHERE credential_id = ?1 AND hire_id IS NULL"),
                       {row.value(0)}))
        return e;
    return db.execute(QStringLiteral("INSERT INTO credential_secrets VALUES (%1)").arg(places.join(u',')), row);
}

} // namespace vaulttest
