import CMongoc

/// A 12-byte MongoDB ObjectId.
///
/// New ids come from libbson's generator, which keeps its own per-process counter and
/// random value behind a lock, so generating ids from many threads is safe.
public struct BSONObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The raw bytes, big-endian timestamp first (so byte order is creation order).
    public let bytes: [UInt8]

    /// A freshly generated id.
    public init() {
        var oid = bson_oid_t()
        bson_oid_init(&oid, nil)
        self.bytes = withUnsafeBytes(of: oid.bytes) { Array($0) }
    }

    /// An id from exactly 12 bytes; `nil` otherwise.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 12 else { return nil }
        self.bytes = bytes
    }

    /// An id from its 24-character hexadecimal form; `nil` if malformed.
    public init?(_ hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 24 else { return nil }
        var result = [UInt8]()
        result.reserveCapacity(12)
        var index = 0
        while index < 24 {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        self.bytes = result
    }

    init(oid: bson_oid_t) {
        self.bytes = withUnsafeBytes(of: oid.bytes) { Array($0) }
    }

    var oid: bson_oid_t {
        var oid = bson_oid_t()
        withUnsafeMutableBytes(of: &oid.bytes) { raw in
            for (index, byte) in bytes.enumerated() where index < raw.count { raw[index] = byte }
        }
        return oid
    }

    /// Lower-case hexadecimal, as the shell prints it.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(24)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { hex }

    public static func < (lhs: BSONObjectID, rhs: BSONObjectID) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
