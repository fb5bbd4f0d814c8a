-- Onramp team server, schema version 1. ServerSchema::migrate applies it in
-- one transaction, as a role that may create roles, to a database that holds
-- nothing else.
--
-- Who is who: every person is a login role (onramp.login_role_for(name)) in
-- one group role per Onramp role: onramp_hire, onramp_mentor, onramp_admin.
-- Everything here is owned by onramp_owner, a role nobody logs in as or is a
-- member of, so row-level security applies to every person; the few rules
-- that span tables are SECURITY DEFINER functions owned by it, each with its
-- own search_path and its own check of the caller (session_user: a SET ROLE
-- changes nothing about who is asking).
--
-- The server enforces who may write what; the signatures on deciding rows
-- stay end-to-end and every client still verifies them.

DO $roles$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'onramp_owner') THEN
        -- CREATEROLE only so that onramp.add_person can make login roles;
        -- nobody logs in as it or is granted it.
        CREATE ROLE onramp_owner NOLOGIN CREATEROLE;
    END IF;
    -- So that onramp.disable_person can end the person's sessions.
    GRANT pg_signal_backend TO onramp_owner;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'onramp_hire') THEN
        CREATE ROLE onramp_hire NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'onramp_mentor') THEN
        CREATE ROLE onramp_mentor NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'onramp_admin') THEN
        CREATE ROLE onramp_admin NOLOGIN;
    END IF;
END
$roles$;

CREATE SCHEMA onramp AUTHORIZATION onramp_owner;
REVOKE ALL ON SCHEMA onramp FROM PUBLIC;
GRANT USAGE ON SCHEMA onramp TO onramp_hire, onramp_mentor, onramp_admin;

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE TABLE onramp.schema_version (
    version integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE onramp.people (
    name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9._-]{0,63}$'),
    login_role name NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('hire', 'mentor', 'admin')),
    full_name text NOT NULL DEFAULT '',
    sign_public_key bytea NOT NULL CHECK (length(sign_public_key) = 32),
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A person's key slot: ciphertext under the key their passphrase derives,
-- which never reaches the server. Readable only by its owner.
CREATE TABLE onramp.key_slots (
    name text PRIMARY KEY REFERENCES onramp.people (name),
    slot bytea NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE onramp.checklists (
    id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    title text NOT NULL
);

CREATE TABLE onramp.checklist_versions (
    checklist_id text NOT NULL REFERENCES onramp.checklists (id),
    version integer NOT NULL CHECK (version > 0),
    content bytea NOT NULL,
    required_steps text[] NOT NULL DEFAULT '{}',
    author text NOT NULL REFERENCES onramp.people (name),
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (checklist_id, version)
);

CREATE TABLE onramp.enrollments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hire text NOT NULL UNIQUE REFERENCES onramp.people (name),
    mentor text NOT NULL REFERENCES onramp.people (name),
    checklist_id text NOT NULL,
    version integer NOT NULL,
    start_date date NOT NULL,
    author text NOT NULL REFERENCES onramp.people (name),
    signature bytea NOT NULL,
    FOREIGN KEY (checklist_id, version) REFERENCES onramp.checklist_versions (checklist_id, version)
);
CREATE INDEX enrollments_mentor ON onramp.enrollments (mentor);

CREATE TABLE onramp.step_records (
    enrollment_id bigint NOT NULL REFERENCES onramp.enrollments (id),
    step_id text NOT NULL,
    done_at timestamptz NOT NULL DEFAULT now(),
    note text NOT NULL DEFAULT '',
    author text NOT NULL REFERENCES onramp.people (name),
    signature bytea NOT NULL,
    PRIMARY KEY (enrollment_id, step_id)
);

CREATE TABLE onramp.reviews (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enrollment_id bigint NOT NULL REFERENCES onramp.enrollments (id),
    step_id text NOT NULL,
    verdict text NOT NULL CHECK (verdict IN ('approved', 'changes')),
    note text NOT NULL DEFAULT '',
    author text NOT NULL REFERENCES onramp.people (name),
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_enrollment ON onramp.reviews (enrollment_id, step_id);

-- One sign-off per enrollment and checklist version: of two desks racing,
-- exactly one commits.
CREATE TABLE onramp.signoffs (
    enrollment_id bigint NOT NULL REFERENCES onramp.enrollments (id),
    version integer NOT NULL,
    author text NOT NULL REFERENCES onramp.people (name),
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (enrollment_id, version)
);

CREATE TABLE onramp.grants (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enrollment_id bigint NOT NULL REFERENCES onramp.enrollments (id),
    credential text NOT NULL,
    sealed bytea NOT NULL,
    expires_at timestamptz NOT NULL,
    author text NOT NULL REFERENCES onramp.people (name),
    signature bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    ended_by text REFERENCES onramp.people (name)
);
-- One live grant per credential and enrollment: of two desks racing to grant,
-- exactly one commits; a renewal ends the old grant in the same transaction.
CREATE UNIQUE INDEX grants_one_live ON onramp.grants (enrollment_id, credential) WHERE ended_at IS NULL;

-- Kept secrets, as ciphertext only: a sandbox credential sealed to its hire,
-- or (hire NULL) a production secret encrypted under the production key,
-- which only mentors and admins hold.
CREATE TABLE onramp.credentials (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    hire text REFERENCES onramp.people (name),
    name text NOT NULL,
    environment text NOT NULL CHECK (environment IN ('sandbox', 'production')),
    box bytea NOT NULL,
    author text NOT NULL REFERENCES onramp.people (name),
    signature bytea NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (environment = 'sandbox' OR hire IS NULL)
);
CREATE UNIQUE INDEX credentials_name ON onramp.credentials (coalesce(hire, ''), name);

-- The audit log: the client signs an entry's content, the server chains it
-- (onramp.append_audit). No Onramp role may insert, update, delete or
-- truncate here directly.
CREATE TABLE onramp.audit (
    seq bigint PRIMARY KEY CHECK (seq > 0),
    prev_hash bytea NOT NULL CHECK (length(prev_hash) = 32),
    hash bytea NOT NULL CHECK (length(hash) = 32),
    actor text NOT NULL REFERENCES onramp.people (name),
    action text NOT NULL,
    content bytea NOT NULL,
    signature bytea NOT NULL CHECK (length(signature) = 64),
    recorded_at timestamptz NOT NULL DEFAULT now()
);

-- Who is asking: the enabled person whose login role opened this session.
CREATE FUNCTION onramp.current_person() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT name FROM onramp.people WHERE login_role = session_user AND enabled $$;

CREATE FUNCTION onramp.is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT FROM onramp.people WHERE login_role = session_user AND enabled AND role = 'admin') $$;

-- Whether the caller is the enrollment's hire, or its mentor: about the
-- caller only, so that nobody learns who another enrollment belongs to.
CREATE FUNCTION onramp.is_hire_of(p_enrollment bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT FROM onramp.enrollments WHERE id = p_enrollment AND hire = onramp.current_person()) $$;

CREATE FUNCTION onramp.is_mentor_of(p_enrollment bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT FROM onramp.enrollments WHERE id = p_enrollment AND mentor = onramp.current_person()) $$;

-- The login role of a person: within PostgreSQL's 63 bytes for any name.
CREATE FUNCTION onramp.login_role_for(p_name text) RETURNS name
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT CASE WHEN length(p_name) <= 54 THEN 'onramp_p_' || p_name
                    ELSE 'onramp_p_' || left(p_name, 40) || '_' || left(md5(p_name), 13) END::name
    $$;

-- The gate, as far as the server can judge it: every required step of the
-- enrollment's checklist version has a step record whose latest review (if
-- any) approved it, and the enrollment's mentor signed off that version.
-- Clients still decide from the signed records (app/core/gate). False for
-- an enrollment the caller may not see.
CREATE FUNCTION onramp.gate_open(p_enrollment bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT (onramp.is_hire_of(p_enrollment) OR onramp.is_mentor_of(p_enrollment) OR onramp.is_admin())
        AND EXISTS (
            SELECT FROM onramp.enrollments e
            JOIN onramp.signoffs s ON s.enrollment_id = e.id AND s.version = e.version AND s.author = e.mentor
            WHERE e.id = p_enrollment)
        AND NOT EXISTS (
            SELECT FROM onramp.enrollments e
            JOIN onramp.checklist_versions v ON v.checklist_id = e.checklist_id AND v.version = e.version
            CROSS JOIN LATERAL unnest(v.required_steps) AS required(step_id)
            WHERE e.id = p_enrollment
              AND (NOT EXISTS (SELECT FROM onramp.step_records r
                               WHERE r.enrollment_id = e.id AND r.step_id = required.step_id)
                   OR (SELECT verdict FROM onramp.reviews w
                       WHERE w.enrollment_id = e.id AND w.step_id = required.step_id
                       ORDER BY w.id DESC LIMIT 1) = 'changes'))
    $$;

-- Adds a person: their login role (from a SCRAM verifier the client made
-- with PQencryptPasswordConn: the server never sees a password), their row
-- and their key slot, in the caller's transaction. Only an enabled admin
-- may call it, or, while the team has no person yet, the role that set it
-- up (onramp team init).
CREATE FUNCTION onramp.add_person(p_name text, p_role text, p_full_name text, p_public_key bytea,
                                  p_verifier text, p_slot bytea) RETURNS name
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_login name := onramp.login_role_for(p_name);
BEGIN
    IF NOT onramp.is_admin() THEN
        IF EXISTS (SELECT FROM onramp.people)
           OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = session_user AND (rolsuper OR rolcreaterole)) THEN
            RAISE EXCEPTION 'only an admin may add people' USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF p_name IS NULL OR p_name !~ '^[a-z][a-z0-9._-]{0,63}$' THEN
        RAISE EXCEPTION 'not a valid name: %', p_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_role IS NULL OR p_role NOT IN ('hire', 'mentor', 'admin') THEN
        RAISE EXCEPTION 'not an Onramp role: %', p_role USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_verifier IS NULL OR p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'the sign-in secret must be a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = v_login) THEN
        RAISE EXCEPTION 'the login role % exists already', v_login USING ERRCODE = 'duplicate_object';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', v_login, p_verifier, 'onramp_' || p_role);
    INSERT INTO onramp.people (name, login_role, role, full_name, sign_public_key)
        VALUES (p_name, v_login, p_role, coalesce(p_full_name, ''), p_public_key);
    INSERT INTO onramp.key_slots (name, slot) VALUES (p_name, p_slot);
    RETURN v_login;
END
$$;

-- Disables a person: their row, their key slot (emptied) and their login
-- (NOLOGIN), in the caller's transaction, and ends their open sessions at
-- once (a session that survived could do nothing: onramp.current_person()
-- knows only enabled people). Only an enabled admin, and not on themselves.
CREATE FUNCTION onramp.disable_person(p_name text) RETURNS void
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
    PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = v_login AND pid <> pg_backend_pid();
END
$$;

-- Resets a person's passphrase: their login's SCRAM verifier and their key
-- slot change together, and their open sessions end. Only an enabled admin.
CREATE FUNCTION onramp.reset_person(p_name text, p_verifier text, p_slot bytea) RETURNS void
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
    SELECT login_role INTO v_login FROM onramp.people WHERE name = p_name AND enabled FOR UPDATE;
    IF v_login IS NULL THEN
        RAISE EXCEPTION 'nobody enabled is named %', p_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE onramp.key_slots SET slot = p_slot, updated_at = now() WHERE name = p_name;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', v_login, p_verifier);
    PERFORM pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = v_login AND pid <> pg_backend_pid();
END
$$;

-- Appends one audit entry: the caller signed p_content with their key; the
-- server assigns the sequence number and the previous entry's hash under a
-- transaction-scoped advisory lock, waiting for it no longer than
-- lock_timeout. The lock is held until the transaction ends, so a client
-- sends this call and its COMMIT in one round trip
-- (PgConnection::Transaction::commitAfter): the lock never waits on a client.
CREATE FUNCTION onramp.append_audit(p_action text, p_content bytea, p_signature bytea) RETURNS bigint
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
    IF p_content IS NULL OR p_signature IS NULL OR length(p_signature) <> 64 THEN
        RAISE EXCEPTION 'an audit entry needs its content and a 64-byte signature' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- 'onramp' in ASCII: one key for the whole chain.
    PERFORM pg_advisory_xact_lock(122520156073328);
    SELECT seq, hash INTO v_seq, v_prev FROM onramp.audit ORDER BY seq DESC LIMIT 1;
    v_seq := coalesce(v_seq, 0) + 1;
    v_prev := coalesce(v_prev, decode(repeat('00', 32), 'hex'));
    v_hash := sha256(v_prev || int8send(v_seq) || convert_to(v_actor, 'UTF8') || '\x00'::bytea
                     || convert_to(p_action, 'UTF8') || '\x00'::bytea || p_content || p_signature);
    INSERT INTO onramp.audit (seq, prev_hash, hash, actor, action, content, signature)
        VALUES (v_seq, v_prev, v_hash, v_actor, p_action, p_content, p_signature);
    RETURN v_seq;
END
$$;

-- Nothing is anyone's by default; each group gets what its rules need.
REVOKE ALL ON ALL TABLES IN SCHEMA onramp FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA onramp FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp.current_person(), onramp.is_admin(), onramp.is_hire_of(bigint),
    onramp.is_mentor_of(bigint), onramp.login_role_for(text), onramp.gate_open(bigint),
    onramp.append_audit(text, bytea, bytea)
    TO onramp_hire, onramp_mentor, onramp_admin;
GRANT EXECUTE ON FUNCTION onramp.add_person(text, text, text, bytea, text, bytea), onramp.disable_person(text),
    onramp.reset_person(text, text, bytea) TO onramp_admin;

GRANT SELECT ON onramp.schema_version, onramp.people, onramp.checklists, onramp.checklist_versions
    TO onramp_hire, onramp_mentor, onramp_admin;
GRANT SELECT, UPDATE (slot, updated_at) ON onramp.key_slots TO onramp_hire, onramp_mentor, onramp_admin;
GRANT UPDATE (full_name) ON onramp.people TO onramp_admin;
GRANT INSERT ON onramp.checklists, onramp.checklist_versions TO onramp_admin;
GRANT UPDATE (title) ON onramp.checklists TO onramp_admin;
GRANT SELECT ON onramp.enrollments, onramp.step_records, onramp.reviews, onramp.signoffs, onramp.grants
    TO onramp_hire, onramp_mentor, onramp_admin;
GRANT INSERT, UPDATE (checklist_id, version, mentor, author, signature) ON onramp.enrollments TO onramp_admin;
GRANT INSERT, UPDATE (done_at, note, author, signature) ON onramp.step_records TO onramp_hire;
GRANT INSERT ON onramp.reviews, onramp.signoffs, onramp.grants TO onramp_mentor;
GRANT UPDATE (ended_at, ended_by) ON onramp.grants TO onramp_mentor, onramp_admin;
GRANT SELECT ON onramp.audit TO onramp_hire, onramp_mentor, onramp_admin;
GRANT SELECT ON onramp.credentials TO onramp_hire, onramp_mentor, onramp_admin;
GRANT INSERT, UPDATE (box, author, signature, updated_at) ON onramp.credentials TO onramp_admin;

-- Row-level security: the rules of docs/SECURITY.md, enforced by the server.
ALTER TABLE onramp.people ENABLE ROW LEVEL SECURITY;
CREATE POLICY people_read ON onramp.people FOR SELECT USING (true);
CREATE POLICY people_admin ON onramp.people FOR UPDATE USING (onramp.is_admin()) WITH CHECK (onramp.is_admin());

ALTER TABLE onramp.key_slots ENABLE ROW LEVEL SECURITY;
CREATE POLICY slot_owner_read ON onramp.key_slots FOR SELECT USING (name = onramp.current_person());
CREATE POLICY slot_owner_write ON onramp.key_slots FOR UPDATE
    USING (name = onramp.current_person()) WITH CHECK (name = onramp.current_person());

ALTER TABLE onramp.checklists ENABLE ROW LEVEL SECURITY;
CREATE POLICY checklists_read ON onramp.checklists FOR SELECT USING (true);
CREATE POLICY checklists_admin_add ON onramp.checklists FOR INSERT WITH CHECK (onramp.is_admin());
CREATE POLICY checklists_admin_edit ON onramp.checklists FOR UPDATE USING (onramp.is_admin()) WITH CHECK (onramp.is_admin());

ALTER TABLE onramp.checklist_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY versions_read ON onramp.checklist_versions FOR SELECT USING (true);
CREATE POLICY versions_admin_add ON onramp.checklist_versions FOR INSERT
    WITH CHECK (onramp.is_admin() AND author = onramp.current_person());

ALTER TABLE onramp.enrollments ENABLE ROW LEVEL SECURITY;
CREATE POLICY enrollments_read ON onramp.enrollments FOR SELECT
    USING (hire = onramp.current_person() OR mentor = onramp.current_person() OR onramp.is_admin());
CREATE POLICY enrollments_admin_add ON onramp.enrollments FOR INSERT
    WITH CHECK (onramp.is_admin() AND author = onramp.current_person());
CREATE POLICY enrollments_admin_move ON onramp.enrollments FOR UPDATE
    USING (onramp.is_admin()) WITH CHECK (onramp.is_admin() AND author = onramp.current_person());

ALTER TABLE onramp.step_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY steps_read ON onramp.step_records FOR SELECT
    USING (onramp.is_hire_of(enrollment_id)
           OR onramp.is_mentor_of(enrollment_id) OR onramp.is_admin());
CREATE POLICY steps_hire_add ON onramp.step_records FOR INSERT
    WITH CHECK (onramp.is_hire_of(enrollment_id) AND author = onramp.current_person());
CREATE POLICY steps_hire_edit ON onramp.step_records FOR UPDATE
    USING (onramp.is_hire_of(enrollment_id))
    WITH CHECK (onramp.is_hire_of(enrollment_id) AND author = onramp.current_person());

ALTER TABLE onramp.reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY reviews_read ON onramp.reviews FOR SELECT
    USING (onramp.is_hire_of(enrollment_id)
           OR onramp.is_mentor_of(enrollment_id) OR onramp.is_admin());
CREATE POLICY reviews_mentor_add ON onramp.reviews FOR INSERT
    WITH CHECK (onramp.is_mentor_of(enrollment_id) AND author = onramp.current_person());

ALTER TABLE onramp.signoffs ENABLE ROW LEVEL SECURITY;
CREATE POLICY signoffs_read ON onramp.signoffs FOR SELECT
    USING (onramp.is_hire_of(enrollment_id)
           OR onramp.is_mentor_of(enrollment_id) OR onramp.is_admin());
CREATE POLICY signoffs_mentor_add ON onramp.signoffs FOR INSERT
    WITH CHECK (onramp.is_mentor_of(enrollment_id) AND author = onramp.current_person());

ALTER TABLE onramp.grants ENABLE ROW LEVEL SECURITY;
CREATE POLICY grants_read ON onramp.grants FOR SELECT
    USING (onramp.is_hire_of(enrollment_id)
           OR onramp.is_mentor_of(enrollment_id) OR onramp.is_admin());
CREATE POLICY grants_mentor_add ON onramp.grants FOR INSERT
    WITH CHECK (onramp.is_mentor_of(enrollment_id) AND author = onramp.current_person()
                AND onramp.gate_open(enrollment_id));
CREATE POLICY grants_end ON onramp.grants FOR UPDATE
    USING (onramp.is_mentor_of(enrollment_id) OR onramp.is_admin())
    WITH CHECK (ended_by = onramp.current_person());

ALTER TABLE onramp.credentials ENABLE ROW LEVEL SECURITY;
CREATE POLICY credentials_read ON onramp.credentials FOR SELECT
    USING (hire = onramp.current_person() OR onramp.is_admin()
           OR EXISTS (SELECT FROM onramp.people WHERE name = onramp.current_person() AND role = 'mentor'));
CREATE POLICY credentials_admin_add ON onramp.credentials FOR INSERT
    WITH CHECK (onramp.is_admin() AND author = onramp.current_person());
CREATE POLICY credentials_admin_set ON onramp.credentials FOR UPDATE
    USING (onramp.is_admin()) WITH CHECK (onramp.is_admin() AND author = onramp.current_person());

ALTER TABLE onramp.audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_read ON onramp.audit FOR SELECT
    USING (actor = onramp.current_person() OR onramp.is_admin()
           OR EXISTS (SELECT FROM onramp.people WHERE name = onramp.current_person() AND role = 'mentor'));

INSERT INTO onramp.schema_version (version) VALUES (1);
RESET ROLE;
