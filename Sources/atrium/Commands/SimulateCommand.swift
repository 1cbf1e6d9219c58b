import TwinDomain
import ArgumentParser
import Foundation
import MQTTClient
import TwinSimulation

/// `atrium simulate`: a living data centre from any imported building. Bots publish on the MQTT
/// topics real gateways use (or POST /v1/readings), from coupled physical models driven by the
/// building's own points, read through the REST API with an API key; never the database.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a building's racks, cooling, power and batteries, and play incident scenarios.",
        subcommands: [SimulateRunCommand.self, ScenarioCommand.self],
        defaultSubcommand: SimulateRunCommand.self
    )
}

/// Where the server is and who the simulator is to it.
struct SimulatorAPIOptions: ParsableArguments {
    @Option(help: "Atrium's base URL (default: ATRIUM_URL, else http://127.0.0.1:8080).")
    var server: String?
    @Option(help: "An API key (atr_…) or access token (default: ATRIUM_API_KEY). The simulator needs assets.read, and readings.ingest with --http.")
    var apiKey: String?
    @Option(help: "The building, by name or id (default: the only one visible); `simulate` also takes several, comma-separated, or `all`.")
    var building: String?

    func client() throws -> AtriumAPIClient {
        let environment = ProcessInfo.processInfo.environment
        guard let key = apiKey ?? environment["ATRIUM_API_KEY"], !key.isEmpty else {
            throw ValidationError("give --api-key or set ATRIUM_API_KEY (POST /v1/api-keys makes one)")
        }
        return AtriumAPIClient(base: server ?? environment["ATRIUM_URL"] ?? "http://127.0.0.1:8080", credential: key)
    }

    /// The building named, or the only one there is.
    func buildingReference(_ api: AtriumAPIClient) async throws -> String {
        if let building { return building }
        let buildings = try await api.all("/v1/buildings?fields=id,name")
        guard buildings.count == 1, let id = buildings[0]["id"] as? String else {
            let names = buildings.compactMap { $0["name"] as? String }.sorted()
            throw CommandFailure("name a building with --building: " + (names.isEmpty ? "none is visible" : names.joined(separator: ", ")))
        }
        return id
    }
}

struct SimulateRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Publish the building's readings until stopped (the default subcommand).",
        discussion: """
            Readings go to the MQTT broker (--mqtt-url or ATRIUM_MQTT_URL) on dc/{site}/{building}/{asset}/{quantity} \
            topics at QoS 1, one message per point and tick (a JSON array when several readings fell due), or with \
            --http to POST /v1/readings. Each point reports at its expected interval; --speed 60 runs an hour a minute. \
            Scenarios started with `atrium simulate scenario` (or POST /v1/scenarios) are picked up within a second. \
            --output writes NDJSON instead, as fast as it can, for --duration simulated seconds from --start.
            """
    )

    @OptionGroup var api: SimulatorAPIOptions
    @Option(help: "MQTT broker, mqtt://user:password@host:port (default: ATRIUM_MQTT_URL).")
    var mqttURL: String?
    @Flag(help: "POST /v1/readings instead of MQTT.")
    var http = false
    @Option(help: "Simulated seconds per real second.")
    var speed: Double = 1
    @Option(help: "Seed of every random choice: the same seed gives the same readings (default: random, printed).")
    var seed: UInt64?
    @Option(help: "Only these points: comma-separated external keys or ids.")
    var points: String?
    @Option(help: "Topic template ({site} slug, {building} name, {asset} and {quantity} from the point's key, {point}, {key}).")
    var topicTemplate = "dc/{site}/{building}/{asset}/{quantity}"
    @Option(help: "Write readings as NDJSON to this file ('-': standard output) instead of publishing.")
    var output: String?
    @Option(help: "Stop after this many seconds (simulated with --output, else real).")
    var duration: Double?
    @Option(help: "Simulated start, ISO 8601 (with --output; default 2026-01-01T00:00:00Z).")
    var start: String?
    @Option(help: "Real seconds between steps.")
    var tick: Double = 0.1
    @Flag(help: "No status lines.")
    var quiet = false

    func validate() throws {
        guard speed.isFinite, speed > 0, speed <= 1_000_000 else { throw ValidationError("--speed must be > 0 and ≤ 1000000") }
        guard tick.isFinite, (0.01...10).contains(tick) else { throw ValidationError("--tick must be 0.01…10 s") }
        if let duration { guard duration.isFinite, duration > 0 else { throw ValidationError("--duration must be > 0") } }
        if output != nil, duration == nil { throw ValidationError("--output needs --duration (simulated seconds)") }
    }

    func run() async throws {
        let api = try api.client()
        // The client is shut down on every path before the error (if any) leaves.
        let outcome: Result<Void, any Error>
        do {
            try await simulate(api)
            outcome = .success(())
        } catch let failure as AtriumAPIClient.Failure {
            outcome = .failure(CommandFailure(failure.message))
        } catch {
            outcome = .failure(error)
        }
        await api.shutdown()
        try outcome.get()
    }

    func simulate(_ api: AtriumAPIClient) async throws {
        let snapshot = try await Self.snapshot(api, reference: try await self.api.buildingReference(api))
        let seed = seed ?? UInt64.random(in: 1...999_999)
        var only: Set<String>?
        if let points {
            let wanted = Set(points.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            let known = Set(snapshot.points.flatMap { [$0.id, $0.externalKey] })
            let unknown = wanted.subtracting(known).sorted()
            guard unknown.isEmpty else {
                let examples = snapshot.points.map(\.externalKey).sorted().prefix(8).joined(separator: ", ")
                throw CommandFailure("unknown point(s) \(unknown.prefix(5).joined(separator: ", ")) in \(snapshot.buildingName); e.g. \(examples), … (\(snapshot.points.count) points)")
            }
            only = wanted
        }
        let startDate = output == nil ? Date() : try start.map(Self.parseDate) ?? Date(timeIntervalSince1970: 1_767_225_600)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = output == nil ? .current : TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute, .second], from: startDate)
        let secondOfDay = Double((parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0))
        let run: SimulationRun
        do {
            run = try SimulationRun(input: snapshot.plantInput, seed: seed, startSecondOfDay: secondOfDay, only: only, building: snapshot.buildingName)
        } catch {
            throw CommandFailure(error.description + (try await Self.buildingsWithPoints(api, except: snapshot.buildingID)))
        }
        let startMicros = Int64((startDate.timeIntervalSince1970 * 1_000_000).rounded())
        var driver = SimulationDriver(run: run, snapshot: snapshot, speed: output == nil ? speed : 1, startMicros: startMicros,
                                      topicTemplate: topicTemplate)
        if let output {
            try Self.writeOutput(&driver, to: output, seconds: duration ?? 0)
            return
        }
        let control = SimulatorControl()
        let stopSignals = SignalStop(control: control)
        defer { stopSignals.cancel() }
        Self.say("simulating \(snapshot.buildingName): \(run.points.count) points (of \(snapshot.points.count)), "
            + "speed \(speed)×, seed \(seed), via " + (http ? "POST /v1/readings" : "MQTT"), quiet: false)
        let mqttOptions: MQTTClientOptions?
        if http {
            mqttOptions = nil
        } else {
            guard let url = mqttURL ?? ProcessInfo.processInfo.environment["ATRIUM_MQTT_URL"] else {
                throw ValidationError("give --mqtt-url or set ATRIUM_MQTT_URL (or use --http)")
            }
            mqttOptions = try MQTTClientOptions(url: url, clientID: "atrium-simulator-\(UUID().uuidString.prefix(8).lowercased())")
        }
        let scenarios = ScenarioFollower(api: api, buildingIDs: snapshot.buildingIDs, control: control,
                                         names: Dictionary(snapshot.assets.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
        await scenarios.poll(quiet: quiet)  // scenarios already running play from the start
        let finished: Task<Void, Never>
        if let mqttOptions {
            let loop = MQTTSimulationLoop(driver: driver, options: mqttOptions, control: control, tick: tick)
            finished = Task.detached { await Self.onThread { var loop = loop; loop.run() } }
        } else {
            let sender = HTTPSimulationLoop(driver: driver, api: api, control: control, tick: max(tick, 0.25))
            finished = Task { var sender = sender; await sender.run() }
        }
        let began = Date()
        var lastStatus = Date()
        while !control.stopped {
            try? await Task.sleep(for: .milliseconds(250))
            if let duration, Date().timeIntervalSince(began) >= duration { control.stop() }
            await scenarios.poll(quiet: quiet)
            if !quiet, Date().timeIntervalSince(lastStatus) >= 5 {
                lastStatus = Date()
                await Self.status(control: control, snapshot: snapshot, scenarios: scenarios, api: api, began: began, speed: speed)
            }
        }
        await finished.value
        let counters = control.counters
        Self.say("stopped: \(counters.readings) readings in \(counters.messages) messages" + (http ? "" : ", \(counters.acknowledged) acknowledged"),
                 quiet: false)
    }

    /// Runs `body` on a thread of its own (it blocks), resuming when it returns.
    /// One building, several (comma-separated) or `all` of those visible, as one plant.
    static func snapshot(_ api: AtriumAPIClient, reference: String) async throws -> BuildingSnapshot {
        var references = reference.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if references == ["all"] {
            references = try await api.all("/v1/buildings?fields=id").compactMap { $0["id"] as? String }
        }
        var parts: [BuildingSnapshot] = []
        for reference in references { parts.append(try await BuildingSnapshot.load(api, building: reference)) }
        guard !parts.isEmpty else { throw CommandFailure("no building to simulate") }
        // With several, a building without points is skipped (the error names it when none has any).
        let withPoints = parts.filter { !$0.points.isEmpty }
        return BuildingSnapshot.merged(parts.count > 1 && !withPoints.isEmpty ? withPoints : parts)
    }

    static func onThread(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                body()
                done.resume()
            }
            thread.name = "atrium-simulator"
            thread.start()
        }
    }

    static func parseDate(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { throw ValidationError("--start: not an ISO 8601 time (2026-01-01T00:00:00Z)") }
        return date
    }

    static func buildingsWithPoints(_ api: AtriumAPIClient, except: String) async throws -> String {
        let points = try await api.all("/v1/points?fields=building_id")
        let ids = Set(points.compactMap { $0["building_id"] as? String }).subtracting([except])
        guard !ids.isEmpty else { return "; no building has points yet" }
        let buildings = try await api.all("/v1/buildings?fields=id,name")
        let names = buildings.filter { ids.contains($0["id"] as? String ?? "") }.compactMap { $0["name"] as? String }.sorted()
        return "; buildings with points: " + names.joined(separator: ", ")
    }

    static func writeOutput(_ driver: inout SimulationDriver, to path: String, seconds: Double) throws {
        let handle: FileHandle
        if path == "-" {
            handle = .standardOutput
        } else {
            // open(2), not FileManager.createFile: that writes atomically (a new file renamed over the
            // path), which would replace a device such as /dev/null with a regular file.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw CommandFailure("cannot write \(path): \(String(cString: strerror(errno)))") }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        }
        defer { if path != "-" { try? handle.close() } }
        let began = ContinuousClock.now
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var remaining = seconds, lines = 0
        let wires = driver.wires
        while remaining > 0 {
            let step = min(remaining, 600)
            remaining -= step
            driver.advance(bySimulated: step)
            driver.drain { point, readings in
                for reading in readings {
                    buffer.append(contentsOf: #"{"key":"#.utf8)
                    buffer.append(contentsOf: CanonicalJSON.string(wires[point].externalKey).text.utf8)
                    buffer.append(contentsOf: #","ts":"#.utf8)
                    buffer.append(contentsOf: String(reading.0).utf8)
                    buffer.append(contentsOf: #","value":"#.utf8)
                    SimulationDriver.appendNumber(reading.1, to: &buffer)
                    buffer.append(contentsOf: "}\n".utf8)
                    lines += 1
                }
            }
            if buffer.count > 1 << 20 || remaining <= 0 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let elapsed = ContinuousClock.now - began
        let secondsTaken = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data(String(format: "simulated %.0f s: %d readings in %.2f s (%.0f readings/s)\n",
                                                   seconds, lines, secondsTaken, Double(lines) / max(secondsTaken, 1e-9)).utf8))
    }

    static func say(_ text: String, quiet: Bool) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data("[simulate] \(text)\n".utf8))
    }

    static func status(control: SimulatorControl, snapshot: BuildingSnapshot, scenarios: ScenarioFollower, api: AtriumAPIClient,
                       began: Date, speed: Double) async {
        let counters = control.counters
        let simulated = Date().timeIntervalSince(began) * speed
        var line = String(format: "t+%02d:%02d:%02d simulated · %d readings in %d messages", Int(simulated) / 3600,
                          Int(simulated) / 60 % 60, Int(simulated) % 60, counters.readings, counters.messages)
        if counters.messages > 0, counters.acknowledged > 0 { line += " (\(counters.acknowledged) acknowledged)" }
        if !counters.connected, let error = counters.lastError { line += " · reconnecting (\(error))" }
        if counters.reconnects > 0 { line += " · \(counters.reconnects) reconnect attempt(s) so far" }
        let active = await scenarios.describe()
        if !active.isEmpty { line += " · scenarios: " + active }
        // Rack status as the alarm engine reports it (not computed here).
        var warm = 0, hot = 0, answered = false
        for building in snapshot.buildingIDs {
            guard let health = try? await api.call(.GET, "/v1/buildings/\(building)/health") as? [String: Any],
                  let assets = health["assets"] as? [[String: Any]] else { continue }
            answered = true
            for asset in assets {
                switch (asset["health"] as? [String: Any])?["thermal"] as? String {
                case "WARM": warm += 1
                case "HOT": hot += 1
                default: break
                }
            }
        }
        if answered { line += " · racks WARM \(warm), HOT \(hot)" }
        say(line, quiet: false)
        for room in counters.rooms where room.itPowerW > 0 {
            let name = snapshot.spaces[room.zone] ?? snapshot.floors[room.zone] ?? room.zone
            say(String(format: "  %@: IT %.1f kW · cooling %.1f kW · PUE %.2f · inlet avg %.1f °C · hottest %@ %.1f °C", name,
                       room.itPowerW / 1000, room.coolingPowerW / 1000, room.pue ?? 0, room.averageInletC ?? 0,
                       room.hottestRack ?? "-", room.hottestInletC ?? 0), quiet: false)
        }
    }
}
