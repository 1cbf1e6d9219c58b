import Foundation

/// Decodes one MQTT message payload for a point the topic already names.
///
/// Accepted: a bare number (`21.5`, also `+21.5`, `.5`), `true`/`false` (1/0), an item object
/// `{"value":…,"ts":…,"unit":…,"quality":…}` (a `point` or `key` in it is ignored: the topic
/// decides), or a JSON array of numbers and such objects; surrounding whitespace is ignored.
/// A value that is not a number is an item error; JSON that is broken is a document error.
/// The default byte limit is 1 MiB (an MQTT message, not an upload).
public struct MQTTPayloadDecoder: Sendable {
    public var limits: TelemetryDecodeLimits

    public init(limits: TelemetryDecodeLimits = TelemetryDecodeLimits(maxBytes: 1 << 20)) {
        self.limits = limits
    }

    public func decode(_ payload: some ContiguousBytes, key: PointKey) -> TelemetryBatch {
        var batch = TelemetryBatch()
        payload.withUnsafeBytes { decode($0, key: key, into: &batch) }
        return batch
    }

    /// Appends to `batch`, for callers that decode message after message into reused storage.
    /// Item indexes count within this payload; a document error drops only this payload's readings
    /// (and replaces any earlier ``TelemetryBatch/documentError``).
    public func decode(_ payload: UnsafeRawBufferPointer, key: PointKey, into batch: inout TelemetryBatch) {
        if payload.count <= limits.maxBytes, let reading = Self.bareNumber(payload, key: key) {
            batch.itemCount += 1
            batch.readings.append(reading)
            batch.itemIndexes.append(0)
            return
        }
        DecodeRun.json(payload, limits: limits, into: &batch, fixedKey: key) { (r) throws(DocumentFailure) in
            try Self.read(&r, key: key)
        }
    }

    /// The hot path: a plain decimal number with optional surrounding whitespace.
    @inline(__always)
    static func bareNumber(_ payload: UnsafeRawBufferPointer, key: PointKey) -> DecodedReading? {
        guard let base = payload.baseAddress else { return nil }
        let p = base.assumingMemoryBound(to: UInt8.self)
        var start = 0
        var end = payload.count
        while start < end, isSpace(p[start]) { start += 1 }
        while end > start, isSpace(p[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        let n = DecimalNumber.scan(p, start, end, lenient: true)
        guard n.status == .ok, n.end == end else { return nil }
        return DecodedReading(key: key, value: n.value)
    }

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    static func read(_ r: inout JSONTelemetryReader, key: PointKey) throws(DocumentFailure) {
        r.skipByteOrderMark()
        r.skipWhitespace()
        while r.end > r.pos, isSpace(r.p[r.end - 1]) { r.end -= 1 }
        let start = r.pos
        guard start < r.end else {
            r.out.reject(item: 0, at: start, field: "value", FieldFailure(.invalidValue, "payload is empty"))
            return
        }
        let c = r.p[start]
        switch c {
        case 0x7B:
            let outcome = try r.readItem(depth: 1)
            try expectEnd(&r)
            r.record(outcome, item: 0)
        case 0x5B:
            try readArray(&r, key: key)
            try expectEnd(&r)
        case 0x22:
            r.out.reject(item: 0, at: start, field: "value",
                         FieldFailure(.invalidValue, "payload is a JSON string \(ByteText.quoted(r.raw(start, r.end))); publish the number itself"))
        default:
            if JSONTelemetryReader.isLetter(c) || ((c == 0x2D || c == 0x2B) && JSONTelemetryReader.isLetter(r.byte(start + 1))) {
                bareWord(&r, key: key)
                return
            }
            // A number the fast path refused: malformed, out of range, or followed by other text.
            let n = DecimalNumber.scan(r.p, start, r.end, lenient: true)
            if n.status == .outOfRange && n.end == r.end {
                r.out.reject(item: 0, at: start, field: "value",
                             FieldFailure(.valueOutOfRange, "value \(ByteText.quoted(r.raw(start, r.end))) is too large for a double"))
            } else {
                r.out.reject(item: 0, at: start, field: "value", FieldFailure(.invalidValue, "payload is not a number, true/false, "
                    + "an object or an array: \(ByteText.quoted(r.raw(start, r.end)))"))
            }
        }
    }

    static func bareWord(_ r: inout JSONTelemetryReader, key: PointKey) {
        let start = r.pos
        let text = r.raw(start, r.end)
        if ByteText.bytesEqual(text, "true") || ByteText.bytesEqual(text, "false") {
            r.out.accept(DecodedReading(key: key, value: text.count == 4 ? 1 : 0))
            return
        }
        var word = text
        if let first = word.first, first == 0x2D || first == 0x2B { word = UnsafeRawBufferPointer(rebasing: word.dropFirst()) }
        if ByteText.equalsFolded(word, "nan") || ByteText.equalsFolded(word, "infinity") || ByteText.equalsFolded(word, "inf") {
            r.out.reject(item: 0, at: start, field: "value", FieldFailure(.nonFiniteValue, "value is not a finite number"))
        } else if ByteText.bytesEqual(text, "null") {
            r.out.reject(item: 0, at: start, field: "value", FieldFailure(.invalidValue, "value is null"))
        } else {
            r.out.reject(item: 0, at: start, field: "value", FieldFailure(.invalidValue, "payload is not a number, true/false, "
                + "an object or an array: \(ByteText.quoted(text))"))
        }
    }

    static func expectEnd(_ r: inout JSONTelemetryReader) throws(DocumentFailure) {
        r.skipWhitespace()
        if r.pos < r.end {
            throw DocumentFailure(.syntax, at: r.pos, "unexpected \(JSONTelemetryReader.describe(r.p[r.pos])) after the payload")
        }
    }

    /// `[21.5, {"value":22,"ts":…}, …]`
    static func readArray(_ r: inout JSONTelemetryReader, key: PointKey) throws(DocumentFailure) {
        try r.enter(1)
        r.pos += 1
        r.skipWhitespace()
        if r.byte(r.pos) == 0x5D {
            r.pos += 1
            return
        }
        var index = 0
        while true {
            if index >= r.maxItems {
                throw DocumentFailure(.limitExceeded, at: r.pos, "more than \(r.maxItems) items in one payload")
            }
            let at = r.pos
            if r.byte(at) == 0x7B {
                r.record(try r.readItem(depth: 2), item: index)
            } else {
                let v = try r.readValue(depth: 2)
                do throws(FieldFailure) {
                    switch v {
                    case .number, .bool, .nonFinite, .null, .string:
                        let value = try r.numericValue(v, valueEnd: r.pos)
                        r.out.accept(DecodedReading(key: key, value: value))
                    case .array, .object:
                        throw FieldFailure(.notAnObject, "item is \(v.kindDescription), not a number or an object")
                    }
                } catch {
                    r.out.reject(item: index, at: at, field: error.code == .notAnObject ? nil : "value", error)
                }
            }
            index += 1
            r.skipWhitespace()
            if try r.afterMember(closer: 0x5D, "',' or ']' after an item") { return }
        }
    }
}
