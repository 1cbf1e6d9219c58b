import CMosquitto
import Synchronization

/// Owns one `struct mosquitto *`.
///
/// `@unchecked Sendable` is sound because: the pointer itself never changes after init;
/// libmosquitto (Debian builds it WITH_THREADING) guards the state its thread-safe calls touch
/// (publish, subscribe, disconnect, option getters) with its own mutexes once
/// `mosquitto_threaded_set(true)` is on, which `MQTTConnection` does before sharing the handle;
/// every other call (connect, loop, reconnect) is made only from the connection's one loop
/// thread; and `mosquitto_destroy` runs in deinit, when no thread can hold a reference.
final class MosquittoHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    /// False when the loop thread was left blocked inside a handler at shutdown: destroying the
    /// client under it would free memory it is using, so the handle is leaked to the OS instead.
    var mayDestroy: Bool { loopFinished.load(ordering: .acquiring) }
    let loopFinished = Atomic(true)

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        if mayDestroy { mosquitto_destroy(pointer) }
    }
}
