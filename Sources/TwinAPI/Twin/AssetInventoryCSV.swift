import Foundation
import Hummingbird
import TwinDomain
import TwinServices

/// `GET /v1/assets?format=csv`: the inventory a facility manager opens in a spreadsheet, with the
/// JSON list's filters, streamed page by page (any size, constant memory). Cells a spreadsheet
/// would run as a formula (leading `=`, `+`, `-`, `@`, tab or carriage return) are prefixed with
/// `'` (OWASP's CSV injection advice); numbers are written as numbers.
enum AssetInventoryCSV {
    static let header = "name,kind,type,rack,u_position,serial,asset_tag,ip,status,power_draw_w,installed_on,space,floor\r\n"

    static func response(query: TwinQueryService, assetQuery: AssetQuery, principal: Principal) throws -> Response {
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: header))
            var page = assetQuery
            var names = NameLookup(query: query, principal: principal)
            // Bounded: 10⁴ pages of 1,000.
            for _ in 0..<10_000 {
                let result = try await query.assets(page, principal: principal)
                var chunk = ""
                for asset in result.items { chunk += try await line(asset, names: &names) }
                if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
                guard let next = result.nextCursor else { break }
                page.page = PageRequest(cursor: next, limit: page.page.limit)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                                               .contentDisposition: "attachment; filename=\"atrium-assets.csv\""], body: body)
    }

    static func line(_ asset: Asset, names: inout NameLookup) async throws -> String {
        func property(_ keys: [String]) -> String? {
            for key in keys {
                switch asset.properties[key] {
                case .string(let text)?: return text
                case .int(let value)?: return String(value)
                default: continue
                }
            }
            return nil
        }
        let rack = asset.mounting != nil ? try await names.asset(asset.parentID) : nil
        let cells: [String] = [
            text(asset.name), text(asset.kind.rawValue), text(try await names.type(asset.typeID)), text(rack),
            asset.mounting.map { String($0.uPosition) } ?? "", text(asset.serialNumber),
            text(asset.tag ?? property(["AssetTag", "AssetIdentifier"])), text(property(["IPAddress", "IP", "ip_address"])),
            text(asset.retiredInVersion != nil ? "retired" : property(["Status", "status"]) ?? "active"),
            asset.powerDrawW.map(number) ?? "", asset.installedOn.map { TwinTimestamp.string($0).prefix(10).description } ?? "",
            text(try await names.space(asset.spaceID)), text(try await names.floor(asset.floorID)),
        ]
        return cells.joined(separator: ",") + "\r\n"
    }

    /// A text cell: quoted when it holds a separator, quote or line break; defused when a
    /// spreadsheet would read it as a formula.
    static func text(_ value: String?) -> String {
        guard var value, !value.isEmpty else { return "" }
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Names of types, racks, spaces and floors, each read once per export.
    struct NameLookup {
        let query: TwinQueryService
        let principal: Principal
        var known: [UUID: String?] = [:]

        init(query: TwinQueryService, principal: Principal) {
            self.query = query
            self.principal = principal
        }

        mutating func cached(_ id: UUID?, _ load: (UUID) async throws -> String?) async throws -> String? {
            guard let id else { return nil }
            if let hit = known[id] { return hit }
            let name = try await load(id)
            if known.count > 200_000 { known.removeAll() }
            known[id] = name
            return name
        }

        mutating func type(_ id: UUID?) async throws -> String? {
            let (query, principal) = (query, principal)
            return try await cached(id) { try await query.assetType(id: $0, principal: principal)?.name }
        }
        mutating func asset(_ id: UUID?) async throws -> String? {
            let (query, principal) = (query, principal)
            return try await cached(id) { try await query.asset(id: $0, principal: principal)?.name }
        }
        mutating func space(_ id: UUID?) async throws -> String? {
            let (query, principal) = (query, principal)
            return try await cached(id) { try await query.space(id: $0, principal: principal)?.name }
        }
        mutating func floor(_ id: UUID?) async throws -> String? {
            let (query, principal) = (query, principal)
            return try await cached(id) { try await query.floor(id: $0, principal: principal)?.name }
        }
    }
}
