import Foundation
import Synchronization
import TwinDomain

/// The import jobs this process owns but is not running yet (queued in its memory): their
/// leases are renewed by the worker so another process's recovery sweep leaves them alone, and
/// they are what the queue bound and the per-principal staging quota count.
final class JobLeaseSet: Sendable {
    struct Entry: Sendable {
        var owner: PrincipalReference?
        var bytes: Int64
    }

    enum Refusal: Error, Equatable {
        case queueFull
        case quotaExceeded(pending: Int64)
    }

    private let entries = Mutex<[UUID: Entry]>([:])

    /// Admits a job if the queue has room and its owner's staged bytes stay within `quota`;
    /// checked and recorded under one lock, so concurrent uploads cannot both squeeze in.
    func admit(_ id: UUID, owner: PrincipalReference?, bytes: Int64, maxJobs: Int, quota: Int64) throws(Refusal) {
        let refusal: Refusal? = entries.withLock { entries in
            if entries.count >= maxJobs { return .queueFull }
            if let owner {
                let pending = entries.values.reduce(Int64(0)) { $0 + ($1.owner == owner ? $1.bytes : 0) }
                if pending + bytes > quota { return .quotaExceeded(pending: pending) }
            }
            entries[id] = Entry(owner: owner, bytes: bytes)
            return nil
        }
        if let refusal { throw refusal }
    }

    func insert(_ id: UUID) { entries.withLock { if $0[id] == nil { $0[id] = Entry(owner: nil, bytes: 0) } } }

    func remove(_ id: UUID) { _ = entries.withLock { $0.removeValue(forKey: id) } }

    var snapshot: Set<UUID> { entries.withLock { Set($0.keys) } }

    var count: Int { entries.withLock { $0.count } }
}
