import Foundation
import Logging
import TwinDomain

/// Reading, exporting and verifying the audit log.
public struct AuditService: Sendable {
    let store: any SecurityStore
    let keys: JWTKeySet
    let hasher: any AuditChainHasher
    let gateway: ChangeGateway<any SecurityTransaction>

    public init(store: any SecurityStore, keys: JWTKeySet, hasher: any AuditChainHasher = SHA256AuditChainHasher(), logger: Logger) {
        self.store = store
        self.keys = keys
        self.hasher = hasher
        self.gateway = ChangeGateway(securityStore: store, logger: logger)
    }

    /// Rows visible to the caller (filtered by site inside the query).
    public func records(_ query: AuditQuery, for principal: Principal, permission: Permission = .auditRead) async throws -> [AuditRecord] {
        let scope = principal.scope(for: permission)
        guard !scope.isEmpty else { throw SecurityError.forbidden }
        var query = query
        query.limit = min(max(query.limit, 1), 1000)
        return try await store.auditRecords(query, visibleIn: scope)
    }

    /// Records that an export happened (before streaming it, so even an
    /// interrupted export leaves a trace).
    public func recordExport(format: String, query: AuditQuery, by principal: Principal, context: AuditContext) async throws {
        let change = Change(permission: .auditExport, action: "audit.export", objectKind: "audit_log", siteID: query.siteID,
                            buildingID: query.buildingID)
        try await gateway.perform(change, by: principal, context: context) { _, _ in
            ChangeResult((), after: ["format": .string(format)])
        }
    }

    /// Walks the whole chain from seq 1. Only global auditors may: the chain
    /// spans every site.
    public func verify(for principal: Principal, pageSize: Int = 1000) async throws -> AuditChainReport {
        guard principal.scope(for: .auditRead).isGlobal else { throw SecurityError.notFound }
        var previousHash = AuditRecord.genesisHash
        var expectedSeq: Int64 = 1
        var checked: Int64 = 0
        var broken: (Int64, String)?
        // Bounded: at most 10⁹ rows, one page at a time.
        pages: for _ in 0..<1_000_000 {
            let page = try await store.auditChain(afterSeq: expectedSeq - 1, limit: pageSize)
            if page.isEmpty { break }
            for record in page {
                checked += 1
                if record.seq != expectedSeq {
                    broken = (expectedSeq, "row \(expectedSeq) is missing (next row is \(record.seq))")
                    break pages
                }
                if record.previousHash != previousHash {
                    broken = (record.seq, "previous_hash does not match the hash of row \(record.seq - 1)")
                    break pages
                }
                let recomputed = hasher.chainHash(previous: previousHash,
                                                  canonical: AuditCanonicalForm.bytes(seq: record.seq, entry: record.entry))
                if recomputed != record.hash {
                    broken = (record.seq, "content of row \(record.seq) does not match its hash")
                    break pages
                }
                previousHash = record.hash
                expectedSeq += 1
            }
            if page.count < pageSize { break }
        }
        let headSeq = expectedSeq - 1
        let headHash = previousHash.map { String(format: "%02x", $0) }.joined()
        var report = AuditChainReport(ok: broken == nil, rowsChecked: checked, firstBrokenSeq: broken?.0, problem: broken?.1,
                                      headSeq: headSeq, headHash: headHash, checkpoint: nil)
        if broken == nil {
            let payload: CanonicalJSON = ["seq": .int(headSeq), "hash": .string(headHash),
                                          "time": .int(Int64(Date().timeIntervalSince1970)), "iss": .string("atrium")]
            report.checkpoint = try keys.signJWS(payload: Array(payload.text.utf8), type: "atrium-audit-checkpoint+jws")
        }
        return report
    }
}
