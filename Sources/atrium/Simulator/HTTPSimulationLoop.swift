import TwinDomain
import Foundation
import TwinSimulation

/// `atrium simulate --http`: every tick, what fell due goes to `POST /v1/readings` as one JSON
/// array (chunks of 20,000); a failed post is retried with backoff, its readings kept.
struct HTTPSimulationLoop {
    var driver: SimulationDriver
    let api: AtriumAPIClient
    let control: SimulatorControl
    let tick: Double

    mutating func run() async {
        var backoff = 0.5
        var aggregates = RoomAggregates(run: driver.run)
        let wires = driver.wires
        while !control.stopped {
            let began = Date()
            for change in control.takeSwitches() {
                try? driver.run.apply(change.scenario, targetAssetID: change.assetID, active: change.on)
            }
            driver.advance(toMicros: Int64(Date().timeIntervalSince1970 * 1_000_000))
            var batch: [(Int, [(Int64, Double)])] = []
            driver.drain { point, readings in batch.append((point, readings)) }
            var index = 0
            var failed = false
            while index < batch.count {
                var body: [UInt8] = [UInt8(ascii: "[")]
                var count = 0
                var end = index
                while end < batch.count && count < 20_000 {
                    let (point, readings) = batch[end]
                    for reading in readings {
                        if count > 0 { body.append(UInt8(ascii: ",")) }
                        body.append(contentsOf: #"{"key":"#.utf8)
                        body.append(contentsOf: CanonicalJSON.string(wires[point].externalKey).text.utf8)
                        body.append(contentsOf: #","ts":"#.utf8)
                        body.append(contentsOf: String(reading.0).utf8)
                        body.append(contentsOf: #","value":"#.utf8)
                        SimulationDriver.appendNumber(reading.1, to: &body)
                        body.append(UInt8(ascii: "}"))
                        count += 1
                        aggregates.record(point: point, value: reading.1 * wires[point].scale + wires[point].shift)
                    }
                    end += 1
                }
                body.append(UInt8(ascii: "]"))
                do {
                    try await api.call(.POST, "/v1/readings", raw: (body, "application/json"))
                    control.update { $0.readings += count; $0.messages += 1; $0.connected = true }
                    index = end
                    backoff = 0.5
                } catch {
                    control.update { $0.connected = false; $0.lastError = "\(error)"; $0.reconnects += 1 }
                    for (point, readings) in batch[index...] { driver.requeue(point, readings) }
                    failed = true
                    break
                }
            }
            let rooms = aggregates.rooms
            control.update { $0.rooms = rooms }
            let wait = failed ? backoff : max(0, tick - Date().timeIntervalSince(began))
            if failed { backoff = min(backoff * 2, 30) }
            let end = Date().addingTimeInterval(wait)
            while Date() < end && !control.stopped { try? await Task.sleep(for: .milliseconds(50)) }
        }
    }
}
