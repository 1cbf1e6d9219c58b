-- Every handed-over component is an asset: doors, windows, furniture and fixtures are maintained,
-- inspected and replaced like any CRAC, so they get kinds of their own, and `other` holds the rest
-- of what COBie lists as a component.
ALTER TABLE assets DROP CONSTRAINT "asset.kind";
ALTER TABLE assets ADD CONSTRAINT "asset.kind"
    CHECK (kind IN ('rack', 'device', 'cooling_unit', 'power_unit', 'sensor', 'equipment', 'furniture', 'door', 'window',
                    'fixture', 'other'));
ALTER TABLE asset_types DROP CONSTRAINT "asset-type.kind";
ALTER TABLE asset_types ADD CONSTRAINT "asset-type.kind"
    CHECK (kind IN ('rack', 'device', 'cooling_unit', 'power_unit', 'sensor', 'equipment', 'furniture', 'door', 'window',
                    'fixture', 'other'));
