/// The `#id` of an instance in a DATA section.
///
/// A distinct type (rather than a bare `Int`) so that references cannot be confused
/// with integer attribute values anywhere up the stack.
public struct STEPInstanceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int

    public init(_ rawValue: Int) {
        self.rawValue = rawValue
    }

    public static func < (lhs: STEPInstanceID, rhs: STEPInstanceID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    public var description: String { "#\(rawValue)" }
}
