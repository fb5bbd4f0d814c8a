// The admin's walk through the audit log, the report and the checklist
// editor, in the real window: an absolute path typed in a save dialog is
// where the file goes; an audit entry's details read in words, in the app's
// date style, with nothing blank; the keys show on the table's row at once
// and hovering looks quieter than them; no cell is cut without its whole
// text at hand; the entry dialog's button follows a change of language; the
// report's figures and the CSV's columns say what the app says; the editor's
// flags and its New checklist dialog sit in sight; and a display name with a
// comma ("Kim, Alex") reads well in every sentence that names it.
#include "AdminFixture.h"
#include "E2eDriver.h"

#include "Appearance.h"
#include "Demo.h"
#include "Session.h"
#include "checklist/ChecklistParser.h"
#include "onboarding/ChecklistStore.h"
#include "onboarding/Enrollments.h"
#include "people/People.h"
#include "vault/Vault.h"

#include <QAccessible>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QQmlExpression>
#include <QQuickStyle>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(OnrampPlugin)

using onramp::ui::Appearance;
using onramp::ui::Session;

namespace {

const QString kComma = QStringLiteral("Kim, Alex");

/// A checklist of one step the mentor reviews, and its second version with one more.
const QByteArray kQuick = R"(onramp: 1
checklist:
  id: quick
  title: Quick start
  steps:
    - {id: quick-review, title: Show your first change, signoff: true, required: true}
)";
const QByteArray kQuickTwo = R"(onramp: 1
checklist:
  id: quick
  title: Quick start
  steps:
    - {id: quick-review, title: Show your first change, signoff: true, required: true}
    - {id: quick-lunch, title: Lunch with the team}
)";

/// The visible text items under \a root (Labels, Texts) that are cut off.
QList<QQuickItem*> truncatedTexts(QQuickItem* root)
{
    QList<QQuickItem*> found;
    if (!root->isVisible() || root->opacity() == 0)
        return found;
    if (root->property("truncated").toBool())
        found.append(root);
    const auto children = root->childItems();
    for (QQuickItem* child : children)
        found += truncatedTexts(child);
    return found;
}

/// The visible tool tip's text, or empty when none shows.
QString shownToolTip(QQuickWindow* window)
{
    QQuickItem* overlay = window->contentItem();
    QString text;
    const std::function<void(QQuickItem*)> visit = [&](QQuickItem* item) {
        if (!item->isVisible() || !text.isEmpty())
            return;
        if (item->inherits("QQuickPopupItem") && item->parent() && item->parent()->inherits("QQuickToolTip")) {
            text = item->parent()->property("text").toString();
            return;
        }
        const auto children = item->childItems();
        for (QQuickItem* child : children)
            visit(child);
    };
    visit(overlay);
    return text;
}

/// Pixels of \a image near \a colour (each channel within 24).
int pixelsLike(const QImage& image, const QColor& colour)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - colour.red()) < 24 && std::abs(c.green() - colour.green()) < 24
                && std::abs(c.blue() - colour.blue()) < 24)
                ++n;
        }
    }
    return n;
}

} // namespace

class TestAdminWalk : public e2e::AdminFixture
{
    Q_OBJECT

private:
    QString m_home;

    void typeKeys(const QString& text)
    {
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
    }

    void showPage(const QString& name)
    {
        QVERIFY(QMetaObject::invokeMethod(m_window, "showPage", Q_ARG(QVariant, name)));
        QVERIFY(m_ui->waitForPage(name));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
    }

    /// The popup (a Dialog, a Menu) \a objectName names among the children of the page \a page.
    QObject* popupOf(const QString& page, const QString& objectName) const
    {
        QQuickItem* p = item(page);
        return p ? p->findChild<QObject*>(objectName) : nullptr;
    }

    void clickItem(QQuickItem* it)
    {
        QTest::mouseClick(m_window, Qt::LeftButton, {},
                          it->mapToScene(QPointF(it->width() / 2, it->height() / 2)).toPoint());
    }

    /// Types \a name over the suggested one in the open save dialog and accepts it with its button.
    bool saveAs(const QString& name)
    {
        if (!m_ui->click(QStringLiteral("fileNameTextField"))) {
            qWarning() << "no name field in the dialog";
            return false;
        }
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_Backspace);
        typeKeys(name);
        // The accept button, whatever it is called.
        QQuickItem* button = nullptr;
        for (const char* label : {"Export", "Save", "Open"}) {
            if (!button)
                button = m_ui->dialogButton(QString::fromLatin1(label));
        }
        if (!button) {
            qWarning() << "the save dialog has no button to accept";
            return false;
        }
        clickItem(button);
        return true;
    }

    /// Exports the audit log in \a format ("Csv", "Jsonl") as \a typed, typed
    /// in the save dialog's name field; waits for the notice that follows.
    void exportAuditAs(const QString& format, const QString& typed)
    {
        const QString before = notice();
        QVERIFY(m_ui->click(QStringLiteral("auditExport")));
        QVERIFY(m_ui->click(QStringLiteral("auditExport") + format));
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("audit"));
        QVERIFY(dialog);
        QVERIFY(saveAs(typed));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(!notice().isEmpty() && notice() != before && settled(), e2e::kPatienceMs);
    }

    QAbstractItemModel* auditEntries() const
    {
        QQuickItem* list = item(QStringLiteral("auditEntries"));
        return list ? list->property("model").value<QAbstractItemModel*>() : nullptr;
    }

    /// The row of the audit list showing model row \a index, once laid out.
    QQuickItem* auditRow(int index) const
    {
        QQuickItem* list = item(QStringLiteral("auditEntries"));
        auto* content = list ? list->property("contentItem").value<QQuickItem*>() : nullptr;
        const auto rows = content ? content->childItems() : QList<QQuickItem*>();
        for (QQuickItem* row : rows) {
            const QVariant i = row->property("index");
            if (i.isValid() && i.toInt() == index && row->isVisible())
                return row;
        }
        return nullptr;
    }

    /// The model row of the newest audit entry whose action is \a action; -1 when none.
    int auditRowOf(const QString& action) const
    {
        QAbstractItemModel* model = auditEntries();
        const int role = model->roleNames().key("actionName");
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, 0).data(role).toString() == action)
                return r;
        }
        return -1;
    }

    QObject* entryDialog() const { return popupOf(QStringLiteral("audit"), QStringLiteral("auditEntryDialog")); }

    /// Opens the audit entry of model row \a row by a click on it.
    void openEntry(int row)
    {
        QQuickItem* list = item(QStringLiteral("auditEntries"));
        QVERIFY(list);
        QVERIFY(QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, row), Q_ARG(int, 1 /* Center */)));
        QTRY_VERIFY_WITH_TIMEOUT(auditRow(row) && settled(), e2e::kPatienceMs);
        clickItem(auditRow(row));
        QTRY_VERIFY_WITH_TIMEOUT(entryDialog()->property("opened").toBool() && settled(), e2e::kPatienceMs);
    }

    void closeEntry()
    {
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!entryDialog()->property("visible").toBool(), e2e::kPatienceMs);
    }

    /// The texts of the open entry dialog's fields, as "name|value" pairs:
    /// the names in the left column and what stands beside each.
    QStringList entryFields() const
    {
        QQuickItem* grid = item(QStringLiteral("auditEntryDetails"));
        QStringList out;
        if (!grid)
            return out;
        QList<QQuickItem*> names;
        QList<QQuickItem*> values;
        const std::function<void(QQuickItem*)> visit = [&](QQuickItem* it) {
            if (!it->isVisible())
                return;
            if (it->objectName() == QLatin1String("auditFieldName"))
                names.append(it);
            else if (it->objectName() == QLatin1String("auditFieldValue"))
                values.append(it);
            const auto children = it->childItems();
            for (QQuickItem* child : children)
                visit(child);
        };
        visit(grid);
        for (QQuickItem* name : std::as_const(names)) {
            const qreal y = name->mapToScene(QPointF(0, 0)).y();
            QString value = QStringLiteral("<nothing beside it>");
            for (QQuickItem* v : std::as_const(values)) {
                if (std::abs(v->mapToScene(QPointF(0, 0)).y() - y) < 1)
                    value = v->property("text").toString();
            }
            out.append(name->property("text").toString() + u'|' + value);
        }
        return out;
    }

private Q_SLOTS:
    void init() { e2e::failOnQmlWarnings(); }

    void initTestCase()
    {
        e2e::failOnQmlWarnings();
        QAccessible::setActive(true);
        QVERIFY(m_dir.isValid());
        // A home with no Documents folder, as on a fresh machine.
        m_home = QDir(m_dir.path()).canonicalPath() + QStringLiteral("/home");
        QVERIFY(QDir().mkpath(m_home));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("elsewhere"))));
        qputenv("HOME", QFile::encodeName(m_home));
        qunsetenv("XDG_CONFIG_HOME");

        QVERIFY(makeDemo());
        onramp::Error e;
        {
            // A hire whose display name holds a comma, as a roster from a
            // directory writes it ("Last, First").
            std::unique_ptr<onramp::Vault> admin = unlockDemo(QStringLiteral("ada"));
            QVERIFY(admin);
            e = onramp::People(*admin).add(QStringLiteral("kim"), kComma, onramp::Role::Hire, "kim's passphrase");
            QVERIFY2(!e, qPrintable(e.message));
            e2e::importChecklist(*admin, kQuick);
            e = onramp::Enrollments(*admin).enroll(QStringLiteral("kim"), QStringLiteral("quick"),
                                                   QStringLiteral("maya"), QDate::currentDate());
            QVERIFY2(!e, qPrintable(e.message));
        }
        {
            // Done and approved at once: a wait "under a minute" in the report.
            std::unique_ptr<onramp::Vault> kim;
            e = onramp::Vault::unlock(m_demo, QStringLiteral("kim"), "kim's passphrase", &kim);
            QVERIFY2(!e, qPrintable(e.message));
            e = onramp::Enrollments(*kim).markDone(QStringLiteral("kim"), QStringLiteral("quick-review"), {});
            QVERIFY2(!e, qPrintable(e.message));
            std::unique_ptr<onramp::Vault> maya = unlockDemo(QStringLiteral("maya"));
            QVERIFY(maya);
            e = onramp::Enrollments(*maya).review(QStringLiteral("kim"), QStringLiteral("quick-review"), true, {});
            QVERIFY2(!e, qPrintable(e.message));
        }
        {
            // A newer version of kim's checklist, to move to.
            std::unique_ptr<onramp::Vault> admin = unlockDemo(QStringLiteral("ada"));
            QVERIFY(admin);
            e2e::importChecklist(*admin, kQuickTwo);
        }
        QVERIFY(openDemoAsAda());
    }

    // 1. The save dialog's name field takes a path: absolute, from the home
    // folder, or a folder, which is refused by name with nothing written.
    void aPathTypedInTheSaveDialogIsWhereTheExportGoes()
    {
        showPage(QStringLiteral("audit"));
        const QString absolute = QDir(m_dir.path()).canonicalPath() + QStringLiteral("/elsewhere/audit.csv");
        exportAuditAs(QStringLiteral("Csv"), absolute);
        QVERIFY2(QFileInfo::exists(absolute), qPrintable(notice()));
        QVERIFY2(notice().contains(absolute), qPrintable(notice()));
        QFile csv(absolute);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(csv.readLine().startsWith("seq,"));

        exportAuditAs(QStringLiteral("Jsonl"), QStringLiteral("~/trail"));
        const QString inHome = m_home + QStringLiteral("/trail.jsonl");
        QVERIFY2(QFileInfo::exists(inHome), qPrintable(notice()));

        const QString folder = QDir(m_dir.path()).canonicalPath() + QStringLiteral("/elsewhere/");
        const QStringList before = QDir(folder).entryList(QDir::Files);
        exportAuditAs(QStringLiteral("Csv"), folder);
        QVERIFY2(notice().contains(QStringLiteral("is a folder")), qPrintable(notice()));
        QVERIFY2(notice().contains(QDir::cleanPath(folder)), qPrintable(notice()));
        QCOMPARE(QDir(folder).entryList(QDir::Files), before);
    }

    // 2. An entry in full: each detail named in words, none blank, and every
    // date in the app's style, the same as the table's.
    void anEntrysDetailsReadInWords()
    {
        showPage(QStringLiteral("audit"));
        QAbstractItemModel* model = auditEntries();
        QVERIFY(model);
        static const QRegularExpression snake(QStringLiteral("\\b[a-z]+_[a-z_]+\\b"));
        static const QRegularExpression iso(QStringLiteral("\\d{4}-\\d{2}-\\d{2}(T|\\b)"));
        for (const char* action : {"enrollment.create", "step.approve", "signoff", "person.add"}) {
            const int row = auditRowOf(QString::fromLatin1(action));
            QVERIFY2(row >= 0, action);
            openEntry(row);
            shot(QStringLiteral("entry-") + QString::fromLatin1(action));
            // Every text the dialog shows: no code of a detail, no date in another style.
            auto* content = entryDialog()->property("contentItem").value<QQuickItem*>();
            QVERIFY(content);
            const QString shown = e2e::textsUnder(content).join(u'\n');
            QVERIFY2(!snake.match(shown).hasMatch(), qPrintable(action + (u'\n' + shown)));
            QVERIFY2(!iso.match(shown).hasMatch(), qPrintable(action + (u'\n' + shown)));
            // Each field a name in words and a value beside it.
            const QStringList fields = entryFields();
            const QString all = fields.join(u'\n');
            QVERIFY2(fields.size() >= 5, qPrintable(all));
            for (const QString& field : fields) {
                const QString name = field.section(u'|', 0, 0);
                const QString value = field.section(u'|', 1);
                QVERIFY2(!snake.match(name).hasMatch(), qPrintable(action + (u'\n' + all)));
                QVERIFY2(!name.isEmpty() && name.at(0).isUpper(), qPrintable(action + (u'\n' + all)));
                QVERIFY2(!value.trimmed().isEmpty(), qPrintable(action + (u'\n' + all)));
            }
            QVERIFY2(!iso.match(all).hasMatch(), qPrintable(action + (u'\n' + all)));
            const QString when = model->index(row, 0).data(model->roleNames().key("atText")).toString();
            QVERIFY2(fields.contains(QStringLiteral("When|") + when), qPrintable(all));
            closeEntry();
        }
        // The table's cells too: no code for a detail, no date in another style.
        // (Opening the entries above scrolled the list down to them.)
        QVERIFY(QMetaObject::invokeMethod(item(QStringLiteral("auditEntries")), "positionViewAtBeginning"));
        QTRY_VERIFY_WITH_TIMEOUT(auditRow(0), e2e::kPatienceMs);
        for (int r = 0; r < 6 && auditRow(r); ++r) {
            const QString shown = e2e::textsUnder(auditRow(r)).join(u'|');
            QVERIFY2(!snake.match(shown).hasMatch(), qPrintable(shown));
            QVERIFY2(!iso.match(shown).hasMatch(), qPrintable(shown));
        }
    }

    // 2. A date reads the same whether English is the system's language or
    // chosen in the settings: the app's style, not the bare system locale's.
    void datesReadTheSameWhicheverWayEnglishIsOn()
    {
        showPage(QStringLiteral("audit"));
        QAbstractItemModel* model = auditEntries();
        QVERIFY(model && model->rowCount() > 0);
        const QHash<int, QByteArray> roles = model->roleNames();
        const qint64 seq = model->index(0, 0).data(roles.key("seq")).toLongLong();
        const QString bySystem = model->index(0, 0).data(roles.key("atText")).toString();
        QVERIFY(m_ui->chooseLanguage(1)); // English
        QTRY_VERIFY_WITH_TIMEOUT(settled() && model->rowCount() > 0, e2e::kPatienceMs);
        int row = -1;
        QVERIFY(QMetaObject::invokeMethod(model, "rowOfSequence", Q_RETURN_ARG(int, row), Q_ARG(qint64, seq)));
        QVERIFY(row >= 0);
        const QString chosen = model->index(row, 0).data(roles.key("atText")).toString();
        QCOMPARE(bySystem, chosen);
        QVERIFY(m_ui->chooseLanguage(0)); // the system's again
    }

    // 3. Tab to the table: the current row shows the keys at once. Hovering
    // another row shows, more quietly than the keys do.
    void theTableShowsTheKeysAtOnceAndHoverQuieter()
    {
        showPage(QStringLiteral("audit"));
        QQuickItem* list = item(QStringLiteral("auditEntries"));
        QVERIFY(list);
        QVERIFY(m_ui->click(QStringLiteral("auditVerify")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QTest::mouseMove(m_window, QPoint(2, 2));
        const auto look = [&](QQuickItem* it) {
            return m_window->grabWindow().copy(
                it->mapRectToScene(QRectF(0, 0, it->width(), it->height())).toAlignedRect());
        };
        QTRY_VERIFY_WITH_TIMEOUT(auditRow(1), e2e::kPatienceMs);
        const QImage restingRow = look(auditRow(0));
        const QImage restingOther = look(auditRow(1));
        for (int i = 0; i < 40 && !list->hasActiveFocus(); ++i)
            m_ui->key(Qt::Key_Tab);
        QVERIFY2(list->hasActiveFocus(), "Tab never reaches the entries");
        QTRY_COMPARE_WITH_TIMEOUT(list->property("currentIndex").toInt(), 0, e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QQmlExpression ringOf(qmlContext(list), list, QStringLiteral("Theme.focusRing"));
        const QColor ring = ringOf.evaluate().value<QColor>();
        QVERIFY(ring.isValid());
        const QImage keyed = look(auditRow(0));
        const int ringPixels = pixelsLike(keyed, ring) - pixelsLike(restingRow, ring);
        QVERIFY2(ringPixels > auditRow(0)->width(),
                 qPrintable(QStringLiteral("the row the keys are on draws %1 "
                                           "pixels of the focus ring")
                                .arg(ringPixels)));

        // The mouse over the other row: it shows, without a ring, and less than the keys' row differs.
        QQuickItem* other = auditRow(1);
        QTest::mouseMove(m_window, other->mapToScene(QPointF(other->width() / 2, other->height() / 2)).toPoint());
        QTRY_VERIFY_WITH_TIMEOUT(other->property("hovered").toBool(), e2e::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(look(other) != restingOther, e2e::kPatienceMs);
        const QImage hovered = look(other);
        QVERIFY2(pixelsLike(hovered, ring) <= pixelsLike(restingOther, ring), "a hovered row draws the focus ring");
        const auto difference = [](const QImage& a, const QImage& b) {
            qint64 sum = 0;
            for (int y = 0; y < std::min(a.height(), b.height()); ++y) {
                for (int x = 0; x < std::min(a.width(), b.width()); ++x) {
                    const QColor p = a.pixelColor(x, y);
                    const QColor q = b.pixelColor(x, y);
                    sum +=
                        std::abs(p.red() - q.red()) + std::abs(p.green() - q.green()) + std::abs(p.blue() - q.blue());
                }
            }
            return sum;
        };
        QVERIFY2(difference(hovered, restingOther) < difference(keyed, restingRow),
                 "hovering a row stands out as much as the keys' row");
        QTest::mouseMove(m_window, QPoint(2, 2));
    }

    // 3. At 1280x800 and 1024x640 a cell of the table is whole, or its whole
    // text shows on hover and is in the row's accessible name.
    void aCutCellHasItsWholeTextAtHand_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1024x640") << QSize(1024, 640);
    }

    void aCutCellHasItsWholeTextAtHand()
    {
        QFETCH(QSize, size);
        showPage(QStringLiteral("audit"));
        QVERIFY(m_ui->resizeTo(size));
        QTRY_VERIFY_WITH_TIMEOUT(auditRow(0), e2e::kPatienceMs);
        int cut = 0;
        QQuickItem* list = item(QStringLiteral("auditEntries"));
        for (int r = 0; r < 8; ++r) {
            // The row in sight, where a mouse can reach it (a row of two lines may lie below the fold).
            QVERIFY(QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, r), Q_ARG(int, 2))); // Contain
            QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
            QQuickItem* row = auditRow(r);
            if (!row)
                break;
            const QString name = e2e::accessibleName(row);
            const auto texts = truncatedTexts(row);
            for (QQuickItem* text : texts) {
                const QString whole = text->property("text").toString();
                ++cut;
                QVERIFY2(name.contains(whole),
                         qPrintable(QStringLiteral("“%1” is cut and not in the row's name “%2”").arg(whole, name)));
                QTest::mouseMove(m_window, text->mapToScene(QPointF(text->width() / 2, text->height() / 2)).toPoint());
                QTRY_VERIFY2_WITH_TIMEOUT(
                    shownToolTip(m_window) == whole,
                    qPrintable(
                        QStringLiteral("“%1” is cut; hovering it shows “%2”").arg(whole, shownToolTip(m_window))),
                    e2e::kPatienceMs);
            }
        }
        qDebug() << cut << "cells cut at" << size;
        QTest::mouseMove(m_window, QPoint(2, 2));
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
    }

    // 4. The entry dialog's button speaks the language chosen last.
    void theEntryDialogFollowsTheLanguageBack()
    {
        QVERIFY(m_ui->chooseLanguage(2)); // Deutsch
        showPage(QStringLiteral("report"));
        showPage(QStringLiteral("audit")); // a page made while German is on
        QTRY_VERIFY_WITH_TIMEOUT(auditRow(0), e2e::kPatienceMs);
        openEntry(0);
        closeEntry();
        QVERIFY(m_ui->chooseLanguage(1)); // English
        QTRY_VERIFY_WITH_TIMEOUT(auditRow(0), e2e::kPatienceMs);
        openEntry(0);
        QVERIFY2(m_ui->dialogButton(QStringLiteral("Close")), "the entry dialog has no Close button in English");
        QVERIFY(!m_ui->dialogButton(QStringLiteral("Schließen")));
        closeEntry();
    }

    // 5. The report's figures are whole at 1280x800 and 1024x640, and the
    // CSV's columns are named as the app names them.
    void theReportsFiguresAreWhole_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1024x640") << QSize(1024, 640);
    }

    void theReportsFiguresAreWhole()
    {
        QFETCH(QSize, size);
        showPage(QStringLiteral("report"));
        QVERIFY(m_ui->resizeTo(size));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("waitChart")) && settled(), e2e::kPatienceMs);
        for (const char* chart : {"progressChart", "cohortChart", "waitChart", "overdueChart"}) {
            const auto cut = truncatedTexts(item(QString::fromLatin1(chart)));
            for (QQuickItem* text : cut) {
                // A bar's label may end in "…": it has its tooltip and its accessible name.
                QVERIFY2(text->objectName() == QLatin1String("chartBarLabel"),
                         qPrintable(QStringLiteral("%1 cuts “%2”")
                                        .arg(QString::fromLatin1(chart), text->property("text").toString())));
            }
        }
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
    }

    void theCsvNamesItsColumnsAsTheAppDoes()
    {
        showPage(QStringLiteral("report"));
        QVERIFY(m_ui->click(QStringLiteral("reportExportCsv")));
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("report"));
        QVERIFY(dialog);
        const QString file = QDir(m_dir.path()).canonicalPath() + QStringLiteral("/elsewhere/report.csv");
        const QString before = notice();
        QQuickItem* button = nullptr;
        QVERIFY(m_ui->click(QStringLiteral("fileNameTextField")));
        QTest::keyClick(m_window, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(m_window, Qt::Key_Backspace);
        typeKeys(file);
        QVERIFY((button = m_ui->dialogButton(QStringLiteral("Export"))));
        clickItem(button);
        QTRY_VERIFY_WITH_TIMEOUT(notice() != before && QFileInfo::exists(file), e2e::kPatienceMs);
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> header = csv.readLine().trimmed().split(',');
        QVERIFY2(header.contains("mentor_review"), header.join(' ').constData());
        QVERIFY2(!header.contains("signoff"), header.join(' ').constData());
        static const QRegularExpression machineFriendly(QStringLiteral("^[a-z_]+$"));
        for (const QByteArray& column : header)
            QVERIFY2(machineFriendly.match(QString::fromUtf8(column)).hasMatch(), column.constData());
        QSet<QString> states;
        const int state = int(header.indexOf("state"));
        QVERIFY(state >= 0);
        while (!csv.atEnd()) {
            const QString line = QString::fromUtf8(csv.readLine().trimmed());
            // The demo's titles hold no comma: a plain split finds the column.
            if (!line.contains(u'"'))
                states.insert(line.split(u',').value(state));
        }
        QVERIFY2(states.contains(QStringLiteral("to_do")), qPrintable(QStringList(states.values()).join(u' ')));
        QVERIFY2(states.contains(QStringLiteral("waiting_for_review")),
                 qPrintable(QStringList(states.values()).join(u' ')));
        QVERIFY2(!states.contains(QStringLiteral("open")), qPrintable(QStringList(states.values()).join(u' ')));
        for (const QString& s : std::as_const(states))
            QVERIFY2(machineFriendly.match(s).hasMatch(), qPrintable(s));
    }

    // 6. The checklist editor at 1024x640: a step's flags in sight without
    // scrolling; the New checklist dialog in the middle of the window.
    void theEditorsFlagsAreInSight()
    {
        showPage(QStringLiteral("admin"));
        QVERIFY(m_ui->click(QStringLiteral("tab-checklists")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("editorStep-sandbox-tests")) && settled(), e2e::kPatienceMs);
        // With the undo bar of a removed step showing above the form.
        QVERIFY(m_ui->click(QStringLiteral("editorStep-team-lunch")));
        QVERIFY(m_ui->click(QStringLiteral("editorRemoveStep")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("editorUndo")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("editorStep-sandbox-tests")));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), e2e::kPatienceMs);
        QQuickItem* form = item(QStringLiteral("editorStepForm"));
        QVERIFY(form);
        shot(QStringLiteral("editor-1024"));
        // What the form's scrolling area shows without scrolling.
        QQuickItem* view = e2e::findItemOfClass(form, "QQuickFlickable");
        QVERIFY(view);
        QCOMPARE(view->property("contentY").toReal(), 0.0);
        const QRectF seen = view->mapRectToScene(QRectF(0, 0, view->width(), view->height()));
        for (const char* flag : {"editorRequired", "editorSignoff"}) {
            QQuickItem* box = item(QString::fromLatin1(flag));
            QVERIFY2(box, flag);
            const QRectF at = box->mapRectToScene(QRectF(0, 0, box->width(), box->height()));
            QVERIFY2(seen.contains(at),
                     qPrintable(QStringLiteral("%1 is at %2,%3 to %4,%5, outside the form's %6,%7 "
                                               "to %8,%9")
                                    .arg(QString::fromLatin1(flag))
                                    .arg(at.left())
                                    .arg(at.top())
                                    .arg(at.right())
                                    .arg(at.bottom())
                                    .arg(seen.left())
                                    .arg(seen.top())
                                    .arg(seen.right())
                                    .arg(seen.bottom())));
        }
        // Nothing of them under the form's scroll bar: a long label wraps.
        // At 1024x640, with the undo bar above it, the form scrolls: its bar shows.
        QQuickItem* bar = item(QStringLiteral("editorFormScrollBar"));
        QVERIFY(bar && bar->isVisible());
        const qreal barLeft = bar->mapToScene(QPointF(0, 0)).x();
        for (const char* flag : {"editorRequired", "editorSignoff"}) {
            QQuickItem* box = item(QString::fromLatin1(flag));
            const qreal right = box->mapToScene(QPointF(box->width(), 0)).x();
            QVERIFY2(right <= barLeft,
                     qPrintable(QStringLiteral("%1 ends at %2, the scroll bar starts at %3")
                                    .arg(QString::fromLatin1(flag))
                                    .arg(right)
                                    .arg(barLeft)));
        }
        QVERIFY(m_ui->click(QStringLiteral("editorUndo")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("editorStep-team-lunch")) && settled(), e2e::kPatienceMs);
    }

    void theNewChecklistDialogIsCentred_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x640") << QSize(1024, 640);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }

    void theNewChecklistDialogIsCentred()
    {
        QFETCH(QSize, size);
        showPage(QStringLiteral("admin"));
        QVERIFY(m_ui->resizeTo(size));
        QVERIFY(m_ui->click(QStringLiteral("tab-checklists")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("newChecklistButton")) && settled(), e2e::kPatienceMs);
        QVERIFY(m_ui->click(QStringLiteral("newChecklistButton")));
        QObject* dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (dialog = item(QStringLiteral("admin"))->findChild<QObject*>(QStringLiteral("editorNewDialog")))
                && dialog->property("opened").toBool() && settled(),
            e2e::kPatienceMs);
        auto* frame = dialog->property("contentItem").value<QQuickItem*>();
        while (frame && frame->parentItem() && !frame->parentItem()->inherits("QQuickOverlay"))
            frame = frame->parentItem();
        QVERIFY(frame);
        const QRectF box = frame->mapRectToScene(QRectF(0, 0, frame->width(), frame->height()));
        const QPointF middle(m_window->width() / 2.0, m_window->height() / 2.0);
        QVERIFY2(std::abs(box.center().x() - middle.x()) <= 2 && std::abs(box.center().y() - middle.y()) <= 2,
                 qPrintable(QStringLiteral("the dialog's middle is at %1,%2 in a window whose middle is %3,%4")
                                .arg(box.center().x())
                                .arg(box.center().y())
                                .arg(middle.x())
                                .arg(middle.y())));
        m_ui->key(Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
        QVERIFY(m_ui->resizeTo(QSize(1024, 640)));
    }

    // 7. "Kim, Alex" in a sentence: never "Kim, Alex's".
    void aNameWithACommaReadsWell()
    {
        showPage(QStringLiteral("report"));
        QQuickItem* picker = item(QStringLiteral("reportHirePicker"));
        QVERIFY(picker);
        int row = -1;
        QMetaObject::invokeMethod(picker, "find", Q_RETURN_ARG(int, row), Q_ARG(QString, kComma));
        QVERIFY(row >= 0);
        QVERIFY(m_ui->chooseRow(QStringLiteral("reportHirePicker"), row));
        const QString saveName = e2e::accessibleName(item(QStringLiteral("reportExportPdf")));
        QVERIFY2(saveName.contains(kComma), qPrintable(saveName));
        QVERIFY2(!saveName.contains(kComma + QStringLiteral("'s")), qPrintable(saveName));
        QVERIFY(m_ui->click(QStringLiteral("reportExportPdf")));
        QObject* dialog = m_ui->openFileDialog(QStringLiteral("report"));
        QVERIFY(dialog);
        const QString title = dialog->property("title").toString();
        QVERIFY2(title.contains(kComma) && !title.contains(kComma + QStringLiteral("'s")), qPrintable(title));
        QMetaObject::invokeMethod(dialog, "reject");
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), e2e::kPatienceMs);
    }

    void aNameWithACommaReadsWellWhenMoved()
    {
        showPage(QStringLiteral("admin"));
        QVERIFY(m_ui->click(QStringLiteral("tab-enrollments")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("enrollment-kim")) && settled(), e2e::kPatienceMs);
        const QString rowName = e2e::accessibleName(item(QStringLiteral("enrollment-kim")));
        QVERIFY2(rowName.contains(kComma) && !rowName.contains(kComma + QStringLiteral(", ")), qPrintable(rowName));
        QVERIFY(m_ui->click(QStringLiteral("enrollment-kim")));
        QVERIFY(m_ui->click(QStringLiteral("moveEnrollmentButton")));
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("moveDialogText")) && settled(), e2e::kPatienceMs);
        const QObject* dialog = item(QStringLiteral("moveDialogText"));
        while (dialog && !dialog->inherits("QQuickPopup"))
            dialog = dialog->parent();
        QVERIFY(dialog);
        const QString all = dialog->property("title").toString() + u'\n' + m_ui->text(QStringLiteral("moveDialogText"));
        QVERIFY2(all.contains(kComma), qPrintable(all));
        QVERIFY2(!all.contains(kComma + QStringLiteral("'s")), qPrintable(all));
        QVERIFY(m_ui->click(QStringLiteral("moveDialogCancel")));
        QTRY_VERIFY_WITH_TIMEOUT(!item(QStringLiteral("moveDialogText")), e2e::kPatienceMs);
    }

    void cleanupTestCase()
    {
        QSettings().remove(QStringLiteral("language"));
        closeWindow();
    }
};

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the settings popup writes QSettings
    QSettings().remove(QStringLiteral("language"));
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    if (!onramp::installTranslations(app, Appearance::instance()->language()))
        return 1;
    TestAdminWalk test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestAdminWalk.moc"
