import Foundation
import TwinDomain
import TwinServices

extension TwinRepresentation {
    static func thresholds(_ t: PointThresholds) -> JSONValue {
        .object([("warn_low", .number(t.warnLow)), ("warn_high", .number(t.warnHigh)),
                 ("alarm_low", .number(t.alarmLow)), ("alarm_high", .number(t.alarmHigh))])
    }

    static func pointMembers(_ p: Point) -> [(String, JSONValue)] {
        [("id", .uuid(p.id)), ("site_id", .uuid(p.siteID)), ("building_id", .uuid(p.buildingID)), ("floor_id", .uuid(p.floorID)),
         ("space_id", .uuid(p.spaceID)), ("asset_id", .uuid(p.assetID)), ("sensor_asset_id", .uuid(p.sensorAssetID)),
         ("external_key", .text(p.externalKey)), ("topic", .text(p.topic)), ("name", .string(p.name)),
         ("quantity", .string(p.quantity.rawValue)), ("unit", .string(p.unit)),
         ("canonical_unit", .string(p.quantity.canonicalUnit.symbol)), ("expected_interval_s", .number(p.expectedIntervalSeconds)),
         ("valid_min", .number(p.validMin)), ("valid_max", .number(p.validMax)), ("thresholds", thresholds(p.thresholds)),
         ("origin", .string(p.origin)), ("retired_at", .date(p.retiredAt)), ("revision", .int(Int(p.revision))),
         ("created_at", .date(p.createdAt)), ("updated_at", .date(p.updatedAt))]
    }

    static func point(_ p: Point) -> JSONValue { .object(pointMembers(p)) }

    static func time(_ micros: Int64) -> JSONValue { .date(Date(timeIntervalSince1970: Double(micros) / 1_000_000)) }

    /// A point with its newest reading (`value`, `time`, `quality` null when it has none yet).
    static func latest(_ point: Point, _ reading: Reading?) -> JSONValue {
        .object([("point_id", .uuid(point.id)), ("name", .string(point.name)), ("quantity", .string(point.quantity.rawValue)),
                 ("unit", .string(point.quantity.canonicalUnit.symbol)), ("asset_id", .uuid(point.assetID)),
                 ("space_id", .uuid(point.spaceID)), ("value", .number(reading?.value)),
                 ("time", reading.map { time($0.timeMicros) } ?? .null), ("quality", .text(reading?.quality.rawValue))])
    }

    static func ingestReport(_ r: IngestReport) -> JSONValue {
        .object([("items", .int(r.items)), ("accepted", .int(r.accepted)), ("refused", .int(r.refused)),
                 ("refusals", .array(r.refusals.map { refusal in
                     .object([("item", .int(refusal.item)), ("code", .string(refusal.code)), ("message", .string(refusal.message)),
                              ("line", .integer(refusal.line)), ("column", .integer(refusal.column)), ("field", .text(refusal.field))])
                 }))])
    }
}
