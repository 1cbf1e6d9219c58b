import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `GET /v1/reports/{kind}?site|building&from&to&tz&format=json|csv|html`: the reports facility
/// managers hand to management, in three formats from one document.
struct ReportController {
    let reports: ReportService

    func addRoutes(to routes: SecuredRouter) {
        let reports = self.reports
        routes.get("/v1/reports/:kind", requires: .requires(.assetsRead)) { request, context in
            guard let kind = context.parameters.get("kind").flatMap(ReportService.Kind.init(rawValue:)) else {
                throw APIError(.notFound, detail: "Reports: \(ReportService.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let parameters = TwinQueryParameters(request)
            let to = try TelemetryController.time(parameters, "to") ?? Date()
            let from = try TelemetryController.time(parameters, "from") ?? to.addingTimeInterval(-30 * 86_400)
            var zone = TimeZone(identifier: "UTC")!
            if let name = try parameters.string("tz") {
                guard let named = TimeZone(identifier: name) else { throw TwinQueryParameters.bad("tz", "an IANA time zone, e.g. Europe/Berlin") }
                zone = named
            }
            let format = try parameters.string("format") ?? "json"
            guard ["json", "csv", "html"].contains(format) else { throw TwinQueryParameters.bad("format", "json, csv or html") }
            let document: ReportDocument
            do {
                guard let built = try await reports.report(kind, siteID: try parameters.uuid("site"), buildingID: try parameters.uuid("building"),
                                                           from: from, to: to, timeZone: zone, principal: try context.requirePrincipal()) else {
                    throw APIError.notFound()
                }
                document = built
            } catch ReportService.ReportError.invalid(let field, let reason) {
                throw AssetRequestBodies.invalid(field, reason)
            } catch EnergyService.EnergyError.invalid(let field, let reason) {
                throw AssetRequestBodies.invalid(field, reason)
            } catch CapacityService.CapacityError.invalid(let field, let reason) {
                throw AssetRequestBodies.invalid(field, reason)
            }
            switch format {
            case "csv":
                return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                                                       .contentDisposition: "attachment; filename=\"atrium-\(kind.rawValue).csv\""],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: ReportRendering.csv(document))))
            case "html":
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                                                       .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: ReportRendering.html(document))))
            default:
                return TwinResponse.json(ReportRendering.json(document))
            }
        }
    }
}
