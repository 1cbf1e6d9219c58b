-- Telemetry: points (what is measured, where, in which unit) and their readings.
--
-- Readings are narrow rows (8-byte point key, time, value, quality) in a table range-partitioned
-- by day: retention drops whole partitions, never DELETEs. The same days partition the 1-minute
-- and 1-hour rollups, which the ingest transaction keeps current. `readings_latest` holds each
-- point's newest value for overlays. TimescaleDB is not packaged for Debian 12; this is plain
-- PostgreSQL 15.

CREATE TABLE points (
    id uuid PRIMARY KEY,
    key bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    site_id uuid NOT NULL REFERENCES sites (id),
    building_id uuid,
    floor_id uuid,
    space_id uuid,
    asset_id uuid,
    sensor_asset_id uuid,
    external_key text,
    topic text,
    name text NOT NULL,
    quantity text NOT NULL,
    unit text NOT NULL,
    expected_interval_s double precision CHECK (expected_interval_s IS NULL OR expected_interval_s > 0),
    valid_min double precision,
    valid_max double precision,
    thresholds jsonb NOT NULL DEFAULT '{}',
    origin text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'import', 'rule')),
    retired_at timestamptz,
    revision bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT points_valid_range CHECK (valid_min IS NULL OR valid_max IS NULL OR valid_min <= valid_max)
);
-- A gateway's name for a point is unique among the site's live points.
CREATE UNIQUE INDEX points_external_key ON points (site_id, external_key) WHERE external_key IS NOT NULL AND retired_at IS NULL;
CREATE UNIQUE INDEX points_topic ON points (topic) WHERE topic IS NOT NULL AND retired_at IS NULL;
CREATE INDEX points_asset ON points (asset_id) WHERE asset_id IS NOT NULL;
CREATE INDEX points_space ON points (space_id) WHERE space_id IS NOT NULL;
CREATE INDEX points_floor ON points (floor_id) WHERE floor_id IS NOT NULL;
CREATE INDEX points_site_name ON points (site_id, name, id);

CREATE TABLE readings (
    point_key bigint NOT NULL,
    time timestamptz NOT NULL,
    value double precision NOT NULL,
    quality smallint NOT NULL DEFAULT 0,
    PRIMARY KEY (point_key, time)
) PARTITION BY RANGE (time);
CREATE INDEX readings_time_brin ON readings USING brin (time);

CREATE TABLE readings_1m (
    point_key bigint NOT NULL,
    bucket timestamptz NOT NULL,
    min double precision NOT NULL,
    max double precision NOT NULL,
    sum double precision NOT NULL,
    count bigint NOT NULL,
    last_time timestamptz NOT NULL,
    last_value double precision NOT NULL,
    PRIMARY KEY (point_key, bucket)
) PARTITION BY RANGE (bucket);

CREATE TABLE readings_1h (
    point_key bigint NOT NULL,
    bucket timestamptz NOT NULL,
    min double precision NOT NULL,
    max double precision NOT NULL,
    sum double precision NOT NULL,
    count bigint NOT NULL,
    last_time timestamptz NOT NULL,
    last_value double precision NOT NULL,
    PRIMARY KEY (point_key, bucket)
) PARTITION BY RANGE (bucket);

CREATE TABLE readings_latest (
    point_key bigint PRIMARY KEY,
    time timestamptz NOT NULL,
    value double precision NOT NULL,
    quality smallint NOT NULL DEFAULT 0
);

-- Creates the daily partitions of all three tables for [first, last] (idempotent). Called ahead of
-- time by the partition service and, for a late or back-filled day, by the ingest path. SECURITY
-- DEFINER: creating a partition needs the parent's owner, and atrium_app only writes rows.
CREATE FUNCTION atrium_ensure_reading_partitions(first date, last date) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
    day date := first;
    created integer := 0;
    t text;
BEGIN
    IF last - first > 3660 THEN
        RAISE EXCEPTION 'refusing to create more than ten years of partitions at once';
    END IF;
    WHILE day <= last LOOP
        FOREACH t IN ARRAY ARRAY['readings', 'readings_1m', 'readings_1h'] LOOP
            IF to_regclass(format('%I', t || '_p' || to_char(day, 'YYYYMMDD'))) IS NULL THEN
                EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                               t || '_p' || to_char(day, 'YYYYMMDD'), t,
                               (day::timestamp AT TIME ZONE 'UTC'), ((day + 1)::timestamp AT TIME ZONE 'UTC'));
                created := created + 1;
            END IF;
        END LOOP;
        day := day + 1;
    END LOOP;
    RETURN created;
END
$fn$;

-- Drops the daily partitions wholly before `keep_from` (retention). Returns how many tables went.
CREATE FUNCTION atrium_drop_reading_partitions(keep_from date) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
    part record;
    dropped integer := 0;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname IN ('readings', 'readings_1m', 'readings_1h')
          AND c.relname ~ '_p[0-9]{8}$'
          AND to_date(right(c.relname, 8), 'YYYYMMDD') < keep_from
    LOOP
        EXECUTE format('DROP TABLE %I', part.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$fn$;

SELECT atrium_ensure_reading_partitions((now() AT TIME ZONE 'UTC')::date - 1, (now() AT TIME ZONE 'UTC')::date + 7);

REVOKE ALL ON FUNCTION atrium_ensure_reading_partitions(date, date), atrium_drop_reading_partitions(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_ensure_reading_partitions(date, date), atrium_drop_reading_partitions(date) TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON points TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON readings, readings_1m, readings_1h, readings_latest TO atrium_app;
