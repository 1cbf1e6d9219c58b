/// Accepted imports in arrival order, handed from the request path to the one worker.
///
/// In memory on purpose: a job whose process dies stops having its lease renewed and is failed by
/// the next recovery sweep (`failInterruptedJobs`), so a durable queue would add nothing but a
/// second source of truth.
public struct ImportQueue: Sendable {
    let stream: AsyncStream<ImportWorkItem>
    let continuation: AsyncStream<ImportWorkItem>.Continuation
    /// Jobs accepted but not started; their leases are renewed by the worker.
    let waiting = JobLeaseSet()

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: ImportWorkItem.self, bufferingPolicy: .unbounded)
    }

    func enqueue(_ item: ImportWorkItem) {
        waiting.insert(item.job.id)
        continuation.yield(item)
    }
}
