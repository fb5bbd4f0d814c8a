import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The Onramp window: one StackView of pages; pages are named so that
// `onramp --screenshot FILE --page NAME` and the tests can reach them.
ApplicationWindow {
    id: window

    readonly property var pages: ({
        "welcome": welcomePage,
        "about": aboutPage
    })
    readonly property var pageNames: Object.keys(pages)
    readonly property string currentPageName: stack.currentItem ? stack.currentItem.objectName : ""

    // Shows the page called \a name; returns false when there is none.
    function showPage(name) {
        const component = pages[name]
        if (!component)
            return false
        if (name === "welcome")
            stack.replace(null, component)
        else
            stack.push(component)
        return true
    }

    width: 1280
    height: 800
    minimumWidth: 1024
    minimumHeight: 700
    visible: true
    title: qsTr("Onramp")


    palette.highlight: Theme.primary

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: welcomePage
        focus: true
    }

    Component {
        id: welcomePage
        WelcomePage {
            onAboutRequested: window.showPage("about")
        }
    }
    Component {
        id: aboutPage
        AboutPage {
            onBackRequested: stack.pop()
        }
    }
}
