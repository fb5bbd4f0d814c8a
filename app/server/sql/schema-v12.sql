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
-- (program_limit_exceeded), naming the limit.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE TABLE onramp.entry_limits (
    role text PRIMARY KEY CHECK (role IN ('hire', 'mentor')),
    per_hour integer NOT NULL CHECK (per_hour > 0),
    per_day integer NOT NULL CHECK (per_day >= per_hour)
);
INSERT INTO onramp.entry_limits (role, per_hour, per_day) VALUES ('hire', 300, 2000), ('mentor', 1000, 10000);

CREATE INDEX audit_actor_recorded ON onramp.audit (actor, recorded_at);

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

INSERT INTO onramp.schema_version (version) VALUES (12);
RESET ROLE;
