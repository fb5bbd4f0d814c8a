<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
<context>
    <name>AboutPage</name>
    <message>
        <location filename="../qml/pages/AboutPage.qml" line="+13"/>
        <source>How Onramp works</source>
        <translation>So funktioniert Onramp</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>← Back</source>
        <translation>← Zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Your sandbox is yours to break</source>
        <translation>In Ihrer Sandbox dürfen Sie alles ausprobieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox credentials are ready the moment you are enrolled. Experiment, make mistakes, reissue them.</source>
        <translation>Die Sandbox-Zugangsdaten sind bereit, sobald Sie eingeschrieben sind. Probieren Sie aus, machen Sie Fehler, stellen Sie sie neu aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production stays sealed</source>
        <translation>Die Produktion bleibt versiegelt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production credentials are encrypted under a key only mentors and admins hold. Nobody can hand them out by accident.</source>
        <translation>Produktions-Zugangsdaten sind mit einem Schlüssel verschlüsselt, den nur Mentoren und Admins besitzen. Niemand kann sie versehentlich herausgeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your mentor signs off</source>
        <translation>Ihr Mentor erteilt die Freigabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the required steps are done, your mentor signs off with a cryptographic signature, and only then is access released to you.</source>
        <translation>Sind die Pflichtschritte erledigt, erteilt Ihr Mentor die Freigabe mit einer kryptografischen Signatur – erst dann erhalten Sie den Zugang.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything is recorded</source>
        <translation>Alles wird protokolliert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each step, sign-off and release lands in a tamper-evident audit log, so the record can be trusted.</source>
        <translation>Jeder Schritt, jede Freigabe und jede Herausgabe landet in einem manipulationssicheren Prüfprotokoll, damit man sich auf die Aufzeichnung verlassen kann.</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../qml/pages/AdminPage.qml" line="+18"/>
        <source>Admin</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Checklists</source>
        <translation>Checklisten</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Checklists •</source>
        <translation>Checklisten •</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklists, changes not saved as a version</source>
        <translation>Checklisten, Änderungen nicht als Version gespeichert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrollments</source>
        <translation>Einschreibungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production secrets</source>
        <translation>Produktionsgeheimnisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault</source>
        <translation>Tresor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Nothing can be decided from this vault</source>
        <translation>Aus diesem Tresor lässt sich nichts entscheiden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The vault could not be read</source>
        <translation>Der Tresor konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Its records do not agree with its signed log, so Onramp shows and signs nothing from it: %1 Set it again or remove it below: that repairs the vault when nothing else is wrong, and “Check the vault” says everything that is.</source>
        <translation>Seine Datensätze stimmen nicht mit seinem signierten Protokoll überein, daher zeigt und signiert Onramp nichts daraus: %1 Setzen Sie es unten erneut oder entfernen Sie es: Das repariert den Tresor, wenn sonst nichts falsch ist, und „Tresor prüfen“ nennt alles, was falsch ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its records do not agree with its signed log, so Onramp shows and signs nothing from it: %1 Set it again below: that repairs the vault when nothing else is wrong, and “Check the vault” says everything that is.</source>
        <translation>Seine Datensätze stimmen nicht mit seinem signierten Protokoll überein, daher zeigt und signiert Onramp nichts daraus: %1 Setzen Sie es unten erneut: Das repariert den Tresor, wenn sonst nichts falsch ist, und „Tresor prüfen“ nennt alles, was falsch ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its records do not agree with its signed log, so Onramp shows and signs nothing from it: %1 Check the vault to see everything that is wrong; restoring the newest backup that passes the check repairs it.</source>
        <translation>Seine Datensätze stimmen nicht mit seinem signierten Protokoll überein, daher zeigt und signiert Onramp nichts daraus: %1 Prüfen Sie den Tresor, um alles zu sehen, was falsch ist; die neueste Sicherung wiederherzustellen, die die Prüfung besteht, repariert ihn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the vault</source>
        <translation>Tresor prüfen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Set connection %1 again…</source>
        <translation>Verbindung %1 erneut setzen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the unused secret %1…</source>
        <translation>Ungenutztes Geheimnis %1 entfernen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the secret of %1 again…</source>
        <translation>Geheimnis von %1 erneut setzen…</translation>
    </message>
</context>
<context>
    <name>AppHeader</name>
    <message>
        <location filename="../qml/components/AppHeader.qml" line="+15"/>
        <source>Admin</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mentees</source>
        <translation>Mentees</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Onramp</source>
        <translation>Onramp</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../qml/components/SettingsButton.qml" line="+17"/>
        <location line="+5"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../qml/components/SettingsPopup.qml" line="+73"/>
        <source>Lock automatically after</source>
        <translation>Automatisch sperren nach</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Minutes of inactivity before locking</source>
        <translation>Minuten ohne Aktivität bis zur Sperre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>minutes without activity</source>
        <translation>Minuten ohne Aktivität</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change passphrase…</source>
        <translation>Passphrase ändern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change your passphrase</source>
        <translation>Ihre Passphrase ändern</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+2"/>
        <source>Desktop notifications</source>
        <translation>Desktop-Benachrichtigungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When production access will expire, has expired or was revoked</source>
        <translation>Wenn Produktionszugang bald abläuft, abgelaufen ist oder entzogen wurde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When a step awaits your review, and when production access will expire, has expired or was revoked</source>
        <translation>Wenn ein Schritt auf Ihre Prüfung wartet und wenn Produktionszugang bald abläuft, abgelaufen ist oder entzogen wurde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When a step is approved or changes are asked, when production access is signed off, will expire, has expired or was revoked</source>
        <translation>Wenn ein Schritt genehmigt wird oder Änderungen erbeten werden, wenn der Produktionszugang freigegeben wird, bald abläuft, abgelaufen ist oder widerrufen wurde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warn before production access expires:</source>
        <translation>Vor dem Ablauf des Produktionszugangs warnen:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Hours of warning before production access expires</source>
        <translation>Stunden Vorwarnung vor dem Ablauf des Produktionszugangs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hours ahead</source>
        <translation>Stunden vorher</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A shorter grant is warned about halfway through it.</source>
        <translation>Bei einem kürzeren Produktionszugang kommt die Warnung nach der Hälfte seiner Laufzeit.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+2"/>
        <source>Count on the launcher</source>
        <translation>Zähler am App-Symbol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many things await you, on the app&apos;s entry in the dock or task manager</source>
        <translation>Wie viel auf Sie wartet, am Eintrag der App im Dock oder in der Taskleiste</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+20"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Appearance: light, dark or following the system</source>
        <translation>Darstellung: hell, dunkel oder wie das System</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Language: English, Deutsch or following the system</source>
        <translation>Sprache: English, Deutsch oder wie das System</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vault fingerprint</source>
        <translation>Fingerabdruck des Tresors</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Vault fingerprint, to check with the admin who made the vault</source>
        <translation>Fingerabdruck des Tresors, mit dem Admin abzugleichen, der ihn angelegt hat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the vault fingerprint</source>
        <translation>Fingerabdruck des Tresors kopieren</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The same on every desktop that opens this vault. If the admin who made it reads you another, this is not your team&apos;s vault: sign out and ask them.</source>
        <translation>Auf jedem Rechner, der diesen Tresor öffnet, derselbe. Liest Ihnen der Admin, der ihn angelegt hat, einen anderen vor, ist dies nicht der Tresor Ihres Teams: Melden Sie sich ab und fragen Sie nach.</translation>
    </message>
    <message>
        <location filename="../qml/components/AppHeader.qml" line="+6"/>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the vault</source>
        <translation>Den Tresor sperren</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <location filename="../qml/components/ApproveDialog.qml" line="+27"/>
        <source>Approve this step?</source>
        <translation>Diesen Schritt genehmigen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve “%1” for %2? Approved steps count towards their production access.</source>
        <translation>„%1“ für %2 genehmigen? Genehmigte Schritte zählen für den Zugang zur Produktion.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1&apos;s notes on it, not answered yet; approving answers them:</source>
        <translation>Notizen von %1 dazu, noch unbeantwortet; die Genehmigung beantwortet sie:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your comment, sent with the approval:</source>
        <translation>Ihr Kommentar, der mit der Genehmigung gesendet wird:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../qml/pages/AuditPage.qml" line="+57"/>
        <location line="+241"/>
        <source>Audit log</source>
        <translation>Prüfprotokoll</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>Export the audit log</source>
        <translation>Das Prüfprotokoll exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Audit entry %1</source>
        <translation>Protokolleintrag %1</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <location line="+3"/>
        <location line="+478"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="-483"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed records</source>
        <translation>Signierte Datensätze</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stored records this entry vouches for, each with the fingerprint it was signed with: a record changed since no longer matches it.</source>
        <translation>Die gespeicherten Einträge, für die dieser Eintrag bürgt, jeweils mit dem Fingerabdruck, mit dem sie signiert wurden: Ein seither geänderter Eintrag passt nicht mehr dazu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the chain</source>
        <translation>In der Kette</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entry %1, after entry %2</source>
        <translation>Eintrag %1, nach Eintrag %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entry %1, the first of the chain</source>
        <translation>Eintrag %1, der erste der Kette</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each entry&apos;s hash covers the entry before it: an entry changed or taken out breaks the chain, and Verify finds where.</source>
        <translation>Der Hash jedes Eintrags umfasst den Eintrag davor: Ein geänderter oder entfernter Eintrag unterbricht die Kette, und „Prüfen“ findet die Stelle.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous hash</source>
        <translation>Vorheriger Hash</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the entry</source>
        <translation>Den Eintrag schließen</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Every change and every reveal of a production secret, signed by the person who did it.</source>
        <translation>Jede Änderung und jedes Aufdecken eines Produktionsgeheimnisses, signiert von der Person, die es getan hat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your own trail: what you did in this vault, signed with your key.</source>
        <translation>Ihre eigene Spur: was Sie in diesem Tresor getan haben, signiert mit Ihrem Schlüssel.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verifying…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verify</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify the audit log</source>
        <translation>Das Prüfprotokoll prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks every entry&apos;s hash, link and signature, and the head in the key file</source>
        <translation>Prüft Hash, Verkettung und Signatur jedes Eintrags sowie den Kopf in der Schlüsseldatei</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export whole log…</source>
        <translation>Ganzes Protokoll exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the whole audit log, whatever the filters show</source>
        <translation>Das ganze Prüfprotokoll exportieren, unabhängig von den Filtern</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>JSON lines (.jsonl)</source>
        <translation>JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON lines</source>
        <translation>Als JSON Lines exportieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Show entry %1</source>
        <translation>Eintrag %1 zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the first bad entry, number %1</source>
        <translation>Den ersten fehlerhaften Eintrag zeigen, Nummer %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Entry %1 is not among the entries shown; clear the filters.</source>
        <translation>Eintrag %1 ist nicht unter den angezeigten Einträgen; setzen Sie die Filter zurück.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Person, e.g. alex</source>
        <translation>Person, z. B. alex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by person</source>
        <translation>Nach Person filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries by this person and entries about them</source>
        <translation>Einträge dieser Person und Einträge über sie</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All actions</source>
        <translation>Alle Aktionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by action</source>
        <translation>Nach Aktion filtern</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Since YYYY-MM-DD</source>
        <translation>Seit JJJJ-MM-TT</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show entries on or after this day (YYYY-MM-DD, UTC)</source>
        <translation>Einträge ab diesem Tag zeigen (JJJJ-MM-TT, UTC)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Search…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the entries</source>
        <translation>Einträge durchsuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries whose action, person, subject or details hold this text, as the list shows them or as stored (Ctrl+F)</source>
        <translation>Einträge, deren Aktion, Person, Betreff oder Details diesen Text enthalten, wie die Liste sie zeigt oder wie sie gespeichert sind (Strg+F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the filters</source>
        <translation>Die Filter anwenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear the filters</source>
        <translation>Die Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+284"/>
        <source>Loading the audit log</source>
        <translation>Das Prüfprotokoll wird geladen</translation>
    </message>
    <message>
        <location line="-275"/>
        <source>The newest %1 entries; narrow the filters to see older ones</source>
        <translation>Die neuesten %1 Einträge; schränken Sie die Filter ein, um ältere zu sehen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No entries match these filters</source>
        <translation>Keine Einträge passen zu diesen Filtern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No audit entries yet</source>
        <translation>Noch keine Protokolleinträge</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear the filters or choose an earlier day.</source>
        <translation>Setzen Sie die Filter zurück oder wählen Sie einen früheren Tag.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose an earlier day.</source>
        <translation>Wählen Sie einen früheren Tag.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filters.</source>
        <translation>Setzen Sie die Filter zurück.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the person filter.</source>
        <translation>Setzen Sie den Personenfilter zurück.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the action filter.</source>
        <translation>Setzen Sie den Aktionsfilter zurück.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing in the log holds “%1”.</source>
        <translation>Kein Eintrag im Protokoll enthält „%1“.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries appear here as people work in the vault.</source>
        <translation>Einträge erscheinen hier, sobald im Tresor gearbeitet wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Gegenstand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Audit entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter shows the selected entry&apos;s details</source>
        <translation>Die Eingabetaste zeigt die Details des gewählten Eintrags</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scroll the audit entries</source>
        <translation>Durch die Protokolleinträge blättern</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Entry %1, %2: %3, %4, %5. %6</source>
        <translation>Eintrag %1, %2: %3, %4, %5. %6</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../qml/components/charts/BarChart.qml" line="+141"/>
        <source>Scroll %1</source>
        <translation>Durch %1 blättern</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>0</source>
        <translation>0</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../qml/components/ChangePassphraseDialog.qml" line="+35"/>
        <source>Change your passphrase</source>
        <translation>Ihre Passphrase ändern</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Current passphrase</source>
        <translation>Aktuelle Passphrase</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>At least 12 characters</source>
        <translation>Mindestens 12 Zeichen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Repeat the new passphrase</source>
        <translation>Neue Passphrase wiederholen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Changing the passphrase</source>
        <translation>Passphrase wird geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changing the passphrase…</source>
        <translation>Passphrase wird geändert…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Change passphrase</source>
        <translation>Passphrase ändern</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ChecklistBodyDialog</name>
    <message>
        <location filename="../qml/components/editor/ChecklistBodyDialog.qml" line="+26"/>
        <source>Body of “%1”</source>
        <translation>Inhalt von „%1“</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Body of the step</source>
        <translation>Inhalt des Schritts</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Use this text</source>
        <translation>Diesen Text übernehmen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use this text as the step&apos;s body</source>
        <translation>Diesen Text als Inhalt des Schritts übernehmen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel, and keep the body as it was</source>
        <translation>Abbrechen und den Inhalt lassen, wie er war</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Markdown: a blank line starts a paragraph, **bold**, *italic*, [a link](https://…). Ctrl+Enter uses the text.</source>
        <translation>Markdown: Eine Leerzeile beginnt einen Absatz, **fett**, *kursiv*, [ein Link](https://…). Strg+Eingabe übernimmt den Text.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>What to do and why, in Markdown</source>
        <translation>Was zu tun ist und warum, in Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step body</source>
        <translation>Inhalt des Schritts</translation>
    </message>
</context>
<context>
    <name>ChecklistCredentialsDialog</name>
    <message>
        <location filename="../qml/components/editor/ChecklistCredentialsDialog.qml" line="+51"/>
        <source>Credentials of %1</source>
        <translation>Zugangsdaten von %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not kept: %1 The credential keeps its earlier value there.</source>
        <translation>Nicht übernommen: %1 Die Zugangsdaten behalten dort ihren bisherigen Wert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the credentials</source>
        <translation>Die Zugangsdaten schließen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sandbox ones are issued at enrollment; production ones with the sign-off. Saved with the steps, as a new version.</source>
        <translation>Sandbox-Zugangsdaten werden bei der Einschreibung ausgestellt, die für die Produktion mit der Freigabe. Gespeichert mit den Schritten, als neue Version.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a credential</source>
        <translation>Einen Zugang hinzufügen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected credential</source>
        <translation>Den ausgewählten Zugang entfernen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No credentials yet: add the first one.</source>
        <translation>Noch keine Zugänge: Fügen Sie den ersten hinzu.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a credential to edit it.</source>
        <translation>Wählen Sie einen Zugang aus, um ihn zu bearbeiten.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Sandbox database</source>
        <translation>z. B. Sandbox-Datenbank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential title</source>
        <translation>Titel des Zugangs</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>lower-case words joined by &apos;-&apos;</source>
        <translation>kleingeschriebene Wörter, mit &apos;-&apos; verbunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential id</source>
        <translation>ID des Zugangs</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>generated</source>
        <comment>a secret Onramp makes</comment>
        <translation>erzeugt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>static</source>
        <comment>a secret an admin sets</comment>
        <translation>statisch</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>one a line, such as host: db.prod.example.com</source>
        <translation>z. B. host: db.prod.example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one a line, such as host: db.sandbox.internal</source>
        <translation>eines pro Zeile, etwa host: db.sandbox.internal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fields, one a line as name: value</source>
        <translation>Felder, eines pro Zeile als Name: Wert</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. sandbox, as &apos;onramp provider set&apos; named it</source>
        <translation>z. B. sandbox, wie &apos;onramp provider set&apos; sie benannt hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider connection the login is made through</source>
        <translation>Anbieterverbindung, über die die Anmeldung angelegt wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Group roles</source>
        <translation>Gruppenrollen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. ro_reader, app_user</source>
        <translation>z. B. ro_reader, app_user</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group roles the login joins, separated by commas</source>
        <translation>Gruppenrollen, denen die Anmeldung beitritt, durch Kommas getrennt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template database</source>
        <translation>Vorlagendatenbank</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a sandbox credential&apos;s only</source>
        <translation>nur für Sandbox-Zugänge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template database of the hire&apos;s own sandbox database</source>
        <translation>Vorlagendatenbank der eigenen Sandbox-Datenbank des Neuzugangs</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Secret name</source>
        <translation>Geheimnisname</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>e.g. password</source>
        <translation>z. B. password</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>set under Production secrets</source>
        <translation>wird unter Produktionsgeheimnisse gesetzt</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>e.g. 8h; empty for 30 days</source>
        <translation>z. B. 8h; leer für 30 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lifetime of a production grant (empty: 30 days)</source>
        <translation>Laufzeit einer Produktionszuteilung (leer: 30 Tage)</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Secret length</source>
        <translation>Geheimnislänge</translation>
    </message>
    <message>
        <location line="-89"/>
        <source>postgresql</source>
        <comment>a database login Onramp makes</comment>
        <translation>postgresql</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Provider: generated makes a secret, static takes one an admin sets, postgresql makes a database login</source>
        <translation>Anbieter: generated erzeugt ein Geheimnis, static übernimmt eines, das ein Admin setzt, postgresql legt eine Datenbank-Anmeldung an</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>One field a line, as name: value (host, port, database, user…); the hire sees them beside the secret and gets them in the exports. {{hire}} stands for the hire&apos;s user name, as in user: {{hire}}; {{hire_display}} for their full name, {{enrollment}} for their enrollment&apos;s number.</source>
        <translation>Ein Feld je Zeile, als Name: Wert (host, port, database, user …); der Neuzugang sieht sie neben dem Geheimnis und erhält sie in den Exporten. {{hire}} steht für den Benutzernamen des Neuzugangs, wie in user: {{hire}}; {{hire_display}} für den vollen Namen, {{enrollment}} für die Nummer der Einschreibung.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>e.g. sandbox_template</source>
        <translation>z. B. sandbox_template</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Secret length in characters</source>
        <translation>Geheimnislänge in Zeichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lifetime</source>
        <translation>Laufzeit</translation>
    </message>
</context>
<context>
    <name>ChecklistEditor</name>
    <message>
        <location filename="../qml/components/editor/ChecklistEditor.qml" line="+114"/>
        <source>No checklist open</source>
        <translation>Keine Checkliste geöffnet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a checklist to edit its steps, or start a new one.</source>
        <translation>Wählen Sie eine Checkliste, um ihre Schritte zu bearbeiten, oder beginnen Sie eine neue.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new checklist</source>
        <translation>Eine neue Checkliste beginnen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading the checklist</source>
        <translation>Die Checkliste wird geladen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Versions (%1)…</source>
        <translation>Versionen (%1)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not saved yet</source>
        <translation>noch nicht gespeichert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unsaved changes</source>
        <translation>ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Production hosts (%1)…</source>
        <translation>Produktionshosts (%1)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the production hosts of this checklist</source>
        <translation>Die Produktionshosts dieser Checkliste bearbeiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credentials (%1)…</source>
        <translation>Zugangsdaten (%1)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the credentials of this checklist</source>
        <translation>Die Zugangsdaten dieser Checkliste bearbeiten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the versions of this checklist</source>
        <translation>Die Versionen dieser Checkliste zeigen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Add step</source>
        <translation>Schritt hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a step below the selected one</source>
        <translation>Einen Schritt unter dem ausgewählten hinzufügen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected step</source>
        <translation>Den ausgewählten Schritt entfernen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the selected step up</source>
        <translation>Den ausgewählten Schritt nach oben verschieben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the selected step down</source>
        <translation>Den ausgewählten Schritt nach unten verschieben</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Discard…</source>
        <translation>Verwerfen …</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the saved version to a file</source>
        <translation>Die gespeicherte Version in eine Datei exportieren</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Discard the changes not saved, back to version %1</source>
        <translation>Die nicht gespeicherten Änderungen verwerfen, zurück zu Version %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save as new version</source>
        <translation>Als neue Version speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the steps as a new version</source>
        <translation>Die Schritte als neue Version speichern</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Removed “%1”.</source>
        <translation>„%1“ entfernt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo removing “%1”</source>
        <translation>Entfernen von „%1“ rückgängig machen</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>A sandbox credential may reach production</source>
        <translation>Sandbox-Zugangsdaten könnten die Produktion erreichen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Production hosts…</source>
        <translation>Produktionshosts…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the production hosts instead of saving</source>
        <translation>Die Produktionshosts bearbeiten, statt zu speichern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save with the sandbox credential as it is</source>
        <translation>Mit den Sandbox-Zugangsdaten so speichern, wie sie sind</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A newer version exists</source>
        <translation>Es gibt eine neuere Version</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reload version %1</source>
        <translation>Version %1 neu laden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload version %1; the changes made here are lost</source>
        <translation>Version %1 neu laden; die hier vorgenommenen Änderungen gehen verloren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save mine as version %1</source>
        <translation>Meine als Version %1 speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save my changes as version %1, over version %2, which stays in the history</source>
        <translation>Meine Änderungen als Version %1 über Version %2 speichern, die im Verlauf bleibt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keep my changes in view</source>
        <translation>Meine Änderungen weiter anzeigen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export the checklist</source>
        <translation>Checkliste exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checklists (*.yaml *.yml)</source>
        <translation>Checklisten (*.yaml *.yml)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
</context>
<context>
    <name>ChecklistHostsDialog</name>
    <message>
        <location filename="../qml/components/editor/ChecklistHostsDialog.qml" line="+14"/>
        <source>Production hosts of %1</source>
        <translation>Produktionshosts von %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the production hosts</source>
        <translation>Die Produktionshosts schließen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sandbox credentials may never name these hosts; a checklist that does is refused. Changes are saved with the steps, as a new version.</source>
        <translation>Sandbox-Zugangsdaten dürfen diese Hosts nie nennen; eine Checkliste, die es tut, wird abgelehnt. Änderungen werden mit den Schritten als neue Version gespeichert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No production hosts yet. Add the database and server names hires must not reach from the sandbox.</source>
        <translation>Noch keine Produktionshosts. Fügen Sie die Datenbank- und Servernamen hinzu, die neue Mitarbeitende aus der Sandbox nicht erreichen dürfen.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove production host %1</source>
        <translation>Produktionshost %1 entfernen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>db.prod.example.com or *.prod.example.com</source>
        <translation>db.prod.example.com oder *.prod.example.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New production host or glob</source>
        <translation>Neuer Produktionshost oder Muster</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the production host</source>
        <translation>Den Produktionshost hinzufügen</translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <location filename="../qml/pages/ChecklistPage.qml" line="+13"/>
        <location line="+14"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · version %2</source>
        <translation>%1 · Version %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No checklist yet</source>
        <translation>Noch keine Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Once your admin enrolls you, your steps appear here.</source>
        <translation>Sobald Ihr Admin Sie einschreibt, erscheinen Ihre Schritte hier.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+19"/>
        <source>Other steps</source>
        <translation>Weitere Schritte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2, %3</source>
        <extracomment>a section heading, then the step&apos;s title and state: &quot;Day one: Read the handbook, to do&quot;</extracomment>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>ChecklistStepForm</name>
    <message>
        <location filename="../qml/components/editor/ChecklistStepForm.qml" line="+39"/>
        <source>No steps yet: add the first one.</source>
        <translation>Noch keine Schritte: Fügen Sie den ersten hinzu.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a step to edit it.</source>
        <translation>Wählen Sie einen Schritt aus, um ihn zu bearbeiten.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step title</source>
        <translation>Titel des Schritts</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+3"/>
        <source>lower-case words joined by &apos;-&apos;</source>
        <translation>kleingeschriebene Wörter, mit &apos;-&apos; verbunden</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Step id</source>
        <translation>ID des Schritts</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>e.g. %1</source>
        <translation>z. B. %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+7"/>
        <source>Section</source>
        <translation>Abschnitt</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>e.g. Day one</source>
        <translation>z. B. Erster Tag</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Taken from the step above: change it if this step belongs in another section.</source>
        <translation>Vom Schritt darüber übernommen: Ändern Sie ihn, wenn dieser Schritt in einen anderen Abschnitt gehört.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Body</source>
        <translation>Inhalt</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Larger…</source>
        <translation>Größer…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Edit the body in a larger box</source>
        <translation>Den Inhalt in einem größeren Feld bearbeiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the body in a larger box (Ctrl+E)</source>
        <translation>Den Inhalt in einem größeren Feld bearbeiten (Strg+E)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>What to do and why, in Markdown</source>
        <translation>Was zu tun ist und warum, in Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step body</source>
        <translation>Inhalt des Schritts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 edits it in a larger box</source>
        <translation>%1 bearbeitet ihn in einem größeren Feld</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Due, in days after the start date</source>
        <translation>Fällig, in Tagen nach dem Startdatum</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Required for production access</source>
        <translation>Pflicht für Produktionszugang</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A step the mentor reviews gates production access, so it is always required.</source>
        <translation>Ein Schritt, den der Mentor prüft, ist Voraussetzung für den Produktionszugang und daher immer Pflicht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mentor reviews it</source>
        <translation>Prüfung durch den Mentor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A step the mentor reviews is also required for production access.</source>
        <translation>Ein Schritt, den der Mentor prüft, ist auch Pflicht für den Produktionszugang.</translation>
    </message>
</context>
<context>
    <name>ChecklistStepList</name>
    <message>
        <location filename="../qml/components/editor/ChecklistStepList.qml" line="+24"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>fix</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mentor review</source>
        <translation>Mentor-Prüfung</translation>
    </message>
</context>
<context>
    <name>ChecklistVersionsPopup</name>
    <message>
        <location filename="../qml/components/editor/ChecklistVersionsPopup.qml" line="+35"/>
        <source>Versions of “%1”</source>
        <translation>Versionen von „%1“</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saving the checklist makes a new version. Hires stay on theirs until you move them (Admin › Enrollments).</source>
        <translation>Jedes Speichern der Checkliste ergibt eine neue Version. Neuzugänge bleiben auf ihrer bisherigen Version, bis Sie sie verschieben (Verwaltung › Einschreibungen).</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Version %1 · %2 · by %3</source>
        <translation>Version %1 · %2 · von %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>latest</source>
        <translation>neueste</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n hire(s) on it</source>
        <translation>
            <numerusform>%n Neuzugang auf dieser Version</numerusform>
            <numerusform>%n Neuzugänge auf dieser Version</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no hire on it</source>
        <translation>kein Neuzugang auf dieser Version</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>, </source>
        <comment>between names in a list</comment>
        <translation>, </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>ChecklistsTab</name>
    <message>
        <location filename="../qml/pages/admin/ChecklistsTab.qml" line="+120"/>
        <source>New checklist…</source>
        <translation>Neue Checkliste…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new checklist in the editor</source>
        <translation>Eine neue Checkliste im Editor beginnen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Path of a checklist file (.yaml, .json or .md)</source>
        <translation>Pfad einer Checklisten-Datei (.yaml, .json oder .md)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checklist file</source>
        <translation>Checklisten-Datei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse for a checklist file</source>
        <translation>Nach einer Checklisten-Datei suchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import the checklist</source>
        <translation>Die Checkliste importieren</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Checklists (*.yaml *.yml *.json *.md)</source>
        <translation>Checklisten (*.yaml *.yml *.json *.md)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No checklists yet</source>
        <translation>Noch keine Checklisten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a checklist file: YAML, JSON, or a Markdown onboarding issue with &apos;- [ ] step&apos; lines. Or start a new one.</source>
        <translation>Importieren Sie eine Checklisten-Datei: YAML, JSON oder ein Markdown-Issue zur Einarbeitung mit Zeilen wie &apos;- [ ] Schritt&apos;. Oder beginnen Sie eine neue.</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>This file weakens the gate</source>
        <translation>Diese Datei lockert die Voraussetzungen für den Produktionszugang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>These changes weaken the gate</source>
        <translation>Diese Änderungen lockern die Voraussetzungen für den Produktionszugang</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Compared with version %1 of “%2”, these changes:</source>
        <translation>Gegenüber Version %1 von „%2“ gilt für diese Änderungen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compared with version %1 of “%2”, this file:</source>
        <translation>Gegenüber Version %1 von „%2“ gilt für diese Datei:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save them only if you meant these changes; the audit log will name them.</source>
        <translation>Speichern Sie sie nur, wenn Sie diese Änderungen beabsichtigt haben; das Prüfprotokoll wird sie nennen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A checklist file in a shared folder may have been changed by someone else. Import it only if you meant these changes; the audit log will name them.</source>
        <translation>Eine Checklisten-Datei in einem gemeinsam genutzten Ordner wurde möglicherweise von jemand anderem geändert. Importieren Sie sie nur, wenn Sie diese Änderungen beabsichtigt haben; das Prüfprotokoll wird sie nennen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import anyway</source>
        <translation>Trotzdem importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Don&apos;t import</source>
        <translation>Nicht importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Don&apos;t save</source>
        <translation>Nicht speichern</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing was imported: the file weakens the gate of version %1.</source>
        <translation>Es wurde nichts importiert: Die Datei lockert die Voraussetzungen für den Produktionszugang gegenüber Version %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Discard unsaved changes?</source>
        <translation>Ungespeicherte Änderungen verwerfen?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>“%1” has changes that are not saved as a version. Keep editing to save them first, or discard them.</source>
        <translation>„%1“ hat Änderungen, die nicht als Version gespeichert sind. Bearbeiten Sie weiter, um sie zuerst zu speichern, oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Discard changes</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>Checklists</source>
        <translation>Checklisten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1, version %2</source>
        <translation>%1, Version %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n credential(s)</source>
        <translation>
            <numerusform>%n Zugang</numerusform>
            <numerusform>%n Zugänge</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChoosePassphraseCard</name>
    <message>
        <location filename="../qml/pages/ChoosePassphraseCard.qml" line="+53"/>
        <source>Choose your passphrase</source>
        <translation>Wählen Sie Ihre Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The one you were handed is known to whoever handed it over.</source>
        <translation>Die übergebene kennt, wer sie Ihnen übergeben hat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a passphrase only you know. You will sign in with it from now on; the one you were handed stops working.</source>
        <translation>Wählen Sie eine Passphrase, die nur Sie kennen. Sie melden sich ab jetzt damit an; die übergebene funktioniert dann nicht mehr.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your passphrase was reset, so the sandbox secrets Onramp makes for you are new: update anything that still uses the old ones (an exported .env file, say) from your Home page.</source>
        <translation>Ihre Passphrase wurde zurückgesetzt, daher sind die Sandbox-Geheimnisse, die Onramp für Sie erzeugt, neu: Aktualisieren Sie alles, was noch die alten verwendet (etwa eine exportierte .env-Datei), von Ihrer Startseite aus.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hide the new passphrase</source>
        <translation>Die neue Passphrase verbergen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the new passphrase</source>
        <translation>Die neue Passphrase anzeigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat the new passphrase</source>
        <translation>Die neue Passphrase wiederholen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The two passphrases do not match yet. Type the same passphrase in both fields.</source>
        <translation>Die beiden Passphrasen stimmen noch nicht überein. Geben Sie in beide Felder dieselbe Passphrase ein.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Saving…</source>
        <translation>Speichere…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save and continue</source>
        <translation>Speichern und weiter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the new passphrase and continue</source>
        <translation>Die neue Passphrase speichern und weiter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock without choosing a passphrase</source>
        <translation>Sperren, ohne eine Passphrase zu wählen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving the new passphrase</source>
        <translation>Die neue Passphrase wird gespeichert</translation>
    </message>
</context>
<context>
    <name>CredentialsCard</name>
    <message>
        <location filename="../qml/components/CredentialsCard.qml" line="+104"/>
        <location line="+40"/>
        <location line="+47"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export .env…</source>
        <translation>Als .env…</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+46"/>
        <source>Export credentials as an env file</source>
        <translation>Zugangsdaten als env-Datei exportieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export .pgpass…</source>
        <translation>Als .pgpass…</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+56"/>
        <source>Export credentials as a pgpass file</source>
        <translation>Zugangsdaten als pgpass-Datei exportieren</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Reset %1?</source>
        <translation>%1 zurücksetzen?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your sandbox is yours to break. Reset puts it back as it was on day one.</source>
        <translation>In Ihrer Sandbox dürfen Sie alles ausprobieren. „Zurücksetzen“ stellt sie wieder so her, wie sie am ersten Tag war.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you changed in it goes, and your open connections to it are closed.</source>
        <translation>Was Sie darin geändert haben, geht verloren, und Ihre offenen Verbindungen zu ihr werden geschlossen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset %1</source>
        <translation>%1 zurücksetzen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Put the production secret in the file?</source>
        <translation>Das Produktionsgeheimnis in die Datei schreiben?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A production secret in a file works until it is changed, wherever the file goes, and after your access ends. Export your sandbox credentials alone unless a tool of yours needs production.</source>
        <translation>Ein Produktionsgeheimnis in einer Datei gilt, bis es geändert wird – wohin die Datei auch geht und auch nach dem Ende Ihres Zugangs. Exportieren Sie nur Ihre Sandbox-Zugangsdaten, sofern keines Ihrer Werkzeuge Produktion braucht.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sandbox only…</source>
        <translation>Nur Sandbox…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the sandbox credentials only</source>
        <translation>Nur die Sandbox-Zugangsdaten exportieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Include production…</source>
        <translation>Mit Produktion…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the sandbox and production credentials</source>
        <translation>Sandbox- und Produktionszugangsdaten exportieren</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export sandbox credentials as a pgpass file</source>
        <translation>Sandbox-Zugangsdaten als pgpass-Datei exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export sandbox credentials as an env file</source>
        <translation>Sandbox-Zugangsdaten als env-Datei exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export sandbox and production credentials as a pgpass file</source>
        <translation>Sandbox- und Produktionszugangsdaten als pgpass-Datei exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export sandbox and production credentials as an env file</source>
        <translation>Sandbox- und Produktionszugangsdaten als env-Datei exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Sandbox credentials are issued when you are enrolled; production ones arrive with your mentor&apos;s sign-off.</source>
        <translation>Sandbox-Zugangsdaten erhalten Sie mit der Einschreibung; die für die Produktion kommen mit der Freigabe Ihres Mentors.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 (%2)</source>
        <extracomment>a credential&apos;s title, then its id: &quot;Sandbox database (sandbox-db)&quot;</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 · until %2</source>
        <translation>%1 · bis %2</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Secret of %1</source>
        <translation>Geheimnis von %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reveal</source>
        <translation>Aufdecken</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the secret of %1</source>
        <translation>Das Geheimnis von %1 kopieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reissue…</source>
        <translation>Neu ausstellen…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reset my sandbox database…</source>
        <translation>Meine Sandbox-Datenbank zurücksetzen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset my sandbox database of %1</source>
        <translation>Meine Sandbox-Datenbank von %1 zurücksetzen</translation>
    </message>
    <message>
        <location line="-363"/>
        <source>Reissue</source>
        <translation>Neu ausstellen</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Reissue %1?</source>
        <translation>%1 neu ausstellen?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A new secret replaces the old one, which stops working at once: anything still using it fails until you give it the new one.</source>
        <translation>Ein neues Geheimnis ersetzt das alte, das sofort nicht mehr funktioniert: Alles, was es noch verwendet, schlägt fehl, bis Sie dort das neue eintragen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+349"/>
        <source>Reissue %1</source>
        <translation>%1 neu ausstellen</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../qml/pages/admin/DateField.qml" line="+86"/>
        <source>Pick…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick the %1 from a calendar</source>
        <translation>Aus dem Kalender wählen: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Calendar: %1</source>
        <translation>Kalender: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Previous month</source>
        <translation>Vorheriger Monat</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Next month</source>
        <translation>Nächster Monat</translation>
    </message>
</context>
<context>
    <name>EnrollmentsTab</name>
    <message>
        <location filename="../qml/pages/admin/EnrollmentsTab.qml" line="+136"/>
        <source>Hire</source>
        <translation>Neuzugang</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+594"/>
        <source>Mentor</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <location line="-593"/>
        <location line="+603"/>
        <source>Start (YYYY-MM-DD)</source>
        <translation>Beginn (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location line="-564"/>
        <source>Choose a hire</source>
        <translation>Neuzugang wählen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nobody to enroll</source>
        <translation>Niemand einzuschreiben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hire: %1</source>
        <translation>Neuzugang: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hire: none chosen</source>
        <translation>Neuzugang: keiner gewählt</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Checklist: %1</source>
        <translation>Checkliste: %1</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+531"/>
        <source>Mentor: %1</source>
        <translation>Mentor: %1</translation>
    </message>
    <message>
        <location line="-514"/>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>No hire to enroll yet: add one on the People tab.</source>
        <translation>Noch kein Neuzugang zum Einschreiben: Fügen Sie einen auf der Registerkarte Personen hinzu.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No mentor to review a hire&apos;s steps: add a mentor on the People tab, or reset a disabled mentor&apos;s passphrase there to enable them again.</source>
        <translation>Kein Mentor, der die Schritte eines Neuzugangs prüft: Fügen Sie auf der Registerkarte Personen einen Mentor hinzu, oder setzen Sie dort die Passphrase eines deaktivierten Mentors zurück, um ihn wieder zu aktivieren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every hire is enrolled. Add a hire on the People tab, or pick an enrollment below to move it to another checklist or a newer version.</source>
        <translation>Alle Neuzugänge sind eingeschrieben. Fügen Sie auf dem Reiter Personen einen Neuzugang hinzu, oder wählen Sie unten eine Einschreibung, um sie auf eine andere Checkliste oder eine neuere Version umzustellen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a hire…</source>
        <translation>Neuzugang hinzufügen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a hire on the People tab</source>
        <translation>Einen Neuzugang unter Personen hinzufügen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A hire gets sandbox credentials as soon as they are enrolled. Hires already enrolled are not offered: each has one enrollment, moved below to another checklist or version.</source>
        <translation>Ein Neuzugang erhält Sandbox-Zugangsdaten, sobald er eingeschrieben ist. Bereits eingeschriebene Neuzugänge stehen hier nicht zur Wahl: Jeder hat eine Einschreibung, die unten auf eine andere Checkliste oder Version umgestellt wird.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Filter by name (Ctrl+F; Esc clears)</source>
        <translation>Nach Name filtern (Strg+F; Esc leert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter enrollments by the hire&apos;s name</source>
        <translation>Einschreibungen nach dem Namen des Neuzugangs filtern</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No enrollment matches “%1”</source>
        <translation>Keine Einschreibung passt zu „%1“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The filter looks in the hires&apos; user names and full names.</source>
        <translation>Der Filter durchsucht Benutzernamen und vollständige Namen der Neuzugänge.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filter</source>
        <translation>Den Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nobody is enrolled yet.</source>
        <translation>Noch niemand ist eingeschrieben.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Enrollments</source>
        <translation>Einschreibungen</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 · version %2</source>
        <extracomment>an enrollment&apos;s checklist title and the version the hire is on</extracomment>
        <translation>%1 · Version %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>with %1</source>
        <translation>betreut von %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>disabled</source>
        <comment>a person</comment>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>v%1 available</source>
        <translation>v%1 verfügbar</translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>%1 is disabled: their passphrase opens nothing, their steps wait for nobody, and nothing here can be changed for them. Reset their passphrase on the People tab to enable them again. Started %2; %3 of %n step(s) done.</source>
        <translation>
            <numerusform>%1 ist deaktiviert: Die Passphrase öffnet nichts, die Schritte warten auf niemanden, und hier lässt sich für diese Person nichts ändern. Setzen Sie die Passphrase auf der Registerkarte Personen zurück, um sie wieder zu aktivieren. Begonnen %2; %3 von %n Schritt erledigt.</numerusform>
            <numerusform>%1 ist deaktiviert: Die Passphrase öffnet nichts, die Schritte warten auf niemanden, und hier lässt sich für diese Person nichts ändern. Setzen Sie die Passphrase auf der Registerkarte Personen zurück, um sie wieder zu aktivieren. Begonnen %2; %3 von %n Schritten erledigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Mentor %1, starts %2; %3 of %n step(s) done.</source>
        <translation>
            <numerusform>Mentor %1, beginnt am %2; %3 von %n Schritt erledigt.</numerusform>
            <numerusform>Mentor %1, beginnt am %2; %3 von %n Schritten erledigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Production access</source>
        <translation>Produktionszugang</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Production access: %1</source>
        <translation>Produktionszugang: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Renew on the Team page…</source>
        <translation>Auf der Team-Seite erneuern…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Renew the production access of %1 on the Team page</source>
        <translation>Den Produktionszugang von %1 auf der Team-Seite erneuern</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>Move to</source>
        <translation>Umstellen auf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version to move to: %1</source>
        <translation>Ziel-Version: %1</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>This move weakens the gate</source>
        <translation>Diese Umstellung lockert die Voraussetzungen für den Produktionszugang</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 is on version %2 of “%3”. Compared with it, version %4:</source>
        <translation>%1 ist auf Version %2 von „%3“. Verglichen damit gilt für Version %4:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is on version %2 of “%3”. Compared with it, version %4 of “%5”:</source>
        <translation>%1 ist auf Version %2 von „%3“. Verglichen damit gilt für Version %4 von „%5“:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Move %1 only if you mean to lower the gate for them; the audit log will name these changes.</source>
        <translation>Stellen Sie %1 nur um, wenn Sie die Voraussetzungen für den Produktionszugang für diese Person lockern wollen; das Audit-Protokoll nennt diese Änderungen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Move anyway</source>
        <translation>Trotzdem umstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 anyway</source>
        <translation>%1 trotzdem umstellen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Don&apos;t move</source>
        <translation>Nicht umstellen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was not moved: version %2 weakens the gate.</source>
        <translation>%1 wurde nicht umgestellt: Version %2 lockert die Voraussetzungen für den Produktionszugang.</translation>
    </message>
    <message>
        <location line="-441"/>
        <source>Edit mentor or start…</source>
        <translation>Mentor oder Beginn ändern …</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>%1: %2 version %3, a newer version exists; mentor %4, production access %5.</source>
        <translation>%1: %2 Version %3, es gibt eine neuere Version; Mentor %4, Produktionszugang %5.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 version %3; mentor %4, production access %5.</source>
        <translation>%1: %2 Version %3; Mentor %4, Produktionszugang %5.</translation>
    </message>
    <message numerus="yes">
        <location line="+116"/>
        <source>Mentor %1, disabled: nobody reviews these steps or signs off until you give %2 another mentor (Edit mentor or start…). Started %3; %4 of %n step(s) done.</source>
        <translation>
            <numerusform>Mentor %1, deaktiviert: niemand prüft diese Schritte oder erteilt die Freigabe, bis Sie %2 einen anderen Mentor geben (Mentor oder Beginn ändern …). Begonnen %3; %4 von %n Schritt erledigt.</numerusform>
            <numerusform>Mentor %1, deaktiviert: niemand prüft diese Schritte oder erteilt die Freigabe, bis Sie %2 einen anderen Mentor geben (Mentor oder Beginn ändern …). Begonnen %3; %4 von %n Schritten erledigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Mentor %1, started %2; %3 of %n step(s) done.</source>
        <translation>
            <numerusform>Mentor %1, seit %2; %3 von %n Schritt erledigt.</numerusform>
            <numerusform>Mentor %1, seit %2; %3 von %n Schritten erledigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Change the mentor or the start date of %1</source>
        <translation>Mentor oder Startdatum von %1 ändern</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Move back to an earlier version…</source>
        <translation>Auf eine frühere Version zurückstellen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 back to an earlier version of the checklist</source>
        <translation>%1 auf eine frühere Version der Checkliste zurückstellen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Or move to another checklist:</source>
        <translation>Oder auf eine andere Checkliste umstellen:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checklist to move to: %1</source>
        <translation>Ziel-Checkliste: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Move…</source>
        <translation>Umstellen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 to the checklist %2</source>
        <translation>%1 auf die Checkliste %2 umstellen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Mentor and start date of %1</source>
        <translation>Mentor und Startdatum von %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>From now on only %1 reviews the steps of %2 and signs off: approvals and a sign-off given by %3 no longer count, and production access ends now.</source>
        <translation>Ab jetzt prüft nur %1 die Schritte von %2 und erteilt die Freigabe: Genehmigungen und eine Freigabe von %3 zählen nicht mehr, und der Produktionszugang endet sofort.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The start date moves the due days of every step with it.</source>
        <translation>Mit dem Startdatum verschieben sich die Fälligkeiten aller Schritte.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the mentor and start date of %1</source>
        <translation>Mentor und Startdatum von %1 speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-236"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Pick an enrollment to see its checklist version and move it to another version or to another checklist.</source>
        <translation>Wählen Sie eine Einschreibung, um ihre Checklisten-Version zu sehen und sie auf eine andere Version oder eine andere Checkliste umzustellen.</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>On version %1 of “%2”; version %3 is newer.</source>
        <translation>Auf Version %1 von „%2“; Version %3 ist neuer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On version %1 of “%2”, the latest.</source>
        <translation>Auf Version %1 von „%2“, der neuesten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Move to version %1…</source>
        <translation>Auf Version %1 umstellen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 to version %2 of the checklist</source>
        <translation>%1 auf Version %2 der Checkliste umstellen</translation>
    </message>
    <message>
        <location line="-400"/>
        <location line="+521"/>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location line="-475"/>
        <source>Enroll</source>
        <translation>Einschreiben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enroll the hire</source>
        <translation>Den Neuzugang einschreiben</translation>
    </message>
</context>
<context>
    <name>ExportPath</name>
    <message>
        <location filename="../app/ui/ExportPath.cpp" line="+67"/>
        <source>Choose a file to export to.</source>
        <translation>Wählen Sie eine Datei für den Export.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a file on this computer; choose a folder here.</source>
        <translation>%1 ist keine Datei auf diesem Computer; wählen Sie einen Ordner hier.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is a folder. Type a file name after it, such as %2, and save again.</source>
        <translation>%1 ist ein Ordner. Geben Sie danach einen Dateinamen ein, etwa %2, und speichern Sie erneut.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The folder %1 does not exist. Nothing was exported.</source>
        <translation>Der Ordner %1 existiert nicht. Es wurde nichts exportiert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You cannot write in the folder %1. Nothing was exported.</source>
        <translation>Sie können im Ordner %1 nicht schreiben. Es wurde nichts exportiert.</translation>
    </message>
</context>
<context>
    <name>FirstPassphraseDialog</name>
    <message>
        <location filename="../qml/pages/admin/FirstPassphraseDialog.qml" line="+35"/>
        <source>New passphrase of %1</source>
        <translation>Neue Passphrase von %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>First passphrase of %1</source>
        <translation>Erste Passphrase von %1</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Hand this passphrase to %1 in person, never by mail or chat. They sign in as “%2” with it once and then choose their own.</source>
        <translation>Geben Sie diese Passphrase %1 persönlich, nie per Mail oder Chat. Damit meldet sich %1 einmal als „%2“ an und wählt dann eine eigene.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the first passphrase of %1</source>
        <translation>Erste Passphrase von %1 kopieren</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>The clipboard forgets it after %n second(s). Only Done closes this window, so that the passphrase is not lost unseen.</source>
        <translation>
            <numerusform>Die Zwischenablage vergisst sie nach %n Sekunde. Nur „Fertig“ schließt dieses Fenster, damit die Passphrase nicht ungesehen verloren geht.</numerusform>
            <numerusform>Die Zwischenablage vergisst sie nach %n Sekunden. Nur „Fertig“ schließt dieses Fenster, damit die Passphrase nicht ungesehen verloren geht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close: the passphrase is handed over or noted</source>
        <translation>Schließen: Die Passphrase ist übergeben oder notiert</translation>
    </message>
</context>
<context>
    <name>GateStatus</name>
    <message>
        <location filename="../qml/components/GateStatus.qml" line="+43"/>
        <source>Production access locked</source>
        <translation>Produktionszugang gesperrt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production access unlocked</source>
        <translation>Produktionszugang freigeschaltet</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Production access: locked</source>
        <translation>Produktionszugang: gesperrt</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Signed off by %1 on %2. Take care out there, and ask when in doubt.</source>
        <translation>Freigabe durch %1 am %2. Gehen Sie sorgsam damit um, und fragen Sie im Zweifel nach.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 ended your production access on %2. Your mentor can renew it if you need it again.</source>
        <translation>%1 hat Ihren Produktionszugang am %2 beendet. Ihr Mentor kann ihn erneuern, wenn Sie ihn wieder brauchen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Production access: unlocked</source>
        <translation>Produktionszugang: freigeschaltet</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Signed off by %1. Take care out there, and ask when in doubt.</source>
        <translation>Freigegeben von %1. Seien Sie umsichtig und fragen Sie im Zweifel nach.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signed off by %1, but the time of your production credentials has run out. Your mentor can renew them.</source>
        <translation>Freigegeben von %1, aber die Laufzeit Ihrer Produktions-Zugangsdaten ist abgelaufen. Ihr Mentor kann sie verlängern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production access: signed off — access revoked</source>
        <translation>Produktionszugang: freigegeben — Zugang entzogen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access: signed off — access expired</source>
        <translation>Produktionszugang: freigegeben — Zugang abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access: signed off — waiting for IT to add the secret</source>
        <translation>Produktionszugang: freigegeben — wartet darauf, dass die IT das Geheimnis hinzufügt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Production access signed off, access revoked</source>
        <translation>Produktionszugang freigegeben, Zugang entzogen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access signed off, access expired</source>
        <translation>Produktionszugang freigegeben, Zugang abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access signed off, waiting for IT to add the secret</source>
        <translation>Produktionszugang freigegeben, wartet darauf, dass die IT das Geheimnis hinzufügt</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>IT still has to add a production secret. It shows under Credentials as soon as they do; there is nothing you need to do.</source>
        <translation>Die IT muss noch ein Produktionsgeheimnis hinzufügen. Es erscheint dann sofort unter Zugangsdaten; Sie müssen nichts tun.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Production credentials: %1.</source>
        <translation>Produktions-Zugangsdaten: %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your mentor can renew them.</source>
        <translation>Ihr Mentor kann sie erneuern.</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>It opens when these are done — no rush, the sandbox is yours meanwhile:</source>
        <translation>Er öffnet sich, wenn diese Schritte erledigt sind – keine Eile, bis dahin gehört die Sandbox Ihnen:</translation>
    </message>
</context>
<context>
    <name>HireHomePage</name>
    <message>
        <location filename="../qml/pages/HireHomePage.qml" line="+17"/>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Welcome, %1</source>
        <translation>Willkommen, %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your sandbox, yours to break, comes with your checklist: experiment and make mistakes there, and nothing you do can touch production.</source>
        <translation>Ihre Sandbox, in der Sie alles ausprobieren dürfen, erhalten Sie mit Ihrer Checkliste: Dort dürfen Sie experimentieren und Fehler machen, und nichts davon kann die Produktion berühren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your sandbox is yours to break: experiment, make mistakes, reissue credentials. Nothing you do there can touch production.</source>
        <translation>In Ihrer Sandbox dürfen Sie alles ausprobieren: experimentieren, Fehler machen, Zugangsdaten neu ausstellen. Nichts davon kann die Produktion berühren.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your sandbox is yours to break: experiment and make mistakes. Nothing you do there can touch production.</source>
        <translation>In Ihrer Sandbox dürfen Sie alles ausprobieren: Experimentieren Sie und machen Sie Fehler. Nichts, was Sie dort tun, kann sich auf die Produktion auswirken.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Changes asked since you last looked</source>
        <translation>Seit Ihrem letzten Blick um Änderungen gebeten</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 asked for changes on “%2”.</source>
        <translation>%1 hat um Änderungen an „%2“ gebeten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+171"/>
        <source>Open the step</source>
        <translation>Den Schritt öffnen</translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+74"/>
        <location line="+97"/>
        <source>Open “%1”</source>
        <translation>„%1“ öffnen</translation>
    </message>
    <message>
        <location line="-153"/>
        <location line="+68"/>
        <location line="+103"/>
        <source>Got it</source>
        <translation>Verstanden</translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+171"/>
        <source>Got it, do not show these again</source>
        <translation>Verstanden, diese nicht mehr anzeigen</translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Moved since you last looked</source>
        <translation>Seit Ihrem letzten Besuch umgestellt</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Open “%1” to see what changed</source>
        <translation>„%1“ öffnen, um zu sehen, was sich geändert hat</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Got it, do not show this again</source>
        <translation>Verstanden, dies nicht mehr anzeigen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>New since you last looked</source>
        <translation>Neu seit Ihrem letzten Besuch</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>You are not enrolled on a checklist yet</source>
        <translation>Sie sind noch in keine Checkliste eingeschrieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your admin enrolls you with a mentor; your steps will appear here.</source>
        <translation>Ihr Admin schreibt Sie mit einem Mentor ein; Ihre Schritte erscheinen dann hier.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your checklist could not be read</source>
        <translation>Ihre Checkliste konnte nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The vault is busy</source>
        <translation>Der Tresor ist beschäftigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another Onramp on this computer is writing to the vault. Try again in a moment; nothing is lost.</source>
        <translation>Ein anderes Onramp auf diesem Computer schreibt gerade in den Tresor. Versuchen Sie es gleich noch einmal; nichts geht verloren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Tell your admin: they can check the vault (Admin › Vault).</source>
        <translation>%1

Sagen Sie es Ihrem Admin: Er kann den Tresor prüfen (Verwaltung › Tresor).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Mentor: %1 · started %2</source>
        <translation>Mentor: %1 · seit %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mentor: %1 · starts on %2</source>
        <translation>Mentor: %1 · beginnt am %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Next up</source>
        <translation>Als Nächstes</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>You have done your part of every step; %n wait(s) for your mentor&apos;s review.</source>
        <translation>
            <numerusform>Sie haben Ihren Teil jedes Schritts erledigt; %n wartet auf die Prüfung Ihres Mentors.</numerusform>
            <numerusform>Sie haben Ihren Teil jedes Schritts erledigt; %n warten auf die Prüfung Ihres Mentors.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every step is done. Well done!</source>
        <translation>Alle Schritte sind erledigt. Gut gemacht!</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the checklist</source>
        <translation>Die Checkliste öffnen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Your required steps are all done: it opens when %1 signs off.</source>
        <translation>Ihre Pflichtschritte sind alle erledigt. Der Zugang öffnet sich, sobald %1 die Freigabe erteilt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It opens when these are done; the sandbox is yours meanwhile:</source>
        <translation>Er öffnet sich, wenn diese Schritte erledigt sind; bis dahin gehört die Sandbox Ihnen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It opens when these are done — no rush, the sandbox is yours meanwhile:</source>
        <translation>Er öffnet sich, wenn diese Schritte erledigt sind – keine Eile, bis dahin gehört die Sandbox Ihnen:</translation>
    </message>
</context>
<context>
    <name>HireSummary</name>
    <message>
        <location filename="../app/ui/HireSummaryPdf.cpp" line="+108"/>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>%1, overdue</source>
        <translation>%1, überfällig</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+71"/>
        <source>Onboarding summary: %1</source>
        <translation>Zusammenfassung der Einarbeitung: %1</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Hire</source>
        <translation>Neuzugang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (signs in as %2)</source>
        <translation>%1 (meldet sich als %2 an)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, version %2</source>
        <translation>%1, Version %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Production access</source>
        <translation>Produktionszugang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expired: signed off by %1 on %2; every production credential has run out since, until the mentor renews one.</source>
        <translation>Abgelaufen: Freigabe durch %1 am %2; alle Produktionszugangsdaten sind seither abgelaufen, bis der Mentor sie verlängert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Granted: signed off by %1 on %2.</source>
        <translation>Erteilt: freigegeben von %1 am %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoked: signed off by %1 on %2, then revoked by %3 on %4.</source>
        <translation>Widerrufen: freigegeben von %1 am %2, dann widerrufen von %3 am %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Locked. What stands before it:</source>
        <translation>Gesperrt. Es fehlt noch:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>required for production access</source>
        <translation>Pflicht für den Produktionszugang</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+16"/>
        <source>The summary could not be laid out.</source>
        <translation>Das Layout der Zusammenfassung ist fehlgeschlagen.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../qml/pages/admin/ImportDialog.qml" line="+16"/>
        <source>Import people</source>
        <translation>Personen importieren</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>A CSV file with a header row and one person per row: name, display_name and role; a hire&apos;s mentor, checklist and start (YYYY-MM-DD) enroll them.</source>
        <translation>Eine CSV-Datei mit einer Kopfzeile und einer Person pro Zeile: name, display_name und role; mentor, checklist und start (JJJJ-MM-TT) eines Neuzugangs schreiben ihn ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Roster file</source>
        <translation>Personenliste</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Path of a .csv file</source>
        <translation>Pfad einer .csv-Datei</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+18"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Browse for a roster file</source>
        <translation>Nach einer Personenliste suchen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Folder for the first passphrases</source>
        <translation>Ordner für die ersten Passphrasen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Created if missing</source>
        <translation>Wird angelegt, falls er fehlt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Browse for the folder of first passphrases</source>
        <translation>Nach dem Ordner für die ersten Passphrasen suchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each new person gets a random first passphrase in a file of their own there, readable by you only. They choose their own when they first sign in. Leave the folder empty only when the file has a passphrase_file column naming each person&apos;s passphrase file.</source>
        <translation>Jede neue Person erhält dort eine zufällige erste Passphrase in einer eigenen Datei, nur für Sie lesbar. Bei der ersten Anmeldung wählt sie eine eigene. Lassen Sie den Ordner nur leer, wenn die Datei eine Spalte passphrase_file mit der Passphrase-Datei jeder Person hat.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Importing</source>
        <translation>Import läuft</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Problems in the roster file</source>
        <translation>Fehler in der Personenliste</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Importing…</source>
        <translation>Importiere…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import the roster</source>
        <translation>Die Personenliste importieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the import</source>
        <translation>Den Import schließen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rosters (*.csv)</source>
        <translation>Personenlisten (*.csv)</translation>
    </message>
</context>
<context>
    <name>LinkButton</name>
    <message>
        <location filename="../qml/components/LinkButton.qml" line="+30"/>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="+127"/>
        <source>(%1) </source>
        <translation>(%1) </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onramp</source>
        <translation>Onramp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 — Onramp</source>
        <translation>%1 — Onramp</translation>
    </message>
</context>
<context>
    <name>MentorPage</name>
    <message>
        <location filename="../qml/pages/MentorPage.qml" line="+19"/>
        <source>Mentees</source>
        <translation>Mentees</translation>
    </message>
    <message>
        <location line="+94"/>
        <location line="+751"/>
        <source>Sign off production access</source>
        <translation>Produktionszugang freigeben</translation>
    </message>
    <message>
        <location line="-750"/>
        <source>You are about to release production access to %1. Enter your passphrase to sign.</source>
        <translation>Sie sind dabei, %1 den Produktionszugang freizugeben. Geben Sie zum Signieren Ihre Passphrase ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production credentials then last %1; you can renew them.</source>
        <translation>Die Produktions-Zugangsdaten gelten dann %1; Sie können sie verlängern.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign off</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location line="-99"/>
        <location line="+382"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message numerus="yes">
        <location line="-110"/>
        <source>Production access expired for %n mentee(s); you can renew it</source>
        <translation>
            <numerusform>Der Produktionszugang von %n Neuzugang ist abgelaufen; Sie können ihn verlängern</numerusform>
            <numerusform>Der Produktionszugang von %n Neuzugängen ist abgelaufen; Sie können ihn verlängern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 · access expired for %n mentee(s)</source>
        <translation>
            <numerusform>%1 · Zugang abgelaufen bei %n Neuzugang</numerusform>
            <numerusform>%1 · Zugang abgelaufen bei %n Neuzugängen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Your mentees</source>
        <translation>Ihre Mentees</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vault needs an admin&apos;s check</source>
        <translation>Der Tresor muss von einem Admin geprüft werden</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+48"/>
        <source>Waiting for your review</source>
        <translation>Wartet auf Ihre Prüfung</translation>
    </message>
    <message>
        <location line="+170"/>
        <source>No mentees yet</source>
        <translation>Noch keine Mentees</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When an admin enrolls a hire with you as mentor, they appear here.</source>
        <translation>Schreibt ein Admin einen Neuzugang mit Ihnen als Mentor ein, erscheint er hier.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing can be decided from this vault</source>
        <translation>Aus diesem Tresor lässt sich nichts entscheiden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its records do not agree with its signed log, so Onramp shows and signs nothing until an admin has looked: %1</source>
        <translation>Seine Datensätze stimmen nicht mit seinem signierten Protokoll überein, daher zeigt und signiert Onramp nichts, bis ein Admin es geprüft hat: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+103"/>
        <source>changes asked on %n step(s)</source>
        <translation>
            <numerusform>Änderungen bei %n Schritt erbeten</numerusform>
            <numerusform>Änderungen bei %n Schritten erbeten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+69"/>
        <source>mentor disabled</source>
        <translation>Mentor deaktiviert</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Once every required step is done and approved</source>
        <translation>Sobald jeder Pflichtschritt erledigt und genehmigt ist</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>You signed off on %1; every production credential has expired since. Renew one below to give access back.</source>
        <translation>Sie haben die Freigabe am %1 erteilt; seitdem sind alle Produktionszugangsdaten abgelaufen. Verlängern Sie unten eine, um den Zugang wieder zu erteilen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed off by %1 on %2; every production credential has expired since. Renew one below to give access back.</source>
        <translation>Freigabe durch %1 am %2; seitdem sind alle Produktionszugangsdaten abgelaufen. Verlängern Sie unten eine, um den Zugang wieder zu erteilen.</translation>
    </message>
    <message>
        <location line="+191"/>
        <source>%1: %2, %3</source>
        <extracomment>a section heading, then the step&apos;s title and state: &quot;Day one: Read the handbook, to do&quot;</extracomment>
        <translation>%1: %2, %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="-303"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>Production credentials</source>
        <translation>Produktions-Zugangsdaten</translation>
    </message>
    <message>
        <location line="-526"/>
        <source>Ctrl+Shift+N: next · Ctrl+Shift+A: approve the selected one</source>
        <translation>Ctrl+Shift+N: nächster · Ctrl+Shift+A: ausgewählten genehmigen</translation>
    </message>
    <message>
        <location line="-263"/>
        <source>%1&apos;s production access can be signed off once these are done: %2.</source>
        <translation>Der Produktionszugang von %1 kann freigegeben werden, sobald Folgendes erledigt ist: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1&apos;s production access can be signed off once every required step is done and approved.</source>
        <translation>Der Produktionszugang von %1 kann freigegeben werden, sobald jeder erforderliche Schritt erledigt und genehmigt ist.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Revoke %1 for %2?</source>
        <translation>%1 für %2 widerrufen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renew %1 for %2?</source>
        <translation>%1 für %2 verlängern?</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 can read it for another %2 from now.</source>
        <translation>%1 kann sie ab jetzt weitere %2 lesen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 can read it for another full term from now.</source>
        <translation>%1 kann sie ab jetzt eine weitere volle Laufzeit lesen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Nothing waits for a mentor&apos;s review</source>
        <translation>Nichts wartet auf die Prüfung durch einen Mentor</translation>
    </message>
    <message numerus="yes">
        <location line="-119"/>
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n Prüfung</numerusform>
            <numerusform>%n Prüfungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="-47"/>
        <source>%1 can no longer read it from now on, and the login it opens is dropped at the database. You or an admin can renew it later.</source>
        <translation>%1 kann sie ab jetzt nicht mehr lesen, und die Anmeldung, die sie öffnet, wird in der Datenbank gelöscht. Sie oder ein Admin können sie später erneuern.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 can no longer read it in Onramp from now on. A copy they already read or exported still works until the secret is changed where it is used: for a shared secret, an admin sets a new one. You or an admin can renew it later.</source>
        <translation>%1 kann sie ab jetzt nicht mehr in Onramp lesen. Eine bereits gelesene oder exportierte Kopie funktioniert weiter, bis das Geheimnis dort geändert wird, wo es verwendet wird: Bei einem gemeinsamen Geheimnis setzt ein Admin ein neues. Sie oder ein Admin können sie später erneuern.</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <location line="+151"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n Notiz</numerusform>
            <numerusform>%n Notizen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-150"/>
        <location line="+150"/>
        <source>%n sign-off(s)</source>
        <translation>
            <numerusform>%n Freigabe</numerusform>
            <numerusform>%n Freigaben</numerusform>
        </translation>
    </message>
    <message>
        <location line="-146"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+133"/>
        <location line="+48"/>
        <source>Waiting for a mentor&apos;s review</source>
        <translation>Wartet auf die Prüfung durch einen Mentor</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Every step has been reviewed.</source>
        <translation>Jeder Schritt ist geprüft.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No step waits for your review. Still for you: %1 and %2, marked on your mentees below.</source>
        <translation>Kein Schritt wartet auf Ihre Prüfung. Noch für Sie: %1 und %2, unten bei Ihren Neuzugängen markiert.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>No step waits for your review. %n mentee(s) ready for your sign-off, marked below.</source>
        <translation>
            <numerusform>Kein Schritt wartet auf Ihre Prüfung. %n Neuzugang ist bereit für Ihre Freigabe, unten markiert.</numerusform>
            <numerusform>Kein Schritt wartet auf Ihre Prüfung. %n Neuzugänge sind bereit für Ihre Freigabe, unten markiert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>No step waits for your review. %n note(s) not answered, marked on your mentees below.</source>
        <translation>
            <numerusform>Kein Schritt wartet auf Ihre Prüfung. %n Notiz ist unbeantwortet, unten bei Ihren Neuzugängen markiert.</numerusform>
            <numerusform>Kein Schritt wartet auf Ihre Prüfung. %n Notizen sind unbeantwortet, unten bei Ihren Neuzugängen markiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All reviewed: nothing waits for you now.</source>
        <translation>Alles geprüft: Nichts wartet jetzt auf Sie.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ctrl+Shift+N: next</source>
        <translation>Strg+Umschalt+N: nächster</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Review “%1” for %2, %3</source>
        <translation>„%1“ für %2 prüfen, %3</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>“%1” of %2, %3</source>
        <translation>„%1“ von %2, %3</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>+%1 earlier</source>
        <translation>+%1 frühere</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Since you last looked</source>
        <translation>Seit Ihrem letzten Besuch</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Got it</source>
        <translation>Verstanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Got it, do not show this again</source>
        <translation>Verstanden, dies nicht mehr anzeigen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nobody enrolled yet</source>
        <translation>Noch niemand eingeschrieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll a hire under Admin › Enrollments; they show here with their progress and their mentor&apos;s reviews.</source>
        <translation>Schreiben Sie einen Neuzugang unter Admin › Einschreibungen ein; er erscheint hier mit seinem Fortschritt und den Prüfungen seines Mentors.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Hires</source>
        <translation>Neuzugänge</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your hires</source>
        <translation>Ihre Neuzugänge</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n steps</source>
        <translation>
            <numerusform>%1 von %n Schritt</numerusform>
            <numerusform>%1 von %n Schritten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n waiting for a mentor&apos;s review</source>
        <translation>
            <numerusform>, %n wartet auf die Prüfung durch einen Mentor</numerusform>
            <numerusform>, %n warten auf die Prüfung durch einen Mentor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n waiting for you</source>
        <translation>
            <numerusform>, %n wartet auf Ihre Prüfung</numerusform>
            <numerusform>, %n warten auf Ihre Prüfung</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n note(s) not answered</source>
        <translation>
            <numerusform>, %n Notiz unbeantwortet</numerusform>
            <numerusform>, %n Notizen unbeantwortet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n step(s) overdue</source>
        <translation>
            <numerusform>, %n Schritt überfällig</numerusform>
            <numerusform>, %n Schritte überfällig</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, ready for the mentor&apos;s sign-off</source>
        <translation>, bereit für die Freigabe durch den Mentor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, ready for your sign-off</source>
        <translation>, bereit für Ihre Freigabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, production access signed off</source>
        <translation>, Produktionszugang freigegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, disabled by an admin</source>
        <translation>, von einem Admin deaktiviert</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>ready for sign-off</source>
        <translation>bereit zur Freigabe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ready for your sign-off</source>
        <translation>bereit für Ihre Freigabe</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n note(s) not answered</source>
        <translation>
            <numerusform>%n Notiz unbeantwortet</numerusform>
            <numerusform>%n Notizen unbeantwortet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 · mentored by %2, disabled · %3</source>
        <translation>%1 · Mentor: %2, deaktiviert · %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · mentored by %2 · %3</source>
        <translation>%1 · Mentor: %2 · %3</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>waiting for sign-off by %1</source>
        <translation>wartet auf die Freigabe durch %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sign off production…</source>
        <translation>Produktion freigeben…</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>It opens when these are done:</source>
        <translation>Er öffnet sich, wenn diese Schritte erledigt sind:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You signed off on %1.</source>
        <translation>Sie haben die Freigabe am %1 erteilt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You signed off.</source>
        <translation>Sie haben die Freigabe erteilt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off by %1 on %2.</source>
        <translation>Freigabe durch %1 am %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off by %1.</source>
        <translation>Freigegeben von %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You signed off on %1 and revoked production access on %2. Renew a credential below to give it back.</source>
        <translation>Sie haben die Freigabe am %1 erteilt und den Produktionszugang am %2 widerrufen. Verlängern Sie unten Zugangsdaten, um ihn wieder zu erteilen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You signed off on %1; %2 revoked production access on %3. Renew a credential below to give it back.</source>
        <translation>Sie haben die Freigabe am %1 erteilt; %2 hat den Produktionszugang am %3 widerrufen. Verlängern Sie unten Zugangsdaten, um ihn wieder zu erteilen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed off by %1 on %2; you revoked production access on %3. Renew a credential below to give it back.</source>
        <translation>Freigabe durch %1 am %2; Sie haben den Produktionszugang am %3 widerrufen. Verlängern Sie unten Zugangsdaten, um ihn wieder zu erteilen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed off by %1 on %2; %3 revoked production access on %4. Renew a credential below to give it back.</source>
        <translation>Freigabe durch %1 am %2; %3 hat den Produktionszugang am %4 widerrufen. Verlängern Sie unten Zugangsdaten, um ihn wieder zu erteilen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Since the move</source>
        <translation>Seit der Umstellung</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>until %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <location line="-785"/>
        <location line="+794"/>
        <source>Revoke</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke %1</source>
        <translation>%1 widerrufen</translation>
    </message>
    <message>
        <location line="-798"/>
        <location line="+804"/>
        <source>Renew</source>
        <translation>Verlängern</translation>
    </message>
    <message numerus="yes">
        <location line="-649"/>
        <source>%n waiting for a mentor&apos;s review</source>
        <translation>
            <numerusform>%n wartet auf die Prüfung eines Mentors</numerusform>
            <numerusform>%n warten auf die Prüfung eines Mentors</numerusform>
        </translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Nothing waits for you</source>
        <translation>Nichts wartet auf Sie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for you: %1</source>
        <translation>Für Sie wartet: %1</translation>
    </message>
    <message>
        <location line="+766"/>
        <source>Renew %1</source>
        <translation>%1 verlängern</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Released at the sign-off; it then lasts %1.</source>
        <translation>Wird mit der Freigabe ausgegeben; gilt dann %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released at the sign-off, once the required steps are done and approved; it then lasts %1.</source>
        <translation>Wird mit der Freigabe ausgegeben, sobald die erforderlichen Schritte erledigt und genehmigt sind; gilt dann %1.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Steps of %1</source>
        <translation>Schritte von %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>Other steps</source>
        <translation>Weitere Schritte</translation>
    </message>
</context>
<context>
    <name>NewChecklistDialog</name>
    <message>
        <location filename="../qml/components/editor/NewChecklistDialog.qml" line="+26"/>
        <source>Start a new checklist</source>
        <translation>Eine neue Checkliste beginnen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Start</source>
        <translation>Beginnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the new checklist</source>
        <translation>Die neue Checkliste beginnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Backend onboarding</source>
        <translation>z. B. Backend-Einarbeitung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Id (made from the title until you type one)</source>
        <translation>ID (aus dem Titel gebildet, bis Sie selbst eine eingeben)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. backend-onboarding</source>
        <translation>z. B. backend-onboarding</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Checklist title</source>
        <translation>Titel der Checkliste</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checklist id</source>
        <translation>ID der Checkliste</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../qml/components/Notice.qml" line="+87"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../qml/components/PassphraseDialog.qml" line="+12"/>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+45"/>
        <source>Type your passphrase first.</source>
        <translation>Geben Sie zuerst Ihre Passphrase ein.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Your passphrase</source>
        <translation>Ihre Passphrase</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <location filename="../qml/pages/admin/PeopleTab.qml" line="+192"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 (%2), %3</source>
        <translation>%1 (%2), %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Still signs in with the passphrase handed out; chooses their own at the next sign-in</source>
        <translation>Meldet sich noch mit der ausgehändigten Passphrase an; wählt bei der nächsten Anmeldung eine eigene</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add a person</source>
        <translation>Eine Person hinzufügen</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+8"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>First passphrase (hand it over in person)</source>
        <translation>Erste Passphrase (persönlich übergeben)</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Pick a person to manage: reset their passphrase, or disable them.</source>
        <translation>Wählen Sie eine Person: Passphrase zurücksetzen oder Person deaktivieren.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This is you. Another admin resets or disables your account; nobody does either to themselves.</source>
        <translation>Das sind Sie. Ihr Konto setzt ein anderer Admin zurück oder deaktiviert es; niemand tut das bei sich selbst.</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>First passphrase</source>
        <translation>Erste Passphrase</translation>
    </message>
    <message>
        <location line="-194"/>
        <source>The approvals and sign-offs they gave with the old one keep counting; if their passphrase leaked, give their mentees another mentor (Enrollments › Edit mentor or start…), which ends them.</source>
        <translation>Die Genehmigungen und Freigaben, die sie mit dem alten gegeben haben, zählen weiter; wurde ihre Passphrase bekannt, geben Sie ihren Neuzugängen einen anderen Mentor (Einschreibungen › Mentor oder Beginn ändern …), was sie beendet.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Filter by name (Ctrl+F; Esc clears)</source>
        <translation>Nach Name filtern (Strg+F; Esc leert)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter people by name</source>
        <translation>Personen nach Name filtern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import people from a CSV file</source>
        <translation>Personen aus einer CSV-Datei importieren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nobody matches “%1”</source>
        <translation>Niemand passt zu „%1“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The filter looks in user names and full names.</source>
        <translation>Der Filter durchsucht Benutzernamen und vollständige Namen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filter</source>
        <translation>Den Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 (%2), %3, still signs in with the passphrase handed out</source>
        <translation>%1 (%2), %3, meldet sich noch mit der ausgehändigten Passphrase an</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>e.g. alex</source>
        <translation>z. B. alex</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. Alex Newhire</source>
        <translation>z. B. Alex Newhire</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Hide the first passphrase</source>
        <translation>Die erste Passphrase verbergen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the first passphrase</source>
        <translation>Die erste Passphrase anzeigen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>At least %1 characters; a few unrelated words are best.</source>
        <translation>Mindestens %1 Zeichen; am besten einige Wörter, die nichts miteinander zu tun haben.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add person</source>
        <translation>Person hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Adding %1…</source>
        <translation>%1 wird hinzugefügt…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Adding %1</source>
        <translation>%1 wird hinzugefügt</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Not enrolled on a checklist yet: they see no steps and have no sandbox credentials.</source>
        <translation>Noch in keine Checkliste eingeschrieben: Sieht keine Schritte und hat keine Sandbox-Zugangsdaten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enroll…</source>
        <translation>Einschreiben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll %1</source>
        <translation>%1 einschreiben</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New passphrase for %1</source>
        <translation>Neue Passphrase für %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the new passphrase</source>
        <translation>Die neue Passphrase anzeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide the new passphrase</source>
        <translation>Die neue Passphrase verbergen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Reset passphrase…</source>
        <translation>Zurücksetzen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+102"/>
        <source>Reset the passphrase of %1</source>
        <translation>Die Passphrase von %1 zurücksetzen</translation>
    </message>
    <message>
        <location line="-83"/>
        <location line="+1"/>
        <source>They get a new key pair, which opens the production key as the old one did.</source>
        <translation>Sie erhalten ein neues Schlüsselpaar, das den Produktionsschlüssel öffnet wie das alte.</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>At least %1 characters.</source>
        <translation>Mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <location line="-255"/>
        <source>handed-over passphrase</source>
        <translation>übergebene Passphrase</translation>
    </message>
    <message>
        <location line="+281"/>
        <source>A new passphrase enables them again, with a new key pair.</source>
        <translation>Eine neue Passphrase aktiviert die Person wieder, mit einem neuen Schlüsselpaar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They get a new key pair. They are not enrolled yet, so no credential is sealed to the old one.</source>
        <translation>Die Person erhält ein neues Schlüsselpaar. Da sie noch nicht eingeschrieben ist, wurden für das alte keine Zugangsdaten versiegelt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They get a new key pair, and their sandbox credentials are issued again at once with new secrets: tell them that anything still using the old ones needs the new ones. Production grants sealed to the old key must be renewed by their mentor.</source>
        <translation>Die Person erhält ein neues Schlüsselpaar, und ihre Sandbox-Zugangsdaten werden sofort mit neuen Geheimnissen neu ausgestellt: Sagen Sie ihr, dass alles, was noch die alten verwendet, die neuen braucht. Produktionsfreigaben, die für den alten Schlüssel versiegelt sind, muss ihr Mentor erneuern.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Disable %1…</source>
        <translation>%1 deaktivieren…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+139"/>
        <source>Disable %1</source>
        <translation>%1 deaktivieren</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Enable %1 again, with a new passphrase?</source>
        <translation>%1 mit einer neuen Passphrase wieder aktivieren?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the passphrase of %1?</source>
        <translation>Die Passphrase von %1 zurücksetzen?</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>They will have to choose a new one at their next sign-in.</source>
        <translation>Die Person muss bei der nächsten Anmeldung eine neue wählen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enable again</source>
        <translation>Wieder aktivieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable %1 again</source>
        <translation>%1 wieder aktivieren</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Disable %1?</source>
        <translation>%1 deaktivieren?</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Their passphrase will open nothing. Their history stays in the audit log; a passphrase reset enables them again.</source>
        <translation>Ihre Passphrase öffnet dann nichts mehr. Ihr Verlauf bleibt im Prüfprotokoll; ein Zurücksetzen der Passphrase aktiviert die Person wieder.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onramp also makes a new production key and encrypts every production secret with it, so that a copy of the vault they kept opens nothing set from now on. A secret they already read works until it is changed where it is used.</source>
        <translation>Onramp erzeugt außerdem einen neuen Produktionsschlüssel und verschlüsselt jedes Produktionsgeheimnis damit neu, sodass eine behaltene Kopie des Tresors nichts öffnet, was ab jetzt gesetzt wird. Ein bereits gelesenes Geheimnis gilt, bis es dort geändert wird, wo es verwendet wird.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As a mentor or admin, %1 could read every production secret: change them at their source, then set them here again.</source>
        <translation>Als Mentor oder Admin konnte %1 jedes Produktionsgeheimnis lesen: Ändern Sie sie an ihrer Quelle und setzen Sie sie dann hier neu.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 mentors %2: nobody reviews their steps or signs them off until you give them another mentor (Enrollments, Edit mentor or start…).</source>
        <translation>%1 betreut %2: niemand prüft ihre Schritte oder erteilt ihnen die Freigabe, bis Sie ihnen einen anderen Mentor geben (Einschreibungen, Mentor oder Beginn ändern …).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+71"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>RepairSecretDialog</name>
    <message>
        <location filename="../qml/pages/admin/RepairSecretDialog.qml" line="+45"/>
        <source>Type the connection&apos;s address first.</source>
        <translation>Geben Sie zuerst die Adresse der Verbindung ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the provisioning role&apos;s password first.</source>
        <translation>Geben Sie zuerst das Passwort der Bereitstellungsrolle ein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the secret first.</source>
        <translation>Geben Sie zuerst das Geheimnis ein.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Set connection %1 again</source>
        <translation>Verbindung %1 erneut setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the kept secret of %1</source>
        <translation>Verwahrtes Geheimnis von %1 entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the secret of %1 again</source>
        <translation>Geheimnis von %1 erneut setzen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The kept password of this connection no longer opens, or an earlier one was put back in its place: it was changed outside Onramp. Type its address and its provisioning role&apos;s password as you set them last. Onramp checks the whole vault again before it keeps them.</source>
        <translation>Das verwahrte Passwort dieser Verbindung lässt sich nicht mehr öffnen, oder an seine Stelle wurde ein früheres zurückgelegt: Es wurde außerhalb von Onramp geändert. Geben Sie ihre Adresse und das Passwort ihrer Bereitstellungsrolle so ein, wie Sie sie zuletzt gesetzt haben. Onramp prüft den ganzen Tresor erneut, bevor es sie verwahrt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No checklist uses %1, and its kept secret no longer opens or is an earlier one put back: it was changed or put there outside Onramp. No hire receives it, so removing it takes nothing from anyone. Onramp checks the whole vault again before it removes it.</source>
        <translation>Keine Checkliste verwendet %1, und sein verwahrtes Geheimnis lässt sich nicht mehr öffnen oder ist ein früheres, das zurückgelegt wurde: Es wurde außerhalb von Onramp geändert oder dort abgelegt. Kein Neuzugang erhält es, das Entfernen nimmt also niemandem etwas. Onramp prüft den ganzen Tresor erneut, bevor es es entfernt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The kept secret no longer opens, or an earlier one was put back in its place: it was changed outside Onramp. Paste the secret as you set it last, or a new one. Onramp checks the whole vault again before it keeps it, and hires with access receive it.</source>
        <translation>Das verwahrte Geheimnis lässt sich nicht mehr öffnen, oder an seine Stelle wurde ein früheres zurückgelegt: Es wurde außerhalb von Onramp geändert. Fügen Sie das Geheimnis so ein, wie Sie es zuletzt gesetzt haben, oder ein neues. Onramp prüft den ganzen Tresor erneut, bevor es es verwahrt, und Neuzugänge mit Zugang erhalten es.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>host=db.example.com dbname=app user=onramp_provisioner</source>
        <translation>host=db.example.com dbname=app user=onramp_provisioner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address of connection %1</source>
        <translation>Adresse der Verbindung %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provisioning role&apos;s password</source>
        <translation>Passwort der Bereitstellungsrolle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Password of connection %1</source>
        <translation>Passwort der Verbindung %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret of %1</source>
        <translation>Geheimnis von %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Set the connection</source>
        <translation>Verbindung setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove it</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the secret</source>
        <translation>Geheimnis setzen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../qml/pages/ReportPage.qml" line="+17"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Export the report</source>
        <translation>Den Bericht exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Onboarding report</source>
        <translation>Einarbeitungsbericht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How far %1 is, and where they wait.</source>
        <translation>Wie weit %1 ist und wo noch gewartet wird.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far each hire is, and where they wait.</source>
        <translation>Wie weit jeder Neuzugang ist und wo er wartet.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Hire whose progress the report shows, or all hires</source>
        <translation>Neuzugang, dessen Fortschritt der Bericht zeigt, oder alle Neuzugänge</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Whose summary? Pick a hire, then choose where to save it.</source>
        <translation>Wessen Zusammenfassung? Wählen Sie einen Neuzugang und dann, wo sie gespeichert werden soll.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Summary PDF…</source>
        <translation>PDF-Zusammenfassung…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a hire&apos;s summary as PDF</source>
        <translation>Die Zusammenfassung eines Neuzugangs als PDF speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asks which hire first</source>
        <translation>Fragt zuerst nach dem Neuzugang</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the report of %1 as CSV</source>
        <translation>Den Bericht zu %1 als CSV exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the report as CSV</source>
        <translation>Den Bericht als CSV exportieren</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Your mentees&apos; progress shows here once an admin enrolls them.</source>
        <translation>Der Fortschritt Ihrer Neuzugänge erscheint hier, sobald ein Admin sie einschreibt.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Progress of %1</source>
        <translation>Fortschritt von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hire</source>
        <translation>Neuzugang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps done</source>
        <translation>Erledigte Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unlocked</source>
        <translation>freigeschaltet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoked or expired</source>
        <translation>widerrufen oder abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody is enrolled yet.</source>
        <translation>Noch niemand ist eingeschrieben.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Days to production access</source>
        <translation>Tage bis zum Produktionszugang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start month</source>
        <translation>Startmonat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average days from start to sign-off</source>
        <translation>Tage vom Beginn bis zur Freigabe, im Schnitt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No start dates yet.</source>
        <translation>Noch keine Startdaten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Average wait for a review, by step</source>
        <translation>Mittlere Wartezeit auf die Prüfung, je Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average time from done to approved, or to now while waiting</source>
        <translation>Durchschnittliche Zeit von erledigt bis genehmigt, oder bis jetzt, solange er wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No step has waited for a review yet.</source>
        <translation>Noch kein Schritt hat auf eine Prüfung gewartet.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Overdue steps</source>
        <translation>Überfällige Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hire · step</source>
        <translation>Neuzugang · Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days past the due day</source>
        <translation>Tage nach dem Fälligkeitstag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No step is overdue.</source>
        <translation>Kein Schritt ist überfällig.</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Nobody is enrolled yet</source>
        <translation>Noch niemand ist eingeschrieben</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>Save the summary of %1</source>
        <translation>Zusammenfassung zu %1 speichern</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Hire:</source>
        <translation>Neuzugang:</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Save the summary of %1 as PDF</source>
        <translation>Zusammenfassung zu %1 als PDF speichern</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Reading the report…</source>
        <translation>Der Bericht wird geladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll a hire on the Admin page to see their progress here.</source>
        <translation>Schreiben Sie auf der Seite Verwaltung einen Neuzugang ein, um hier seinen Fortschritt zu sehen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Progress per hire</source>
        <translation>Fortschritt je Neuzugang</translation>
    </message>
</context>
<context>
    <name>SaveFileDialog</name>
    <message>
        <location filename="../qml/components/SaveFileDialog.qml" line="+49"/>
        <source>Replace %1?</source>
        <translation>%1 ersetzen?</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A file of that name is already in %1. Replacing it overwrites what it holds.</source>
        <translation>In %1 gibt es schon eine Datei dieses Namens. Wenn Sie sie ersetzen, wird ihr Inhalt überschrieben.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace %1</source>
        <translation>%1 ersetzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose another name</source>
        <translation>Anderen Namen wählen</translation>
    </message>
</context>
<context>
    <name>ScanTab</name>
    <message>
        <location filename="../qml/pages/admin/ScanTab.qml" line="+53"/>
        <source>Choose a folder to scan</source>
        <translation>Einen Ordner zum Durchsuchen wählen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+125"/>
        <source>Export the findings as SARIF</source>
        <translation>Die Funde als SARIF exportieren</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+132"/>
        <source>Export the findings as JSON</source>
        <translation>Die Funde als JSON exportieren</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>SARIF files (*.sarif)</source>
        <translation>SARIF-Dateien (*.sarif)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scan documents for production credentials</source>
        <translation>Dokumente nach Produktions-Zugangsdaten durchsuchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Looks through a folder (a wiki export, a repository) for the team&apos;s production hosts, passwords in connection strings, private keys and well-known tokens, and for the production secrets this vault holds, as “onramp scan” does. Files that .gitignore leaves out are skipped.</source>
        <translation>Durchsucht einen Ordner (einen Wiki-Export, ein Repository) nach den Produktionshosts des Teams, Passwörtern in Verbindungszeichenfolgen, privaten Schlüsseln und gängigen Tokens sowie nach den Produktionsgeheimnissen, die dieser Tresor enthält, wie es „onramp scan“ tut. Dateien, die .gitignore auslässt, werden übersprungen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. /home/ada/wiki-export</source>
        <translation>z. B. /home/ada/wiki-export</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder to scan</source>
        <translation>Zu durchsuchender Ordner</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the folder to scan</source>
        <translation>Den zu durchsuchenden Ordner auswählen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan the folder</source>
        <translation>Den Ordner durchsuchen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scanning</source>
        <translation>Scan läuft</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the scan</source>
        <translation>Den Scan abbrechen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Export SARIF…</source>
        <translation>SARIF exportieren…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Production secrets this vault holds were found: rotate each one named below. Exports leave these findings out, so that a file meant for a CI log never says which value is a production secret.</source>
        <translation>Es wurden Produktionsgeheimnisse gefunden, die dieser Tresor enthält: Tauschen Sie jedes unten genannte aus. Exporte lassen diese Funde aus, damit eine Datei für ein CI-Log nie verrät, welcher Wert ein Produktionsgeheimnis ist.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scan cancelled</source>
        <translation>Scan abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing found</source>
        <translation>Nichts gefunden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing to scan</source>
        <translation>Nichts zu durchsuchen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Findings</source>
        <translation>Funde</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Enter sets a new secret for it</source>
        <translation>Die Eingabetaste setzt ein neues Geheimnis dafür</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>line %1</source>
        <extracomment>a finding&apos;s line in its file</extracomment>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Set a new secret…</source>
        <translation>Neues Geheimnis setzen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a new secret for %1</source>
        <translation>Ein neues Geheimnis für %1 setzen</translation>
    </message>
</context>
<context>
    <name>SecretTodos</name>
    <message>
        <location filename="../qml/pages/admin/SecretTodos.qml" line="+26"/>
        <source>To do</source>
        <translation>Zu erledigen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 for %2 needs a secret</source>
        <translation>%1 für %2 braucht ein Geheimnis</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set the secret…</source>
        <translation>Geheimnis setzen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the secret of %1</source>
        <translation>Das Geheimnis von %1 setzen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show more</source>
        <translation>Mehr anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more of the to-do</source>
        <translation>Mehr von den offenen Aufgaben anzeigen</translation>
    </message>
</context>
<context>
    <name>SecretsTab</name>
    <message>
        <location filename="../qml/pages/admin/SecretsTab.qml" line="+50"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Production secrets</source>
        <translation>Produktionsgeheimnisse</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>leaked, rotate: %1</source>
        <translation>offengelegt, erneuern: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>leaked, rotate</source>
        <translation>offengelegt, erneuern</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Type the connection&apos;s address first.</source>
        <translation>Geben Sie zuerst die Adresse der Verbindung ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the provisioning role&apos;s password first.</source>
        <translation>Geben Sie zuerst das Passwort der Bereitstellungsrolle ein.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Type the secret first.</source>
        <translation>Geben Sie zuerst das Geheimnis ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secret is only spaces; paste the secret itself.</source>
        <translation>Das Geheimnis besteht nur aus Leerzeichen; fügen Sie das Geheimnis selbst ein.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Pick a credential to set its secret</source>
        <translation>Wählen Sie einen Zugang, um sein Geheimnis zu setzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the secret of %1</source>
        <translation>Das Geheimnis von %1 setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the connection of %1</source>
        <translation>Die Verbindung von %1 setzen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The checklist “%1” has a credential %2 too, and they share one secret: what you set here is theirs as well.</source>
        <translation>Die Checkliste „%1“ hat ebenfalls Zugangsdaten %2, und beide teilen sich ein Geheimnis: Was Sie hier festlegen, gilt auch dort.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Onramp signs in to PostgreSQL through connection “%1” as a provisioning role and makes each hire&apos;s own login there. It serves %2 credentials.</source>
        <translation>Onramp meldet sich über die Verbindung „%1“ als Bereitstellungsrolle bei PostgreSQL an und legt dort für jeden Neuzugang eine eigene Anmeldung an. Sie dient Zugangsdaten der Umgebung „%2“.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Address (libpq connection string, no password)</source>
        <translation>Adresse (libpq-Verbindungszeichenfolge, ohne Passwort)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Password of the provisioning role</source>
        <translation>Passwort der Bereitstellungsrolle</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hide the password</source>
        <translation>Das Passwort verbergen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the password</source>
        <translation>Das Passwort anzeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set connection</source>
        <translation>Verbindung setzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set connection %1</source>
        <translation>Verbindung %1 setzen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Hide the secret</source>
        <translation>Das Geheimnis verbergen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the secret</source>
        <translation>Das Geheimnis anzeigen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Replace secret…</source>
        <translation>Geheimnis ersetzen…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Leaked: %1, in the team&apos;s documents. Whoever read them holds it: set a new secret here, change it where it is used, and remove it from those documents.</source>
        <translation>Offengelegt: %1, in den Dokumenten des Teams. Wer sie gelesen hat, kennt es: Setzen Sie hier ein neues Geheimnis, ändern Sie es dort, wo es verwendet wird, und entfernen Sie es aus diesen Dokumenten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only static credentials take a secret from you; generated ones make their own.</source>
        <translation>Nur statische Zugänge übernehmen ein Geheimnis von Ihnen; erzeugte bilden ihr eigenes.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over the network the address needs sslmode=verify-full and channel_binding=require; a local socket needs neither. The address goes into the signed audit log; the password never does: it is sealed under the production key.</source>
        <translation>Über das Netzwerk braucht die Adresse sslmode=verify-full und channel_binding=require; ein lokaler Socket braucht beides nicht. Die Adresse kommt in das signierte Prüfprotokoll, das Passwort nie: Es wird unter dem Produktionsschlüssel versiegelt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This credential is generated: Onramp makes a fresh secret for each hire, so there is none to set here.</source>
        <translation>Dieser Zugang wird erzeugt: Onramp bildet für jeden Neuzugang ein neues Geheimnis, hier ist also keines zu setzen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It is sealed under the production key at once; a hire receives it only with a mentor&apos;s sign-off.</source>
        <translation>Es wird sofort mit dem Produktionsschlüssel versiegelt; ein Neuzugang erhält es nur mit der Freigabe eines Mentors.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is sealed to every enrolled hire at once.</source>
        <translation>Es wird sofort für jeden eingeschriebenen Neuzugang versiegelt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Production hosts of “%1”</source>
        <translation>Produktions-Hosts von „%1“</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Point connection %1 at another server?</source>
        <translation>Verbindung %1 auf einen anderen Server richten?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>These logins made through it are live, or wait for their drop, at the server it points at now: %1. From another server Onramp cannot drop them: they keep signing in until they expire, and their drops wait until the connection points back. Revoke them first to end them now.</source>
        <translation>Diese über sie angelegten Anmeldungen sind auf dem Server, auf den sie jetzt zeigt, aktiv oder warten auf ihre Entfernung: %1. Von einem anderen Server aus kann Onramp sie nicht entfernen: Sie bleiben gültig, bis sie ablaufen, und ihre Entfernung wartet, bis die Verbindung zurückzeigt. Widerrufen Sie sie zuerst, um sie sofort zu beenden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Point it there</source>
        <translation>Dorthin richten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point connection %1 at the new server</source>
        <translation>Verbindung %1 auf den neuen Server richten</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Replace connection %1?</source>
        <translation>Verbindung %1 ersetzen?</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Every login from now on is made with the new address and password; logins made before stay where they were made. The address in use: %1.</source>
        <translation>Jede Anmeldung wird von nun an mit der neuen Adresse und dem neuen Passwort angelegt; bereits angelegte Anmeldungen bleiben, wo sie angelegt wurden. Die Adresse in Gebrauch: %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Replace connection %1</source>
        <translation>Verbindung %1 ersetzen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Replace the secret of %1?</source>
        <translation>Geheimnis von %1 ersetzen?</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n hire(s) hold it now: each is given the new one at once, in place of the old.</source>
        <translation>
            <numerusform>%n Neuzugang hat es jetzt und erhält sofort das neue anstelle des alten.</numerusform>
            <numerusform>%n Neuzugänge haben es jetzt; jeder erhält sofort das neue anstelle des alten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No hire holds it now: each hire it is given from now on gets the new one.</source>
        <translation>Kein Neuzugang hat es jetzt: Jeder, dem es von nun an gegeben wird, erhält das neue.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every hire who holds it is given the new one at once, in place of the old.</source>
        <translation>Jeder Neuzugang, der es hat, erhält sofort das neue anstelle des alten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the password at its source too: Onramp hands the secret out, the database decides which one works. The one in use: %1.</source>
        <translation>Ändern Sie das Passwort auch an seiner Quelle: Onramp gibt das Geheimnis aus, die Datenbank entscheidet, welches gilt. Das aktuelle: %1.</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+63"/>
        <source>Replace</source>
        <translation>Ersetzen</translation>
    </message>
    <message>
        <location line="-335"/>
        <location line="+337"/>
        <source>Replace the secret of %1</source>
        <translation>Geheimnis von %1 ersetzen</translation>
    </message>
    <message>
        <location line="-108"/>
        <location line="+50"/>
        <location line="+63"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="-234"/>
        <location line="+2"/>
        <source>Secret</source>
        <translation>Geheimnis</translation>
    </message>
    <message>
        <location line="-357"/>
        <source>The production credentials of every checklist, and the sandbox ones that need a secret or a connection from you. Static secrets and PostgreSQL connections are set here, never in a checklist file; production ones are sealed under the production key at once, and hires receive them only with a mentor&apos;s sign-off.</source>
        <translation>Die Produktions-Zugangsdaten jeder Checkliste und die Sandbox-Zugangsdaten, die ein Geheimnis oder eine Verbindung von Ihnen brauchen. Statische Geheimnisse und PostgreSQL-Verbindungen werden hier gesetzt, nie in einer Checklisten-Datei; Produktionsgeheimnisse werden sofort unter dem Produktionsschlüssel versiegelt, und Neuzugänge erhalten sie nur mit der Freigabe eines Mentors.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1, %2, %3</source>
        <translation>%1, %2, %3</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+310"/>
        <source>Secret of %1</source>
        <translation>Geheimnis von %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Set secret</source>
        <translation>Geheimnis setzen</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>None declared</source>
        <translation>Keine angegeben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sandbox credentials that name one of these hosts are refused. Each checklist keeps its own: edit them under Checklists, Production hosts.</source>
        <translation>Sandbox-Zugangsdaten, die einen dieser Hosts nennen, werden abgelehnt. Jede Checkliste hat ihre eigenen: Bearbeiten Sie sie unter Checklisten, Produktionshosts.</translation>
    </message>
</context>
<context>
    <name>SendBackDialog</name>
    <message>
        <location filename="../qml/components/SendBackDialog.qml" line="+23"/>
        <source>Ask for changes?</source>
        <translation>Änderungen erbitten?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send “%1” back to %2? They redo it and resubmit it for your review; until then it does not count towards their production access.</source>
        <translation>„%1“ an %2 zurückgeben? %2 überarbeitet den Schritt und reicht ihn erneut zur Prüfung ein; bis dahin zählt er nicht für den Produktionszugang.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your comment, sent with it:</source>
        <translation>Ihr Kommentar, der mitgeschickt wird:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask for changes</source>
        <translation>Änderungen erbitten</translation>
    </message>
</context>
<context>
    <name>ShortcutsSheet</name>
    <message>
        <location filename="../qml/components/ShortcutsSheet.qml" line="+31"/>
        <source>Go to %1</source>
        <translation>Zu %1 wechseln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show this list of shortcuts</source>
        <translation>Diese Liste der Tastenkürzel zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show this list too, outside a text field</source>
        <translation>Diese Liste ebenfalls zeigen, außerhalb eines Textfelds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the vault</source>
        <translation>Den Tresor sperren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search or filter the list of the page, where it has one</source>
        <translation>Die Liste der Seite durchsuchen oder filtern, falls vorhanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the checklist you are editing</source>
        <translation>Die bearbeitete Checkliste speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit a step&apos;s body in a larger box, from its box in the checklist editor</source>
        <translation>Den Inhalt eines Schritts in einem größeren Feld bearbeiten, aus seinem Feld im Checklisten-Editor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the open step done</source>
        <translation>Den geöffneten Schritt als erledigt markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the note you are writing on a step</source>
        <translation>Die Notiz senden, die Sie zu einem Schritt schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve the selected step waiting for review, or the open one</source>
        <translation>Den gewählten Schritt genehmigen, der auf Prüfung wartet, oder den geöffneten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask for changes on the open step (write what to change first)</source>
        <translation>Für den geöffneten Schritt Änderungen erbitten (zuerst schreiben, was geändert werden soll)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign off production access for the mentee shown</source>
        <translation>Produktionszugang für den angezeigten Mentee freigeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select the next step waiting for review; Enter opens it. On a step&apos;s page, open the hire&apos;s next one</source>
        <translation>Den nächsten Schritt wählen, der auf Prüfung wartet; Enter öffnet ihn. Auf der Seite eines Schritts den nächsten des Neuzugangs öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>%1 or %2</source>
        <translation>%1 oder %2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Move through your steps when their list has the keyboard focus; Enter opens the step</source>
        <translation>In Ihren Schritten weitergehen, wenn ihre Liste den Tastaturfokus hat; die Eingabetaste öffnet den Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move through a list that has the keyboard focus (steps, mentees, reviews); Enter opens the row</source>
        <translation>In einer Liste mit dem Tastaturfokus (Schritte, Neuzugänge, Prüfungen) weitergehen; die Eingabetaste öffnet die Zeile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move through a list that has the keyboard focus (people, enrollments, steps); Enter opens the row</source>
        <translation>In einer Liste mit dem Tastaturfokus (Personen, Einschreibungen, Schritte) weitergehen; die Eingabetaste öffnet die Zeile</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go on to the next control; %1 goes back</source>
        <translation>Zum nächsten Bedienelement; %1 geht zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press the button that has the keyboard focus</source>
        <translation>Die Schaltfläche mit dem Tastaturfokus drücken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close a dialog, or go back from a step</source>
        <translation>Einen Dialog schließen oder von einem Schritt zurückgehen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close a dialog</source>
        <translation>Einen Dialog schließen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ShowHideButton</name>
    <message>
        <location filename="../qml/components/ShowHideButton.qml" line="+19"/>
        <location line="+2"/>
        <source>Hide</source>
        <translation>Verbergen</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../qml/pages/SignInPage.qml" line="+14"/>
        <location line="+112"/>
        <location line="+74"/>
        <location line="+3"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Demo vault</source>
        <translation>Demo-Tresor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unlock your vault</source>
        <translation>Ihren Tresor entsperren</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>Who are you?</source>
        <translation>Wer sind Sie?</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Unlocking…</source>
        <translation>Wird entsperrt…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checking the passphrase</source>
        <translation>Die Passphrase wird geprüft</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open another vault…</source>
        <translation>Einen anderen Tresor öffnen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open another vault</source>
        <translation>Einen anderen Tresor öffnen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>DEMO VAULT — public passphrases</source>
        <translation>DEMO-TRESOR – öffentliche Passphrasen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Never keep real secrets in the demo vault.</source>
        <translation>Bewahren Sie nie echte Geheimnisse im Demo-Tresor auf.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Passphrase changed: sign in with the new one.</source>
        <translation>Passphrase geändert: Melden Sie sich mit der neuen an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the passphrase of %1</source>
        <translation>Die Passphrase von %1 verwenden</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../qml/pages/StepPage.qml" line="+170"/>
        <source>Steps of %1</source>
        <translation>Schritte von %1</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>required for production</source>
        <translation>Pflicht für die Produktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>reviewed by %1</source>
        <translation>Prüfung durch %1</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>you review it</source>
        <translation>Prüfung durch Sie</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Mark done, ask for review</source>
        <translation>Als erledigt markieren, zur Prüfung einreichen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mark done and ask %1 for review (Ctrl+D)</source>
        <translation>Als erledigt markieren und %1 um Prüfung bitten (Strg+D)</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+3"/>
        <source>Approve…</source>
        <translation>Genehmigen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Ask for changes…</source>
        <translation>Änderungen erbitten…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Approve or Ask for changes sends what you wrote below along with it.</source>
        <translation>„Genehmigen“ oder „Änderungen erbitten“ sendet mit, was Sie unten geschrieben haben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys: %1 approves, %2 asks for changes.</source>
        <translation>Tasten: %1 genehmigt, %2 bittet um Änderungen.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Changed since version %1 of the checklist, the version before the move:</source>
        <translation>Geändert seit Version %1 der Checkliste, der Version vor dem Wechsel:</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Title before: “%1”</source>
        <translation>Titel vorher: „%1“</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Removed: %1</source>
        <translation>Entfernt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added: %1</source>
        <translation>Hinzugefügt: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>What %1 reads on this step:</source>
        <translation>Was %1 bei diesem Schritt liest:</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Links in this step, with where each goes:</source>
        <translation>Die Links dieses Schritts, jeweils mit ihrem Ziel:</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Conversation</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No notes yet. Write to %1 below.</source>
        <translation>Noch keine Notizen. Schreiben Sie unten an %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No notes yet. Ask a question or add a link below.</source>
        <translation>Noch keine Notizen. Stellen Sie unten eine Frage oder fügen Sie einen Link hinzu.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>A comment for %1: Approve or Ask for changes sends it along; Add note sends it alone</source>
        <translation>Ein Kommentar für %1: „Genehmigen“ oder „Änderungen erbitten“ sendet ihn mit; „Notiz hinzufügen“ sendet ihn allein</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>or %1 in the box</source>
        <translation>oder %1 im Feld</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mark as read</source>
        <translation>Als gelesen markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark %1&apos;s notes as read, with no reply</source>
        <translation>Notizen von %1 ohne Antwort als gelesen markieren</translation>
    </message>
    <message>
        <location line="-134"/>
        <source>No notes yet.</source>
        <translation>Noch keine Notizen.</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>Undo is off once production access is signed off. Ask %1 if this step needs doing again.</source>
        <translation>Rückgängig ist nicht mehr möglich, sobald der Produktionszugang freigegeben ist. Fragen Sie %1, falls dieser Schritt erneut erledigt werden muss.</translation>
    </message>
    <message>
        <location line="+289"/>
        <source>A question or note for %1: Add note sends it now; marking the step done and asking for review sends it along</source>
        <translation>Eine Frage oder Notiz für %1: „Notiz hinzufügen“ sendet sie sofort; wenn Sie den Schritt als erledigt markieren und zur Prüfung einreichen, wird sie mitgeschickt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A question or note for %1: Add note sends it now; marking the step done sends it along</source>
        <translation>Eine Frage oder Notiz für %1: „Notiz hinzufügen“ sendet sie sofort; wenn Sie den Schritt als erledigt markieren, wird sie mitgeschickt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you changed, or a question, for %1: Add note sends it now, Resubmit sends it along</source>
        <translation>Was Sie geändert haben, oder eine Frage für %1: „Notiz hinzufügen“ sendet es sofort, „Erneut zur Prüfung einreichen“ schickt es mit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A question or note for %1, sent with Add note</source>
        <translation>Eine Frage oder Notiz für %1, wird mit „Notiz hinzufügen“ gesendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write to %1…</source>
        <translation>An %1 schreiben…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <location line="-347"/>
        <source>Mark done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>No other step of %1&apos;s waits for your review.</source>
        <translation>Kein anderer Schritt von %1 wartet auf Ihre Prüfung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No other step of %1&apos;s waits for review.</source>
        <translation>Kein anderer Schritt von %1 wartet auf Prüfung.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“%1” is not waiting for your review.</source>
        <translation>„%1“ wartet nicht auf Ihre Prüfung.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Back to %1</source>
        <translation>Zurück zu %1</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Mark done (Ctrl+D)</source>
        <translation>Als erledigt markieren (Ctrl+D)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resubmit for review</source>
        <translation>Erneut zur Prüfung einreichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resubmit for review (Ctrl+D)</source>
        <translation>Erneut zur Prüfung einreichen (Ctrl+D)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo, reopen the step</source>
        <translation>Rückgängig, den Schritt wieder öffnen</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>To ask for changes, first write what to change in the conversation below.</source>
        <translation>Um Änderungen anzufordern, schreiben Sie zuerst unten in den Verlauf, was zu ändern ist.</translation>
    </message>
</context>
<context>
    <name>StepProgress</name>
    <message numerus="yes">
        <location filename="../qml/components/StepProgress.qml" line="+29"/>
        <source> · %n overdue</source>
        <translation>
            <numerusform> · %n überfällig</numerusform>
            <numerusform> · %n überfällig</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepQuestion</name>
    <message>
        <location filename="../qml/components/StepQuestion.qml" line="+110"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>StepRow</name>
    <message>
        <location filename="../qml/components/StepRow.qml" line="+128"/>
        <source>required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message numerus="yes">
        <location line="-15"/>
        <source>, %n note(s) not answered</source>
        <translation>
            <numerusform>, %n Notiz unbeantwortet</numerusform>
            <numerusform>, %n Notizen unbeantwortet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>, changed by the move</source>
        <translation>, durch den Wechsel geändert</translation>
    </message>
    <message numerus="yes">
        <location line="+68"/>
        <source>%n note(s) not answered</source>
        <translation>
            <numerusform>%n Notiz unbeantwortet</numerusform>
            <numerusform>%n Notizen unbeantwortet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Worded otherwise since version %1 of the checklist: its page shows what changed</source>
        <translation>Seit Version %1 der Checkliste anders formuliert: Seine Seite zeigt, was sich geändert hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mentor review</source>
        <translation>Prüfung durch den Mentor</translation>
    </message>
</context>
<context>
    <name>VaultCreatedNote</name>
    <message>
        <location filename="../qml/pages/admin/VaultCreatedNote.qml" line="+24"/>
        <source>Your vault is ready</source>
        <translation>Ihr Tresor ist bereit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the note on the vault&apos;s fingerprint</source>
        <translation>Den Hinweis zum Fingerabdruck des Tresors schließen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It is in the folder %1. That folder is the vault: back it up, and give it to your team (or put it on a shared drive) for them to open.</source>
        <translation>Er liegt im Ordner %1. Dieser Ordner ist der Tresor: Sichern Sie ihn und geben Sie ihn Ihrem Team (oder legen Sie ihn auf ein gemeinsames Laufwerk), damit es ihn öffnen kann.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This is its fingerprint. The first time someone opens the vault on their desktop, Onramp shows them its fingerprint: when they ask you to confirm it, compare it with this one. If the two differ, they must not trust that vault. The settings show it again.</source>
        <translation>Dies ist sein Fingerabdruck. Wenn jemand den Tresor zum ersten Mal auf seinem Rechner öffnet, zeigt Onramp ihm dessen Fingerabdruck: Wenn man Sie bittet, ihn zu bestätigen, vergleichen Sie ihn mit diesem. Weichen die beiden ab, darf diesem Tresor nicht vertraut werden. Die Einstellungen zeigen ihn erneut.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Vault fingerprint: %1</source>
        <translation>Fingerabdruck des Tresors: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the vault fingerprint</source>
        <translation>Den Fingerabdruck des Tresors kopieren</translation>
    </message>
</context>
<context>
    <name>VaultFolders</name>
    <message>
        <location filename="../app/ui/VaultFolders.cpp" line="+66"/>
        <source>Choose the vault folder your admin gave you.</source>
        <translation>Wählen Sie den Tresor-Ordner, den Ihnen Ihr Admin gegeben hat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not a folder on this computer; nothing was opened.</source>
        <translation>%1 ist kein Ordner auf diesem Computer; es wurde nichts geöffnet.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%1 holds %n vaults (%2); open the folder of the one you mean. Nothing was opened.</source>
        <translation>
            <numerusform>%1 enthält %n Tresor (%2); öffnen Sie den Ordner des gemeinten. Es wurde nichts geöffnet.</numerusform>
            <numerusform>%1 enthält %n Tresore (%2); öffnen Sie den Ordner des gemeinten. Es wurde nichts geöffnet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not a whole Onramp vault: its key store (%2) is missing beside its database (%3); nothing was opened.</source>
        <translation>%1 ist kein vollständiger Onramp-Tresor: Neben seiner Datenbank (%3) fehlt sein Schlüsselspeicher (%2); es wurde nichts geöffnet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not an Onramp vault, and no folder directly inside it is one. A vault folder holds the key store (%2) and the encrypted database (%3) side by side: choose that folder, the one your admin gave you. Nothing was opened.</source>
        <translation>%1 ist kein Onramp-Tresor, und auch kein Ordner direkt darin ist einer. Ein Tresor-Ordner enthält den Schlüsselspeicher (%2) und die verschlüsselte Datenbank (%3) nebeneinander: Wählen Sie diesen Ordner, den Ihnen Ihr Admin gegeben hat. Es wurde nichts geöffnet.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Choose the folder the vault goes in.</source>
        <translation>Wählen Sie den Ordner, in den der Tresor kommt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a file; choose a folder for the vault.</source>
        <translation>%1 ist eine Datei; wählen Sie einen Ordner für den Tresor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is a vault in %1 already: open it with Open a vault folder…, or choose another folder for the new one.</source>
        <translation>In %1 liegt schon ein Tresor: Öffnen Sie ihn mit „Einen Tresor-Ordner öffnen…“, oder wählen Sie einen anderen Ordner für den neuen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 holds other files: a new vault goes in an empty or a new folder. Choose another folder, or type a new folder&apos;s name at the end.</source>
        <translation>%1 enthält andere Dateien: Ein neuer Tresor kommt in einen leeren oder neuen Ordner. Wählen Sie einen anderen Ordner oder hängen Sie den Namen eines neuen Ordners an.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is a file, so the folder %2 cannot be made; choose another folder.</source>
        <translation>%1 ist eine Datei, daher kann der Ordner %2 nicht angelegt werden; wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot write in %1; choose a folder of your own for the vault.</source>
        <translation>Sie können in %1 nicht schreiben; wählen Sie einen eigenen Ordner für den Tresor.</translation>
    </message>
</context>
<context>
    <name>VaultTab</name>
    <message>
        <location filename="../qml/pages/admin/VaultTab.qml" line="+31"/>
        <source>From a script: %1</source>
        <extracomment>under the Vault tab&apos;s cards: the command that does the same, for scripts</extracomment>
        <translation>Aus einem Skript: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Back up the vault</source>
        <translation>Tresor sichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Onramp backups (*.onramp)</source>
        <translation>Onramp-Sicherungen (*.onramp)</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+206"/>
        <source>Back up</source>
        <translation>Sichern</translation>
    </message>
    <message>
        <location line="-194"/>
        <source>Restore from a backup</source>
        <translation>Aus einer Sicherung wiederherstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation>Wiederherstellen…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Restore this vault from the backup?</source>
        <translation>Diesen Tresor aus der Sicherung wiederherstellen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore and sign out</source>
        <translation>Wiederherstellen und abmelden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rotate the production key?</source>
        <translation>Den Produktionsschlüssel erneuern?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Every production secret is encrypted again under a new key, sealed to each enabled admin and mentor. Hires keep the grants they hold.</source>
        <translation>Jedes Produktionsgeheimnis wird unter einem neuen Schlüssel neu verschlüsselt, versiegelt für jeden aktiven Admin und Mentor. Neuzugänge behalten ihre Zuteilungen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still signing in with the first passphrase handed over to them: %1. The new key is sealed to that passphrase too, so whoever saw it could still open it: rotate once they have chosen their own.</source>
        <translation>Melden sich noch mit der ihnen übergebenen ersten Passphrase an: %1. Der neue Schlüssel wird auch für diese Passphrase versiegelt, also könnte ihn jeder öffnen, der sie gesehen hat: erneuern Sie ihn, sobald sie ihre eigene gewählt haben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rotate</source>
        <translation>Erneuern</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+118"/>
        <source>Rotate the production key</source>
        <translation>Den Produktionsschlüssel erneuern</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+18"/>
        <source>Check the vault</source>
        <translation>Tresor prüfen</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Checks the database&apos;s integrity, the audit log&apos;s chain and signatures, and every record against the signed log.</source>
        <translation>Prüft die Integrität der Datenbank, die Kette und die Signaturen des Prüfprotokolls sowie jeden Datensatz gegen das signierte Protokoll.</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Every production secret is kept under one key that admins and mentors hold. When you gave a mentor or an admin their first passphrase, rotate the key once they have chosen their own (the check above names who has not yet): a copy of the old key then opens nothing. Disabling someone rotates it too.</source>
        <translation>Jedes Produktionsgeheimnis liegt unter einem Schlüssel, den Admins und Mentoren halten. Haben Sie einem Mentor oder Admin die erste Passphrase gegeben, erneuern Sie den Schlüssel, sobald die Person ihre eigene gewählt hat (die Prüfung oben nennt, wer das noch nicht getan hat): eine Kopie des alten Schlüssels öffnet dann nichts mehr. Auch das Deaktivieren einer Person erneuert ihn.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Writes the whole vault, the database still encrypted and the key slots still sealed, to one file only you can read. Others keep working meanwhile.</source>
        <translation>Schreibt den gesamten Tresor – die Datenbank weiterhin verschlüsselt, die Schlüsselplätze weiterhin versiegelt – in eine Datei, die nur Sie lesen können. Andere können währenddessen weiterarbeiten.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Puts a backup of this vault back in its place, checked in full and recorded in the audit log. Grants revoked, people disabled and enrollments moved after the backup was taken stay revoked, disabled and moved. The vault closes for it, and its folder is kept beside it.</source>
        <translation>Setzt eine Sicherung dieses Tresors an seine Stelle, vollständig geprüft und im Prüfprotokoll vermerkt. Zugänge, die nach der Sicherung widerrufen, Personen, die deaktiviert, und Einschreibungen, die verschoben wurden, bleiben widerrufen, deaktiviert und verschoben. Der Tresor wird dafür geschlossen, und sein Ordner bleibt daneben erhalten.</translation>
    </message>
    <message>
        <location line="-137"/>
        <location line="+144"/>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
    <message>
        <location line="-144"/>
        <source>Check vault</source>
        <translation>Tresor prüfen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Working on the vault</source>
        <translation>Am Tresor wird gearbeitet</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Production key</source>
        <translation>Produktionsschlüssel</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rotate production key…</source>
        <translation>Produktionsschlüssel erneuern…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Back up…</source>
        <translation>Sichern…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up the vault to a file</source>
        <translation>Den Tresor in eine Datei sichern</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore from backup…</source>
        <translation>Aus Sicherung wiederherstellen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore the vault from a backup file</source>
        <translation>Den Tresor aus einer Sicherungsdatei wiederherstellen</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/pages/WelcomePage.qml" line="+38"/>
        <location line="+90"/>
        <source>Open a vault folder</source>
        <translation>Einen Tresor-Ordner öffnen</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Choose where the new vault goes</source>
        <translation>Wählen Sie, wohin der neue Tresor kommt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Welcome to Onramp</source>
        <translation>Willkommen bei Onramp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your sandbox on day one. Production when you and your mentor are ready.</source>
        <translation>Ihre Sandbox ab dem ersten Tag. Die Produktion, wenn Sie und Ihr Mentor bereit sind.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Open your team&apos;s vault</source>
        <translation>Den Tresor Ihres Teams öffnen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your admin gave you a vault folder, or put one on a shared drive. Onramp opens it where it is.</source>
        <translation>Ihr Admin hat Ihnen einen Tresor-Ordner gegeben oder ihn auf einem gemeinsamen Laufwerk abgelegt. Onramp öffnet ihn dort, wo er liegt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a vault folder…</source>
        <translation>Einen Tresor-Ordner öffnen…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Opened before</source>
        <translation>Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Vaults opened before</source>
        <translation>Zuletzt geöffnete Tresore</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open the vault %1</source>
        <translation>Den Tresor %1 öffnen</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Not found: %1 was moved or removed.</source>
        <translation>Nicht gefunden: %1 wurde verschoben oder entfernt.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove %1 from the list</source>
        <translation>%1 aus der Liste entfernen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The vaults you open are listed here, to open again with one click.</source>
        <translation>Die Tresore, die Sie öffnen, erscheinen hier, damit Sie sie mit einem Klick wieder öffnen können.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Create a vault</source>
        <translation>Einen Tresor anlegen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You will be its first admin. Everything Onramp knows is encrypted in it; your passphrase is the only way in, so pick one you can remember.</source>
        <translation>Sie werden sein erster Admin. Alles, was Onramp weiß, liegt verschlüsselt darin; Ihre Passphrase ist der einzige Weg hinein, wählen Sie also eine, die Sie sich merken können.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Your user name</source>
        <translation>Ihr Benutzername</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. ada</source>
        <translation>z. B. ada</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your full name</source>
        <translation>Ihr vollständiger Name</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The same passphrase again</source>
        <translation>Dieselbe Passphrase noch einmal</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folder of the new vault</source>
        <translation>Ordner des neuen Tresors</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder of the new vault</source>
        <translation>Ordner des neuen Tresors wählen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Strong passphrase.</source>
        <translation>Starke Passphrase.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Create vault</source>
        <translation>Tresor anlegen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Creating the vault</source>
        <translation>Der Tresor wird angelegt</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Just looking around?</source>
        <translation>Nur mal umschauen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo vault has a demo admin, mentor and hire with a sample checklist. Its passphrases are shown on the sign-in screen.</source>
        <translation>Der Demo-Tresor enthält einen Demo-Admin, einen Mentor und einen Neuzugang mit einer Beispiel-Checkliste. Seine Passphrasen stehen auf der Anmeldeseite.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the demo vault</source>
        <translation>Den Demo-Tresor öffnen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Team server</source>
        <translation>Teamserver</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The app does not connect to a team server yet. For now the command line does: give it --server URL, or set ONRAMP_SERVER.</source>
        <translation>Die App verbindet sich noch nicht mit einem Teamserver. Vorerst tut das die Kommandozeile: Geben Sie dort --server URL an, oder setzen Sie ONRAMP_SERVER.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Onramp %1</source>
        <translation>Onramp %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How Onramp keeps day one safe</source>
        <translation>Wie Onramp den ersten Tag sicher macht</translation>
    </message>
</context>
<context>
    <name>onramp</name>
    <message>
        <location filename="../app/cli/CommandRegistry.cpp" line="+62"/>
        <source>the vault folder (default: the app-data folder)</source>
        <translation>der Tresor-Ordner (Standard: der Anwendungsdaten-Ordner)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a team server (libpq connection string or postgresql:// URI; also ONRAMP_SERVER)</source>
        <translation>ein Teamserver (libpq-Verbindungszeichenfolge oder postgresql://-URI; auch ONRAMP_SERVER)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the person acting</source>
        <translation>die handelnde Person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>read the acting person&apos;s passphrase from FILE</source>
        <translation>die Passphrase der handelnden Person aus FILE lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>print machine-readable JSON</source>
        <translation>maschinenlesbares JSON ausgeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>show help</source>
        <translation>Hilfe zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>show the version</source>
        <translation>die Version zeigen</translation>
    </message>
    <message>
        <location filename="../app/cli/Command.cpp" line="+35"/>
        <location filename="../app/core/people/PassphraseFile.cpp" line="+42"/>
        <source>%1 is longer than %2 bytes, the longest passphrase Onramp accepts</source>
        <translation>%1 ist länger als %2 Bytes, die längste Passphrase, die Onramp annimmt</translation>
    </message>
    <message>
        <location filename="../app/core/people/PassphraseFile.cpp" line="-26"/>
        <source>cannot read passphrase file %1: %2</source>
        <translation>Passphrase-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>passphrase file %1</source>
        <translation>Passphrase-Datei %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>passphrase file %1 is empty</source>
        <translation>Passphrase-Datei %1 ist leer</translation>
    </message>
    <message>
        <location filename="../app/cli/Command.cpp" line="+143"/>
        <source>no passphrase given: use --passphrase-file FILE, set ONRAMP_PASSPHRASE, or run in a terminal</source>
        <translation>keine Passphrase angegeben: verwenden Sie --passphrase-file FILE, setzen Sie ONRAMP_PASSPHRASE oder starten Sie in einem Terminal</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the passphrase typed</source>
        <translation>die eingegebene Passphrase</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no passphrase entered</source>
        <translation>keine Passphrase eingegeben</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Passphrase for %1: </source>
        <translation>Passphrase für %1: </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; needs --%2 FILE</source>
        <translation>&apos;%1&apos; braucht --%2 FILE</translation>
    </message>
    <message>
        <location filename="../app/cli/CliMain.cpp" line="+175"/>
        <location filename="../app/cli/CommandLine.cpp" line="+48"/>
        <source>unknown option &apos;%1&apos;</source>
        <translation>unbekannte Option &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="+11"/>
        <source>option &apos;%1&apos; needs a value (%2)</source>
        <translation>Option &apos;%1&apos; braucht einen Wert (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>option &apos;%1&apos; takes no value</source>
        <translation>Option &apos;%1&apos; nimmt keinen Wert</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/OnboardingCommands.cpp" line="+87"/>
        <source>%1 was not imported: %n problem(s) found</source>
        <translation>
            <numerusform>%1 wurde nicht importiert: %n Problem gefunden</numerusform>
            <numerusform>%1 wurde nicht importiert: %n Probleme gefunden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checklist %1 is unchanged; it stays at version %2.</source>
        <translation>Checkliste %1 ist unverändert; sie bleibt bei Version %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported checklist %1 as version %2 (%3, %4).</source>
        <translation>Checkliste %1 als Version %2 importiert (%3, %4).</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location filename="../app/ui/AdminBackend.cpp" line="+274"/>
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n Schritt</numerusform>
            <numerusform>%n Schritte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../app/ui/AdminBackend.cpp" line="+1"/>
        <source>%n credential(s)</source>
        <translation>
            <numerusform>%n Zugang</numerusform>
            <numerusform>%n Zugänge</numerusform>
        </translation>
    </message>
    <message>
        <location line="-62"/>
        <source>--checklist-version wants a version number</source>
        <translation>--checklist-version erwartet eine Versionsnummer</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>Wrote checklist %1 version %2 to %3.</source>
        <translation>Checkliste %1 Version %2 nach %3 geschrieben.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No checklists yet; an admin imports one with &apos;onramp checklist import FILE&apos;.</source>
        <translation>Noch keine Checklisten; ein Admin importiert eine mit &apos;onramp checklist import FILE&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>&apos;enroll&apos; needs --checklist ID and --mentor NAME</source>
        <translation>&apos;enroll&apos; braucht --checklist ID und --mentor NAME</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+39"/>
        <source>It weakens the gate: %1.</source>
        <translation>Damit werden die Voraussetzungen für den Produktionszugang gelockert: %1.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 weakens the gate of checklist %2 version %3:</source>
        <translation>%1 lockert die Voraussetzungen für den Produktionszugang gegenüber Checkliste %2 Version %3:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was imported. If you meant these changes, import it again with --accept-weaker.</source>
        <translation>Es wurde nichts importiert. Wenn Sie diese Änderungen beabsichtigt haben, importieren Sie die Datei erneut mit --accept-weaker.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+155"/>
        <source>--start &apos;%1&apos; is not a date (YYYY-MM-DD)</source>
        <translation>--start &apos;%1&apos; ist kein Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location line="-122"/>
        <source>warning: %1: credential &apos;%2&apos; names provider connection &apos;%3&apos;, which no admin has set: set it with &apos;onramp provider set %3 --dsn DSN --secret-file FILE%4&apos; before anyone is enrolled on this checklist or signed off</source>
        <translation>Warnung: %1: Zugang &apos;%2&apos; nennt die Anbieterverbindung &apos;%3&apos;, die kein Admin gesetzt hat: setzen Sie sie mit &apos;onramp provider set %3 --dsn DSN --secret-file FILE%4&apos;, bevor jemand auf diese Checkliste eingeschrieben oder freigegeben wird</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>&apos;onramp enrollment move %1&apos; puts it on the checklist&apos;s latest version</source>
        <translation>&apos;onramp enrollment move %1&apos; setzt sie auf die neueste Version der Checkliste</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+603"/>
        <source>Enrolled %1 on %2 with mentor %3, starting %4.</source>
        <translation>%1 in %2 eingeschrieben, mit Mentor %3, Beginn %4.</translation>
    </message>
    <message>
        <location line="+72"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+59"/>
        <source>Asked for changes on step %1 for %2; it is open again.</source>
        <translation>Um Änderungen an Schritt %1 für %2 gebeten; er ist wieder offen.</translation>
    </message>
    <message>
        <location line="-305"/>
        <source>%1 version %2 weakens the gate of %3 version %4, which %5 is on:</source>
        <translation>%1 Version %2 lockert die Voraussetzungen für den Produktionszugang gegenüber %3 Version %4, auf der %5 ist:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing was moved. If you mean to lower the gate for %1, move again with --accept-weaker.</source>
        <translation>Es wurde nichts umgestellt. Wenn Sie die Voraussetzungen für %1 lockern wollen, stellen Sie mit --accept-weaker erneut um.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is now on %2 version %3.</source>
        <translation>%1 ist jetzt auf %2 Version %3.</translation>
    </message>
    <message>
        <location line="+246"/>
        <source>&apos;enrollment edit&apos; needs --mentor NAME, --start YYYY-MM-DD, or both</source>
        <translation>&apos;enrollment edit&apos; braucht --mentor NAME, --start JJJJ-MM-TT oder beides</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 now has the mentor %2 and starts on %3.</source>
        <translation>%1 hat jetzt den Mentor %2 und beginnt am %3.</translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="-28"/>
        <source>Step %1 is done.</source>
        <translation>Schritt %1 ist erledigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+12"/>
        <source>Step %1 is open again.</source>
        <translation>Schritt %1 ist wieder offen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+15"/>
        <source>Approved step %1 for %2.</source>
        <translation>Schritt %1 für %2 genehmigt.</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+38"/>
        <source>Signed off production access for %1.</source>
        <translation>Produktionszugang für %1 freigegeben.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2) on %3 v%4, mentor %5, started %6</source>
        <translation>%1 (%2) auf %3 v%4, Mentor %5, Beginn %6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Progress: %1 of %2 steps done</source>
        <translation>Fortschritt: %1 von %2 Schritten erledigt</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n waiting for review</source>
        <translation>
            <numerusform> · %n wartet auf Prüfung</numerusform>
            <numerusform> · %n warten auf Prüfung</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>done, waiting for review</source>
        <translation>erledigt, wartet auf Prüfung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>redone, waiting for review again</source>
        <translation>überarbeitet, wartet erneut auf Prüfung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>required</source>
        <translation>Pflicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>needs review</source>
        <translation>braucht Prüfung</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+125"/>
        <source>move a hire to another checklist, or another version of theirs (admin)</source>
        <translation>einen Neuzugang auf eine andere Checkliste oder eine andere Version seiner Checkliste umstellen (Admin)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the checklist to move to (default: their own); its sign-off and reviews end</source>
        <translation>die Ziel-Checkliste (Standard: die bisherige); bei einem Wechsel enden ihre Freigabe und Prüfungen</translation>
    </message>
    <message>
        <location filename="../app/cli/OnboardingCommands.cpp" line="-17"/>
        <source>approved by %1</source>
        <translation>genehmigt von %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>changes asked by %1: %2</source>
        <translation>Änderungen erbeten von %1: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>overdue since %1</source>
        <translation>überfällig seit %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>due %1</source>
        <translation>fällig am %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Production: locked</source>
        <translation>Produktion: gesperrt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production: signed off by %1 at %2, access revoked by %3 at %4</source>
        <translation>Produktion: freigegeben von %1 am %2, Zugang widerrufen von %3 am %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Production: unlocked, signed off by %1 at %2</source>
        <translation>Produktion: freigeschaltet, freigegeben von %1 am %2</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="-31"/>
        <source>a checklist version (default: the latest)</source>
        <translation>eine Checklisten-Version (Standard: die neueste)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>import a checklist file: YAML, JSON or Markdown (admin)</source>
        <translation>eine Checklisten-Datei importieren: YAML, JSON oder Markdown (Admin)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>store it even though it weakens the gate of the version before (fewer required or reviewed steps, longer production grants, fewer production hosts)</source>
        <translation>sie speichern, auch wenn sie die Voraussetzungen für den Produktionszugang gegenüber der vorigen Version lockert (weniger Pflicht- oder geprüfte Schritte, längere Produktions-Zuteilungen, weniger Produktionshosts)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>write a checklist back as YAML</source>
        <translation>eine Checkliste als YAML zurückschreiben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>list the checklists</source>
        <translation>die Checklisten auflisten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>enroll a hire on a checklist with a mentor (admin)</source>
        <translation>einen Neuzugang mit einem Mentor in eine Checkliste einschreiben (Admin)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the mentor</source>
        <translation>der Mentor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the start date (default: today)</source>
        <translation>das Startdatum (Standard: heute)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>move even though the version moved to weakens the gate of the hire&apos;s own (fewer required or reviewed steps, longer production grants, fewer production hosts)</source>
        <translation>auch dann umstellen, wenn die Zielversion die Voraussetzungen gegenüber der eigenen Version des Neuzugangs lockert (weniger verpflichtende oder geprüfte Schritte, längere Produktionsfreigaben, weniger Produktionshosts)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>change a hire&apos;s mentor or start date (admin)</source>
        <translation>Mentor oder Startdatum eines Neuzugangs ändern (Admin)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the new mentor; only their reviews and sign-off count from now on, and live production access ends</source>
        <translation>der neue Mentor; ab jetzt zählen nur dessen Prüfungen und Freigabe, und laufender Produktionszugang endet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the new start date</source>
        <translation>das neue Startdatum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a note for your mentor</source>
        <translation>eine Notiz für Ihren Mentor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a comment for the hire</source>
        <translation>ein Kommentar für den Neuzugang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mark one of your steps done (the hire)</source>
        <translation>einen Ihrer Schritte als erledigt markieren (der Neuzugang)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>reopen one of your steps until it is approved (the hire)</source>
        <translation>einen Ihrer Schritte wieder öffnen, solange er nicht genehmigt ist (der Neuzugang)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>approve a hire&apos;s step (their mentor)</source>
        <translation>den Schritt eines Neuzugangs genehmigen (sein Mentor)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>sign off a hire&apos;s production access (their mentor)</source>
        <translation>den Produktionszugang eines Neuzugangs freigeben (sein Mentor)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>show a hire&apos;s steps and whether production is unlocked, with the reasons</source>
        <translation>die Schritte eines Neuzugangs zeigen und ob die Produktion freigeschaltet ist, mit Begründung</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>make your own sandbox database again from its template, ending your sessions in it (the hire)</source>
        <translation>Ihre eigene Sandbox-Datenbank aus ihrer Vorlage neu anlegen und dabei Ihre Sitzungen darin beenden (der Neuzugang)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>as &apos;cred reset&apos;; without ID, your one sandbox database of your own (the hire)</source>
        <translation>wie &apos;cred reset&apos;; ohne ID Ihre eine eigene Sandbox-Datenbank (der Neuzugang)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>only the sandbox or only the production credentials (both by default)</source>
        <translation>nur die Sandbox- oder nur die Produktionszugangsdaten (standardmäßig beide)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>remove a kept secret that no longer opens and that no checklist uses: the repair `vault check` names (admin)</source>
        <translation>ein verwahrtes Geheimnis entfernen, das sich nicht mehr öffnen lässt und das keine Checkliste verwendet: die Reparatur, die `vault check` nennt (Admin)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>what it serves: production (the default) or sandbox; only credentials of that environment may name it</source>
        <translation>wofür sie dient: production (Standard) oder sandbox; nur Zugänge dieser Umgebung dürfen sie nennen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>point it at another server although logins made through it are live or pending; their drops stay pending until it points back</source>
        <translation>sie auf einen anderen Server richten, obwohl über sie angelegte Logins aktiv sind oder noch gelöscht werden müssen; deren Löschung bleibt ausstehend, bis sie zurückzeigt</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>only the newest N of those entries (still oldest first)</source>
        <translation>nur die neuesten N dieser Einträge (weiterhin die ältesten zuerst)</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>as the setup role, end every Onramp session that holds too many of the cluster&apos;s locks</source>
        <translation>als Einrichtungsrolle jede Onramp-Sitzung beenden, die zu viele Sperren des Clusters hält</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>look once and exit</source>
        <translation>einmal nachsehen und beenden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>find production hosts and secrets in documents and folders (exit %1 when anything is found)</source>
        <translation>Produktionshosts und Geheimnisse in Dokumenten und Ordnern finden (Exit-Code %1, wenn etwas gefunden wird)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>print SARIF 2.1.0 for code-scanning tools</source>
        <translation>SARIF 2.1.0 für Code-Scanning-Werkzeuge ausgeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>write known production secrets into --json or --sarif output too (admins and mentors)</source>
        <translation>bekannte Produktionsgeheimnisse auch in die Ausgabe von --json oder --sarif schreiben (Admins und Mentoren)</translation>
    </message>
    <message>
        <location filename="../app/cli/VaultAccess.cpp" line="+17"/>
        <source>&apos;%1&apos; needs --as NAME (who acts)</source>
        <translation>&apos;%1&apos; braucht --as NAME (wer handelt)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 still has the passphrase they were handed; choose your own first: onramp passphrase change --as %1 --new-passphrase-file FILE</source>
        <translation>%1 hat noch die übergebene Passphrase; wählen Sie zuerst eine eigene: onramp passphrase change --as %1 --new-passphrase-file FILE</translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="+74"/>
        <source>--since needs a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ), not &apos;%1&apos;</source>
        <translation>--since braucht ein Datum (JJJJ-MM-TT) oder eine UTC-Zeit (JJJJ-MM-TTTHH:MM:SSZ), nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--limit needs a whole number of entries, 1 or more, not &apos;%1&apos;</source>
        <translation>--limit braucht eine ganze Zahl von Einträgen, 1 oder mehr, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>findings sealed, and they do not open with the production key this vault holds now (sealed before it was rotated, or not by an admin or a mentor)</source>
        <translation>Funde versiegelt; sie lassen sich mit dem Produktionsschlüssel, den dieser Tresor jetzt hält, nicht öffnen (vor seiner Erneuerung versiegelt oder nicht von einem Admin oder Mentor)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>findings sealed for admins and mentors</source>
        <translation>Funde für Admins und Mentoren versiegelt</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>&apos;audit export&apos; needs --format jsonl or --format csv</source>
        <translation>&apos;audit export&apos; braucht --format jsonl oder --format csv</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Entries from %1 on are not verified; they are marked verified=false in the file.</source>
        <translation>Einträge ab %1 sind nicht geprüft; sie sind in der Datei mit verified=false markiert.</translation>
    </message>
    <message>
        <location filename="../app/demo/Demo.cpp" line="+192"/>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/AuditCommands.cpp" line="-142"/>
        <source>Audit log verified: %n entries, chained, signed and matching the head in the key file.</source>
        <translation>
            <numerusform>Prüfprotokoll geprüft: %n Eintrag, verkettet, signiert und passend zum Kopf in der Schlüsseldatei.</numerusform>
            <numerusform>Prüfprotokoll geprüft: %n Einträge, verkettet, signiert und passend zum Kopf in der Schlüsseldatei.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditVerifier.cpp" line="+208"/>
        <source>it follows entry %1</source>
        <translation>er folgt auf Eintrag %1</translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="+137"/>
        <location filename="../app/cli/CredentialCommands.cpp" line="+481"/>
        <location filename="../app/cli/OnboardingCommands.cpp" line="-229"/>
        <source>the export file</source>
        <translation>die Exportdatei</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Wrote %n audit log entries to %1 (readable by you only).</source>
        <translation>
            <numerusform>%n Protokolleintrag nach %1 geschrieben (nur für Sie lesbar).</numerusform>
            <numerusform>%n Protokolleinträge nach %1 geschrieben (nur für Sie lesbar).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="-111"/>
        <source>verify the audit log&apos;s chain, hashes, signatures and head (exit 6 names the first bad entry)</source>
        <translation>Kette, Hashes, Signaturen und Kopf des Prüfprotokolls prüfen (Exit-Code 6 nennt den ersten fehlerhaften Eintrag)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>show audit log entries (an admin sees all, others their own)</source>
        <translation>Einträge des Prüfprotokolls zeigen (ein Admin sieht alle, andere ihre eigenen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries at or after DATE (YYYY-MM-DD, UTC)</source>
        <translation>Einträge ab DATE (JJJJ-MM-TT, UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries by NAME</source>
        <translation>Einträge von NAME</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries of ACTION, e.g. person.add</source>
        <translation>Einträge der Aktion ACTION, z. B. person.add</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>write the whole audit log as JSON lines or CSV (admin)</source>
        <translation>das ganze Prüfprotokoll als JSON Lines oder CSV schreiben (Admin)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jsonl or csv</source>
        <translation>jsonl oder csv</translation>
    </message>
    <message>
        <location line="-206"/>
        <location line="+120"/>
        <location line="+87"/>
        <source>write to FILE instead of stdout</source>
        <translation>nach FILE statt auf die Standardausgabe schreiben</translation>
    </message>
    <message>
        <location filename="../app/core/checklist/ParseContext.cpp" line="+20"/>
        <source>use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit</source>
        <translation>verwenden Sie Kleinbuchstaben, Ziffern, &apos;-&apos; und &apos;_&apos;, beginnend mit einem Buchstaben oder einer Ziffer</translation>
    </message>
    <message>
        <location filename="../app/core/checklist/ChecklistParser.cpp" line="+23"/>
        <source>the format version is missing: start the file with &apos;onramp: %1&apos;</source>
        <translation>die Formatversion fehlt: beginnen Sie die Datei mit &apos;onramp: %1&apos;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;onramp&apos; must be a format version number such as %1</source>
        <translation>&apos;onramp&apos; muss eine Formatversionsnummer wie %1 sein</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>format version %1 is not supported; this Onramp reads &apos;onramp: %2&apos;</source>
        <translation>Formatversion %1 wird nicht unterstützt; dieses Onramp liest &apos;onramp: %2&apos;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&apos;production_hosts&apos; must be a list of host names</source>
        <translation>&apos;production_hosts&apos; muss eine Liste von Hostnamen sein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;production_hosts&apos; has more than %1 entries; that is the limit</source>
        <translation>&apos;production_hosts&apos; hat mehr als %1 Einträge; das ist die Grenze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>an entry of &apos;production_hosts&apos;</source>
        <translation>ein Eintrag von &apos;production_hosts&apos;</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step &apos;%1&apos;</source>
        <translation>Schritt &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/core/checklist/CredentialParser.cpp" line="+168"/>
        <location line="+122"/>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>each step must be a mapping with at least &apos;id&apos; and &apos;title&apos;</source>
        <translation>jeder Schritt muss eine Zuordnung mit mindestens &apos;id&apos; und &apos;title&apos; sein</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>step id &apos;%1&apos; is not a slug: %2</source>
        <translation>Schritt-ID &apos;%1&apos; ist kein gültiger Kurzname: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate step id &apos;%1&apos; (first at %2:%3)</source>
        <translation>doppelte Schritt-ID &apos;%1&apos; (zuerst in %2:%3)</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../app/core/checklist/ParseContext.cpp" line="+211"/>
        <source>&apos;%1&apos; of %2</source>
        <translation>&apos;%1&apos; von %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;due&apos; of %1 must be a whole number of days from 0 to 3650 (got &apos;%2&apos;)</source>
        <translation>&apos;due&apos; von %1 muss eine ganze Zahl von Tagen von 0 bis 3650 sein (erhalten: &apos;%2&apos;)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;required: false&apos; contradicts &apos;signoff: true&apos; in %1: a step the mentor reviews always gates production access, so it is required; remove &apos;required: false&apos;</source>
        <translation>&apos;required: false&apos; widerspricht &apos;signoff: true&apos; in %1: Ein Schritt, den der Mentor prüft, ist immer Voraussetzung für den Produktionszugang und daher Pflicht; entfernen Sie &apos;required: false&apos;</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&apos;checklist:&apos; is missing; it holds the checklist&apos;s id, title and steps</source>
        <translation>&apos;checklist:&apos; fehlt; es enthält ID, Titel und Schritte der Checkliste</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="-198"/>
        <location filename="../app/core/checklist/ChecklistParser.cpp" line="+5"/>
        <source>the checklist</source>
        <translation>die Checkliste</translation>
    </message>
    <message>
        <location filename="../app/core/checklist/ChecklistParser.cpp" line="-82"/>
        <source>each entry of &apos;production_hosts&apos; must be a host name or a glob such as &apos;*.prod.example.com&apos;, without a scheme, user, port or path</source>
        <translation>jeder Eintrag von &apos;production_hosts&apos; muss ein Hostname oder ein Muster wie &apos;*.prod.example.com&apos; sein, ohne Schema, Benutzer, Port oder Pfad</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>in the checklist</source>
        <translation>in der Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;checklist&apos; must be a mapping with &apos;id&apos;, &apos;title&apos; and &apos;steps&apos;</source>
        <translation>&apos;checklist&apos; muss eine Zuordnung mit &apos;id&apos;, &apos;title&apos; und &apos;steps&apos; sein</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>checklist id &apos;%1&apos; is not a slug: %2</source>
        <translation>Checklisten-ID &apos;%1&apos; ist kein gültiger Kurzname: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+12"/>
        <source>the checklist has no steps; list at least one under &apos;steps:&apos;</source>
        <translation>die Checkliste hat keine Schritte; führen Sie mindestens einen unter &apos;steps:&apos; auf</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>&apos;steps&apos; must be a list of steps</source>
        <translation>&apos;steps&apos; muss eine Liste von Schritten sein</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/core/checklist/MarkdownImport.cpp" line="+227"/>
        <source>the checklist has more than %1 steps; that is the limit</source>
        <translation>die Checkliste hat mehr als %1 Schritte; das ist die Grenze</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+6"/>
        <source>not valid YAML or JSON: %1</source>
        <translation>kein gültiges YAML oder JSON: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the file is empty; a checklist file starts with &apos;onramp: %1&apos;</source>
        <translation>die Datei ist leer; eine Checklisten-Datei beginnt mit &apos;onramp: %1&apos;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>at the top level</source>
        <translation>auf oberster Ebene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a checklist file must be a mapping with &apos;onramp&apos;, &apos;checklist&apos; and, optionally, &apos;production_hosts&apos; and &apos;credentials&apos;</source>
        <translation>eine Checklisten-Datei muss eine Zuordnung mit &apos;onramp&apos;, &apos;checklist&apos; und optional &apos;production_hosts&apos; und &apos;credentials&apos; sein</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>could not read the file: %1</source>
        <translation>die Datei konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>cannot read the file: %1</source>
        <translation>die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/core/checklist/CredentialParser.cpp" line="-269"/>
        <source>production secrets are set by an admin (in the app under Admin, Production secrets, or on the command line), never shipped in onboarding documents</source>
        <translation>Produktionsgeheimnisse setzt ein Admin (in der App unter Admin, Produktionsgeheimnisse, oder auf der Kommandozeile), nie in Onboarding-Dokumenten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sandbox secrets are generated (&apos;provider: generated&apos;) or set by an admin (in the app under Admin, Production secrets, or on the command line), never written in the file</source>
        <translation>Sandbox-Geheimnisse werden erzeugt (&apos;provider: generated&apos;) oder von einem Admin gesetzt (in der App unter Admin, Produktionsgeheimnisse, oder auf der Kommandozeile), nie in die Datei geschrieben</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>production %1 carries %2: %3</source>
        <translation>Produktionszugang %1 enthält %2: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sandbox %1 carries %2: %3</source>
        <translation>Sandbox-Zugang %1 enthält %2: %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+22"/>
        <source>&apos;fields&apos; of %1 must be a mapping of field names to text</source>
        <translation>&apos;fields&apos; von %1 muss eine Zuordnung von Feldnamen zu Text sein</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>%1 has more than %2 fields; that is the limit</source>
        <translation>%1 hat mehr als %2 Felder; das ist die Grenze</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a field of %1</source>
        <translation>ein Feld von %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>field &apos;%1&apos; appears twice in %2</source>
        <translation>Feld &apos;%1&apos; kommt in %2 zweimal vor</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>field &apos;%1&apos; of %2 uses an unknown placeholder &apos;%3&apos;; the known ones are %4</source>
        <translation>Feld &apos;%1&apos; von %2 verwendet einen unbekannten Platzhalter &apos;%3&apos;; bekannt sind %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a secret-like field &apos;%1&apos;</source>
        <translation>ein geheimnisartiges Feld &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a secret inside field &apos;%1&apos;</source>
        <translation>ein Geheimnis im Feld &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>sandbox %1 names production host &apos;%2&apos; in field &apos;%3&apos; (matches production_hosts entry &apos;%4&apos;); a sandbox credential must never reach production</source>
        <translation>Sandbox-Zugang %1 nennt im Feld &apos;%3&apos; den Produktionshost &apos;%2&apos; (passt zum production_hosts-Eintrag &apos;%4&apos;); ein Sandbox-Zugang darf nie die Produktion erreichen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>generated %1 needs &apos;secret: {name: NAME, length: N}&apos;</source>
        <translation>erzeugter Zugang %1 braucht &apos;secret: {name: NAME, length: N}&apos;</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a secret value (&apos;secret:&apos;)</source>
        <translation>einen geheimen Wert (&apos;secret:&apos;)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a secret (&apos;secret:&apos;)</source>
        <translation>ein Geheimnis (&apos;secret:&apos;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>static %1 carries a &apos;secret:&apos;; static secrets are set by an admin (in the app under Admin, Production secrets, or on the command line): remove it, or use &apos;provider: generated&apos;</source>
        <translation>statische %1 enthält ein &apos;secret:&apos;; statische Geheimnisse setzt ein Admin (in der App unter Admin, Produktionsgeheimnisse, oder auf der Kommandozeile): Entfernen Sie es, oder verwenden Sie &apos;provider: generated&apos;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a secret value (&apos;%1:&apos;)</source>
        <translation>einen geheimen Wert (&apos;%1:&apos;)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>postgresql %1 needs &apos;postgresql: {server: NAME, roles: [GROUP, ...]}&apos;</source>
        <translation>postgresql-%1 braucht &apos;postgresql: {server: NAME, roles: [GROUP, ...]}&apos;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>in &apos;postgresql&apos; of %1</source>
        <translation>in &apos;postgresql&apos; von %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;postgresql&apos; of %1 must be a mapping with &apos;server&apos; and &apos;roles&apos;</source>
        <translation>&apos;postgresql&apos; von %1 muss eine Zuordnung mit &apos;server&apos; und &apos;roles&apos; sein</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;server&apos; of %1 is not a provider connection name: &apos;%2&apos;</source>
        <translation>&apos;server&apos; von %1 ist kein Name einer Anbieterverbindung: &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;template&apos; of %1: only a sandbox credential gets a database of its own</source>
        <translation>&apos;template&apos; von %1: nur Sandbox-Zugangsdaten erhalten eine eigene Datenbank</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;template&apos; of %1 is not a template database name (a-z, 0-9, _; not onramp_…): &apos;%2&apos;</source>
        <translation>&apos;template&apos; von %1 ist kein Name einer Vorlagendatenbank (a-z, 0-9, _; nicht onramp_…): &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;roles&apos; of %1 must be a list of group role names</source>
        <translation>&apos;roles&apos; von %1 muss eine Liste von Gruppenrollennamen sein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;roles&apos; of %1 has more than 64 roles</source>
        <translation>&apos;roles&apos; von %1 hat mehr als 64 Rollen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;roles&apos; of %1: &apos;%2&apos; is not a group role name (a-z, 0-9, _)</source>
        <translation>&apos;roles&apos; von %1: &apos;%2&apos; ist kein Gruppenrollenname (a-z, 0-9, _)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;roles&apos; of %1: &apos;%2&apos; is one of PostgreSQL&apos;s predefined roles</source>
        <translation>&apos;roles&apos; von %1: &apos;%2&apos; ist eine der vordefinierten Rollen von PostgreSQL</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>credential id &apos;%1&apos; is not a slug: %2</source>
        <translation>Zugangs-ID &apos;%1&apos; ist kein gültiger Kurzname: %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unknown provider &apos;%1&apos; in %2; known providers: generated, static, postgresql</source>
        <translation>unbekannter Anbieter &apos;%1&apos; in %2; bekannte Anbieter: generated, static, postgresql</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>postgresql %1 carries a &apos;secret:&apos;; the provider makes the password: remove it</source>
        <translation>postgresql-%1 enthält ein &apos;secret:&apos;; das Passwort erzeugt der Anbieter: Entfernen Sie es</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has &apos;postgresql:&apos; but its provider is &apos;%2&apos;</source>
        <translation>%1 enthält &apos;postgresql:&apos;, der Anbieter ist aber &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&apos;credentials&apos; has more than %1 credentials; that is the limit</source>
        <translation>&apos;credentials&apos; hat mehr als %1 Zugänge; das ist die Grenze</translation>
    </message>
    <message>
        <location filename="../app/cli/CredentialCommands.cpp" line="-382"/>
        <location line="+70"/>
        <location filename="../app/core/checklist/CredentialParser.cpp" line="-212"/>
        <source>the secret of %1</source>
        <translation>das Geheimnis von %1</translation>
    </message>
    <message>
        <location filename="../app/core/checklist/CredentialParser.cpp" line="+10"/>
        <source>the secret name &apos;%1&apos; of %2 is also one of its fields</source>
        <translation>der Geheimnisname &apos;%1&apos; von %2 ist zugleich eines seiner Felder</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../app/core/checklist/ParseContext.cpp" line="-8"/>
        <source>%1 has no &apos;%2&apos;</source>
        <translation>%1 hat kein &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;length&apos; of %1 must be a whole number from %2 to %3 (got &apos;%4&apos;)</source>
        <translation>&apos;length&apos; von %1 muss eine ganze Zahl von %2 bis %3 sein (erhalten: &apos;%4&apos;)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;alphabet&apos; of %1 needs at least 2 different characters</source>
        <translation>&apos;alphabet&apos; von %1 braucht mindestens 2 verschiedene Zeichen</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>credential %1</source>
        <translation>Zugang %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>credential &apos;%1&apos;</source>
        <translation>Zugang &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>each credential must be a mapping with &apos;id&apos;, &apos;title&apos;, &apos;environment&apos; and &apos;provider&apos;</source>
        <translation>jeder Zugang muss eine Zuordnung mit &apos;id&apos;, &apos;title&apos;, &apos;environment&apos; und &apos;provider&apos; sein</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>duplicate credential id &apos;%1&apos; (first at %2:%3)</source>
        <translation>doppelte Zugangs-ID &apos;%1&apos; (zuerst in %2:%3)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown environment &apos;%1&apos; in %2; known environments: sandbox, production</source>
        <translation>unbekannte Umgebung &apos;%1&apos; in %2; bekannte Umgebungen: sandbox, production</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&apos;ttl&apos; of %1 must be a positive duration such as 30d, 8h, 45m or 90s, at most 3650d (got &apos;%2&apos;)</source>
        <translation>&apos;ttl&apos; von %1 muss eine positive Dauer wie 30d, 8h, 45m oder 90s sein, höchstens 3650d (erhalten: &apos;%2&apos;)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&apos;credentials&apos; must be a list of credentials</source>
        <translation>&apos;credentials&apos; muss eine Liste von Zugängen sein</translation>
    </message>
    <message>
        <location filename="../app/core/checklist/MarkdownImport.cpp" line="-192"/>
        <location filename="../app/core/checklist/ParseContext.cpp" line="-125"/>
        <source>%1 is %2 characters long; the limit is %3</source>
        <translation>%1 ist %2 Zeichen lang; die Grenze ist %3</translation>
    </message>
    <message>
        <location line="+134"/>
        <location filename="../app/core/checklist/ParseContext.cpp" line="+15"/>
        <source>the checklist holds more than %1 characters of text; that is the limit</source>
        <translation>die Checkliste enthält mehr als %1 Zeichen Text; das ist die Grenze</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the body of step &apos;%1&apos;</source>
        <translation>der Inhalt von Schritt &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the checklist&apos;s title</source>
        <translation>der Titel der Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the section name</source>
        <translation>der Name des Abschnitts</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>this checklist item has no text</source>
        <translation>dieser Checklisten-Punkt hat keinen Text</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the step&apos;s title</source>
        <translation>der Titel des Schritts</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the checklist needs a title: start the file with &apos;# Title&apos;</source>
        <translation>die Checkliste braucht einen Titel: beginnen Sie die Datei mit &apos;# Titel&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the checklist&apos;s title (the file&apos;s name)</source>
        <translation>der Titel der Checkliste (der Dateiname)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no checklist items found; write each step as &apos;- [ ] text&apos;</source>
        <translation>keine Checklisten-Punkte gefunden; schreiben Sie jeden Schritt als &apos;- [ ] Text&apos;</translation>
    </message>
    <message>
        <location filename="../app/core/checklist/ParseContext.cpp" line="-27"/>
        <source>%1 holds %2; %3</source>
        <translation>%1 enthält %2; %3</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>keys must be plain names %1</source>
        <translation>Schlüssel müssen einfache Namen sein %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown key &apos;%1&apos; %2; expected one of: %3</source>
        <translation>unbekannter Schlüssel &apos;%1&apos; %2; erwartet wird einer von: %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>key &apos;%1&apos; appears twice %2 (first at %3:%4)</source>
        <translation>Schlüssel &apos;%1&apos; kommt zweimal vor %2 (zuerst in %3:%4)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&apos;%1&apos; of %2 must be text</source>
        <translation>&apos;%1&apos; von %2 muss Text sein</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; of %2 is empty</source>
        <translation>&apos;%1&apos; von %2 ist leer</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&apos;%1&apos; of %2 must be true or false (got &apos;%3&apos;)</source>
        <translation>&apos;%1&apos; von %2 muss true oder false sein (erhalten: &apos;%3&apos;)</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="+45"/>
        <source>credential &apos;%1&apos; names provider &apos;%2&apos;, which this Onramp does not have</source>
        <translation>Zugang &apos;%1&apos; nennt den Anbieter &apos;%2&apos;, den dieses Onramp nicht hat</translation>
    </message>
    <message>
        <location line="+822"/>
        <location filename="../app/core/credentials/Grants.cpp" line="+317"/>
        <location line="+39"/>
        <source>%1&apos;s public key is not valid; cannot seal to it</source>
        <translation>der öffentliche Schlüssel von %1 ist ungültig; an ihn kann nicht versiegelt werden</translation>
    </message>
    <message>
        <location line="-810"/>
        <location filename="../app/server/TeamGrants.cpp" line="+379"/>
        <source>%1 is disabled; nothing is granted to them</source>
        <translation>%1 ist deaktiviert; ihm wird nichts zugeteilt</translation>
    </message>
    <message>
        <location line="+1210"/>
        <source>&apos;%1&apos; is a production credential; only your mentor or an admin can renew it</source>
        <translation>&apos;%1&apos; ist ein Produktionszugang; nur Ihr Mentor oder ein Admin kann ihn verlängern</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+30"/>
        <source>no credential &apos;%1&apos; in your checklist</source>
        <translation>kein Zugang &apos;%1&apos; in Ihrer Checkliste</translation>
    </message>
    <message>
        <location line="-1119"/>
        <source>revoked; not yet dropped at the source</source>
        <translation>widerrufen; an der Quelle noch nicht entfernt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its drop at the source is pending</source>
        <translation>das Entfernen an der Quelle steht noch aus</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>withdrawn by a move; not yet dropped at the source</source>
        <translation>durch einen Wechsel entzogen; an der Quelle noch nicht gelöscht</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ended by %1; not yet dropped at the source</source>
        <translation>beendet durch %1; an der Quelle noch nicht entfernt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expired; not yet dropped at the source</source>
        <translation>abgelaufen; an der Quelle noch nicht entfernt</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>vault database %1: the sandbox credentials&apos; key index %2 for &apos;%3&apos; of enrollment %4; it was changed outside Onramp, and nothing runs on it</source>
        <translation>Tresor-Datenbank %1: der Schlüsselindex der Sandbox-Zugangsdaten %2 für &apos;%3&apos; der Einschreibung %4; er wurde außerhalb von Onramp verändert, und nichts läuft darauf</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>answers with row %1, which is &apos;%2&apos; of enrollment %3</source>
        <translation>liefert Zeile %1, die zu &apos;%2&apos; der Einschreibung %3 gehört</translation>
    </message>
    <message>
        <location line="+596"/>
        <source>%1 credential &apos;%2&apos;: %3</source>
        <translation>%1-Zugang &apos;%2&apos;: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 credential &apos;%2&apos; names provider connection &apos;%3&apos;, which an admin set for %4; a credential may only name a connection of its own environment; nothing was issued</source>
        <translation>%1-Zugang &apos;%2&apos; nennt die Anbieterverbindung &apos;%3&apos;, die ein Admin für %4 gesetzt hat; ein Zugang darf nur eine Verbindung seiner eigenen Umgebung nennen; es wurde nichts ausgestellt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 credential &apos;%2&apos; names %3, which %4 credential &apos;%5&apos; of checklist &apos;%6&apos; version %7 names; a sandbox credential must never sign in where a production one does; nothing was issued</source>
        <translation>%1-Zugang &apos;%2&apos; nennt %3, die auch der %4-Zugang &apos;%5&apos; der Checkliste &apos;%6&apos;, Version %7 nennt; ein Sandbox-Zugang darf sich nie dort anmelden, wo sich ein Produktionszugang anmeldet; es wurde nichts ausgestellt</translation>
    </message>
    <message>
        <location line="+78"/>
        <location line="+36"/>
        <location line="+36"/>
        <source>drop a login at its source</source>
        <translation>einen Login an seiner Quelle löschen</translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+33"/>
        <source>no stored checklist version names a login of &apos;%1&apos; at a source</source>
        <translation>keine gespeicherte Checklistenversion nennt eine Anmeldung von &apos;%1&apos; an einer Quelle</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>no stored checklist version names a login of &apos;%1&apos; through %2</source>
        <translation>keine gespeicherte Checklistenversion nennt einen Login von „%1“ über %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1; not yet dropped at the source</source>
        <translation>%1; an der Quelle noch nicht gelöscht</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>no admin&apos;s entry of the log created enrollment %1</source>
        <translation>kein Eintrag eines Admins im Protokoll hat die Einschreibung %1 angelegt</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>&apos;%1&apos; is a production credential: only a sandbox database of your own can be reset</source>
        <translation>&apos;%1&apos; ist ein Produktionszugang: nur eine eigene Sandbox-Datenbank lässt sich zurücksetzen</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>revoke another person&apos;s credentials</source>
        <translation>die Zugangsdaten einer anderen Person widerrufen</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>expired; its login at the source is dropped by the next sweep</source>
        <translation>abgelaufen; das Login an der Quelle wird bei der nächsten Bereinigung entfernt</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>only a mentor or an admin sweeps credentials; %1 is a hire</source>
        <translation>nur ein Mentor oder ein Admin bereinigt Zugangsdaten; %1 ist ein Neuzugang</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>&apos;%1&apos; of enrollment %2 is in no stored checklist; drop its login by hand</source>
        <translation>&apos;%1&apos; der Einschreibung %2 steht in keiner gespeicherten Checkliste; entfernen Sie das Login von Hand</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>nothing was sent to its server, since the vault does not pass its check: %1</source>
        <translation>nichts wurde an seinen Server gesendet, da der Tresor seine Prüfung nicht besteht: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>revoked %1&apos;s grant of &apos;%2&apos; in the vault; its login at the source is still to be dropped: %3</source>
        <translation>Zuteilung von &apos;%2&apos; an %1 im Tresor widerrufen; das Login an der Quelle muss noch entfernt werden: %3</translation>
    </message>
    <message>
        <location line="+284"/>
        <source>checklist &apos;%1&apos; version %2</source>
        <translation>Checkliste &apos;%1&apos; Version %2</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>only an admin can remove a credential&apos;s kept secret</source>
        <translation>nur ein Admin kann das verwahrte Geheimnis eines Zugangs entfernen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; is not a credential id a checklist can give (a connection is set again with provider set); nothing was changed</source>
        <translation>&apos;%1&apos; ist keine Zugangs-ID, die eine Checkliste vergeben kann (eine Verbindung wird mit provider set erneut gesetzt); nichts wurde geändert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a checklist uses &apos;%1&apos;: set its secret again instead (cred set); nothing was changed</source>
        <translation>eine Checkliste verwendet &apos;%1&apos;: Setzen Sie stattdessen sein Geheimnis erneut (cred set); nichts wurde geändert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 names &apos;%2&apos;, so its kept secret is not removed; nothing was changed; restore the newest backup that passes the vault check</source>
        <translation>%1 nennt &apos;%2&apos;, daher wird sein verwahrtes Geheimnis nicht entfernt; nichts wurde geändert; stellen Sie die neueste Sicherung wieder her, die die Tresorprüfung besteht</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&apos;%1&apos; has no kept secret that fails to open; only such a secret is removed; nothing was changed</source>
        <translation>&apos;%1&apos; hat kein verwahrtes Geheimnis, das sich nicht öffnen lässt; nur ein solches wird entfernt; nichts wurde geändert</translation>
    </message>
    <message>
        <location line="-515"/>
        <source>%1&apos;s %2: %3</source>
        <translation>%2 von %1: %3</translation>
    </message>
    <message>
        <location line="-530"/>
        <location line="+553"/>
        <location filename="../app/core/vault/Backup.cpp" line="+1067"/>
        <source>%1&apos;s %2</source>
        <translation>%2 von %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../app/server/TeamGrants.cpp" line="-315"/>
        <source>only %1&apos;s mentor, %2, or an admin can renew or revoke their grants</source>
        <translation>nur der Mentor von %1, %2, oder ein Admin kann dessen Zuteilungen verlängern oder widerrufen</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../app/server/TeamGrants.cpp" line="+26"/>
        <source>&apos;%1&apos; is a sandbox credential; it has no grant (the hire reissues it)</source>
        <translation>&apos;%1&apos; ist ein Sandbox-Zugang; er hat keine Zuteilung (der Neuzugang stellt ihn neu aus)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 holds no grant of &apos;%2&apos; that the log holds live; credential_grants row %3: no audit entry vouches for it; it was written outside Onramp; nothing was changed. Run vault check</source>
        <translation>%1 hat keine Zuteilung von &apos;%2&apos;, die laut Protokoll gültig ist; credential_grants Zeile %3: kein Protokolleintrag bürgt für sie; sie wurde außerhalb von Onramp geschrieben; es wurde nichts geändert. Führen Sie vault check aus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 holds no grant of &apos;%2&apos; to revoke; nothing was changed</source>
        <translation>%1 hat keine Zuteilung von &apos;%2&apos;, die widerrufen werden könnte; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="-50"/>
        <location filename="../app/server/TeamGrants.cpp" line="+4"/>
        <source>no credential &apos;%1&apos; in %2&apos;s checklist</source>
        <translation>kein Zugang &apos;%1&apos; in der Checkliste von %2</translation>
    </message>
    <message>
        <location line="-903"/>
        <source>only an admin sees every credential at once; %1 is a %2</source>
        <translation>nur ein Admin sieht alle Zugangsdaten auf einmal; %1 hat die Rolle %2</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>&apos;%1&apos; is a production credential in checklist &apos;%2&apos; version %3; its secret goes to a hire only through a grant after sign-off, never as a sandbox credential</source>
        <translation>&apos;%1&apos; sind Produktions-Zugangsdaten in Checkliste &apos;%2&apos;, Version %3; ihr Geheimnis erhält ein Neuzugang nur über eine Zuteilung nach der Freigabe, nie als Sandbox-Zugangsdaten</translation>
    </message>
    <message>
        <location line="+425"/>
        <source>&apos;%1&apos; is a %2 credential: its secret is set by an admin</source>
        <translation>&apos;%1&apos; ist ein %2-Zugang: Sein Geheimnis setzt ein Admin</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>reissue another person&apos;s credentials</source>
        <translation>die Zugangsdaten einer anderen Person neu ausstellen</translation>
    </message>
    <message>
        <location filename="../app/server/TeamGrants.cpp" line="-40"/>
        <source>only %1&apos;s mentor or an admin can renew or revoke their grants</source>
        <translation>nur der Mentor von %1 oder ein Admin kann dessen Zuteilungen verlängern oder widerrufen</translation>
    </message>
    <message>
        <location line="+115"/>
        <location line="+8"/>
        <location line="+262"/>
        <source>the hire&apos;s public key is not valid; cannot seal to it</source>
        <translation>der öffentliche Schlüssel des Neuzugangs ist ungültig; dafür kann nicht versiegelt werden</translation>
    </message>
    <message>
        <location line="-258"/>
        <source>&apos;%1&apos; is a %2 credential; a team server grants generated and static ones so far</source>
        <translation>&apos;%1&apos; ist ein Zugang mit dem Anbieter %2; ein Teamserver teilt bisher nur Zugänge mit generated und static zu</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The team server %1 shows a grant of %2 to %3 that no signed entry of its audit log vouches for.</source>
        <translation>Der Teamserver %1 zeigt eine Zuteilung von %2 an %3, für die kein signierter Eintrag seines Prüfprotokolls bürgt.</translation>
    </message>
    <message>
        <location line="+120"/>
        <location line="+15"/>
        <source>%1 holds no grant of &apos;%2&apos; to revoke</source>
        <translation>%1 hat keine Zuteilung von &apos;%2&apos;, die widerrufen werden könnte</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&apos;%1&apos; stays locked: %2</source>
        <translation>&apos;%1&apos; bleibt gesperrt: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1&apos;s mentor has not signed off yet</source>
        <translation>der Mentor von %1 hat noch keine Freigabe erteilt</translation>
    </message>
    <message>
        <location line="+223"/>
        <source>The team server %1 shows a secret of %2 that is not the one the newest signed entry of its audit log naming it gives: it was removed or altered.</source>
        <translation>Der Teamserver %1 zeigt ein Geheimnis von %2, das nicht das ist, welches der neueste signierte Eintrag seines Prüfprotokolls dazu angibt: Es wurde entfernt oder verändert.</translation>
    </message>
    <message>
        <location line="-452"/>
        <source>%1&apos;s grant of &apos;%2&apos; was renewed from another desk just now</source>
        <translation>die Zuteilung von &apos;%2&apos; an %1 wurde soeben an einem anderen Arbeitsplatz verlängert</translation>
    </message>
    <message numerus="yes">
        <location line="+304"/>
        <source>the secret of &apos;%1&apos; is set and sealed to %n hire(s) who hold it, but not to %2 (%3); their mentor or an admin seals it to them with &apos;onramp cred renew HIRE %1&apos;</source>
        <translation>
            <numerusform>das Geheimnis von &apos;%1&apos; ist gesetzt und an %n Neuzugang versiegelt, der es hat, aber nicht an %2 (%3); deren Mentor oder ein Admin versiegelt es mit &apos;onramp cred renew HIRE %1&apos; an sie</numerusform>
            <numerusform>das Geheimnis von &apos;%1&apos; ist gesetzt und an %n Neuzugänge versiegelt, die es haben, aber nicht an %2 (%3); deren Mentor oder ein Admin versiegelt es mit &apos;onramp cred renew HIRE %1&apos; an sie</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>&apos;%1&apos; is a sandbox credential; a team server keeps production secrets only so far</source>
        <translation>&apos;%1&apos; ist ein Sandbox-Zugang; ein Teamserver verwahrt bisher nur Produktionsgeheimnisse</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="+331"/>
        <source>revoked %1&apos;s grant of &apos;%2&apos;; but credential_grants row %3: no audit entry vouches for it; it was written outside Onramp (ended too). Run vault check</source>
        <translation>Zuteilung von &apos;%2&apos; an %1 widerrufen; aber credential_grants Zeile %3: kein Protokolleintrag bürgt für sie; sie wurde außerhalb von Onramp geschrieben (ebenfalls beendet). Führen Sie vault check aus</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>revoked %1&apos;s grant of &apos;%2&apos;; but credential_grants row %3, which the log vouches for, is missing: it was deleted outside Onramp. Run vault check</source>
        <translation>Zuteilung von &apos;%2&apos; an %1 widerrufen; aber credential_grants Zeile %3, für die das Protokoll bürgt, fehlt: sie wurde außerhalb von Onramp gelöscht. Führen Sie vault check aus</translation>
    </message>
    <message>
        <location line="+153"/>
        <location line="+21"/>
        <location line="+117"/>
        <location filename="../app/server/TeamGrants.cpp" line="-36"/>
        <source>only an admin can set a credential&apos;s secret</source>
        <translation>nur ein Admin kann das Geheimnis eines Zugangs setzen</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Providers.cpp" line="+21"/>
        <source>the secret for &apos;%1&apos; is empty</source>
        <translation>das Geheimnis für &apos;%1&apos; ist leer</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="-151"/>
        <source>&apos;%1&apos; is a sandbox credential in one checklist and a production one in another; give them different ids</source>
        <translation>&apos;%1&apos; ist in einer Checkliste ein Sandbox-Zugang und in einer anderen ein Produktionszugang; geben Sie ihnen verschiedene IDs</translation>
    </message>
    <message>
        <location line="+65"/>
        <location filename="../app/server/TeamGrants.cpp" line="+32"/>
        <source>no static credential &apos;%1&apos; in any checklist (static credentials: %2)</source>
        <translation>kein statischer Zugang &apos;%1&apos; in irgendeiner Checkliste (statische Zugänge: %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/server/TeamGrants.cpp" line="+1"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/SecretStore.cpp" line="+34"/>
        <source>only an admin or a mentor can store credential secrets</source>
        <translation>nur ein Admin oder ein Mentor kann Geheimnisse von Zugängen speichern</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+48"/>
        <source>the secret of &apos;%1&apos; is kept for admins and mentors only</source>
        <translation>das Geheimnis von &apos;%1&apos; ist nur Admins und Mentoren vorbehalten</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>the stored secret of &apos;%1&apos; does not open: it was altered or moved; an admin sets it again</source>
        <translation>das gespeicherte Geheimnis von &apos;%1&apos; lässt sich nicht öffnen: Es wurde verändert oder verschoben; ein Admin setzt es neu</translation>
    </message>
    <message>
        <location filename="../app/core/gate/Gate.cpp" line="+38"/>
        <source>&apos;%1&apos; is not done yet</source>
        <translation>&apos;%1&apos; ist noch nicht erledigt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the approval of &apos;%1&apos; does not verify and counts for nothing; the mentor must approve it again</source>
        <translation>die Genehmigung von &apos;%1&apos; lässt sich nicht prüfen und zählt nicht; der Mentor muss sie erneut genehmigen</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>the mentor asked for changes on &apos;%1&apos;: make them and mark it done</source>
        <translation>der Mentor hat um Änderungen an „%1“ gebeten: nehmen Sie sie vor und markieren Sie den Schritt als erledigt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; was redone after the mentor asked for changes, and waits for their review again</source>
        <translation>„%1“ wurde nach den erbetenen Änderungen neu erledigt und wartet wieder auf die Prüfung des Mentors</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is waiting for the mentor&apos;s review</source>
        <translation>&apos;%1&apos; wartet auf die Prüfung durch den Mentor</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no mentor has signed off production access yet</source>
        <translation>noch kein Mentor hat den Produktionszugang freigegeben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the sign-off&apos;s signature does not verify; it counts for nothing and a mentor must sign off again</source>
        <translation>die Signatur der Freigabe lässt sich nicht prüfen; sie zählt nicht, und ein Mentor muss erneut freigeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the sign-off is dated %1, later than now; a mentor must sign off again</source>
        <translation>die Freigabe ist auf %1 datiert, also in der Zukunft; ein Mentor muss erneut freigeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 signed off their own production access; a mentor must sign off instead</source>
        <translation>%1 hat den eigenen Produktionszugang freigegeben; stattdessen muss ein Mentor freigeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the sign-off covers checklist version %1, but the enrollment is on version %2; a mentor must sign off again</source>
        <translation>die Freigabe gilt für Checklisten-Version %1, die Einschreibung ist aber auf Version %2; ein Mentor muss erneut freigeben</translation>
    </message>
    <message>
        <location filename="../app/ui/EnrollmentBackend.cpp" line="+912"/>
        <source>That passphrase is not right; nothing was signed.</source>
        <translation>Diese Passphrase ist nicht richtig; es wurde nichts signiert.</translation>
    </message>
    <message>
        <location filename="../app/storage/Database.cpp" line="+87"/>
        <source>vault busy: another Onramp process is using %1; try again in a moment</source>
        <translation>Tresor belegt: ein anderer Onramp-Prozess verwendet %1; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>vault database %1 was changed outside Onramp: page %2 fails its integrity check (its HMAC does not match, as when a byte of it is changed); restore it from a backup</source>
        <translation>die Tresor-Datenbank %1 wurde außerhalb von Onramp geändert: Seite %2 besteht ihre Integritätsprüfung nicht (ihr HMAC stimmt nicht, wie wenn ein Byte darin geändert wurde); stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vault database %1 is damaged or was tampered with (%2); restore it from a backup</source>
        <translation>Tresor-Datenbank %1 ist beschädigt oder wurde manipuliert (%2); stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 in %2: %3</source>
        <translation>%1 in %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in %2 failed: %3</source>
        <translation>%1 in %2 fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>vault database %1 is a symbolic link; restore the file itself from a backup</source>
        <translation>Tresor-Datenbank %1 ist ein symbolischer Link; stellen Sie die Datei selbst aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vault database %1 is missing</source>
        <translation>Tresor-Datenbank %1 fehlt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vault database %1 is truncated (%2 bytes); restore it from a backup</source>
        <translation>Tresor-Datenbank %1 ist abgeschnitten (%2 Bytes); stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 already exists</source>
        <translation>%1 existiert bereits</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>opening the vault database</source>
        <translation>beim Öffnen der Tresor-Datenbank</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot set the key of %1</source>
        <translation>der Schlüssel von %1 kann nicht gesetzt werden</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>SQLCipher 4.6 or newer is needed, found &apos;%1&apos;</source>
        <translation>SQLCipher 4.6 oder neuer wird benötigt, gefunden: &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SQLCipher settings for %1 are not the pinned ones (4096-byte pages, HMAC, temp store in memory)</source>
        <translation>die SQLCipher-Einstellungen für %1 sind nicht die festgelegten (4096-Byte-Seiten, HMAC, temporärer Speicher im Arbeitsspeicher)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>vault database %1 is truncated (%2 of %3 pages); restore it from a backup</source>
        <translation>Tresor-Datenbank %1 ist abgeschnitten (%2 von %3 Seiten); stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>opening an in-memory database</source>
        <translation>beim Öffnen einer Datenbank im Arbeitsspeicher</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+102"/>
        <source>the vault database %1 is closed</source>
        <translation>die Tresor-Datenbank %1 ist geschlossen</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>preparing a statement</source>
        <translation>beim Vorbereiten einer Anweisung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>only one SQL statement at a time, in %1</source>
        <translation>nur eine SQL-Anweisung auf einmal, in %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>statement expects %1 values, got %2</source>
        <translation>die Anweisung erwartet %1 Werte, erhalten: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cannot store a value of type %1</source>
        <translation>ein Wert vom Typ %1 kann nicht gespeichert werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>binding a value</source>
        <translation>beim Binden eines Werts</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>running a statement</source>
        <translation>beim Ausführen einer Anweisung</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>re-encrypting the vault</source>
        <translation>beim Neuverschlüsseln des Tresors</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cipher: %1</source>
        <translation>cipher: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>sqlite: %1</source>
        <translation>sqlite: %1</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>vault database %1 failed its integrity checks</source>
        <translation>Tresor-Datenbank %1 hat ihre Integritätsprüfungen nicht bestanden</translation>
    </message>
    <message>
        <location line="-326"/>
        <source>%1, the vault database&apos;s journal, is a symbolic link: Onramp never reads or writes a journal through a link, where it could land in another file. Remove the link; the vault keeps its last commit</source>
        <translation>%1, das Journal der Tresor-Datenbank, ist ein symbolischer Link: Onramp liest und schreibt ein Journal nie über einen Link, der in eine andere Datei führen könnte. Entfernen Sie den Link; der Tresor behält seinen letzten Stand</translation>
    </message>
    <message>
        <location line="+343"/>
        <location filename="../app/ui/AdminBackend.cpp" line="+609"/>
        <source>cipher_integrity_check: ok</source>
        <translation>cipher_integrity_check: ok</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/ui/AdminBackend.cpp" line="+1"/>
        <source>integrity_check: ok</source>
        <translation>integrity_check: ok</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>transaction already finished</source>
        <translation>Transaktion bereits abgeschlossen</translation>
    </message>
    <message>
        <location filename="../app/storage/Schema.cpp" line="+301"/>
        <source>a table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an index</source>
        <translation>Index</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a view</source>
        <translation>Sicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an object of type %1</source>
        <translation>Objekt vom Typ %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>vault database %1 claims schema %2, but this Onramp made schema %3</source>
        <translation>Tresor-Datenbank %1 gibt Schema %2 an, dieses Onramp hat aber Schema %3 angelegt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>vault database %1 holds %2 &apos;%3&apos; (on %4) that Onramp did not create; nothing privileged runs beside it: an admin removes it with &apos;onramp vault sql&apos;</source>
        <translation>Tresor-Datenbank %1 enthält ein Objekt, das Onramp nicht angelegt hat: %2 &apos;%3&apos; (auf %4); daneben läuft nichts Privilegiertes: ein Admin entfernt es mit &apos;onramp vault sql&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vault database %1: %2 &apos;%3&apos; is not the one Onramp created (its definition was changed)</source>
        <translation>Tresor-Datenbank %1: %2 &apos;%3&apos; ist nicht das Objekt, das Onramp angelegt hat (seine Definition wurde geändert)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>vault database %1: %2 &apos;%3&apos; that Onramp created is missing</source>
        <translation>Tresor-Datenbank %1: das von Onramp angelegte Objekt %2 &apos;%3&apos; fehlt</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the vault %1 was written by a newer Onramp (schema %2; this Onramp knows up to %3); upgrade Onramp to open it</source>
        <translation>der Tresor %1 wurde von einem neueren Onramp geschrieben (Schema %2; dieses Onramp kennt bis %3); aktualisieren Sie Onramp, um ihn zu öffnen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot back up %1 to %2 before upgrading it</source>
        <translation>%1 kann vor der Aktualisierung nicht nach %2 gesichert werden</translation>
    </message>
    <message>
        <location filename="../app/cli/CliMain.cpp" line="-145"/>
        <source>Usage: onramp [OPTIONS]            start the desktop app</source>
        <translation>Aufruf: onramp [OPTIONS]            die Desktop-App starten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>       onramp COMMAND [ARGS] [OPTIONS]  run a command headless</source>
        <translation>        onramp COMMAND [ARGS] [OPTIONS]  einen Befehl ohne Oberfläche ausführen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onramp makes a new developer&apos;s first days safe: sandbox credentials on day one,
production access only after the required steps and a mentor&apos;s sign-off.</source>
        <translation>Onramp macht die ersten Tage neuer Entwickler sicher: Sandbox-Zugangsdaten am ersten Tag,
Produktionszugang erst nach den Pflichtschritten und der Freigabe eines Mentors.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Desktop app options:</source>
        <translation>Optionen der Desktop-App:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the vault in DIR</source>
        <translation>den Tresor in DIR öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the demo vault (public passphrases; never for real secrets)</source>
        <translation>den Demo-Tresor öffnen (öffentliche Passphrasen; nie für echte Geheimnisse)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>render the window to a PNG file and exit</source>
        <translation>das Fenster in eine PNG-Datei zeichnen und beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with --screenshot: the page to show</source>
        <translation>mit --screenshot: die zu zeigende Seite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with --screenshot: the window size (default 1280x800)</source>
        <translation>mit --screenshot: die Fenstergröße (Standard 1280x800)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with --screenshot and --vault: sign in as NAME and show their data</source>
        <translation>mit --screenshot und --vault: als NAME anmelden und deren Daten zeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with --as: read NAME&apos;s passphrase from the file F</source>
        <translation>mit --as: die Passphrase von NAME aus der Datei F lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>system, light or dark for this run (default: the app&apos;s setting)</source>
        <translation>system, light oder dark für diesen Lauf (Standard: die Einstellung der App)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the language for this run, such as de or en (default: the app&apos;s setting)</source>
        <translation>die Sprache für diesen Lauf, etwa de oder en (Standard: die Einstellung der App)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Options for every command:</source>
        <translation>Optionen für jeden Befehl:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Exit codes: 0 ok, 1 I/O error, 2 usage, 3 wrong passphrase or unknown person,
4 not permitted, 5 invalid input, 6 vault damaged or tampered, 7 vault busy,
%1 scan found something.</source>
        <translation>Exit-Codes: 0 ok, 1 E/A-Fehler, 2 falscher Aufruf, 3 falsche Passphrase oder unbekannte Person,
4 nicht erlaubt, 5 ungültige Eingabe, 6 Tresor beschädigt oder manipuliert, 7 Tresor belegt,
%1 Scan hat etwas gefunden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: onramp %1</source>
        <translation>Aufruf: onramp %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> [OPTIONS]</source>
        <translation> [OPTIONS]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Options:</source>
        <translation>Optionen:</translation>
    </message>
    <message>
        <location line="+95"/>
        <location line="+6"/>
        <source>Run &apos;onramp --help&apos; for usage.</source>
        <translation>&apos;onramp --help&apos; zeigt den Aufruf.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;onramp %1&apos; is followed by one of:</source>
        <translation>auf &apos;onramp %1&apos; folgt eines von:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown command &apos;%1&apos;</source>
        <translation>unbekannter Befehl &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run &apos;onramp --help&apos; for the list of commands.</source>
        <translation>&apos;onramp --help&apos; zeigt die Liste der Befehle.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&apos;%1&apos; does not take --%2</source>
        <translation>&apos;%1&apos; nimmt kein --%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run &apos;onramp %1 --help&apos; for its options.</source>
        <translation>&apos;onramp %1 --help&apos; zeigt seine Optionen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>usage: onramp %1 %2</source>
        <translation>Aufruf: onramp %1 %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&apos;%1&apos; cannot run: %2</source>
        <translation>„%1“ kann nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <location filename="../app/cli/CredentialCommands.cpp" line="-110"/>
        <location line="+7"/>
        <location line="+39"/>
        <source>write error</source>
        <translation>Schreibfehler</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>cannot write %1 to the output: %2</source>
        <translation>%1 kann nicht ausgegeben werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the secret of %1 is not valid UTF-8, so JSON cannot carry it unchanged; use &apos;onramp cred show %1&apos; without --json, or &apos;onramp cred export&apos;</source>
        <translation>das Geheimnis von %1 ist kein gültiges UTF-8, daher kann JSON es nicht unverändert tragen; verwenden Sie &apos;onramp cred show %1&apos; ohne --json oder &apos;onramp cred export&apos;</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1, revoke pending at its source</source>
        <translation>%1, Widerruf an der Quelle ausstehend</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sandbox, ready</source>
        <translation>Sandbox, bereit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sandbox, not issued on a team server yet</source>
        <translation>Sandbox, auf einem Teamserver noch nicht ausgegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not set yet — ask an admin</source>
        <translation>noch nicht gesetzt – fragen Sie einen Admin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, locked</source>
        <translation>Produktion, gesperrt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, granted until %1</source>
        <translation>Produktion, zugeteilt bis %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, not granted</source>
        <translation>Produktion, nicht zugeteilt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production, ended early (it was to run to %1)</source>
        <translation>Produktion, vorzeitig beendet (sollte bis %1 gelten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>production, expired at %1</source>
        <translation>Produktion, abgelaufen am %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, revoked by %1</source>
        <translation>Produktion, widerrufen von %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, grant does not verify</source>
        <translation>Produktion, Zuteilung lässt sich nicht prüfen</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+115"/>
        <location line="+13"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+63"/>
        <source>No credentials to show.</source>
        <translation>Keine Zugangsdaten anzuzeigen.</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>%1, one per hire</source>
        <translation>%1, eines je Neuzugang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>static, set %1</source>
        <translation>statisch, gesetzt am %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>static, not set yet</source>
        <translation>statisch, noch nicht gesetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (leaked, rotate: found by a scan %1)</source>
        <translation> (offengelegt, erneuern: von einem Scan %1 gefunden)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>grants: %1 live, %2 expired, %3 revoked</source>
        <translation>Zuteilungen: %1 gültig, %2 abgelaufen, %3 widerrufen</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n hire(s) enrolled. Grants are counted as recorded; their signatures are checked where they are listed: &apos;onramp cred list --hire NAME&apos;, or every hire&apos;s with &apos;--limit N [--after HIRE]&apos; or &apos;--all&apos;.</source>
        <translation>
            <numerusform>%n Neuzugang eingeschrieben. Zuteilungen werden so gezählt, wie sie festgehalten sind; ihre Signaturen werden dort geprüft, wo sie aufgelistet werden: &apos;onramp cred list --hire NAME&apos;, oder die aller Neuzugänge mit &apos;--limit N [--after HIRE]&apos; oder &apos;--all&apos;.</numerusform>
            <numerusform>%n Neuzugänge eingeschrieben. Zuteilungen werden so gezählt, wie sie festgehalten sind; ihre Signaturen werden dort geprüft, wo sie aufgelistet werden: &apos;onramp cred list --hire NAME&apos;, oder die aller Neuzugänge mit &apos;--limit N [--after HIRE]&apos; oder &apos;--all&apos;.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--limit needs a number of hires from 1 to %1, not &apos;%2&apos;</source>
        <translation>--limit braucht eine Anzahl von Neuzugängen von 1 bis %1, nicht &apos;%2&apos;</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>--environment of &apos;cred export&apos; is &apos;%1&apos;: give sandbox or production</source>
        <translation>--environment von „cred export“ ist „%1“: geben Sie sandbox oder production an</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Removed the kept secret of %1, which no checklist uses.</source>
        <translation>Das verwahrte Geheimnis von %1, das keine Checkliste verwendet, wurde entfernt.</translation>
    </message>
    <message>
        <location line="-296"/>
        <source>&apos;cred list&apos; takes one of --hire, --limit/--after and --all</source>
        <translation>&apos;cred list&apos; nimmt nur eines von --hire, --limit/--after und --all</translation>
    </message>
    <message>
        <location line="+94"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+3"/>
        <source>More: &apos;onramp cred list --limit %1 --after %2&apos;</source>
        <translation>Weitere: &apos;onramp cred list --limit %1 --after %2&apos;</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Issued a fresh secret for %1; the old one no longer works here. &apos;onramp cred show %1&apos; shows it.</source>
        <translation>Neues Geheimnis für %1 ausgestellt; das alte gilt hier nicht mehr. &apos;onramp cred show %1&apos; zeigt es.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>only a hire resets their own sandbox database; %1 is not a hire</source>
        <translation>nur ein Neuzugang setzt seine eigene Sandbox-Datenbank zurück; %1 ist kein Neuzugang</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>you have no sandbox database of your own: no sandbox credential of your checklist names a template</source>
        <translation>Sie haben keine eigene Sandbox-Datenbank: Kein Sandbox-Zugang Ihrer Checkliste nennt eine Vorlage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>you have %1 sandbox databases of your own (%2): name the one to reset</source>
        <translation>Sie haben %1 eigene Sandbox-Datenbanken (%2): Nennen Sie die zurückzusetzende</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reset your sandbox database of %1: it is as it was on day one.</source>
        <translation>Ihre Sandbox-Datenbank von %1 wurde zurückgesetzt: Sie ist wieder wie am ersten Tag.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;cred export&apos; needs --format env or --format pgpass</source>
        <translation>&apos;cred export&apos; braucht --format env oder --format pgpass</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the exported credentials</source>
        <translation>die exportierten Zugangsdaten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrote %1 credential(s) to %2 (readable by you only).</source>
        <translation>Zugänge: %1, geschrieben nach %2 (nur für Sie lesbar).</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../app/cli/OnboardingCommands.cpp" line="+54"/>
        <location line="+101"/>
        <source>Dropped at its source, pending until now: %1</source>
        <translation>An der Quelle entfernt, bisher ausstehend: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revoked %1&apos;s grant of %2 in Onramp; the revoke at its source is pending and &apos;onramp cred sweep&apos; retries it.</source>
        <translation>Zuteilung von %2 an %1 in Onramp widerrufen; der Widerruf an der Quelle steht noch aus, und &apos;onramp cred sweep&apos; versucht ihn erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>revoke pending: %1</source>
        <translation>Widerruf ausstehend: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="-51"/>
        <source>Revoked %1&apos;s grant of %2.</source>
        <translation>Zuteilung von %2 an %1 widerrufen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+6"/>
        <source>Renewed %1&apos;s grant of %2 until %3.</source>
        <translation>Zuteilung von %2 an %1 bis %3 verlängert.</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Revoked %n login(s) at their source.</source>
        <translation>
            <numerusform>%n Login an seiner Quelle widerrufen.</numerusform>
            <numerusform>%n Logins an ihrer Quelle widerrufen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still pending: %1</source>
        <translation>Noch ausstehend: %1</translation>
    </message>
    <message>
        <location filename="../app/cli/SecretFile.cpp" line="+13"/>
        <source>&apos;cred set&apos; needs --secret-file FILE (the secret is never a command-line argument)</source>
        <translation>&apos;cred set&apos; braucht --secret-file FILE (das Geheimnis ist nie ein Kommandozeilenargument)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../app/core/people/RosterImport.cpp" line="+251"/>
        <location filename="../app/core/scan/IgnoreRules.cpp" line="+130"/>
        <location filename="../app/core/scan/Scanner.cpp" line="+215"/>
        <location filename="../app/core/vault/Backup.cpp" line="-906"/>
        <location line="+3"/>
        <location filename="../app/storage/TrustStore.cpp" line="+186"/>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is empty</source>
        <translation>%1 ist leer</translation>
    </message>
    <message>
        <location filename="../app/cli/CredentialCommands.cpp" line="+19"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+78"/>
        <source>Set the secret of %1; sealed to %2 enrolled hire(s) who hold it.</source>
        <translation>Geheimnis von %1 gesetzt; versiegelt für die eingeschriebenen Neuzugänge, die ihn haben: %2.</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+70"/>
        <source>list credentials: a hire&apos;s own, a mentor&apos;s mentees&apos;; an admin&apos;s overview of every credential with its grants counted (per hire with --hire, --limit or --all)</source>
        <translation>Zugangsdaten auflisten: die eigenen eines Neuzugangs, die der Mentees eines Mentors; für einen Admin eine Übersicht aller Zugänge mit gezählten Zuteilungen (je Neuzugang mit --hire, --limit oder --all)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one hire&apos;s credentials only</source>
        <translation>nur die Zugangsdaten eines Neuzugangs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the credentials of N hires (1-10000) in name order, a page at a time</source>
        <translation>die Zugangsdaten von N Neuzugängen (1-10000) nach Namen geordnet, seitenweise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the page after this hire (with --limit; default 100 hires)</source>
        <translation>die Seite nach diesem Neuzugang (mit --limit; Standard 100 Neuzugänge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every hire&apos;s credentials (costs the whole vault)</source>
        <translation>die Zugangsdaten aller Neuzugänge (durchläuft den ganzen Tresor)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>show one of your credentials with its secret (the hire)</source>
        <translation>einen Ihrer Zugänge mit seinem Geheimnis zeigen (der Neuzugang)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>replace one of your sandbox secrets with a fresh one (the hire)</source>
        <translation>eines Ihrer Sandbox-Geheimnisse durch ein neues ersetzen (der Neuzugang)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>write your readable credentials as env or pgpass lines, mode 0600 (the hire)</source>
        <translation>Ihre lesbaren Zugangsdaten als env- oder pgpass-Zeilen schreiben, Modus 0600 (der Neuzugang)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file format</source>
        <translation>das Dateiformat</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>revoke a hire&apos;s production grant (their mentor or an admin)</source>
        <translation>die Produktionszuteilung eines Neuzugangs widerrufen (sein Mentor oder ein Admin)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>grant a hire&apos;s production credential again with a new expiry (their mentor or an admin)</source>
        <translation>den Produktionszugang eines Neuzugangs mit neuem Ablauf erneut zuteilen (sein Mentor oder ein Admin)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>retry the revokes at a credential&apos;s source that are pending, and drop expired grants&apos; logins (a mentor or an admin; exit 1 while any is still pending)</source>
        <translation>ausstehende Widerrufe an der Quelle von Zugangsdaten erneut versuchen und die Logins abgelaufener Zuteilungen entfernen (ein Mentor oder ein Admin; Exit-Code 1, solange noch einer aussteht)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set a static credential&apos;s secret from a file (admin)</source>
        <translation>das Geheimnis eines statischen Zugangs aus einer Datei setzen (Admin)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file holding the secret</source>
        <translation>die Datei mit dem Geheimnis</translation>
    </message>
    <message>
        <location line="-238"/>
        <source>read the new passphrase from FILE</source>
        <translation>die neue Passphrase aus FILE lesen</translation>
    </message>
    <message>
        <location filename="../app/cli/TeamCommands.cpp" line="+42"/>
        <source>The team server&apos;s part of Onramp cannot be loaded: %1</source>
        <translation>Der Teamserver-Teil von Onramp kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 (%2) in the vault %3</source>
        <translation>%1 (%2) im Tresor %3</translation>
    </message>
    <message>
        <location filename="../app/cli/TeamOptions.cpp" line="+58"/>
        <source>give --server URL (a team server) or --vault DIR (a folder vault), not both</source>
        <translation>geben Sie --server URL (ein Teamserver) oder --vault DIR (ein Ordner-Tresor) an, nicht beides</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--server needs a libpq connection string or postgresql:// URI</source>
        <translation>--server braucht eine libpq-Verbindungszeichenfolge oder eine postgresql://-URI</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; works on folder vaults only so far; on a team server Onramp runs &apos;team init&apos;, %2. Leave out %3 and give --vault DIR.</source>
        <translation>„%1“ funktioniert bisher nur mit Ordner-Tresoren; auf einem Teamserver führt Onramp „team init“, %2 aus. Lassen Sie %3 weg und geben Sie --vault DIR an.</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+354"/>
        <source>set up a team server: its schema, roles and first admin (--admin NAME)</source>
        <translation>einen Teamserver einrichten: Schema, Rollen und ersten Admin (--admin NAME)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first admin</source>
        <translation>der erste Admin</translation>
    </message>
    <message>
        <location line="-350"/>
        <source>the name shown to people</source>
        <translation>der Name, den andere sehen</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>check the database, the audit log and, as an admin, every record, key slot and provider connection against it</source>
        <translation>Datenbank und Prüfprotokoll prüfen und, als Admin, jeden Datensatz, Schlüsselplatz und jede Anbieterverbindung daran</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>ask for changes on a hire&apos;s step and reopen it (their mentor)</source>
        <translation>um Änderungen am Schritt eines Neuzugangs bitten und ihn wieder öffnen (sein Mentor)</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>set a provisioning connection a source provider signs in with (admin)</source>
        <translation>eine Bereitstellungsverbindung setzen, mit der sich ein Anbieter von Zugangsdaten anmeldet (Admin)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the libpq connection string, without a password</source>
        <translation>die libpq-Verbindungszeichenfolge, ohne Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file holding its password</source>
        <translation>die Datei mit ihrem Passwort</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>list the provisioning connections, without their passwords (admin)</source>
        <translation>die Bereitstellungsverbindungen auflisten, ohne ihre Passwörter (Admin)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>entries whose action, actor, subject or details hold TEXT (A-Z in any case), or whose actor or subject has it in their display name</source>
        <translation>Einträge, deren Aktion, Akteur, Betreff oder Details TEXT enthalten (A–Z ohne Rücksicht auf Groß- und Kleinschreibung), oder deren Akteur oder Betreff ihn im Anzeigenamen trägt</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>write the whole vault, still sealed, to one backup file signed by you (admin)</source>
        <translation>den ganzen Tresor, weiterhin versiegelt, in eine von Ihnen signierte Sicherungsdatei schreiben (Admin)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>bring back the backup as it is, even grants the replaced vault revoked</source>
        <translation>die Sicherung unverändert wiederherstellen, auch mit Zuteilungen, die der ersetzte Tresor widerrufen hatte</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the most locks a login&apos;s sessions may hold together (256)</source>
        <translation>die meisten Sperren, die die Sitzungen einer Anmeldung zusammen halten dürfen (256)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>how often to look (1)</source>
        <translation>wie oft nachgesehen wird (1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sign in (--as NAME) and say who you are and your role, on a vault or a team server</source>
        <translation>anmelden (--as NAME) und anzeigen, wer Sie sind und welche Rolle Sie haben, in einem Tresor oder auf einem Teamserver</translation>
    </message>
    <message>
        <location filename="../app/cli/VaultCommands.cpp" line="+34"/>
        <source>&apos;init&apos; needs --admin NAME (the first admin)</source>
        <translation>&apos;init&apos; braucht --admin NAME (der erste Admin)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--kdf must be interactive, moderate or sensitive</source>
        <translation>--kdf muss interactive, moderate oder sensitive sein</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Created a vault in %1 with admin %2.</source>
        <translation>Tresor in %1 mit Admin %2 angelegt.</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="-471"/>
        <source>&apos;person add&apos; needs --role hire, mentor or admin</source>
        <translation>&apos;person add&apos; braucht --role hire, mentor oder admin</translation>
    </message>
    <message>
        <location line="+44"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+124"/>
        <source>	(disabled)</source>
        <translation>	(deaktiviert)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Disabled %1: their passphrase no longer opens the vault. &apos;onramp passphrase reset %1&apos; enables them again; &apos;onramp vault rekey&apos; also shuts out any older copy of the key file.</source>
        <translation>%1 deaktiviert: die Passphrase öffnet den Tresor nicht mehr. &apos;onramp passphrase reset %1&apos; aktiviert die Person wieder; &apos;onramp vault rekey&apos; sperrt zusätzlich jede ältere Kopie der Schlüsseldatei aus.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Changed the passphrase of %1.</source>
        <translation>Passphrase von %1 geändert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;vault restored&apos; needs --as NAME (an admin)</source>
        <translation>&apos;vault restored&apos; braucht --as NAME (ein Admin)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Recorded that %1 was restored from a backup (restore %2); desktops that saw a newer state accept it from now on.</source>
        <translation>Festgehalten, dass %1 aus einer Sicherung wiederhergestellt wurde (Wiederherstellung %2); Desktops, die einen neueren Stand gesehen haben, akzeptieren ihn ab jetzt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This desktop had seen audit entry %1; the restored vault ended at entry %2, so at least %3 recorded changes are not in it. Do again what they did: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation>Dieser Computer hatte Protokolleintrag %1 gesehen; der wiederhergestellte Tresor endet bei Eintrag %2, also fehlen darin mindestens %3 aufgezeichnete Änderungen. Wiederholen Sie, was sie taten: zuerst deaktivieren, dann widerrufen, dann hinzugefügte Personen, Freigaben und gesetzte Geheimnisse.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This desktop had seen another audit entry %1 than the restored vault holds: what was recorded after the backup was taken is not in it, and this desktop cannot tell how much. If nobody restored a backup on purpose, the vault was tampered with. Do again what was done since the backup: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation>Dieser Computer hatte einen anderen Protokolleintrag %1 gesehen, als der wiederhergestellte Tresor enthält: Was nach der Sicherung aufgezeichnet wurde, fehlt darin, und dieser Computer kann nicht sagen, wie viel. Wenn niemand absichtlich eine Sicherung wiederhergestellt hat, wurde der Tresor manipuliert. Wiederholen Sie, was seit der Sicherung getan wurde: zuerst deaktivieren, dann widerrufen, dann hinzugefügte Personen, Freigaben und gesetzte Geheimnisse.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rotated the master key of %1.</source>
        <translation>Hauptschlüssel von %1 erneuert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rotated the production key of %1: every production secret is kept under the new one, sealed to each admin and mentor.</source>
        <translation>Produktionsschlüssel von %1 erneuert: jedes Produktionsgeheimnis liegt unter dem neuen, versiegelt für jeden Admin und Mentor.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 still holds a passphrase an admin handed over, and the new key is in that slot too: rotate again once they have chosen their own.</source>
        <translation>%1 hat noch eine von einem Admin übergebene Passphrase, und der neue Schlüssel liegt auch in diesem Platz: erneuern Sie erneut, sobald sie ihre eigene gewählt haben.</translation>
    </message>
    <message>
        <location filename="../app/core/vault/VaultSql.cpp" line="+100"/>
        <source>only an admin may run raw SQL; %1 is a %2</source>
        <translation>nur ein Admin darf rohes SQL ausführen; %1 hat die Rolle %2</translation>
    </message>
    <message>
        <location filename="../app/cli/VaultCommands.cpp" line="-158"/>
        <source>Added %1 (%2); they choose their own passphrase when they first sign in.</source>
        <translation>%1 (%2) hinzugefügt; die Person wählt bei der ersten Anmeldung eine eigene Passphrase.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Reset the passphrase of %1; they have a new key pair, and choose their own passphrase at their next sign-in.</source>
        <translation>Passphrase von %1 zurückgesetzt; die Person hat ein neues Schlüsselpaar und wählt bei der nächsten Anmeldung eine eigene Passphrase.</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="-362"/>
        <source>Argon2id cost for key slots: interactive, moderate (default) or sensitive</source>
        <translation>Argon2id-Aufwand für Schlüsselplätze: interactive, moderate (Standard) oder sensitive</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>create a vault with its first admin</source>
        <translation>einen Tresor mit seinem ersten Admin anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first admin&apos;s name</source>
        <translation>der Name des ersten Admins</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>add a person (admin)</source>
        <translation>eine Person hinzufügen (Admin)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hire, mentor or admin</source>
        <translation>hire, mentor oder admin</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>list the people in the vault</source>
        <translation>die Personen im Tresor auflisten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>disable a person: their key slot loses its keys (admin)</source>
        <translation>eine Person deaktivieren: ihr Schlüsselplatz verliert seine Schlüssel (Admin)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>change your own passphrase</source>
        <translation>die eigene Passphrase ändern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give a person a new passphrase and key pair (admin)</source>
        <translation>einer Person eine neue Passphrase und ein neues Schlüsselpaar geben (Admin)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>confirm that the vault was restored from a backup on purpose (admin)</source>
        <translation>bestätigen, dass der Tresor absichtlich aus einer Sicherung wiederhergestellt wurde (Admin)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>rotate the master key (admin)</source>
        <translation>den Hauptschlüssel erneuern (Admin)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rotate the production key, re-encrypting every production secret (admin)</source>
        <translation>den Produktionsschlüssel erneuern und jedes Produktionsgeheimnis neu verschlüsseln (Admin)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>run one raw SQL statement and print rows tab-separated (admin)</source>
        <translation>eine rohe SQL-Anweisung ausführen und Zeilen tabulatorgetrennt ausgeben (Admin)</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/CredentialView.cpp" line="+62"/>
        <source>the secret of &apos;%1&apos; was sealed to %2&apos;s key before their passphrase was reset; reissue it</source>
        <translation>das Geheimnis von &apos;%1&apos; wurde für den Schlüssel von %2 versiegelt, bevor deren Passphrase zurückgesetzt wurde; stellen Sie es neu aus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production credential &apos;%1&apos; was sealed to %2&apos;s key before their passphrase was reset; ask your mentor to renew it</source>
        <translation>die Produktions-Zugangsdaten &apos;%1&apos; wurden für den Schlüssel von %2 versiegelt, bevor deren Passphrase zurückgesetzt wurde; bitten Sie Ihren Mentor, sie zu verlängern</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>sandbox credential &apos;%1&apos; is not issued on a team server yet; your mentor can point you to the team&apos;s sandbox</source>
        <translation>der Sandbox-Zugang &apos;%1&apos; wird auf einem Teamserver noch nicht ausgegeben; Ihr Mentor zeigt Ihnen die Sandbox des Teams</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the secret of &apos;%1&apos; is not set yet — ask an admin to set it</source>
        <translation>das Geheimnis von &apos;%1&apos; ist noch nicht gesetzt – bitten Sie einen Admin, es zu setzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>production credential &apos;%1&apos; is locked: %2</source>
        <translation>Produktionszugang &apos;%1&apos; ist gesperrt: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential &apos;%1&apos; was not granted to %2; ask your mentor to renew it</source>
        <translation>Produktionszugang &apos;%1&apos; wurde %2 nicht zugeteilt; bitten Sie Ihren Mentor, ihn zu verlängern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential &apos;%1&apos; was recorded as expired before its expiry at %2 (a desktop&apos;s clock was probably ahead); ask your mentor to renew it</source>
        <translation>Produktionszugang &apos;%1&apos; wurde vor seinem Ablauf um %2 als abgelaufen vermerkt (die Uhr eines Computers ging wahrscheinlich vor); bitten Sie Ihren Mentor, ihn zu verlängern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential &apos;%1&apos; expired at %2; ask your mentor to renew it</source>
        <translation>Produktionszugang &apos;%1&apos; ist am %2 abgelaufen; bitten Sie Ihren Mentor, ihn zu verlängern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>production credential &apos;%1&apos; was revoked by %2 at %3; its login at the source is not dropped yet (revoke pending)</source>
        <translation>Produktions-Zugang &apos;%1&apos; wurde von %2 am %3 widerrufen; das Login an der Quelle ist noch nicht entfernt (Widerruf ausstehend)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential &apos;%1&apos; was revoked by %2 at %3</source>
        <translation>Produktionszugang &apos;%1&apos; wurde von %2 am %3 widerrufen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the grant of production credential &apos;%1&apos; does not verify (altered in the database?); ask your mentor to renew it</source>
        <translation>die Zuteilung des Produktionszugangs &apos;%1&apos; lässt sich nicht prüfen (in der Datenbank verändert?); bitten Sie Ihren Mentor, ihn zu verlängern</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="-1546"/>
        <source>only a hire has credentials to read; %1 is a %2</source>
        <translation>nur ein Neuzugang hat Zugangsdaten zu lesen; %1 hat die Rolle %2</translation>
    </message>
    <message>
        <location line="+414"/>
        <source>the secret of &apos;%1&apos; does not open with %2&apos;s key (sealed to an older key, or altered); reissue it or ask your mentor to renew it</source>
        <translation>das Geheimnis von &apos;%1&apos; lässt sich mit dem Schlüssel von %2 nicht öffnen (an einen älteren Schlüssel versiegelt oder verändert); stellen Sie es neu aus oder bitten Sie Ihren Mentor, es zu verlängern</translation>
    </message>
    <message>
        <location line="+42"/>
        <location filename="../app/server/TeamCredentials.cpp" line="+165"/>
        <source>no credential &apos;%1&apos; in your checklist (credentials: %2)</source>
        <translation>kein Zugang &apos;%1&apos; in Ihrer Checkliste (Zugänge: %2)</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Providers.cpp" line="+4"/>
        <source>the secret for &apos;%1&apos; is only spaces; paste the secret itself</source>
        <translation>das Geheimnis für &apos;%1&apos; besteht nur aus Leerzeichen; fügen Sie das Geheimnis selbst ein</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>&apos;%1&apos; is a static credential: only an admin can set a new secret for it</source>
        <translation>&apos;%1&apos; ist ein statischer Zugang: nur ein Admin kann ein neues Geheimnis dafür setzen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the %1 provider signs in nowhere: it has no connections</source>
        <translation>der Anbieter %1 meldet sich nirgends an: er hat keine Verbindungen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; is a %2 credential: there is nothing at its source to reset</source>
        <translation>&apos;%1&apos; ist ein Zugang mit dem Anbieter %2: an seiner Quelle gibt es nichts zurückzusetzen</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/ChecklistStore.cpp" line="+181"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+134"/>
        <source>only an admin can import checklists</source>
        <translation>nur ein Admin kann Checklisten importieren</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/OnboardingRules.cpp" line="+17"/>
        <source>credential &apos;%1&apos; is a %2 credential in checklist &apos;%3&apos; and a %4 one here; give them different ids; nothing was imported</source>
        <translation>Zugang &apos;%1&apos; ist in Checkliste &apos;%3&apos; vom Typ %2 und hier vom Typ %4; geben Sie ihnen verschiedene IDs; es wurde nichts importiert</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/ChecklistStore.cpp" line="-118"/>
        <source>checklist row %1 in the vault does not parse: %2</source>
        <translation>Checklisten-Zeile %1 im Tresor lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>step “%1” is gone; it was required before production access</source>
        <translation>Schritt „%1“ fehlt; er war Pflicht vor dem Produktionszugang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step “%1” is gone; it needed a mentor&apos;s review before production access</source>
        <translation>Schritt „%1“ fehlt; er brauchte vor dem Produktionszugang die Prüfung durch einen Mentor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>step “%1” is no longer required before production access</source>
        <translation>Schritt „%1“ ist keine Pflicht mehr vor dem Produktionszugang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step “%1” no longer needs a mentor&apos;s review</source>
        <translation>Schritt „%1“ braucht keine Prüfung durch einen Mentor mehr</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>production credential “%1” is granted for %2 instead of %3</source>
        <translation>Produktions-Zugang „%1“ wird für %2 statt %3 zugeteilt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>production credential “%1” comes from provider %2 instead of %3</source>
        <translation>Produktions-Zugang „%1“ stammt vom Anbieter %2 statt %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential “%1” is made on provider connection %2 instead of %3</source>
        <translation>Produktions-Zugang „%1“ wird über die Anbieterverbindung %2 statt %3 angelegt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential “%1” puts its login in group %2 as well</source>
        <translation>Produktions-Zugang „%1“ nimmt sein Login zusätzlich in die Gruppe %2 auf</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>production credential “%1” (%2) is new, and no production credential of the version before gave as much (%3 for %4)</source>
        <translation>Produktions-Zugang „%1“ (%2) ist neu, und kein Produktions-Zugang der vorigen Version gewährte so viel (%3 für %4)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>production host %1 is no longer listed</source>
        <translation>Produktionshost %1 ist nicht mehr aufgeführt</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>version %1 of %2 was saved after version %3, which these edits started from; nothing was saved</source>
        <translation>Version %1 von %2 wurde nach Version %3 gespeichert, von der diese Änderungen ausgingen; es wurde nichts gespeichert</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>connection &apos;%1&apos;</source>
        <translation>Anbieterverbindung &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>group &apos;%1&apos;</source>
        <translation>Gruppe &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>%1 credential &apos;%2&apos; of checklist &apos;%3&apos; version %4</source>
        <translation>%1-Zugang &apos;%2&apos; der Checkliste &apos;%3&apos;, Version %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 credential &apos;%2&apos; of this file</source>
        <translation>%1-Zugang &apos;%2&apos; dieser Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 credential &apos;%2&apos; names %3, which %4 names; a sandbox credential must never sign in where a production one does; nothing was imported</source>
        <translation>%1-Zugang &apos;%2&apos; nennt %3, die auch der %4 nennt; ein Sandbox-Zugang darf sich nie dort anmelden, wo sich ein Produktionszugang anmeldet; es wurde nichts importiert</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>%1 credential &apos;%2&apos; names provider connection &apos;%3&apos;, which an admin set for %4; a credential may only name a connection of its own environment (an admin sets one with &apos;onramp provider set NAME --environment %1&apos;); nothing was imported</source>
        <translation>%1-Zugang &apos;%2&apos; nennt die Anbieterverbindung &apos;%3&apos;, die ein Admin für %4 gesetzt hat; ein Zugang darf nur eine Verbindung seiner eigenen Umgebung nennen (ein Admin setzt eine mit &apos;onramp provider set NAME --environment %1&apos;); es wurde nichts importiert</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/OnboardingRules.cpp" line="+68"/>
        <source>this version of %1 weakens the gate of version %2: %3; nothing was imported</source>
        <translation>diese Version von %1 lockert die Voraussetzungen für den Produktionszugang gegenüber Version %2: %3; es wurde nichts importiert</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/ChecklistStore.cpp" line="-90"/>
        <source>no checklist &apos;%1&apos; version %2 in this vault</source>
        <translation>keine Checkliste &apos;%1&apos; Version %2 in diesem Tresor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no checklist &apos;%1&apos; in this vault; &apos;onramp checklist list&apos; shows them</source>
        <translation>keine Checkliste &apos;%1&apos; in diesem Tresor; &apos;onramp checklist list&apos; zeigt sie</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/OnboardingRules.cpp" line="-34"/>
        <source>credential &apos;%1&apos; is a production credential in checklist &apos;%2&apos; version %3; a new version cannot make it a sandbox one (give a sandbox credential another id); nothing was imported</source>
        <translation>Zugangsdaten &apos;%1&apos; sind Produktions-Zugangsdaten in Checkliste &apos;%2&apos;, Version %3; eine neue Version kann daraus keine Sandbox-Zugangsdaten machen (geben Sie Sandbox-Zugangsdaten eine andere ID); es wurde nichts importiert</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>sandbox credential &apos;%1&apos; names production host &apos;%2&apos; in field &apos;%3&apos; (matches production_hosts entry &apos;%4&apos; of checklist &apos;%5&apos; version %6); a sandbox credential must never reach production; nothing was imported</source>
        <translation>Sandbox-Zugangsdaten &apos;%1&apos; nennen im Feld &apos;%3&apos; den Produktionshost &apos;%2&apos; (passt zum production_hosts-Eintrag &apos;%4&apos; der Checkliste &apos;%5&apos;, Version %6); Sandbox-Zugangsdaten dürfen nie die Produktion erreichen; es wurde nichts importiert</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/ChecklistStore.cpp" line="+153"/>
        <source>checklist row %1 is missing from the vault</source>
        <translation>Checklisten-Zeile %1 fehlt im Tresor</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/Enrollments.cpp" line="+136"/>
        <location line="+29"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+263"/>
        <source>&apos;%1&apos; is not enrolled on a checklist</source>
        <translation>&apos;%1&apos; ist in keine Checkliste eingeschrieben</translation>
    </message>
    <message>
        <location line="+123"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="-177"/>
        <source>only an admin can enroll a hire</source>
        <translation>nur ein Admin kann einen Neuzugang einschreiben</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+14"/>
        <source>no person &apos;%1&apos; in this vault</source>
        <translation>keine Person &apos;%1&apos; in diesem Tresor</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/OnboardingRules.cpp" line="+15"/>
        <source>this version of %1 weakens the gate of version %2: %3; nothing was saved</source>
        <translation>diese Version von %1 lockert die Voraussetzungen für den Produktionszugang gegenüber Version %2: %3; es wurde nichts gespeichert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; is disabled; a passphrase reset enables them again</source>
        <translation>&apos;%1&apos; ist deaktiviert; ein Zurücksetzen der Passphrase aktiviert die Person wieder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is a %2, not a hire</source>
        <translation>&apos;%1&apos; hat die Rolle %2 und ist kein Neuzugang</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is disabled and cannot mentor</source>
        <translation>&apos;%1&apos; ist deaktiviert und kann kein Mentor sein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; cannot mentor: they hold the %2 role, and a mentor needs the mentor role</source>
        <translation>&apos;%1&apos; kann kein Mentor sein: die Person hat die Rolle %2, ein Mentor braucht die Rolle mentor</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/Enrollments.cpp" line="+15"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+29"/>
        <source>&apos;%1&apos; is already enrolled; moving their enrollment changes its checklist version</source>
        <translation>&apos;%1&apos; ist bereits eingeschrieben; ein Verschieben der Einschreibung ändert die Version der Checkliste</translation>
    </message>
    <message>
        <location line="+60"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+20"/>
        <source>only an admin can move an enrollment to another checklist</source>
        <translation>nur ein Admin kann eine Einschreibung auf eine andere Checkliste umstellen</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+30"/>
        <source>&apos;%1&apos; is already on %2 version %3; nothing to move</source>
        <translation>&apos;%1&apos; ist bereits auf %2 Version %3; es gibt nichts umzustellen</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+14"/>
        <source>%1 version %2 weakens the gate of %3 version %4, which &apos;%5&apos; is on: %6; nothing was moved</source>
        <translation>%1 Version %2 lockert die Voraussetzungen für den Produktionszugang gegenüber %3 Version %4, auf der &apos;%5&apos; ist: %6; es wurde nichts umgestellt</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>only an admin can change an enrollment&apos;s mentor or start date</source>
        <translation>nur ein Admin kann Mentor oder Startdatum einer Einschreibung ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give a new mentor, a new start date (YYYY-MM-DD), or both</source>
        <translation>geben Sie einen neuen Mentor, ein neues Startdatum (JJJJ-MM-TT) oder beides an</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&apos;%1&apos; already has the mentor %2 and the start date %3; nothing to change</source>
        <translation>&apos;%1&apos; hat bereits den Mentor %2 und das Startdatum %3; nichts zu ändern</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>vault database %1: the audit log&apos;s index by action does not list enrollment %2&apos;s moves as the log holds them; it was changed outside Onramp, and nothing privileged runs on it</source>
        <translation>Tresor-Datenbank %1: der Index des Prüfprotokolls nach Aktion führt die Umstellungen der Einschreibung %2 nicht so auf, wie das Protokoll sie enthält; er wurde außerhalb von Onramp verändert, und nichts Privilegiertes läuft darauf</translation>
    </message>
    <message>
        <location line="+193"/>
        <source>the vault&apos;s index of enrollments answers with %1&apos;s enrollment, which is not yours: the database was tampered with</source>
        <translation>der Index der Einschreibungen im Tresor liefert die Einschreibung von %1, die nicht Ihre ist: die Datenbank wurde manipuliert</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the vault&apos;s index of people answers with %1&apos;s enrollment out of order: the database was tampered with</source>
        <translation>der Personenindex des Tresors liefert die Einschreibung von %1 außer der Reihe: die Datenbank wurde manipuliert</translation>
    </message>
    <message>
        <location line="+174"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+407"/>
        <source>“%1” is already done</source>
        <translation>„%1“ ist bereits erledigt</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+29"/>
        <source>“%1” is not done, so there is nothing to undo</source>
        <translation>„%1“ ist nicht erledigt, es gibt nichts rückgängig zu machen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+3"/>
        <source>“%1” is approved by %2 and can no longer be undone; ask your mentor to reopen it</source>
        <translation>„%1“ wurde von %2 freigegeben und lässt sich nicht mehr rückgängig machen; bitten Sie Ihren Mentor, den Schritt wieder zu öffnen</translation>
    </message>
    <message>
        <location line="+68"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+57"/>
        <source>“%1” needs no mentor approval</source>
        <translation>„%1“ braucht keine Freigabe durch den Mentor</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+3"/>
        <source>“%1” is not done yet; it can be reviewed once %2 marks it done</source>
        <translation>„%1“ ist noch nicht erledigt; geprüft werden kann der Schritt, sobald %2 ihn als erledigt markiert</translation>
    </message>
    <message>
        <location line="-947"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="-590"/>
        <source>the start date is not a valid date (YYYY-MM-DD)</source>
        <translation>das Startdatum ist kein gültiges Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location line="+577"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+148"/>
        <source>you can only see your own status</source>
        <translation>Sie können nur Ihren eigenen Stand sehen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+25"/>
        <source>%1 can see only their own status, their mentees&apos; or, as an admin, everyone&apos;s</source>
        <translation>%1 kann nur den eigenen Stand sehen, den der eigenen Mentees oder, als Admin, den aller</translation>
    </message>
    <message>
        <location line="+244"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="-273"/>
        <source>no step &apos;%1&apos; in checklist &apos;%2&apos; version %3 (steps: %4)</source>
        <translation>kein Schritt &apos;%1&apos; in Checkliste &apos;%2&apos; Version %3 (Schritte: %4)</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+590"/>
        <source>only %1 can mark their own steps done</source>
        <translation>nur %1 kann die eigenen Schritte als erledigt markieren</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+29"/>
        <source>only %1 can undo their own steps</source>
        <translation>nur %1 kann die eigenen Schritte rückgängig machen</translation>
    </message>
    <message>
        <location line="+63"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+60"/>
        <source>you cannot review your own steps</source>
        <translation>Sie können Ihre eigenen Schritte nicht prüfen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+1"/>
        <source>only %1&apos;s mentor, %2, can review their steps</source>
        <translation>nur der Mentor von %1, %2, kann dessen Schritte prüfen</translation>
    </message>
    <message>
        <location line="+60"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+40"/>
        <source>nobody can sign off their own production access</source>
        <translation>niemand kann den eigenen Produktionszugang freigeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+1"/>
        <source>only %1&apos;s mentor, %2, can sign off production access</source>
        <translation>nur der Mentor von %1, %2, kann den Produktionszugang freigeben</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+4"/>
        <source>cannot sign off yet: %1</source>
        <translation>Freigabe noch nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+2"/>
        <location line="+56"/>
        <source>%1&apos;s production access is already signed off</source>
        <translation>der Produktionszugang von %1 ist bereits freigegeben</translation>
    </message>
    <message>
        <location filename="../app/storage/KeyFile.cpp" line="+232"/>
        <source>its public key is not 32 bytes</source>
        <translation>sein öffentlicher Schlüssel ist nicht 32 Bytes lang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its key derivation settings are not valid</source>
        <translation>seine Einstellungen zur Schlüsselableitung sind ungültig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its wrapped secret key is not %1 bytes</source>
        <translation>sein verpackter geheimer Schlüssel ist nicht %1 Bytes lang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its sealed master key is not %1 bytes</source>
        <translation>sein versiegelter Hauptschlüssel ist nicht %1 Bytes lang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a sealed key in it is not %1 bytes</source>
        <translation>ein versiegelter Schlüssel darin ist nicht %1 Bytes lang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not signed</source>
        <translation>er ist nicht signiert</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>key file %1 is missing; restore it from a backup</source>
        <translation>Schlüsseldatei %1 fehlt; stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>key file %1 is a symbolic link; restore the file itself from a backup</source>
        <translation>Schlüsseldatei %1 ist ein symbolischer Link; stellen Sie die Datei selbst aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key file %1 is not a regular file; restore it from a backup</source>
        <translation>Schlüsseldatei %1 ist keine reguläre Datei; stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+15"/>
        <source>key file %1 is larger than %2, the most a key file may hold; restore it from a backup</source>
        <translation>Schlüsseldatei %1 ist größer als %2, das Höchstmaß einer Schlüsseldatei; stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+5"/>
        <source>cannot read key file %1: %2</source>
        <translation>Schlüsseldatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>key file %1 is damaged: %2; restore it from a backup</source>
        <translation>Schlüsseldatei %1 ist beschädigt: %2; stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 at line %2, column %3</source>
        <translation>%1 in Zeile %2, Spalte %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is not a JSON object</source>
        <translation>sie ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>key file %1 has format %2, written by a newer Onramp (this one reads up to %3); upgrade Onramp</source>
        <translation>Schlüsseldatei %1 hat Format %2, geschrieben von einem neueren Onramp (dieses liest bis %3); aktualisieren Sie Onramp</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../app/storage/KeyStoreFile.cpp" line="+75"/>
        <source>no valid format version</source>
        <translation>keine gültige Formatversion</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/storage/KeyStoreFile.cpp" line="+64"/>
        <source>no vault id</source>
        <translation>keine Tresor-ID</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>its key derivation is not argon2id13</source>
        <translation>ihre Schlüsselableitung ist nicht argon2id13</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is incomplete</source>
        <translation>sie ist unvollständig</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>slot %1 has no name</source>
        <translation>Platz %1 hat keinen Namen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/storage/KeyFileStore.cpp" line="+327"/>
        <source>it holds no key slots</source>
        <translation>sie enthält keine Schlüsselplätze</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../app/storage/KeyFileStore.cpp" line="+158"/>
        <source>key file %1 was read in part and cannot be written</source>
        <translation>Schlüsseldatei %1 wurde nur teilweise gelesen und kann nicht geschrieben werden</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>key file %1 would grow to %2, past its limit of %3 (%n key slots); nothing was changed</source>
        <translation>
            <numerusform>Schlüsseldatei %1 würde auf %2 anwachsen, über ihre Grenze von %3 (%n Schlüsselplatz); nichts wurde geändert</numerusform>
            <numerusform>Schlüsseldatei %1 würde auf %2 anwachsen, über ihre Grenze von %3 (%n Schlüsselplätze); nichts wurde geändert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditLog.cpp" line="+144"/>
        <source>the audit log&apos;s hash key is missing from %1</source>
        <translation>der Hash-Schlüssel des Prüfprotokolls fehlt in %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>cannot write the audit log entry for %1 (ONRAMP_TEST_FAIL_AUDIT); nothing was changed</source>
        <translation>der Protokolleintrag für %1 kann nicht geschrieben werden (ONRAMP_TEST_FAIL_AUDIT); es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is disabled and can no longer change anything; nothing was changed</source>
        <translation>%1 ist deaktiviert und kann nichts mehr ändern; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the key of %1 is not the one this session was unlocked with (a passphrase reset since, or the people table changed outside Onramp); nothing was changed; sign in again</source>
        <translation>der Schlüssel von %1 ist nicht der, mit dem diese Sitzung entsperrt wurde (seitdem wurde die Passphrase zurückgesetzt, oder die Personentabelle wurde außerhalb von Onramp geändert); nichts wurde geändert; melden Sie sich erneut an</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cannot sign the audit log entry for %1</source>
        <translation>der Protokolleintrag für %1 kann nicht signiert werden</translation>
    </message>
    <message>
        <location filename="../app/cli/team/TeamModule.cpp" line="+29"/>
        <location filename="../app/core/audit/AuditLog.cpp" line="+205"/>
        <source>%1 can see only their own audit trail; only an admin sees everyone&apos;s</source>
        <translation>%1 kann nur die eigene Protokollspur sehen; nur ein Admin sieht die aller</translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditLog.cpp" line="+49"/>
        <source>the audit log exports as jsonl or csv, not &apos;%1&apos;</source>
        <translation>das Prüfprotokoll wird als jsonl oder csv exportiert, nicht als &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only an admin may export the audit log; %1 is a %2</source>
        <translation>nur ein Admin darf das Prüfprotokoll exportieren; %1 hat die Rolle %2</translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditVerifier.cpp" line="-49"/>
        <source>audit log entry %1: %2: %3</source>
        <translation>Protokolleintrag %1: %2: %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hash mismatch</source>
        <translation>Hash passt nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bad signature</source>
        <translation>ungültige Signatur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gap</source>
        <translation>Lücke</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>broken link</source>
        <translation>unterbrochene Verkettung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>head mismatch</source>
        <translation>Kopf passt nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown key</source>
        <translation>unbekannter Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no authority</source>
        <translation>keine Befugnis</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>vault database %1 fails SQLite&apos;s integrity check of the audit log (%2): an index no longer matches the entries it lists</source>
        <translation>Die Tresor-Datenbank %1 besteht SQLites Integritätsprüfung des Prüfprotokolls nicht (%2): Ein Index passt nicht mehr zu den Einträgen, die er aufführt</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>it is numbered before entry 1, where the log starts (added or moved outside Onramp)</source>
        <translation>er ist vor Eintrag 1 nummeriert, wo das Protokoll beginnt (außerhalb von Onramp hinzugefügt oder verschoben)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>it is missing (the log goes from %1 to %2)</source>
        <translation>er fehlt (das Protokoll springt von %1 zu %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it and the entries up to %1 are missing</source>
        <translation>er und die Einträge bis %1 fehlen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it was written after entry %1, which now comes later (entries swapped or moved)</source>
        <translation>er wurde nach Eintrag %1 geschrieben, der jetzt später kommt (Einträge vertauscht oder verschoben)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its fields do not give its hash (edited after it was written)</source>
        <translation>seine Felder ergeben nicht seinen Hash (nach dem Schreiben bearbeitet)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a field of it is stored as another type than Onramp writes (rewritten outside Onramp)</source>
        <translation>eines seiner Felder ist mit einem anderen Typ gespeichert, als Onramp schreibt (außerhalb von Onramp umgeschrieben)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>its details are not written as Onramp writes them (a key given twice, or another spelling): written outside Onramp</source>
        <translation>seine Details sind nicht so geschrieben, wie Onramp sie schreibt (ein Schlüssel doppelt oder eine andere Schreibweise): außerhalb von Onramp geschrieben</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it says it was committed with entry %1, which is not the commit of the entry before it</source>
        <translation>er gibt an, mit Eintrag %1 festgeschrieben worden zu sein, was nicht die Festschreibung des vorigen Eintrags ist</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>it names its actor %1, but person %2 is %3 by the log</source>
        <translation>er nennt als Handelnden %1, Person %2 ist laut Protokoll aber %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it is signed as %1 (person %2), whom entry %3 disabled; a disabled person&apos;s key signs nothing until an admin resets their passphrase</source>
        <translation>er ist als %1 (Person %2) signiert, die Eintrag %3 deaktiviert hat; der Schlüssel einer deaktivierten Person signiert nichts, bis ein Admin ihre Passphrase zurücksetzt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it is signed as %1 (person %2), but no earlier entry of the log introduced a key for them: they were added outside Onramp</source>
        <translation>er ist als %1 (Person %2) signiert, aber kein früherer Eintrag des Protokolls hat einen Schlüssel für sie eingeführt: sie wurde außerhalb von Onramp hinzugefügt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no key of %1 is known at this point of the log</source>
        <translation>an dieser Stelle des Protokolls ist kein Schlüssel von %1 bekannt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it is not the entry this desktop verified before (the log was rewritten)</source>
        <translation>er ist nicht der Eintrag, den dieser Desktop zuvor geprüft hat (das Protokoll wurde neu geschrieben)</translation>
    </message>
    <message>
        <location line="-102"/>
        <source>it is signed as %1 (person %2) with the key the people table now holds for them, which no entry of the log introduced: the table was changed outside Onramp</source>
        <translation>er ist als %1 (Person %2) mit dem Schlüssel signiert, den die Personentabelle jetzt für sie enthält und den kein Eintrag des Protokolls eingeführt hat: die Tabelle wurde außerhalb von Onramp geändert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is not signed by %1&apos;s key</source>
        <translation>er ist nicht mit dem Schlüssel von %1 signiert</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>its previous hash is not the hash of entry %1</source>
        <translation>sein vorheriger Hash ist nicht der Hash von Eintrag %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its time %1 is before the time of entry %2 (%3)</source>
        <translation>seine Zeit %1 liegt vor der Zeit von Eintrag %2 (%3)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>it gives %1 a key, but %2 is not an admin by the log, and only an admin&apos;s entry can introduce a key</source>
        <translation>er gibt %1 einen Schlüssel, %2 ist laut Protokoll aber kein Admin, und nur der Eintrag eines Admins kann einen Schlüssel einführen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>it gives %1 (person %2) a key, but %3 (person %4) signed it: only its holder changes a passphrase</source>
        <translation>er gibt %1 (Person %2) einen Schlüssel, aber %3 (Person %4) hat ihn signiert: eine Passphrase ändert nur ihr Inhaber</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 gives themselves a new key, but no passphrase was handed over to them since they last chose their own: only that first choice gives a key</source>
        <translation>%1 gibt sich einen neuen Schlüssel, aber seit der letzten eigenen Wahl wurde ihnen keine Passphrase übergeben: nur diese erste Wahl gibt einen Schlüssel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 gives themselves a new key in place of one they do not sign with</source>
        <translation>%1 gibt sich einen neuen Schlüssel anstelle eines Schlüssels, mit dem sie nicht signieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 gives themselves a key that is no new key of their own</source>
        <translation>%1 gibt sich einen Schlüssel, der kein neuer eigener Schlüssel ist</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>it disables %1, but %2 is not an admin by the log, and only an admin&apos;s entry can disable a person</source>
        <translation>er deaktiviert %1, %2 ist laut Protokoll aber kein Admin, und nur der Eintrag eines Admins kann eine Person deaktivieren</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>the key file records %1 entries but the log ends at %2 (entries cut off the end)</source>
        <translation>die Schlüsseldatei verzeichnet %1 Einträge, das Protokoll endet aber bei %2 (Einträge am Ende abgeschnitten)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it is not the entry the key file records as entry %1</source>
        <translation>er ist nicht der Eintrag, den die Schlüsseldatei als Eintrag %1 verzeichnet</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the log goes on past the head the key file records (%1)</source>
        <translation>das Protokoll geht über den Kopf hinaus, den die Schlüsseldatei verzeichnet (%1)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the key file&apos;s record of it is not signed by a person of the log (signer &apos;%1&apos;)</source>
        <translation>der Vermerk der Schlüsseldatei dazu ist nicht von einer Person des Protokolls signiert (Unterzeichner &apos;%1&apos;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry %1 is not yet recorded in the key file (a process stopped between its commit and the key-file write); the next change records it</source>
        <translation>Eintrag %1 ist noch nicht in der Schlüsseldatei verzeichnet (ein Prozess endete zwischen Festschreibung und Schreiben der Schlüsseldatei); die nächste Änderung verzeichnet ihn</translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="+85"/>
        <source>vault busy: another Onramp process is changing %1; try again in a moment</source>
        <translation>Tresor belegt: ein anderer Onramp-Prozess ändert %1; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot create the lock file in %1</source>
        <translation>die Sperrdatei in %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>wrong passphrase or unknown person</source>
        <translation>falsche Passphrase oder unbekannte Person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is disabled in this vault; ask an admin</source>
        <translation>%1 ist in diesem Tresor deaktiviert; fragen Sie einen Admin</translation>
    </message>
    <message>
        <location filename="../app/core/people/Person.cpp" line="+29"/>
        <source>hire</source>
        <comment>a person&apos;s role, in a sentence</comment>
        <translation>Neuzugang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mentor</source>
        <comment>a person&apos;s role, in a sentence</comment>
        <translation>Mentor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>admin</source>
        <comment>a person&apos;s role, in a sentence</comment>
        <translation>Admin</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&apos;%1&apos; is not a valid name: use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter</source>
        <translation>&apos;%1&apos; ist kein gültiger Name: verwenden Sie Kleinbuchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos;, beginnend mit einem Buchstaben</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the display name &apos;%1&apos; holds a line break or another control character</source>
        <translation>der Anzeigename „%1“ enthält einen Zeilenumbruch oder ein anderes Steuerzeichen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the display name &apos;%1&apos; holds %2, a character that reorders or hides text</source>
        <translation>der Anzeigename „%1“ enthält %2, ein Zeichen, das Text umordnet oder verbirgt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the display name &apos;%1&apos; starts or ends with a space or holds two in a row, so it looks like another name</source>
        <translation>der Anzeigename „%1“ beginnt oder endet mit einem Leerzeichen oder enthält zwei hintereinander, sodass er wie ein anderer Name aussieht</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the display name &apos;%1&apos; holds &apos;%2&apos; (U+%3), a special form of &apos;%4&apos; that can make it look like another name; type &apos;%4&apos; instead</source>
        <translation>der Anzeigename &apos;%1&apos; enthält &apos;%2&apos; (U+%3), eine Sonderform von &apos;%4&apos;, durch die er wie ein anderer Name aussehen kann; schreiben Sie stattdessen &apos;%4&apos;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cyrillic letters</source>
        <translation>kyrillische Buchstaben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Greek letters</source>
        <translation>griechische Buchstaben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latin letters</source>
        <translation>lateinische Buchstaben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the display name &apos;%1&apos; mixes %2 and %3 in one word, so it can look like another name</source>
        <translation>der Anzeigename „%1“ mischt %2 und %3 in einem Wort, sodass er wie ein anderer Name aussehen kann</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>&apos;%1&apos; would be shown as &apos;%2&apos;, which reads as %3 (&apos;%4&apos;); give a display name that tells them apart</source>
        <translation>&apos;%1&apos; würde als &apos;%2&apos; angezeigt, was sich wie %3 (&apos;%4&apos;) liest; geben Sie einen Anzeigenamen, der beide unterscheidet</translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="+16"/>
        <source>the passphrase must not be empty</source>
        <translation>die Passphrase darf nicht leer sein</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>cannot move %1 into place as %2: %3</source>
        <translation>%1 kann nicht als %2 an seinen Platz verschoben werden: %3</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>key file %1: the key slot of %2 is damaged (%3); restore the key file from a backup, or ask an admin to reset %2&apos;s passphrase</source>
        <translation>Schlüsseldatei %1: der Schlüsselplatz von %2 ist beschädigt (%3); stellen Sie die Schlüsseldatei aus einer Sicherung wieder her oder bitten Sie einen Admin, die Passphrase von %2 zurückzusetzen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>its signature does not verify</source>
        <translation>seine Signatur lässt sich nicht prüfen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>the passphrase is longer than %1 bytes; choose a shorter one</source>
        <translation>die Passphrase ist länger als %1 Bytes; wählen Sie eine kürzere</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the passphrase is too short: use at least %1 characters, for example four random words</source>
        <translation>die Passphrase ist zu kurz: verwenden Sie mindestens %1 Zeichen, zum Beispiel vier zufällige Wörter</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+12"/>
        <source>%1 already holds a vault; nothing was changed</source>
        <translation>%1 enthält bereits einen Tresor; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>the vault folder</source>
        <translation>der Tresor-Ordner</translation>
    </message>
    <message>
        <location filename="../app/core/vault/KeyFileChange.cpp" line="+300"/>
        <source>not enough memory for the key derivation</source>
        <translation>nicht genug Arbeitsspeicher für die Schlüsselableitung</translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="+97"/>
        <source>there is no vault in %1; create one with &apos;onramp init --admin NAME&apos;</source>
        <translation>in %1 gibt es keinen Tresor; legen Sie einen mit &apos;onramp init --admin NAME&apos; an</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>the key slot of %1 is not the one this desktop last verified: it was replaced, or an admin reset %1&apos;s passphrase (then use the new one)</source>
        <translation>der Schlüsselplatz von %1 ist nicht der, den dieser Desktop zuletzt geprüft hat: er wurde ersetzt, oder ein Admin hat die Passphrase von %1 zurückgesetzt (dann verwenden Sie die neue)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>wrong passphrase or unknown person; and the vault&apos;s key file records its audit log only up to entry %1, where this desktop saw entry %2: if your passphrase was right, the vault may have been put back or cut back since, and a passphrase you chose in what is gone no longer opens it. Tell an admin</source>
        <translation>falsche Passphrase oder unbekannte Person; und die Schlüsseldatei des Tresors verzeichnet sein Prüfprotokoll nur bis Eintrag %1, während dieser Rechner Eintrag %2 gesehen hat: war Ihre Passphrase richtig, wurde der Tresor seitdem womöglich zurückgesetzt oder gekürzt, und eine im Verlorenen gewählte Passphrase öffnet ihn nicht mehr. Sagen Sie es einem Admin</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>key file %1 is damaged: the slot of %2 does not open; restore it from a backup</source>
        <translation>Schlüsseldatei %1 ist beschädigt: der Platz von %2 lässt sich nicht öffnen; stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>key file %1 belongs to another vault than %2</source>
        <translation>Schlüsseldatei %1 gehört zu einem anderen Tresor als %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>key file %1: the slot of %2 does not match the vault</source>
        <translation>Schlüsseldatei %1: der Platz von %2 passt nicht zum Tresor</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>key file %1: the production key in the slot of %2 does not open</source>
        <translation>Schlüsseldatei %1: der Produktionsschlüssel im Platz von %2 lässt sich nicht öffnen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the vault&apos;s record of %1 does not match their key slot: the people table was edited; restore the vault from a backup</source>
        <translation>der Eintrag des Tresors zu %1 passt nicht zum Schlüsselplatz: die Personentabelle wurde bearbeitet; stellen Sie den Tresor aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>key file %1 has no slot for %2; restore it from a backup</source>
        <translation>Schlüsseldatei %1 hat keinen Platz für %2; stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>wrong passphrase for %1</source>
        <translation>falsche Passphrase für %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the key slot of %1 was changed since this session was unlocked; sign in again</source>
        <translation>der Schlüsselplatz von %1 wurde seit dem Entsperren dieser Sitzung geändert; melden Sie sich erneut an</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 has been disabled; sign in as someone else or ask an admin</source>
        <translation>%1 wurde deaktiviert; melden Sie sich als jemand anderes an oder fragen Sie einen Admin</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>vault database %1: the people&apos;s name index %2 for &apos;%3&apos;; it was changed outside Onramp, and nothing runs on it</source>
        <translation>Tresor-Datenbank %1: der Namensindex der Personen %2 für &apos;%3&apos;; er wurde außerhalb von Onramp verändert, und nichts läuft darauf</translation>
    </message>
    <message>
        <location line="+247"/>
        <source>production key: sealed into the handed-over slot of %1 since it was last rotated; whoever saw that passphrase and copied the key file then can open it: rotate it (onramp vault rotate-production-key) once they have chosen their own</source>
        <translation>Produktionsschlüssel: seit seiner letzten Erneuerung im übergebenen Platz von %1 versiegelt; wer diese Passphrase sah und die Schlüsseldatei damals kopierte, kann ihn öffnen: erneuern Sie ihn (onramp vault rotate-production-key), sobald sie ihre eigene gewählt haben</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="-476"/>
        <location filename="../app/core/vault/Vault.cpp" line="-236"/>
        <location line="+48"/>
        <source>leaves out row %1</source>
        <translation>lässt Zeile %1 aus</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../app/core/vault/Vault.cpp" line="-44"/>
        <location line="+48"/>
        <source>names %1 rows</source>
        <translation>nennt %1 Zeilen</translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="-40"/>
        <source>answers with row %1, which is %2</source>
        <translation>liefert Zeile %1, die %2 ist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>vault database %1: the enrollments&apos; hire index %2 for &apos;%3&apos;; it was changed outside Onramp, and nothing runs on it</source>
        <translation>Tresor-Datenbank %1: der Neuzugangsindex der Einschreibungen %2 für &apos;%3&apos;; er wurde außerhalb von Onramp verändert, und nichts läuft darauf</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>leaves out their row</source>
        <translation>lässt die Zeile des Neuzugangs aus</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>answers with row %1, another hire&apos;s</source>
        <translation>liefert Zeile %1, die eines anderen Neuzugangs</translation>
    </message>
    <message>
        <location line="+166"/>
        <source>audit log: %1 entries verified</source>
        <translation>Prüfprotokoll: %1 Einträge geprüft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>authority: not checked (an admin&apos;s check verifies every record against the log)</source>
        <translation>Befugnis: nicht geprüft (die Prüfung durch einen Admin prüft jeden Datensatz gegen das Protokoll)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>authority: %1 records agree with the signed log</source>
        <translation>Befugnis: %1 Datensätze stimmen mit dem signierten Protokoll überein</translation>
    </message>
    <message>
        <location line="-262"/>
        <source>only an admin may %1; %2 is a %3</source>
        <translation>nur ein Admin darf %1; %2 hat die Rolle %3</translation>
    </message>
    <message>
        <location filename="../app/core/vault/KeyFileChange.cpp" line="-280"/>
        <location filename="../app/core/vault/Vault.cpp" line="-95"/>
        <source>the vault is locked</source>
        <translation>der Tresor ist gesperrt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the vault %1 was changed by another process since it was unlocked; unlock it again</source>
        <translation>der Tresor %1 wurde seit dem Entsperren von einem anderen Prozess geändert; entsperren Sie ihn erneut</translation>
    </message>
    <message>
        <location line="+189"/>
        <source>key file %1 has no slot for %2</source>
        <translation>Schlüsseldatei %1 hat keinen Platz für %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>key file %1: a key in the slot of %2 does not open with their key; nothing was changed</source>
        <translation>Schlüsseldatei %1: ein Schlüssel im Platz von %2 öffnet sich nicht mit dessen Schlüssel; nichts wurde geändert</translation>
    </message>
    <message>
        <location filename="../app/core/people/People.cpp" line="+169"/>
        <location line="+57"/>
        <source>add people</source>
        <translation>Personen hinzufügen</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+77"/>
        <source>a person named &apos;%1&apos; already exists</source>
        <translation>eine Person namens &apos;%1&apos; existiert bereits</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>reset another person&apos;s passphrase</source>
        <translation>die Passphrase einer anderen Person zurücksetzen</translation>
    </message>
    <message>
        <location line="-386"/>
        <source>there is no person named &apos;%1&apos; in this vault</source>
        <translation>in diesem Tresor gibt es keine Person namens &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+187"/>
        <source>&apos;%1&apos; is named twice</source>
        <translation>„%1“ ist doppelt genannt</translation>
    </message>
    <message>
        <location line="+276"/>
        <source>disable people</source>
        <translation>Personen deaktivieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot disable themselves; another admin can</source>
        <translation>%1 kann sich nicht selbst deaktivieren; ein anderer Admin kann es</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;%1&apos; is already disabled</source>
        <translation>&apos;%1&apos; ist bereits deaktiviert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; is the last admin of this vault and cannot be disabled</source>
        <translation>&apos;%1&apos; ist der letzte Admin dieses Tresors und kann nicht deaktiviert werden</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>rotate the production key</source>
        <translation>den Produktionsschlüssel erneuern</translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="+209"/>
        <source>confirm a restored backup</source>
        <translation>eine wiederhergestellte Sicherung bestätigen</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>rotate the master key</source>
        <translation>den Hauptschlüssel erneuern</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>key file %1: the public key of %2 is invalid</source>
        <translation>Schlüsseldatei %1: der öffentliche Schlüssel von %2 ist ungültig</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>the master key of %1 was not rotated, and the database no longer opens with the old key either (%2); restore it from a backup</source>
        <translation>der Hauptschlüssel von %1 wurde nicht erneuert, und die Datenbank öffnet sich auch mit dem alten Schlüssel nicht mehr (%2); stellen Sie sie aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the master key of %1 was not rotated: the re-encrypted database did not reach the disk (is it full?); nothing changed, and everyone still unlocks as before</source>
        <translation>der Hauptschlüssel von %1 wurde nicht erneuert: die neu verschlüsselte Datenbank hat den Datenträger nicht erreicht (ist er voll?); es hat sich nichts geändert, und alle entsperren weiter wie bisher</translation>
    </message>
    <message>
        <location filename="../app/demo/Demo.cpp" line="-107"/>
        <source>cannot replace the old demo vault in %1</source>
        <translation>der alte Demo-Tresor in %1 kann nicht ersetzt werden</translation>
    </message>
    <message>
        <location filename="../app/core/checklist/InputText.cpp" line="+38"/>
        <source>a NUL byte</source>
        <translation>ein NUL-Byte</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>control character %1</source>
        <translation>Steuerzeichen %1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>invalid UTF-8 (byte 0x%1)</source>
        <translation>ungültiges UTF-8 (Byte 0x%1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>noncharacter %1</source>
        <translation>Nichtzeichen %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, a character that reorders or hides text</source>
        <translation>%1, ein Zeichen, das Text umordnet oder verbirgt</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>the file holds %1; %2</source>
        <translation>die Datei enthält %1; %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the file is larger than %1 MiB; a checklist file is far smaller</source>
        <translation>die Datei ist größer als %1 MiB; eine Checklisten-Datei ist weit kleiner</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>checklist text is UTF-8 without control characters (other than tab and line breaks), noncharacters or bidirectional and zero-width characters</source>
        <translation>Checklisten-Text ist UTF-8 ohne Steuerzeichen (außer Tabulator und Zeilenumbrüchen), Nichtzeichen oder bidirektionale Zeichen und Zeichen ohne Breite</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Grants.cpp" line="-257"/>
        <source>the vault&apos;s index of grants answers with grant %1, which is not enrollment %2&apos;s: the database was tampered with; nothing was changed</source>
        <translation>der Index der Zuteilungen im Tresor liefert Zuteilung %1, die nicht zu Einschreibung %2 gehört: die Datenbank wurde manipuliert; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>credential_grants row %1, which the log vouches for, is missing: it was deleted outside Onramp; nothing was changed</source>
        <translation>credential_grants Zeile %1, für die das Protokoll bürgt, fehlt: sie wurde außerhalb von Onramp gelöscht; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>credential_grants row %1: no audit entry vouches for it; it was written outside Onramp; nothing was changed</source>
        <translation>credential_grants Zeile %1: kein Protokolleintrag bürgt für sie; sie wurde außerhalb von Onramp geschrieben; es wurde nichts geändert</translation>
    </message>
    <message>
        <location filename="../app/core/audit/ActionRoles.cpp" line="+70"/>
        <source>an admin&apos;s</source>
        <translation>eines Admins</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a mentor&apos;s</source>
        <translation>eines Mentors</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a hire&apos;s</source>
        <translation>eines Neuzugangs</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>no one records %1 in a vault</source>
        <translation>niemand hält %1 in einem Tresor fest</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is %2 act, but %3 is %4 by the log</source>
        <translation>%1 ist Sache %2, aber %3 ist laut Protokoll %4</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <location filename="../app/core/audit/LedgerLog.cpp" line="+88"/>
        <source>only the first entry creates the vault</source>
        <translation>nur der erste Eintrag legt den Tresor an</translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditVerifier.cpp" line="-169"/>
        <location filename="../app/core/audit/LedgerLog.cpp" line="+8"/>
        <source>it changes %1&apos;s passphrase (person %2), but %3 (person %4) signed it: only its holder changes a passphrase</source>
        <translation>er ändert die Passphrase von %1 (Person %2), aber %3 (Person %4) hat ihn signiert: nur ihr Inhaber ändert eine Passphrase</translation>
    </message>
    <message>
        <location filename="../app/core/audit/LedgerLog.cpp" line="+14"/>
        <source>it starts restore epoch %1, but the last one was %2</source>
        <translation>er beginnt Wiederherstellungs-Epoche %1, die letzte war aber %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>it gives person %1 a key, but no entry of the log added them</source>
        <translation>er gibt Person %1 einen Schlüssel, aber kein Eintrag des Protokolls hat sie hinzugefügt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it names person %1, whom no entry of the log added</source>
        <translation>er nennt Person %1, die kein Eintrag des Protokolls hinzugefügt hat</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>it vouches for records but names no enrollment</source>
        <translation>er bürgt für Datensätze, nennt aber keine Einschreibung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it names enrollment %1, which no admin&apos;s entry created</source>
        <translation>er nennt Einschreibung %1, die kein Eintrag eines Admins angelegt hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only the enrollment&apos;s mentor (person %1) may record %2; %3 is not them</source>
        <translation>nur der Mentor der Einschreibung (Person %1) darf %2 festhalten; %3 ist es nicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only the enrollment&apos;s mentor (person %1) or an admin may record %2; %3 is neither</source>
        <translation>nur der Mentor der Einschreibung (Person %1) oder ein Admin darf %2 festhalten; %3 ist keines von beiden</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>only the enrollment&apos;s hire marks its steps; %1 is not them</source>
        <translation>nur der Neuzugang der Einschreibung markiert ihre Schritte; %1 ist es nicht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it says step %1 was done at %2, before its enrollment was created (%3)</source>
        <translation>er gibt an, Schritt %1 sei am %2 erledigt worden, bevor seine Einschreibung angelegt wurde (%3)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>it enrolls person %1 with mentor %2, who are not a hire and a mentor by the log</source>
        <translation>er schreibt Person %1 mit Mentor %2 ein, die laut Protokoll nicht Neuzugang und Mentor sind</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it edits enrollment %1, which no admin&apos;s entry created</source>
        <translation>er ändert die Einschreibung %1, die kein Eintrag eines Admins angelegt hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it gives enrollment %1 the mentor %2, who is not a mentor by the log</source>
        <translation>er gibt der Einschreibung %1 den Mentor %2, der laut Protokoll kein Mentor ist</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it edits enrollment %1 but vouches for another one</source>
        <translation>er ändert die Einschreibung %1, bürgt aber für eine andere</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a %1 entry cannot vouch for a %2 row</source>
        <translation>ein Eintrag %1 kann nicht für eine Zeile %2 bürgen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it moves enrollment %1, which no admin&apos;s entry created</source>
        <translation>er stellt Einschreibung %1 um, die kein Eintrag eines Admins angelegt hat</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>a %1 entry cannot end %2 rows</source>
        <translation>ein Eintrag %1 kann keine Zeilen von %2 beenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it ends %1 row %2, which is not enrollment %3&apos;s</source>
        <translation>er beendet %1 Zeile %2, die nicht zu Einschreibung %3 gehört</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a %1 entry cannot end a grant</source>
        <translation>ein Eintrag %1 kann keine Zuteilung beenden</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it ends credential_grants row %1, which no entry vouched for as enrollment %2&apos;s grant; the grant it meant to end may still be live</source>
        <translation>er beendet credential_grants Zeile %1, für die kein Eintrag als Zuteilung der Einschreibung %2 gebürgt hat; die Zuteilung, die er beenden sollte, ist möglicherweise noch gültig</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it ends credential_grants row %1, which entry %2 ended already as %3; the grant it meant to end may still be live</source>
        <translation>er beendet credential_grants Zeile %1, die Eintrag %2 bereits als %3 beendet hat; die Zuteilung, die er beenden sollte, ist möglicherweise noch gültig</translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="+63"/>
        <source>entry %1 (%2 by %3)</source>
        <translation>Eintrag %1 (%2 von %3)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 row %2: %3 ended it when it gave enrollment %4 another mentor, but the row is still there; it was put back outside Onramp</source>
        <translation>%1 Zeile %2: %3 hat sie beendet, als die Einschreibung %4 einen anderen Mentor bekam, aber die Zeile ist noch da; sie wurde außerhalb von Onramp zurückgelegt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 row %2: %3 ended it when it moved enrollment %4 to another checklist, but the row is still there; it was put back outside Onramp</source>
        <translation>%1 Zeile %2: %3 hat sie beendet, als die Einschreibung %4 auf eine andere Checkliste verschoben wurde, aber die Zeile ist noch da; sie wurde außerhalb von Onramp zurückgelegt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 row %2: no audit entry vouches for it; it was written outside Onramp</source>
        <translation>%1 Zeile %2: kein Protokolleintrag bürgt für sie; sie wurde außerhalb von Onramp geschrieben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 row %2: it is not what %3 vouched for; it was edited since</source>
        <translation>%1 Zeile %2: sie ist nicht das, wofür %3 gebürgt hat; sie wurde seitdem bearbeitet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 row %2: it belongs to enrollment %3, but %4 had authority over enrollment %5 only</source>
        <translation>%1 Zeile %2: sie gehört zu Einschreibung %3, %4 war aber nur für Einschreibung %5 befugt</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 row %2, which %3 vouched for, is missing: it was deleted</source>
        <translation>%1 Zeile %2, für die %3 gebürgt hat, fehlt: sie wurde gelöscht</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>step_records (enrollment %1, step &apos;%2&apos;): no step.done entry of the enrollment&apos;s hire stands behind it; it was written outside Onramp</source>
        <translation>step_records (Einschreibung %1, Schritt &apos;%2&apos;): kein step.done-Eintrag des Neuzugangs der Einschreibung steht dahinter; sie wurde außerhalb von Onramp geschrieben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>step_records (enrollment %1, step &apos;%2&apos;): done at %3, but the hire&apos;s signed step.done says otherwise; the time was edited outside Onramp</source>
        <translation>step_records (Einschreibung %1, Schritt &apos;%2&apos;): erledigt am %3, aber der signierte step.done-Eintrag des Neuzugangs sagt etwas anderes; die Zeit wurde außerhalb von Onramp bearbeitet</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>credential_grants row %1: audit entry %2 ended it for enrollment %3 (%4), but the grant is enrollment %5&apos;s (%6)</source>
        <translation>credential_grants Zeile %1: Protokolleintrag %2 hat sie für Einschreibung %3 (%4) beendet, die Zuteilung gehört aber zu Einschreibung %5 (%6)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>credential_grants row %1: audit entry %2 ended it as %3, but the row says &apos;%4&apos;; the ending was undone outside Onramp</source>
        <translation>credential_grants Zeile %1: Protokolleintrag %2 hat sie als %3 beendet, die Zeile sagt aber &apos;%4&apos;; das Beenden wurde außerhalb von Onramp rückgängig gemacht</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>credential_grants row %1 has no readable expiry</source>
        <translation>credential_grants-Zeile %1 hat kein lesbares Ablaufdatum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>credential_grants row %1 says &apos;%2&apos;, but no audit entry ended it</source>
        <translation>credential_grants Zeile %1 sagt &apos;%2&apos;, aber kein Protokolleintrag hat sie beendet</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>credential_secrets row provider:%1, which a signed provider.set entry made, is missing: it was deleted outside Onramp</source>
        <translation>credential_secrets Zeile provider:%1, die ein signierter provider.set-Eintrag angelegt hat, fehlt: sie wurde außerhalb von Onramp gelöscht</translation>
    </message>
    <message>
        <location filename="../app/storage/ProductionKey.cpp" line="+43"/>
        <source>credential_secrets row %1 is not stored as Onramp stores a kept secret: it was written outside Onramp; nothing was changed; restore the newest backup that passes the vault check</source>
        <translation>credential_secrets-Zeile %1 ist nicht so gespeichert, wie Onramp ein verwahrtes Geheimnis speichert: Sie wurde außerhalb von Onramp geschrieben; nichts wurde geändert; stellen Sie die neueste Sicherung wieder her, die die Tresorprüfung besteht</translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="+49"/>
        <source>credential_secrets: the kept secret of &apos;%1&apos; (%2) is not the one an admin&apos;s newest signed %3 entry stored: an earlier one was put back; nothing was changed; %4</source>
        <translation>credential_secrets: Das verwahrte Geheimnis von „%1“ (%2) ist nicht das, welches der neueste signierte %3-Eintrag eines Admins gespeichert hat: Ein früheres wurde zurückgelegt; nichts wurde geändert; %4</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>people row %1 (%2): no audit entry added them; they were added outside Onramp</source>
        <translation>people Zeile %1 (%2): kein Protokolleintrag hat die Person hinzugefügt; sie wurde außerhalb von Onramp hinzugefügt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>people row %1: the log added them as %2, but the row says %3</source>
        <translation>people Zeile %1: das Protokoll hat die Person als %2 hinzugefügt, die Zeile sagt aber %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>people row %1 (%2): the log made them a %3, but the row says %4</source>
        <translation>people Zeile %1 (%2): laut Protokoll hat die Person die Rolle %3, die Zeile sagt aber %4</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>people row %1 (%2): their key is not the one entry %3 gave them</source>
        <translation>people Zeile %1 (%2): ihr Schlüssel ist nicht der, den Eintrag %3 ihr gegeben hat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>people row %1 (%2): entry %3 left them %4, but the row says otherwise</source>
        <translation>people Zeile %1 (%2): Eintrag %3 hat die Person %4 hinterlassen, die Zeile sagt aber etwas anderes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>enabled</source>
        <translation>aktiviert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>people row %1 (%2): the log gave them the display name &apos;%3&apos;, but the row says otherwise</source>
        <translation>Personen-Zeile %1 (%2): das Protokoll hat der Person den Anzeigenamen &apos;%3&apos; gegeben, die Zeile sagt aber etwas anderes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>people row %1 (%2), added by entry %3, is missing: it was deleted</source>
        <translation>people Zeile %1 (%2), hinzugefügt durch Eintrag %3, fehlt: sie wurde gelöscht</translation>
    </message>
    <message>
        <location filename="../app/core/audit/LedgerSlots.cpp" line="+53"/>
        <source>it is emptied, but the log has them enabled</source>
        <translation>er ist geleert, laut Protokoll ist die Person aber aktiviert</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>key file %1: the rows of %2 read by name are not the rows the store holds (it was changed outside Onramp)</source>
        <translation>Schlüsseldatei %1: Die nach Namen gelesenen Zeilen von %2 sind nicht die Zeilen, die der Speicher enthält (er wurde außerhalb von Onramp geändert)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>key file %1: the key slot of %2 is damaged (%3)</source>
        <translation>Schlüsseldatei %1: der Schlüsselplatz von %2 ist beschädigt (%3)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no audit entry added a person of that name</source>
        <translation>kein Protokolleintrag hat eine Person dieses Namens hinzugefügt</translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="+44"/>
        <source>vault %1 went back: this desktop had seen audit entry %2, and the log now says the vault was restored from a backup (restore %3), which this desktop has not checked yet; an admin&apos;s full check takes the restore in or refuses it</source>
        <translation>Tresor %1 ist zurückgegangen: Dieser Rechner hatte Prüfprotokoll-Eintrag %2 gesehen, und das Protokoll sagt nun, dass der Tresor aus einer Sicherung wiederhergestellt wurde (Wiederherstellung %3), was dieser Rechner noch nicht geprüft hat; die vollständige Prüfung eines Admins übernimmt die Wiederherstellung oder weist sie zurück</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>vault %1 was restored from a backup by %2 (restore %3)</source>
        <translation>Tresor %1 wurde von %2 aus einer Sicherung wiederhergestellt (Wiederherstellung %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vault %1 was restored by %2 from a backup taken at %3, up to audit entry %4 (restore %5)</source>
        <translation>Tresor %1 wurde von %2 aus einer Sicherung vom %3 wiederhergestellt, bis Protokolleintrag %4 (Wiederherstellung %5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>; this desktop had seen audit entry %1, and what was recorded after the backup is not in it: do again what you did since</source>
        <translation>; dieser Desktop hatte Protokolleintrag %1 gesehen, und was nach der Sicherung festgehalten wurde, fehlt darin: Wiederholen Sie, was Sie seitdem getan haben</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>the vault went back, and the restore that takes it there is signed by %1, whom this desktop does not know as an admin of the vault it saw (disabled since, or never one); an admin this desktop knows confirms the restore</source>
        <translation>der Tresor ist zurückgesetzt, und die Wiederherstellung dorthin ist von %1 signiert, den dieser Rechner nicht als Admin des Tresors kennt, den er sah (seitdem deaktiviert oder nie Admin); ein Admin, den dieser Rechner kennt, bestätigt die Wiederherstellung</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>. If an admin restored a backup on purpose, they confirm the restore on this desktop</source>
        <translation>. Hat ein Admin absichtlich eine Sicherung wiederhergestellt, bestätigt er die Wiederherstellung auf diesem Rechner</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>the production key in %1&apos;s key slot is not this vault&apos;s current one: it was rotated since this session began (sign in again), or the key store (keys.db) was changed (restore it from a backup)</source>
        <translation>der Produktionsschlüssel im Schlüsselplatz von %1 ist nicht der aktuelle dieses Tresors: Er wurde seit Beginn dieser Sitzung gewechselt (melden Sie sich neu an), oder der Schlüsselspeicher (keys.db) wurde verändert (stellen Sie ihn aus einer Sicherung wieder her)</translation>
    </message>
    <message>
        <location filename="../app/core/audit/LedgerSlots.cpp" line="-198"/>
        <source>its key is not the one entry %1 gave them</source>
        <translation>sein Schlüssel ist nicht der, den Eintrag %1 der Person gegeben hat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it holds keys, but entry %1 disabled them</source>
        <translation>er enthält Schlüssel, Eintrag %1 hat die Person aber deaktiviert</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it holds a production key, but the log has them as a %1</source>
        <translation>er enthält einen Produktionsschlüssel, aber das Protokoll führt die Person als %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it holds a production key that is not the vault&apos;s current one (an older slot put back?)</source>
        <translation>er enthält einen Produktionsschlüssel, der nicht der aktuelle des Tresors ist (ein älterer Platz zurückgelegt?)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is not signed by its owner or by an admin of the log (signed by &apos;%1&apos;)</source>
        <translation>er ist weder von seinem Besitzer noch von einem Admin des Protokolls signiert (signiert von &apos;%1&apos;)</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>key file %1: the superseded key slot of %2 is damaged (%3)</source>
        <translation>Schlüsseldatei %1: der abgelöste Schlüsselplatz von %2 ist beschädigt (%3)</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>it is not signed by its owner or by an admin of the log</source>
        <translation>er ist weder von seinem Besitzer noch von einem Admin des Protokolls signiert</translation>
    </message>
    <message>
        <location line="+196"/>
        <source>key file %1 has no key slot for %2, whom entry %3 added</source>
        <translation>Schlüsseldatei %1 hat keinen Schlüsselplatz für %2, den Eintrag %3 hinzugefügt hat</translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="-197"/>
        <source>the vault&apos;s root key (%1) is not the one this desktop pinned when it first opened vault %2 (%3): the vault was replaced or its log rewritten from the start</source>
        <translation>der Stammschlüssel des Tresors (%1) ist nicht der, den dieser Desktop beim ersten Öffnen von Tresor %2 festgehalten hat (%3): der Tresor wurde ersetzt oder sein Protokoll von Anfang an neu geschrieben</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>this desktop now trusts vault %1, whose root key is %2 (first use): check it with the admin who made the vault</source>
        <translation>dieser Desktop vertraut jetzt Tresor %1 mit dem Stammschlüssel %2 (erste Verwendung): prüfen Sie ihn mit dem Admin, der den Tresor angelegt hat</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>the vault went back: this desktop has seen audit entry %1, but the log now ends at entry %2 (entries and the records they made were removed, or an old copy was put back)</source>
        <translation>der Tresor ist auf einen älteren Stand zurückgegangen: dieser Desktop hat Protokolleintrag %1 gesehen, das Protokoll endet jetzt aber bei Eintrag %2 (Einträge und ihre Datensätze wurden entfernt, oder eine alte Kopie wurde zurückgelegt)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the vault went back: audit entry %1 is not the one this desktop saw (the log was cut and written again)</source>
        <translation>der Tresor ist auf einen älteren Stand zurückgegangen: Protokolleintrag %1 ist nicht der, den dieser Desktop gesehen hat (das Protokoll wurde gekürzt und neu geschrieben)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>the vault %1 was made by an Onramp from before signed authority: its records carry no signatures this Onramp can check, so nothing privileged runs on it; create a new vault and import the checklists again</source>
        <translation>der Tresor %1 stammt von einem Onramp aus der Zeit vor signierten Befugnissen: seine Datensätze tragen keine Signaturen, die dieses Onramp prüfen kann, daher läuft nichts Privilegiertes darauf; legen Sie einen neuen Tresor an und importieren Sie die Checklisten erneut</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>the vault&apos;s audit log was not verified in this session as it stands: nothing was decided; run vault check</source>
        <translation>das Prüfprotokoll des Tresors wurde in dieser Sitzung nicht so geprüft, wie es jetzt ist: nichts wurde entschieden; führen Sie vault check aus</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>vault database %1 fails SQLite&apos;s integrity check of table %2 (%3): an index no longer matches its table; nothing privileged runs on it</source>
        <translation>Die Tresor-Datenbank %1 besteht SQLites Integritätsprüfung der Tabelle %2 nicht (%3): Ein Index passt nicht mehr zu seiner Tabelle; nichts Privilegiertes läuft darauf</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>only an admin can confirm that a backup was restored</source>
        <translation>nur ein Admin kann bestätigen, dass eine Sicherung wiederhergestellt wurde</translation>
    </message>
    <message>
        <location line="+25"/>
        <location filename="../app/core/vault/KeyFileChange.cpp" line="-177"/>
        <source>this session was opened to confirm a restored backup; sign in again for anything else</source>
        <translation>diese Sitzung wurde geöffnet, um eine wiederhergestellte Sicherung zu bestätigen; melden Sie sich für alles andere erneut an</translation>
    </message>
    <message>
        <location filename="../app/core/audit/Records.cpp" line="+104"/>
        <source>&apos;%1&apos; is not a table whose rows the audit log vouches for</source>
        <translation>&apos;%1&apos; ist keine Tabelle, für deren Zeilen das Prüfprotokoll bürgt</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 row %2 is missing</source>
        <translation>%1 Zeile %2 fehlt</translation>
    </message>
    <message>
        <location filename="../app/storage/TrustStore.cpp" line="-52"/>
        <location line="+24"/>
        <source>the folder where this desktop keeps the vaults it trusts</source>
        <translation>der Ordner, in dem dieser Desktop die Tresore verzeichnet, denen er vertraut</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>%1 would pass its limit of %2 MiB; nothing was changed</source>
        <translation>%1 würde seine Grenze von %2 MiB überschreiten; nichts wurde geändert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this desktop&apos;s record of the vault</source>
        <translation>der Vermerk dieses Desktops zum Tresor</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>another Onramp process is updating %1</source>
        <translation>ein anderer Onramp-Prozess aktualisiert %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the vault id &apos;%1&apos; is not valid</source>
        <translation>die Tresor-ID &apos;%1&apos; ist ungültig</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is larger than its limit of %2 MiB; remove it to trust the vault anew, after checking its root key with an admin</source>
        <translation>%1 ist größer als seine Grenze von %2 MiB; entfernen Sie die Datei, um dem Tresor neu zu vertrauen, nachdem Sie seinen Stammschlüssel mit einem Admin geprüft haben</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1, where this desktop remembers vault %2, is damaged; remove it to trust the vault anew, after checking its root key with an admin</source>
        <translation>%1, worin sich dieser Desktop Tresor %2 merkt, ist beschädigt; entfernen Sie es, um dem Tresor neu zu vertrauen, nachdem Sie seinen Stammschlüssel mit einem Admin geprüft haben</translation>
    </message>
    <message>
        <location filename="../app/base/PrivateFile.cpp" line="+22"/>
        <source>cannot write %1 %2: %3</source>
        <translation>%1 %2 kann nicht geschrieben werden: %3</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>cannot write %1 %2: it is a symbolic link; give the path of the file itself</source>
        <translation>%1 %2 kann nicht geschrieben werden: es ist ein symbolischer Link; geben Sie den Pfad der Datei selbst an</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot write %1 %2: it is not a regular file</source>
        <translation>%1 %2 kann nicht geschrieben werden: es ist keine reguläre Datei</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+2"/>
        <source>cannot create %1 %2: %3</source>
        <translation>%1 %2 kann nicht angelegt werden: %3</translation>
    </message>
    <message>
        <location filename="../app/cli/ReportCommands.cpp" line="+89"/>
        <source>Progress per hire (required steps done):</source>
        <translation>Fortschritt je Neuzugang (erledigte Pflichtschritte):</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>production access granted</source>
        <translation>Produktionszugang erteilt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signed off, production access revoked</source>
        <translation>freigegeben, Produktionszugang entzogen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>production access locked</source>
        <translation>Produktionszugang gesperrt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Days from start to production access, by start month:</source>
        <translation>Tage vom Beginn bis zum Produktionszugang, nach Startmonat:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hires: %1, with access: %2</source>
        <translation>Neuzugänge: %1, mit Zugang: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>average %1 days, longest %2</source>
        <translation>im Schnitt %1 Tage, längstens %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waits from done to approved, longest first:</source>
        <translation>Wartezeiten von erledigt bis genehmigt, längste zuerst:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>average %1 h, longest %2 h; approved: %3, waiting: %4</source>
        <translation>im Schnitt %1 h, längstens %2 h; genehmigt: %3, wartend: %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Overdue steps:</source>
        <translation>Überfällige Schritte:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due %1, %2 days overdue</source>
        <translation>fällig am %1, %2 Tage überfällig</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--format is text or csv, not &apos;%1&apos;</source>
        <translation>--format ist text oder csv, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+239"/>
        <source>show the onboarding report: progress, days to production, waits, overdue steps</source>
        <translation>den Einarbeitungsbericht zeigen: Fortschritt, Tage bis zur Produktion, Wartezeiten, überfällige Schritte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text (the default) or csv, as the app exports it</source>
        <translation>text (Standard) oder csv, wie die App exportiert</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/StepThread.cpp" line="+22"/>
        <source>the note is empty; write something to send</source>
        <translation>die Notiz ist leer; schreiben Sie etwas, um sie zu senden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the note is %1 characters long; a note holds at most %2</source>
        <translation>die Notiz ist %1 Zeichen lang; eine Notiz fasst höchstens %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the note holds a control character; only text and line breaks can be sent</source>
        <translation>die Notiz enthält ein Steuerzeichen; nur Text und Zeilenumbrüche können gesendet werden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the note holds %1, a character that reorders or hides text; write the note without it</source>
        <translation>die Notiz enthält %1, ein Zeichen, das Text umordnet oder verbirgt; schreiben Sie die Notiz ohne dieses Zeichen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>only %1 and their mentor, %2, can write on %1&apos;s steps</source>
        <translation>nur %1 und der Mentor, %2, können zu den Schritten von %1 schreiben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no step &apos;%1&apos; in checklist &apos;%2&apos;</source>
        <translation>kein Schritt &apos;%1&apos; in Checkliste &apos;%2&apos;</translation>
    </message>
    <message>
        <location filename="../app/cli/RosterCommands.cpp" line="+22"/>
        <source>onramp: people added before the error: %1; importing the same file again completes the rest</source>
        <translation>onramp: vor dem Fehler hinzugefügte Personen: %1; ein erneuter Import derselben Datei erledigt den Rest</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New people: %1. Hires enrolled: %2. Rows already in the vault: %3.</source>
        <translation>Neue Personen: %1. Eingeschriebene Neuzugänge: %2. Bereits im Tresor vorhandene Zeilen: %3.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Their first passphrases are in %1, one file per person (NAME.txt, readable by you only); each person chooses their own at their first sign-in.</source>
        <translation>Ihre ersten Passphrasen liegen in %1, eine Datei pro Person (NAME.txt, nur für Sie lesbar); jede Person wählt bei der ersten Anmeldung eine eigene.</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+9"/>
        <source>add and enroll the people of a CSV roster (admin)</source>
        <translation>die Personen einer CSV-Liste hinzufügen und einschreiben (Admin)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write each new person&apos;s random first passphrase to DIR/NAME.txt</source>
        <translation>die zufällige erste Passphrase jeder neuen Person nach DIR/NAME.txt schreiben</translation>
    </message>
    <message>
        <location filename="../app/core/people/Csv.cpp" line="+23"/>
        <source>the file is not UTF-8 text</source>
        <translation>die Datei ist kein UTF-8-Text</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+13"/>
        <source>a quoted field goes on after its closing quote; write a quote inside quotes as &quot;&quot;</source>
        <translation>ein Feld in Anführungszeichen geht nach seinem schließenden Anführungszeichen weiter; schreiben Sie ein Anführungszeichen innerhalb von Anführungszeichen als &quot;&quot;</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>a quote inside a field that does not start with one; quote the whole field and write the quote as &quot;&quot;</source>
        <translation>ein Anführungszeichen in einem Feld, das nicht mit einem beginnt; setzen Sie das ganze Feld in Anführungszeichen und schreiben Sie das Anführungszeichen als &quot;&quot;</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>a quoted field is never closed: a quote is missing</source>
        <translation>ein Feld in Anführungszeichen wird nie geschlossen: ein Anführungszeichen fehlt</translation>
    </message>
    <message>
        <location filename="../app/core/people/FirstPassphrase.cpp" line="+308"/>
        <source>that is the passphrase you were handed; choose one of your own</source>
        <translation>das ist die Passphrase, die Ihnen übergeben wurde; wählen Sie eine eigene</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/people/RosterImport.cpp" line="-146"/>
        <source>… and %n more problem(s)</source>
        <translation>
            <numerusform>… und %n weiteres Problem</numerusform>
            <numerusform>… und %n weitere Probleme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+165"/>
        <source>passphrase_file &apos;%1&apos; of &apos;%2&apos; %3</source>
        <extracomment>%1 is the cell&apos;s text, %2 the person&apos;s name, %3 why it is refused</extracomment>
        <translation>passphrase_file „%1“ von „%2“ %3</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>is an absolute path; name a file in the roster&apos;s folder %1</source>
        <translation>ist ein absoluter Pfad; nennen Sie eine Datei im Ordner der Personenliste %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes up with &apos;..&apos;; name a file in the roster&apos;s folder %1</source>
        <translation>geht mit &apos;..&apos; nach oben; nennen Sie eine Datei im Ordner der Personenliste %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>is not a file in the roster&apos;s folder %1</source>
        <translation>ist keine Datei im Ordner der Personenliste %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+166"/>
        <location line="+5"/>
        <source>leads outside the roster&apos;s folder %1 (a symbolic link)</source>
        <translation>führt aus dem Ordner der Personenliste %1 hinaus (ein symbolischer Link)</translation>
    </message>
    <message>
        <location line="-168"/>
        <location line="+158"/>
        <location line="+14"/>
        <source>is not a regular file</source>
        <translation>ist keine reguläre Datei</translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+172"/>
        <source>belongs to another user; the file must be yours</source>
        <translation>gehört einem anderen Benutzer; die Datei muss Ihnen gehören</translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+172"/>
        <source>may be read or written by others (mode %1); make it yours only: chmod 0600</source>
        <translation>kann von anderen gelesen oder geschrieben werden (Modus %1); machen Sie sie nur für Sie zugänglich: chmod 0600</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>the passphrase folder %1 is a symbolic link; give the folder itself</source>
        <translation>der Passphrase-Ordner %1 ist ein symbolischer Link; geben Sie den Ordner selbst an</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>others can write the passphrase folder %1 (mode %2%3); give a folder only you can write, or a new one, which is made owner-only</source>
        <translation>andere können in den Passphrase-Ordner %1 schreiben (Modus %2%3); geben Sie einen Ordner an, in den nur Sie schreiben können, oder einen neuen, der dann nur für Sie zugänglich angelegt wird</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, another user&apos;s</source>
        <translation>, gehört einem anderen Benutzer</translation>
    </message>
    <message>
        <location line="+146"/>
        <source>import people</source>
        <translation>Personen importieren</translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+7"/>
        <source>%1 is larger than %2 MiB; split the roster</source>
        <translation>%1 ist größer als %2 MiB; teilen Sie die Liste auf</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>cannot create the passphrase folder %1: %2</source>
        <translation>der Passphrase-Ordner %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot open the passphrase folder %1: %2 (a symbolic link or no folder is refused)</source>
        <translation>der Passphrase-Ordner %1 kann nicht geöffnet werden: %2 (ein symbolischer Link oder etwas anderes als ein Ordner wird abgelehnt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot read the passphrase folder %1: %2</source>
        <translation>der Passphrase-Ordner %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+9"/>
        <source>cannot write passphrase file %1: %2</source>
        <translation>Passphrase-Datei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 is not a regular file (a FIFO, a device or a folder); give the roster file itself</source>
        <translation>%1 ist keine reguläre Datei (ein FIFO, ein Gerät oder ein Ordner); geben Sie die Personenliste selbst an</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+15"/>
        <source>cannot be opened: %1</source>
        <translation>kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>the file is empty: it needs a header row such as name,display_name,role,mentor,checklist,start</source>
        <translation>die Datei ist leer: sie braucht eine Kopfzeile wie name,display_name,role,mentor,checklist,start</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown column &apos;%1&apos;; the columns are %2</source>
        <translation>unbekannte Spalte „%1“; die Spalten sind %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the column &apos;%1&apos; appears twice</source>
        <translation>die Spalte „%1“ kommt doppelt vor</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the header has no &apos;%1&apos; column</source>
        <translation>die Kopfzeile hat keine Spalte „%1“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the header has no &apos;passphrase_file&apos; column: without a folder for the first passphrases, each row names the file that holds its person&apos;s passphrase</source>
        <translation>die Kopfzeile hat keine Spalte „passphrase_file“: ohne einen Ordner für die ersten Passphrasen nennt jede Zeile die Datei mit der Passphrase ihrer Person</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the file names passphrase files and a folder for new passphrases was given too; choose one</source>
        <translation>die Datei nennt Passphrase-Dateien, und zugleich wurde ein Ordner für neue Passphrasen angegeben; wählen Sie eines davon</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>fields in this row: %1; in the header: %2</source>
        <translation>Felder in dieser Zeile: %1; in der Kopfzeile: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&apos;%1&apos; is named again; the first time on line %2</source>
        <translation>„%1“ wird erneut genannt; zum ersten Mal in Zeile %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown role &apos;%1&apos;; the roles are hire, mentor and admin</source>
        <translation>unbekannte Rolle „%1“; die Rollen sind hire, mentor und admin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is not a date; write the start as YYYY-MM-DD</source>
        <translation>„%1“ ist kein Datum; schreiben Sie den Beginn als JJJJ-MM-TT</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>only a hire is enrolled, and &apos;%1&apos; is a %2: leave mentor, checklist and start empty</source>
        <translation>nur ein Neuzugang wird eingeschrieben, und „%1“ ist %2: lassen Sie mentor, checklist und start leer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>to enroll &apos;%1&apos;, give both a mentor and a checklist</source>
        <translation>um „%1“ einzuschreiben, geben Sie einen Mentor und eine Checkliste an</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>&apos;%1&apos; is already a person with other data (%2, &apos;%3&apos;%4); change the row to match or leave it out</source>
        <translation>„%1“ ist bereits eine Person mit anderen Angaben (%2, „%3“%4); passen Sie die Zeile an oder lassen Sie sie weg</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, disabled</source>
        <translation>, deaktiviert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown mentor &apos;%1&apos;: no enabled mentor of that name in the vault or the file</source>
        <translation>unbekannter Mentor „%1“: kein aktiver Mentor dieses Namens im Tresor oder in der Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown checklist &apos;%1&apos;; import it first</source>
        <translation>unbekannte Checkliste „%1“; importieren Sie sie zuerst</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is already enrolled on %2 with %3, starting %4; change the row to match or leave it out</source>
        <translation>„%1“ ist bereits in %2 mit %3 eingeschrieben, Beginn %4; passen Sie die Zeile an oder lassen Sie sie weg</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no passphrase_file for the new person &apos;%1&apos;</source>
        <translation>keine passphrase_file für die neue Person „%1“</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 (%2): first passphrase made at random, written to %3</source>
        <translation>%1 (%2): erste Passphrase zufällig erzeugt, in %3 geschrieben</translation>
    </message>
    <message>
        <location line="-423"/>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <location line="+386"/>
        <source>%1 (%2): first passphrase read from %3</source>
        <translation>%1 (%2): erste Passphrase aus %3 gelesen</translation>
    </message>
    <message>
        <location line="-359"/>
        <source>passphrase folder</source>
        <translation>Passphrasen-Ordner</translation>
    </message>
    <message>
        <location filename="../app/storage/KeyStoreFile.h" line="+98"/>
        <source>key store %1 is damaged: %2; restore it from a backup</source>
        <translation>Der Schlüsselspeicher %1 ist beschädigt: %2; stellen Sie ihn aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>key store busy: another Onramp process is using %1; try again in a moment</source>
        <translation>Schlüsselspeicher belegt: Ein anderer Onramp-Prozess verwendet %1; versuchen Sie es gleich noch einmal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 in key store %2 failed: %3</source>
        <translation>%1 im Schlüsselspeicher %2 ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location filename="../app/storage/KeyStoreFile.cpp" line="-104"/>
        <source>key store %1 is missing; restore it from a backup</source>
        <translation>Der Schlüsselspeicher %1 fehlt; stellen Sie ihn aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>key store %1 is a symbolic link; restore the file itself from a backup</source>
        <translation>Der Schlüsselspeicher %1 ist ein symbolischer Link; stellen Sie die Datei selbst aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key store %1 is not a regular file; restore it from a backup</source>
        <translation>Der Schlüsselspeicher %1 ist keine reguläre Datei; stellen Sie ihn aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is empty</source>
        <translation>er ist leer</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>opening</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>creating</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+24"/>
        <location line="+10"/>
        <location line="+17"/>
        <location line="+21"/>
        <location line="+17"/>
        <location line="+18"/>
        <location line="+6"/>
        <location filename="../app/storage/KeyStoreFile.h" line="+46"/>
        <location line="+15"/>
        <source>reading</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>key store %1 has format %2, written by a newer Onramp (this one reads up to %3); upgrade Onramp</source>
        <translation>Der Schlüsselspeicher %1 hat das Format %2 und wurde von einem neueren Onramp geschrieben (dieses liest bis %3); aktualisieren Sie Onramp</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>it holds tables, indexes or triggers that Onramp did not write</source>
        <translation>er enthält Tabellen, Indizes oder Trigger, die Onramp nicht geschrieben hat</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>its field %1 holds text or a number where Onramp writes bytes</source>
        <translation>sein Feld %1 enthält Text oder eine Zahl, wo Onramp Bytes schreibt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its field %1 holds %2, more than the %3 a field may hold</source>
        <translation>sein Feld %1 enthält %2, mehr als die %3, die ein Feld enthalten darf</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its top-level fields are not a JSON object</source>
        <translation>seine Felder der obersten Ebene sind kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>its slots hold %1, more than the %2 the key store may hold</source>
        <translation>seine Schlüsselplätze enthalten %1, mehr als die %2, die der Schlüsselspeicher enthalten darf</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>row %1 (%2) went while it was read</source>
        <translation>Zeile %1 (%2) verschwand, während sie gelesen wurde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row %1 (%2) changed while it was read</source>
        <translation>Zeile %1 (%2) änderte sich, während sie gelesen wurde</translation>
    </message>
    <message>
        <location filename="../app/storage/KeyStoreFile.h" line="-10"/>
        <source>row %1 (%2) holds %3, more than the %4 a row may hold</source>
        <translation>Zeile %1 (%2) enthält %3, mehr als die %4, die eine Zeile enthalten darf</translation>
    </message>
    <message>
        <location filename="../app/storage/KeyFileStore.cpp" line="-426"/>
        <source>rows %1 and %2 both hold a key slot of %3, which Onramp never writes</source>
        <translation>die Zeilen %1 und %2 enthalten beide einen Schlüsselplatz von %3, was Onramp nie schreibt</translation>
    </message>
    <message>
        <location line="+222"/>
        <source>its record is larger than %1</source>
        <translation>sein Datensatz ist größer als %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its record is not a JSON object</source>
        <translation>sein Datensatz ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its record holds the slot of %1</source>
        <translation>sein Datensatz enthält den Schlüsselplatz von %1</translation>
    </message>
    <message>
        <location line="-182"/>
        <location line="+23"/>
        <location line="+9"/>
        <location line="+8"/>
        <location line="+19"/>
        <location line="+10"/>
        <location line="+11"/>
        <location line="+4"/>
        <source>writing</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>the key slot of %1 in %2 would be %3, past the limit of %4 for one slot; nothing was changed</source>
        <translation>Der Schlüsselplatz von %1 in %2 wäre %3 groß und damit über der Grenze von %4 für einen Schlüsselplatz; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>cannot create key store %1: %2</source>
        <translation>Der Schlüsselspeicher %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+2"/>
        <source>cannot write key store %1: %2</source>
        <translation>Der Schlüsselspeicher %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+226"/>
        <source>key store %1 is gone, and a key file %2 is in its place; restore it from a backup</source>
        <translation>Der Schlüsselspeicher %1 fehlt, und an seiner Stelle liegt eine Schlüsseldatei %2; stellen Sie ihn aus einer Sicherung wieder her</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it belongs to another vault</source>
        <translation>er gehört zu einem anderen Tresor</translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+9"/>
        <source>cannot remove key file %1: %2</source>
        <translation>Die Schlüsseldatei %1 kann nicht entfernt werden: %2</translation>
    </message>
    <message>
        <location filename="../app/ui/GuiMain.cpp" line="+87"/>
        <source>give one onramp:// link at a time</source>
        <translation>geben Sie jeweils nur einen onramp://-Link an</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an onramp:// link names its own vault: give it without --vault or --demo</source>
        <translation>ein onramp://-Link nennt seinen eigenen Tresor: geben Sie ihn ohne --vault oder --demo an</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>--as and --passphrase-file only apply with --screenshot FILE.png</source>
        <translation>--as und --passphrase-file gelten nur mit --screenshot DATEI.png</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--as signs in to the vault given with --vault DIR; the demo signs in by itself</source>
        <translation>--as meldet sich beim mit --vault ORDNER angegebenen Tresor an; die Demo meldet sich selbst an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--as needs the vault: --vault DIR</source>
        <translation>--as braucht den Tresor: --vault ORDNER</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a screenshot of a vault signs in with both --as NAME and --passphrase-file FILE</source>
        <translation>ein Bildschirmfoto eines Tresors meldet sich mit --as NAME und --passphrase-file DATEI an</translation>
    </message>
    <message>
        <location filename="../app/ui/Screenshot.cpp" line="+165"/>
        <source>cannot sign in to %1 as %2 with the passphrase in %3: %4</source>
        <translation>Anmeldung bei %1 als %2 mit der Passphrase aus %3 nicht möglich: %4</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the page &apos;%1&apos; is not shown to %2 (%3); their pages: %4</source>
        <translation>die Seite &apos;%1&apos; wird %2 (%3) nicht angezeigt; deren Seiten: %4</translation>
    </message>
    <message>
        <location filename="../app/server/LoginDerivation.cpp" line="+61"/>
        <source>The team id is empty: the sign-in to a team server needs it.</source>
        <translation>Die Team-ID ist leer: Die Anmeldung an einem Teamserver braucht sie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name is empty: the sign-in to a team server needs it.</source>
        <translation>Der Name ist leer: Die Anmeldung an einem Teamserver braucht ihn.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sign-in cost for team %1 (%2 passes over %3 MiB) is outside what Onramp accepts: at least %4 passes over %5 MiB.</source>
        <translation>Der Anmeldeaufwand für Team %1 (%2 Durchläufe über %3 MiB) liegt außerhalb dessen, was Onramp annimmt: mindestens %4 Durchläufe über %5 MiB.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The cryptography library could not start.</source>
        <translation>Die Kryptografie-Bibliothek konnte nicht starten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not enough memory for the sign-in&apos;s key derivation (%1 MiB).</source>
        <translation>Nicht genug Speicher für die Schlüsselableitung der Anmeldung (%1 MiB).</translation>
    </message>
    <message>
        <location filename="../app/server/PgConnection.cpp" line="+152"/>
        <source>the database server %1</source>
        <translation>der Datenbankserver %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the team server %1</source>
        <translation>der Teamserver %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database server %1</source>
        <translation>Der Datenbankserver %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team server %1</source>
        <translation>Der Teamserver %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database server %1 refused the sign-in of %2: the password of that role is wrong, or no role of that name is known there.</source>
        <translation>Der Datenbankserver %1 hat die Anmeldung von %2 abgelehnt: Das Passwort dieser Rolle ist falsch, oder dort ist keine Rolle dieses Namens bekannt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/server/TeamAccess.cpp" line="+224"/>
        <source>The team server %1 refused the sign-in of %2: the passphrase is wrong or nobody of that name is known there.</source>
        <translation>Der Teamserver %1 hat die Anmeldung von %2 abgelehnt: Die Passphrase ist falsch, oder dort ist niemand dieses Namens bekannt.</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Cannot reach %1: out of memory.</source>
        <translation>Nicht erreichbar ist %1: kein Speicher mehr.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 refused the setup role %2: %3 team init signs in as a role that may create roles through peer authentication, a client certificate or a password file (PGPASSFILE), never a password in the address.</source>
        <translation>%1 hat die Einrichtungsrolle %2 abgelehnt: %3 team init meldet sich als eine Rolle an, die Rollen anlegen darf, und zwar per Peer-Authentifizierung, Client-Zertifikat oder Passwortdatei (PGPASSFILE), nie mit einem Passwort in der Adresse.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 already holds as many sessions of %2 as it allows. Close another Onramp window or command of theirs, or try again.</source>
        <translation>%1 hält bereits so viele Sitzungen von %2, wie er zulässt. Schließen Sie ein anderes Onramp-Fenster oder einen anderen Befehl dieser Person, oder versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 holds as many sessions as it allows. Try again.</source>
        <translation>%1 hält so viele Sitzungen, wie er zulässt. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot reach %1: %2</source>
        <translation>Nicht erreichbar ist %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 answered without TLS; Onramp does not sign in there.</source>
        <translation>%1 hat ohne TLS geantwortet; Onramp meldet sich dort nicht an.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+9"/>
        <source>Lost the connection to %1: %2</source>
        <translation>Verbindung abgebrochen (%1): %2</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 did not answer: %2</source>
        <translation>%1 hat nicht geantwortet: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 does not permit this: %2</source>
        <translation>%1 erlaubt das nicht: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is busy: %2. Try again.</source>
        <translation>%1 ist beschäftigt: %2. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 takes no more of this from you for now: %2. Try again later.</source>
        <translation>%1 nimmt davon vorerst nichts mehr von Ihnen an: %2. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 refused the sign-in: %2</source>
        <translation>%1 hat die Anmeldung abgelehnt: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 refused the values: %2</source>
        <translation>%1 hat die Werte abgelehnt: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 reported an error: %2</source>
        <translation>%1 hat einen Fehler gemeldet: %2</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Could not make a sign-in verifier for %1: %2</source>
        <translation>Kein Anmelde-Prüfwert erzeugt (%1): %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+88"/>
        <source>The transaction on %1 has already ended.</source>
        <translation>Die Transaktion ist bereits beendet (%1).</translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+88"/>
        <source>A statement failed on %1, so nothing of this change was kept.</source>
        <translation>Eine Anweisung ist fehlgeschlagen (%1), daher wurde nichts von dieser Änderung behalten.</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+44"/>
        <source>%1 rolled the change back instead of keeping it.</source>
        <translation>%1 hat die Änderung zurückgerollt, statt sie zu behalten.</translation>
    </message>
    <message>
        <location filename="../app/server/ServerAddress.cpp" line="+61"/>
        <source>The server address is empty: give a libpq connection string or a postgresql:// URI.</source>
        <translation>Die Serveradresse ist leer: Geben Sie eine libpq-Verbindungszeichenfolge oder eine postgresql://-URI an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server address is not a libpq connection string or postgresql:// URI.</source>
        <translation>Die Serveradresse ist keine libpq-Verbindungszeichenfolge und keine postgresql://-URI.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server address is not a libpq connection string or postgresql:// URI: %1</source>
        <translation>Die Serveradresse ist keine libpq-Verbindungszeichenfolge und keine postgresql://-URI: %1</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>the provisioning role&apos;s password is given apart, and sealed under the production key</source>
        <translation>das Passwort der Bereitstellungsrolle wird getrennt angegeben und unter dem Produktionsschlüssel versiegelt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onramp signs in with your passphrase</source>
        <translation>Onramp meldet sich mit Ihrer Passphrase an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server address for %1 carries a password. Remove it: %2.</source>
        <translation>Die Serveradresse für %1 enthält ein Passwort. Entfernen Sie es: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server address for %1 names a password file. Remove it: %2.</source>
        <translation>Die Serveradresse für %1 nennt eine Passwortdatei. Entfernen Sie sie: %2.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The server address for %1 must ask for sslmode=verify-full and channel_binding=require: a server reached over TCP, on this machine too, has to prove who it is with its certificate, and the sign-in must not be answered in clear text or relayed.</source>
        <translation>Die Serveradresse für %1 muss sslmode=verify-full und channel_binding=require verlangen: Ein über TCP erreichter Server, auch auf diesem Rechner, muss mit seinem Zertifikat beweisen, wer er ist, und die Anmeldung darf weder im Klartext beantwortet noch weitergeleitet werden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server address for %1 must ask for sslmode=verify-full: a server reached over TCP, on this machine too, has to prove who it is with its certificate.</source>
        <translation>Die Serveradresse für %1 muss sslmode=verify-full verlangen: Ein Server, der über TCP erreicht wird, auch auf diesem Rechner, muss mit seinem Zertifikat beweisen, wer er ist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server address for %1 must ask for channel_binding=require, so that the sign-in cannot be answered in clear text or relayed.</source>
        <translation>Die Serveradresse für %1 muss channel_binding=require verlangen, damit die Anmeldung weder im Klartext beantwortet noch weitergeleitet werden kann.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>the address for %1 names the service &apos;%2&apos;, which each desktop looks up in its own service file; a provisioning connection names its server with host= and port=</source>
        <translation>die Adresse für %1 nennt den Dienst &apos;%2&apos;, den jeder Arbeitsplatz in seiner eigenen Dienstdatei nachschlägt; eine Bereitstellungsverbindung nennt ihren Server mit host= und port=</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the address for %1 names no host, so each desktop&apos;s PGHOST would decide; a provisioning connection names its server with host=</source>
        <translation>die Adresse für %1 nennt keinen Host, also entschiede das PGHOST jedes Arbeitsplatzes; eine Bereitstellungsverbindung nennt ihren Server mit host=</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the address for %1 lists more than one server (%2); a provisioning connection names exactly one, so that every login is ended where it was made</source>
        <translation>die Adresse für %1 nennt mehr als einen Server (%2); eine Bereitstellungsverbindung nennt genau einen, damit jeder Login dort beendet wird, wo er angelegt wurde</translation>
    </message>
    <message>
        <location filename="../app/server/ServerSchema.cpp" line="+102"/>
        <source>The team server %1 holds schema version %2; this Onramp knows versions up to %3. Update Onramp.</source>
        <translation>Der Teamserver %1 hat die Schemaversion %2; dieses Onramp kennt Versionen bis %3. Aktualisieren Sie Onramp.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>The database %1 already holds %n other object(s); Onramp sets up its schema only in an empty database.</source>
        <translation>
            <numerusform>Die Datenbank %1 enthält bereits %n anderes Objekt; Onramp richtet sein Schema nur in einer leeren Datenbank ein.</numerusform>
            <numerusform>Die Datenbank %1 enthält bereits %n andere Objekte; Onramp richtet sein Schema nur in einer leeren Datenbank ein.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The schema step %1 is missing from this Onramp.</source>
        <translation>Der Schemaschritt %1 fehlt in diesem Onramp.</translation>
    </message>
    <message>
        <location filename="../app/server/TeamSetup.cpp" line="+30"/>
        <source>The team on %1 is set up already, and %2 is not its first admin: its admins add people.</source>
        <translation>Das Team auf %1 ist bereits eingerichtet, und %2 ist nicht sein erster Admin: Seine Admins fügen Personen hinzu.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>take advisory locks</source>
        <translation>Advisory-Locks nehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>make temporary tables</source>
        <translation>temporäre Tabellen anlegen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>create large objects</source>
        <translation>Large Objects anlegen</translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommands.cpp" line="+24"/>
        <source>Backed up vault %1 (up to audit entry %2) to %3.</source>
        <translation>Tresor %1 (bis Protokolleintrag %2) nach %3 gesichert.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;restore&apos; needs --as NAME (an admin of the backed-up vault)</source>
        <translation>&apos;restore&apos; braucht --as NAME (ein Admin des gesicherten Tresors)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Restored vault %1 in %2 from the backup %3 took at %4 (up to audit entry %5); recorded as restore %6.</source>
        <translation>Tresor %1 in %2 aus der Sicherung wiederhergestellt, die %3 am %4 angelegt hat (bis Protokolleintrag %5); festgehalten als Wiederherstellung %6.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n grant(s) the replaced vault had revoked were live in the backup and are revoked again.</source>
        <translation>
            <numerusform>%n Zuteilung, die der ersetzte Tresor widerrufen hatte, war in der Sicherung gültig und wurde erneut widerrufen.</numerusform>
            <numerusform>%n Zuteilungen, die der ersetzte Tresor widerrufen hatte, waren in der Sicherung gültig und wurden erneut widerrufen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder held no vault, so nothing revoked, disabled or moved since the backup was taken could be carried over. This desktop saw nothing later than the backup, but another may have: ask the mentors and admins whether they revoked or disabled anyone since %1, and do it again.</source>
        <translation>Der Ordner enthielt keinen Tresor, daher konnte nichts, was seit dem Anlegen der Sicherung widerrufen, deaktiviert oder umgestellt wurde, übernommen werden. Dieser Desktop hat nichts gesehen, was neuer ist als die Sicherung, ein anderer aber vielleicht schon: Fragen Sie die Mentoren und Admins, ob sie seit %1 Zugänge widerrufen oder Personen deaktiviert haben, und wiederholen Sie es.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1&apos;s passphrase was reset or changed in the vault this restore replaced, and the backup&apos;s slot opened with the one before: %1 is disabled. Give them a new one with &apos;onramp passphrase reset %1&apos;.</source>
        <translation>Die Passphrase von %1 wurde im Tresor, den diese Wiederherstellung ersetzt hat, zurückgesetzt oder geändert, und der Schlüsselplatz der Sicherung öffnete sich mit der vorigen: %1 ist deaktiviert. Vergeben Sie eine neue mit „onramp passphrase reset %1“.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 was disabled in the vault this restore replaced and is disabled again (the production key was rotated, as a disable does).</source>
        <translation>%1 war in dem Tresor, den diese Wiederherstellung ersetzt hat, deaktiviert und ist wieder deaktiviert (der Produktionsschlüssel wurde gewechselt, wie bei einer Deaktivierung).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1&apos;s mentor is %2 again, as in the vault this restore replaced; the earlier mentor&apos;s reviews and sign-off ended again.</source>
        <translation>Mentor von %1 ist wieder %2, wie in dem Tresor, den diese Wiederherstellung ersetzt hat; die Prüfungen und die Freigabe des früheren Mentors sind wieder beendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is on %2 version %3 again, as in the vault this restore replaced.</source>
        <translation>%1 ist wieder auf %2 Version %3, wie in dem Tresor, den diese Wiederherstellung ersetzt hat.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The login %1, made after the backup was taken, was dropped at its server.</source>
        <translation>Der Login %1, angelegt nach der Sicherung, wurde auf seinem Server gelöscht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The login %1, made after the backup was taken, could not be dropped at its server yet (%2); its drop is pending and &apos;onramp cred sweep&apos; retries it.</source>
        <translation>Der Login %1, angelegt nach der Sicherung, konnte auf seinem Server noch nicht gelöscht werden (%2); das Löschen steht aus und „onramp cred sweep“ versucht es erneut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The production key was rotated since the backup was taken, and is rotated again: the backup&apos;s copy of it opens no secret here.</source>
        <translation>Der Produktionsschlüssel wurde nach der Sicherung erneuert und wird es nun wieder: die Kopie in der Sicherung öffnet hier kein Geheimnis.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not carried over: %1.</source>
        <translation>Nicht übernommen: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The master key was rotated last, so the backup&apos;s copy of it opens nothing here.</source>
        <translation>Zuletzt wurde der Hauptschlüssel gewechselt; die Kopie in der Sicherung öffnet hier nichts mehr.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This desktop had seen audit entry %1, so at least %2 recorded changes are not in the backup. Do again what they did: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation>Dieser Computer hatte Protokolleintrag %1 gesehen, also fehlen in der Sicherung mindestens %2 aufgezeichnete Änderungen. Wiederholen Sie, was sie taten: zuerst deaktivieren, dann widerrufen, dann hinzugefügte Personen, Freigaben und gesetzte Geheimnisse.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This desktop had seen another audit entry %1 than the backup holds: what was recorded after the backup was taken is not in it. Do again what was done since: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation>Dieser Computer hatte einen anderen Protokolleintrag %1 gesehen, als die Sicherung enthält: Was nach der Sicherung aufgezeichnet wurde, fehlt darin. Wiederholen Sie, was seitdem getan wurde: zuerst deaktivieren, dann widerrufen, dann hinzugefügte Personen, Freigaben und gesetzte Geheimnisse.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The folder it replaced is kept at %1; nothing in it was deleted.</source>
        <translation>Der ersetzte Ordner liegt jetzt unter %1; nichts darin wurde gelöscht.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Other desktops that saw a newer state take the restore in when an admin they know signs in there; until then they say the vault was restored.</source>
        <translation>Andere Desktops, die einen neueren Stand gesehen haben, übernehmen die Wiederherstellung, sobald sich dort ein Admin anmeldet, den sie kennen; bis dahin melden sie, dass der Tresor wiederhergestellt wurde.</translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+10"/>
        <source>replace FILE if it exists</source>
        <translation>FILE ersetzen, falls vorhanden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>restore the vault folder from a backup file, as a signed restore (admin)</source>
        <translation>den Tresor-Ordner aus einer Sicherungsdatei wiederherstellen, als signierte Wiederherstellung (Admin)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>restore over a folder that is not empty, keeping it aside as FOLDER.replaced-TIME</source>
        <translation>über einen nicht leeren Ordner wiederherstellen und ihn als FOLDER.replaced-TIME beiseitelegen</translation>
    </message>
    <message>
        <location filename="../app/cli/team/TeamModule.cpp" line="-425"/>
        <source>&apos;%1&apos; needs the team server: give --server URL or set ONRAMP_SERVER</source>
        <translation>&apos;%1&apos; braucht den Teamserver: geben Sie --server URL an oder setzen Sie ONRAMP_SERVER</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+21"/>
        <location line="+256"/>
        <source>&apos;%1&apos; needs --as NAME (who signs in)</source>
        <translation>„%1“ braucht --as NAME (wer sich anmeldet)</translation>
    </message>
    <message>
        <location line="-268"/>
        <source>%1 still has the passphrase they were handed; choose your own first: onramp --server URL passphrase change --as %1 --new-passphrase-file FILE</source>
        <translation>%1 hat noch die übergebene Passphrase; wählen Sie zuerst Ihre eigene: onramp --server URL passphrase change --as %1 --new-passphrase-file FILE</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>&apos;team init&apos; needs --admin NAME (the first admin)</source>
        <translation>&apos;team init&apos; braucht --admin NAME (der erste Admin)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The team %1 on %2 is set up already with admin %3; nothing changed.</source>
        <translation>Das Team %1 auf %2 ist bereits mit Admin %3 eingerichtet; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set up the team %1 on %2 with admin %3.</source>
        <translation>Team %1 auf %2 mit Admin %3 eingerichtet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Warning: on %1 every role may still %2, and one login doing so by the thousand fills the cluster&apos;s lock table or its disk. A superuser takes it away from PUBLIC in this database: see docs/DEPLOYMENT.md, &quot;One login against the whole cluster&quot;.</source>
        <translation>Warnung: Auf %1 darf jede Rolle noch %2, und ein einziges Login, das dies tausendfach tut, füllt die Sperrtabelle oder die Platte des Clusters. Ein Superuser entzieht es PUBLIC in dieser Datenbank: siehe docs/DEPLOYMENT.md, „One login against the whole cluster“.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--%1 needs a whole number from %2 to %3, not &apos;%4&apos;</source>
        <translation>--%1 braucht eine ganze Zahl von %2 bis %3, nicht „%4“</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Warning: %1 allows prepared transactions (max_prepared_transactions = %2): a login&apos;s prepared transaction keeps its locks with no session the watch could end. Set it to 0.</source>
        <translation>Warnung: %1 erlaubt vorbereitete Transaktionen (max_prepared_transactions = %2): Die vorbereitete Transaktion einer Anmeldung behält ihre Sperren ohne eine Sitzung, die die Überwachung beenden könnte. Setzen Sie den Wert auf 0.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Watching the team %1 on %2 every %n s: the sessions of an Onramp login that hold more than %3 locks together are ended.</source>
        <translation>
            <numerusform>Das Team %1 auf %2 wird alle %n s überwacht: Die Sitzungen einer Onramp-Anmeldung, die zusammen mehr als %3 Sperren halten, werden beendet.</numerusform>
            <numerusform>Das Team %1 auf %2 wird alle %n s überwacht: Die Sitzungen einer Onramp-Anmeldung, die zusammen mehr als %3 Sperren halten, werden beendet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1  ended the session of %2 (process %3, %4 locks): the login&apos;s sessions held %5 locks, more than %6</source>
        <translation>%1  Sitzung von %2 beendet (Prozess %3, %4 Sperren): Die Sitzungen der Anmeldung hielten %5 Sperren, mehr als %6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1  could not end the session of %2 (process %3, %4 locks) within 5 s: the login&apos;s sessions hold %5 locks, more than %6</source>
        <translation>%1  Sitzung von %2 (Prozess %3, %4 Sperren) ließ sich nicht binnen 5 s beenden: Die Sitzungen der Anmeldung halten %5 Sperren, mehr als %6</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>None of the %n Onramp login(s) on %1 holds more than %2 locks.</source>
        <translation>
            <numerusform>Keine der %n Onramp-Anmeldung auf %1 hält mehr als %2 Sperren.</numerusform>
            <numerusform>Keine der %n Onramp-Anmeldungen auf %1 hält mehr als %2 Sperren.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-31"/>
        <source>The watch is connected to %1 again.</source>
        <translation>Die Überwachung ist wieder mit %1 verbunden.</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>&apos;%1&apos; takes the server once: as URL or as --server, not both</source>
        <translation>„%1“ nimmt den Server nur einmal: als URL oder als --server, nicht beides</translation>
    </message>
    <message numerus="yes">
        <location line="+161"/>
        <source>The watch lost its connection to %1; it connects again every %n s.</source>
        <translation>
            <numerusform>Die Überwachung hat die Verbindung zu %1 verloren; sie verbindet sich alle %n s neu.</numerusform>
            <numerusform>Die Überwachung hat die Verbindung zu %1 verloren; sie verbindet sich alle %n s neu.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A watch pass failed: %1</source>
        <translation>Ein Überwachungsdurchgang ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Added %1 (%2) to the team %3 on %4; they choose their own passphrase when they first sign in.</source>
        <translation>%1 (%2) wurde dem Team %3 auf %4 hinzugefügt; bei der ersten Anmeldung wählt die Person ihre eigene Passphrase.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Changed the passphrase of %1 on %2.</source>
        <translation>Die Passphrase von %1 auf %2 wurde geändert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>On a team server, &apos;audit verify&apos; reads the whole audit log, which only admins and mentors may read; %1 is a hire.</source>
        <translation>Auf einem Teamserver liest „audit verify“ das ganze Prüfprotokoll, das nur Admins und Mentoren lesen dürfen; %1 ist ein Neuzugang.</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>Audit log on %1 verified: %n entries, chained and signed, and every person who signs in holds the key it gave them.</source>
        <translation>
            <numerusform>Prüfprotokoll auf %1 geprüft: %n Eintrag, verkettet und signiert, und jede Person, die sich anmeldet, hat den Schlüssel, den es ihr gab.</numerusform>
            <numerusform>Prüfprotokoll auf %1 geprüft: %n Einträge, verkettet und signiert, und jede Person, die sich anmeldet, hat den Schlüssel, den es ihr gab.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not verified, set aside: entry %1 (by %2): %3; it counts for nothing.</source>
        <translation>Nicht geprüft, beiseitegelegt: Eintrag %1 (von %2): %3; er zählt nicht.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>	(not verified against the audit log)</source>
        <translation>	(nicht am Prüfprotokoll geprüft)</translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="-36"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+68"/>
        <source>	(not verified: %1)</source>
        <translation>	(nicht geprüft: %1)</translation>
    </message>
    <message>
        <location filename="../app/cli/team/TeamModule.cpp" line="+16"/>
        <source>Disabled %1 on %2: they can no longer sign in, and their open sessions were ended. &apos;onramp passphrase reset %1&apos; enables them again.</source>
        <translation>%1 auf %2 deaktiviert: Die Person kann sich nicht mehr anmelden, und ihre offenen Sitzungen wurden beendet. „onramp passphrase reset %1“ aktiviert sie wieder.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rotated the production key of %1: every production secret is kept under the new one, sealed to %2.</source>
        <translation>Produktionsschlüssel von %1 erneuert: jedes Produktionsgeheimnis liegt unter dem neuen, versiegelt für %2.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reset the passphrase of %1 on %2; they have a new key pair, their open sessions were ended, and they choose their own passphrase at their next sign-in.</source>
        <translation>Die Passphrase von %1 auf %2 wurde zurückgesetzt; die Person hat ein neues Schlüsselpaar, ihre offenen Sitzungen wurden beendet, und bei der nächsten Anmeldung wählt sie ihre eigene Passphrase.</translation>
    </message>
    <message>
        <location line="-250"/>
        <source>%1 (%2) in the team %3 on %4</source>
        <translation>%1 (%2) im Team %3 auf %4</translation>
    </message>
    <message>
        <location filename="../app/core/vault/Backup.cpp" line="-63"/>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>key store %1 is missing or not a regular file; the vault cannot be backed up until it opens</source>
        <translation>Der Schlüsselspeicher %1 fehlt oder ist keine reguläre Datei; der Tresor kann erst gesichert werden, wenn er sich öffnen lässt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot open the key store %1: %2</source>
        <translation>Der Schlüsselspeicher %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>cannot copy the key store %1 to %2: %3</source>
        <translation>Der Schlüsselspeicher %1 kann nicht nach %2 kopiert werden: %3</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>cannot move the restored vault from %1 to %2</source>
        <translation>der wiederhergestellte Tresor kann nicht von %1 nach %2 verschoben werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cannot put the restored vault %1 in place of %2</source>
        <translation>der wiederhergestellte Tresor %1 kann nicht an die Stelle von %2 gesetzt werden</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the restored vault is in %1, but its folder %2 could not be synced</source>
        <translation>der wiederhergestellte Tresor liegt in %1, aber sein Ordner %2 konnte nicht synchronisiert werden</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+8"/>
        <source>cannot copy the vault database %1 to %2: %3</source>
        <translation>die Tresor-Datenbank %1 kann nicht nach %2 kopiert werden: %3</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>backup file %1 is not a regular file; give the path of the file to write</source>
        <translation>Sicherungsdatei %1 ist keine reguläre Datei; geben Sie den Pfad der zu schreibenden Datei an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup file %1 already exists; add --force to replace it</source>
        <translation>Sicherungsdatei %1 existiert bereits; fügen Sie --force hinzu, um sie zu ersetzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot write backup file %1: the folder %2 does not exist</source>
        <translation>Sicherungsdatei %1 kann nicht geschrieben werden: Der Ordner %2 existiert nicht</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>backup file %1 would be inside the vault folder; write it somewhere else</source>
        <translation>Sicherungsdatei %1 läge im Tresor-Ordner; schreiben Sie sie an einen anderen Ort</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>only an admin takes a backup: a restore accepts only a backup signed by an admin of the vault, and %1 is not one</source>
        <translation>nur ein Admin legt eine Sicherung an: eine Wiederherstellung akzeptiert nur eine Sicherung, die ein Admin des Tresors signiert hat, und %1 ist keiner</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>backup file %1 was not written: its audit entry could not be written: %2</source>
        <translation>Sicherungsdatei %1 wurde nicht geschrieben: ihr Protokolleintrag konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>key store %1 names vault %2, but the database is vault %3</source>
        <translation>Der Schlüsselspeicher %1 nennt Tresor %2, die Datenbank ist aber Tresor %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>backup file</source>
        <translation>Sicherungsdatei</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>backup file %1 does not exist</source>
        <translation>Sicherungsdatei %1 existiert nicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup file %1 is not a regular file; give the backup file&apos;s own path</source>
        <translation>Sicherungsdatei %1 ist keine reguläre Datei; geben Sie den Pfad der Sicherungsdatei selbst an</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not an Onramp backup (it does not begin as one `onramp backup` writes)</source>
        <translation>%1 ist keine Onramp-Sicherung (die Datei beginnt nicht wie eine, die `onramp backup` schreibt)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup file %1 is damaged or was changed after it was taken (%2); nothing was restored</source>
        <translation>Sicherungsdatei %1 ist beschädigt oder wurde nach dem Anlegen verändert (%2); es wurde nichts wiederhergestellt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its checksum does not match its contents</source>
        <translation>ihre Prüfsumme passt nicht zu ihrem Inhalt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its manifest is %1 bytes long</source>
        <translation>ihr Manifest ist %1 Bytes lang</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its manifest is not JSON: %1</source>
        <translation>ihr Manifest ist kein JSON: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup file %1 is of format %2, which this Onramp cannot read</source>
        <translation>Sicherungsdatei %1 hat das Format %2, das dieses Onramp nicht lesen kann</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>its manifest does not name the vault, the time and the audit head</source>
        <translation>ihr Manifest nennt nicht Tresor, Zeitpunkt und Protokollkopf</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it holds a file named &apos;%1&apos;, which is no file of a vault folder</source>
        <translation>sie enthält eine Datei namens &apos;%1&apos;, die in keinen Tresor-Ordner gehört</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it holds %1 twice</source>
        <translation>sie enthält %1 zweimal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 goes past the end of the file</source>
        <translation>%1 reicht über das Dateiende hinaus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 does not match its checksum</source>
        <translation>%1 passt nicht zu seiner Prüfsumme</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 bytes follow the last file it names</source>
        <translation>auf die letzte genannte Datei folgen noch %1 Bytes</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its files do not match the digest of all of them</source>
        <translation>ihre Dateien passen nicht zur Prüfsumme über alle Dateien</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it holds no %1</source>
        <translation>sie enthält kein %1</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>%1, so what it revoked, disabled or moved cannot be kept so in the restored one; nothing was restored. Add --rollback to restore the backup as it is: the grants it holds, the people it holds enabled and the passphrases they had when it was taken (reset or changed since, say because one leaked) all come back</source>
        <translation>%1, daher kann, was er widerrufen, deaktiviert oder verschoben hat, im wiederhergestellten nicht so bleiben; nichts wurde wiederhergestellt. Fügen Sie --rollback hinzu, um die Sicherung so wiederherzustellen, wie sie ist: die Zuteilungen darin, die Personen, die sie als aktiviert führt, und die Passphrasen, die diese beim Anlegen der Sicherung hatten (seither zurückgesetzt oder geändert, etwa weil eine bekannt wurde), kommen alle zurück</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the vault in %1 does not open as %2 (%3)</source>
        <translation>der Tresor in %1 lässt sich nicht als %2 öffnen (%3)</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+2"/>
        <source>the log of the vault in %1 does not verify (%2)</source>
        <translation>das Protokoll des Tresors in %1 lässt sich nicht prüfen (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the log of the vault in %1 does not start from the root this desktop pinned</source>
        <translation>das Protokoll des Tresors in %1 beginnt nicht bei dem Stamm, den dieser Desktop festgehalten hat</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the vault in %1 no longer holds audit entry %2 as this desktop saw it (it was cut back or put back from an old copy)</source>
        <translation>der Tresor in %1 enthält Protokolleintrag %2 nicht mehr so, wie dieser Desktop ihn gesehen hat (er wurde gekürzt oder aus einer alten Kopie zurückgelegt)</translation>
    </message>
    <message>
        <location line="+208"/>
        <source>the secret of %1, set again after the backup was taken; the backup&apos;s earlier one was removed, so no hire receives it until you set it again (cred set %1)</source>
        <translation>das Geheimnis von %1, nach dem Anlegen der Sicherung neu gesetzt; das frühere aus der Sicherung wurde entfernt, sodass kein Neuzugang es erhält, bis Sie es erneut setzen (cred set %1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the password of connection %1, set again after the backup was taken; the restored connection holds the earlier one: set it again (provider set %1)</source>
        <translation>das Passwort der Verbindung %1, nach dem Anlegen der Sicherung neu gesetzt; die wiederhergestellte Verbindung enthält das frühere: Setzen Sie es erneut (provider set %1)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 was given a new passphrase in the vault this restore replaced, but the backup holds them disabled: reset their passphrase again to let them in</source>
        <translation>%1 erhielt im Tresor, den diese Wiederherstellung ersetzt hat, eine neue Passphrase, aber die Sicherung führt sie als deaktiviert: Setzen Sie ihre Passphrase erneut zurück, um sie hereinzulassen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1&apos;s passphrase was reset or changed in the vault this restore replaced, and the backup&apos;s slot still opens with the one before, which could not be shut out (%2): reset their passphrase now</source>
        <translation>Die Passphrase von %1 wurde im Tresor, den diese Wiederherstellung ersetzt hat, zurückgesetzt oder geändert, und der Schlüsselplatz der Sicherung öffnet sich noch mit der vorigen, die nicht ausgesperrt werden konnte (%2): Setzen Sie die Passphrase jetzt zurück</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 was disabled in the vault this restore replaced, but could not be disabled again (%2): their grants are revoked again; disable them first, before anything else</source>
        <translation>%1 war in dem ersetzten Tresor deaktiviert, konnte aber nicht wieder deaktiviert werden (%2): Die Zuteilungen sind wieder widerrufen; deaktivieren Sie die Person zuerst, vor allem anderen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the backup does not hold %1</source>
        <translation>die Sicherung enthält %1 nicht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1&apos;s mentor was changed to %2 in the vault this restore replaced, which could not be done again (%3): give %1 that mentor again (add %2 first if needed): onramp enrollment edit %1 --mentor %2</source>
        <translation>der Mentor von %1 wurde in dem ersetzten Tresor zu %2 geändert, was nicht wiederholt werden konnte (%3): Geben Sie %1 diesen Mentor wieder (legen Sie %2 bei Bedarf zuerst an): onramp enrollment edit %1 --mentor %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>which checklist %1 was on in the vault this restore replaced cannot be told (its rows there do not match its log): check %1&apos;s checklist, and move them if it is not the one wanted</source>
        <translation>auf welcher Checkliste %1 im ersetzten Tresor war, lässt sich nicht sagen (die Zeilen dort passen nicht zum Protokoll): Prüfen Sie die Checkliste von %1 und stellen Sie die Person um, wenn es nicht die gewünschte ist</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 was moved to %2 version %3 in the vault this restore replaced, which could not be done again (%4): move them again</source>
        <translation>%1 wurde im ersetzten Tresor auf %2 Version %3 umgestellt, was nicht wiederholt werden konnte (%4): Stellen Sie die Person erneut um</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>a login of &apos;%1&apos; (enrollment %2) that the vault this restore replaced may have made at its source after the backup was taken cannot be placed (%3): find it at the server and drop it there</source>
        <translation>eine Anmeldung von &apos;%1&apos; (Einschreibung %2), die der durch diese Wiederherstellung ersetzte Tresor nach der Sicherung an ihrer Quelle angelegt haben kann, lässt sich nicht zuordnen (%3): suchen Sie sie auf dem Server und löschen Sie sie dort</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>the login %1, made after the backup was taken, may live on at its server and could not be dropped (%2): drop it there</source>
        <translation>die nach der Sicherung angelegte Anmeldung %1 kann auf ihrem Server weiterbestehen und konnte nicht gelöscht werden (%2): löschen Sie sie dort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the login %1, made through provider connection %2 after the backup was taken, may live on at that server and could not be dropped (%3): drop it there</source>
        <translation>der Login %1, nach der Sicherung über die Anbieterverbindung %2 angelegt, besteht auf diesem Server womöglich weiter und konnte nicht gelöscht werden (%3): Löschen Sie ihn dort</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+8"/>
        <source>the login %1, made after the backup was taken for an enrollment the backup does not hold, may live on at its server and could not be dropped (%2): drop it there</source>
        <translation>die nach der Sicherung für eine Einschreibung, die die Sicherung nicht enthält, angelegte Anmeldung %1 kann auf ihrem Server weiterbestehen und konnte nicht gelöscht werden (%2): löschen Sie sie dort</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>not tried: %1</source>
        <translation>nicht versucht: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not tried</source>
        <translation>nicht versucht</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot restore into %1: the folder %2 does not exist</source>
        <translation>Wiederherstellung in %1 nicht möglich: Der Ordner %2 existiert nicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot restore into %1: it is not a folder</source>
        <translation>Wiederherstellung in %1 nicht möglich: Es ist kein Ordner</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not empty: restoring a backup there replaces everything recorded since it was taken. Add --replace to restore in its place (the folder is kept aside, never deleted), or restore into an empty folder</source>
        <translation>%1 ist nicht leer: Eine Sicherung dort wiederherzustellen ersetzt alles, was seit ihrem Anlegen festgehalten wurde. Fügen Sie --replace hinzu, um an seiner Stelle wiederherzustellen (der Ordner wird beiseitegelegt, nie gelöscht), oder stellen Sie in einem leeren Ordner wieder her</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 holds vault %2, but the backup %3 is of vault %4; restore it into another folder</source>
        <translation>%1 enthält Tresor %2, die Sicherung %3 stammt aber von Tresor %4; stellen Sie sie in einem anderen Ordner wieder her</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>cannot sync the folder %1</source>
        <translation>der Ordner %1 kann nicht synchronisiert werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>restored file</source>
        <translation>wiederhergestellte Datei</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot read this desktop&apos;s record of vault %1 in %2</source>
        <translation>der Vermerk dieses Desktops zu Tresor %1 in %2 kann nicht gelesen werden</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>backup file %1 names vault %2 but holds vault %3</source>
        <translation>Sicherungsdatei %1 nennt Tresor %2, enthält aber Tresor %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only an admin can restore a backup: it replaces everything recorded since it was taken, and %1 is not an admin of the backed-up vault</source>
        <translation>nur ein Admin kann eine Sicherung wiederherstellen: Sie ersetzt alles, was seit ihrem Anlegen festgehalten wurde, und %1 ist kein Admin des gesicherten Tresors</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>backup file %1 says its log ends at audit entry %2, but the log it holds ends at entry %3 with another hash: its manifest was changed; nothing was restored</source>
        <translation>Die Sicherungsdatei %1 gibt an, ihr Protokoll ende bei Protokolleintrag %2, doch das enthaltene Protokoll endet bei Eintrag %3 mit einem anderen Hash: ihr Manifest wurde verändert; es wurde nichts wiederhergestellt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>backup file %1 carries no signature of the person who took it (an Onramp from before backups were signed wrote it, or it was changed): who took it and when cannot be told, so nothing was restored. Take a new backup, as an admin</source>
        <translation>Die Sicherungsdatei %1 trägt keine Signatur der Person, die sie erstellt hat (ein Onramp aus der Zeit vor signierten Sicherungen hat sie geschrieben, oder sie wurde verändert): Wer sie wann erstellt hat, lässt sich nicht feststellen, daher wurde nichts wiederhergestellt. Erstellen Sie als Admin eine neue Sicherung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>backup file %1 says %2 took it, who is no person of the vault it holds: its manifest was changed; nothing was restored</source>
        <translation>Die Sicherungsdatei %1 gibt an, %2 habe sie erstellt, doch diese Person gehört nicht zum enthaltenen Tresor: ihr Manifest wurde verändert; es wurde nichts wiederhergestellt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup file %1 says %2 took it, but its manifest is not signed by %2: it was changed after it was taken; nothing was restored</source>
        <translation>Die Sicherungsdatei %1 gibt an, %2 habe sie erstellt, doch ihr Manifest ist nicht von %2 signiert: sie wurde nach dem Erstellen verändert; es wurde nichts wiederhergestellt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup file %1 was taken by %2, who is not an admin of the vault it holds: only an admin&apos;s backup is restored; nothing was restored</source>
        <translation>Die Sicherungsdatei %1 wurde von %2 erstellt, doch diese Person ist kein Admin des enthaltenen Tresors: nur die Sicherung eines Admins wird wiederhergestellt; es wurde nichts wiederhergestellt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup file %1 says it was taken at %2, which is later than now: its manifest was changed, or this computer&apos;s clock is wrong; nothing was restored</source>
        <translation>Die Sicherungsdatei %1 gibt an, sie sei am %2 erstellt worden, also später als jetzt: ihr Manifest wurde verändert, oder die Uhr dieses Computers geht falsch; es wurde nichts wiederhergestellt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>this desktop accepted restore %1 of vault %2, and the backup %3 was taken before it: here it cannot be told from an old copy put back. Restore a backup taken after restore %1</source>
        <translation>dieser Desktop hat Wiederherstellung %1 von Tresor %2 akzeptiert, und die Sicherung %3 wurde davor angelegt: Hier ist sie nicht von einer zurückgelegten alten Kopie zu unterscheiden. Stellen Sie eine Sicherung wieder her, die nach Wiederherstellung %1 angelegt wurde</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 holds no vault, but this desktop has seen audit entry %2 of vault %3, which the backup %4 does not hold: grants revoked, people disabled and hires moved since it was taken would come back. Restore over the vault with --replace where it is, or add --rollback to restore the backup as it is; nothing was restored</source>
        <translation>%1 enthält keinen Tresor, aber dieser Desktop hat Protokolleintrag %2 von Tresor %3 gesehen, den die Sicherung %4 nicht enthält: Seit ihrem Anlegen widerrufene Zuteilungen, deaktivierte Personen und umgestellte Neuzugänge kämen zurück. Stellen Sie mit --replace über den Tresor dort wieder her, wo er liegt, oder fügen Sie --rollback hinzu, um die Sicherung so wiederherzustellen, wie sie ist; es wurde nichts wiederhergestellt</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the production key was rotated in the vault this restore replaced, which could not be done again (%1): rotate it now</source>
        <translation>der Produktionsschlüssel wurde im durch diese Wiederherstellung ersetzten Tresor erneuert, was nicht wiederholt werden konnte (%1): erneuern Sie ihn jetzt</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the restore of vault %1 was not recorded</source>
        <translation>die Wiederherstellung von Tresor %1 wurde nicht festgehalten</translation>
    </message>
    <message>
        <location filename="../app/server/TeamAccess.cpp" line="-79"/>
        <source>The server address for %1 names no database: add dbname=NAME (the team&apos;s database, whose name is also the team id every sign-in uses).</source>
        <translation>Die Serveradresse für %1 nennt keine Datenbank: Fügen Sie dbname=NAME hinzu (die Datenbank des Teams, deren Name zugleich die Team-ID ist, die jede Anmeldung verwendet).</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+878"/>
        <source>&apos;%1&apos; cannot name a person: use up to 64 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter.</source>
        <translation>&apos;%1&apos; kann keine Person benennen: Verwenden Sie bis zu 64 Kleinbuchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos;, beginnend mit einem Buchstaben.</translation>
    </message>
    <message>
        <location line="-809"/>
        <source>The key slot of %1 on the team server %2 does not open with their passphrase, or holds another key than theirs: it was altered, or made for another team id.</source>
        <translation>Der Schlüsselplatz von %1 auf dem Teamserver %2 lässt sich mit der Passphrase der Person nicht öffnen oder enthält einen anderen Schlüssel als ihren: Er wurde verändert oder für eine andere Team-ID angelegt.</translation>
    </message>
    <message>
        <location line="+213"/>
        <source>The new passphrase of %1 is the one they signed in with: choose another.</source>
        <translation>Die neue Passphrase von %1 ist die, mit der sich die Person angemeldet hat: Wählen Sie eine andere.</translation>
    </message>
    <message>
        <location line="-417"/>
        <source>%1 was changed on the team server %2, but their open sessions could not be ended: %3</source>
        <translation>%1 wurde auf dem Teamserver %2 geändert, aber die offenen Sitzungen ließen sich nicht beenden: %3</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The team server %1 shows an audit log that does not begin with its first admin&apos;s signed team.init: it was rewritten. Nothing was done; tell an admin.</source>
        <translation>Der Teamserver %1 zeigt ein Prüfprotokoll, das nicht mit dem signierten team.init seines ersten Admins beginnt: Es wurde umgeschrieben. Es wurde nichts getan; sagen Sie es einem Admin.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>The team server %1 holds schema version %2; this Onramp works with version %3. %4</source>
        <translation>Der Teamserver %1 hat Schema-Version %2; dieses Onramp arbeitet mit Version %3. %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Its setup role updates it: onramp team init URL --admin NAME.</source>
        <translation>Seine Einrichtungsrolle aktualisiert ihn: onramp team init URL --admin NAME.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update Onramp.</source>
        <translation>Aktualisieren Sie Onramp.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The team server %1 does not show the first entry of its audit log, which gives the team&apos;s first key: it was removed or hidden. Nothing was done; tell an admin.</source>
        <translation>Der Teamserver %1 zeigt den ersten Eintrag seines Prüfprotokolls nicht, der den ersten Schlüssel des Teams angibt: Er wurde entfernt oder verborgen. Nichts wurde getan; wenden Sie sich an einen Admin.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The audit entry %1 would hold %2 bytes; a team server takes at most %3.</source>
        <translation>Der Protokolleintrag %1 hätte %2 Bytes; ein Teamserver nimmt höchstens %3.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The team server %1 has no audit head.</source>
        <translation>Der Teamserver %1 hat keinen Kopf des Prüfprotokolls.</translation>
    </message>
    <message>
        <location line="+37"/>
        <location filename="../app/server/TeamProductionKey.cpp" line="+72"/>
        <source>The key of %1 cannot be sealed to.</source>
        <translation>An den Schlüssel von %1 kann nicht versiegelt werden.</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>The new key of %1 cannot be sealed to.</source>
        <translation>Für den neuen Schlüssel von %1 kann nichts versiegelt werden.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The passphrase of %1 was changed on the team server %2, but their other open sessions could not be ended: %3</source>
        <translation>Die Passphrase von %1 wurde auf dem Teamserver %2 geändert, aber die anderen offenen Sitzungen konnten nicht beendet werden: %3</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 is disabled, but the production key they held was not rotated: %2 Once that is put right, run &apos;onramp vault rotate-production-key&apos;.</source>
        <translation>%1 ist deaktiviert, aber der Produktionsschlüssel, den diese Person hielt, wurde nicht erneuert: %2 Sobald das behoben ist, führen Sie &apos;onramp vault rotate-production-key&apos; aus.</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>entry %1 is missing</source>
        <translation>Eintrag %1 fehlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>it does not chain to the entry before it</source>
        <translation>er ist nicht mit dem Eintrag davor verkettet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its hash does not match what it records</source>
        <translation>sein Hash passt nicht zu dem, was er festhält</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the log does not begin with its first admin&apos;s team.init</source>
        <translation>das Protokoll beginnt nicht mit dem team.init seines ersten Admins</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a second team.init</source>
        <translation>ein zweites team.init</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the log gave %1 no key that could sign it</source>
        <translation>das Protokoll gab %1 keinen Schlüssel, der ihn signieren könnte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is signed without its place in the chain, after entries signed with theirs</source>
        <translation>er ist ohne seine Stelle in der Kette signiert, nach Einträgen, die mit ihrer signiert sind</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>its signature is not %1&apos;s for this place in the log</source>
        <translation>seine Signatur ist nicht die von %1 für diese Stelle im Protokoll</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 may not record %2 as a %3</source>
        <translation>%1 darf %2 nicht als %3 eintragen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it names nobody</source>
        <translation>er nennt niemanden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it adds %1 again, or without a key</source>
        <translation>er fügt %1 erneut oder ohne Schlüssel hinzu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it resets %1, whom the log does not know, or without a key</source>
        <translation>er setzt %1 zurück, den das Protokoll nicht kennt, oder ohne Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it disables %1, whom the log does not know</source>
        <translation>er deaktiviert %1, den das Protokoll nicht kennt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it gives %1 a key, and only its own signer&apos;s key changes so</source>
        <translation>er gibt %1 einen Schlüssel, doch so ändert sich nur der Schlüssel des eigenen Unterzeichners</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it gives %1 a new key, though their passphrase was their own already</source>
        <translation>er gibt %1 einen neuen Schlüssel, obwohl die Passphrase schon die eigene war</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it gives %1 a new key in place of one they did not have</source>
        <translation>er gibt %1 einen neuen Schlüssel anstelle eines, den diese Person nicht hatte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it gives %1 a key the log gave before, or no key</source>
        <translation>er gibt %1 einen Schlüssel, den das Protokoll schon vergeben hat, oder keinen</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>entry %1 (by %2): %3</source>
        <translation>Eintrag %1 (von %2): %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit log on the team server %1 does not hold at %2</source>
        <translation>Das Prüfprotokoll auf dem Teamserver %1 ist bei %2 nicht stimmig</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>; and %n more bad entries: %1</source>
        <translation>
            <numerusform>; und %n weiterer fehlerhafter Eintrag: %1</numerusform>
            <numerusform>; und %n weitere fehlerhafte Einträge: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The team server %1 lets %2 sign in as %3 with a key its audit log did not give them. Disable %2 and reset their passphrase to give them a key again.</source>
        <translation>Der Teamserver %1 lässt %2 als %3 mit einem Schlüssel anmelden, den sein Prüfprotokoll nicht vergeben hat. Deaktivieren Sie %2 und setzen Sie die Passphrase zurück, um wieder einen Schlüssel zu vergeben.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>The audit log on the team server %1 does not begin with its first admin&apos;s team.init.</source>
        <translation>Das Prüfprotokoll auf dem Teamserver %1 beginnt nicht mit dem team.init seines ersten Admins.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The audit log on the team server %1 does not give %2 the key they sign with now.</source>
        <translation>Das Prüfprotokoll auf dem Teamserver %1 weist %2 nicht den Schlüssel zu, mit dem diese Person jetzt signiert.</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+16"/>
        <location filename="../app/server/TeamGrants.cpp" line="+39"/>
        <source>%1 holds no production key on the team server %2: only admins and mentors do.</source>
        <translation>%1 hat auf dem Teamserver %2 keinen Produktionsschlüssel: Nur Admins und Mentoren haben einen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The team on %1 was set up before its server kept a production key: it has none yet.</source>
        <translation>Das Team auf %1 wurde eingerichtet, bevor sein Server einen Produktionsschlüssel aufbewahrte: Es hat noch keinen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The team server %1 holds no production key for %2 that opens with their key and matches the newest one its audit log names: it was removed or altered. An admin&apos;s passphrase reset seals it again.</source>
        <translation>Der Teamserver %1 hält für %2 keinen Produktionsschlüssel, der sich mit dessen Schlüssel öffnen lässt und zum neuesten passt, den sein Prüfprotokoll nennt: Er wurde entfernt oder verändert. Das Zurücksetzen der Passphrase durch einen Admin versiegelt ihn erneut.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The team server %1 shows %2 as “%3”, and the audit log&apos;s signed entry names them “%4”.</source>
        <translation>Der Teamserver %1 zeigt %2 als „%3“, der signierte Eintrag im Prüfprotokoll nennt die Person aber „%4“.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The role %1 may not create roles on the team server %2: team init runs as a superuser or a role with CREATEROLE.</source>
        <translation>Die Rolle %1 darf auf dem Teamserver %2 keine Rollen anlegen: team init läuft als Superuser oder als Rolle mit CREATEROLE.</translation>
    </message>
    <message>
        <location filename="../app/core/audit/SignatureChecks.cpp" line="+197"/>
        <source>no key to check it with</source>
        <translation>kein Schlüssel, um sie zu prüfen</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>larger than %n check(s)</source>
        <translation>
            <numerusform>größer als %n Prüfung</numerusform>
            <numerusform>größer als %n Prüfungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not in the format Onramp writes</source>
        <translation>nicht im Format, das Onramp schreibt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its MAC does not hold (it was changed outside Onramp, or by another person)</source>
        <translation>ihr MAC stimmt nicht (sie wurde außerhalb von Onramp oder von einer anderen Person geändert)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>no key to protect %1 with</source>
        <translation>kein Schlüssel, um %1 zu schützen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the verified-signature cache</source>
        <translation>der Zwischenspeicher geprüfter Signaturen</translation>
    </message>
    <message>
        <location filename="../app/server/ServerPin.cpp" line="+27"/>
        <source>The team server %1 shows its audit log at entry %2, but this desk saw it at entry %3: the log was rolled back or replaced. Nothing was done; tell an admin.</source>
        <translation>Der Teamserver %1 zeigt sein Prüfprotokoll bei Eintrag %2, dieser Arbeitsplatz sah es aber schon bei Eintrag %3: Das Protokoll wurde zurückgesetzt oder ersetzt. Nichts wurde getan; wenden Sie sich an einen Admin.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+29"/>
        <source>The team server %1 begins its audit log with another first admin&apos;s key than this desk pinned: the team was replaced. Nothing was done; tell an admin.</source>
        <translation>Der Teamserver %1 beginnt sein Prüfprotokoll mit einem anderen Schlüssel des ersten Admins, als dieser Arbeitsplatz festgehalten hat: Das Team wurde ersetzt. Nichts wurde getan; wenden Sie sich an einen Admin.</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The team server %1 no longer shows the first entry of its audit log, which this desk pinned: it was removed or hidden. Nothing was done; tell an admin.</source>
        <translation>Der Teamserver %1 zeigt den ersten Eintrag seines Prüfprotokolls nicht mehr, den dieser Arbeitsplatz festgehalten hat: Er wurde entfernt oder verborgen. Nichts wurde getan; wenden Sie sich an einen Admin.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The audit log on the team server %1 no longer holds entry %2 as this desk saw it: it was rolled back or rewritten. Nothing was done; tell an admin.</source>
        <translation>Das Prüfprotokoll auf dem Teamserver %1 enthält Eintrag %2 nicht mehr so, wie dieser Arbeitsplatz ihn sah: Es wurde zurückgesetzt oder umgeschrieben. Nichts wurde getan; wenden Sie sich an einen Admin.</translation>
    </message>
    <message>
        <location filename="../app/server/TeamGrants.cpp" line="-458"/>
        <location line="+404"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="-862"/>
        <source>Checklist %1 version %2 on the team server %3 does not parse: %4</source>
        <translation>Checkliste %1 Version %2 auf dem Teamserver %3 lässt sich nicht lesen: %4</translation>
    </message>
    <message>
        <location filename="../app/server/TeamOnboarding.cpp" line="+19"/>
        <source>no person &apos;%1&apos; on the team server %2</source>
        <translation>keine Person &apos;%1&apos; auf dem Teamserver %2</translation>
    </message>
    <message>
        <location line="+180"/>
        <location line="+42"/>
        <source>no checklist &apos;%1&apos; on the team server %2</source>
        <translation>keine Checkliste &apos;%1&apos; auf dem Teamserver %2</translation>
    </message>
    <message>
        <location line="+157"/>
        <source>The team server %1 shows an enrollment of %2 that no signed entry of its audit log vouches for.</source>
        <translation>Der Teamserver %1 zeigt eine Einschreibung von %2, für die kein signierter Eintrag seines Prüfprotokolls bürgt.</translation>
    </message>
    <message>
        <location line="-339"/>
        <source>The team server %1 shows checklist %2 version %3 other than its signed entry in the audit log says.</source>
        <translation>Der Teamserver %1 zeigt Checkliste %2 Version %3 anders, als ihr signierter Eintrag im Prüfprotokoll angibt.</translation>
    </message>
    <message>
        <location line="+189"/>
        <source>checklist &apos;%1&apos; has no version %2 (latest: %3)</source>
        <translation>Checkliste &apos;%1&apos; hat keine Version %2 (neueste: %3)</translation>
    </message>
    <message>
        <location line="+215"/>
        <source>The team server %1 shows step %2 of %3 done, and no signed entry of its audit log by %3 vouches for it.</source>
        <translation>Der Teamserver %1 zeigt Schritt %2 von %3 als erledigt, und kein signierter Eintrag von %3 in seinem Prüfprotokoll bürgt dafür.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>The team server %1 shows a review of step %2 of %3 that no signed entry of its audit log vouches for.</source>
        <translation>Der Teamserver %1 zeigt eine Prüfung von Schritt %2 von %3, für die kein signierter Eintrag seines Prüfprotokolls bürgt.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>The team server %1 shows a sign-off of %2 that no signed entry of its audit log vouches for.</source>
        <translation>Der Teamserver %1 zeigt eine Freigabe für %2, für die kein signierter Eintrag seines Prüfprotokolls bürgt.</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>only %1&apos;s mentor can review their steps</source>
        <translation>nur der Mentor von %1 kann dessen Schritte prüfen</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>only %1&apos;s mentor can sign off production access</source>
        <translation>nur der Mentor von %1 kann den Produktionszugang freigeben</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The team server %1 no longer shows the enrollment of %2.</source>
        <translation>Der Teamserver %1 zeigt die Einschreibung von %2 nicht mehr.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The team server %1 holds a sign-off or a production grant of %2 in this one&apos;s place that no signed entry vouches for: its entry is set aside (&apos;onramp audit verify&apos; names it). An admin&apos;s &apos;onramp enrollment move %2&apos; to another checklist version frees the place.</source>
        <translation>Der Teamserver %1 hält an dieser Stelle eine Freigabe oder eine Produktions-Zuteilung für %2, für die kein signierter Eintrag bürgt: ihr Eintrag ist beiseitegelegt (&apos;onramp audit verify&apos; nennt ihn). &apos;onramp enrollment move %2&apos; durch einen Admin auf eine andere Checklisten-Version gibt die Stelle frei.</translation>
    </message>
    <message>
        <location filename="../app/cli/ProviderCommands.cpp" line="+29"/>
        <source>&apos;provider set&apos; needs --dsn DSN (the connection, without a password)</source>
        <translation>&apos;provider set&apos; braucht --dsn DSN (die Verbindung, ohne Passwort)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;provider set&apos; needs --secret-file FILE (the provisioning role&apos;s password is never a command-line argument)</source>
        <translation>&apos;provider set&apos; braucht --secret-file FILE (das Passwort der Bereitstellungsrolle ist nie ein Kommandozeilenargument)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--environment of provider connection &apos;%1&apos; is &apos;%2&apos;: give sandbox or production</source>
        <translation>--environment der Anbieterverbindung &apos;%1&apos; ist &apos;%2&apos;: geben Sie sandbox oder production an</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>this Onramp has no postgresql provider</source>
        <translation>dieses Onramp hat keinen postgresql-Anbieter</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set provider connection %1 to %2, for %3 credentials.</source>
        <translation>Anbieterverbindung %1 auf %2 gesetzt, für %3-Zugänge.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No provider connections; an admin adds one with &apos;onramp provider set NAME --dsn DSN --secret-file FILE&apos;.</source>
        <translation>Keine Anbieterverbindungen; ein Admin fügt eine mit &apos;onramp provider set NAME --dsn DSN --secret-file FILE&apos; hinzu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(does not open: changed outside Onramp; an admin sets it again)</source>
        <translation>(lässt sich nicht öffnen: außerhalb von Onramp geändert; ein Admin setzt sie neu)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not verified: no admin&apos;s signed entry names this DSN)</source>
        <translation>(nicht geprüft: kein signierter Eintrag eines Admins nennt diesen DSN)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set %1 by %2</source>
        <translation>am %1 von %2 gesetzt</translation>
    </message>
    <message>
        <location filename="../app/cli/VaultCommands.cpp" line="+125"/>
        <location line="+5"/>
        <source>provider connections: not checked (%1)</source>
        <translation>Anbieterverbindungen: nicht geprüft (%1)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it is not the connection an admin&apos;s newest signed provider.set entry names (it was changed outside Onramp)</source>
        <translation>sie ist nicht die Verbindung, die der neueste signierte provider.set-Eintrag eines Admins nennt (sie wurde außerhalb von Onramp geändert)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this Onramp has no postgresql provider to read it</source>
        <translation>dieses Onramp hat keinen postgresql-Anbieter, der sie lesen kann</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>provider connection %1: %2; no login is made through it until an admin sets it again (onramp provider set %1 --dsn DSN --secret-file FILE)</source>
        <translation>Anbieterverbindung %1: %2; über sie wird kein Login angelegt, bis ein Admin sie neu setzt (onramp provider set %1 --dsn DSN --secret-file FILE)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>provider connections: %n checked, %1 to set again</source>
        <translation>
            <numerusform>Anbieterverbindungen: %n geprüft, %1 neu zu setzen</numerusform>
            <numerusform>Anbieterverbindungen: %n geprüft, %1 neu zu setzen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/credentials/ProviderConnections.cpp" line="+68"/>
        <source>only an admin can set or list provider connections</source>
        <translation>nur ein Admin kann Anbieterverbindungen setzen oder auflisten</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&apos;%1&apos; is not a provider connection name: use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, at most 63</source>
        <translation>&apos;%1&apos; ist kein Name einer Anbieterverbindung: verwenden Sie Kleinbuchstaben, Ziffern, &apos;-&apos; und &apos;_&apos;, höchstens 63</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the DSN of provider connection &apos;%1&apos; must be one line of at most %2 characters</source>
        <translation>der DSN der Anbieterverbindung &apos;%1&apos; muss eine Zeile mit höchstens %2 Zeichen sein</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the password of provider connection &apos;%1&apos; must be 1 to %2 bytes</source>
        <translation>das Passwort der Anbieterverbindung &apos;%1&apos; muss 1 bis %2 Bytes lang sein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the password of provider connection &apos;%1&apos; holds a zero byte</source>
        <translation>das Passwort der Anbieterverbindung &apos;%1&apos; enthält ein Nullbyte</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>provider connection &apos;%1&apos; cannot serve %2: %3 credential &apos;%4&apos; of checklist &apos;%5&apos; version %6 names it; nothing was changed</source>
        <translation>Anbieterverbindung &apos;%1&apos; kann nicht für %2 dienen: %3-Zugang &apos;%4&apos; der Checkliste &apos;%5&apos;, Version %6 nennt sie; es wurde nichts geändert</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>provider connection &apos;%1&apos; serves %2 credentials by its signed entry, not %3; nothing was changed</source>
        <translation>Anbieterverbindung „%1“ dient laut ihrem signierten Eintrag %2-Zugangsdaten, nicht %3; nichts wurde geändert</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the DSN of provider connection &apos;%1&apos;: %2</source>
        <translation>die DSN der Anbieterverbindung &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>provider connection &apos;%1&apos; serves the sandbox but signs in at %2, which checklist &apos;%3&apos; version %4 lists as a production host (%5): a sandbox lives on a server that holds no production data</source>
        <translation>die Anbieterverbindung &apos;%1&apos; dient der Sandbox, meldet sich aber bei %2 an, das Checkliste &apos;%3&apos; Version %4 als Produktionshost führt (%5): eine Sandbox liegt auf einem Server ohne Produktionsdaten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>provider connection &apos;%1&apos; serves production but signs in at %2, which no stored checklist lists in production_hosts: add it to the checklist&apos;s production_hosts, so that the scan and the sandbox rule know it</source>
        <translation>die Anbieterverbindung &apos;%1&apos; dient der Produktion, meldet sich aber bei %2 an, das keine gespeicherte Checkliste in production_hosts führt: nehmen Sie ihn in production_hosts der Checkliste auf, damit die Suche und die Sandbox-Regel ihn kennen</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>no provider connection &apos;%1&apos;: an admin sets it with &apos;onramp provider set %1 --dsn DSN --secret-file FILE&apos;</source>
        <translation>keine Anbieterverbindung &apos;%1&apos;: ein Admin setzt sie mit &apos;onramp provider set %1 --dsn DSN --secret-file FILE&apos;</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>no provider connection &apos;%1&apos; that an admin&apos;s signed provider.set entry sets</source>
        <translation>keine Anbieterverbindung &apos;%1&apos;, die ein signierter provider.set-Eintrag eines Admins setzt</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>the provider connection &apos;%1&apos; does not open</source>
        <translation>die Anbieterverbindung &apos;%1&apos; lässt sich nicht öffnen</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>provider connection &apos;%1&apos; reaches %2 now, and these logins made through it are live or wait for their drop: %3. Pointed at %4, Onramp could not drop them where they were made: every ending would leave them signing in until they expire. Revoke them first, or set it again with --accept-pending-drops to keep their drops pending until an admin points &apos;%1&apos; back for a sweep; nothing was changed</source>
        <translation>Anbieterverbindung „%1“ erreicht jetzt %2, und diese über sie angelegten Logins sind aktiv oder warten auf ihr Löschen: %3. Auf %4 gerichtet, könnte Onramp sie nicht dort löschen, wo sie angelegt wurden: Jedes Beenden ließe sie sich bis zu ihrem Ablauf weiter anmelden. Widerrufen Sie sie zuerst, oder setzen Sie die Verbindung mit --accept-pending-drops, damit ihr Löschen aussteht, bis ein Admin „%1“ für einen Sweep zurückrichtet; nichts wurde geändert</translation>
    </message>
    <message>
        <location line="+225"/>
        <location line="+35"/>
        <source>&apos;%1&apos; is not a provider connection name</source>
        <translation>&apos;%1&apos; ist kein Name einer Anbieterverbindung</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>the provider connection &apos;%1&apos; is missing though an admin&apos;s signed provider.set entry made it: it was deleted outside Onramp; run vault check, and an admin sets it again</source>
        <translation>die Anbieterverbindung &apos;%1&apos; fehlt, obwohl der signierte provider.set-Eintrag eines Admins sie angelegt hat: sie wurde außerhalb von Onramp gelöscht; führen Sie vault check aus, und ein Admin setzt sie neu</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the provider connection &apos;%1&apos; is not the one an admin&apos;s signed provider.set entry names; an admin sets it again</source>
        <translation>die Anbieterverbindung &apos;%1&apos; ist nicht die, die der signierte provider.set-Eintrag eines Admins nennt; ein Admin setzt sie neu</translation>
    </message>
    <message>
        <location filename="../app/providers/PostgresqlProvider.cpp" line="+44"/>
        <source>postgresql credential &apos;%1&apos;, provider connection &apos;%2&apos;%3: %4</source>
        <translation>postgresql-Zugangsdaten &apos;%1&apos;, Anbieterverbindung &apos;%2&apos;%3: %4</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>the database %1 exists and belongs to %2, not to %3; it is left as it is</source>
        <translation>die Datenbank %1 existiert und gehört %2, nicht %3; sie bleibt unverändert</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>a session that is not yours is using the database %1, and it was left as it is: %2. Close that session, then reset again.</source>
        <translation>eine Sitzung, die nicht Ihre ist, nutzt die Datenbank %1; sie bleibt unverändert: %2. Schließen Sie diese Sitzung und setzen Sie dann erneut zurück.</translation>
    </message>
    <message>
        <location line="+115"/>
        <location line="+47"/>
        <source>postgresql credential &apos;%1&apos; for %2: %3</source>
        <translation>postgresql-Zugangsdaten &apos;%1&apos; für %2: %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; has no sandbox database of its own to reset; only a sandbox credential with &apos;postgresql: {template: …}&apos; has one</source>
        <translation>&apos;%1&apos; hat keine eigene Sandbox-Datenbank zum Zurücksetzen; nur Sandbox-Zugangsdaten mit &apos;postgresql: {template: …}&apos; haben eine</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the fields handed out name the database &apos;%1&apos; and the user &apos;%2&apos;, not this credential&apos;s %3 and %4</source>
        <translation>die ausgegebenen Felder nennen die Datenbank &apos;%1&apos; und den Benutzer &apos;%2&apos;, nicht %3 und %4 dieser Zugangsdaten</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>postgresql credential &apos;%1&apos;, provider connection &apos;%2&apos;: the sandbox database %3 of %4 was not dropped: %5</source>
        <translation>postgresql-Zugang &apos;%1&apos;, Provider-Verbindung &apos;%2&apos;: Die Sandbox-Datenbank %3 von %4 wurde nicht gelöscht: %5</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>postgresql credential &apos;%1&apos;, provider connection &apos;%2&apos;: the login %3 is not at %4, but the connection pointed at %5 while it could have been made; it is not known to be dropped there and stays pending until an admin points &apos;%2&apos; back for a sweep or drops it there</source>
        <translation>postgresql-Zugang &apos;%1&apos;, Provider-Verbindung &apos;%2&apos;: Das Login %3 ist nicht auf %4, aber die Verbindung zeigte auf %5, als es angelegt worden sein könnte; es ist dort nicht sicher gelöscht und bleibt ausstehend, bis ein Admin &apos;%2&apos; für einen Sweep zurückrichtet oder es dort löscht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>postgresql credential &apos;%1&apos;, provider connection &apos;%2&apos;: the login %3 was not dropped (it still owns objects in another database); it stays NOLOGIN and in no group until a drop there finishes it</source>
        <translation>postgresql-Zugangsdaten &apos;%1&apos;, Anbieterverbindung &apos;%2&apos;: das Login %3 wurde nicht entfernt (es besitzt noch Objekte in einer anderen Datenbank); es bleibt NOLOGIN und in keiner Gruppe, bis es dort endgültig entfernt wird</translation>
    </message>
    <message>
        <location filename="../app/core/scan/ScanReport.cpp" line="+26"/>
        <source>the production secret of %1: leaked, rotate it</source>
        <translation>das Produktionsgeheimnis von %1: offengelegt, erneuern Sie es</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production host %1 (production_hosts entry %2)</source>
        <translation>Produktionshost %1 (production_hosts-Eintrag %2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Known production secret</source>
        <translation>Bekanntes Produktionsgeheimnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production host</source>
        <translation>Produktionshost</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password in a URL</source>
        <translation>Passwort in einer URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password in a connection string</source>
        <translation>Passwort in einer Verbindungszeichenfolge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password written out</source>
        <translation>Ausgeschriebenes Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AWS access key</source>
        <translation>AWS-Zugriffsschlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GitHub token</source>
        <translation>GitHub-Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GitLab token</source>
        <translation>GitLab-Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slack token</source>
        <translation>Slack-Token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stripe live key</source>
        <translation>Stripe-Live-Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Google API key</source>
        <translation>Google-API-Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret-like value</source>
        <translation>Geheimnisartiger Wert</translation>
    </message>
    <message>
        <location filename="../app/cli/ScanCommands.cpp" line="+38"/>
        <source>give --json or --sarif, not both</source>
        <translation>geben Sie --json oder --sarif an, nicht beides</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1: leaked, rotate</source>
        <translation>%1: offengelegt, erneuern</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Scanned %n file(s)</source>
        <translation>
            <numerusform>%n Datei durchsucht</numerusform>
            <numerusform>%n Dateien durchsucht</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (%1 binary, %2 ignored, %3 symlinks not followed, %4 git directories not read, %5 allowed by .onramp-scan-ignore): </source>
        <translation> (%1 binär, %2 ignoriert, %3 symbolischen Links nicht gefolgt, %4 Git-Ordner nicht gelesen, %5 durch .onramp-scan-ignore erlaubt): </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n finding(s).</source>
        <translation>
            <numerusform>%n Fund.</numerusform>
            <numerusform>%n Funde.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Known production secrets were searched for in every file read, the ignored and binary ones too (%1 of them).</source>
        <translation>Bekannte Produktionsgeheimnisse wurden in jeder gelesenen Datei gesucht, auch in den ignorierten und binären (Anzahl: %1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Known production secrets were found and left out of the output; run without --json or --sarif, or with --include-known, to see them.</source>
        <translation>Bekannte Produktionsgeheimnisse wurden gefunden und in der Ausgabe weggelassen; führen Sie den Befehl ohne --json oder --sarif oder mit --include-known aus, um sie zu sehen.</translation>
    </message>
    <message>
        <location filename="../app/core/credentials/ProviderModules.cpp" line="+48"/>
        <source>the %1 provider of this Onramp cannot be loaded: %2</source>
        <translation>der Anbieter %1 dieses Onramp kann nicht geladen werden: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 credential &apos;%2&apos;: the %1 provider of this Onramp cannot be loaded: %3</source>
        <translation>%1-Zugang &apos;%2&apos;: der Anbieter %1 dieser Onramp-Installation kann nicht geladen werden: %3</translation>
    </message>
    <message>
        <location filename="../app/core/scan/IgnoreRules.cpp" line="+13"/>
        <source>%1: an entry needs a reason after &apos; -- &apos; (SELECTOR... -- REASON)</source>
        <translation>%1: ein Eintrag braucht eine Begründung nach &apos; -- &apos; (SELECTOR... -- REASON)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: an entry needs a selector (path:GLOB, rule:ID or fingerprint:HEX)</source>
        <translation>%1: ein Eintrag braucht einen Selektor (path:GLOB, rule:ID oder fingerprint:HEX)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: &apos;%2&apos; is no rule a scan can leave out (see onramp scan --help)</source>
        <translation>%1: &apos;%2&apos; ist keine Regel, die ein Scan auslassen kann (siehe onramp scan --help)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: &apos;%2&apos; is no selector; write path:GLOB, rule:ID or fingerprint:HEX</source>
        <translation>%1: &apos;%2&apos; ist kein Selektor; schreiben Sie path:GLOB, rule:ID oder fingerprint:HEX</translation>
    </message>
    <message>
        <location filename="../app/core/scan/ScanRules.cpp" line="+306"/>
        <source>a production secret this vault holds (admins and mentors only)</source>
        <translation>ein Produktionsgeheimnis aus diesem Tresor (nur Admins und Mentoren)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a host of a checklist&apos;s production_hosts in a URL, connection string, host field, command&apos;s host option or remote login (user@host)</source>
        <translation>ein Host aus den production_hosts einer Checkliste in einer URL, einer Verbindungszeichenfolge, einem Host-Feld, der Host-Option eines Befehls oder einer Fernanmeldung (user@host)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a password inside a URL (scheme://user:password@host)</source>
        <translation>ein Passwort in einer URL (scheme://user:password@host)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a password in a key=value connection string (libpq, ADO.NET)</source>
        <translation>ein Passwort in einer key=value-Verbindungszeichenfolge (libpq, ADO.NET)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a private key block</source>
        <translation>ein Block mit einem privaten Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an AWS access key id (AKIA…, ASIA…)</source>
        <translation>eine AWS-Zugriffsschlüssel-ID (AKIA…, ASIA…)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)</source>
        <translation>ein GitHub-Token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a GitLab personal access token (glpat-)</source>
        <translation>ein persönliches GitLab-Zugriffstoken (glpat-)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Slack token (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-)</source>
        <translation>ein Slack-Token (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Stripe live secret or restricted key (sk_live_, rk_live_)</source>
        <translation>ein geheimer oder eingeschränkter Live-Schlüssel von Stripe (sk_live_, rk_live_)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Google API key (AIza…)</source>
        <translation>ein Google-API-Schlüssel (AIza…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a random-looking value of 16 or more characters assigned to a secret-like name</source>
        <translation>ein zufällig wirkender Wert aus 16 oder mehr Zeichen, der einem geheimnisartigen Namen zugewiesen ist</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a password written as a literal value (password: …, PGPASSWORD=…), not a placeholder or a reference</source>
        <translation>ein als fester Wert ausgeschriebenes Passwort (password: …, PGPASSWORD=…), kein Platzhalter und kein Verweis</translation>
    </message>
    <message>
        <location filename="../app/core/scan/Scanner.cpp" line="-172"/>
        <source>it is a symlink</source>
        <translation>es ist ein symbolischer Link</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not a regular file</source>
        <translation>es ist keine reguläre Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it belongs to another user (uid %1), not to you or root</source>
        <translation>es gehört einem anderen Benutzer (uid %1), nicht Ihnen oder root</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its group or other users may write it</source>
        <translation>seine Gruppe oder andere Benutzer dürfen darauf schreiben</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not used: %2; only a file of yours or root&apos;s that no one else may write leaves findings out</source>
        <translation>%1 wird nicht verwendet: %2; nur eine Datei, die Ihnen oder root gehört und auf die sonst niemand schreiben darf, lässt Funde aus</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>cannot scan %1: no such file or folder</source>
        <translation>%1 kann nicht durchsucht werden: keine solche Datei und kein solcher Ordner</translation>
    </message>
    <message>
        <location filename="../app/core/scan/VaultScan.cpp" line="+253"/>
        <source>only an admin or a mentor sees which credentials leaked</source>
        <translation>nur ein Admin oder ein Mentor sieht, welche Zugangsdaten offengelegt wurden</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>the earlier production keys this vault keeps are not those its signed log names: they were removed or altered, so what scans before the last key rotation found cannot be read; nothing was changed; restore the newest backup that passes the vault check</source>
        <translation>die früheren Produktionsschlüssel, die dieser Tresor aufbewahrt, sind nicht die, die sein signiertes Prüfprotokoll nennt: Sie wurden entfernt oder verändert, daher lässt sich nicht lesen, was Scans vor der letzten Schlüsselrotation gefunden haben; nichts wurde geändert; stellen Sie die neueste Sicherung wieder her, die die Tresorprüfung besteht</translation>
    </message>
    <message>
        <location filename="../app/server/TeamCredentials.cpp" line="-113"/>
        <source>%1 can see only their own credentials, their mentees&apos; or, as an admin, everyone&apos;s</source>
        <translation>%1 kann nur die eigenen Zugänge sehen, die der eigenen Mentees oder, als Admin, die aller</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>you can only see your own credentials</source>
        <translation>Sie können nur Ihre eigenen Zugänge sehen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&apos;cred show&apos; shows a hire their own credentials; %1 is not a hire</source>
        <translation>&apos;cred show&apos; zeigt einem Neuzugang seine eigenen Zugänge; %1 ist kein Neuzugang</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the secret of &apos;%1&apos; does not open with %2&apos;s key (sealed to an older key, or altered); ask your mentor to renew it</source>
        <translation>das Geheimnis von &apos;%1&apos; öffnet sich nicht mit dem Schlüssel von %2 (an einen älteren Schlüssel versiegelt oder verändert); bitten Sie Ihren Mentor, es zu verlängern</translation>
    </message>
    <message>
        <location filename="../app/server/TeamProductionKey.cpp" line="-25"/>
        <source>The secret of %1 was set on the team server %2 while the production key was being rotated. Try again.</source>
        <translation>Das Geheimnis von %1 wurde auf dem Teamserver %2 gesetzt, während der Produktionsschlüssel erneuert wurde. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>only an admin can rotate the production key; %1 is a %2</source>
        <translation>nur ein Admin kann den Produktionsschlüssel erneuern; %1 ist %2</translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/EnrollmentStatus.cpp" line="+99"/>
        <source>production access is signed off by %1, so “%2” stays as it was signed off; ask your mentor if it needs doing again</source>
        <translation>der Produktionszugang ist von %1 freigegeben, daher bleibt „%2“ so, wie es freigegeben wurde; fragen Sie Ihren Mentor, falls es noch einmal nötig ist</translation>
    </message>
    <message>
        <location filename="../app/server/TeamWatch.cpp" line="+45"/>
        <source>The role %1 may not end other sessions on %2: a superuser grants it that with &apos;GRANT pg_signal_backend TO %1&apos;, or runs the watch as a superuser.</source>
        <translation>Die Rolle %1 darf auf %2 keine anderen Sitzungen beenden: Ein Superuser erlaubt es ihr mit „GRANT pg_signal_backend TO %1“ oder führt die Überwachung als Superuser aus.</translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="-576"/>
        <location filename="../app/storage/ProductionKey.cpp" line="+64"/>
        <source>an admin sets connection %1 again</source>
        <translation>ein Admin setzt die Verbindung %1 erneut</translation>
    </message>
    <message>
        <location filename="../app/storage/ProductionKey.cpp" line="-1"/>
        <source>restore the newest backup that passes the vault check</source>
        <translation>stellen Sie die neueste Sicherung wieder her, die die Tresorprüfung besteht</translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="+1"/>
        <location filename="../app/storage/ProductionKey.cpp" line="+2"/>
        <source>an admin sets it again, or removes it when no checklist uses it</source>
        <translation>ein Admin setzt es erneut oder entfernt es, wenn keine Checkliste es verwendet</translation>
    </message>
    <message>
        <location filename="../app/storage/ProductionKey.cpp" line="+2"/>
        <source>credential_secrets: the kept secret of &apos;%1&apos; (%2) does not open where it is kept: it was moved or altered; nothing was changed; %3</source>
        <translation>credential_secrets: Das verwahrte Geheimnis von „%1“ (%2) lässt sich dort, wo es verwahrt wird, nicht öffnen: Es wurde verschoben oder verändert; nichts wurde geändert; %3</translation>
    </message>
</context>
<context>
    <name>onramp::ui::AdminBackend</name>
    <message>
        <location filename="../app/ui/AdminBackend.cpp" line="-684"/>
        <source>Choose a role: hire, mentor or admin.</source>
        <translation>Wählen Sie eine Rolle: hire, mentor oder admin.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 is disabled; their passphrase opens nothing now. A passphrase reset enables them again.</source>
        <translation>%1 ist deaktiviert; die Passphrase öffnet jetzt nichts mehr. Ein Zurücksetzen der Passphrase aktiviert die Person wieder.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 was not imported:
%2</source>
        <translation>%1 wurde nicht importiert:
%2</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+235"/>
        <source>It weakens the gate: %1.</source>
        <translation>Damit werden die Voraussetzungen für den Produktionszugang gelockert: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="-215"/>
        <source>The secret of %1 is set and sealed (%n hire(s) received it).</source>
        <translation>
            <numerusform>Das Geheimnis von %1 ist gesetzt und versiegelt (%n Neuzugang hat es erhalten).</numerusform>
            <numerusform>Das Geheimnis von %1 ist gesetzt und versiegelt (%n Neuzugänge haben es erhalten).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+85"/>
        <source>%1 is already enrolled. To put them on another checklist or version, pick them in the list below and choose Move.</source>
        <translation>%1 ist bereits eingeschrieben. Um die Person auf eine andere Checkliste oder Version umzustellen, wählen Sie sie unten in der Liste aus und dann „Umstellen“.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>&apos;%1&apos; is not a date: type the start date as YYYY-MM-DD, such as %2, or pick it from the calendar.</source>
        <translation>&apos;%1&apos; ist kein Datum: geben Sie das Startdatum als JJJJ-MM-TT ein, etwa %2, oder wählen Sie es im Kalender.</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Moved %1 to version %2 of their checklist.</source>
        <translation>%1 auf Version %2 der Checkliste umgestellt.</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Done steps that “%1” has too and %2 reviews stay marked done and wait for their review there; they count as done once approved: %3.</source>
        <translation>Erledigte Schritte, die „%1“ auch hat und die %2 prüft, bleiben als erledigt markiert und warten dort auf ihre Prüfung; sie zählen als erledigt, sobald sie genehmigt sind: %3.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The checklist “%1” of %2 moves from version %3 to version %4.</source>
        <translation>Die Checkliste „%1“ für %2 wechselt von Version %3 zu Version %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Done steps that %1 reviews stay marked done and wait for their review on version %2; they count as done once approved: %3.</source>
        <translation>Erledigte Schritte, die %1 prüft, bleiben als erledigt markiert und warten in Version %2 auf ihre Prüfung; sie zählen als erledigt, sobald sie genehmigt sind: %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version %1 no longer has %2: removed from the checklist of %3.</source>
        <translation>Version %1 enthält %2 nicht mehr: aus der Checkliste für %3 entfernt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version %1 changes the wording of these steps, and each step&apos;s page shows %2 what changed: %3.</source>
        <translation>Version %1 ändert den Wortlaut dieser Schritte, und die Seite jedes Schritts zeigt %2, was sich geändert hat: %3.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A move back brings no approval back: whatever was approved or signed off on version %1 the last time %2 was on it still counts for nothing. Only reviews and a sign-off given after this move count: %3 reviews the done steps that need an approval again, and signs off again.</source>
        <translation>Ein Wechsel zurück bringt keine Genehmigung zurück: Was in Version %1 genehmigt oder freigegeben wurde, als %2 zuletzt darauf war, zählt weiterhin nicht. Nur Prüfungen und eine Freigabe nach diesem Wechsel zählen: %3 prüft die erledigten Schritte, die wieder eine Genehmigung brauchen, und gibt erneut frei.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+18"/>
        <source>Approvals that end now: %1.</source>
        <translation>Genehmigungen, die jetzt enden: %1.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>New in version %1, still to do: %2.</source>
        <translation>Neu in Version %1 und noch zu erledigen: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done steps that version %1 still has stay done: %2.</source>
        <translation>Erledigte Schritte, die Version %1 weiterhin enthält, bleiben erledigt: %2.</translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+25"/>
        <source>%1 has done no step yet, so nothing done is lost.</source>
        <translation>%1 hat noch keinen Schritt erledigt, es geht also nichts Erledigtes verloren.</translation>
    </message>
    <message>
        <location line="-527"/>
        <source>Checked at %1. The vault has changed since: check it again to see it as it is now.</source>
        <translation>Geprüft am %1. Der Tresor hat sich seitdem geändert: Prüfen Sie ihn erneut, um ihn so zu sehen, wie er jetzt ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked at %1.</source>
        <translation>Geprüft am %1.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Added %1 as %2. Hand the passphrase over in person: they choose their own at their first sign-in.</source>
        <translation>%1 als %2 hinzugefügt. Übergeben Sie die Passphrase persönlich: Die Person wählt bei der ersten Anmeldung eine eigene.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is enabled again, with a new passphrase. Hand it over in person: they choose their own at their next sign-in.</source>
        <translation>%1 ist wieder aktiviert, mit einer neuen Passphrase. Übergeben Sie sie persönlich: Die Person wählt bei der nächsten Anmeldung eine eigene.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has a new passphrase. Hand it over in person: they choose their own at their next sign-in.</source>
        <translation>%1 hat eine neue Passphrase. Übergeben Sie sie persönlich: Die Person wählt bei der nächsten Anmeldung eine eigene.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 was not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1” (%2) is unchanged: it stays at version %3.</source>
        <translation>„%1“ (%2) ist unverändert: Die Checkliste bleibt bei Version %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported “%1” (%2) as version %3: %4, %5.</source>
        <translation>„%1“ (%2) als Version %3 importiert: %4, %5.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The kept secret of %1 is removed.</source>
        <translation>Das verwahrte Geheimnis von %1 ist entfernt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose what connection %1 serves: sandbox or production.</source>
        <translation>Wählen Sie, wofür die Verbindung %1 dient: Sandbox oder Produktion.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This Onramp has no postgresql provider.</source>
        <translation>Dieses Onramp hat keinen postgresql-Anbieter.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Connection %1 was not set. %2</source>
        <translation>Verbindung %1 wurde nicht gesetzt. %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connection %1 is set to %2; its password is sealed under the production key.</source>
        <translation>Verbindung %1 zeigt jetzt auf %2; ihr Passwort ist unter dem Produktionsschlüssel versiegelt.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Someone in this vault is already called &apos;%1&apos;: pick another user name.</source>
        <translation>In diesem Tresor heißt bereits jemand &apos;%1&apos;: wählen Sie einen anderen Benutzernamen.</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%1 is %n day(s) ago: every step will show as overdue at once. Enroll anyway, or pick a later date.</source>
        <translation>
            <numerusform>%1 liegt %n Tag zurück: jeder Schritt wird sofort als überfällig angezeigt. Trotzdem einschreiben oder ein späteres Datum wählen.</numerusform>
            <numerusform>%1 liegt %n Tage zurück: jeder Schritt wird sofort als überfällig angezeigt. Trotzdem einschreiben oder ein späteres Datum wählen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is more than a year away: the hire&apos;s steps are not due until then. Enroll anyway, or pick an earlier date.</source>
        <translation>%1 ist mehr als ein Jahr entfernt: die Schritte des Neuzugangs sind erst dann fällig. Trotzdem einschreiben oder ein früheres Datum wählen.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 now has the mentor %2 and starts on %3.</source>
        <translation>%1 hat jetzt den Mentor %2 und beginnt am %3.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Moved %1 to “%2”, version %3.</source>
        <translation>%1 auf „%2“, Version %3, umgestellt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moved %1 back to version %2 of their checklist.</source>
        <translation>%1 auf Version %2 der Checkliste zurückgestellt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Their production access ended with the move: %1 signs off again before it opens.</source>
        <translation>Der Produktionszugang endete mit der Umstellung: %1 gibt erneut frei, bevor er sich öffnet.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Version %1, the latest (of %2)</source>
        <translation>Version %1, die neueste (von %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1, earlier (of %2)</source>
        <translation>Version %1, eine frühere (von %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1 (of %2)</source>
        <translation>Version %1 (von %2)</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>“%1” (now “%2”)</source>
        <comment>a step renamed: its title now, then the new one</comment>
        <translation>„%1“ (jetzt „%2“)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 moves from the checklist “%2” (version %3) to “%4” (version %5).</source>
        <translation>%1 wechselt von der Checkliste „%2“ (Version %3) zu „%4“ (Version %5).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only on “%1”, still to do: %2.</source>
        <translation>Nur in „%1“ und noch zu erledigen: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done steps that “%1” has too (the same step id) stay done: %2.</source>
        <translation>Erledigte Schritte, die auch „%1“ enthält (dieselbe Schritt-ID), bleiben erledigt: %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” does not have %2.</source>
        <translation>„%1“ enthält %2 nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done marks on those steps are dropped: %1.</source>
        <translation>Erledigt-Markierungen dieser Schritte entfallen: %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The checklist “%1” of %2 moves back from version %3 to the earlier version %4.</source>
        <translation>Die Checkliste „%1“ von %2 wird von Version %3 auf die frühere Version %4 zurückgestellt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only in version %1, still to do: %2.</source>
        <translation>Nur in Version %1, noch zu erledigen: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done steps that version %1 has too stay done: %2.</source>
        <translation>Erledigte Schritte, die auch Version %1 hat, bleiben erledigt: %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Version %1 does not have %2: removed from the checklist of %3.</source>
        <translation>Version %1 enthält %2 nicht: aus der Checkliste von %3 entfernt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done marks on removed steps go with them: %1.</source>
        <translation>Erledigt-Markierungen entfernter Schritte werden mit ihnen entfernt: %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>After the move: %1 of %n steps done.</source>
        <translation>
            <numerusform>Nach dem Wechsel: %1 von %n Schritt erledigt.</numerusform>
            <numerusform>Nach dem Wechsel: %1 von %n Schritten erledigt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Approvals and the sign-off were given on “%1” and end with it: %2 reviews the steps that need an approval again on “%3”, and signs off again.</source>
        <translation>Genehmigungen und die Freigabe wurden zu „%1“ erteilt und enden mit ihr: %2 prüft die Schritte, die eine Genehmigung brauchen, in „%3“ erneut und erteilt die Freigabe erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approvals were given on “%1” and end with it: %2 reviews the steps that need an approval again on “%3”.</source>
        <translation>Genehmigungen wurden auf „%1“ erteilt und enden damit: %2 prüft die Schritte, die eine Genehmigung brauchen, auf „%3“ erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approvals and the sign-off given on version %1 do not carry over: %2 reviews the steps that need an approval again on version %3, and signs off again.</source>
        <translation>Genehmigungen und die Freigabe zu Version %1 werden nicht übernommen: %2 prüft die Schritte, die eine Genehmigung brauchen, in Version %3 erneut und erteilt die Freigabe erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approvals given on version %1 do not carry over: %2 reviews the steps that need an approval again on version %3.</source>
        <translation>Genehmigungen auf Version %1 werden nicht übernommen: %2 prüft die Schritte, die eine Genehmigung brauchen, auf Version %3 erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No step is approved yet, so no approval is lost: %1 reviews the steps of “%2”.</source>
        <translation>Noch ist kein Schritt genehmigt, es geht also keine Genehmigung verloren: %1 prüft die Schritte von „%2“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No step is approved yet, so no approval is lost: %1 reviews the steps of version %2.</source>
        <translation>Noch ist kein Schritt genehmigt, es geht also keine Genehmigung verloren: %1 prüft die Schritte von Version %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This move weakens the gate. Compared with version %1 of “%2”, “%3” (version %4):</source>
        <translation>Diese Verschiebung schwächt die Schranke. Verglichen mit Version %1 von „%2“ gilt für „%3“ (Version %4):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This move weakens the gate. Compared with version %1, version %2:</source>
        <translation>Diese Verschiebung schwächt die Schranke. Verglichen mit Version %1 gilt für Version %2:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• %1</source>
        <translation>• %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move %1 only if you mean to lower the gate for them; the audit log will name these changes.</source>
        <translation>Verschieben Sie %1 nur, wenn Sie die Schranke für diese Person bewusst senken wollen; das Prüfprotokoll nennt diese Änderungen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is signed off for production; their credentials have run out, and a renewal would give access back. This move ends the sign-off at once: production opens again only once %2 approves the steps on version %3 and signs off again.</source>
        <translation>%1 ist für die Produktion freigegeben; die Zugangsdaten sind abgelaufen, und eine Verlängerung würde den Zugang zurückgeben. Diese Umstellung beendet die Freigabe sofort: Die Produktion öffnet sich erst wieder, wenn %2 die Schritte in Version %3 genehmigt und erneut freigibt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is signed off for production; their credentials have run out, and a renewal would give access back. This move ends the sign-off at once: production opens again only once %2 approves the steps on the new version and signs off again.</source>
        <translation>%1 ist für die Produktion freigegeben; die Zugangsdaten sind abgelaufen, und eine Verlängerung würde den Zugang zurückgeben. Diese Umstellung beendet die Freigabe sofort: Die Produktion öffnet sich erst wieder, wenn %2 die Schritte in der neuen Version genehmigt und erneut freigibt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has production access now, and this move ends it at once. Production opens again only once %2 approves the steps on version %3 and signs off again.</source>
        <translation>%1 hat jetzt Produktionszugang, und diese Umstellung beendet ihn sofort. Die Produktion öffnet sich erst wieder, wenn %2 die Schritte auf Version %3 genehmigt und erneut freigibt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has production access now, and this move ends it at once. Production opens again only once %2 approves the steps on the new version and signs off again.</source>
        <translation>%1 hat jetzt Produktionszugang, und diese Umstellung beendet ihn sofort. Die Produktion öffnet sich erst wieder, wenn %2 die Schritte auf der neuen Version genehmigt und erneut freigibt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move %1 to “%2”?</source>
        <translation>%1 auf „%2“ umstellen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to “%1” anyway and end production access</source>
        <translation>Trotzdem auf „%1“ umstellen und Produktionszugang beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to “%1” and end production access</source>
        <translation>Auf „%1“ umstellen und Produktionszugang beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to “%1”</source>
        <translation>Auf „%1“ umstellen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Move to “%1” anyway</source>
        <translation>Trotzdem nach „%1“ verschieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stay on “%1”</source>
        <translation>Bei „%1“ bleiben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 back to version %2?</source>
        <translation>%1 auf Version %2 zurückstellen?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move back to version %1</source>
        <translation>Auf Version %1 zurückstellen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Move back to version %1 anyway</source>
        <translation>Trotzdem auf Version %1 zurücksetzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move %1 to version %2?</source>
        <translation>%1 auf Version %2 umstellen?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move to version %1</source>
        <translation>Auf Version %1 umstellen</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>Stay on version %1</source>
        <translation>Bei Version %1 bleiben</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Steps with changes asked keep them, with the comment, until %1 reviews them again: %2.</source>
        <translation>Schritte mit erbetenen Änderungen behalten diese samt Kommentar, bis %1 sie erneut prüft: %2.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Move back to version %1 anyway and end production access</source>
        <translation>Trotzdem auf Version %1 zurückstellen und Produktionszugang beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move back to version %1 and end production access</source>
        <translation>Auf Version %1 zurückstellen und Produktionszugang beenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move to version %1 anyway and end production access</source>
        <translation>Trotzdem auf Version %1 umstellen und Produktionszugang beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to version %1 anyway</source>
        <translation>Trotzdem auf Version %1 verschieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to version %1 and end production access</source>
        <translation>Auf Version %1 umstellen und Produktionszugang beenden</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Database encryption: intact, every page as it was written</source>
        <translation>Datenbankverschlüsselung: intakt, jede Seite so, wie sie geschrieben wurde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database structure: intact</source>
        <translation>Datenbankstruktur: intakt</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Audit log: %n entries, each signed and in order</source>
        <translation>
            <numerusform>Prüfprotokoll: %n Eintrag, signiert und in Reihenfolge</numerusform>
            <numerusform>Prüfprotokoll: %n Einträge, jeder signiert und in Reihenfolge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Records: all %n agree with the signed audit log</source>
        <translation>
            <numerusform>Datensätze: %n stimmt mit dem signierten Prüfprotokoll überein</numerusform>
            <numerusform>Datensätze: alle %n stimmen mit dem signierten Prüfprotokoll überein</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Production key: still the one sealed into the handed-over slot of %1. Whoever saw that passphrase and copied the key file can open it. Once they have chosen their own passphrase, rotate it under Production key.</source>
        <translation>Produktionsschlüssel: noch derselbe, der im übergebenen Platz von %1 versiegelt ist. Wer diese Passphrase sah und die Schlüsseldatei kopierte, kann ihn öffnen. Sobald eine eigene Passphrase gewählt ist, erneuern Sie ihn unter „Produktionsschlüssel“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Problem found: %1</source>
        <translation>Problem gefunden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vault failed its check.</source>
        <translation>Der Tresor hat die Prüfung nicht bestanden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The vault passed its check.</source>
        <translation>Der Tresor hat die Prüfung bestanden.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The vault passed its check, with %n thing(s) to act on below.</source>
        <translation>
            <numerusform>Der Tresor hat die Prüfung bestanden; %n Punkt unten ist zu erledigen.</numerusform>
            <numerusform>Der Tresor hat die Prüfung bestanden; %n Punkte unten sind zu erledigen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The production key was not rotated: %1</source>
        <translation>Der Produktionsschlüssel wurde nicht erneuert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotated the production key: every production secret is kept under the new one, sealed to each admin and mentor. A key copied before opens none of them.</source>
        <translation>Produktionsschlüssel erneuert: jedes Produktionsgeheimnis liegt unter dem neuen, versiegelt für jeden Admin und Mentor. Ein zuvor kopierter Schlüssel öffnet keines davon.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Nothing was backed up: %1</source>
        <translation>Es wurde nichts gesichert: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backed up the vault (up to audit entry %1) to %2, readable by you only.</source>
        <translation>Tresor (bis Protokolleintrag %1) nach %2 gesichert, nur für Sie lesbar.</translation>
    </message>
    <message>
        <location line="-602"/>
        <source>Enrolled %1 with mentor %2.</source>
        <translation>%1 mit Mentor %2 eingeschrieben.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::AuditBackend</name>
    <message>
        <location filename="../app/ui/AuditBackend.cpp" line="+147"/>
        <source>&apos;%1&apos; is not a date; type the day as YYYY-MM-DD, such as %2.</source>
        <translation>&apos;%1&apos; ist kein Datum; geben Sie den Tag als JJJJ-MM-TT ein, etwa %2.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&apos;%1&apos; is not a date; use YYYY-MM-DD.</source>
        <translation>&apos;%1&apos; ist kein Datum; verwenden Sie JJJJ-MM-TT.</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>The audit log could not be read: %1</source>
        <translation>Das Prüfprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Verified %n entries: none is missing, changed or out of order, and each carries the valid signature of the person it names.</source>
        <translation>
            <numerusform>%n Eintrag geprüft: Keiner fehlt, ist verändert oder steht falsch, und jeder trägt die gültige Signatur der Person, die er nennt.</numerusform>
            <numerusform>%n Einträge geprüft: Keiner fehlt, ist verändert oder steht falsch, und jeder trägt die gültige Signatur der Person, die er nennt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tampering found. %1</source>
        <translation>Manipulation gefunden. %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose jsonl or csv.</source>
        <translation>Wählen Sie jsonl oder csv.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the export file</source>
        <translation>die Exportdatei</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Exported %n audit entries to %1 (readable by you only), but the log does not verify: entries from %2 on are marked verified=false in the file. %3</source>
        <translation>
            <numerusform>%n Protokolleintrag nach %1 exportiert (nur für Sie lesbar), aber das Protokoll lässt sich nicht prüfen: Einträge ab %2 sind in der Datei mit verified=false markiert. %3</numerusform>
            <numerusform>%n Protokolleinträge nach %1 exportiert (nur für Sie lesbar), aber das Protokoll lässt sich nicht prüfen: Einträge ab %2 sind in der Datei mit verified=false markiert. %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Exported the whole log, %n audit entries, to %1 (readable by you only).</source>
        <translation>
            <numerusform>Das ganze Protokoll, %n Protokolleintrag, nach %1 exportiert (nur für Sie lesbar).</numerusform>
            <numerusform>Das ganze Protokoll, %n Protokolleinträge, nach %1 exportiert (nur für Sie lesbar).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>onramp::ui::AuditEntryModel</name>
    <message>
        <location filename="../app/ui/AuditEntryModel.cpp" line="+23"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>not handed over</source>
        <translation>nicht übergeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>handed over: they choose their own</source>
        <translation>übergeben: die Person wählt eine eigene</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a random one, handed over: they choose their own</source>
        <translation>eine zufällige, übergeben: die Person wählt eine eigene</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>started</source>
        <translation>begonnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>interactive (the fastest)</source>
        <translation>interactive (die schnellste)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>moderate</source>
        <translation>moderate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sensitive (the slowest)</source>
        <translation>sensitive (die langsamste)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>demo (fast, for the demo vault only)</source>
        <translation>demo (schnell, nur für den Demo-Tresor)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>renewed</source>
        <translation>verlängert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>checklist version %1</source>
        <translation>Checklistenversion %1</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>enrollment %1</source>
        <translation>Einschreibung %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step review %1</source>
        <translation>Schrittprüfung %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sign-off %1</source>
        <translation>Freigabe %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>production grant %1</source>
        <translation>Produktionszuteilung %1</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n signed record(s)</source>
        <extracomment>signed records of an audit entry not named by what they are</extracomment>
        <translation>
            <numerusform>%n signierter Eintrag</numerusform>
            <numerusform>%n signierte Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+126"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+133"/>
        <source>Findings</source>
        <translation>Funde</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>sealed for admins and mentors</source>
        <translation>für Admins und Mentoren versiegelt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>person %1</source>
        <extracomment>a person in an audit entry&apos;s details, by their number when no name is known</extracomment>
        <translation>Person %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry %1</source>
        <extracomment>an earlier audit entry, by its number</extracomment>
        <translation>Eintrag %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>To version</source>
        <translation>Auf Version</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A random tag stored with the encrypted secret, so that an older copy put back in its place shows. It says nothing about the secret, which is never written to the log.</source>
        <translation>Eine zufällige Markierung, die mit dem verschlüsselten Geheimnis gespeichert wird, damit eine an seine Stelle zurückgelegte ältere Kopie auffällt. Sie verrät nichts über das Geheimnis, das nie ins Protokoll geschrieben wird.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklists</source>
        <translation>Checklisten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist version</source>
        <translation>Checklistenversion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From version</source>
        <translation>Von Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Mentor</source>
        <translation>Mentor</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Hire</source>
        <translation>Neuzugang</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Enrollment</source>
        <translation>Einschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hires it reached</source>
        <translation>Erreichte Neuzugänge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production grants ended</source>
        <translation>Beendete Produktionsfreigaben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation>Widerrufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps removed</source>
        <translation>Entfernte Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From checklist</source>
        <translation>Von Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviews ended</source>
        <translation>Beendete Prüfungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-offs ended</source>
        <translation>Beendete Freigaben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given by</source>
        <translation>Erteilt von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off by</source>
        <translation>Freigabe durch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off on</source>
        <translation>Freigabe am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewer</source>
        <translation>Prüfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done on</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public key</source>
        <translation>Öffentlicher Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous public key</source>
        <translation>Vorheriger öffentlicher Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production key check</source>
        <translation>Prüfwert des Produktionsschlüssels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key derivation level</source>
        <translation>Stufe der Schlüsselableitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault id</source>
        <translation>Tresor-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore number</source>
        <translation>Nummer der Wiederherstellung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored up to entry</source>
        <translation>Wiederhergestellt bis Eintrag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last entry seen</source>
        <translation>Zuletzt gesehener Eintrag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQL statement</source>
        <translation>SQL-Anweisung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="-303"/>
        <source>their passphrase was reset</source>
        <translation>die Passphrase wurde zurückgesetzt</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%n grant(s)</source>
        <translation>
            <numerusform>%n Zuteilung</numerusform>
            <numerusform>%n Zuteilungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1: %n grant(s)</source>
        <translation>
            <numerusform>%1: %n Zuteilung</numerusform>
            <numerusform>%1: %n Zuteilungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>checklist record %1</source>
        <translation>Checklisten-Datensatz %1</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Reviews given before it</source>
        <translation>Prüfungen davor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no longer count</source>
        <translation>zählen nicht mehr</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sign-off given before it</source>
        <translation>Die Freigabe davor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no longer counts</source>
        <translation>zählt nicht mehr</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>sealed, and they do not open with the production key this vault holds now (sealed before it was rotated, or not by an admin or a mentor)</source>
        <translation>versiegelt; sie lassen sich mit dem Produktionsschlüssel, den dieser Tresor jetzt hält, nicht öffnen (vor seiner Erneuerung versiegelt oder nicht von einem Admin oder Mentor)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The key that checks this person&apos;s signatures: everything they sign from now on is verified against it.</source>
        <translation>Der Schlüssel, der die Signaturen dieser Person prüft: Alles, was sie ab jetzt signiert, wird damit geprüft.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The key their signatures were checked against before this change.</source>
        <translation>Der Schlüssel, mit dem ihre Signaturen vor dieser Änderung geprüft wurden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A fingerprint of the checklist&apos;s text as it was signed: a later change to the text shows.</source>
        <translation>Ein Fingerabdruck des Checklistentexts, wie er signiert wurde: Eine spätere Änderung am Text fällt auf.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Shown as</source>
        <translation>Angezeigt als</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup taken</source>
        <translation>Sicherung erstellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup taken by</source>
        <translation>Sicherung erstellt von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup&apos;s last entry</source>
        <translation>Letzter Eintrag der Sicherung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint of the backup&apos;s last entry</source>
        <translation>Fingerabdruck des letzten Eintrags der Sicherung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed</source>
        <translation>Versiegelt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Seal of the kept secret</source>
        <translation>Siegel des verwahrten Geheimnisses</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Fingerprint of the last entry seen</source>
        <translation>Fingerabdruck des zuletzt gesehenen Eintrags</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Completes</source>
        <translation>Schließt ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signs</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys removed from the key file</source>
        <translation>Aus der Schlüsseldatei entfernte Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credentials</source>
        <translation>Zugangsdaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist digest</source>
        <translation>Prüfsumme der Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How it ended</source>
        <translation>Art des Endes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files scanned</source>
        <translation>Durchsuchte Dateien</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production secrets found</source>
        <translation>Gefundene Produktionsgeheimnisse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor before</source>
        <translation>Mentor vorher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date before</source>
        <translation>Beginn vorher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on</source>
        <translation>Angelegt am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins left at the server before</source>
        <translation>Auf dem vorigen Server verbliebene Anmeldungen</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Vault created</source>
        <translation>Tresor angelegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault key changed</source>
        <translation>Tresorschlüssel geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault restored</source>
        <translation>Tresor wiederhergestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup started</source>
        <translation>Sicherung begonnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database edited directly</source>
        <translation>Datenbank direkt bearbeitet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person added</source>
        <translation>Person hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People imported</source>
        <translation>Personen importiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person disabled</source>
        <translation>Person deaktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person enabled again</source>
        <translation>Person wieder aktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase changed</source>
        <translation>Passphrase geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production key rotated</source>
        <translation>Produktionsschlüssel erneuert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase reset</source>
        <translation>Passphrase zurückgesetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist imported</source>
        <translation>Checkliste importiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist saved</source>
        <translation>Checkliste gespeichert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hire enrolled</source>
        <translation>Neuzugang eingeschrieben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moved to another checklist or version</source>
        <translation>Auf andere Checkliste umgestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mentor or start date changed</source>
        <translation>Mentor oder Startdatum geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step done</source>
        <translation>Schritt erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step no longer done</source>
        <translation>Schritt nicht mehr erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note on a step</source>
        <translation>Notiz zu einem Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step approved</source>
        <translation>Schritt genehmigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes asked</source>
        <translation>Änderungen erbeten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off for production</source>
        <translation>Freigabe für die Produktion erteilt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access given</source>
        <translation>Produktionszugang erteilt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access renewed</source>
        <translation>Produktionszugang verlängert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access revoked</source>
        <translation>Produktionszugang entzogen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database login dropped at the source</source>
        <translation>Datenbank-Login an der Quelle entfernt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production secret set</source>
        <translation>Produktionsgeheimnis gesetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept secret removed</source>
        <translation>Verwahrtes Geheimnis entfernt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider connection set</source>
        <translation>Anbieterverbindung gesetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production secret found in documents</source>
        <translation>Geheimnis in Dokumenten gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret revealed</source>
        <translation>Geheimnis angezeigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret exported</source>
        <translation>Geheimnis exportiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret reissued</source>
        <translation>Geheimnis neu ausgestellt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sandbox database reset</source>
        <translation>Sandbox-Datenbank zurückgesetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents scanned</source>
        <translation>Dokumente durchsucht</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checklist version %1</source>
        <translation>Checklistenversion %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrollment %1</source>
        <translation>Einschreibung %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step review %1</source>
        <translation>Schrittprüfung %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-off %1</source>
        <translation>Freigabe %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production grant %1</source>
        <translation>Produktionszugang %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1, signed digest %2</source>
        <translation>%1, signierter Digest %2</translation>
    </message>
    <message>
        <location line="+104"/>
        <location line="+47"/>
        <source>this vault</source>
        <translation>dieser Tresor</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>%1: %2, %3 (entry %4)</source>
        <extracomment>what a commit completes: &quot;Step done: Alex Newhire, Dec 3, 2026 9:14 AM (entry 11)&quot;</extracomment>
        <translation>%1: %2, %3 (Eintrag %4)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 (%2; its title today)</source>
        <extracomment>a step whose title changed over the checklist&apos;s versions: its title today and its id</extracomment>
        <translation>%1 (%2; sein heutiger Titel)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2)</source>
        <extracomment>a step&apos;s, credential&apos;s or checklist&apos;s title and its id, in an audit entry&apos;s details</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>the team&apos;s documents: %n file(s)</source>
        <translation>
            <numerusform>die Dokumente des Teams: %n Datei</numerusform>
            <numerusform>die Dokumente des Teams: %n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not verified: %1</source>
        <extracomment>the action tag of an audit entry the chain does not vouch for; %1 is its action&apos;s code</extracomment>
        <translation>Nicht geprüft: %1</translation>
    </message>
</context>
<context>
    <name>onramp::ui::ChecklistEditorModel</name>
    <message>
        <location filename="../app/ui/ChecklistEditorModel.cpp" line="+164"/>
        <source>There is no checklist &apos;%1&apos; in this vault; import it first.</source>
        <translation>In diesem Tresor gibt es keine Checkliste &apos;%1&apos;; importieren Sie sie zuerst.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&apos;%1&apos; cannot be a checklist id: use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit, such as &apos;backend-onboarding&apos;.</source>
        <translation>&apos;%1&apos; kann keine Checklisten-ID sein: verwenden Sie Kleinbuchstaben, Ziffern, &apos;-&apos; und &apos;_&apos;, beginnend mit einem Buchstaben oder einer Ziffer, etwa &apos;backend-onboarding&apos;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the new checklist a title.</source>
        <translation>Geben Sie der neuen Checkliste einen Titel.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Open a checklist before saving.</source>
        <translation>Öffnen Sie vor dem Speichern eine Checkliste.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <location line="+560"/>
        <source>The checklist was not saved:
%1</source>
        <translation>Die Checkliste wurde nicht gespeichert:
%1</translation>
    </message>
    <message>
        <location line="-538"/>
        <source>A checklist &apos;%1&apos; exists already; open it to edit it, or choose another id.</source>
        <translation>Eine Checkliste &apos;%1&apos; gibt es bereits; öffnen Sie sie zum Bearbeiten oder wählen Sie eine andere ID.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Nothing was saved: version %1 of “%2” was saved after version %3, which you are editing. Saving these edits would undo its changes. Reload version %1 to edit it; the changes you made here would be lost.</source>
        <translation>Es wurde nichts gespeichert: Version %1 von „%2“ wurde nach Version %3 gespeichert, die Sie gerade bearbeiten. Das Speichern dieser Änderungen würde die Änderungen von Version %1 rückgängig machen. Laden Sie Version %1 neu, um sie zu bearbeiten; die hier vorgenommenen Änderungen gingen dabei verloren.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>It weakens the gate: %1.</source>
        <translation>Damit werden die Voraussetzungen für den Produktionszugang gelockert: %1.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the checklist before exporting it; the file holds the saved version.</source>
        <translation>Speichern Sie die Checkliste vor dem Export; die Datei enthält die gespeicherte Version.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the export file</source>
        <translation>die Exportdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not export: %1. Choose a folder you can write to.</source>
        <translation>Export nicht möglich: %1. Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported version %1 of %2 to %3; unsaved edits are not in the file.</source>
        <translation>Version %1 von %2 nach %3 exportiert; ungespeicherte Änderungen sind nicht in der Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported version %1 of %2 to %3.</source>
        <translation>Version %1 von %2 nach %3 exportiert.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Added “%1”</source>
        <translation>„%1“ hinzugefügt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Changed “%1” (now “%2”)</source>
        <translation>„%1“ geändert (jetzt „%2“)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed “%1”</source>
        <translation>„%1“ geändert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Removed “%1”</source>
        <translation>„%1“ entfernt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Moved steps to another place in the list</source>
        <translation>Schritte an eine andere Stelle der Liste verschoben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed the production hosts</source>
        <translation>Die Produktionshosts geändert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed the credentials</source>
        <translation>Die Zugangsdaten geändert</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>and %n more change(s)</source>
        <translation>
            <numerusform>und %n weitere Änderung</numerusform>
            <numerusform>und %n weitere Änderungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open a checklist before adding production hosts.</source>
        <translation>Öffnen Sie eine Checkliste, bevor Sie Produktionshosts hinzufügen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a host name such as &apos;db.prod.example.com&apos;, or a glob such as &apos;*.prod.example.com&apos;.</source>
        <translation>Geben Sie einen Hostnamen wie &apos;db.prod.example.com&apos; oder ein Muster wie &apos;*.prod.example.com&apos; ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is not a host name or a glob: use letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;*&apos;, such as &apos;db.prod.example.com&apos; or &apos;*.prod.example.com&apos;, without a scheme, user, port or path.</source>
        <translation>&apos;%1&apos; ist weder Hostname noch Muster: verwenden Sie Buchstaben, Ziffern, &apos;.&apos;, &apos;-&apos; und &apos;*&apos;, etwa &apos;db.prod.example.com&apos; oder &apos;*.prod.example.com&apos;, ohne Schema, Benutzer, Port oder Pfad.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; is listed already.</source>
        <translation>&apos;%1&apos; steht bereits in der Liste.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; would mark &apos;%2&apos; as production, but sandbox credential &apos;%3&apos; uses it in field &apos;%4&apos;. Change that credential first.</source>
        <translation>&apos;%1&apos; würde &apos;%2&apos; als Produktion markieren, aber der Sandbox-Zugang &apos;%3&apos; verwendet es im Feld &apos;%4&apos;. Ändern Sie zuerst diesen Zugang.</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>a step with no section</source>
        <translation>ein Schritt ohne Abschnitt</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>none</source>
        <comment>no due day</comment>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on the start day</source>
        <translation>am Starttag</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s) after start</source>
        <translation>
            <numerusform>%n Tag nach dem Start</numerusform>
            <numerusform>%n Tage nach dem Start</numerusform>
        </translation>
    </message>
    <message>
        <location line="+270"/>
        <source>There is no credential %1 to change.</source>
        <translation>Es gibt keinen Zugang %1 zum Ändern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+160"/>
        <location line="+27"/>
        <location line="+32"/>
        <source>Credential %1</source>
        <translation>Zugang %1</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>%1, environment: &apos;%2&apos; is neither sandbox nor production.</source>
        <translation>%1, Umgebung: &apos;%2&apos; ist weder sandbox noch production.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, provider: &apos;%2&apos; is neither generated, static nor postgresql.</source>
        <translation>%1, Anbieter: &apos;%2&apos; ist weder generated noch static noch postgresql.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1, connection: &apos;%2&apos; is not a provider connection&apos;s name (lower-case letters, digits, &apos;-&apos; and &apos;_&apos;).</source>
        <translation>%1, Verbindung: &apos;%2&apos; ist kein Name einer Anbieterverbindung (Kleinbuchstaben, Ziffern, &apos;-&apos; und &apos;_&apos;).</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>%1, connection: this vault has no provider connection &apos;%2&apos; yet, so no login can be made through it: enrolling a hire on this checklist is refused until an admin sets it. Once the checklist is saved, set it under Production secrets.</source>
        <translation>%1, Verbindung: Dieser Tresor hat noch keine Anbieterverbindung &apos;%2&apos;, daher kann über sie keine Anmeldung angelegt werden: Das Einschreiben eines Neuzugangs auf diese Checkliste wird abgelehnt, bis ein Admin sie setzt. Sobald die Checkliste gespeichert ist, setzen Sie sie unter Produktionsgeheimnisse.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, connection: this vault has no provider connection &apos;%2&apos; yet, so no login can be made through it: a sign-off on this checklist is refused until an admin sets it. Once the checklist is saved, set it under Production secrets.</source>
        <translation>%1, Verbindung: Dieser Tresor hat noch keine Anbieterverbindung &apos;%2&apos;, daher kann über sie keine Anmeldung angelegt werden: Eine Freigabe auf dieser Checkliste wird abgelehnt, bis ein Admin sie setzt. Sobald die Checkliste gespeichert ist, setzen Sie sie unter Produktionsgeheimnisse.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>%1, connection: a postgresql credential signs in through a provider connection; name it, such as &apos;sandbox&apos;, and set it under Production secrets once the checklist is saved.</source>
        <translation>%1, Verbindung: Ein postgresql-Zugang meldet sich über eine Anbieterverbindung an; benennen Sie sie, etwa &apos;sandbox&apos;, und setzen Sie sie unter Produktionsgeheimnisse, sobald die Checkliste gespeichert ist.</translation>
    </message>
    <message>
        <location line="-201"/>
        <source>%1, group roles: &apos;%2&apos; is not a group role name (lower-case letters, digits and &apos;_&apos;; not one of PostgreSQL&apos;s pg_ roles).</source>
        <translation>%1, Gruppenrollen: &apos;%2&apos; ist kein Name einer Gruppenrolle (Kleinbuchstaben, Ziffern und &apos;_&apos;; keine der pg_-Rollen von PostgreSQL).</translation>
    </message>
    <message>
        <location line="-402"/>
        <source>%1 sits between steps %2 and %3 of the section “%4”, which it splits in two. Move it above or below them (Move up, Move down), or give it the section “%4”.</source>
        <translation>%1 steht zwischen den Schritten %2 und %3 des Abschnitts „%4“ und teilt ihn in zwei. Verschieben Sie ihn über oder unter sie (Nach oben, Nach unten) oder geben Sie ihm den Abschnitt „%4“.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: its section “%2” is also that of step %3, with “%4” between them. Keep a section&apos;s steps together (Move up, Move down).</source>
        <translation>%1: Sein Abschnitt „%2“ ist auch der von Schritt %3, mit „%4“ dazwischen. Halten Sie die Schritte eines Abschnitts zusammen (Nach oben, Nach unten).</translation>
    </message>
    <message>
        <location line="+395"/>
        <source>%1, template database: &apos;%2&apos; is not a database name (lower-case letters, digits and &apos;_&apos;; not onramp_…).</source>
        <translation>%1, Vorlagendatenbank: &apos;%2&apos; ist kein Datenbankname (Kleinbuchstaben, Ziffern und &apos;_&apos;; nicht onramp_…).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1, fields, line %2: write one field a line as &apos;name: value&apos;, such as &apos;host: db.sandbox.internal&apos;.</source>
        <translation>%1, Felder, Zeile %2: schreiben Sie ein Feld pro Zeile als &apos;Name: Wert&apos;, etwa &apos;host: db.sandbox.internal&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, fields, line %2: field &apos;%3&apos; is there twice.</source>
        <translation>%1, Felder, Zeile %2: Feld &apos;%3&apos; kommt zweimal vor.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, secret length: &apos;%2&apos; is not a whole number from %3 to %4.</source>
        <translation>%1, Geheimnislänge: &apos;%2&apos; ist keine ganze Zahl von %3 bis %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1, lifetime: &apos;%2&apos; is not a duration; write such as 30d, 8h, 45m or 90s, at most 3650d.</source>
        <translation>%1, Laufzeit: &apos;%2&apos; ist keine Dauer; schreiben Sie etwa 30d, 8h, 45m oder 90s, höchstens 3650d.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has no field &apos;%2&apos;.</source>
        <translation>%1 hat kein Feld &apos;%2&apos;.</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+27"/>
        <location line="+32"/>
        <source>Credential %1 (&apos;%2&apos;)</source>
        <translation>Zugang %1 (&apos;%2&apos;)</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>%1, connection: &apos;%2&apos; serves %3, and this credential is for %4; each environment signs in through its own connection.</source>
        <translation>%1, Verbindung: &apos;%2&apos; dient %3, dieser Zugang aber %4; jede Umgebung meldet sich über ihre eigene Verbindung an.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1, fields: &apos;%2&apos; names host &apos;%3&apos;, which production credential &apos;%4&apos; reaches. If it is a production host, point this sandbox credential elsewhere and add the host under Production hosts.</source>
        <translation>%1, Felder: &apos;%2&apos; nennt den Host &apos;%3&apos;, den die Produktions-Zugangsdaten &apos;%4&apos; erreichen. Ist es ein Produktionshost, richten Sie diese Sandbox-Zugangsdaten auf ein anderes Ziel und fügen Sie den Host unter Produktionshosts hinzu.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1, fields: &apos;%2&apos; names host &apos;%3&apos;, which looks like production, and no production host covers it. If it is one, point this sandbox credential elsewhere and add the host under Production hosts.</source>
        <translation>%1, Felder: &apos;%2&apos; nennt den Host &apos;%3&apos;, der nach Produktion aussieht und von keinem Produktionshost abgedeckt wird. Ist er einer, richten Sie diese Sandbox-Zugangsdaten auf ein anderes Ziel und fügen Sie den Host unter Produktionshosts hinzu.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1, id: it has none; give it one such as &apos;sandbox-db&apos;.</source>
        <translation>%1, ID: keine vorhanden; geben Sie eine an, etwa &apos;sandbox-db&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, id: use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit.</source>
        <translation>%1, ID: verwenden Sie Kleinbuchstaben, Ziffern, &apos;-&apos; und &apos;_&apos;, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, id: credential %2 has the same id; each needs its own.</source>
        <translation>%1, ID: Zugang %2 hat dieselbe ID; jeder braucht eine eigene.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give this credential a title: say what it opens, such as &apos;Sandbox database&apos;.</source>
        <translation>Geben Sie diesen Zugangsdaten einen Titel: Sagen Sie, was sie öffnen, etwa „Sandbox-Datenbank“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, title: it has none; say what it opens, such as &apos;Sandbox database&apos;.</source>
        <translation>%1, Titel: keiner vorhanden; sagen Sie, was er öffnet, etwa &apos;Sandbox-Datenbank&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, fields: &apos;%2&apos; looks like a secret. Secrets are generated, or set by an admin under Production secrets; never written in a checklist.</source>
        <translation>%1, Felder: &apos;%2&apos; sieht nach einem Geheimnis aus. Geheimnisse werden erzeugt oder von einem Admin unter Produktionsgeheimnisse gesetzt, nie in eine Checkliste geschrieben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, fields: &apos;%2&apos; uses an unknown placeholder &apos;%3&apos;; the known ones are %4.</source>
        <translation>%1, Felder: &apos;%2&apos; verwendet einen unbekannten Platzhalter &apos;%3&apos;; bekannt sind %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, fields: &apos;%2&apos; names production host &apos;%3&apos;; a sandbox credential must never reach production.</source>
        <translation>%1, Felder: &apos;%2&apos; nennt den Produktionshost &apos;%3&apos;; ein Sandbox-Zugang darf nie die Produktion erreichen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, template database: only a sandbox credential gets a database of its own; clear it.</source>
        <translation>%1, Vorlagendatenbank: nur ein Sandbox-Zugang erhält eine eigene Datenbank; leeren Sie das Feld.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, secret name: a generated credential needs one, such as &apos;password&apos;.</source>
        <translation>%1, Geheimnisname: ein erzeugter Zugang braucht einen, etwa &apos;password&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, secret length: must be %2 to %3.</source>
        <translation>%1, Geheimnislänge: muss %2 bis %3 sein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, secret name: &apos;%2&apos; is also one of its fields.</source>
        <translation>%1, Geheimnisname: &apos;%2&apos; ist zugleich eines seiner Felder.</translation>
    </message>
    <message>
        <location line="-669"/>
        <source>The checklist has no steps; add at least one.</source>
        <translation>Die Checkliste hat keine Schritte; fügen Sie mindestens einen hinzu.</translation>
    </message>
    <message>
        <location line="-186"/>
        <source>No changes: “%1” (%2) stays at version %3.</source>
        <translation>Keine Änderungen: „%1“ (%2) bleibt bei Version %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved “%1” (%2) as version %3.</source>
        <translation>„%1“ (%2) als Version %3 gespeichert.</translation>
    </message>
    <message>
        <location line="+210"/>
        <source>Step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step %1 (&apos;%2&apos;)</source>
        <translation>Schritt %1 (&apos;%2&apos;)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no id; give it one such as &apos;read-the-handbook&apos;.</source>
        <translation>%1 hat keine ID; geben Sie ihm eine wie &apos;read-the-handbook&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the id must be lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit.</source>
        <translation>%1: die ID muss aus Kleinbuchstaben, Ziffern, &apos;-&apos; und &apos;_&apos; bestehen und mit einem Buchstaben oder einer Ziffer beginnen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: step %2 has the same id; each step needs its own.</source>
        <translation>%1: Schritt %2 hat dieselbe ID; jeder Schritt braucht eine eigene.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has no title; say what the hire does in a few words.</source>
        <translation>%1 hat keinen Titel; sagen Sie in wenigen Worten, was der Neuzugang tut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: due must be 0 to %2 days after the start.</source>
        <translation>%1: die Fälligkeit muss 0 bis %2 Tage nach dem Beginn liegen.</translation>
    </message>
    <message>
        <location line="+203"/>
        <source>New step</source>
        <translation>Neuer Schritt</translation>
    </message>
</context>
<context>
    <name>onramp::ui::ChecklistListModel</name>
    <message>
        <location filename="../app/ui/ChecklistListModel.cpp" line="+24"/>
        <source>%1 (%2, v%3)</source>
        <translation>%1 (%2, v%3)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>“%1” cannot be a checklist id: use lower-case letters, digits and hyphens, such as “backend-onboarding”.</source>
        <translation>„%1“ kann keine Checklisten-ID sein: Verwenden Sie Kleinbuchstaben, Ziffern und Bindestriche, etwa „backend-onboarding“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A checklist with the id “%1” exists already (“%2”): choose another id, or open that checklist to edit it.</source>
        <translation>Eine Checkliste mit der ID „%1“ gibt es bereits („%2“): Wählen Sie eine andere ID, oder öffnen Sie diese Checkliste, um sie zu bearbeiten.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::ChecklistVersionModel</name>
    <message>
        <location filename="../app/ui/ChecklistVersionModel.cpp" line="+31"/>
        <source>“%1” (now “%2”)</source>
        <comment>a step renamed: its title before, then now</comment>
        <translation>„%1“ (jetzt „%2“)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Renames the checklist “%1” to “%2”.</source>
        <translation>Benennt die Checkliste „%1“ in „%2“ um.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adds %1.</source>
        <translation>Fügt %1 hinzu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removes %1.</source>
        <translation>Entfernt %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rewords %1.</source>
        <translation>Ändert den Wortlaut von %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Now reviewed by the mentor before production access: %1.</source>
        <translation>Prüft der Mentor jetzt vor dem Produktionszugang: %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Now required before production access: %1.</source>
        <translation>Jetzt vor dem Produktionszugang erforderlich: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes the due day of %1.</source>
        <translation>Ändert den Fälligkeitstag von %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moves %1 to another section.</source>
        <translation>Verschiebt %1 in einen anderen Abschnitt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Puts the steps in another order.</source>
        <translation>Ordnet die Schritte anders an.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adds to the production hosts: %1.</source>
        <translation>Neue Produktionshosts: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>, </source>
        <comment>between host names</comment>
        <translation>, </translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Removes from the production hosts: %1.</source>
        <translation>Entfernte Produktionshosts: %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Adds to the credentials: %1.</source>
        <translation>Neue Zugangsdaten: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removes from the credentials: %1.</source>
        <translation>Entfernte Zugangsdaten: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes the settings of the credentials %1.</source>
        <translation>Ändert die Einstellungen der Zugangsdaten %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It weakens the gate: %1.</source>
        <translation>Damit werden die Voraussetzungen für den Produktionszugang gelockert: %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <comment>between ways a version weakens the gate</comment>
        <translation>; </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No change to the steps, hosts or credentials.</source>
        <translation>Keine Änderung an Schritten, Hosts oder Zugangsdaten.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The first version.</source>
        <translation>Die erste Version.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::CredentialListModel</name>
    <message>
        <location filename="../app/ui/CredentialListModel.cpp" line="+219"/>
        <source>Waiting for IT to add the secret. It shows here as soon as they do; there is nothing you need to do.</source>
        <translation>Wartet darauf, dass die IT das Geheimnis hinzufügt. Es erscheint dann sofort hier; Sie müssen nichts tun.</translation>
    </message>
    <message>
        <location line="-199"/>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>user name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <extracomment>a credential&apos;s field and its value: &quot;host: db.example.com&quot;</extracomment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Issued %1</source>
        <extracomment>when a sandbox secret was made; a reissue or a passphrase reset makes it anew</extracomment>
        <translation>Ausgestellt am %1</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Sealed to the key you had before your passphrase was reset, so it no longer opens. Your mentor can renew it.</source>
        <translation>Diese Zugangsdaten sind für den Schlüssel versiegelt, den Sie vor dem Zurücksetzen Ihrer Passphrase hatten, und lassen sich daher nicht mehr öffnen. Ihr Mentor kann sie verlängern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sealed to the key you had before your passphrase was reset, so it no longer opens. Reissue it to get a new secret.</source>
        <translation>Diese Zugangsdaten sind für den Schlüssel versiegelt, den Sie vor dem Zurücksetzen Ihrer Passphrase hatten, und lassen sich daher nicht mehr öffnen. Stellen Sie sie neu aus, um ein neues Geheimnis zu erhalten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sealed to the key you had before your passphrase was reset, so it no longer opens. An admin can set its secret again.</source>
        <translation>Diese Zugangsdaten sind für den Schlüssel versiegelt, den Sie vor dem Zurücksetzen Ihrer Passphrase hatten, und lassen sich daher nicht mehr öffnen. Ein Admin kann ihr Geheimnis neu setzen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your required steps are all done: it opens when your mentor signs off. It then lasts %1.</source>
        <translation>Ihre Pflichtschritte sind alle erledigt. Öffnet sich, sobald Ihr Mentor die Freigabe erteilt; gilt dann %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens once your required steps are done and approved and your mentor has signed off. It then lasts %1.</source>
        <translation>Öffnet sich, sobald Ihre Pflichtschritte erledigt und bestätigt sind und Ihr Mentor die Freigabe erteilt hat. Gilt dann %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not granted with the sign-off. Your mentor can renew it.</source>
        <translation>Mit der Freigabe nicht zugeteilt. Ihr Mentor kann ihn verlängern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ended before its time ran out on %1: a computer&apos;s clock was probably ahead. Your mentor can renew it.</source>
        <translation>Vor Ablauf seiner Zeit am %1 beendet: Die Uhr eines Computers ging wahrscheinlich vor. Ihr Mentor kann ihn verlängern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its time ran out. Your mentor can renew it.</source>
        <translation>Seine Zeit ist abgelaufen. Ihr Mentor kann ihn verlängern.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked by %1 on %2. Your mentor can renew it.</source>
        <translation>Widerrufen von %1 am %2. Ihr Mentor kann ihn verlängern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its grant does not verify, so it stays closed. Your mentor can renew it.</source>
        <translation>Seine Zuteilung lässt sich nicht prüfen, daher bleibt er gesperrt. Ihr Mentor kann ihn verlängern.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>renewal needed</source>
        <translation>Verlängerung nötig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reissue needed</source>
        <translation>Neuausstellung nötig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revoke pending</source>
        <translation>Widerruf ausstehend</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for IT</source>
        <translation>wartet auf IT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>granted</source>
        <translation>zugeteilt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not granted</source>
        <translation>nicht zugeteilt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>does not verify</source>
        <translation>nicht prüfbar</translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 to %2</source>
        <extracomment>the shortest and the longest lifetime of production credentials: &quot;8 hours to 30 days&quot;</extracomment>
        <translation>%1 bis %2</translation>
    </message>
</context>
<context>
    <name>onramp::ui::CredentialTemplateModel</name>
    <message>
        <location filename="../app/ui/CredentialTemplateModel.cpp" line="+50"/>
        <source>secret set on %1</source>
        <translation>Geheimnis gesetzt am %1</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>no secret yet</source>
        <translation>noch kein Geheimnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>secret set on %1 by %2</source>
        <comment>when, who</comment>
        <translation>Geheimnis gesetzt am %1 von %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>found by a scan on %1</source>
        <translation>von einem Scan am %1 gefunden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 set this secret on %2. A secret set here replaces it for every hire who holds it, once you confirm.</source>
        <comment>who, when</comment>
        <translation>%1 hat dieses Geheimnis am %2 gesetzt. Ein hier gesetztes Geheimnis ersetzt es nach Ihrer Bestätigung für jeden Neuzugang, der es hat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This secret was set on %1. A secret set here replaces it for every hire who holds it, once you confirm.</source>
        <translation>Dieses Geheimnis wurde am %1 gesetzt. Ein hier gesetztes Geheimnis ersetzt es nach Ihrer Bestätigung für jeden Neuzugang, der es hat.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <comment>a credential&apos;s field: name, value</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+46"/>
        <source>production</source>
        <translation>Produktion</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+46"/>
        <source>sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>PostgreSQL</source>
        <comment>a login Onramp makes at a database server</comment>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>static</source>
        <comment>a secret an admin sets</comment>
        <translation>statisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generated</source>
        <comment>a secret Onramp makes</comment>
        <translation>erzeugt</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>connection %1 not set yet</source>
        <comment>a provider connection&apos;s name</comment>
        <translation>Verbindung %1 noch nicht gesetzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection %1 changed outside Onramp: set it again</source>
        <translation>Verbindung %1 außerhalb von Onramp geändert: setzen Sie sie neu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection %1 serves %2 credentials: it cannot serve this one</source>
        <comment>name, environment</comment>
        <translation>Verbindung %1 dient Zugangsdaten der Umgebung „%2“: diesem Zugang kann sie nicht dienen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection %1 set on %2 by %3</source>
        <comment>name, when, who</comment>
        <translation>Verbindung %1 gesetzt am %2 von %3</translation>
    </message>
</context>
<context>
    <name>onramp::ui::CredentialsBackend</name>
    <message>
        <location filename="../app/ui/CredentialsBackend.cpp" line="+226"/>
        <source>time is up</source>
        <translation>die Zeit ist abgelaufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>less than a minute left</source>
        <translation>weniger als eine Minute übrig</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>noch %n Minute</numerusform>
            <numerusform>noch %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n hour(s) left</source>
        <translation>
            <numerusform>noch %n Stunde</numerusform>
            <numerusform>noch %n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 left</source>
        <extracomment>&quot;3 hours&quot; and &quot;10 minutes&quot; in &quot;3 hours 10 minutes left&quot;</extracomment>
        <translation>noch %1 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>noch %n Tag</numerusform>
            <numerusform>noch %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Copied. The clipboard is cleared in 30 seconds.</source>
        <translation>Kopiert. Die Zwischenablage wird in 30 Sekunden geleert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose env or pgpass.</source>
        <translation>Wählen Sie env oder pgpass.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>You have no sandbox credential to export yet.</source>
        <translation>Sie haben noch keine Sandbox-Zugangsdaten zum Exportieren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have no credential to export yet.</source>
        <translation>Sie haben noch keine Zugangsdaten zum Exportieren.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the export file</source>
        <translation>die Exportdatei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported to %1 (readable by you only).</source>
        <translation>Nach %1 exportiert (nur für Sie lesbar).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>psql reads it once PGPASSFILE names it, or from ~/.pgpass.</source>
        <translation>psql liest sie, sobald PGPASSFILE sie nennt, oder aus ~/.pgpass.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It holds a production secret, which outlives your access in the file: delete it when you are done.</source>
        <translation>Sie enthält ein Produktionsgeheimnis, das in der Datei Ihren Zugang überdauert: Löschen Sie sie, wenn Sie fertig sind.</translation>
    </message>
    <message numerus="yes">
        <location line="+77"/>
        <source>%n file(s) you exported still hold the old one: export again to replace it (%1).</source>
        <translation>
            <numerusform>%n exportierte Datei enthält noch das alte: Exportieren Sie erneut, um es zu ersetzen (%1).</numerusform>
            <numerusform>%n exportierte Dateien enthalten noch das alte: Exportieren Sie erneut, um es zu ersetzen (%1).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reissued. The old secret no longer works and is off the clipboard; the new one is shown.</source>
        <translation>Neu ausgestellt. Das alte Geheimnis funktioniert nicht mehr und ist aus der Zwischenablage entfernt; das neue wird angezeigt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reissued. The old secret no longer works; the new one is shown.</source>
        <translation>Neu ausgestellt. Das alte Geheimnis funktioniert nicht mehr; das neue wird angezeigt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revoked %1 for %2.</source>
        <translation>%1 für %2 widerrufen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoke pending: the server could not be reached</source>
        <translation>Widerruf ausstehend: Der Server war nicht erreichbar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your sandbox database is as it was on day one.</source>
        <translation>Ihre Sandbox-Datenbank ist wieder wie am ersten Tag.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Renewed %1 for %2: they can read it until %3, a full term from now.</source>
        <comment>what, who, when</comment>
        <translation>%1 für %2 verlängert: lesbar bis %3, eine volle Laufzeit ab jetzt.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::EnrollmentBackend</name>
    <message>
        <location filename="../app/ui/EnrollmentBackend.cpp" line="-762"/>
        <source>“%1” is not done yet</source>
        <translation>„%1“ ist noch nicht erledigt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“%1” waits for your review</source>
        <translation>„%1“ wartet auf Ihre Prüfung</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>“%1” is not done and approved yet</source>
        <translation>„%1“ ist noch nicht erledigt und genehmigt</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>%1 has not signed off your production access yet</source>
        <translation>%1 hat Ihren Produktionszugang noch nicht freigegeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has not signed off yet</source>
        <translation>%1 hat noch nicht freigegeben</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+3"/>
        <source>“%1” waits for a re-review by %2 after the move to a new version</source>
        <translation>„%1“ wartet nach dem Wechsel auf eine neue Version auf eine erneute Prüfung durch %2</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>“%1” waits for your re-review after the move to a new version</source>
        <translation>„%1“ wartet nach dem Wechsel auf eine neue Version auf Ihre erneute Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>“%1” waits for review by %2</source>
        <translation>„%1“ wartet auf die Prüfung durch %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>“%1” was redone and waits for review by %2 again</source>
        <translation>„%1“ wurde überarbeitet und wartet erneut auf die Prüfung durch %2</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>“%1” was redone and waits for your review again</source>
        <translation>„%1“ wurde überarbeitet und wartet erneut auf Ihre Prüfung</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>“%1” is done and needs %2&apos;s approval again</source>
        <translation>„%1“ ist erledigt und muss erneut von %2 genehmigt werden</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>“%1” is done and needs your approval again</source>
        <translation>„%1“ ist erledigt und muss erneut von Ihnen genehmigt werden</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <location line="+143"/>
        <location line="+71"/>
        <source>An admin</source>
        <translation>Ein Admin</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <location line="-196"/>
        <source>Your mentor %1 is disabled: an admin gives you another mentor, who signs off</source>
        <translation>Ihr Mentor %1 ist deaktiviert: Ein Admin gibt Ihnen einen anderen Mentor, der die Freigabe erteilt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is disabled: nobody signs off until an admin gives %2 another mentor</source>
        <translation>%1 ist deaktiviert: Niemand erteilt die Freigabe, bis %2 einen anderen Mentor erhält</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You have not signed off yet: every required step is approved, so Sign off production… opens it now</source>
        <translation>Sie haben noch nicht freigegeben: Jeder erforderliche Schritt ist genehmigt, also öffnet „Produktion freigeben…“ ihn jetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have not signed off yet: Sign off production… once the steps above are done, and approved where they need your review</source>
        <translation>Sie haben noch nicht freigegeben: „Produktion freigeben…“, sobald die Schritte oben erledigt und, wo sie Ihre Prüfung brauchen, genehmigt sind</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Changes were asked on “%1”: redo it, then resubmit it for review</source>
        <translation>Für „%1“ wurden Änderungen erbeten: erledigen Sie ihn neu und reichen Sie ihn dann erneut zur Prüfung ein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes were asked on “%1”; waiting for %2 to redo it</source>
        <translation>Für „%1“ wurden Änderungen erbeten; wartet darauf, dass %2 ihn neu erledigt</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>%1 moved you to version %2 of the checklist.</source>
        <translation>%1 hat Sie auf Version %2 der Checkliste umgestellt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 moved you to the checklist “%2”.</source>
        <translation>%1 hat Sie auf die Checkliste „%2“ umgestellt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your production access and the approvals given before the move ended with it. Waiting for %1&apos;s review, then a new sign-off, before production opens: %2.</source>
        <translation>Ihr Produktionszugang und die Genehmigungen von vor der Umstellung endeten mit ihr. Es fehlen die Prüfung durch %1 und danach eine neue Freigabe, bevor die Produktion freigeschaltet wird: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your production access ended with the move: %1 signs off again before production opens.</source>
        <translation>Ihr Produktionszugang endete mit der Umstellung: %1 erteilt erneut die Freigabe, bevor die Produktion freigeschaltet wird.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approvals given before the move no longer count. Waiting for %1&apos;s review before production opens: %2.</source>
        <translation>Genehmigungen von vor der Umstellung zählen nicht mehr. Es fehlt die Prüfung durch %1, bevor die Produktion freigeschaltet wird: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for %1&apos;s review before production opens: %2.</source>
        <translation>Bevor die Produktion freigeschaltet wird, wartet Folgendes auf die Prüfung durch %1: %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Version %1 changes the wording of %2: each step&apos;s page shows what changed.</source>
        <translation>Version %1 ändert den Wortlaut von %2: Die Seite jedes Schritts zeigt, was sich geändert hat.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 moved %2 to version %3 of the checklist on %4.</source>
        <translation>%1 hat %2 am %4 auf Version %3 der Checkliste umgestellt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 moved %2 to the checklist “%3” on %4.</source>
        <translation>%1 hat %2 am %4 auf die Checkliste „%3“ umgestellt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It ended the approvals given before it; waiting for your review again: %1.</source>
        <translation>Damit endeten die Genehmigungen davor; wartet erneut auf Ihre Prüfung: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It ended the approvals given before it; waiting for a review by %1 again: %2.</source>
        <translation>Damit endeten die Genehmigungen davor; wartet erneut auf eine Prüfung durch %1: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes asked before it still stand on %1.</source>
        <translation>Davor angeforderte Änderungen gelten weiter für %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sign-off ended with it: you sign off again once the steps are approved.</source>
        <translation>Die Freigabe endete damit: Sie geben erneut frei, sobald die Schritte genehmigt sind.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-off ended with it: %1 signs off again once the steps are approved.</source>
        <translation>Die Freigabe endete damit: %1 gibt erneut frei, sobald die Schritte genehmigt sind.</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>%1 replied on “%2”</source>
        <translation>%1 hat auf „%2“ geantwortet</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 approved “%2”</source>
        <translation>%1 hat „%2“ genehmigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 approved “%2”: “%3”</source>
        <translation>%1 hat „%2“ genehmigt: „%3“</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 signed off your production access: the production credentials are yours to read now.</source>
        <translation>%1 hat Ihren Produktionszugang freigegeben: Die Produktions-Zugangsdaten können Sie jetzt lesen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your mentor is now %1. Your production access and your previous mentor&apos;s approvals ended with the change: %1 reviews your steps and signs off again before production opens.</source>
        <translation>Ihr Mentor ist jetzt %1. Ihr Produktionszugang und die Genehmigungen Ihres bisherigen Mentors sind mit dem Wechsel erloschen: %1 prüft Ihre Schritte und erteilt die Freigabe erneut, bevor die Produktion freigeschaltet wird.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 revoked your production access; the production credentials cannot be read now. Your mentor can renew it.</source>
        <translation>%1 hat Ihren Produktionszugang widerrufen; die Produktions-Zugangsdaten können jetzt nicht gelesen werden. Ihr Mentor kann ihn erneuern.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Marked as read: %1&apos;s notes here no longer wait for your answer.</source>
        <translation>Als gelesen markiert: Die Notizen von %1 hier warten nicht mehr auf Ihre Antwort.</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>Note sent to %1.</source>
        <translation>Notiz an %1 gesendet.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Marked done. It now waits for %1&apos;s review.</source>
        <translation>Als erledigt markiert. Der Schritt wartet jetzt auf die Prüfung durch %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marked done. Nice work!</source>
        <translation>Als erledigt markiert. Gute Arbeit!</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The step is open again.</source>
        <translation>Der Schritt ist wieder offen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+5"/>
        <source>Approved.</source>
        <translation>Genehmigt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changes asked, with your comment; the step is open again.</source>
        <translation>Änderungen erbeten, mit Ihrem Kommentar; der Schritt ist wieder offen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resubmitted for review.</source>
        <translation>Erneut zur Prüfung eingereicht.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Signed off. Production access is released.</source>
        <translation>Freigegeben. Der Produktionszugang ist erteilt.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::EnrollmentListModel</name>
    <message>
        <location filename="../app/ui/EnrollmentListModel.cpp" line="+69"/>
        <source>locked</source>
        <comment>production access</comment>
        <translation>gesperrt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoked</source>
        <comment>production access</comment>
        <translation>widerrufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unlocked</source>
        <comment>production access</comment>
        <translation>freigeschaltet</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>expired</source>
        <comment>production access</comment>
        <translation>abgelaufen</translation>
    </message>
</context>
<context>
    <name>onramp::ui::Formats</name>
    <message>
        <location filename="../app/ui/Formats.cpp" line="+18"/>
        <source>hire</source>
        <comment>a person&apos;s role</comment>
        <translation>Neuzugang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mentor</source>
        <comment>a person&apos;s role</comment>
        <translation>Mentor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>admin</source>
        <comment>a person&apos;s role</comment>
        <translation>Admin</translation>
    </message>
    <message numerus="yes">
        <location line="+107"/>
        <source>%1 of %n steps done</source>
        <translation>
            <numerusform>%1 von %n Schritt erledigt</numerusform>
            <numerusform>%1 von %n Schritten erledigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n waiting for review</source>
        <translation>
            <numerusform> · %n wartet auf Prüfung</numerusform>
            <numerusform> · %n warten auf Prüfung</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>“%1”</source>
        <comment>a title quoted in a list of them</comment>
        <translation>„%1“</translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistVersionModel.cpp" line="-103"/>
        <location filename="../app/ui/Formats.cpp" line="+1"/>
        <source>, </source>
        <comment>between titles in a list</comment>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/Formats.cpp" line="+8"/>
        <source>%n hire(s) stay on an earlier version until you move them (Admin › Enrollments).</source>
        <translation>
            <numerusform>%n Neuzugang bleibt auf einer früheren Version, bis Sie ihn verschieben (Verwaltung › Einschreibungen).</numerusform>
            <numerusform>%n Neuzugänge bleiben auf einer früheren Version, bis Sie sie verschieben (Verwaltung › Einschreibungen).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>under a minute</source>
        <comment>a wait</comment>
        <translation>weniger als eine Minute</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n min</source>
        <comment>a wait in minutes</comment>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>onramp::ui::Notifications</name>
    <message>
        <location filename="../app/ui/Notifications.cpp" line="+46"/>
        <source>A step to review</source>
        <translation>Ein Schritt zur Prüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 marked “%2” done; it awaits your review.</source>
        <translation>%1 hat „%2“ als erledigt markiert; der Schritt wartet auf Ihre Prüfung.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Step approved</source>
        <translation>Schritt genehmigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 approved “%2”.</source>
        <translation>%1 hat „%2“ genehmigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes asked</source>
        <translation>Änderungen erbeten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 asked for changes on “%2”; open the step to see what to change.</source>
        <translation>%1 hat um Änderungen an „%2“ gebeten; öffnen Sie den Schritt, um zu sehen, was zu ändern ist.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Production access signed off</source>
        <translation>Produktionszugang freigegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 signed off your production access.</source>
        <translation>%1 hat Ihren Produktionszugang freigegeben.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Production access expired</source>
        <translation>Produktionszugang abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your access to “%1” has expired; your mentor can renew it.</source>
        <translation>Ihr Zugang zu „%1“ ist abgelaufen; Ihr Mentor kann ihn verlängern.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1’s access to “%2” has expired.</source>
        <translation>Der Zugang von %1 zu „%2“ ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production access expires soon</source>
        <translation>Produktionszugang läuft bald ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your access to “%1” ends at %2.</source>
        <translation>Ihr Zugang zu „%1“ endet am %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1’s access to “%2” ends at %3.</source>
        <translation>Der Zugang von %1 zu „%2“ endet am %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production access revoked</source>
        <translation>Produktionszugang entzogen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 revoked your access to “%2”.</source>
        <translation>%1 hat Ihren Zugang zu „%2“ entzogen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 revoked %2’s access to “%3”.</source>
        <translation>%1 hat den Zugang von %2 zu „%3“ entzogen.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::OnrampLink</name>
    <message>
        <location filename="../app/ui/OnrampLink.cpp" line="+43"/>
        <source>the link is longer than %1 characters</source>
        <translation>der Link ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link holds a control character</source>
        <translation>der Link enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link is not a valid URL: %1</source>
        <translation>der Link ist keine gültige URL: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the link is not an onramp:// link</source>
        <translation>der Link ist kein onramp://-Link</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link holds more than onramp://open?… or onramp://server?…</source>
        <translation>der Link enthält mehr als onramp://open?… oder onramp://server?…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the link&apos;s action “%1” is neither open nor server</source>
        <translation>die Aktion „%1“ des Links ist weder open noch server</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the link holds “%1”: a link never carries a passphrase or a secret; they are handed over apart</source>
        <translation>der Link enthält „%1“: Ein Link enthält nie eine Passphrase oder ein Geheimnis; diese werden getrennt übergeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link holds the unknown field “%1” (it takes %2)</source>
        <translation>der Link enthält das unbekannte Feld „%1“ (zulässig: %2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the link gives the field “%1” twice</source>
        <translation>der Link gibt das Feld „%1“ zweimal an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link&apos;s field “%1” holds a control character</source>
        <translation>das Feld „%1“ des Links enthält ein Steuerzeichen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the link names no vault folder (vault=/path/to/folder)</source>
        <translation>der Link nennt keinen Tresor-Ordner (vault=/path/to/folder)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the link&apos;s vault “%1” is not an absolute path</source>
        <translation>der Tresor „%1“ des Links ist kein absoluter Pfad</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the link names no team server (url=postgresql://…)</source>
        <translation>der Link nennt keinen Teamserver (url=postgresql://…)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link&apos;s url “%1” is not a postgresql:// address of a server</source>
        <translation>die URL „%1“ des Links ist keine postgresql://-Adresse eines Servers</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the link&apos;s url holds a password: a link never carries a passphrase or a secret</source>
        <translation>die URL des Links enthält ein Passwort: Ein Link enthält nie eine Passphrase oder ein Geheimnis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link&apos;s name “%1” is not a person&apos;s sign-in name</source>
        <translation>der Name „%1“ im Link ist kein Anmeldename einer Person</translation>
    </message>
</context>
<context>
    <name>onramp::ui::PersonListModel</name>
    <message>
        <location filename="../app/ui/PersonListModel.cpp" line="+77"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>onramp::ui::ReportBackend</name>
    <message numerus="yes">
        <location filename="../app/ui/ReportBackend.cpp" line="+135"/>
        <location line="+16"/>
        <location line="+46"/>
        <location line="+12"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="-150"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Could not save %1: the folder %2 does not exist. Choose a folder that exists and export again.</source>
        <translation>%1 konnte nicht gespeichert werden: Der Ordner %2 existiert nicht. Wählen Sie einen vorhandenen Ordner und exportieren Sie erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not save %1. Check that you may write to that folder and that the disk has room, or choose another folder, and export again.</source>
        <translation>%1 konnte nicht gespeichert werden. Prüfen Sie, ob Sie in diesen Ordner schreiben dürfen und ob auf dem Datenträger Platz ist, oder wählen Sie einen anderen Ordner, und exportieren Sie erneut.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %2, %3 of %4 required; signed off, production access expired</source>
        <translation>%1: %2, %3 von %4 erforderlichen; freigegeben, Produktionszugang abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, %3 of %4 required; production access granted</source>
        <translation>%1: %2, %3 von %4 erforderlichen; Zugang zur Produktion gewährt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, %3 of %4 required; signed off, production access revoked</source>
        <translation>%1: %2, %3 von %4 erforderlichen; freigegeben, Zugang zur Produktion entzogen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, %3 of %4 required; production access locked</source>
        <translation>%1: %2, %3 von %4 erforderlichen; Zugang zur Produktion gesperrt</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n hire(s): %1 with production access, %2 ready for sign-off, %3 with a step waiting for review, %4 with an overdue step. Scroll the chart to read each hire.</source>
        <translation>
            <numerusform>%n Neuzugang: %1 mit Produktionszugang, %2 bereit zur Freigabe, %3 mit einem Schritt, der auf Prüfung wartet, %4 mit einem überfälligen Schritt. Scrollen Sie im Diagramm, um jeden Neuzugang zu lesen.</numerusform>
            <numerusform>%n Neuzugänge: %1 mit Produktionszugang, %2 bereit zur Freigabe, %3 mit einem Schritt, der auf Prüfung wartet, %4 mit einem überfälligen Schritt. Scrollen Sie im Diagramm, um jeden Neuzugang zu lesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n hire(s), %1 with production access.</source>
        <translation>
            <numerusform>%n Neuzugang, %1 mit Produktionszugang.</numerusform>
            <numerusform>%n Neuzugänge, %1 mit Produktionszugang.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%n hire(s)</source>
        <translation>
            <numerusform>%n Neuzugang</numerusform>
            <numerusform>%n Neuzugänge</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Started in %1: %2, %3 with production access, on average after %4</source>
        <translation>Beginn im %1: %2, %3 mit Produktionszugang, Dauer im Schnitt %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none yet</source>
        <translation>noch keine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Started in %1: %2, none with production access yet</source>
        <translation>Beginn im %1: %2, noch keiner mit Produktionszugang</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, %2: due %3, %4 overdue</source>
        <translation>%1, %2: fällig am %3, %4 überfällig</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n overdue step(s).</source>
        <translation>
            <numerusform>%n überfälliger Schritt.</numerusform>
            <numerusform>%n überfällige Schritte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The %n most overdue:</source>
        <translation>
            <numerusform>Der %n am meisten überfällige:</numerusform>
            <numerusform>Die %n am meisten überfälligen:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+74"/>
        <source>All hires</source>
        <translation>Alle Neuzugänge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The report of every hire</source>
        <translation>Der Bericht über alle Neuzugänge</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>Exported the summary of %1 to %2 (readable by you only).</source>
        <translation>Zusammenfassung zu %1 nach %2 exportiert (nur für Sie lesbar).</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>the report file</source>
        <translation>die Berichtsdatei</translation>
    </message>
    <message>
        <location line="-255"/>
        <source>%1: %2 on average from done to approved (to now for a step still waiting), longest %3; %4 approved, %5 waiting</source>
        <translation>%1: durchschnittlich %2 von erledigt bis genehmigt (bis jetzt für einen Schritt, der noch wartet), am längsten %3; %4 genehmigt, %5 wartend</translation>
    </message>
    <message>
        <location line="+122"/>
        <location line="+2"/>
        <source>all steps</source>
        <translation>alle Schritte</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Exported the report to %1 (readable by you only).</source>
        <translation>Bericht nach %1 exportiert (nur für Sie lesbar).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose a hire whose summary to export.</source>
        <translation>Wählen Sie den Neuzugang, dessen Zusammenfassung Sie exportieren möchten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the summary file</source>
        <translation>die Datei der Zusammenfassung</translation>
    </message>
</context>
<context>
    <name>onramp::ui::RestoreBackend</name>
    <message>
        <location filename="../app/ui/RestoreBackend.cpp" line="+43"/>
        <source>Restored the backup %1 took on %2 (up to audit entry %3). Sign in again.</source>
        <translation>Die Sicherung, die %1 am %2 angelegt hat, wurde wiederhergestellt (bis Protokolleintrag %3). Melden Sie sich erneut an.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n grant(s) the replaced vault had revoked were live in the backup and are revoked again.</source>
        <translation>
            <numerusform>%n Zuteilung, die der ersetzte Tresor widerrufen hatte, war in der Sicherung gültig und wurde erneut widerrufen.</numerusform>
            <numerusform>%n Zuteilungen, die der ersetzte Tresor widerrufen hatte, waren in der Sicherung gültig und wurden erneut widerrufen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1&apos;s passphrase was reset or changed in the replaced vault, and the backup&apos;s slot opened with the one before: they are disabled. Reset their passphrase on the People page to let them in again.</source>
        <translation>Die Passphrase von %1 wurde im ersetzten Tresor zurückgesetzt oder geändert, und der Schlüsselplatz der Sicherung öffnete sich mit der vorigen: Die Person ist deaktiviert. Setzen Sie ihre Passphrase auf der Seite „Personen“ zurück, um sie wieder hereinzulassen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was disabled in the replaced vault and is disabled again; the production key was rotated, as a disable does.</source>
        <translation>%1 war im ersetzten Tresor deaktiviert und ist wieder deaktiviert; der Produktionsschlüssel wurde gewechselt, wie bei einer Deaktivierung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1&apos;s mentor is %2 again, as in the replaced vault; the earlier mentor&apos;s reviews and sign-off ended again.</source>
        <translation>Mentor von %1 ist wieder %2, wie im ersetzten Tresor; die Prüfungen und die Freigabe des früheren Mentors sind wieder beendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is on %2 version %3 again, as in the replaced vault.</source>
        <translation>%1 ist wieder auf %2 Version %3, wie im ersetzten Tresor.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The login %1, made after the backup was taken, was dropped at its server.</source>
        <translation>Der Login %1, angelegt nach der Sicherung, wurde auf seinem Server gelöscht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The login %1, made after the backup was taken, could not be dropped at its server yet; it shows as &quot;revoke pending&quot; until a sweep drops it.</source>
        <translation>Der Login %1, angelegt nach der Sicherung, konnte auf seinem Server noch nicht gelöscht werden; er wird als „Widerruf ausstehend“ angezeigt, bis ein Sweep ihn löscht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The production key was rotated since the backup was taken, and is rotated again: the backup&apos;s copy of it opens no secret here.</source>
        <translation>Der Produktionsschlüssel wurde nach der Sicherung erneuert und wird es nun wieder: die Kopie in der Sicherung öffnet hier kein Geheimnis.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not carried over: %1.</source>
        <translation>Nicht übernommen: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The master key was rotated last, so the backup&apos;s copy of it opens nothing here.</source>
        <translation>Zuletzt wurde der Hauptschlüssel gewechselt; die Kopie in der Sicherung öffnet hier nichts mehr.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This desktop had seen audit entry %1 and the backup ends at entry %2: what was recorded in between is not in it. Do it again: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation>Dieser Computer hatte Protokolleintrag %1 gesehen, und die Sicherung endet bei Eintrag %2: Was dazwischen aufgezeichnet wurde, fehlt darin. Wiederholen Sie es: zuerst deaktivieren, dann widerrufen, dann hinzugefügte Personen, Freigaben und gesetzte Geheimnisse.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This desktop had seen another audit entry %1 than the backup holds: do again what was done since it was taken.</source>
        <translation>Dieser Desktop hatte einen anderen Protokolleintrag %1 gesehen, als die Sicherung enthält: Wiederholen Sie, was seit dem Anlegen der Sicherung getan wurde.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder it replaced is kept at %1; nothing in it was deleted.</source>
        <translation>Der ersetzte Ordner wird unter %1 aufbewahrt; nichts darin wurde gelöscht.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cannot restore: %1</source>
        <translation>Wiederherstellung nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 cannot be restored here: it is a backup of another vault (%2), not of this one (%3).</source>
        <translation>%1 kann hier nicht wiederhergestellt werden: Es ist eine Sicherung eines anderen Tresors (%2), nicht dieses Tresors (%3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The backup %1 took on %2 (up to audit entry %3) replaces everything in this vault: what was recorded since it was taken is not in it. The vault&apos;s folder %4 is kept aside beside it, never deleted.

The vault closes for the restore: you are signed out and sign in again afterwards. Other desktops that have it open should close it first.</source>
        <translation>Die Sicherung, die %1 am %2 angelegt hat (bis Protokolleintrag %3), ersetzt alles in diesem Tresor: Was seit ihrem Anlegen festgehalten wurde, fehlt darin. Der Ordner des Tresors, %4, wird daneben beiseitegelegt, nie gelöscht.

Der Tresor wird für die Wiederherstellung geschlossen: Sie werden abgemeldet und melden sich danach erneut an. Andere Desktops, auf denen er geöffnet ist, sollten ihn vorher schließen.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>That passphrase does not open your key; nothing was restored.</source>
        <translation>Diese Passphrase öffnet Ihren Schlüssel nicht; es wurde nichts wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was restored: %1</source>
        <translation>Es wurde nichts wiederhergestellt: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restored from the backup of %1, taken by %2 (up to audit entry %3). Sign in again.</source>
        <translation>Aus der Sicherung vom %1 wiederhergestellt, erstellt von %2 (bis Protokolleintrag %3). Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing was restored; the vault is as it was: %1, so what it revoked, disabled or moved since the backup was taken could not be kept so.
Restoring the backup as it is, grants it holds included, is done on the command line only, with Onramp closed on every desktop:
%2</source>
        <translation>Es wurde nichts wiederhergestellt; der Tresor ist unverändert: %1, daher ließ sich nicht beibehalten, was er seit dem Anlegen der Sicherung widerrufen, deaktiviert oder umgestellt hat.
Die Sicherung unverändert wiederherzustellen, samt der Zuteilungen darin, geht nur über die Kommandozeile, während Onramp auf jedem Desktop geschlossen ist:
%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing was restored; the vault is as it was: %1</source>
        <translation>Es wurde nichts wiederhergestellt; der Tresor ist unverändert: %1</translation>
    </message>
</context>
<context>
    <name>onramp::ui::ReviewQueueModel</name>
    <message numerus="yes">
        <location filename="../app/ui/ReviewQueueModel.cpp" line="+39"/>
        <source>waiting %n day(s)</source>
        <translation>
            <numerusform>wartet seit %n Tag</numerusform>
            <numerusform>wartet seit %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>onramp::ui::RosterImportBackend</name>
    <message>
        <location filename="../app/ui/RosterImportBackend.cpp" line="+45"/>
        <source>Nothing was added. The vault itself is damaged or was changed outside Onramp; the file was not the problem. Restore the vault from a backup:</source>
        <translation>Nichts wurde hinzugefügt. Der Tresor selbst ist beschädigt oder wurde außerhalb von Onramp geändert; an der Datei lag es nicht. Stellen Sie den Tresor aus einer Sicherung wieder her:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was added. Correct these rows and import the file again:</source>
        <translation>Nichts wurde hinzugefügt. Korrigieren Sie diese Zeilen und importieren Sie die Datei erneut:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People added before this error: %1. Importing the same file again completes the rest.</source>
        <translation>Vor diesem Fehler hinzugefügte Personen: %1. Ein erneuter Import derselben Datei erledigt den Rest.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nobody was imported: the file has problems.</source>
        <translation>Niemand wurde importiert: die Datei hat Fehler.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The import stopped before its end.</source>
        <translation>Der Import wurde vor seinem Ende abgebrochen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New people: %1. Hires enrolled: %2. Rows already in the vault: %3.</source>
        <translation>Neue Personen: %1. Eingeschriebene Neuzugänge: %2. Bereits im Tresor vorhandene Zeilen: %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Their first passphrases are in %1, one file per person, readable by you only. Hand each over in person; they choose their own when they first sign in.</source>
        <translation>Ihre ersten Passphrasen liegen in %1, eine Datei pro Person, nur für Sie lesbar. Übergeben Sie jede persönlich; bei der ersten Anmeldung wählt jede Person eine eigene.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New people: %1.</source>
        <translation>Neue Personen: %1.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::ScanBackend</name>
    <message numerus="yes">
        <location filename="../app/ui/ScanBackend.cpp" line="+82"/>
        <source>Scanned %n file(s), %1…</source>
        <translation>
            <numerusform>%n Datei durchsucht, %1…</numerusform>
            <numerusform>%n Dateien durchsucht, %1…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>For a password, key or token: take the value out of the file and out of its history, then have it changed where it is used. A secret once written in a document must be taken as known.</source>
        <translation>Für ein Passwort, einen Schlüssel oder ein Token: Entfernen Sie den Wert aus der Datei und aus ihrer Versionsgeschichte, und lassen Sie ihn dann dort ändern, wo er verwendet wird. Ein Geheimnis, das einmal in einem Dokument stand, gilt als bekannt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For a production host: it is no secret, but a newcomer who follows the document reaches production. Point the document at the sandbox instead, or say plainly that the host is production and that it opens only after sign-off.</source>
        <translation>Für einen Produktionshost: Er ist kein Geheimnis, aber ein Neuzugang, der dem Dokument folgt, landet in der Produktion. Verweisen Sie im Dokument stattdessen auf die Sandbox, oder sagen Sie deutlich, dass der Host zur Produktion gehört und erst nach der Freigabe offensteht.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a folder to scan.</source>
        <translation>Wählen Sie einen Ordner zum Durchsuchen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was scanned: %1 is not a folder.</source>
        <translation>Es wurde nichts durchsucht: %1 ist kein Ordner.</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+53"/>
        <source>Nothing was scanned: %1</source>
        <translation>Es wurde nichts durchsucht: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <location line="+16"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n Datei</numerusform>
            <numerusform>%n Dateien</numerusform>
        </translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Cancelled after %1: %2 so far.</source>
        <translation>Abgebrochen nach %1: bisher %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <location line="+13"/>
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n Fund</numerusform>
            <numerusform>%n Funde</numerusform>
        </translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The folder holds no text file to scan: nothing was looked at. Check that it is the folder you meant.</source>
        <translation>Der Ordner enthält keine Textdatei zum Durchsuchen: Es wurde nichts geprüft. Prüfen Sie, ob es der gemeinte Ordner ist.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>No production credentials found in %n file(s).</source>
        <translation>
            <numerusform>Keine Produktions-Zugangsdaten in %n Datei gefunden.</numerusform>
            <numerusform>Keine Produktions-Zugangsdaten in %n Dateien gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 in %2; %3 scanned.</source>
        <translation>%1 in %2; %3 durchsucht.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) could not be read.</source>
        <translation>
            <numerusform>%n Datei konnte nicht gelesen werden.</numerusform>
            <numerusform>%n Dateien konnten nicht gelesen werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left out by .onramp-scan-ignore.</source>
        <translation>
            <numerusform>%n Fund durch .onramp-scan-ignore ausgelassen.</numerusform>
            <numerusform>%n Funde durch .onramp-scan-ignore ausgelassen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n git repository folder(s) (.git) not read.</source>
        <translation>
            <numerusform>%n Git-Repository-Ordner (.git) nicht gelesen.</numerusform>
            <numerusform>%n Git-Repository-Ordner (.git) nicht gelesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n ignored or binary file(s) searched for known production secrets only.</source>
        <translation>
            <numerusform>%n ignorierte oder binäre Datei nur nach bekannten Produktionsgeheimnissen durchsucht.</numerusform>
            <numerusform>%n ignorierte oder binäre Dateien nur nach bekannten Produktionsgeheimnissen durchsucht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The scan was not recorded in the audit log: %1</source>
        <translation>Der Scan wurde nicht im Prüfprotokoll festgehalten: %1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Choose sarif or json.</source>
        <translation>Wählen Sie sarif oder json.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the export file</source>
        <translation>die Exportdatei</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Exported %n finding(s) to %1.</source>
        <translation>
            <numerusform>%n Fund nach %1 exportiert.</numerusform>
            <numerusform>%n Funde nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Known production secrets were left out.</source>
        <translation>Bekannte Produktionsgeheimnisse wurden ausgelassen.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::ScanFindingModel</name>
    <message>
        <location filename="../app/ui/ScanFindingModel.cpp" line="+28"/>
        <source>known production secret: %1 — rotate</source>
        <translation>bekanntes Produktionsgeheimnis: %1 — austauschen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a host a checklist names as production</source>
        <translation>ein Host, den eine Checkliste als Produktion nennt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matches %1, which a checklist names as production</source>
        <translation>passt zu %1, das eine Checkliste als Produktion nennt</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1, line %2: %3. %4</source>
        <translation>%1, Zeile %2: %3. %4</translation>
    </message>
</context>
<context>
    <name>onramp::ui::Session</name>
    <message>
        <location filename="../app/ui/Session.cpp" line="+391"/>
        <source>An admin restored this vault from a backup; sign in again.</source>
        <translation>Ein Admin hat diesen Tresor aus einer Sicherung wiederhergestellt; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Choose a passphrase of at least %1 characters: a few unrelated words are easy to remember and hard to guess.</source>
        <translation>Wählen Sie eine Passphrase mit mindestens %1 Zeichen: einige unzusammenhängende Wörter sind leicht zu merken und schwer zu erraten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fair. Longer is stronger: add a word or two.</source>
        <translation>Ordentlich. Länger ist stärker: Fügen Sie ein, zwei Wörter hinzu.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&apos;%1&apos; cannot be a user name: use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter (such as alex or sam.lee).</source>
        <translation>&apos;%1&apos; kann kein Benutzername sein: verwenden Sie Kleinbuchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos;, beginnend mit einem Buchstaben (etwa alex oder sam.lee).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter your name and passphrase.</source>
        <translation>Geben Sie Ihren Namen und Ihre Passphrase ein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose who you are.</source>
        <translation>Wählen Sie, wer Sie sind.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your passphrase.</source>
        <translation>Geben Sie Ihre Passphrase ein.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>That passphrase does not open %1&apos;s key. Check it and try again.</source>
        <translation>Diese Passphrase öffnet den Schlüssel von %1 nicht. Prüfen Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>%1 has yet to choose their own passphrase: sign in to the app to choose it</source>
        <translation>%1 muss zuerst eine eigene Passphrase wählen: Melden Sie sich dazu in der App an</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The two passphrases differ; type the same passphrase twice.</source>
        <translation>Die beiden Passphrasen unterscheiden sich; geben Sie zweimal dieselbe ein.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>%1 is not a whole Onramp vault: its database (%2) is missing; nothing was opened.</source>
        <translation>%1 ist kein vollständiger Onramp-Tresor: Seine Datenbank (%2) fehlt; es wurde nichts geöffnet.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This onramp:// link was not opened: %1. Nothing was opened; ask whoever sent it for a new one.</source>
        <translation>Dieser onramp://-Link wurde nicht geöffnet: %1. Es wurde nichts geöffnet; bitten Sie die Person, die ihn geschickt hat, um einen neuen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The link names the team server %1. The app does not connect to a team server yet; for now the command line does: onramp --server %1 …</source>
        <translation>Der Link nennt den Teamserver %1. Die App verbindet sich noch nicht mit einem Teamserver; vorerst tut das die Kommandozeile: onramp --server %1 …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The link names the team server %1 for %2. The app does not connect to a team server yet; for now the command line does: onramp --server %1 --as %2 …</source>
        <translation>Der Link nennt den Teamserver %1 für %2. Die App verbindet sich noch nicht mit einem Teamserver; vorerst tut das die Kommandozeile: onramp --server %1 --as %2 …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This onramp:// link was not opened: %1</source>
        <translation>Dieser onramp://-Link wurde nicht geöffnet: %1</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>An admin disabled your account while you were signed in, so Onramp locked. Ask an admin to reset your passphrase to sign in again.</source>
        <translation>Ein Admin hat Ihr Konto deaktiviert, während Sie angemeldet waren, daher wurde Onramp gesperrt. Bitten Sie einen Admin, Ihre Passphrase zurückzusetzen, damit Sie sich wieder anmelden können.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen unterscheiden sich.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Your passphrase is your own now; nobody else knows it.</source>
        <translation>Ihre Passphrase gehört jetzt Ihnen allein; niemand sonst kennt sie.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+157"/>
        <location line="+61"/>
        <source>The vault is locked; sign in again.</source>
        <translation>Der Tresor ist gesperrt; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Type your current passphrase.</source>
        <translation>Geben Sie Ihre aktuelle Passphrase ein.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The two new passphrases differ; type the same one twice.</source>
        <translation>Die beiden neuen Passphrasen unterscheiden sich; geben Sie zweimal dieselbe ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The new passphrase is the same as the current one; choose another.</source>
        <translation>Die neue Passphrase ist dieselbe wie die aktuelle; wählen Sie eine andere.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The current passphrase is wrong; nothing was changed.</source>
        <translation>Die aktuelle Passphrase ist falsch; nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your passphrase is changed; use the new one from your next sign-in.</source>
        <translation>Ihre Passphrase ist geändert; verwenden Sie ab der nächsten Anmeldung die neue.</translation>
    </message>
    <message>
        <location line="+198"/>
        <source>Onramp opens only web and mail links, not %1. Copy it only if you trust where it leads.</source>
        <translation>Onramp öffnet nur Web- und Mail-Links, nicht %1. Kopieren Sie ihn nur, wenn Sie seinem Ziel vertrauen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No web browser opened %1. The address is copied: paste it into one.</source>
        <translation>Kein Webbrowser hat %1 geöffnet. Die Adresse ist kopiert: Fügen Sie sie in einen ein.</translation>
    </message>
</context>
<context>
    <name>onramp::ui::StepListModel</name>
    <message>
        <location filename="../app/ui/StepListModel.cpp" line="+190"/>
        <source>to do</source>
        <translation>offen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for re-review</source>
        <translation>wartet auf erneute Prüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for review</source>
        <translation>wartet auf Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved</source>
        <translation>genehmigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changes asked</source>
        <translation>Änderungen erbeten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>redone, waiting for review</source>
        <translation>überarbeitet, wartet auf Prüfung</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It counts towards your progress once they approve it; there is nothing more to do meanwhile. If they ask for changes, redo the step here and resubmit it.</source>
        <translation>Er zählt zu Ihrem Fortschritt, sobald er genehmigt ist; bis dahin ist nichts weiter zu tun. Werden Änderungen angefordert, überarbeiten Sie den Schritt hier und reichen Sie ihn erneut ein.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not done yet. %1 reviews this step: marking it done asks for that review.</source>
        <translation>Noch nicht erledigt. %1 prüft diesen Schritt: Wenn Sie ihn als erledigt markieren, bitten Sie um diese Prüfung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not done yet.</source>
        <translation>Noch nicht erledigt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done on %1.</source>
        <translation>Erledigt am %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done on %1 and approved on version %2 of the checklist. The move to a new version ended that approval and changed this step (below): if it now asks for more, do that and say so in a note. %3 reviews it again.</source>
        <translation>Erledigt am %1 und genehmigt in Version %2 der Checkliste. Der Wechsel auf eine neue Version hat diese Genehmigung beendet und diesen Schritt geändert (unten): Wenn er jetzt mehr verlangt, erledigen Sie das und schreiben Sie es in eine Notiz. %3 prüft ihn erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done on %1 and approved on version %2 of the checklist. The move to a new version ended that approval: waiting for %3 to review it again; nothing more to do meanwhile.</source>
        <translation>Am %1 erledigt und in Version %2 der Checkliste genehmigt. Der Wechsel auf eine neue Version hat diese Genehmigung beendet: Es wartet darauf, dass %3 es erneut prüft; bis dahin ist nichts weiter zu tun.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done on %1, waiting for %2 to review it.</source>
        <translation>Erledigt am %1, wartet auf die Prüfung durch %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <location line="+36"/>
        <source>Done and approved by %1 on %2.</source>
        <translation>Erledigt und genehmigt von %1 am %2.</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>%1 asked for changes on %2, before the move to this version of the checklist, and that still stands. Redo the step, then resubmit it for review.</source>
        <translation>%1 hat am %2 Änderungen angefordert, vor der Umstellung auf diese Version der Checkliste, und das gilt weiter. Erledigen Sie den Schritt erneut und reichen Sie ihn dann wieder zur Prüfung ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 asked for changes on %2. Redo the step, then resubmit it for review.</source>
        <translation>%1 hat am %2 Änderungen erbeten. Überarbeiten Sie den Schritt und reichen Sie ihn erneut zur Prüfung ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redone on %1 after %2 asked for changes. Waiting for their review again.</source>
        <translation>Am %1 überarbeitet, nachdem %2 Änderungen erbeten hat. Wartet erneut auf die Prüfung.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+42"/>
        <source>%1 has not done this step yet.</source>
        <translation>%1 hat diesen Schritt noch nicht erledigt.</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+42"/>
        <source>%1 did this on %2.</source>
        <translation>%1 hat dies am %2 erledigt.</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>%1 did this on %2, approved on version %3 of the checklist. The move to a new version ended that approval and changed this step (below): it waits for your re-review against the step as it reads now.</source>
        <translation>%1 hat dies am %2 erledigt, genehmigt in Version %3 der Checkliste. Der Wechsel auf eine neue Version hat diese Genehmigung beendet und diesen Schritt geändert (unten): Er wartet auf Ihre erneute Prüfung gemäß seinem jetzigen Wortlaut.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 did this on %2, approved on version %3 of the checklist. The move to a new version ended that approval: it waits for your re-review.</source>
        <translation>%1 hat dies am %2 erledigt, genehmigt in Version %3 der Checkliste. Der Wechsel auf eine neue Version hat diese Genehmigung beendet: Es wartet auf Ihre erneute Prüfung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 did this on %2. It waits for your review.</source>
        <translation>%1 hat dies am %2 erledigt. Der Schritt wartet auf Ihre Prüfung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done and approved by you on %1.</source>
        <translation>Erledigt und von Ihnen am %1 genehmigt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You asked for changes on %1, before the move to this version of the checklist; that still stands. Waiting for %2 to redo it.</source>
        <translation>Sie haben am %1 Änderungen angefordert, vor der Umstellung auf diese Version der Checkliste; das gilt weiter. Es wird gewartet, bis %2 ihn erneut erledigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+32"/>
        <source>%1 asked for changes on %2, before the move to this version of the checklist; that still stands. Waiting for %3 to redo it.</source>
        <translation>%1 hat am %2 Änderungen angefordert, vor der Umstellung auf diese Version der Checkliste; das gilt weiter. Es wird gewartet, bis %3 ihn erneut erledigt.</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>You asked for changes on %1. Waiting for %2 to redo it.</source>
        <translation>Sie haben am %1 Änderungen erbeten. Wartet auf die Überarbeitung durch %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <source>%1 asked for changes on %2. Waiting for %3 to redo it.</source>
        <translation>%1 hat am %2 Änderungen erbeten. Wartet auf die Überarbeitung durch %3.</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>%1 redid this on %2 after changes were asked. It waits for your review again.</source>
        <translation>%1 hat dies am %2 nach erbetenen Änderungen überarbeitet. Der Schritt wartet erneut auf Ihre Prüfung.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 did this on %2, approved on version %3 of the checklist. The move to a new version ended that approval: it waits for a re-review by %4.</source>
        <translation>%1 hat dies am %2 erledigt, genehmigt in Version %3 der Checkliste. Der Wechsel auf eine neue Version hat diese Genehmigung beendet: Es wartet auf eine erneute Prüfung durch %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 did this on %2. It waits for review by %3.</source>
        <translation>%1 hat dies am %2 erledigt. Der Schritt wartet auf die Prüfung durch %3.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 redid this on %2. It waits for review by %3 again.</source>
        <translation>%1 hat dies am %2 überarbeitet. Der Schritt wartet erneut auf die Prüfung durch %3.</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>overdue since %1</source>
        <comment>a step&apos;s day</comment>
        <translation>überfällig seit %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>was due %1</source>
        <comment>a step&apos;s day past, late for nothing now</comment>
        <translation>war fällig am %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due %1</source>
        <comment>a step&apos;s day</comment>
        <translation>fällig am %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>done %1 · due %2</source>
        <comment>a step&apos;s days</comment>
        <translation>erledigt am %1 · fällig am %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done %1</source>
        <comment>a step&apos;s day</comment>
        <translation>erledigt am %1</translation>
    </message>
</context>
<context>
    <name>onramp::ui::StepThreadModel</name>
    <message>
        <location filename="../app/ui/StepThreadModel.cpp" line="+41"/>
        <source>%1 (hire)</source>
        <translation>%1 (Neuzugang)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (mentor)</source>
        <translation>%1 (Mentor)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (admin)</source>
        <translation>%1 (Admin)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2, not the hire or their mentor now)</source>
        <translation>%1 (%2, derzeit weder Neuzugang noch Mentor)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Signed with a key %1 held before a passphrase reset or change: from then, or from whoever else had it</source>
        <translation>Signiert mit einem Schlüssel, den %1 vor dem Zurücksetzen oder Ändern der Passphrase hatte: aus dieser Zeit oder von jemandem, der ihn ebenfalls hatte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Written as %1, but the signature does not verify: the author is unknown</source>
        <translation>Geschrieben als %1, aber die Signatur lässt sich nicht prüfen: Der Verfasser ist unbekannt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 approved the step</source>
        <translation>%1 hat den Schritt genehmigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 asked for changes</source>
        <translation>%1 hat Änderungen erbeten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You redid the step after changes were asked</source>
        <translation>Sie haben den Schritt nach der Bitte um Änderungen erneut erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 redid the step after changes were asked</source>
        <translation>%1 hat den Schritt nach der Bitte um Änderungen erneut erledigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 moved you from version %2 to version %3 of the checklist: the approval given on version %2 ended, and the step waits for a new review</source>
        <translation>%1 hat Sie von Version %2 auf Version %3 der Checkliste umgestellt: Die Genehmigung auf Version %2 endete, und der Schritt wartet auf eine neue Prüfung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 moved %4 from version %2 to version %3 of the checklist: the approval given on version %2 ended, and the step waits for a new review</source>
        <translation>%1 hat %4 von Version %2 auf Version %3 der Checkliste umgestellt: Die Genehmigung auf Version %2 endete, und der Schritt wartet auf eine neue Prüfung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the hire</source>
        <translation>den Neuzugang</translation>
    </message>
</context>
<context>
    <name>onramp::ui::TeamBackend</name>
    <message>
        <location filename="../app/ui/TeamBackend.cpp" line="+84"/>
        <source>%1 is no longer your mentee: an admin gave them another mentor or ended their enrollment. Their steps and notes stay with the enrollment.</source>
        <translation>%1 wird nicht mehr von Ihnen betreut: Ein Admin hat einen anderen Mentor zugewiesen oder die Einschreibung beendet. Schritte und Notizen bleiben bei der Einschreibung.</translation>
    </message>
</context>
</TS>
