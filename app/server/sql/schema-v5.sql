-- Onramp team server, schema version 5: every desk, a hire's too, reads the
-- audit log's first entry, so that it can pin the team's first key.
--
-- Row-level security shows a hire only their own audit entries, so a desk
-- where only a hire signed in could not check or pin the first admin's
-- team.init: a server that replaced the whole team went unnoticed there.
-- onramp.audit_first() returns that one entry to any enabled person. It
-- holds the first admin's name, role, full name and public key, all of
-- which a hire already reads in onramp.people; nothing else of the log.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE FUNCTION onramp.audit_first()
    RETURNS TABLE (seq bigint, prev_hash bytea, hash bytea, actor text, action text, content bytea,
                   signature bytea, signed_as smallint, recorded_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT a.seq, a.prev_hash, a.hash, a.actor, a.action, a.content, a.signature, a.signed_as, a.recorded_at
          FROM onramp.audit a
         WHERE a.seq = 1 AND onramp.current_person() IS NOT NULL
    $$;

REVOKE ALL ON FUNCTION onramp.audit_first() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp.audit_first() TO onramp_hire, onramp_mentor, onramp_admin;

INSERT INTO onramp.schema_version (version) VALUES (5);
RESET ROLE;
