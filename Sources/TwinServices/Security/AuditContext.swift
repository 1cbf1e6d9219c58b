/// Per-request facts every audit row records, gathered once by the API layer.
public struct AuditContext: Sendable, Hashable {
    public var sourceIP: String?
    public var userAgent: String?
    public var requestID: String?

    public init(sourceIP: String? = nil, userAgent: String? = nil, requestID: String? = nil) {
        self.sourceIP = sourceIP
        // Bounded: a client controls this header and the audit row is forever.
        self.userAgent = userAgent.map { String($0.prefix(256)) }
        self.requestID = requestID.map { String($0.prefix(128)) }
    }
}
