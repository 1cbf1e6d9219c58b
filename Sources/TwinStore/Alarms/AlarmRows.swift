import AlarmCore
import Foundation
import PostgresNIO
import TwinDomain

/// Select lists and decoders of the alarm tables. Rules, escalation policies, condition states
/// and alarm records are stored as the JSON their AlarmCore types encode to.
enum AlarmRows {
    static let rule = """
        r.id, r.site_id, r.name, r.point_id, r.quantity, r.asset_kind, r.asset_type_id, r.space_id, r.floor_id, r.building_id,
        r.rule::text AS rule, r.escalation::text AS escalation, r.origin, r.enabled, r.revision, r.created_at, r.updated_at
        """

    static let alarm = """
        al.id, al.site_id, al.building_id, al.floor_id, al.space_id, al.asset_id, al.asset_kind, al.point_id, al.rule_id,
        al.quantity, al.record::text AS record, al.revision
        """

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw RepositoryError.failed(store: "postgresql")
        }
    }

    static func rule(_ row: PostgresRow) throws -> AlarmRuleDefinition {
        let r = row.makeRandomAccess()
        let selector = RuleSelector(pointID: try r["point_id"].decode(UUID?.self), quantity: try r["quantity"].decode(String?.self),
                                    assetKind: try r["asset_kind"].decode(String?.self),
                                    assetTypeID: try r["asset_type_id"].decode(UUID?.self),
                                    spaceID: try r["space_id"].decode(UUID?.self), floorID: try r["floor_id"].decode(UUID?.self),
                                    buildingID: try r["building_id"].decode(UUID?.self), siteID: try r["site_id"].decode(UUID.self))
        return AlarmRuleDefinition(
            id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self), name: try r["name"].decode(String.self),
            selector: selector, rule: try decode(AlarmRule.self, try r["rule"].decode(String.self)),
            escalation: try r["escalation"].decode(String?.self).map { try decode(EscalationPolicy.self, $0) },
            origin: try r["origin"].decode(String.self), enabled: try r["enabled"].decode(Bool.self),
            revision: try r["revision"].decode(Int64.self), createdAt: try r["created_at"].decode(Date.self),
            updatedAt: try r["updated_at"].decode(Date.self))
    }

    static func alarm(_ row: PostgresRow) throws -> Alarm {
        let r = row.makeRandomAccess()
        return Alarm(id: try r["id"].decode(UUID.self), siteID: try r["site_id"].decode(UUID.self),
                     buildingID: try r["building_id"].decode(UUID?.self), floorID: try r["floor_id"].decode(UUID?.self),
                     spaceID: try r["space_id"].decode(UUID?.self), assetID: try r["asset_id"].decode(UUID?.self),
                     assetKind: try r["asset_kind"].decode(String?.self), pointID: try r["point_id"].decode(UUID.self),
                     ruleID: try r["rule_id"].decode(UUID.self), quantity: try r["quantity"].decode(String.self),
                     record: try decode(AlarmRecord.self, try r["record"].decode(String.self)),
                     revision: try r["revision"].decode(Int64.self))
    }

    static func date(_ micros: Int64) -> Date { Date(timeIntervalSince1970: Double(micros) / 1_000_000) }
}
