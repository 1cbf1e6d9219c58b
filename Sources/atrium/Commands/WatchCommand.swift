import ArgumentParser
import Foundation
import HummingbirdWSClient
import Logging
import TwinSimulation

/// `atrium watch`: the live twin in a terminal. A client of `/v1/live` that prints readings,
/// alarms and rack health as they happen (coloured on a terminal), and every few seconds each
/// room's IT power, PUE, average and hottest inlet from the readings it saw.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch a building live: readings, alarms and health changes.",
        discussion: "Credentials as for `atrium simulate` (ATRIUM_API_KEY or --api-key; an access token works too)."
    )

    @OptionGroup var api: SimulatorAPIOptions
    @Option(help: "Only this floor (name or id).")
    var floor: String?
    @Option(help: "Only these quantities (comma-separated, e.g. temperature,power).")
    var quantities: String?
    @Flag(help: "Alarms and health only, no readings.")
    var alarmsOnly = false
    @Option(help: "Seconds between room summaries (0: none).")
    var summaryEvery: Double = 10
    @Option(help: "Stop after this many seconds.")
    var duration: Double?
    @Flag(help: "No colours (also when NO_COLOR is set or the output is not a terminal).")
    var noColor = false
    @Flag(help: "Print the frames as received (JSON), one per line.")
    var raw = false

    func run() async throws {
        let client = try api.client()
        let snapshot: BuildingSnapshot
        do {
            snapshot = try await BuildingSnapshot.load(client, building: try await api.buildingReference(client))
        } catch let failure as AtriumAPIClient.Failure {
            await client.shutdown()
            throw CommandFailure(failure.message)
        }
        await client.shutdown()
        var subscribe: [String: Any] = ["buildingId": snapshot.buildingID]
        if let floor {
            guard let id = snapshot.floors.first(where: { $0.key == floor.lowercased() || $0.value.lowercased() == floor.lowercased() })?.key else {
                throw CommandFailure("no floor '\(floor)' in \(snapshot.buildingName); floors: \(snapshot.floors.values.sorted().joined(separator: ", "))")
            }
            subscribe = ["floorId": id]
        }
        if let quantities { subscribe["quantities"] = quantities.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let message = String(decoding: try JSONSerialization.data(withJSONObject: ["subscribe": subscribe]), as: UTF8.self)
        let raw = raw
        let printer = WatchPrinter(snapshot: snapshot, colour: !noColor && Self.terminalWantsColour, readings: !alarmsOnly,
                                   summaryEvery: summaryEvery)
        let url = client.base.replacingOccurrences(of: "http://", with: "ws://").replacingOccurrences(of: "https://", with: "wss://")
            + "/v1/live"
        let (header, value) = client.authorization
        var quietLogger = Logger(label: "atrium-watch")
        quietLogger.logLevel = .error
        let logger = quietLogger
        let deadline = duration.map { Date().addingTimeInterval($0) }
        var backoff = 0.5
        while deadline.map({ Date() < $0 }) ?? true {
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await WebSocketClient.connect(url: url, configuration: WebSocketClientConfiguration(
                            maxFrameSize: 16 << 20, additionalHeaders: [.init(header)!: value], autoPing: .enabled(timePeriod: .seconds(30))), logger: logger) { inbound, outbound, _ in
                            try await outbound.write(.text(message))
                            for try await frame in inbound.messages(maxSize: 16 << 20) {
                                guard case .text(let text) = frame else { continue }
                                if raw { printer.emit(text) } else { printer.handle(text) }
                            }
                        }
                    }
                    if let deadline {
                        // The clock ends the watch: cancelling the group closes the connection.
                        group.addTask { try await Task.sleep(for: .seconds(max(0, deadline.timeIntervalSinceNow))) }
                    }
                    try await group.next()
                    group.cancelAll()
                }
                backoff = 0.5
            } catch {
                printer.note("connection lost (\(error)); reconnecting in \(backoff) s")
            }
            if let deadline, Date() >= deadline { break }
            try await Task.sleep(for: .seconds(backoff))
            backoff = min(backoff * 2, 30)
        }
    }

    static var terminalWantsColour: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}
