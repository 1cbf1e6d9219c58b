import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TwinDomain

/// Live events across server processes: readings as one server's ingest makes them durable, and
/// its alarm engine's decisions, go to its own clients at once and are posted on PostgreSQL's
/// `live_events` channel for every other server, which publishes what it hears to its clients.
/// PostgreSQL delivers notices in commit order, once per listening session; no server-to-server
/// connections, nothing to configure. The own clients do not wait for that round trip (under
/// ingest load a notice takes tens of milliseconds to come back): each notice names its sender
/// (``origin``), and a server skips its own. Accepted readings are gathered for about
/// ``gatherInterval`` and posted in as few notices as fit, so a stream of single MQTT messages
/// costs a few statements a second, not one per message.
///
/// Notices are compact text (the 8,000-byte payload limit): `r:origin` then `;key,time_us,value`
/// per reading (each notice up to ``LiveChannelLimits/maximumPayloadBytes``), or
/// `a:origin;alarm_id;event`. A receiver places readings with its ``LivePointIndex`` and reads
/// alarms from the store.
public final class LiveFanOut: AcceptedReadingsSink, LiveAlarmSink, LiveChannelObserver, Service {
    public static let gatherInterval: Duration = .milliseconds(2)
    /// Readings waiting to be posted, bounded: past it the oldest are dropped (live views show the present).
    static let maximumGathered = 200_000

    let channel: any LiveChannel
    let readings: LiveReadingPublisher
    let alarms: LiveAlarmPublisher
    let store: any AlarmRepository
    let logger: Logger
    let notices: AsyncStream<String>
    let continuation: AsyncStream<String>.Continuation
    let gathered = Mutex<[Reading]>([])
    let wakeups: AsyncStream<Void>
    let wake: AsyncStream<Void>.Continuation
    /// Notices waiting to be posted, apart from local delivery so a slow post never holds it up.
    let outgoing: AsyncStream<[String]>
    let post: AsyncStream<[String]>.Continuation
    /// This process among the servers on the channel (random per start).
    public let origin: String

    public init(channel: any LiveChannel, hub: LiveEventHub, points: LivePointIndex, store: any AlarmRepository, logger: Logger) {
        self.channel = channel
        self.readings = LiveReadingPublisher(hub: hub, points: points)
        self.alarms = LiveAlarmPublisher(hub: hub, points: points, health: store)
        self.store = store
        self.logger = logger
        // Bounded: a receiver far behind drops the oldest notices (clients then see newer values).
        (notices, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(10_000))
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        (outgoing, post) = AsyncStream.makeStream(of: [String].self, bufferingPolicy: .bufferingNewest(1_000))
        origin = String(UUID().uuidString.lowercased().prefix(8))
    }

    // MARK: Sending

    public func readingsAccepted(_ readings: [Reading]) {
        gathered.withLock { list in
            list += readings
            if list.count > Self.maximumGathered { list.removeFirst(list.count - Self.maximumGathered) }
        }
        wake.yield()
    }

    /// Publishes what was gathered to this server's clients, and queues it for the others.
    func flush() async {
        let readings = gathered.withLock { list -> [Reading] in
            defer { list.removeAll(keepingCapacity: true) }
            return list
        }
        guard !readings.isEmpty else { return }
        await self.readings.readingsCommitted(readings)
        post.yield(Self.payloads(readings, origin: origin))
    }

    /// As few notices as fit.
    static func payloads(_ readings: [Reading], origin: String) -> [String] {
        var payloads: [String] = []
        let head = "r:" + origin
        var current = head
        for reading in readings where reading.quality != .bad && reading.value.isFinite {
            let item = ";\(reading.pointKey),\(reading.timeMicros),\(reading.value.description)"
            if current.utf8.count + item.utf8.count > LiveChannelLimits.maximumPayloadBytes {
                payloads.append(current)
                current = head
            }
            current += item
        }
        if current.utf8.count > head.utf8.count { payloads.append(current) }
        return payloads
    }

    public func alarmChanged(_ alarm: Alarm, event: String) async {
        await alarms.publish(alarm, event: event)
        post.yield(["a:\(origin);\(alarm.id.uuidString.lowercased());\(event)"])
    }

    func send(_ payloads: [String]) async {
        guard !payloads.isEmpty else { return }
        do {
            try await channel.notifyLive(payloads)
        } catch {
            // Live views are best effort: the readings and alarms themselves are stored.
            logger.warning("live events not posted", metadata: ["error": .string(String(describing: error))])
        }
    }

    // MARK: Receiving

    public func liveNotified(_ payload: String) {
        continuation.yield(payload)
    }

    public func liveChannelReset(listening: Bool) {}

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                // Local delivery and receiving are latency-bound; posting to PostgreSQL is not.
                group.addTask(priority: .high) {
                    for await _ in self.wakeups {
                        try? await Task.sleep(for: Self.gatherInterval)
                        await self.flush()
                    }
                }
                group.addTask {
                    for await payloads in self.outgoing { await self.send(payloads) }
                }
                group.addTask(priority: .high) {
                    for await notice in self.notices { await self.receive(notice) }
                }
            }
        }
    }

    /// Publishes another server's notice (this server's own were delivered when they were made).
    func receive(_ notice: String) async {
        let parts = notice.split(separator: ";", omittingEmptySubsequences: false)
        guard let head = parts.first else { return }
        let kind = head.prefix { $0 != ":" }
        if head.count > kind.count, head.dropFirst(kind.count + 1) == origin { return }
        switch kind {
        case "r":
            let decoded = parts.dropFirst().compactMap { item -> Reading? in
                let fields = item.split(separator: ",")
                guard fields.count == 3, let key = Int64(fields[0]), let time = Int64(fields[1]), let value = Double(fields[2]) else { return nil }
                return Reading(pointKey: key, timeMicros: time, value: value)
            }
            await readings.readingsCommitted(decoded)
        case "a":
            guard parts.count == 3, let id = UUID(uuidString: String(parts[1])),
                  let alarm = try? await store.alarm(id: id, scope: .everything) else { return }
            await alarms.publish(alarm, event: String(parts[2]))
        default:
            return
        }
    }
}
