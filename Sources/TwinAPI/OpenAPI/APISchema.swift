import Foundation

/// A JSON Schema (2020-12, as OpenAPI 3.1 uses it) for one value of the API.
indirect enum APISchema: Sendable {
    case string(format: String? = nil)
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    case number
    case boolean
    case enumeration([String])
    case array(APISchema)
    /// Members in order; `required` lists those always present; `nullable` those that may be null.
    case object([(String, APISchema)], required: [String] = [], nullable: Set<String> = [])
    /// Free-form object (user data such as property sets).
    case freeForm
    case ref(String)
    /// One of these shapes (a response whose shape a parameter chooses).
    case anyOf([APISchema])
    case binary(contentType: String)
    case any

    static let uuid = APISchema.string(format: "uuid")
    static let dateTime = APISchema.string(format: "date-time")

    func json(nullable: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)]
        switch self {
        case .string(let format):
            members = [("type", .string("string"))]
            if let format { members.append(("format", .string(format))) }
        case .integer(let minimum, let maximum):
            members = [("type", .string("integer"))]
            if let minimum { members.append(("minimum", .int(minimum))) }
            if let maximum { members.append(("maximum", .int(maximum))) }
        case .number: members = [("type", .string("number"))]
        case .boolean: members = [("type", .string("boolean"))]
        case .enumeration(let values):
            members = [("type", .string("string")), ("enum", .array(values.map { .string($0) }))]
            if nullable { members[1].1 = .array(values.map { .string($0) } + [.null]) }
        case .array(let items): members = [("type", .string("array")), ("items", items.json())]
        case .object(let properties, let required, let nullableMembers):
            members = [("type", .string("object")),
                       ("properties", .object(properties.map { ($0.0, $0.1.json(nullable: nullableMembers.contains($0.0))) }))]
            if !required.isEmpty { members.append(("required", .array(required.map { .string($0) }))) }
        case .freeForm: members = [("type", .string("object")), ("additionalProperties", .bool(true))]
        case .ref(let name):
            let ref = JSONValue.object([("$ref", .string("#/components/schemas/\(name)"))])
            return nullable ? .object([("oneOf", .array([ref, .object([("type", .string("null"))])]))]) : ref
        case .binary: members = [("type", .string("string")), ("contentMediaType", .string("application/octet-stream"))]
        case .any: return .object([])
        case .anyOf(let choices): return .object([("anyOf", .array(choices.map { $0.json() }))])
        }
        if nullable, case .string(let type)? = members.first(where: { $0.0 == "type" })?.1 {
            let index = members.firstIndex { $0.0 == "type" }!
            members[index].1 = .array([.string(type), .string("null")])
        }
        return .object(members)
    }

    /// The schema of a representation, read off a fully populated sample and a minimal one:
    /// a member that is null in the minimal sample is nullable. Ids and timestamps are
    /// recognised by their snake_case suffixes; user-data members are free-form.
    static func inferred(full: JSONValue, minimal: JSONValue?) -> APISchema {
        infer(full, key: "", minimal: minimal)
    }

    static let freeFormKeys: Set<String> = ["properties", "attributes", "property_sets", "counts", "diff_summary", "summary",
                                            "asset_counts"]

    /// Nullability is read at every depth (a nested `source.ifc_global_id` can be null too), and an
    /// `_id` member is a UUID only when the sample's value is one: GlobalIds and file ids are not.
    private static func infer(_ value: JSONValue, key: String, minimal: JSONValue?) -> APISchema {
        if freeFormKeys.contains(key) { return .freeForm }
        switch value {
        case .null: return .any
        case .bool: return .boolean
        case .int: return .integer()
        case .double: return .number
        case .string(let text):
            if key == "id" || key.hasSuffix("_id") { return UUID(uuidString: text) != nil ? .uuid : .string() }
            if key.hasSuffix("_at") || key.hasSuffix("_on") { return .dateTime }
            return .string()
        case .array(let items):
            if key.hasSuffix("_ids") { return .array(.uuid) }
            var minimalItem: JSONValue?
            if case .array(let minimalItems)? = minimal { minimalItem = minimalItems.first }
            return .array(items.first.map { infer($0, key: "", minimal: minimalItem) } ?? .any)
        case .object(let members):
            var nullable = Set<String>()
            var properties: [(String, APISchema)] = []
            for (member, memberValue) in members {
                let counterpart = minimal?[member]
                if counterpart == .null { nullable.insert(member) }
                properties.append((member, infer(memberValue, key: member, minimal: counterpart)))
            }
            return .object(properties, required: members.map(\.0), nullable: nullable)
        }
    }
}
