import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import WSClient
import Logging

/// Live WebSocket load against a running `atrium serve`: `subscribers` clients each watching a box
/// around a row of racks (immediate), `floors` clients watching a whole floor at 250 ms, one client
/// that never reads; meanwhile `rate` readings/s are posted. Latency of a reading frame = arrival −
/// the reading's own time, which the generator sets to the moment it posts (so it includes the
/// HTTP request and the spool's fsync: an upper bound of "from ingest acceptance").
///
///   live-bench BASE_URL USER PASSWORD [subscribers 1000] [floors 100] [rate 20000] [seconds 20]
@main
struct LiveBench {
    struct Box: Sendable { var building: String; var corners: [Double]; var keys: [String] }

    final class Samples: Sendable {
        let values = Mutex<[Double]>([])
        let frames = Mutex<Int>(0)
        let messages = Mutex<Int>(0)
        let bytes = Mutex<Int>(0)
        /// Frames that were not readings (alarm events, resyncs, snapshots), and resyncs.
        let others = Mutex<Int>(0)
        let resyncs = Mutex<Int>(0)
        func message(bytes count: Int) {
            messages.withLock { $0 += 1 }
            bytes.withLock { $0 += count }
        }
        /// (arrival, reading time) of every reading frame, µs: matched later with the POST's answer.
        let arrivals = Mutex<[(Int64, Int64)]>([])
        func add(_ latency: Double?) {
            frames.withLock { $0 += 1 }
            if let latency { values.withLock { $0.append(latency) } }
        }
        func percentile(_ p: Double) -> Double {
            let sorted = values.withLock { $0 }.sorted()
            guard !sorted.isEmpty else { return .nan }
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
    }

    static func nowMicros() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000_000) }

    /// Posts one batch of readings; (accepted, refused).
    static func post(http: HTTPClient, url: String, token: String, body: String) async throws -> (Int, Int) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await http.execute(request, timeout: .seconds(60))
        let data = try await response.body.collect(upTo: 1 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
        return (object["accepted"] as? Int ?? 0, object["refused"] as? Int ?? 0)
    }

    /// For each event in a message: the `time_us` of a reading, nil for other events. Scans bytes
    /// (a Character-level search over 40 MB/s of frames costs the clients a whole core).
    static func readingTimes(_ text: String) -> [Int64?] {
        var text = text
        return text.withUTF8 { bytes -> [Int64?] in
            func find(_ needle: StaticString, from start: Int) -> Int? {
                let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
                guard let first = pattern.first, pattern.count <= bytes.count else { return nil }
                var index = start
                while index <= bytes.count - pattern.count {
                    if bytes[index] == first {
                        var matched = true
                        for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] {
                            matched = false
                            break
                        }
                        if matched { return index }
                    }
                    index += 1
                }
                return nil
            }
            var times: [Int64?] = []
            var cursor = 0
            while let event = find(#"{"event":"#, from: cursor) {
                let next = find(#"{"event":"#, from: event + 9) ?? bytes.count
                cursor = next
                guard let kind = find(#""kind":"reading""#, from: event), kind < next,
                      let time = find(#""time_us":"#, from: event), time < next else {
                    times.append(nil)
                    continue
                }
                var value: Int64 = 0, index = time + 10
                while index < next, bytes[index] >= 48, bytes[index] <= 57 {
                    value = value * 10 + Int64(bytes[index] - 48)
                    index += 1
                }
                times.append(value)
            }
            return times
        }
    }

    /// One WebSocket client: sends `messages`, then records reading frames (or never reads).
    static func client(url: String, configuration: WebSocketClientConfiguration, logger: Logger, messages: [String], samples: Samples?,
                       read: Bool, ready: Counter, stop: Flag) async {
        _ = try? await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
            for message in messages { try await outbound.write(.text(message)) }
            ready.withLock { $0 += 1 }
            guard read else {
                while !stop.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(200)) }
                return
            }
            for try await message in inbound.messages(maxSize: 1 << 24) {
                guard case .text(let text) = message else { continue }
                if stop.withLock({ $0 }) { break }
                guard let samples else { continue }
                // Found by scanning, not by a JSON parser: the clients share the server's two cores. A
                // message is `{"frames":[…]}` (batch mode); each event in it counts as a frame.
                samples.message(bytes: text.utf8.count)
                if text.contains(#""resync":true"#) { samples.resyncs.withLock { $0 += 1 } }
                let now = nowMicros()
                for time in Self.readingTimes(text) {
                    if let time {
                        samples.add(Double(now - time) / 1_000)
                        samples.arrivals.withLock { $0.append((now, time)) }
                    } else {
                        samples.add(nil)
                        samples.others.withLock { $0 += 1 }
                    }
                }
            }
        }
    }

    static func main() async throws {
        let args = CommandLine.arguments
        guard args.count >= 4 else {
            say("usage: live-bench BASE_URL USER PASSWORD [subscribers] [floors] [rate] [seconds]")
            return
        }
        let base = args[1], user = args[2], password = args[3]
        let subscribers = args.count > 4 ? Int(args[4]) ?? 1_000 : 1_000
        let floorClients = args.count > 5 ? Int(args[5]) ?? 100 : 100
        let rate = args.count > 6 ? Int(args[6]) ?? 20_000 : 20_000
        let seconds = args.count > 7 ? Int(args[7]) ?? 20 : 20
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = http.shutdown() }

        func call(_ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil) async throws -> [String: Any] {
            var request = HTTPClientRequest(url: base + path)
            request.method = method
            if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: body))
            }
            let response = try await http.execute(request, timeout: .seconds(60))
            let data = try await response.body.collect(upTo: 64 << 20)
            return (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView))) as? [String: Any] ?? [:]
        }
        func all(_ path: String, token: String) async throws -> [[String: Any]] {
            var items: [[String: Any]] = []
            var cursor: String?
            repeat {
                let page = try await call(.GET, path + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
                items += page["items"] as? [[String: Any]] ?? []
                cursor = page["next_cursor"] as? String
            } while cursor != nil
            return items
        }

        let token = try require(try await call(.POST, "/v1/auth/login", body: #"{"username":"\#(user)","password":"\#(password)"}"#)["access_token"] as? String, "token")
        let racks = try await all("/v1/assets?kind=rack&limit=1000&fields=id,position,building_id,floor_id", token: token)
        let points = try await all("/v1/points?limit=1000&fields=id,external_key,asset_id,floor_id", token: token)
        var keysByAsset: [String: [String]] = [:]
        var floorsWithPoints: Set<String> = []
        for point in points {
            guard let asset = point["asset_id"] as? String, let key = point["external_key"] as? String else { continue }
            keysByAsset[asset, default: []].append(key)
            if let floor = point["floor_id"] as? String { floorsWithPoints.insert(floor) }
        }
        // Rows: racks of a building sorted by (y, x), ten at a time; a box around each row.
        var boxes: [Box] = []
        for (building, list) in Dictionary(grouping: racks, by: { $0["building_id"] as? String ?? "" }) where !building.isEmpty {
            let placed = list.compactMap { rack -> (x: Double, y: Double, z: Double, keys: [String])? in
                guard let p = rack["position"] as? [String: Any], let x = (p["x"] as? NSNumber)?.doubleValue,
                      let y = (p["y"] as? NSNumber)?.doubleValue, let z = (p["z"] as? NSNumber)?.doubleValue,
                      let id = rack["id"] as? String, let keys = keysByAsset[id] else { return nil }
                return (x, y, z, keys)
            }.sorted { ($0.y, $0.x) < ($1.y, $1.x) }
            for start in stride(from: 0, to: placed.count, by: 10) {
                let row = Array(placed[start..<min(placed.count, start + 10)])
                let xs: [Double] = row.map { $0.x }, ys: [Double] = row.map { $0.y }, zs: [Double] = row.map { $0.z }
                let low: [Double] = [xs.min()! - 0.5, ys.min()! - 0.5, zs.min()! - 0.5]
                let high: [Double] = [xs.max()! + 0.5, ys.max()! + 0.5, zs.max()! + 3]
                let rowKeys: [String] = row.flatMap { $0.keys }
                boxes.append(Box(building: building, corners: low + high, keys: rowKeys))
            }
        }
        guard !boxes.isEmpty else { say("no racks with positions and points"); return }
        let keys = Array(Set(boxes.flatMap(\.keys))).sorted()
        say("racks \(racks.count), points \(points.count), boxes \(boxes.count) (points per box \(boxes.map(\.keys.count).min()!)…\(boxes.map(\.keys.count).max()!)), generator keys \(keys.count)")

        var logger = Logger(label: "live-bench")
        logger.logLevel = .error
        let immediate = Samples(), coalesced = Samples()
        let ready = Counter()
        let stop = Flag()
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 24, additionalHeaders: [.authorization: "Bearer " + token])
        let wsBase = base.replacingOccurrences(of: "http://", with: "ws://") + "/v1/live"
        let floors = Array(floorsWithPoints).sorted()
        let stalledBuilding = boxes[0].building

        try await withThrowingTaskGroup(of: Void.self) { group in
            var specs: [(messages: [String], samples: Samples?, read: Bool)] = []
            for index in 0..<subscribers {
                let box = boxes[index % boxes.count]
                let corners = box.corners.map { String($0) }.joined(separator: ",")
                specs.append(([#"{"configure":{"batch":true}}"#, #"{"subscribe":{"buildingId":"\#(box.building)","box":[\#(corners)]}}"#],
                              immediate, true))
            }
            for index in 0..<floorClients where !floors.isEmpty {
                specs.append(([#"{"configure":{"intervalMs":250,"batch":true}}"#, #"{"subscribe":{"floorId":"\#(floors[index % floors.count])"}}"#],
                              coalesced, true))
            }
            // BENCH_STALLED=0 leaves it out, to compare the others' latency with and without it.
            let stalled = ProcessInfo.processInfo.environment["BENCH_STALLED"] != "0"
            if stalled { specs.append(([#"{"subscribe":{"buildingId":"\#(stalledBuilding)"}}"#], nil, false)) }
            let clientLogger = logger
            for spec in specs {
                let (messages, samples, read) = spec
                group.addTask {
                    await Self.client(url: wsBase, configuration: configuration, logger: clientLogger, messages: messages,
                                      samples: samples, read: read, ready: ready, stop: stop)
                }
            }
            let expected = subscribers + (floors.isEmpty ? 0 : floorClients) + (stalled ? 1 : 0)
            for _ in 0..<600 where ready.withLock({ $0 }) < expected { try await Task.sleep(for: .milliseconds(100)) }
            try await Task.sleep(for: .seconds(2))     // snapshots delivered
            immediate.values.withLock { $0.removeAll() }
            coalesced.values.withLock { $0.removeAll() }
            for samples in [immediate, coalesced] {
                samples.arrivals.withLock { $0.removeAll() }
                samples.others.withLock { $0 = 0 }
                samples.resyncs.withLock { $0 = 0 }
                samples.frames.withLock { $0 = 0 }
                samples.messages.withLock { $0 = 0 }
                samples.bytes.withLock { $0 = 0 }
            }
            say("connected \(ready.withLock { $0 }) of \(expected) clients; posting \(rate) readings/s for \(seconds) s")
            say("SERVER_RSS_MARK start")

            // The generator: 8 posters, each every 40 ms a batch of rate/200 readings (a POST waits for
            // the spool's fsync, so one poster alone cannot keep the rate), round-robin over the keys.
            let posters = 8
            let perBatch = max(1, rate / 25 / posters)
            let start = ContinuousClock.now
            let totals = Totals()
            let acks = Acks()
            try await withThrowingTaskGroup(of: Void.self) { posting in
                for poster in 0..<posters {
                    posting.addTask {
                        var cursor = poster * perBatch, tick = 0
                        while ContinuousClock.now - start < .seconds(seconds) {
                            tick += 1
                            let t = Double(nowMicros()) / 1_000_000
                            var items: [String] = []
                            items.reserveCapacity(perBatch)
                            for _ in 0..<perBatch {
                                items.append(#"{"key":"\#(keys[cursor % keys.count])","ts":\#(String(format: "%.6f", t)),"value":\#(20 + Double(cursor % 100) / 10)}"#)
                                cursor += 1
                            }
                            let sent = nowMicros()
                            let (accepted, refused) = try await Self.post(http: http, url: base + "/v1/readings", token: token,
                                                                          body: "[" + items.joined(separator: ",") + "]")
                            totals.add(accepted, refused)
                            let answered = nowMicros()
                            let stamp = Int64((t * 1_000_000).rounded()) / 1_000
                            acks.value.withLock { acks in
                                acks.trips.append(Double(answered - sent) / 1_000)
                                acks.byMillisecond[stamp] = max(acks.byMillisecond[stamp] ?? 0, answered)
                            }
                            let due = start + .milliseconds(40 * tick)
                            if ContinuousClock.now < due { try await Task.sleep(until: due) }
                        }
                    }
                }
                try await posting.waitForAll()
            }
            let (sent, refused) = totals.read()
            say("other events: immediate \(immediate.others.withLock { $0 }), coalesced \(coalesced.others.withLock { $0 }); resyncs: immediate \(immediate.resyncs.withLock { $0 }), coalesced \(coalesced.resyncs.withLock { $0 })")
            let elapsed = ContinuousClock.now - start
            let secondsElapsed = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            try await Task.sleep(for: .seconds(1))     // the last frames arrive
            say("SERVER_RSS_MARK end")
            stop.withLock { $0 = true }
            say(String(format: "ingest: %d readings accepted in %.1f s (%.0f/s), %d refused", sent, secondsElapsed,
                         Double(sent) / secondsElapsed, refused))
            say(String(format: "immediate (%d box subscribers, batch mode): %d reading frames, %.0f frames/s in %.0f messages/s; latency from posting p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                         subscribers, immediate.values.withLock { $0.count }, Double(immediate.frames.withLock { $0 }) / secondsElapsed,
                         Double(immediate.messages.withLock { $0 }) / secondsElapsed,
                         immediate.percentile(0.5), immediate.percentile(0.99), immediate.percentile(1)))
            // The frame may arrive before the POST's answer: "from posting" bounds the latency from
            // acceptance above, "from the answer" below (acceptance lies between the two).
            let (trips, answers) = acks.value.withLock { ($0.trips.sorted(), $0.byMillisecond) }
            func sinceAnswer(_ samples: Samples) -> [Double] {
                samples.arrivals.withLock { $0 }.compactMap { pair -> Double? in
                    answers[pair.1 / 1_000].map { Double(pair.0 - $0) / 1_000 }
                }.sorted()
            }
            let fromAnswer = sinceAnswer(immediate)
            func pick(_ list: [Double], _ p: Double) -> Double { list.isEmpty ? .nan : list[min(list.count - 1, Int(Double(list.count) * p))] }
            say(String(format: "  from the POST's answer (a lower bound): p50 %.1f ms, p99 %.1f ms; POST round trip p50 %.1f ms, p99 %.1f ms",
                         pick(fromAnswer, 0.5), pick(fromAnswer, 0.99), pick(trips, 0.5), pick(trips, 0.99)))
            if !floors.isEmpty {
                let staleSinceAnswer = sinceAnswer(coalesced)
                say(String(format: "coalesced (%d floor subscribers, 250 ms): staleness from posting p50 %.0f ms, p99 %.0f ms, from the POST's answer p50 %.0f ms, p99 %.0f ms; per client %.1f frames/s in %.1f messages/s, %.0f bytes/s",
                             floorClients, coalesced.percentile(0.5), coalesced.percentile(0.99),
                             pick(staleSinceAnswer, 0.5), pick(staleSinceAnswer, 0.99),
                             Double(coalesced.frames.withLock { $0 }) / secondsElapsed / Double(floorClients),
                             Double(coalesced.messages.withLock { $0 }) / secondsElapsed / Double(floorClients),
                             Double(coalesced.bytes.withLock { $0 }) / secondsElapsed / Double(floorClients)))
            }
            group.cancelAll()
        }
    }
}

func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw NSError(domain: "live-bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "missing \(what)"]) }
    return value
}

final class Counter: Sendable {
    let value = Mutex<Int>(0)
    func withLock(_ body: (inout Int) -> Void) { value.withLock { body(&$0) } }
    func withLock(_ body: (Int) -> Int) -> Int { value.withLock { body($0) } }
}

final class Flag: Sendable {
    let value = Mutex<Bool>(false)
    func withLock(_ body: (inout Bool) -> Void) { value.withLock { body(&$0) } }
    func withLock(_ body: (Bool) -> Bool) -> Bool { value.withLock { body($0) } }
}

final class Totals: Sendable {
    let value = Mutex<(Int, Int)>((0, 0))
    func add(_ accepted: Int, _ refused: Int) { value.withLock { $0.0 += accepted; $0.1 += refused } }
    func read() -> (Int, Int) { value.withLock { $0 } }
}

/// POST round trips (ms) and, per reading-time millisecond, when the POST carrying it was answered (µs).
final class Acks: Sendable {
    let value = Mutex<(trips: [Double], byMillisecond: [Int64: Int64])>(([], [:]))
}

/// A line on standard output, written at once: run.sh reads the server's RSS when a mark line
/// arrives (print's buffer would hold it until the pipe fills).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
