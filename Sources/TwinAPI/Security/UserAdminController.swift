import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `/v1/users`: accounts and grants for administrators (site-scoped or global).
struct UserAdminController {
    let users: UserAdminService

    struct CreateUser: Decodable {
        var name: String
        var password: String
        var role: String?
        var site_id: UUID?
        var building_id: UUID?
    }

    struct Password: Decodable { var password: String }

    struct GrantRequest: Decodable {
        var role: String
        var site_id: UUID?
        var building_id: UUID?
    }

    struct UserList: Encodable { var items: [UserView] }

    static func target(site: UUID?, building: UUID?) throws -> GrantTarget {
        switch (site, building) {
        case (nil, nil): return .global
        case (let site?, nil): return .site(site)
        case (let site?, let building?): return .building(building, site: site)
        case (nil, _?): throw APIError(.unprocessableContent, detail: "building_id needs its site_id.")
        }
    }

    static func role(_ name: String) throws -> Role {
        guard let role = Role(rawValue: name) else { throw APIError(.unprocessableContent, detail: "Unknown role.") }
        return role
    }

    static func id(_ context: AtriumRequestContext, _ name: String = "id") throws -> UUID {
        // A malformed id cannot name anything visible: same answer as a missing one.
        guard let id = context.parameters.get(name, as: UUID.self) else { throw APIError.notFound() }
        return id
    }

    func addRoutes(to routes: SecuredRouter) {
        let users = self.users
        routes.get("/v1/users", requires: .requires(.usersManage)) { _, context in
            try JSONBody.response(UserList(items: try await users.users(for: try context.requirePrincipal())))
        }
        routes.post("/v1/users", requires: .requires(.usersManage)) { request, context in
            let body = try await JSONBody.decode(CreateUser.self, from: request)
            var initial: (Role, GrantTarget)?
            if let role = body.role {
                initial = (try Self.role(role), try Self.target(site: body.site_id, building: body.building_id))
            }
            let view = try await users.createUser(name: body.name, password: body.password, initialGrant: initial,
                                                  by: try context.requirePrincipal(), context: context.auditContext(request))
            return try JSONBody.response(view, status: .created)
        }
        routes.get("/v1/users/:id", requires: .requires(.usersManage)) { _, context in
            try JSONBody.response(try await users.user(id: try Self.id(context), for: try context.requirePrincipal()))
        }
        routes.post("/v1/users/:id/password", requires: .requires(.usersManage)) { request, context in
            let body = try await JSONBody.decode(Password.self, from: request)
            try await users.setPassword(userID: try Self.id(context), password: body.password,
                                        by: try context.requirePrincipal(), context: context.auditContext(request))
            return Response(status: .noContent)
        }
        for (suffix, disabled) in [("disable", true), ("enable", false)] {
            routes.post("/v1/users/:id/\(suffix)", requires: .requires(.usersManage)) { request, context in
                try JSONBody.response(try await users.setDisabled(
                    userID: try Self.id(context), disabled: disabled, by: try context.requirePrincipal(),
                    context: context.auditContext(request)))
            }
        }
        routes.post("/v1/users/:id/grants", requires: .requires(.usersManage)) { request, context in
            let body = try await JSONBody.decode(GrantRequest.self, from: request)
            let view = try await users.grant(userID: try Self.id(context), role: try Self.role(body.role),
                                             target: try Self.target(site: body.site_id, building: body.building_id),
                                             by: try context.requirePrincipal(), context: context.auditContext(request))
            return try JSONBody.response(view, status: .created)
        }
        routes.delete("/v1/users/:id/grants/:grant_id", requires: .requires(.usersManage)) { request, context in
            try JSONBody.response(try await users.revoke(
                userID: try Self.id(context), grantID: try Self.id(context, "grant_id"),
                by: try context.requirePrincipal(), context: context.auditContext(request)))
        }
    }
}
