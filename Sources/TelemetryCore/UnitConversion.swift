/// An affine map from a reported unit to a quantity's canonical unit:
/// `canonical = (value + offset) × multiplier ÷ divisor`.
///
/// Kept as offset and an exact ratio rather than one `scale` so that conversions with exact
/// decimal answers get them (`5 ‰` → `0.5 %` divides by 10 instead of multiplying by 0.1).
public struct UnitConversion: Sendable, Hashable {
    public let offset: Double
    public let multiplier: Double
    public let divisor: Double

    public static let identity = UnitConversion(offset: 0, multiplier: 1, divisor: 1)

    public init(offset: Double, multiplier: Double, divisor: Double) {
        self.offset = offset
        self.multiplier = multiplier
        self.divisor = divisor
    }

    public var isIdentity: Bool { offset == 0 && multiplier == divisor }

    /// The same map as `canonical = value × scale + shift`.
    public var scale: Double { multiplier / divisor }
    public var shift: Double { offset * multiplier / divisor }

    @inlinable
    public func apply(_ value: Double) -> Double {
        var v = value + offset
        if multiplier != 1 { v *= multiplier }
        if divisor != 1 { v /= divisor }
        return v
    }
}
