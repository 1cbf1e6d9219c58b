-- Issue 6: a change feed for read caches.
--
-- Every statement that changes a table whose columns appear in the asset representation
-- (assets itself, and system_assets for system_ids) sends NOTIFY twin_changed with the table
-- name as payload. PostgreSQL delivers notifications only when the transaction commits and folds
-- identical ones within a transaction, so a 100k-row import commit sends one message per table
-- and a rolled-back write sends none. A server process that LISTENs flushes its caches on each
-- message; one that is not listening bypasses them (see AssetReadCache).
--
-- Statement-level triggers: one notification per statement, not per row. pg_notify is callable
-- by every role, so atrium_app needs no new grant; the triggers fire for any writer (the server,
-- `atrium import`, psql), which is what makes the feed trustworthy for another process's writes.

CREATE FUNCTION twin_notify_changed() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    PERFORM pg_notify('twin_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$fn$;

CREATE TRIGGER assets_notify_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assets
    FOR EACH STATEMENT EXECUTE FUNCTION twin_notify_changed();

CREATE TRIGGER system_assets_notify_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON system_assets
    FOR EACH STATEMENT EXECUTE FUNCTION twin_notify_changed();
