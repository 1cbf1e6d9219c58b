import Foundation
import Testing
import TelemetryCore

@Suite("RFC 3339 timestamps")
struct RFC3339TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", 0, 0),
        ("2024-05-01T12:00:00Z", 1_714_564_800, 0),
        ("2024-05-01t12:00:00z", 1_714_564_800, 0),
        ("2024-05-01 12:00:00Z", 1_714_564_800, 0),
        ("2024-05-01T14:00:00+02:00", 1_714_564_800, 0),
        ("2024-05-01T07:30:00-04:30", 1_714_564_800, 0),
        ("2024-05-01T12:00:00.5Z", 1_714_564_800, 500_000_000),
        ("2024-05-01T12:00:00.123Z", 1_714_564_800, 123_000_000),
        ("2024-05-01T12:00:00.123456Z", 1_714_564_800, 123_456_000),
        ("2024-05-01T12:00:00.123456789Z", 1_714_564_800, 123_456_789),
        ("2024-05-01T12:00:00.1234567891234Z", 1_714_564_800, 123_456_789),
        ("2024-02-29T00:00:00Z", 1_709_164_800, 0),
        ("2000-02-29T00:00:00Z", 951_782_400, 0),
        ("1969-12-31T23:59:59Z", -1, 0),
        ("1969-12-31T23:59:59.25Z", -1, 250_000_000),
        ("9999-12-31T23:59:59Z", 253_402_300_799, 0),
        ("0001-01-01T00:00:00Z", -62_135_596_800, 0),
        ("2016-12-31T23:59:60Z", 1_483_228_799, 999_999_999),
        ("2024-01-01T00:30:00+23:59", 1_703_982_660, 0),
    ])
    func parses(_ text: String, _ seconds: Int64, _ nanos: Int32) throws {
        let t = try RFC3339Timestamp(parsing: text)
        #expect(t.seconds == seconds, "\(text)")
        #expect(t.nanoseconds == nanos, "\(text)")
    }

    @Test func microsTruncateTowardThePast() throws {
        #expect(try RFC3339Timestamp(parsing: "2024-05-01T12:00:00.1234569Z").micros == 1_714_564_800_123_456)
        #expect(try RFC3339Timestamp(parsing: "1969-12-31T23:59:59.9999999Z").micros == -1)
        #expect(RFC3339Timestamp(micros: -1).description == "1969-12-31T23:59:59.999999Z")
    }

    @Test(arguments: [
        ("2023-02-29T00:00:00Z", "2023-02-29 does not exist"),
        ("1900-02-29T00:00:00Z", "1900-02-29 does not exist"),
        ("2024-04-31T00:00:00Z", "2024-04-31 does not exist"),
        ("2024-13-01T00:00:00Z", "month 13 is out of range"),
        ("2024-00-01T00:00:00Z", "month 0 is out of range"),
        ("2024-01-32T00:00:00Z", "day 32 is out of range"),
        ("2024-01-00T00:00:00Z", "day 0 is out of range"),
        ("2024-01-01T24:00:00Z", "hour 24 is out of range"),
        ("2024-01-01T23:60:00Z", "minute 60 is out of range"),
        ("2024-01-01T23:59:61Z", "second 61 is out of range"),
        ("2024-01-01T00:00:00", "no UTC offset (add Z or ±hh:mm)"),
        ("2024-01-01T00:00:00.123", "no UTC offset (add Z or ±hh:mm)"),
        ("2024-01-01T00:00:00+0100", "expected an offset ±hh:mm at character 20"),
        ("2024-01-01T00:00:00+24:00", "offset hour 24 is out of range"),
        ("2024-01-01T00:00:00+01:60", "offset minute 60 is out of range"),
        ("2024-01-01T00:00:00.Z", "expected digits after '.' at character 21"),
        ("2024-01-01T00:00:00ZZ", "unexpected text at character 21"),
        ("2024-01-01", "expected 'T' between date and time at character 11"),
        ("2024-1-01T00:00:00Z", "expected a two-digit month at character 6"),
        ("24-01-01T00:00:00Z", "expected a four-digit year at character 3"),
        ("", "expected a four-digit year at character 1"),
        ("2024/01/01T00:00:00Z", "expected '-' at character 5"),
        ("2024-01-01T00:00Z", "expected ':' at character 17"),
    ])
    func refuses(_ text: String, _ message: String) {
        do {
            _ = try RFC3339Timestamp(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description == message, "\(text)")
        }
    }

    @Test func formatsAndReparses() throws {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<20_000 {
            let micros = Int64.random(in: RFC3339Timestamp.minMicros...RFC3339Timestamp.maxMicros, using: &rng)
            let text = RFC3339Timestamp(micros: micros).description
            #expect(try RFC3339Timestamp(parsing: text).micros == micros, "\(text)")
        }
        // Every day of a leap and a common year, against Foundation's calendar.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for year in [2023, 2024, 1900, 2000] {
            for day in 0..<366 {
                let date = calendar.date(from: DateComponents(year: year, month: 1, day: 1 + day))!
                let c = calendar.dateComponents([.year, .month, .day], from: date)
                let text = String(format: "%04d-%02d-%02dT00:00:00Z", c.year!, c.month!, c.day!)
                #expect(try RFC3339Timestamp(parsing: text).seconds == Int64(date.timeIntervalSince1970), "\(text)")
            }
        }
    }
}
