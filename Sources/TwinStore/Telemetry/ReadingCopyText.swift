import NIOCore
import TelemetryCore
import TwinDomain

/// Readings as rows of PostgreSQL's `COPY … FROM STDIN` text format: `point_key`, `time`, `value`,
/// `quality`, tab-separated.
///
/// Times are written from integer microseconds as `YYYY-MM-DD HH:MM:SS.ffffff+00` (never through a
/// `Date`, whose Double cannot hold every microsecond), values in Swift's shortest round-trip form,
/// which PostgreSQL's float8 input reads back exactly.
enum ReadingCopyText {
    /// Appends one row; false (and nothing appended) for what the text form cannot carry exactly:
    /// a year outside 1…9999 or a value that is not finite. The caller then takes the bind path.
    static func append(_ reading: Reading, quality: Int16, to buffer: inout ByteBuffer) -> Bool {
        guard reading.value.isFinite, let stamp = timestamp(reading.timeMicros) else { return false }
        buffer.writeString(String(reading.pointKey))
        buffer.writeInteger(UInt8(ascii: "\t"))
        buffer.writeBytes(stamp)
        buffer.writeInteger(UInt8(ascii: "\t"))
        buffer.writeString(String(reading.value))
        buffer.writeInteger(UInt8(ascii: "\t"))
        buffer.writeString(String(quality))
        buffer.writeInteger(UInt8(ascii: "\n"))
        return true
    }

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00` for microseconds since the Unix epoch, or nil outside years 1…9999.
    static func timestamp(_ micros: Int64) -> [UInt8]? {
        let perDay: Int64 = 86_400_000_000
        // Floor division: times before 1970 fall on the previous day.
        let dayStart = ReadingRollups.floor(micros, perDay)
        let days = dayStart / perDay, rest = micros - dayStart
        let (year, month, day) = RFC3339Timestamp.civilFromDays(Int(days))
        guard (1...9999).contains(year) else { return nil }
        let seconds = rest / 1_000_000
        let fraction = rest % 1_000_000
        var out = [UInt8](repeating: 0, count: 29)
        func put(_ value: Int64, digits: Int, at offset: Int) {
            var value = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                out[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(Int64(year), digits: 4, at: 0)
        out[4] = UInt8(ascii: "-")
        put(Int64(month), digits: 2, at: 5)
        out[7] = UInt8(ascii: "-")
        put(Int64(day), digits: 2, at: 8)
        out[10] = UInt8(ascii: " ")
        put(seconds / 3600, digits: 2, at: 11)
        out[13] = UInt8(ascii: ":")
        put(seconds / 60 % 60, digits: 2, at: 14)
        out[16] = UInt8(ascii: ":")
        put(seconds % 60, digits: 2, at: 17)
        out[19] = UInt8(ascii: ".")
        put(fraction, digits: 6, at: 20)
        out[26] = UInt8(ascii: "+")
        out[27] = UInt8(ascii: "0")
        out[28] = UInt8(ascii: "0")
        return out
    }
}
