-- Onramp team server, schema version 11: the first passphrase a person
-- chooses gives them a new key pair.
--
-- Whoever handed a passphrase over (the admin who typed it, anyone who saw
-- it on its way) can open the slot it sealed, and with it the person's
-- signing key. The person's first choice of their own passphrase therefore
-- retires that key, as in a folder vault: onramp.change_own_passphrase
-- takes the new public key with the new slot and verifier while the slot
-- is still marked handed over, and reseals the caller's own production box
-- (if they hold one) to the new key, in the transaction of their signed
-- passphrase.change entry, which carries public_key and
-- previous_public_key and is signed with the key it retires.
--
-- The server cannot check an Ed25519 signature; it checks what it can, so
-- that a hire cannot give themselves a key the desks will not take:
-- - only a slot marked handed over gets a new key, and only from its owner;
-- - the key is no key any entry of the log ever gave anyone;
-- - a deferred constraint trigger refuses the commit unless this
--   transaction appended the caller's own passphrase.change (or an admin's
--   passphrase.reset) naming exactly the new key and, for a change, the one
--   it replaces.
-- Every desk still takes the key only from a change that verifies
-- (TeamAccess.cpp, checkChain). A key-giving change whose signature fails
-- is set aside and leaves the people row with a key the log did not give:
-- every verifying desk then names that person until an admin disables
-- them (a passphrase reset then gives them a key again).
--
-- While a slot is marked handed over its owner appends nothing but their
-- passphrase.change, and that change must give a new key; once it
-- committed, their desk ends every other session of their login
-- (onramp.end_own_sessions), one opened with the handed-over passphrase
-- too.
--
-- Every enabled person reads the key-giving changes, as they read the
-- other entries that say who is who (schema 6).

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

DROP FUNCTION onramp.change_own_passphrase(text, bytea);

CREATE FUNCTION onramp.change_own_passphrase(p_verifier text, p_slot bytea, p_public_key bytea, p_production_box bytea)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_name text := onramp.current_person();
    v_handed boolean;
    v_key bytea;
BEGIN
    IF v_name IS NULL THEN
        RAISE EXCEPTION 'only an enabled Onramp person may change their passphrase' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'the sign-in secret must be a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_slot IS NULL OR length(p_slot) < 2 THEN
        RAISE EXCEPTION 'a passphrase change needs the new key slot' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT s.handed_over, p.sign_public_key INTO v_handed, v_key
        FROM onramp.key_slots s JOIN onramp.people p ON p.name = s.name
        WHERE s.name = v_name FOR UPDATE;
    IF coalesce(v_handed, false) AND (p_public_key IS NULL OR p_public_key = v_key) THEN
        RAISE EXCEPTION 'the first passphrase chosen after a handed-over one gives a new key'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_public_key IS NOT NULL AND p_public_key IS DISTINCT FROM v_key THEN
        IF NOT coalesce(v_handed, false) THEN
            RAISE EXCEPTION 'only the first passphrase chosen after a handed-over one gives a new key'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF octet_length(p_public_key) <> 32 THEN
            RAISE EXCEPTION 'not a signing key' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT FROM onramp.people WHERE sign_public_key = p_public_key)
           OR EXISTS (SELECT FROM onramp.audit
                       WHERE action IN ('team.init', 'person.add', 'passphrase.reset', 'passphrase.change')
                         AND onramp.entry_json(content) ->> 'public_key' = encode(p_public_key, 'base64')) THEN
            RAISE EXCEPTION 'that key was given before' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        UPDATE onramp.people SET sign_public_key = p_public_key WHERE name = v_name;
        IF p_production_box IS NOT NULL THEN
            IF octet_length(p_production_box) <> 80 THEN
                RAISE EXCEPTION 'not a sealed production key' USING ERRCODE = 'invalid_parameter_value';
            END IF;
            -- Only a box the caller holds already: never one of their own making.
            UPDATE onramp.production_boxes SET box = p_production_box, author = v_name, updated_at = now()
                WHERE name = v_name;
            IF NOT FOUND THEN
                RAISE EXCEPTION '% holds no production key to seal again', v_name
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
        ELSE
            -- A box sealed to the retired key opens for nobody now.
            DELETE FROM onramp.production_boxes WHERE name = v_name;
        END IF;
    ELSIF p_production_box IS NOT NULL THEN
        RAISE EXCEPTION 'a production key is sealed again only to a new key' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE onramp.key_slots SET slot = p_slot, handed_over = false, updated_at = now() WHERE name = v_name;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_verifier);
END
$$;

REVOKE ALL ON FUNCTION onramp.change_own_passphrase(text, bytea, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp.change_own_passphrase(text, bytea, bytea, bytea)
    TO onramp_hire, onramp_mentor, onramp_admin;

-- Ends every other open session of the caller's own login: a desk calls it
-- once its passphrase change committed, so that a session opened with the
-- passphrase given up (the handed-over one, say) ends too. Returns how many.
CREATE FUNCTION onramp.end_own_sessions() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_ended integer;
BEGIN
    SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) INTO v_ended
        FROM pg_stat_activity WHERE usename = session_user AND pid <> pg_backend_pid();
    RETURN v_ended;
END
$$;

REVOKE ALL ON FUNCTION onramp.end_own_sessions() FROM PUBLIC;

-- As in version 4, and not by an admin who still holds a handed-over
-- passphrase (whoever else saw it could end anyone's sessions).
CREATE OR REPLACE FUNCTION onramp.end_sessions(p_name text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_login name;
    v_ended integer;
BEGIN
    IF NOT onramp.is_admin()
       OR EXISTS (SELECT FROM onramp.key_slots WHERE name = onramp.current_person() AND handed_over) THEN
        RAISE EXCEPTION 'only an admin who chose their own passphrase may end someone''s sessions'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT login_role INTO v_login FROM onramp.people WHERE name = p_name;
    IF v_login IS NULL THEN
        RAISE EXCEPTION 'nobody is named %', p_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) INTO v_ended
        FROM pg_stat_activity WHERE usename = v_login AND pid <> pg_backend_pid();
    RETURN v_ended;
END
$$;
GRANT EXECUTE ON FUNCTION onramp.end_own_sessions() TO onramp_hire, onramp_mentor, onramp_admin;

-- A person whose passphrase is still a handed-over one appends nothing but
-- their passphrase.change: whoever else saw that passphrase signs nothing
-- in their name (every row that counts commits only with its entry).
CREATE FUNCTION onramp.refuse_handed_over_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NEW.action <> 'passphrase.change'
       AND EXISTS (SELECT FROM onramp.key_slots WHERE name = NEW.actor AND handed_over) THEN
        RAISE EXCEPTION '% still signs in with a handed-over passphrase: they choose their own before anything else',
            NEW.actor USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

REVOKE ALL ON FUNCTION onramp.refuse_handed_over_entry() FROM PUBLIC;

CREATE TRIGGER handed_over_chooses_first BEFORE INSERT ON onramp.audit
    FOR EACH ROW EXECUTE FUNCTION onramp.refuse_handed_over_entry();

-- A person's key changes only with the signed entry that gives it, naming
-- exactly that key (and, for their own change, the key it replaces).
CREATE FUNCTION onramp.require_key_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_entry record;
    v jsonb;
BEGIN
    FOR v_entry IN SELECT a.action, a.actor, a.content FROM onramp.audit a
                    WHERE a.xmin = pg_current_xact_id()::xid AND a.action IN ('passphrase.reset', 'passphrase.change')
                      AND a.actor = v_actor
                    ORDER BY a.seq DESC LIMIT 64 LOOP
        v := onramp.entry_json(v_entry.content);
        IF v IS NULL OR v ->> 'name' IS DISTINCT FROM NEW.name
           OR v ->> 'public_key' IS DISTINCT FROM encode(NEW.sign_public_key, 'base64') THEN
            CONTINUE;
        END IF;
        IF v_entry.action = 'passphrase.reset'
           OR (v_actor = NEW.name AND v ->> 'previous_public_key' = encode(OLD.sign_public_key, 'base64')) THEN
            RETURN NULL;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'the key of % changes only with a signed entry giving exactly that key in the same transaction',
        NEW.name USING ERRCODE = 'insufficient_privilege';
END
$$;

REVOKE ALL ON FUNCTION onramp.require_key_entry() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER people_keys_need_their_entry AFTER UPDATE OF sign_public_key ON onramp.people
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.sign_public_key IS DISTINCT FROM NEW.sign_public_key)
    EXECUTE FUNCTION onramp.require_key_entry();

-- And a key-giving passphrase.change commits only with that change of its
-- actor's key, in the same transaction: an entry alone, which every desk
-- would refuse, never enters the log.
CREATE FUNCTION onramp.require_key_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v jsonb := onramp.entry_json(NEW.content);
BEGIN
    -- A change without a key is never the first choice: none while the
    -- actor's slot is still marked handed over at the commit.
    IF v IS NOT NULL AND NOT (v ? 'public_key') THEN
        IF EXISTS (SELECT FROM onramp.key_slots WHERE name = NEW.actor AND handed_over) THEN
            RAISE EXCEPTION '% still holds a handed-over passphrase: their first choice gives a new key', NEW.actor
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NULL;
    END IF;
    IF v IS NOT NULL AND v ->> 'name' = NEW.actor
       AND EXISTS (SELECT FROM onramp.people
                    WHERE name = NEW.actor AND xmin = pg_current_xact_id()::xid
                      AND encode(sign_public_key, 'base64') = v ->> 'public_key') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'a passphrase.change that gives % a key commits only with that change of their key', NEW.actor
        USING ERRCODE = 'insufficient_privilege';
END
$$;

REVOKE ALL ON FUNCTION onramp.require_key_change() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER key_giving_entries_need_the_change AFTER INSERT ON onramp.audit
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (NEW.action = 'passphrase.change')
    EXECUTE FUNCTION onramp.require_key_change();

-- The rows a first choice changes: the person and their production box
-- commit with their own passphrase.change too (onramp.require_entry takes
-- a change only from the person it names).
DROP TRIGGER people_changes_need_entries ON onramp.people;
CREATE CONSTRAINT TRIGGER people_changes_need_entries AFTER INSERT OR UPDATE ON onramp.people
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_entry('person.add', 'person.disable', 'passphrase.reset', 'passphrase.change');

DROP TRIGGER production_boxes_need_entries ON onramp.production_boxes;
CREATE CONSTRAINT TRIGGER production_boxes_need_entries AFTER INSERT OR UPDATE ON onramp.production_boxes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_entry('team.init', 'person.add', 'passphrase.reset', 'passphrase.change');

DROP POLICY audit_read_shared ON onramp.audit;
CREATE POLICY audit_read_shared ON onramp.audit FOR SELECT
    USING (onramp.current_person() IS NOT NULL
           AND (action IN ('team.init', 'person.add', 'person.disable', 'passphrase.reset', 'checklist.import',
                           'checklist.save')
                OR (action = 'passphrase.change' AND onramp.entry_json(content) ? 'public_key')
                OR (action IN ('enrollment.create', 'enrollment.move', 'step.approve', 'step.reject', 'signoff',
                               'grant.create', 'grant.renew', 'grant.revoke')
                    AND onramp.entry_json(content) ->> 'name' = onramp.current_person())));

INSERT INTO onramp.schema_version (version) VALUES (11);
RESET ROLE;
