import Synchronization

/// Set once when a connection starts stopping; read by handlers that wait.
final class MQTTStopSignal: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}
