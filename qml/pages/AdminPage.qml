import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The admin's page: a tab each for people, checklists, enrollments,
// production secrets, the vault's check and backup, and the scan of
// documents for production credentials (pages/admin/), and
// above them what is waiting for the admin (a secret a hire needs).
Page {
    id: page
    objectName: "admin"

    property alias currentTab: tabs.currentIndex

    title: qsTr("Admin")

    // The outcome of an action, in the window's notice; an import's is said
    // in the Checklists tab's own status line instead, under the file's
    // field, and not twice. (These handlers run before the tab's, which end
    // the import.)
    AdminBackend {
        id: backend
        onDone: message => {
            if (!checklistsTab.importing)
                Session.notify(message, false)
        }
        onError: message => {
            if (!checklistsTab.importing)
                Session.notify(message, true)
        }
    }

    // The admin's own tabs, inside the page's margins like its content.
    header: Pane {
        leftPadding: Theme.pageMargin
        rightPadding: Theme.pageMargin
        topPadding: Theme.mediumSpacing
        bottomPadding: 0
        background: null
        TabBar {
            id: tabs
            width: parent.width
            spacing: Theme.mediumSpacing
            background: null
            SectionTab { objectName: "tab-people"; text: qsTr("People") }
            SectionTab { objectName: "tab-checklists"; text: qsTr("Checklists") }
            SectionTab { objectName: "tab-enrollments"; text: qsTr("Enrollments") }
            SectionTab { id: secretsTabButton; objectName: "tab-secrets"; text: qsTr("Production secrets") }
            SectionTab { objectName: "tab-vault"; text: qsTr("Vault") }
            SectionTab { objectName: "tab-scan"; text: qsTr("Scan") }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.pageMargin
        spacing: Theme.spacing

        // The first page after the vault was made: its fingerprint, until closed.
        VaultCreatedNote {
            Layout.fillWidth: true
        }

        SecretTodos {
            Layout.fillWidth: true
            onSetRequested: credentialId => {
                tabs.currentIndex = secretsTabButton.TabBar.index
                secretsTab.pick(credentialId)
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            PeopleTab { admin: backend }
            ChecklistsTab { id: checklistsTab; admin: backend }
            EnrollmentsTab { admin: backend }
            SecretsTab { id: secretsTab; admin: backend }
            VaultTab { admin: backend }
            ScanTab {}
        }
    }
}
