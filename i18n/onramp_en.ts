<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutPage</name>
    <message>
        <location filename="../qml/pages/AboutPage.qml" line="+13"/>
        <source>How Onramp works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>← Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Your sandbox is yours to break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox credentials are ready the moment you are enrolled. Experiment, make mistakes, reissue them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production stays sealed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production credentials are encrypted under a key only mentors and admins hold. Nobody can hand them out by accident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your mentor signs off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the required steps are done, your mentor signs off with a cryptographic signature, and only then is access released to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything is recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each step, sign-off and release lands in a tamper-evident audit log, so the record can be trusted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../qml/pages/AdminPage.qml" line="+18"/>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Checklists •</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklists, changes not saved as a version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrollments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Nothing can be decided from this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The vault could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Its records do not agree with its signed log, so Onramp shows and signs nothing from it: %1 Set it again or remove it below: that repairs the vault when nothing else is wrong, and “Check the vault” says everything that is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its records do not agree with its signed log, so Onramp shows and signs nothing from it: %1 Set it again below: that repairs the vault when nothing else is wrong, and “Check the vault” says everything that is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its records do not agree with its signed log, so Onramp shows and signs nothing from it: %1 Check the vault to see everything that is wrong; restoring the newest backup that passes the check repairs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Set connection %1 again…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the unused secret %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the secret of %1 again…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppHeader</name>
    <message>
        <location filename="../qml/components/AppHeader.qml" line="+15"/>
        <source>Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+2"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mentees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/SettingsButton.qml" line="+17"/>
        <location line="+5"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/SettingsPopup.qml" line="+73"/>
        <source>Lock automatically after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Minutes of inactivity before locking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>minutes without activity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+2"/>
        <source>Desktop notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When production access will expire, has expired or was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When a step awaits your review, and when production access will expire, has expired or was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When a step is approved or changes are asked, when production access is signed off, will expire, has expired or was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warn before production access expires:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Hours of warning before production access expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hours ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A shorter grant is warned about halfway through it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+2"/>
        <source>Count on the launcher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many things await you, on the app&apos;s entry in the dock or task manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+20"/>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Appearance: light, dark or following the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Language: English, Deutsch or following the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Vault fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Vault fingerprint, to check with the admin who made the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the vault fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The same on every desktop that opens this vault. If the admin who made it reads you another, this is not your team&apos;s vault: sign out and ask them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../qml/components/AppHeader.qml" line="+6"/>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the vault</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <location filename="../qml/components/ApproveDialog.qml" line="+27"/>
        <source>Approve this step?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve “%1” for %2? Approved steps count towards their production access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1&apos;s notes on it, not answered yet; approving answers them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your comment, sent with the approval:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../qml/pages/AuditPage.qml" line="+57"/>
        <location line="+241"/>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-183"/>
        <source>Export the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON lines (*.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Audit entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-21"/>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <location line="+3"/>
        <location line="+478"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-483"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The stored records this entry vouches for, each with the fingerprint it was signed with: a record changed since no longer matches it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entry %1, after entry %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entry %1, the first of the chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each entry&apos;s hash covers the entry before it: an entry changed or taken out breaks the chain, and Verify finds where.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Every change and every reveal of a production secret, signed by the person who did it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your own trail: what you did in this vault, signed with your key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Verifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks every entry&apos;s hash, link and signature, and the head in the key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export whole log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the whole audit log, whatever the filters show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>JSON lines (.jsonl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as JSON lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CSV (.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Show entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the first bad entry, number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Entry %1 is not among the entries shown; clear the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Person, e.g. alex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries by this person and entries about them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Since YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show entries on or after this day (YYYY-MM-DD, UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries whose action, person, subject or details hold this text, as the list shows them or as stored (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+284"/>
        <source>Loading the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-275"/>
        <source>The newest %1 entries; narrow the filters to see older ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No entries match these filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No audit entries yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear the filters or choose an earlier day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose an earlier day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the person filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the action filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing in the log holds “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries appear here as people work in the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Audit entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter shows the selected entry&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scroll the audit entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Entry %1, %2: %3, %4, %5. %6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../qml/components/charts/BarChart.qml" line="+141"/>
        <source>Scroll %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+82"/>
        <source>0</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../qml/components/ChangePassphraseDialog.qml" line="+35"/>
        <source>Change your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Current passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>At least 12 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Repeat the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Changing the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changing the passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Change passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistBodyDialog</name>
    <message>
        <location filename="../qml/components/editor/ChecklistBodyDialog.qml" line="+26"/>
        <source>Body of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Body of the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Use this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use this text as the step&apos;s body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel, and keep the body as it was</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Markdown: a blank line starts a paragraph, **bold**, *italic*, [a link](https://…). Ctrl+Enter uses the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>What to do and why, in Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step body</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistCredentialsDialog</name>
    <message>
        <location filename="../qml/components/editor/ChecklistCredentialsDialog.qml" line="+51"/>
        <source>Credentials of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not kept: %1 The credential keeps its earlier value there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sandbox ones are issued at enrollment; production ones with the sign-off. Saved with the steps, as a new version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No credentials yet: add the first one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a credential to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Sandbox database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>lower-case words joined by &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-4"/>
        <source>sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>generated</source>
        <comment>a secret Onramp makes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>static</source>
        <comment>a secret an admin sets</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>one a line, such as host: db.prod.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one a line, such as host: db.sandbox.internal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fields, one a line as name: value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. sandbox, as &apos;onramp provider set&apos; named it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider connection the login is made through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Group roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. ro_reader, app_user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group roles the login joins, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a sandbox credential&apos;s only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template database of the hire&apos;s own sandbox database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Secret name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>e.g. password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>set under Production secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>e.g. 8h; empty for 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lifetime of a production grant (empty: 30 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Secret length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-89"/>
        <source>postgresql</source>
        <comment>a database login Onramp makes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Provider: generated makes a secret, static takes one an admin sets, postgresql makes a database login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>One field a line, as name: value (host, port, database, user…); the hire sees them beside the secret and gets them in the exports. {{hire}} stands for the hire&apos;s user name, as in user: {{hire}}; {{hire_display}} for their full name, {{enrollment}} for their enrollment&apos;s number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>e.g. sandbox_template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Secret length in characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lifetime</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistEditor</name>
    <message>
        <location filename="../qml/components/editor/ChecklistEditor.qml" line="+114"/>
        <source>No checklist open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a checklist to edit its steps, or start a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Loading the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Versions (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Production hosts (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the production hosts of this checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credentials (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit the credentials of this checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the versions of this checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Add step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a step below the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the selected step up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the selected step down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the saved version to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Discard the changes not saved, back to version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save as new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the steps as a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Removed “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo removing “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+82"/>
        <source>A sandbox credential may reach production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Production hosts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the production hosts instead of saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save with the sandbox credential as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A newer version exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reload version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reload version %1; the changes made here are lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save mine as version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save my changes as version %1, over version %2, which stays in the history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keep my changes in view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checklists (*.yaml *.yml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistHostsDialog</name>
    <message>
        <location filename="../qml/components/editor/ChecklistHostsDialog.qml" line="+14"/>
        <source>Production hosts of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the production hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sandbox credentials may never name these hosts; a checklist that does is refused. Changes are saved with the steps, as a new version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No production hosts yet. Add the database and server names hires must not reach from the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove production host %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>db.prod.example.com or *.prod.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New production host or glob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add the production host</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistPage</name>
    <message>
        <location filename="../qml/pages/ChecklistPage.qml" line="+13"/>
        <location line="+14"/>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No checklist yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Once your admin enrolls you, your steps appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+19"/>
        <source>Other steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1: %2, %3</source>
        <extracomment>a section heading, then the step&apos;s title and state: &quot;Day one: Read the handbook, to do&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistStepForm</name>
    <message>
        <location filename="../qml/components/editor/ChecklistStepForm.qml" line="+39"/>
        <source>No steps yet: add the first one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select a step to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Step title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+3"/>
        <source>lower-case words joined by &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Step id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+7"/>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>e.g. Day one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Taken from the step above: change it if this step belongs in another section.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Larger…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Edit the body in a larger box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit the body in a larger box (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>What to do and why, in Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 edits it in a larger box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Due, in days after the start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Required for production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A step the mentor reviews gates production access, so it is always required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mentor reviews it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A step the mentor reviews is also required for production access.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistStepList</name>
    <message>
        <location filename="../qml/components/editor/ChecklistStepList.qml" line="+24"/>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mentor review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistVersionsPopup</name>
    <message>
        <location filename="../qml/components/editor/ChecklistVersionsPopup.qml" line="+35"/>
        <source>Versions of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saving the checklist makes a new version. Hires stay on theirs until you move them (Admin › Enrollments).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Version %1 · %2 · by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n hire(s) on it</source>
        <translation>
            <numerusform>%n hire on it</numerusform>
            <numerusform>%n hires on it</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no hire on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>, </source>
        <comment>between names in a list</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistsTab</name>
    <message>
        <location filename="../qml/pages/admin/ChecklistsTab.qml" line="+120"/>
        <source>New checklist…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start a new checklist in the editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Path of a checklist file (.yaml, .json or .md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checklist file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse for a checklist file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Checklists (*.yaml *.yml *.json *.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No checklists yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a checklist file: YAML, JSON, or a Markdown onboarding issue with &apos;- [ ] step&apos; lines. Or start a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+76"/>
        <source>This file weakens the gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>These changes weaken the gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Compared with version %1 of “%2”, these changes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compared with version %1 of “%2”, this file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save them only if you meant these changes; the audit log will name them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A checklist file in a shared folder may have been changed by someone else. Import it only if you meant these changes; the audit log will name them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Don&apos;t import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Don&apos;t save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing was imported: the file weakens the gate of version %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Discard unsaved changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>“%1” has changes that are not saved as a version. Keep editing to save them first, or discard them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-176"/>
        <source>Checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1, version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>v%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n credential(s)</source>
        <translation>
            <numerusform>%n credential</numerusform>
            <numerusform>%n credentials</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChoosePassphraseCard</name>
    <message>
        <location filename="../qml/pages/ChoosePassphraseCard.qml" line="+53"/>
        <source>Choose your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The one you were handed is known to whoever handed it over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a passphrase only you know. You will sign in with it from now on; the one you were handed stops working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your passphrase was reset, so the sandbox secrets Onramp makes for you are new: update anything that still uses the old ones (an exported .env file, say) from your Home page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hide the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Repeat the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The two passphrases do not match yet. Type the same passphrase in both fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save and continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the new passphrase and continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Lock without choosing a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialsCard</name>
    <message>
        <location filename="../qml/components/CredentialsCard.qml" line="+104"/>
        <location line="+40"/>
        <location line="+47"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export .env…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+46"/>
        <source>Export credentials as an env file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export .pgpass…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+56"/>
        <source>Export credentials as a pgpass file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Reset %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your sandbox is yours to break. Reset puts it back as it was on day one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you changed in it goes, and your open connections to it are closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Put the production secret in the file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A production secret in a file works until it is changed, wherever the file goes, and after your access ends. Export your sandbox credentials alone unless a tool of yours needs production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sandbox only…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the sandbox credentials only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Include production…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the sandbox and production credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Export sandbox credentials as a pgpass file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export sandbox credentials as an env file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export sandbox and production credentials as a pgpass file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export sandbox and production credentials as an env file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Sandbox credentials are issued when you are enrolled; production ones arrive with your mentor&apos;s sign-off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 (%2)</source>
        <extracomment>a credential&apos;s title, then its id: &quot;Sandbox database (sandbox-db)&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 · until %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reissue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reset my sandbox database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset my sandbox database of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-363"/>
        <source>Reissue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Reissue %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A new secret replaces the old one, which stops working at once: anything still using it fails until you give it the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+349"/>
        <source>Reissue %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../qml/pages/admin/DateField.qml" line="+86"/>
        <source>Pick…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick the %1 from a calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Calendar: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Previous month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Next month</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrollmentsTab</name>
    <message>
        <location filename="../qml/pages/admin/EnrollmentsTab.qml" line="+136"/>
        <source>Hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-97"/>
        <location line="+594"/>
        <source>Mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-593"/>
        <location line="+603"/>
        <source>Start (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-564"/>
        <source>Choose a hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nobody to enroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hire: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hire: none chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Checklist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+531"/>
        <source>Mentor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-514"/>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+86"/>
        <source>No hire to enroll yet: add one on the People tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No mentor to review a hire&apos;s steps: add a mentor on the People tab, or reset a disabled mentor&apos;s passphrase there to enable them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every hire is enrolled. Add a hire on the People tab, or pick an enrollment below to move it to another checklist or a newer version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a hire…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a hire on the People tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A hire gets sandbox credentials as soon as they are enrolled. Hires already enrolled are not offered: each has one enrollment, moved below to another checklist or version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Filter by name (Ctrl+F; Esc clears)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter enrollments by the hire&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No enrollment matches “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The filter looks in the hires&apos; user names and full names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nobody is enrolled yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Enrollments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 · version %2</source>
        <extracomment>an enrollment&apos;s checklist title and the version the hire is on</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>disabled</source>
        <comment>a person</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>v%1 available</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+48"/>
        <source>%1 is disabled: their passphrase opens nothing, their steps wait for nobody, and nothing here can be changed for them. Reset their passphrase on the People tab to enable them again. Started %2; %3 of %n step(s) done.</source>
        <translation>
            <numerusform>%1 is disabled: their passphrase opens nothing, their steps wait for nobody, and nothing here can be changed for them. Reset their passphrase on the People tab to enable them again. Started %2; %3 of %n step done.</numerusform>
            <numerusform>%1 is disabled: their passphrase opens nothing, their steps wait for nobody, and nothing here can be changed for them. Reset their passphrase on the People tab to enable them again. Started %2; %3 of %n steps done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Mentor %1, starts %2; %3 of %n step(s) done.</source>
        <translation>
            <numerusform>Mentor %1, starts %2; %3 of %n step done.</numerusform>
            <numerusform>Mentor %1, starts %2; %3 of %n steps done.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Production access: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Renew on the Team page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Renew the production access of %1 on the Team page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+242"/>
        <source>Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version to move to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+135"/>
        <source>This move weakens the gate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 is on version %2 of “%3”. Compared with it, version %4:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is on version %2 of “%3”. Compared with it, version %4 of “%5”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Move %1 only if you mean to lower the gate for them; the audit log will name these changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Move anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Don&apos;t move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was not moved: version %2 weakens the gate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-441"/>
        <source>Edit mentor or start…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-164"/>
        <source>%1: %2 version %3, a newer version exists; mentor %4, production access %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 version %3; mentor %4, production access %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+116"/>
        <source>Mentor %1, disabled: nobody reviews these steps or signs off until you give %2 another mentor (Edit mentor or start…). Started %3; %4 of %n step(s) done.</source>
        <translation>
            <numerusform>Mentor %1, disabled: nobody reviews these steps or signs off until you give %2 another mentor (Edit mentor or start…). Started %3; %4 of %n step done.</numerusform>
            <numerusform>Mentor %1, disabled: nobody reviews these steps or signs off until you give %2 another mentor (Edit mentor or start…). Started %3; %4 of %n steps done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Mentor %1, started %2; %3 of %n step(s) done.</source>
        <translation>
            <numerusform>Mentor %1, started %2; %3 of %n step done.</numerusform>
            <numerusform>Mentor %1, started %2; %3 of %n steps done.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Change the mentor or the start date of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Move back to an earlier version…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 back to an earlier version of the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Or move to another checklist:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checklist to move to: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 to the checklist %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Mentor and start date of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>From now on only %1 reviews the steps of %2 and signs off: approvals and a sign-off given by %3 no longer count, and production access ends now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The start date moves the due days of every step with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the mentor and start date of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-236"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Pick an enrollment to see its checklist version and move it to another version or to another checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+90"/>
        <source>On version %1 of “%2”; version %3 is newer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On version %1 of “%2”, the latest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Move to version %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 to version %2 of the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-400"/>
        <location line="+521"/>
        <source>Start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-475"/>
        <source>Enroll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enroll the hire</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportPath</name>
    <message>
        <location filename="../app/ui/ExportPath.cpp" line="+67"/>
        <source>Choose a file to export to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a file on this computer; choose a folder here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is a folder. Type a file name after it, such as %2, and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The folder %1 does not exist. Nothing was exported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You cannot write in the folder %1. Nothing was exported.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstPassphraseDialog</name>
    <message>
        <location filename="../qml/pages/admin/FirstPassphraseDialog.qml" line="+35"/>
        <source>New passphrase of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+44"/>
        <source>First passphrase of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Hand this passphrase to %1 in person, never by mail or chat. They sign in as “%2” with it once and then choose their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the first passphrase of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>The clipboard forgets it after %n second(s). Only Done closes this window, so that the passphrase is not lost unseen.</source>
        <translation>
            <numerusform>The clipboard forgets it after %n second. Only Done closes this window, so that the passphrase is not lost unseen.</numerusform>
            <numerusform>The clipboard forgets it after %n seconds. Only Done closes this window, so that the passphrase is not lost unseen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close: the passphrase is handed over or noted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GateStatus</name>
    <message>
        <location filename="../qml/components/GateStatus.qml" line="+43"/>
        <source>Production access locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production access unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Production access: locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Signed off by %1 on %2. Take care out there, and ask when in doubt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 ended your production access on %2. Your mentor can renew it if you need it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Production access: unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Signed off by %1. Take care out there, and ask when in doubt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Signed off by %1, but the time of your production credentials has run out. Your mentor can renew them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production access: signed off — access revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access: signed off — access expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access: signed off — waiting for IT to add the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Production access signed off, access revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access signed off, access expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access signed off, waiting for IT to add the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>IT still has to add a production secret. It shows under Credentials as soon as they do; there is nothing you need to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Production credentials: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your mentor can renew them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-70"/>
        <source>It opens when these are done — no rush, the sandbox is yours meanwhile:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HireHomePage</name>
    <message>
        <location filename="../qml/pages/HireHomePage.qml" line="+17"/>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Welcome, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your sandbox, yours to break, comes with your checklist: experiment and make mistakes there, and nothing you do can touch production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your sandbox is yours to break: experiment, make mistakes, reissue credentials. Nothing you do there can touch production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your sandbox is yours to break: experiment and make mistakes. Nothing you do there can touch production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Changes asked since you last looked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 asked for changes on “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+171"/>
        <source>Open the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+74"/>
        <location line="+97"/>
        <source>Open “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-153"/>
        <location line="+68"/>
        <location line="+103"/>
        <source>Got it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+171"/>
        <source>Got it, do not show these again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-146"/>
        <source>Moved since you last looked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Open “%1” to see what changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Got it, do not show this again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>New since you last looked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+87"/>
        <source>You are not enrolled on a checklist yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your admin enrolls you with a mentor; your steps will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your checklist could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The vault is busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another Onramp on this computer is writing to the vault. Try again in a moment; nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Tell your admin: they can check the vault (Admin › Vault).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Mentor: %1 · started %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mentor: %1 · starts on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Next up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+42"/>
        <source>You have done your part of every step; %n wait(s) for your mentor&apos;s review.</source>
        <translation>
            <numerusform>You have done your part of every step; %n waits for your mentor&apos;s review.</numerusform>
            <numerusform>You have done your part of every step; %n wait for your mentor&apos;s review.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every step is done. Well done!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Your required steps are all done: it opens when %1 signs off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It opens when these are done; the sandbox is yours meanwhile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It opens when these are done — no rush, the sandbox is yours meanwhile:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HireSummary</name>
    <message>
        <location filename="../app/ui/HireSummaryPdf.cpp" line="+108"/>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-61"/>
        <source>%1, overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+71"/>
        <source>Onboarding summary: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (signs in as %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expired: signed off by %1 on %2; every production credential has run out since, until the mentor renews one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Granted: signed off by %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoked: signed off by %1 on %2, then revoked by %3 on %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Locked. What stands before it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>required for production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+16"/>
        <source>The summary could not be laid out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../qml/pages/admin/ImportDialog.qml" line="+16"/>
        <source>Import people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>A CSV file with a header row and one person per row: name, display_name and role; a hire&apos;s mentor, checklist and start (YYYY-MM-DD) enroll them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Roster file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Path of a .csv file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+18"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Browse for a roster file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+8"/>
        <source>Folder for the first passphrases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Created if missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Browse for the folder of first passphrases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Each new person gets a random first passphrase in a file of their own there, readable by you only. They choose their own when they first sign in. Leave the folder empty only when the file has a passphrase_file column naming each person&apos;s passphrase file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Problems in the roster file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import the roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rosters (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LinkButton</name>
    <message>
        <location filename="../qml/components/LinkButton.qml" line="+30"/>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="+127"/>
        <source>(%1) </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 — Onramp</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MentorPage</name>
    <message>
        <location filename="../qml/pages/MentorPage.qml" line="+19"/>
        <source>Mentees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+94"/>
        <location line="+751"/>
        <source>Sign off production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-750"/>
        <source>You are about to release production access to %1. Enter your passphrase to sign.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production credentials then last %1; you can renew them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-99"/>
        <location line="+382"/>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="-110"/>
        <source>Production access expired for %n mentee(s); you can renew it</source>
        <translation>
            <numerusform>Production access expired for %n mentee; you can renew it</numerusform>
            <numerusform>Production access expired for %n mentees; you can renew it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 · access expired for %n mentee(s)</source>
        <translation>
            <numerusform>%1 · access expired for %n mentee</numerusform>
            <numerusform>%1 · access expired for %n mentees</numerusform>
        </translation>
    </message>
    <message>
        <location line="+107"/>
        <source>Your mentees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vault needs an admin&apos;s check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+48"/>
        <source>Waiting for your review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+170"/>
        <source>No mentees yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When an admin enrolls a hire with you as mentor, they appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing can be decided from this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its records do not agree with its signed log, so Onramp shows and signs nothing until an admin has looked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+103"/>
        <source>changes asked on %n step(s)</source>
        <translation>
            <numerusform>changes asked on %n step</numerusform>
            <numerusform>changes asked on %n steps</numerusform>
        </translation>
    </message>
    <message>
        <location line="+69"/>
        <source>mentor disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Once every required step is done and approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>You signed off on %1; every production credential has expired since. Renew one below to give access back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed off by %1 on %2; every production credential has expired since. Renew one below to give access back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+191"/>
        <source>%1: %2, %3</source>
        <extracomment>a section heading, then the step&apos;s title and state: &quot;Day one: Read the handbook, to do&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-303"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+164"/>
        <source>Production credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-526"/>
        <source>Ctrl+Shift+N: next · Ctrl+Shift+A: approve the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-263"/>
        <source>%1&apos;s production access can be signed off once these are done: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1&apos;s production access can be signed off once every required step is done and approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Revoke %1 for %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renew %1 for %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 can read it for another %2 from now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 can read it for another full term from now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Nothing waits for a mentor&apos;s review</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="-119"/>
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n review</numerusform>
            <numerusform>%n reviews</numerusform>
        </translation>
    </message>
    <message>
        <location line="-47"/>
        <source>%1 can no longer read it from now on, and the login it opens is dropped at the database. You or an admin can renew it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 can no longer read it in Onramp from now on. A copy they already read or exported still works until the secret is changed where it is used: for a shared secret, an admin sets a new one. You or an admin can renew it later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <location line="+151"/>
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-150"/>
        <location line="+150"/>
        <source>%n sign-off(s)</source>
        <translation>
            <numerusform>%n sign-off</numerusform>
            <numerusform>%n sign-offs</numerusform>
        </translation>
    </message>
    <message>
        <location line="-146"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+133"/>
        <location line="+48"/>
        <source>Waiting for a mentor&apos;s review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Every step has been reviewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No step waits for your review. Still for you: %1 and %2, marked on your mentees below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>No step waits for your review. %n mentee(s) ready for your sign-off, marked below.</source>
        <translation>
            <numerusform>No step waits for your review. %n mentee ready for your sign-off, marked below.</numerusform>
            <numerusform>No step waits for your review. %n mentees ready for your sign-off, marked below.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>No step waits for your review. %n note(s) not answered, marked on your mentees below.</source>
        <translation>
            <numerusform>No step waits for your review. %n note not answered, marked on your mentees below.</numerusform>
            <numerusform>No step waits for your review. %n notes not answered, marked on your mentees below.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All reviewed: nothing waits for you now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ctrl+Shift+N: next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Review “%1” for %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>“%1” of %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+88"/>
        <source>+%1 earlier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Since you last looked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Got it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Got it, do not show this again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Nobody enrolled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll a hire under Admin › Enrollments; they show here with their progress and their mentor&apos;s reviews.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Hires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your hires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %n steps</source>
        <translation>
            <numerusform>%1 of %n step</numerusform>
            <numerusform>%1 of %n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n waiting for a mentor&apos;s review</source>
        <translation>
            <numerusform>, %n waiting for a mentor&apos;s review</numerusform>
            <numerusform>, %n waiting for a mentor&apos;s review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n waiting for you</source>
        <translation>
            <numerusform>, %n waiting for you</numerusform>
            <numerusform>, %n waiting for you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n note(s) not answered</source>
        <translation>
            <numerusform>, %n note not answered</numerusform>
            <numerusform>, %n notes not answered</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %n step(s) overdue</source>
        <translation>
            <numerusform>, %n step overdue</numerusform>
            <numerusform>, %n steps overdue</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, ready for the mentor&apos;s sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, ready for your sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, production access signed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, disabled by an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>ready for sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ready for your sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n note(s) not answered</source>
        <translation>
            <numerusform>%n note not answered</numerusform>
            <numerusform>%n notes not answered</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 · mentored by %2, disabled · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · mentored by %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>waiting for sign-off by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sign off production…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>It opens when these are done:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You signed off on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You signed off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off by %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You signed off on %1 and revoked production access on %2. Renew a credential below to give it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You signed off on %1; %2 revoked production access on %3. Renew a credential below to give it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed off by %1 on %2; you revoked production access on %3. Renew a credential below to give it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed off by %1 on %2; %3 revoked production access on %4. Renew a credential below to give it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Since the move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+81"/>
        <source>until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-785"/>
        <location line="+794"/>
        <source>Revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-798"/>
        <location line="+804"/>
        <source>Renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="-649"/>
        <source>%n waiting for a mentor&apos;s review</source>
        <translation>
            <numerusform>%n waiting for a mentor&apos;s review</numerusform>
            <numerusform>%n waiting for a mentor&apos;s review</numerusform>
        </translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Nothing waits for you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for you: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+766"/>
        <source>Renew %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Released at the sign-off; it then lasts %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Released at the sign-off, once the required steps are done and approved; it then lasts %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Steps of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>Other steps</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewChecklistDialog</name>
    <message>
        <location filename="../qml/components/editor/NewChecklistDialog.qml" line="+26"/>
        <source>Start a new checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the new checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. Backend onboarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Id (made from the title until you type one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. backend-onboarding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Checklist title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checklist id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../qml/components/Notice.qml" line="+87"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../qml/components/PassphraseDialog.qml" line="+12"/>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+45"/>
        <source>Type your passphrase first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <location filename="../qml/pages/admin/PeopleTab.qml" line="+192"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 (%2), %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Still signs in with the passphrase handed out; chooses their own at the next sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+8"/>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+11"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>First passphrase (hand it over in person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Pick a person to manage: reset their passphrase, or disable them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>This is you. Another admin resets or disables your account; nobody does either to themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-149"/>
        <source>First passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-194"/>
        <source>The approvals and sign-offs they gave with the old one keep counting; if their passphrase leaked, give their mentees another mentor (Enrollments › Edit mentor or start…), which ends them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Filter by name (Ctrl+F; Esc clears)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter people by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import people from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nobody matches “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The filter looks in user names and full names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 (%2), %3, still signs in with the passphrase handed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>e.g. alex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e.g. Alex Newhire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Hide the first passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the first passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>At least %1 characters; a few unrelated words are best.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Adding %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Adding %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Not enrolled on a checklist yet: they see no steps and have no sandbox credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enroll…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>New passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New passphrase for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide the new passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Reset passphrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+102"/>
        <source>Reset the passphrase of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-83"/>
        <location line="+1"/>
        <source>They get a new key pair, which opens the production key as the old one did.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-34"/>
        <source>At least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-255"/>
        <source>handed-over passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+281"/>
        <source>A new passphrase enables them again, with a new key pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They get a new key pair. They are not enrolled yet, so no credential is sealed to the old one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They get a new key pair, and their sandbox credentials are issued again at once with new secrets: tell them that anything still using the old ones needs the new ones. Production grants sealed to the old key must be renewed by their mentor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Disable %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+139"/>
        <source>Disable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Enable %1 again, with a new passphrase?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the passphrase of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>They will have to choose a new one at their next sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enable again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enable %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Disable %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Their passphrase will open nothing. Their history stays in the audit log; a passphrase reset enables them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onramp also makes a new production key and encrypts every production secret with it, so that a copy of the vault they kept opens nothing set from now on. A secret they already read works until it is changed where it is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As a mentor or admin, %1 could read every production secret: change them at their source, then set them here again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 mentors %2: nobody reviews their steps or signs them off until you give them another mentor (Enrollments, Edit mentor or start…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-66"/>
        <location line="+71"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RepairSecretDialog</name>
    <message>
        <location filename="../qml/pages/admin/RepairSecretDialog.qml" line="+45"/>
        <source>Type the connection&apos;s address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the provisioning role&apos;s password first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the secret first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Set connection %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the kept secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the secret of %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The kept password of this connection no longer opens, or an earlier one was put back in its place: it was changed outside Onramp. Type its address and its provisioning role&apos;s password as you set them last. Onramp checks the whole vault again before it keeps them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No checklist uses %1, and its kept secret no longer opens or is an earlier one put back: it was changed or put there outside Onramp. No hire receives it, so removing it takes nothing from anyone. Onramp checks the whole vault again before it removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The kept secret no longer opens, or an earlier one was put back in its place: it was changed outside Onramp. Paste the secret as you set it last, or a new one. Onramp checks the whole vault again before it keeps it, and hires with access receive it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>host=db.example.com dbname=app user=onramp_provisioner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address of connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provisioning role&apos;s password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Password of connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Set the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <location filename="../qml/pages/ReportPage.qml" line="+17"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Export the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Onboarding report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How far %1 is, and where they wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How far each hire is, and where they wait.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Hire whose progress the report shows, or all hires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Whose summary? Pick a hire, then choose where to save it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Summary PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save a hire&apos;s summary as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asks which hire first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export the report of %1 as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the report as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Your mentees&apos; progress shows here once an admin enrolls them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Progress of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unlocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoked or expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nobody is enrolled yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Days to production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average days from start to sign-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No start dates yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Average wait for a review, by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average time from done to approved, or to now while waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No step has waited for a review yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Overdue steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hire · step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days past the due day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No step is overdue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Nobody is enrolled yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-164"/>
        <source>Save the summary of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Hire:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Save the summary of %1 as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Reading the report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enroll a hire on the Admin page to see their progress here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Progress per hire</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaveFileDialog</name>
    <message>
        <location filename="../qml/components/SaveFileDialog.qml" line="+49"/>
        <source>Replace %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A file of that name is already in %1. Replacing it overwrites what it holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose another name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanTab</name>
    <message>
        <location filename="../qml/pages/admin/ScanTab.qml" line="+53"/>
        <source>Choose a folder to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+125"/>
        <source>Export the findings as SARIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+132"/>
        <source>Export the findings as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-130"/>
        <source>SARIF files (*.sarif)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Scan documents for production credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Looks through a folder (a wiki export, a repository) for the team&apos;s production hosts, passwords in connection strings, private keys and well-known tokens, and for the production secrets this vault holds, as “onramp scan” does. Files that .gitignore leaves out are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. /home/ada/wiki-export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the folder to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scan the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scanning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Export SARIF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Production secrets this vault holds were found: rotate each one named below. Exports leave these findings out, so that a file meant for a CI log never says which value is a production secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Scan cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Enter sets a new secret for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>line %1</source>
        <extracomment>a finding&apos;s line in its file</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Set a new secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a new secret for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretTodos</name>
    <message>
        <location filename="../qml/pages/admin/SecretTodos.qml" line="+26"/>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 for %2 needs a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set the secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Show more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show more of the to-do</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SecretsTab</name>
    <message>
        <location filename="../qml/pages/admin/SecretsTab.qml" line="+50"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Production secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>leaked, rotate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>leaked, rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Type the connection&apos;s address first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type the provisioning role&apos;s password first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Type the secret first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The secret is only spaces; paste the secret itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Pick a credential to set its secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the connection of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The checklist “%1” has a credential %2 too, and they share one secret: what you set here is theirs as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Onramp signs in to PostgreSQL through connection “%1” as a provisioning role and makes each hire&apos;s own login there. It serves %2 credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Address (libpq connection string, no password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Password of the provisioning role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hide the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Hide the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Replace secret…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Leaked: %1, in the team&apos;s documents. Whoever read them holds it: set a new secret here, change it where it is used, and remove it from those documents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Only static credentials take a secret from you; generated ones make their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Over the network the address needs sslmode=verify-full and channel_binding=require; a local socket needs neither. The address goes into the signed audit log; the password never does: it is sealed under the production key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This credential is generated: Onramp makes a fresh secret for each hire, so there is none to set here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It is sealed under the production key at once; a hire receives it only with a mentor&apos;s sign-off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is sealed to every enrolled hire at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Production hosts of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Point connection %1 at another server?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>These logins made through it are live, or wait for their drop, at the server it points at now: %1. From another server Onramp cannot drop them: they keep signing in until they expire, and their drops wait until the connection points back. Revoke them first to end them now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Point it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Point connection %1 at the new server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Replace connection %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Every login from now on is made with the new address and password; logins made before stay where they were made. The address in use: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Replace connection %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Replace the secret of %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n hire(s) hold it now: each is given the new one at once, in place of the old.</source>
        <translation>
            <numerusform>%n hire holds it now: each is given the new one at once, in place of the old.</numerusform>
            <numerusform>%n hires hold it now: each is given the new one at once, in place of the old.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No hire holds it now: each hire it is given from now on gets the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every hire who holds it is given the new one at once, in place of the old.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the password at its source too: Onramp hands the secret out, the database decides which one works. The one in use: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+63"/>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-335"/>
        <location line="+337"/>
        <source>Replace the secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-108"/>
        <location line="+50"/>
        <location line="+63"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-234"/>
        <location line="+2"/>
        <source>Secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-357"/>
        <source>The production credentials of every checklist, and the sandbox ones that need a secret or a connection from you. Static secrets and PostgreSQL connections are set here, never in a checklist file; production ones are sealed under the production key at once, and hires receive them only with a mentor&apos;s sign-off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1, %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+310"/>
        <source>Secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Set secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <source>None declared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Sandbox credentials that name one of these hosts are refused. Each checklist keeps its own: edit them under Checklists, Production hosts.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendBackDialog</name>
    <message>
        <location filename="../qml/components/SendBackDialog.qml" line="+23"/>
        <source>Ask for changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send “%1” back to %2? They redo it and resubmit it for your review; until then it does not count towards their production access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your comment, sent with it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask for changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsSheet</name>
    <message>
        <location filename="../qml/components/ShortcutsSheet.qml" line="+31"/>
        <source>Go to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show this list of shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show this list too, outside a text field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search or filter the list of the page, where it has one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the checklist you are editing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit a step&apos;s body in a larger box, from its box in the checklist editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the open step done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the note you are writing on a step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve the selected step waiting for review, or the open one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask for changes on the open step (write what to change first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign off production access for the mentee shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select the next step waiting for review; Enter opens it. On a step&apos;s page, open the hire&apos;s next one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>%1 or %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Move through your steps when their list has the keyboard focus; Enter opens the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move through a list that has the keyboard focus (steps, mentees, reviews); Enter opens the row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move through a list that has the keyboard focus (people, enrollments, steps); Enter opens the row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go on to the next control; %1 goes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press the button that has the keyboard focus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close a dialog, or go back from a step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close a dialog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShowHideButton</name>
    <message>
        <location filename="../qml/components/ShowHideButton.qml" line="+19"/>
        <location line="+2"/>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Demo vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unlock your vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>Who are you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Unlocking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checking the passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open another vault…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open another vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>DEMO VAULT — public passphrases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Never keep real secrets in the demo vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Passphrase changed: sign in with the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use the passphrase of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../qml/pages/StepPage.qml" line="+170"/>
        <source>Steps of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>required for production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>reviewed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>you review it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Mark done, ask for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mark done and ask %1 for review (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+3"/>
        <source>Approve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+2"/>
        <source>Ask for changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Approve or Ask for changes sends what you wrote below along with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys: %1 approves, %2 asks for changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Changed since version %1 of the checklist, the version before the move:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Title before: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>What %1 reads on this step:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Links in this step, with where each goes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No notes yet. Write to %1 below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No notes yet. Ask a question or add a link below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+92"/>
        <source>A comment for %1: Approve or Ask for changes sends it along; Add note sends it alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>or %1 in the box</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mark as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark %1&apos;s notes as read, with no reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-134"/>
        <source>No notes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-198"/>
        <source>Undo is off once production access is signed off. Ask %1 if this step needs doing again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+289"/>
        <source>A question or note for %1: Add note sends it now; marking the step done and asking for review sends it along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A question or note for %1: Add note sends it now; marking the step done sends it along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you changed, or a question, for %1: Add note sends it now, Resubmit sends it along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A question or note for %1, sent with Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-347"/>
        <source>Mark done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-186"/>
        <source>No other step of %1&apos;s waits for your review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No other step of %1&apos;s waits for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“%1” is not waiting for your review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Back to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Mark done (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Resubmit for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resubmit for review (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo, reopen the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>To ask for changes, first write what to change in the conversation below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepProgress</name>
    <message numerus="yes">
        <location filename="../qml/components/StepProgress.qml" line="+29"/>
        <source> · %n overdue</source>
        <translation>
            <numerusform> · %n overdue</numerusform>
            <numerusform> · %n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepQuestion</name>
    <message>
        <location filename="../qml/components/StepQuestion.qml" line="+110"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepRow</name>
    <message>
        <location filename="../qml/components/StepRow.qml" line="+128"/>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-85"/>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="-15"/>
        <source>, %n note(s) not answered</source>
        <translation>
            <numerusform>, %n note not answered</numerusform>
            <numerusform>, %n notes not answered</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>, changed by the move</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+68"/>
        <source>%n note(s) not answered</source>
        <translation>
            <numerusform>%n note not answered</numerusform>
            <numerusform>%n notes not answered</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Worded otherwise since version %1 of the checklist: its page shows what changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mentor review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultCreatedNote</name>
    <message>
        <location filename="../qml/pages/admin/VaultCreatedNote.qml" line="+24"/>
        <source>Your vault is ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the note on the vault&apos;s fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It is in the folder %1. That folder is the vault: back it up, and give it to your team (or put it on a shared drive) for them to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This is its fingerprint. The first time someone opens the vault on their desktop, Onramp shows them its fingerprint: when they ask you to confirm it, compare it with this one. If the two differ, they must not trust that vault. The settings show it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Vault fingerprint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the vault fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultFolders</name>
    <message>
        <location filename="../app/ui/VaultFolders.cpp" line="+66"/>
        <source>Choose the vault folder your admin gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not a folder on this computer; nothing was opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%1 holds %n vaults (%2); open the folder of the one you mean. Nothing was opened.</source>
        <translation>
            <numerusform>%1 holds %n vault (%2); open the folder of the one you mean. Nothing was opened.</numerusform>
            <numerusform>%1 holds %n vaults (%2); open the folder of the one you mean. Nothing was opened.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not a whole Onramp vault: its key store (%2) is missing beside its database (%3); nothing was opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not an Onramp vault, and no folder directly inside it is one. A vault folder holds the key store (%2) and the encrypted database (%3) side by side: choose that folder, the one your admin gave you. Nothing was opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Choose the folder the vault goes in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a file; choose a folder for the vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is a vault in %1 already: open it with Open a vault folder…, or choose another folder for the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 holds other files: a new vault goes in an empty or a new folder. Choose another folder, or type a new folder&apos;s name at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is a file, so the folder %2 cannot be made; choose another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You cannot write in %1; choose a folder of your own for the vault.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VaultTab</name>
    <message>
        <location filename="../qml/pages/admin/VaultTab.qml" line="+31"/>
        <source>From a script: %1</source>
        <extracomment>under the Vault tab&apos;s cards: the command that does the same, for scripts</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Back up the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Onramp backups (*.onramp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+206"/>
        <source>Back up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-194"/>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Restore this vault from the backup?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore and sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rotate the production key?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Every production secret is encrypted again under a new key, sealed to each enabled admin and mentor. Hires keep the grants they hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still signing in with the first passphrase handed over to them: %1. The new key is sealed to that passphrase too, so whoever saw it could still open it: rotate once they have chosen their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+118"/>
        <source>Rotate the production key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+18"/>
        <source>Check the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Checks the database&apos;s integrity, the audit log&apos;s chain and signatures, and every record against the signed log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Every production secret is kept under one key that admins and mentors hold. When you gave a mentor or an admin their first passphrase, rotate the key once they have chosen their own (the check above names who has not yet): a copy of the old key then opens nothing. Disabling someone rotates it too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Writes the whole vault, the database still encrypted and the key slots still sealed, to one file only you can read. Others keep working meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Puts a backup of this vault back in its place, checked in full and recorded in the audit log. Grants revoked, people disabled and enrollments moved after the backup was taken stay revoked, disabled and moved. The vault closes for it, and its folder is kept beside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-137"/>
        <location line="+144"/>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-144"/>
        <source>Check vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Working on the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Production key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rotate production key…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Back up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back up the vault to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore from backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore the vault from a backup file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/pages/WelcomePage.qml" line="+38"/>
        <location line="+90"/>
        <source>Open a vault folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Choose where the new vault goes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Welcome to Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your sandbox on day one. Production when you and your mentor are ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Open your team&apos;s vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your admin gave you a vault folder, or put one on a shared drive. Onramp opens it where it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open a vault folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Opened before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Vaults opened before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open the vault %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Not found: %1 was moved or removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove %1 from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The vaults you open are listed here, to open again with one click.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Create a vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You will be its first admin. Everything Onramp knows is encrypted in it; your passphrase is the only way in, so pick one you can remember.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Your user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. ada</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The same passphrase again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Folder of the new vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder of the new vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Strong passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Create vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Creating the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Just looking around?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo vault has a demo admin, mentor and hire with a sample checklist. Its passphrases are shown on the sign-in screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the demo vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Team server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The app does not connect to a team server yet. For now the command line does: give it --server URL, or set ONRAMP_SERVER.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Onramp %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>How Onramp keeps day one safe</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp</name>
    <message>
        <location filename="../app/cli/CommandRegistry.cpp" line="+62"/>
        <source>the vault folder (default: the app-data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a team server (libpq connection string or postgresql:// URI; also ONRAMP_SERVER)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the person acting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>read the acting person&apos;s passphrase from FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>print machine-readable JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>show help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>show the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Command.cpp" line="+35"/>
        <location filename="../app/core/people/PassphraseFile.cpp" line="+42"/>
        <source>%1 is longer than %2 bytes, the longest passphrase Onramp accepts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/people/PassphraseFile.cpp" line="-26"/>
        <source>cannot read passphrase file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>passphrase file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>passphrase file %1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/Command.cpp" line="+143"/>
        <source>no passphrase given: use --passphrase-file FILE, set ONRAMP_PASSPHRASE, or run in a terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the passphrase typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no passphrase entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Passphrase for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; needs --%2 FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliMain.cpp" line="+175"/>
        <location filename="../app/cli/CommandLine.cpp" line="+48"/>
        <source>unknown option &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandLine.cpp" line="+11"/>
        <source>option &apos;%1&apos; needs a value (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>option &apos;%1&apos; takes no value</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/OnboardingCommands.cpp" line="+87"/>
        <source>%1 was not imported: %n problem(s) found</source>
        <translation>
            <numerusform>%1 was not imported: %n problem found</numerusform>
            <numerusform>%1 was not imported: %n problems found</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checklist %1 is unchanged; it stays at version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported checklist %1 as version %2 (%3, %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <location filename="../app/ui/AdminBackend.cpp" line="+274"/>
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location filename="../app/ui/AdminBackend.cpp" line="+1"/>
        <source>%n credential(s)</source>
        <translation>
            <numerusform>%n credential</numerusform>
            <numerusform>%n credentials</numerusform>
        </translation>
    </message>
    <message>
        <location line="-62"/>
        <source>--checklist-version wants a version number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+183"/>
        <source>Wrote checklist %1 version %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>No checklists yet; an admin imports one with &apos;onramp checklist import FILE&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>v%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-98"/>
        <source>&apos;enroll&apos; needs --checklist ID and --mentor NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+39"/>
        <source>It weakens the gate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 weakens the gate of checklist %2 version %3:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was imported. If you meant these changes, import it again with --accept-weaker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+155"/>
        <source>--start &apos;%1&apos; is not a date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-122"/>
        <source>warning: %1: credential &apos;%2&apos; names provider connection &apos;%3&apos;, which no admin has set: set it with &apos;onramp provider set %3 --dsn DSN --secret-file FILE%4&apos; before anyone is enrolled on this checklist or signed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+87"/>
        <source>&apos;onramp enrollment move %1&apos; puts it on the checklist&apos;s latest version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+603"/>
        <source>Enrolled %1 on %2 with mentor %3, starting %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+72"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+59"/>
        <source>Asked for changes on step %1 for %2; it is open again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-305"/>
        <source>%1 version %2 weakens the gate of %3 version %4, which %5 is on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing was moved. If you mean to lower the gate for %1, move again with --accept-weaker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is now on %2 version %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+246"/>
        <source>&apos;enrollment edit&apos; needs --mentor NAME, --start YYYY-MM-DD, or both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 now has the mentor %2 and starts on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="-28"/>
        <source>Step %1 is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+12"/>
        <source>Step %1 is open again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+15"/>
        <source>Approved step %1 for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+38"/>
        <source>Signed off production access for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2) on %3 v%4, mentor %5, started %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Progress: %1 of %2 steps done</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n waiting for review</source>
        <translation>
            <numerusform> · %n waiting for review</numerusform>
            <numerusform> · %n waiting for review</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>done, waiting for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>redone, waiting for review again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>needs review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+125"/>
        <source>move a hire to another checklist, or another version of theirs (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the checklist to move to (default: their own); its sign-off and reviews end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/OnboardingCommands.cpp" line="-17"/>
        <source>approved by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>changes asked by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>overdue since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Production: locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production: signed off by %1 at %2, access revoked by %3 at %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Production: unlocked, signed off by %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="-31"/>
        <source>a checklist version (default: the latest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>import a checklist file: YAML, JSON or Markdown (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>store it even though it weakens the gate of the version before (fewer required or reviewed steps, longer production grants, fewer production hosts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>write a checklist back as YAML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>list the checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>enroll a hire on a checklist with a mentor (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the start date (default: today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>move even though the version moved to weakens the gate of the hire&apos;s own (fewer required or reviewed steps, longer production grants, fewer production hosts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>change a hire&apos;s mentor or start date (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the new mentor; only their reviews and sign-off count from now on, and live production access ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the new start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a note for your mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a comment for the hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mark one of your steps done (the hire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>reopen one of your steps until it is approved (the hire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>approve a hire&apos;s step (their mentor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>sign off a hire&apos;s production access (their mentor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>show a hire&apos;s steps and whether production is unlocked, with the reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>make your own sandbox database again from its template, ending your sessions in it (the hire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>as &apos;cred reset&apos;; without ID, your one sandbox database of your own (the hire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>only the sandbox or only the production credentials (both by default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>remove a kept secret that no longer opens and that no checklist uses: the repair `vault check` names (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>what it serves: production (the default) or sandbox; only credentials of that environment may name it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>point it at another server although logins made through it are live or pending; their drops stay pending until it points back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>only the newest N of those entries (still oldest first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+70"/>
        <source>as the setup role, end every Onramp session that holds too many of the cluster&apos;s locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>look once and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>find production hosts and secrets in documents and folders (exit %1 when anything is found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>print SARIF 2.1.0 for code-scanning tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>write known production secrets into --json or --sarif output too (admins and mentors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/VaultAccess.cpp" line="+17"/>
        <source>&apos;%1&apos; needs --as NAME (who acts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 still has the passphrase they were handed; choose your own first: onramp passphrase change --as %1 --new-passphrase-file FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="+74"/>
        <source>--since needs a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ), not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--limit needs a whole number of entries, 1 or more, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>findings sealed, and they do not open with the production key this vault holds now (sealed before it was rotated, or not by an admin or a mentor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>findings sealed for admins and mentors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+61"/>
        <source>&apos;audit export&apos; needs --format jsonl or --format csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Entries from %1 on are not verified; they are marked verified=false in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/demo/Demo.cpp" line="+192"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/cli/AuditCommands.cpp" line="-142"/>
        <source>Audit log verified: %n entries, chained, signed and matching the head in the key file.</source>
        <translation>
            <numerusform>Audit log verified: %n entry, chained, signed and matching the head in the key file.</numerusform>
            <numerusform>Audit log verified: %n entries, chained, signed and matching the head in the key file.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditVerifier.cpp" line="+208"/>
        <source>it follows entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="+137"/>
        <location filename="../app/cli/CredentialCommands.cpp" line="+481"/>
        <location filename="../app/cli/OnboardingCommands.cpp" line="-229"/>
        <source>the export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Wrote %n audit log entries to %1 (readable by you only).</source>
        <translation>
            <numerusform>Wrote %n audit log entry to %1 (readable by you only).</numerusform>
            <numerusform>Wrote %n audit log entries to %1 (readable by you only).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="-111"/>
        <source>verify the audit log&apos;s chain, hashes, signatures and head (exit 6 names the first bad entry)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>show audit log entries (an admin sees all, others their own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries at or after DATE (YYYY-MM-DD, UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries by NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entries of ACTION, e.g. person.add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>write the whole audit log as JSON lines or CSV (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>jsonl or csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-206"/>
        <location line="+120"/>
        <location line="+87"/>
        <source>write to FILE instead of stdout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/checklist/ParseContext.cpp" line="+20"/>
        <source>use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/checklist/ChecklistParser.cpp" line="+23"/>
        <source>the format version is missing: start the file with &apos;onramp: %1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;onramp&apos; must be a format version number such as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>format version %1 is not supported; this Onramp reads &apos;onramp: %2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&apos;production_hosts&apos; must be a list of host names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;production_hosts&apos; has more than %1 entries; that is the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>an entry of &apos;production_hosts&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/core/checklist/CredentialParser.cpp" line="+168"/>
        <location line="+122"/>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>each step must be a mapping with at least &apos;id&apos; and &apos;title&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>step id &apos;%1&apos; is not a slug: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duplicate step id &apos;%1&apos; (first at %2:%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../app/core/checklist/ParseContext.cpp" line="+211"/>
        <source>&apos;%1&apos; of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;due&apos; of %1 must be a whole number of days from 0 to 3650 (got &apos;%2&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;required: false&apos; contradicts &apos;signoff: true&apos; in %1: a step the mentor reviews always gates production access, so it is required; remove &apos;required: false&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&apos;checklist:&apos; is missing; it holds the checklist&apos;s id, title and steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="-198"/>
        <location filename="../app/core/checklist/ChecklistParser.cpp" line="+5"/>
        <source>the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/checklist/ChecklistParser.cpp" line="-82"/>
        <source>each entry of &apos;production_hosts&apos; must be a host name or a glob such as &apos;*.prod.example.com&apos;, without a scheme, user, port or path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+85"/>
        <source>in the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;checklist&apos; must be a mapping with &apos;id&apos;, &apos;title&apos; and &apos;steps&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>checklist id &apos;%1&apos; is not a slug: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+12"/>
        <source>the checklist has no steps; list at least one under &apos;steps:&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>&apos;steps&apos; must be a list of steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/core/checklist/MarkdownImport.cpp" line="+227"/>
        <source>the checklist has more than %1 steps; that is the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+6"/>
        <source>not valid YAML or JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the file is empty; a checklist file starts with &apos;onramp: %1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>at the top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a checklist file must be a mapping with &apos;onramp&apos;, &apos;checklist&apos; and, optionally, &apos;production_hosts&apos; and &apos;credentials&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>could not read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/checklist/CredentialParser.cpp" line="-269"/>
        <source>production secrets are set by an admin (in the app under Admin, Production secrets, or on the command line), never shipped in onboarding documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sandbox secrets are generated (&apos;provider: generated&apos;) or set by an admin (in the app under Admin, Production secrets, or on the command line), never written in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>production %1 carries %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sandbox %1 carries %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+22"/>
        <source>&apos;fields&apos; of %1 must be a mapping of field names to text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-12"/>
        <source>%1 has more than %2 fields; that is the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a field of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>field &apos;%1&apos; appears twice in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>field &apos;%1&apos; of %2 uses an unknown placeholder &apos;%3&apos;; the known ones are %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a secret-like field &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a secret inside field &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>sandbox %1 names production host &apos;%2&apos; in field &apos;%3&apos; (matches production_hosts entry &apos;%4&apos;); a sandbox credential must never reach production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>generated %1 needs &apos;secret: {name: NAME, length: N}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a secret value (&apos;secret:&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a secret (&apos;secret:&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>static %1 carries a &apos;secret:&apos;; static secrets are set by an admin (in the app under Admin, Production secrets, or on the command line): remove it, or use &apos;provider: generated&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>a secret value (&apos;%1:&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>postgresql %1 needs &apos;postgresql: {server: NAME, roles: [GROUP, ...]}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>in &apos;postgresql&apos; of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;postgresql&apos; of %1 must be a mapping with &apos;server&apos; and &apos;roles&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;server&apos; of %1 is not a provider connection name: &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;template&apos; of %1: only a sandbox credential gets a database of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;template&apos; of %1 is not a template database name (a-z, 0-9, _; not onramp_…): &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;roles&apos; of %1 must be a list of group role names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;roles&apos; of %1 has more than 64 roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;roles&apos; of %1: &apos;%2&apos; is not a group role name (a-z, 0-9, _)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;roles&apos; of %1: &apos;%2&apos; is one of PostgreSQL&apos;s predefined roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>credential id &apos;%1&apos; is not a slug: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>unknown provider &apos;%1&apos; in %2; known providers: generated, static, postgresql</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>postgresql %1 carries a &apos;secret:&apos;; the provider makes the password: remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has &apos;postgresql:&apos; but its provider is &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&apos;credentials&apos; has more than %1 credentials; that is the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CredentialCommands.cpp" line="-382"/>
        <location line="+70"/>
        <location filename="../app/core/checklist/CredentialParser.cpp" line="-212"/>
        <source>the secret of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/checklist/CredentialParser.cpp" line="+10"/>
        <source>the secret name &apos;%1&apos; of %2 is also one of its fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../app/core/checklist/ParseContext.cpp" line="-8"/>
        <source>%1 has no &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;length&apos; of %1 must be a whole number from %2 to %3 (got &apos;%4&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;alphabet&apos; of %1 needs at least 2 different characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+91"/>
        <source>credential %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>credential &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>each credential must be a mapping with &apos;id&apos;, &apos;title&apos;, &apos;environment&apos; and &apos;provider&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>duplicate credential id &apos;%1&apos; (first at %2:%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown environment &apos;%1&apos; in %2; known environments: sandbox, production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>&apos;ttl&apos; of %1 must be a positive duration such as 30d, 8h, 45m or 90s, at most 3650d (got &apos;%2&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&apos;credentials&apos; must be a list of credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/checklist/MarkdownImport.cpp" line="-192"/>
        <location filename="../app/core/checklist/ParseContext.cpp" line="-125"/>
        <source>%1 is %2 characters long; the limit is %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+134"/>
        <location filename="../app/core/checklist/ParseContext.cpp" line="+15"/>
        <source>the checklist holds more than %1 characters of text; that is the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the body of step &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the checklist&apos;s title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the section name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>this checklist item has no text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the step&apos;s title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the checklist needs a title: start the file with &apos;# Title&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the checklist&apos;s title (the file&apos;s name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no checklist items found; write each step as &apos;- [ ] text&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/checklist/ParseContext.cpp" line="-27"/>
        <source>%1 holds %2; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+105"/>
        <source>keys must be plain names %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown key &apos;%1&apos; %2; expected one of: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>key &apos;%1&apos; appears twice %2 (first at %3:%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&apos;%1&apos; of %2 must be text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; of %2 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&apos;%1&apos; of %2 must be true or false (got &apos;%3&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="+45"/>
        <source>credential &apos;%1&apos; names provider &apos;%2&apos;, which this Onramp does not have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+822"/>
        <location filename="../app/core/credentials/Grants.cpp" line="+317"/>
        <location line="+39"/>
        <source>%1&apos;s public key is not valid; cannot seal to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-810"/>
        <location filename="../app/server/TeamGrants.cpp" line="+379"/>
        <source>%1 is disabled; nothing is granted to them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1210"/>
        <source>&apos;%1&apos; is a production credential; only your mentor or an admin can renew it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+30"/>
        <source>no credential &apos;%1&apos; in your checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1119"/>
        <source>revoked; not yet dropped at the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its drop at the source is pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>withdrawn by a move; not yet dropped at the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ended by %1; not yet dropped at the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expired; not yet dropped at the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <source>vault database %1: the sandbox credentials&apos; key index %2 for &apos;%3&apos; of enrollment %4; it was changed outside Onramp, and nothing runs on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>answers with row %1, which is &apos;%2&apos; of enrollment %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+596"/>
        <source>%1 credential &apos;%2&apos;: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 credential &apos;%2&apos; names provider connection &apos;%3&apos;, which an admin set for %4; a credential may only name a connection of its own environment; nothing was issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 credential &apos;%2&apos; names %3, which %4 credential &apos;%5&apos; of checklist &apos;%6&apos; version %7 names; a sandbox credential must never sign in where a production one does; nothing was issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+78"/>
        <location line="+36"/>
        <location line="+36"/>
        <source>drop a login at its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-61"/>
        <location line="+33"/>
        <source>no stored checklist version names a login of &apos;%1&apos; at a source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-32"/>
        <source>no stored checklist version names a login of &apos;%1&apos; through %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1; not yet dropped at the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+110"/>
        <source>no admin&apos;s entry of the log created enrollment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+173"/>
        <source>&apos;%1&apos; is a production credential: only a sandbox database of your own can be reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>revoke another person&apos;s credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>expired; its login at the source is dropped by the next sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>only a mentor or an admin sweeps credentials; %1 is a hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+72"/>
        <source>&apos;%1&apos; of enrollment %2 is in no stored checklist; drop its login by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+108"/>
        <source>nothing was sent to its server, since the vault does not pass its check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>revoked %1&apos;s grant of &apos;%2&apos; in the vault; its login at the source is still to be dropped: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+284"/>
        <source>checklist &apos;%1&apos; version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>only an admin can remove a credential&apos;s kept secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; is not a credential id a checklist can give (a connection is set again with provider set); nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a checklist uses &apos;%1&apos;: set its secret again instead (cred set); nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 names &apos;%2&apos;, so its kept secret is not removed; nothing was changed; restore the newest backup that passes the vault check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&apos;%1&apos; has no kept secret that fails to open; only such a secret is removed; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-515"/>
        <source>%1&apos;s %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-530"/>
        <location line="+553"/>
        <location filename="../app/core/vault/Backup.cpp" line="+1067"/>
        <source>%1&apos;s %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <location filename="../app/server/TeamGrants.cpp" line="-315"/>
        <source>only %1&apos;s mentor, %2, or an admin can renew or revoke their grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../app/server/TeamGrants.cpp" line="+26"/>
        <source>&apos;%1&apos; is a sandbox credential; it has no grant (the hire reissues it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 holds no grant of &apos;%2&apos; that the log holds live; credential_grants row %3: no audit entry vouches for it; it was written outside Onramp; nothing was changed. Run vault check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 holds no grant of &apos;%2&apos; to revoke; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-50"/>
        <location filename="../app/server/TeamGrants.cpp" line="+4"/>
        <source>no credential &apos;%1&apos; in %2&apos;s checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-903"/>
        <source>only an admin sees every credential at once; %1 is a %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+190"/>
        <source>&apos;%1&apos; is a production credential in checklist &apos;%2&apos; version %3; its secret goes to a hire only through a grant after sign-off, never as a sandbox credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+425"/>
        <source>&apos;%1&apos; is a %2 credential: its secret is set by an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>reissue another person&apos;s credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/TeamGrants.cpp" line="-40"/>
        <source>only %1&apos;s mentor or an admin can renew or revoke their grants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+115"/>
        <location line="+8"/>
        <location line="+262"/>
        <source>the hire&apos;s public key is not valid; cannot seal to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-258"/>
        <source>&apos;%1&apos; is a %2 credential; a team server grants generated and static ones so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The team server %1 shows a grant of %2 to %3 that no signed entry of its audit log vouches for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+120"/>
        <location line="+15"/>
        <source>%1 holds no grant of &apos;%2&apos; to revoke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&apos;%1&apos; stays locked: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1&apos;s mentor has not signed off yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+223"/>
        <source>The team server %1 shows a secret of %2 that is not the one the newest signed entry of its audit log naming it gives: it was removed or altered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-452"/>
        <source>%1&apos;s grant of &apos;%2&apos; was renewed from another desk just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+304"/>
        <source>the secret of &apos;%1&apos; is set and sealed to %n hire(s) who hold it, but not to %2 (%3); their mentor or an admin seals it to them with &apos;onramp cred renew HIRE %1&apos;</source>
        <translation>
            <numerusform>the secret of &apos;%1&apos; is set and sealed to %n hire who holds it, but not to %2 (%3); their mentor or an admin seals it to them with &apos;onramp cred renew HIRE %1&apos;</numerusform>
            <numerusform>the secret of &apos;%1&apos; is set and sealed to %n hires who hold it, but not to %2 (%3); their mentor or an admin seals it to them with &apos;onramp cred renew HIRE %1&apos;</numerusform>
        </translation>
    </message>
    <message>
        <location line="+52"/>
        <source>&apos;%1&apos; is a sandbox credential; a team server keeps production secrets only so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="+331"/>
        <source>revoked %1&apos;s grant of &apos;%2&apos;; but credential_grants row %3: no audit entry vouches for it; it was written outside Onramp (ended too). Run vault check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>revoked %1&apos;s grant of &apos;%2&apos;; but credential_grants row %3, which the log vouches for, is missing: it was deleted outside Onramp. Run vault check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+153"/>
        <location line="+21"/>
        <location line="+117"/>
        <location filename="../app/server/TeamGrants.cpp" line="-36"/>
        <source>only an admin can set a credential&apos;s secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Providers.cpp" line="+21"/>
        <source>the secret for &apos;%1&apos; is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="-151"/>
        <source>&apos;%1&apos; is a sandbox credential in one checklist and a production one in another; give them different ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <location filename="../app/server/TeamGrants.cpp" line="+32"/>
        <source>no static credential &apos;%1&apos; in any checklist (static credentials: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/server/TeamGrants.cpp" line="+1"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/SecretStore.cpp" line="+34"/>
        <source>only an admin or a mentor can store credential secrets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+48"/>
        <source>the secret of &apos;%1&apos; is kept for admins and mentors only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-34"/>
        <source>the stored secret of &apos;%1&apos; does not open: it was altered or moved; an admin sets it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/gate/Gate.cpp" line="+38"/>
        <source>&apos;%1&apos; is not done yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the approval of &apos;%1&apos; does not verify and counts for nothing; the mentor must approve it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-8"/>
        <source>the mentor asked for changes on &apos;%1&apos;: make them and mark it done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; was redone after the mentor asked for changes, and waits for their review again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is waiting for the mentor&apos;s review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no mentor has signed off production access yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the sign-off&apos;s signature does not verify; it counts for nothing and a mentor must sign off again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the sign-off is dated %1, later than now; a mentor must sign off again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 signed off their own production access; a mentor must sign off instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the sign-off covers checklist version %1, but the enrollment is on version %2; a mentor must sign off again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/EnrollmentBackend.cpp" line="+912"/>
        <source>That passphrase is not right; nothing was signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/Database.cpp" line="+87"/>
        <source>vault busy: another Onramp process is using %1; try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>vault database %1 was changed outside Onramp: page %2 fails its integrity check (its HMAC does not match, as when a byte of it is changed); restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vault database %1 is damaged or was tampered with (%2); restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 in %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>vault database %1 is a symbolic link; restore the file itself from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vault database %1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vault database %1 is truncated (%2 bytes); restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>opening the vault database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot set the key of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>SQLCipher 4.6 or newer is needed, found &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SQLCipher settings for %1 are not the pinned ones (4096-byte pages, HMAC, temp store in memory)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>vault database %1 is truncated (%2 of %3 pages); restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>opening an in-memory database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+102"/>
        <source>the vault database %1 is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-96"/>
        <source>preparing a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>only one SQL statement at a time, in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>statement expects %1 values, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cannot store a value of type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>binding a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>running a statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>re-encrypting the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cipher: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>sqlite: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-14"/>
        <source>vault database %1 failed its integrity checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-326"/>
        <source>%1, the vault database&apos;s journal, is a symbolic link: Onramp never reads or writes a journal through a link, where it could land in another file. Remove the link; the vault keeps its last commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+343"/>
        <location filename="../app/ui/AdminBackend.cpp" line="+609"/>
        <source>cipher_integrity_check: ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/ui/AdminBackend.cpp" line="+1"/>
        <source>integrity_check: ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <source>transaction already finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/Schema.cpp" line="+301"/>
        <source>a table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a trigger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>an object of type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>vault database %1 claims schema %2, but this Onramp made schema %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>vault database %1 holds %2 &apos;%3&apos; (on %4) that Onramp did not create; nothing privileged runs beside it: an admin removes it with &apos;onramp vault sql&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>vault database %1: %2 &apos;%3&apos; is not the one Onramp created (its definition was changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>vault database %1: %2 &apos;%3&apos; that Onramp created is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the vault %1 was written by a newer Onramp (schema %2; this Onramp knows up to %3); upgrade Onramp to open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>cannot back up %1 to %2 before upgrading it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CliMain.cpp" line="-145"/>
        <source>Usage: onramp [OPTIONS]            start the desktop app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>       onramp COMMAND [ARGS] [OPTIONS]  run a command headless</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onramp makes a new developer&apos;s first days safe: sandbox credentials on day one,
production access only after the required steps and a mentor&apos;s sign-off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Desktop app options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the vault in DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>open the demo vault (public passphrases; never for real secrets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>render the window to a PNG file and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with --screenshot: the page to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with --screenshot: the window size (default 1280x800)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>with --screenshot and --vault: sign in as NAME and show their data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with --as: read NAME&apos;s passphrase from the file F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>system, light or dark for this run (default: the app&apos;s setting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the language for this run, such as de or en (default: the app&apos;s setting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Options for every command:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Exit codes: 0 ok, 1 I/O error, 2 usage, 3 wrong passphrase or unknown person,
4 not permitted, 5 invalid input, 6 vault damaged or tampered, 7 vault busy,
%1 scan found something.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Usage: onramp %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source> [OPTIONS]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+95"/>
        <location line="+6"/>
        <source>Run &apos;onramp --help&apos; for usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;onramp %1&apos; is followed by one of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown command &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run &apos;onramp --help&apos; for the list of commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&apos;%1&apos; does not take --%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run &apos;onramp %1 --help&apos; for its options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>usage: onramp %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&apos;%1&apos; cannot run: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CredentialCommands.cpp" line="-110"/>
        <location line="+7"/>
        <location line="+39"/>
        <source>write error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-22"/>
        <source>cannot write %1 to the output: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the secret of %1 is not valid UTF-8, so JSON cannot carry it unchanged; use &apos;onramp cred show %1&apos; without --json, or &apos;onramp cred export&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1, revoke pending at its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sandbox, ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sandbox, not issued on a team server yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not set yet — ask an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, granted until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, not granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production, ended early (it was to run to %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>production, expired at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, revoked by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production, grant does not verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+69"/>
        <source>production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+115"/>
        <location line="+13"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+63"/>
        <source>No credentials to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-123"/>
        <source>%1, one per hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>static, set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>static, not set yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (leaked, rotate: found by a scan %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>grants: %1 live, %2 expired, %3 revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n hire(s) enrolled. Grants are counted as recorded; their signatures are checked where they are listed: &apos;onramp cred list --hire NAME&apos;, or every hire&apos;s with &apos;--limit N [--after HIRE]&apos; or &apos;--all&apos;.</source>
        <translation>
            <numerusform>%n hire enrolled. Grants are counted as recorded; their signatures are checked where they are listed: &apos;onramp cred list --hire NAME&apos;, or every hire&apos;s with &apos;--limit N [--after HIRE]&apos; or &apos;--all&apos;.</numerusform>
            <numerusform>%n hires enrolled. Grants are counted as recorded; their signatures are checked where they are listed: &apos;onramp cred list --hire NAME&apos;, or every hire&apos;s with &apos;--limit N [--after HIRE]&apos; or &apos;--all&apos;.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--limit needs a number of hires from 1 to %1, not &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+174"/>
        <source>--environment of &apos;cred export&apos; is &apos;%1&apos;: give sandbox or production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Removed the kept secret of %1, which no checklist uses.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-296"/>
        <source>&apos;cred list&apos; takes one of --hire, --limit/--after and --all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+94"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+3"/>
        <source>More: &apos;onramp cred list --limit %1 --after %2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Issued a fresh secret for %1; the old one no longer works here. &apos;onramp cred show %1&apos; shows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>only a hire resets their own sandbox database; %1 is not a hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>you have no sandbox database of your own: no sandbox credential of your checklist names a template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>you have %1 sandbox databases of your own (%2): name the one to reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reset your sandbox database of %1: it is as it was on day one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;cred export&apos; needs --format env or --format pgpass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the exported credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wrote %1 credential(s) to %2 (readable by you only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../app/cli/OnboardingCommands.cpp" line="+54"/>
        <location line="+101"/>
        <source>Dropped at its source, pending until now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revoked %1&apos;s grant of %2 in Onramp; the revoke at its source is pending and &apos;onramp cred sweep&apos; retries it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>revoke pending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="-51"/>
        <source>Revoked %1&apos;s grant of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+6"/>
        <source>Renewed %1&apos;s grant of %2 until %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Revoked %n login(s) at their source.</source>
        <translation>
            <numerusform>Revoked %n login at its source.</numerusform>
            <numerusform>Revoked %n logins at their source.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Still pending: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/SecretFile.cpp" line="+13"/>
        <source>&apos;cred set&apos; needs --secret-file FILE (the secret is never a command-line argument)</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CredentialCommands.cpp" line="+19"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+78"/>
        <source>Set the secret of %1; sealed to %2 enrolled hire(s) who hold it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+70"/>
        <source>list credentials: a hire&apos;s own, a mentor&apos;s mentees&apos;; an admin&apos;s overview of every credential with its grants counted (per hire with --hire, --limit or --all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one hire&apos;s credentials only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the credentials of N hires (1-10000) in name order, a page at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the page after this hire (with --limit; default 100 hires)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every hire&apos;s credentials (costs the whole vault)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>show one of your credentials with its secret (the hire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>replace one of your sandbox secrets with a fresh one (the hire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>write your readable credentials as env or pgpass lines, mode 0600 (the hire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>revoke a hire&apos;s production grant (their mentor or an admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>grant a hire&apos;s production credential again with a new expiry (their mentor or an admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>retry the revokes at a credential&apos;s source that are pending, and drop expired grants&apos; logins (a mentor or an admin; exit 1 while any is still pending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>set a static credential&apos;s secret from a file (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file holding the secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-238"/>
        <source>read the new passphrase from FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/TeamCommands.cpp" line="+42"/>
        <source>The team server&apos;s part of Onramp cannot be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 (%2) in the vault %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/TeamOptions.cpp" line="+58"/>
        <source>give --server URL (a team server) or --vault DIR (a folder vault), not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--server needs a libpq connection string or postgresql:// URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; works on folder vaults only so far; on a team server Onramp runs &apos;team init&apos;, %2. Leave out %3 and give --vault DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+354"/>
        <source>set up a team server: its schema, roles and first admin (--admin NAME)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-350"/>
        <source>the name shown to people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>check the database, the audit log and, as an admin, every record, key slot and provider connection against it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+100"/>
        <source>ask for changes on a hire&apos;s step and reopen it (their mentor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+103"/>
        <source>set a provisioning connection a source provider signs in with (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the libpq connection string, without a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the file holding its password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>list the provisioning connections, without their passwords (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>entries whose action, actor, subject or details hold TEXT (A-Z in any case), or whose actor or subject has it in their display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>write the whole vault, still sealed, to one backup file signed by you (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>bring back the backup as it is, even grants the replaced vault revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the most locks a login&apos;s sessions may hold together (256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>how often to look (1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>sign in (--as NAME) and say who you are and your role, on a vault or a team server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/VaultCommands.cpp" line="+34"/>
        <source>&apos;init&apos; needs --admin NAME (the first admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--kdf must be interactive, moderate or sensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Created a vault in %1 with admin %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="-471"/>
        <source>&apos;person add&apos; needs --role hire, mentor or admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+124"/>
        <source>	(disabled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Disabled %1: their passphrase no longer opens the vault. &apos;onramp passphrase reset %1&apos; enables them again; &apos;onramp vault rekey&apos; also shuts out any older copy of the key file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Changed the passphrase of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;vault restored&apos; needs --as NAME (an admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Recorded that %1 was restored from a backup (restore %2); desktops that saw a newer state accept it from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This desktop had seen audit entry %1; the restored vault ended at entry %2, so at least %3 recorded changes are not in it. Do again what they did: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This desktop had seen another audit entry %1 than the restored vault holds: what was recorded after the backup was taken is not in it, and this desktop cannot tell how much. If nobody restored a backup on purpose, the vault was tampered with. Do again what was done since the backup: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rotated the master key of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rotated the production key of %1: every production secret is kept under the new one, sealed to each admin and mentor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 still holds a passphrase an admin handed over, and the new key is in that slot too: rotate again once they have chosen their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/VaultSql.cpp" line="+100"/>
        <source>only an admin may run raw SQL; %1 is a %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/VaultCommands.cpp" line="-158"/>
        <source>Added %1 (%2); they choose their own passphrase when they first sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Reset the passphrase of %1; they have a new key pair, and choose their own passphrase at their next sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="-362"/>
        <source>Argon2id cost for key slots: interactive, moderate (default) or sensitive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>create a vault with its first admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first admin&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>add a person (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hire, mentor or admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>list the people in the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>disable a person: their key slot loses its keys (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>change your own passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>give a person a new passphrase and key pair (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>confirm that the vault was restored from a backup on purpose (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>rotate the master key (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rotate the production key, re-encrypting every production secret (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>run one raw SQL statement and print rows tab-separated (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/CredentialView.cpp" line="+62"/>
        <source>the secret of &apos;%1&apos; was sealed to %2&apos;s key before their passphrase was reset; reissue it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production credential &apos;%1&apos; was sealed to %2&apos;s key before their passphrase was reset; ask your mentor to renew it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>sandbox credential &apos;%1&apos; is not issued on a team server yet; your mentor can point you to the team&apos;s sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the secret of &apos;%1&apos; is not set yet — ask an admin to set it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>production credential &apos;%1&apos; is locked: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential &apos;%1&apos; was not granted to %2; ask your mentor to renew it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential &apos;%1&apos; was recorded as expired before its expiry at %2 (a desktop&apos;s clock was probably ahead); ask your mentor to renew it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential &apos;%1&apos; expired at %2; ask your mentor to renew it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>production credential &apos;%1&apos; was revoked by %2 at %3; its login at the source is not dropped yet (revoke pending)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential &apos;%1&apos; was revoked by %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the grant of production credential &apos;%1&apos; does not verify (altered in the database?); ask your mentor to renew it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="-1546"/>
        <source>only a hire has credentials to read; %1 is a %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+414"/>
        <source>the secret of &apos;%1&apos; does not open with %2&apos;s key (sealed to an older key, or altered); reissue it or ask your mentor to renew it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <location filename="../app/server/TeamCredentials.cpp" line="+165"/>
        <source>no credential &apos;%1&apos; in your checklist (credentials: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Providers.cpp" line="+4"/>
        <source>the secret for &apos;%1&apos; is only spaces; paste the secret itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+89"/>
        <source>&apos;%1&apos; is a static credential: only an admin can set a new secret for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>the %1 provider signs in nowhere: it has no connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; is a %2 credential: there is nothing at its source to reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/ChecklistStore.cpp" line="+181"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+134"/>
        <source>only an admin can import checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/OnboardingRules.cpp" line="+17"/>
        <source>credential &apos;%1&apos; is a %2 credential in checklist &apos;%3&apos; and a %4 one here; give them different ids; nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/ChecklistStore.cpp" line="-118"/>
        <source>checklist row %1 in the vault does not parse: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>step “%1” is gone; it was required before production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step “%1” is gone; it needed a mentor&apos;s review before production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>step “%1” is no longer required before production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>step “%1” no longer needs a mentor&apos;s review</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>production credential “%1” is granted for %2 instead of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>production credential “%1” comes from provider %2 instead of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential “%1” is made on provider connection %2 instead of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>production credential “%1” puts its login in group %2 as well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>production credential “%1” (%2) is new, and no production credential of the version before gave as much (%3 for %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>production host %1 is no longer listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>version %1 of %2 was saved after version %3, which these edits started from; nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+127"/>
        <source>connection &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>group &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+86"/>
        <source>%1 credential &apos;%2&apos; of checklist &apos;%3&apos; version %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 credential &apos;%2&apos; of this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 credential &apos;%2&apos; names %3, which %4 names; a sandbox credential must never sign in where a production one does; nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-51"/>
        <source>%1 credential &apos;%2&apos; names provider connection &apos;%3&apos;, which an admin set for %4; a credential may only name a connection of its own environment (an admin sets one with &apos;onramp provider set NAME --environment %1&apos;); nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/OnboardingRules.cpp" line="+68"/>
        <source>this version of %1 weakens the gate of version %2: %3; nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/ChecklistStore.cpp" line="-90"/>
        <source>no checklist &apos;%1&apos; version %2 in this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no checklist &apos;%1&apos; in this vault; &apos;onramp checklist list&apos; shows them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/OnboardingRules.cpp" line="-34"/>
        <source>credential &apos;%1&apos; is a production credential in checklist &apos;%2&apos; version %3; a new version cannot make it a sandbox one (give a sandbox credential another id); nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>sandbox credential &apos;%1&apos; names production host &apos;%2&apos; in field &apos;%3&apos; (matches production_hosts entry &apos;%4&apos; of checklist &apos;%5&apos; version %6); a sandbox credential must never reach production; nothing was imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/ChecklistStore.cpp" line="+153"/>
        <source>checklist row %1 is missing from the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/Enrollments.cpp" line="+136"/>
        <location line="+29"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+263"/>
        <source>&apos;%1&apos; is not enrolled on a checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+123"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="-177"/>
        <source>only an admin can enroll a hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+14"/>
        <source>no person &apos;%1&apos; in this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/OnboardingRules.cpp" line="+15"/>
        <source>this version of %1 weakens the gate of version %2: %3; nothing was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; is disabled; a passphrase reset enables them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is a %2, not a hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is disabled and cannot mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; cannot mentor: they hold the %2 role, and a mentor needs the mentor role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/Enrollments.cpp" line="+15"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+29"/>
        <source>&apos;%1&apos; is already enrolled; moving their enrollment changes its checklist version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+20"/>
        <source>only an admin can move an enrollment to another checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+30"/>
        <source>&apos;%1&apos; is already on %2 version %3; nothing to move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+14"/>
        <source>%1 version %2 weakens the gate of %3 version %4, which &apos;%5&apos; is on: %6; nothing was moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+118"/>
        <source>only an admin can change an enrollment&apos;s mentor or start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>give a new mentor, a new start date (YYYY-MM-DD), or both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&apos;%1&apos; already has the mentor %2 and the start date %3; nothing to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+130"/>
        <source>vault database %1: the audit log&apos;s index by action does not list enrollment %2&apos;s moves as the log holds them; it was changed outside Onramp, and nothing privileged runs on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+193"/>
        <source>the vault&apos;s index of enrollments answers with %1&apos;s enrollment, which is not yours: the database was tampered with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the vault&apos;s index of people answers with %1&apos;s enrollment out of order: the database was tampered with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+174"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+407"/>
        <source>“%1” is already done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+29"/>
        <source>“%1” is not done, so there is nothing to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+3"/>
        <source>“%1” is approved by %2 and can no longer be undone; ask your mentor to reopen it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+68"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+57"/>
        <source>“%1” needs no mentor approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+3"/>
        <source>“%1” is not done yet; it can be reviewed once %2 marks it done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-947"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="-590"/>
        <source>the start date is not a valid date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+577"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+148"/>
        <source>you can only see your own status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+25"/>
        <source>%1 can see only their own status, their mentees&apos; or, as an admin, everyone&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+244"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="-273"/>
        <source>no step &apos;%1&apos; in checklist &apos;%2&apos; version %3 (steps: %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+590"/>
        <source>only %1 can mark their own steps done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+29"/>
        <source>only %1 can undo their own steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+60"/>
        <source>you cannot review your own steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+1"/>
        <source>only %1&apos;s mentor, %2, can review their steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+40"/>
        <source>nobody can sign off their own production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+1"/>
        <source>only %1&apos;s mentor, %2, can sign off production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+4"/>
        <source>cannot sign off yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="+2"/>
        <location line="+56"/>
        <source>%1&apos;s production access is already signed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/KeyFile.cpp" line="+232"/>
        <source>its public key is not 32 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its key derivation settings are not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its wrapped secret key is not %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its sealed master key is not %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a sealed key in it is not %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>key file %1 is missing; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>key file %1 is a symbolic link; restore the file itself from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key file %1 is not a regular file; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+15"/>
        <source>key file %1 is larger than %2, the most a key file may hold; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+5"/>
        <source>cannot read key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+104"/>
        <source>key file %1 is damaged: %2; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 at line %2, column %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>key file %1 has format %2, written by a newer Onramp (this one reads up to %3); upgrade Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../app/storage/KeyStoreFile.cpp" line="+75"/>
        <source>no valid format version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/storage/KeyStoreFile.cpp" line="+64"/>
        <source>no vault id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-40"/>
        <source>its key derivation is not argon2id13</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>slot %1 has no name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/storage/KeyFileStore.cpp" line="+327"/>
        <source>it holds no key slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../app/storage/KeyFileStore.cpp" line="+158"/>
        <source>key file %1 was read in part and cannot be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>key file %1 would grow to %2, past its limit of %3 (%n key slots); nothing was changed</source>
        <translation>
            <numerusform>key file %1 would grow to %2, past its limit of %3 (%n key slot); nothing was changed</numerusform>
            <numerusform>key file %1 would grow to %2, past its limit of %3 (%n key slots); nothing was changed</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditLog.cpp" line="+144"/>
        <source>the audit log&apos;s hash key is missing from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>cannot write the audit log entry for %1 (ONRAMP_TEST_FAIL_AUDIT); nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is disabled and can no longer change anything; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the key of %1 is not the one this session was unlocked with (a passphrase reset since, or the people table changed outside Onramp); nothing was changed; sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cannot sign the audit log entry for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/team/TeamModule.cpp" line="+29"/>
        <location filename="../app/core/audit/AuditLog.cpp" line="+205"/>
        <source>%1 can see only their own audit trail; only an admin sees everyone&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditLog.cpp" line="+49"/>
        <source>the audit log exports as jsonl or csv, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only an admin may export the audit log; %1 is a %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditVerifier.cpp" line="-49"/>
        <source>audit log entry %1: %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hash mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bad signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>broken link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>head mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>vault database %1 fails SQLite&apos;s integrity check of the audit log (%2): an index no longer matches the entries it lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+95"/>
        <source>it is numbered before entry 1, where the log starts (added or moved outside Onramp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>it is missing (the log goes from %1 to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it and the entries up to %1 are missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it was written after entry %1, which now comes later (entries swapped or moved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its fields do not give its hash (edited after it was written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a field of it is stored as another type than Onramp writes (rewritten outside Onramp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>its details are not written as Onramp writes them (a key given twice, or another spelling): written outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it says it was committed with entry %1, which is not the commit of the entry before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>it names its actor %1, but person %2 is %3 by the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it is signed as %1 (person %2), whom entry %3 disabled; a disabled person&apos;s key signs nothing until an admin resets their passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>it is signed as %1 (person %2), but no earlier entry of the log introduced a key for them: they were added outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no key of %1 is known at this point of the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it is not the entry this desktop verified before (the log was rewritten)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-102"/>
        <source>it is signed as %1 (person %2) with the key the people table now holds for them, which no entry of the log introduced: the table was changed outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is not signed by %1&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+103"/>
        <source>its previous hash is not the hash of entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its time %1 is before the time of entry %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>it gives %1 a key, but %2 is not an admin by the log, and only an admin&apos;s entry can introduce a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>it gives %1 (person %2) a key, but %3 (person %4) signed it: only its holder changes a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 gives themselves a new key, but no passphrase was handed over to them since they last chose their own: only that first choice gives a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 gives themselves a new key in place of one they do not sign with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 gives themselves a key that is no new key of their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>it disables %1, but %2 is not an admin by the log, and only an admin&apos;s entry can disable a person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+92"/>
        <source>the key file records %1 entries but the log ends at %2 (entries cut off the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it is not the entry the key file records as entry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the log goes on past the head the key file records (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the key file&apos;s record of it is not signed by a person of the log (signer &apos;%1&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry %1 is not yet recorded in the key file (a process stopped between its commit and the key-file write); the next change records it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="+85"/>
        <source>vault busy: another Onramp process is changing %1; try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot create the lock file in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>wrong passphrase or unknown person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is disabled in this vault; ask an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/people/Person.cpp" line="+29"/>
        <source>hire</source>
        <comment>a person&apos;s role, in a sentence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mentor</source>
        <comment>a person&apos;s role, in a sentence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>admin</source>
        <comment>a person&apos;s role, in a sentence</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&apos;%1&apos; is not a valid name: use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the display name &apos;%1&apos; holds a line break or another control character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the display name &apos;%1&apos; holds %2, a character that reorders or hides text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the display name &apos;%1&apos; starts or ends with a space or holds two in a row, so it looks like another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the display name &apos;%1&apos; holds &apos;%2&apos; (U+%3), a special form of &apos;%4&apos; that can make it look like another name; type &apos;%4&apos; instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cyrillic letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Greek letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latin letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the display name &apos;%1&apos; mixes %2 and %3 in one word, so it can look like another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+134"/>
        <source>&apos;%1&apos; would be shown as &apos;%2&apos;, which reads as %3 (&apos;%4&apos;); give a display name that tells them apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="+16"/>
        <source>the passphrase must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-63"/>
        <source>cannot move %1 into place as %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>key file %1: the key slot of %2 is damaged (%3); restore the key file from a backup, or ask an admin to reset %2&apos;s passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>its signature does not verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>the passphrase is longer than %1 bytes; choose a shorter one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the passphrase is too short: use at least %1 characters, for example four random words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+12"/>
        <source>%1 already holds a vault; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-8"/>
        <source>the vault folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/KeyFileChange.cpp" line="+300"/>
        <source>not enough memory for the key derivation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="+97"/>
        <source>there is no vault in %1; create one with &apos;onramp init --admin NAME&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>the key slot of %1 is not the one this desktop last verified: it was replaced, or an admin reset %1&apos;s passphrase (then use the new one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>wrong passphrase or unknown person; and the vault&apos;s key file records its audit log only up to entry %1, where this desktop saw entry %2: if your passphrase was right, the vault may have been put back or cut back since, and a passphrase you chose in what is gone no longer opens it. Tell an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>key file %1 is damaged: the slot of %2 does not open; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>key file %1 belongs to another vault than %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>key file %1: the slot of %2 does not match the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>key file %1: the production key in the slot of %2 does not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the vault&apos;s record of %1 does not match their key slot: the people table was edited; restore the vault from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>key file %1 has no slot for %2; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>wrong passphrase for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the key slot of %1 was changed since this session was unlocked; sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 has been disabled; sign in as someone else or ask an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>vault database %1: the people&apos;s name index %2 for &apos;%3&apos;; it was changed outside Onramp, and nothing runs on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+247"/>
        <source>production key: sealed into the handed-over slot of %1 since it was last rotated; whoever saw that passphrase and copied the key file then can open it: rotate it (onramp vault rotate-production-key) once they have chosen their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Credentials.cpp" line="-476"/>
        <location filename="../app/core/vault/Vault.cpp" line="-236"/>
        <location line="+48"/>
        <source>leaves out row %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../app/core/vault/Vault.cpp" line="-44"/>
        <location line="+48"/>
        <source>names %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="-40"/>
        <source>answers with row %1, which is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>vault database %1: the enrollments&apos; hire index %2 for &apos;%3&apos;; it was changed outside Onramp, and nothing runs on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>leaves out their row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>answers with row %1, another hire&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+166"/>
        <source>audit log: %1 entries verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>authority: not checked (an admin&apos;s check verifies every record against the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>authority: %1 records agree with the signed log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-262"/>
        <source>only an admin may %1; %2 is a %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/KeyFileChange.cpp" line="-280"/>
        <location filename="../app/core/vault/Vault.cpp" line="-95"/>
        <source>the vault is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the vault %1 was changed by another process since it was unlocked; unlock it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+189"/>
        <source>key file %1 has no slot for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>key file %1: a key in the slot of %2 does not open with their key; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/people/People.cpp" line="+169"/>
        <location line="+57"/>
        <source>add people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+77"/>
        <source>a person named &apos;%1&apos; already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+173"/>
        <source>reset another person&apos;s passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-386"/>
        <source>there is no person named &apos;%1&apos; in this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+187"/>
        <source>&apos;%1&apos; is named twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+276"/>
        <source>disable people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cannot disable themselves; another admin can</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;%1&apos; is already disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; is the last admin of this vault and cannot be disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+110"/>
        <source>rotate the production key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/Vault.cpp" line="+209"/>
        <source>confirm a restored backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>rotate the master key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>key file %1: the public key of %2 is invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>the master key of %1 was not rotated, and the database no longer opens with the old key either (%2); restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the master key of %1 was not rotated: the re-encrypted database did not reach the disk (is it full?); nothing changed, and everyone still unlocks as before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/demo/Demo.cpp" line="-107"/>
        <source>cannot replace the old demo vault in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/checklist/InputText.cpp" line="+38"/>
        <source>a NUL byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>control character %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>invalid UTF-8 (byte 0x%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>noncharacter %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, a character that reorders or hides text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>the file holds %1; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>the file is larger than %1 MiB; a checklist file is far smaller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>checklist text is UTF-8 without control characters (other than tab and line breaks), noncharacters or bidirectional and zero-width characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/Grants.cpp" line="-257"/>
        <source>the vault&apos;s index of grants answers with grant %1, which is not enrollment %2&apos;s: the database was tampered with; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+203"/>
        <source>credential_grants row %1, which the log vouches for, is missing: it was deleted outside Onramp; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>credential_grants row %1: no audit entry vouches for it; it was written outside Onramp; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/ActionRoles.cpp" line="+70"/>
        <source>an admin&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a mentor&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a hire&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>no one records %1 in a vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>a %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is %2 act, but %3 is %4 by the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/LedgerLog.cpp" line="+88"/>
        <source>only the first entry creates the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/AuditVerifier.cpp" line="-169"/>
        <location filename="../app/core/audit/LedgerLog.cpp" line="+8"/>
        <source>it changes %1&apos;s passphrase (person %2), but %3 (person %4) signed it: only its holder changes a passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/LedgerLog.cpp" line="+14"/>
        <source>it starts restore epoch %1, but the last one was %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>it gives person %1 a key, but no entry of the log added them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>it names person %1, whom no entry of the log added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>it vouches for records but names no enrollment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it names enrollment %1, which no admin&apos;s entry created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only the enrollment&apos;s mentor (person %1) may record %2; %3 is not them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only the enrollment&apos;s mentor (person %1) or an admin may record %2; %3 is neither</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>only the enrollment&apos;s hire marks its steps; %1 is not them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it says step %1 was done at %2, before its enrollment was created (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>it enrolls person %1 with mentor %2, who are not a hire and a mentor by the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it edits enrollment %1, which no admin&apos;s entry created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it gives enrollment %1 the mentor %2, who is not a mentor by the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it edits enrollment %1 but vouches for another one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a %1 entry cannot vouch for a %2 row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it moves enrollment %1, which no admin&apos;s entry created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>a %1 entry cannot end %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it ends %1 row %2, which is not enrollment %3&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a %1 entry cannot end a grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it ends credential_grants row %1, which no entry vouched for as enrollment %2&apos;s grant; the grant it meant to end may still be live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>it ends credential_grants row %1, which entry %2 ended already as %3; the grant it meant to end may still be live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="+63"/>
        <source>entry %1 (%2 by %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 row %2: %3 ended it when it gave enrollment %4 another mentor, but the row is still there; it was put back outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 row %2: %3 ended it when it moved enrollment %4 to another checklist, but the row is still there; it was put back outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 row %2: no audit entry vouches for it; it was written outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 row %2: it is not what %3 vouched for; it was edited since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 row %2: it belongs to enrollment %3, but %4 had authority over enrollment %5 only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 row %2, which %3 vouched for, is missing: it was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>step_records (enrollment %1, step &apos;%2&apos;): no step.done entry of the enrollment&apos;s hire stands behind it; it was written outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>step_records (enrollment %1, step &apos;%2&apos;): done at %3, but the hire&apos;s signed step.done says otherwise; the time was edited outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>credential_grants row %1: audit entry %2 ended it for enrollment %3 (%4), but the grant is enrollment %5&apos;s (%6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>credential_grants row %1: audit entry %2 ended it as %3, but the row says &apos;%4&apos;; the ending was undone outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>credential_grants row %1 has no readable expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>credential_grants row %1 says &apos;%2&apos;, but no audit entry ended it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>credential_secrets row provider:%1, which a signed provider.set entry made, is missing: it was deleted outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/ProductionKey.cpp" line="+43"/>
        <source>credential_secrets row %1 is not stored as Onramp stores a kept secret: it was written outside Onramp; nothing was changed; restore the newest backup that passes the vault check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="+49"/>
        <source>credential_secrets: the kept secret of &apos;%1&apos; (%2) is not the one an admin&apos;s newest signed %3 entry stored: an earlier one was put back; nothing was changed; %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>people row %1 (%2): no audit entry added them; they were added outside Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>people row %1: the log added them as %2, but the row says %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>people row %1 (%2): the log made them a %3, but the row says %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>people row %1 (%2): their key is not the one entry %3 gave them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>people row %1 (%2): entry %3 left them %4, but the row says otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>people row %1 (%2): the log gave them the display name &apos;%3&apos;, but the row says otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>people row %1 (%2), added by entry %3, is missing: it was deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/LedgerSlots.cpp" line="+53"/>
        <source>it is emptied, but the log has them enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+132"/>
        <source>key file %1: the rows of %2 read by name are not the rows the store holds (it was changed outside Onramp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>key file %1: the key slot of %2 is damaged (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>no audit entry added a person of that name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="+44"/>
        <source>vault %1 went back: this desktop had seen audit entry %2, and the log now says the vault was restored from a backup (restore %3), which this desktop has not checked yet; an admin&apos;s full check takes the restore in or refuses it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>vault %1 was restored from a backup by %2 (restore %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vault %1 was restored by %2 from a backup taken at %3, up to audit entry %4 (restore %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>; this desktop had seen audit entry %1, and what was recorded after the backup is not in it: do again what you did since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+57"/>
        <source>the vault went back, and the restore that takes it there is signed by %1, whom this desktop does not know as an admin of the vault it saw (disabled since, or never one); an admin this desktop knows confirms the restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>. If an admin restored a backup on purpose, they confirm the restore on this desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+141"/>
        <source>the production key in %1&apos;s key slot is not this vault&apos;s current one: it was rotated since this session began (sign in again), or the key store (keys.db) was changed (restore it from a backup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/LedgerSlots.cpp" line="-198"/>
        <source>its key is not the one entry %1 gave them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it holds keys, but entry %1 disabled them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>it holds a production key, but the log has them as a %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it holds a production key that is not the vault&apos;s current one (an older slot put back?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is not signed by its owner or by an admin of the log (signed by &apos;%1&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+162"/>
        <source>key file %1: the superseded key slot of %2 is damaged (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-142"/>
        <source>it is not signed by its owner or by an admin of the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+196"/>
        <source>key file %1 has no key slot for %2, whom entry %3 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="-197"/>
        <source>the vault&apos;s root key (%1) is not the one this desktop pinned when it first opened vault %2 (%3): the vault was replaced or its log rewritten from the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>this desktop now trusts vault %1, whose root key is %2 (first use): check it with the admin who made the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>the vault went back: this desktop has seen audit entry %1, but the log now ends at entry %2 (entries and the records they made were removed, or an old copy was put back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the vault went back: audit entry %1 is not the one this desktop saw (the log was cut and written again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+82"/>
        <source>the vault %1 was made by an Onramp from before signed authority: its records carry no signatures this Onramp can check, so nothing privileged runs on it; create a new vault and import the checklists again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+183"/>
        <source>the vault&apos;s audit log was not verified in this session as it stands: nothing was decided; run vault check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>vault database %1 fails SQLite&apos;s integrity check of table %2 (%3): an index no longer matches its table; nothing privileged runs on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>only an admin can confirm that a backup was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <location filename="../app/core/vault/KeyFileChange.cpp" line="-177"/>
        <source>this session was opened to confirm a restored backup; sign in again for anything else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/Records.cpp" line="+104"/>
        <source>&apos;%1&apos; is not a table whose rows the audit log vouches for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 row %2 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/TrustStore.cpp" line="-52"/>
        <location line="+24"/>
        <source>the folder where this desktop keeps the vaults it trusts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-18"/>
        <source>%1 would pass its limit of %2 MiB; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this desktop&apos;s record of the vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>another Onramp process is updating %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the vault id &apos;%1&apos; is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is larger than its limit of %2 MiB; remove it to trust the vault anew, after checking its root key with an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1, where this desktop remembers vault %2, is damaged; remove it to trust the vault anew, after checking its root key with an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/base/PrivateFile.cpp" line="+22"/>
        <source>cannot write %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>cannot write %1 %2: it is a symbolic link; give the path of the file itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot write %1 %2: it is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+2"/>
        <source>cannot create %1 %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ReportCommands.cpp" line="+89"/>
        <source>Progress per hire (required steps done):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-70"/>
        <source>production access granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signed off, production access revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>production access locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Days from start to production access, by start month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>hires: %1, with access: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>average %1 days, longest %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waits from done to approved, longest first:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>average %1 h, longest %2 h; approved: %3, waiting: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Overdue steps:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due %1, %2 days overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--format is text or csv, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+239"/>
        <source>show the onboarding report: progress, days to production, waits, overdue steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text (the default) or csv, as the app exports it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/StepThread.cpp" line="+22"/>
        <source>the note is empty; write something to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the note is %1 characters long; a note holds at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the note holds a control character; only text and line breaks can be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the note holds %1, a character that reorders or hides text; write the note without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>only %1 and their mentor, %2, can write on %1&apos;s steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no step &apos;%1&apos; in checklist &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/RosterCommands.cpp" line="+22"/>
        <source>onramp: people added before the error: %1; importing the same file again completes the rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New people: %1. Hires enrolled: %2. Rows already in the vault: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Their first passphrases are in %1, one file per person (NAME.txt, readable by you only); each person chooses their own at their first sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+9"/>
        <source>add and enroll the people of a CSV roster (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>write each new person&apos;s random first passphrase to DIR/NAME.txt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/people/Csv.cpp" line="+23"/>
        <source>the file is not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+13"/>
        <source>a quoted field goes on after its closing quote; write a quote inside quotes as &quot;&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-11"/>
        <source>a quote inside a field that does not start with one; quote the whole field and write the quote as &quot;&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>a quoted field is never closed: a quote is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/people/FirstPassphrase.cpp" line="+308"/>
        <source>that is the passphrase you were handed; choose one of your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/core/people/RosterImport.cpp" line="-146"/>
        <source>… and %n more problem(s)</source>
        <translation>
            <numerusform>… and %n more problem</numerusform>
            <numerusform>… and %n more problems</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+165"/>
        <source>passphrase_file &apos;%1&apos; of &apos;%2&apos; %3</source>
        <extracomment>%1 is the cell&apos;s text, %2 the person&apos;s name, %3 why it is refused</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-161"/>
        <source>is an absolute path; name a file in the roster&apos;s folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>goes up with &apos;..&apos;; name a file in the roster&apos;s folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>is not a file in the roster&apos;s folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+166"/>
        <location line="+5"/>
        <source>leads outside the roster&apos;s folder %1 (a symbolic link)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-168"/>
        <location line="+158"/>
        <location line="+14"/>
        <source>is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+172"/>
        <source>belongs to another user; the file must be yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-170"/>
        <location line="+172"/>
        <source>may be read or written by others (mode %1); make it yours only: chmod 0600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-139"/>
        <source>the passphrase folder %1 is a symbolic link; give the folder itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>others can write the passphrase folder %1 (mode %2%3); give a folder only you can write, or a new one, which is made owner-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, another user&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+146"/>
        <source>import people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-62"/>
        <location line="+7"/>
        <source>%1 is larger than %2 MiB; split the roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-67"/>
        <source>cannot create the passphrase folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>cannot open the passphrase folder %1: %2 (a symbolic link or no folder is refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot read the passphrase folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+9"/>
        <source>cannot write passphrase file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 is not a regular file (a FIFO, a device or a folder); give the roster file itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+15"/>
        <source>cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>the file is empty: it needs a header row such as name,display_name,role,mentor,checklist,start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown column &apos;%1&apos;; the columns are %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the column &apos;%1&apos; appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the header has no &apos;%1&apos; column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the header has no &apos;passphrase_file&apos; column: without a folder for the first passphrases, each row names the file that holds its person&apos;s passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the file names passphrase files and a folder for new passphrases was given too; choose one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>fields in this row: %1; in the header: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&apos;%1&apos; is named again; the first time on line %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown role &apos;%1&apos;; the roles are hire, mentor and admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is not a date; write the start as YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>only a hire is enrolled, and &apos;%1&apos; is a %2: leave mentor, checklist and start empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>to enroll &apos;%1&apos;, give both a mentor and a checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>&apos;%1&apos; is already a person with other data (%2, &apos;%3&apos;%4); change the row to match or leave it out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>unknown mentor &apos;%1&apos;: no enabled mentor of that name in the vault or the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown checklist &apos;%1&apos;; import it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is already enrolled on %2 with %3, starting %4; change the row to match or leave it out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no passphrase_file for the new person &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 (%2): first passphrase made at random, written to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-423"/>
        <source>%1 is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+386"/>
        <source>%1 (%2): first passphrase read from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-359"/>
        <source>passphrase folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/KeyStoreFile.h" line="+98"/>
        <source>key store %1 is damaged: %2; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>key store busy: another Onramp process is using %1; try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 in key store %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/KeyStoreFile.cpp" line="-104"/>
        <source>key store %1 is missing; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>key store %1 is a symbolic link; restore the file itself from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>key store %1 is not a regular file; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+2"/>
        <source>creating</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-109"/>
        <source>key store %1 has format %2, written by a newer Onramp (this one reads up to %3); upgrade Onramp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>it holds tables, indexes or triggers that Onramp did not write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>its field %1 holds text or a number where Onramp writes bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its field %1 holds %2, more than the %3 a field may hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its top-level fields are not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>its slots hold %1, more than the %2 the key store may hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>row %1 (%2) went while it was read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>row %1 (%2) changed while it was read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/KeyStoreFile.h" line="-10"/>
        <source>row %1 (%2) holds %3, more than the %4 a row may hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/KeyFileStore.cpp" line="-426"/>
        <source>rows %1 and %2 both hold a key slot of %3, which Onramp never writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+222"/>
        <source>its record is larger than %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its record is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its record holds the slot of %1</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-34"/>
        <source>the key slot of %1 in %2 would be %3, past the limit of %4 for one slot; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>cannot create key store %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+2"/>
        <source>cannot write key store %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+226"/>
        <source>key store %1 is gone, and a key file %2 is in its place; restore it from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it belongs to another vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+9"/>
        <source>cannot remove key file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/GuiMain.cpp" line="+87"/>
        <source>give one onramp:// link at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an onramp:// link names its own vault: give it without --vault or --demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>--as and --passphrase-file only apply with --screenshot FILE.png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--as signs in to the vault given with --vault DIR; the demo signs in by itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--as needs the vault: --vault DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a screenshot of a vault signs in with both --as NAME and --passphrase-file FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/Screenshot.cpp" line="+165"/>
        <source>cannot sign in to %1 as %2 with the passphrase in %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the page &apos;%1&apos; is not shown to %2 (%3); their pages: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/LoginDerivation.cpp" line="+61"/>
        <source>The team id is empty: the sign-in to a team server needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name is empty: the sign-in to a team server needs it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sign-in cost for team %1 (%2 passes over %3 MiB) is outside what Onramp accepts: at least %4 passes over %5 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The cryptography library could not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not enough memory for the sign-in&apos;s key derivation (%1 MiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/PgConnection.cpp" line="+152"/>
        <source>the database server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the team server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database server %1 refused the sign-in of %2: the password of that role is wrong, or no role of that name is known there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../app/server/TeamAccess.cpp" line="+224"/>
        <source>The team server %1 refused the sign-in of %2: the passphrase is wrong or nobody of that name is known there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Cannot reach %1: out of memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 refused the setup role %2: %3 team init signs in as a role that may create roles through peer authentication, a client certificate or a password file (PGPASSFILE), never a password in the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 already holds as many sessions of %2 as it allows. Close another Onramp window or command of theirs, or try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 holds as many sessions as it allows. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 answered without TLS; Onramp does not sign in there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+9"/>
        <source>Lost the connection to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 did not answer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 does not permit this: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is busy: %2. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 takes no more of this from you for now: %2. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 refused the sign-in: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 refused the values: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 reported an error: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Could not make a sign-in verifier for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+88"/>
        <source>The transaction on %1 has already ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-81"/>
        <location line="+88"/>
        <source>A statement failed on %1, so nothing of this change was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+44"/>
        <source>%1 rolled the change back instead of keeping it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/ServerAddress.cpp" line="+61"/>
        <source>The server address is empty: give a libpq connection string or a postgresql:// URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The server address is not a libpq connection string or postgresql:// URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server address is not a libpq connection string or postgresql:// URI: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>the provisioning role&apos;s password is given apart, and sealed under the production key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Onramp signs in with your passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server address for %1 carries a password. Remove it: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server address for %1 names a password file. Remove it: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The server address for %1 must ask for sslmode=verify-full and channel_binding=require: a server reached over TCP, on this machine too, has to prove who it is with its certificate, and the sign-in must not be answered in clear text or relayed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server address for %1 must ask for sslmode=verify-full: a server reached over TCP, on this machine too, has to prove who it is with its certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server address for %1 must ask for channel_binding=require, so that the sign-in cannot be answered in clear text or relayed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>the address for %1 names the service &apos;%2&apos;, which each desktop looks up in its own service file; a provisioning connection names its server with host= and port=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the address for %1 names no host, so each desktop&apos;s PGHOST would decide; a provisioning connection names its server with host=</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the address for %1 lists more than one server (%2); a provisioning connection names exactly one, so that every login is ended where it was made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/ServerSchema.cpp" line="+102"/>
        <source>The team server %1 holds schema version %2; this Onramp knows versions up to %3. Update Onramp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>The database %1 already holds %n other object(s); Onramp sets up its schema only in an empty database.</source>
        <translation>
            <numerusform>The database %1 already holds %n other object; Onramp sets up its schema only in an empty database.</numerusform>
            <numerusform>The database %1 already holds %n other objects; Onramp sets up its schema only in an empty database.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The schema step %1 is missing from this Onramp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/TeamSetup.cpp" line="+30"/>
        <source>The team on %1 is set up already, and %2 is not its first admin: its admins add people.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>take advisory locks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>make temporary tables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>create large objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/BackupCommands.cpp" line="+24"/>
        <source>Backed up vault %1 (up to audit entry %2) to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;restore&apos; needs --as NAME (an admin of the backed-up vault)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Restored vault %1 in %2 from the backup %3 took at %4 (up to audit entry %5); recorded as restore %6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n grant(s) the replaced vault had revoked were live in the backup and are revoked again.</source>
        <translation>
            <numerusform>%n grant the replaced vault had revoked was live in the backup and is revoked again.</numerusform>
            <numerusform>%n grants the replaced vault had revoked were live in the backup and are revoked again.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder held no vault, so nothing revoked, disabled or moved since the backup was taken could be carried over. This desktop saw nothing later than the backup, but another may have: ask the mentors and admins whether they revoked or disabled anyone since %1, and do it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1&apos;s passphrase was reset or changed in the vault this restore replaced, and the backup&apos;s slot opened with the one before: %1 is disabled. Give them a new one with &apos;onramp passphrase reset %1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 was disabled in the vault this restore replaced and is disabled again (the production key was rotated, as a disable does).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1&apos;s mentor is %2 again, as in the vault this restore replaced; the earlier mentor&apos;s reviews and sign-off ended again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is on %2 version %3 again, as in the vault this restore replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The login %1, made after the backup was taken, was dropped at its server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The login %1, made after the backup was taken, could not be dropped at its server yet (%2); its drop is pending and &apos;onramp cred sweep&apos; retries it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The production key was rotated since the backup was taken, and is rotated again: the backup&apos;s copy of it opens no secret here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not carried over: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The master key was rotated last, so the backup&apos;s copy of it opens nothing here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This desktop had seen audit entry %1, so at least %2 recorded changes are not in the backup. Do again what they did: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This desktop had seen another audit entry %1 than the backup holds: what was recorded after the backup was taken is not in it. Do again what was done since: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The folder it replaced is kept at %1; nothing in it was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Other desktops that saw a newer state take the restore in when an admin they know signs in there; until then they say the vault was restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/CommandSpecs.cpp" line="+10"/>
        <source>replace FILE if it exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>restore the vault folder from a backup file, as a signed restore (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>restore over a folder that is not empty, keeping it aside as FOLDER.replaced-TIME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/team/TeamModule.cpp" line="-425"/>
        <source>&apos;%1&apos; needs the team server: give --server URL or set ONRAMP_SERVER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+21"/>
        <location line="+256"/>
        <source>&apos;%1&apos; needs --as NAME (who signs in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-268"/>
        <source>%1 still has the passphrase they were handed; choose your own first: onramp --server URL passphrase change --as %1 --new-passphrase-file FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+79"/>
        <source>&apos;team init&apos; needs --admin NAME (the first admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The team %1 on %2 is set up already with admin %3; nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set up the team %1 on %2 with admin %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Warning: on %1 every role may still %2, and one login doing so by the thousand fills the cluster&apos;s lock table or its disk. A superuser takes it away from PUBLIC in this database: see docs/DEPLOYMENT.md, &quot;One login against the whole cluster&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--%1 needs a whole number from %2 to %3, not &apos;%4&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Warning: %1 allows prepared transactions (max_prepared_transactions = %2): a login&apos;s prepared transaction keeps its locks with no session the watch could end. Set it to 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Watching the team %1 on %2 every %n s: the sessions of an Onramp login that hold more than %3 locks together are ended.</source>
        <translation>
            <numerusform>Watching the team %1 on %2 every %n s: the sessions of an Onramp login that hold more than %3 locks together are ended.</numerusform>
            <numerusform>Watching the team %1 on %2 every %n s: the sessions of an Onramp login that hold more than %3 locks together are ended.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1  ended the session of %2 (process %3, %4 locks): the login&apos;s sessions held %5 locks, more than %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1  could not end the session of %2 (process %3, %4 locks) within 5 s: the login&apos;s sessions hold %5 locks, more than %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>None of the %n Onramp login(s) on %1 holds more than %2 locks.</source>
        <translation>
            <numerusform>None of the %n Onramp login on %1 holds more than %2 locks.</numerusform>
            <numerusform>None of the %n Onramp logins on %1 holds more than %2 locks.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-31"/>
        <source>The watch is connected to %1 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-121"/>
        <source>&apos;%1&apos; takes the server once: as URL or as --server, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+161"/>
        <source>The watch lost its connection to %1; it connects again every %n s.</source>
        <translation>
            <numerusform>The watch lost its connection to %1; it connects again every %n s.</numerusform>
            <numerusform>The watch lost its connection to %1; it connects again every %n s.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A watch pass failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Added %1 (%2) to the team %3 on %4; they choose their own passphrase when they first sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Changed the passphrase of %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>On a team server, &apos;audit verify&apos; reads the whole audit log, which only admins and mentors may read; %1 is a hire.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>Audit log on %1 verified: %n entries, chained and signed, and every person who signs in holds the key it gave them.</source>
        <translation>
            <numerusform>Audit log on %1 verified: %n entry, chained and signed, and every person who signs in holds the key it gave them.</numerusform>
            <numerusform>Audit log on %1 verified: %n entries, chained and signed, and every person who signs in holds the key it gave them.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not verified, set aside: entry %1 (by %2): %3; it counts for nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>	(not verified against the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AuditCommands.cpp" line="-36"/>
        <location filename="../app/cli/team/TeamModule.cpp" line="+68"/>
        <source>	(not verified: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/team/TeamModule.cpp" line="+16"/>
        <source>Disabled %1 on %2: they can no longer sign in, and their open sessions were ended. &apos;onramp passphrase reset %1&apos; enables them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rotated the production key of %1: every production secret is kept under the new one, sealed to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reset the passphrase of %1 on %2; they have a new key pair, their open sessions were ended, and they choose their own passphrase at their next sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-250"/>
        <source>%1 (%2) in the team %3 on %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/vault/Backup.cpp" line="-63"/>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>key store %1 is missing or not a regular file; the vault cannot be backed up until it opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot open the key store %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>cannot copy the key store %1 to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+110"/>
        <source>cannot move the restored vault from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>cannot put the restored vault %1 in place of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the restored vault is in %1, but its folder %2 could not be synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+8"/>
        <source>cannot copy the vault database %1 to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>backup file %1 is not a regular file; give the path of the file to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup file %1 already exists; add --force to replace it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot write backup file %1: the folder %2 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-10"/>
        <source>backup file %1 would be inside the vault folder; write it somewhere else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>only an admin takes a backup: a restore accepts only a backup signed by an admin of the vault, and %1 is not one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>backup file %1 was not written: its audit entry could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>key store %1 names vault %2, but the database is vault %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>backup file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>backup file %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup file %1 is not a regular file; give the backup file&apos;s own path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not an Onramp backup (it does not begin as one `onramp backup` writes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup file %1 is damaged or was changed after it was taken (%2); nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its checksum does not match its contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its manifest is %1 bytes long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its manifest is not JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>backup file %1 is of format %2, which this Onramp cannot read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>its manifest does not name the vault, the time and the audit head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it holds a file named &apos;%1&apos;, which is no file of a vault folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it holds %1 twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 goes past the end of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 does not match its checksum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 bytes follow the last file it names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its files do not match the digest of all of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it holds no %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+97"/>
        <source>%1, so what it revoked, disabled or moved cannot be kept so in the restored one; nothing was restored. Add --rollback to restore the backup as it is: the grants it holds, the people it holds enabled and the passphrases they had when it was taken (reset or changed since, say because one leaked) all come back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the vault in %1 does not open as %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+2"/>
        <source>the log of the vault in %1 does not verify (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the log of the vault in %1 does not start from the root this desktop pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the vault in %1 no longer holds audit entry %2 as this desktop saw it (it was cut back or put back from an old copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+208"/>
        <source>the secret of %1, set again after the backup was taken; the backup&apos;s earlier one was removed, so no hire receives it until you set it again (cred set %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the password of connection %1, set again after the backup was taken; the restored connection holds the earlier one: set it again (provider set %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 was given a new passphrase in the vault this restore replaced, but the backup holds them disabled: reset their passphrase again to let them in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1&apos;s passphrase was reset or changed in the vault this restore replaced, and the backup&apos;s slot still opens with the one before, which could not be shut out (%2): reset their passphrase now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 was disabled in the vault this restore replaced, but could not be disabled again (%2): their grants are revoked again; disable them first, before anything else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>the backup does not hold %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1&apos;s mentor was changed to %2 in the vault this restore replaced, which could not be done again (%3): give %1 that mentor again (add %2 first if needed): onramp enrollment edit %1 --mentor %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>which checklist %1 was on in the vault this restore replaced cannot be told (its rows there do not match its log): check %1&apos;s checklist, and move them if it is not the one wanted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 was moved to %2 version %3 in the vault this restore replaced, which could not be done again (%4): move them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>a login of &apos;%1&apos; (enrollment %2) that the vault this restore replaced may have made at its source after the backup was taken cannot be placed (%3): find it at the server and drop it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>the login %1, made after the backup was taken, may live on at its server and could not be dropped (%2): drop it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the login %1, made through provider connection %2 after the backup was taken, may live on at that server and could not be dropped (%3): drop it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+8"/>
        <source>the login %1, made after the backup was taken for an enrollment the backup does not hold, may live on at its server and could not be dropped (%2): drop it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>not tried: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not tried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>cannot restore into %1: the folder %2 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot restore into %1: it is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is not empty: restoring a backup there replaces everything recorded since it was taken. Add --replace to restore in its place (the folder is kept aside, never deleted), or restore into an empty folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 holds vault %2, but the backup %3 is of vault %4; restore it into another folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>cannot sync the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>restored file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>cannot read this desktop&apos;s record of vault %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>backup file %1 names vault %2 but holds vault %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>only an admin can restore a backup: it replaces everything recorded since it was taken, and %1 is not an admin of the backed-up vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>backup file %1 says its log ends at audit entry %2, but the log it holds ends at entry %3 with another hash: its manifest was changed; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>backup file %1 carries no signature of the person who took it (an Onramp from before backups were signed wrote it, or it was changed): who took it and when cannot be told, so nothing was restored. Take a new backup, as an admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>backup file %1 says %2 took it, who is no person of the vault it holds: its manifest was changed; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup file %1 says %2 took it, but its manifest is not signed by %2: it was changed after it was taken; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup file %1 was taken by %2, who is not an admin of the vault it holds: only an admin&apos;s backup is restored; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>backup file %1 says it was taken at %2, which is later than now: its manifest was changed, or this computer&apos;s clock is wrong; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>this desktop accepted restore %1 of vault %2, and the backup %3 was taken before it: here it cannot be told from an old copy put back. Restore a backup taken after restore %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 holds no vault, but this desktop has seen audit entry %2 of vault %3, which the backup %4 does not hold: grants revoked, people disabled and hires moved since it was taken would come back. Restore over the vault with --replace where it is, or add --rollback to restore the backup as it is; nothing was restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>the production key was rotated in the vault this restore replaced, which could not be done again (%1): rotate it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the restore of vault %1 was not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/TeamAccess.cpp" line="-79"/>
        <source>The server address for %1 names no database: add dbname=NAME (the team&apos;s database, whose name is also the team id every sign-in uses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+878"/>
        <source>&apos;%1&apos; cannot name a person: use up to 64 lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-809"/>
        <source>The key slot of %1 on the team server %2 does not open with their passphrase, or holds another key than theirs: it was altered, or made for another team id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+213"/>
        <source>The new passphrase of %1 is the one they signed in with: choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-417"/>
        <source>%1 was changed on the team server %2, but their open sessions could not be ended: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The team server %1 shows an audit log that does not begin with its first admin&apos;s signed team.init: it was rewritten. Nothing was done; tell an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+115"/>
        <source>The team server %1 holds schema version %2; this Onramp works with version %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Its setup role updates it: onramp team init URL --admin NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update Onramp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The team server %1 does not show the first entry of its audit log, which gives the team&apos;s first key: it was removed or hidden. Nothing was done; tell an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The audit entry %1 would hold %2 bytes; a team server takes at most %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The team server %1 has no audit head.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <location filename="../app/server/TeamProductionKey.cpp" line="+72"/>
        <source>The key of %1 cannot be sealed to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+102"/>
        <source>The new key of %1 cannot be sealed to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The passphrase of %1 was changed on the team server %2, but their other open sessions could not be ended: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 is disabled, but the production key they held was not rotated: %2 Once that is put right, run &apos;onramp vault rotate-production-key&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+109"/>
        <source>entry %1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>it does not chain to the entry before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its hash does not match what it records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the log does not begin with its first admin&apos;s team.init</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a second team.init</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the log gave %1 no key that could sign it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is signed without its place in the chain, after entries signed with theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>its signature is not %1&apos;s for this place in the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 may not record %2 as a %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it names nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it adds %1 again, or without a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it resets %1, whom the log does not know, or without a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it disables %1, whom the log does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>it gives %1 a key, and only its own signer&apos;s key changes so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it gives %1 a new key, though their passphrase was their own already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it gives %1 a new key in place of one they did not have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it gives %1 a key the log gave before, or no key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>entry %1 (by %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit log on the team server %1 does not hold at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>; and %n more bad entries: %1</source>
        <translation>
            <numerusform>; and %n more bad entry: %1</numerusform>
            <numerusform>; and %n more bad entries: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The team server %1 lets %2 sign in as %3 with a key its audit log did not give them. Disable %2 and reset their passphrase to give them a key again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+78"/>
        <source>The audit log on the team server %1 does not begin with its first admin&apos;s team.init.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The audit log on the team server %1 does not give %2 the key they sign with now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+16"/>
        <location filename="../app/server/TeamGrants.cpp" line="+39"/>
        <source>%1 holds no production key on the team server %2: only admins and mentors do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The team on %1 was set up before its server kept a production key: it has none yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The team server %1 holds no production key for %2 that opens with their key and matches the newest one its audit log names: it was removed or altered. An admin&apos;s passphrase reset seals it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The team server %1 shows %2 as “%3”, and the audit log&apos;s signed entry names them “%4”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The role %1 may not create roles on the team server %2: team init runs as a superuser or a role with CREATEROLE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/SignatureChecks.cpp" line="+197"/>
        <source>no key to check it with</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>larger than %n check(s)</source>
        <translation>
            <numerusform>larger than %n check</numerusform>
            <numerusform>larger than %n checks</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not in the format Onramp writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its MAC does not hold (it was changed outside Onramp, or by another person)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+32"/>
        <source>no key to protect %1 with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the verified-signature cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/ServerPin.cpp" line="+27"/>
        <source>The team server %1 shows its audit log at entry %2, but this desk saw it at entry %3: the log was rolled back or replaced. Nothing was done; tell an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+29"/>
        <source>The team server %1 begins its audit log with another first admin&apos;s key than this desk pinned: the team was replaced. Nothing was done; tell an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The team server %1 no longer shows the first entry of its audit log, which this desk pinned: it was removed or hidden. Nothing was done; tell an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The audit log on the team server %1 no longer holds entry %2 as this desk saw it: it was rolled back or rewritten. Nothing was done; tell an admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/TeamGrants.cpp" line="-458"/>
        <location line="+404"/>
        <location filename="../app/server/TeamOnboarding.cpp" line="-862"/>
        <source>Checklist %1 version %2 on the team server %3 does not parse: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/TeamOnboarding.cpp" line="+19"/>
        <source>no person &apos;%1&apos; on the team server %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+180"/>
        <location line="+42"/>
        <source>no checklist &apos;%1&apos; on the team server %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+157"/>
        <source>The team server %1 shows an enrollment of %2 that no signed entry of its audit log vouches for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-339"/>
        <source>The team server %1 shows checklist %2 version %3 other than its signed entry in the audit log says.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+189"/>
        <source>checklist &apos;%1&apos; has no version %2 (latest: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+215"/>
        <source>The team server %1 shows step %2 of %3 done, and no signed entry of its audit log by %3 vouches for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+91"/>
        <source>The team server %1 shows a review of step %2 of %3 that no signed entry of its audit log vouches for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+68"/>
        <source>The team server %1 shows a sign-off of %2 that no signed entry of its audit log vouches for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+138"/>
        <source>only %1&apos;s mentor can review their steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>only %1&apos;s mentor can sign off production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The team server %1 no longer shows the enrollment of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The team server %1 holds a sign-off or a production grant of %2 in this one&apos;s place that no signed entry vouches for: its entry is set aside (&apos;onramp audit verify&apos; names it). An admin&apos;s &apos;onramp enrollment move %2&apos; to another checklist version frees the place.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ProviderCommands.cpp" line="+29"/>
        <source>&apos;provider set&apos; needs --dsn DSN (the connection, without a password)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;provider set&apos; needs --secret-file FILE (the provisioning role&apos;s password is never a command-line argument)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--environment of provider connection &apos;%1&apos; is &apos;%2&apos;: give sandbox or production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>this Onramp has no postgresql provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set provider connection %1 to %2, for %3 credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No provider connections; an admin adds one with &apos;onramp provider set NAME --dsn DSN --secret-file FILE&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(does not open: changed outside Onramp; an admin sets it again)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not verified: no admin&apos;s signed entry names this DSN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/VaultCommands.cpp" line="+125"/>
        <location line="+5"/>
        <source>provider connections: not checked (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it is not the connection an admin&apos;s newest signed provider.set entry names (it was changed outside Onramp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this Onramp has no postgresql provider to read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>provider connection %1: %2; no login is made through it until an admin sets it again (onramp provider set %1 --dsn DSN --secret-file FILE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>provider connections: %n checked, %1 to set again</source>
        <translation>
            <numerusform>provider connections: %n checked, %1 to set again</numerusform>
            <numerusform>provider connections: %n checked, %1 to set again</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/core/credentials/ProviderConnections.cpp" line="+68"/>
        <source>only an admin can set or list provider connections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&apos;%1&apos; is not a provider connection name: use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, at most 63</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the DSN of provider connection &apos;%1&apos; must be one line of at most %2 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the password of provider connection &apos;%1&apos; must be 1 to %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the password of provider connection &apos;%1&apos; holds a zero byte</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>provider connection &apos;%1&apos; cannot serve %2: %3 credential &apos;%4&apos; of checklist &apos;%5&apos; version %6 names it; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>provider connection &apos;%1&apos; serves %2 credentials by its signed entry, not %3; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the DSN of provider connection &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+142"/>
        <source>provider connection &apos;%1&apos; serves the sandbox but signs in at %2, which checklist &apos;%3&apos; version %4 lists as a production host (%5): a sandbox lives on a server that holds no production data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>provider connection &apos;%1&apos; serves production but signs in at %2, which no stored checklist lists in production_hosts: add it to the checklist&apos;s production_hosts, so that the scan and the sandbox rule know it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>no provider connection &apos;%1&apos;: an admin sets it with &apos;onramp provider set %1 --dsn DSN --secret-file FILE&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+141"/>
        <source>no provider connection &apos;%1&apos; that an admin&apos;s signed provider.set entry sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-156"/>
        <source>the provider connection &apos;%1&apos; does not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-110"/>
        <source>provider connection &apos;%1&apos; reaches %2 now, and these logins made through it are live or wait for their drop: %3. Pointed at %4, Onramp could not drop them where they were made: every ending would leave them signing in until they expire. Revoke them first, or set it again with --accept-pending-drops to keep their drops pending until an admin points &apos;%1&apos; back for a sweep; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+225"/>
        <location line="+35"/>
        <source>&apos;%1&apos; is not a provider connection name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-26"/>
        <source>the provider connection &apos;%1&apos; is missing though an admin&apos;s signed provider.set entry made it: it was deleted outside Onramp; run vault check, and an admin sets it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the provider connection &apos;%1&apos; is not the one an admin&apos;s signed provider.set entry names; an admin sets it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/providers/PostgresqlProvider.cpp" line="+44"/>
        <source>postgresql credential &apos;%1&apos;, provider connection &apos;%2&apos;%3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+119"/>
        <source>the database %1 exists and belongs to %2, not to %3; it is left as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>a session that is not yours is using the database %1, and it was left as it is: %2. Close that session, then reset again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+115"/>
        <location line="+47"/>
        <source>postgresql credential &apos;%1&apos; for %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; has no sandbox database of its own to reset; only a sandbox credential with &apos;postgresql: {template: …}&apos; has one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the fields handed out name the database &apos;%1&apos; and the user &apos;%2&apos;, not this credential&apos;s %3 and %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>postgresql credential &apos;%1&apos;, provider connection &apos;%2&apos;: the sandbox database %3 of %4 was not dropped: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>postgresql credential &apos;%1&apos;, provider connection &apos;%2&apos;: the login %3 is not at %4, but the connection pointed at %5 while it could have been made; it is not known to be dropped there and stays pending until an admin points &apos;%2&apos; back for a sweep or drops it there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>postgresql credential &apos;%1&apos;, provider connection &apos;%2&apos;: the login %3 was not dropped (it still owns objects in another database); it stays NOLOGIN and in no group until a drop there finishes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/scan/ScanReport.cpp" line="+26"/>
        <source>the production secret of %1: leaked, rotate it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>production host %1 (production_hosts entry %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Known production secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password in a URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password in a connection string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password written out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AWS access key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GitHub token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GitLab token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Slack token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stripe live key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Google API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret-like value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/ScanCommands.cpp" line="+38"/>
        <source>give --json or --sarif, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1: leaked, rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Scanned %n file(s)</source>
        <translation>
            <numerusform>Scanned %n file</numerusform>
            <numerusform>Scanned %n files</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (%1 binary, %2 ignored, %3 symlinks not followed, %4 git directories not read, %5 allowed by .onramp-scan-ignore): </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n finding(s).</source>
        <translation>
            <numerusform>%n finding.</numerusform>
            <numerusform>%n findings.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Known production secrets were searched for in every file read, the ignored and binary ones too (%1 of them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Known production secrets were found and left out of the output; run without --json or --sarif, or with --include-known, to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/credentials/ProviderModules.cpp" line="+48"/>
        <source>the %1 provider of this Onramp cannot be loaded: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 credential &apos;%2&apos;: the %1 provider of this Onramp cannot be loaded: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/scan/IgnoreRules.cpp" line="+13"/>
        <source>%1: an entry needs a reason after &apos; -- &apos; (SELECTOR... -- REASON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: an entry needs a selector (path:GLOB, rule:ID or fingerprint:HEX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: &apos;%2&apos; is no rule a scan can leave out (see onramp scan --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: &apos;%2&apos; is no selector; write path:GLOB, rule:ID or fingerprint:HEX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/scan/ScanRules.cpp" line="+306"/>
        <source>a production secret this vault holds (admins and mentors only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a host of a checklist&apos;s production_hosts in a URL, connection string, host field, command&apos;s host option or remote login (user@host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a password inside a URL (scheme://user:password@host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a password in a key=value connection string (libpq, ADO.NET)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a private key block</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an AWS access key id (AKIA…, ASIA…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a GitLab personal access token (glpat-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Slack token (xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Stripe live secret or restricted key (sk_live_, rk_live_)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Google API key (AIza…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a random-looking value of 16 or more characters assigned to a secret-like name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a password written as a literal value (password: …, PGPASSWORD=…), not a placeholder or a reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/scan/Scanner.cpp" line="-172"/>
        <source>it is a symlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it belongs to another user (uid %1), not to you or root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>its group or other users may write it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not used: %2; only a file of yours or root&apos;s that no one else may write leaves findings out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>cannot scan %1: no such file or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/scan/VaultScan.cpp" line="+253"/>
        <source>only an admin or a mentor sees which credentials leaked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+38"/>
        <source>the earlier production keys this vault keeps are not those its signed log names: they were removed or altered, so what scans before the last key rotation found cannot be read; nothing was changed; restore the newest backup that passes the vault check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/TeamCredentials.cpp" line="-113"/>
        <source>%1 can see only their own credentials, their mentees&apos; or, as an admin, everyone&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>you can only see your own credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&apos;cred show&apos; shows a hire their own credentials; %1 is not a hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the secret of &apos;%1&apos; does not open with %2&apos;s key (sealed to an older key, or altered); ask your mentor to renew it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/TeamProductionKey.cpp" line="-25"/>
        <source>The secret of %1 was set on the team server %2 while the production key was being rotated. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>only an admin can rotate the production key; %1 is a %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/onboarding/EnrollmentStatus.cpp" line="+99"/>
        <source>production access is signed off by %1, so “%2” stays as it was signed off; ask your mentor if it needs doing again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/server/TeamWatch.cpp" line="+45"/>
        <source>The role %1 may not end other sessions on %2: a superuser grants it that with &apos;GRANT pg_signal_backend TO %1&apos;, or runs the watch as a superuser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="-576"/>
        <location filename="../app/storage/ProductionKey.cpp" line="+64"/>
        <source>an admin sets connection %1 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/ProductionKey.cpp" line="-1"/>
        <source>restore the newest backup that passes the vault check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/audit/Ledger.cpp" line="+1"/>
        <location filename="../app/storage/ProductionKey.cpp" line="+2"/>
        <source>an admin sets it again, or removes it when no checklist uses it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/storage/ProductionKey.cpp" line="+2"/>
        <source>credential_secrets: the kept secret of &apos;%1&apos; (%2) does not open where it is kept: it was moved or altered; nothing was changed; %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::AdminBackend</name>
    <message>
        <location filename="../app/ui/AdminBackend.cpp" line="-684"/>
        <source>Choose a role: hire, mentor or admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 is disabled; their passphrase opens nothing now. A passphrase reset enables them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 was not imported:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+235"/>
        <source>It weakens the gate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="-215"/>
        <source>The secret of %1 is set and sealed (%n hire(s) received it).</source>
        <translation>
            <numerusform>The secret of %1 is set and sealed (%n hire received it).</numerusform>
            <numerusform>The secret of %1 is set and sealed (%n hires received it).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+85"/>
        <source>%1 is already enrolled. To put them on another checklist or version, pick them in the list below and choose Move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+56"/>
        <source>&apos;%1&apos; is not a date: type the start date as YYYY-MM-DD, such as %2, or pick it from the calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Moved %1 to version %2 of their checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+153"/>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+75"/>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Done steps that “%1” has too and %2 reviews stay marked done and wait for their review there; they count as done once approved: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The checklist “%1” of %2 moves from version %3 to version %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Done steps that %1 reviews stay marked done and wait for their review on version %2; they count as done once approved: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version %1 no longer has %2: removed from the checklist of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version %1 changes the wording of these steps, and each step&apos;s page shows %2 what changed: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A move back brings no approval back: whatever was approved or signed off on version %1 the last time %2 was on it still counts for nothing. Only reviews and a sign-off given after this move count: %3 reviews the done steps that need an approval again, and signs off again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+18"/>
        <source>Approvals that end now: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-63"/>
        <source>New in version %1, still to do: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done steps that version %1 still has stay done: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-18"/>
        <location line="+25"/>
        <source>%1 has done no step yet, so nothing done is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-527"/>
        <source>Checked at %1. The vault has changed since: check it again to see it as it is now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Added %1 as %2. Hand the passphrase over in person: they choose their own at their first sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 is enabled again, with a new passphrase. Hand it over in person: they choose their own at their next sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has a new passphrase. Hand it over in person: they choose their own at their next sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 was not imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1” (%2) is unchanged: it stays at version %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Imported “%1” (%2) as version %3: %4, %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The kept secret of %1 is removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose what connection %1 serves: sandbox or production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This Onramp has no postgresql provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Connection %1 was not set. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connection %1 is set to %2; its password is sealed under the production key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Someone in this vault is already called &apos;%1&apos;: pick another user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%1 is %n day(s) ago: every step will show as overdue at once. Enroll anyway, or pick a later date.</source>
        <translation>
            <numerusform>%1 is %n day ago: every step will show as overdue at once. Enroll anyway, or pick a later date.</numerusform>
            <numerusform>%1 is %n days ago: every step will show as overdue at once. Enroll anyway, or pick a later date.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is more than a year away: the hire&apos;s steps are not due until then. Enroll anyway, or pick an earlier date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 now has the mentor %2 and starts on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Moved %1 to “%2”, version %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moved %1 back to version %2 of their checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Their production access ended with the move: %1 signs off again before it opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Version %1, the latest (of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1, earlier (of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1 (of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+113"/>
        <source>“%1” (now “%2”)</source>
        <comment>a step renamed: its title now, then the new one</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 moves from the checklist “%2” (version %3) to “%4” (version %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only on “%1”, still to do: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done steps that “%1” has too (the same step id) stay done: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” does not have %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done marks on those steps are dropped: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The checklist “%1” of %2 moves back from version %3 to the earlier version %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only in version %1, still to do: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done steps that version %1 has too stay done: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Version %1 does not have %2: removed from the checklist of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done marks on removed steps go with them: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>After the move: %1 of %n steps done.</source>
        <translation>
            <numerusform>After the move: %1 of %n step done.</numerusform>
            <numerusform>After the move: %1 of %n steps done.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Approvals and the sign-off were given on “%1” and end with it: %2 reviews the steps that need an approval again on “%3”, and signs off again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approvals were given on “%1” and end with it: %2 reviews the steps that need an approval again on “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approvals and the sign-off given on version %1 do not carry over: %2 reviews the steps that need an approval again on version %3, and signs off again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approvals given on version %1 do not carry over: %2 reviews the steps that need an approval again on version %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No step is approved yet, so no approval is lost: %1 reviews the steps of “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No step is approved yet, so no approval is lost: %1 reviews the steps of version %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This move weakens the gate. Compared with version %1 of “%2”, “%3” (version %4):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This move weakens the gate. Compared with version %1, version %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>• %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move %1 only if you mean to lower the gate for them; the audit log will name these changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 is signed off for production; their credentials have run out, and a renewal would give access back. This move ends the sign-off at once: production opens again only once %2 approves the steps on version %3 and signs off again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is signed off for production; their credentials have run out, and a renewal would give access back. This move ends the sign-off at once: production opens again only once %2 approves the steps on the new version and signs off again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has production access now, and this move ends it at once. Production opens again only once %2 approves the steps on version %3 and signs off again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has production access now, and this move ends it at once. Production opens again only once %2 approves the steps on the new version and signs off again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move %1 to “%2”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to “%1” anyway and end production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move to “%1” and end production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Move to “%1” anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stay on “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move %1 back to version %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move back to version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Move back to version %1 anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move %1 to version %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Move to version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <source>Stay on version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Steps with changes asked keep them, with the comment, until %1 reviews them again: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Move back to version %1 anyway and end production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move back to version %1 and end production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move to version %1 anyway and end production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to version %1 anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move to version %1 and end production access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Database encryption: intact, every page as it was written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database structure: intact</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Audit log: %n entries, each signed and in order</source>
        <translation>
            <numerusform>Audit log: %n entry, signed and in order</numerusform>
            <numerusform>Audit log: %n entries, each signed and in order</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Records: all %n agree with the signed audit log</source>
        <translation>
            <numerusform>Records: the %n record agrees with the signed audit log</numerusform>
            <numerusform>Records: all %n agree with the signed audit log</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Production key: still the one sealed into the handed-over slot of %1. Whoever saw that passphrase and copied the key file can open it. Once they have chosen their own passphrase, rotate it under Production key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Problem found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vault failed its check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The vault passed its check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The vault passed its check, with %n thing(s) to act on below.</source>
        <translation>
            <numerusform>The vault passed its check, with %n thing to act on below.</numerusform>
            <numerusform>The vault passed its check, with %n things to act on below.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The production key was not rotated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rotated the production key: every production secret is kept under the new one, sealed to each admin and mentor. A key copied before opens none of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Nothing was backed up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backed up the vault (up to audit entry %1) to %2, readable by you only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-602"/>
        <source>Enrolled %1 with mentor %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::AuditBackend</name>
    <message>
        <location filename="../app/ui/AuditBackend.cpp" line="+147"/>
        <source>&apos;%1&apos; is not a date; type the day as YYYY-MM-DD, such as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&apos;%1&apos; is not a date; use YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+137"/>
        <source>The audit log could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Verified %n entries: none is missing, changed or out of order, and each carries the valid signature of the person it names.</source>
        <translation>
            <numerusform>Verified %n entry: none is missing, changed or out of order, and each carries the valid signature of the person it names.</numerusform>
            <numerusform>Verified %n entries: none is missing, changed or out of order, and each carries the valid signature of the person it names.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tampering found. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Choose jsonl or csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Exported %n audit entries to %1 (readable by you only), but the log does not verify: entries from %2 on are marked verified=false in the file. %3</source>
        <translation>
            <numerusform>Exported %n audit entry to %1 (readable by you only), but the log does not verify: entries from %2 on are marked verified=false in the file. %3</numerusform>
            <numerusform>Exported %n audit entries to %1 (readable by you only), but the log does not verify: entries from %2 on are marked verified=false in the file. %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Exported the whole log, %n audit entries, to %1 (readable by you only).</source>
        <translation>
            <numerusform>Exported the whole log, %n audit entry, to %1 (readable by you only).</numerusform>
            <numerusform>Exported the whole log, %n audit entries, to %1 (readable by you only).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>onramp::ui::AuditEntryModel</name>
    <message>
        <location filename="../app/ui/AuditEntryModel.cpp" line="+23"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>not handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>handed over: they choose their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a random one, handed over: they choose their own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>interactive (the fastest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>moderate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sensitive (the slowest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>demo (fast, for the demo vault only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+71"/>
        <source>checklist version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-14"/>
        <source>enrollment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step review %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sign-off %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>production grant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n signed record(s)</source>
        <extracomment>signed records of an audit entry not named by what they are</extracomment>
        <translation>
            <numerusform>%n signed record</numerusform>
            <numerusform>%n signed records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+126"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+133"/>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-128"/>
        <source>sealed for admins and mentors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>person %1</source>
        <extracomment>a person in an audit entry&apos;s details, by their number when no name is known</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>entry %1</source>
        <extracomment>an earlier audit entry, by its number</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>To version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A random tag stored with the encrypted secret, so that an older copy put back in its place shows. It says nothing about the secret, which is never written to the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Enrollment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hires it reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production grants ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviews ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-offs ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous public key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production key check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key derivation level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored up to entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last entry seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQL statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-303"/>
        <source>their passphrase was reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%n grant(s)</source>
        <translation>
            <numerusform>%n grant</numerusform>
            <numerusform>%n grants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1: %n grant(s)</source>
        <translation>
            <numerusform>%1: %n grant</numerusform>
            <numerusform>%1: %n grants</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>checklist record %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Reviews given before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no longer count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sign-off given before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no longer counts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>sealed, and they do not open with the production key this vault holds now (sealed before it was rotated, or not by an admin or a mentor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The key that checks this person&apos;s signatures: everything they sign from now on is verified against it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The key their signatures were checked against before this change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A fingerprint of the checklist&apos;s text as it was signed: a later change to the text shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Shown as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup taken by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backup&apos;s last entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint of the backup&apos;s last entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Seal of the kept secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Fingerprint of the last entry seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Completes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys removed from the key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How it ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production secrets found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Made on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logins left at the server before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Vault created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault key changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vault restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backup started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database edited directly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person enabled again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production key rotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hire enrolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moved to another checklist or version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mentor or start date changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step no longer done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note on a step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed off for production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production access revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database login dropped at the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production secret set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept secret removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider connection set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Production secret found in documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret revealed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret reissued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sandbox database reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Checklist version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrollment %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step review %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-off %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Production grant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1, signed digest %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+104"/>
        <location line="+47"/>
        <source>this vault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-43"/>
        <source>%1: %2, %3 (entry %4)</source>
        <extracomment>what a commit completes: &quot;Step done: Alex Newhire, Dec 3, 2026 9:14 AM (entry 11)&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 (%2; its title today)</source>
        <extracomment>a step whose title changed over the checklist&apos;s versions: its title today and its id</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2)</source>
        <extracomment>a step&apos;s, credential&apos;s or checklist&apos;s title and its id, in an audit entry&apos;s details</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>the team&apos;s documents: %n file(s)</source>
        <translation>
            <numerusform>the team&apos;s documents: %n file</numerusform>
            <numerusform>the team&apos;s documents: %n files</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not verified: %1</source>
        <extracomment>the action tag of an audit entry the chain does not vouch for; %1 is its action&apos;s code</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::ChecklistEditorModel</name>
    <message>
        <location filename="../app/ui/ChecklistEditorModel.cpp" line="+164"/>
        <source>There is no checklist &apos;%1&apos; in this vault; import it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&apos;%1&apos; cannot be a checklist id: use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit, such as &apos;backend-onboarding&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Give the new checklist a title.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Open a checklist before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <location line="+560"/>
        <source>The checklist was not saved:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-538"/>
        <source>A checklist &apos;%1&apos; exists already; open it to edit it, or choose another id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Nothing was saved: version %1 of “%2” was saved after version %3, which you are editing. Saving these edits would undo its changes. Reload version %1 to edit it; the changes you made here would be lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>It weakens the gate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the checklist before exporting it; the file holds the saved version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not export: %1. Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exported version %1 of %2 to %3; unsaved edits are not in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported version %1 of %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Added “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Changed “%1” (now “%2”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Removed “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Moved steps to another place in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed the production hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changed the credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>and %n more change(s)</source>
        <translation>
            <numerusform>and %n more change</numerusform>
            <numerusform>and %n more changes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open a checklist before adding production hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type a host name such as &apos;db.prod.example.com&apos;, or a glob such as &apos;*.prod.example.com&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is not a host name or a glob: use letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;*&apos;, such as &apos;db.prod.example.com&apos; or &apos;*.prod.example.com&apos;, without a scheme, user, port or path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; is listed already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; would mark &apos;%2&apos; as production, but sandbox credential &apos;%3&apos; uses it in field &apos;%4&apos;. Change that credential first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+125"/>
        <source>a step with no section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <source>none</source>
        <comment>no due day</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>on the start day</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s) after start</source>
        <translation>
            <numerusform>%n day after start</numerusform>
            <numerusform>%n days after start</numerusform>
        </translation>
    </message>
    <message>
        <location line="+270"/>
        <source>There is no credential %1 to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+160"/>
        <location line="+27"/>
        <location line="+32"/>
        <source>Credential %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-205"/>
        <source>%1, environment: &apos;%2&apos; is neither sandbox nor production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, provider: &apos;%2&apos; is neither generated, static nor postgresql.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1, connection: &apos;%2&apos; is not a provider connection&apos;s name (lower-case letters, digits, &apos;-&apos; and &apos;_&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+128"/>
        <source>%1, connection: this vault has no provider connection &apos;%2&apos; yet, so no login can be made through it: enrolling a hire on this checklist is refused until an admin sets it. Once the checklist is saved, set it under Production secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, connection: this vault has no provider connection &apos;%2&apos; yet, so no login can be made through it: a sign-off on this checklist is refused until an admin sets it. Once the checklist is saved, set it under Production secrets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+77"/>
        <source>%1, connection: a postgresql credential signs in through a provider connection; name it, such as &apos;sandbox&apos;, and set it under Production secrets once the checklist is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-201"/>
        <source>%1, group roles: &apos;%2&apos; is not a group role name (lower-case letters, digits and &apos;_&apos;; not one of PostgreSQL&apos;s pg_ roles).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-402"/>
        <source>%1 sits between steps %2 and %3 of the section “%4”, which it splits in two. Move it above or below them (Move up, Move down), or give it the section “%4”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: its section “%2” is also that of step %3, with “%4” between them. Keep a section&apos;s steps together (Move up, Move down).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+395"/>
        <source>%1, template database: &apos;%2&apos; is not a database name (lower-case letters, digits and &apos;_&apos;; not onramp_…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1, fields, line %2: write one field a line as &apos;name: value&apos;, such as &apos;host: db.sandbox.internal&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, fields, line %2: field &apos;%3&apos; is there twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, secret length: &apos;%2&apos; is not a whole number from %3 to %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1, lifetime: &apos;%2&apos; is not a duration; write such as 30d, 8h, 45m or 90s, at most 3650d.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has no field &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+27"/>
        <location line="+32"/>
        <source>Credential %1 (&apos;%2&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-43"/>
        <source>%1, connection: &apos;%2&apos; serves %3, and this credential is for %4; each environment signs in through its own connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1, fields: &apos;%2&apos; names host &apos;%3&apos;, which production credential &apos;%4&apos; reaches. If it is a production host, point this sandbox credential elsewhere and add the host under Production hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1, fields: &apos;%2&apos; names host &apos;%3&apos;, which looks like production, and no production host covers it. If it is one, point this sandbox credential elsewhere and add the host under Production hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1, id: it has none; give it one such as &apos;sandbox-db&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, id: use lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, id: credential %2 has the same id; each needs its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give this credential a title: say what it opens, such as &apos;Sandbox database&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, title: it has none; say what it opens, such as &apos;Sandbox database&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, fields: &apos;%2&apos; looks like a secret. Secrets are generated, or set by an admin under Production secrets; never written in a checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, fields: &apos;%2&apos; uses an unknown placeholder &apos;%3&apos;; the known ones are %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1, fields: &apos;%2&apos; names production host &apos;%3&apos;; a sandbox credential must never reach production.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, template database: only a sandbox credential gets a database of its own; clear it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, secret name: a generated credential needs one, such as &apos;password&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, secret length: must be %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, secret name: &apos;%2&apos; is also one of its fields.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-669"/>
        <source>The checklist has no steps; add at least one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-186"/>
        <source>No changes: “%1” (%2) stays at version %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved “%1” (%2) as version %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+210"/>
        <source>Step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step %1 (&apos;%2&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no id; give it one such as &apos;read-the-handbook&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the id must be lower-case letters, digits, &apos;-&apos; and &apos;_&apos;, starting with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: step %2 has the same id; each step needs its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has no title; say what the hire does in a few words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: due must be 0 to %2 days after the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+203"/>
        <source>New step</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::ChecklistListModel</name>
    <message>
        <location filename="../app/ui/ChecklistListModel.cpp" line="+24"/>
        <source>%1 (%2, v%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>“%1” cannot be a checklist id: use lower-case letters, digits and hyphens, such as “backend-onboarding”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A checklist with the id “%1” exists already (“%2”): choose another id, or open that checklist to edit it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::ChecklistVersionModel</name>
    <message>
        <location filename="../app/ui/ChecklistVersionModel.cpp" line="+31"/>
        <source>“%1” (now “%2”)</source>
        <comment>a step renamed: its title before, then now</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Renames the checklist “%1” to “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Adds %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removes %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rewords %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Now reviewed by the mentor before production access: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Now required before production access: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Changes the due day of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moves %1 to another section.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Puts the steps in another order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Adds to the production hosts: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>, </source>
        <comment>between host names</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Removes from the production hosts: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Adds to the credentials: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removes from the credentials: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes the settings of the credentials %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It weakens the gate: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <comment>between ways a version weakens the gate</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No change to the steps, hosts or credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The first version.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::CredentialListModel</name>
    <message>
        <location filename="../app/ui/CredentialListModel.cpp" line="+219"/>
        <source>Waiting for IT to add the secret. It shows here as soon as they do; there is nothing you need to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-199"/>
        <source>host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <extracomment>a credential&apos;s field and its value: &quot;host: db.example.com&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Issued %1</source>
        <extracomment>when a sandbox secret was made; a reissue or a passphrase reset makes it anew</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Sealed to the key you had before your passphrase was reset, so it no longer opens. Your mentor can renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sealed to the key you had before your passphrase was reset, so it no longer opens. Reissue it to get a new secret.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sealed to the key you had before your passphrase was reset, so it no longer opens. An admin can set its secret again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Your required steps are all done: it opens when your mentor signs off. It then lasts %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens once your required steps are done and approved and your mentor has signed off. It then lasts %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not granted with the sign-off. Your mentor can renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ended before its time ran out on %1: a computer&apos;s clock was probably ahead. Your mentor can renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its time ran out. Your mentor can renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoked by %1 on %2. Your mentor can renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its grant does not verify, so it stays closed. Your mentor can renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>renewal needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reissue needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revoke pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for IT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>does not verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 to %2</source>
        <extracomment>the shortest and the longest lifetime of production credentials: &quot;8 hours to 30 days&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::CredentialTemplateModel</name>
    <message>
        <location filename="../app/ui/CredentialTemplateModel.cpp" line="+50"/>
        <source>secret set on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-3"/>
        <source>no secret yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>secret set on %1 by %2</source>
        <comment>when, who</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>found by a scan on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 set this secret on %2. A secret set here replaces it for every hire who holds it, once you confirm.</source>
        <comment>who, when</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This secret was set on %1. A secret set here replaces it for every hire who holds it, once you confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <comment>a credential&apos;s field: name, value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+46"/>
        <source>production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+46"/>
        <source>sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-43"/>
        <source>PostgreSQL</source>
        <comment>a login Onramp makes at a database server</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>static</source>
        <comment>a secret an admin sets</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>generated</source>
        <comment>a secret Onramp makes</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>connection %1 not set yet</source>
        <comment>a provider connection&apos;s name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection %1 changed outside Onramp: set it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection %1 serves %2 credentials: it cannot serve this one</source>
        <comment>name, environment</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection %1 set on %2 by %3</source>
        <comment>name, when, who</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::CredentialsBackend</name>
    <message>
        <location filename="../app/ui/CredentialsBackend.cpp" line="+226"/>
        <source>time is up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>less than a minute left</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n minute(s) left</source>
        <translation>
            <numerusform>%n minute left</numerusform>
            <numerusform>%n minutes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n hour(s) left</source>
        <translation>
            <numerusform>%n hour left</numerusform>
            <numerusform>%n hours left</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 %2 left</source>
        <extracomment>&quot;3 hours&quot; and &quot;10 minutes&quot; in &quot;3 hours 10 minutes left&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>%n day left</numerusform>
            <numerusform>%n days left</numerusform>
        </translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Copied. The clipboard is cleared in 30 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose env or pgpass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>You have no sandbox credential to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have no credential to export yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported to %1 (readable by you only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>psql reads it once PGPASSFILE names it, or from ~/.pgpass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It holds a production secret, which outlives your access in the file: delete it when you are done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+77"/>
        <source>%n file(s) you exported still hold the old one: export again to replace it (%1).</source>
        <translation>
            <numerusform>The file you exported still holds the old one: export again to replace it (%1).</numerusform>
            <numerusform>%n files you exported still hold the old one: export again to replace them (%1).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reissued. The old secret no longer works and is off the clipboard; the new one is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reissued. The old secret no longer works; the new one is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revoked %1 for %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoke pending: the server could not be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your sandbox database is as it was on day one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Renewed %1 for %2: they can read it until %3, a full term from now.</source>
        <comment>what, who, when</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::EnrollmentBackend</name>
    <message>
        <location filename="../app/ui/EnrollmentBackend.cpp" line="-762"/>
        <source>“%1” is not done yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“%1” waits for your review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-13"/>
        <source>“%1” is not done and approved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-17"/>
        <source>%1 has not signed off your production access yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 has not signed off yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+3"/>
        <source>“%1” waits for a re-review by %2 after the move to a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>“%1” waits for your re-review after the move to a new version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>“%1” waits for review by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>“%1” was redone and waits for review by %2 again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>“%1” was redone and waits for your review again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>“%1” is done and needs %2&apos;s approval again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>“%1” is done and needs your approval again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+143"/>
        <location line="+71"/>
        <source>An admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-104"/>
        <source>“%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-196"/>
        <source>Your mentor %1 is disabled: an admin gives you another mentor, who signs off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is disabled: nobody signs off until an admin gives %2 another mentor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You have not signed off yet: every required step is approved, so Sign off production… opens it now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You have not signed off yet: Sign off production… once the steps above are done, and approved where they need your review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Changes were asked on “%1”: redo it, then resubmit it for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes were asked on “%1”; waiting for %2 to redo it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+214"/>
        <source>%1 moved you to version %2 of the checklist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 moved you to the checklist “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your production access and the approvals given before the move ended with it. Waiting for %1&apos;s review, then a new sign-off, before production opens: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your production access ended with the move: %1 signs off again before production opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approvals given before the move no longer count. Waiting for %1&apos;s review before production opens: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for %1&apos;s review before production opens: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Version %1 changes the wording of %2: each step&apos;s page shows what changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 moved %2 to version %3 of the checklist on %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 moved %2 to the checklist “%3” on %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It ended the approvals given before it; waiting for your review again: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It ended the approvals given before it; waiting for a review by %1 again: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes asked before it still stand on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sign-off ended with it: you sign off again once the steps are approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sign-off ended with it: %1 signs off again once the steps are approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+154"/>
        <source>%1 replied on “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 approved “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 approved “%2”: “%3”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 signed off your production access: the production credentials are yours to read now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your mentor is now %1. Your production access and your previous mentor&apos;s approvals ended with the change: %1 reviews your steps and signs off again before production opens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 revoked your production access; the production credentials cannot be read now. Your mentor can renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Marked as read: %1&apos;s notes here no longer wait for your answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+164"/>
        <source>Note sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Marked done. It now waits for %1&apos;s review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marked done. Nice work!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The step is open again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+5"/>
        <source>Approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Changes asked, with your comment; the step is open again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resubmitted for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Signed off. Production access is released.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::EnrollmentListModel</name>
    <message>
        <location filename="../app/ui/EnrollmentListModel.cpp" line="+69"/>
        <source>locked</source>
        <comment>production access</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoked</source>
        <comment>production access</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unlocked</source>
        <comment>production access</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>expired</source>
        <comment>production access</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::Formats</name>
    <message>
        <location filename="../app/ui/Formats.cpp" line="+18"/>
        <source>hire</source>
        <comment>a person&apos;s role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mentor</source>
        <comment>a person&apos;s role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>admin</source>
        <comment>a person&apos;s role</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+107"/>
        <source>%1 of %n steps done</source>
        <translation>
            <numerusform>%1 of %n step done</numerusform>
            <numerusform>%1 of %n steps done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source> · %n waiting for review</source>
        <translation>
            <numerusform> · %n waiting for review</numerusform>
            <numerusform> · %n waiting for review</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>“%1”</source>
        <comment>a title quoted in a list of them</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/ChecklistVersionModel.cpp" line="-103"/>
        <location filename="../app/ui/Formats.cpp" line="+1"/>
        <source>, </source>
        <comment>between titles in a list</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/Formats.cpp" line="+8"/>
        <source>%n hire(s) stay on an earlier version until you move them (Admin › Enrollments).</source>
        <translation>
            <numerusform>%n hire stays on an earlier version until you move them (Admin › Enrollments).</numerusform>
            <numerusform>%n hires stay on an earlier version until you move them (Admin › Enrollments).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>under a minute</source>
        <comment>a wait</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n min</source>
        <comment>a wait in minutes</comment>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>onramp::ui::Notifications</name>
    <message>
        <location filename="../app/ui/Notifications.cpp" line="+46"/>
        <source>A step to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 marked “%2” done; it awaits your review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Step approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 approved “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Changes asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 asked for changes on “%2”; open the step to see what to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Production access signed off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 signed off your production access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Production access expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your access to “%1” has expired; your mentor can renew it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1’s access to “%2” has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production access expires soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your access to “%1” ends at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1’s access to “%2” ends at %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Production access revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 revoked your access to “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 revoked %2’s access to “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::OnrampLink</name>
    <message>
        <location filename="../app/ui/OnrampLink.cpp" line="+43"/>
        <source>the link is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link holds a control character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link is not a valid URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the link is not an onramp:// link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link holds more than onramp://open?… or onramp://server?…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the link&apos;s action “%1” is neither open nor server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the link holds “%1”: a link never carries a passphrase or a secret; they are handed over apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link holds the unknown field “%1” (it takes %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the link gives the field “%1” twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link&apos;s field “%1” holds a control character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the link names no vault folder (vault=/path/to/folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the link&apos;s vault “%1” is not an absolute path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the link names no team server (url=postgresql://…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link&apos;s url “%1” is not a postgresql:// address of a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the link&apos;s url holds a password: a link never carries a passphrase or a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the link&apos;s name “%1” is not a person&apos;s sign-in name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::PersonListModel</name>
    <message>
        <location filename="../app/ui/PersonListModel.cpp" line="+77"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
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
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <location line="-150"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Could not save %1: the folder %2 does not exist. Choose a folder that exists and export again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not save %1. Check that you may write to that folder and that the disk has room, or choose another folder, and export again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %2, %3 of %4 required; signed off, production access expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, %3 of %4 required; production access granted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, %3 of %4 required; signed off, production access revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2, %3 of %4 required; production access locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n hire(s): %1 with production access, %2 ready for sign-off, %3 with a step waiting for review, %4 with an overdue step. Scroll the chart to read each hire.</source>
        <translation>
            <numerusform>%n hire: %1 with production access, %2 ready for sign-off, %3 with a step waiting for review, %4 with an overdue step. Scroll the chart to read each hire.</numerusform>
            <numerusform>%n hires: %1 with production access, %2 ready for sign-off, %3 with a step waiting for review, %4 with an overdue step. Scroll the chart to read each hire.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n hire(s), %1 with production access.</source>
        <translation>
            <numerusform>%n hire, %1 with production access.</numerusform>
            <numerusform>%n hires, %1 with production access.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>%n hire(s)</source>
        <translation>
            <numerusform>%n hire</numerusform>
            <numerusform>%n hires</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Started in %1: %2, %3 with production access, on average after %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Started in %1: %2, none with production access yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+50"/>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, %2: due %3, %4 overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n overdue step(s).</source>
        <translation>
            <numerusform>%n overdue step.</numerusform>
            <numerusform>%n overdue steps.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The %n most overdue:</source>
        <translation>
            <numerusform>The most overdue:</numerusform>
            <numerusform>The %n most overdue:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+74"/>
        <source>All hires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The report of every hire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+179"/>
        <source>Exported the summary of %1 to %2 (readable by you only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-35"/>
        <source>the report file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-255"/>
        <source>%1: %2 on average from done to approved (to now for a step still waiting), longest %3; %4 approved, %5 waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+122"/>
        <location line="+2"/>
        <source>all steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+135"/>
        <source>Exported the report to %1 (readable by you only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Choose a hire whose summary to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the summary file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::RestoreBackend</name>
    <message>
        <location filename="../app/ui/RestoreBackend.cpp" line="+43"/>
        <source>Restored the backup %1 took on %2 (up to audit entry %3). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n grant(s) the replaced vault had revoked were live in the backup and are revoked again.</source>
        <translation>
            <numerusform>%n grant the replaced vault had revoked was live in the backup and is revoked again.</numerusform>
            <numerusform>%n grants the replaced vault had revoked were live in the backup and are revoked again.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1&apos;s passphrase was reset or changed in the replaced vault, and the backup&apos;s slot opened with the one before: they are disabled. Reset their passphrase on the People page to let them in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 was disabled in the replaced vault and is disabled again; the production key was rotated, as a disable does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1&apos;s mentor is %2 again, as in the replaced vault; the earlier mentor&apos;s reviews and sign-off ended again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is on %2 version %3 again, as in the replaced vault.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The login %1, made after the backup was taken, was dropped at its server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The login %1, made after the backup was taken, could not be dropped at its server yet; it shows as &quot;revoke pending&quot; until a sweep drops it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The production key was rotated since the backup was taken, and is rotated again: the backup&apos;s copy of it opens no secret here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not carried over: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The master key was rotated last, so the backup&apos;s copy of it opens nothing here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This desktop had seen audit entry %1 and the backup ends at entry %2: what was recorded in between is not in it. Do it again: disable first, then revoke, then people added, sign-offs and secrets set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This desktop had seen another audit entry %1 than the backup holds: do again what was done since it was taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder it replaced is kept at %1; nothing in it was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Cannot restore: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 cannot be restored here: it is a backup of another vault (%2), not of this one (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The backup %1 took on %2 (up to audit entry %3) replaces everything in this vault: what was recorded since it was taken is not in it. The vault&apos;s folder %4 is kept aside beside it, never deleted.

The vault closes for the restore: you are signed out and sign in again afterwards. Other desktops that have it open should close it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>That passphrase does not open your key; nothing was restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was restored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Restored from the backup of %1, taken by %2 (up to audit entry %3). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing was restored; the vault is as it was: %1, so what it revoked, disabled or moved since the backup was taken could not be kept so.
Restoring the backup as it is, grants it holds included, is done on the command line only, with Onramp closed on every desktop:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing was restored; the vault is as it was: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::ReviewQueueModel</name>
    <message numerus="yes">
        <location filename="../app/ui/ReviewQueueModel.cpp" line="+39"/>
        <source>waiting %n day(s)</source>
        <translation>
            <numerusform>waiting %n day</numerusform>
            <numerusform>waiting %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>onramp::ui::RosterImportBackend</name>
    <message>
        <location filename="../app/ui/RosterImportBackend.cpp" line="+45"/>
        <source>Nothing was added. The vault itself is damaged or was changed outside Onramp; the file was not the problem. Restore the vault from a backup:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was added. Correct these rows and import the file again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People added before this error: %1. Importing the same file again completes the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nobody was imported: the file has problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The import stopped before its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New people: %1. Hires enrolled: %2. Rows already in the vault: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Their first passphrases are in %1, one file per person, readable by you only. Hand each over in person; they choose their own when they first sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New people: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::ScanBackend</name>
    <message numerus="yes">
        <location filename="../app/ui/ScanBackend.cpp" line="+82"/>
        <source>Scanned %n file(s), %1…</source>
        <translation>
            <numerusform>Scanned %n file, %1…</numerusform>
            <numerusform>Scanned %n files, %1…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>For a password, key or token: take the value out of the file and out of its history, then have it changed where it is used. A secret once written in a document must be taken as known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For a production host: it is no secret, but a newcomer who follows the document reaches production. Point the document at the sandbox instead, or say plainly that the host is production and that it opens only after sign-off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose a folder to scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was scanned: %1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+53"/>
        <source>Nothing was scanned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <location line="+16"/>
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Cancelled after %1: %2 so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <location line="+13"/>
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n finding</numerusform>
            <numerusform>%n findings</numerusform>
        </translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The folder holds no text file to scan: nothing was looked at. Check that it is the folder you meant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>No production credentials found in %n file(s).</source>
        <translation>
            <numerusform>No production credentials found in %n file.</numerusform>
            <numerusform>No production credentials found in %n files.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 in %2; %3 scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) could not be read.</source>
        <translation>
            <numerusform>%n file could not be read.</numerusform>
            <numerusform>%n files could not be read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n left out by .onramp-scan-ignore.</source>
        <translation>
            <numerusform>%n left out by .onramp-scan-ignore.</numerusform>
            <numerusform>%n left out by .onramp-scan-ignore.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n git repository folder(s) (.git) not read.</source>
        <translation>
            <numerusform>%n git repository folder (.git) not read.</numerusform>
            <numerusform>%n git repository folders (.git) not read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n ignored or binary file(s) searched for known production secrets only.</source>
        <translation>
            <numerusform>%n ignored or binary file searched for known production secrets only.</numerusform>
            <numerusform>%n ignored or binary files searched for known production secrets only.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The scan was not recorded in the audit log: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Choose sarif or json.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the export file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Exported %n finding(s) to %1.</source>
        <translation>
            <numerusform>Exported %n finding to %1.</numerusform>
            <numerusform>Exported %n findings to %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Known production secrets were left out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::ScanFindingModel</name>
    <message>
        <location filename="../app/ui/ScanFindingModel.cpp" line="+28"/>
        <source>known production secret: %1 — rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a host a checklist names as production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matches %1, which a checklist names as production</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1, line %2: %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::Session</name>
    <message>
        <location filename="../app/ui/Session.cpp" line="+391"/>
        <source>An admin restored this vault from a backup; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Choose a passphrase of at least %1 characters: a few unrelated words are easy to remember and hard to guess.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fair. Longer is stronger: add a word or two.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&apos;%1&apos; cannot be a user name: use lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter (such as alex or sam.lee).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter your name and passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose who you are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>That passphrase does not open %1&apos;s key. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+91"/>
        <source>%1 has yet to choose their own passphrase: sign in to the app to choose it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The two passphrases differ; type the same passphrase twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+81"/>
        <source>%1 is not a whole Onramp vault: its database (%2) is missing; nothing was opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This onramp:// link was not opened: %1. Nothing was opened; ask whoever sent it for a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The link names the team server %1. The app does not connect to a team server yet; for now the command line does: onramp --server %1 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The link names the team server %1 for %2. The app does not connect to a team server yet; for now the command line does: onramp --server %1 --as %2 …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This onramp:// link was not opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>An admin disabled your account while you were signed in, so Onramp locked. Ask an admin to reset your passphrase to sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Your passphrase is your own now; nobody else knows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+157"/>
        <location line="+61"/>
        <source>The vault is locked; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Type your current passphrase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The two new passphrases differ; type the same one twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The new passphrase is the same as the current one; choose another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The current passphrase is wrong; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your passphrase is changed; use the new one from your next sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+198"/>
        <source>Onramp opens only web and mail links, not %1. Copy it only if you trust where it leads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No web browser opened %1. The address is copied: paste it into one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::StepListModel</name>
    <message>
        <location filename="../app/ui/StepListModel.cpp" line="+190"/>
        <source>to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting for re-review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changes asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>redone, waiting for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It counts towards your progress once they approve it; there is nothing more to do meanwhile. If they ask for changes, redo the step here and resubmit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not done yet. %1 reviews this step: marking it done asks for that review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not done yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done on %1 and approved on version %2 of the checklist. The move to a new version ended that approval and changed this step (below): if it now asks for more, do that and say so in a note. %3 reviews it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done on %1 and approved on version %2 of the checklist. The move to a new version ended that approval: waiting for %3 to review it again; nothing more to do meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done on %1, waiting for %2 to review it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <location line="+36"/>
        <source>Done and approved by %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-69"/>
        <source>%1 asked for changes on %2, before the move to this version of the checklist, and that still stands. Redo the step, then resubmit it for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 asked for changes on %2. Redo the step, then resubmit it for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redone on %1 after %2 asked for changes. Waiting for their review again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+42"/>
        <source>%1 has not done this step yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+42"/>
        <source>%1 did this on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-39"/>
        <source>%1 did this on %2, approved on version %3 of the checklist. The move to a new version ended that approval and changed this step (below): it waits for your re-review against the step as it reads now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 did this on %2, approved on version %3 of the checklist. The move to a new version ended that approval: it waits for your re-review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 did this on %2. It waits for your review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done and approved by you on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You asked for changes on %1, before the move to this version of the checklist; that still stands. Waiting for %2 to redo it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+32"/>
        <source>%1 asked for changes on %2, before the move to this version of the checklist; that still stands. Waiting for %3 to redo it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-28"/>
        <source>You asked for changes on %1. Waiting for %2 to redo it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+29"/>
        <source>%1 asked for changes on %2. Waiting for %3 to redo it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="-26"/>
        <source>%1 redid this on %2 after changes were asked. It waits for your review again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 did this on %2, approved on version %3 of the checklist. The move to a new version ended that approval: it waits for a re-review by %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 did this on %2. It waits for review by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 redid this on %2. It waits for review by %3 again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+164"/>
        <source>overdue since %1</source>
        <comment>a step&apos;s day</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>was due %1</source>
        <comment>a step&apos;s day past, late for nothing now</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due %1</source>
        <comment>a step&apos;s day</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>done %1 · due %2</source>
        <comment>a step&apos;s days</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>done %1</source>
        <comment>a step&apos;s day</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::StepThreadModel</name>
    <message>
        <location filename="../app/ui/StepThreadModel.cpp" line="+41"/>
        <source>%1 (hire)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (mentor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (admin)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2, not the hire or their mentor now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Signed with a key %1 held before a passphrase reset or change: from then, or from whoever else had it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Written as %1, but the signature does not verify: the author is unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 approved the step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 asked for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You redid the step after changes were asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 redid the step after changes were asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 moved you from version %2 to version %3 of the checklist: the approval given on version %2 ended, and the step waits for a new review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 moved %4 from version %2 to version %3 of the checklist: the approval given on version %2 ended, and the step waits for a new review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the hire</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>onramp::ui::TeamBackend</name>
    <message>
        <location filename="../app/ui/TeamBackend.cpp" line="+84"/>
        <source>%1 is no longer your mentee: an admin gave them another mentor or ended their enrollment. Their steps and notes stay with the enrollment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
