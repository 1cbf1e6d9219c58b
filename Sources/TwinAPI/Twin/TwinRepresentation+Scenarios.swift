import Foundation
import TwinDomain

extension TwinRepresentation {
    static func scenarioRun(_ r: ScenarioRun) -> JSONValue {
        .object([("id", .uuid(r.id)), ("site_id", .uuid(r.siteID)), ("building_id", .uuid(r.buildingID)), ("name", .string(r.name)),
                 ("target_asset_id", .uuid(r.targetAssetID)), ("target", .string(r.targetName)), ("state", .string(r.state.rawValue)),
                 ("started_at", .date(r.startedAt)), ("started_by", .string(r.startedBy)), ("stopped_at", .date(r.stoppedAt)),
                 ("stopped_by", .text(r.stoppedBy)), ("revision", .int(Int(r.revision)))])
    }
}
