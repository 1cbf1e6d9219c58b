/// An audit entry as stored: its place in the chain and its hashes.
public struct AuditRecord: Sendable, Hashable {
    public var seq: Int64
    public var entry: AuditEntry
    public var previousHash: [UInt8]
    public var hash: [UInt8]

    public init(seq: Int64, entry: AuditEntry, previousHash: [UInt8], hash: [UInt8]) {
        self.seq = seq
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The previous-hash of the very first row.
    public static let genesisHash = [UInt8](repeating: 0, count: 32)
}
