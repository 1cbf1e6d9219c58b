/// One value of a history answer: a raw reading, or a bucket's aggregate (time = bucket start).
public struct ReadingSample: Sendable, Hashable {
    public var timeMicros: Int64
    public var value: Double
    /// Readings in the bucket (1 for raw).
    public var count: Int64

    public init(timeMicros: Int64, value: Double, count: Int64 = 1) {
        self.timeMicros = timeMicros
        self.value = value
        self.count = count
    }
}
