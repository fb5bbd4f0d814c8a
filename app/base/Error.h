#pragma once

#include <QCoreApplication>
#include <QString>

namespace onramp {

/// Translates user-facing text in the "onramp" context: call Tr::tr("…") from
/// code that is not a QObject, so that lupdate files the string where
/// QCoreApplication::translate("onramp", …) looks for it at run time.
class Tr
{
    Q_DECLARE_TR_FUNCTIONS(onramp)
};

/// What kind of failure an operation hit; each maps to one command-line exit code.
enum class ErrorKind {
    None,
    Usage, ///< malformed command line (exit 2)
    Auth, ///< wrong passphrase or unknown person (exit 3)
    NotPermitted, ///< role or gate forbids it (exit 4)
    InvalidInput, ///< bad file or value (exit 5)
    Damaged, ///< vault damaged or tampered with (exit 6)
    Busy, ///< another process holds the vault (exit 7)
    Io, ///< the disk or another resource failed (exit 1)
};

/// An error a person can act on: its kind and a translated, complete message.
struct Error {
    ErrorKind kind = ErrorKind::None;
    QString message;

    Error() = default;
    Error(ErrorKind k, QString m)
        : kind(k)
        , message(std::move(m))
    {}

    bool isError() const { return kind != ErrorKind::None; }
    explicit operator bool() const { return isError(); }
};

/// The process exit code for an error kind (README.md, "Command line").
int exitCodeFor(ErrorKind kind);

} // namespace onramp
