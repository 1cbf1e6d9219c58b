/// Accepted imports in arrival order, handed from the request path to the one worker.
///
/// In memory on purpose: a job whose process dies is failed at the next start-up
/// (`failInterruptedJobs`), so a durable queue would add nothing but a second source of truth.
public struct ImportQueue: Sendable {
    let stream: AsyncStream<ImportWorkItem>
    let continuation: AsyncStream<ImportWorkItem>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: ImportWorkItem.self, bufferingPolicy: .unbounded)
    }

    func enqueue(_ item: ImportWorkItem) {
        continuation.yield(item)
    }
}
