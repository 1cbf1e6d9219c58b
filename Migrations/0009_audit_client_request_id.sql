-- The X-Request-ID a caller sent is kept in its own column; request_id is always the server's
-- own id, so a caller can no longer choose the correlation id of its audit rows (or collide
-- with someone else's). Rows that carry a client id hash in canonical form v3.
ALTER TABLE audit_log ADD COLUMN client_request_id text;
