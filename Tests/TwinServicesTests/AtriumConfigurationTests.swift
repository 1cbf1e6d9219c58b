import Testing
@testable import TwinServices

@Suite("Configuration from flags and environment")
struct AtriumConfigurationTests {
    let base = [
        "ATRIUM_DATABASE_URL": "postgres://atrium@127.0.0.1:5432/atrium",
        "ATRIUM_MONGODB_URI": "mongodb://127.0.0.1:27017",
    ]

    @Test func defaultsAreLoopbackAndText() throws {
        let configuration = try AtriumConfiguration(environment: base)
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 8080)
        #expect(configuration.logFormat == .text)
        #expect(configuration.logLevel == .info)
        #expect(configuration.dataDirectory == ".atrium/data")
    }

    @Test func mqttIsOffUnlessABrokerIsNamed() throws {
        #expect(try AtriumConfiguration(environment: base).mqtt == nil)
        var environment = base
        environment["ATRIUM_MQTT_URL"] = "mqtts://ingest:pw@broker:8883"
        let defaults = try #require(try AtriumConfiguration(environment: environment).mqtt)
        #expect(defaults.templates.map(\.template) == ["dc/{site}/{building}/{asset}/{quantity}"])
        #expect(defaults.sharedGroup == nil && defaults.clientID == nil && !defaults.leaveOnStop, "a plain subscription unless asked")
        environment["ATRIUM_MQTT_TOPICS"] = "site/{site}/{asset}/{quantity}, gw/{key}"
        environment["ATRIUM_MQTT_SHARED_GROUP"] = "atrium"
        environment["ATRIUM_MQTT_CLIENT_ID"] = "atrium-1"
        environment["ATRIUM_MQTT_LEAVE_ON_STOP"] = "1"
        let set = try #require(try AtriumConfiguration(environment: environment).mqtt)
        #expect(set.templates.map(\.subscriptionFilter) == ["site/+/+/+", "gw/+"])
        #expect(set.sharedGroup == "atrium" && set.clientID == "atrium-1" && set.leaveOnStop)
        environment["ATRIUM_MQTT_SHARED_GROUP"] = "none"
        #expect(try AtriumConfiguration(environment: environment).mqtt?.sharedGroup == nil)
    }

    @Test(arguments: [
        ("ATRIUM_MQTT_URL", "http://broker"), ("ATRIUM_MQTT_TOPICS", "dc/{nope}/x"), ("ATRIUM_MQTT_TOPICS", "dc/#"),
        ("ATRIUM_MQTT_SHARED_GROUP", "a/b"), ("ATRIUM_MQTT_CLIENT_ID", "has space"), ("ATRIUM_MQTT_LEAVE_ON_STOP", "maybe"),
    ])
    func badMQTTSettingsAreNamed(_ variable: String, _ value: String) {
        var environment = base
        environment["ATRIUM_MQTT_URL"] = "mqtt://broker"
        environment[variable] = value
        #expect {
            _ = try AtriumConfiguration(environment: environment)
        } throws: { error in
            "\(error)".contains(variable)
        }
    }

    @Test func flagsWinOverEnvironment() throws {
        var environment = base
        environment["ATRIUM_LISTEN"] = "0.0.0.0:9000"
        environment["ATRIUM_LOG_FORMAT"] = "json"
        let configuration = try AtriumConfiguration(
            environment: environment, overrides: .init(listen: "[::1]:7000", logLevel: "DEBUG")
        )
        #expect(configuration.listenHost == "::1")
        #expect(configuration.listenPort == 7000)
        #expect(configuration.logFormat == .json)
        #expect(configuration.logLevel == .debug)
    }

    @Test func missingStoresAreNamed() {
        #expect(throws: ConfigurationError.missing(variable: "ATRIUM_DATABASE_URL", example: "postgres://atrium@127.0.0.1:5432/atrium")) {
            try AtriumConfiguration(environment: ["ATRIUM_MONGODB_URI": "mongodb://x"])
        }
        #expect(throws: ConfigurationError.missing(variable: "ATRIUM_MONGODB_URI", example: "mongodb://127.0.0.1:27017")) {
            try AtriumConfiguration(environment: ["ATRIUM_DATABASE_URL": "postgres://a@b/c"])
        }
    }

    @Test(arguments: [
        ("ATRIUM_LISTEN", "8080"),
        ("ATRIUM_LISTEN", "host:70000"),
        ("ATRIUM_LISTEN", "[::1]8080"),
        ("ATRIUM_DATABASE_URL", "mysql://a@b/c"),
        ("ATRIUM_MONGODB_URI", "http://mongo"),
        ("ATRIUM_LOG_LEVEL", "loud"),
        ("ATRIUM_LOG_FORMAT", "xml"),
    ])
    func malformedValuesAreNamed(variable: String, value: String) {
        var environment = base
        environment[variable] = value
        do {
            _ = try AtriumConfiguration(environment: environment)
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            guard case .malformed(let named, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(named == variable)
            #expect(error.description.contains(variable))
        }
    }
}
