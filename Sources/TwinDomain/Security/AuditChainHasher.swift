/// Computes a row's chain hash: SHA-256(previous hash ‖ canonical bytes).
///
/// A protocol because TwinDomain is Foundation-only; TwinServices supplies the
/// swift-crypto implementation and stores receive it by injection.
public protocol AuditChainHasher: Sendable {
    func chainHash(previous: [UInt8], canonical: [UInt8]) -> [UInt8]
}
