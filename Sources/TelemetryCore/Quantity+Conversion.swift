/// Turning reported values into canonical ones.
extension Quantity {
    /// Dimensions whose units this quantity can be stored from. Fractions bridge into relative
    /// humidity (a sensor reporting `%` or `ratio` for humidity means %RH); pure numbers are
    /// accepted where the canonical unit is itself a pure number or a 0/1 state.
    public var acceptedDimensions: Set<UnitDimension> {
        switch canonicalUnit.dimension {
        case .relativeHumidity: [.relativeHumidity, .fraction]
        case .fraction: self == .powerFactor ? [.fraction, .unitless] : [.fraction]
        case .boolean: [.boolean, .unitless]
        case let d: [d]
        }
    }

    public func accepts(_ unit: MeasurementUnit) -> Bool { acceptedDimensions.contains(unit.dimension) }

    /// The map from `unit` to ``canonicalUnit``.
    public func conversion(from unit: MeasurementUnit) throws(UnitError) -> UnitConversion {
        guard accepts(unit) else { throw .unitMismatch(unit: unit, quantity: self) }
        // Canonical units have no offset, so unit → base → canonical composes into one ratio.
        let c = canonicalUnit
        var num = unit.multiplier * c.divisor
        var den = unit.divisor * c.multiplier
        if let g = Self.gcd(num, den) {
            num /= g
            den /= g
        }
        return UnitConversion(offset: unit.offset, multiplier: num, divisor: den)
    }

    /// The map from a reported unit string; `nil` means the value is already canonical.
    public func conversion(from unitText: String?) throws(UnitError) -> UnitConversion {
        guard let unitText else { return .identity }
        return try conversion(from: MeasurementUnit(parsing: unitText))
    }

    /// `value` in ``canonicalUnit``.
    public func canonicalValue(_ value: Double, unit: String?) throws(UnitError) -> Double {
        try conversion(from: unit).apply(value)
    }

    /// Greatest common divisor of two exact integers held in doubles, or nil when either is not one.
    static func gcd(_ a: Double, _ b: Double) -> Double? {
        let limit = 9_007_199_254_740_992.0
        guard a >= 1, b >= 1, a < limit, b < limit, a == a.rounded(), b == b.rounded() else { return nil }
        var x = UInt64(a)
        var y = UInt64(b)
        while y != 0 { (x, y) = (y, x % y) }
        return Double(x)
    }
}
