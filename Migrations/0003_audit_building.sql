-- Issue 7: audit rows name the building of what they record, so an auditor granted
-- one building reads that building's rows only (site-level rows stay site-only).
-- No foreign key, like site_id: the trail outlives the buildings it mentions.
-- Existing rows keep building_id NULL and their v1 canonical form (AuditCanonicalForm),
-- so the hash chain written before this migration still verifies.
ALTER TABLE audit_log ADD COLUMN building_id uuid;
CREATE INDEX audit_log_building ON audit_log (building_id, seq);
