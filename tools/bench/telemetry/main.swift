// telemetry-bench: items per second for each decoder on synthetic data, one thread.
//   swift run -c release telemetry-bench [--items N] [--seconds S]
import Foundation
import TelemetryCore

var items = 100_000
var seconds = 1.0
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--items": items = Int(args.popFirst() ?? "") ?? items
    case "--seconds": seconds = Double(args.popFirst() ?? "") ?? seconds
    default:
        print("usage: telemetry-bench [--items N] [--seconds S]")
        exit(2)
    }
}

/// Deterministic data so runs compare.
struct Generator: RandomNumberGenerator {
    var state: UInt64 = 0x7E1E_3E7B
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

var rng = Generator()
let points = (0..<1_000).map { _ in UUID().uuidString.lowercased() }
let start: Int64 = 1_714_564_800_000_000
let units = ["°C", "kW", "%RH", "V", "A"]

struct Item {
    var point: String
    var ts: String
    var value: String
    var unit: String
}

@MainActor func makeItems(hardNumbers: Bool) -> [Item] {
    (0..<items).map { i in
        let ts = RFC3339Timestamp(micros: start + Int64(i) * 1_000).description
        let value: String
        if hardNumbers {
            // Shortest round-trip output of arithmetic results: 16–17 significant digits.
            value = "\(Double.random(in: 15...30, using: &rng) + 0.1)"
        } else {
            value = String(format: "%.2f", Double.random(in: -20...400, using: &rng))
        }
        return Item(point: points[i % points.count], ts: ts, value: value, unit: units[i % units.count])
    }
}

func jsonItem(_ it: Item) -> String {
    #"{"point":"\#(it.point)","ts":"\#(it.ts)","value":\#(it.value),"unit":"\#(it.unit)"}"#
}

@MainActor func measure(_ name: String, count: Int, bytes: Int? = nil, _ body: () -> Int) {
    _ = body()  // warm-up
    var best = Double.infinity
    let deadline = Date().addingTimeInterval(seconds)
    var runs = 0
    repeat {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let n = body()
        let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        precondition(n == count, "\(name): decoded \(n) of \(count)")
        best = min(best, t)
        runs += 1
    } while Date() < deadline || runs < 3
    let rate = Double(count) / best
    var line = "\(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%12.0f", rate)) items/s"
    if let bytes { line += String(format: "  %7.1f MB/s", Double(bytes) / best / 1e6) }
    print(line)
}

for hard in [false, true] {
    let list = makeItems(hardNumbers: hard)
    let tag = hard ? " (17-digit values)" : ""
    let json = Array(("{\"readings\":[" + list.map(jsonItem).joined(separator: ",") + "]}").utf8)
    let ndjson = Array((list.map(jsonItem).joined(separator: "\n") + "\n").utf8)
    let csv = Array(("point,ts,value,unit\n" + list.map { "\($0.point),\($0.ts),\($0.value),\($0.unit)" }.joined(separator: "\n") + "\n").utf8)
    let json1 = TelemetryJSONDecoder()
    let nd = TelemetryNDJSONDecoder()
    let cs = TelemetryCSVDecoder()
    measure("JSON batch" + tag, count: items, bytes: json.count) { json1.decode(json).readings.count }
    measure("NDJSON" + tag, count: items, bytes: ndjson.count) { nd.decode(ndjson).readings.count }
    measure("CSV" + tag, count: items, bytes: csv.count) { cs.decode(csv).readings.count }
}

let keyed = makeItems(hardNumbers: false).enumerated().map { i, it in
    #"{"key":"rack\#(i % 500).pdu-a.outlet\#(i % 24)","ts":\#(1_714_564_800 + i),"value":\#(it.value),"quality":"good"}"#
}
let keyedJSON = Array(("[" + keyed.joined(separator: ",") + "]").utf8)
measure("JSON batch (external keys)", count: items, bytes: keyedJSON.count) { TelemetryJSONDecoder().decode(keyedJSON).readings.count }

let payloads = (0..<1_000).map { _ in Array(String(format: "%.2f", Double.random(in: -20...400, using: &rng)).utf8) }
let mqtt = MQTTPayloadDecoder()
let key = PointKey.id(UUID())
let mqttRounds = 2_000
measure("MQTT single-number payload", count: payloads.count * mqttRounds) {
    var batch = TelemetryBatch()
    batch.readings.reserveCapacity(payloads.count)
    var n = 0
    for _ in 0..<mqttRounds {
        for p in payloads { p.withUnsafeBytes { mqtt.decode($0, key: key, into: &batch) } }
        n += batch.readings.count
        batch.removeAll()
    }
    return n
}
let objectPayloads = (0..<1_000).map { i in Array(#"{"value":\#(21 + i % 10).5,"ts":"2024-05-01T12:00:0\#(i % 10)Z"}"#.utf8) }
measure("MQTT object payload", count: objectPayloads.count * 200) {
    var batch = TelemetryBatch()
    var n = 0
    for _ in 0..<200 {
        for p in objectPayloads { p.withUnsafeBytes { mqtt.decode($0, key: key, into: &batch) } }
        n += batch.readings.count
        batch.removeAll()
    }
    return n
}

let stamps = (0..<1_000).map { i in Array(RFC3339Timestamp(micros: start + Int64(i) * 1_234_567).description.utf8) }
    + (0..<1_000).map { i in Array("2024-05-01T12:\(10 + i % 50):00+02:00".utf8) }
measure("RFC 3339 timestamp", count: stamps.count * 2_000) {
    var n = 0
    var sum: Int64 = 0
    for _ in 0..<2_000 {
        for s in stamps {
            if let m = s.withUnsafeBytes({ RFC3339Timestamp.micros($0) }) {
                sum &+= m
                n += 1
            }
        }
    }
    if sum == 42 { print("") }
    return n
}

let topic = try MQTTTopicTemplate("dc/{site}/{building}/{asset}/{quantity}")
let topics = (0..<1_000).map { i in Array("dc/fra\(i % 3)/b\(i % 7)/crah-\(i)/temperature".utf8) }
measure("MQTT topic match", count: topics.count * 200) {
    var n = 0
    for _ in 0..<200 { for t in topics where topic.match(t) != nil { n += 1 } }
    return n
}
