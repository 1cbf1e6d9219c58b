import Foundation
import Hummingbird
import TwinDomain

/// Typed access to a twin request's query string; every refusal is a 400 problem naming the
/// parameter, so clients can fix the one thing that is wrong.
struct TwinQueryParameters {
    let values: [(String, String)]

    init(_ request: Request) {
        values = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    static func bad(_ name: String, _ message: String) -> APIError {
        APIError(ProblemDetails(status: .badRequest, type: "https://atrium.dev/problems/bad-parameter",
                                detail: "Query parameter \(name): \(message)",
                                errors: [.init(field: name, message: message)]))
    }

    func all(_ name: String) -> [String] { values.filter { $0.0 == name }.map(\.1) }

    func string(_ name: String, maxLength: Int = 256) throws -> String? {
        guard let value = all(name).last else { return nil }
        guard value.count <= maxLength else { throw Self.bad(name, "at most \(maxLength) characters") }
        return value.isEmpty ? nil : value
    }

    /// Absent is nil; present but empty (`?site=`) is as malformed as any other non-UUID.
    func uuid(_ name: String) throws -> UUID? {
        guard let text = all(name).last else { return nil }
        guard text.count <= 64, let id = UUID(uuidString: text) else { throw Self.bad(name, "must be a UUID") }
        return id
    }

    func bool(_ name: String) throws -> Bool {
        guard let text = try string(name) else { return false }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw Self.bad(name, "must be true or false")
        }
    }

    func double(_ name: String, required: Bool = true) throws -> Double? {
        guard let text = try string(name, maxLength: 64) else {
            if required { throw Self.bad(name, "is required") }
            return nil
        }
        guard let value = Double(text), value.isFinite else { throw Self.bad(name, "must be a finite number") }
        return value
    }

    func int(_ name: String, range: ClosedRange<Int>) throws -> Int? {
        guard let text = try string(name, maxLength: 16) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw Self.bad(name, "must be an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return value
    }

    func point() throws -> Point3D {
        Point3D(x: try double("x")!, y: try double("y")!, z: try double("z")!)
    }

    /// GlobalIds as stored: IFC's 22 characters of base 64, or what a COBie workbook's ExtIdentifier
    /// holds (often a UUID, with dashes or braces). `global_id=a&global_id=b` or `global_id=a,b`, at most 100.
    func globalIDs(_ name: String = "global_id") throws -> [String] {
        var ids: [String] = []
        for value in all(name) {
            for part in value.split(separator: ",") where !part.isEmpty {
                guard Self.isGlobalID(part) else { throw Self.bad(name, "not a GlobalId (1–64 characters of 0-9, A-Z, a-z, _, $, - and braces)") }
                ids.append(String(part))
            }
        }
        guard ids.count <= 100 else { throw Self.bad(name, "at most 100 values") }
        return ids
    }

    static func isGlobalID(_ text: some StringProtocol) -> Bool {
        (1...64).contains(text.utf8.count) && text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || [0x5F, 0x24, 0x2D, 0x7B, 0x7D].contains(byte)  // _ $ - { }
        }
    }

    /// Every non-empty value of a repeatable exact-match parameter (names may hold commas), at most 100.
    func exactValues(_ name: String, maxLength: Int = 256) throws -> [String] {
        let values = all(name).filter { !$0.isEmpty }
        guard values.count <= 100 else { throw Self.bad(name, "at most 100 values") }
        guard values.allSatisfy({ $0.count <= maxLength }) else { throw Self.bad(name, "at most \(maxLength) characters") }
        return values
    }

    /// `kind=rack&kind=device` or `kind=rack,device`.
    func kinds(_ name: String = "kind") throws -> Set<AssetKind> {
        var kinds = Set<AssetKind>()
        for value in all(name) {
            for part in value.split(separator: ",") where !part.isEmpty {
                guard let kind = AssetKind(rawValue: String(part)) else {
                    throw Self.bad(name, "unknown kind '\(part.prefix(40))' (one of \(AssetKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                kinds.insert(kind)
            }
        }
        return kinds
    }

    func page() throws -> PageRequest {
        let limit = try int("limit", range: 1...PageRequest.maximumLimit) ?? PageRequest.defaultLimit
        let cursor = try string("cursor", maxLength: 512)
        return PageRequest(cursor: cursor, limit: limit)
    }

    /// `bbox=minx,miny,minz,maxx,maxy,maxz`.
    func box(_ name: String = "bbox", required: Bool) throws -> Box3D? {
        guard let text = try string(name, maxLength: 256) else {
            if required { throw Self.bad(name, "is required (minx,miny,minz,maxx,maxy,maxz)") }
            return nil
        }
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 6, numbers.allSatisfy({ $0?.isFinite == true }) else {
            throw Self.bad(name, "must be six finite numbers minx,miny,minz,maxx,maxy,maxz")
        }
        let n = numbers.map { $0! }
        guard n[0] <= n[3], n[1] <= n[4], n[2] <= n[5] else { throw Self.bad(name, "min must not exceed max") }
        return Box3D(min: Point3D(x: n[0], y: n[1], z: n[2]), max: Point3D(x: n[3], y: n[4], z: n[5]))
    }

    /// `fields=a,b`: top-level members to keep; unknown names are refused so typos are visible.
    func fields(allowed: [String]) throws -> Set<String>? {
        guard let text = try string("fields", maxLength: 1024) else { return nil }
        let names = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let known = Set(allowed)
        if let unknown = names.subtracting(known).sorted().first {
            throw Self.bad("fields", "unknown field '\(unknown.prefix(64))'")
        }
        return names.isEmpty ? nil : names
    }
}
