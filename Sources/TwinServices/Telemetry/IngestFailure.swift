/// Why a whole batch was refused (no reading of it is kept).
public enum IngestFailure: Error, Sendable, Hashable {
    /// The body is not a batch at all, is cut short, or breaks a limit; positions in the message.
    case malformed(code: String, message: String, line: Int, column: Int)
    /// The spool is at `ATRIUM_SPOOL_MAX_BYTES`: retry after the drain catches up.
    case spoolFull(retryAfterSeconds: Int)
    /// The spool cannot write (disk error): nothing was acknowledged.
    case spoolUnavailable
}
