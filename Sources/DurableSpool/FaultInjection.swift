/// Hooks through which tests make system calls fail or slow down. Empty in production.
struct FaultInjection: Sendable {
    /// A simulated short write: `bytesWritten` bytes land, then the call fails with `errno`.
    struct WriteFault: Sendable {
        var bytesWritten: Int
        var errno: Int32
    }

    /// Asked before each segment write with the path and byte count; a fault replaces the call.
    var write: (@Sendable (_ path: String, _ length: Int) -> WriteFault?)?
    /// Asked before each data sync with the path; an errno makes the sync fail.
    var sync: (@Sendable (_ path: String) -> Int32?)?
    /// Runs on the flusher thread before each group sync (to simulate a slow disk).
    var beforeGroupSync: (@Sendable () -> Void)?

    init() {}
}
