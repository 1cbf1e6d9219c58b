import TwinDomain

/// The one Swift description of every route Atrium serves, from which `/openapi.json` is
/// generated; `OpenAPIConsistencyTests` proves it matches the router both ways.
enum APICatalog {
    typealias P = APIOperation.Parameter
    typealias R = APIOperation.Reply

    static var all: [APIOperation] { core + security + twin + imports + geometry + telemetry + alarms + webhooks + scenarios + capacity + energy + deviceImports + reports }

    // MARK: Building blocks

    static func id(_ name: String = "id", _ what: String = "object") -> P {
        P(name: name, location: .path, required: true, schema: .uuid, description: "The \(what)'s id.")
    }

    static func query(_ name: String, _ schema: APISchema, _ description: String, required: Bool = false,
                      repeatable: Bool = false) -> P {
        P(name: name, location: .query, required: required, schema: schema, description: description, repeatable: repeatable)
    }

    static func fields(_ names: [String]) -> P {
        query("fields", .string(), "Comma-separated top-level members to return (\(names.joined(separator: ", "))); unknown names are a 400.")
    }

    static let page: [P] = [
        query("cursor", .string(), "Opaque cursor from the previous page's `next_cursor`."),
        query("limit", .integer(minimum: 1, maximum: 1000), "Page size (default 100)."),
    ]

    static let ifNoneMatch = P(name: "If-None-Match", location: .header, required: false, schema: .string(),
                               description: "An ETag from an earlier response; answered with 304 when unchanged.")
    static let ifMatch = P(name: "If-Match", location: .header, required: false, schema: .string(),
                           description: "The ETag (`\"r<revision>\"`) the change is based on.")

    static func problem(_ status: String, _ description: String) -> R {
        R(status: status, description: description, contentTypes: [("application/problem+json", .ref("Problem"))])
    }

    static func json(_ status: String, _ description: String, _ schema: APISchema, headers: [String] = []) -> R {
        R(status: status, description: description, contentTypes: [("application/json", schema)], headers: headers)
    }

    static func list(_ item: String) -> APISchema {
        .object([("items", .array(.ref(item))), ("next_cursor", .string())], required: ["items", "next_cursor"],
                nullable: ["next_cursor"])
    }

    static let notModified = R(status: "304", description: "Not modified (If-None-Match matched).", headers: ["ETag"])
    static let badParameter = problem("400", "A query parameter is malformed; `errors[].field` names it.")
    static let notFound = problem("404", "No such object, or it is outside your scope.")

    static let spatialPoint: [P] = [
        query("x", .number, "Local X, metres.", required: true), query("y", .number, "Local Y, metres.", required: true),
        query("z", .number, "Local Z, metres.", required: true),
    ]
    static let kinds = query("kind", .enumeration(AssetKind.allCases.map(\.rawValue)),
                             "Asset kinds (repeat the parameter or separate with commas).", repeatable: true)
    /// Spatial answers are one unpaged list, so the default is part of the contract.
    static func hitLimit(default value: Int) -> P {
        query("limit", .integer(minimum: 1, maximum: 1000), "At most this many results, nearest first where there is a point (default \(value)).")
    }

    static func twinList(_ path: String, _ summary: String, _ item: String, fields names: [String], tag: String,
                         filters: [P] = [], feature: APIFeature = .twin) -> APIOperation {
        APIOperation(method: "get", path: path, summary: summary, tag: tag, access: .requires(.assetsRead), feature: feature,
                     parameters: filters + page + [fields(names)],
                     replies: [json("200", "One page; `Link: <…>; rel=\"next\"` when there is more.", list(item), headers: ["Link"]),
                               badParameter])
    }

    static func twinObject(_ path: String, _ summary: String, _ item: String, fields names: [String], tag: String,
                           feature: APIFeature = .twin) -> APIOperation {
        APIOperation(method: "get", path: path, summary: summary, tag: tag, access: .requires(.assetsRead), feature: feature,
                     parameters: [id("id", item.lowercased()), fields(names), ifNoneMatch],
                     replies: [json("200", "The object; `ETag` is its revision.", .ref(item), headers: ["ETag"]), notModified,
                               badParameter, notFound])
    }

    static func byGlobalID(_ collection: String, _ item: String, fields names: [String], tag: String) -> APIOperation {
        APIOperation(method: "get", path: "\(collection)/by-global-id/{guid}",
                     summary: "The current \(item.lowercased()) with this IFC GlobalId (what a BIM viewer's selection names).",
                     tag: tag, access: .requires(.assetsRead), feature: .twin,
                     parameters: [P(name: "guid", location: .path, required: true, schema: .string(),
                                    description: "IFC GlobalId (22 characters of IFC base 64), or the ExtIdentifier of a COBie-imported object: 1–64 characters of 0-9, A-Z, a-z, _, $, - and braces."),
                                  query("model", .uuid, "Only in this model (when one file was imported for several sites)."),
                                  fields(names), ifNoneMatch],
                     replies: [json("200", "The object itself, not a redirect; `Content-Location` is its canonical URL, `ETag` its revision.",
                                    .ref(item), headers: ["ETag", "Content-Location"]), notModified,
                               problem("400", "Not a GlobalId, or a malformed parameter."), notFound,
                               problem("409", "Several current objects in scope carry the GlobalId; `errors[].message` lists their ids; add `model`.")])
    }
}
