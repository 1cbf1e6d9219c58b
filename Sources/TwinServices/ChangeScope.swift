import Foundation
import TwinDomain

/// The caller's scope for the change's permission, handed to the write body so
/// it re-checks the objects it actually loaded (inside the transaction, after
/// `FOR UPDATE`), not the ids the client claimed.
public struct ChangeScope: Sendable {
    public let scope: AccessScope

    /// Thrown by `require`; the gateway rolls back, audits a denial and answers 404.
    public struct Violation: Error, Sendable {}

    public func require(siteID: UUID?, buildingID: UUID? = nil) throws {
        guard scope.contains(siteID: siteID, buildingID: buildingID) else { throw Violation() }
    }

    public func require(_ target: GrantTarget) throws {
        guard scope.covers(target) else { throw Violation() }
    }

    public func require(_ condition: Bool) throws {
        guard condition else { throw Violation() }
    }
}
