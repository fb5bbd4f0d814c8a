import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The bar above every signed-in page: where you are, where you can go, who
// you are, and the lock button.
ToolBar {
    id: bar

    property string currentPage
    signal navigate(string name)

    readonly property var links: Session.role === "admin"
        ? [{ page: "admin", text: qsTr("Admin") }, { page: "mentor", text: qsTr("Team") }, { page: "report", text: qsTr("Report") }, { page: "audit", text: qsTr("Audit log") }]
        : Session.role === "mentor"
          ? [{ page: "mentor", text: qsTr("Mentees") }, { page: "report", text: qsTr("Report") }]
          : [{ page: "home", text: qsTr("Home") }, { page: "checklist", text: qsTr("Checklist") }]

    // As wide as the page below it (Theme.maxContentWidth), centred.
    RowLayout {
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, Theme.maxContentWidth) - 24
        spacing: Theme.mediumSpacing

        Image {
            source: "qrc:/icons/onramp.svg"
            sourceSize.width: 24; sourceSize.height: 24
            Accessible.ignored: true
        }
        Label {
            text: qsTr("Onramp")
            font.bold: true
            Layout.rightMargin: 16
        }
        // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
        // delegate when its model changes; a positioner in the cell holds them.
        Row {
            spacing: Theme.mediumSpacing
            Repeater {
                model: bar.links
                delegate: SectionTab {
                    id: link
                    required property var modelData
                    objectName: "nav-" + modelData.page
                    text: modelData.text
                    checked: bar.currentPage === link.modelData.page // qmllint disable unqualified
                    onClicked: bar.navigate(link.modelData.page) // qmllint disable unqualified
                }
            }
        }
        Item { Layout.fillWidth: true }
        BusyIndicator {
            running: Session.busy
            visible: running
            implicitWidth: 24
            implicitHeight: 24
            Accessible.name: qsTr("Working")
        }
        Label {
            text: qsTr("%1 · %2").arg(Session.displayName).arg(Session.roleTitle)
            color: Theme.secondaryText
        }
        ToolButton {
            objectName: "settingsButton"
            text: "\u2699"
            Accessible.name: qsTr("Settings")
            // Not over the popup the button opens.
            ToolTip.visible: hovered && !settings.visible
            ToolTip.text: qsTr("Settings")
            onClicked: settings.open()
            Popup {
                id: settings
                y: parent.height
                x: parent.width - width
                padding: Theme.popupPadding
                focus: true
                // Framed on the window in both appearances.
                background: Rectangle {
                    color: Appearance.colors.window
                    border.color: Theme.frame
                    border.width: 1
                    radius: 6
                }
                // Qt 6.4 does not pass a change of palette on from a popup to
                // what it holds; an item does, so the pane takes the colours
                // and the controls follow a switch of appearance while open.
                Pane {
                    padding: 0
                    background: null
                    palette.window: Appearance.colors.window
                    palette.active.windowText: Appearance.colors.windowText
                    palette.inactive.windowText: Appearance.colors.windowText
                    palette.base: Appearance.colors.base
                    palette.active.text: Appearance.colors.text
                    palette.inactive.text: Appearance.colors.text
                    palette.active.button: Appearance.colors.button
                    palette.inactive.button: Appearance.colors.button
                    palette.active.buttonText: Appearance.colors.buttonText
                    palette.inactive.buttonText: Appearance.colors.buttonText
                    palette.highlight: Theme.highlight
                    palette.highlightedText: Appearance.colors.highlightedText
                    palette.light: Appearance.colors.light
                    palette.midlight: Appearance.colors.midlight
                    palette.mid: Appearance.colors.mid
                    palette.dark: Appearance.colors.dark
                    palette.shadow: Appearance.colors.shadow
                    palette.disabled.text: Appearance.colors.disabledText
                    palette.disabled.windowText: Appearance.colors.disabledText
                    palette.disabled.buttonText: Appearance.colors.disabledText
                    palette.disabled.button: Appearance.colors.disabledButton

                    ColumnLayout {
                        spacing: Theme.mediumSpacing
                        Label { text: qsTr("Lock automatically after"); font.bold: true }
                        RowLayout {
                            SpinBox {
                                objectName: "idleLockMinutes"
                                from: 1
                                to: 240
                                value: Session.idleLockMinutes
                                editable: true
                                Accessible.name: qsTr("Minutes of inactivity before locking")
                                onValueModified: Session.idleLockMinutes = value
                            }
                            Label { text: qsTr("minutes without activity") }
                        }
                        Label { text: qsTr("Appearance"); font.bold: true; Layout.topMargin: Theme.mediumSpacing }
                        ComboBox {
                            objectName: "appearanceMode"
                            textRole: "text"
                            valueRole: "value"
                            Layout.fillWidth: true
                            model: [
                                { value: "system", text: qsTr("Follow the system") },
                                { value: "light", text: qsTr("Light") },
                                { value: "dark", text: qsTr("Dark") }
                            ]
                            // From the values, not indexOfValue(): a change of language makes
                            // the model again, and the index must follow the mode, not the model.
                            currentIndex: model.length > 0 ? (Appearance.mode === "light" ? 1 : Appearance.mode === "dark" ? 2 : 0) : -1
                            Accessible.name: qsTr("Appearance: light, dark or following the system")
                            onActivated: Appearance.mode = currentValue
                        }
                        Label { text: qsTr("Language"); font.bold: true; Layout.topMargin: Theme.mediumSpacing }
                        ComboBox {
                            objectName: "languageChoice"
                            textRole: "text"
                            valueRole: "value"
                            Layout.fillWidth: true
                            // Each language names itself, so that a person who
                            // cannot read the current one still finds their own.
                            model: [
                                { value: "system", text: qsTr("Follow the system") },
                                { value: "en", text: "English" },
                                { value: "de", text: "Deutsch" }
                            ]
                            // From the values, not indexOfValue(): that reads the
                            // model, which may not be there yet when this binds.
                            currentIndex: Appearance.language === "en" ? 1 : Appearance.language === "de" ? 2 : 0
                            Accessible.name: qsTr("Language: English, Deutsch or following the system")
                            onActivated: Appearance.language = currentValue
                        }
                        Label {
                            text: qsTr("Vault fingerprint")
                            font.bold: true
                            Layout.topMargin: Theme.mediumSpacing
                            visible: Session.vaultFingerprint.length > 0
                        }
                        RowLayout {
                            visible: Session.vaultFingerprint.length > 0
                            // Read-only but selectable; Copy puts it on the clipboard.
                            TextField {
                                id: fingerprint
                                objectName: "vaultFingerprint"
                                text: Session.vaultFingerprint
                                readOnly: true
                                selectByMouse: true
                                font.family: "monospace"
                                // As wide as the fingerprint, which never changes while shown.
                                Layout.preferredWidth: fingerprintMetrics.advanceWidth + leftPadding + rightPadding + 4
                                TextMetrics {
                                    id: fingerprintMetrics
                                    font: fingerprint.font
                                    text: fingerprint.text
                                }
                                Accessible.name: qsTr("Vault fingerprint, to check with the admin who made the vault")
                            }
                            Button {
                                objectName: "copyFingerprint"
                                text: qsTr("Copy")
                                Accessible.name: qsTr("Copy the vault fingerprint")
                                onClicked: {
                                    fingerprint.selectAll()
                                    fingerprint.copy()
                                    fingerprint.deselect()
                                }
                            }
                        }
                    }
                }
            }
        }
        Button {
            objectName: "lockButton"
            text: qsTr("Lock")
            Accessible.name: qsTr("Lock the vault")
            onClicked: Session.lock()
        }
    }
}
