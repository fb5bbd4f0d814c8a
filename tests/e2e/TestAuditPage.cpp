// The audit page through the real window, as the demo admin: the person
// filter finds what was done about a person as well as by them, the page
// holds still when a filter finds nothing, the export menu opens inside the
// window with room to spare, Ctrl+F goes to the search field, the actions
// read in the app's words (the filter too), and an entry opens in full by a
// click or by Enter, and Escape closes it. Every value a detail holds as a
// code (a first passphrase handed over, a rekey's outcome…) reads in words
// in the list and in the entry, and every action's tag is whole at 1024x640,
// 1280x800 and 1920x1080, in English and in German.
#include "E2eDriver.h"

#include "Appearance.h"
#include "AuditEntryModel.h"
#include "Demo.h"
#include "Session.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickStyle>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::AuditEntryModel;
using onramp::ui::Session;

class TestAuditPage : public e2e::WindowFixture
{
    Q_OBJECT

private:
    QAbstractItemModel* entries() const
    {
        QQuickItem* list = m_ui->item(QStringLiteral("auditEntries"));
        return list ? list->property("model").value<QAbstractItemModel*>() : nullptr;
    }

    /// Types \a person into the person filter in place of what it held, and applies it.
    void filterByPerson(const QString& person)
    {
        QQuickItem* field = m_ui->item(QStringLiteral("auditActorFilter"));
        QVERIFY(field);
        field->setProperty("text", QString());
        QVERIFY(m_ui->type(QStringLiteral("auditActorFilter"), person));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
    }

    /// Where \a objectName sits in the window, its top left corner.
    QPointF placeOf(const QString& objectName) const
    {
        QQuickItem* it = m_ui->item(objectName);
        return it ? it->mapToScene(QPointF(0, 0)) : QPointF(-1, -1);
    }

    /// The row of the list showing model row \a index, once it is laid out.
    QQuickItem* rowAt(int index) const
    {
        QQuickItem* list = m_ui->item(QStringLiteral("auditEntries"));
        if (!list)
            return nullptr;
        auto* content = list->property("contentItem").value<QQuickItem*>();
        const auto rows = content ? content->childItems() : QList<QQuickItem*>();
        for (QQuickItem* row : rows) {
            const QVariant i = row->property("index");
            if (i.isValid() && i.toInt() == index && row->isVisible())
                return row;
        }
        return nullptr;
    }

    QObject* entryDialog() const
    {
        return m_ui->item(QStringLiteral("audit"))->findChild<QObject*>(QStringLiteral("auditEntryDialog"));
    }

    /// Every text the open entry dialog shows.
    QStringList dialogTexts() const
    {
        auto* content = entryDialog()->property("contentItem").value<QQuickItem*>();
        return content ? e2e::textsUnder(content) : QStringList();
    }

    void showAudit()
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, QStringLiteral("audit"))));
        QVERIFY(m_ui->waitForPage(QStringLiteral("audit")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    /// Every row of the list laid out at some scroll position, each once, by its index.
    QMap<int, QQuickItem*> visitRows(const std::function<void(QQuickItem*)>& each)
    {
        QMap<int, QQuickItem*> seen;
        QQuickItem* list = m_ui->item(QStringLiteral("auditEntries"));
        if (!list)
            return seen;
        const int count = list->property("count").toInt();
        for (int i = 0; i < count; ++i) {
            if (seen.contains(i))
                continue;
            QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, i), Q_ARG(int, 0 /* Beginning */));
            (void)QTest::qWaitFor([&] { return rowAt(i) && e2e::isSettled(m_window); }, e2e::kPatienceMs);
            for (int j = i; j < count; ++j) {
                QQuickItem* row = rowAt(j);
                if (!row)
                    break;
                if (!seen.contains(j)) {
                    seen.insert(j, row);
                    each(row);
                }
            }
        }
        return seen;
    }

    /// The page's entries replaced by \a entries (newest first), as a reload would put them.
    bool showEntries(const QList<onramp::AuditEntry>& entries)
    {
        auto* model = qobject_cast<AuditEntryModel*>(entries.isEmpty() ? nullptr : this->entries());
        if (!model)
            model = qobject_cast<AuditEntryModel*>(this->entries());
        if (!model)
            return false;
        model->setEntries(entries);
        return QTest::qWaitFor([&] { return e2e::isSettled(m_window) && rowAt(0); }, e2e::kPatienceMs);
    }

    /// An entry of \a action with \a details, as the log would hold it.
    static onramp::AuditEntry entryOf(qint64 seq, const QString& action, const QJsonObject& details)
    {
        onramp::AuditEntry e;
        e.sequence = seq;
        e.at = QStringLiteral("2026-03-02T09:15:00.000Z");
        e.actorName = QStringLiteral("ada");
        e.action = action;
        e.subject = QStringLiteral("alex");
        e.details = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
        e.hash = QByteArray(32, '\x11');
        e.previousHash = QByteArray(32, '\x22');
        return e;
    }

    /// The items named \a objectName under \a root.
    static QList<QQuickItem*> named(QQuickItem* root, const QString& objectName)
    {
        QList<QQuickItem*> found;
        if (root->objectName() == objectName && root->isVisible())
            found.append(root);
        const auto children = root->childItems();
        for (QQuickItem* child : children)
            found += named(child, objectName);
        return found;
    }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QStandardPaths::setTestModeEnabled(true); // a change of language is kept in QSettings
        QSettings().remove(QStringLiteral("language"));
        const QString demo = m_dir.filePath(QStringLiteral("demo"));
        onramp::Error e = e2e::makeDemoVault(demo, e2e::DemoSeed::Progress);
        QVERIFY2(!e, qPrintable(e.message));
        {
            // A roster imported with one passphrase handed over as typed and
            // one made at random: their signed person.add entries say so.
            std::unique_ptr<onramp::Vault> admin;
            e = onramp::Vault::unlock(demo, QStringLiteral("ada"), e2e::demoPassphrase(QStringLiteral("ada")).toUtf8(),
                                      &admin);
            QVERIFY2(!e, qPrintable(e.message));
            std::vector<onramp::People::NewPerson> roster(2);
            roster[0].name = QStringLiteral("rory");
            roster[0].displayName = QStringLiteral("Rory Given");
            roster[0].passphrase = onramp::SecureBytes::copyOf("rory's first passphrase");
            roster[0].choosesAtFirstSignIn = true;
            roster[1].name = QStringLiteral("rae");
            roster[1].displayName = QStringLiteral("Rae Random");
            roster[1].passphrase = onramp::SecureBytes::copyOf("Kq7v-29xP-Lm4s-Vb8t-Zr3w-Hn6y");
            roster[1].kdfLevel = onramp::KdfLevel::Interactive;
            roster[1].randomPassphrase = true;
            e = onramp::People(*admin).addMany(roster, QStringLiteral("new-hires.csv"));
            QVERIFY2(!e, qPrintable(e.message));
        }
        Session::instance()->setVaultPath(demo);
        QVERIFY(openWindow());
        m_window->resize(1024, 640);
        m_window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        QVERIFY(m_ui->waitForPage(QStringLiteral("signin")));
        const QString passphrase = e2e::demoPassphrase(QStringLiteral("ada"));
        e = Session::instance()->unlockNow(QStringLiteral("ada"), passphrase.toUtf8());
        QVERIFY2(!e, qPrintable(e.message));
        QVERIFY(m_ui->waitForPage(QStringLiteral("admin")));
        showAudit();
    }

    void personFilterFindsWhatWasDoneAboutThePerson()
    {
        filterByPerson(QStringLiteral("alex"));
        QAbstractItemModel* model = entries();
        QVERIFY(model);
        const QHash<int, QByteArray> roles = model->roleNames();
        const int actor = roles.key("actor");
        const int subject = roles.key("subject");
        const int action = roles.key("actionName");
        bool byAlex = false;
        bool aboutAlexByAnother = false;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex i = model->index(row, 0);
            const bool isAlex = i.data(actor).toString() == QLatin1String("alex");
            byAlex = byAlex || isAlex;
            if (!isAlex) {
                QCOMPARE(i.data(subject).toString(), QStringLiteral("alex"));
                aboutAlexByAnother =
                    aboutAlexByAnother || i.data(action).toString() == QLatin1String("enrollment.create");
            }
        }
        QVERIFY2(byAlex, "the steps alex marked done are missing");
        QVERIFY2(aboutAlexByAnother, "the admin's enrollment of alex is missing");
    }

    // The search finds what an entry's action, subject or details hold, in
    // any case, and nothing else; a text nothing holds says so, by the text.
    // An entry that completes a commit names what it completes; filtered to
    // its own action, which leaves that entry out, it still names it
    // rather than a bare "entry N".
    void aFilteredEntryStillNamesTheCommitItCompletes()
    {
        filterByPerson(QString());
        QAbstractItemModel* model = entries();
        QVERIFY(model);
        const QHash<int, QByteArray> roles = model->roleNames();
        QString action;
        QString named;
        // "Completes: Step done: Alex Newhire, Dec 3, 2026 9:14 AM (entry 11)", of another action.
        const QRegularExpression completes(QStringLiteral("Completes: ([^:]+): [^(]*\\(entry \\d+\\)"));
        for (int row = 0; row < model->rowCount() && action.isEmpty(); ++row) {
            const QModelIndex i = model->index(row, 0);
            const QRegularExpressionMatch match = completes.match(i.data(roles.key("details")).toString());
            if (match.hasMatch() && match.captured(1) != i.data(roles.key("actionText")).toString()) {
                action = i.data(roles.key("actionName")).toString();
                named = match.captured(0);
            }
        }
        QVERIFY2(!action.isEmpty(), "no entry of the demo completes another's commit");
        QObject* audit = e2e::findObjectOfClass(m_ui->item(QStringLiteral("audit")), "AuditBackend");
        QVERIFY(audit);
        audit->setProperty("action", action);
        QVERIFY(QMetaObject::invokeMethod(audit, "reload"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && model->rowCount() > 0
                                     && model->index(0, 0).data(roles.key("actionName")).toString() == action
                                     && model->index(model->rowCount() - 1, 0).data(roles.key("actionName")).toString()
                                         == action,
                                 e2e::kPatienceMs);
        bool found = false;
        for (int row = 0; row < model->rowCount(); ++row)
            found = found || model->index(row, 0).data(roles.key("details")).toString().contains(named);
        QVERIFY2(found, qPrintable(named));
        const int filtered = model->rowCount();
        audit->setProperty("action", QString());
        QVERIFY(QMetaObject::invokeMethod(audit, "reload"));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && model->rowCount() > filtered, e2e::kPatienceMs);
    }

    void searchFindsWhatTheDetailsHold()
    {
        filterByPerson(QString());
        QAbstractItemModel* model = entries();
        QVERIFY(model);
        const int all = model->rowCount();
        QVERIFY(all > 0);
        const QHash<int, QByteArray> roles = model->roleNames();
        QQuickItem* field = m_ui->item(QStringLiteral("auditSearch"));
        QVERIFY(field);
        const QString countBefore = m_ui->text(QStringLiteral("auditCount"));
        const qreal widthBefore = field->width();
        field->setProperty("text", QString());
        QVERIFY(m_ui->type(QStringLiteral("auditSearch"), QStringLiteral("RESTORE-drill")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && model->rowCount() < all, e2e::kPatienceMs);
        QVERIFY(model->rowCount() > 0);
        // Another count, the same row: the search field keeps its width.
        QVERIFY(m_ui->text(QStringLiteral("auditCount")) != countBefore);
        QCOMPARE(field->width(), widthBefore);
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex i = model->index(row, 0);
            const QString held = i.data(roles.key("actionName")).toString() + u' '
                + i.data(roles.key("subject")).toString() + u' ' + i.data(roles.key("details")).toString();
            QVERIFY2(held.contains(QStringLiteral("restore-drill"), Qt::CaseInsensitive), qPrintable(held));
        }
        // The words the page shows find their entries too: an action's name, a person's display name.
        field->setProperty("text", QString());
        QVERIFY(m_ui->type(QStringLiteral("auditSearch"), QStringLiteral("step approved")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && model->rowCount() > 0
                                     && model->index(0, 0).data(roles.key("actionName")).toString()
                                         == QLatin1String("step.approve"),
                                 e2e::kPatienceMs);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, 0).data(roles.key("actionName")).toString(), QStringLiteral("step.approve"));
        field->setProperty("text", QString());
        QVERIFY(m_ui->type(QStringLiteral("auditSearch"), QStringLiteral("Maya Mentor")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && model->rowCount() > 0
                                     && model->index(0, 0).data(roles.key("actionName")).toString()
                                         != QLatin1String("step.approve"),
                                 e2e::kPatienceMs);
        bool byMaya = false;
        for (int row = 0; row < model->rowCount(); ++row)
            byMaya = byMaya || model->index(row, 0).data(roles.key("actor")).toString() == QLatin1String("maya");
        QVERIFY(byMaya);
        field->setProperty("text", QString());
        QVERIFY(m_ui->type(QStringLiteral("auditSearch"), QStringLiteral("no-such-words-here")));
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && model->rowCount() == 0, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::textsUnder(m_ui->item(QStringLiteral("auditEmpty")))
                                     .contains(QStringLiteral("Nothing in the log holds “no-such-words-here”.")),
                                 e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("auditClearFilters")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window) && model->rowCount() == all, e2e::kPatienceMs);
        QCOMPARE(field->property("text").toString(), QString());
    }

    void pageHoldsStillWhenNothingMatches()
    {
        const QPointF filters = placeOf(QStringLiteral("auditActorFilter"));
        const QPointF heading = placeOf(QStringLiteral("auditVerify"));
        filterByPerson(QStringLiteral("nobody"));
        QVERIFY(m_ui->item(QStringLiteral("auditEmpty")));
        QCOMPARE(placeOf(QStringLiteral("auditActorFilter")), filters);

        // Applied again while nothing matches: the window drawn while the
        // list reloads keeps every control where it was.
        QVERIFY(m_ui->click(QStringLiteral("auditApplyFilters")));
        const QImage whileLoading = m_window->grabWindow();
        QVERIFY(!whileLoading.isNull());
        QCOMPARE(placeOf(QStringLiteral("auditActorFilter")), filters);
        QCOMPARE(placeOf(QStringLiteral("auditVerify")), heading);
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QVERIFY(m_ui->item(QStringLiteral("auditEmpty")));
        QCOMPARE(placeOf(QStringLiteral("auditActorFilter")), filters);
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));

        QVERIFY(m_ui->click(QStringLiteral("auditClearFilters")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QVERIFY(m_ui->item(QStringLiteral("auditEntries")));
        QCOMPARE(placeOf(QStringLiteral("auditActorFilter")), filters);
    }

    void exportMenuOpensInsideTheWindowWithAMargin()
    {
        QVERIFY(m_ui->click(QStringLiteral("auditExport")));
        QObject* menu = m_ui->item(QStringLiteral("audit"))->findChild<QObject*>(QStringLiteral("auditExportMenu"));
        QVERIFY(menu);
        QTRY_VERIFY_WITH_TIMEOUT(menu->property("opened").toBool(), e2e::kPatienceMs);
        auto* content = menu->property("contentItem").value<QQuickItem*>();
        QVERIFY(content);
        QQuickItem* frame = content;
        while (frame->parentItem() && !frame->parentItem()->inherits("QQuickOverlay"))
            frame = frame->parentItem();
        const QRectF box = frame->mapRectToScene(QRectF(0, 0, frame->width(), frame->height()));
        const QRectF button = m_ui->item(QStringLiteral("auditExport"))
                                  ->mapRectToScene(QRectF(0, 0, m_ui->item(QStringLiteral("auditExport"))->width(),
                                                          m_ui->item(QStringLiteral("auditExport"))->height()));
        constexpr qreal kMargin = 8;
        QVERIFY2(
            box.right() <= m_window->width() - kMargin,
            qPrintable(
                QStringLiteral("the menu ends at %1 in a window %2 wide").arg(box.right()).arg(m_window->width())));
        QVERIFY2(box.left() >= kMargin, qPrintable(QStringLiteral("the menu starts at %1").arg(box.left())));
        QVERIFY2(box.top() >= button.bottom(), "the menu covers its button");
        QVERIFY2(box.bottom() <= m_window->height() - kMargin, "the menu reaches the bottom edge");
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!menu->property("visible").toBool(), e2e::kPatienceMs);
    }

    void ctrlFGoesToTheSearchField()
    {
        QQuickItem* field = m_ui->item(QStringLiteral("auditSearch"));
        QVERIFY(field);
        QVERIFY(m_ui->click(QStringLiteral("auditVerify")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QVERIFY(!field->hasActiveFocus());
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(field->hasActiveFocus(), e2e::kPatienceMs);
    }

    void actionsReadInTheAppsWords()
    {
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QQuickItem* list = m_ui->item(QStringLiteral("auditEntries"));
        QVERIFY(list);
        // A code such as "step.reject" or "credential.set" is what the program
        // calls an action, not what the people using it do.
        static const QRegularExpression code(QStringLiteral("^[a-z]+\\.[a-z_]+$"));
        const QStringList shown = e2e::textsUnder(list);
        QVERIFY(!shown.isEmpty());
        for (const QString& text : shown)
            QVERIFY2(!code.match(text).hasMatch(), qPrintable(QStringLiteral("the list shows the code %1").arg(text)));

        // The filter offers the same words and finds the entries that show them.
        QQuickItem* filter = m_ui->item(QStringLiteral("auditActionFilter"));
        QVERIFY(filter);
        int changesAsked = -1;
        QVERIFY(QMetaObject::invokeMethod(filter, "find", Q_RETURN_ARG(int, changesAsked),
                                          Q_ARG(QString, QStringLiteral("Changes asked"))));
        QVERIFY2(changesAsked > 0, "the action filter does not offer “Changes asked”");
        QVERIFY(m_ui->chooseRow(QStringLiteral("auditActionFilter"), changesAsked));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QAbstractItemModel* model = entries();
        QVERIFY(model);
        QVERIFY(model->rowCount() > 0);
        const int action = model->roleNames().key("actionName");
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, 0).data(action).toString(), QStringLiteral("step.reject"));
        QTRY_VERIFY_WITH_TIMEOUT(rowAt(0), e2e::kPatienceMs);
        QVERIFY2(e2e::textsUnder(rowAt(0)).contains(QStringLiteral("Changes asked")),
                 qPrintable(e2e::textsUnder(rowAt(0)).join(u'|')));
        QCOMPARE(filter->property("currentText").toString(), QStringLiteral("Changes asked"));
        QVERIFY(m_ui->click(QStringLiteral("auditClearFilters")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
    }

    void anEntryOpensInFullByClickOrEnter()
    {
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QAbstractItemModel* model = entries();
        QVERIFY(model);
        const QHash<int, QByteArray> roles = model->roleNames();
        const QModelIndex newest = model->index(0, 0);
        const QString seq = newest.data(roles.key("seq")).toString();
        const QString code = newest.data(roles.key("actionName")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(rowAt(0), e2e::kPatienceMs);
        QQuickItem* row = rowAt(0);
        // The keys elsewhere on the list before the click: the click moves them to its row.
        m_ui->item(QStringLiteral("auditEntries"))->setProperty("currentIndex", 2);
        QTest::mouseClick(m_window, Qt::LeftButton, {},
                          row->mapToScene(QPointF(row->width() / 2, row->height() / 2)).toPoint());
        QObject* dialog = entryDialog();
        QVERIFY2(dialog, "a click on an entry shows nothing more");
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        // Who, when, what in words and as the code IT searches logs for, and
        // its place in the chain with its hash.
        const QString all = dialogTexts().join(u'\n');
        QVERIFY2(all.contains(newest.data(roles.key("actor")).toString()), qPrintable(all));
        QVERIFY2(all.contains(newest.data(roles.key("atText")).toString()), qPrintable(all));
        QVERIFY2(all.contains(code), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Entry %1").arg(seq)), qPrintable(all));
        static const QRegularExpression hash(QStringLiteral("\\b[0-9a-f]{64}\\b"));
        QVERIFY2(hash.match(all).hasMatch(), qPrintable(all));
        // Who by the name they go by, with the login the entry records.
        const QString actor = newest.data(roles.key("actor")).toString();
        const QString shownName = Session::instance()->shownNames().value(actor).toString();
        if (!shownName.isEmpty() && shownName != actor)
            QVERIFY2(all.contains(QStringLiteral("%1 (%2)").arg(shownName, actor)), qPrintable(all));
        // A hash on one line, or, where it does not fit, in two equal halves: never a few characters alone.
        QList<QQuickItem*> values;
        const std::function<void(QQuickItem*)> collect = [&](QQuickItem* at) {
            if (at->objectName() == QLatin1String("auditFieldValue") && at->isVisible())
                values.append(at);
            for (QQuickItem* child : at->childItems())
                collect(child);
        };
        collect(dialog->property("contentItem").value<QQuickItem*>());
        int hashes = 0;
        for (QQuickItem* value : std::as_const(values)) {
            const QString text = value->property("text").toString();
            if (!hash.match(text).hasMatch())
                continue;
            ++hashes;
            const int lines = value->property("lineCount").toInt();
            QVERIFY2(lines == 1 || (lines == 2 && value->width() < value->property("implicitWidth").toReal() * 0.55),
                     qPrintable(QStringLiteral("%1 on %2 lines, %3 of %4 px wide")
                                    .arg(text)
                                    .arg(lines)
                                    .arg(value->width())
                                    .arg(value->property("implicitWidth").toReal())));
        }
        QCOMPARE(hashes, 2); // its own and the one before it
        // Every value, a hash's too, starts at the same place: one column.
        for (QQuickItem* value : std::as_const(values))
            QCOMPARE(value->mapToScene(QPointF(0, 0)).x(), values.first()->mapToScene(QPointF(0, 0)).x());
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        // The click left the keys on the entries, on the row it opened: Enter opens it again.
        QQuickItem* list = m_ui->item(QStringLiteral("auditEntries"));
        QTRY_VERIFY_WITH_TIMEOUT(list->hasActiveFocus(), e2e::kPatienceMs);
        QCOMPARE(list->property("currentIndex").toInt(), 0);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);

        // By keyboard: the list, a row, Enter; Escape back to the list.
        for (int i = 0; i < 40 && !list->hasActiveFocus(); ++i)
            m_ui->key(Qt::Key_Tab);
        QVERIFY2(list->hasActiveFocus(), "Tab never reaches the entries");
        m_ui->key(Qt::Key_Home);
        m_ui->key(Qt::Key_Down);
        QTRY_COMPARE_WITH_TIMEOUT(list->property("currentIndex").toInt(), 1, e2e::kPatienceMs);
        m_ui->key(Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
        const QString second = model->index(1, 0).data(roles.key("seq")).toString();
        QVERIFY2(dialogTexts().join(u'\n').contains(QStringLiteral("Entry %1").arg(second)),
                 qPrintable(dialogTexts().join(u'\n')));
        // Entries that record a signed decision name it in words.
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(list->hasActiveFocus(), e2e::kPatienceMs);
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, 0).data(roles.key("actionName")).toString() != QLatin1String("step.reject"))
                continue;
            QVERIFY(QMetaObject::invokeMethod(m_ui->item(QStringLiteral("audit")), "showEntry", Q_ARG(QVariant, r)));
            QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
            const QString texts = dialogTexts().join(u'\n');
            QVERIFY2(texts.contains(QStringLiteral("Step review")), qPrintable(texts));
            QVERIFY2(texts.contains(QStringLiteral("Changes asked")), qPrintable(texts));
            if (!qEnvironmentVariableIsEmpty("AUDIT_ENTRY_SHOT"))
                m_window->grabWindow().save(qEnvironmentVariable("AUDIT_ENTRY_SHOT"));
            m_ui->key(Qt::Key_Escape);
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
            break;
        }
    }

    /// Verify (a highlighted button) and the entries' row under the keys
    /// look different with the keys on them than without.
    void theKeysShowWhereTheyAre()
    {
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const auto look = [&](QQuickItem* item) {
            const QRect r = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()))
                                .toAlignedRect()
                                .adjusted(-4, -4, 4, 4);
            return m_window->grabWindow().copy(r);
        };
        const auto tabTo = [&](const std::function<bool(QQuickItem*)>& there) {
            for (int i = 0; i < 40; ++i) {
                if (m_window->activeFocusItem() && there(m_window->activeFocusItem()))
                    return true;
                m_ui->key(Qt::Key_Tab);
            }
            return false;
        };
        QQuickItem* verify = m_ui->item(QStringLiteral("auditVerify"));
        QVERIFY(tabTo([&](QQuickItem* f) { return f == verify; }));
        const QImage focusedVerify = look(verify);
        QQuickItem* list = m_ui->item(QStringLiteral("auditEntries"));
        QVERIFY(tabTo([&](QQuickItem* f) { return list->isAncestorOf(f) || f == list; }));
        QVERIFY2(look(verify) != focusedVerify, "Verify looks the same with the keys on it");
        QTRY_VERIFY_WITH_TIMEOUT(rowAt(list->property("currentIndex").toInt()), e2e::kPatienceMs);
        QQuickItem* row = rowAt(list->property("currentIndex").toInt());
        const QImage focusedRow = look(row);
        QVERIFY(tabTo([&](QQuickItem* f) { return f == verify; }));
        QVERIFY2(look(row) != focusedRow, "the entries' row looks the same with the keys on it");
    }

    // The export checks its folder before it reads the log, as every export does.
    void anExportToAMissingFolderIsRefusedNamingIt()
    {
        QObject* backend = e2e::findObjectOfClass(m_ui->item(QStringLiteral("audit")), "AuditBackend");
        QVERIFY(backend);
        QSignalSpy errors(backend, SIGNAL(error(QString)));
        QSignalSpy done(backend, SIGNAL(done(QString)));
        const QString missing = m_dir.filePath(QStringLiteral("no-such-folder"));
        QVERIFY(QMetaObject::invokeMethod(backend, "exportTo",
                                          Q_ARG(QUrl, QUrl::fromLocalFile(missing + QStringLiteral("/audit.csv"))),
                                          Q_ARG(QString, QStringLiteral("csv"))));
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, e2e::kPatienceMs);
        QCOMPARE(errors.first().first().toString(),
                 QStringLiteral("The folder %1 does not exist. Nothing was exported.").arg(missing));
        QVERIFY(!QFileInfo::exists(missing));
        const QString there = m_dir.filePath(QStringLiteral("audit.csv"));
        QVERIFY(QMetaObject::invokeMethod(backend, "exportTo", Q_ARG(QUrl, QUrl::fromLocalFile(there)),
                                          Q_ARG(QString, QStringLiteral("csv"))));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, e2e::kPatienceMs);
        QVERIFY(QFileInfo::exists(there));
    }

    // The roster's entries: "handed_over" and "handed_over_random" are the
    // program's codes; the list and the entry say what happened in words.
    void aHandedOverPassphraseReadsInWords()
    {
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        QAbstractItemModel* model = entries();
        QVERIFY(model);
        const QHash<int, QByteArray> roles = model->roleNames();
        int random = -1;
        int given = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex i = model->index(row, 0);
            if (i.data(roles.key("actionName")).toString() != QLatin1String("person.add"))
                continue;
            if (i.data(roles.key("subject")).toString() == QLatin1String("rae"))
                random = row;
            if (i.data(roles.key("subject")).toString() == QLatin1String("rory"))
                given = row;
        }
        QVERIFY2(random >= 0 && given >= 0, "the roster's person.add entries are missing");
        static const QRegularExpression code(QStringLiteral("\\bhanded_over"));
        for (const auto& [row, words] :
             {std::pair{random, QStringLiteral("a random one, handed over: they choose their own")},
              std::pair{given, QStringLiteral("handed over: they choose their own")}}) {
            QQuickItem* list = m_ui->item(QStringLiteral("auditEntries"));
            QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, row), Q_ARG(int, 0));
            QTRY_VERIFY_WITH_TIMEOUT(rowAt(row), e2e::kPatienceMs);
            const QString cells = e2e::textsUnder(rowAt(row)).join(u'|');
            QVERIFY2(!code.match(cells).hasMatch(), qPrintable(cells));
            QVERIFY2(cells.contains(QStringLiteral("Passphrase: ") + words), qPrintable(cells));
            QVERIFY(QMetaObject::invokeMethod(m_ui->item(QStringLiteral("audit")), "showEntry", Q_ARG(QVariant, row)));
            QObject* dialog = entryDialog();
            QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
            const QString texts = dialogTexts().join(u'\n');
            QVERIFY2(!code.match(texts).hasMatch(), qPrintable(texts));
            QVERIFY2(texts.contains(words), qPrintable(texts));
            m_ui->key(Qt::Key_Escape);
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        }
    }

    // Every value the core writes as a code, in an entry of its own: the
    // list and the entry show the words for it, in English and in German.
    void everyCodedDetailReadsInWords_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("English") << QStringLiteral("en");
        QTest::newRow("Deutsch") << QStringLiteral("de");
    }

    void everyCodedDetailReadsInWords()
    {
        QFETCH(QString, language);
        QVERIFY(Appearance::instance()->setLanguage(language));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
        const auto coded = AuditEntryModel::codedDetailValues();
        QVERIFY(coded.size() >= 12);
        QList<onramp::AuditEntry> made;
        QStringList expected;
        qint64 seq = 100;
        for (const auto& [key, code] : coded) {
            // How a grant ended is written inside the list of grants an entry ended.
            const QJsonObject details = key == QLatin1String("how")
                ? QJsonObject{{QStringLiteral("ended_grants"),
                               QJsonArray{QJsonObject{{QStringLiteral("id"), 7}, {QStringLiteral("how"), code}}}}}
                : QJsonObject{{key, code}};
            made.prepend(entryOf(++seq, QStringLiteral("vault.rekey"), details));
            const QString words = AuditEntryModel::detailValueText(key, code);
            QVERIFY2(!words.isEmpty() && !words.contains(u'_'), qPrintable(key + u'=' + code));
            expected.prepend(words);
        }
        QVERIFY(showEntries(made));
        const QMap<int, QQuickItem*> rows = visitRows([&](QQuickItem* row) {
            const int i = row->property("index").toInt();
            const QString cells = e2e::textsUnder(row).join(u'|');
            QVERIFY2(cells.contains(expected.at(i)), qPrintable(cells + QStringLiteral(" / ") + expected.at(i)));
            QVERIFY2(!cells.contains(u'_'), qPrintable(cells));
        });
        QCOMPARE(rows.size(), made.size());
        for (int i = 0; i < made.size(); ++i) {
            QVERIFY(QMetaObject::invokeMethod(m_ui->item(QStringLiteral("audit")), "showEntry", Q_ARG(QVariant, i)));
            QObject* dialog = entryDialog();
            QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), e2e::kPatienceMs);
            const QString texts = dialogTexts().join(u'\n');
            QVERIFY2(texts.contains(expected.at(i)), qPrintable(texts));
            m_ui->key(Qt::Key_Escape);
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        }
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("en")));
    }

    // Every action's tag, in English and in German, at the sizes people
    // use: shown whole (on two lines where it needs them), never cut.
    void everyActionsTagIsWhole_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        for (const QString& language : {QStringLiteral("en"), QStringLiteral("de")})
            for (const QSize& size : {QSize(1024, 640), QSize(1280, 800), QSize(1920, 1080)})
                QTest::addRow("%s %dx%d", qPrintable(language), size.width(), size.height()) << language << size;
    }

    void everyActionsTagIsWhole()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QVERIFY(Appearance::instance()->setLanguage(language));
        QVERIFY(m_ui->resizeTo(size));
        const QStringList actions = AuditEntryModel::knownActions();
        QVERIFY(actions.size() >= 27);
        QList<onramp::AuditEntry> made;
        qint64 seq = 0;
        for (const QString& action : actions)
            made.prepend(entryOf(++seq, action, {{QStringLiteral("step"), QStringLiteral("laptop")}}));
        QVERIFY(showEntries(made));
        QStringList shown;
        const QMap<int, QQuickItem*> rows = visitRows([&](QQuickItem* row) {
            const QList<QQuickItem*> tags = named(row, QStringLiteral("auditActionTag"));
            QCOMPARE(tags.size(), 1);
            QQuickItem* tag = tags.constFirst();
            const QString text = tag->property("text").toString();
            shown.append(text);
            QVERIFY2(!tag->property("truncated").toBool(), qPrintable(text + QStringLiteral(" is cut")));
            // Inside its column: the next cell starts after it.
            QVERIFY2(tag->width() <= tag->parentItem()->width() + 0.5, qPrintable(text));
        });
        QCOMPARE(rows.size(), actions.size());
        for (const QString& action : actions)
            QVERIFY2(shown.contains(AuditEntryModel::actionText(action)), qPrintable(action));
        if (language == QLatin1String("de"))
            QVERIFY2(shown.contains(QStringLiteral("Auf andere Checkliste umgestellt")), qPrintable(shown.join(u'|')));
        QVERIFY2(e2e::overflowingItems(m_window).isEmpty(), qPrintable(e2e::overflowingItems(m_window).join(u'\n')));
        m_window->resize(1024, 640);
        QVERIFY(Appearance::instance()->setLanguage(QStringLiteral("en")));
        QTRY_VERIFY_WITH_TIMEOUT(e2e::isSettled(m_window), e2e::kPatienceMs);
    }

    void cleanupTestCase()
    {
        QSettings().remove(QStringLiteral("language"));
        closeWindow();
    }
};

ONRAMP_E2E_MAIN(TestAuditPage)
#include "TestAuditPage.moc"
