-- Issue 14: alarm rules, the engine's durable condition state, and alarms.
--
-- A rule selects points of its site (one point, or quantity / asset kind / type / place) and holds its
-- condition as JSON (AlarmCore's AlarmRule). `alarm_conditions` keeps each (rule, point)'s
-- evaluation state, written whenever a delay starts, ends or a level changes, so a restart in the
-- middle of an on-delay resumes it. An alarm's life cycle is AlarmCore's AlarmRecord (`record`);
-- the columns beside it repeat what lists filter and sort on. At most one alarm per (rule, point)
-- is open at a time: a unique partial index makes a duplicate impossible even under races.

CREATE TABLE alarm_rules (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites (id),
    name text NOT NULL CONSTRAINT "alarm-rule.name" CHECK (length(name) BETWEEN 1 AND 200),
    point_id uuid REFERENCES points (id),
    quantity text,
    asset_kind text,
    asset_type_id uuid,
    space_id uuid,
    floor_id uuid,
    building_id uuid,
    rule jsonb NOT NULL,
    escalation jsonb,
    origin text NOT NULL DEFAULT 'manual' CONSTRAINT "alarm-rule.origin" CHECK (origin IN ('manual', 'import', 'default')),
    enabled boolean NOT NULL DEFAULT true,
    revision bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX alarm_rules_site ON alarm_rules (site_id, name, id);
-- The engine provisions a site's shipped defaults and a point's imported thresholds once, even
-- when two servers start together: a second attempt conflicts here and is dropped.
CREATE UNIQUE INDEX alarm_rules_one_default ON alarm_rules (site_id, name) WHERE origin = 'default';
CREATE UNIQUE INDEX alarm_rules_one_import ON alarm_rules (point_id) WHERE origin = 'import';

CREATE TABLE alarm_conditions (
    rule_id uuid NOT NULL REFERENCES alarm_rules (id) ON DELETE CASCADE,
    point_key bigint NOT NULL,
    state jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (rule_id, point_key)
);

CREATE TABLE alarms (
    id uuid PRIMARY KEY,
    site_id uuid NOT NULL REFERENCES sites (id),
    building_id uuid,
    floor_id uuid,
    space_id uuid,
    asset_id uuid,
    asset_kind text,
    point_id uuid NOT NULL REFERENCES points (id),
    rule_id uuid NOT NULL REFERENCES alarm_rules (id) ON DELETE CASCADE,
    quantity text NOT NULL,
    state text NOT NULL CONSTRAINT "alarm.state" CHECK (state IN ('active', 'acknowledged', 'cleared', 'resolved')),
    severity text NOT NULL CONSTRAINT "alarm.severity" CHECK (severity IN ('info', 'minor', 'major', 'critical')),
    raised_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    resolved_at timestamptz,
    record jsonb NOT NULL,
    revision bigint NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX alarms_one_open ON alarms (rule_id, point_id) WHERE state <> 'resolved';
CREATE INDEX alarms_site_raised ON alarms (site_id, raised_at DESC, id);
CREATE INDEX alarms_building_open ON alarms (building_id) WHERE state <> 'resolved';

GRANT SELECT, INSERT, UPDATE, DELETE ON alarm_rules, alarm_conditions TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON alarms TO atrium_app;
