-- Issue 6: import jobs hold a lease, so recovery only settles jobs whose process is gone.
--
-- A job is queued in one server's memory or run by one process (a server's worker or
-- `atrium import`). Its owner renews heartbeat_at every few seconds; a queued or running job
-- whose heartbeat is older than the lease timeout has no owner any more and is failed as
-- interrupted by whichever worker sweeps next. Before this, every start-up failed all unfinished
-- jobs, including a command-line import running at that moment in another process.
ALTER TABLE import_jobs ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
