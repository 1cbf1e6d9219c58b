-- Issue 6: an import reserves its model's next version number before it writes documents under it.
--
-- Documents go to MongoDB keyed by (model, version) while the rows wait in an open transaction, so
-- the number must be known first. Computed from the committed versions alone, two processes
-- importing the same model at once (two servers, or a server and `atrium import`) took the same
-- number: the slower one's documents collided with the other's, and its cleanup could delete the
-- documents of the import that went on to commit. A reservation is one row per job; the primary key
-- makes a number taken by two unfinished jobs impossible. It goes with the commit (same transaction)
-- or, after a failure, once that attempt's documents are deleted.
CREATE TABLE model_version_reservations (
    model_id uuid NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    number integer NOT NULL CONSTRAINT "version-reservation.number" CHECK (number > 0),
    job_id uuid NOT NULL CONSTRAINT "version-reservation.one-per-job" UNIQUE
        CONSTRAINT "version-reservation.job" REFERENCES import_jobs (id) ON DELETE CASCADE,
    reserved_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "version-reservation.taken" PRIMARY KEY (model_id, number)
);

GRANT SELECT, INSERT, DELETE ON model_version_reservations TO atrium_app;
