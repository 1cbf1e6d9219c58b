import ArgumentParser
import Foundation
import Logging
import MQTTClient

/// `atrium mqtt publish`: synthetic readings to a broker, the way a gateway sends them. For
/// trying a deployment's topic templates and for the MQTT benchmark (tools/bench/mqtt).
struct MQTTCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mqtt",
        abstract: "MQTT tools: publish synthetic readings.",
        subcommands: [MQTTPublishCommand.self]
    )
}

struct MQTTPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish synthetic readings at QoS 1 and wait until the broker acknowledged them all.",
        discussion: """
            Topics come from --topic, where {n} is the point number 1…--points (e.g. bench/p{n}, or \
            dc/my-site/DC1/rack-{n}/power). Each message holds --batch readings of one point: a bare \
            object {"value":…,"ts":…} when 1 (a bare number with --bare), else a JSON array of {"value":…,"ts":…}. Timestamps are distinct per point, \
            microseconds apart, starting --age seconds ago. Prints the publish and acknowledge rates.
            """
    )

    @Option(help: "Broker URL, mqtt://user:password@host:port (default: ATRIUM_MQTT_URL).")
    var url: String?
    @Option(help: "Topic pattern; {n} is replaced by the point number.")
    var topic: String = "bench/p{n}"
    @Option(help: "Points to spread messages over.")
    var points: Int = 1000
    @Option(help: "Messages to publish.")
    var messages: Int = 10_000
    @Option(help: "Readings per message.")
    var batch: Int = 1
    @Option(help: "Unacknowledged messages allowed in flight before waiting.")
    var window: Int = 2000
    @Option(help: "Messages per second (0: as fast as the broker acknowledges).")
    var rate: Double = 0
    @Option(help: "First timestamp, seconds before now.")
    var age: Int = 3600
    @Option(help: "Client id (default: a random one, clean session).")
    var clientID: String?
    @Flag(help: "Single readings as bare numbers, stamped by the receiver, instead of {\"value\":…,\"ts\":…}.")
    var bare = false

    func validate() throws {
        guard points >= 1, messages >= 1, (1...100_000).contains(batch), window >= 1, rate >= 0 else {
            throw ValidationError("points, messages and window must be positive, batch 1…100000, rate ≥ 0")
        }
    }

    func run() async throws {
        guard let url = url ?? ProcessInfo.processInfo.environment["ATRIUM_MQTT_URL"] else {
            throw ValidationError("give --url or set ATRIUM_MQTT_URL")
        }
        let options = try MQTTClientOptions(url: url, clientID: clientID ?? "atrium-publish-\(UUID().uuidString.prefix(8).lowercased())")
        // Driven from this thread (a load generator must cost the machine less than what it loads).
        let publisher: MQTTBurstPublisher
        do {
            publisher = try MQTTBurstPublisher(options: options)
        } catch {
            throw ValidationError("could not connect: \(error)")
        }
        let topics = (1...points).map { topic.replacingOccurrences(of: "{n}", with: String($0)) }
        let firstMicros = (Int64(Date().timeIntervalSince1970) - Int64(age)) * 1_000_000
        var sequence = [Int64](repeating: 0, count: points)  // readings sent per point
        let started = ContinuousClock.now
        var payload: [UInt8] = []
        payload.reserveCapacity(batch * 40)
        do {
            for index in 0..<messages {
                let point = index % points
                payload.removeAll(keepingCapacity: true)
                if batch == 1 && bare {
                    payload.append(contentsOf: "\(index % 9973).5".utf8)
                    sequence[point] += 1
                } else if batch == 1 {
                    payload.append(contentsOf: #"{"value":\#(index % 9973).5,"ts":\#(firstMicros + sequence[point])}"#.utf8)
                    sequence[point] += 1
                } else {
                    payload.append(UInt8(ascii: "["))
                    for item in 0..<batch {
                        if item > 0 { payload.append(UInt8(ascii: ",")) }
                        let ts = firstMicros + sequence[point]
                        sequence[point] += 1
                        payload.append(contentsOf: #"{"value":\#((index + item) % 9973).5,"ts":\#(ts)}"#.utf8)
                    }
                    payload.append(UInt8(ascii: "]"))
                }
                // Acknowledgements are read every 64 messages, and whenever the window is full.
                if index % 64 == 0 { try publisher.pump() }
                while publisher.published - publisher.acknowledged >= window { try publisher.pump(timeoutMilliseconds: 5) }
                if rate > 0 {
                    let due = started + .seconds(Double(index) / rate)
                    while due > ContinuousClock.now { try publisher.pump(timeoutMilliseconds: 1) }
                }
                try publisher.publish(topic: topics[point], payload: payload, qos: 1)
            }
            let published = ContinuousClock.now - started
            while publisher.acknowledged < messages { try publisher.pump(timeoutMilliseconds: 5) }
            let acknowledged = ContinuousClock.now - started
            func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
            let readings = messages * batch
            print(String(format: "published %d messages (%d readings) in %.2f s; all acknowledged after %.2f s = %.0f messages/s, %.0f readings/s",
                         messages, readings, seconds(published), seconds(acknowledged),
                         Double(messages) / seconds(acknowledged), Double(readings) / seconds(acknowledged)))
        } catch {
            throw ValidationError("the broker went away after \(publisher.acknowledged) acknowledged messages: \(error)")
        }
    }
}
