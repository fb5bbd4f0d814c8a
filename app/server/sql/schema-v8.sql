-- Onramp team server, schema version 8: production grants after a sign-off,
-- a hire's step undo, and who records what as the client's own table.
--
-- Who records what: onramp.audit_actions is filled from the folder vault's
-- table (app/core/audit/ActionRoles.cpp) and team.init, which the client
-- hands to this step as the setting onramp.action_roles
-- (ServerSchema::migrate); applied without it, this step fails. The client
-- checks every entry it reads with the same table.
--
-- Grants: the enrollment's mentor or an admin writes a grant, only while
-- onramp.gate_open says the gate is open, in the same transaction as the
-- signed entry that names it (a signoff entry naming the grants it
-- releases, or grant.create, grant.renew). A grant is ended once, never
-- brought back, and only with a grant.revoke or grant.renew entry naming
-- its hire, enrollment and credential; a grant.revoke commits only when no
-- live grant of that enrollment and credential remains (every live row
-- ends, as in a folder vault). A move (enrollment.move) ends every live
-- grant of the enrollment, as revoked, in its own transaction; it is
-- refused while one is left. A hire reads their own grants only, and the
-- grant entries naming them.
--
-- Step undo: a hire deletes their own step record with their signed
-- step.undo entry naming it, unless the mentor approved the step on the
-- enrollment's version since its latest move.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

DELETE FROM onramp.audit_actions;
INSERT INTO onramp.audit_actions (action, role)
    SELECT a.key, r.role
      FROM jsonb_each(current_setting('onramp.action_roles')::jsonb) AS a
     CROSS JOIN LATERAL jsonb_array_elements_text(a.value) AS r(role);
DO $check$
BEGIN
    IF NOT EXISTS (SELECT FROM onramp.audit_actions WHERE action = 'team.init' AND role = 'admin') THEN
        RAISE EXCEPTION 'onramp.action_roles holds no team.init: schema 8 is applied by Onramp itself';
    END IF;
END
$check$;

ALTER TABLE onramp.grants ADD COLUMN ended_how text CHECK (ended_how IN ('revoked', 'renewed'));
ALTER TABLE onramp.grants ALTER COLUMN signature DROP NOT NULL;
-- A static credential whose secret is not set yet is granted without a box.
ALTER TABLE onramp.grants ALTER COLUMN sealed DROP NOT NULL;
ALTER TABLE onramp.grants ADD CONSTRAINT grants_ended_whole
    CHECK ((ended_at IS NULL) = (ended_by IS NULL) AND (ended_at IS NULL) = (ended_how IS NULL)) NOT VALID;

GRANT INSERT ON onramp.grants TO onramp_admin;
GRANT UPDATE (ended_how) ON onramp.grants TO onramp_mentor, onramp_admin;

DROP POLICY grants_mentor_add ON onramp.grants;
CREATE POLICY grants_add ON onramp.grants FOR INSERT
    WITH CHECK ((onramp.is_mentor_of(enrollment_id) OR onramp.is_admin()) AND author = onramp.current_person()
                AND ended_at IS NULL AND onramp.gate_open(enrollment_id));
-- Only a live grant is ended, and it stays ended.
DROP POLICY grants_end ON onramp.grants;
CREATE POLICY grants_end ON onramp.grants FOR UPDATE
    USING ((onramp.is_mentor_of(enrollment_id) OR onramp.is_admin()) AND ended_at IS NULL)
    WITH CHECK (ended_by = onramp.current_person() AND ended_at IS NOT NULL);

-- A hire undoes a step of their own.
GRANT DELETE ON onramp.step_records TO onramp_hire;
CREATE POLICY steps_hire_undo ON onramp.step_records FOR DELETE USING (onramp.is_hire_of(enrollment_id));

DROP POLICY audit_read_shared ON onramp.audit;
CREATE POLICY audit_read_shared ON onramp.audit FOR SELECT
    USING (onramp.current_person() IS NOT NULL
           AND (action IN ('team.init', 'person.add', 'person.disable', 'passphrase.reset', 'checklist.import',
                           'checklist.save')
                OR (action IN ('enrollment.create', 'enrollment.move', 'step.approve', 'step.reject', 'signoff',
                               'grant.create', 'grant.renew', 'grant.revoke')
                    AND onramp.entry_json(content) ->> 'name' = onramp.current_person())));

-- The UTC text of a time as the signed entries carry it.
CREATE FUNCTION onramp.utc_text(p_at timestamptz) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

CREATE OR REPLACE FUNCTION onramp.require_record_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_entry record;
    v_enrollment record;
    v jsonb;
    v_grant jsonb;
    v_digest text;
    v_undo boolean;
BEGIN
    IF TG_OP = 'DELETE' THEN
        -- Only a step record goes: sent back by the enrollment's mentor
        -- (step.reject) or undone by its hire (step.undo), before approval.
        SELECT * INTO v_enrollment FROM onramp.enrollments WHERE id = OLD.enrollment_id;
        v_undo := v_enrollment.hire IS NOT DISTINCT FROM v_actor;
        IF v_undo AND (SELECT verdict FROM onramp.reviews w
                        WHERE w.enrollment_id = OLD.enrollment_id AND w.step_id = OLD.step_id
                          AND w.version = v_enrollment.version AND w.id > v_enrollment.reviews_before
                        ORDER BY w.id DESC LIMIT 1) = 'approved' THEN
            RAISE EXCEPTION 'step % is approved by the mentor and can no longer be undone', OLD.step_id
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF v_undo OR v_enrollment.mentor IS NOT DISTINCT FROM v_actor THEN
            FOR v_entry IN SELECT a.actor, a.content FROM onramp.audit a
                            WHERE a.xmin = pg_current_xact_id()::xid
                              AND a.action = CASE WHEN v_undo THEN 'step.undo' ELSE 'step.reject' END
                            ORDER BY a.seq DESC LIMIT 64 LOOP
                v := onramp.entry_json(v_entry.content);
                CONTINUE WHEN v IS NULL OR v_entry.actor IS DISTINCT FROM v_actor;
                IF v ->> 'name' = v_enrollment.hire AND v ->> 'enrollment' = OLD.enrollment_id::text
                   AND v ->> 'step' = OLD.step_id THEN
                    RETURN NULL;
                END IF;
            END LOOP;
        END IF;
        RAISE EXCEPTION 'a step record goes only with its hire''s signed step.undo or its mentor''s step.reject '
                        'entry naming it' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_TABLE_NAME = 'enrollments' THEN
        IF NOT EXISTS (SELECT FROM onramp.people WHERE name = NEW.hire AND role = 'hire' AND enabled) THEN
            RAISE EXCEPTION 'only an enabled hire is enrolled, not %', NEW.hire USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.mentor = NEW.hire
           OR NOT EXISTS (SELECT FROM onramp.people WHERE name = NEW.mentor AND role = 'mentor' AND enabled) THEN
            RAISE EXCEPTION 'only an enabled mentor mentors an enrollment, not %', NEW.mentor
                USING ERRCODE = 'check_violation';
        END IF;
        -- What was signed off before a move opens nothing after it: its
        -- grants end with it, as in a folder vault.
        IF TG_OP = 'UPDATE' AND EXISTS (SELECT FROM onramp.grants WHERE enrollment_id = NEW.id AND ended_at IS NULL) THEN
            RAISE EXCEPTION 'a move of enrollment % ends its live grants in the same transaction', NEW.id
                USING ERRCODE = 'check_violation';
        END IF;
    ELSIF TG_TABLE_NAME IN ('reviews', 'signoffs') THEN
        SELECT * INTO v_enrollment FROM onramp.enrollments WHERE id = NEW.enrollment_id;
        IF v_enrollment.mentor IS DISTINCT FROM v_actor OR NEW.author IS DISTINCT FROM v_actor THEN
            RAISE EXCEPTION 'only the enrollment''s enabled mentor reviews or signs it off'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.version IS DISTINCT FROM v_enrollment.version THEN
            RAISE EXCEPTION 'a review or sign-off is given on the version the enrollment is on (%), not %',
                v_enrollment.version, NEW.version USING ERRCODE = 'check_violation';
        END IF;
        -- Each table's own columns only: plpgsql looks a field of NEW up
        -- when the expression runs.
        IF TG_TABLE_NAME = 'reviews' THEN
            IF NEW.id <= v_enrollment.reviews_before THEN
                RAISE EXCEPTION 'a review numbered before the enrollment''s latest move is not taken'
                    USING ERRCODE = 'check_violation';
            END IF;
        ELSE
            IF NEW.id <= v_enrollment.signoffs_before OR NEW.after_move <> v_enrollment.signoffs_before THEN
                RAISE EXCEPTION 'a sign-off from before the enrollment''s latest move is not taken'
                    USING ERRCODE = 'check_violation';
            END IF;
            SELECT encode(sha256(content), 'base64') INTO v_digest FROM onramp.checklist_versions
             WHERE checklist_id = v_enrollment.checklist_id AND version = v_enrollment.version;
        END IF;
    ELSIF TG_TABLE_NAME = 'grants' THEN
        SELECT * INTO v_enrollment FROM onramp.enrollments WHERE id = NEW.enrollment_id;
        IF TG_OP = 'UPDATE' AND (OLD.ended_at IS NOT NULL OR NEW.ended_at IS NULL OR NEW.ended_by IS DISTINCT FROM v_actor
                                 OR NEW.ended_how IS NULL) THEN
            RAISE EXCEPTION 'a grant is ended once, by the one who ends it, and stays ended'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF TG_OP = 'INSERT' THEN
            v_digest := coalesce(encode(sha256(NEW.sealed), 'base64'), '');
        END IF;
    END IF;
    -- This transaction's entries are the newest: append_audit holds the
    -- chain's lock until the commit.
    FOR v_entry IN SELECT a.action, a.actor, a.content FROM onramp.audit a
                    WHERE a.xmin = pg_current_xact_id()::xid AND a.action = ANY (TG_ARGV)
                    ORDER BY a.seq DESC LIMIT 64 LOOP
        v := onramp.entry_json(v_entry.content);
        CONTINUE WHEN v IS NULL OR v_entry.actor IS DISTINCT FROM v_actor;
        IF TG_TABLE_NAME = 'checklists' THEN
            IF v ->> 'name' = NEW.id AND v ->> 'title' = NEW.title THEN
                RETURN NULL;
            END IF;
        ELSIF TG_TABLE_NAME = 'checklist_versions' THEN
            IF v ->> 'name' = NEW.checklist_id AND v ->> 'version' = NEW.version::text
               AND v ->> 'digest' = encode(sha256(NEW.content), 'base64') AND NEW.author = v_actor THEN
                RETURN NULL;
            END IF;
        ELSIF TG_TABLE_NAME = 'step_records' THEN
            IF v ->> 'name' = v_actor AND v ->> 'enrollment' = NEW.enrollment_id::text AND v ->> 'step' = NEW.step_id
               AND v ->> 'note' = NEW.note AND v ->> 'done_at' = onramp.utc_text(NEW.done_at)
               AND NEW.author = v_actor THEN
                RETURN NULL;
            END IF;
        ELSIF TG_TABLE_NAME = 'enrollments' THEN
            IF v ->> 'name' = NEW.hire AND v ->> 'mentor' = NEW.mentor AND v ->> 'checklist' = NEW.checklist_id
               AND v ->> 'version' = NEW.version::text AND v ->> 'start' = to_char(NEW.start_date, 'YYYY-MM-DD')
               AND NEW.author = v_actor
               AND (TG_OP = 'INSERT'
                    OR (v ->> 'enrollment' = NEW.id::text AND NEW.hire = OLD.hire AND NEW.mentor = OLD.mentor
                        AND v ->> 'reviews_before' = NEW.reviews_before::text
                        AND v ->> 'signoffs_before' = NEW.signoffs_before::text
                        AND NEW.reviews_before = (SELECT coalesce(max(id), 0) FROM onramp.reviews
                                                   WHERE enrollment_id = NEW.id)
                        AND NEW.signoffs_before = (SELECT coalesce(max(id), 0) FROM onramp.signoffs
                                                    WHERE enrollment_id = NEW.id))) THEN
                RETURN NULL;
            END IF;
        ELSIF TG_TABLE_NAME = 'reviews' THEN
            IF v ->> 'name' = v_enrollment.hire AND v ->> 'enrollment' = NEW.enrollment_id::text
               AND v ->> 'step' = NEW.step_id AND v ->> 'version' = NEW.version::text AND v ->> 'comment' = NEW.note
               AND v ->> 'at' = onramp.utc_text(NEW.created_at)
               AND (v_entry.action = 'step.approve') = (NEW.verdict = 'approved') THEN
                RETURN NULL;
            END IF;
        ELSIF TG_TABLE_NAME = 'signoffs' THEN
            IF v ->> 'name' = v_enrollment.hire AND v ->> 'enrollment' = NEW.enrollment_id::text
               AND v ->> 'checklist' = v_enrollment.checklist_id AND v ->> 'version' = NEW.version::text
               AND v ->> 'checklist_digest' = v_digest AND v ->> 'at' = onramp.utc_text(NEW.created_at) THEN
                RETURN NULL;
            END IF;
        ELSIF TG_TABLE_NAME = 'grants' THEN
            CONTINUE WHEN v ->> 'name' IS DISTINCT FROM v_enrollment.hire
                          OR v ->> 'enrollment' IS DISTINCT FROM NEW.enrollment_id::text;
            IF TG_OP = 'UPDATE' THEN
                -- A move ends every live grant of the enrollment, as revoked.
                IF (v_entry.action = 'enrollment.move' AND NEW.ended_how = 'revoked')
                   OR (v ->> 'credential' = NEW.credential
                       AND (v_entry.action = 'grant.revoke') = (NEW.ended_how = 'revoked')) THEN
                    RETURN NULL;
                END IF;
                CONTINUE;
            END IF;
            -- A sign-off names the grants it releases; grant.create and
            -- grant.renew name one.
            FOR v_grant IN SELECT g FROM jsonb_array_elements(
                                CASE WHEN v_entry.action = 'signoff' AND jsonb_typeof(v -> 'grants') = 'array'
                                     THEN v -> 'grants' ELSE jsonb_build_array(v) END) AS g LOOP
                IF v_grant ->> 'credential' = NEW.credential AND NEW.author = v_actor
                   AND v_grant ->> 'expires_at' = onramp.utc_text(NEW.expires_at)
                   AND coalesce(v_grant ->> 'sealed_digest', '') = v_digest THEN
                    RETURN NULL;
                END IF;
            END LOOP;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'a row of % needs a signed audit entry (%) naming what it holds in the same transaction',
        TG_TABLE_NAME, array_to_string(TG_ARGV, ', ') USING ERRCODE = 'insufficient_privilege';
END
$$;

-- A grant is written with the entry that releases it, and ended with the
-- entry that revokes or renews it.
CREATE CONSTRAINT TRIGGER grant_creation_needs_entry AFTER INSERT ON onramp.grants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('signoff', 'grant.create', 'grant.renew');
CREATE CONSTRAINT TRIGGER grant_endings_need_entries AFTER UPDATE ON onramp.grants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('grant.revoke', 'grant.renew', 'enrollment.move');

-- A grant.revoke ends every live grant of its enrollment and credential:
-- one left live when it commits is refused, so that the log never says
-- revoked while a row still releases the secret.
CREATE FUNCTION onramp.require_revoke_ends_grants() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v jsonb := onramp.entry_json(NEW.content);
BEGIN
    IF v IS NULL OR NOT (v ? 'enrollment') OR NOT (v ? 'credential') THEN
        RAISE EXCEPTION 'a grant.revoke entry names the enrollment and the credential it revokes'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT FROM onramp.grants
                WHERE enrollment_id::text = v ->> 'enrollment' AND credential = v ->> 'credential'
                  AND ended_at IS NULL) THEN
        RAISE EXCEPTION 'a grant.revoke ends every live grant of % in enrollment %; one is still live',
            v ->> 'credential', v ->> 'enrollment' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION onramp.require_revoke_ends_grants(), onramp.utc_text(timestamptz) FROM PUBLIC;

CREATE CONSTRAINT TRIGGER revokes_end_every_live_grant AFTER INSERT ON onramp.audit
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.action = 'grant.revoke')
    EXECUTE FUNCTION onramp.require_revoke_ends_grants();

INSERT INTO onramp.schema_version (version) VALUES (8);
RESET ROLE;
