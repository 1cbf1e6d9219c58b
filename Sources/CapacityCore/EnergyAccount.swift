import Foundation

/// Energy and PUE over time from hourly power: IT power at the metering level the twin has (the
/// Green Grid category: 3 at the IT equipment's input, 2 at PDU outputs or rack feeds, 1 at UPS
/// outputs) and total facility power (metered, or derived as IT through the UPS plus cooling).
/// Pure: the service hands it hourly averages, it sums energy per bucket, PUE, cost, and compares
/// with the prior period.
public struct EnergyAccount: Sendable {
    /// One hour: average IT and facility power (W) and how many IT points reported in it.
    public struct Hour: Sendable, Hashable {
        public var start: Date
        public var itW: Double
        public var facilityW: Double
        public init(start: Date, itW: Double, facilityW: Double) {
            self.start = start
            self.itW = itW
            self.facilityW = facilityW
        }
    }

    public enum Interval: String, Sendable, Hashable, CaseIterable { case hour, day, month }

    public struct Bucket: Sendable, Hashable {
        public var start: Date
        public var itKWh: Double
        public var facilityKWh: Double
        public var hours: Int
        public var pue: Double? { itKWh > 0 ? facilityKWh / itKWh : nil }
    }

    public struct Totals: Sendable, Hashable {
        public var itKWh: Double
        public var facilityKWh: Double
        public var hours: Int
        public var cost: Double?
        public var pue: Double? { itKWh > 0 ? facilityKWh / itKWh : nil }
    }

    public let buckets: [Bucket]
    public let totals: Totals

    /// - Parameters:
    ///   - hours: hourly averages, any order; an hour without data is missing, not zero.
    ///   - tariff: price per facility kWh (nil: no cost).
    ///   - calendar: where days and months begin (the site's time zone).
    public init(hours: [Hour], interval: Interval, tariff: Double?, calendar: Calendar) {
        var byStart: [Date: Bucket] = [:]
        var order: [Date] = []
        for hour in hours.sorted(by: { $0.start < $1.start }) {
            let start: Date
            switch interval {
            case .hour: start = hour.start
            case .day: start = calendar.startOfDay(for: hour.start)
            case .month: start = calendar.date(from: calendar.dateComponents([.year, .month], from: hour.start)) ?? hour.start
            }
            if byStart[start] == nil { order.append(start) }
            var bucket = byStart[start] ?? Bucket(start: start, itKWh: 0, facilityKWh: 0, hours: 0)
            // An hour at an average of P watts is P / 1,000 kWh.
            bucket.itKWh += max(0, hour.itW) / 1_000
            bucket.facilityKWh += max(0, hour.facilityW) / 1_000
            bucket.hours += 1
            byStart[start] = bucket
        }
        buckets = order.compactMap { byStart[$0] }
        let it = buckets.reduce(0) { $0 + $1.itKWh }, facility = buckets.reduce(0) { $0 + $1.facilityKWh }
        totals = Totals(itKWh: it, facilityKWh: facility, hours: buckets.reduce(0) { $0 + $1.hours },
                        cost: tariff.map { $0 * facility })
    }

    /// Relative change from `prior` to `current` (0.1 is +10 %); nil when the prior was zero.
    public static func change(_ current: Double?, from prior: Double?) -> Double? {
        guard let current, let prior, prior != 0 else { return nil }
        return (current - prior) / prior
    }
}
