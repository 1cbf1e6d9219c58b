/// What a decode call produced: the good readings, and what was wrong with the rest.
///
/// One bad item never spoils the others. A document error (the input is not a batch at all, is
/// cut short, or breaks a limit) leaves ``readings`` empty: a broken upload is refused whole rather
/// than half stored.
public struct TelemetryBatch: Sendable {
    public var readings: [DecodedReading]
    /// The input item (0-based) each reading came from, parallel to ``readings``, so a later stage
    /// (an unknown point, a value out of range) can report the item the sender knows.
    public var itemIndexes: [Int]
    /// Item errors in input order, at most ``TelemetryDecodeLimits/maxErrors``.
    public var errors: [TelemetryDecodeError]
    public var documentError: TelemetryDecodeError?
    /// Items seen, good and bad.
    public var itemCount: Int
    /// Items refused (may exceed `errors.count` when errors were capped).
    public var rejectedCount: Int

    public init() {
        readings = []
        itemIndexes = []
        errors = []
        documentError = nil
        itemCount = 0
        rejectedCount = 0
    }

    /// Forgets everything but keeps the storage, for callers decoding message after message.
    public mutating func removeAll() {
        readings.removeAll(keepingCapacity: true)
        itemIndexes.removeAll(keepingCapacity: true)
        errors.removeAll(keepingCapacity: true)
        documentError = nil
        itemCount = 0
        rejectedCount = 0
    }
}
