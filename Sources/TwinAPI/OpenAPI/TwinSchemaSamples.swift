import AlarmCore
import Foundation
import TwinDomain

/// Fully populated and minimal twin values; their representations give the component
/// schemas (types from the full one, nullability from the minimal one), so the document
/// cannot drift from the JSON the API writes.
enum TwinSchemaSamples {
    static let id = UUID()
    static let date = Date(timeIntervalSince1970: 1_700_000_000)
    static let point = Point3D(x: 1.5, y: 2.5, z: 0.5)
    static let box = Box3D(min: Point3D(x: 0.5, y: 0.5, z: 0.5), max: Point3D(x: 1.5, y: 1.5, z: 2.5))
    static let footprint = Footprint(outer: [Point2D(x: 0.5, y: 0.5), Point2D(x: 4.5, y: 0.5), Point2D(x: 4.5, y: 3.5)],
                                     holes: [[Point2D(x: 1.5, y: 1.5), Point2D(x: 2.5, y: 1.5), Point2D(x: 2.5, y: 2.5)]])
    static let source = SourceReference(ifcGlobalID: "0a", cobieName: "n", sourceType: "IfcSpace")

    static var schemas: [(String, APISchema)] {
        let asset = Asset(id: id, siteID: id, buildingID: id, floorID: id, spaceID: id, typeID: id, parentID: id, kind: .device,
                          name: "n", tag: "t", serialNumber: "s", description: "d", position: point, box: box,
                          rack: RackCapacity(uHeight: 42, powerBudgetW: 1.5, weightBudgetKg: 1.5, coolingBudgetW: 1.5),
                          mounting: RackMounting(uPosition: 1, uHeight: 2), powerDrawW: 1.5, weightKg: 1.5, ratedCapacityW: 1.5,
                          installedOn: date, warrantyEndsOn: date, systemIDs: [id], source: source, modelID: id, retiredInVersion: 2)
        let minimalAsset = Asset(id: id, siteID: id, kind: .rack, name: "n")
        let assetSchema = APISchema.inferred(full: TwinRepresentation.asset(asset), minimal: TwinRepresentation.asset(minimalAsset))
        // A hit carries the members `fields` names (`near`, `in-box`, `nearest` default to a compact
        // set, see SpatialHitMember.compactDefault), so only `id` is always there.
        let fullHit = APISchema.inferred(full: TwinRepresentation.assetDistance(AssetDistance(asset: asset, distance: 1.5)),
                                         minimal: TwinRepresentation.assetDistance(AssetDistance(asset: minimalAsset)))
        let hit: APISchema = if case .object(let members, _, let nullable) = fullHit {
            .object(members, required: ["id"], nullable: nullable)
        } else {
            fullHit
        }
        // A tree's asset: the asset's members (only those `fields` names, with include=assets) and
        // always its `children`, nested the same way.
        let node: APISchema = if case .object(let members, _, let nullable) = assetSchema {
            .object(members + [("children", .array(.ref("AssetNode")))], required: ["children"], nullable: nullable)
        } else {
            assetSchema
        }
        let space = Space(id: id, siteID: id, buildingID: id, floorID: id, name: "n", longName: "l", description: "d", area: 1.5,
                          height: 1.5, footprint: footprint, box: box, zoneIDs: [id], source: source, retiredInVersion: 2)
        let job = ImportJob(id: id, status: .failed, phase: .parsing, fileName: "f", format: .ifcSTEP, sizeBytes: 1, siteID: id,
                            modelID: id, versionNumber: 1,
                            messages: [ImportMessage(severity: .warning, message: "m", location: "l", code: "c")],
                            errorCode: "e", createdBy: "u", finishedAt: date)
        let entry = DiffEntry(matchKey: "k", entityType: "IfcWall", name: "n", aspects: [.geometry])
        // A message about the whole file has no location and may have no code.
        var minimalJob = ImportJob(id: id, fileName: "f", sizeBytes: 1)
        minimalJob.messages = [ImportMessage(severity: .info, message: "m")]
        return [
            ("Site", .inferred(full: TwinRepresentation.site(Site(id: id, name: "n", description: "d",
                                                                  location: GeoLocation(latitude: 1.5, longitude: 1.5, elevation: 1.5),
                                                                  source: source)),
                               minimal: TwinRepresentation.site(Site(id: id, name: "n")))),
            ("Building", .inferred(full: TwinRepresentation.building(Building(id: id, siteID: id, modelID: id, name: "n", description: "d",
                                                                              elevation: 1.5, box: box, source: source, retiredInVersion: 2)),
                                   minimal: TwinRepresentation.building(Building(id: id, siteID: id, name: "n")))),
            ("Floor", .inferred(full: TwinRepresentation.floor(Floor(id: id, siteID: id, buildingID: id, name: "n", description: "d",
                                                                     elevation: 1.5, height: 1.5, footprint: footprint, box: box,
                                                                     source: source, retiredInVersion: 2)),
                                minimal: TwinRepresentation.floor(Floor(id: id, siteID: id, buildingID: id, name: "n")))),
            ("Space", .inferred(full: TwinRepresentation.space(space),
                                minimal: TwinRepresentation.space(Space(id: id, siteID: id, buildingID: id, floorID: id, name: "n")))),
            ("Zone", .inferred(full: TwinRepresentation.zone(Zone(id: id, siteID: id, buildingID: id, name: "n", category: "c",
                                                                  description: "d", spaceIDs: [id], source: source, retiredInVersion: 2)),
                               minimal: TwinRepresentation.zone(Zone(id: id, siteID: id, buildingID: id, name: "n")))),
            ("System", .inferred(full: TwinRepresentation.system(BuildingSystem(id: id, siteID: id, buildingID: id, name: "n", category: "c",
                                                                                description: "d", assetIDs: [id], source: source,
                                                                                retiredInVersion: 2)),
                                 minimal: TwinRepresentation.system(BuildingSystem(id: id, siteID: id, name: "n")))),
            ("AssetType", .inferred(full: TwinRepresentation.assetType(AssetType(id: id, siteID: id, name: "n", kind: .rack,
                                                                                 manufacturer: "m", modelNumber: "m", category: "c",
                                                                                 description: "d", warrantyMonths: 12, source: source,
                                                                                 retiredInVersion: 2)),
                                    minimal: TwinRepresentation.assetType(AssetType(id: id, siteID: id, name: "n")))),
            ("Asset", assetSchema),
            ("AssetHit", hit),
            ("AssetNode", node),
            ("BuildingOutline", .inferred(full: outline(modelID: .text(id.uuidString.lowercased()), elevation: .double(1.5), text: .text("t")),
                                          minimal: outline(modelID: .null, elevation: .null, text: .null))),
            ("BuildingTree", .object([
                ("building", .ref("Building")),
                ("floors", .array(.object([("floor", .ref("Floor")),
                                           ("spaces", .array(.object([("space", .ref("Space")),
                                                                      ("assets", .array(.ref("AssetNode")))]))),
                                           ("assets", .array(.ref("AssetNode")))]))),
                ("assets", .array(.ref("AssetNode"))),
            ])),
            ("Model", .inferred(full: TwinRepresentation.model(TwinModel(id: id, siteID: id, name: "n", format: .ifcSTEP, projectKey: "k",
                                                                         activeVersion: 1)),
                                minimal: TwinRepresentation.model(TwinModel(id: id, siteID: id, name: "n", format: .ifcSTEP, projectKey: "k")))),
            ("ModelVersion", .inferred(full: TwinRepresentation.version(ModelVersion(modelID: id, siteID: id, number: 1, jobID: id,
                                                                                     sourceFileName: "f", sourceSHA256: "h", sourceSize: 1,
                                                                                     schema: "IFC4", originalFileID: "o", importedBy: "u")),
                                       minimal: TwinRepresentation.version(ModelVersion(modelID: id, siteID: id, number: 1, sourceFileName: "f",
                                                                                        sourceSHA256: "h", sourceSize: 1, schema: "IFC4")))),
            ("ModelDiff", .inferred(full: TwinRepresentation.diff(ModelDiff(modelID: id, fromVersion: 1, toVersion: 2, added: [entry],
                                                                            removed: [entry], changed: [entry])), minimal: nil)),
            ("ImportJob", .inferred(full: TwinRepresentation.job(job),
                                    minimal: TwinRepresentation.job(minimalJob))),
            ("EntityDocument", .inferred(full: TwinRepresentation.entityDocument(EntityDocument(
                key: ModelVersionKey(modelID: id, version: 1), globalID: "g", ifcType: "IfcWall", name: "n",
                classifications: [.object(["system": .string("Uniclass 2015"), "code": .string("Pr_60_70_22"), "name": .string("n")])])), minimal: nil)),
            ("Point", .inferred(full: TwinRepresentation.point(Point(
                id: id, key: 1, siteID: id, buildingID: id, floorID: id, spaceID: id, assetID: id, sensorAssetID: id, externalKey: "k",
                topic: "t", name: "n", quantity: .temperature, expectedIntervalSeconds: 1.5, validMin: 1.5, validMax: 2.5,
                thresholds: PointThresholds(warnLow: 1.5, warnHigh: 1.5, alarmLow: 1.5, alarmHigh: 1.5), retiredAt: date,
                createdAt: date, updatedAt: date)),
                                minimal: TwinRepresentation.point(Point(siteID: id, name: "n", quantity: .temperature)))),
            ("AlarmRule", alarmRuleSchema),
            ("AlarmRuleInput", alarmRuleInput),
            ("Alarm", .inferred(full: filled(TwinRepresentation.alarm(alarm), [
                ("cleared_at", .date(date)), ("resolved_at", .date(date)), ("time_to_resolve_s", .double(1.5)),
            ]), minimal: filled(TwinRepresentation.alarm(minimalAlarm), [("side", .null)]))),
            ("BuildingHealth", .inferred(full: TwinRepresentation.health(health), minimal: nil)),
            ("AssetInput", assetInput(required: ["kind", "name"])),
            ("AssetPatch", assetInput(required: [], patch: true)),
        ]
    }

    // MARK: Alarms

    static let alarmRule = AlarmRuleDefinition(
        id: id, siteID: id, name: "n",
        selector: RuleSelector(pointID: id, quantity: "temperature", assetKind: "rack", assetTypeID: id, spaceID: id, floorID: id,
                               buildingID: id, siteID: id),
        rule: .threshold(ThresholdRule.rackInletDefault), escalation: try? EscalationPolicy(after: 600), createdAt: date, updatedAt: date)

    /// An acknowledged, escalated and shelved alarm (every member set but the clearing ones,
    /// which ``filled(_:_:)`` supplies for the schema).
    static var alarm: Alarm {
        let level = ConditionLevel(side: .high, severity: .minor)
        var record = AlarmRecord(raisedBy: ConditionTransition(from: nil, to: level, at: 1_700_000_000_000_000, value: 28.5))!
        record.shelve(until: 1_700_000_900_000_000, at: 1_700_000_001_000_000)
        if let policy = try? EscalationPolicy(after: 1) { record.escalate(now: 1_700_000_901_000_000, policy: policy) }
        record.acknowledge(by: "n", at: 1_700_000_902_000_000)
        return Alarm(id: id, siteID: id, buildingID: id, floorID: id, spaceID: id, assetID: id, assetKind: "rack", pointID: id,
                     ruleID: id, quantity: "temperature", record: record)
    }

    static var minimalAlarm: Alarm {
        let record = AlarmRecord(raisedBy: ConditionTransition(from: nil, to: ConditionLevel(side: .state, severity: .major),
                                                               at: 1_700_000_000_000_000, value: nil))!
        // Just raised; `side` (null once cleared) is nulled by ``filled(_:_:)`` for the schema.
        return Alarm(id: id, siteID: id, buildingID: nil, floorID: nil, spaceID: nil, assetID: nil, assetKind: nil, pointID: id,
                     ruleID: id, quantity: "temperature", record: record)
    }

    static var health: BuildingHealth {
        var status = HealthStatus()
        status.count(.critical, quantity: "temperature")
        return BuildingHealth(buildingID: id, building: status, floors: [id: status], spaces: [id: status], assets: [id: status])
    }

    /// `value` with these members replaced (a sample cannot set mutually exclusive members at once).
    static func filled(_ value: JSONValue, _ replacements: [(String, JSONValue)]) -> JSONValue {
        guard case .object(let members) = value else { return value }
        let swap = Dictionary(replacements, uniquingKeysWith: { a, _ in a })
        return .object(members.map { ($0.0, swap[$0.0] ?? $0.1) })
    }

    static let severity = APISchema.enumeration(AlarmSeverity.allCases.map(\.description))

    /// A condition, one shape per `type`: only `type` is always there.
    static let condition = APISchema.object([
        ("type", .enumeration(["threshold", "boolean", "rate_of_change", "stale"])),
        ("bands", .array(.object([("side", .enumeration(["high", "low"])), ("severity", severity), ("limit", .number),
                                  ("on_delay_s", .number)], required: ["side", "severity", "limit"]))),
        ("deadband", .number), ("off_delay_s", .number), ("on_delay_s", .number), ("alarm_when", .boolean), ("severity", severity),
        ("per_minute", .number), ("multiple", .number), ("expected_interval_s", .number),
    ], required: ["type"], nullable: ["expected_interval_s"])

    static let escalation = APISchema.object([("after_s", .number), ("raise", .boolean), ("maximum", .integer(minimum: 0))],
                                             required: ["after_s"])

    static var alarmRuleSchema: APISchema {
        let inferred = APISchema.inferred(full: TwinRepresentation.alarmRule(alarmRule), minimal: TwinRepresentation.alarmRule(
            AlarmRuleDefinition(id: id, siteID: id, name: "n", selector: RuleSelector(quantity: "temperature"),
                                rule: .threshold(ThresholdRule.rackInletDefault))))
        guard case .object(let members, let required, let nullable) = inferred else { return inferred }
        return .object(members.map { name, schema in (name, name == "condition" ? condition : schema) }, required: required,
                       nullable: nullable)
    }

    static let alarmRuleInput = APISchema.object([
        ("site_id", .uuid), ("name", .string()),
        ("selector", .object([("point_id", .uuid), ("quantity", .string()), ("asset_kind", .string()), ("asset_type_id", .uuid),
                              ("space_id", .uuid), ("floor_id", .uuid), ("building_id", .uuid)])),
        ("condition", condition), ("escalation", escalation),
    ], required: ["site_id", "name", "selector", "condition"])

    /// The navigator outline as `PostGISTwinStore.outlineJSON` writes it (optional members null in the minimal one).
    static func outline(modelID: JSONValue, elevation: JSONValue, text: JSONValue) -> JSONValue {
        let uuid = JSONValue.text(id.uuidString.lowercased())
        let counts = JSONValue.object([("rack", .int(1))])
        return .object([
            ("building", .object([("id", uuid), ("site_id", uuid), ("model_id", modelID), ("name", .text("n")), ("revision", .int(1))])),
            ("asset_counts", counts),
            ("floors", .array([.object([("id", uuid), ("name", .text("n")), ("elevation", elevation), ("asset_counts", counts),
                                        ("spaces", .array([.object([("id", uuid), ("name", .text("n")), ("long_name", text),
                                                                    ("asset_counts", counts)])]))])])),
            ("zones", .array([.object([("id", uuid), ("name", .text("n")), ("category", text), ("space_ids", .array([uuid]))])])),
            ("systems", .array([.object([("id", uuid), ("name", .text("n")), ("category", text), ("asset_count", .int(1))])])),
        ])
    }

    /// Writable members: the asset's own shape minus what the server assigns.
    static func assetInput(required: [String], patch: Bool = false) -> APISchema {
        let serverOwned: Set<String> = patch
            ? ["id", "site_id", "building_id", "system_ids", "source", "model_id", "retired_in_version", "revision", "created_at", "updated_at"]
            : ["id", "system_ids", "source", "model_id", "retired_in_version", "revision", "created_at", "updated_at"]
        let full = TwinRepresentation.asset(Asset(id: id, siteID: id, buildingID: id, floorID: id, spaceID: id, typeID: id,
                                                  parentID: id, kind: .device, name: "n", tag: "t", serialNumber: "s", description: "d",
                                                  position: point, box: box, rack: RackCapacity(uHeight: 42, powerBudgetW: 1.5,
                                                                                                weightBudgetKg: 1.5, coolingBudgetW: 1.5),
                                                  mounting: RackMounting(uPosition: 1, uHeight: 2), powerDrawW: 1.5, weightKg: 1.5,
                                                  ratedCapacityW: 1.5, installedOn: date, warrantyEndsOn: date))
        guard case .object(let properties, _, _) = APISchema.inferred(full: full, minimal: nil) else { return .freeForm }
        let writable = properties.filter { !serverOwned.contains($0.0) }
        return .object(writable, required: required,
                       nullable: patch ? Set(writable.map(\.0)).subtracting(["kind", "name"]) : [])
    }
}
