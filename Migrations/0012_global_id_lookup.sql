-- Lookup by IFC GlobalId and COBie name: a BIM viewer holds the GlobalId of what the user clicked,
-- a facility manager the COBie component name. Partial indexes: manual objects have neither.
CREATE INDEX assets_source_global_id ON assets (source_global_id) WHERE source_global_id IS NOT NULL;
CREATE INDEX assets_source_cobie_name ON assets (source_cobie_name) WHERE source_cobie_name IS NOT NULL;
CREATE INDEX spaces_source_global_id ON spaces (source_global_id) WHERE source_global_id IS NOT NULL;
CREATE INDEX spaces_source_cobie_name ON spaces (source_cobie_name) WHERE source_cobie_name IS NOT NULL;
CREATE INDEX floors_source_global_id ON floors (source_global_id) WHERE source_global_id IS NOT NULL;
CREATE INDEX floors_source_cobie_name ON floors (source_cobie_name) WHERE source_cobie_name IS NOT NULL;
CREATE INDEX buildings_source_global_id ON buildings (source_global_id) WHERE source_global_id IS NOT NULL;
CREATE INDEX buildings_source_cobie_name ON buildings (source_cobie_name) WHERE source_cobie_name IS NOT NULL;
