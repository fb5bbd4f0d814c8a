import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Onramp

// Production access: locked with every reason the gate gives, or unlocked.
Card {
    id: card

    property bool locked: true
    property var reasons: []
    property string signedOffBy
    // When unlocked: the time left on production credentials ("2 hours left"); empty when they do not run out.
    property string timeLeft
    // Written for the reader: the hire by default; a mentor's page says its own.
    property string lockedIntro: qsTr("It opens when these are done — no rush, the sandbox is yours meanwhile:")
    property string unlockedText: qsTr("Signed off by %1. Take care out there, and ask when in doubt.").arg(card.signedOffBy)

    objectName: "gateStatus"
    Accessible.role: Accessible.Grouping
    Accessible.name: locked ? qsTr("Production access locked") : qsTr("Production access unlocked")

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.mediumSpacing
        RowLayout {
            spacing: Theme.mediumSpacing
            Rectangle {
                Layout.preferredWidth: 12; Layout.preferredHeight: 12; radius: 6
                color: card.locked ? Theme.warning : Theme.success
            }
            Label {
                objectName: "gateTitle"
                text: card.locked ? qsTr("Production access: locked") : qsTr("Production access: unlocked")
                font.pixelSize: Theme.headingSize
                font.bold: true
            }
        }
        Label {
            visible: !card.locked
            text: card.unlockedText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "gateTimeLeft"
            visible: !card.locked && card.timeLeft.length > 0
            text: qsTr("Production credentials: %1. Your mentor can renew them.").arg(card.timeLeft)
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: card.locked
            text: card.lockedIntro
            color: Theme.secondaryText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        // Qt 6.4: a Repeater right inside a Layout can leave the Layout a deleted
        // delegate when its model changes; a positioner in the cell holds them.
        Column {
            Layout.fillWidth: true
            Layout.preferredWidth: 0  // the cell sets the width; the delegates follow it
            visible: card.locked
            spacing: Theme.mediumSpacing
            Repeater {
                model: card.locked ? card.reasons : []
                delegate: Label {
                    required property string modelData
                    text: "• " + modelData
                    wrapMode: Text.Wrap
                    width: parent ? parent.width : 0
                }
            }
        }
    }
}
