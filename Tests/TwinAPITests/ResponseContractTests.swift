import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TwinDomain
@testable import TwinAPI

/// The OpenAPI document is true of what the server answers: every read route of the sample data
/// centre is called, its status must be one the document lists for it, and a JSON body must match
/// the documented schema for that status (types, nullability, required members, `uuid` and
/// `date-time` formats, enums). What schemathesis found (a GlobalId declared `format: uuid`,
/// nullable members declared non-null, undocumented 400s) fails here.
@Suite("Responses match /openapi.json (sample import)", .serialized,
       .enabled(if: TwinSampleHarness.available, "\(TwinSampleHarness.skipMessage)"), .sampleImport)
struct ResponseContractTests {
    @Test func everyReadRouteAnswersAsDocumented() async throws {
        let h = try #require(TwinSampleHarness.current)
        let data = Data(OpenAPIDocument.build(features: TwinRoutes.features(h.dependencies)).bytes)
        let asset = try #require(try await h.assets().first { $0.kind == .device && $0.source.ifcGlobalID != nil })
        let space = try #require(try await h.spaces().first)
        let floor = try #require(try await h.floors().first)
        let known: [String: String] = [
            "assets": asset.id.uuidString.lowercased(), "spaces": space.id.uuidString.lowercased(),
            "floors": floor.id.uuidString.lowercased(), "buildings": h.buildingID.uuidString.lowercased(),
            "models": h.modelID.uuidString.lowercased(),
        ]
        let globalID = asset.source.ifcGlobalID ?? ""
        let queries: [String: String] = [
            "/spaces/at": "?x=1&y=1&z=0.5", "/assets/near": "?x=1&y=1&z=0&radius=5", "/assets/in-box": "?bbox=-100,-100,-100,100,100,100",
            "/assets/nearest": "?x=1&y=1&z=0",
        ]
        try await h.application.test(.router) { client in
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let paths = try #require(document["paths"] as? [String: Any])
            let admin = try await client.login("admin").access
            // One object of each collection the paths name.
            var ids = known
            for (name, collection) in [("sites", "/v1/sites"), ("zones", "/v1/zones"), ("systems", "/v1/systems"),
                                       ("asset-types", "/v1/asset-types"), ("points", "/v1/points")] {
                let list = try await client.json(collection + "?limit=1", .get, token: admin)
                if let first = list.body.jsonArrayItems.first?["id"] as? String { ids[name] = first }
            }
            var checked = 0
            for (template, item) in paths.sorted(by: { $0.key < $1.key }) {
                guard let get = (item as? [String: Any])?["get"] as? [String: Any], template.hasPrefix("/v1/"),
                      !template.hasPrefix("/v1/live"), !template.contains("/benchmark") else { continue }
                guard let uri = Self.uri(template, ids: ids, globalID: globalID) else { continue }
                let query = queries.first { template.hasSuffix($0.key) }?.value ?? ""
                let response = try await client.json(uri + query, .get, token: admin)
                let responses = get["responses"] as? [String: Any] ?? [:]
                let status = String(response.status.code)
                guard let documented = responses[status] as? [String: Any] else {
                    Issue.record("GET \(template): \(status) is not among the documented \(responses.keys.sorted())")
                    continue
                }
                let type = response.headers[.contentType] ?? ""
                guard type.hasPrefix("application/json") || type.hasPrefix("application/problem+json") else { continue }
                let content = documented["content"] as? [String: Any] ?? [:]
                let media = type.hasPrefix("application/problem+json") ? "application/problem+json" : "application/json"
                guard let schema = (content[media] as? [String: Any])?["schema"] as? [String: Any] else {
                    Issue.record("GET \(template) \(status): \(media) is not documented")
                    continue
                }
                let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
                let problems = SchemaCheck(components: schemas).problems(body, schema, at: "$")
                #expect(problems.isEmpty, "GET \(uri)\(query) \(status): \(problems.prefix(5))")
                checked += 1
            }
            #expect(checked >= 25, "routes checked: \(checked)")
            // Parameters the document types as UUIDs refuse what is not one, empty included.
            for bad in ["/v1/assets?type=", "/v1/assets?site=", "/v1/spaces?zone=", "/v1/assets?site=not-a-uuid"] {
                #expect(try await client.json(bad, .get, token: admin).status == .badRequest, "\(bad)")
            }
        }
    }

    /// A concrete URI for a path template, or nil when a placeholder has no sample value.
    static func uri(_ template: String, ids: [String: String], globalID: String) -> String? {
        var parts: [String] = []
        let segments = template.split(separator: "/").map(String.init)
        for (index, segment) in segments.enumerated() {
            switch segment {
            case "{id}":
                guard index > 0, let id = ids[segments[index - 1]] else { return nil }
                parts.append(id)
            case "{guid}": parts.append(globalID)
            case "{number}", "{to}": parts.append("1")
            case let other where other.hasPrefix("{"): return nil
            default: parts.append(segment)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// The subset of JSON Schema 2020-12 the generated document uses.
struct SchemaCheck {
    let components: [String: Any]

    func problems(_ value: Any, _ schema: [String: Any], at path: String, depth: Int = 0) -> [String] {
        guard depth < 64 else { return [] }
        if let ref = schema["$ref"] as? String {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = components[name] as? [String: Any] else { return ["\(path): unknown $ref \(ref)"] }
            return problems(value, target, at: path, depth: depth + 1)
        }
        if let choices = (schema["anyOf"] ?? schema["oneOf"]) as? [[String: Any]] {
            let results = choices.map { problems(value, $0, at: path, depth: depth + 1) }
            return results.contains(where: \.isEmpty) ? [] : ["\(path): matches none of the alternatives: \(results.flatMap { $0.prefix(2) })"]
        }
        var types: [String] = []
        if let type = schema["type"] as? String { types = [type] } else if let list = schema["type"] as? [String] { types = list }
        if value is NSNull {
            return types.isEmpty || types.contains("null") ? [] : ["\(path): null where \(types) is documented"]
        }
        var found: [String] = []
        if !types.isEmpty, !types.contains(where: { Self.matches(value, $0) }) {
            return ["\(path): \(Self.describe(value)) where \(types) is documented"]
        }
        if let allowed = schema["enum"] as? [Any], let text = value as? String,
           !allowed.contains(where: { ($0 as? String) == text }) {
            found.append("\(path): '\(text)' is not one of \(allowed)")
        }
        if let text = value as? String, let format = schema["format"] as? String {
            if format == "uuid", UUID(uuidString: text) == nil { found.append("\(path): '\(text.prefix(40))' is not a uuid") }
            if format == "date-time", !(text.contains("T") && text.count >= 20) { found.append("\(path): '\(text)' is not a date-time") }
        }
        if let object = value as? [String: Any] {
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                found.append("\(path): required member \(name) is missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (name, member) in object {
                if let memberSchema = properties[name] as? [String: Any] {
                    found += problems(member, memberSchema, at: "\(path).\(name)", depth: depth + 1)
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated().prefix(50) {
                found += problems(element, items, at: "\(path)[\(index)]", depth: depth + 1)
            }
        }
        return found
    }

    static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        // JSONSerialization's booleans are NSNumbers of ObjC type "c" (and NSNumbers bridge to Bool).
        case "boolean": return (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
        case "integer":
            guard let number = value as? NSNumber, !matches(value, "boolean") else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return value is NSNumber && !matches(value, "boolean")
        case "null": return value is NSNull
        default: return true
        }
    }

    static func describe(_ value: Any) -> String {
        switch value {
        case is String: "a string"
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case let n as NSNumber where matches(n, "boolean"): "a boolean"
        case is NSNumber: "a number"
        default: "\(type(of: value))"
        }
    }
}
