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

CREATE OR REPLACE FUNCTION onramp.check_entry_fields() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_text text;
    v jsonb;
    v_keys bigint;
    v_unique bigint;
BEGIN
    -- Content that is no JSON object vouches for nothing on any desk. One
    -- that begins like one must be one the server reads as a desk does: a
    -- \u0000 or a lone surrogate that jsonb refuses, invalid UTF-8, or
    -- anything after the object passed every check here unread.
    -- A byte-order mark first: a desk skips it and reads the object after.
    IF substr(ltrim(NEW.content, '\x20090a0d'::bytea), 1, 3) = '\xefbbbf'::bytea THEN
        RAISE EXCEPTION 'an audit entry''s content begins with a byte-order mark'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF substr(ltrim(NEW.content, '\x20090a0d'::bytea), 1, 1) <> '\x7b'::bytea THEN
        RETURN NEW;
    END IF;
    BEGIN
        v_text := convert_from(NEW.content, 'UTF8');
        v := v_text::jsonb;
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION 'an audit entry''s content is not a JSON object the server can read: %', SQLERRM
            USING ERRCODE = 'invalid_parameter_value';
    END;
    SELECT count(*) INTO v_keys FROM json_object_keys(v_text::json);
    SELECT count(*) INTO v_unique FROM jsonb_object_keys(v);
    IF v_keys <> v_unique
       OR EXISTS (SELECT FROM json_array_elements(CASE WHEN json_typeof(v_text::json -> 'grants') = 'array'
                                                       THEN v_text::json -> 'grants' ELSE '[]'::json END) AS g
                   WHERE json_typeof(g) = 'object'
                     AND (SELECT count(*) FROM json_object_keys(g))
                         <> (SELECT count(*) FROM jsonb_object_keys(g::jsonb))) THEN
        RAISE EXCEPTION 'an audit entry names a key twice' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT onramp.typed_fields(v,
            ARRAY['enrollment', 'version', 'from_version', 'reviews_before', 'signoffs_before'],
            ARRAY['name', 'step', 'checklist', 'from_checklist', 'mentor', 'start', 'note', 'comment', 'at',
                  'done_at', 'credential', 'expires_at', 'sealed_digest', 'checklist_digest', 'digest', 'title',
                  'role', 'public_key', 'previous_public_key', 'environment', 'hire', 'box_digest'])
       OR (v ? 'grants' AND jsonb_typeof(v -> 'grants') <> 'array')
       OR EXISTS (SELECT FROM jsonb_array_elements(CASE WHEN jsonb_typeof(v -> 'grants') = 'array'
                                                        THEN v -> 'grants' ELSE '[]'::jsonb END) AS g
                   WHERE jsonb_typeof(g) <> 'object'
                      OR NOT onramp.typed_fields(g, ARRAY[]::text[],
                                                 ARRAY['credential', 'expires_at', 'sealed_digest'])) THEN
        RAISE EXCEPTION 'an audit entry gives a field another type than Onramp writes it'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN NEW;
END
$$;

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
-- another time), and every desk then showed the step waiting and
-- production locked while the grants the sign-off released stayed live.
-- As undo already was, so is writing it again.
CREATE FUNCTION onramp.keep_reviewed_records() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_enrollment onramp.enrollments%ROWTYPE;
BEGIN
    SELECT * INTO v_enrollment FROM onramp.enrollments WHERE id = OLD.enrollment_id;
    IF (SELECT verdict FROM onramp.reviews w
         WHERE w.enrollment_id = OLD.enrollment_id AND w.step_id = OLD.step_id
           AND w.version = v_enrollment.version AND w.id > v_enrollment.reviews_before
         ORDER BY w.id DESC LIMIT 1) = 'approved' THEN
        RAISE EXCEPTION 'step % is approved by the mentor and can no longer be changed', OLD.step_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT FROM onramp.signoffs s
                WHERE s.enrollment_id = OLD.enrollment_id AND s.version = v_enrollment.version
                  AND s.id > v_enrollment.signoffs_before) THEN
        RAISE EXCEPTION 'production access is signed off: step % can no longer be changed', OLD.step_id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION onramp.keep_reviewed_records() FROM PUBLIC;

CREATE TRIGGER step_records_kept_once_reviewed BEFORE UPDATE ON onramp.step_records
    FOR EACH ROW EXECUTE FUNCTION onramp.keep_reviewed_records();

REVOKE UPDATE ON onramp.key_slots FROM onramp_hire, onramp_mentor, onramp_admin;
REVOKE INSERT ON onramp.credentials FROM onramp_admin;
GRANT INSERT (hire, name, environment, box, author, signature, updated_at) ON onramp.credentials TO onramp_admin;

INSERT INTO onramp.schema_version (version) VALUES (13);
RESET ROLE;
