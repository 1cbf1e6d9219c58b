-- Signed audit checkpoints (seq, hash) also kept in PostgreSQL. On their own they add nothing
-- against the database owner (who could delete them with the rows); they are the copy the server
-- compares with the file and MongoDB copies, and they let an incremental check start somewhere.
CREATE TABLE audit_checkpoints (
    key_id text NOT NULL,
    seq bigint NOT NULL CHECK (seq > 0),
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    time_us bigint NOT NULL,
    token text NOT NULL,
    PRIMARY KEY (key_id, seq, time_us)
);

CREATE TRIGGER audit_checkpoints_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

REVOKE ALL ON audit_checkpoints FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_checkpoints FROM atrium_app;
GRANT SELECT, INSERT ON audit_checkpoints TO atrium_app;
