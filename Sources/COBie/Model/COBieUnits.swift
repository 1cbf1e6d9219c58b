/// The facility-wide units (Facility sheet) that give plain numbers elsewhere their meaning.
public struct COBieUnits: Sendable, Equatable {
    public var linear: String?
    public var area: String?
    public var volume: String?
    public var currency: String?

    public init(linear: String? = nil, area: String? = nil, volume: String? = nil, currency: String? = nil) {
        self.linear = linear
        self.area = area
        self.volume = volume
        self.currency = currency
    }
}
