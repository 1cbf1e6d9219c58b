import Foundation
import TwinDomain

extension TwinRepresentation {
    static func assetType(_ t: AssetType) -> JSONValue {
        .object([("id", .uuid(t.id)), ("site_id", .uuid(t.siteID)), ("name", .string(t.name)),
                  ("kind", .text(t.kind?.rawValue)), ("manufacturer", .text(t.manufacturer)),
                  ("model_number", .text(t.modelNumber)), ("category", .text(t.category)),
                  ("description", .text(t.description)), ("warranty_months", .integer(t.warrantyMonths)),
                  ("properties", properties(t.properties)), ("source", source(t.source))]
                 + tail(retired: t.retiredInVersion, revision: t.revision, created: t.createdAt, updated: t.updatedAt))
    }

    static func rack(_ r: RackCapacity?) -> JSONValue {
        guard let r else { return .null }
        return .object([("u_height", .int(r.uHeight)), ("power_budget_w", .number(r.powerBudgetW)),
                        ("weight_budget_kg", .number(r.weightBudgetKg)), ("cooling_budget_w", .number(r.coolingBudgetW))])
    }

    static func mounting(_ m: RackMounting?) -> JSONValue {
        guard let m else { return .null }
        return .object([("u_position", .int(m.uPosition)), ("u_height", .int(m.uHeight))])
    }

    static func assetMembers(_ a: Asset) -> [(String, JSONValue)] {
        [("id", .uuid(a.id)), ("site_id", .uuid(a.siteID)), ("building_id", .uuid(a.buildingID)),
         ("floor_id", .uuid(a.floorID)), ("space_id", .uuid(a.spaceID)), ("type_id", .uuid(a.typeID)),
         ("parent_id", .uuid(a.parentID)), ("kind", .string(a.kind.rawValue)), ("name", .string(a.name)),
         ("tag", .text(a.tag)), ("serial_number", .text(a.serialNumber)), ("description", .text(a.description)),
         ("position", point(a.position)), ("box", box(a.box)), ("rack", rack(a.rack)), ("mounting", mounting(a.mounting)),
         ("power_draw_w", .number(a.powerDrawW)), ("weight_kg", .number(a.weightKg)),
         ("rated_capacity_w", .number(a.ratedCapacityW)), ("installed_on", .date(a.installedOn)),
         ("warranty_ends_on", .date(a.warrantyEndsOn)), ("system_ids", ids(a.systemIDs)),
         ("properties", properties(a.properties)), ("source", source(a.source)), ("model_id", .uuid(a.modelID))]
            + tail(retired: a.retiredInVersion, revision: a.revision, created: a.createdAt, updated: a.updatedAt)
    }

    static func asset(_ a: Asset) -> JSONValue { .object(assetMembers(a)) }

    /// A spatial hit: the asset plus `distance` (metres, null when the query has no point).
    static func assetDistance(_ hit: AssetDistance) -> JSONValue {
        .object(assetMembers(hit.asset) + [("distance", .number(hit.distance))])
    }

    /// An asset with its `children`, keeping only `fields` of the asset's members when given.
    static func assetNode(_ node: BuildingTree.AssetNode, fields: Set<String>? = nil) -> JSONValue {
        var members = assetMembers(node.asset)
        if let fields { members = members.filter { fields.contains($0.0) } }
        return .object(members + [("children", .array(node.children.map { assetNode($0, fields: fields) }))])
    }

    static func tree(_ tree: BuildingTree, assetFields: Set<String>? = nil) -> JSONValue {
        let assetNode = { (node: BuildingTree.AssetNode) in Self.assetNode(node, fields: assetFields) }
        return .object([
            ("building", building(tree.building)),
            ("floors", .array(tree.floors.map { floorNode in
                .object([
                    ("floor", floor(floorNode.floor)),
                    ("spaces", .array(floorNode.spaces.map { spaceNode in
                        .object([("space", space(spaceNode.space)), ("assets", .array(spaceNode.assets.map(assetNode)))])
                    })),
                    ("assets", .array(floorNode.assets.map(assetNode))),
                ])
            })),
            ("assets", .array(tree.assets.map(assetNode))),
        ])
    }
}
