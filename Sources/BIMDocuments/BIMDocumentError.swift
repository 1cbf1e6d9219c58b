/// What callers of `BIMDocuments` see when something fails.
///
/// Cases carry only client-safe facts (an index name, a field path, numeric codes). The
/// server's and libmongoc's own messages are logged where the failure is translated and
/// never stored here, so nothing internal can leak into an HTTP response.
public enum BIMDocumentError: Error, Sendable, Equatable {
    /// The server could not be reached (DNS, refused connection, TLS, authentication).
    case connection
    /// No suitable server answered within the server-selection timeout.
    case serverSelection
    /// A unique index rejected the write; `index` is the index name when the server reported it.
    case duplicateKey(index: String?)
    /// The addressed document or file does not exist.
    case notFound
    /// A document cannot be represented in BSON or read back; `field` is the offending key path.
    case invalidDocument(field: String)
    /// The server or network gave up waiting.
    case timeout
    /// A transaction did not commit.
    case transaction(TransactionFailure)
    /// The pool was shut down before or while the operation ran.
    case shutdown
    /// Anything else, by libmongoc error domain and code; `message` is written by us, never the server's.
    case other(code: Int, domain: Int, message: String)

    /// Why a transaction ended without committing.
    public enum TransactionFailure: Sendable, Equatable {
        /// The body threw or the server aborted; nothing was applied.
        case aborted
        /// Retries on transient errors were exhausted.
        case retriesExhausted
        /// The commit outcome is unknown (network failure after sending commit).
        case commitUnknown
    }
}

extension BIMDocumentError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .connection: return "document store unreachable"
        case .serverSelection: return "no document store server available"
        case .duplicateKey(let index): return "duplicate key" + (index.map { " (index \($0))" } ?? "")
        case .notFound: return "document not found"
        case .invalidDocument(let field): return "invalid document at \(field)"
        case .timeout: return "document store timed out"
        case .transaction(let failure): return "transaction failed: \(failure)"
        case .shutdown: return "document store is shut down"
        case .other(let code, let domain, let message): return "\(message) (domain \(domain), code \(code))"
        }
    }
}
