import Foundation

/// Interprets the bytes of one field (already unescaped) the same way for every format, so JSON,
/// NDJSON, CSV and MQTT agree on what a valid point, key, timestamp, unit and quality are.
struct ReadingFieldParser {
    let maxStringLength: Int
    private var cachedUnitBytes: [UInt8] = []
    private var cachedUnit: MeasurementUnit?

    init(limits: TelemetryDecodeLimits) {
        maxStringLength = limits.clampedStringLength
    }

    func checkLength(_ raw: UnsafeRawBufferPointer, _ field: String) throws(FieldFailure) {
        if raw.count > maxStringLength {
            throw FieldFailure(.stringTooLong, "\(field) is \(raw.count) bytes long; the limit is \(maxStringLength)")
        }
    }

    func point(_ raw: UnsafeRawBufferPointer) throws(FieldFailure) -> UUID {
        guard let id = UUIDBytes.parse(raw) else {
            try checkLength(raw, "point")
            throw FieldFailure(.invalidPoint, "point is not a UUID: \(ByteText.quoted(raw))")
        }
        return id
    }

    func key(_ raw: UnsafeRawBufferPointer) throws(FieldFailure) -> String {
        try checkLength(raw, "key")
        guard raw.count > 0 else { throw FieldFailure(.invalidKey, "key is empty") }
        guard ByteText.isValidUTF8(raw) else { throw FieldFailure(.invalidEncoding, "key is not valid UTF-8: \(ByteText.quoted(raw))") }
        guard !ByteText.containsControl(raw) else {
            throw FieldFailure(.invalidKey, "key contains a control character: \(ByteText.quoted(raw))")
        }
        return String(decoding: raw, as: UTF8.self)
    }

    func timestamp(_ raw: UnsafeRawBufferPointer) throws(FieldFailure) -> Int64 {
        try checkLength(raw, "ts")
        let t: RFC3339Timestamp
        do {
            t = try RFC3339Timestamp.parse(raw)
        } catch {
            throw FieldFailure(.invalidTimestamp, "ts \(ByteText.quoted(raw)) is not an RFC 3339 date-time: \(error)")
        }
        let micros = t.micros
        guard micros >= RFC3339Timestamp.minMicros, micros <= RFC3339Timestamp.maxMicros else { throw outOfRange(raw) }
        return micros
    }

    /// Numeric timestamps: |x| > 1e14 is microseconds, |x| > 1e11 milliseconds, anything smaller
    /// seconds (1e11 s is year 5138, 1e14 ms year 5138 too, so the ranges cannot be confused for
    /// real clocks). Fractions below a microsecond are truncated toward the past.
    func timestamp(_ n: DecimalNumber, text raw: UnsafeRawBufferPointer) throws(FieldFailure) -> Int64 {
        guard n.status == .ok else { throw outOfRange(raw) }
        let magnitude = abs(n.value)
        let scaleExponent = magnitude > 1e14 ? 0 : magnitude > 1e11 ? 3 : 6
        let e = n.exponent + scaleExponent
        let limit = UInt64(RFC3339Timestamp.maxMicros)
        var q: UInt64
        var remainder = !n.isExact
        if n.mantissa == 0 {
            q = 0
        } else if e >= 0 {
            guard e <= 18 else { throw outOfRange(raw) }
            let f = DecimalNumber.exactIntegerPowerOfTen(e)
            guard n.mantissa <= limit / f else { throw outOfRange(raw) }
            q = n.mantissa * f
        } else if e >= -19 {
            let f = DecimalNumber.exactIntegerPowerOfTen(-e)
            q = n.mantissa / f
            if n.mantissa % f != 0 { remainder = true }
        } else {
            q = 0
            remainder = true
        }
        guard q <= limit else { throw outOfRange(raw) }
        var micros = Int64(q)
        if n.isNegative {
            micros = -micros - (remainder ? 1 : 0)
        }
        guard micros >= RFC3339Timestamp.minMicros, micros <= RFC3339Timestamp.maxMicros else { throw outOfRange(raw) }
        return micros
    }

    func outOfRange(_ raw: UnsafeRawBufferPointer) -> FieldFailure {
        FieldFailure(.invalidTimestamp, "ts \(ByteText.quoted(raw)) is outside years 0001–9999")
    }

    /// The unit's canonical symbol, or nil for an empty unit. One-entry cache: a batch usually
    /// repeats the same unit.
    @inline(__always)
    mutating func unit(_ raw: UnsafeRawBufferPointer) throws(FieldFailure) -> String? {
        if raw.count == 0 { return nil }
        if let cachedUnit, raw.count == cachedUnitBytes.count {
            var same = true
            for i in 0..<raw.count where cachedUnitBytes[i] != raw[i] {
                same = false
                break
            }
            if same { return cachedUnit.symbol }
        }
        try checkLength(raw, "unit")
        guard let unit = MeasurementUnit.lookup(raw) else {
            throw FieldFailure(.unknownUnit, "unknown unit \(ByteText.quoted(raw))")
        }
        cachedUnitBytes = Array(raw)
        cachedUnit = unit
        return unit.symbol
    }

    func quality(_ raw: UnsafeRawBufferPointer) throws(FieldFailure) -> ReadingQuality {
        if raw.count == 0 { return .good }
        guard let q = ReadingQuality.parse(raw) else {
            throw FieldFailure(.invalidQuality, "quality must be good, uncertain or bad, not \(ByteText.quoted(raw))")
        }
        return q
    }
}
