-- Onramp team server, schema version 7: a mentor's reviews and sign-off,
-- each only with its signed entry, and what a move of an enrollment leaves
-- behind.
--
-- A review (step.approve, step.reject) or a sign-off (signoff) commits
-- only with the signed-in mentor's entry that names exactly what the row
-- holds, in the same transaction (onramp.require_record_entry): the hire,
-- the enrollment, the step, the checklist version and the time (a review's
-- comment too; a sign-off's checklist and the SHA-256 of the version's
-- content), by the enrollment's enabled mentor, on the version the
-- enrollment is on. A rejection deletes the hire's step record, as in a
-- folder vault, and only with that mentor's step.reject entry naming it.
--
-- A move of an enrollment to another checklist version (enrollment.move)
-- names the enrollment's last review and sign-off before it
-- (reviews_before, signoffs_before, as in a folder vault); the enrollment
-- row keeps them, and no review or sign-off at or below them is taken any
-- more: what was given before a move counts for nothing after it, also on
-- a version the enrollment comes back to. Of two desks racing to sign off
-- one version after one move, exactly one commits.
--
-- The hire reads the entries that decide their status: the reviews, the
-- sign-off and the moves naming them.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

ALTER TABLE onramp.reviews ADD COLUMN version integer;
ALTER TABLE onramp.reviews ALTER COLUMN signature DROP NOT NULL;

ALTER TABLE onramp.signoffs ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE onramp.signoffs ADD COLUMN after_move bigint NOT NULL DEFAULT 0;
ALTER TABLE onramp.signoffs ALTER COLUMN signature DROP NOT NULL;
ALTER TABLE onramp.signoffs DROP CONSTRAINT signoffs_pkey;
ALTER TABLE onramp.signoffs ADD PRIMARY KEY (id);
ALTER TABLE onramp.signoffs ADD CONSTRAINT signoffs_one_per_move UNIQUE (enrollment_id, version, after_move);

ALTER TABLE onramp.enrollments ADD COLUMN reviews_before bigint NOT NULL DEFAULT 0;
ALTER TABLE onramp.enrollments ADD COLUMN signoffs_before bigint NOT NULL DEFAULT 0;
GRANT UPDATE (reviews_before, signoffs_before) ON onramp.enrollments TO onramp_admin;

-- A rejection sends the step back: the enrollment's mentor deletes the
-- hire's record, with their step.reject entry (checked at the commit).
GRANT DELETE ON onramp.step_records TO onramp_mentor;
CREATE POLICY steps_mentor_reject ON onramp.step_records FOR DELETE USING (onramp.is_mentor_of(enrollment_id));

DROP POLICY audit_read_shared ON onramp.audit;
CREATE POLICY audit_read_shared ON onramp.audit FOR SELECT
    USING (onramp.current_person() IS NOT NULL
           AND (action IN ('team.init', 'person.add', 'person.disable', 'passphrase.reset', 'checklist.import',
                           'checklist.save')
                OR (action IN ('enrollment.create', 'enrollment.move', 'step.approve', 'step.reject', 'signoff')
                    AND onramp.entry_json(content) ->> 'name' = onramp.current_person())));

-- The gate as far as the server judges it: only reviews and a sign-off
-- given on the enrollment's version since its latest move count.
CREATE OR REPLACE FUNCTION onramp.gate_open(p_enrollment bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT (onramp.is_hire_of(p_enrollment) OR onramp.is_mentor_of(p_enrollment) OR onramp.is_admin())
        AND EXISTS (
            SELECT FROM onramp.enrollments e
            JOIN onramp.signoffs s ON s.enrollment_id = e.id AND s.version = e.version AND s.author = e.mentor
                                      AND s.id > e.signoffs_before
            WHERE e.id = p_enrollment)
        AND NOT EXISTS (
            SELECT FROM onramp.enrollments e
            JOIN onramp.checklist_versions v ON v.checklist_id = e.checklist_id AND v.version = e.version
            CROSS JOIN LATERAL unnest(v.required_steps) AS required(step_id)
            WHERE e.id = p_enrollment
              AND (NOT EXISTS (SELECT FROM onramp.step_records r
                               WHERE r.enrollment_id = e.id AND r.step_id = required.step_id)
                   OR (SELECT verdict FROM onramp.reviews w
                       WHERE w.enrollment_id = e.id AND w.step_id = required.step_id AND w.version = e.version
                         AND w.id > e.reviews_before
                       ORDER BY w.id DESC LIMIT 1) = 'changes'))
    $$;

CREATE OR REPLACE FUNCTION onramp.require_record_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_entry record;
    v_enrollment record;
    v jsonb;
    v_digest text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        -- Only a step record goes, sent back by the enrollment's mentor.
        SELECT * INTO v_enrollment FROM onramp.enrollments WHERE id = OLD.enrollment_id;
        IF v_enrollment.mentor IS NOT DISTINCT FROM v_actor THEN
            FOR v_entry IN SELECT a.actor, a.content FROM onramp.audit a
                            WHERE a.xmin = pg_current_xact_id()::xid AND a.action = 'step.reject'
                            ORDER BY a.seq DESC LIMIT 64 LOOP
                v := onramp.entry_json(v_entry.content);
                CONTINUE WHEN v IS NULL OR v_entry.actor IS DISTINCT FROM v_actor;
                IF v ->> 'name' = v_enrollment.hire AND v ->> 'enrollment' = OLD.enrollment_id::text
                   AND v ->> 'step' = OLD.step_id THEN
                    RETURN NULL;
                END IF;
            END LOOP;
        END IF;
        RAISE EXCEPTION 'a step record goes only with its mentor''s signed step.reject entry naming it'
            USING ERRCODE = 'insufficient_privilege';
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
               AND v ->> 'note' = NEW.note
               AND v ->> 'done_at' = to_char(NEW.done_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
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
               AND v ->> 'at' = to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
               AND (v_entry.action = 'step.approve') = (NEW.verdict = 'approved') THEN
                RETURN NULL;
            END IF;
        ELSIF TG_TABLE_NAME = 'signoffs' THEN
            IF v ->> 'name' = v_enrollment.hire AND v ->> 'enrollment' = NEW.enrollment_id::text
               AND v ->> 'checklist' = v_enrollment.checklist_id AND v ->> 'version' = NEW.version::text
               AND v ->> 'checklist_digest' = v_digest
               AND v ->> 'at' = to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') THEN
                RETURN NULL;
            END IF;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'a row of % needs a signed audit entry (%) naming what it holds in the same transaction',
        TG_TABLE_NAME, array_to_string(TG_ARGV, ', ') USING ERRCODE = 'insufficient_privilege';
END
$$;

-- An enrollment is made with enrollment.create and moved with enrollment.move.
DROP TRIGGER enrollment_changes_need_entries ON onramp.enrollments;
CREATE CONSTRAINT TRIGGER enrollment_creation_needs_entry AFTER INSERT ON onramp.enrollments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('enrollment.create');
CREATE CONSTRAINT TRIGGER enrollment_moves_need_entries AFTER UPDATE ON onramp.enrollments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('enrollment.move');

CREATE CONSTRAINT TRIGGER review_changes_need_entries AFTER INSERT OR UPDATE ON onramp.reviews
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('step.approve', 'step.reject');

CREATE CONSTRAINT TRIGGER signoff_changes_need_entries AFTER INSERT OR UPDATE ON onramp.signoffs
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('signoff');

CREATE CONSTRAINT TRIGGER step_removals_need_entries AFTER DELETE ON onramp.step_records
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('step.reject');

INSERT INTO onramp.schema_version (version) VALUES (7);
RESET ROLE;
