-- Onramp team server, schema version 6: who is who in the audit log for
-- every person, and checklist versions and enrollments only with their
-- signed entries.
--
-- Row-level security showed a hire their own audit entries only, so a
-- hire's desk checked each of them against the key the hire signs with
-- now: an entry signed before a passphrase reset (which gives a new key
-- pair) could not be told from a forgery. Every enabled person now also
-- reads the entries that say who is who (team.init, person.add,
-- person.disable, passphrase.reset: names, roles, full names and public
-- keys, all of which a hire already reads in onramp.people), the entries
-- that made checklist versions (every person reads the checklists), and
-- the entries that made their own enrollment. A hire's desk follows the
-- first from the team's first key it pinned, checking each signature, and
-- checks every other entry against the key the log gave its actor at that
-- entry's place.
--
-- A checklist version, an enrollment or a hire's step record is vouched
-- for by its signed entry (checklist.import or checklist.save;
-- enrollment.create; step.done), which the client checks, not by a
-- signature of the row's own: the deferred constraint trigger
-- onramp.require_record_entry refuses the commit of any new version,
-- checklist title, enrollment or step record unless this transaction
-- appended the signed-in person's entry that names exactly what the row
-- holds (the version's content by its SHA-256). The rows' signature
-- columns are no longer required.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

-- The JSON object an entry's content holds, or NULL when it holds none:
-- a bad entry must not make a reader's query fail.
CREATE FUNCTION onramp.entry_json(p_content bytea) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v jsonb;
BEGIN
    v := convert_from(p_content, 'UTF8')::jsonb;
    IF jsonb_typeof(v) <> 'object' THEN
        RETURN NULL;
    END IF;
    RETURN v;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

CREATE POLICY audit_read_shared ON onramp.audit FOR SELECT
    USING (onramp.current_person() IS NOT NULL
           AND (action IN ('team.init', 'person.add', 'person.disable', 'passphrase.reset', 'checklist.import',
                           'checklist.save')
                OR (action = 'enrollment.create'
                    AND onramp.entry_json(content) ->> 'name' = onramp.current_person())));

ALTER TABLE onramp.checklist_versions ALTER COLUMN signature DROP NOT NULL;
ALTER TABLE onramp.enrollments ALTER COLUMN signature DROP NOT NULL;
ALTER TABLE onramp.step_records ALTER COLUMN signature DROP NOT NULL;

CREATE FUNCTION onramp.require_record_entry() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_actor text := onramp.current_person();
    v_entry record;
    v jsonb;
BEGIN
    IF TG_TABLE_NAME = 'enrollments' THEN
        IF NOT EXISTS (SELECT FROM onramp.people WHERE name = NEW.hire AND role = 'hire' AND enabled) THEN
            RAISE EXCEPTION 'only an enabled hire is enrolled, not %', NEW.hire USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.mentor = NEW.hire
           OR NOT EXISTS (SELECT FROM onramp.people WHERE name = NEW.mentor AND role = 'mentor' AND enabled) THEN
            RAISE EXCEPTION 'only an enabled mentor mentors an enrollment, not %', NEW.mentor
                USING ERRCODE = 'check_violation';
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
               AND NEW.author = v_actor THEN
                RETURN NULL;
            END IF;
        END IF;
    END LOOP;
    RAISE EXCEPTION 'a row of % needs a signed audit entry (%) naming what it holds in the same transaction',
        TG_TABLE_NAME, array_to_string(TG_ARGV, ', ') USING ERRCODE = 'insufficient_privilege';
END
$$;

REVOKE ALL ON FUNCTION onramp.require_record_entry() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER checklist_changes_need_entries AFTER INSERT OR UPDATE ON onramp.checklists
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('checklist.import', 'checklist.save');

CREATE CONSTRAINT TRIGGER version_changes_need_entries AFTER INSERT OR UPDATE ON onramp.checklist_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('checklist.import', 'checklist.save');

CREATE CONSTRAINT TRIGGER step_changes_need_entries AFTER INSERT OR UPDATE ON onramp.step_records
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('step.done');

CREATE CONSTRAINT TRIGGER enrollment_changes_need_entries AFTER INSERT OR UPDATE ON onramp.enrollments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_record_entry('enrollment.create');

INSERT INTO onramp.schema_version (version) VALUES (6);
RESET ROLE;
