/// Collects readings and errors for one decode call, adding positions to errors.
struct BatchBuilder {
    var batch = TelemetryBatch()
    var locator: LineLocator
    let maxErrors: Int
    /// Readings before this index belong to earlier messages (MQTT decoding into one batch).
    var firstReading = 0

    init(base: UnsafePointer<UInt8>?, count: Int, limits: TelemetryDecodeLimits) {
        locator = LineLocator(base: base, count: count)
        maxErrors = max(limits.maxErrors, 0)
    }

    @inline(__always)
    mutating func accept(_ reading: DecodedReading) {
        batch.itemIndexes.append(batch.itemCount)
        batch.itemCount += 1
        batch.readings.append(reading)
    }

    mutating func reject(item: Int, at offset: Int, field: String?, _ failure: FieldFailure) {
        batch.itemCount += 1
        batch.rejectedCount += 1
        guard batch.errors.count < maxErrors else { return }
        let (line, column) = locator.locate(offset)
        batch.errors.append(TelemetryDecodeError(code: failure.code, itemIndex: item, line: line, column: column,
                                                 offset: offset, field: field, message: failure.message))
    }

    /// A document error drops every reading: a broken upload is refused whole.
    mutating func fail(_ failure: DocumentFailure) {
        let (line, column) = locator.locate(failure.offset)
        batch.readings.removeSubrange(min(firstReading, batch.readings.count)...)
        batch.itemIndexes.removeSubrange(min(firstReading, batch.itemIndexes.count)...)
        batch.documentError = TelemetryDecodeError(code: failure.code, itemIndex: nil, line: line, column: column,
                                                   offset: failure.offset, field: nil, message: failure.message)
    }
}
