import Foundation
import TwinDomain

/// One building's spatial index with every asset's compact members already encoded as JSON
/// values, so answering a viewer's click is a scan of packed boxes and a copy of bytes: no
/// database round trip, no per-hit UUID formatting or string escaping.
///
/// The bytes of one catalog are kept in a single array (fragment offsets in another), not in an
/// array per asset and member: a campus building has tens of thousands of assets.
public struct SpatialHitTable: Sendable {
    public let buildingID: UUID
    public let siteID: UUID
    public let index: SpatialIndex
    /// (site, building) per asset: what a scope is checked against, as the SQL checks each row.
    let owners: [(site: UUID, building: UUID?)]
    let bytes: [UInt8]
    /// `stride` offsets per asset: the start of each encoded member (in `encoded` order), then the end.
    let offsets: [Int32]

    /// The members kept pre-encoded: every member but `distance`, which each question computes.
    static let encoded: [SpatialHitMember] = SpatialHitMember.allCases.filter { $0 != .distance }
    static let slot: [SpatialHitMember: Int] = Dictionary(uniqueKeysWithValues: encoded.enumerated().map { ($1, $0) })
    static var stride: Int { encoded.count + 1 }

    public init(catalog: SpatialCatalog) {
        buildingID = catalog.buildingID
        siteID = catalog.siteID
        index = SpatialIndex(items: catalog.records.map(\.indexItem))
        owners = catalog.records.map { ($0.siteID, $0.buildingID) }
        var bytes: [UInt8] = []
        var offsets: [Int32] = []
        offsets.reserveCapacity(catalog.records.count * Self.stride)
        for record in catalog.records {
            for member in Self.encoded {
                offsets.append(Int32(bytes.count))
                Self.encode(member, of: record, into: &bytes)
            }
            offsets.append(Int32(bytes.count))
        }
        self.bytes = bytes
        self.offsets = offsets
    }

    public var count: Int { index.count }

    /// The compact hits of `query` visible in `scope`, as the JSON array the database path writes
    /// (the same members, order and values; only insignificant whitespace differs).
    public func hitsJSON(_ query: SpatialQuery, filter: SpatialFilter, members: [SpatialHitMember],
                         scope: AccessScope) -> [UInt8] {
        let hits = index.hits(query, kinds: filter.kinds, limit: filter.limit) { item in
            scope.contains(siteID: owners[item].site, buildingID: owners[item].building)
        }
        var out: [UInt8] = []
        out.reserveCapacity(hits.count * 64 * max(1, members.count) / 4 + 2)
        out.append(UInt8(ascii: "["))
        for (n, hit) in hits.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            for (m, member) in members.enumerated() {
                if m > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: member.rawValue.utf8)
                out.append(contentsOf: "\":".utf8)
                if let slot = Self.slot[member] {
                    let base = hit.item * Self.stride + slot
                    out.append(contentsOf: bytes[Int(offsets[base])..<Int(offsets[base + 1])])
                } else if let distance = hit.distance {
                    Self.number(distance, into: &out)
                } else {
                    out.append(contentsOf: "null".utf8)
                }
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    // MARK: Encoding

    static func encode(_ member: SpatialHitMember, of record: SpatialCatalog.Record, into out: inout [UInt8]) {
        switch member {
        case .id: uuid(record.id, into: &out)
        case .kind: string(record.kind.rawValue, into: &out)
        case .name: string(record.name, into: &out)
        case .tag: string(record.tag, into: &out)
        case .revision: out.append(contentsOf: String(record.revision).utf8)
        case .distance: out.append(contentsOf: "null".utf8)
        case .siteID: uuid(record.siteID, into: &out)
        case .buildingID: uuid(record.buildingID, into: &out)
        case .floorID: uuid(record.floorID, into: &out)
        case .spaceID: uuid(record.spaceID, into: &out)
        case .typeID: uuid(record.typeID, into: &out)
        case .parentID: uuid(record.parentID, into: &out)
        case .modelID: uuid(record.modelID, into: &out)
        case .source:
            out.append(contentsOf: #"{"ifc_global_id":"#.utf8)
            string(record.source.ifcGlobalID, into: &out)
            out.append(contentsOf: #","cobie_name":"#.utf8)
            string(record.source.cobieName, into: &out)
            out.append(contentsOf: #","source_type":"#.utf8)
            string(record.source.sourceType, into: &out)
            out.append(UInt8(ascii: "}"))
        case .position:
            guard let p = record.position else {
                out.append(contentsOf: "null".utf8)
                return
            }
            out.append(contentsOf: #"{"x":"#.utf8)
            number(p.x, into: &out)
            out.append(contentsOf: #","y":"#.utf8)
            number(p.y, into: &out)
            out.append(contentsOf: #","z":"#.utf8)
            number(p.z, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func uuid(_ id: UUID?, into out: inout [UInt8]) {
        guard let id else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: id.uuidString.lowercased().utf8)
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string (RFC 8259: quote, backslash and control characters escaped), or null.
    static func string(_ text: String?, into out: inout [UInt8]) {
        guard let text else {
            out.append(contentsOf: "null".utf8)
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20: out.append(contentsOf: #"\u00"#.utf8 + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Shortest round-trip form, as PostgreSQL writes `float8`; never NaN or infinite here (the
    /// geometry is finite), but those would be written as null rather than invalid JSON.
    static func number(_ value: Double, into out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(contentsOf: value.description.utf8)
    }
}
