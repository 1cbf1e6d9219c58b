/// An RFC 3339 date-time (`2024-05-01T12:00:00.123456789+02:00`) as seconds and nanoseconds since
/// the Unix epoch, UTC.
///
/// Accepted: `T`, `t` or a space between date and time; a fraction of any length (digits past the
/// ninth are dropped, not rounded); `Z`, `z` or `±hh:mm`. Refused: a missing offset (local time is
/// ambiguous), dates that do not exist (2023-02-29), fields out of range. A leap second (`:60`)
/// is folded to the last nanosecond of its minute so readings stay ordered.
public struct RFC3339Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64
    /// 0 ..< 1,000,000,000.
    public var nanoseconds: Int32

    public init(seconds: Int64, nanoseconds: Int32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Microseconds since the epoch, the fraction truncated toward the past (clamped to Int64).
    public var micros: Int64 {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, over) = scaled.addingReportingOverflow(Int64(nanoseconds / 1_000))
        return over ? .max : sum
    }

    public static func < (a: RFC3339Timestamp, b: RFC3339Timestamp) -> Bool {
        (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds)
    }

    /// Why a timestamp string was refused; `offset` is the byte where the problem is.
    public enum ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        case expected(String, offset: Int)
        case fieldOutOfRange(field: String, value: Int, offset: Int)
        case nonexistentDate(year: Int, month: Int, day: Int)
        case missingOffset
        case trailingText(offset: Int)

        public var description: String {
            switch self {
            case .expected(let what, let offset): "expected \(what) at character \(offset + 1)"
            case .fieldOutOfRange(let field, let value, _): "\(field) \(value) is out of range"
            case .nonexistentDate(let y, let m, let d):
                "\(RFC3339Timestamp.pad(y, 4))-\(RFC3339Timestamp.pad(m, 2))-\(RFC3339Timestamp.pad(d, 2)) does not exist"
            case .missingOffset: "no UTC offset (add Z or ±hh:mm)"
            case .trailingText(let offset): "unexpected text at character \(offset + 1)"
            }
        }
    }

    public init(parsing text: String) throws(ParseError) {
        var result: Result<RFC3339Timestamp, ParseError> = .failure(.missingOffset)
        Array(text.utf8).withUnsafeBytes { b in
            result = Result { () throws(ParseError) in try RFC3339Timestamp.parse(b) }
        }
        self = try result.get()
    }

    /// Parses bytes holding exactly one timestamp.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(ParseError) -> RFC3339Timestamp {
        guard let base = bytes.baseAddress else { throw .expected("a date (YYYY-MM-DD)", offset: 0) }
        return try parse(base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    /// Microseconds since the epoch, or nil when the bytes are not an RFC 3339 date-time.
    @inlinable
    public static func micros(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        try? parse(bytes).micros
    }

    @inline(__always)
    static func twoDigits(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int {
        let a = p[i] &- 0x30
        let b = p[i + 1] &- 0x30
        if a > 9 || b > 9 { return -1 }
        return Int(a) * 10 + Int(b)
    }

    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ n: Int) throws(ParseError) -> RFC3339Timestamp {
        // Fixed layout first: YYYY-MM-DDTHH:MM:SS is 19 bytes.
        guard n >= 19 else { throw shortInput(p, n) }
        let hi = twoDigits(p, 0)
        let lo = twoDigits(p, 2)
        guard hi >= 0, lo >= 0 else { throw .expected("a four-digit year", offset: 0) }
        let year = hi * 100 + lo
        guard p[4] == 0x2D else { throw .expected("'-'", offset: 4) }
        let month = twoDigits(p, 5)
        guard month >= 0 else { throw .expected("a two-digit month", offset: 5) }
        guard p[7] == 0x2D else { throw .expected("'-'", offset: 7) }
        let day = twoDigits(p, 8)
        guard day >= 0 else { throw .expected("a two-digit day", offset: 8) }
        guard p[10] == 0x54 || p[10] == 0x74 || p[10] == 0x20 else { throw .expected("'T' between date and time", offset: 10) }
        let hour = twoDigits(p, 11)
        guard hour >= 0 else { throw .expected("a two-digit hour", offset: 11) }
        guard p[13] == 0x3A else { throw .expected("':'", offset: 13) }
        let minute = twoDigits(p, 14)
        guard minute >= 0 else { throw .expected("two-digit minutes", offset: 14) }
        guard p[16] == 0x3A else { throw .expected("':'", offset: 16) }
        var second = twoDigits(p, 17)
        guard second >= 0 else { throw .expected("two-digit seconds", offset: 17) }

        guard month >= 1 && month <= 12 else { throw .fieldOutOfRange(field: "month", value: month, offset: 5) }
        guard day >= 1 && day <= daysIn(month: month, year: year) else {
            if day >= 1 && day <= 31 { throw .nonexistentDate(year: year, month: month, day: day) }
            throw .fieldOutOfRange(field: "day", value: day, offset: 8)
        }
        guard hour <= 23 else { throw .fieldOutOfRange(field: "hour", value: hour, offset: 11) }
        guard minute <= 59 else { throw .fieldOutOfRange(field: "minute", value: minute, offset: 14) }
        guard second <= 60 else { throw .fieldOutOfRange(field: "second", value: second, offset: 17) }

        var i = 19
        var nanos = 0
        if i < n && p[i] == 0x2E {
            i += 1
            let fractionStart = i
            var scale = 100_000_000
            while i < n {
                let d = p[i] &- 0x30
                if d > 9 { break }
                nanos += Int(d) * scale
                scale /= 10
                i += 1
            }
            if i == fractionStart { throw .expected("digits after '.'", offset: i) }
        }
        guard i < n else { throw .missingOffset }
        var offsetSeconds = 0
        switch p[i] {
        case 0x5A, 0x7A:
            i += 1
        case 0x2B, 0x2D:
            let sign = p[i] == 0x2D ? -1 : 1
            guard i + 6 <= n else { throw .expected("an offset ±hh:mm", offset: i) }
            let oh = twoDigits(p, i + 1)
            guard oh >= 0, p[i + 3] == 0x3A else { throw .expected("an offset ±hh:mm", offset: i) }
            let om = twoDigits(p, i + 4)
            guard om >= 0 else { throw .expected("an offset ±hh:mm", offset: i) }
            guard oh <= 23 else { throw .fieldOutOfRange(field: "offset hour", value: oh, offset: i + 1) }
            guard om <= 59 else { throw .fieldOutOfRange(field: "offset minute", value: om, offset: i + 4) }
            offsetSeconds = sign * (oh * 3_600 + om * 60)
            i += 6
        default:
            if p[i] >= 0x30 && p[i] <= 0x39 { throw .expected("Z or an offset ±hh:mm", offset: i) }
            throw .missingOffset
        }
        guard i == n else { throw .trailingText(offset: i) }
        if second == 60 {
            second = 59
            nanos = 999_999_999
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let secs = Int64(days) * 86_400 + Int64(hour * 3_600 + minute * 60 + second - offsetSeconds)
        return RFC3339Timestamp(seconds: secs, nanoseconds: Int32(nanos))
    }

    /// A precise message for input shorter than the fixed part.
    static func shortInput(_ p: UnsafePointer<UInt8>, _ n: Int) -> ParseError {
        let layout: [(Int, String)] = [(0, "a four-digit year"), (4, "'-'"), (5, "a two-digit month"), (7, "'-'"),
                                       (8, "a two-digit day"), (10, "'T' between date and time"), (11, "a two-digit hour"),
                                       (13, "':'"), (14, "two-digit minutes"), (16, "':'"), (17, "two-digit seconds")]
        for (k, (start, what)) in layout.enumerated() {
            let stop = k + 1 < layout.count ? layout[k + 1].0 : 19
            for j in start..<stop {
                guard j < n else { return .expected(what, offset: j) }
                let c = p[j]
                let ok: Bool = switch start {
                case 4, 7: c == 0x2D
                case 13, 16: c == 0x3A
                case 10: c == 0x54 || c == 0x74 || c == 0x20
                default: c >= 0x30 && c <= 0x39
                }
                if !ok { return .expected(what, offset: j) }
            }
        }
        return .expected("a date-time", offset: n)
    }

    static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (the inverse of `daysFromCivil`).
    public static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fffffffff]Z`, the fraction trimmed of trailing zeros.
    public var description: String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secOfDay = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = Self.civilFromDays(days)
        var s = "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))T\(Self.pad(secOfDay / 3_600, 2)):"
            + "\(Self.pad(secOfDay / 60 % 60, 2)):\(Self.pad(secOfDay % 60, 2))"
        if nanoseconds > 0 {
            var f = Self.pad(Int(nanoseconds), 9)
            while f.last == "0" { f.removeLast() }
            s += "." + f
        }
        return s + "Z"
    }

    /// The timestamp of `micros` since the epoch (floor semantics for negative values).
    public init(micros: Int64) {
        let (q, r) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        if r < 0 {
            self.init(seconds: q - 1, nanoseconds: Int32((r + 1_000_000) * 1_000))
        } else {
            self.init(seconds: q, nanoseconds: Int32(r * 1_000))
        }
    }

    /// Earliest and latest instants a payload may state: years 0001…9999, as microseconds.
    public static let minMicros: Int64 = -62_135_596_800_000_000
    public static let maxMicros: Int64 = 253_402_300_799_999_999
}
