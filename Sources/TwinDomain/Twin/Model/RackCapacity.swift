/// What a rack offers: U space and the power, weight and cooling budgets devices draw on.
public struct RackCapacity: Sendable, Hashable, Codable {
    /// Usable rack units (typically 42, 45, 48).
    public var uHeight: Int
    public var powerBudgetW: Double?
    public var weightBudgetKg: Double?
    public var coolingBudgetW: Double?

    public init(uHeight: Int, powerBudgetW: Double? = nil, weightBudgetKg: Double? = nil, coolingBudgetW: Double? = nil) {
        self.uHeight = uHeight
        self.powerBudgetW = powerBudgetW
        self.weightBudgetKg = weightBudgetKg
        self.coolingBudgetW = coolingBudgetW
    }

    /// A rack needs at least one unit and at most a tall one (60U); anything else is a data error.
    public static let validUHeights = 1...60
}
