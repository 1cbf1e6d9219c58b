import Foundation

/// Aggregates the reports read from the hourly rollups, computed in the database (a year of a
/// campus's rack inlets is millions of rows; the answer is a row per point).
public protocol ReportRepository: Sendable {
    /// Per rack inlet (temperature points on racks) in [from, to): hours with data, hours whose
    /// average lay within 18–27 °C (ASHRAE recommended), hours whose maximum stayed at or below the
    /// point's warning threshold (27 °C without one), the highest value and the threshold.
    func inletHours(siteID: UUID, buildingID: UUID?, from: Date, to: Date) async throws -> [InletHours]
    /// Per UPS and battery quantity (`state_of_health`, `cell_resistance`) point in [from, to): the
    /// first and last hourly averages with their times, and the extremes.
    func batteryTrends(siteID: UUID, buildingID: UUID?, from: Date, to: Date) async throws -> [BatteryTrend]
}

public struct InletHours: Sendable, Hashable {
    public var pointName: String
    public var rackName: String
    public var hours: Int
    public var inRecommendedBand: Int
    public var withinThreshold: Int
    public var maximumC: Double
    public var warnHighC: Double
    public init(pointName: String, rackName: String, hours: Int, inRecommendedBand: Int, withinThreshold: Int, maximumC: Double, warnHighC: Double) {
        self.pointName = pointName
        self.rackName = rackName
        self.hours = hours
        self.inRecommendedBand = inRecommendedBand
        self.withinThreshold = withinThreshold
        self.maximumC = maximumC
        self.warnHighC = warnHighC
    }
}

public struct BatteryTrend: Sendable, Hashable {
    public var upsName: String
    public var pointKey: String
    public var quantity: String
    public var firstAt: Date
    public var lastAt: Date
    public var first: Double
    public var last: Double
    public var minimum: Double
    public var maximum: Double
    public init(upsName: String, pointKey: String, quantity: String, firstAt: Date, lastAt: Date, first: Double, last: Double,
                minimum: Double, maximum: Double) {
        self.upsName = upsName
        self.pointKey = pointKey
        self.quantity = quantity
        self.firstAt = firstAt
        self.lastAt = lastAt
        self.first = first
        self.last = last
        self.minimum = minimum
        self.maximum = maximum
    }
}
