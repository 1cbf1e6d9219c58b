import STEP

/// The value of one property or quantity, kept typed (`IFCLABEL('x')` stays `.typed`) so callers
/// can tell a length from a label without a second lookup.
public enum IFCPropertyValue: Sendable, Equatable {
    case single(STEPValue?, unit: STEPInstanceID?)
    case enumerated([STEPValue], reference: STEPInstanceID?)
    case bounded(upper: STEPValue?, lower: STEPValue?, setPoint: STEPValue?, unit: STEPInstanceID?)
    case list([STEPValue], unit: STEPInstanceID?)
    case table(defining: [STEPValue], defined: [STEPValue])
    case reference(STEPInstanceID?)
    case complex([IFCProperty])
    /// Quantity entity (IfcQuantityLength…), value in project units, optional explicit unit.
    case quantity(kind: String, value: Double?, unit: STEPInstanceID?)
    case complexQuantity([IFCProperty])
    /// An attribute of a predefined property set (IfcDoorLiningProperties…).
    case attribute(STEPValue)
}
