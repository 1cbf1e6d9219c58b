import TwinDomain

extension APICatalog {
    static var twin: [APIOperation] {
        let building = query("building", .uuid, "Only in this building.")
        let site = query("site", .uuid, "Only in this site.")
        let assetFilters: [P] = [
            site, building, query("floor", .uuid, "Only on this floor."), query("space", .uuid, "Only in this space."),
            query("system", .uuid, "Only members of this system."), query("type", .uuid, "Only of this asset type."),
            query("parent", .uuid, "Only mounted in this rack."), kinds,
            query("q", .string(), "Case-insensitive text in name, tag, serial number, IFC GlobalId or COBie name."),
            query("global_id", .string(), "Only these GlobalIds (IFC GlobalId or COBie ExtIdentifier; repeat the parameter or separate with commas; at most 100).",
                  repeatable: true),
            query("cobie_name", .string(), "Only these COBie component names, exactly (repeat the parameter; at most 100).",
                  repeatable: true),
            query("include_retired", .boolean, "Include assets a later model version no longer contains."),
        ]
        let hits = json("200", "Matching assets with `distance` (metres) where the query has a point. Without `fields`, each hit carries "
                        + "only \(SpatialHitMember.compactDefault.map { "`\($0.rawValue)`" }.joined(separator: ", ")) (built by the database, "
                        + "for viewers that ask on every click); name any asset members in `fields` to get them.", list("AssetHit"))
        let spatial = { (path: String, summary: String, parameters: [P], limit: Int) in
            APIOperation(method: "get", path: path, summary: summary, tag: "Spatial queries", access: .requires(.assetsRead),
                         feature: .twin,
                         parameters: [id("id", "building")] + parameters + [kinds, hitLimit(default: limit), fields(TwinFields.assetDistance)],
                         replies: [hits, badParameter, notFound])
        }
        let assetBody = APIOperation.Body(contentTypes: [("application/json", .ref("AssetInput"))], description: "The asset.")
        let patchBody = APIOperation.Body(contentTypes: [("application/merge-patch+json", .ref("AssetPatch")),
                                                         ("application/json", .ref("AssetPatch"))],
                                          description: "Members to change; null clears.")
        let ruleProblems: [R] = [problem("409", "A rule refuses the change; `errors[0].message` is the rule (asset.mounting-overlap, asset.u-out-of-range, asset.parent-not-rack, asset.model-owned, asset.has-children)."),
                                 problem("422", "The body is not a valid asset; `errors[].field` names the member.")]
        return [
            twinList("/v1/sites", "Sites in scope.", "Site", fields: TwinFields.site, tag: "Sites"),
            twinObject("/v1/sites/{id}", "One site.", "Site", fields: TwinFields.site, tag: "Sites"),
            twinList("/v1/buildings", "Buildings in scope.", "Building", fields: TwinFields.building, tag: "Buildings", filters: [site]),
            twinObject("/v1/buildings/{id}", "One building.", "Building", fields: TwinFields.building, tag: "Buildings"),
            byGlobalID("/v1/buildings", "Building", fields: TwinFields.building, tag: "Buildings"),
            APIOperation(method: "get", path: "/v1/buildings/{id}/tree",
                         summary: "A navigator's outline: floors with their spaces, zones, systems and asset counts per kind (assets with include=assets).",
                         tag: "Buildings", access: .requires(.assetsRead), feature: .twin,
                         parameters: [id("id", "building"),
                                      query("include", .enumeration(["assets"]), "`assets`: the full tree instead, every asset nested under its space or rack (large)."),
                                      query("fields", .string(), "With include=assets: comma-separated asset members to keep (\(TwinFields.asset.joined(separator: ", "))); `children` always stays; unknown names are a 400."),
                                      ifNoneMatch],
                         replies: [json("200", "The outline (default) or, with include=assets, the full tree; ETag is a hash of it.",
                                        .anyOf([.ref("BuildingOutline"), .ref("BuildingTree")]), headers: ["ETag"]),
                                   notModified, badParameter, notFound]),
            twinList("/v1/floors", "Floors in scope.", "Floor", fields: TwinFields.floor, tag: "Floors", filters: [building]),
            twinObject("/v1/floors/{id}", "One floor.", "Floor", fields: TwinFields.floor, tag: "Floors"),
            byGlobalID("/v1/floors", "Floor", fields: TwinFields.floor, tag: "Floors"),
            twinList("/v1/spaces", "Spaces (rooms) in scope.", "Space", fields: TwinFields.space, tag: "Spaces",
                     filters: [building, query("floor", .uuid, "Only on this floor."), query("zone", .uuid, "Only in this zone."),
                               query("q", .string(), "Case-insensitive text in name, long name, IFC GlobalId or COBie name.")]),
            twinObject("/v1/spaces/{id}", "One space.", "Space", fields: TwinFields.space, tag: "Spaces"),
            byGlobalID("/v1/spaces", "Space", fields: TwinFields.space, tag: "Spaces"),
            twinList("/v1/zones", "Zones in scope.", "Zone", fields: TwinFields.zone, tag: "Zones", filters: [building]),
            twinObject("/v1/zones/{id}", "One zone.", "Zone", fields: TwinFields.zone, tag: "Zones"),
            twinList("/v1/systems", "Systems in scope.", "System", fields: TwinFields.system, tag: "Systems", filters: [building]),
            twinObject("/v1/systems/{id}", "One system.", "System", fields: TwinFields.system, tag: "Systems"),
            twinList("/v1/asset-types", "Asset (product) types in scope.", "AssetType", fields: TwinFields.assetType, tag: "Assets",
                     filters: [site]),
            twinObject("/v1/asset-types/{id}", "One asset type.", "AssetType", fields: TwinFields.assetType, tag: "Assets"),
            {
                // The inventory as CSV (`format=csv` or `Accept: text/csv`): every page, streamed, formula-safe.
                var list = twinList("/v1/assets", "Assets in scope, filtered; `format=csv` streams every match as a spreadsheet-safe inventory (name, kind, type, rack, u_position, serial, asset_tag, ip, status, power_draw_w, installed_on, space, floor).",
                                    "Asset", fields: TwinFields.asset, tag: "Assets",
                                    filters: assetFilters + [query("format", .enumeration(["json", "csv"]), "`csv` for the inventory export.")])
                list.replies[0].contentTypes.append(("text/csv", .string()))
                return list
            }(),
            twinObject("/v1/assets/{id}", "One asset.", "Asset", fields: TwinFields.asset, tag: "Assets"),
            byGlobalID("/v1/assets", "Asset", fields: TwinFields.asset, tag: "Assets"),
            APIOperation(method: "get", path: "/v1/assets/{id}/bim", summary: "The asset's BIM document in its model's active version.",
                         tag: "Assets", access: .requires(.assetsRead), feature: .twin, parameters: [id("id", "asset"), ifNoneMatch],
                         replies: [json("200", "Attributes, property sets (typed values with units), classifications and relations by reference.", .ref("EntityDocument"), headers: ["ETag"]), notModified, notFound]),
            APIOperation(method: "post", path: "/v1/assets", summary: "Create an asset no model contains (e.g. a server mounted later).",
                         tag: "Assets", access: .requires(.assetsWrite), feature: .twin, body: assetBody,
                         replies: [json("201", "Created; `Location` and `ETag` set.", .ref("Asset"), headers: ["Location", "ETag"]),
                                   problem("404", "The site or building is outside your scope.")] + ruleProblems),
            APIOperation(method: "patch", path: "/v1/assets/{id}", summary: "Change an API-created asset (optimistic concurrency).",
                         tag: "Assets", access: .requires(.assetsWrite), feature: .twin, parameters: [id("id", "asset"), ifMatch],
                         body: patchBody,
                         replies: [json("200", "The updated asset; new `ETag`.", .ref("Asset"), headers: ["ETag"]), notFound,
                                   problem("412", "If-Match names an older revision."),
                                   problem("428", "If-Match is required.")] + ruleProblems),
            APIOperation(method: "delete", path: "/v1/assets/{id}", summary: "Delete an API-created asset (racks must be empty).",
                         tag: "Assets", access: .requires(.assetsWrite), feature: .twin, parameters: [id("id", "asset"), ifMatch],
                         replies: [R(status: "204", description: "Deleted."), notFound, problem("412", "If-Match names an older revision."),
                                   problem("409", "A rule refuses the delete (asset.model-owned, asset.has-children).")]),
            APIOperation(method: "get", path: "/v1/buildings/{id}/spaces/at", summary: "The space containing a point.",
                         tag: "Spatial queries", access: .requires(.assetsRead), feature: .twin,
                         parameters: [id("id", "building")] + spatialPoint + [fields(TwinFields.space)],
                         replies: [json("200", "The space.", .ref("Space"), headers: ["ETag"]), badParameter,
                                   problem("404", "No visible building, or no space contains the point.")]),
            spatial("/v1/buildings/{id}/assets/near", "Assets within a radius of a point, nearest first.",
                    spatialPoint + [query("radius", .number, "Metres (> 0, at most 100000).", required: true)],
                    SpatialQueryController.defaultHitLimit),
            spatial("/v1/buildings/{id}/assets/in-box", "Assets whose box meets a box.",
                    [query("bbox", .string(), "minx,miny,minz,maxx,maxy,maxz in metres.", required: true)],
                    SpatialQueryController.defaultHitLimit),
            spatial("/v1/buildings/{id}/assets/nearest", "The nearest assets to a point (KNN).", spatialPoint,
                    SpatialQueryController.defaultNearestLimit),
            APIOperation(method: "get", path: "/v1/spaces/{id}/assets", summary: "Assets in a space (assigned or positioned inside).",
                         tag: "Spatial queries", access: .requires(.assetsRead), feature: .twin,
                         parameters: [id("id", "space"), kinds, hitLimit(default: SpatialQueryController.defaultHitLimit), fields(TwinFields.assetDistance)],
                         replies: [hits, badParameter, notFound]),
            twinList("/v1/models", "Imported models in scope.", "Model", fields: TwinFields.model, tag: "Models", filters: [site]),
            twinObject("/v1/models/{id}", "One model.", "Model", fields: TwinFields.model, tag: "Models"),
            APIOperation(method: "get", path: "/v1/models/{id}/versions", summary: "A model's versions, oldest first.", tag: "Models",
                         access: .requires(.assetsRead), feature: .twin, parameters: [id("id", "model"), fields(TwinFields.version)],
                         replies: [json("200", "Versions (one page).", list("ModelVersion")), notFound]),
            APIOperation(method: "get", path: "/v1/models/{id}/versions/{number}", summary: "One (immutable) version.", tag: "Models",
                         access: .requires(.assetsRead), feature: .twin,
                         parameters: [id("id", "model"), P(name: "number", location: .path, required: true,
                                                           schema: .integer(minimum: 1), description: "Version number."),
                                      fields(TwinFields.version), ifNoneMatch],
                         replies: [json("200", "The version.", .ref("ModelVersion"), headers: ["ETag"]), notModified, notFound]),
            APIOperation(method: "get", path: "/v1/models/{id}/versions/{number}/diff/{to}",
                         summary: "Entities added, removed and changed (attributes, property sets, placement, geometry) between two versions.",
                         tag: "Models", access: .requires(.assetsRead), feature: .twin,
                         parameters: [id("id", "model"),
                                      P(name: "number", location: .path, required: true, schema: .integer(minimum: 1), description: "Older version."),
                                      P(name: "to", location: .path, required: true, schema: .integer(minimum: 1), description: "Newer version."),
                                      ifNoneMatch],
                         replies: [json("200", "The diff.", .ref("ModelDiff"), headers: ["ETag"]), notModified, notFound]),
        ].map(withAuthProblems)
    }

    static var imports: [APIOperation] {
        let body = APIOperation.Body(contentTypes: [
            ("application/octet-stream", .binary(contentType: "application/octet-stream")),
            ("multipart/form-data", .object([("file", .binary(contentType: "application/octet-stream")), ("site", .uuid), ("model", .uuid)],
                                            required: ["file"])),
        ], description: "The upload (.ifc, .ifczip, .ifc.gz, COBie .xlsx or SpreadsheetML .xml; the format is sniffed from the bytes).")
        return [
            APIOperation(method: "post", path: "/v1/imports", summary: "Upload a model file; the import runs in the background.",
                         tag: "Imports", access: .requires(.importsCreate), feature: .imports,
                         parameters: [query("site", .uuid, "Import into this site (else a site is created from the file)."),
                                      query("model", .uuid, "Re-import: add a version to this model."),
                                      query("name", .string(), "File name to record (raw uploads).")],
                         body: body,
                         replies: [json("202", "Accepted; `Location` is the job.", .ref("ImportJob"), headers: ["Location"]),
                                   problem("400", "Malformed multipart body or parameter."), notFound,
                                   problem("413", "Larger than ATRIUM_IMPORT_MAX_BYTES."),
                                   problem("415", "Not a format Atrium imports, judged from the bytes before any job exists (`import.unsupported-format`, `import.not-ifc`)."),
                                   problem("422", "Refused before any job exists: empty (`import.empty`), a zip bomb or a damaged archive; `errors` carries the code. Problems found while parsing (a truncated file, an invalid workbook) fail the job instead."),
                                   problem("429", "ATRIUM_IMPORT_MAX_QUEUED imports are waiting (`import.queue-full`); honour `Retry-After`."),
                                   problem("507", "Your waiting uploads would exceed ATRIUM_IMPORT_QUOTA_BYTES (`import.quota-exceeded`).")]),
            APIOperation(method: "get", path: "/v1/imports", summary: "Import jobs the caller may see, newest first.", tag: "Imports",
                         access: .requires(.importsCreate), feature: .imports, parameters: page + [fields(TwinFields.job)],
                         replies: [json("200", "One page.", list("ImportJob"), headers: ["Link"]), badParameter]),
            APIOperation(method: "get", path: "/v1/imports/{id}", summary: "One job: status, phase, percent, messages.", tag: "Imports",
                         access: .requires(.importsCreate), feature: .imports, parameters: [id("id", "job"), fields(TwinFields.job)],
                         replies: [json("200", "The job.", .ref("ImportJob")), notFound]),
        ].map(withAuthProblems)
    }

    static var geometry: [APIOperation] {
        let glb = { (path: String, what: String, extra: [P]) in
            APIOperation(method: "get", path: path, summary: "Binary glTF 2.0 of \(what).", tag: "Geometry",
                         access: .requires(.assetsRead), feature: .geometry, parameters: [id("id", what)] + extra + [ifNoneMatch],
                         replies: [R(status: "200", description: "GLB; `ETag` is version + target.",
                                     contentTypes: [("model/gltf-binary", .binary(contentType: "model/gltf-binary"))], headers: ["ETag"]),
                                   notModified, badParameter, notFound])
        }
        return [
            glb("/v1/floors/{id}/geometry.glb", "floor", []),
            glb("/v1/spaces/{id}/geometry.glb", "space", []),
            glb("/v1/assets/{id}/geometry.glb", "asset", []),
            glb("/v1/buildings/{id}/geometry.glb", "building",
                [query("bbox", .string(), "Only products meeting minx,miny,minz,maxx,maxy,maxz (metres).")]),
            APIOperation(method: "get", path: "/v1/buildings/{id}/tiles", summary: "Tile index: GLB tiles with their boxes, for viewport streaming.",
                         tag: "Geometry", access: .requires(.assetsRead), feature: .geometry, parameters: [id("id", "building")],
                         replies: [json("200", "Tiles.", .freeForm), notFound]),
        ].map(withAuthProblems)
    }

    static func withAuthProblems(_ operation: APIOperation) -> APIOperation {
        var operation = operation
        operation.replies += [problem("401", "Missing or invalid credentials."), problem("403", "The permission is held nowhere.")]
        return operation
    }
}
