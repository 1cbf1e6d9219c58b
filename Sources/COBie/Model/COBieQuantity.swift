/// A number with the unit it is measured in (a length in the facility's linear unit, a warranty of 5
/// "year", a cost in "Dollars"); the unit is nil when the workbook does not say.
public struct COBieQuantity: Sendable, Equatable {
    public var value: Double
    public var unit: String?

    public init(value: Double, unit: String?) {
        self.value = value
        self.unit = unit
    }
}
