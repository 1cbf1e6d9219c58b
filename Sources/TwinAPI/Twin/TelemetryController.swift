import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TelemetryCore
import TwinDomain
import TwinServices

/// Points, their history and latest values, and reading ingest (`POST /v1/readings`).
struct TelemetryController {
    let telemetry: TelemetryService
    let ingest: ReadingIngestService?
    let budget: IngestBodyBudget

    /// Largest ingest body (the decoders' own document limit).
    static let maxBody = TelemetryDecodeLimits.standard.maxBytes

    static func pointQuery(_ parameters: TwinQueryParameters, page: PageRequest) throws -> PointQuery {
        var quantity: Quantity?
        if let text = try parameters.string("quantity") {
            guard let parsed = Quantity(rawValue: text) else {
                throw TwinQueryParameters.bad("quantity", "one of \(Quantity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            quantity = parsed
        }
        return PointQuery(siteID: try parameters.uuid("site"), assetID: try parameters.uuid("asset"), spaceID: try parameters.uuid("space"),
                          floorID: try parameters.uuid("floor"), quantity: quantity, includeRetired: try parameters.bool("include_retired"),
                          page: page)
    }

    func addRoutes(to routes: SecuredRouter) {
        let telemetry = self.telemetry
        let reads = TwinReadRoutes(routes: routes)
        reads.list("/v1/points", fields: TwinFields.point, represent: TwinRepresentation.point) { parameters, page, principal in
            try await telemetry.points(try Self.pointQuery(parameters, page: page), principal: principal)
        }
        reads.single("/v1/points/:id", fields: TwinFields.point, represent: TwinRepresentation.point, etag: { "r\($0.revision)" }) {
            try await telemetry.point(id: $0, principal: $1)
        }
        routes.post("/v1/points", requires: .requires(.assetsWrite)) { request, context in
            let body = try await JSONBody.decode(PointRequestBody.self, from: request)
            let input = try body.value()
            do {
                let point = try await telemetry.create(input, by: try context.requirePrincipal(), context: context.auditContext(request))
                return TwinResponse.json(TwinRepresentation.point(point), status: .created,
                                         headers: [.location: "/v1/points/\(point.id.uuidString.lowercased())"])
            } catch TelemetryService.PointError.invalid(let problems) {
                throw APIError(ProblemDetails(status: .unprocessableContent, detail: problems.joined(separator: "; "),
                                              errors: problems.map { .init(field: String($0.prefix { $0 != ":" }), message: $0) }))
            } catch RepositoryError.conflict {
                throw APIError(.conflict, detail: "A live point of this site already has that external_key or topic.")
            } catch let error as SecurityError {
                throw APIError(security: error)
            }
        }
        routes.get("/v1/points/:id/readings", requires: .requires(.assetsRead)) { request, context in
            let parameters = TwinQueryParameters(request)
            let id = try TwinPathParameters.id(context)
            let now = Date()
            let to = try Self.time(parameters, "to") ?? now
            let from = try Self.time(parameters, "from") ?? to.addingTimeInterval(-86_400)
            guard from < to else { throw TwinQueryParameters.bad("from", "must be before to") }
            let intervalText = try parameters.string("interval") ?? "raw"
            guard let interval = ReadingSeriesQuery.Interval(rawValue: intervalText) else {
                throw TwinQueryParameters.bad("interval", "one of raw, 1m, 5m, 1h, 1d")
            }
            let aggregateText = try parameters.string("agg") ?? "avg"
            guard let aggregate = ReadingSeriesQuery.Aggregate(rawValue: aggregateText) else {
                throw TwinQueryParameters.bad("agg", "one of avg, min, max, last, count")
            }
            let limit = try parameters.int("limit", range: 1...1_000_000) ?? 100_000
            guard let (point, samples) = try await telemetry.series(pointID: id, from: from, to: to, interval: interval, aggregate: aggregate,
                                                                   limit: limit, principal: try context.requirePrincipal()) else {
                throw APIError.notFound()
            }
            let wantsCSV = (try parameters.string("format")) == "csv" || (request.headers[.accept] ?? "").contains("text/csv")
            if wantsCSV { return Self.csv(samples) }
            let body = JSONValue.object([
                ("point_id", .uuid(point.id)), ("quantity", .string(point.quantity.rawValue)),
                ("unit", .string(point.quantity.canonicalUnit.symbol)), ("interval", .string(interval.rawValue)),
                ("aggregate", .string(interval == .raw ? "raw" : aggregate.rawValue)),
                ("from", .date(from)), ("to", .date(to)),
                ("samples", .array(samples.map { .object([("time", TwinRepresentation.time($0.timeMicros)), ("value", .double($0.value)),
                                                          ("count", .int(Int($0.count)))]) })),
            ])
            return TwinResponse.json(body)
        }
        routes.get("/v1/assets/:id/telemetry", requires: .requires(.assetsRead)) { _, context in
            guard let rows = try await telemetry.assetTelemetry(assetID: try TwinPathParameters.id(context),
                                                                 principal: try context.requirePrincipal()) else { throw APIError.notFound() }
            return TwinResponse.json(.object([("items", .array(rows.map { TwinRepresentation.latest($0.0, $0.1) }))]))
        }
        routes.get("/v1/floors/:id/telemetry", requires: .requires(.assetsRead)) { _, context in
            guard let rows = try await telemetry.floorTelemetry(floorID: try TwinPathParameters.id(context),
                                                                 principal: try context.requirePrincipal()) else { throw APIError.notFound() }
            return TwinResponse.json(.object([("items", .array(rows.map { TwinRepresentation.latest($0.0, $0.1) }))]))
        }
        if let ingest { addIngestRoute(to: routes, ingest: ingest, budget: budget) }
    }

    func addIngestRoute(to routes: SecuredRouter, ingest: ReadingIngestService, budget: IngestBodyBudget) {
        routes.post("/v1/readings", requires: .requires(.readingsIngest)) { request, context in
            let type = (request.headers[.contentType] ?? "application/json").lowercased()
            let format: ReadingIngestService.Format
            if type.hasPrefix("application/json") {
                format = .json
            } else if type.hasPrefix("application/x-ndjson") || type.hasPrefix("application/ndjson") || type.hasPrefix("application/jsonl") {
                format = .ndjson
            } else if type.hasPrefix("text/csv") {
                format = .csv
            } else {
                throw APIError(.unsupportedMediaType, detail: "Send application/json, application/x-ndjson or text/csv.")
            }
            let declared = request.headers[.contentLength].flatMap { Int($0) }
            if let declared, declared > Self.maxBody {
                throw APIError(.contentTooLarge, detail: "A readings batch may be at most \(Self.maxBody) bytes; split it.")
            }
            // Held in memory until decoded: reserve it (or the largest a batch may be) up front.
            let reserved = declared ?? Self.maxBody
            guard budget.reserve(reserved) else {
                throw APIError(ProblemDetails(status: .serviceUnavailable, type: "https://atrium.dev/problems/readings.busy",
                                              detail: "Too many readings batches are being received at once; retry shortly."),
                               headers: [.retryAfter: "1"])
            }
            defer { budget.release(reserved) }
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: min(reserved, Self.maxBody))
            } catch {
                throw APIError(.contentTooLarge, detail: "A readings batch may be at most \(Self.maxBody) bytes; split it.")
            }
            let report: IngestReport
            do {
                report = try await ingest.ingest(Array(buffer.readableBytesView), format: format, by: try context.requirePrincipal())
            } catch IngestFailure.malformed(let code, let message, let line, let column) {
                throw APIError(ProblemDetails(status: .badRequest, type: "https://atrium.dev/problems/readings.\(code)",
                                              detail: "line \(line), column \(column): \(message)",
                                              errors: [.init(field: "body", message: "\(code) at line \(line), column \(column)")]))
            } catch IngestFailure.spoolFull(let seconds) {
                throw APIError(ProblemDetails(status: .serviceUnavailable, type: "https://atrium.dev/problems/readings.spool-full",
                                              detail: "The ingest spool is full; nothing of this batch was kept. Retry later."),
                               headers: [.retryAfter: String(seconds)])
            } catch IngestFailure.spoolUnavailable {
                throw APIError(ProblemDetails(status: .serviceUnavailable, type: "https://atrium.dev/problems/readings.spool-unavailable",
                                              detail: "The ingest spool cannot write; nothing of this batch was kept."),
                               headers: [.retryAfter: "30"])
            }
            let status: HTTPResponse.Status = report.accepted > 0 || report.items == 0 ? .accepted : .unprocessableContent
            return TwinResponse.json(TwinRepresentation.ingestReport(report), status: status)
        }
    }

    static func time(_ parameters: TwinQueryParameters, _ name: String) throws -> Date? {
        guard let text = try parameters.string(name) else { return nil }
        if let seconds = Double(text), seconds.isFinite { return Date(timeIntervalSince1970: seconds) }
        guard let date = TwinTimestamp.parse(text) else { throw TwinQueryParameters.bad(name, "RFC 3339 or Unix seconds") }
        return date
    }

    static func csv(_ samples: [ReadingSample]) -> Response {
        var text = "time,value,count\r\n"
        for sample in samples {
            text += TwinTimestamp.string(Date(timeIntervalSince1970: Double(sample.timeMicros) / 1_000_000))
            text += ",\(sample.value),\(sample.count)\r\n"
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: TwinResponse.cacheControl],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
