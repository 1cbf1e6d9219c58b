import MQTTClient
import Testing

@Suite struct MQTTClientOptionsTests {
    @Test func readsBrokerURLs() throws {
        let plain = try MQTTClientOptions(url: "mqtt://ingest:s%40cret%20x@broker.example:1884", clientID: "a")
        #expect(plain.host == "broker.example")
        #expect(plain.port == 1884)
        #expect(!plain.useTLS)
        #expect(plain.username == "ingest")
        #expect(plain.password == "s@cret x")
        let tls = try MQTTClientOptions(url: "mqtts://broker.example", clientID: "a")
        #expect(tls.port == 8883 && tls.useTLS && tls.username == nil)
        #expect(try MQTTClientOptions(url: "mqtt://[::1]", clientID: "a").host == "::1")
        #expect(try MQTTClientOptions(url: "MQTT://h/", clientID: "a").port == 1883)
    }

    @Test(arguments: ["http://h", "mqtt://", "mqtt://h/topic", "mqtt://h?x=1", "mqtt://h#f", "mqtt://:pw@h", "h:1883", "mqtt://h:0"])
    func refusesWhatIsNotABrokerURL(_ url: String) {
        #expect(throws: MQTTError.self) { try MQTTClientOptions(url: url, clientID: "a") }
    }

    @Test func refusesBadOptions() throws {
        var options = MQTTClientOptions(host: "h", clientID: "")
        #expect(throws: MQTTError.self) { try MQTTConnection(options: options, logger: .init(label: "t")) }
        options.clientID = "ok"
        options.subscriptions = [MQTTSubscription(filter: "a/#", qos: 3)]
        #expect(throws: MQTTError.self) { try MQTTConnection(options: options, logger: .init(label: "t")) }
        options.subscriptions = [MQTTSubscription(filter: "a/#").shared(group: "atrium")]
        #expect(options.subscriptions[0].filter == "$share/atrium/a/#")
        _ = try MQTTConnection(options: options, logger: .init(label: "t"))
    }
}
