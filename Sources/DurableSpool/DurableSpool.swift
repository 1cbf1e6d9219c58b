import Foundation
import Synchronization

/// A write-ahead spool for telemetry readings: every accepted reading is appended here first, then
/// a drainer copies records, in order, to the database and marks them drained.
///
/// - Appends are synchronous and callable from any thread, including C callback threads outside
///   Swift concurrency. When `append` returns, the records are in the kernel (pwrite done), so a
///   killed process loses none of them.
/// - `waitUntilDurable` returns once the records are on disk. A dedicated flusher thread runs one
///   fdatasync for every write made before it started (group commit), immediately when someone
///   waits and otherwise within `SpoolOptions.commitInterval`.
/// - Sequence numbers increase by one per record for the whole life of the directory, across
///   restarts and even after everything was drained and deleted.
/// - Past `SpoolOptions.maxBytes` of undrained segments, appends throw `SpoolError.full`.
///
/// Layout of the directory: `<20-digit first sequence>.seg` segments (see `SegmentFormat`), the
/// `cursor` file (see `CursorFile`), `LOCK` (held with flock while open) and `quarantine/` for
/// damaged segments that recovery moved aside.
public final class DurableSpool: Sendable {
    /// The directory the spool lives in.
    public let directory: URL
    /// What opening the spool found and repaired.
    public let recoveryReport: SpoolRecoveryReport
    @usableFromInline
    let maxRecordBytes: Int
    @usableFromInline
    let core: SpoolCore
    let options: SpoolOptions
    let reader: Mutex<DrainReader>
    /// The cursor as last written to disk.
    let storedCursor: Mutex<CursorFile>
    /// True once `close` has run; held for the whole close so concurrent callers wait for it.
    private let closed = Mutex(false)

    /// Opens the spool in `directory`, creating it if needed, and recovers from whatever a crash
    /// left (see `recoveryReport`). Throws `SpoolError.locked` if it is already open.
    public init(directory: URL, options: SpoolOptions = SpoolOptions()) throws(SpoolError) {
        try options.validate()
        var path = directory.path(percentEncoded: false)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        let spoolDirectory = try SpoolDirectory(path: path)
        let recovered = try SpoolRecovery.recover(directory: spoolDirectory, options: options)
        self.directory = directory
        self.options = options
        maxRecordBytes = options.maxRecordBytes
        recoveryReport = recovered.report
        core = SpoolCore(directory: spoolDirectory, options: options, recovered: recovered)
        reader = Mutex(DrainReader(bufferSize: options.readBufferSize))
        storedCursor = Mutex(recovered.cursor)
        core.startFlusher()
    }

    deinit {
        try? close()
    }

    // MARK: Appending

    /// Appends one record. See `append(contentsOf:)`.
    @inlinable
    @discardableResult
    public func append(_ payload: some ContiguousBytes) throws(SpoolError) -> SpoolTicket {
        var batch = FrameBatch(maxRecordBytes: maxRecordBytes, expectedRecords: 1)
        var failure: SpoolError?
        payload.withUnsafeBytes { raw in
            do throws(SpoolError) { try batch.add(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        return try core.commit(batch)
    }

    /// Appends records with one write and returns their sequence numbers. All or nothing: when
    /// it throws (`.full`, `.recordTooLarge`, `.diskFull`, ...), none of the records was kept.
    /// On return the records are written to the kernel; await `waitUntilDurable` for the disk.
    @inlinable
    @discardableResult
    public func append<Payloads: Sequence>(contentsOf payloads: Payloads) throws(SpoolError) -> SpoolTicket
    where Payloads.Element: ContiguousBytes {
        var batch = FrameBatch(maxRecordBytes: maxRecordBytes, expectedRecords: payloads.underestimatedCount)
        var failure: SpoolError?
        for payload in payloads {
            payload.withUnsafeBytes { raw in
                do throws(SpoolError) { try batch.add(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }
        return try core.commit(batch)
    }

    // MARK: Durability

    /// Returns once every record up to the ticket is on disk. Throws `CancellationError` if the
    /// task is cancelled, `SpoolError.stopped` if a sync failed, `.closed` if closed first.
    public func waitUntilDurable(_ ticket: SpoolTicket) async throws {
        try await core.waitUntilDurable(ticket.lastSequence)
    }

    /// `waitUntilDurable` for threads outside Swift concurrency; blocks the calling thread.
    public func waitUntilDurableBlocking(_ ticket: SpoolTicket) throws(SpoolError) {
        try core.waitUntilDurableBlocking(ticket.lastSequence)
    }

    // MARK: State

    /// The last sequence number assigned (0 before the first record ever).
    public var lastSequence: UInt64 { core.state.withLock { $0.lastAssigned } }

    /// Every record up to this sequence number is on disk.
    public var durableThrough: UInt64 { core.state.withLock { $0.syncedThrough } }

    public var stats: SpoolStats { core.state.withLock { $0.stats } }

    // MARK: Closing

    /// Syncs everything written, writes the cursor, releases files and the directory lock.
    /// Idempotent; appends and reads afterwards throw `.closed`.
    public func close() throws(SpoolError) {
        let first = closed.withLock { isClosed in
            defer { isClosed = true }
            return !isClosed
        }
        guard first else { return }
        defer { core.directory.unlock() }
        core.stopFlusher()
        let taken = core.state.withLock { s in
            let taken = ClosingState(
                active: s.active,
                staleTail: s.activeHasStaleTail,
                cursor: CursorFile(drainedThrough: s.drainedThrough, nextSequence: s.nextSequence),
                failure: s.failure
            )
            s.active = nil
            s.activeHasStaleTail = false
            s.sealed.removeAll()
            s.sealedBytes = 0
            return taken
        }
        reader.withLock { $0.reset() }
        var firstError = taken.failure.map { SpoolError.stopped(cause: $0) }
        if let active = taken.active, taken.staleTail {
            do throws(SpoolError) { try active.file.truncate(to: active.size) } catch { firstError = firstError ?? error }
        }
        var cursorStored = true
        do throws(SpoolError) { try storeCursor(taken.cursor) } catch {
            cursorStored = false
            firstError = firstError ?? error
        }
        // With the cursor (and its sequence floor) on disk, a drained segment is not needed.
        if let active = taken.active, cursorStored, active.isDrained(through: taken.cursor.drainedThrough) {
            try? core.directory.remove(active.fileName)
        }
        if let firstError { throw firstError }
    }

    private struct ClosingState {
        var active: Segment?
        var staleTail: Bool
        var cursor: CursorFile
        var failure: SpoolError?
    }

    /// Writes the cursor unless what is on disk is already as far.
    func storeCursor(_ cursor: CursorFile) throws(SpoolError) {
        let wrote = try storedCursor.withLock { stored throws(SpoolError) -> Bool in
            let merged = CursorFile(
                drainedThrough: max(stored.drainedThrough, cursor.drainedThrough),
                nextSequence: max(stored.nextSequence, cursor.nextSequence)
            )
            guard merged != stored else { return false }
            try merged.store(in: core.directory, faults: options.faults)
            stored = merged
            return true
        }
        if wrote { core.state.withLock { $0.stats.cursorWrites += 1 } }
    }
}
