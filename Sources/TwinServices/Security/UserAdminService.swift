import Foundation
import Logging
import TwinDomain

/// Accounts and grants, for the admin REST API and the `atrium user` command.
///
/// Every mutation goes through ``ChangeGateway`` with `users.manage`; the rules
/// for a scoped (site/building) administrator are:
/// - sees users holding at least one grant inside its scope;
/// - may create a user only together with a grant inside its scope;
/// - may grant/revoke only on targets inside its scope;
/// - may reset a password or disable only users all of whose grants it covers.
public struct UserAdminService: Sendable {
    let store: any SecurityStore
    let gateway: ChangeGateway<any SecurityTransaction>
    let hasher: PasswordHasher
    let policy: PasswordPolicy
    /// Shared with `AuthService`: every write here drops the user from it.
    let principals: PrincipalCache?

    public init(store: any SecurityStore, settings: AuthSettings, principals: PrincipalCache? = nil, logger: Logger) {
        self.store = store
        self.principals = principals
        self.gateway = ChangeGateway(securityStore: store, logger: logger)
        self.hasher = PasswordHasher(cost: settings.bcryptCost)
        self.policy = settings.passwordPolicy
    }

    public static func validName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "._-@".unicodeScalars.contains($0)
        }
    }

    func checkPassword(_ password: String, name: String) throws {
        let violations = policy.violations(password: password, userName: name)
        if !violations.isEmpty { throw SecurityError.invalid(violations.map(\.rawValue)) }
    }

    public func createUser(name: String, password: String, initialGrant: (Role, GrantTarget)?, by principal: Principal,
                           context: AuditContext) async throws -> UserView {
        guard Self.validName(name) else { throw SecurityError.invalid(["name must be 1…64 letters, digits or ._-@"]) }
        try checkPassword(password, name: name)
        let hash = try await hasher.hash(password)
        let id = UUID()
        let change = Change(permission: .usersManage, action: "user.create", objectKind: "user", objectID: id.uuidString.lowercased())
        return try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(initialGrant?.1 ?? .global)
            try await tx.insertUser(id: id, name: name, passwordHash: hash)
            if let (role, target) = initialGrant {
                try await tx.insertGrant(userID: id, grant: Grant(role: role, target: target))
            }
            guard let user = try await tx.user(id: id, forUpdate: false) else { throw SecurityError.notFound }
            let view = UserView(user)
            return ChangeResult(view, siteID: initialGrant?.1.siteID, buildingID: initialGrant?.1.buildingID, after: view.auditJSON)
        }
    }

    public func setPassword(userID: UUID, password: String, by principal: Principal, context: AuditContext) async throws {
        let change = Change(permission: .usersManage, action: "user.password", objectKind: "user", objectID: userID.uuidString.lowercased())
        // Load the name first only to apply the policy; the write re-reads under lock.
        let name = try await store.userForRequest(id: userID)?.name ?? ""
        try checkPassword(password, name: name)
        let hash = try await hasher.hash(password)
        try await gateway.perform(change, by: principal, context: context) { tx, scope in
            guard let user = try await tx.user(id: userID, forUpdate: true) else { throw ChangeScope.Violation() }
            try scope.require(user.isFullyCovered(by: scope.scope))
            try await tx.updatePassword(userID: userID, passwordHash: hash)
            try await tx.revokeRefreshTokens(userID: userID)
            // The audit row records that the password changed, never the hash.
            return ChangeResult((), after: ["password_changed": true, "refresh_tokens_revoked": true])
        }
        await principals?.invalidate(userID)
    }

    public func setDisabled(userID: UUID, disabled: Bool, by principal: Principal, context: AuditContext) async throws -> UserView {
        let change = Change(permission: .usersManage, action: disabled ? "user.disable" : "user.enable", objectKind: "user",
                            objectID: userID.uuidString.lowercased())
        let result = try await gateway.perform(change, by: principal, context: context) { tx, scope in
            guard let user = try await tx.user(id: userID, forUpdate: true) else { throw ChangeScope.Violation() }
            try scope.require(user.isFullyCovered(by: scope.scope))
            if user.id == principal.id && disabled { throw SecurityError.invalid(["you cannot disable yourself"]) }
            let before = UserView(user)
            try await tx.setDisabled(userID: userID, disabled: disabled)
            if disabled { try await tx.revokeRefreshTokens(userID: userID) }
            guard let updated = try await tx.user(id: userID, forUpdate: false) else { throw SecurityError.notFound }
            let after = UserView(updated)
            return ChangeResult(after, before: before.auditJSON, after: after.auditJSON)
        }
        await principals?.invalidate(userID)
        return result
    }

    public func grant(userID: UUID, role: Role, target: GrantTarget, by principal: Principal, context: AuditContext) async throws -> UserView {
        let change = Change(permission: .usersManage, action: "grant.add", objectKind: "user", objectID: userID.uuidString.lowercased(),
                            siteID: target.siteID, buildingID: target.buildingID)
        let result = try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(target)
            guard let user = try await tx.user(id: userID, forUpdate: true), user.isVisible(in: scope.scope) else {
                throw ChangeScope.Violation()
            }
            let before = UserView(user)
            try await tx.insertGrant(userID: userID, grant: Grant(role: role, target: target))
            guard let updated = try await tx.user(id: userID, forUpdate: false) else { throw SecurityError.notFound }
            let after = UserView(updated)
            return ChangeResult(after, siteID: target.siteID, buildingID: target.buildingID, before: before.auditJSON, after: after.auditJSON)
        }
        await principals?.invalidate(userID)
        return result
    }

    public func revoke(userID: UUID, grantID: UUID, by principal: Principal, context: AuditContext) async throws -> UserView {
        let change = Change(permission: .usersManage, action: "grant.remove", objectKind: "user", objectID: userID.uuidString.lowercased())
        let result = try await gateway.perform(change, by: principal, context: context) { tx, scope in
            guard let user = try await tx.user(id: userID, forUpdate: true),
                  let grant = user.grants.first(where: { $0.id == grantID }) else { throw ChangeScope.Violation() }
            try scope.require(grant.target)
            let before = UserView(user)
            _ = try await tx.deleteGrant(userID: userID, grantID: grantID)
            guard let updated = try await tx.user(id: userID, forUpdate: false) else { throw SecurityError.notFound }
            let after = UserView(updated)
            return ChangeResult(after, siteID: grant.target.siteID, buildingID: grant.target.buildingID, before: before.auditJSON, after: after.auditJSON)
        }
        await principals?.invalidate(userID)
        return result
    }

    public func users(for principal: Principal, limit: Int = 500) async throws -> [UserView] {
        let scope = principal.scope(for: .usersManage)
        guard !scope.isEmpty else { throw SecurityError.forbidden }
        return try await store.users(visibleIn: scope, limit: limit).map(UserView.init)
    }

    public func user(id: UUID, for principal: Principal) async throws -> UserView {
        let scope = principal.scope(for: .usersManage)
        guard let user = try await store.userForRequest(id: id), user.isVisible(in: scope) else { throw SecurityError.notFound }
        return UserView(user)
    }
}
