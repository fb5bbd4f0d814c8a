// The vault the report's tests chart: three hires of mentor max on the
// week-one checklist. hal starts on 2026-10-05, is approved 6 hours after
// marking the sandbox tests done and signed off on day 3; hana ("Hana, "H"")
// and zed ("=SUM(A1)") start on 2026-11-02; hana's review has waited a day
// at 2026-11-20 09:00, and neither has read the handbook, due the day after
// they started.
#pragma once

#include "TestData.h"
#include "VaultTestUtil.h"

#include "Clock.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"

namespace reportfixture {

inline const QByteArray kOtherHirePassphrase = "other hire passphrase";
/// When the report is read: hana's review has waited 24 hours.
inline const QDateTime kNow(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);

inline QDateTime at(int month, int day, int hour)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, 0), Qt::UTC);
}

/// Builds the vault in \a dir; an empty string on success, else what failed.
inline QString build(const QString& dir)
{
    using namespace onramp;
    FixedClock clock(at(10, 5, 9));
    const auto unlock = [&dir](const QString& name, const QByteArray& passphrase) {
        std::unique_ptr<Vault> vault;
        if (const Error e = Vault::unlock(dir, name, passphrase, &vault))
            qWarning() << e.message;
        return vault;
    };
    const auto failed = [](const Error& e) { return e ? e.message : QString(); };
    {
        auto admin = vaulttest::makeVault(dir);
        if (!admin)
            return QStringLiteral("no vault");
        if (Error e = People(*admin).add(QStringLiteral("hana"), QStringLiteral("Hana, \"H\""), Role::Hire,
                                         kOtherHirePassphrase))
            return e.message;
        if (Error e =
                People(*admin).add(QStringLiteral("zed"), QStringLiteral("=SUM(A1)"), Role::Hire, kOtherHirePassphrase))
            return e.message;
        ParseResult parsed = parseChecklist(checklistFixture(QStringLiteral("week-one.yaml")), QStringLiteral("w"));
        if (!parsed.ok())
            return parsed.errors.join(u'\n');
        ImportOutcome outcome;
        if (Error e = ChecklistStore(*admin).import(*parsed.checklist, clock.now(), &outcome))
            return e.message;
        Enrollments enroll(*admin, clock);
        for (const auto& [hire, start] : {std::pair{"hal", QDate(2026, 10, 5)}, std::pair{"hana", QDate(2026, 11, 2)},
                                          std::pair{"zed", QDate(2026, 11, 2)}}) {
            if (Error e =
                    enroll.enroll(QString::fromLatin1(hire), QStringLiteral("week-one"), QStringLiteral("max"), start))
                return e.message;
        }
    }
    auto hal = unlock(QStringLiteral("hal"), vaulttest::kHirePassphrase);
    auto mentor = unlock(QStringLiteral("max"), vaulttest::kMentorPassphrase);
    auto hana = unlock(QStringLiteral("hana"), kOtherHirePassphrase);
    if (!hal || !mentor || !hana)
        return QStringLiteral("cannot unlock");
    clock.set(at(10, 6, 9));
    if (Error e = Enrollments(*hal, clock).markDone(QStringLiteral("hal"), QStringLiteral("handbook"), {}))
        return e.message;
    clock.set(at(10, 6, 10));
    if (Error e = Enrollments(*hal, clock).markDone(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), {}))
        return e.message;
    clock.set(at(10, 6, 16));
    if (Error e = Enrollments(*mentor, clock)
                      .review(QStringLiteral("hal"), QStringLiteral("sandbox-tests"), true, QStringLiteral("ok")))
        return e.message;
    clock.set(at(10, 8, 9));
    if (Error e = Enrollments(*mentor, clock).signOff(QStringLiteral("hal")))
        return e.message;
    clock.set(at(11, 19, 9));
    return failed(Enrollments(*hana, clock).markDone(QStringLiteral("hana"), QStringLiteral("sandbox-tests"), {}));
}

} // namespace reportfixture
