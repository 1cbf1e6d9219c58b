import Foundation

/// The queue and thread bookkeeping shared by the executor's threads.
///
/// `@unchecked Sendable` is sound because every stored mutable property is read and
/// written only while `condition` is locked; `threadCount` and `name` are immutable.
final class BlockingExecutorState: @unchecked Sendable {
    private let condition = NSCondition()
    private let threadCount: Int
    private let name: String
    private var jobs: [@Sendable () -> Void] = []
    private var jobHead = 0
    private var started = 0
    private var running = 0
    private var idle = 0
    private var closed = false
    private var onTerminated: [@Sendable () -> Void] = []
    /// Placeholder left in a popped job's slot.
    private static let finished: @Sendable () -> Void = {}

    init(threadCount: Int, name: String) {
        self.threadCount = threadCount
        self.name = name
    }

    /// Queues a job; returns false once shut down. Starts another thread when none is idle.
    func enqueue(_ job: @escaping @Sendable () -> Void) -> Bool {
        condition.lock()
        guard !closed else {
            condition.unlock()
            return false
        }
        jobs.append(job)
        // Start a thread when the waiting jobs outnumber the threads that could take them.
        let needThread = jobs.count - jobHead > idle && started < threadCount
        if needThread {
            started += 1
            running += 1
        }
        condition.signal()
        let index = started
        condition.unlock()
        if needThread {
            let thread = Thread { [self] in self.work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
        return true
    }

    /// Stops accepting jobs; `done` runs after the last thread exits (immediately if none runs).
    func shutdown(_ done: (@Sendable () -> Void)? = nil) {
        condition.lock()
        closed = true
        var finishNow = false
        if let done {
            if running == 0 { finishNow = true } else { onTerminated.append(done) }
        }
        condition.broadcast()
        condition.unlock()
        if finishNow { done?() }
    }

    private func work() {
        while true {
            condition.lock()
            while jobHead >= jobs.count && !closed {
                idle += 1
                condition.wait()
                idle -= 1
            }
            guard jobHead < jobs.count else {
                // Closed and drained: this thread is done.
                running -= 1
                let callbacks = running == 0 ? onTerminated : []
                if running == 0 { onTerminated.removeAll() }
                condition.unlock()
                callbacks.forEach { $0() }
                return
            }
            let job = jobs[jobHead]
            // Drop the queue's reference now: a finished job's captures (a bulk write holds a whole
            // chunk of BSON documents) would otherwise live until the next compaction, up to 64 jobs
            // later, which made an import's memory grow with every document written.
            jobs[jobHead] = Self.finished
            jobHead += 1
            // Compact the queue now and then instead of shifting the array on every pop.
            if jobHead > 64 && jobHead * 2 > jobs.count {
                jobs.removeFirst(jobHead)
                jobHead = 0
            }
            condition.unlock()
            job()
        }
    }
}
