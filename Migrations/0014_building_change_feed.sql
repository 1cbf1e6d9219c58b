-- Issue 20: the building read cache (spatial hits and the navigator outline per building) is
-- built from more tables than the asset cache, so their commits join the change feed of 0005:
-- one NOTIFY twin_changed per statement, delivered at commit, payload the table name.

CREATE TRIGGER buildings_notify_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON buildings
    FOR EACH STATEMENT EXECUTE FUNCTION twin_notify_changed();

CREATE TRIGGER floors_notify_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON floors
    FOR EACH STATEMENT EXECUTE FUNCTION twin_notify_changed();

CREATE TRIGGER spaces_notify_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON spaces
    FOR EACH STATEMENT EXECUTE FUNCTION twin_notify_changed();

CREATE TRIGGER zones_notify_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON zones
    FOR EACH STATEMENT EXECUTE FUNCTION twin_notify_changed();

CREATE TRIGGER zone_spaces_notify_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON zone_spaces
    FOR EACH STATEMENT EXECUTE FUNCTION twin_notify_changed();

CREATE TRIGGER systems_notify_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON systems
    FOR EACH STATEMENT EXECUTE FUNCTION twin_notify_changed();
