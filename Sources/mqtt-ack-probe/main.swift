// mqtt-ack-probe URL CLIENT_ID FILTER [block|pass]
//
// Subscribes at QoS 1 with a persistent session and prints one line per message to stdout
// ("connected", then "message <topic> <payload>"). With `block`, the handler never returns
// after printing: the test SIGKILLs the process there and expects the broker to redeliver the
// message to the next process with the same client id, proving no PUBACK left before the
// handler returned.
import Foundation
import Logging
import MQTTClient

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: mqtt-ack-probe URL CLIENT_ID FILTER [block|pass]\n".utf8))
    exit(2)
}
let block = arguments.count > 4 && arguments[4] == "block"
/// Unbuffered: the test reads the file while the process runs and after it is killed.
@Sendable func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
var options = try MQTTClientOptions(url: arguments[1], clientID: arguments[2])
options.subscriptions = [MQTTSubscription(filter: arguments[3], qos: 1)]
let connection = try MQTTConnection(options: options, logger: Logger(label: "probe")) { message in
    say("message \(message.topicText) \(String(decoding: message.payload, as: UTF8.self))")
    while block { sleep(60) }
    return .handled
}
try connection.start()
var announced = false
while true {
    if !announced && connection.status.connected {
        // The subscription is sent from the connect callback; give the broker a moment to grant it.
        usleep(200_000)
        say("connected session_present=\(connection.status.sessionPresent)")
        announced = true
    }
    usleep(20_000)
}
