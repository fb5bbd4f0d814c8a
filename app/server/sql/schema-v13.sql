-- Onramp team server, schema version 13: what one login can take from
-- everyone, and whose acts an entry may record.
--
-- PostgreSQL's lock table is shared by the whole cluster, and a single
-- session may fill it: a hire's login took advisory locks (or made
-- temporary tables, one lock each) until it was full and kept its session
-- open, and from then on every connection, the superuser's included, was
-- refused ("out of shared memory") until that session ended. Onramp uses
-- none of these, so in the team's database no role but a superuser may
-- take an advisory lock, make a temporary table or create a large object
-- (which also grew the database without any entry). Only a superuser or
-- the database's owner may take these from PUBLIC: run by a setup role
-- that may not, each REVOKE below changes nothing (a warning, no error),
-- and team init says what is still open (docs/DEPLOYMENT.md, which also
-- keeps Onramp's logins out of the cluster's other databases).
--
-- An entry that names an enrollment records the act of someone that
-- enrollment concerns: the hire's own steps (step.done, step.undo), the
-- mentor's reviews and sign-off (step.approve, step.reject, signoff), a
-- note by either, and a grant's acts by the mentor or an admin. Another
-- mentor's signed step.reject naming a hire not theirs made every desk
-- refuse that hire for good; desks no longer count it, and the server no
-- longer takes it. And JSON that jsonb cannot read (a \u0000, a lone
-- surrogate) passed every check unread, and a desk may read it: it is
-- refused now.
--
-- A person's login may no longer update their own key slot directly (every
-- change goes through onramp.change_own_passphrase, SECURITY DEFINER):
-- with UPDATE, a hire could lock their slot row FOR UPDATE and hold it, and
-- an admin's disable or reset of them waited for as long as they liked.
-- And an admin inserts every column of a credential but its id, as
-- schema 12 made it for the other tables.
--
-- A step record is kept as it is once the mentor approved the step, or
-- once production access is signed off (see keep_reviewed_records below).
--
-- A hire writes only through functions (record_step, undo_step), and every
-- write counts what a hire's session holds (keep_write_budget): one
-- login's savepoints filled the cluster's lock table as the advisory
-- locks did. And disabling a person no longer waits for what their own
-- sessions hold.

DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
              WHERE p.pronamespace = 'pg_catalog'::regnamespace
                AND ((p.proname LIKE 'pg\_%advisory\_%lock%' AND p.proname NOT LIKE '%unlock%')
                     OR p.proname IN ('lo_create', 'lo_creat', 'lo_from_bytea', 'lo_import'))
    LOOP
        BEGIN
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'the setup role may not revoke EXECUTE on % from PUBLIC', f;
        END;
    END LOOP;
    BEGIN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'the setup role may not revoke TEMPORARY on % from PUBLIC', current_database();
    END;
END
$$;

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

-- Content that is no JSON object vouches for nothing on any desk, and
-- schema 12's check of the fields passes it unread. Content that begins
-- like an object must then be one the server reads as a desk does: a
-- \u0000 or a lone surrogate that jsonb refuses, invalid UTF-8, or anything
-- after the object passed every check unread. A byte-order mark first is
-- refused too: a desk skips it and reads the object after. Fires before
-- schema 12's audit_entry_fields_typed (triggers fire in the order of
-- their names).
CREATE FUNCTION onramp.check_entry_readable() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_start bytea := ltrim(NEW.content, '\x20090a0d'::bytea);
BEGIN
    IF substr(v_start, 1, 3) = '\xefbbbf'::bytea THEN
        RAISE EXCEPTION 'an audit entry''s content begins with a byte-order mark'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF substr(v_start, 1, 1) = '\x7b'::bytea THEN
        BEGIN
            PERFORM convert_from(NEW.content, 'UTF8')::jsonb;
        EXCEPTION WHEN OTHERS THEN
            RAISE EXCEPTION 'an audit entry''s content is not a JSON object the server can read: %', SQLERRM
                USING ERRCODE = 'invalid_parameter_value';
        END;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entry_content_readable BEFORE INSERT ON onramp.audit
    FOR EACH ROW EXECUTE FUNCTION onramp.check_entry_readable();

-- Whose act an entry naming an enrollment records: its hire's, its
-- mentor's, or (a grant's acts) an admin's. Fires after the fields are
-- checked (triggers fire in the order of their names), so the enrollment
-- is a number when present.
CREATE FUNCTION onramp.check_entry_actor() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v jsonb;
    v_hire text;
    v_mentor text;
    v_may boolean;
BEGIN
    BEGIN
        v := convert_from(NEW.content, 'UTF8')::jsonb;
    EXCEPTION WHEN OTHERS THEN
        RETURN NEW; -- not JSON: it names no enrollment
    END;
    IF jsonb_typeof(v) <> 'object' THEN
        RETURN NEW;
    END IF;
    IF NEW.action NOT IN ('step.done', 'step.undo', 'step.note', 'step.approve', 'step.reject', 'signoff',
                          'grant.create', 'grant.renew', 'grant.revoke', 'credential.drop')
       OR NOT v ? 'enrollment' THEN
        RETURN NEW;
    END IF;
    SELECT hire, mentor INTO v_hire, v_mentor FROM onramp.enrollments
     WHERE id = trunc((v ->> 'enrollment')::numeric) AND (v ->> 'enrollment')::numeric % 1 = 0;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% names enrollment %, which the server does not hold', NEW.action, v ->> 'enrollment'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_may := CASE
        WHEN NEW.action IN ('step.done', 'step.undo') THEN NEW.actor = v_hire
        WHEN NEW.action = 'step.note' THEN NEW.actor IN (v_hire, v_mentor)
        WHEN NEW.action IN ('step.approve', 'step.reject', 'signoff') THEN NEW.actor = v_mentor
        ELSE NEW.actor = v_mentor
             OR EXISTS (SELECT FROM onramp.people WHERE name = NEW.actor AND role = 'admin' AND enabled)
    END;
    IF NOT v_may THEN
        RAISE EXCEPTION '% may not record % for enrollment % (the hire is %, their mentor %)', NEW.actor,
            NEW.action, v ->> 'enrollment', v_hire, v_mentor
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entry_names_its_actors_enrollment BEFORE INSERT ON onramp.audit
    FOR EACH ROW EXECUTE FUNCTION onramp.check_entry_actor();

-- A step record the mentor approved, or any once production access is
-- signed off on the enrollment's version (since its latest move), is kept
-- as it is: a hire's signed step.done could write it again (another note,
-- another time), or their undo and a step.done after it, and every desk
-- then showed the step waiting and production locked while the grants the
-- sign-off released stayed live. The hire's undo is refused then too; their
-- mentor may still send a step back.
-- Whether the enrollment's mentor approved the step on its current version
-- (since its latest move): their latest review of it says so.
CREATE FUNCTION onramp.step_approved(p_enrollment bigint, p_step text) RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT coalesce((SELECT w.verdict = 'approved' FROM onramp.reviews w, onramp.enrollments e
                          WHERE e.id = p_enrollment AND w.enrollment_id = e.id AND w.step_id = p_step
                            AND w.version = e.version AND w.id > e.reviews_before
                          ORDER BY w.id DESC LIMIT 1), false)
    $$;
REVOKE ALL ON FUNCTION onramp.step_approved(bigint, text) FROM PUBLIC;

CREATE FUNCTION onramp.keep_reviewed_records() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    -- A record goes with its mentor's rejection whenever they send it back;
    -- the hire's own undo is held as a rewrite is (an undo, then the step
    -- done again with another note, rewrote a record after the sign-off).
    IF TG_OP = 'DELETE' THEN
        IF onramp.current_person() IS DISTINCT FROM (SELECT hire FROM onramp.enrollments
                                                      WHERE id = OLD.enrollment_id) THEN
            RETURN OLD;
        END IF;
    END IF;
    IF onramp.step_approved(OLD.enrollment_id, OLD.step_id) THEN
        RAISE EXCEPTION 'step % is approved by the mentor and can no longer be changed', OLD.step_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT FROM onramp.signoffs s, onramp.enrollments e
                WHERE e.id = OLD.enrollment_id AND s.enrollment_id = e.id AND s.version = e.version
                  AND s.id > e.signoffs_before) THEN
        RAISE EXCEPTION 'production access is signed off: step % can no longer be changed', OLD.step_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION onramp.keep_reviewed_records() FROM PUBLIC;

CREATE TRIGGER step_records_kept_once_reviewed BEFORE UPDATE OR DELETE ON onramp.step_records
    FOR EACH ROW EXECUTE FUNCTION onramp.keep_reviewed_records();

REVOKE UPDATE ON onramp.key_slots FROM onramp_hire, onramp_mentor, onramp_admin;
REVOKE INSERT ON onramp.credentials FROM onramp_admin;
GRANT INSERT (hire, name, environment, box, author, signature, updated_at) ON onramp.credentials TO onramp_admin;

-- A hire writes their step records only through the two functions below.
-- With a table privilege a hire could write (or, with UPDATE, lock a row
-- FOR UPDATE) in one nested subtransaction after another (savepoints, or
-- a DO block's exception blocks), each kept open: each holds a transaction
-- id, one entry in the lock table the whole cluster shares, and some 3,300
-- filled it, as the advisory locks did. Every write in the team's schema
-- now first counts what the session holds (onramp.keep_write_budget
-- below), and a hire has no way left to write in it but through a
-- function, so none gets past it. (A table a later schema adds needs the
-- trigger too.)
CREATE FUNCTION onramp.keep_write_budget() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF pg_has_role(session_user, 'onramp_hire', 'MEMBER')
       AND (SELECT count(*) FROM pg_locks
             WHERE pid = pg_backend_pid() AND locktype = 'transactionid' AND mode = 'ExclusiveLock' AND granted)
           >= 16 THEN
        RAISE EXCEPTION 'one transaction may write in at most 15 nested savepoints'
            USING ERRCODE = 'program_limit_exceeded';
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION onramp.keep_write_budget() FROM PUBLIC;

DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN SELECT c.oid::regclass FROM pg_catalog.pg_class c
              WHERE c.relnamespace = 'onramp'::regnamespace AND c.relkind IN ('r', 'p')
              ORDER BY c.relname LOOP
        EXECUTE format('CREATE TRIGGER a_write_within_budget BEFORE INSERT OR UPDATE OR DELETE ON %s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION onramp.keep_write_budget()', t);
    END LOOP;
END
$$;

-- A hire marks their own step done, with the signed step.done entry their
-- transaction appends (schema 6's step_changes_need_entries checks it at
-- the commit).
CREATE FUNCTION onramp.record_step(p_enrollment bigint, p_step text, p_done_at timestamptz, p_note text)
    RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT onramp.is_hire_of(p_enrollment) THEN
        RAISE EXCEPTION 'only the enrollment''s hire marks its steps done' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO onramp.step_records (enrollment_id, step_id, done_at, note, author)
    VALUES (p_enrollment, p_step, p_done_at, p_note, onramp.current_person());
END
$$;

-- A hire undoes their own step, with the signed step.undo entry their
-- transaction appends (checked at the commit).
CREATE FUNCTION onramp.undo_step(p_enrollment bigint, p_step text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT onramp.is_hire_of(p_enrollment) THEN
        RAISE EXCEPTION 'only the enrollment''s hire undoes its steps' USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM onramp.step_records WHERE enrollment_id = p_enrollment AND step_id = p_step;
    RETURN FOUND;
END
$$;
REVOKE ALL ON FUNCTION onramp.record_step(bigint, text, timestamptz, text), onramp.undo_step(bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp.record_step(bigint, text, timestamptz, text), onramp.undo_step(bigint, text)
    TO onramp_hire;
REVOKE INSERT, UPDATE, DELETE ON onramp.step_records FROM onramp_hire;

-- Disabling a person no longer waits for what their own sessions hold: a
-- hire's uncommitted step record holds a key share of their people row (as
-- every reference does), and schema 4's FOR UPDATE waited for it, then
-- failed as busy; the hire kept the disable off as long as they liked. A
-- disable changes no key column, so it takes the lock that no reference
-- holds off; the admin's desk then ends the person's sessions.
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
    SELECT login_role INTO v_login FROM onramp.people WHERE name = p_name AND enabled FOR NO KEY UPDATE;
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

-- The production key rotated on a team server. An admin's desk makes a new
-- key, seals it to every admin and mentor the verified log gives one (a
-- person being disabled aside) and keeps every production secret under
-- it, in one transaction with one signed entry: the person.disable of an
-- admin or mentor, or a production.rotate. The entry names the new key's
-- check value (production_key_check), each holder (holders) and each
-- secret's new box (secrets: credential and box_digest, the box's SHA-256
-- in base64); the boxes and rows commit only with it. Every desk takes the
-- newest check value of a verified admin's entry, and the newest entry
-- naming a secret's box, as it takes a credential.set.
CREATE INDEX audit_production_keys ON onramp.audit (seq)
    WHERE action IN ('team.init', 'person.disable', 'production.rotate');

-- The production key's check value as the newest entry that names one
-- gives it (team.init, then each rotation): which key a secret kept from
-- now on must be under. The server checks only that they agree; every desk
-- checks the entries' signatures.
CREATE FUNCTION onramp.production_key_check() RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT CASE WHEN a.action = 'team.init' THEN onramp.entry_json(a.content) ->> 'production_check'
                    ELSE onramp.entry_json(a.content) ->> 'production_key_check' END
          FROM onramp.audit a
         WHERE a.action IN ('team.init', 'person.disable', 'production.rotate')
           AND (a.action = 'team.init' OR onramp.entry_json(a.content) ? 'production_key_check')
         ORDER BY a.seq DESC LIMIT 1
    $$;
REVOKE ALL ON FUNCTION onramp.production_key_check() FROM PUBLIC;

CREATE FUNCTION onramp.rotation_covers(p_holder text, p_credential text, p_box bytea) RETURNS boolean
    LANGUAGE plpgsql STABLE
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
                    WHERE a.xmin = pg_current_xact_id()::xid AND a.action IN ('person.disable', 'production.rotate')
                    ORDER BY a.seq DESC LIMIT 64 LOOP
        v := onramp.entry_json(v_entry.content);
        CONTINUE WHEN v IS NULL OR v_entry.actor IS DISTINCT FROM v_actor
                      OR jsonb_typeof(v -> 'production_key_check') IS DISTINCT FROM 'string';
        IF p_holder IS NOT NULL AND jsonb_typeof(v -> 'holders') = 'array' AND v -> 'holders' ? p_holder THEN
            RETURN true;
        END IF;
        IF p_credential IS NOT NULL AND jsonb_typeof(v -> 'secrets') = 'array'
           AND v -> 'secrets' @> jsonb_build_array(jsonb_build_object(
                   'credential', p_credential, 'box_digest', encode(sha256(p_box), 'base64'))) THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END
$$;
REVOKE ALL ON FUNCTION onramp.rotation_covers(text, text, bytea) FROM PUBLIC;

-- As schema 3 made it, and a production box also commits with a rotation
-- that names its holder.
CREATE OR REPLACE FUNCTION onramp.require_entry() RETURNS trigger
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
    -- (NEW has an author only in production_boxes: one IF each.)
    IF TG_TABLE_NAME = 'production_boxes' THEN
        IF NEW.author = v_actor AND onramp.rotation_covers(NEW.name, NULL, NULL) THEN
            RETURN NULL;
        END IF;
    END IF;
    FOR v_entry IN SELECT a.action, a.actor, a.content FROM onramp.audit a
                    WHERE a.xmin = pg_current_xact_id()::xid AND a.action = ANY (TG_ARGV)
                    ORDER BY a.seq DESC LIMIT 64 LOOP
        v_name := onramp.entry_json(v_entry.content) ->> 'name';
        IF v_entry.actor = v_actor AND v_name = NEW.name
           AND (v_entry.action <> 'passphrase.change' OR v_actor = NEW.name) THEN
            RETURN NULL;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'changing % needs a signed audit entry (%) naming them in the same transaction',
        NEW.name, array_to_string(TG_ARGV, ', ') USING ERRCODE = 'insufficient_privilege';
END
$$;

-- As schema 10 made it, and a production secret's row also commits with a
-- rotation that names its box.
CREATE OR REPLACE FUNCTION onramp.require_credential_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_entry record;
    v jsonb;
BEGIN
    IF NEW.hire IS NULL AND NEW.environment = 'production' AND NEW.author = v_actor
       AND onramp.rotation_covers(NULL, NEW.name, NEW.box) THEN
        RETURN NULL;
    END IF;
    FOR v_entry IN SELECT a.actor, a.content FROM onramp.audit a
                    WHERE a.xmin = pg_current_xact_id()::xid AND a.action = 'credential.set'
                    ORDER BY a.seq DESC LIMIT 64 LOOP
        v := onramp.entry_json(v_entry.content);
        CONTINUE WHEN v IS NULL OR v_entry.actor IS DISTINCT FROM v_actor;
        IF v ->> 'credential' = NEW.name AND v ->> 'environment' = NEW.environment
           AND (v ->> 'hire') IS NOT DISTINCT FROM NEW.hire
           AND v ->> 'box_digest' = encode(sha256(NEW.box), 'base64') AND NEW.author = v_actor THEN
            -- A production secret is kept under the key of the newest
            -- rotation: one the desk encrypted before a rotation committed
            -- would open with no key any desk holds.
            IF NEW.hire IS NULL AND NEW.environment = 'production'
               AND (v ->> 'production_key_check') IS DISTINCT FROM onramp.production_key_check() THEN
                RAISE EXCEPTION 'the production key was rotated while % was set: set it again', NEW.name
                    USING ERRCODE = 'serialization_failure';
            END IF;
            RETURN NULL;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'a row of credentials needs a signed audit entry (credential.set) naming what it holds in the same transaction'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

-- A rotation keeps every production secret under the new key: its entry
-- must name each one the server keeps when it is appended (the chain's
-- lock is held then, so no secret set since can commit before it).
CREATE FUNCTION onramp.check_rotation_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v jsonb := onramp.entry_json(NEW.content);
    v_missed text;
BEGIN
    IF NEW.action NOT IN ('person.disable', 'production.rotate') OR v IS NULL
       OR NOT v ? 'production_key_check' THEN
        RETURN NEW;
    END IF;
    SELECT c.name INTO v_missed FROM onramp.credentials c
     WHERE c.hire IS NULL AND c.environment = 'production'
       AND NOT (jsonb_typeof(v -> 'secrets') = 'array'
                AND v -> 'secrets' @> jsonb_build_array(jsonb_build_object(
                        'credential', c.name, 'box_digest', encode(sha256(c.box), 'base64'))))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the production key''s rotation does not keep % under the new key: run it again', v_missed
            USING ERRCODE = 'serialization_failure';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION onramp.check_rotation_entry() FROM PUBLIC;

CREATE TRIGGER audit_rotation_keeps_every_secret BEFORE INSERT ON onramp.audit
    FOR EACH ROW EXECUTE FUNCTION onramp.check_rotation_entry();

-- How many sessions one login holds at once: a hire's 8, a mentor's or
-- an admin's 16 (a desk uses one or two). Without a limit, one login took
-- every connection the cluster allows and no desk could sign in. Set as a
-- person is added, and on every person already there; an operator who owns
-- the schema changes one with ALTER ROLE ... CONNECTION LIMIT.
CREATE FUNCTION onramp.limit_connections() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    EXECUTE format('ALTER ROLE %I CONNECTION LIMIT %s', NEW.login_role,
                   CASE NEW.role WHEN 'hire' THEN 8 ELSE 16 END);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION onramp.limit_connections() FROM PUBLIC;

CREATE TRIGGER person_connections_limited AFTER INSERT ON onramp.people
    FOR EACH ROW EXECUTE FUNCTION onramp.limit_connections();

DO $$
DECLARE
    p record;
BEGIN
    FOR p IN SELECT login_role, role FROM onramp.people LOOP
        EXECUTE format('ALTER ROLE %I CONNECTION LIMIT %s', p.login_role, CASE p.role WHEN 'hire' THEN 8 ELSE 16 END);
    END LOOP;
END
$$;

-- As schema 11 made it, and each session ended is waited for (5 s at
-- most): an admin's desk ends a person's sessions before it disables or
-- resets them, so that nothing the person's own transactions hold (their
-- login's own row, changed and not committed) keeps the act waiting.
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
    SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) INTO v_ended
        FROM pg_stat_activity WHERE usename = v_login AND pid <> pg_backend_pid();
    RETURN v_ended;
END
$$;

INSERT INTO onramp.schema_version (version) VALUES (13);
RESET ROLE;
