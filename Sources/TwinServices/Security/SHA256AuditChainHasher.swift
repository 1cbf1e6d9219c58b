import Crypto
import TwinDomain

/// The swift-crypto implementation of the audit chain hash.
public struct SHA256AuditChainHasher: AuditChainHasher {
    public init() {}

    public func chainHash(previous: [UInt8], canonical: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        hasher.update(data: canonical)
        return Array(hasher.finalize())
    }
}
