/// What is to be placed: `count` devices of `uHeight` U drawing `powerW` and weighing `weightKg`,
/// fed `A+B` (both feeds, each able to carry it alone) or from one feed.
public struct PlacementRequest: Sendable, Hashable {
    public enum Feeds: String, Sendable, Hashable {
        case redundant = "A+B"
        case single = "single"
    }

    public var uHeight: Int
    public var powerW: Double
    public var weightKg: Double
    public var feeds: Feeds
    public var count: Int

    public init(uHeight: Int, powerW: Double, weightKg: Double = 0, feeds: Feeds = .redundant, count: Int = 1) {
        self.uHeight = uHeight
        self.powerW = powerW
        self.weightKg = weightKg
        self.feeds = feeds
        self.count = count
    }

    /// Sizes a real device can have; the field that is not is named.
    public func problem() -> (field: String, reason: String)? {
        if !(1...60).contains(uHeight) { return ("u_height", "must be 1…60 U") }
        if !(powerW.isFinite && powerW >= 0 && powerW <= 200_000) { return ("power_w", "must be 0…200,000 W") }
        if !(weightKg.isFinite && weightKg >= 0 && weightKg <= 3_000) { return ("weight_kg", "must be 0…3,000 kg") }
        if !(1...10_000).contains(count) { return ("count", "must be 1…10,000") }
        return nil
    }
}
