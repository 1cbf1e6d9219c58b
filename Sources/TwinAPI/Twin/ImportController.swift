import Foundation
import HTTPTypes
import Hummingbird
import TwinDomain
import TwinServices

/// `/v1/imports`: uploads become background jobs (202 + `Location`), which callers poll.
struct ImportController {
    let imports: ImportService
    let uploadDirectory: URL

    func addRoutes(to routes: SecuredRouter) {
        let imports = self.imports
        // A file that is no model is refused from its first bytes, before the rest is sent.
        let stager = UploadStager(directory: uploadDirectory, maxBytes: imports.settings.maxBytes) { head, complete in
            do { try imports.checkHead(head, complete: complete) } catch let failure as ImportFailure {
                throw TwinErrorTranslation.problem(failure)
            }
        }
        routes.post("/v1/imports", requires: .requires(.importsCreate)) { request, context in
            let parameters = TwinQueryParameters(request)
            var siteID = try parameters.uuid("site")
            var modelID = try parameters.uuid("model")
            let principal = try context.requirePrincipal()
            let staged = try await stager.stage(request)
            func formUUID(_ name: String) throws -> UUID? {
                guard let text = staged.fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
                guard let id = UUID(uuidString: text) else {
                    try? FileManager.default.removeItem(at: staged.upload.url)
                    throw TwinQueryParameters.bad(name, "must be a UUID")
                }
                return id
            }
            siteID = try siteID ?? formUUID("site")
            modelID = try modelID ?? formUUID("model")
            let name = staged.fileName ?? (try? parameters.string("name")) ?? nil ?? "upload"
            let job = try await TwinErrorTranslation.translating {
                try await imports.submit(stagedFile: staged.upload, fileName: name, siteID: siteID, modelID: modelID,
                                         principal: principal, context: context.auditContext(request))
            }
            return TwinResponse.json(TwinRepresentation.job(job), status: .accepted,
                                     headers: [.location: "/v1/imports/\(job.id.uuidString.lowercased())", .cacheControl: "no-store"])
        }
        routes.get("/v1/imports", requires: .requires(.importsCreate)) { request, context in
            let parameters = TwinQueryParameters(request)
            let fields = try parameters.fields(allowed: TwinFields.job)
            let page = try await imports.jobs(page: try parameters.page(), principal: try context.requirePrincipal())
            var response = TwinResponse.list(page.items.map(TwinRepresentation.job), nextCursor: page.nextCursor, request: request, fields: fields)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        routes.get("/v1/imports/:id", requires: .requires(.importsCreate)) { request, context in
            let fields = try TwinQueryParameters(request).fields(allowed: TwinFields.job)
            guard let job = try await imports.job(id: try TwinPathParameters.id(context), principal: try context.requirePrincipal()) else {
                throw APIError.notFound()
            }
            return TwinResponse.json(TwinRepresentation.job(job).projected(fields), headers: [.cacheControl: "no-store"])
        }
    }
}
