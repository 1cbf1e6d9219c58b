import Foundation

/// How a reading names its point: Atrium's own id, or the key an external system uses for it
/// (a BMS object name, an SNMP OID, a Modbus register label), resolved later against the point table.
public enum PointKey: Sendable, Hashable, CustomStringConvertible {
    case id(UUID)
    case externalKey(String)

    public var description: String {
        switch self {
        case .id(let id): id.uuidString.lowercased()
        case .externalKey(let key): key
        }
    }
}
