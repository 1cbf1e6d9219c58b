import Glibc

/// Opening a spool directory: checks every segment, repairs what a crash leaves behind and moves
/// aside what a crash cannot explain.
///
/// - A damaged tail of the newest segment is a write cut short by a crash: it is truncated.
/// - Damage anywhere in an older segment cannot come from a crash (segments are synced when
///   sealed), so the file is quarantined whole and reported, never silently dropped.
/// - Segments the cursor shows fully drained are deleted.
/// - The cursor is rewritten (before anything is renamed or deleted) with a sequence floor above
///   every number any file ever held, so numbers are never handed out twice.
enum SpoolRecovery {
    private enum Scan {
        case intact(records: UInt64, size: Int)
        case damaged(offset: Int, records: UInt64, damage: SegmentDamage, size: Int, inHeader: Bool)
    }

    private struct Candidate {
        var base: UInt64
        var name: String
    }

    private struct Pending {
        var name: String
        var base: UInt64
        var offset: Int
        var records: UInt64
        var size: Int
        var damage: SegmentDamage
    }

    static func recover(directory: SpoolDirectory, options: SpoolOptions) throws(SpoolError) -> RecoveredSpool {
        var report = SpoolRecoveryReport()
        try directory.remove(CursorFile.temporaryFileName)

        let storedCursor: CursorFile?
        switch CursorFile.load(from: directory) {
        case .success(let cursor):
            storedCursor = cursor
        case .failure(let problem):
            storedCursor = nil
            report.cursorProblem = problem.message
        }
        let drainedThrough = storedCursor?.drainedThrough ?? 0
        var floor = max(1, storedCursor?.nextSequence ?? 1, saturatingAdd(drainedThrough, 1))

        var candidates: [Candidate] = []
        for name in try directory.entries().sorted() {
            if name == SpoolDirectory.lockFileName || name == CursorFile.fileName
                || name == SpoolDirectory.quarantineDirectoryName {
                continue
            }
            if let base = SegmentFormat.base(fromFileName: name), base > 0, directory.isRegularFile(name) {
                candidates.append(Candidate(base: base, name: name))
            } else {
                report.ignoredFiles.append(name)
            }
        }
        candidates.sort { $0.base < $1.base }

        var window = FrameWindow(chunk: options.readBufferSize)
        var kept: [Segment] = []
        var toQuarantine: [Pending] = []
        var toTruncate: [Pending] = []
        var toRemove: [String] = []

        for (index, candidate) in candidates.enumerated() {
            let isNewest = index == candidates.count - 1
            // Everything before the next segment's first record is drained: no need to read it.
            if !isNewest, candidates[index + 1].base <= saturatingAdd(drainedThrough, 1) {
                toRemove.append(candidate.name)
                report.drainedSegmentsRemoved.append(candidate.name)
                continue
            }
            report.segmentsScanned += 1
            let file = try SpoolFile.open(directory.filePath(candidate.name), flags: O_RDWR)
            switch try scan(file, base: candidate.base, window: &window) {
            case .intact(let records, let size):
                kept.append(Segment(base: candidate.base, records: records, size: size, file: file))
                report.recordsRecovered += records
            case .damaged(let offset, let records, let damage, let size, let inHeader):
                let pending = Pending(
                    name: candidate.name, base: candidate.base, offset: offset,
                    records: records, size: size, damage: damage
                )
                if isNewest && !inHeader {
                    toTruncate.append(pending)
                    kept.append(Segment(base: candidate.base, records: records, size: offset, file: file))
                    report.recordsRecovered += records
                } else if isNewest && size <= SegmentFormat.headerSize {
                    // A segment whose creation was cut short: it never held a record.
                    toTruncate.append(pending)
                } else {
                    toQuarantine.append(pending)
                }
            }
        }
        window.reset()

        // Intact segments must not claim the same sequence numbers; keep the later claim.
        var ordered: [Segment] = []
        for segment in kept {
            while let previous = ordered.last, previous.endSequence > segment.base {
                ordered.removeLast()
                report.recordsRecovered -= previous.records
                toQuarantine.append(Pending(
                    name: previous.fileName, base: previous.base, offset: SegmentFormat.headerSize,
                    records: previous.records, size: previous.size,
                    damage: .overlapsNextSegment(nextBase: segment.base)
                ))
            }
            ordered.append(segment)
        }

        // The next number is above everything any file ever held, drained, quarantined or cut.
        for segment in ordered { floor = max(floor, segment.endSequence) }
        for pending in toQuarantine {
            let possible = UInt64(max(0, pending.size - SegmentFormat.headerSize) / SegmentFormat.frameHeaderSize)
            floor = max(floor, saturatingAdd(pending.base, max(possible, pending.records)))
        }
        for pending in toTruncate { floor = max(floor, saturatingAdd(pending.base, pending.records)) }
        let nextSequence = floor

        let cursor = CursorFile(drainedThrough: drainedThrough, nextSequence: nextSequence)
        if cursor != storedCursor {
            try cursor.store(in: directory, faults: options.faults)
        }

        for pending in toTruncate {
            if pending.size <= SegmentFormat.headerSize && pending.records == 0 && pending.offset == 0 {
                try directory.remove(pending.name)
                report.truncations.append(SpoolRecoveryReport.Truncation(
                    fileName: pending.name, offset: 0, bytesRemoved: pending.size,
                    recordsKept: 0, damage: pending.damage, fileRemoved: true
                ))
                continue
            }
            guard let segment = ordered.first(where: { $0.base == pending.base }) else { continue }
            try segment.file.truncate(to: pending.offset)
            report.truncations.append(SpoolRecoveryReport.Truncation(
                fileName: pending.name, offset: pending.offset, bytesRemoved: pending.size - pending.offset,
                recordsKept: pending.records, damage: pending.damage, fileRemoved: false
            ))
        }
        for pending in toQuarantine {
            let movedTo = try directory.quarantine(pending.name)
            report.quarantined.append(SpoolRecoveryReport.Quarantine(
                fileName: pending.name, movedTo: movedTo, firstSequence: pending.base, offset: pending.offset,
                intactRecordsBefore: pending.records, fileSize: pending.size, damage: pending.damage
            ))
        }

        var live: [Segment] = []
        for segment in ordered {
            if segment.isDrained(through: drainedThrough) {
                toRemove.append(segment.fileName)
                report.drainedSegmentsRemoved.append(segment.fileName)
            } else {
                live.append(segment)
            }
        }
        for name in toRemove { try directory.remove(name) }

        // What a killed process wrote may still be only in the page cache; make it durable
        // before anything is reported durable.
        for segment in live { try segment.file.dataSync(faults: options.faults) }
        try directory.sync()

        var active: Segment?
        if let newest = live.last, newest.endSequence == nextSequence {
            active = newest
            live.removeLast()
        }
        return RecoveredSpool(
            sealed: live, active: active, nextSequence: nextSequence,
            drainedThrough: drainedThrough, cursor: cursor, report: report
        )
    }

    /// Reads the segment end to end, checking the header and every frame.
    private static func scan(_ file: SpoolFile, base: UInt64, window: inout FrameWindow) throws(SpoolError) -> Scan {
        let size = try file.size()
        var header = [UInt8](repeating: 0, count: SegmentFormat.headerSize)
        let got = try file.read(into: &header, count: header.count, at: 0)
        let headerDamage = header.withUnsafeBytes { raw in
            SegmentFormat.validateHeader(UnsafeRawBufferPointer(rebasing: raw[0..<got]), expectedBase: base)
        }
        if let headerDamage {
            return .damaged(offset: 0, records: 0, damage: headerDamage, size: size, inHeader: true)
        }
        var offset = SegmentFormat.headerSize
        var records: UInt64 = 0
        // Every step moves at least one frame header forward, so this ends within size / 8 steps.
        while true {
            switch try window.frame(in: file, at: offset, end: size, verify: true) {
            case .end:
                return .intact(records: records, size: size)
            case .damage(let damage):
                return .damaged(offset: offset, records: records, damage: damage, size: size, inHeader: false)
            case .frame(_, _, let next):
                guard records < UInt64.max - base else {
                    return .damaged(offset: offset, records: records, damage: .sequenceOverflow, size: size, inHeader: false)
                }
                records += 1
                offset = next
            }
        }
    }

    private static func saturatingAdd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }
}
