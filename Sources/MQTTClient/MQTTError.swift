import CMosquitto

/// What can go wrong configuring or talking to a broker; messages never include passwords.
public enum MQTTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broker URL is not `mqtt://` or `mqtts://` with a host, or holds something unexpected.
    case invalidURL(String)
    /// A client option libmosquitto refused (client id, TLS file, topic filter...).
    case invalidOption(String)
    /// libmosquitto returned an error code.
    case library(code: Int32, operation: String)
    /// The client is not running (never started, or stopped).
    case notRunning

    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid MQTT broker URL: \(reason)"
        case .invalidOption(let reason): "invalid MQTT option: \(reason)"
        case .library(let code, let operation): "\(operation) failed: \(MQTTError.text(for: code))"
        case .notRunning: "the MQTT client is not running"
        }
    }

    /// libmosquitto's own wording for an error code (static strings, no allocation on its side).
    static func text(for code: Int32) -> String {
        String(cString: mosquitto_strerror(code))
    }
}
