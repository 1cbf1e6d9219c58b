import Crypto
import Foundation
import Logging
import TwinServices
#if canImport(Glibc)
import Glibc
#endif

/// The audit signing key and checkpoint interval, for `atrium serve` and `atrium audit`.
///
/// - `ATRIUM_AUDIT_KEY_FILE`: a PEM P-256 private key, or the JSON key-set format of
///   `ATRIUM_JWT_KEYS_FILE` (an auditor's copy may hold only the public key). Unset: the key at
///   `<ATRIUM_DATA_DIR>/audit-signing-key.pem`, created (mode 0600) on first use.
/// - `ATRIUM_AUDIT_CHECKPOINT_INTERVAL`: how often the head is signed (default `5m`).
///
/// The audit key must differ from every token key: whoever holds the token key could otherwise
/// vouch for a rewritten chain.
struct AuditKeyConfiguration {
    let signer: AuditCheckpointSigner
    let interval: Duration
    let keyPath: String

    static let fileName = "audit-signing-key.pem"

    static func load(dataDirectory: String, tokenKeys: JWTKeySet?, environment: [String: String] = ProcessInfo.processInfo.environment,
                     logger: Logger) throws -> AuditKeyConfiguration {
        let keys: JWTKeySet
        let path: String
        if let configured = environment["ATRIUM_AUDIT_KEY_FILE"], !configured.isEmpty {
            path = configured
            do {
                keys = try JWTKeySet.load(path: configured)
            } catch let error as JWTKeyFileError {
                throw ConfigurationError.malformed(variable: "ATRIUM_AUDIT_KEY_FILE", reason: error.description)
            }
        } else {
            path = URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent(fileName).path
            keys = try loadOrCreate(path: path, logger: logger)
        }
        if keys.keys.values.contains(where: { if case .hmac = $0.material { true } else { false } }) {
            throw ConfigurationError.malformed(variable: "ATRIUM_AUDIT_KEY_FILE",
                                               reason: "the audit key must be asymmetric (ES256 or EdDSA): auditors verify with its public half")
        }
        if let tokenKeys, !Set(keys.keys.keys).isDisjoint(with: tokenKeys.keys.keys) {
            throw ConfigurationError.malformed(variable: "ATRIUM_AUDIT_KEY_FILE",
                                               reason: "the audit key must not be one of the token keys (ATRIUM_JWT_KEYS_FILE)")
        }
        var interval = Duration.seconds(300)
        if let text = environment["ATRIUM_AUDIT_CHECKPOINT_INTERVAL"], !text.isEmpty {
            interval = try AtriumConfiguration.parseDuration(text, variable: "ATRIUM_AUDIT_CHECKPOINT_INTERVAL")
        }
        return AuditKeyConfiguration(signer: AuditCheckpointSigner(keys: keys), interval: interval, keyPath: path)
    }

    /// Reads the data directory's key, or creates it with mode 0600 (exclusive create, so two
    /// processes starting at once end up with the same key).
    static func loadOrCreate(path: String, logger: Logger) throws -> JWTKeySet {
        if FileManager.default.fileExists(atPath: path) {
            do { return try JWTKeySet.load(path: path) } catch {
                throw ConfigurationError.malformed(variable: "ATRIUM_AUDIT_KEY_FILE", reason: "cannot read \(path): \(error)")
            }
        }
        let pem = P256.Signing.PrivateKey().pemRepresentation + "\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return try loadOrCreate(path: path, logger: logger) }
            throw ConfigurationError.malformed(variable: "ATRIUM_DATA_DIR", reason: "cannot create \(path)")
        }
        let bytes = Array(pem.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count else { throw ConfigurationError.malformed(variable: "ATRIUM_DATA_DIR", reason: "cannot write \(path)") }
        logger.notice("created the audit signing key; back it up and give auditors its public half (atrium audit public-key)",
                      metadata: ["path": .string(path)])
        return try JWTKeySet.load(path: path)
    }
}
