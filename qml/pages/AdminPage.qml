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
    // The Team page, with \a hire shown: where their production grants are renewed.
    signal teamRequested(string hire)

    title: qsTr("Admin")

    // Production secrets, with the credential in \a row of its list picked.
    function showSecret(row) {
        tabs.currentIndex = secretsTabButton.TabBar.index
        secretsTab.pickRow(row)
    }

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

    RepairSecretDialog {
        id: repairDialog
        admin: backend
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
            SectionTab { id: peopleTabButton; objectName: "tab-people"; text: qsTr("People") }
            // Edits not saved as a version wait in the tab: a mark says so wherever the admin is.
            SectionTab {
                objectName: "tab-checklists"
                text: checklistsTab.unsaved ? qsTr("Checklists •") : qsTr("Checklists")
                Accessible.name: checklistsTab.unsaved ? qsTr("Checklists, changes not saved as a version")
                                                       : qsTr("Checklists")
            }
            SectionTab { id: enrollmentsTabButton; objectName: "tab-enrollments"; text: qsTr("Enrollments") }
            SectionTab { id: secretsTabButton; objectName: "tab-secrets"; text: qsTr("Production secrets") }
            SectionTab { id: vaultTabButton; objectName: "tab-vault"; text: qsTr("Vault") }
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
            onSetRequested: credentialId => page.showSecret(backend.credentialTemplates.rowOf(credentialId))
        }

        // A vault whose records fail its signed log shows none of them: in
        // their place, why, and the way to the Vault tab, whose check says
        // everything that is wrong and whose restore repairs it. The Vault
        // and Scan tabs stay.
        Item {
            visible: backend.problem.length > 0 && tabs.currentIndex < vaultTabButton.TabBar.index
            Layout.fillWidth: true
            Layout.fillHeight: true
            EmptyState {
                objectName: "adminVaultProblem"
                anchors.centerIn: parent
                width: Math.min(parent.width, 560)
                title: backend.damaged ? qsTr("Nothing can be decided from this vault")
                                       : qsTr("The vault could not be read")
                readonly property bool anyUnused: {
                    for (let i = 0; i < backend.repairs.length; ++i) {
                        if (backend.repairs[i].kind === "unused")
                            return true
                    }
                    return false
                }
                text: backend.damaged
                      ? (anyUnused
                         ? qsTr("Its records do not agree with its signed log, so Onramp shows and signs nothing "
                                + "from it: %1 Set it again or remove it below: that repairs the vault when "
                                + "nothing else is wrong, and “Check the vault” says everything that is.").arg(backend.problem)
                         : backend.repairs.length > 0
                         ? qsTr("Its records do not agree with its signed log, so Onramp shows and signs nothing "
                                + "from it: %1 Set it again below: that repairs the vault when nothing else "
                                + "is wrong, and “Check the vault” says everything that is.").arg(backend.problem)
                         : qsTr("Its records do not agree with its signed log, so Onramp shows and signs nothing "
                                + "from it: %1 Check the vault to see everything that is wrong; restoring the "
                                + "newest backup that passes the check repairs it.").arg(backend.problem))
                      : backend.problem
                actionText: backend.damaged ? qsTr("Check the vault") : qsTr("Try again")
                onActionTriggered: {
                    if (backend.damaged) {
                        tabs.currentIndex = vaultTabButton.TabBar.index
                        backend.checkVault()
                    } else {
                        backend.reload()
                    }
                }
                // A kept secret that no longer opens is repaired by setting it
                // again: one button each, under the check. They sit in a
                // Column, not straight in the layout: Qt 6.4's layouts can
                // read a button the Repeater has already deleted.
                Column {
                    Layout.alignment: Qt.AlignHCenter
                    visible: backend.repairs.length > 0
                    spacing: Theme.mediumSpacing
                    Repeater {
                        model: backend.repairs
                        delegate: Button {
                            required property var modelData
                            objectName: "repair-" + modelData.id
                            x: parent ? Math.round((parent.width - width) / 2) : 0
                            text: modelData.kind === "connection" ? qsTr("Set connection %1 again…").arg(modelData.id)
                                : modelData.kind === "unused"     ? qsTr("Remove the unused secret %1…").arg(modelData.id)
                                                                  : qsTr("Set the secret of %1 again…").arg(modelData.id)
                            Accessible.name: text
                            onClicked: repairDialog.openFor(modelData) // qmllint disable unqualified
                        }
                    }
                }
            }
        }

        StackLayout {
            visible: !(backend.problem.length > 0 && tabs.currentIndex < vaultTabButton.TabBar.index)
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            PeopleTab {
                id: peopleTab
                admin: backend
                onEnrollRequested: hire => {
                    tabs.currentIndex = enrollmentsTabButton.TabBar.index
                    enrollmentsTab.startEnrolling(hire)
                }
            }
            ChecklistsTab { id: checklistsTab; admin: backend }
            EnrollmentsTab {
                id: enrollmentsTab
                admin: backend
                onTeamRequested: hire => page.teamRequested(hire)
                onAddHireRequested: {
                    tabs.currentIndex = peopleTabButton.TabBar.index
                    peopleTab.startAddingHire()
                }
            }
            SecretsTab { id: secretsTab; admin: backend }
            VaultTab { admin: backend }
            ScanTab {
                rotatable: credentialId => backend.credentialTemplates.rowToRotate(credentialId) >= 0
                onRotateRequested: credentialId => page.showSecret(backend.credentialTemplates.rowToRotate(credentialId))
            }
        }
    }
}
