import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Production access: locked with every reason the gate gives, unlocked but
// waiting for IT to set a production secret, unlocked, or signed off with
// access since revoked (EnrollmentBackend.revoked) or run out (every
// production grant expired).
Card {
    id: card

    property bool locked: true
    property var reasons: []
    property string signedOffBy
    // When the sign-off was given, as step statuses say theirs; empty when unknown.
    property string signedOffOn
    // When unlocked: the time left on production credentials ("2 hours left"); empty when they do not run out.
    property string timeLeft
    // Written for the reader: the hire by default; a mentor's page says its own.
    property string lockedIntro: qsTr("It opens when these are done — no rush, the sandbox is yours meanwhile:")
    property string unlockedText: card.signedOffOn.length > 0
                                  ? qsTr("Signed off by %1 on %2. Take care out there, and ask when in doubt.").arg(card.signedOffBy).arg(card.signedOffOn)
                                  : qsTr("Signed off by %1. Take care out there, and ask when in doubt.").arg(card.signedOffBy)
    // Unlocked, but a production secret is still to be set by IT, so production is not usable yet.
    property bool waitingForSecret: false
    // Signed off, but access since revoked: by whom (their name for people) and when.
    property bool revoked: false
    property string revokedBy
    property string revokedOn
    property string revokedText: qsTr("%1 ended your production access on %2. Your mentor can renew it if you need it again.").arg(card.revokedBy).arg(card.revokedOn)
    // Signed off, but every production grant has run out.
    property bool expired: false
    property string expiredText: qsTr("Signed off by %1, but the time of your production credentials has run out. Your mentor can renew them.").arg(card.signedOffBy)
    readonly property string title: card.locked ? qsTr("Production access: locked")
                                    : card.revoked ? qsTr("Production access: signed off — access revoked")
                                    : card.expired ? qsTr("Production access: signed off — access expired")
                                    : card.waitingForSecret ? qsTr("Production access: signed off — waiting for IT to add the secret")
                                    : qsTr("Production access: unlocked")

    objectName: "gateStatus"
    Accessible.role: Accessible.Grouping
    Accessible.name: card.locked ? qsTr("Production access locked")
                     : card.revoked ? qsTr("Production access signed off, access revoked")
                     : card.expired ? qsTr("Production access signed off, access expired")
                     : card.waitingForSecret ? qsTr("Production access signed off, waiting for IT to add the secret")
                     : qsTr("Production access unlocked")

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.mediumSpacing
            Rectangle {
                Layout.preferredWidth: 12; Layout.preferredHeight: 12; radius: 6
                Layout.alignment: Qt.AlignTop
                Layout.topMargin: 6
                color: card.locked || card.revoked || card.expired || card.waitingForSecret ? Theme.warning : Theme.success
            }
            Label {
                textFormat: Text.PlainText
                objectName: "gateTitle"
                text: card.title
                font.pixelSize: Theme.headingSize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        Label {
            textFormat: Text.PlainText
            objectName: "gateUnlockedText"
            visible: !card.locked
            text: card.revoked ? card.revokedText : card.expired ? card.expiredText : card.unlockedText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "gateWaiting"
            visible: !card.locked && !card.revoked && !card.expired && card.waitingForSecret
            text: qsTr("IT still has to add a production secret. It shows under Credentials as soon as they do; there is nothing you need to do.")
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        Label {
            textFormat: Text.PlainText
            objectName: "gateTimeLeft"
            visible: !card.locked && !card.revoked && !card.expired && card.timeLeft.length > 0
            // Two lines whatever the time says, so that nothing below moves as the minutes go.
            text: qsTr("Production credentials: %1.").arg(card.timeLeft) + "\n" + qsTr("Your mentor can renew them.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            textFormat: Text.PlainText
            visible: card.locked
            text: card.lockedIntro
            color: Theme.secondaryText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        BulletList {
            Layout.fillWidth: true
            Layout.preferredWidth: 0  // the cell sets the width; the items follow it
            visible: card.locked
            spacing: Theme.mediumSpacing
            items: card.locked ? card.reasons : []
        }
    }
}
