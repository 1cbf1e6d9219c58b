import Foundation
import NIOCore
import Testing
import TwinDomain
@testable import TwinStore

/// The COPY text of readings and the rollups computed beside it, without a server.
@Suite("Reading COPY text and rollups")
struct ReadingCopyTextTests {
    static func reference(_ micros: Int64) -> String {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros + 1) / 1_000_000 - 1
        let fraction = micros - seconds * 1_000_000
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second],
                                            from: Date(timeIntervalSince1970: TimeInterval(seconds)))
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? -1)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2)) \(pad(parts.hour, 2)):\(pad(parts.minute, 2)):"
            + "\(pad(parts.second, 2)).\(pad(Int(fraction), 6))+00"
    }

    @Test func timestampsMatchTheCalendar() {
        var generator = SystemRandomNumberGenerator()
        // 1900 … 2400 (the Gregorian calendar's leap rules all exercised), and the edges.
        let fixed: [Int64] = [0, -1, 1, 951_782_400_000_000, 951_868_799_999_999, 4_107_542_400_000_000, -2_208_988_800_000_000]
        let random = (0..<20_000).map { _ in Int64.random(in: -2_208_988_800_000_000...13_569_465_600_000_000, using: &generator) }
        for micros in fixed + random {
            let text = ReadingCopyText.timestamp(micros).map { String(decoding: $0, as: UTF8.self) }
            #expect(text == Self.reference(micros), "\(micros)")
        }
    }

    @Test func yearsOutsideFourDigitsAndNonFiniteValuesAreNotWritten() {
        #expect(ReadingCopyText.timestamp(-62_135_596_800_000_001) == nil)  // the instant before year 1
        #expect(ReadingCopyText.timestamp(-62_135_596_800_000_000) != nil)
        #expect(ReadingCopyText.timestamp(253_402_300_800_000_000) == nil)  // year 10000
        var buffer = ByteBufferAllocator().buffer(capacity: 64)
        #expect(!ReadingCopyText.append(Reading(pointKey: 1, timeMicros: 0, value: .nan), quality: 0, to: &buffer))
        #expect(!ReadingCopyText.append(Reading(pointKey: 1, timeMicros: 0, value: .infinity), quality: 0, to: &buffer))
        #expect(buffer.readableBytes == 0)
        #expect(ReadingCopyText.append(Reading(pointKey: 42, timeMicros: 1_500, value: 0.1), quality: 2, to: &buffer))
        #expect(buffer.readString(length: buffer.readableBytes) == "42\t1970-01-01 00:00:00.001500+00\t0.1\t2\n")
    }

    @Test func rollupsGroupByUTCMinuteAndHourAndKeepTheNewest() {
        let hour: Int64 = 3_600_000_000
        let readings = [
            Reading(pointKey: 1, timeMicros: 10 * hour + 59 * 60_000_000 + 30_000_000, value: 5),  // 10:59:30
            Reading(pointKey: 1, timeMicros: 10 * hour + 5, value: 1),  // 10:00:00.000005
            Reading(pointKey: 1, timeMicros: 10 * hour + 59 * 60_000_000, value: 9),  // 10:59:00
            Reading(pointKey: 1, timeMicros: 11 * hour, value: 3),  // 11:00
            Reading(pointKey: 2, timeMicros: -1, value: 7),  // 1969-12-31 23:59:59.999999
        ]
        let rollups = ReadingRollups(readings)
        #expect(rollups.minutes.count == 4)
        let lateMinute = rollups.minutes[.init(pointKey: 1, bucket: 10 * hour + 59 * 60_000_000)]
        #expect(lateMinute?.count == 2 && lateMinute?.min == 5 && lateMinute?.max == 9 && lateMinute?.lastValue == 5)
        let tenOClock = rollups.hours[.init(pointKey: 1, bucket: 10 * hour)]
        #expect(tenOClock?.count == 3 && tenOClock?.sum == 15 && tenOClock?.lastValue == 5 && tenOClock?.min == 1)
        #expect(rollups.hours[.init(pointKey: 1, bucket: 11 * hour)]?.count == 1)
        #expect(rollups.hours[.init(pointKey: 2, bucket: -hour)]?.count == 1)
        #expect(rollups.latest[1]?.value == 3 && rollups.latest[2]?.value == 7)
    }
}
