import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `POST /v1/device-imports?building=…&mode=all|rows`: devices into racks from CSV (`assets.write`).
/// `all` (the default) writes every row in one transaction or nothing; `rows` writes the valid rows
/// and reports the others. Each refused row names its row and column.
struct DeviceImportController {
    let importer: DeviceBulkImport

    func addRoutes(to routes: SecuredRouter) {
        let importer = self.importer
        routes.post("/v1/device-imports", requires: .requires(.assetsWrite)) { request, context in
            let parameters = TwinQueryParameters(request)
            guard let building = try parameters.uuid("building") else { throw TwinQueryParameters.bad("building", "is required") }
            let mode = try parameters.string("mode") ?? "all"
            guard mode == "all" || mode == "rows" else { throw TwinQueryParameters.bad("mode", "all or rows") }
            guard (request.headers[.contentType] ?? "").hasPrefix("text/csv") else {
                throw APIError(.unsupportedMediaType, detail: "Send text/csv.")
            }
            var body = request
            let buffer: ByteBuffer
            do { buffer = try await body.collectBody(upTo: 4 << 20) } catch {
                throw APIError(.contentTooLarge, detail: "The file is larger than 4 MiB.")
            }
            do {
                // A device mounted by someone else between the check and the write is the asset rules' 409.
                guard let report = try await TwinErrorTranslation.translating({
                    try await importer.run(csv: Array(buffer.readableBytesView), buildingID: building, allOrNothing: mode == "all",
                                           by: try context.requirePrincipal(), context: context.auditContext(request))
                }) else {
                    throw APIError.notFound()
                }
                let json = JSONValue.object([
                    ("mode", .string(mode)), ("written", .bool(report.written)), ("created", .int(report.created)),
                    ("refused", .int(report.refused)),
                    ("rows", .array(report.rows.map { row in
                        .object([("row", .int(row.row)), ("name", .text(row.name)), ("asset_id", .uuid(row.assetID)),
                                 ("errors", .array(row.errors.map { .object([("column", .string($0.column)), ("message", .string($0.message))]) }))])
                    })),
                ])
                return TwinResponse.json(json, status: mode == "all" && !report.written ? .unprocessableContent : .ok)
            } catch DeviceBulkImport.ImportError.file(let line, let column, let reason) {
                throw APIError(.unprocessableContent, detail: "line \(line), column \(column): \(reason)")
            } catch let error as SecurityError {
                throw APIError(security: error)
            }
        }
    }
}
