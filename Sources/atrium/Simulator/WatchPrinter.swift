import Foundation
import Synchronization
import TwinSimulation

/// Formats `/v1/live` frames for a terminal: one line per reading, alarm change or health change,
/// and each room's figures (``RoomAggregates``) every `summaryEvery` seconds.
final class WatchPrinter: Sendable {
    let snapshot: BuildingSnapshot
    let colour: Bool
    let readings: Bool
    let summaryEvery: Double
    let pointNames: [String: String]
    let assetNames: [String: String]
    let runIndex: [String: Int]
    private let state: Mutex<(aggregates: RoomAggregates?, lastSummary: Date)>

    init(snapshot: BuildingSnapshot, colour: Bool, readings: Bool, summaryEvery: Double) {
        self.snapshot = snapshot
        self.colour = colour
        self.readings = readings
        self.summaryEvery = summaryEvery
        pointNames = Dictionary(snapshot.points.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        assetNames = Dictionary(snapshot.assets.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        // The simulator's model of the building places each point in its room (any seed will do).
        let run = try? SimulationRun(input: snapshot.plantInput, seed: 1, startSecondOfDay: 0)
        runIndex = Dictionary((run?.points ?? []).enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        state = Mutex((run.map { RoomAggregates(run: $0) }, Date()))
    }

    enum Tint: String { case red = "31", green = "32", yellow = "33", blue = "34", magenta = "35", cyan = "36", grey = "90" }

    func paint(_ text: String, _ tint: Tint, bold: Bool = false) -> String {
        colour ? "\u{1B}[\(bold ? "1;" : "")\(tint.rawValue)m\(text)\u{1B}[0m" : text
    }

    func note(_ text: String) { emit(paint("· " + text, .grey)) }

    func emit(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func clock(_ micros: Int64?) -> String {
        let date = micros.map { Date(timeIntervalSince1970: Double($0) / 1_000_000) } ?? Date()
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    func handle(_ text: String) {
        guard let frame = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return }
        if let frames = frame["frames"] as? [[String: Any]] {
            for inner in frames { handle(frame: inner) }
        } else {
            handle(frame: frame)
        }
        summarizeIfDue()
    }

    func handle(frame: [String: Any]) {
        if frame["subscribed"] != nil {
            note("subscribed to \(snapshot.buildingName)")
        } else if let snap = frame["snapshot"] as? [String: Any] {
            let values = snap["readings"] as? [[String: Any]] ?? []
            for reading in values {
                if let id = reading["pointId"] as? String, let value = reading["value"] as? Double { record(id, value) }
            }
            let alarms = snap["alarms"] as? [[String: Any]] ?? []
            note("snapshot: \(values.count) points, \(values.filter { $0["value"] is Double }.count) with a value, \(alarms.count) open alarm(s)")
            for alarm in alarms { printAlarm("open", alarm, time: nil) }
        } else if let event = frame["event"] as? [String: Any], let kind = event["kind"] as? String {
            let data = event["data"] as? [String: Any] ?? [:]
            let time = (event["time_us"] as? NSNumber)?.int64Value
            switch kind {
            case "reading":
                guard let id = event["objectId"] as? String, let value = data["value"] as? Double else { return }
                record(id, value)
                if readings {
                    let name = data["name"] as? String ?? pointNames[id] ?? id
                    emit("\(paint(Self.clock(time), .grey))  \(name.padding(toLength: max(name.count, 40), withPad: " ", startingAt: 0)) "
                        + "\(Self.format(value)) \(data["unit"] as? String ?? "")")
                }
            case "health.changed":
                let asset = data["assetId"] as? String ?? ""
                let thermal = data["thermal"] as? String ?? "OK"
                let tint: Tint = thermal == "HOT" ? .red : thermal == "WARM" ? .yellow : (data["worst"] is String ? .yellow : .green)
                let worst = (data["worst"] as? String).map { " (worst open: \($0))" } ?? ""
                emit("\(paint(Self.clock(time), .grey))  " + paint("● \(assetNames[asset] ?? asset) \(thermal)\(worst)", tint, bold: true))
            case let k where k.hasPrefix("alarm."):
                printAlarm(String(k.dropFirst("alarm.".count)), data, time: time)
            default:
                note("\(kind) \(event["objectId"] as? String ?? "")")
            }
        } else if let error = frame["error"] {
            note("error: \(error)")
        }
    }

    func printAlarm(_ change: String, _ alarm: [String: Any], time: Int64?) {
        let severity = alarm["severity"] as? String ?? "?"
        let point = (alarm["pointId"] as? String).flatMap { pointNames[$0] } ?? "a point"
        let value = (alarm["value"] as? Double).map { " value \(Self.format($0))" } ?? ""
        let tint: Tint = switch change {
        case "cleared", "resolved": .green
        case "acknowledged", "shelved": .cyan
        default: severity == "critical" ? .red : .yellow
        }
        emit("\(paint(Self.clock(time), .grey))  " + paint("▲ alarm \(change): \(severity) on \(point)\(value) [\(alarm["state"] as? String ?? "")]", tint, bold: true))
    }

    func record(_ pointID: String, _ value: Double) {
        guard let index = runIndex[pointID] else { return }
        state.withLock { $0.aggregates?.record(point: index, value: value) }
    }

    func summarizeIfDue() {
        guard summaryEvery > 0 else { return }
        let rooms: [RoomAggregates.Room]? = state.withLock { s in
            guard Date().timeIntervalSince(s.lastSummary) >= summaryEvery else { return nil }
            s.lastSummary = Date()
            return s.aggregates?.rooms
        }
        for room in rooms ?? [] where room.itPowerW > 0 {
            let name = snapshot.spaces[room.zone] ?? snapshot.floors[room.zone] ?? room.zone
            emit(paint(String(format: "— %@: IT %.1f kW · cooling %.1f kW · PUE %.2f · inlet avg %.1f °C · hottest %@ %.1f °C", name,
                              room.itPowerW / 1000, room.coolingPowerW / 1000, room.pue ?? 0, room.averageInletC ?? 0,
                              room.hottestRack ?? "-", room.hottestInletC ?? 0), .blue, bold: true))
        }
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e9 { return String(Int64(value)) }
        return abs(value) < 1 ? String(format: "%.4g", value) : String(format: "%.2f", value)
    }
}
