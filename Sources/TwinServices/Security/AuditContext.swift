/// Per-request facts every audit row records, gathered once by the API layer.
public struct AuditContext: Sendable, Hashable {
    public var sourceIP: String?
    public var userAgent: String?
    public var requestID: String?
    /// The caller's own `X-Request-ID`, recorded beside (never instead of) the server's.
    public var clientRequestID: String?

    public init(sourceIP: String? = nil, userAgent: String? = nil, requestID: String? = nil, clientRequestID: String? = nil) {
        self.sourceIP = sourceIP
        // Bounded: a client controls this header and the audit row is forever.
        self.userAgent = userAgent.map { String($0.prefix(256)) }
        self.requestID = requestID.map { String($0.prefix(128)) }
        self.clientRequestID = clientRequestID.map { String($0.prefix(128)) }
    }
}
