import Foundation
import PostgresNIO
import TwinDomain

extension PostgresTwinTransaction {
    /// Rows written by one table's sync: ids by match key and what changed.
    struct SyncOutcome {
        var ids: [String: UUID] = [:]
        var touched: Set<UUID> = []
        var inserted = 0
        var updated = 0
        var retired = 0
    }

    /// Rows per statement for the big tables: large enough that 100k assets are ~20 round
    /// trips, small enough that one statement's binds stay a few megabytes.
    static let chunkSize = 5000

    public func commitImport(_ batch: ImportBatch, target: ImportTarget,
                             completion: @Sendable () async throws -> ImportCompletion) async throws -> ImportCommitResult {
        // A re-import may move devices within a rack; overlaps are judged on the final state.
        try await run(#"SET CONSTRAINTS "asset.mounting-overlap" DEFERRED"#)
        guard target.versionNumber > 0 else { throw RepositoryError.constraintViolated(rule: "version.number") }

        var model: TwinModel
        let siteID: UUID
        if let modelID = target.modelID {
            guard let existing = try await rows("""
                SELECT \(unescaped: TwinRows.model) FROM models m WHERE m.id = \(modelID) FOR UPDATE
                """, TwinRows.model).first else { throw RepositoryError.notFound }
            if let wanted = target.siteID, wanted != existing.siteID {
                throw RepositoryError.constraintViolated(rule: "import.model-site")
            }
            model = existing
            siteID = existing.siteID
        } else {
            siteID = try await resolveSite(batch.site, siteID: target.siteID)
            model = try await rows("""
                INSERT INTO models AS m (id, site_id, name, format, project_key)
                VALUES (\(target.newModelID), \(siteID), \(batch.projectName ?? batch.projectKey), \(batch.format.rawValue),
                        \(batch.projectKey))
                RETURNING \(unescaped: TwinRows.model)
                """, TwinRows.model)[0]
        }
        let modelID = model.id
        let version = target.versionNumber
        let highest = try await rows("""
            SELECT coalesce(max(number), 0) FROM model_versions WHERE model_id = \(modelID)
            """) { try $0.decode(Int.self) }.first ?? 0
        if version <= highest { throw RepositoryError.conflict(rule: "version.exists") }
        // The number is committed now, so the job's reservation of it ends with this transaction.
        try await run("DELETE FROM model_version_reservations WHERE job_id = \(target.jobID)")

        var tally = SyncOutcome()
        func add(_ outcome: SyncOutcome) {
            tally.inserted += outcome.inserted
            tally.updated += outcome.updated
            tally.retired += outcome.retired
        }

        // Buildings
        let buildings = Self.unique(batch.buildings, key: \.key)
        let buildingSync = try await sync(table: "buildings", modelID: modelID, version: version,
                                          keys: buildings.map(\.key)) { ids, range in
            let rows = buildings[range]
            var upsert = TwinUpsert(table: "buildings")
            upsert.column("id", input: "uuid", rows.map { ids[$0.key]! })
            upsert.column("site_id", input: "uuid", Array(repeating: siteID, count: rows.count))
            upsert.column("model_id", input: "uuid", Array(repeating: modelID, count: rows.count))
            upsert.column("name", input: "text", rows.map(\.name))
            upsert.column("description", input: "text", nullable: rows.map(\.description))
            upsert.column("elevation", input: "float8", nullable: rows.map(\.elevation))
            upsert.box(rows.map(\.box))
            upsert.source(keys: rows.map(\.key), sources: rows.map(\.source))
            return upsert
        }
        add(buildingSync)
        let buildingIDs = buildingSync.ids

        // Floors
        let floors = Self.unique(batch.floors, key: \.key)
        for floor in floors where buildingIDs[floor.buildingKey] == nil {
            throw RepositoryError.constraintViolated(rule: "import.unresolved-building")
        }
        let floorSync = try await sync(table: "floors", modelID: modelID, version: version, keys: floors.map(\.key)) { ids, range in
            let rows = floors[range]
            var upsert = TwinUpsert(table: "floors")
            upsert.column("id", input: "uuid", rows.map { ids[$0.key]! })
            upsert.column("site_id", input: "uuid", Array(repeating: siteID, count: rows.count))
            upsert.column("building_id", input: "uuid", rows.map { buildingIDs[$0.buildingKey]! })
            upsert.column("model_id", input: "uuid", Array(repeating: modelID, count: rows.count))
            upsert.column("name", input: "text", rows.map(\.name))
            upsert.column("description", input: "text", nullable: rows.map(\.description))
            upsert.column("elevation", input: "float8", nullable: rows.map(\.elevation))
            upsert.column("height", input: "float8", nullable: rows.map(\.height))
            upsert.footprint(rows.map(\.footprint))
            upsert.box(rows.map(\.box))
            upsert.source(keys: rows.map(\.key), sources: rows.map(\.source))
            return upsert
        }
        add(floorSync)
        var floorBuilding: [String: UUID] = [:]
        for floor in floors { floorBuilding[floor.key] = buildingIDs[floor.buildingKey] }

        // Spaces
        let spaces = Self.unique(batch.spaces, key: \.key)
        for space in spaces where floorSync.ids[space.floorKey] == nil {
            throw RepositoryError.constraintViolated(rule: "import.unresolved-floor")
        }
        let spaceSync = try await sync(table: "spaces", modelID: modelID, version: version, keys: spaces.map(\.key)) { ids, range in
            let rows = spaces[range]
            var upsert = TwinUpsert(table: "spaces")
            upsert.column("id", input: "uuid", rows.map { ids[$0.key]! })
            upsert.column("site_id", input: "uuid", Array(repeating: siteID, count: rows.count))
            upsert.column("building_id", input: "uuid", rows.map { floorBuilding[$0.floorKey]! })
            upsert.column("floor_id", input: "uuid", rows.map { floorSync.ids[$0.floorKey]! })
            upsert.column("model_id", input: "uuid", Array(repeating: modelID, count: rows.count))
            upsert.column("name", input: "text", rows.map(\.name))
            upsert.column("long_name", input: "text", nullable: rows.map(\.longName))
            upsert.column("description", input: "text", nullable: rows.map(\.description))
            upsert.column("area", input: "float8", nullable: rows.map(\.area))
            upsert.column("height", input: "float8", nullable: rows.map(\.height))
            upsert.footprint(rows.map(\.footprint))
            upsert.box(rows.map(\.box))
            upsert.properties(rows.map(\.properties))
            upsert.source(keys: rows.map(\.key), sources: rows.map(\.source))
            return upsert
        }
        add(spaceSync)
        var spaceLocation: [String: (id: UUID, floorID: UUID, buildingID: UUID)] = [:]
        for space in spaces {
            spaceLocation[space.key] = (spaceSync.ids[space.key]!, floorSync.ids[space.floorKey]!, floorBuilding[space.floorKey]!)
        }

        // Zones and their spaces
        let zones = Self.unique(batch.zones, key: \.key)
        for zone in zones where buildingIDs[zone.buildingKey] == nil {
            throw RepositoryError.constraintViolated(rule: "import.unresolved-building")
        }
        let zoneSync = try await sync(table: "zones", modelID: modelID, version: version, keys: zones.map(\.key)) { ids, range in
            let rows = zones[range]
            var upsert = TwinUpsert(table: "zones")
            upsert.column("id", input: "uuid", rows.map { ids[$0.key]! })
            upsert.column("site_id", input: "uuid", Array(repeating: siteID, count: rows.count))
            upsert.column("building_id", input: "uuid", rows.map { buildingIDs[$0.buildingKey]! })
            upsert.column("model_id", input: "uuid", Array(repeating: modelID, count: rows.count))
            upsert.column("name", input: "text", rows.map(\.name))
            upsert.column("category", input: "text", nullable: rows.map(\.category))
            upsert.column("description", input: "text", nullable: rows.map(\.description))
            upsert.source(keys: rows.map(\.key), sources: rows.map(\.source))
            return upsert
        }
        add(zoneSync)
        var zonePairs: [(UUID, UUID)] = []
        for zone in zones {
            for key in zone.spaceKeys { if let space = spaceLocation[key] { zonePairs.append((zoneSync.ids[zone.key]!, space.id)) } }
        }
        try await syncMembers(table: "zone_spaces", owner: "zone_id", member: "space_id", ownerTable: "zones",
                              owners: zones.map { zoneSync.ids[$0.key]! }, pairs: zonePairs, touched: zoneSync.touched)

        // Asset types
        let types = Self.unique(batch.types, key: \.key)
        let typeSync = try await sync(table: "asset_types", modelID: modelID, version: version, keys: types.map(\.key)) { ids, range in
            let rows = types[range]
            var upsert = TwinUpsert(table: "asset_types")
            upsert.column("id", input: "uuid", rows.map { ids[$0.key]! })
            upsert.column("site_id", input: "uuid", Array(repeating: siteID, count: rows.count))
            upsert.column("model_id", input: "uuid", Array(repeating: modelID, count: rows.count))
            upsert.column("name", input: "text", rows.map(\.name))
            upsert.column("kind", input: "text", nullable: rows.map { $0.kind?.rawValue })
            upsert.column("manufacturer", input: "text", nullable: rows.map(\.manufacturer))
            upsert.column("model_number", input: "text", nullable: rows.map(\.modelNumber))
            upsert.column("category", input: "text", nullable: rows.map(\.category))
            upsert.column("description", input: "text", nullable: rows.map(\.description))
            upsert.column("warranty_months", input: "int8", nullable: rows.map(\.warrantyMonths))
            upsert.properties(rows.map(\.properties))
            upsert.source(keys: rows.map(\.key), sources: rows.map(\.source))
            return upsert
        }
        add(typeSync)

        // Assets: racks first so a chunk's devices always find their rack already written.
        let drafts = Self.unique(batch.assets, key: \.key).sorted { ($0.kind == .rack ? 0 : 1) < ($1.kind == .rack ? 0 : 1) }
        // What a device needs of its parent: that it exists and, for a rack, its height. (A map of whole
        // drafts copied every asset of a large import once more, ~65 MB on an 85,000-asset model.)
        var parentRackUnits: [String: Int?] = [:]
        parentRackUnits.reserveCapacity(drafts.count)
        for draft in drafts { parentRackUnits.updateValue(draft.kind == .rack ? draft.rack?.uHeight : nil, forKey: draft.key) }
        for draft in drafts {
            if let parent = draft.parentKey, parentRackUnits.index(forKey: parent) == nil {
                throw RepositoryError.constraintViolated(rule: "import.unresolved-parent")
            }
        }
        let existingAssets = try await existing(table: "assets", modelID: modelID)
        var assetIDs: [String: UUID] = [:]
        for draft in drafts { assetIDs[draft.key] = existingAssets[draft.key]?.id ?? UUID() }
        var assetRows = drafts.map { draft in
            var row = AssetRow(id: assetIDs[draft.key]!, siteID: siteID, draft: draft)
            row.typeID = draft.typeKey.flatMap { typeSync.ids[$0] }
            if let parentKey = draft.parentKey, let units = parentRackUnits[parentKey] {
                row.parentID = assetIDs[parentKey]
                row.parentRackUnits = units
            }
            if let key = draft.spaceKey, let space = spaceLocation[key] {
                (row.spaceID, row.floorID, row.buildingID) = (space.id, space.floorID, space.buildingID)
            } else if let key = draft.floorKey, let floor = floorSync.ids[key] {
                (row.floorID, row.buildingID) = (floor, floorBuilding[key])
            } else if let key = draft.buildingKey {
                row.buildingID = buildingIDs[key]
            }
            return row
        }
        // Devices placed only by their rack take the rack's location.
        var rowIndex: [UUID: Int] = [:]
        for (index, row) in assetRows.enumerated() { rowIndex[row.id] = index }
        for index in assetRows.indices where assetRows[index].buildingID == nil {
            if let parent = assetRows[index].parentID, let p = rowIndex[parent] {
                assetRows[index].buildingID = assetRows[p].buildingID
                assetRows[index].floorID = assetRows[p].floorID
                assetRows[index].spaceID = assetRows[p].spaceID
            }
        }
        let finalAssetRows = assetRows
        let assetSync = try await sync(table: "assets", modelID: modelID, version: version, keys: drafts.map(\.key),
                                       assigned: assetIDs, existingRows: existingAssets) { _, range in
            var upsert = AssetRow.upsert(Array(finalAssetRows[range]))
            upsert.column("model_id", input: "uuid", Array(repeating: modelID, count: range.count))
            return upsert
        }
        add(assetSync)

        // Systems and their members (from both sides of the batch).
        let systems = Self.unique(batch.systems, key: \.key)
        let systemSync = try await sync(table: "systems", modelID: modelID, version: version, keys: systems.map(\.key)) { ids, range in
            let rows = systems[range]
            var upsert = TwinUpsert(table: "systems")
            upsert.column("id", input: "uuid", rows.map { ids[$0.key]! })
            upsert.column("site_id", input: "uuid", Array(repeating: siteID, count: rows.count))
            upsert.column("building_id", input: "uuid", nullable: rows.map { $0.buildingKey.flatMap { buildingIDs[$0] } })
            upsert.column("model_id", input: "uuid", Array(repeating: modelID, count: rows.count))
            upsert.column("name", input: "text", rows.map(\.name))
            upsert.column("category", input: "text", nullable: rows.map(\.category))
            upsert.column("description", input: "text", nullable: rows.map(\.description))
            upsert.source(keys: rows.map(\.key), sources: rows.map(\.source))
            return upsert
        }
        add(systemSync)
        var systemPairs: [(UUID, UUID)] = []
        for system in systems {
            for key in system.assetKeys { if let asset = assetIDs[key] { systemPairs.append((systemSync.ids[system.key]!, asset)) } }
        }
        for draft in drafts {
            for key in draft.systemKeys { if let system = systemSync.ids[key] { systemPairs.append((system, assetIDs[draft.key]!)) } }
        }
        try await syncMembers(table: "system_assets", owner: "system_id", member: "asset_id", ownerTable: "systems",
                              owners: systems.map { systemSync.ids[$0.key]! }, pairs: systemPairs,
                              touched: systemSync.touched)

        // The version, its fingerprints and its diff against the active version.
        let completed = try await completion()
        // A job a recovery sweep already failed (its lease lapsed while the process stalled) has
        // lost its documents to that sweep's cleanup: committing would publish a version without
        // them. Locked only now, so the job's progress writes never wait on this transaction; the
        // lease is renewed with the commit, so a sweep waiting on the lock finds it alive after.
        let status = try await rows("UPDATE import_jobs SET heartbeat_at = now() WHERE id = \(target.jobID) RETURNING status") {
            try $0.decode(String.self)
        }.first
        if let status, status != "running" { throw RepositoryError.conflict(rule: "import.job-settled") }
        let fingerprints = Self.unique(completed.fingerprints, key: \.matchKey)
        var diff: ModelDiff?
        if let previous = model.activeVersion {
            let old = try await rows("""
                SELECT match_key, entity_type, name, attributes_hash, property_sets_hash, placement_hash, geometry_hash
                FROM model_version_entities WHERE model_id = \(modelID) AND version = \(previous)
                """) { row in
                let (key, type, name, a, p, pl, g) = try row.decode((String, String, String?, String?, String?, String?, String?).self)
                return EntityFingerprint(matchKey: key, entityType: type, name: name, attributesHash: a,
                                         propertySetsHash: p, placementHash: pl, geometryHash: g)
            }
            diff = ModelDiff.between(modelID: modelID, from: (previous, old), to: (version, fingerprints))
        }
        var counts = batch.sourceCounts
        for (key, value) in batch.counts { counts[key] = value }
        try await run("""
            INSERT INTO model_versions (model_id, site_id, number, job_id, source_file_name, source_sha256, source_size,
                schema, original_file_id, counts, diff_summary, imported_by)
            VALUES (\(modelID), \(siteID), \(version), \(target.jobID), \(target.sourceFileName),
                \(target.sourceSHA256.lowercased()), \(target.sourceSize), \(batch.schema), \(completed.originalFileID)::text,
                \(TwinRows.json(counts))::jsonb, \(TwinRows.json(diff?.summary ?? [:]))::jsonb, \(target.importedBy)::text)
            """)
        for start in stride(from: 0, to: fingerprints.count, by: Self.chunkSize * 4) {
            let chunk = fingerprints[start..<min(start + Self.chunkSize * 4, fingerprints.count)]
            try await run("""
                INSERT INTO model_version_entities (model_id, version, match_key, entity_type, name, attributes_hash,
                    property_sets_hash, placement_hash, geometry_hash)
                SELECT \(modelID), \(version), r.k, r.t, r.n, r.a, r.p, r.pl, r.g
                FROM unnest(\(chunk.map(\.matchKey))::text[], \(chunk.map(\.entityType))::text[],
                            \(PostgresNullableArray(chunk.map(\.name)))::text[],
                            \(PostgresNullableArray(chunk.map(\.attributesHash)))::text[],
                            \(PostgresNullableArray(chunk.map(\.propertySetsHash)))::text[],
                            \(PostgresNullableArray(chunk.map(\.placementHash)))::text[],
                            \(PostgresNullableArray(chunk.map(\.geometryHash)))::text[]) AS r(k, t, n, a, p, pl, g)
                """)
        }
        model = try await rows("""
            UPDATE models AS m SET active_version = \(version), name = \(batch.projectName ?? model.name),
                format = \(batch.format.rawValue), updated_at = now()
            WHERE m.id = \(modelID) RETURNING \(unescaped: TwinRows.model)
            """, TwinRows.model)[0]
        let stored = try await rows("""
            SELECT \(unescaped: TwinRows.version) FROM model_versions v WHERE v.model_id = \(modelID) AND v.number = \(version)
            """, TwinRows.version)[0]
        return ImportCommitResult(model: model, version: stored, diff: diff,
                                  buildingIDs: buildings.map { buildingIDs[$0.key]! },
                                  inserted: tally.inserted, updated: tally.updated, retired: tally.retired)
    }

    // MARK: Steps

    private func resolveSite(_ draft: SiteDraft, siteID: UUID?) async throws -> UUID {
        if let siteID {
            let found = try await rows("SELECT id FROM sites WHERE id = \(siteID) FOR SHARE") { try $0.decode(UUID.self) }
            guard !found.isEmpty else { throw RepositoryError.notFound }
            return siteID
        }
        let id = UUID()
        let location = draft.location.flatMap { $0.isValid ? $0 : nil }
        try await run("""
            INSERT INTO sites (id, name, description, location, location_has_elevation, match_key, source_global_id,
                source_cobie_name, source_type)
            VALUES (\(id), \(draft.name), \(draft.description)::text,
                CASE WHEN \(location?.latitude)::float8 IS NULL THEN NULL ELSE
                    ST_SetSRID(ST_MakePoint(\(location?.longitude)::float8, \(location?.latitude)::float8,
                                            coalesce(\(location?.elevation)::float8, 0)), 4326)::geography END,
                \(location?.elevation != nil), \(draft.key), \(draft.source.ifcGlobalID)::text,
                \(draft.source.cobieName)::text, \(draft.source.sourceType)::text)
            """)
        return id
    }

    /// Match keys of a model's rows in one table, with their ids and whether they are retired.
    func existing(table: StaticString, modelID: UUID) async throws -> [String: (id: UUID, retired: Bool)] {
        var found: [String: (id: UUID, retired: Bool)] = [:]
        for (key, id, retired) in try await rows("""
            SELECT match_key, id, retired_in_version IS NOT NULL FROM \(unescaped: "\(table)") WHERE model_id = \(modelID)
            """, { try $0.decode((String, UUID, Bool).self) }) {
            found[key] = (id, retired)
        }
        return found
    }

    /// Gives every key its id (same key → same id), retires the model's live rows the batch no
    /// longer has, and upserts the batch in chunks.
    private func sync(table: StaticString, modelID: UUID, version: Int, keys: [String],
                      assigned: [String: UUID]? = nil, existingRows: [String: (id: UUID, retired: Bool)]? = nil,
                      build: ([String: UUID], Range<Int>) -> TwinUpsert) async throws -> SyncOutcome {
        let existing: [String: (id: UUID, retired: Bool)]
        if let existingRows {
            existing = existingRows
        } else {
            existing = try await self.existing(table: table, modelID: modelID)
        }
        var outcome = SyncOutcome()
        if let assigned {
            outcome.ids = assigned
        } else {
            for key in keys { outcome.ids[key] = existing[key]?.id ?? UUID() }
        }
        let kept = Set(keys)
        let retiring = existing.compactMap { key, row in !row.retired && !kept.contains(key) ? row.id : nil }
        if !retiring.isEmpty {
            outcome.retired = try await rows("""
                UPDATE \(unescaped: "\(table)") SET retired_in_version = \(version), revision = revision + 1, updated_at = now()
                WHERE id = ANY(\(retiring)::uuid[]) AND retired_in_version IS NULL RETURNING id
                """) { _ in () }.count
        }
        for start in stride(from: 0, to: keys.count, by: Self.chunkSize) {
            let range = start..<min(start + Self.chunkSize, keys.count)
            for (id, inserted) in try await rows(build(outcome.ids, range).upsert(), { try $0.decode((UUID, Bool).self) }) {
                outcome.touched.insert(id)
                if inserted { outcome.inserted += 1 } else { outcome.updated += 1 }
            }
        }
        return outcome
    }

    /// Makes a membership table hold exactly `pairs` for `owners`; owners whose members changed
    /// but whose own row did not get their revision bumped, since members are part of them.
    private func syncMembers(table: StaticString, owner: StaticString, member: StaticString, ownerTable: StaticString,
                             owners: [UUID], pairs: [(UUID, UUID)], touched: Set<UUID>) async throws {
        guard !owners.isEmpty else { return }
        let memberColumn = "\(member)"
        struct Pair: Hashable { var owner: UUID; var member: UUID }
        let wanted = Set(pairs.map { Pair(owner: $0.0, member: $0.1) })
        let current = Set(try await rows("""
            SELECT \(unescaped: "\(owner)"), \(unescaped: memberColumn) FROM \(unescaped: "\(table)")
            WHERE \(unescaped: "\(owner)") = ANY(\(owners)::uuid[])
            """) { row in
            let (o, m) = try row.decode((UUID, UUID).self)
            return Pair(owner: o, member: m)
        })
        let removed = Array(current.subtracting(wanted)), added = Array(wanted.subtracting(current))
        if !removed.isEmpty {
            try await run("""
                DELETE FROM \(unescaped: "\(table)") WHERE (\(unescaped: "\(owner)"), \(unescaped: memberColumn)) IN (
                    SELECT * FROM unnest(\(removed.map(\.owner))::uuid[], \(removed.map(\.member))::uuid[]))
                """)
        }
        if !added.isEmpty {
            try await run("""
                INSERT INTO \(unescaped: "\(table)") (\(unescaped: "\(owner)"), \(unescaped: memberColumn))
                SELECT * FROM unnest(\(added.map(\.owner))::uuid[], \(added.map(\.member))::uuid[])
                """)
        }
        let changed = Set(removed.map(\.owner) + added.map(\.owner)).subtracting(touched)
        if !changed.isEmpty {
            try await run("""
                UPDATE \(unescaped: "\(ownerTable)") SET revision = revision + 1, updated_at = now()
                WHERE id = ANY(\(Array(changed))::uuid[])
                """)
        }
    }

    /// First occurrence wins: a source with a duplicated GlobalId still commits, deterministically.
    static func unique<T>(_ items: [T], key: KeyPath<T, String>) -> [T] {
        var seen = Set<String>()
        return items.filter { seen.insert($0[keyPath: key]).inserted }
    }
}
