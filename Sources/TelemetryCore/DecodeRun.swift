/// The frame every JSON-based decode call shares: the byte limit, a scratch buffer for unescaped
/// strings, and turning a thrown document failure into the batch's document error.
enum DecodeRun {
    static func json(_ bytes: UnsafeRawBufferPointer, limits: TelemetryDecodeLimits, into batch: inout TelemetryBatch,
                     fixedKey: PointKey? = nil,
                     _ body: (inout JSONTelemetryReader) throws(DocumentFailure) -> Void) {
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: limits.clampedStringLength + 8)
        defer { scratch.deallocate() }
        // An empty buffer may have no address; any valid pointer serves, as nothing is read from it.
        let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(scratch)
        var reader = JSONTelemetryReader(base: base, count: bytes.count, limits: limits,
                                         out: BatchBuilder(base: base, count: bytes.count, limits: limits), scratch: scratch)
        reader.fixedKey = fixedKey
        // The batch moves into the reader and back, so appends never copy the caller's storage.
        reader.out.firstReading = batch.readings.count
        swap(&reader.out.batch, &batch)
        defer { swap(&reader.out.batch, &batch) }
        if let failure = sizeFailure(bytes.count, limits) {
            reader.out.fail(failure)
            return
        }
        do throws(DocumentFailure) {
            try body(&reader)
        } catch {
            reader.out.fail(error)
        }
    }

    static func sizeFailure(_ count: Int, _ limits: TelemetryDecodeLimits) -> DocumentFailure? {
        guard count > limits.maxBytes else { return nil }
        return DocumentFailure(.limitExceeded, at: 0, "the document is \(count) bytes; the limit is \(limits.maxBytes)")
    }
}
