-- Simulator scenarios (COOLING_FAILURE, MAINS_FAILURE, …) started and stopped through the API by an
-- admin, audited like any change; `atrium simulate` polls the active ones and plays them. One
-- active run per (building, scenario, target).
CREATE TABLE scenario_runs (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites(id),
    building_id uuid NOT NULL REFERENCES buildings(id),
    name text NOT NULL CONSTRAINT "scenario.name" CHECK (name ~ '^[A-Z][A-Z_]{1,63}$'),
    target_asset_id uuid NOT NULL,
    target_name text NOT NULL CONSTRAINT "scenario.target_name" CHECK (length(target_name) BETWEEN 1 AND 400),
    state text NOT NULL DEFAULT 'active' CONSTRAINT "scenario.state" CHECK (state IN ('active', 'stopped')),
    started_at timestamptz NOT NULL,
    started_by text NOT NULL,
    stopped_at timestamptz,
    stopped_by text,
    revision bigint NOT NULL DEFAULT 1,
    CONSTRAINT "scenario.stopped" CHECK ((state = 'stopped') = (stopped_at IS NOT NULL))
);
CREATE UNIQUE INDEX scenario_runs_one_active ON scenario_runs (building_id, name, target_asset_id) WHERE state = 'active';
CREATE INDEX scenario_runs_building ON scenario_runs (building_id, started_at DESC, id);
GRANT SELECT, INSERT, UPDATE ON scenario_runs TO atrium_app;

-- A rack's health (its points' open alarms) for live clients, on every alarm change.
CREATE INDEX alarms_asset_open ON alarms (asset_id) WHERE state <> 'resolved' AND asset_id IS NOT NULL;
