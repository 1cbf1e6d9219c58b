/// Where a device sits in its rack: lowest occupied unit (1-based) and how many units it takes.
///
/// The store enforces that mountings in one rack never overlap (an exclusion constraint), so
/// two devices in the same U is an impossible state, not a validation warning.
public struct RackMounting: Sendable, Hashable, Codable {
    public var uPosition: Int
    public var uHeight: Int

    public init(uPosition: Int, uHeight: Int) {
        self.uPosition = uPosition
        self.uHeight = uHeight
    }

    /// Units occupied, inclusive.
    public var units: ClosedRange<Int> { uPosition...(uPosition + max(uHeight, 1) - 1) }

    public func overlaps(_ other: RackMounting) -> Bool { units.overlaps(other.units) }

    /// Whether the mounting fits a rack of `rackUnits` units.
    public func fits(rackUnits: Int) -> Bool { uPosition >= 1 && uHeight >= 1 && units.upperBound <= rackUnits }
}
