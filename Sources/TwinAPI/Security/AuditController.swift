import Foundation
import Hummingbird
import NIOCore
import TwinDomain
import TwinServices

/// `/v1/audit`: read, export (streamed) and verify the audit chain.
struct AuditController {
    let audit: AuditService

    static func query(from request: Request) throws -> AuditQuery {
        let parameters = request.uri.queryParameters
        func string(_ name: String) -> String? {
            parameters[name[...]].map { String($0.prefix(256)) }
        }
        func uuid(_ name: String) throws -> UUID? {
            guard let text = string(name) else { return nil }
            guard let id = UUID(uuidString: text) else { throw APIError(.badRequest, detail: "\(name) must be a UUID.") }
            return id
        }
        func time(_ name: String) throws -> Int64? {
            guard let text = string(name) else { return nil }
            if let seconds = Int64(text) { return seconds * 1_000_000 }
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let plain = ISO8601DateFormatter()
            guard let date = formatter.date(from: text) ?? plain.date(from: text) else {
                throw APIError(.badRequest, detail: "\(name) must be RFC 3339 or Unix seconds.")
            }
            return AuditEntry.nowMicros(date)
        }
        var query = AuditQuery()
        query.actorID = try uuid("actor_id")
        query.actorName = string("actor")
        query.action = string("action")
        query.objectKind = string("object_kind")
        query.objectID = string("object_id")
        query.siteID = try uuid("site_id")
        query.buildingID = try uuid("building_id")
        if let outcome = string("outcome") {
            guard let value = AuditOutcome(rawValue: outcome) else { throw APIError(.badRequest, detail: "Unknown outcome.") }
            query.outcome = value
        }
        query.fromMicros = try time("from")
        query.toMicros = try time("to")
        if let cursor = string("cursor") {
            guard let seq = Int64(cursor), seq > 0 else { throw APIError(.badRequest, detail: "Bad cursor.") }
            query.beforeSeq = seq
        }
        if let limit = string("limit") {
            guard let value = Int(limit), (1...1000).contains(value) else { throw APIError(.badRequest, detail: "limit must be 1…1000.") }
            query.limit = value
        } else {
            query.limit = 100
        }
        return query
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func iso(_ micros: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
    }

    static func object(_ record: AuditRecord) -> [String: Any] {
        let entry = record.entry
        func json(_ text: String?) -> Any {
            guard let text, let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
                return NSNull()
            }
            return value
        }
        return [
            "seq": record.seq, "time": iso(entry.timeMicros), "time_us": entry.timeMicros,
            "actor": ["kind": entry.actorKind ?? NSNull(), "id": entry.actorID?.uuidString.lowercased() ?? NSNull(),
                      "name": entry.actorName ?? NSNull()] as [String: Any],
            "roles": entry.roles, "source_ip": entry.sourceIP ?? NSNull(), "user_agent": entry.userAgent ?? NSNull(),
            "request_id": entry.requestID ?? NSNull(), "client_request_id": entry.clientRequestID ?? NSNull(), "action": entry.action,
            "object": ["kind": entry.objectKind ?? NSNull(), "id": entry.objectID ?? NSNull()] as [String: Any],
            "site_id": entry.siteID?.uuidString.lowercased() ?? NSNull(),
            "building_id": entry.buildingID?.uuidString.lowercased() ?? NSNull(), "outcome": entry.outcome.rawValue,
            "reason": entry.reason ?? NSNull(), "before": json(entry.before), "after": json(entry.after),
            "prev_hash": hex(record.previousHash), "hash": hex(record.hash),
        ]
    }

    static func jsonData(_ value: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// One CSV field; cells that a spreadsheet would run as a formula are defused.
    static func csvField(_ value: String?) -> String {
        guard var value else { return "" }
        if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
        if value.contains(where: { ",\"\n\r".contains($0) }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    static let csvHeader = "seq,time,actor_kind,actor_id,actor_name,roles,source_ip,user_agent,request_id,action,object_kind,object_id,site_id,outcome,reason,before,after,prev_hash,hash,building_id,client_request_id\r\n"

    static func csvLine(_ record: AuditRecord) -> String {
        let e = record.entry
        let fields: [String?] = [
            String(record.seq), iso(e.timeMicros), e.actorKind, e.actorID?.uuidString.lowercased(), e.actorName,
            e.roles.joined(separator: " "), e.sourceIP, e.userAgent, e.requestID, e.action, e.objectKind, e.objectID,
            e.siteID?.uuidString.lowercased(), e.outcome.rawValue, e.reason, e.before, e.after,
            hex(record.previousHash), hex(record.hash), e.buildingID?.uuidString.lowercased(), e.clientRequestID,
        ]
        return fields.map(csvField).joined(separator: ",") + "\r\n"
    }

    func addRoutes(to routes: SecuredRouter) {
        let audit = self.audit
        routes.get("/v1/audit", requires: .requires(.auditRead)) { request, context in
            let query = try Self.query(from: request)
            let records = try await audit.records(query, for: try context.requirePrincipal())
            var body: [String: Any] = ["items": records.map(Self.object)]
            if records.count == query.limit, let last = records.last { body["next_cursor"] = String(last.seq) }
            return JSONBody.raw(try Self.jsonData(body))
        }
        routes.get("/v1/audit/export", requires: .requires(.auditExport)) { request, context in
            let format = request.uri.queryParameters["format"].map(String.init) ?? "jsonl"
            guard format == "csv" || format == "jsonl" else { throw APIError(.badRequest, detail: "format must be csv or jsonl.") }
            var parsed = try Self.query(from: request)
            parsed.limit = 500
            let query = parsed
            let principal = try context.requirePrincipal()
            // Visible-scope check and the audit row of the export itself, before any byte is sent.
            _ = try await audit.records(AuditQuery(limit: 1), for: principal, permission: .auditExport)
            try await audit.recordExport(format: format, query: query, by: principal, context: context.auditContext(request))
            let body = ResponseBody { writer in
                if format == "csv" { try await writer.write(ByteBuffer(string: Self.csvHeader)) }
                var page = query
                // Bounded: 10⁶ pages of 500 rows.
                for _ in 0..<1_000_000 {
                    let records = try await audit.records(page, for: principal, permission: .auditExport)
                    var chunk = ""
                    for record in records {
                        if format == "csv" {
                            chunk += Self.csvLine(record)
                        } else {
                            chunk += String(decoding: try Self.jsonData(Self.object(record)), as: UTF8.self) + "\n"
                        }
                    }
                    if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
                    guard records.count == page.limit, let last = records.last else { break }
                    page.beforeSeq = last.seq
                }
                try await writer.finish(nil)
            }
            let type = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson"
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store",
                                                   .contentDisposition: "attachment; filename=\"atrium-audit.\(format)\""], body: body)
        }
        routes.get("/v1/audit/verify", requires: .requires(.auditRead)) { _, context in
            try JSONBody.response(try await audit.verify(for: try context.requirePrincipal()), noStore: true)
        }
    }
}
