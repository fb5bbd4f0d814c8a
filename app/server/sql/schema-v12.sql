-- Onramp team server, schema version 12: how many entries a person may
-- append.
--
-- The audit log is never cut (every desk would refuse it as rolled back),
-- and every desk reads and checks it whole. A login appending entries as
-- fast as the server takes them (a hire's own, zero-signed: set aside,
-- but kept) made every mentor's and admin's command slower for good. An
-- entry of a hire or a mentor is now taken only while its actor appended
-- fewer than onramp.entry_limits allows in the last hour and the last day
-- (an admin's are not limited: a roster import adds one per person). The
-- defaults are far above what a person's own acts append; an operator who
-- owns the schema may change them. A refused entry is error 54000
-- (program_limit_exceeded), naming the limit. Each entry is stamped with
-- the server's clock when it is appended (clock_timestamp()), not when its
-- transaction began, so a transaction held open cannot save entries up.
--
-- The server matches an entry to the row it vouches for by text (->>), a
-- desk by JSON type: an entry naming its enrollment as the string "1" passed
-- the server's check, and every desk then found no entry for the row, for
-- good. The fields a row is matched on now have one type each (numbers:
-- enrollment, version and the marks; strings: the names, steps, times,
-- notes and digests), top level and in a sign-off's grants, and an object
-- that names a key twice is refused (jsonb keeps the last, a desk may not).
--
-- The identity columns are no longer writable: an INSERT naming id
-- (OVERRIDING SYSTEM VALUE) let a login without its person's key plant a
-- review or sign-off numbered far ahead, which a move then took as the mark
-- below which nothing counts, for good, and held the ids other mentors'
-- rows would take. Onramp's roles insert every column but id.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE TABLE onramp.entry_limits (
    role text PRIMARY KEY CHECK (role IN ('hire', 'mentor')),
    per_hour integer NOT NULL CHECK (per_hour > 0),
    per_day integer NOT NULL CHECK (per_day >= per_hour)
);
INSERT INTO onramp.entry_limits (role, per_hour, per_day) VALUES ('hire', 300, 2000), ('mentor', 1000, 10000);

CREATE INDEX audit_actor_recorded ON onramp.audit (actor, recorded_at);

-- Whether the JSON object \a v gives each of \a numbers as a number and
-- each of \a texts as a string, where present.
CREATE FUNCTION onramp.typed_fields(v jsonb, numbers text[], texts text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT NOT EXISTS (SELECT FROM unnest(numbers) AS k
                            WHERE v ? k AND jsonb_typeof(v -> k) <> 'number')
           AND NOT EXISTS (SELECT FROM unnest(texts) AS k
                            WHERE v ? k AND jsonb_typeof(v -> k) <> 'string')
    $$;

CREATE FUNCTION onramp.check_entry_fields() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_text text;
    v jsonb;
    v_keys bigint;
    v_unique bigint;
BEGIN
    BEGIN
        v_text := convert_from(NEW.content, 'UTF8');
        v := v_text::jsonb;
    EXCEPTION WHEN OTHERS THEN
        RETURN NEW; -- not JSON: it vouches for nothing
    END;
    IF jsonb_typeof(v) <> 'object' THEN
        RETURN NEW;
    END IF;
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

CREATE TRIGGER audit_entry_fields_typed BEFORE INSERT ON onramp.audit
    FOR EACH ROW EXECUTE FUNCTION onramp.check_entry_fields();

CREATE FUNCTION onramp.limit_entries() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_limit onramp.entry_limits%ROWTYPE;
    v_hour bigint;
    v_day bigint;
BEGIN
    SELECT l.* INTO v_limit FROM onramp.entry_limits l JOIN onramp.people p ON p.role = l.role
     WHERE p.name = NEW.actor;
    NEW.recorded_at := clock_timestamp();
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    SELECT count(*) FILTER (WHERE recorded_at > now() - interval '1 hour'), count(*)
      INTO v_hour, v_day
      FROM onramp.audit WHERE actor = NEW.actor AND recorded_at > now() - interval '1 day';
    IF v_hour >= v_limit.per_hour THEN
        RAISE EXCEPTION '% appended % entries in the last hour, the most a % may', NEW.actor, v_hour, v_limit.role
            USING ERRCODE = 'program_limit_exceeded';
    END IF;
    IF v_day >= v_limit.per_day THEN
        RAISE EXCEPTION '% appended % entries in the last day, the most a % may', NEW.actor, v_day, v_limit.role
            USING ERRCODE = 'program_limit_exceeded';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entries_limited BEFORE INSERT ON onramp.audit
    FOR EACH ROW EXECUTE FUNCTION onramp.limit_entries();

REVOKE INSERT ON onramp.reviews, onramp.signoffs, onramp.grants FROM onramp_mentor;
REVOKE INSERT ON onramp.grants, onramp.enrollments FROM onramp_admin;
GRANT INSERT (enrollment_id, step_id, verdict, note, author, signature, created_at, version)
    ON onramp.reviews TO onramp_mentor;
GRANT INSERT (enrollment_id, version, author, signature, created_at, after_move) ON onramp.signoffs TO onramp_mentor;
GRANT INSERT (enrollment_id, credential, sealed, expires_at, author, signature, created_at, ended_at, ended_by,
              ended_how)
    ON onramp.grants TO onramp_mentor, onramp_admin;
GRANT INSERT (hire, mentor, checklist_id, version, start_date, author, signature, reviews_before, signoffs_before)
    ON onramp.enrollments TO onramp_admin;

INSERT INTO onramp.schema_version (version) VALUES (12);
RESET ROLE;
