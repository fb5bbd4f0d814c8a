-- Onramp team server, schema version 4: the audit log holds against a hostile
-- login (docs/SECURITY.md, "A team server").
--
-- - Each action is recorded only by the Onramp roles that may make it
--   (onramp.audit_actions); any other action is refused. Clients check the
--   same table of their own when they verify the log (TeamAccess.cpp).
-- - An entry's signature covers its sequence number and the previous entry's
--   hash (signed_as 2): the client reads the head (onramp.audit_head), signs,
--   and onramp.append_audit takes the entry only if the head is still the
--   one it signed over, else the client signs again (serialization_failure).
--   An entry copied and sent again no longer fits anywhere in the chain.
--   Entries recorded before this version stay signed_as 1.
-- - The chain's lock is the head row, locked FOR UPDATE inside append_audit:
--   no Onramp role may UPDATE it, so none can lock it (PostgreSQL asks for
--   UPDATE privilege to lock a row); the advisory lock any login could hold
--   is gone. An entry's content is at most 16 KiB.
-- - disable_person and reset_person no longer end the person's sessions
--   inside the admin's transaction (a refused act had already ended them,
--   and a session opened before the commit survived); the client ends them
--   after the commit (onramp.end_sessions).

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE TABLE onramp.audit_actions (
    action text NOT NULL,
    role text NOT NULL CHECK (role IN ('hire', 'mentor', 'admin')),
    PRIMARY KEY (action, role)
);
INSERT INTO onramp.audit_actions (action, role) VALUES
    ('team.init', 'admin'), ('person.add', 'admin'), ('person.disable', 'admin'), ('passphrase.reset', 'admin'),
    ('checklist.import', 'admin'), ('checklist.save', 'admin'), ('enrollment.create', 'admin'),
    ('enrollment.move', 'admin'), ('credential.set', 'admin'), ('grant.revoke', 'admin'),
    ('step.approve', 'mentor'), ('step.reject', 'mentor'), ('signoff', 'mentor'),
    ('grant.create', 'mentor'), ('grant.renew', 'mentor'), ('grant.revoke', 'mentor'),
    ('credential.reveal', 'mentor'), ('credential.reveal', 'hire'),
    ('step.done', 'hire'), ('step.undo', 'hire'), ('step.note', 'hire'),
    ('passphrase.change', 'hire'), ('passphrase.change', 'mentor'), ('passphrase.change', 'admin');

ALTER TABLE onramp.audit ADD COLUMN signed_as smallint NOT NULL DEFAULT 1 CHECK (signed_as IN (1, 2));
ALTER TABLE onramp.audit ALTER COLUMN signed_as SET DEFAULT 2;
-- NOT VALID: an older server's entries stay as they are; every new one is held to it.
ALTER TABLE onramp.audit ADD CONSTRAINT audit_content_size CHECK (length(content) <= 16384) NOT VALID;

-- The chain's head: one row, which append_audit alone locks and moves.
CREATE TABLE onramp.audit_head (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq bigint NOT NULL CHECK (seq >= 0),
    hash bytea NOT NULL CHECK (length(hash) = 32)
);
INSERT INTO onramp.audit_head (seq, hash)
    SELECT coalesce(max(seq), 0),
           coalesce((SELECT hash FROM onramp.audit ORDER BY seq DESC LIMIT 1), decode(repeat('00', 32), 'hex'))
    FROM onramp.audit;

DROP FUNCTION onramp.append_audit(text, bytea, bytea);

-- Appends one audit entry that the caller signed over p_seq and p_prev (the
-- head they read plus one, and its hash) with their key. Under the head
-- row's lock, waiting for it no longer than lock_timeout: the entry is taken
-- only if the head is still the one the caller read. The lock is held until
-- the transaction ends, so a client sends this call and its COMMIT in one
-- round trip (PgConnection::Transaction::commitAfter).
CREATE FUNCTION onramp.append_audit(p_action text, p_content bytea, p_signature bytea, p_seq bigint, p_prev bytea)
    RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET lock_timeout = '2s'
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_role text;
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
    SELECT role INTO v_role FROM onramp.people WHERE name = v_actor;
    IF NOT EXISTS (SELECT FROM onramp.audit_actions WHERE action = p_action AND role = v_role) THEN
        RAISE EXCEPTION 'a % may not record %', v_role, p_action USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_content IS NULL OR p_signature IS NULL OR length(p_signature) <> 64 THEN
        RAISE EXCEPTION 'an audit entry needs its content and a 64-byte signature' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF length(p_content) > 16384 THEN
        RAISE EXCEPTION 'an audit entry''s content is at most 16384 bytes, this one has %', length(p_content)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT seq, hash INTO v_seq, v_prev FROM onramp.audit_head FOR UPDATE;
    IF p_action = 'team.init' AND v_seq <> 0 THEN
        RAISE EXCEPTION 'team.init is the audit log''s first entry, and it has one' USING ERRCODE = 'unique_violation';
    END IF;
    IF p_seq IS DISTINCT FROM v_seq + 1 OR p_prev IS DISTINCT FROM v_prev THEN
        RAISE EXCEPTION 'the audit log moved on to entry % since this entry was signed', v_seq
            USING ERRCODE = 'serialization_failure';
    END IF;
    v_seq := v_seq + 1;
    v_hash := sha256(v_prev || int8send(v_seq) || convert_to(v_actor, 'UTF8') || '\x00'::bytea
                     || convert_to(p_action, 'UTF8') || '\x00'::bytea || p_content || p_signature);
    INSERT INTO onramp.audit (seq, prev_hash, hash, actor, action, content, signature, signed_as)
        VALUES (v_seq, v_prev, v_hash, v_actor, p_action, p_content, p_signature, 2);
    UPDATE onramp.audit_head SET seq = v_seq, hash = v_hash;
    RETURN v_seq;
END
$$;

-- As in version 2, without ending sessions (onramp.end_sessions does, after the commit).
CREATE OR REPLACE FUNCTION onramp.disable_person(p_name text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_login name;
BEGIN
    IF NOT onramp.is_admin() THEN
        RAISE EXCEPTION 'only an admin may disable people' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT login_role INTO v_login FROM onramp.people WHERE name = p_name AND enabled FOR UPDATE;
    IF v_login IS NULL THEN
        RAISE EXCEPTION 'nobody enabled is named %', p_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_name = onramp.current_person() THEN
        RAISE EXCEPTION 'an admin cannot disable themselves' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE onramp.people SET enabled = false WHERE name = p_name;
    UPDATE onramp.key_slots SET slot = '\x'::bytea, updated_at = now() WHERE name = p_name;
    EXECUTE format('ALTER ROLE %I NOLOGIN', v_login);
END
$$;

CREATE OR REPLACE FUNCTION onramp.reset_person(p_name text, p_verifier text, p_slot bytea, p_public_key bytea)
    RETURNS void
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
END
$$;

-- Ends every open session of p_name's login but the caller's: an admin's
-- desk calls it after a disable or a reset has committed, so that a session
-- opened with the old credential while the act was under way ends too, and
-- a refused act ends nothing. Only an enabled admin; returns how many ended.
CREATE FUNCTION onramp.end_sessions(p_name text) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_login name;
    v_ended integer;
BEGIN
    IF NOT onramp.is_admin() THEN
        RAISE EXCEPTION 'only an admin may end someone''s sessions' USING ERRCODE = 'insufficient_privilege';
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

REVOKE ALL ON onramp.audit_actions, onramp.audit_head FROM PUBLIC;
GRANT SELECT ON onramp.audit_actions, onramp.audit_head TO onramp_hire, onramp_mentor, onramp_admin;
REVOKE ALL ON FUNCTION onramp.append_audit(text, bytea, bytea, bigint, bytea), onramp.end_sessions(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp.append_audit(text, bytea, bytea, bigint, bytea)
    TO onramp_hire, onramp_mentor, onramp_admin;
GRANT EXECUTE ON FUNCTION onramp.end_sessions(text) TO onramp_admin;

INSERT INTO onramp.schema_version (version) VALUES (4);
RESET ROLE;
