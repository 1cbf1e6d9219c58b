import Foundation

/// BSON binary data with its subtype, kept so UUIDs (subtype 4) and user-defined
/// subtypes survive a round trip.
public struct BSONBinary: Sendable, Hashable {
    public static let genericSubtype: UInt8 = 0x00
    public static let uuidSubtype: UInt8 = 0x04

    public var subtype: UInt8
    public var data: Data

    public init(subtype: UInt8 = BSONBinary.genericSubtype, data: Data) {
        self.subtype = subtype
        self.data = data
    }

    /// A UUID stored the standard way (subtype 4, 16 bytes).
    public init(uuid: UUID) {
        self.subtype = Self.uuidSubtype
        self.data = withUnsafeBytes(of: uuid.uuid) { Data($0) }
    }

    /// The UUID, when this is a 16-byte subtype 4 value.
    public var uuid: UUID? {
        guard subtype == Self.uuidSubtype, data.count == 16 else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { raw in
            for (index, byte) in data.enumerated() { raw[index] = byte }
        }
        return UUID(uuid: bytes)
    }
}
