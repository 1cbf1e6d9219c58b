import CMongoc

/// An IEEE 754-2008 decimal128, kept as its raw 128 bits so no precision is lost.
///
/// Text conversion goes through libbson, which implements the full specification
/// (exponents, NaN, infinities) that a hand-rolled parser would likely get wrong.
public struct BSONDecimal128: Sendable, Hashable, CustomStringConvertible {
    public var low: UInt64
    public var high: UInt64

    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// Parses the canonical text form (e.g. `"12.50"`, `"-1E+3"`, `"NaN"`); `nil` if invalid.
    public init?(_ text: String) {
        var value = bson_decimal128_t()
        let ok = text.withCString { bson_decimal128_from_string($0, &value) }
        guard ok else { return nil }
        self.low = value.low
        self.high = value.high
    }

    var raw: bson_decimal128_t {
        var value = bson_decimal128_t()
        value.low = low
        value.high = high
        return value
    }

    public var description: String {
        var value = raw
        var buffer = [CChar](repeating: 0, count: Int(BSON_DECIMAL128_STRING))
        buffer.withUnsafeMutableBufferPointer { bson_decimal128_to_string(&value, $0.baseAddress) }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
