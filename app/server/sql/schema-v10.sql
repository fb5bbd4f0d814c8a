-- Onramp team server, schema version 10: a static credential's production
-- secret, kept under the production key.
--
-- An admin's `cred set` encrypts the secret on their desk under the
-- production key (which only admins and mentors hold, schema 9) and stores
-- the box as a row of onramp.credentials (hire NULL, environment
-- production). The row commits only with the admin's signed credential.set
-- entry naming the credential, its environment and the SHA-256 of the box
-- in the same transaction, as every other row of the team's record does;
-- the rows' own signature column is no longer required. A hire reads no
-- such row (credentials_read: their own rows only) and writes none (only
-- admins insert or update, and no Onramp role deletes). Every desk that
-- uses the secret checks the row against the newest entry of a verified
-- admin naming it before it opens the box.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

ALTER TABLE onramp.credentials ALTER COLUMN signature DROP NOT NULL;

CREATE FUNCTION onramp.require_credential_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_entry record;
    v jsonb;
BEGIN
    -- This transaction's entries are the newest: append_audit holds the
    -- chain's lock until the commit.
    FOR v_entry IN SELECT a.actor, a.content FROM onramp.audit a
                    WHERE a.xmin = pg_current_xact_id()::xid AND a.action = 'credential.set'
                    ORDER BY a.seq DESC LIMIT 64 LOOP
        v := onramp.entry_json(v_entry.content);
        CONTINUE WHEN v IS NULL OR v_entry.actor IS DISTINCT FROM v_actor;
        IF v ->> 'credential' = NEW.name AND v ->> 'environment' = NEW.environment
           AND (v ->> 'hire') IS NOT DISTINCT FROM NEW.hire
           AND v ->> 'box_digest' = encode(sha256(NEW.box), 'base64') AND NEW.author = v_actor THEN
            RETURN NULL;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'a row of credentials needs a signed audit entry (credential.set) naming what it holds in the same transaction'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

REVOKE ALL ON FUNCTION onramp.require_credential_entry() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER credentials_need_entries AFTER INSERT OR UPDATE ON onramp.credentials
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_credential_entry();

INSERT INTO onramp.schema_version (version) VALUES (10);
RESET ROLE;
