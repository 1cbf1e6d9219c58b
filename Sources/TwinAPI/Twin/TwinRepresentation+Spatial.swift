import Foundation
import TwinDomain

extension TwinRepresentation {
    static func site(_ s: Site) -> JSONValue {
        .object([("id", .uuid(s.id)), ("name", .string(s.name)), ("description", .text(s.description)),
                 ("location", location(s.location)), ("source", source(s.source)), ("revision", .int(s.revision)),
                 ("created_at", .date(s.createdAt)), ("updated_at", .date(s.updatedAt))])
    }

    static func building(_ b: Building) -> JSONValue {
        .object([("id", .uuid(b.id)), ("site_id", .uuid(b.siteID)), ("model_id", .uuid(b.modelID)),
                  ("name", .string(b.name)), ("description", .text(b.description)), ("elevation", .number(b.elevation)),
                  ("box", box(b.box)), ("source", source(b.source))]
                 + tail(retired: b.retiredInVersion, revision: b.revision, created: b.createdAt, updated: b.updatedAt))
    }

    static func floor(_ f: Floor) -> JSONValue {
        .object([("id", .uuid(f.id)), ("site_id", .uuid(f.siteID)), ("building_id", .uuid(f.buildingID)),
                  ("name", .string(f.name)), ("description", .text(f.description)), ("elevation", .number(f.elevation)),
                  ("height", .number(f.height)), ("footprint", footprint(f.footprint)), ("box", box(f.box)),
                  ("source", source(f.source))]
                 + tail(retired: f.retiredInVersion, revision: f.revision, created: f.createdAt, updated: f.updatedAt))
    }

    static func space(_ s: Space) -> JSONValue {
        .object([("id", .uuid(s.id)), ("site_id", .uuid(s.siteID)), ("building_id", .uuid(s.buildingID)),
                  ("floor_id", .uuid(s.floorID)), ("name", .string(s.name)), ("long_name", .text(s.longName)),
                  ("description", .text(s.description)), ("area", .number(s.area)), ("height", .number(s.height)),
                  ("footprint", footprint(s.footprint)), ("box", box(s.box)), ("zone_ids", ids(s.zoneIDs)),
                  ("properties", properties(s.properties)), ("source", source(s.source))]
                 + tail(retired: s.retiredInVersion, revision: s.revision, created: s.createdAt, updated: s.updatedAt))
    }

    static func zone(_ z: Zone) -> JSONValue {
        .object([("id", .uuid(z.id)), ("site_id", .uuid(z.siteID)), ("building_id", .uuid(z.buildingID)),
                  ("name", .string(z.name)), ("category", .text(z.category)), ("description", .text(z.description)),
                  ("space_ids", ids(z.spaceIDs)), ("source", source(z.source))]
                 + tail(retired: z.retiredInVersion, revision: z.revision, created: z.createdAt, updated: z.updatedAt))
    }

    static func system(_ s: BuildingSystem) -> JSONValue {
        .object([("id", .uuid(s.id)), ("site_id", .uuid(s.siteID)), ("building_id", .uuid(s.buildingID)),
                  ("name", .string(s.name)), ("category", .text(s.category)), ("description", .text(s.description)),
                  ("asset_ids", ids(s.assetIDs)), ("source", source(s.source))]
                 + tail(retired: s.retiredInVersion, revision: s.revision, created: s.createdAt, updated: s.updatedAt))
    }
}
