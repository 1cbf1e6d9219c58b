import Dispatch
import Foundation
import Glibc
import Synchronization

/// The write and durability engine behind `DurableSpool`.
///
/// Separate from the public class so that the flusher thread can hold it without keeping the
/// spool alive: dropping the last `DurableSpool` reference still closes it.
@usableFromInline
final class SpoolCore: Sendable {
    let directory: SpoolDirectory
    let options: SpoolOptions
    let state: Mutex<SpoolState>
    /// Posted (at most one outstanding, see `SpoolState.wakeupPosted`) to wake the flusher.
    private let wakeup = DispatchSemaphore(value: 0)
    /// Signalled once when the flusher thread has finished.
    private let flusherFinished = DispatchSemaphore(value: 0)

    init(directory: SpoolDirectory, options: SpoolOptions, recovered: RecoveredSpool) {
        self.directory = directory
        self.options = options
        var sealedBytes: UInt64 = 0
        for segment in recovered.sealed { sealedBytes += UInt64(segment.size) }
        state = Mutex(SpoolState(
            sealed: recovered.sealed,
            sealedBytes: sealedBytes,
            active: recovered.active,
            nextSequence: recovered.nextSequence,
            drainedThrough: recovered.drainedThrough,
            // Recovery synced every segment it kept.
            syncedThrough: recovered.nextSequence - 1,
            lastCursorStore: .now
        ))
    }

    func startFlusher() {
        let thread = Thread { [self] in
            runFlusher()
            flusherFinished.signal()
        }
        thread.name = "DurableSpool flusher"
        thread.start()
    }

    // MARK: Appending

    /// Writes a framed batch with one pwrite, rotating first when the segment is full.
    /// All or nothing: on any error no record of the batch is visible and none is assigned.
    @usableFromInline
    func commit(_ batch: FrameBatch) throws(SpoolError) -> SpoolTicket {
        let faults = options.faults
        return try state.withLock { s throws(SpoolError) -> SpoolTicket in
            if let failure = s.failure { throw .stopped(cause: failure) }
            if s.closing { throw .closed }
            let count = UInt64(batch.recordCount)
            guard count > 0 else { return SpoolTicket(lastSequence: s.lastAssigned, recordCount: 0) }
            let (after, overflow) = s.nextSequence.addingReportingOverflow(count)
            guard !overflow else { throw .sequenceExhausted }
            let bytes = batch.bytes.count

            // Start a new segment when this one is full, or when it is fully drained and
            // keeping it would push the quota over (its drained bytes would count again).
            var rotate = false
            if let active = s.active, active.records > 0 {
                if active.size > options.segmentSize - bytes {
                    rotate = true
                } else if active.isDrained(through: s.drainedThrough),
                          s.sealedBytes + UInt64(active.size) + UInt64(bytes) > options.maxBytes {
                    rotate = true
                }
            }
            let needsSegment = rotate || s.active == nil
            var projected = s.sealedBytes + UInt64(bytes)
            if needsSegment {
                projected += UInt64(SegmentFormat.headerSize)
                if rotate, let active = s.active, !active.isDrained(through: s.drainedThrough) {
                    projected += UInt64(active.size)
                }
            } else if let active = s.active {
                projected += UInt64(active.size)
            }
            guard projected <= options.maxBytes else {
                s.stats.fullRejections += 1
                let requested = UInt64(bytes) + (needsSegment ? UInt64(SegmentFormat.headerSize) : 0)
                throw .full(requestedBytes: requested, usedBytes: s.quotaBytes, quotaBytes: options.maxBytes)
            }

            let retired = rotate ? try seal(&s) : nil
            if s.active == nil {
                do throws(SpoolError) {
                    try openSegment(&s)
                } catch {
                    // Keep the drained segment as the newest one: it carries the sequence floor.
                    if let retired { s.active = retired }
                    throw error
                }
            }
            if let retired {
                try? directory.remove(retired.fileName)
                s.stats.segmentsDeleted += 1
            }
            guard var active = s.active else { throw .closed }

            let result = batch.bytes.withUnsafeBytes { active.file.writeAll($0, at: active.size, faults: faults) }
            s.stats.writeCalls += 1
            if let code = result.errno {
                if result.written > 0 || s.activeHasStaleTail {
                    do {
                        try active.file.truncate(to: active.size)
                        s.activeHasStaleTail = false
                    } catch {
                        s.activeHasStaleTail = true
                    }
                }
                throw SpoolError.system("write", path: active.file.path, errno: code)
            }
            active.records += count
            active.size += bytes
            s.active = active
            s.nextSequence = after
            s.stats.appendCalls += 1
            s.stats.records += count
            s.stats.bytesWritten += UInt64(bytes)
            markUnsynced(&s)
            return SpoolTicket(lastSequence: after - 1, recordCount: batch.recordCount)
        }
    }

    /// Retires the active segment: made durable and sealed, or, when fully drained, handed back
    /// for deletion once its successor exists (until then it is what remembers the next sequence).
    private func seal(_ s: inout SpoolState) throws(SpoolError) -> Segment? {
        guard let old = s.active else { return nil }
        if s.activeHasStaleTail {
            try old.file.truncate(to: old.size)
            s.activeHasStaleTail = false
        }
        if old.isDrained(through: s.drainedThrough) {
            s.active = nil
            return old
        }
        // Synced now so that a sealed segment never has a torn tail: recovery may then treat
        // any damage in an older segment as real corruption.
        do {
            try old.file.dataSync(faults: options.faults)
        } catch {
            fail(&s, error)
            throw .stopped(cause: error)
        }
        s.stats.fsyncs += 1
        s.active = nil
        s.sealed.append(old)
        s.sealedBytes += UInt64(old.size)
        return nil
    }

    private func openSegment(_ s: inout SpoolState) throws(SpoolError) {
        let base = s.nextSequence
        let name = SegmentFormat.fileName(base: base)
        let file = try SpoolFile.open(directory.filePath(name), flags: O_RDWR | O_CREAT | O_EXCL)
        let header = SegmentFormat.header(base: base)
        let result = header.withUnsafeBytes { file.writeAll($0, at: 0, faults: options.faults) }
        if let code = result.errno {
            try? directory.remove(name)
            throw SpoolError.system("write", path: file.path, errno: code)
        }
        s.active = Segment(base: base, records: 0, size: header.count, file: file)
        s.directoryDirty = true
        s.stats.rotations += 1
        markUnsynced(&s)
    }

    /// Starts the commit-interval clock for new unsynced changes; an idle flusher is woken to
    /// run it. Happens at most once per sync round, so signalling under the lock costs nothing.
    private func markUnsynced(_ s: inout SpoolState) {
        guard s.unsyncedSince == nil else { return }
        s.unsyncedSince = .now
        if s.flusherPhase == .sleeping(untilWoken: true), claimWakeup(&s) { wakeup.signal() }
    }

    /// Records a sync failure: from now on nothing more is promised durable.
    private func fail(_ s: inout SpoolState, _ error: SpoolError) {
        guard s.failure == nil else { return }
        s.failure = error
        if claimWakeup(&s) { wakeup.signal() }
    }

    /// Takes the right to post the flusher's wake-up; true when the caller must signal.
    private func claimWakeup(_ s: inout SpoolState) -> Bool {
        guard !s.wakeupPosted else { return false }
        s.wakeupPosted = true
        return true
    }

    // MARK: Waiting for durability

    private enum WaitCheck {
        case done
        case failed(SpoolError)
        case wait(id: UInt64)
    }

    private func check(_ s: inout SpoolState, _ sequence: UInt64) -> WaitCheck {
        if sequence <= s.syncedThrough { return .done }
        if sequence > s.lastAssigned {
            return .failed(.sequenceNotAssigned(requested: sequence, lastAssigned: s.lastAssigned))
        }
        if let failure = s.failure { return .failed(.stopped(cause: failure)) }
        if s.closing { return .failed(.closed) }
        s.nextWaiterID += 1
        return .wait(id: s.nextWaiterID)
    }

    /// Queues a waiter and asks for a sync; false when the state changed so it must not wait.
    private func enqueue(_ waiter: DurabilityWaiter, _ s: inout SpoolState) -> Bool {
        s.waiters.append(waiter)
        s.syncRequested = true
        if case .sleeping = s.flusherPhase { return claimWakeup(&s) }
        return false
    }

    func waitUntilDurable(_ sequence: UInt64) async throws {
        let id: UInt64
        switch state.withLock({ check(&$0, sequence) }) {
        case .done: return
        case .failed(let error): throw error
        case .wait(let assigned): id = assigned
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let waiter = DurabilityWaiter(id: id, sequence: sequence, resumption: .task(continuation))
                enum Outcome { case queued(wake: Bool), resolved(SpoolError?), cancelled }
                let outcome = state.withLock { s -> Outcome in
                    switch check(&s, sequence) {
                    case .done: return .resolved(nil)
                    case .failed(let error): return .resolved(error)
                    case .wait:
                        // Checked under the lock: a cancellation handler that already ran found
                        // nothing to remove, so the waiter must not be queued.
                        if Task.isCancelled { return .cancelled }
                        return .queued(wake: enqueue(waiter, &s))
                    }
                }
                switch outcome {
                case .queued(let wake): if wake { wakeup.signal() }
                case .resolved(let error): waiter.resume(throwing: error)
                case .cancelled: waiter.cancel()
                }
            }
        } onCancel: {
            let removed = state.withLock { s -> DurabilityWaiter? in
                guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: index)
            }
            removed?.cancel()
        }
    }

    func waitUntilDurableBlocking(_ sequence: UInt64) throws(SpoolError) {
        let signal = BlockingSignal()
        let wake = try state.withLock { s throws(SpoolError) -> Bool? in
            switch check(&s, sequence) {
            case .done: return nil
            case .failed(let error): throw error
            case .wait(let id):
                return enqueue(DurabilityWaiter(id: id, sequence: sequence, resumption: .thread(signal)), &s)
            }
        }
        guard let wake else { return }
        if wake { wakeup.signal() }
        try signal.wait()
    }

    // MARK: The flusher

    private enum FlusherStep {
        case sleep(until: ContinuousClock.Instant?)
        case sync(target: UInt64, file: SpoolFile?, directory: Bool)
        case failWaiters([DurabilityWaiter], SpoolError)
        case exit([DurabilityWaiter], SpoolError)
    }

    /// Runs on its own thread (fsync blocks, so never on Swift's cooperative pool): syncs at once
    /// when someone waits, otherwise within `commitInterval` of the first unsynced write. One sync
    /// covers every write made before it started, however many waiters that serves.
    private func runFlusher() {
        let interval = options.commitInterval
        while true {
            let step = state.withLock { s -> FlusherStep in
                s.flusherPhase = .running
                s.wakeupPosted = false
                if let failure = s.failure {
                    let waiters = s.waiters
                    s.waiters.removeAll()
                    if s.closing { return .exit(waiters, .stopped(cause: failure)) }
                    if !waiters.isEmpty { return .failWaiters(waiters, .stopped(cause: failure)) }
                    s.flusherPhase = .sleeping(untilWoken: true)
                    return .sleep(until: nil)
                }
                guard s.hasUnsyncedWrites else {
                    if s.closing {
                        let waiters = s.waiters
                        s.waiters.removeAll()
                        return .exit(waiters, .closed)
                    }
                    s.flusherPhase = .sleeping(untilWoken: true)
                    return .sleep(until: nil)
                }
                let now = ContinuousClock.now
                let due = (s.unsyncedSince ?? now) + interval
                guard s.syncRequested || s.closing || now >= due else {
                    s.flusherPhase = .sleeping(untilWoken: false)
                    return .sleep(until: due)
                }
                let step = FlusherStep.sync(target: s.lastAssigned, file: s.active?.file, directory: s.directoryDirty)
                s.directoryDirty = false
                s.syncRequested = false
                s.unsyncedSince = nil
                return step
            }
            switch step {
            case .sleep(let deadline):
                if let deadline {
                    let remaining = ContinuousClock.now.duration(to: deadline)
                    let (seconds, attoseconds) = remaining.components
                    let nanoseconds = max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
                    _ = wakeup.wait(timeout: .now() + .nanoseconds(Int(min(nanoseconds, Int64(Int32.max)))))
                } else {
                    wakeup.wait()
                }
            case .sync(let target, let file, let syncDirectory):
                groupSync(target: target, file: file, syncDirectory: syncDirectory)
            case .failWaiters(let waiters, let error):
                for waiter in waiters { waiter.resume(throwing: error) }
            case .exit(let waiters, let error):
                for waiter in waiters { waiter.resume(throwing: error) }
                return
            }
        }
    }

    private func groupSync(target: UInt64, file: SpoolFile?, syncDirectory: Bool) {
        options.faults.beforeGroupSync?()
        var syncs: UInt64 = 0
        var failure: SpoolError?
        do {
            if let file {
                try file.dataSync(faults: options.faults)
                syncs += 1
            }
            if syncDirectory {
                try directory.sync()
                syncs += 1
            }
        } catch {
            failure = error
        }
        let ready = state.withLock { s -> [DurabilityWaiter] in
            s.stats.fsyncs += syncs
            if let failure {
                fail(&s, failure)
                return []
            }
            s.stats.groupSyncs += 1
            if target > s.syncedThrough { s.syncedThrough = target }
            guard s.failure == nil else { return [] }
            var ready: [DurabilityWaiter] = []
            s.waiters.removeAll { waiter in
                guard waiter.sequence <= s.syncedThrough else { return false }
                ready.append(waiter)
                return true
            }
            return ready
        }
        for waiter in ready { waiter.resume(throwing: nil) }
    }

    /// Stops the flusher after a last sync of everything written. Appends fail from now on.
    func stopFlusher() {
        let wake = state.withLock { s -> Bool in
            s.closing = true
            return claimWakeup(&s)
        }
        if wake { wakeup.signal() }
        flusherFinished.wait()
    }

    // MARK: Reading support

    /// The first segment holding a record at or after `sequence`, as it is now.
    func segment(from sequence: UInt64) throws(SpoolError) -> Segment? {
        try state.withLock { s throws(SpoolError) -> Segment? in
            if s.closing { throw .closed }
            // Binary search for the first sealed segment that ends after `sequence`.
            var low = 0
            var high = s.sealed.count
            while low < high {
                let middle = (low + high) / 2
                if s.sealed[middle].endSequence > sequence { high = middle } else { low = middle + 1 }
            }
            var index = low
            while index < s.sealed.count {
                if s.sealed[index].records > 0 { return s.sealed[index] }
                index += 1
            }
            if let active = s.active, active.records > 0, active.endSequence > sequence { return active }
            return nil
        }
    }
}
