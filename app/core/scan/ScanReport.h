// How a scan's findings are written for people and for tools: the message
// of a finding, one JSON object per finding (`--json`), and SARIF 2.1.0
// (`--sarif`), shared by `onramp scan` and the app's Admin › Scan.
#pragma once

#include "scan/Scanner.h"

#include <QJsonObject>

namespace onramp::scan {

/// What \a finding means, in words: the rule's description, the production
/// host and its production_hosts entry, or the credential to rotate.
QString messageOf(const Finding& finding);

/// A kind of finding's name for people, translated ("Known production
/// secret" for "known-secret"); `--json`, `--sarif` and the text output keep
/// the kind itself, the machine-readable id.
QString kindTitle(const QString& kind);

/// \a finding as one object: file, line, column, kind, excerpt,
/// fingerprint, and the host or the credential where it has one.
QJsonObject findingJson(const Finding& finding);

/// \a findings as a SARIF 2.1.0 log with every rule and its source.
QJsonObject sarif(const QList<Finding>& findings);

} // namespace onramp::scan
