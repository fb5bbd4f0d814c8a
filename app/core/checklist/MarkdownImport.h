#pragma once

#include "checklist/ChecklistParser.h"

namespace onramp {

/// Reads a GitLab-style onboarding issue as a checklist: "# Title" names it,
/// "##"/"###" headings name sections, "- [ ] text" lines are steps with
/// "(required)" and "(signoff)" flags after the text, and lines indented under
/// a step become its body. The id is the title's slug, else the file name's.
ParseResult importMarkdown(const QByteArray& bytes, const QString& fileName);

} // namespace onramp
