import AlarmCore
import Foundation
import Logging
import TwinDomain

/// Alarm rules: read with `assets.read`, created and deleted with `alarms.manage` on the rule's
/// site (or building, for a rule confined to one), audited through the change gateway. The
/// engine reloads after each change.
public struct AlarmRuleService: Sendable {
    let store: any AlarmRepository & TwinRepository
    let gateway: ChangeGateway<any TwinTransaction>
    let monitor: AlarmMonitor?
    let logger: Logger

    public init(store: any AlarmRepository & TwinRepository, monitor: AlarmMonitor? = nil, logger: Logger) {
        self.store = store
        self.gateway = ChangeGateway(store: TwinAuditedStore(base: store), logger: logger)
        self.monitor = monitor
        self.logger = logger
    }

    public func rules(siteID: UUID?, page: PageRequest, principal: Principal) async throws -> Page<AlarmRuleDefinition> {
        try await store.alarmRules(siteID: siteID, page: page, scope: principal.scope(for: .assetsRead))
    }

    public func rule(id: UUID, principal: Principal) async throws -> AlarmRuleDefinition? {
        try await store.alarmRule(id: id, scope: principal.scope(for: .assetsRead))
    }

    /// Stores a new rule; the selector's place must lie in the rule's site.
    public func create(_ candidate: AlarmRuleDefinition, by principal: Principal, context: AuditContext) async throws -> AlarmRuleDefinition {
        var rule = candidate
        rule.selector.siteID = rule.siteID
        rule.origin = "manual"
        let name = rule.name.trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(name.count) else { throw RuleError(field: "name", reason: "1…200 characters") }
        rule.name = name
        try rule.selector.validate()
        let readScope = AccessScope.everything
        if let building = rule.selector.buildingID {
            guard let found = try await store.building(id: building, scope: readScope), found.siteID == rule.siteID else {
                throw RuleError(field: "selector.building_id", reason: "no such building in the rule's site")
            }
        }
        if let floor = rule.selector.floorID {
            guard let found = try await store.floor(id: floor, scope: readScope), found.siteID == rule.siteID else {
                throw RuleError(field: "selector.floor_id", reason: "no such floor in the rule's site")
            }
            rule.selector.buildingID = rule.selector.buildingID ?? found.buildingID
        }
        if let space = rule.selector.spaceID {
            guard let found = try await store.space(id: space, scope: readScope), found.siteID == rule.siteID else {
                throw RuleError(field: "selector.space_id", reason: "no such space in the rule's site")
            }
            rule.selector.buildingID = rule.selector.buildingID ?? found.buildingID
        }
        let change = Change(permission: .alarmsManage, action: "alarm-rule.create", objectKind: "alarm-rule",
                            objectID: rule.id.uuidString.lowercased(), siteID: rule.siteID, buildingID: rule.selector.buildingID)
        let candidateRule = rule
        let stored = try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(siteID: candidateRule.siteID, buildingID: candidateRule.selector.buildingID)
            let stored = try await tx.insertAlarmRule(candidateRule)
            return ChangeResult(stored, siteID: stored.siteID, buildingID: stored.selector.buildingID, after: Self.audit(stored))
        }
        await reload()
        return stored
    }

    /// Deletes a rule with its condition states and alarms; false when it is not visible.
    public func delete(id: UUID, by principal: Principal, context: AuditContext) async throws -> Bool {
        guard let visible = try await store.alarmRule(id: id, scope: principal.scope(for: .assetsRead)) else { return false }
        let change = Change(permission: .alarmsManage, action: "alarm-rule.delete", objectKind: "alarm-rule",
                            objectID: id.uuidString.lowercased(), siteID: visible.siteID, buildingID: visible.selector.buildingID)
        let deleted = try await gateway.perform(change, by: principal, context: context) { tx, scope in
            try scope.require(siteID: visible.siteID, buildingID: visible.selector.buildingID)
            guard let gone = try await tx.deleteAlarmRule(id: id) else { throw RepositoryError.notFound }
            return ChangeResult(true, siteID: gone.siteID, buildingID: gone.selector.buildingID, before: Self.audit(gone))
        }
        await reload()
        return deleted
    }

    private func reload() async {
        do {
            try await monitor?.load()
        } catch {
            logger.warning("alarm engine reload failed; it retries on its own schedule", metadata: ["error": .string(String(describing: error))])
        }
    }

    static func audit(_ rule: AlarmRuleDefinition) -> CanonicalJSON {
        .object([
            "id": .string(rule.id.uuidString.lowercased()), "name": .string(rule.name), "origin": .string(rule.origin),
            "enabled": .bool(rule.enabled),
            "selector": selector(rule.selector),
            "rule": .string(Self.sortedJSON(rule.rule)),
        ])
    }

    /// Ids in lower case, as everywhere in the audit log.
    static func selector(_ s: RuleSelector) -> CanonicalJSON {
        func id(_ value: UUID?) -> CanonicalJSON { value.map { .string($0.uuidString.lowercased()) } ?? .null }
        func text(_ value: String?) -> CanonicalJSON { value.map { .string($0) } ?? .null }
        return .object(["point_id": id(s.pointID), "quantity": text(s.quantity), "asset_kind": text(s.assetKind),
                        "asset_type_id": id(s.assetTypeID), "space_id": id(s.spaceID), "floor_id": id(s.floorID),
                        "building_id": id(s.buildingID), "site_id": id(s.siteID)])
    }

    static func sortedJSON<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }
}
