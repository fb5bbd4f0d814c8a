pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// The admin's Production secrets tab: the credentials of every checklist,
// setting a static secret or a postgresql credential's provider connection,
// and the production hosts declared.
RowLayout {
    id: tab

    // The page's backend: its lists and the actions of every tab.
    required property AdminBackend admin

    spacing: Theme.spacing
    // A secret typed and left unset does not wait in the tab for the next one to look.
    onVisibleChanged: if (!visible) secretForm.forgetTyped()
    Card {
        Layout.fillWidth: true
        Layout.fillHeight: true
        ColumnLayout {
            anchors.fill: parent
            spacing: Theme.mediumSpacing
            Label {
                textFormat: Text.PlainText
                objectName: "secretsHeading"
                text: qsTr("Production secrets") // as the tab
                font.pixelSize: Theme.headingSize
                font.bold: true
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Label {
                text: qsTr("The production credentials of every checklist, and the sandbox ones that need a secret or a connection from you. Static secrets and PostgreSQL connections are set here, never in a checklist file; production ones are sealed under the production key at once, and hires receive them only with a mentor's sign-off.")
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                Layout.fillWidth: true
            }
            // One Tab stop, a row ringed at once; the arrow keys pick the
            // credential, Enter goes on to its secret field.
            KeyboardList {
                id: templateList
                objectName: "templateList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: tab.admin.credentialTemplates
                Accessible.name: qsTr("Credentials")
                Keys.onReturnPressed: secretForm.focusField()
                Keys.onEnterPressed: secretForm.focusField()
                delegate: SelectableRow {
                    id: templateRow
                    objectName: "template-" + credentialId
                    required property int index
                    required property string credentialId
                    required property string title
                    required property string checklistTitle
                    required property string target
                    required property bool production
                    required property string environmentTitle
                    required property string providerTitle
                    // "secret set on DATE" or "no secret yet" for a static one; empty for a generated one.
                    required property string secretState
                    // "found by a scan on DATE" when a scan found its production secret since it was set.
                    required property string leaked
                    // Where it leads, as the checklist editor declares it: one line, the fields joined.
                    readonly property string where: templateRow.target.split("\n").join(" · ")
                    Accessible.name: qsTr("%1, %2, %3").arg(templateRow.title).arg(templateRow.environmentTitle).arg(templateRow.checklistTitle)
                                     + (templateRow.where.length > 0 ? ", " + templateRow.where : "")
                                     + (templateRow.secretState.length > 0 ? ", " + templateRow.secretState : "")
                                     + (templateRow.leaked.length > 0 ? ", " + qsTr("leaked, rotate: %1").arg(templateRow.leaked) : "")
                    onClicked: templateList.currentIndex = index
                    contentItem: RowLayout {
                        ColumnLayout {
                            spacing: 0
                            Layout.fillWidth: true
                            Label { textFormat: Text.PlainText; text: templateRow.title; Layout.fillWidth: true; elide: Text.ElideRight }
                            Label {
                                textFormat: Text.PlainText
                                objectName: "templateTarget-" + templateRow.credentialId
                                text: templateRow.where.length > 0 ? qsTr("%1 · %2").arg(templateRow.checklistTitle).arg(templateRow.where)
                                                                   : templateRow.checklistTitle
                                font.pixelSize: Theme.smallSize
                                color: templateRow.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                            Label {
                                textFormat: Text.PlainText
                                objectName: "secretState-" + templateRow.credentialId
                                visible: templateRow.secretState.length > 0
                                text: templateRow.secretState
                                font.pixelSize: Theme.smallSize
                                color: templateRow.highlighted ? Theme.selectedSecondaryText : Theme.secondaryText
                                // Who set it and when, whole: on a second line where it must.
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                        }
                        Tag {
                            objectName: "environmentTag-" + templateRow.credentialId
                            text: templateRow.environmentTitle
                            tone: templateRow.production ? Theme.warning : Theme.success
                            inverted: templateRow.highlighted
                        }
                        Tag {
                            objectName: "providerTag-" + templateRow.credentialId
                            text: templateRow.providerTitle
                            inverted: templateRow.highlighted
                        }
                        // Found in the team's documents since it was set: rotate it.
                        Tag {
                            objectName: "leakedTag-" + templateRow.credentialId
                            visible: templateRow.leaked.length > 0
                            text: qsTr("leaked, rotate")
                            tone: Theme.danger
                            filled: true
                            inverted: templateRow.highlighted
                        }
                    }
                }
            }
        }
    }
    // Picks the credential \a credentialId and puts the cursor in its secret field.
    // The credential in \a row of the list, its field given the keys.
    function pickRow(row) {
        if (row < 0)
            return
        templateList.currentIndex = row
        templateList.positionViewAtIndex(row, ListView.Contain)
        secretForm.focusField()
    }

    Card {
        id: secretForm
        Layout.preferredWidth: 380
        Layout.alignment: Qt.AlignTop
        // As tall as the form, and no taller than the tab: the form scrolls.
        Layout.maximumHeight: tab.height
        // Bumped when the list is read again (after a secret or a connection
        // is set), so that the picked row's map below is read again too.
        property int revision: 0
        Connections {
            target: tab.admin.credentialTemplates
            function onModelReset() { secretForm.revision++ }
            function onDataChanged() { secretForm.revision++ }
        }
        // The selected row, as a map of its roles; null when none is picked.
        readonly property var selected: secretForm.revision >= 0 && templateList.currentIndex >= 0
                                        && templateList.currentIndex < tab.admin.credentialTemplates.count
                                        ? tab.admin.credentialTemplates.get(templateList.currentIndex) : null
        readonly property bool settable: !!selected && selected.provider === "static"
        // A postgresql credential: its provider connection is what an admin sets.
        readonly property bool isConnection: !!selected && selected.provider === "postgresql"
        // What went wrong with the last attempt to set; cleared as the person goes on.
        property string problem

        // The first field of the form for the picked credential.
        function focusField() {
            if (secretForm.isConnection)
                dsnField.forceActiveFocus()
            else if (secretField.enabled)
                secretField.forceActiveFocus()
        }
        // Forgets the secrets typed and not set: the tab was left, or a
        // connection was refused.
        function forgetTyped() {
            passwordField.clear()
            showPassword.checked = false
            secretField.clear()
            showSecret.checked = false
        }
        // \a leftBehind: the logins the admin agreed to leave pending at the
        // server before (the re-point question), none otherwise; \a replacing:
        // the admin confirmed replacing a connection set before.
        function submitConnection(leftBehind, replacing) {
            const accepted = leftBehind ? Array.from(leftBehind) : []
            if (!secretForm.isConnection)
                return
            if (dsnField.text.trim().length === 0) {
                secretForm.problem = qsTr("Type the connection's address first.")
                dsnField.forceActiveFocus()
                return
            }
            if (passwordField.text.length === 0) {
                secretForm.problem = qsTr("Type the provisioning role's password first.")
                passwordField.forceActiveFocus()
                return
            }
            // A connection set before is replaced only once the admin says so,
            // as a secret is: every login from now on is made through the new one.
            if (secretForm.selected.secretSet && accepted.length === 0 && replacing !== true) {
                replaceConnectionDialog.open()
                return
            }
            tab.admin.setConnection(secretForm.selected.connection, dsnField.text.trim(), passwordField.text,
                                    secretForm.selected.environment, accepted)
        }

        function submit() {
            if (!secretForm.settable)
                return
            if (secretField.text.length === 0) {
                secretForm.problem = qsTr("Type the secret first.")
                return
            }
            // What the vault refuses too: a secret of spaces alone.
            if (secretField.text.trim().length === 0) {
                secretForm.problem = qsTr("The secret is only spaces; paste the secret itself.")
                return
            }
            // A secret already set is replaced only once the admin says so.
            if (secretForm.selected.secretSet) {
                replaceDialog.open()
                return
            }
            secretForm.setNow()
        }
        function setNow() {
            tab.admin.setSecret(secretForm.selected.credentialId, secretField.text)
            secretField.clear()
            showSecret.checked = false
        }
        // The credential the form shows (its checklist, id and connection: one
        // id may be in two checklists); a reload of the same row keeps what is
        // typed (another desktop's change reloads the list).
        property string shownId: ""
        onSelectedChanged: {
            const id = secretForm.selected ? [secretForm.selected.checklist, secretForm.selected.credentialId,
                                              secretForm.selected.connection].join("\n") : ""
            if (id === secretForm.shownId)
                return
            secretForm.shownId = id
            problem = ""
            // The address set now, to change; the password is never read back.
            // (Read from the row itself: isConnection may not have followed yet.)
            dsnField.text = secretForm.selected && secretForm.selected.provider === "postgresql"
                            ? secretForm.selected.connectionDsn : ""
            dsnField.cursorPosition = 0 // its start in view: the host
            passwordField.clear()
            showPassword.checked = false
        }
        Connections {
            target: tab.admin
            function onConnectionSet() {
                passwordField.clear()
                showPassword.checked = false
            }
            // Refused: the password typed goes (the address stays, to correct).
            function onConnectionNotSet() {
                secretForm.forgetTyped()
            }
            function onConnectionMoveRefused(name, dsn, logins) {
                moveConnectionDialog.connectionName = name
                moveConnectionDialog.logins = logins
                moveConnectionDialog.open()
            }
        }

        // Scrolled where the form is taller than the tab (a connection's,
        // in German, at 1024x640): nothing below it is cut off.
        ScrollView {
            id: formScroll
            objectName: "secretFormScroll"
            anchors.fill: parent
            contentWidth: availableWidth
            clip: true
            ScrollBar.vertical.policy: contentHeight > height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            ColumnLayout {
                width: formScroll.availableWidth - formScroll.ScrollBar.vertical.implicitWidth
                spacing: Theme.mediumSpacing
                // Two lines kept for it, so that the field below stays where it is
                // whichever credential is picked, and a long title (or German)
                // wraps whole; past two lines it is elided, read whole in the tooltip.
                Label {
                    textFormat: Text.PlainText
                    id: secretFormHeading
                    objectName: "secretFormHeading"
                    text: !secretForm.selected ? qsTr("Pick a credential to set its secret")
                          : secretForm.settable && secretForm.selected.secretSet ? qsTr("Replace the secret of %1").arg(secretForm.selected.title)
                          : secretForm.settable ? qsTr("Set the secret of %1").arg(secretForm.selected.title)
                          : secretForm.isConnection ? qsTr("Set the connection of %1").arg(secretForm.selected.title)
                          : secretForm.selected.title
                    font.bold: true
                    wrapMode: Text.Wrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                    Layout.minimumHeight: Math.ceil(2 * fontMetrics.height) + 2
                    FontMetrics { id: fontMetrics; font: secretFormHeading.font }
                    Accessible.name: text
                    HoverHandler { id: secretHeadingHover }
                    ToolTip.visible: secretFormHeading.truncated && secretHeadingHover.hovered
                    ToolTip.text: secretFormHeading.text
                }
                // One kept secret per id and environment: another checklist's
                // credential of the same id gets what is set here, said first.
                Label {
                    textFormat: Text.PlainText
                    objectName: "secretShared"
                    visible: secretForm.settable && secretForm.selected.sharedWith.length > 0
                    text: visible ? qsTr("The checklist “%1” has a credential %2 too, and they share one secret: what you set here is theirs as well.")
                                    .arg(secretForm.selected.sharedWith.join("”, “")).arg(secretForm.selected.credentialId)
                                  : ""
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                // A postgresql credential: the connection Onramp makes each hire's
                // login through, its address and the provisioning role's password.
                Label {
                    textFormat: Text.PlainText
                    objectName: "connectionIntro"
                    visible: secretForm.isConnection
                    text: secretForm.isConnection
                          ? qsTr("Onramp signs in to PostgreSQL through connection “%1” as a provisioning role and makes each hire's own login there. It serves %2 credentials.")
                            .arg(secretForm.selected.connection).arg(secretForm.selected.environmentTitle)
                          : ""
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
                Label {
                    id: dsnLabel
                    textFormat: Text.PlainText
                    visible: secretForm.isConnection
                    text: qsTr("Address (libpq connection string, no password)")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                TextField {
                    id: dsnField
                    objectName: "connectionDsnField"
                    visible: secretForm.isConnection
                    label: dsnLabel
                    placeholderText: "host=… dbname=postgres user=…"
                    font.family: "monospace"
                    Layout.fillWidth: true
                    onTextChanged: secretForm.problem = ""
                    onAccepted: passwordField.forceActiveFocus()
                }
                Label {
                    id: passwordLabel
                    textFormat: Text.PlainText
                    visible: secretForm.isConnection
                    text: qsTr("Password of the provisioning role")
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.mediumSpacing
                    visible: secretForm.isConnection
                    TextField {
                        id: passwordField
                        objectName: "connectionPasswordField"
                        echoMode: showPassword.checked ? TextInput.Normal : TextInput.Password
                        label: passwordLabel
                        Layout.fillWidth: true
                        onTextChanged: if (text.length > 0) secretForm.problem = ""
                        onAccepted: secretForm.submitConnection(false)
                    }
                    ShowHideButton {
                        id: showPassword
                        objectName: "showConnectionPasswordButton"
                        Accessible.name: checked ? qsTr("Hide the password") : qsTr("Show the password")
                    }
                }
                Button {
                    objectName: "setConnectionButton"
                    visible: secretForm.isConnection
                    text: qsTr("Set connection")
                    highlighted: true
                    enabled: dsnField.text.trim().length > 0 && passwordField.text.length > 0 && !Session.busy
                    Accessible.name: secretForm.isConnection ? qsTr("Set connection %1").arg(secretForm.selected.connection) : text
                    onClicked: secretForm.submitConnection(false)
                }
                // Typed once: Show lets the admin read what they typed before it
                // reaches every signed-off hire; it hides again once set.
                RowLayout {
                    visible: !secretForm.isConnection
                    Layout.fillWidth: true
                    spacing: Theme.mediumSpacing
                    TextField {
                        id: secretField
                        objectName: "secretField"
                        echoMode: showSecret.checked ? TextInput.Normal : TextInput.Password
                        placeholderText: qsTr("Secret")
                        Layout.fillWidth: true
                        Accessible.name: secretForm.settable ? qsTr("Secret of %1").arg(secretForm.selected.title) : qsTr("Secret")
                        enabled: secretForm.settable
                        onTextChanged: if (text.length > 0) secretForm.problem = ""
                        onAccepted: secretForm.submit()
                    }
                    ShowHideButton {
                        id: showSecret
                        objectName: "showSecretButton"
                        enabled: secretForm.settable
                        Accessible.name: checked ? qsTr("Hide the secret") : qsTr("Show the secret")
                    }
                }
                Button {
                    objectName: "setSecretButton"
                    visible: !secretForm.isConnection
                    // A secret set before is replaced after a confirmation: the dots say so.
                    text: secretForm.settable && secretForm.selected.secretSet ? qsTr("Replace secret…") : qsTr("Set secret")
                    highlighted: true
                    enabled: secretForm.settable && secretField.text.length > 0 && !Session.busy
                    Accessible.name: text
                    onClicked: secretForm.submit()
                }
                // A scan found this very secret in the team's documents: whoever read
                // them holds it. Said in the form that sets a new one.
                Label {
                    textFormat: Text.PlainText
                    objectName: "secretLeaked"
                    visible: !!secretForm.selected && (secretForm.selected.leaked ?? "").length > 0
                    text: visible ? qsTr("Leaked: %1, in the team's documents. Whoever read them holds it: set a new secret here, change it where it is used, and remove it from those documents.").arg(secretForm.selected.leaked) : ""
                    color: Theme.danger
                    font.bold: true
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
                // Below the field, which it must not push down as it changes.
                Label {
                    textFormat: Text.PlainText
                    objectName: "secretFormHint"
                    text: secretForm.problem.length > 0 ? secretForm.problem
                          : !secretForm.selected ? qsTr("Only static credentials take a secret from you; generated ones make their own.")
                          : secretForm.isConnection ? qsTr("Over the network the address needs sslmode=verify-full and channel_binding=require; a local socket needs neither. The address goes into the signed audit log; the password never does: it is sealed under the production key.")
                          : !secretForm.settable ? qsTr("This credential is generated: Onramp makes a fresh secret for each hire, so there is none to set here.")
                          : secretForm.selected.replaceNote.length > 0 ? secretForm.selected.replaceNote
                          : secretForm.selected.production ? qsTr("It is sealed under the production key at once; a hire receives it only with a mentor's sign-off.")
                          : qsTr("It is sealed to every enrolled hire at once.")
                    color: secretForm.problem.length > 0 ? Theme.danger : Theme.secondaryText
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                // The production hosts of the picked credential's checklist, as
                // its editor shows them (Checklists, Production hosts).
                Label {
                    textFormat: Text.PlainText
                    objectName: "secretHostsHeading"
                    visible: !!secretForm.selected
                    text: secretForm.selected ? qsTr("Production hosts of “%1”").arg(secretForm.selected.checklistTitle) : ""
                    font.bold: true
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                    Layout.topMargin: Theme.largeSpacing
                }
                Label {
                    textFormat: Text.PlainText
                    objectName: "secretHosts"
                    visible: !!secretForm.selected
                    text: !secretForm.selected ? ""
                          : secretForm.selected.hosts.length > 0 ? Array.from(secretForm.selected.hosts).join("\n") : qsTr("None declared")
                    font.family: "monospace"
                    color: Theme.secondaryText
                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                    Layout.fillWidth: true
                }
                // Under the hosts it speaks of, so only once they are shown.
                Label {
                    objectName: "secretHostsRule"
                    visible: !!secretForm.selected
                    text: qsTr("Sandbox credentials that name one of these hosts are refused. Each checklist keeps its own: edit them under Checklists, Production hosts.")
                    wrapMode: Text.Wrap
                    color: Theme.secondaryText
                    Layout.fillWidth: true
                }
            }
        }
    }
    // Pointing a connection at another server while logins made through it
    // live asks first: Onramp cannot drop them from the new one. The focus
    // starts on Cancel; only "Point it there" points it.
    Dialog {
        id: moveConnectionDialog
        objectName: "moveConnectionDialog"
        property string connectionName: ""
        property var logins: []
        title: qsTr("Point connection %1 at another server?").arg(moveConnectionDialog.connectionName)
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: 480
        focus: true
        onOpened: moveConnectionCancel.forceActiveFocus(Qt.TabFocusReason)
        contentItem: Label {
            objectName: "moveConnectionText"
            textFormat: Text.PlainText
            text: qsTr("These logins made through it are live, or wait for their drop, at the server it points at now: %1. From another server Onramp cannot drop them: they keep signing in until they expire, and their drops wait until the connection points back. Revoke them first to end them now.")
                  .arg(Array.from(moveConnectionDialog.logins).join(", "))
            wrapMode: Text.Wrap
        }
        footer: DialogButtonBox {
            Button {
                objectName: "moveConnectionButton"
                text: qsTr("Point it there")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Point connection %1 at the new server").arg(moveConnectionDialog.connectionName)
            }
            Button {
                id: moveConnectionCancel
                objectName: "moveConnectionCancel"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
                Keys.onReturnPressed: moveConnectionDialog.reject()
                Keys.onEnterPressed: moveConnectionDialog.reject()
            }
        }
        onAccepted: secretForm.submitConnection(moveConnectionDialog.logins)
        // Not pointed: the password typed goes, as after any refusal.
        onRejected: {
            secretForm.forgetTyped()
            dsnField.forceActiveFocus()
        }
    }
    // Replacing a connection set before asks first, as a secret does; the
    // focus starts on Cancel.
    Dialog {
        id: replaceConnectionDialog
        objectName: "replaceConnectionDialog"
        property string connectionName: ""
        property string stateNow: ""
        title: qsTr("Replace connection %1?").arg(replaceConnectionDialog.connectionName)
        Component.onCompleted: header.textFormat = Text.PlainText
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: 460
        focus: true
        onAboutToShow: {
            replaceConnectionDialog.connectionName = secretForm.selected ? secretForm.selected.connection : ""
            replaceConnectionDialog.stateNow = secretForm.selected ? secretForm.selected.connectionDsn : ""
        }
        onOpened: replaceConnectionCancel.forceActiveFocus(Qt.TabFocusReason)
        contentItem: Label {
            objectName: "replaceConnectionText"
            textFormat: Text.PlainText
            text: qsTr("Every login from now on is made with the new address and password; logins made before stay where they were made. The address in use: %1.").arg(replaceConnectionDialog.stateNow)
            wrapMode: Text.WrapAtWordBoundaryOrAnywhere
        }
        footer: DialogButtonBox {
            Button {
                objectName: "replaceConnectionButton"
                text: qsTr("Replace")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Replace connection %1").arg(replaceConnectionDialog.connectionName)
            }
            Button {
                id: replaceConnectionCancel
                objectName: "replaceConnectionCancel"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
            }
        }
        onAccepted: secretForm.submitConnection(false, true)
        onRejected: dsnField.forceActiveFocus()
    }
    // Replacing a secret asks first: the old one stops working for every
    // hire who holds it. The focus starts on Cancel, so that the Enter that
    // submitted the field confirms nothing; only Replace replaces.
    Dialog {
        id: replaceDialog
        objectName: "replaceSecretDialog"
        // What the dialog is about, fixed when it opens.
        property string credentialTitle: ""
        property string stateNow: ""
        // The hires given the new secret at once (AdminBackend::countRecipients); -1 while counted.
        property int holders: -1
        property string credentialId: ""
        Connections {
            target: tab.admin
            function onRecipientsCounted(credentialId: string, count: int) {
                if (credentialId === replaceDialog.credentialId)
                    replaceDialog.holders = count
            }
        }
        title: qsTr("Replace the secret of %1?").arg(replaceDialog.credentialTitle)
        modal: true
        parent: Overlay.overlay
        x: Math.round((parent.width - width) / 2)
        y: Math.round((parent.height - height) / 2)
        width: 460
        focus: true
        onAboutToShow: {
            replaceDialog.credentialTitle = secretForm.selected ? secretForm.selected.title : ""
            replaceDialog.stateNow = secretForm.selected ? secretForm.selected.secretState : ""
            replaceDialog.credentialId = secretForm.selected ? secretForm.selected.credentialId : ""
            replaceDialog.holders = -1
            tab.admin.countRecipients(replaceDialog.credentialId)
        }
        onOpened: replaceCancel.forceActiveFocus(Qt.TabFocusReason) // with its focus ring: Enter presses it
        contentItem: Label {
            objectName: "replaceSecretText"
            textFormat: Text.PlainText
            text: (replaceDialog.holders > 0
                   ? qsTr("%n hire(s) hold it now: each is given the new one at once, in place of the old.", "", replaceDialog.holders)
                   : replaceDialog.holders === 0
                     ? qsTr("No hire holds it now: each hire it is given from now on gets the new one.")
                     : qsTr("Every hire who holds it is given the new one at once, in place of the old."))
                  + " " + qsTr("Change the password at its source too: Onramp hands the secret out, the database decides which one works. The one in use: %1.").arg(replaceDialog.stateNow)
            wrapMode: Text.Wrap
        }
        footer: DialogButtonBox {
            Button {
                objectName: "replaceSecretButton"
                text: qsTr("Replace")
                DialogButtonBox.buttonRole: Dialog.AcceptRole
                Accessible.name: qsTr("Replace the secret of %1").arg(replaceDialog.credentialTitle)
            }
            Button {
                id: replaceCancel
                objectName: "replaceSecretCancel"
                text: qsTr("Cancel")
                DialogButtonBox.buttonRole: Dialog.RejectRole
                Accessible.name: text
                // Enter on the focused Cancel cancels, whatever the style makes of it.
                Keys.onReturnPressed: replaceDialog.reject()
                Keys.onEnterPressed: replaceDialog.reject()
            }
        }
        onAccepted: secretForm.setNow()
        onRejected: secretField.forceActiveFocus()
    }
}
