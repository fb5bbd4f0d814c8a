-- Onramp team server, schema version 2: what an admin does to people is
-- signed end to end.
--
-- - A passphrase reset gives the person a new key pair, as in a folder vault:
--   the admin cannot re-seal the old secret key (it never leaves its
--   owner's slot), so onramp.reset_person takes the new public key with the
--   new slot and the new SCRAM verifier, and enables a disabled person
--   again.
-- - A key slot says whether its passphrase was handed over by an admin
--   (person.add, passphrase.reset): its owner must then choose their own
--   (onramp.change_own_passphrase) before Onramp does anything else for them.
-- - onramp.append_audit keeps the entries that change who is who for
--   admins: team.init (only as the log's first entry), person.add,
--   person.disable and passphrase.reset. Every client still checks each
--   entry's signature against the key the chain itself gave its actor
--   (TeamAccess.h, verifyAudit): the server cannot check an Ed25519
--   signature, a client can.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

DROP FUNCTION onramp.reset_person(text, text, bytea);

-- Slots that exist were chosen by their owners (version 1 had no command that
-- handed one over). A slot onramp.add_person makes is handed over when an
-- admin adds the person, not when team init's setup role adds the first
-- admin, who typed their own: the default asks who the caller is.
ALTER TABLE onramp.key_slots ADD COLUMN handed_over boolean NOT NULL DEFAULT false;
ALTER TABLE onramp.key_slots ALTER COLUMN handed_over SET DEFAULT onramp.is_admin();

-- Resets a person's passphrase: their login's SCRAM verifier, their key slot
-- and their public key change together, they may sign in again if they were
-- disabled, and their open sessions end. Only an enabled admin, and not on
-- themselves (they change their own passphrase instead).
CREATE FUNCTION onramp.reset_person(p_name text, p_verifier text, p_slot bytea, p_public_key bytea) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_login name;
BEGIN
    IF NOT onramp.is_admin() THEN
        RAISE EXCEPTION 'only an admin may reset a passphrase' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'the sign-in secret must be a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_public_key IS NULL OR length(p_public_key) <> 32 THEN
        RAISE EXCEPTION 'a reset needs the new 32-byte public key' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT login_role INTO v_login FROM onramp.people WHERE name = p_name FOR UPDATE;
    IF v_login IS NULL THEN
        RAISE EXCEPTION 'nobody is named %', p_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_name = onramp.current_person() THEN
        RAISE EXCEPTION 'an admin cannot reset their own passphrase' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE onramp.people SET sign_public_key = p_public_key, enabled = true WHERE name = p_name;
    UPDATE onramp.key_slots SET slot = p_slot, handed_over = true, updated_at = now() WHERE name = p_name;
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', v_login, p_verifier);
    PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = v_login AND pid <> pg_backend_pid();
END
$$;

REVOKE ALL ON FUNCTION onramp.reset_person(text, text, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp.reset_person(text, text, bytea, bytea) TO onramp_admin;

-- The signed-in person changes their own passphrase: their login's SCRAM
-- verifier and their slot (the same key, sealed with the new slot key)
-- change together, and the slot is theirs, no longer handed over. Only
-- for the caller's own login: there is no name to give.
CREATE FUNCTION onramp.change_own_passphrase(p_verifier text, p_slot bytea) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_name text := onramp.current_person();
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
    UPDATE onramp.key_slots SET slot = p_slot, handed_over = false, updated_at = now() WHERE name = v_name;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', session_user, p_verifier);
END
$$;

REVOKE ALL ON FUNCTION onramp.change_own_passphrase(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp.change_own_passphrase(text, bytea) TO onramp_hire, onramp_mentor, onramp_admin;

-- As in version 1, and: the entries that change who is who are an admin's
-- alone, and team.init is the first entry or none.
CREATE OR REPLACE FUNCTION onramp.append_audit(p_action text, p_content bytea, p_signature bytea) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET lock_timeout = '2s'
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_seq bigint;
    v_prev bytea;
    v_hash bytea;
BEGIN
    IF v_actor IS NULL THEN
        RAISE EXCEPTION 'only an enabled Onramp person may append to the audit log' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_action IS NULL OR p_action !~ '^[a-z][a-z0-9_.]{0,63}$' THEN
        RAISE EXCEPTION 'not an audit action: %', p_action USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_action IN ('team.init', 'person.add', 'person.disable', 'passphrase.reset') AND NOT onramp.is_admin() THEN
        RAISE EXCEPTION 'only an admin may record %', p_action USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_content IS NULL OR p_signature IS NULL OR length(p_signature) <> 64 THEN
        RAISE EXCEPTION 'an audit entry needs its content and a 64-byte signature' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- 'onramp' in ASCII: one key for the whole chain.
    PERFORM pg_advisory_xact_lock(122520156073328);
    SELECT seq, hash INTO v_seq, v_prev FROM onramp.audit ORDER BY seq DESC LIMIT 1;
    IF p_action = 'team.init' AND v_seq IS NOT NULL THEN
        RAISE EXCEPTION 'team.init is the audit log''s first entry, and it has one' USING ERRCODE = 'unique_violation';
    END IF;
    v_seq := coalesce(v_seq, 0) + 1;
    v_prev := coalesce(v_prev, decode(repeat('00', 32), 'hex'));
    v_hash := sha256(v_prev || int8send(v_seq) || convert_to(v_actor, 'UTF8') || '\x00'::bytea
                     || convert_to(p_action, 'UTF8') || '\x00'::bytea || p_content || p_signature);
    INSERT INTO onramp.audit (seq, prev_hash, hash, actor, action, content, signature)
        VALUES (v_seq, v_prev, v_hash, v_actor, p_action, p_content, p_signature);
    RETURN v_seq;
END
$$;

INSERT INTO onramp.schema_version (version) VALUES (2);
RESET ROLE;
