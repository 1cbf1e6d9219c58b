import DurableSpool
import TwinDomain

/// `/health/ready`'s view of the readings spool: down once it stopped accepting (a failed sync),
/// and always its backlog, so an operator sees the drain falling behind before the quota is hit.
public struct SpoolHealthProbe: HealthProbe {
    let spool: DurableSpool
    public var name: String { "spool" }

    public init(spool: DurableSpool) { self.spool = spool }

    public struct Stopped: Error {}

    public func probe(timeout: Duration) async throws {
        // An empty append is a no-op that still reports a closed or stopped spool.
        do { _ = try spool.append(contentsOf: [[UInt8]]()) } catch { throw Stopped() }
    }

    public func details() -> [String: Int64]? {
        let backlog = spool.backlog
        return ["backlog_records": Int64(clamping: backlog.records), "backlog_bytes": Int64(clamping: backlog.bytes)]
    }
}
