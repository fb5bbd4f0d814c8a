// What a screen reader and the keys meet on the hire's and the mentor's
// pages, through the real window: the mentor's list of hires is a named list
// whose rows take the keys and say whose they are and how far along; every
// field a person fills is named by its label; the mentor page's headings come
// before what they head; the hire's credentials read their title before
// their id; a display name of one long word lays out without a binding loop.
#include "E2eDriver.h"

#include "Demo.h"
#include "Session.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Session;

namespace {

QAccessibleInterface* accessible(QQuickItem* item)
{
    return item ? QAccessible::queryAccessibleInterface(item) : nullptr;
}

QString accessibleName(QQuickItem* item)
{
    QAccessibleInterface* iface = accessible(item);
    return iface ? iface->text(QAccessible::Name).trimmed() : QString();
}

/// Every text field and text area under \a root, shown or not: what a person may fill.
void collectFields(QQuickItem* root, QList<QQuickItem*>* out)
{
    if (root->inherits("QQuickTextField") || root->inherits("QQuickTextArea"))
        out->append(root);
    const auto children = root->childItems();
    for (QQuickItem* child : children)
        collectFields(child, out);
}

/// The text that labels \a field on screen: the label laid right above it,
/// or its placeholder where no label is.
QString visibleLabel(QQuickItem* field)
{
    // A field first in a row of its own (the field and its Show button): its label is above the row.
    QQuickItem* labelled = field;
    if (field->parentItem()->inherits("QQuickRowLayout") && field->parentItem()->childItems().indexOf(field) == 0)
        labelled = field->parentItem();
    const QList<QQuickItem*> siblings = labelled->parentItem()->childItems();
    const qsizetype at = siblings.indexOf(labelled);
    if (at > 0 && siblings.at(at - 1)->inherits("QQuickLabel"))
        return siblings.at(at - 1)->property("text").toString();
    return field->property("placeholderText").toString();
}

/// What a screen reader says a field is: its name, a passphrase field's too.
QString spokenLabel(QQuickItem* field)
{
    QAccessibleInterface* iface = accessible(field);
    return iface ? iface->text(QAccessible::Name) : QString();
}

/// The fields of \a fields a screen reader says nothing for or other than
/// the text that labels them on screen, each with what it says and the label.
QStringList misnamedFields(const QList<QQuickItem*>& fields)
{
    QStringList misnamed;
    for (QQuickItem* field : fields) {
        const QString name = spokenLabel(field);
        const QString label = visibleLabel(field);
        if (name.isEmpty() || label.isEmpty() || !name.startsWith(label))
            misnamed << QStringLiteral("%1 named “%2” under “%3”")
                            .arg(field->objectName().isEmpty() ? QString::fromLatin1(field->metaObject()->className())
                                                               : field->objectName(),
                                 name, label);
    }
    return misnamed;
}

/// The accessible tree under \a iface in the order a screen reader reads
/// it, as the names of its parts (those with a name), each with its depth.
void readingOrder(QAccessibleInterface* iface, QStringList* out)
{
    if (!iface || iface->state().invisible)
        return;
    const QString name = iface->text(QAccessible::Name).trimmed();
    if (!name.isEmpty())
        out->append(name);
    for (int i = 0; i < iface->childCount(); ++i)
        readingOrder(iface->child(i), out);
}

} // namespace

class TestWalkFixesThree : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QString m_vault;
    /// A hire whose display name is one word of 80 letters.
    const QString m_longName = QString(80, u'W');

    QQuickItem* item(const QString& name) const { return m_ui->item(name); }
    QQuickItem* focused() const { return m_window->activeFocusItem(); }
    bool settled() const { return e2e::isSettled(m_window); }

    void showPage(const QString& name)
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)));
        QVERIFY(m_ui->waitForPage(name));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    /// Presses Tab until the keys are in \a target or under it; false when they never get there.
    bool tabInto(QQuickItem* target)
    {
        for (int i = 0; i < 80; ++i) {
            if (focused() && (focused() == target || target->isAncestorOf(focused())))
                return true;
            QTest::keyClick(m_window, Qt::Key_Tab);
        }
        return false;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_vault = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(m_vault, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        {
            // A second hire of maya's, whose display name is one word of 80
            // letters, with a step waiting for her review.
            std::unique_ptr<onramp::Vault> admin;
            e = onramp::Vault::unlock(m_vault, QStringLiteral("ada"),
                                      e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(), &admin);
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::People(*admin).add(QStringLiteral("wim"), m_longName, onramp::Role::Hire,
                                           QByteArrayView("wim's long passphrase"));
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::Enrollments(*admin).enroll(QStringLiteral("wim"), QStringLiteral("backend-week-one"),
                                                   QStringLiteral("maya"), QDate::currentDate());
            QVERIFY2(!e, qPrintable(e.message));
        }
        {
            std::unique_ptr<onramp::Vault> hire;
            e = onramp::Vault::unlock(m_vault, QStringLiteral("wim"), "wim's long passphrase", &hire);
            QVERIFY2(!e, qPrintable(e.message));
            onramp::Enrollments steps(*hire);
            for (const char* step : {"handbook", "laptop", "sandbox-tests"}) {
                e = steps.markDone(QStringLiteral("wim"), QString::fromLatin1(step), {});
                QVERIFY2(!e, qPrintable(e.message));
            }
        }
        Session::instance()->setVaultPath(m_vault);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        // A screen reader started after the app: the window is already up.
        QAccessible::setActive(true);
    }

    void cleanupTestCase()
    {
        if (Session::instance() && Session::instance()->isUnlocked())
            Session::instance()->lock();
        m_ui.reset();
        m_engine.reset();
    }

    // 2: the sign-in page's fields are named by their labels.
    void theSignInFieldsAreNamed()
    {
        QQuickItem* page = item(QStringLiteral("signin"));
        QVERIFY(page);
        QList<QQuickItem*> fields;
        collectFields(page, &fields);
        QVERIFY2(fields.size() >= 3, "the passphrase field and the two of the card to choose one");
        const QStringList misnamed = misnamedFields(fields);
        QVERIFY2(misnamed.isEmpty(), qPrintable(misnamed.join(QStringLiteral("; "))));
        QCOMPARE(spokenLabel(item(QStringLiteral("signInPassphrase"))), QStringLiteral("Passphrase"));
        // Walk 3 #15 and #5: the person picker is named by the question above it, and the demo's
        // Use button by what it does, in words that start with what it shows.
        QCOMPARE(accessibleName(item(QStringLiteral("personPicker"))), QStringLiteral("Who are you?"));
        QQuickItem* use = item(QStringLiteral("demoUse-maya"));
        QVERIFY(use);
        QCOMPARE(accessibleName(use), QStringLiteral("Use the passphrase of Maya Mentor"));
    }

    // 1: the mentor's hires are a list named for what it holds, and its rows
    // take the keys and say whose they are and how far along.
    void theMenteeListIsANamedListOfFocusableRows()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("mentee-wim")) && settled(), e2e::kPatienceMs);
        QQuickItem* list = item(QStringLiteral("menteeList"));
        QVERIFY(list);
        QAccessibleInterface* iface = accessible(list);
        QVERIFY(iface);
        QCOMPARE(iface->role(), QAccessible::List);
        QCOMPARE(iface->text(QAccessible::Name), QStringLiteral("Your hires"));

        QVERIFY2(tabInto(list), "Tab never reaches the list of hires");
        QQuickItem* first = focused();
        QVERIFY2(first && first->objectName().startsWith(QLatin1String("mentee-")),
                 qPrintable(QStringLiteral("the keys are on %1, not a row").arg(first ? first->objectName() : "")));
        QTest::keyClick(m_window, Qt::Key_Down);
        QQuickItem* second = focused();
        QVERIFY(second && second != first && second->objectName().startsWith(QLatin1String("mentee-")));
        QTest::keyClick(m_window, Qt::Key_Up);
        QCOMPARE(focused(), first);

        QQuickItem* alex = item(QStringLiteral("mentee-alex"));
        QAccessibleInterface* row = accessible(alex);
        QVERIFY(row);
        QCOMPARE(row->role(), QAccessible::ListItem);
        QVERIFY(row->state().focusable);
        // The demo's alex redid a step with a note: it waits once, as the review, not again as a note.
        const QString expected = QStringLiteral("Alex Newhire — %1 of %2 steps, 1 waiting for you")
                                     .arg(alex->property("done").toInt())
                                     .arg(alex->property("total").toInt());
        QCOMPARE(row->text(QAccessible::Name), expected);
        const QString wim = accessibleName(item(QStringLiteral("mentee-wim")));
        QVERIFY2(wim.startsWith(m_longName + QStringLiteral(" — ")) && wim.endsWith(QLatin1String("1 waiting for you")),
                 qPrintable(wim));
    }

    // 3: a screen reader meets each heading of the mentee's steps before the
    // rows it heads, as they are drawn, and knows it for a heading.
    void theMentorPageReadsHeadingsBeforeWhatTheyHead()
    {
        QVERIFY(m_ui->click(QStringLiteral("mentee-alex")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("step-restore-drill")) && settled(), e2e::kPatienceMs);
        QStringList order;
        readingOrder(accessible(item(QStringLiteral("mentor"))), &order);
        const QString read = order.join(u'\n');
        const qsizetype dayOne = order.indexOf(QStringLiteral("Day one"));
        const qsizetype firstWeek = order.indexOf(QStringLiteral("First week"));
        QVERIFY2(dayOne >= 0 && firstWeek >= 0, qPrintable(read));
        // The rows of the mentee's steps, not the review queue's, which name steps too.
        const qsizetype steps = order.indexOf(QStringLiteral("Steps of Alex Newhire"));
        QVERIFY2(steps >= 0, qPrintable(read));
        const auto rowOf = [&](const QString& title) {
            for (qsizetype i = steps; i < order.size(); ++i)
                if (order.at(i).contains(title) && order.at(i).contains(u','))
                    return i;
            return qsizetype(-1);
        };
        QVERIFY2(dayOne < rowOf(QStringLiteral("Read how we handle mistakes")), qPrintable(read));
        QVERIFY2(firstWeek < rowOf(QStringLiteral("Run the test suite against your sandbox")), qPrintable(read));
        QVERIFY2(rowOf(QStringLiteral("Set up your laptop")) < firstWeek, qPrintable(read));
        QVERIFY2(order.indexOf(QStringLiteral("Production credentials"))
                     < order.indexOf(QStringLiteral("Production database (read-only)")),
                 qPrintable(read));

        // The rows and headings of the list are read top to bottom, headings as headings.
        QAccessibleInterface* list = accessible(item(QStringLiteral("menteeSteps")));
        QVERIFY(list);
        qreal above = -1;
        int headings = 0;
        for (int i = 0; i < list->childCount(); ++i) {
            QAccessibleInterface* part = list->child(i);
            auto* partItem = qobject_cast<QQuickItem*>(part->object());
            if (!partItem || !partItem->isVisible())
                continue;
            const qreal y = partItem->mapToScene(QPointF(0, 0)).y();
            QVERIFY2(
                y >= above,
                qPrintable(
                    QStringLiteral("“%1” is read after a part drawn below it").arg(part->text(QAccessible::Name))));
            above = y;
            if (part->text(QAccessible::Name) == QLatin1String("Day one")
                || part->text(QAccessible::Name) == QLatin1String("First week")) {
                QCOMPARE(part->role(), QAccessible::Heading);
                ++headings;
            }
        }
        QCOMPARE(headings, 2);
        // Read with the arrow keys alone, the first row of a section says its heading.
        QCOMPARE(accessibleName(item(QStringLiteral("step-handbook"))),
                 QStringLiteral("Day one: Read how we handle mistakes, done"));
    }

    // 5: a display name of one long word wraps in the review queue with no binding loop.
    void aLongNameInTheQueueLaysOutOnce()
    {
        // The page made at each size people use, and each review selected in turn.
        for (const QSize size : {QSize(1600, 900), QSize(1920, 1080), QSize(1280, 800), QSize(1024, 640)}) {
            Session::instance()->lock();
            QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
            QVERIFY(m_ui->resizeTo(size));
            QVERIFY(m_ui->signInAs(QStringLiteral("maya")));
            QVERIFY(m_ui->waitForPage(QStringLiteral("mentor")));
            QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("reviewName-wim-sandbox-tests")) && settled(),
                                     e2e::kPatienceMs);
            for (int i = 0; i < 2; ++i) {
                QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
                QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
            }
        }
        QQuickItem* name = item(QStringLiteral("reviewName-wim-sandbox-tests"));
        QVERIFY(name);
        QQuickItem* row = item(QStringLiteral("review-wim-sandbox-tests"));
        QVERIFY(row);
        QVERIFY2(name->width() <= row->width(), "the name runs past its row");
        QVERIFY(name->height() > 0);
    }

    // 2: the change-passphrase dialog's fields are named by their labels.
    void theChangePassphraseFieldsAreNamed()
    {
        QVERIFY(m_ui->click(QStringLiteral("settingsButton")));
        QVERIFY(m_ui->click(QStringLiteral("changePassphraseButton")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("currentPassphrase")) && settled(), e2e::kPatienceMs);
        QQuickItem* overlay = e2e::findItemOfClass(m_window->contentItem(), "QQuickOverlay");
        QVERIFY(overlay);
        QList<QQuickItem*> fields;
        collectFields(overlay, &fields);
        QVERIFY2(fields.size() >= 3, "the current passphrase, the new one and its repetition");
        const QStringList misnamed = misnamedFields(fields);
        QVERIFY2(misnamed.isEmpty(), qPrintable(misnamed.join(QStringLiteral("; "))));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("currentPassphrase")) && settled(), e2e::kPatienceMs);
    }

    // 4: a credential reads its title, then its id as secondary text.
    void aCredentialReadsItsTitleBeforeItsId()
    {
        QVERIFY(m_ui->signInAs(QStringLiteral("alex")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("home")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("credential-sandbox-db")) && settled(), e2e::kPatienceMs);
        QQuickItem* title = item(QStringLiteral("credentialTitle-sandbox-db"));
        QQuickItem* id = item(QStringLiteral("credentialId-sandbox-db"));
        QVERIFY(title);
        QVERIFY2(id, "the id is not shown");
        QCOMPARE(id->property("text").toString(), QStringLiteral("sandbox-db"));
        const qreal titleBottom = title->mapToScene(QPointF(0, title->height())).y();
        QVERIFY2(id->mapToScene(QPointF(0, 0)).y() >= titleBottom - 0.5, "the id is not below the title");
        QVERIFY2(!id->property("font").value<QFont>().bold()
                     && id->property("color").value<QColor>() != title->property("color").value<QColor>(),
                 "the id does not look secondary");
        const QString name = accessibleName(item(QStringLiteral("credential-sandbox-db")));
        QCOMPARE(name, QStringLiteral("Sandbox database (sandbox-db)"));
    }

    // 2: the step page's fields are named by their labels.
    void theStepPageFieldsAreNamed()
    {
        showPage(QStringLiteral("checklist"));
        QVERIFY(m_ui->click(QStringLiteral("step-restore-drill")));
        QVERIFY(m_ui->waitForPage(QStringLiteral("step")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QQuickItem* page = item(QStringLiteral("step"));
        QVERIFY(page);
        QList<QQuickItem*> fields;
        collectFields(page, &fields);
        QVERIFY2(!fields.isEmpty(), "the note field");
        const QStringList misnamed = misnamedFields(fields);
        QVERIFY2(misnamed.isEmpty(), qPrintable(misnamed.join(QStringLiteral("; "))));
    }
};

ONRAMP_E2E_MAIN(TestWalkFixesThree)
#include "TestWalkFixesThree.moc"
