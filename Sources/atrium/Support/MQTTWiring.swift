import Foundation
import Logging
import MQTTClient
import ServiceLifecycle
import TwinDomain
import TwinServices

/// MQTT ingest for `atrium serve`: one libmosquitto client subscribed to every topic template's
/// filter (as a member of the shared group, by default), handing each message to
/// `MQTTReadingIngest`, which spools it before the client acknowledges.
struct MQTTWiring: Sendable {
    let connection: MQTTConnection
    let ingest: MQTTReadingIngest
    let probe: MQTTHealthProbe

    static func make(settings: MQTTIngestSettings, configuration: AtriumConfiguration, telemetry: TelemetryWiring,
                     logger: Logger) throws -> MQTTWiring {
        let ingest = MQTTReadingIngest(templates: settings.templates, spool: telemetry.spool, directory: telemetry.directory,
                                       retention: configuration.readingsRetention, accepted: telemetry.accepted, logger: logger)
        let clientID = settings.clientID ?? defaultClientID(dataDirectory: configuration.dataDirectory)
        var options: MQTTClientOptions
        do {
            options = try MQTTClientOptions(url: settings.url, clientID: clientID)
        } catch {
            throw ConfigurationError.malformed(variable: "ATRIUM_MQTT_URL", reason: "\(error)")
        }
        options.caFile = settings.caFile
        options.leaveOnStop = settings.leaveOnStop
        options.subscriptions = ingest.subscriptionFilters.map { filter in
            let plain = MQTTSubscription(filter: filter, qos: 1)
            return settings.sharedGroup.map { plain.shared(group: $0) } ?? plain
        }
        let connection: MQTTConnection
        do {
            connection = try MQTTConnection(options: options, logger: logger) { message in
                let outcome = ingest.handle(topic: message.topic, payload: message.payload) { message.shouldStop }
                return outcome == .gaveUp ? .abandon : .handled
            }
        } catch {
            throw ConfigurationError.malformed(variable: "ATRIUM_MQTT_URL", reason: "\(error)")
        }
        logger.info("MQTT ingest configured", metadata: [
            "broker": .string("\(options.host):\(options.port)"), "client_id": .string(clientID),
            "subscriptions": .string(options.subscriptions.map(\.filter).joined(separator: " ")),
        ])
        return MQTTWiring(connection: connection, ingest: ingest, probe: MQTTHealthProbe(connection: connection, ingest: ingest))
    }

    /// `atrium-<host>-<hash of the data directory>`: stable across restarts of one server, and
    /// different for two servers on one machine (each has its own data directory and spool).
    static func defaultClientID(dataDirectory: String) -> String {
        let path = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable, not security-relevant
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        let safeHost = String(host.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }.prefix(32))
        return "atrium-\(safeHost.isEmpty ? "host" : safeHost)-\(String(hash, radix: 16).prefix(8))"
    }
}
