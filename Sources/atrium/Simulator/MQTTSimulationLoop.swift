import Foundation
import MQTTClient
import TwinSimulation

/// The publishing thread of `atrium simulate` over MQTT: steps the driver against the clock every
/// tick, publishes one QoS 1 message per point with readings due, reads acknowledgements, and
/// reconnects with backoff (0.5 s doubling to 30 s) when the broker goes away. Blocking calls on
/// its own thread (libmosquitto unthreaded, as in `atrium mqtt publish`), never on the async pool.
struct MQTTSimulationLoop {
    var driver: SimulationDriver
    let options: MQTTClientOptions
    let control: SimulatorControl
    /// Real seconds between steps.
    let tick: Double
    /// Unacknowledged messages allowed before waiting.
    let window = 4_000

    mutating func run() {
        var publisher: MQTTBurstPublisher?
        var backoff = 0.5
        var payload: [UInt8] = []
        var aggregates = RoomAggregates(run: driver.run)
        var lastRooms = Date.distantPast
        while !control.stopped {
            let tickStart = Date()
            if publisher == nil {
                do {
                    publisher = try MQTTBurstPublisher(options: options)
                    backoff = 0.5
                    control.update { $0.connected = true }
                } catch {
                    control.update { $0.connected = false; $0.lastError = "broker: \(error)"; $0.reconnects += 1 }
                    Self.sleep(backoff, unless: control)
                    backoff = min(backoff * 2, 30)
                    continue
                }
            }
            for change in control.takeSwitches() {
                try? driver.run.apply(change.scenario, targetAssetID: change.assetID, active: change.on)
            }
            driver.advance(toMicros: Int64(Date().timeIntervalSince1970 * 1_000_000))
            guard let live = publisher else { continue }
            var sent = 0, messages = 0
            let wires = driver.wires
            do {
                try driver.drain { point, readings in
                    guard !readings.isEmpty else { return }
                    for reading in readings { aggregates.record(point: point, value: reading.1 * wires[point].scale + wires[point].shift) }
                    SimulationDriver.payload(readings, into: &payload)
                    while live.published - live.acknowledged >= window { try live.pump(timeoutMilliseconds: 5) }
                    try live.publish(topic: wires[point].topic, payload: payload, qos: 1)
                    sent += readings.count
                    messages += 1
                }
                // Acknowledgements until the next tick.
                repeat {
                    try live.pump(timeoutMilliseconds: 5)
                } while Date().timeIntervalSince(tickStart) < tick && !control.stopped
                let acknowledged = live.acknowledged
                control.update { $0.readings += sent; $0.messages += messages; $0.acknowledged = acknowledged }
            } catch {
                control.update { $0.connected = false; $0.lastError = "broker: \(error)"; $0.readings += sent; $0.messages += messages }
                publisher = nil
                Self.sleep(backoff, unless: control)
                backoff = min(backoff * 2, 30)
            }
            if Date().timeIntervalSince(lastRooms) > 1 {
                let rooms = aggregates.rooms
                control.update { $0.rooms = rooms }
                lastRooms = Date()
            }
        }
        // Let what is in flight be acknowledged (up to 5 s).
        if let live = publisher {
            let deadline = Date().addingTimeInterval(5)
            while live.acknowledged < live.published && Date() < deadline { try? live.pump(timeoutMilliseconds: 20) }
            let acknowledged = live.acknowledged
            control.update { $0.acknowledged = acknowledged }
        }
    }

    static func sleep(_ seconds: Double, unless control: SimulatorControl) {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end && !control.stopped { Thread.sleep(forTimeInterval: min(0.1, end.timeIntervalSinceNow)) }
    }
}
