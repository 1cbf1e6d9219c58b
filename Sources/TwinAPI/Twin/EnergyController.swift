import CapacityCore
import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `GET /v1/energy`: IT and facility energy, PUE with its Green Grid category, cost, and the prior
/// period, for a site or building.
struct EnergyController {
    let energy: EnergyService

    func addRoutes(to routes: SecuredRouter) {
        let energy = self.energy
        routes.get("/v1/energy", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let to = try TelemetryController.time(parameters, "to") ?? Date()
            let from = try TelemetryController.time(parameters, "from") ?? to.addingTimeInterval(-30 * 86_400)
            let intervalText = try parameters.string("interval") ?? "day"
            guard let interval = EnergyAccount.Interval(rawValue: intervalText) else {
                throw TwinQueryParameters.bad("interval", "hour, day or month")
            }
            var zone = TimeZone(identifier: "UTC")!
            if let name = try parameters.string("tz") {
                guard let named = TimeZone(identifier: name) else { throw TwinQueryParameters.bad("tz", "an IANA time zone, e.g. Europe/Berlin") }
                zone = named
            }
            do {
                guard let report = try await energy.report(siteID: try parameters.uuid("site"), buildingID: try parameters.uuid("building"),
                                                            from: from, to: to, interval: interval,
                                                            tariff: try parameters.double("tariff", required: false), timeZone: zone,
                                                            principal: try context.requirePrincipal()) else { throw APIError.notFound() }
                return TwinResponse.json(Self.represent(report))
            } catch EnergyService.EnergyError.invalid(let field, let reason) {
                throw AssetRequestBodies.invalid(field, reason)
            }
        }
    }

    static func represent(_ r: EnergyService.Report) -> JSONValue {
        func totals(_ t: EnergyAccount.Totals) -> JSONValue {
            .object([("it_kwh", .double(t.itKWh)), ("facility_kwh", .double(t.facilityKWh)), ("pue", .number(t.pue)),
                     ("cost", .number(t.cost)), ("hours", .int(t.hours))])
        }
        let current = r.current.totals, prior = r.prior.totals
        return .object([
            ("from", .date(r.from)), ("to", .date(r.to)), ("interval", .string(r.interval.rawValue)),
            ("pue_category", .integer(r.category)), ("it_basis", .string(r.itBasis)), ("facility_basis", .string(r.facilityBasis)),
            ("it_points", .int(r.itPoints)), ("tariff_per_kwh", .number(r.tariff)), ("currency", .text(r.currency)),
            ("series", .array(r.current.buckets.map { b in
                .object([("start", .date(b.start)), ("it_kwh", .double(b.itKWh)), ("facility_kwh", .double(b.facilityKWh)),
                         ("pue", .number(b.pue)), ("hours", .int(b.hours)),
                         ("cost", .number(r.tariff.map { $0 * b.facilityKWh }))])
            })),
            ("totals", totals(current)), ("prior", totals(prior)),
            ("change", .object([("facility_kwh", .number(EnergyAccount.change(current.facilityKWh, from: prior.facilityKWh))),
                                ("it_kwh", .number(EnergyAccount.change(current.itKWh, from: prior.itKWh))),
                                ("pue", .number(EnergyAccount.change(current.pue, from: prior.pue)))])),
        ])
    }
}
