-- Issue 6: the twin — sites, buildings, floors, spaces, zones, systems, asset types, assets,
-- the models and versions they are imported from, and import jobs.
--
-- Coordinates. Everything below a site is stored in the site's local engineering frame (the
-- IFC model's world coordinates scaled to metres, Z up) with SRID 0: those coordinates have no
-- registered CRS, millimetre rack layouts need them unprojected, and SRID 0 makes PostGIS refuse
-- to mix them with geographic data by accident. Only the site's anchor on Earth is geographic
-- (geography(PointZ, 4326)).
--
-- Constraint names are the stable rule names clients see (PostgresErrorTranslator passes the
-- constraint name through as RepositoryError's rule), hence the quoted dotted identifiers.
--
-- Model-owned rows are never deleted by imports: a row missing from a new version gets
-- retired_in_version and stays, so links to it (work orders, sensors, audit) survive.
-- Foreign keys between twin rows are therefore RESTRICT (deleting a parent that still has
-- rows is a bug, not a cascade); only pure membership rows (zone_spaces, system_assets) and
-- per-version fingerprints follow their owners.

CREATE EXTENSION IF NOT EXISTS btree_gist;  -- uuid equality inside GiST exclusion/KNN indexes
CREATE EXTENSION IF NOT EXISTS pg_trgm;     -- indexed case-insensitive substring search

-- Sites (0002 created id/name for grants) -------------------------------------------------------

ALTER TABLE sites
    ADD COLUMN description text,
    ADD COLUMN location geography(PointZ, 4326),
    -- geography(PointZ) always has a Z; this says whether it is a real elevation or 0 filler.
    ADD COLUMN location_has_elevation boolean NOT NULL DEFAULT false,
    ADD COLUMN match_key text,
    ADD COLUMN source_global_id text,
    ADD COLUMN source_cobie_name text,
    ADD COLUMN source_type text,
    ADD COLUMN revision integer NOT NULL DEFAULT 1 CONSTRAINT "site.revision" CHECK (revision > 0),
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX sites_name ON sites (name, id);

-- Models and versions --------------------------------------------------------------------------

CREATE TABLE models (
    id uuid PRIMARY KEY,
    -- RESTRICT: a site with imported models is not deleted by accident (grants still cascade).
    site_id uuid NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    name text NOT NULL,
    format text NOT NULL CONSTRAINT "model.format"
        CHECK (format IN ('ifc', 'ifczip', 'ifc.gz', 'cobie.xlsx', 'cobie.xml')),
    project_key text NOT NULL,
    active_version integer CONSTRAINT "model.active-version" CHECK (active_version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "model.project-key-unique" UNIQUE (site_id, project_key),
    CONSTRAINT models_id_site_key UNIQUE (id, site_id)
);
CREATE INDEX models_project_key ON models (project_key);
CREATE INDEX models_name ON models (name, id);

CREATE TABLE model_versions (
    model_id uuid NOT NULL,
    site_id uuid NOT NULL,
    number integer NOT NULL CONSTRAINT "version.number" CHECK (number > 0),
    job_id uuid,
    source_file_name text NOT NULL,
    source_sha256 text NOT NULL CONSTRAINT "version.sha256" CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    source_size bigint NOT NULL CONSTRAINT "version.size" CHECK (source_size >= 0),
    schema text NOT NULL,
    original_file_id text,
    counts jsonb NOT NULL DEFAULT '{}',
    diff_summary jsonb NOT NULL DEFAULT '{}',
    imported_by text,
    imported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, number),
    CONSTRAINT model_versions_model_fk FOREIGN KEY (model_id, site_id)
        REFERENCES models (id, site_id) ON DELETE RESTRICT
);

-- The active version must exist; deferred because the model row is written before its first version.
ALTER TABLE models ADD CONSTRAINT "model.active-version-exists"
    FOREIGN KEY (id, active_version) REFERENCES model_versions (model_id, number)
    DEFERRABLE INITIALLY DEFERRED;

-- Per-version fingerprints of every source entity: diffs between any two versions are a join.
CREATE TABLE model_version_entities (
    model_id uuid NOT NULL,
    version integer NOT NULL,
    match_key text NOT NULL,
    entity_type text NOT NULL,
    name text,
    attributes_hash text,
    property_sets_hash text,
    placement_hash text,
    geometry_hash text,
    PRIMARY KEY (model_id, version, match_key),
    FOREIGN KEY (model_id, version) REFERENCES model_versions (model_id, number) ON DELETE CASCADE
);

-- Versions and their fingerprints are history: immutable once written.
CREATE FUNCTION twin_history_is_immutable() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION '% is immutable (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$fn$;
CREATE TRIGGER model_versions_immutable BEFORE UPDATE OR DELETE ON model_versions
    FOR EACH ROW EXECUTE FUNCTION twin_history_is_immutable();
CREATE TRIGGER model_version_entities_immutable BEFORE UPDATE OR DELETE ON model_version_entities
    FOR EACH ROW EXECUTE FUNCTION twin_history_is_immutable();

-- Buildings (0002 created id/site_id/name and the (id, site_id) key grants use) ----------------

ALTER TABLE buildings
    ADD COLUMN model_id uuid,
    ADD COLUMN match_key text,
    ADD COLUMN description text,
    ADD COLUMN elevation double precision,
    ADD COLUMN box geometry(GeometryZ, 0),
    ADD COLUMN source_global_id text,
    ADD COLUMN source_cobie_name text,
    ADD COLUMN source_type text,
    ADD COLUMN retired_in_version integer CONSTRAINT "building.retired-version" CHECK (retired_in_version > 0),
    ADD COLUMN revision integer NOT NULL DEFAULT 1 CONSTRAINT "building.revision" CHECK (revision > 0),
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD CONSTRAINT "building.model" FOREIGN KEY (model_id, site_id) REFERENCES models (id, site_id) ON DELETE RESTRICT,
    ADD CONSTRAINT "building.match-key-unique" UNIQUE (model_id, match_key),
    ADD CONSTRAINT "building.model-needs-key" CHECK (model_id IS NULL OR match_key IS NOT NULL);
CREATE INDEX buildings_site ON buildings (site_id, name, id);
CREATE INDEX buildings_box ON buildings USING gist (box gist_geometry_ops_nd);

-- Floors -----------------------------------------------------------------------------------------

CREATE TABLE floors (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL,
    building_id uuid NOT NULL,
    model_id uuid,
    match_key text,
    name text NOT NULL,
    description text,
    elevation double precision,
    height double precision CONSTRAINT "floor.height" CHECK (height >= 0),
    footprint geometry(Polygon, 0),
    box geometry(GeometryZ, 0),
    source_global_id text,
    source_cobie_name text,
    source_type text,
    retired_in_version integer CONSTRAINT "floor.retired-version" CHECK (retired_in_version > 0),
    revision integer NOT NULL DEFAULT 1 CONSTRAINT "floor.revision" CHECK (revision > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The (building, site) pair must be a real one: scope columns cannot disagree.
    CONSTRAINT "floor.building" FOREIGN KEY (building_id, site_id) REFERENCES buildings (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "floor.model" FOREIGN KEY (model_id, site_id) REFERENCES models (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "floor.match-key-unique" UNIQUE (model_id, match_key),
    CONSTRAINT "floor.model-needs-key" CHECK (model_id IS NULL OR match_key IS NOT NULL),
    CONSTRAINT floors_location_key UNIQUE (id, building_id, site_id)
);
CREATE INDEX floors_building ON floors (building_id, name, id);
CREATE INDEX floors_site ON floors (site_id);
CREATE INDEX floors_footprint ON floors USING gist (footprint);

-- Spaces -----------------------------------------------------------------------------------------

CREATE TABLE spaces (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL,
    building_id uuid NOT NULL,
    floor_id uuid NOT NULL,
    model_id uuid,
    match_key text,
    name text NOT NULL,
    long_name text,
    description text,
    area double precision CONSTRAINT "space.area" CHECK (area >= 0),
    height double precision CONSTRAINT "space.height" CHECK (height >= 0),
    footprint geometry(Polygon, 0),
    box geometry(GeometryZ, 0),
    properties jsonb NOT NULL DEFAULT '{}',
    source_global_id text,
    source_cobie_name text,
    source_type text,
    retired_in_version integer CONSTRAINT "space.retired-version" CHECK (retired_in_version > 0),
    revision integer NOT NULL DEFAULT 1 CONSTRAINT "space.revision" CHECK (revision > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "space.floor" FOREIGN KEY (floor_id, building_id, site_id)
        REFERENCES floors (id, building_id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "space.model" FOREIGN KEY (model_id, site_id) REFERENCES models (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "space.match-key-unique" UNIQUE (model_id, match_key),
    CONSTRAINT "space.model-needs-key" CHECK (model_id IS NULL OR match_key IS NOT NULL),
    CONSTRAINT spaces_location_key UNIQUE (id, building_id, site_id)
);
CREATE INDEX spaces_building ON spaces (building_id, name, id);
CREATE INDEX spaces_floor ON spaces (floor_id, name, id);
CREATE INDEX spaces_site ON spaces (site_id);
CREATE INDEX spaces_footprint ON spaces USING gist (footprint);
CREATE INDEX spaces_text ON spaces USING gin ((name || ' ' || coalesce(long_name, '')) gin_trgm_ops);

-- Zones ------------------------------------------------------------------------------------------

CREATE TABLE zones (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL,
    building_id uuid NOT NULL,
    model_id uuid,
    match_key text,
    name text NOT NULL,
    category text,
    description text,
    source_global_id text,
    source_cobie_name text,
    source_type text,
    retired_in_version integer CONSTRAINT "zone.retired-version" CHECK (retired_in_version > 0),
    revision integer NOT NULL DEFAULT 1 CONSTRAINT "zone.revision" CHECK (revision > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "zone.building" FOREIGN KEY (building_id, site_id) REFERENCES buildings (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "zone.model" FOREIGN KEY (model_id, site_id) REFERENCES models (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "zone.match-key-unique" UNIQUE (model_id, match_key),
    CONSTRAINT "zone.model-needs-key" CHECK (model_id IS NULL OR match_key IS NOT NULL)
);
CREATE INDEX zones_building ON zones (building_id, name, id);
CREATE INDEX zones_site ON zones (site_id);

-- Membership only: it follows the zone and the space it links.
CREATE TABLE zone_spaces (
    zone_id uuid NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    space_id uuid NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    PRIMARY KEY (zone_id, space_id)
);
CREATE INDEX zone_spaces_space ON zone_spaces (space_id);

-- Asset types ------------------------------------------------------------------------------------

CREATE TABLE asset_types (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    model_id uuid,
    match_key text,
    name text NOT NULL,
    kind text CONSTRAINT "asset-type.kind"
        CHECK (kind IN ('rack', 'device', 'cooling_unit', 'power_unit', 'sensor', 'equipment')),
    manufacturer text,
    model_number text,
    category text,
    description text,
    warranty_months integer CONSTRAINT "asset-type.warranty" CHECK (warranty_months >= 0),
    properties jsonb NOT NULL DEFAULT '{}',
    source_global_id text,
    source_cobie_name text,
    source_type text,
    retired_in_version integer CONSTRAINT "asset-type.retired-version" CHECK (retired_in_version > 0),
    revision integer NOT NULL DEFAULT 1 CONSTRAINT "asset-type.revision" CHECK (revision > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "asset-type.model" FOREIGN KEY (model_id, site_id) REFERENCES models (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "asset-type.match-key-unique" UNIQUE (model_id, match_key),
    CONSTRAINT "asset-type.model-needs-key" CHECK (model_id IS NULL OR match_key IS NOT NULL)
);
CREATE INDEX asset_types_site ON asset_types (site_id, name, id);

-- Assets -----------------------------------------------------------------------------------------
--
-- Impossible states are unrepresentable rather than validated:
-- * one parent: parent_id is a single column, so "a device in two racks" cannot be written;
-- * the parent is a rack: (parent_id, parent_kind) references the (id, kind) key and parent_kind
--   can only be 'rack' — and a rack with devices cannot stop being a rack (the key is referenced);
-- * no cycles: a rack has no parent and only racks are parents, so the depth is one;
-- * same site as the parent: the site is part of that key;
-- * U range inside the rack: parent_rack_units mirrors the rack's height through a foreign key
--   with ON UPDATE CASCADE, so shrinking a rack re-checks every mounted device's range;
-- * no overlapping U ranges among live devices of a rack: an exclusion constraint (deferrable,
--   so a re-import may swap two devices within one transaction).

CREATE TABLE assets (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    building_id uuid,
    floor_id uuid,
    space_id uuid,
    type_id uuid REFERENCES asset_types (id) ON DELETE RESTRICT,
    parent_id uuid,
    parent_kind text CONSTRAINT "asset.parent-kind" CHECK (parent_kind = 'rack'),
    parent_rack_units integer,
    kind text NOT NULL CONSTRAINT "asset.kind"
        CHECK (kind IN ('rack', 'device', 'cooling_unit', 'power_unit', 'sensor', 'equipment')),
    name text NOT NULL,
    tag text,
    serial_number text,
    description text,
    position geometry(PointZ, 0),
    box geometry(GeometryZ, 0),
    -- What spatial filters test (the box, else the position) and what "nearest" measures from
    -- (the position, else the box centre); generated so they can never disagree with the source.
    shape geometry(GeometryZ, 0) GENERATED ALWAYS AS (coalesce(box, position)) STORED,
    anchor geometry(PointZ, 0) GENERATED ALWAYS AS (coalesce(position, CASE WHEN box IS NOT NULL THEN
        ST_SetSRID(ST_MakePoint((ST_XMin(box::box3d) + ST_XMax(box::box3d)) / 2,
                                (ST_YMin(box::box3d) + ST_YMax(box::box3d)) / 2,
                                (ST_ZMin(box::box3d) + ST_ZMax(box::box3d)) / 2), 0) END)) STORED,
    rack_u_height integer CONSTRAINT "asset.rack-u-height" CHECK (rack_u_height BETWEEN 1 AND 60),
    power_budget_w double precision CONSTRAINT "asset.power-budget" CHECK (power_budget_w >= 0),
    weight_budget_kg double precision CONSTRAINT "asset.weight-budget" CHECK (weight_budget_kg >= 0),
    cooling_budget_w double precision CONSTRAINT "asset.cooling-budget" CHECK (cooling_budget_w >= 0),
    u_position integer,
    u_height integer,
    power_draw_w double precision CONSTRAINT "asset.power-draw" CHECK (power_draw_w >= 0),
    weight_kg double precision CONSTRAINT "asset.weight" CHECK (weight_kg >= 0),
    rated_capacity_w double precision CONSTRAINT "asset.rated-capacity" CHECK (rated_capacity_w >= 0),
    installed_on timestamptz,
    warranty_ends_on timestamptz,
    properties jsonb NOT NULL DEFAULT '{}',
    classified_by text,
    model_id uuid,
    match_key text,
    source_global_id text,
    source_cobie_name text,
    source_type text,
    retired_in_version integer CONSTRAINT "asset.retired-version" CHECK (retired_in_version > 0),
    revision integer NOT NULL DEFAULT 1 CONSTRAINT "asset.revision" CHECK (revision > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT assets_kind_key UNIQUE (id, kind, site_id),
    CONSTRAINT assets_rack_units_key UNIQUE (id, rack_u_height),
    CONSTRAINT "asset.parent-not-rack" FOREIGN KEY (parent_id, parent_kind, site_id)
        REFERENCES assets (id, kind, site_id) ON DELETE RESTRICT,
    CONSTRAINT "asset.parent-rack-units" FOREIGN KEY (parent_id, parent_rack_units)
        REFERENCES assets (id, rack_u_height) ON UPDATE CASCADE ON DELETE RESTRICT,
    CONSTRAINT "asset.parent-kind-present" CHECK ((parent_id IS NULL) = (parent_kind IS NULL)),
    CONSTRAINT "asset.rack-has-no-parent" CHECK (kind <> 'rack' OR parent_id IS NULL),
    CONSTRAINT "asset.rack-capacity-only-on-racks" CHECK (kind = 'rack' OR rack_u_height IS NULL),
    CONSTRAINT "asset.mounting-complete" CHECK ((u_position IS NULL) = (u_height IS NULL)),
    CONSTRAINT "asset.mounting-needs-parent" CHECK (u_position IS NULL OR parent_id IS NOT NULL),
    CONSTRAINT "asset.mounting-range" CHECK (u_position >= 1 AND u_height >= 1),
    CONSTRAINT "asset.u-out-of-range"
        CHECK (u_position IS NULL OR parent_rack_units IS NULL OR u_position + u_height - 1 <= parent_rack_units),
    CONSTRAINT "asset.mounting-overlap" EXCLUDE USING gist (
        parent_id WITH =, int4range(u_position, u_position + u_height) WITH &&
    ) WHERE (retired_in_version IS NULL AND u_position IS NOT NULL) DEFERRABLE INITIALLY IMMEDIATE,
    CONSTRAINT "asset.building" FOREIGN KEY (building_id, site_id) REFERENCES buildings (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "asset.floor" FOREIGN KEY (floor_id, building_id, site_id)
        REFERENCES floors (id, building_id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "asset.space" FOREIGN KEY (space_id, building_id, site_id)
        REFERENCES spaces (id, building_id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "asset.floor-needs-building" CHECK (floor_id IS NULL OR building_id IS NOT NULL),
    CONSTRAINT "asset.space-needs-building" CHECK (space_id IS NULL OR building_id IS NOT NULL),
    CONSTRAINT "asset.model" FOREIGN KEY (model_id, site_id) REFERENCES models (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "asset.match-key-unique" UNIQUE (model_id, match_key),
    CONSTRAINT "asset.model-needs-key" CHECK (model_id IS NULL OR match_key IS NOT NULL)
);
CREATE INDEX assets_site ON assets (site_id, name, id);
CREATE INDEX assets_building ON assets (building_id, name, id);
CREATE INDEX assets_floor ON assets (floor_id);
CREATE INDEX assets_space ON assets (space_id);
CREATE INDEX assets_type ON assets (type_id);
CREATE INDEX assets_parent ON assets (parent_id);
CREATE INDEX assets_shape ON assets USING gist (building_id, shape gist_geometry_ops_nd);
CREATE INDEX assets_anchor ON assets USING gist (building_id, anchor gist_geometry_ops_nd);
CREATE INDEX assets_text ON assets USING gin (
    (name || ' ' || coalesce(tag, '') || ' ' || coalesce(serial_number, '')) gin_trgm_ops);

-- Systems ----------------------------------------------------------------------------------------

CREATE TABLE systems (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,
    building_id uuid,
    model_id uuid,
    match_key text,
    name text NOT NULL,
    category text,
    description text,
    source_global_id text,
    source_cobie_name text,
    source_type text,
    retired_in_version integer CONSTRAINT "system.retired-version" CHECK (retired_in_version > 0),
    revision integer NOT NULL DEFAULT 1 CONSTRAINT "system.revision" CHECK (revision > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "system.building" FOREIGN KEY (building_id, site_id) REFERENCES buildings (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "system.model" FOREIGN KEY (model_id, site_id) REFERENCES models (id, site_id) ON DELETE RESTRICT,
    CONSTRAINT "system.match-key-unique" UNIQUE (model_id, match_key),
    CONSTRAINT "system.model-needs-key" CHECK (model_id IS NULL OR match_key IS NOT NULL)
);
CREATE INDEX systems_building ON systems (building_id, name, id);
CREATE INDEX systems_site ON systems (site_id, name, id);

CREATE TABLE system_assets (
    system_id uuid NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
    asset_id uuid NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    PRIMARY KEY (system_id, asset_id)
);
CREATE INDEX system_assets_asset ON system_assets (asset_id);

-- Import jobs ------------------------------------------------------------------------------------
-- No foreign keys to sites/models: a job is created before its site or model may exist, and its
-- record outlives a failed commit (like the audit trail).

CREATE TABLE import_jobs (
    id uuid PRIMARY KEY,
    status text NOT NULL CONSTRAINT "import-job.status" CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    phase text NOT NULL CONSTRAINT "import-job.phase"
        CHECK (phase IN ('received', 'parsing', 'classifying', 'geometry', 'documents', 'committing', 'done')),
    percent integer NOT NULL DEFAULT 0 CONSTRAINT "import-job.percent" CHECK (percent BETWEEN 0 AND 100),
    file_name text NOT NULL,
    format text CONSTRAINT "import-job.format" CHECK (format IN ('ifc', 'ifczip', 'ifc.gz', 'cobie.xlsx', 'cobie.xml')),
    size_bytes bigint NOT NULL CONSTRAINT "import-job.size" CHECK (size_bytes >= 0),
    site_id uuid,
    model_id uuid,
    version_number integer CONSTRAINT "import-job.version" CHECK (version_number > 0),
    messages jsonb NOT NULL DEFAULT '[]',
    warning_count integer NOT NULL DEFAULT 0 CONSTRAINT "import-job.warnings" CHECK (warning_count >= 0),
    error_code text,
    created_by text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CONSTRAINT "import-job.failed-has-code" CHECK (status <> 'failed' OR error_code IS NOT NULL)
);
CREATE INDEX import_jobs_created ON import_jobs (created_at DESC, id DESC);
CREATE INDEX import_jobs_site ON import_jobs (site_id, created_at DESC, id DESC);
CREATE INDEX import_jobs_unfinished ON import_jobs (status) WHERE status IN ('queued', 'running');

-- Grants -----------------------------------------------------------------------------------------
-- 0003 set default privileges for tables created by the migrating role; say it explicitly anyway
-- (migrations may run as another role), and keep version history append-only for the server.

GRANT SELECT, INSERT, UPDATE, DELETE ON models, floors, spaces, zones, zone_spaces, asset_types, assets,
    systems, system_assets, import_jobs TO atrium_app;
GRANT SELECT, INSERT ON model_versions, model_version_entities TO atrium_app;
REVOKE UPDATE, DELETE, TRUNCATE ON model_versions, model_version_entities FROM atrium_app;
