import Foundation

/// The registered and Atrium claims of an access token.
public struct JWTClaims: Sendable, Hashable, Codable {
    public var iss: String
    public var sub: String
    public var aud: [String]
    public var exp: Int64
    public var nbf: Int64
    public var iat: Int64
    public var jti: String
    /// Informational: authorization always re-reads grants from the database.
    public var roles: [String]
    /// The user's security version when the token was issued.
    public var ver: Int64?

    public init(iss: String, sub: String, aud: [String], exp: Int64, nbf: Int64, iat: Int64, jti: String,
                roles: [String], ver: Int64?) {
        self.iss = iss
        self.sub = sub
        self.aud = aud
        self.exp = exp
        self.nbf = nbf
        self.iat = iat
        self.jti = jti
        self.roles = roles
        self.ver = ver
    }

    enum CodingKeys: String, CodingKey { case iss, sub, aud, exp, nbf, iat, jti, roles, ver }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        iss = try c.decode(String.self, forKey: .iss)
        sub = try c.decode(String.self, forKey: .sub)
        if let single = try? c.decode(String.self, forKey: .aud) {
            aud = [single]
        } else {
            aud = try c.decode([String].self, forKey: .aud)
        }
        exp = try c.decode(Int64.self, forKey: .exp)
        nbf = try c.decode(Int64.self, forKey: .nbf)
        iat = try c.decode(Int64.self, forKey: .iat)
        jti = try c.decode(String.self, forKey: .jti)
        roles = try c.decodeIfPresent([String].self, forKey: .roles) ?? []
        ver = try c.decodeIfPresent(Int64.self, forKey: .ver)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iss, forKey: .iss)
        try c.encode(sub, forKey: .sub)
        if aud.count == 1 { try c.encode(aud[0], forKey: .aud) } else { try c.encode(aud, forKey: .aud) }
        try c.encode(exp, forKey: .exp)
        try c.encode(nbf, forKey: .nbf)
        try c.encode(iat, forKey: .iat)
        try c.encode(jti, forKey: .jti)
        try c.encode(roles, forKey: .roles)
        try c.encodeIfPresent(ver, forKey: .ver)
    }
}
