-- Import jobs remember who created them by principal id, never by name: API-key names are free
-- text, so matching by name let a key named like a user read that user's jobs in another site.
-- Rows from before this migration have no creator id and are visible only by site scope.
ALTER TABLE import_jobs ADD COLUMN created_by_kind text;
ALTER TABLE import_jobs ADD COLUMN created_by_id uuid;
ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_creator_whole
    CHECK ((created_by_kind IS NULL) = (created_by_id IS NULL));
CREATE INDEX import_jobs_creator ON import_jobs (created_by_id, created_at DESC) WHERE created_by_id IS NOT NULL;
