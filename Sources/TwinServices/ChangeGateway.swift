import Foundation
import Logging
import TwinDomain

/// The one path every write takes: authorize, run the change, audit it, all
/// in one transaction.
///
/// A write that bypasses this type has no way to produce an audit row (the
/// store only appends inside a transaction it hands out), so "audited" holds
/// by construction. Denials are audited in their own short transaction because
/// the change's transaction rolls back.
public struct ChangeGateway<Transaction>: Sendable {
    let store: any AuditedStore<Transaction>
    let logger: Logger

    public init(store: any AuditedStore<Transaction>, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func perform<Value: Sendable>(
        _ change: Change,
        by principal: Principal,
        context: AuditContext,
        _ body: (Transaction, ChangeScope) async throws -> ChangeResult<Value>
    ) async throws -> Value {
        let scope = principal.scope(for: change.permission)
        if scope.isEmpty {
            await auditDenial(change, principal: principal, context: context, reason: "permission")
            throw SecurityError.forbidden
        }
        if change.siteID != nil || change.buildingID != nil,
           !scope.contains(siteID: change.siteID, buildingID: change.buildingID) {
            await auditDenial(change, principal: principal, context: context, reason: "scope")
            throw SecurityError.notFound
        }
        do {
            return try await store.withTransaction { tx in
                let result = try await body(tx, ChangeScope(scope: scope))
                var entry = Self.entry(change, principal: principal, context: context, outcome: .success)
                entry.objectID = result.objectID ?? change.objectID
                entry.siteID = result.siteID ?? change.siteID
                entry.buildingID = result.buildingID ?? change.buildingID
                entry.before = result.before?.text
                entry.after = result.after?.text
                try await store.appendAudit(entry, in: tx)
                return result.value
            }
        } catch is ChangeScope.Violation {
            await auditDenial(change, principal: principal, context: context, reason: "scope")
            throw SecurityError.notFound
        }
    }

    /// Records an attempt that was refused; never throws (the refusal stands
    /// even if the audit write fails, and the failure is logged).
    public func auditDenial(_ change: Change, principal: Principal?, context: AuditContext, reason: String) async {
        var entry = Self.entry(change, principal: principal, context: context, outcome: .denied)
        entry.reason = reason
        await record(entry)
    }

    /// Records a change that was allowed but did not happen (an import that failed or was
    /// superseded), with its error code as the reason; never throws, like a denial.
    public func auditFailure(_ change: Change, principal: Principal?, context: AuditContext, reason: String,
                             after: CanonicalJSON? = nil) async {
        var entry = Self.entry(change, principal: principal, context: context, outcome: .failure)
        entry.reason = reason
        entry.after = after?.text
        await record(entry)
    }

    /// Appends a standalone fact (login, failed token, export) in its own transaction.
    public func record(_ entry: AuditEntry) async {
        do {
            try await store.appendAuditAlone(entry)
        } catch {
            logger.error("audit append failed", metadata: ["action": .string(entry.action), "error": .string(String(describing: type(of: error)))])
        }
    }

    static func entry(_ change: Change, principal: Principal?, context: AuditContext, outcome: AuditOutcome) -> AuditEntry {
        AuditEntry(
            timeMicros: AuditEntry.nowMicros(),
            actorKind: principal?.kind.rawValue ?? "anonymous",
            actorID: principal?.id,
            actorName: principal?.name,
            roles: principal?.roles.map(\.rawValue) ?? [],
            sourceIP: context.sourceIP,
            userAgent: context.userAgent,
            requestID: context.requestID,
            action: change.action,
            objectKind: change.objectKind,
            objectID: change.objectID,
            siteID: change.siteID,
            buildingID: change.buildingID,
            outcome: outcome,
            clientRequestID: context.clientRequestID
        )
    }
}
