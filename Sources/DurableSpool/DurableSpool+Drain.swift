extension DurableSpool {
    /// Records after `sequence`, oldest first: at most `maxRecords`, and no more payload bytes
    /// than `maxBytes` unless the first record alone is larger (so the drain never stalls).
    /// Sequence numbers may jump where recovery quarantined a segment or records were drained.
    ///
    /// Reads continue sequentially from where the previous call stopped, and a repeat of the
    /// previous call (the drain target failed) resumes without scanning.
    public func read(after sequence: UInt64, maxRecords: Int = 1024, maxBytes: Int = 1 << 20) throws(SpoolError)
        -> [SpoolRecord]
    {
        guard maxRecords > 0, sequence < UInt64.max else { return [] }
        let byteBudget = max(0, maxBytes)
        return try reader.withLock { r throws(SpoolError) -> [SpoolRecord] in
            var records: [SpoolRecord] = []
            records.reserveCapacity(min(maxRecords, 4096))
            var payloadBytes = 0
            var wanted = sequence + 1
            var started = false
            segments: while records.count < maxRecords {
                guard let segment = try core.segment(from: wanted) else { break }
                var position = try r.seek(segment, to: max(wanted, segment.base))
                if !started {
                    r.checkpoint = position
                    started = true
                }
                while position.sequence < segment.endSequence, records.count < maxRecords {
                    let step = try r.window.frame(in: segment.file, at: position.offset, end: segment.size, verify: true)
                    switch step {
                    case .frame(let start, let length, let next):
                        if !records.isEmpty, length > byteBudget - payloadBytes {
                            r.position = position
                            break segments
                        }
                        records.append(SpoolRecord(sequence: position.sequence, payload: r.window.copy(from: start, count: length)))
                        payloadBytes += length
                        position.sequence += 1
                        position.offset = next
                    case .damage(let damage):
                        r.position = nil
                        throw .corruptRecord(path: segment.file.path, offset: position.offset, sequence: position.sequence, damage: damage)
                    case .end:
                        r.position = nil
                        throw .corruptRecord(
                            path: segment.file.path, offset: position.offset, sequence: position.sequence,
                            damage: .frameTruncated(needed: SegmentFormat.frameHeaderSize, available: 0)
                        )
                    }
                }
                r.position = position
                wanted = position.sequence
            }
            return records
        }
    }

    /// Records that everything up to `sequence` reached the drain target. Deletes segments that
    /// are now fully drained and writes the cursor file (at most every
    /// `SpoolOptions.cursorSyncInterval`; always when nothing else would remember the sequence
    /// floor). Moving backwards is ignored.
    public func markDrained(through sequence: UInt64) throws(SpoolError) {
        let interval = options.cursorSyncInterval
        let plan = try core.state.withLock { s throws(SpoolError) -> (deleted: [Segment], cursor: CursorFile?, storeFirst: Bool) in
            if s.closing { throw .closed }
            guard sequence <= s.lastAssigned else {
                throw .sequenceNotAssigned(requested: sequence, lastAssigned: s.lastAssigned)
            }
            guard sequence > s.drainedThrough else { return ([], nil, false) }
            s.drainedThrough = sequence
            var deleted: [Segment] = []
            while let first = s.sealed.first, first.isDrained(through: sequence) {
                s.sealed.removeFirst()
                s.sealedBytes -= UInt64(first.size)
                deleted.append(first)
            }
            s.stats.segmentsDeleted += UInt64(deleted.count)
            // Without any segment left, only the cursor remembers the next sequence number.
            let storeFirst = !deleted.isEmpty && s.sealed.isEmpty && s.active == nil
            let now = ContinuousClock.now
            guard interval == .zero || storeFirst || now - s.lastCursorStore >= interval else {
                return (deleted, nil, false)
            }
            s.lastCursorStore = now
            return (deleted, CursorFile(drainedThrough: sequence, nextSequence: s.nextSequence), storeFirst)
        }
        var cursorError: SpoolError?
        if let cursor = plan.cursor {
            do { try storeCursor(cursor) } catch { cursorError = error }
        }
        if cursorError == nil || !plan.storeFirst {
            // A failed unlink only leaves a drained file that the next open removes.
            for segment in plan.deleted { try? core.directory.remove(segment.fileName) }
        }
        if let cursorError { throw cursorError }
    }

    /// Everything up to this sequence number has been drained.
    public var drainedThrough: UInt64 { core.state.withLock { $0.drainedThrough } }

    /// Records and bytes waiting to be drained.
    public var backlog: SpoolBacklog {
        core.state.withLock { SpoolBacklog(records: $0.undrainedRecords, bytes: $0.quotaBytes) }
    }
}
