import Foundation
import Synchronization
import TwinSimulation

/// What the async side of `atrium simulate` (scenario polling, status) and its publishing thread
/// share, behind one lock: scenario switches to apply, a stop flag, and counters.
final class SimulatorControl: Sendable {
    struct Switch: Sendable {
        var scenario: ScenarioKind
        var assetID: String
        var on: Bool
    }

    struct Counters: Sendable {
        var readings = 0
        var messages = 0
        var acknowledged = 0
        var connected = false
        var reconnects = 0
        var lastError: String?
        var rooms: [RoomAggregates.Room] = []
    }

    private let state = Mutex<(switches: [Switch], stopped: Bool, counters: Counters)>(([], false, Counters()))

    func request(_ change: Switch) { state.withLock { $0.switches.append(change) } }
    func takeSwitches() -> [Switch] {
        state.withLock { s in
            defer { s.switches.removeAll() }
            return s.switches
        }
    }
    func stop() { state.withLock { $0.stopped = true } }
    var stopped: Bool { state.withLock { $0.stopped } }
    func update(_ body: (inout Counters) -> Void) { state.withLock { body(&$0.counters) } }
    var counters: Counters { state.withLock { $0.counters } }
}
