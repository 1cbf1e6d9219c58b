import AlarmCore
import Foundation
import HTTPTypes
import Hummingbird
import TwinDomain
import TwinServices

/// Alarm rules (`/v1/alarm-rules`), alarms (`/v1/alarms`, acknowledge, shelve) and health
/// rolled up a building (`/v1/buildings/{id}/health`).
struct AlarmController {
    let alarms: AlarmService
    let rules: AlarmRuleService

    static func alarmQuery(_ parameters: TwinQueryParameters, page: PageRequest) throws -> AlarmQuery {
        var states = Set<AlarmRecord.State>()
        for text in parameters.all("state") {
            guard let state = AlarmRecord.State(rawValue: String(text)) else {
                throw TwinQueryParameters.bad("state", "one of \(AlarmRecord.State.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            states.insert(state)
        }
        if try parameters.bool("open") { states.formUnion([.active, .acknowledged, .cleared]) }
        var severities = Set<AlarmSeverity>()
        for text in parameters.all("severity") {
            guard let severity = AlarmSeverity(name: String(text)) else {
                throw TwinQueryParameters.bad("severity", "one of info, minor, major, critical")
            }
            severities.insert(severity)
        }
        var kind: String?
        if let text = try parameters.string("asset_kind") {
            guard AssetKind(rawValue: text) != nil else {
                throw TwinQueryParameters.bad("asset_kind", "one of \(AssetKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kind = text
        }
        return AlarmQuery(siteID: try parameters.uuid("site"), buildingID: try parameters.uuid("building"),
                          floorID: try parameters.uuid("floor"), spaceID: try parameters.uuid("space"),
                          assetID: try parameters.uuid("asset"), assetKind: kind, states: states, severities: severities,
                          from: try TelemetryController.time(parameters, "from"), to: try TelemetryController.time(parameters, "to"),
                          page: page)
    }

    func addRoutes(to routes: SecuredRouter) {
        let alarms = self.alarms, rules = self.rules
        let reads = TwinReadRoutes(routes: routes)
        reads.list("/v1/alarm-rules", fields: TwinFields.alarmRule, represent: TwinRepresentation.alarmRule) { parameters, page, principal in
            try await rules.rules(siteID: try parameters.uuid("site"), page: page, principal: principal)
        }
        reads.single("/v1/alarm-rules/:id", fields: TwinFields.alarmRule, represent: TwinRepresentation.alarmRule,
                     etag: { "r\($0.revision)" }) {
            try await rules.rule(id: $0, principal: $1)
        }
        routes.post("/v1/alarm-rules", requires: .requires(.alarmsManage)) { request, context in
            let body = try await AssetRequestBodies.decode(AlarmRequestBodies.NewRule.self, from: request)
            let candidate = try body.value()
            return try await AlarmWriteAnswers.created {
                let stored = try await rules.create(candidate, by: try context.requirePrincipal(), context: context.auditContext(request))
                return TwinResponse.json(TwinRepresentation.alarmRule(stored), status: .created,
                                         headers: [.location: "/v1/alarm-rules/\(stored.id.uuidString.lowercased())"])
            }
        }
        routes.delete("/v1/alarm-rules/:id", requires: .requires(.alarmsManage)) { request, context in
            try await AlarmWriteAnswers.deleted {
                try await rules.delete(id: try TwinPathParameters.id(context), by: try context.requirePrincipal(),
                                       context: context.auditContext(request))
            }
        }
        reads.list("/v1/alarms", fields: TwinFields.alarm, represent: TwinRepresentation.alarm) { parameters, page, principal in
            try await alarms.alarms(try Self.alarmQuery(parameters, page: page), principal: principal)
        }
        reads.single("/v1/alarms/:id", fields: TwinFields.alarm, represent: TwinRepresentation.alarm, etag: { "r\($0.revision)" }) {
            try await alarms.alarm(id: $0, principal: $1)
        }
        routes.post("/v1/alarms/:id/acknowledge", requires: .requires(.alarmsAck)) { request, context in
            let body = try await AssetRequestBodies.decode(AlarmRequestBodies.Acknowledge.self, from: request)
            return try await Self.answer {
                try await alarms.acknowledge(id: try TwinPathParameters.id(context), note: body.note, by: try context.requirePrincipal(),
                                             context: context.auditContext(request))
            }
        }
        routes.post("/v1/alarms/:id/shelve", requires: .requires(.alarmsAck)) { request, context in
            let body = try await AssetRequestBodies.decode(AlarmRequestBodies.Shelve.self, from: request)
            let until = try AssetRequestBodies.date(body.until, "until")
            return try await Self.answer {
                try await alarms.shelve(id: try TwinPathParameters.id(context), until: until, by: try context.requirePrincipal(),
                                        context: context.auditContext(request))
            }
        }
        routes.get("/v1/buildings/:id/health", requires: .requires(.assetsRead)) { request, context in
            guard let health = try await alarms.health(buildingID: try TwinPathParameters.id(context),
                                                       principal: try context.requirePrincipal()) else { throw APIError.notFound() }
            return TwinResponse.json(TwinRepresentation.health(health))
        }
    }

    /// An alarm change's answer: the alarm, 404 when invisible, 409 when resolved, 422 when invalid.
    static func answer(_ body: () async throws -> Alarm?) async throws -> Response {
        do {
            guard let alarm = try await body() else { throw APIError.notFound() }
            return TwinResponse.json(TwinRepresentation.alarm(alarm))
        } catch AlarmService.AlarmError.closed {
            throw APIError(.conflict, detail: "The alarm is resolved.")
        } catch AlarmService.AlarmError.invalid(let field, let reason) {
            throw AssetRequestBodies.invalid(field, reason)
        } catch let error as SecurityError {
            throw APIError(security: error)
        } catch RepositoryError.notFound {
            throw APIError.notFound()
        }
    }
}
