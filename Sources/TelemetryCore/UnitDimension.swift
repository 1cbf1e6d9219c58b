/// What a unit measures; units convert only within one dimension (fractions and relative
/// humidity are the one bridge, see ``Quantity/conversion(from:)``).
public enum UnitDimension: String, Sendable, Hashable, Codable, CaseIterable {
    /// Base °C.
    case temperature
    /// Base %RH.
    case relativeHumidity = "relative_humidity"
    /// Base ratio (1).
    case fraction
    /// Base W.
    case power
    /// Base Wh.
    case energy
    /// Base V.
    case voltage
    /// Base A.
    case current
    /// Base Hz.
    case frequency
    /// Base m³/s.
    case volumeFlow = "volume_flow"
    /// Base Pa.
    case pressure
    /// Base s.
    case time
    /// Base Ω.
    case resistance
    /// Base rpm; no quantity stores it (fan speed is a percentage), so it is recognised only to
    /// give a clear mismatch instead of "unknown unit".
    case rotationalSpeed = "rotational_speed"
    /// 0 or 1.
    case boolean
    /// A pure number or code ("1", "").
    case unitless

    /// The name used in messages ("volume flow").
    public var spokenName: String { String(rawValue.map { $0 == "_" ? " " : $0 }) }
}
