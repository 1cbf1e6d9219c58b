import Foundation
import Logging
import TwinServices

/// Reads authentication settings and signing keys from `ATRIUM_*` variables,
/// for `atrium serve` and `atrium user`.
///
/// - `ATRIUM_JWT_KEYS_FILE`: PEM or JSON key file (see `JWTKeySet.parse`);
///   unset → an ephemeral ES256 key with a warning (tokens die on restart).
/// - `ATRIUM_JWT_ISSUER` / `ATRIUM_JWT_AUDIENCE`, `ATRIUM_ACCESS_TOKEN_TTL` (seconds),
///   `ATRIUM_BCRYPT_COST` (4…31, default 12), `ATRIUM_PRINCIPAL_CACHE_TTL`
///   (seconds a user's state may be served from memory; 0 = every request reads the database).
struct UserAuthConfiguration {
    let settings: AuthSettings
    let keys: JWTKeySet
    var principalCacheTTL: TimeInterval = 1

    static func load(environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) throws -> UserAuthConfiguration {
        var settings = AuthSettings()
        if let issuer = environment["ATRIUM_JWT_ISSUER"], !issuer.isEmpty { settings.validation.issuer = issuer }
        if let audience = environment["ATRIUM_JWT_AUDIENCE"], !audience.isEmpty { settings.validation.audience = audience }
        if let raw = environment["ATRIUM_ACCESS_TOKEN_TTL"] {
            guard let ttl = Int(raw), (30...86_400).contains(ttl) else {
                throw ConfigurationError.malformed(variable: "ATRIUM_ACCESS_TOKEN_TTL", reason: "seconds between 30 and 86400")
            }
            settings.accessTokenLifetime = TimeInterval(ttl)
        }
        if let raw = environment["ATRIUM_BCRYPT_COST"] {
            guard let cost = UInt8(raw), (4...31).contains(cost) else {
                throw ConfigurationError.malformed(variable: "ATRIUM_BCRYPT_COST", reason: "an integer between 4 and 31")
            }
            settings.bcryptCost = cost
        }
        var principalCacheTTL: TimeInterval = 1
        if let raw = environment["ATRIUM_PRINCIPAL_CACHE_TTL"] {
            guard let ttl = Double(raw), (0...60).contains(ttl) else {
                throw ConfigurationError.malformed(variable: "ATRIUM_PRINCIPAL_CACHE_TTL", reason: "seconds between 0 and 60")
            }
            principalCacheTTL = ttl
        }
        let keys: JWTKeySet
        if let path = environment["ATRIUM_JWT_KEYS_FILE"], !path.isEmpty {
            do {
                keys = try JWTKeySet.load(path: path)
            } catch let error as JWTKeyFileError {
                throw ConfigurationError.malformed(variable: "ATRIUM_JWT_KEYS_FILE", reason: error.description)
            }
        } else {
            let key = JWTKey.ephemeralES256()
            keys = try JWTKeySet(active: key)
            logger.warning("ATRIUM_JWT_KEYS_FILE is not set: signing with an ephemeral key (development only; tokens die on restart)",
                           metadata: ["kid": .string(key.kid)])
        }
        return UserAuthConfiguration(settings: settings, keys: keys, principalCacheTTL: principalCacheTTL)
    }
}
