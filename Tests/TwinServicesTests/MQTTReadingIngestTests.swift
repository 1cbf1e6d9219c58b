import DurableSpool
import Foundation
import Synchronization
import TelemetryCore
import Testing
import TwinDomain
@testable import TwinServices

/// MQTT topics and payloads against the sample's points (imported into a fresh database), and the
/// one case that must not acknowledge: a spool that cannot take the readings.
@Suite("MQTT ingest: topics, payloads, a full spool", .serialized,
       .enabled(if: TwinImportEnvironment.available, "\(TwinImportEnvironment.skipMessage)"))
struct MQTTReadingIngestTests {
    static func spool(maxBytes: UInt64 = 1 << 30) throws -> DurableSpool {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mqtt-ingest-\(UUID().uuidString.prefix(8))")
        return try DurableSpool(directory: directory, options: SpoolOptions(segmentSize: 64 << 10, maxBytes: maxBytes))
    }

    /// On its own thread, as the MQTT client calls it: `handle` may block (waiting for the
    /// directory or the spool), which must never happen on a Swift concurrency thread.
    static func handle(_ ingest: MQTTReadingIngest, _ topic: String, _ payload: String,
                       isStopping: @escaping @Sendable () -> Bool = { false }) async -> MQTTReadingIngest.Outcome {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: handleBlocking(ingest, topic, payload, isStopping: isStopping))
            }.start()
        }
    }

    static func handleBlocking(_ ingest: MQTTReadingIngest, _ topic: String, _ payload: String,
                               isStopping: () -> Bool = { false }) -> MQTTReadingIngest.Outcome {
        var topic = topic
        var payload = payload
        return topic.withUTF8 { t in
            payload.withUTF8 { p in
                ingest.handle(topic: UnsafeRawBufferPointer(t), payload: UnsafeRawBufferPointer(p), isStopping: isStopping)
            }
        }
    }

    @Test func topicsResolveByNamesSlugsTagsAndIds() async throws {
        try await TwinImportEnvironment.with { environment in
            let job = try await environment.importFile(TwinImportEnvironment.sampleIFC)
            let siteID = try #require(job.siteID)
            let spool = try Self.spool()
            defer { try? spool.close(); try? FileManager.default.removeItem(at: spool.directory) }
            let directory = PointDirectory(repository: environment.store)
            let templates = try [MQTTTopicTemplate("dc/{site}/{building}/{asset}/{quantity}"), MQTTTopicTemplate("keys/{key}")]
            let ingest = MQTTReadingIngest(templates: templates, spool: spool, directory: directory, retention: .seconds(400 * 86_400),
                                           logger: environment.logger)
            #expect(ingest.subscriptionFilters == ["dc/+/+/+/+", "keys/+"])
            let points = try await environment.store.activePoints(siteIDs: [siteID])
            let crac = try #require(points.first { $0.externalKey == "DC1-A-CRAC-01/return_temperature" })
            let site = siteID.uuidString.lowercased()
            let stored: [(String, String)] = [
                ("dc/frankfurt-west-campus/DC1/DC1-A-CRAC-01/return_temperature", "24.5"),  // slug, name, point suffix
                ("dc/Frankfurt West Campus/dc1/AT-000450/power", "[1200, {\"value\": 1.3, \"unit\": \"kW\"}]"),  // name, slug, tag, quantity
                ("dc/\(site)/DC1/DC1-A01-R01-TS/temperature", "{\"value\": 77, \"unit\": \"°F\", \"ts\": \"2026-12-07T10:00:00Z\"}"),
                ("keys/DC1-A-CRAC-01/fan_speed", "55"),  // a direct key, '/' included? no: '+' matches one level
            ]
            #expect(await Self.handle(ingest, stored[0].0, stored[0].1) == .stored(1))
            #expect(await Self.handle(ingest, stored[1].0, stored[1].1) == .stored(2))
            #expect(await Self.handle(ingest, stored[2].0, stored[2].1) == .stored(1))
            #expect(await Self.handle(ingest, stored[3].0, stored[3].1) == .discarded(reason: "unknown_topic"))
            // Nothing matches: other site, unknown asset, a temperature that is ambiguous on a CRAC
            // (supply and return), garbage levels.
            for topic in ["dc/elsewhere/DC1/DC1-A-CRAC-01/power", "dc/frankfurt-west-campus/DC1/nope/power",
                          "dc/frankfurt-west-campus/DC1/DC1-A-CRAC-01/temperature", "dc/a/b/c", "other/x"] {
                #expect(await Self.handle(ingest, topic, "1") == .discarded(reason: "unknown_topic"), "\(topic)")
            }
            // Payloads: garbage, NaN, a wrong unit, out of range; the stream goes on after each.
            #expect(await Self.handle(ingest, stored[0].0, "{\"value\":") != .stored(1))
            #expect(await Self.handle(ingest, stored[0].0, "NaN") == .discarded(reason: "refused"))
            #expect(await Self.handle(ingest, stored[0].0, "{\"value\": 3, \"unit\": \"kW\"}") == .discarded(reason: "refused"))
            #expect(await Self.handle(ingest, stored[0].0, "1e9") == .discarded(reason: "refused"))
            #expect(await Self.handle(ingest, stored[0].0, "[25, \"x\", 26]") == .stored(2))
            let stats = ingest.statistics
            #expect(stats.readingsStored == 6 && stats.unknownTopics == 6 && stats.malformedPayloads == 1, "\(stats)")

            // What reached the spool: canonical units, the topic's point, the payload's time.
            let records = try spool.read(after: 0, maxRecords: 100)
            let readings = records.flatMap { ReadingRecord.readings(in: $0.payload) ?? [] }
            #expect(readings.count == 6)
            #expect(readings.first?.pointKey == crac.key && readings.first?.value == 24.5)
            #expect(readings.contains { $0.value == 1300 }, "1.3 kW stored as W")
            #expect(readings.contains { abs($0.value - 25) < 1e-9 && $0.timeMicros == 1_796_637_600_000_000 }, "77 °F at the payload's time")
        }
    }

    @Test func aFullSpoolWaitsWithoutAcknowledgingThenResumesOrGivesUp() async throws {
        try await TwinImportEnvironment.with { environment in
            _ = try await environment.importFile(TwinImportEnvironment.sampleIFC)
            let spool = try Self.spool(maxBytes: 64 << 10)
            defer { try? spool.close(); try? FileManager.default.removeItem(at: spool.directory) }
            let ingest = MQTTReadingIngest(templates: [try MQTTTopicTemplate("dc/{site}/{building}/{asset}/{quantity}")], spool: spool,
                                           directory: PointDirectory(repository: environment.store), retention: .seconds(86_400),
                                           logger: environment.logger)
            let topic = "dc/frankfurt-west-campus/DC1/DC1-A-CRAC-01/power"
            // Fill the quota with other records.
            func fill() -> Int {
                var filled = 0
                for size in [4096, 256, 1] {
                    for _ in 0..<100_000 where (try? spool.append([UInt8](repeating: 1, count: size))) != nil { filled += 1 }
                }
                return filled
            }
            #expect(fill() > 0)
            let outcome = Mutex<MQTTReadingIngest.Outcome?>(nil)
            let thread = Thread {
                let result = Self.handleBlocking(ingest, topic, "1500")
                outcome.withLock { $0 = result }
            }
            thread.start()
            try await Task.sleep(for: .milliseconds(500))
            #expect(outcome.withLock { $0 } == nil, "still waiting: the client must not acknowledge")
            #expect(ingest.statistics.waitingForSpool && ingest.statistics.spoolFullWaits == 1)
            // The drain catches up: the message is stored and handle returns.
            _ = try spool.read(after: 0, maxRecords: 10_000, maxBytes: 1 << 30)
            try spool.markDrained(through: spool.lastSequence)
            for _ in 0..<500 where outcome.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(20)) }
            #expect(outcome.withLock { $0 } == .stored(1))

            // Full again, and the process stops meanwhile: give up, unacknowledged.
            _ = fill()
            let stopping = Atomic(false)
            let second = Mutex<MQTTReadingIngest.Outcome?>(nil)
            Thread {
                let result = Self.handleBlocking(ingest, topic, "1600") { stopping.load(ordering: .relaxed) }
                second.withLock { $0 = result }
            }.start()
            try await Task.sleep(for: .milliseconds(300))
            #expect(second.withLock { $0 } == nil)
            stopping.store(true, ordering: .relaxed)
            for _ in 0..<500 where second.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(20)) }
            #expect(second.withLock { $0 } == .gaveUp)
            #expect(ingest.statistics.readingsStored == 1)
        }
    }
}
