import DurableSpool
import Foundation
import Logging
import Synchronization
import TelemetryCore
import TwinDomain

/// Turns MQTT messages into spooled readings. Called on the MQTT client's loop thread, one
/// message at a time; knows nothing of the client library (the `atrium` wiring connects them).
///
/// Per message: the topic is matched against the templates in order and resolved to a point
/// (cached per topic until the point directory changes); the payload is decoded for that point
/// (a number, `{"value":…,"ts":…}`, or an array of those) and every reading passes the same
/// checks as HTTP. Accepted readings are appended to the spool before `handle` returns, which is
/// when the client acknowledges the message: a killed process loses nothing it acknowledged.
/// Refused messages are counted, logged (rate-limited) and acknowledged: redelivering garbage
/// would only block the stream.
///
/// A full (or failing) spool is the one case that must not acknowledge: `handle` then waits,
/// retrying, so the client reads nothing more and the broker queues for this session. It gives
/// up only when told the process is stopping, and then the message is not acknowledged either.
public final class MQTTReadingIngest: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Readings appended to the spool (the count), possibly after some were refused.
        case stored(Int)
        /// Nothing to store: unknown topic, undecodable payload or every reading refused.
        case discarded(reason: String)
        /// Stopping while the spool could not take the readings: do not acknowledge.
        case gaveUp
    }

    /// Counters for the health endpoint and tests.
    public struct Statistics: Sendable, Hashable {
        public var messages = 0
        public var readingsStored = 0
        public var readingsRefused = 0
        public var unknownTopics = 0
        public var malformedPayloads = 0
        public var spoolFullWaits = 0
        public var waitingForSpool = false
    }

    struct TopicCache {
        var generation = -1
        var points: [String: Point?] = [:]
    }

    public let templates: [MQTTTopicTemplate]
    let spool: DurableSpool
    let directory: PointDirectory
    let retention: Duration
    let logger: Logger
    /// Live views, told of each message's readings once spooled.
    let accepted: (any AcceptedReadingsSink)?
    let metrics = TelemetryMetrics()
    let maxFutureSkew: Duration = .seconds(300)
    let decoder = MQTTPayloadDecoder()
    private let cache = Mutex(TopicCache())
    private let counters = Mutex(Statistics())
    /// When the last refusal was logged: one line per interval, with how many were suppressed.
    private let logGate = Mutex<(last: ContinuousClock.Instant?, suppressed: Int)>((nil, 0))
    static let cacheLimit = 100_000

    public init(templates: [MQTTTopicTemplate], spool: DurableSpool, directory: PointDirectory, retention: Duration,
                accepted: (any AcceptedReadingsSink)? = nil, logger: Logger) {
        self.accepted = accepted
        self.templates = templates
        self.spool = spool
        self.directory = directory
        self.retention = retention
        self.logger = logger
    }

    /// The topic filters to subscribe to, one per template (deduplicated, in order).
    public var subscriptionFilters: [String] {
        var seen: Set<String> = []
        return templates.map(\.subscriptionFilter).filter { seen.insert($0).inserted }
    }

    public var statistics: Statistics { counters.withLock { $0 } }

    /// May block (directory not loaded, spool full): call it from the MQTT client's own thread,
    /// never from a Swift concurrency thread.
    public func handle(topic: UnsafeRawBufferPointer, payload: UnsafeRawBufferPointer, now: Date = Date(),
                       isStopping: () -> Bool) -> Outcome {
        counters.withLock { $0.messages += 1 }
        // Without any directory (first start with PostgreSQL away) a topic cannot be judged;
        // acknowledging it as unknown would lose it, so wait like for a full spool.
        var announced = false
        while directory.needsLoad {
            directory.reloadBlocking(force: false)
            guard directory.needsLoad else { break }
            if !announced {
                logger.warning("MQTT ingest waits for the point directory (PostgreSQL unreachable); not acknowledging meanwhile")
                announced = true
            }
            if isStopping() { return .gaveUp }
            Thread.sleep(forTimeInterval: 1)
        }
        let topicText = String(decoding: topic, as: UTF8.self)
        guard let point = point(for: topicText, bytes: topic) else {
            counters.withLock { $0.unknownTopics += 1 }
            metrics.mqttUnknownTopic.increment()
            return .discarded(reason: "unknown_topic")
        }
        var batch = TelemetryBatch()
        decoder.decode(payload, key: .id(point.id), into: &batch)
        if let error = batch.documentError {
            counters.withLock { $0.malformedPayloads += 1 }
            metrics.refused(error.code.rawValue)
            metrics.mqttRefused.increment()
            note("MQTT payload refused", topic: topicText, reason: error.message)
            return .discarded(reason: error.code.rawValue)
        }
        var admission = ReadingAdmission(now: now, retention: retention, maxFutureSkew: maxFutureSkew)
        var readings: [Reading] = []
        readings.reserveCapacity(batch.readings.count)
        var refused = batch.errors.count
        var firstRefusal = batch.errors.first?.message
        for error in batch.errors { metrics.refused(error.code.rawValue) }
        for decoded in batch.readings {
            switch admission.admit(decoded, point: point) {
            case .accepted(let reading): readings.append(reading)
            case .refused(let code, let message):
                refused += 1
                firstRefusal = firstRefusal ?? message
                metrics.refused(code)
            }
        }
        if refused > 0 {
            counters.withLock { $0.readingsRefused += refused }
            note("MQTT readings refused", topic: topicText, reason: firstRefusal ?? "refused")
        }
        guard !readings.isEmpty else {
            metrics.mqttRefused.increment()
            return .discarded(reason: "refused")
        }
        guard store(readings, isStopping: isStopping) else { return .gaveUp }
        accepted?.readingsAccepted(readings)
        counters.withLock { $0.readingsStored += readings.count }
        metrics.acceptedMQTT.increment(by: readings.count)
        metrics.mqttStored.increment()
        return .stored(readings.count)
    }

    /// Appends, waiting out a full or failing spool; false only if stopping first.
    private func store(_ readings: [Reading], isStopping: () -> Bool) -> Bool {
        let records = ReadingRecord.records(readings)
        var waited = false
        defer { if waited { counters.withLock { $0.waitingForSpool = false } } }
        while true {
            do {
                try spool.append(contentsOf: records)
                if waited { logger.notice("readings spool accepts again: MQTT ingest resumed") }
                return true
            } catch {
                if !waited {
                    waited = true
                    counters.withLock {
                        $0.spoolFullWaits += 1
                        $0.waitingForSpool = true
                    }
                    metrics.spoolFull.increment()
                    logger.warning("readings spool cannot take MQTT readings: no longer acknowledging until it can",
                                   metadata: ["error": .string(error.description)])
                }
                if isStopping() { return false }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    private func point(for topic: String, bytes: UnsafeRawBufferPointer) -> Point? {
        let generation = directory.generation
        if let cached = cache.withLock({ $0.generation == generation ? $0.points[topic] : nil }) { return cached }
        var resolved = resolve(topic, bytes)
        if case .unknown = resolved.0 {
            // A point created since the last load (or a gateway's typo): reload at most every
            // few seconds, then decide.
            directory.reloadBlocking(force: true)
            resolved = resolve(topic, bytes)
        }
        if case .unknown(let reason) = resolved.0 { note("MQTT topic matches no point", topic: topic, reason: reason) }
        cache.withLock { cache in
            if cache.generation != resolved.2 || cache.points.count >= Self.cacheLimit {
                cache = TopicCache(generation: resolved.2)
            }
            cache.points[topic] = .some(resolved.1)
        }
        return resolved.1
    }

    private func resolve(_ topic: String, _ bytes: UnsafeRawBufferPointer) -> (PointTopicIndex.Resolution, Point?, Int) {
        var lastReason = "no topic template matches"
        for template in templates {
            guard let captures = template.match(bytes) else { continue }
            let result = directory.resolve(topic: topic, captures: captures)
            if result.1 != nil { return result }
            if case .unknown(let reason) = result.0 { lastReason = reason }
        }
        // Even without a template match, a point may name this exact topic.
        let direct = directory.resolve(topic: topic, captures: [:])
        if direct.1 != nil { return direct }
        return (.unknown(lastReason), nil, directory.generation)
    }

    /// Logs at most one refusal line every 10 s, saying how many were not logged in between.
    private func note(_ message: Logger.Message, topic: String, reason: String) {
        let now = ContinuousClock.now
        let suppressed: Int? = logGate.withLock { gate in
            if let last = gate.last, now - last < .seconds(10) {
                gate.suppressed += 1
                return nil
            }
            defer { gate = (now, 0) }
            return gate.suppressed
        }
        guard let suppressed else { return }
        logger.warning(message, metadata: ["topic": .string(String(topic.prefix(200))), "reason": .string(String(reason.prefix(300))),
                                           "not_logged_since_last": .stringConvertible(suppressed)])
    }
}
