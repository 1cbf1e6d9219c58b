/// One reading as a payload stated it, before its point is resolved and its unit converted.
public struct DecodedReading: Sendable, Hashable {
    public var key: PointKey
    /// Microseconds since the Unix epoch (UTC); nil means the payload gave none and the arrival
    /// time applies.
    public var timeMicros: Int64?
    /// Always finite.
    public var value: Double
    /// The canonical symbol of the unit sent (`degC` arrives as `°C`; unknown units are item
    /// errors); nil when absent or empty, meaning the point's canonical unit. Converting it needs the
    /// point's quantity: ``Quantity/canonicalValue(_:unit:)``.
    public var unit: String?
    public var quality: ReadingQuality

    public init(key: PointKey, timeMicros: Int64? = nil, value: Double, unit: String? = nil, quality: ReadingQuality = .good) {
        self.key = key
        self.timeMicros = timeMicros
        self.value = value
        self.unit = unit
        self.quality = quality
    }
}
