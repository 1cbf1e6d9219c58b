import MQTTClient
import TwinDomain
import TwinServices

/// `/health/ready`'s view of MQTT ingest. It reports, never fails readiness: a server whose broker
/// is away still serves the API and HTTP ingest; the figures show the operator what is wrong.
struct MQTTHealthProbe: HealthProbe {
    let connection: MQTTConnection
    let ingest: MQTTReadingIngest
    var name: String { "mqtt" }

    func probe(timeout: Duration) async throws {}

    func details() -> [String: Int64]? {
        let status = connection.status
        let stats = ingest.statistics
        return [
            "connected": status.connected ? 1 : 0,
            "subscribed": status.subscribed ? 1 : 0,
            "connects": Int64(status.connects),
            "messages": Int64(stats.messages),
            "readings_stored": Int64(stats.readingsStored),
            "readings_refused": Int64(stats.readingsRefused),
            "unknown_topics": Int64(stats.unknownTopics),
            "malformed_payloads": Int64(stats.malformedPayloads),
            "spool_full_waits": Int64(stats.spoolFullWaits),
            "waiting_for_spool": stats.waitingForSpool ? 1 : 0,
        ]
    }
}
