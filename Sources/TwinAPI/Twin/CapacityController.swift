import CapacityCore
import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `/v1/capacity`: where the next server can go and how close each rack, feed and room is to its
/// limits; U reservations (`assets.write`, audited).
struct CapacityController {
    let capacity: CapacityService

    struct PlacementBody: Decodable {
        var u_height: Int
        var power_w: Double
        var weight_kg: Double?
        var feeds: String?
        var count: Int?
        var site_id: UUID?
        var building_id: UUID?
        var floor_id: UUID?
        var space_id: UUID?
    }

    struct ReservationBody: Decodable {
        var rack_id: UUID
        var u_position: Int
        var u_height: Int
        var expires_at: String
        var note: String?
    }

    func addRoutes(to routes: SecuredRouter) {
        let capacity = self.capacity
        routes.get("/v1/capacity", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let scope = CapacityService.Scope(siteID: try parameters.uuid("site"), buildingID: try parameters.uuid("building"),
                                              floorID: try parameters.uuid("floor"), spaceID: try parameters.uuid("space"),
                                              rackID: try parameters.uuid("rack"))
            let thresholds = CapacityThresholds(amber: try parameters.double("amber", required: false) ?? 0.6,
                                                red: try parameters.double("red", required: false) ?? 0.8)
            let racks = try parameters.string("detail") ?? "racks"
            guard racks == "racks" || racks == "rollups" else { throw TwinQueryParameters.bad("detail", "racks or rollups") }
            return try await Self.answer {
                guard let report = try await capacity.report(scope, windowHours: try parameters.double("window_h", required: false) ?? 24,
                                                             thresholds: thresholds, principal: try context.requirePrincipal()) else {
                    throw APIError.notFound()
                }
                return TwinResponse.json(TwinRepresentation.capacity(report, includeRacks: racks == "racks"))
            }
        }
        routes.post("/v1/capacity/placements", requires: .requires(.assetsRead)) { request, context in
            let body = try await AssetRequestBodies.decode(PlacementBody.self, from: request)
            let feeds: PlacementRequest.Feeds
            switch body.feeds ?? "A+B" {
            case "A+B", "a+b", "redundant": feeds = .redundant
            case "single", "A", "B", "a", "b": feeds = .single
            default: throw AssetRequestBodies.invalid("feeds", "A+B (both feeds, N+1) or single")
            }
            let placement = PlacementRequest(uHeight: body.u_height, powerW: body.power_w, weightKg: body.weight_kg ?? 0, feeds: feeds,
                                             count: body.count ?? 1)
            let scope = CapacityService.Scope(siteID: body.site_id, buildingID: body.building_id, floorID: body.floor_id, spaceID: body.space_id)
            return try await Self.answer {
                guard let results = try await capacity.placements(placement, scope: scope, principal: try context.requirePrincipal()) else {
                    throw APIError.notFound()
                }
                let fitting = results.filter { $0.fits > 0 }
                let rejected = results.filter { $0.fits == 0 }
                let placed = results.reduce(0) { $0 + $1.assigned }
                return TwinResponse.json(.object([
                    ("requested", .int(placement.count)), ("placed", .int(placed)),
                    ("results", .array(fitting.map(TwinRepresentation.placement))),
                    ("rejected", .array(rejected.prefix(200).map(TwinRepresentation.placement))), ("rejected_total", .int(rejected.count)),
                ]))
            }
        }
        routes.get("/v1/capacity/reservations", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let list = try await capacity.reservations(siteID: try parameters.uuid("site"), principal: try context.requirePrincipal())
            return TwinResponse.list(list.map(TwinRepresentation.reservation), nextCursor: nil, request: request, fields: nil)
        }
        routes.post("/v1/capacity/reservations", requires: .requires(.assetsWrite)) { request, context in
            let body = try await AssetRequestBodies.decode(ReservationBody.self, from: request)
            let expires = try AssetRequestBodies.date(body.expires_at, "expires_at")!
            return try await Self.answer {
                guard let stored = try await capacity.reserve(rackID: body.rack_id, uPosition: body.u_position, uHeight: body.u_height,
                                                              expiresAt: expires, note: body.note, by: try context.requirePrincipal(),
                                                              context: context.auditContext(request)) else { throw APIError.notFound() }
                return TwinResponse.json(TwinRepresentation.reservation(stored), status: .created,
                                         headers: [.location: "/v1/capacity/reservations/\(stored.id.uuidString.lowercased())"])
            }
        }
        routes.delete("/v1/capacity/reservations/:id", requires: .requires(.assetsWrite)) { request, context in
            try await AlarmWriteAnswers.deleted {
                try await capacity.cancel(id: try TwinPathParameters.id(context), by: try context.requirePrincipal(),
                                          context: context.auditContext(request))
            }
        }
    }

    static func answer(_ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch CapacityService.CapacityError.invalid(let field, let reason) {
            throw AssetRequestBodies.invalid(field, reason)
        } catch CapacityService.CapacityError.occupied(let detail) {
            throw APIError(.conflict, detail: detail + ".")
        } catch let error as SecurityError {
            throw APIError(security: error)
        } catch RepositoryError.notFound {
            throw APIError.notFound()
        }
    }
}
