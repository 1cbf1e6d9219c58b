-- Issue 7: accounts, grants, refresh tokens, API keys and the tamper-evident audit log.

-- Minimal places that grants are scoped to. The twin issue extends these tables
-- (columns, geometry); keep id/name/site_id stable because grants reference them.
CREATE TABLE IF NOT EXISTS sites (
    id uuid PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE IF NOT EXISTS buildings (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    name text NOT NULL,
    -- Lets grants and keys prove their (building, site) pair is consistent.
    CONSTRAINT buildings_id_site_key UNIQUE (id, site_id)
);

CREATE TABLE users (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    -- Bumped on password change and disable; access tokens carry it and die when it moves.
    security_version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_name_key ON users (lower(name));

CREATE TABLE user_grants (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('admin', 'facility_manager', 'operator', 'viewer', 'auditor')),
    -- NULL site = global grant; building grants carry their site too.
    site_id uuid REFERENCES sites (id) ON DELETE CASCADE,
    building_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT user_grants_building_needs_site CHECK (building_id IS NULL OR site_id IS NOT NULL),
    CONSTRAINT user_grants_building_fk FOREIGN KEY (building_id, site_id)
        REFERENCES buildings (id, site_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX user_grants_unique ON user_grants (
    user_id, role,
    coalesce(site_id, '00000000-0000-0000-0000-000000000000'::uuid),
    coalesce(building_id, '00000000-0000-0000-0000-000000000000'::uuid)
);
CREATE INDEX user_grants_site ON user_grants (site_id);
CREATE INDEX user_grants_building ON user_grants (building_id);

CREATE TABLE refresh_tokens (
    id uuid PRIMARY KEY,
    family_id uuid NOT NULL,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- SHA-256 of the token; the token itself is never stored.
    token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

CREATE TABLE api_keys (
    id uuid PRIMARY KEY,
    prefix text NOT NULL UNIQUE CHECK (prefix ~ '^[0-9a-f]{16}$'),
    secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
    name text NOT NULL,
    site_id uuid REFERENCES sites (id) ON DELETE CASCADE,
    building_id uuid,
    permissions text[] NOT NULL,
    created_by uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    CONSTRAINT api_keys_building_needs_site CHECK (building_id IS NULL OR site_id IS NOT NULL),
    CONSTRAINT api_keys_building_fk FOREIGN KEY (building_id, site_id)
        REFERENCES buildings (id, site_id) ON DELETE CASCADE
);

-- Append-only, hash-chained audit log. seq is assigned under an advisory lock
-- (no sequence: a rolled-back insert must not leave a gap that looks like a deletion).
-- site_id has no foreign key on purpose: the trail outlives the sites it mentions.
CREATE TABLE audit_log (
    seq bigint PRIMARY KEY CHECK (seq > 0),
    occurred_at_us bigint NOT NULL,
    actor_kind text,
    actor_id uuid,
    actor_name text,
    roles text[] NOT NULL,
    source_ip text,
    user_agent text,
    request_id text,
    action text NOT NULL,
    object_kind text,
    object_id text,
    site_id uuid,
    outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    reason text,
    before_json text,
    after_json text,
    prev_hash bytea NOT NULL CHECK (length(prev_hash) = 32),
    hash bytea NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_log_site ON audit_log (site_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_time ON audit_log (occurred_at_us);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$fn$;

CREATE TRIGGER audit_log_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- The role Atrium's server should log in through (as a member): it may read and
-- append the audit log, never change it. The owner/superuser is for migrations only.
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atrium_app') THEN
        CREATE ROLE atrium_app NOLOGIN;
    END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL; -- another database's migration created it concurrently
END;
$roles$;

REVOKE ALL ON audit_log FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM atrium_app;
GRANT SELECT, INSERT ON audit_log TO atrium_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, user_grants, refresh_tokens, api_keys, sites, buildings TO atrium_app;
