-- Onramp team server, schema version 9: the production key, sealed to each
-- admin's and mentor's key.
--
-- The production key is made on the first admin's desk at team init; its
-- check value (BLAKE2b keyed with it over a fixed tag) is in their signed
-- team.init entry, which every desk pins. onramp.production_boxes holds one
-- box per admin and mentor: the key sealed (crypto_box_seal) to the X25519
-- key of their signing key, so the server holds ciphertext only. A person
-- reads their own box only. Only an admin writes one, through
-- onramp.seal_production_key, and only for an enabled admin or mentor:
-- never for a hire, whatever their slot holds. A box commits only with the
-- admin's signed entry naming its owner in the same transaction (team.init,
-- person.add, passphrase.reset), as a key slot does. Disabling a person
-- removes their box. Every desk still decides who holds the key by the
-- role the verified log gives them, and accepts a key only with the pinned
-- check value.

SET LOCAL ROLE onramp_owner;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE TABLE onramp.production_boxes (
    name text PRIMARY KEY REFERENCES onramp.people (name),
    -- crypto_box_seal of a 32-byte key: 48 bytes of overhead.
    box bytea NOT NULL CHECK (octet_length(box) = 80),
    author text NOT NULL REFERENCES onramp.people (name),
    updated_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE onramp.production_boxes ENABLE ROW LEVEL SECURITY;
CREATE POLICY production_owner_read ON onramp.production_boxes FOR SELECT USING (name = onramp.current_person());
GRANT SELECT ON onramp.production_boxes TO onramp_hire, onramp_mentor, onramp_admin;

-- Seals the production key to p_name: an enabled admin or mentor, by an
-- enabled admin, in the transaction of the admin's entry naming them.
CREATE FUNCTION onramp.seal_production_key(p_name text, p_box bytea) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_role text;
BEGIN
    IF NOT onramp.is_admin() THEN
        RAISE EXCEPTION 'only an admin may seal the production key' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT role INTO v_role FROM onramp.people WHERE name = p_name AND enabled;
    IF v_role IS NULL THEN
        RAISE EXCEPTION 'nobody enabled is named %', p_name USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF v_role NOT IN ('admin', 'mentor') THEN
        RAISE EXCEPTION 'the production key is sealed to admins and mentors only, not to the % %', v_role, p_name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_box IS NULL OR octet_length(p_box) <> 80 THEN
        RAISE EXCEPTION 'not a sealed production key' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO onramp.production_boxes (name, box, author) VALUES (p_name, p_box, onramp.current_person())
        ON CONFLICT (name) DO UPDATE SET box = EXCLUDED.box, author = EXCLUDED.author, updated_at = now();
END
$$;

REVOKE ALL ON FUNCTION onramp.seal_production_key(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp.seal_production_key(text, bytea) TO onramp_admin;

CREATE CONSTRAINT TRIGGER production_boxes_need_entries AFTER INSERT OR UPDATE ON onramp.production_boxes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    EXECUTE FUNCTION onramp.require_entry('team.init', 'person.add', 'passphrase.reset');

-- A disabled person's box goes with their slot.
CREATE FUNCTION onramp.drop_production_box() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    DELETE FROM onramp.production_boxes WHERE name = NEW.name;
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION onramp.drop_production_box() FROM PUBLIC;

CREATE TRIGGER production_box_goes_when_disabled AFTER UPDATE OF enabled ON onramp.people
    FOR EACH ROW WHEN (OLD.enabled AND NOT NEW.enabled)
    EXECUTE FUNCTION onramp.drop_production_box();

INSERT INTO onramp.schema_version (version) VALUES (9);
RESET ROLE;
