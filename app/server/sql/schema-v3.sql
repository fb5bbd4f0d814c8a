-- Onramp team server, schema version 3: no change to who is who without its
-- signed entry.
--
-- Version 2's functions change people and key slots, and their clients
-- append the signed audit entry in the same transaction; but a login that
-- held an admin's sign-in secret (not their signing key) could call
-- disable_person or reset_person alone, and the log would not say so. Here
-- a deferred constraint trigger on each changed row of onramp.people and
-- onramp.key_slots requires, when the transaction commits, an entry this
-- same transaction appended by the signed-in person, of an action that may
-- make that change, naming the changed person. Without it the commit fails
-- and nothing changes; with it every client that verifies the log checks
-- the entry's signature (an entry with a forged signature is named there).
-- The first admin, whom team init's setup role (not a person) adds before
-- their team.init entry exists, is the one change made without.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE FUNCTION onramp.require_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_entry record;
    v_name text;
BEGIN
    IF v_actor IS NULL AND TG_OP = 'INSERT' AND (SELECT count(*) FROM onramp.people) = 1
       AND NOT EXISTS (SELECT FROM onramp.audit) THEN
        RETURN NULL;
    END IF;
    -- This transaction's entries are the newest: append_audit holds the
    -- chain's lock until the commit.
    FOR v_entry IN SELECT a.action, a.actor, a.content FROM onramp.audit a
                    WHERE a.xmin = pg_current_xact_id()::xid AND a.action = ANY (TG_ARGV)
                    ORDER BY a.seq DESC LIMIT 64 LOOP
        BEGIN
            v_name := convert_from(v_entry.content, 'UTF8')::jsonb ->> 'name';
        EXCEPTION WHEN others THEN
            CONTINUE;
        END;
        IF v_entry.actor = v_actor AND v_name = NEW.name
           AND (v_entry.action <> 'passphrase.change' OR v_actor = NEW.name) THEN
            RETURN NULL;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'changing % needs a signed audit entry (%) naming them in the same transaction',
        NEW.name, array_to_string(TG_ARGV, ', ') USING ERRCODE = 'insufficient_privilege';
END
$$;

REVOKE ALL ON FUNCTION onramp.require_entry() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER people_changes_need_entries AFTER INSERT OR UPDATE ON onramp.people
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_entry('person.add', 'person.disable', 'passphrase.reset');

CREATE CONSTRAINT TRIGGER slot_changes_need_entries AFTER INSERT OR UPDATE ON onramp.key_slots
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_entry('person.add', 'person.disable', 'passphrase.reset', 'passphrase.change');

INSERT INTO onramp.schema_version (version) VALUES (3);
RESET ROLE;
