import Foundation
import Synchronization

/// Ids of the import jobs this process owns but is not running yet (queued in its memory), whose
/// leases the worker renews so another process's recovery sweep leaves them alone.
final class JobLeaseSet: Sendable {
    private let ids = Mutex<Set<UUID>>([])

    func insert(_ id: UUID) { _ = ids.withLock { $0.insert(id) } }

    func remove(_ id: UUID) { _ = ids.withLock { $0.remove(id) } }

    var snapshot: Set<UUID> { ids.withLock { $0 } }
}
