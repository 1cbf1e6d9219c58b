import Synchronization

/// Bytes of ingest bodies held in memory at once, across all connections.
///
/// A readings batch is collected whole (up to 32 MiB) before it is decoded; without a shared
/// bound, a flood of large batches on many connections would hold that many times over. A batch
/// that does not fit is answered 503 with `Retry-After` before its body is read.
final class IngestBodyBudget: Sendable {
    let limit: Int
    private let used = Mutex(0)

    init(limit: Int) { self.limit = max(limit, 1) }

    /// Reserves `bytes` if they fit beside what is held; a lone batch always fits, so a budget
    /// smaller than one batch still lets batches through one at a time.
    func reserve(_ bytes: Int) -> Bool {
        used.withLock { used in
            guard used == 0 || used + bytes <= limit else { return false }
            used += bytes
            return true
        }
    }

    func release(_ bytes: Int) { used.withLock { $0 -= bytes } }

    var inUse: Int { used.withLock { $0 } }
}
