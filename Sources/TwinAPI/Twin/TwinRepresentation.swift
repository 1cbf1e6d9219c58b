import Foundation
import TwinDomain

/// The JSON shape of every twin value: snake_case members, ids as lowercase UUIDs, metres,
/// RFC 3339 timestamps. One place, so lists, single objects, trees and the OpenAPI schemas agree.
enum TwinRepresentation {
    static func point(_ p: Point3D?) -> JSONValue {
        guard let p else { return .null }
        return .object([("x", .double(p.x)), ("y", .double(p.y)), ("z", .double(p.z))])
    }

    static func box(_ b: Box3D?) -> JSONValue {
        guard let b else { return .null }
        return .object([("min", point(b.min)), ("max", point(b.max))])
    }

    static func ring(_ ring: [Point2D]) -> JSONValue { .array(ring.map { .array([.double($0.x), .double($0.y)]) }) }

    static func footprint(_ f: Footprint?) -> JSONValue {
        guard let f else { return .null }
        return .object([("outer", ring(f.outer)), ("holes", .array(f.holes.map(ring))), ("area", .double(f.area))])
    }

    static func location(_ g: GeoLocation?) -> JSONValue {
        guard let g else { return .null }
        return .object([("latitude", .double(g.latitude)), ("longitude", .double(g.longitude)),
                        ("elevation", .number(g.elevation))])
    }

    static func source(_ s: SourceReference) -> JSONValue {
        .object([("ifc_global_id", .text(s.ifcGlobalID)), ("cobie_name", .text(s.cobieName)),
                 ("source_type", .text(s.sourceType))])
    }

    static func document(_ value: DocumentValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(Int(i))
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .array(let items): .array(items.map(document))
        case .object(let members): .object(members.keys.sorted().map { ($0, document(members[$0]!)) })
        }
    }

    static func properties(_ p: [String: DocumentValue]) -> JSONValue {
        .object(p.keys.sorted().map { ($0, document(p[$0]!)) })
    }

    static func ids(_ ids: [UUID]) -> JSONValue { .array(ids.map { .uuid($0) }) }

    /// The members every versioned row ends with.
    static func tail(retired: Int?, revision: Int, created: Date, updated: Date) -> [(String, JSONValue)] {
        [("retired_in_version", .integer(retired)), ("revision", .int(revision)),
         ("created_at", .date(created)), ("updated_at", .date(updated))]
    }
}
