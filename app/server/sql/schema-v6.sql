-- Onramp team server, schema version 6: every person reads who is who in
-- the audit log.
--
-- Row-level security showed a hire their own entries only, so a hire's desk
-- checked each of them against the key the hire signs with now: an entry a
-- hire signed before a passphrase reset (which gives a new key pair) could
-- not be told from a forgery. Here every enabled person also reads the
-- entries that say who is who (team.init, person.add, person.disable,
-- passphrase.reset): names, roles, full names and public keys, all of which
-- a hire already reads in onramp.people. A hire's desk follows them from the
-- team's first key it pinned, checking each one's signature, and checks
-- each of the hire's own entries against the key the log gave the hire at
-- that entry's place.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE POLICY audit_read_people ON onramp.audit FOR SELECT
    USING (action IN ('team.init', 'person.add', 'person.disable', 'passphrase.reset')
           AND onramp.current_person() IS NOT NULL);

INSERT INTO onramp.schema_version (version) VALUES (6);
RESET ROLE;
