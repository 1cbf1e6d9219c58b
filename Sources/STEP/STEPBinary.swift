/// A STEP binary literal (`"0FF"`), kept as written.
///
/// The first hex digit counts the unused high bits of the first nibble; keeping the text
/// lets callers that never look at the bits avoid any conversion work.
public struct STEPBinary: Sendable, Equatable, Hashable {
    /// The hex digits between the quotes, including the leading unused-bit count.
    public let hex: String

    public init(hex: String) {
        self.hex = hex
    }

    /// Number of unused leading bits (0...3) declared by the first digit, or nil if malformed.
    public var unusedBits: Int? {
        guard let first = hex.utf8.first, first >= 0x30, first <= 0x33 else { return nil }
        return Int(first - 0x30)
    }

    /// Number of significant bits, or nil if malformed.
    public var bitCount: Int? {
        guard let unused = unusedBits else { return nil }
        let bits = (hex.utf8.count - 1) * 4 - unused
        return bits >= 0 ? bits : nil
    }
}
