-- Issue 7: audit rows name the building of what they record, so an auditor granted
-- one building reads that building's rows only (site-level rows stay site-only).
-- No foreign key, like site_id: the trail outlives the buildings it mentions.
-- Existing rows keep building_id NULL and their v1 canonical form (AuditCanonicalForm),
-- so the hash chain written before this migration still verifies.
ALTER TABLE audit_log ADD COLUMN building_id uuid;
CREATE INDEX audit_log_building ON audit_log (building_id, seq);

-- Tables later migrations create (the twin schema, 0004 onwards) are used by the
-- server through atrium_app too: give it ordinary row access to them by default.
-- Append-only tables must REVOKE UPDATE, DELETE, TRUNCATE explicitly, as 0002 does
-- for audit_log. (Applies to objects created by the role that runs migrations.)
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO atrium_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO atrium_app;
