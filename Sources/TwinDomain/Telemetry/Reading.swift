import TelemetryCore

/// One stored reading: the point's compact key, when, the value in the quantity's canonical unit.
public struct Reading: Sendable, Hashable {
    public var pointKey: Int64
    /// Microseconds since the Unix epoch (UTC).
    public var timeMicros: Int64
    public var value: Double
    public var quality: ReadingQuality

    public init(pointKey: Int64, timeMicros: Int64, value: Double, quality: ReadingQuality = .good) {
        self.pointKey = pointKey
        self.timeMicros = timeMicros
        self.value = value
        self.quality = quality
    }
}
