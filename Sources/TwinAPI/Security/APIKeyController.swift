import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `/v1/api-keys`: credentials for machine clients.
struct APIKeyController {
    let apiKeys: APIKeyAdminService

    struct CreateKey: Decodable {
        var name: String
        var permissions: [String]
        var site_id: UUID?
        var building_id: UUID?
        var expires_at: Date?
    }

    struct KeyList: Encodable { var items: [APIKeyView] }

    func addRoutes(to routes: SecuredRouter) {
        let apiKeys = self.apiKeys
        routes.get("/v1/api-keys", requires: .requires(.apiKeysManage)) { _, context in
            try JSONBody.response(KeyList(items: try await apiKeys.list(for: try context.requirePrincipal())))
        }
        routes.post("/v1/api-keys", requires: .requires(.apiKeysManage)) { request, context in
            let body = try await JSONBody.decode(CreateKey.self, from: request)
            var permissions = Set<Permission>()
            for name in body.permissions {
                guard let permission = Permission(rawValue: name) else {
                    throw APIError(.unprocessableContent, detail: "Unknown permission.")
                }
                permissions.insert(permission)
            }
            let view = try await apiKeys.create(
                name: body.name, target: try UserAdminController.target(site: body.site_id, building: body.building_id),
                permissions: permissions, expiresAt: body.expires_at, by: try context.requirePrincipal(),
                context: context.auditContext(request))
            // The key is shown once, in this response only.
            return try JSONBody.response(view, status: .created, noStore: true)
        }
        routes.delete("/v1/api-keys/:id", requires: .requires(.apiKeysManage)) { request, context in
            try await apiKeys.revoke(id: try UserAdminController.id(context), by: try context.requirePrincipal(),
                                     context: context.auditContext(request))
            return Response(status: .noContent)
        }
    }
}
