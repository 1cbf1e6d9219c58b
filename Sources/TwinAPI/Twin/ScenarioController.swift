import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `/v1/scenarios`: the simulator's incidents, started and stopped by an admin (audited) so a
/// demo or a drill can be scripted; readers of the building see what runs.
struct ScenarioController {
    let scenarios: ScenarioService

    struct NewRun: Decodable {
        var building_id: UUID
        var name: String
        var target: String
    }

    func addRoutes(to routes: SecuredRouter) {
        let scenarios = self.scenarios
        routes.get("/v1/scenarios", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            var activeOnly = false
            if let state = try parameters.string("state") {
                guard state == "active" || state == "all" else { throw TwinQueryParameters.bad("state", "active or all") }
                activeOnly = state == "active"
            }
            let page = try await scenarios.runs(buildingID: try parameters.uuid("building"), activeOnly: activeOnly,
                                                page: try parameters.page(), principal: try context.requirePrincipal())
            return TwinResponse.list(page.items.map(TwinRepresentation.scenarioRun), nextCursor: page.nextCursor, request: request, fields: nil)
        }
        routes.get("/v1/scenarios/:id", requires: .requires(.assetsRead)) { _, context in
            guard let run = try await scenarios.run(id: try TwinPathParameters.id(context), principal: try context.requirePrincipal()) else {
                throw APIError.notFound()
            }
            return TwinResponse.json(TwinRepresentation.scenarioRun(run))
        }
        routes.post("/v1/scenarios", requires: .requires(.scenariosRun)) { request, context in
            let body = try await AssetRequestBodies.decode(NewRun.self, from: request)
            return try await Self.answer(status: .created) {
                try await scenarios.start(buildingID: body.building_id, name: body.name, target: body.target,
                                          by: try context.requirePrincipal(), context: context.auditContext(request))
            }
        }
        routes.post("/v1/scenarios/:id/stop", requires: .requires(.scenariosRun)) { request, context in
            try await Self.answer(status: .ok) {
                try await scenarios.stop(id: try TwinPathParameters.id(context), by: try context.requirePrincipal(),
                                         context: context.auditContext(request))
            }
        }
    }

    /// A run, 404 when its building is invisible, 409 when already running or already stopped, 422 when refused.
    static func answer(status: HTTPResponse.Status, _ body: () async throws -> ScenarioRun?) async throws -> Response {
        do {
            guard let run = try await body() else { throw APIError.notFound() }
            var headers: HTTPFields = [:]
            if status == .created { headers[.location] = "/v1/scenarios/\(run.id.uuidString.lowercased())" }
            return TwinResponse.json(TwinRepresentation.scenarioRun(run), status: status, headers: headers)
        } catch ScenarioService.ScenarioError.invalid(let field, let reason) {
            throw AssetRequestBodies.invalid(field, reason)
        } catch ScenarioService.ScenarioError.alreadyActive(let id) {
            throw APIError(.conflict, detail: "That scenario already runs on that target" + (id.map { " (\($0.uuidString.lowercased()))" } ?? "") + ".")
        } catch ScenarioService.ScenarioError.stopped {
            throw APIError(.conflict, detail: "The scenario is stopped already.")
        } catch let error as SecurityError {
            throw APIError(security: error)
        } catch RepositoryError.notFound {
            throw APIError.notFound()
        }
    }
}
