/// Why a reported unit cannot be used for a point.
public enum UnitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not a unit Atrium knows.
    case unknownUnit(String)
    /// A known unit of a dimension the quantity cannot be stored from (kW for a temperature).
    case unitMismatch(unit: MeasurementUnit, quantity: Quantity)

    public var description: String {
        switch self {
        case .unknownUnit(let text):
            "unknown unit \(ByteText.quoted(Array(text.utf8)))"
        case .unitMismatch(let unit, let quantity):
            "unit mismatch: \(unit.symbol) is a \(unit.dimension.spokenName) unit; "
                + "\(quantity.rawValue) is stored in \(quantity.canonicalUnit.symbol)"
        }
    }
}
