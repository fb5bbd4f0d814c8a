-- Onramp's provisioning functions for the `postgresql` credential provider.
--
-- Run once per cluster, as a superuser, in the database the provider's DSN
-- names (psql -v ON_ERROR_STOP=1 -d DB -f postgresql-provisioning.sql), then
-- give the provisioning role its password (psql's \password onramp_provisioner
-- sends only a verifier). It is one transaction; running it again replaces
-- the functions and keeps the tables' rows.
--
-- What it makes:
--   onramp_provision_owner  NOLOGIN, CREATEROLE: owns the schema
--                           onramp_provision, its tables and its SECURITY
--                           DEFINER functions. Nobody signs in as it.
--   onramp_provisioner      LOGIN, no other attribute: the role whose
--                           password Onramp keeps (`onramp provider set`).
--                           It may only EXECUTE the functions below: it
--                           cannot create a role, grant a group, read or
--                           write the tables, or SET ROLE to the owner.
--   onramp_provision.allowed_groups   the group roles a login may be put in;
--                           only the owner (a superuser) fills it:
--                           INSERT INTO onramp_provision.allowed_groups VALUES ('ro_reader');
--   onramp_provision.settings         one row: max_valid, the longest
--                           VALID UNTIL from now a login may get (31 days).
--   onramp_provision.logins           the logins these functions made (name
--                           and oid); only these can be dropped through them.
--
-- Functions (EXECUTE for onramp_provisioner only, REVOKEd from PUBLIC, each
-- with a fixed search_path):
--   create_login(role, scram_verifier, valid_until, groups[])
--       a LOGIN role named onramp_[a-z0-9_]+ (at most 63 bytes), in the
--       listed groups only, VALID UNTIL at most max_valid from now, its
--       password given only as a SCRAM-SHA-256 verifier (made by the client
--       with PQencryptPasswordConn), so no password reaches the server or
--       its log.
--   drop_login(role) -> boolean
--       NOLOGIN, ends the role's sessions, DROP OWNED BY it in this
--       database, then DROP ROLE. DROP OWNED reaches only the current
--       database: when the role still owns objects in another one (only
--       possible where a group gave it CREATE there), the role stays,
--       NOLOGIN with its sessions ended, the function returns false, and
--       running this script in that database and drop_login there again
--       finishes it.
--
--   create_sandbox_login(role, scram_verifier, valid_until)
--       a hire's sandbox login: as create_login, but with CREATEDB and in the
--       group onramp_sandbox alone, so that the login itself makes its own
--       database from the team's template, and drops and makes it again at a
--       reset (CREATE DATABASE cannot run inside a function). Refused unless
--       the superuser turned onramp_provision.settings.sandbox_databases on,
--       which is done only on a cluster that holds no production data. A
--       login it made before gets the new verifier and VALID UNTIL instead
--       (a reissue keeps the hire's database).
--
-- The personal sandbox database, on a sandbox cluster only:
--   UPDATE onramp_provision.settings SET sandbox_databases = true;
--   CREATE DATABASE sandbox_template;         -- the team's sample schema and data
--   -- in it, every object owned by the group onramp_sandbox, e.g.
--   --   ALTER TABLE customers OWNER TO onramp_sandbox;
--   ALTER DATABASE sandbox_template IS_TEMPLATE true;  -- a CREATEDB login may clone it
--   REVOKE ALL ON DATABASE sandbox_template FROM PUBLIC; -- nobody but you connects to it
-- The hire's login makes onramp_sbx_<hire>_<8 hex> with
-- CREATE DATABASE ... TEMPLATE sandbox_template ALLOW_CONNECTIONS false,
-- revokes CONNECT and TEMPORARY on it from PUBLIC (other hires cannot open
-- it), allows connections again, and takes the cloned objects over from the
-- group (REASSIGN OWNED BY onramp_sandbox TO CURRENT_USER, in that
-- database), so that every object in it is the hire's to drop. CREATEDB is
-- the risk taken, on the sandbox cluster alone: a hire may make other
-- databases there (disk) and clone any database marked IS_TEMPLATE
-- (template0, template1, the team's template: keep nothing else marked so);
-- it does not let them create roles or open another database. The
-- provisioning role itself gets no CREATEDB.
--
-- A listed group is still refused when it is a superuser, has CREATEROLE,
-- CREATEDB, REPLICATION, BYPASSRLS or LOGIN (the provisioning role itself is
-- one), is one of PostgreSQL's predefined roles (pg_*), or is a member of any
-- such role, directly or not.

BEGIN;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'onramp_provision_owner') THEN
        CREATE ROLE onramp_provision_owner NOLOGIN CREATEROLE;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'onramp_provisioner') THEN
        CREATE ROLE onramp_provisioner LOGIN NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'onramp_sandbox') THEN
        CREATE ROLE onramp_sandbox NOLOGIN;
    END IF;
END
$$;
ALTER ROLE onramp_provision_owner NOLOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS;
ALTER ROLE onramp_provisioner LOGIN NOINHERIT NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS;
ALTER ROLE onramp_sandbox NOLOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOREPLICATION NOBYPASSRLS;

CREATE SCHEMA IF NOT EXISTS onramp_provision AUTHORIZATION onramp_provision_owner;
REVOKE ALL ON SCHEMA onramp_provision FROM PUBLIC;
GRANT USAGE ON SCHEMA onramp_provision TO onramp_provisioner;

CREATE TABLE IF NOT EXISTS onramp_provision.allowed_groups (
    group_name name PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS onramp_provision.settings (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    max_valid interval NOT NULL CHECK (max_valid > interval '0')
);
INSERT INTO onramp_provision.settings (max_valid) VALUES (interval '31 days') ON CONFLICT DO NOTHING;
ALTER TABLE onramp_provision.settings ADD COLUMN IF NOT EXISTS sandbox_databases boolean NOT NULL DEFAULT false;
CREATE TABLE IF NOT EXISTS onramp_provision.logins (
    role_name name PRIMARY KEY,
    role_oid oid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    valid_until timestamptz NOT NULL
);
ALTER TABLE onramp_provision.allowed_groups OWNER TO onramp_provision_owner;
ALTER TABLE onramp_provision.settings OWNER TO onramp_provision_owner;
ALTER TABLE onramp_provision.logins OWNER TO onramp_provision_owner;
REVOKE ALL ON onramp_provision.allowed_groups, onramp_provision.settings, onramp_provision.logins FROM PUBLIC;

-- True when \a role_oid, or any role it is a member of, may do more than a
-- team's group should: a superuser, a role-creating or database-creating
-- role, replication, BYPASSRLS, a login (onramp_provisioner is one), or one
-- of PostgreSQL's predefined roles. pg_roles, not pg_authid: the owner is no
-- superuser.
CREATE OR REPLACE FUNCTION onramp_provision.is_dangerous_group(role_oid oid)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE above(oid) AS (
        SELECT role_oid
        UNION
        SELECT m.roleid FROM pg_catalog.pg_auth_members m JOIN above a ON m.member = a.oid
    )
    SELECT EXISTS (
        SELECT 1 FROM above a JOIN pg_catalog.pg_roles r ON r.oid = a.oid
        WHERE r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls
           OR r.rolcanlogin OR r.rolname LIKE 'pg\_%' OR r.oid < 16384
    );
$$;

CREATE OR REPLACE FUNCTION onramp_provision.check_login_name(p_role text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_role IS NULL OR p_role !~ '^onramp_[a-z0-9_]+$' OR octet_length(p_role) > 63 THEN
        RAISE EXCEPTION 'onramp_provision: % is not a login name this role may manage (onramp_[a-z0-9_]+, at most 63 bytes)',
            quote_ident(coalesce(p_role, '<null>'))
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION onramp_provision.create_login(
    p_role text, p_scram_verifier text, p_valid_until timestamptz, p_groups text[])
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cap interval;
    g text;
    g_oid oid;
BEGIN
    PERFORM onramp_provision.check_login_name(p_role);
    -- Only a verifier: "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>".
    -- Anything else would be a password in clear (or MD5) in this statement.
    IF p_scram_verifier IS NULL
       OR p_scram_verifier !~ '^SCRAM-SHA-256\$[0-9]{1,9}:[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$' THEN
        RAISE EXCEPTION 'onramp_provision: the password for % must be a SCRAM-SHA-256 verifier', quote_ident(p_role)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT max_valid INTO cap FROM onramp_provision.settings;
    IF p_valid_until IS NULL OR p_valid_until <= now() OR p_valid_until > now() + cap THEN
        RAISE EXCEPTION 'onramp_provision: VALID UNTIL % for % is not within % from now',
            coalesce(p_valid_until::text, '<null>'), quote_ident(p_role), cap
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOREACH g IN ARRAY coalesce(p_groups, ARRAY[]::text[]) LOOP
        SELECT r.oid INTO g_oid FROM pg_catalog.pg_roles r
            JOIN onramp_provision.allowed_groups a ON a.group_name = r.rolname
            WHERE r.rolname = g;
        IF g_oid IS NULL OR onramp_provision.is_dangerous_group(g_oid) THEN
            RAISE EXCEPTION 'onramp_provision: % is not a group logins may be given', quote_ident(coalesce(g, '<null>'))
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_role) THEN
        RAISE EXCEPTION 'onramp_provision: the role % exists already', quote_ident(p_role)
            USING ERRCODE = 'duplicate_object';
    END IF;

    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS '
                   'PASSWORD %L VALID UNTIL %L',
                   p_role, p_scram_verifier,
                   to_char(p_valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00');
    FOREACH g IN ARRAY coalesce(p_groups, ARRAY[]::text[]) LOOP
        EXECUTE format('GRANT %I TO %I', g, p_role);
    END LOOP;
    INSERT INTO onramp_provision.logins (role_name, role_oid, valid_until)
        SELECT p_role, r.oid, p_valid_until FROM pg_catalog.pg_roles r WHERE r.rolname = p_role;
END
$$;

-- The checks of create_login on a name, a verifier and a VALID UNTIL.
CREATE OR REPLACE FUNCTION onramp_provision.check_login_request(
    p_role text, p_scram_verifier text, p_valid_until timestamptz)
RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    cap interval;
BEGIN
    PERFORM onramp_provision.check_login_name(p_role);
    IF p_scram_verifier IS NULL
       OR p_scram_verifier !~ '^SCRAM-SHA-256\$[0-9]{1,9}:[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}$' THEN
        RAISE EXCEPTION 'onramp_provision: the password for % must be a SCRAM-SHA-256 verifier', quote_ident(p_role)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT max_valid INTO cap FROM onramp_provision.settings;
    IF p_valid_until IS NULL OR p_valid_until <= now() OR p_valid_until > now() + cap THEN
        RAISE EXCEPTION 'onramp_provision: VALID UNTIL % for % is not within % from now',
            coalesce(p_valid_until::text, '<null>'), quote_ident(p_role), cap
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION onramp_provision.create_sandbox_login(
    p_role text, p_scram_verifier text, p_valid_until timestamptz)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    enabled boolean;
    made oid;
    now_oid oid;
    until text;
BEGIN
    SELECT sandbox_databases INTO enabled FROM onramp_provision.settings;
    IF NOT coalesce(enabled, false) THEN
        RAISE EXCEPTION 'onramp_provision: this cluster makes no sandbox databases (onramp_provision.settings.sandbox_databases is off)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM onramp_provision.check_login_request(p_role, p_scram_verifier, p_valid_until);
    until := to_char(p_valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00';
    SELECT role_oid INTO made FROM onramp_provision.logins WHERE role_name = p_role FOR UPDATE;
    SELECT oid INTO now_oid FROM pg_catalog.pg_roles WHERE rolname = p_role;
    IF now_oid IS NOT NULL THEN
        IF made IS NULL OR now_oid <> made
           OR NOT pg_catalog.pg_has_role(now_oid, 'onramp_sandbox', 'USAGE') THEN
            RAISE EXCEPTION 'onramp_provision: the role % exists already', quote_ident(p_role)
                USING ERRCODE = 'duplicate_object';
        END IF;
        EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L VALID UNTIL %L', p_role, p_scram_verifier, until);
        UPDATE onramp_provision.logins SET valid_until = p_valid_until WHERE role_name = p_role;
        RETURN;
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT CREATEDB NOSUPERUSER NOCREATEROLE NOREPLICATION NOBYPASSRLS '
                   'IN ROLE onramp_sandbox PASSWORD %L VALID UNTIL %L',
                   p_role, p_scram_verifier, until);
    DELETE FROM onramp_provision.logins WHERE role_name = p_role;
    INSERT INTO onramp_provision.logins (role_name, role_oid, valid_until)
        SELECT p_role, r.oid, p_valid_until FROM pg_catalog.pg_roles r WHERE r.rolname = p_role;
END
$$;

CREATE OR REPLACE FUNCTION onramp_provision.drop_login(p_role text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    made oid;
    now_oid oid;
BEGIN
    PERFORM onramp_provision.check_login_name(p_role);
    SELECT role_oid INTO made FROM onramp_provision.logins WHERE role_name = p_role FOR UPDATE;
    SELECT oid INTO now_oid FROM pg_catalog.pg_roles WHERE rolname = p_role;
    IF made IS NULL OR (now_oid IS NOT NULL AND now_oid <> made) THEN
        RAISE EXCEPTION 'onramp_provision: % was not made by create_login', quote_ident(p_role)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF now_oid IS NULL THEN
        DELETE FROM onramp_provision.logins WHERE role_name = p_role;
        RETURN true;
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', p_role);
    -- PostgreSQL 15: a CREATEROLE role is not a member of the roles it made;
    -- membership lets the owner end the role's sessions and DROP OWNED BY it.
    EXECUTE format('GRANT %I TO onramp_provision_owner', p_role);
    PERFORM pg_catalog.pg_terminate_backend(a.pid)
        FROM pg_catalog.pg_stat_activity a WHERE a.usename = p_role;
    EXECUTE format('DROP OWNED BY %I', p_role);
    BEGIN
        EXECUTE format('DROP ROLE %I', p_role);
    EXCEPTION WHEN dependent_objects_still_exist THEN
        EXECUTE format('REVOKE %I FROM onramp_provision_owner', p_role);
        RAISE NOTICE 'onramp_provision: % still owns objects in another database; it stays NOLOGIN', quote_ident(p_role);
        RETURN false;
    END;
    DELETE FROM onramp_provision.logins WHERE role_name = p_role;
    RETURN true;
END
$$;

ALTER FUNCTION onramp_provision.is_dangerous_group(oid) OWNER TO onramp_provision_owner;
ALTER FUNCTION onramp_provision.check_login_name(text) OWNER TO onramp_provision_owner;
ALTER FUNCTION onramp_provision.create_login(text, text, timestamptz, text[]) OWNER TO onramp_provision_owner;
ALTER FUNCTION onramp_provision.drop_login(text) OWNER TO onramp_provision_owner;
ALTER FUNCTION onramp_provision.check_login_request(text, text, timestamptz) OWNER TO onramp_provision_owner;
ALTER FUNCTION onramp_provision.create_sandbox_login(text, text, timestamptz) OWNER TO onramp_provision_owner;
REVOKE ALL ON FUNCTION onramp_provision.is_dangerous_group(oid) FROM PUBLIC;
REVOKE ALL ON FUNCTION onramp_provision.check_login_name(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION onramp_provision.create_login(text, text, timestamptz, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION onramp_provision.drop_login(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION onramp_provision.check_login_request(text, text, timestamptz) FROM PUBLIC;
REVOKE ALL ON FUNCTION onramp_provision.create_sandbox_login(text, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onramp_provision.create_login(text, text, timestamptz, text[]) TO onramp_provisioner;
GRANT EXECUTE ON FUNCTION onramp_provision.drop_login(text) TO onramp_provisioner;
GRANT EXECUTE ON FUNCTION onramp_provision.create_sandbox_login(text, text, timestamptz) TO onramp_provisioner;

COMMIT;
