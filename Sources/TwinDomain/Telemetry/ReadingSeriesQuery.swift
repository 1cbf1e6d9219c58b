/// A history read: one point, a time range, a bucket width and an aggregate.
public struct ReadingSeriesQuery: Sendable, Hashable {
    public enum Interval: String, Sendable, Hashable, CaseIterable {
        case raw, oneMinute = "1m", fiveMinutes = "5m", oneHour = "1h", oneDay = "1d"

        public var seconds: Int64? {
            switch self {
            case .raw: nil
            case .oneMinute: 60
            case .fiveMinutes: 300
            case .oneHour: 3600
            case .oneDay: 86_400
            }
        }
    }

    public enum Aggregate: String, Sendable, Hashable, CaseIterable {
        case avg, min, max, last, count
    }

    public var pointKey: Int64
    public var fromMicros: Int64
    public var toMicros: Int64
    public var interval: Interval
    public var aggregate: Aggregate
    /// At most this many samples (raw reads page by time).
    public var limit: Int

    public init(pointKey: Int64, fromMicros: Int64, toMicros: Int64, interval: Interval = .raw, aggregate: Aggregate = .avg,
                limit: Int = 100_000) {
        self.pointKey = pointKey
        self.fromMicros = fromMicros
        self.toMicros = toMicros
        self.interval = interval
        self.aggregate = aggregate
        self.limit = limit
    }
}
