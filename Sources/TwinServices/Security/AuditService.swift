import Foundation
import Logging
import TwinDomain

/// Reading, exporting and verifying the audit log.
public struct AuditService: Sendable {
    let store: any SecurityStore
    let hasher: any AuditChainHasher
    let gateway: ChangeGateway<any SecurityTransaction>
    /// The audit key; nil only in tests of the bare chain (then no checkpoint is signed).
    public let checkpointSigner: AuditCheckpointSigner?
    /// Where checkpoints are kept outside the chain (file, MongoDB) and beside it (PostgreSQL).
    public let checkpointStores: [any AuditCheckpointRepository]

    public init(store: any SecurityStore, hasher: any AuditChainHasher = SHA256AuditChainHasher(),
                checkpointSigner: AuditCheckpointSigner? = nil, checkpointStores: [any AuditCheckpointRepository] = [],
                logger: Logger) {
        self.store = store
        self.hasher = hasher
        self.gateway = ChangeGateway(securityStore: store, logger: logger)
        self.checkpointSigner = checkpointSigner
        self.checkpointStores = checkpointStores
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

    /// Walks the whole chain from seq 1 and compares it with each checkpoint store's latest
    /// signed checkpoint. Only global auditors may: the chain spans every site.
    public func verify(for principal: Principal, pageSize: Int = 1000) async throws -> AuditChainReport {
        guard principal.scope(for: .auditRead).isGlobal else { throw SecurityError.notFound }
        let verifier = AuditChainVerifier(store: store, hasher: hasher, signer: checkpointSigner)
        var candidates: [AuditChainVerifier.Candidate] = []
        if let checkpointSigner {
            candidates = await AuditChainVerifier.candidates(from: checkpointStores, keyID: checkpointSigner.keyID)
        }
        var report = try await verifier.verify(candidates: candidates, pageSize: pageSize)
        if report.ok, report.headSeq > 0, let checkpointSigner {
            report.checkpoint = try checkpointSigner.sign(seq: report.headSeq, hash: report.headHash).token
        }
        return report
    }
}
