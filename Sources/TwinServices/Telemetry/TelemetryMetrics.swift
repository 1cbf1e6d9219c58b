import Metrics

/// Ingest counters (swift-metrics): what was accepted, refused and why, and how often the spool
/// was full. Made per service at wiring time, after the process chose its metrics backend.
struct TelemetryMetrics: Sendable {
    let acceptedHTTP = Counter(label: "atrium_readings_accepted_total", dimensions: [("transport", "http")])
    let acceptedMQTT = Counter(label: "atrium_readings_accepted_total", dimensions: [("transport", "mqtt")])
    let malformedDocuments = Counter(label: "atrium_readings_malformed_documents_total")
    let spoolFull = Counter(label: "atrium_readings_spool_full_total")
    let mqttStored = Counter(label: "atrium_mqtt_messages_total", dimensions: [("outcome", "stored")])
    let mqttUnknownTopic = Counter(label: "atrium_mqtt_messages_total", dimensions: [("outcome", "unknown_topic")])
    let mqttRefused = Counter(label: "atrium_mqtt_messages_total", dimensions: [("outcome", "refused")])

    /// Refusals by reason (rare next to acceptances, so the counter is looked up per call).
    func refused(_ reason: String, count: Int = 1) {
        Counter(label: "atrium_readings_refused_total", dimensions: [("reason", reason)]).increment(by: count)
    }
}
