import AlarmCore
import Foundation
import HTTPTypes
import Hummingbird
import TwinDomain
import TwinServices

/// A site's alarm webhooks and the notifications that could not be delivered (`alarms.manage`).
struct WebhookController {
    let webhooks: WebhookService

    struct NewWebhook: Decodable {
        var site_id: UUID
        var name: String
        var url: String
        var min_severity: String?
    }

    func addRoutes(to routes: SecuredRouter) {
        let webhooks = self.webhooks
        routes.get("/v1/webhooks", requires: .requires(.alarmsManage)) { request, context in
            let parameters = TwinQueryParameters(request)
            let page = try await webhooks.webhooks(siteID: try parameters.uuid("site"), page: try parameters.page(),
                                                   principal: try context.requirePrincipal())
            return TwinResponse.list(page.items.map { TwinRepresentation.webhook($0, withSecret: false) }, nextCursor: page.nextCursor,
                                     request: request, fields: nil)
        }
        routes.post("/v1/webhooks", requires: .requires(.alarmsManage)) { request, context in
            let body = try await AssetRequestBodies.decode(NewWebhook.self, from: request)
            var severity = AlarmSeverity.info
            if let name = body.min_severity {
                guard let parsed = AlarmSeverity(name: name) else {
                    throw AssetRequestBodies.invalid("min_severity", "one of info, minor, major, critical")
                }
                severity = parsed
            }
            return try await AlarmWriteAnswers.created {
                let stored = try await webhooks.create(siteID: body.site_id, name: body.name, url: body.url, minSeverity: severity,
                                                       by: try context.requirePrincipal(), context: context.auditContext(request))
                return TwinResponse.json(TwinRepresentation.webhook(stored, withSecret: true), status: .created,
                                         headers: [.location: "/v1/webhooks/\(stored.id.uuidString.lowercased())"])
            }
        }
        routes.delete("/v1/webhooks/:id", requires: .requires(.alarmsManage)) { request, context in
            try await AlarmWriteAnswers.deleted {
                try await webhooks.delete(id: try TwinPathParameters.id(context), by: try context.requirePrincipal(),
                                          context: context.auditContext(request))
            }
        }
        routes.get("/v1/webhooks/dead-letters", requires: .requires(.alarmsManage)) { request, context in
            let parameters = TwinQueryParameters(request)
            let page = try await webhooks.deadNotifications(siteID: try parameters.uuid("site"), page: try parameters.page(),
                                                            principal: try context.requirePrincipal())
            return TwinResponse.list(page.items.map(TwinRepresentation.deadLetter), nextCursor: page.nextCursor, request: request, fields: nil)
        }
    }
}
