#include "ChecklistVersionModel.h"
#include "Formats.h"
#include "StepListModel.h"

#include "onboarding/OnboardingRules.h"

namespace onramp::ui {

QStringList versionChanges(const Checklist& before, const Checklist& next)
{
    QStringList out;
    QStringList added;
    QStringList removed;
    QStringList reworded;
    QStringList nowReviewed;
    QStringList nowRequired;
    QStringList due;
    QStringList section;
    QStringList keptOrderBefore;
    for (const Step& old : before.steps) {
        const Step* now = next.step(old.id);
        if (!now) {
            removed.append(old.title);
            continue;
        }
        keptOrderBefore.append(old.id);
        if (!onboarding::sameWords(old, *now))
            reworded.append(
                old.title == now->title
                    ? quotedTitles({now->title})
                    : ChecklistVersionModel::tr("“%1” (now “%2”)", "a step renamed: its title before, then now")
                          .arg(old.title, now->title));
        if (now->signoff && !old.signoff)
            nowReviewed.append(now->title);
        else if (now->required && !old.required)
            nowRequired.append(now->title);
        if (now->dueDays != old.dueDays)
            due.append(now->title);
        if (now->section != old.section)
            section.append(now->title);
    }
    QStringList keptOrderNext;
    for (const Step& now : next.steps) {
        if (before.step(now.id))
            keptOrderNext.append(now.id);
        else
            added.append(now.title);
    }
    // Reworded titles are quoted already, with what they were: joined as quotedTitles() joins.
    const auto join = [](const QStringList& quoted) {
        return quoted.join(Formats::tr(", ", "between titles in a list"));
    };

    if (next.title != before.title)
        out.append(ChecklistVersionModel::tr("Renames the checklist “%1” to “%2”.").arg(before.title, next.title));
    if (!added.isEmpty())
        out.append(ChecklistVersionModel::tr("Adds %1.").arg(quotedTitles(added)));
    if (!removed.isEmpty())
        out.append(ChecklistVersionModel::tr("Removes %1.").arg(quotedTitles(removed)));
    if (!reworded.isEmpty())
        out.append(ChecklistVersionModel::tr("Rewords %1.").arg(join(reworded)));
    if (!nowReviewed.isEmpty())
        out.append(ChecklistVersionModel::tr("Now reviewed by the mentor before production access: %1.")
                       .arg(quotedTitles(nowReviewed)));
    if (!nowRequired.isEmpty())
        out.append(
            ChecklistVersionModel::tr("Now required before production access: %1.").arg(quotedTitles(nowRequired)));
    if (!due.isEmpty())
        out.append(ChecklistVersionModel::tr("Changes the due day of %1.").arg(quotedTitles(due)));
    if (!section.isEmpty())
        out.append(ChecklistVersionModel::tr("Moves %1 to another section.").arg(quotedTitles(section)));
    if (keptOrderBefore != keptOrderNext)
        out.append(ChecklistVersionModel::tr("Puts the steps in another order."));
    QStringList hostsAdded;
    for (const QString& host : next.productionHosts)
        if (!before.productionHosts.contains(host))
            hostsAdded.append(host);
    QStringList hostsRemoved;
    for (const QString& host : before.productionHosts)
        if (!next.productionHosts.contains(host))
            hostsRemoved.append(host);
    if (!hostsAdded.isEmpty())
        out.append(ChecklistVersionModel::tr("Adds to the production hosts: %1.")
                       .arg(hostsAdded.join(ChecklistVersionModel::tr(", ", "between host names"))));
    if (!hostsRemoved.isEmpty())
        out.append(ChecklistVersionModel::tr("Removes from the production hosts: %1.")
                       .arg(hostsRemoved.join(ChecklistVersionModel::tr(", ", "between host names"))));
    QStringList credAdded;
    QStringList credChanged;
    for (const CredentialTemplate& now : next.credentials) {
        const auto old = std::find_if(before.credentials.cbegin(), before.credentials.cend(),
                                      [&](const CredentialTemplate& c) { return c.id == now.id; });
        if (old == before.credentials.cend())
            credAdded.append(now.title);
        else if (!(*old == now))
            credChanged.append(now.title);
    }
    QStringList credRemoved;
    for (const CredentialTemplate& old : before.credentials)
        if (std::none_of(next.credentials.cbegin(), next.credentials.cend(),
                         [&](const CredentialTemplate& c) { return c.id == old.id; }))
            credRemoved.append(old.title);
    if (!credAdded.isEmpty())
        out.append(ChecklistVersionModel::tr("Adds to the credentials: %1.").arg(quotedTitles(credAdded)));
    if (!credRemoved.isEmpty())
        out.append(ChecklistVersionModel::tr("Removes from the credentials: %1.").arg(quotedTitles(credRemoved)));
    if (!credChanged.isEmpty())
        out.append(
            ChecklistVersionModel::tr("Changes the settings of the credentials %1.").arg(quotedTitles(credChanged)));
    if (const QStringList weakens = ChecklistStore::weakenings(before, next); !weakens.isEmpty())
        out.append(ChecklistVersionModel::tr("It weakens the gate: %1.")
                       .arg(weakens.join(ChecklistVersionModel::tr("; ", "between ways a version weakens the gate"))));
    if (out.isEmpty())
        out.append(ChecklistVersionModel::tr("No change to the steps, hosts or credentials."));
    return out;
}

QVariant ChecklistVersionModel::value(int row, int role) const
{
    const Row& r = m_rows.at(row);
    switch (role) {
    case Qt::DisplayRole:
    case VersionRole:
        return r.version;
    case ImportedAtRole:
        return r.importedAt;
    case ImportedAtTextRole:
        return shownTime(r.importedAt);
    case ImportedByRole:
        return r.importedBy;
    case ChangesRole:
        return r.changes;
    case LatestRole:
        return row == 0;
    default:
        return {};
    }
}

QHash<int, QByteArray> ChecklistVersionModel::roleNames() const
{
    return {{VersionRole, "version"},       {ImportedAtRole, "importedAt"}, {ImportedAtTextRole, "importedAtText"},
            {ImportedByRole, "importedBy"}, {ChangesRole, "changes"},       {LatestRole, "latest"}};
}

void ChecklistVersionModel::setVersions(const QList<StoredChecklist>& versions)
{
    resetRows([&] {
        m_rows.clear();
        const StoredChecklist* before = nullptr;
        for (const StoredChecklist& v : versions) {
            m_rows.prepend(
                {v.version, v.importedAt, v.importedBy,
                 before ? versionChanges(before->checklist, v.checklist) : QStringList{tr("The first version.")}});
            before = &v;
        }
    });
}

} // namespace onramp::ui
