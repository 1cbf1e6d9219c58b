import TelemetryCore
import Testing
import TwinDomain
@testable import TwinServices

/// The spool's record format for readings: what the drain reads back is what ingest wrote.
@Suite("Reading spool records")
struct ReadingRecordTests {
    @Test func readingsRoundTripThroughRecordsOfBoundedSize() {
        let readings = (0..<45_001).map { i in
            Reading(pointKey: Int64(i % 977) - 3, timeMicros: Int64(i) * 1_000_003 - 7, value: Double(i) * -0.125 + .ulpOfOne,
                    quality: [ReadingQuality.good, .uncertain, .bad][i % 3])
        }
        let records = ReadingRecord.records(readings)
        #expect(records.count == 3, "20,000 readings per record")
        #expect(records.allSatisfy { $0.count <= ReadingRecord.perRecord * ReadingRecord.size })
        #expect(records.flatMap { ReadingRecord.readings(in: $0) ?? [] } == readings)
    }

    @Test func damagedShapesAreRefusedNotMisread() {
        let record = ReadingRecord.records([Reading(pointKey: 1, timeMicros: 2, value: 3)])[0]
        #expect(ReadingRecord.readings(in: Array(record.dropLast())) == nil)
        var badQuality = record
        badQuality[24] = 9
        #expect(ReadingRecord.readings(in: badQuality) == nil)
        #expect(ReadingRecord.readings(in: []) == [])
    }
}
