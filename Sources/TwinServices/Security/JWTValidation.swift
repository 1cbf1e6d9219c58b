/// What an access token must say about who issued it and for whom.
public struct JWTValidation: Sendable {
    public var issuer: String
    public var audience: String
    /// Clock skew tolerated on exp and nbf, in seconds.
    public var leewaySeconds: Int64

    public init(issuer: String = "atrium", audience: String = "atrium-api", leewaySeconds: Int64 = 30) {
        self.issuer = issuer
        self.audience = audience
        self.leewaySeconds = leewaySeconds
    }
}
