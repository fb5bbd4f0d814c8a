pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The credential templates of the open checklist: a list with Add and
// Remove, and a form for the selected one. Every edit goes to the
// ChecklistEditorModel, which refuses bad values naming the field; the
// templates are saved with the steps, as a new version.
Dialog {
    id: dialog

    required property ChecklistEditorModel editor
    // The selected template as a map (credentialAt); refreshed on every edit.
    // (The count is read in the expression so that the binding follows every change.)
    readonly property var current: dialog.editor.credentialCount >= 0 ? dialog.editor.credentialAt(list.currentIndex) : ({})
    readonly property bool generated: (dialog.current.provider ?? "") === "generated"
    readonly property bool postgresql: (dialog.current.provider ?? "") === "postgresql"

    // Each field's refusal, by field: it stays under the form until that
    // field is set again, whatever is set meanwhile in another.
    property var refusals: ({})
    // Hands \a value for \a field to the model; a refusal shows under the form.
    function commit(field, value) {
        const said = dialog.editor.setCredentialValue(list.currentIndex, field, value)
        const next = Object.assign({}, dialog.refusals)
        if (said.length > 0)
            next[field] = said
        else
            delete next[field]
        dialog.refusals = next
    }
    function add() {
        const index = dialog.editor.addCredential()
        if (index < 0)
            return
        list.currentIndex = index
        titleField.forceActiveFocus()
    }
    function removeCurrent() {
        const index = list.currentIndex
        if (!dialog.editor.removeCredential(index))
            return
        list.currentIndex = Math.min(index, dialog.editor.credentialCount - 1)
        list.forceActiveFocus()
    }

    objectName: "editorCredentialsDialog"
    title: qsTr("Credentials of %1").arg(dialog.editor.title)
    // The title names a person or a checklist: text, never markup.
    Component.onCompleted: header.textFormat = Text.PlainText
    anchors.centerIn: Overlay.overlay
    width: Math.min(Overlay.overlay ? Overlay.overlay.width - 2 * Theme.spacing : 780, 780)
    height: Math.min(Overlay.overlay ? Overlay.overlay.height - 2 * Theme.spacing : 580, 580)
    modal: true
    // Closed with a value refused: said, since the field showed what was typed, not what is kept.
    onClosed: {
        const refused = Object.keys(dialog.refusals).map(field => dialog.refusals[field])
        if (refused.length > 0)
            Session.notify(qsTr("Not kept: %1 The credential keeps its earlier value there.").arg(refused.join(" ")), true)
    }
    onOpened: {
        dialog.refusals = ({})
        if (list.currentIndex < 0 && dialog.editor.credentialCount > 0)
            list.currentIndex = 0
        addButton.forceActiveFocus()
    }
    footer: DialogButtonBox {
        Button {
            objectName: "editorCredentialsClose"
            text: qsTr("Close")
            DialogButtonBox.buttonRole: Dialog.RejectRole
            Accessible.name: qsTr("Close the credentials")
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        ColumnLayout {
            Layout.preferredWidth: 220
            Layout.maximumWidth: 220
            Layout.fillHeight: true
            spacing: Theme.mediumSpacing
            Label {
                text: qsTr("Sandbox ones are issued at enrollment; production ones with the sign-off. Saved with the steps, as a new version.")
                wrapMode: Text.WordWrap
                color: Theme.secondaryText
                Layout.fillWidth: true
            }
            ListView {
                id: list
                objectName: "editorCredentialList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: dialog.editor.credentialCount
                activeFocusOnTab: true
                currentIndex: -1
                Accessible.name: qsTr("Credentials")
                onCurrentIndexChanged: dialog.refusals = ({})
                delegate: SelectableRow {
                    id: row
                    required property int index
                    readonly property var credential: dialog.editor.credentialCount >= 0 ? dialog.editor.credentialAt(row.index) : ({})
                    objectName: "editorCredential-" + row.index
                    text: (row.credential.title || row.credential.credentialId) ?? ""
                    Accessible.name: text
                    // A long title wraps within the list's width rather than being cut.
                    contentItem: Label {
                        textFormat: Text.PlainText
                        text: row.text
                        wrapMode: Text.Wrap
                        verticalAlignment: Text.AlignVCenter
                    }
                    onClicked: list.currentIndex = row.index
                }
            }
            RowLayout {
                Button {
                    id: addButton
                    objectName: "editorAddCredential"
                    text: qsTr("Add")
                    enabled: dialog.editor.ready
                    Accessible.name: qsTr("Add a credential")
                    onClicked: dialog.add()
                }
                Button {
                    objectName: "editorRemoveCredential"
                    text: qsTr("Remove")
                    enabled: list.currentIndex >= 0
                    Accessible.name: qsTr("Remove the selected credential")
                    onClicked: dialog.removeCurrent()
                }
            }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                textFormat: Text.PlainText
                visible: list.currentIndex < 0
                text: dialog.editor.credentialCount === 0 ? qsTr("No credentials yet: add the first one.") : qsTr("Select a credential to edit it.")
                color: Theme.secondaryText
            }
            GridLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                visible: list.currentIndex >= 0
                columns: 2
                columnSpacing: Theme.largeSpacing
                rowSpacing: Theme.mediumSpacing

                Label { text: qsTr("Title") }
                TextField {
                    id: titleField
                    objectName: "editorCredentialTitle"
                    Layout.fillWidth: true
                    text: dialog.current.title ?? ""
                    placeholderText: qsTr("e.g. Sandbox database")
                    Accessible.name: qsTr("Credential title")
                    // Each key goes to the model, as a step's title does: the id that follows the title,
                    // the list and the problem under the form agree with what is typed.
                    onTextEdited: dialog.commit("title", text)
                    onEditingFinished: dialog.commit("title", text)
                }
                Label { text: qsTr("Id") }
                TextField {
                    objectName: "editorCredentialId"
                    Layout.fillWidth: true
                    text: dialog.current.credentialId ?? ""
                    placeholderText: qsTr("lower-case words joined by '-'")
                    Accessible.name: qsTr("Credential id")
                    onEditingFinished: dialog.commit("credentialId", text)
                }
                Label { text: qsTr("Environment") }
                ComboBox {
                    objectName: "editorCredentialEnvironment"
                    Layout.fillWidth: true
                    // The file's words as values, shown translated.
                    model: [{ value: "sandbox", text: qsTr("sandbox") }, { value: "production", text: qsTr("production") }]
                    textRole: "text"
                    valueRole: "value"
                    currentIndex: Math.max(0, ["sandbox", "production"].indexOf(dialog.current.environment ?? "sandbox"))
                    Accessible.name: qsTr("Environment")
                    onActivated: index => dialog.commit("environment", model[index].value)
                }
                Label { text: qsTr("Provider") }
                ComboBox {
                    objectName: "editorCredentialProvider"
                    Layout.fillWidth: true
                    model: [{ value: "generated", text: qsTr("generated", "a secret Onramp makes") },
                            { value: "static", text: qsTr("static", "a secret an admin sets") },
                            { value: "postgresql", text: qsTr("postgresql", "a database login Onramp makes") }]
                    textRole: "text"
                    valueRole: "value"
                    currentIndex: Math.max(0, ["generated", "static", "postgresql"].indexOf(dialog.current.provider ?? "generated"))
                    Accessible.name: qsTr("Provider: generated makes a secret, static takes one an admin sets, postgresql makes a database login")
                    onActivated: index => dialog.commit("provider", model[index].value)
                }
                Label { text: qsTr("Fields"); Layout.alignment: Qt.AlignTop }
                TextArea {
                    id: fieldsArea
                    objectName: "editorCredentialFields"
                    background: FieldFrame {
                        focused: fieldsArea.activeFocus
                        fieldEnabled: fieldsArea.enabled
                    }
                    Layout.fillWidth: true
                    Layout.minimumHeight: 72
                    text: dialog.current.fields ?? ""
                    wrapMode: TextEdit.Wrap
                    placeholderText: (dialog.current.environment ?? "sandbox") === "production"
                                     ? qsTr("one a line, such as host: db.prod.example.com")
                                     : qsTr("one a line, such as host: db.sandbox.internal")
                    Accessible.name: qsTr("Fields, one a line as name: value")
                    KeyNavigation.priority: KeyNavigation.BeforeItem
                    KeyNavigation.tab: dialog.postgresql ? pgServerField : secretNameField.enabled ? secretNameField : ttlField
                    onEditingFinished: dialog.commit("fields", text)
                    Accessible.description: fieldsHelp.text
                }
                // How the box is read, under it: the form of a line, and the placeholders.
                Item { width: 1; height: 1 }
                Label {
                    id: fieldsHelp
                    objectName: "editorCredentialFieldsHelp"
                    text: qsTr("One field a line, as name: value (host, port, database, user…); the hire sees them beside the secret and gets them in the exports. {{hire}} stands for the hire's user name, as in user: {{hire}}; {{hire_display}} for their full name, {{enrollment}} for their enrollment's number.")
                    textFormat: Text.PlainText
                    color: Theme.secondaryText
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                // The postgresql provider: the connection it signs in through
                // (an admin's, set with 'onramp provider set'), the groups the
                // login joins, and a sandbox's template database.
                Label { text: qsTr("Connection"); visible: dialog.postgresql }
                TextField {
                    id: pgServerField
                    objectName: "editorCredentialPgServer"
                    visible: dialog.postgresql
                    Layout.fillWidth: true
                    text: dialog.current.pgServer ?? ""
                    placeholderText: qsTr("e.g. sandbox, as 'onramp provider set' named it")
                    Accessible.name: qsTr("Provider connection the login is made through")
                    onEditingFinished: dialog.commit("pgServer", text)
                }
                Label { text: qsTr("Group roles"); visible: dialog.postgresql }
                TextField {
                    objectName: "editorCredentialPgRoles"
                    visible: dialog.postgresql
                    Layout.fillWidth: true
                    text: dialog.current.pgRoles ?? ""
                    placeholderText: qsTr("e.g. ro_reader, app_user")
                    Accessible.name: qsTr("Group roles the login joins, separated by commas")
                    onEditingFinished: dialog.commit("pgRoles", text)
                }
                Label { text: qsTr("Template database"); visible: dialog.postgresql }
                TextField {
                    objectName: "editorCredentialPgTemplate"
                    visible: dialog.postgresql
                    enabled: (dialog.current.environment ?? "sandbox") === "sandbox" || (dialog.current.pgTemplate ?? "").length > 0
                    Layout.fillWidth: true
                    text: dialog.current.pgTemplate ?? ""
                    placeholderText: (dialog.current.environment ?? "sandbox") === "sandbox"
                                     ? qsTr("e.g. sandbox_template")
                                     : qsTr("a sandbox credential's only")
                    Accessible.name: qsTr("Template database of the hire's own sandbox database")
                    onEditingFinished: dialog.commit("pgTemplate", text)
                }
                Label { text: qsTr("Secret name"); visible: !dialog.postgresql }
                TextField {
                    id: secretNameField
                    objectName: "editorCredentialSecretName"
                    visible: !dialog.postgresql
                    Layout.fillWidth: true
                    enabled: dialog.generated
                    text: dialog.current.secretName ?? ""
                    placeholderText: dialog.generated ? qsTr("e.g. password") : qsTr("set under Production secrets")
                    Accessible.name: qsTr("Secret name")
                    onEditingFinished: dialog.commit("secretName", text)
                }
                Label { text: qsTr("Secret length"); visible: !dialog.postgresql }
                TextField {
                    objectName: "editorCredentialSecretLength"
                    visible: !dialog.postgresql
                    Layout.fillWidth: true
                    enabled: dialog.generated
                    text: dialog.generated ? String(dialog.current.secretLength ?? "") : ""
                    inputMethodHints: Qt.ImhDigitsOnly
                    Accessible.name: qsTr("Secret length in characters")
                    onEditingFinished: if (dialog.generated) dialog.commit("secretLength", text)
                }
                Label { text: qsTr("Lifetime") }
                TextField {
                    id: ttlField
                    objectName: "editorCredentialTtl"
                    Layout.fillWidth: true
                    text: dialog.current.ttl ?? ""
                    // Empty is no endless grant: a production grant then lasts 30 days.
                    placeholderText: qsTr("e.g. 8h; empty for 30 days")
                    Accessible.name: qsTr("Lifetime of a production grant (empty: 30 days)")
                    onEditingFinished: dialog.commit("ttl", text)
                }
                Label {
                    id: refusal
                    objectName: "editorCredentialRefusal"
                    // It quotes what was typed: text, never markup.
                    textFormat: Text.PlainText
                    text: Object.keys(dialog.refusals).map(field => dialog.refusals[field]).join("\n")
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    visible: text.length > 0
                    color: Theme.danger
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
                Label {
                    objectName: "editorCredentialWarning"
                    textFormat: Text.PlainText
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: dialog.current.warning ?? ""
                    color: Theme.warning
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
                Label {
                    textFormat: Text.PlainText
                    objectName: "editorCredentialProblem"
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    visible: text.length > 0
                    text: dialog.current.problem ?? ""
                    color: Theme.warning
                    wrapMode: Text.WordWrap
                }
            }
        }
    }
}
