import Foundation
import TelemetryCore

/// `ATRIUM_MQTT_*`: where `atrium serve` subscribes for readings. Absent `ATRIUM_MQTT_URL`, MQTT
/// ingest is off and HTTP is the only way in.
public struct MQTTIngestSettings: Sendable, Equatable {
    /// `mqtt://user:password@host:port` or `mqtts://…` (`ATRIUM_MQTT_URL`).
    public var url: String
    /// Topic templates, tried in order (`ATRIUM_MQTT_TOPICS`, comma-separated).
    public var templates: [MQTTTopicTemplate]
    /// Stable client id, which names the broker's persistent session (`ATRIUM_MQTT_CLIENT_ID`;
    /// default derived from the host name and the data directory, so it survives restarts and
    /// differs between servers sharing a machine).
    public var clientID: String?
    /// Shared-subscription group (`ATRIUM_MQTT_SHARED_GROUP`, e.g. `atrium`; default none, a plain
    /// subscription): servers in one group split the messages instead of each getting all of them.
    /// Not the default because Mosquitto 2.0 does not keep `$share` subscriptions of a persistent
    /// session across its own restart (a plain one it keeps): what is published between the
    /// broker's restart and the servers' re-subscribing reaches no member of the group.
    public var sharedGroup: String?
    /// CA bundle for `mqtts://` (`ATRIUM_MQTT_CA_FILE`; default: the system's).
    public var caFile: String?
    /// Leave the shared subscription and end the broker session on a graceful stop
    /// (`ATRIUM_MQTT_LEAVE_ON_STOP=1`): for retiring a server, not for restarts.
    public var leaveOnStop = false

    public static let defaultTemplate = "dc/{site}/{building}/{asset}/{quantity}"

    public init(url: String, templates: [MQTTTopicTemplate]? = nil, clientID: String? = nil, sharedGroup: String? = nil,
                caFile: String? = nil) {
        self.url = url
        self.templates = templates ?? [try! MQTTTopicTemplate(Self.defaultTemplate)]  // a literal known to be valid
        self.clientID = clientID
        self.sharedGroup = sharedGroup
        self.caFile = caFile
    }

    static func parse(environment value: (String) -> String?) throws(ConfigurationError) -> MQTTIngestSettings? {
        guard let url = value("ATRIUM_MQTT_URL") else { return nil }
        let scheme = URLComponents(string: url)?.scheme?.lowercased()
        guard scheme == "mqtt" || scheme == "mqtts" else {
            throw .malformed(variable: "ATRIUM_MQTT_URL", reason: "must be an mqtt:// or mqtts:// URL")
        }
        var settings = MQTTIngestSettings(url: url)
        if let text = value("ATRIUM_MQTT_TOPICS") {
            var templates: [MQTTTopicTemplate] = []
            for part in text.split(separator: ",") {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { continue }
                do { templates.append(try MQTTTopicTemplate(trimmed)) } catch {
                    throw .malformed(variable: "ATRIUM_MQTT_TOPICS", reason: "'\(trimmed.prefix(80))': \(error)")
                }
            }
            guard !templates.isEmpty, templates.count <= 32 else {
                throw .malformed(variable: "ATRIUM_MQTT_TOPICS", reason: "give 1 to 32 comma-separated topic templates")
            }
            settings.templates = templates
        }
        if let id = value("ATRIUM_MQTT_CLIENT_ID") {
            guard id.utf8.count <= 128, !id.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 } ?? false }) else {
                throw .malformed(variable: "ATRIUM_MQTT_CLIENT_ID", reason: "at most 128 bytes, no spaces or control characters")
            }
            settings.clientID = id
        }
        if let group = value("ATRIUM_MQTT_SHARED_GROUP") {
            if group.lowercased() == "none" {
                settings.sharedGroup = nil
            } else {
                guard group.utf8.count <= 64, !group.contains(where: { "/+#".contains($0) || $0.isWhitespace }) else {
                    throw .malformed(variable: "ATRIUM_MQTT_SHARED_GROUP", reason: "a name without / + # or spaces, or 'none'")
                }
                settings.sharedGroup = group
            }
        }
        settings.caFile = value("ATRIUM_MQTT_CA_FILE")
        if let leave = value("ATRIUM_MQTT_LEAVE_ON_STOP") {
            guard ["0", "1", "true", "false"].contains(leave.lowercased()) else {
                throw .malformed(variable: "ATRIUM_MQTT_LEAVE_ON_STOP", reason: "'\(leave.prefix(16))' is not 1 or 0")
            }
            settings.leaveOnStop = leave == "1" || leave.lowercased() == "true"
        }
        return settings
    }
}
