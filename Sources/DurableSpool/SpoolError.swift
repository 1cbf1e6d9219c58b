import Glibc

/// Everything the spool reports as failure. Messages name the path, offset and errno text.
public enum SpoolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Appending would take the undrained segments past `SpoolOptions.maxBytes`.
    /// Nothing of the call was written. Retry after the drainer catches up.
    case full(requestedBytes: UInt64, usedBytes: UInt64, quotaBytes: UInt64)
    /// The file system has no room (ENOSPC, EDQUOT). Nothing of the call was kept.
    case diskFull(path: String, operation: String)
    /// A payload is larger than `SpoolOptions.maxRecordBytes`. Nothing of the call was written.
    case recordTooLarge(index: Int, bytes: Int, limit: Int)
    /// A system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// Another process (or another open spool in this one) holds the directory's lock.
    case locked(path: String)
    case closed
    /// A record read back from disk failed its check (damage since the spool was opened).
    /// Reopening the spool quarantines or truncates the damaged segment.
    case corruptRecord(path: String, offset: Int, sequence: UInt64, damage: SegmentDamage)
    case invalidOptions(String)
    /// A drain position or ticket names a sequence number this spool never assigned.
    case sequenceNotAssigned(requested: UInt64, lastAssigned: UInt64)
    /// All 2^64 - 1 sequence numbers are used up.
    case sequenceExhausted
    /// A sync failed, so which writes reached the disk is unknown; the spool accepts nothing
    /// more until it is reopened, which recovers whatever is intact.
    indirect case stopped(cause: SpoolError)

    public var description: String {
        switch self {
        case .full(let requested, let used, let quota):
            "spool full: \(requested) more bytes requested, \(used) of \(quota) bytes in use"
        case .diskFull(let path, let operation):
            "no space left on device: \(operation) \(path)"
        case .recordTooLarge(let index, let bytes, let limit):
            "record \(index) of the batch has \(bytes) bytes, more than the \(limit)-byte limit"
        case .io(let operation, let path, let code):
            "\(operation) \(path): \(Self.errnoText(code)) (errno \(code))"
        case .locked(let path):
            "spool directory \(path) is already open (lock held)"
        case .closed:
            "spool is closed"
        case .corruptRecord(let path, let offset, let sequence, let damage):
            "\(path) offset \(offset), sequence \(sequence): \(damage)"
        case .invalidOptions(let message):
            "invalid spool options: \(message)"
        case .sequenceNotAssigned(let requested, let last):
            "sequence \(requested) was never assigned (the last assigned is \(last))"
        case .sequenceExhausted:
            "spool sequence numbers exhausted"
        case .stopped(let cause):
            "spool stopped after a failed sync (reopen to recover): \(cause)"
        }
    }

    static func errnoText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// The error for a failed system call, mapping out-of-space codes to `.diskFull`.
    static func system(_ operation: String, path: String, errno code: Int32) -> SpoolError {
        if code == ENOSPC || code == EDQUOT {
            return .diskFull(path: path, operation: operation)
        }
        return .io(operation: operation, path: path, errno: code)
    }
}
