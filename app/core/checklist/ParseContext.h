#pragma once

// Internal to the checklist parser: collects positioned errors and reads
// typed values out of yaml-cpp nodes, reporting what is wrong with each.

#include "checklist/Checklist.h"
#include "checklist/ChecklistParser.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace onramp::detail {

/// One key of a YAML mapping with its value.
struct Entry {
    YAML::Node key;
    YAML::Node value;
};

/// A YAML mapping whose keys have been checked against the known ones.
struct Mapping {
    YAML::Mark mark;
    QMap<QString, Entry> entries;

    bool has(const QString& name) const { return entries.contains(name); }
    /// True if the key is present with a non-null value.
    bool hasValue(const QString& name) const;
    /// Where the key's value is, or the key itself when the value is empty.
    YAML::Mark markOf(const QString& name) const;
};

/// Errors with their position, and typed readers that add to them.
class ParseContext
{
public:
    explicit ParseContext(QString fileName, InputLimits limits = InputLimits::Enforced)
        : m_fileName(std::move(fileName))
        , m_enforcing(limits == InputLimits::Enforced)
    {}

    /// Control characters in a message (from text echoed out of the file) become U+FFFD.
    void error(const YAML::Mark& mark, const QString& message);
    void error(int line, int column, const QString& message);
    /// True unless the parse is InputLimits::Relaxed.
    bool enforcing() const { return m_enforcing; }
    bool hasErrors() const { return !m_issues.isEmpty(); }
    /// "FILE:LINE:COLUMN: message" lines sorted by position (stable).
    QStringList messages() const;

    /// Reads a mapping, reporting keys not in known and keys given twice.
    /// where names the mapping in messages ("in step 'x'", "at the top level").
    std::optional<Mapping> mapping(const YAML::Node& node, const QStringList& known, const QString& where,
                                   const QString& notAMapping);

    /// Scalar text of a key; reports it missing (if required), empty, not text,
    /// holding what detail::firstTextFault() refuses, or over maxLength
    /// characters (no limit when negative).
    std::optional<QString> text(const Mapping& m, const QString& key, const QString& subject, bool required,
                                qsizetype maxLength = limits::kTextLength);
    /// Reports a scalar holding what detail::firstTextFault() refuses; what
    /// names it ("'title' of step 'x'"). Always true when not enforcing.
    bool cleanText(const YAML::Mark& mark, const YAML::Node& scalar, const QString& what);
    /// Reports text over maxLength characters. Always true when not enforcing.
    bool withinLength(const YAML::Mark& mark, const QString& text, const QString& what, qsizetype maxLength);
    /// Reports a list longer than maxItems at its first item too many.
    bool withinCount(const YAML::Node& list, qsizetype maxItems, const QString& message);
    /// A list whose items may be read: reports \a notAList at \a mark when
    /// \a node is none, and \a tooMany as withinCount() does past \a maxItems.
    bool list(const YAML::Node& node, const YAML::Mark& mark, const QString& notAList, qsizetype maxItems,
              const QString& tooMany);
    /// Adds text the checklist keeps to the total; past limits::kTextTotal,
    /// reports it once at mark and returns false. Always true when not enforcing.
    bool keep(const YAML::Mark& mark, qsizetype units);
    bool overTotal() const { return m_kept > limits::kTextTotal; }
    /// The required "id" of a step or a credential in \a m, of at most
    /// limits::kIdLength characters; nullopt when missing (reported by
    /// text()). An id that is no slug (\a notASlug: %1 the id, %2 the advice)
    /// or one of \a seenIds (\a duplicate: %1 the id, %2:%3 where it stood
    /// first) is reported and sets \a good (when given) false; any other
    /// joins \a seenIds.
    std::optional<QString> uniqueId(const Mapping& m, const QString& subject, QMap<QString, YAML::Mark>& seenIds,
                                    const QString& notASlug, const QString& duplicate, bool* good);
    /// A boolean key; false when absent.
    bool flag(const Mapping& m, const QString& key, const QString& subject);
    /// A whole number in [min, max]; badValue is the message with %1 = what was written.
    std::optional<qint64> number(const Mapping& m, const QString& key, qint64 min, qint64 max, const QString& badValue);

private:
    struct Issue {
        int line;
        int column;
        QString message;
    };
    QString m_fileName;
    bool m_enforcing = true;
    qint64 m_kept = 0;
    QList<Issue> m_issues;
};

/// A scalar's bytes, with what yaml-cpp decodes of "\\N" and "\\_" made UTF-8
/// (detail::yamlScalarUtf8()).
QByteArray scalarUtf8(const YAML::Node& node);

/// How a slug is written, for messages about one that is not.
QString slugAdvice();

/// Scalar text of a node as UTF-8 QString.
QString scalarText(const YAML::Node& node);

/// The slug id a list item names, for messages; empty if it has none or one
/// over limits::kIdLength (never throws).
QString slugIdOf(const YAML::Node& item);

/// Reads the 'credentials' list, checking each against the production hosts.
QList<CredentialTemplate> parseCredentials(ParseContext& ctx, const YAML::Node& node,
                                           const QStringList& productionHosts);

} // namespace onramp::detail
