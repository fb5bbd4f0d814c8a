import QtQuick
import QtQuick.Controls
import Onramp

// The Onramp window. Which page shows follows the session: no vault → welcome,
// a locked vault → sign in, signed in → the home of the person's role. Pages
// are named so that `onramp --screenshot FILE --page NAME` and the tests can
// reach them.
ApplicationWindow {
    id: window

    // Pages are named by their file: the engine loads a page when it is first
    // shown, not at start-up, so that the first page shows sooner. What a
    // page asks of the window is connected when it is made (wire()).
    readonly property var pages: ({
        "welcome": Qt.resolvedUrl("pages/WelcomePage.qml"),
        "about": Qt.resolvedUrl("pages/AboutPage.qml"),
        "signin": Qt.resolvedUrl("pages/SignInPage.qml"),
        "home": Qt.resolvedUrl("pages/HireHomePage.qml"),
        "checklist": Qt.resolvedUrl("pages/ChecklistPage.qml"),
        "mentor": Qt.resolvedUrl("pages/MentorPage.qml"),
        "admin": Qt.resolvedUrl("pages/AdminPage.qml"),
        "report": Qt.resolvedUrl("pages/ReportPage.qml"),
        "audit": Qt.resolvedUrl("pages/AuditPage.qml")
    })
    readonly property var pageNames: Object.keys(pages)
    // The page shown first instead of the session's home, set before the
    // window loads (a screenshot's page): it is the first page built, shown
    // without a transition; "about" opens over the home page.
    property string startPage
    readonly property string currentPageName: stack.currentItem ? stack.currentItem.objectName : ""

    // Shows the page called `name`; returns false when there is none.
    function showPage(name) {
        return showPageWith(name, {})
    }
    // Shows the page called `name` with `properties` set on it (the Admin
    // page opens on its last tab); returns false when there is none.
    function showPageWith(name, properties) {
        const component = pages[name]
        if (!component)
            return false
        if (name === "about")
            wire(stack.push(component))
        else
            wire(stack.replace(null, component, name === "admin" ? { currentTab: window.adminTab } : properties))
        return true
    }
    // The admin's tab last shown in this session: the Admin page opens on it again.
    property int adminTab: 0

    // Connects what the page `page` asks of the window (its signals) and returns it.
    function wire(page) {
        switch (page ? page.objectName : "") {
        case "welcome":
            page.aboutRequested.connect(() => window.showPage("about"))
            break
        case "about":
            page.backRequested.connect(() => stack.pop())
            break
        case "step":
            page.backRequested.connect(() => stack.pop())
            page.siblingRequested.connect(id => window.wire(stack.replace(Qt.resolvedUrl("pages/StepPage.qml"),
                                                                          { stepId: id, hire: page.hire, from: page.from })))
            break
        case "home":
            page.stepRequested.connect(id => window.openStepFrom(id, "", "home"))
            page.checklistRequested.connect(() => window.showPage("checklist"))
            break
        case "checklist":
            page.stepRequested.connect(id => window.openStepFrom(id, "", "checklist"))
            break
        case "mentor":
            page.stepRequested.connect((id, hire) => window.openStepFrom(id, hire, "mentor"))
            break
        case "admin":
            page.currentTabChanged.connect(() => { window.adminTab = page.currentTab })
            page.teamRequested.connect(hire => window.showPageWith("mentor", { selected: hire }))
            break
        }
        return page
    }

    // Opens the detail page of one step of `hire` (empty: the signed-in hire),
    // from the page `from` ("home", "checklist", "mentor"), where it goes back to.
    function openStepFrom(stepId, hire, from) {
        wire(stack.push(Qt.resolvedUrl("pages/StepPage.qml"), { stepId: stepId, hire: hire || "", from: from }))
    }
    function openStep(stepId, hire) {
        openStepFrom(stepId, hire, "checklist")
    }

    function homePageName() {
        if (!Session.vaultExists || Session.choosingVault)
            return "welcome"
        if (!Session.unlocked)
            return "signin"
        if (Session.role === "admin")
            return "admin"
        if (Session.role === "mentor")
            return "mentor"
        return "home"
    }

    function goHome() {
        showPage(homePageName())
    }

    function notify(message, isError) {
        notice.show(message, isError)
    }

    // Ctrl+1…: the main tab at \a index of the header, when there is one.
    function showTab(index) {
        const links = appHeader.links
        if (index < links.length)
            showPage(links[index].page)
    }

    width: 1280
    height: 800
    minimumWidth: 1024
    minimumHeight: 640
    visible: true
    // Ends with the application's name, so that the platform does not add it again.
    // The count of what awaits the signed-in person comes first: "(3) Onramp".
    title: (Badge.count > 0 ? qsTr("(%1) ").arg(Badge.count) : "")
           + (Session.unlocked ? qsTr("%1 — Onramp").arg(Session.displayName) : qsTr("Onramp"))
    font.pixelSize: 14
    // Light or dark (Appearance): every control, popup and dialog inherits this.
    // The roles a disabled control draws differently are set per group: a
    // role set for all groups would also overwrite the disabled one.
    palette.window: Appearance.colors.window
    palette.active.windowText: Appearance.colors.windowText
    palette.inactive.windowText: Appearance.colors.windowText
    palette.base: Appearance.colors.base
    palette.alternateBase: Appearance.colors.alternateBase
    palette.active.text: Appearance.colors.text
    palette.inactive.text: Appearance.colors.text
    palette.active.button: Appearance.colors.button
    palette.inactive.button: Appearance.colors.button
    palette.active.buttonText: Appearance.colors.buttonText
    palette.inactive.buttonText: Appearance.colors.buttonText
    palette.brightText: Appearance.colors.brightText
    palette.highlight: Theme.highlight
    palette.highlightedText: Appearance.colors.highlightedText
    palette.toolTipBase: Appearance.colors.toolTipBase
    palette.toolTipText: Appearance.colors.toolTipText
    palette.placeholderText: Appearance.colors.placeholderText
    palette.light: Appearance.colors.light
    palette.midlight: Appearance.colors.midlight
    palette.mid: Appearance.colors.mid
    palette.dark: Appearance.colors.dark
    palette.shadow: Appearance.colors.shadow
    palette.link: Appearance.colors.link
    palette.linkVisited: Appearance.colors.linkVisited
    palette.disabled.text: Appearance.colors.disabledText
    palette.disabled.windowText: Appearance.colors.disabledText
    palette.disabled.buttonText: Appearance.colors.disabledText
    palette.disabled.button: Appearance.colors.disabledButton

    // The bar above the signed-in pages is made, and its file loaded, when
    // someone signs in: the welcome and sign-in pages start without it.
    header: Loader {
        id: appHeader
        // The header's main tabs (AppHeader.links); none while signed out.
        property var links: []
        active: Session.unlocked
        visible: active
        source: "components/AppHeader.qml"
        onLoaded: {
            item.position = ToolBar.Header
            links = Qt.binding(() => item ? item.links : [])
            // A step's page marks the tab of the page it was opened from: where the user is.
            item.currentPage = Qt.binding(() => window.currentPageName === "step" ? stack.currentItem.from
                                                                                  : window.currentPageName)
            item.navigate.connect(name => window.showPage(name))
        }
    }

    Connections {
        target: Session
        function onUnlockedChanged() {
            window.adminTab = 0
            window.goHome()
        }
        function onVaultChanged() {
            if (!Session.unlocked)
                window.goHome()
        }
        function onNotice(message, isError) { window.notify(message, isError) }
    }

    // Activity for the idle lock is seen by the application's event filter
    // (ActivityMonitor): a key a text field takes and a click a button takes count too.
    Shortcut {
        sequence: "Ctrl+L"
        enabled: Session.unlocked
        onActivated: Session.lock()
    }
    // Ctrl+1 to Ctrl+5: the main tabs of the header, in their order.
    Shortcut {
        sequence: "Ctrl+1"
        enabled: Session.unlocked
        onActivated: window.showTab(0)
    }
    Shortcut {
        sequence: "Ctrl+2"
        enabled: Session.unlocked && appHeader.links.length > 1
        onActivated: window.showTab(1)
    }
    Shortcut {
        sequence: "Ctrl+3"
        enabled: Session.unlocked && appHeader.links.length > 2
        onActivated: window.showTab(2)
    }
    Shortcut {
        sequence: "Ctrl+4"
        enabled: Session.unlocked && appHeader.links.length > 3
        onActivated: window.showTab(3)
    }
    Shortcut {
        sequence: "Ctrl+5"
        enabled: Session.unlocked && appHeader.links.length > 4
        onActivated: window.showTab(4)
    }
    Shortcut {
        sequence: "F1"
        onActivated: window.openShortcuts()
    }
    // "?" is text inside a text field; elsewhere it asks for the shortcuts.
    Shortcut {
        sequence: "?"
        enabled: !(window.activeFocusItem instanceof TextInput) && !(window.activeFocusItem instanceof TextEdit)
        onActivated: window.openShortcuts()
    }

    // The page, no wider than Theme.maxContentWidth and centred, so that what
    // belongs together on a row stays together on a wide screen. Its lower
    // edge moves up while a notice shows, so that the notice covers nothing.
    StackView {
        id: stack
        objectName: "pageStack"
        anchors.top: parent.top
        anchors.bottom: notice.visible ? notice.top : parent.bottom
        anchors.bottomMargin: notice.visible ? Theme.mediumSpacing : 0
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, Theme.maxContentWidth)
        focus: true
        Component.onCompleted: {
            const named = window.startPage in window.pages && window.startPage !== "about"
            window.wire(stack.push(window.pages[named ? window.startPage : window.homePageName()], {},
                                   StackView.Immediate))
            if (window.startPage === "about")
                window.wire(stack.push(window.pages.about, {}, StackView.Immediate))
        }
    }

    // The notice, always under the page at the window's bottom edge, never over
    // the header's tabs or a page's heading. A new page or tab starts without one.
    Notice {
        id: notice
        objectName: "notice"
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.mediumSpacing
        width: Math.min(implicitWidth, parent.width - 2 * Theme.pageMargin)
        height: implicitHeight
    }
    // The tab shown inside the page, where it has tabs (the admin's); -1 elsewhere.
    // (By name, not by type: naming the type would load the admin page at start-up.)
    readonly property int currentTab: tabOf(stack.currentItem)
    function tabOf(page) {
        return page && page.objectName === "admin" ? page.currentTab : -1
    }
    onCurrentTabChanged: notice.dismiss()
    onCurrentPageNameChanged: {
        notice.dismiss()
        // A page shown from the header (a click, Space or Ctrl+number on a
        // tab) takes the keys: the next Tab goes into it, the header's
        // buttons come after its controls.
        if (window.activeFocusItem && !stack.activeFocus)
            stack.forceActiveFocus(Qt.OtherFocusReason)
    }

    // Every dialog's room around its content, title and buttons, in one place.
    DialogPadding {
        overlay: window.Overlay.overlay
        padding: Theme.popupPadding
    }
    // The dim behind every dialog and its frame, in one place: the style's dim is faint.
    ModalLook {
        overlay: window.Overlay.overlay
        dim: Theme.modalDim
        frame: Theme.frame
    }
    // Every dialog's keys: a focused button, Enter presses it, the focus goes back after.
    DialogKeys {
        overlay: window.Overlay.overlay
    }
    // Enter in a save dialog's file name saves.
    SaveDialogEnter {
        overlay: window.Overlay.overlay
    }

    // The list of shortcuts, made and its file loaded when first asked for (F1, or ?).
    // (Not typed Dialog: naming the type would load the style's dialog at start-up.)
    property var shortcutsSheet: null
    function openShortcuts() {
        if (!shortcutsSheet) {
            const sheet = Qt.createComponent(Qt.resolvedUrl("components/ShortcutsSheet.qml"))
                .createObject(window.contentItem)
            sheet.tabNames = Qt.binding(() => Session.unlocked ? appHeader.links.map(link => link.text) : [])
            sheet.anchors.centerIn = window.Overlay.overlay
            shortcutsSheet = sheet
        }
        shortcutsSheet.open()
    }
}
