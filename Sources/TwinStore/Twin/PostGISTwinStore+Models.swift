import Foundation
import Logging
import PostgresNIO
import TwinDomain

extension PostGISTwinStore {
    public func models(siteID: UUID?, page: PageRequest, scope: AccessScope) async throws -> Page<TwinModel> {
        let after = try TwinPageCursor.decodeNameID(page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.model) FROM models m
            WHERE \(scope: scope, siteColumn: "m.site_id")
              AND (\(siteID)::uuid IS NULL OR m.site_id = \(siteID)::uuid)
              AND (\(after.name)::text IS NULL OR (m.name, m.id) > (\(after.name)::text, \(after.id)::uuid))
            ORDER BY m.name, m.id LIMIT \(page.limit + 1)
            """, TwinRows.model)
        return namedPage(items, limit: page.limit) { ($0.name, $0.id) }
    }

    public func model(id: UUID, scope: AccessScope) async throws -> TwinModel? {
        try await rows("""
            SELECT \(unescaped: TwinRows.model) FROM models m WHERE m.id = \(id) AND \(scope: scope, siteColumn: "m.site_id")
            """, TwinRows.model).first
    }

    public func model(projectKey: String, scope: AccessScope) async throws -> TwinModel? {
        try await rows("""
            SELECT \(unescaped: TwinRows.model) FROM models m
            WHERE m.project_key = \(projectKey) AND \(scope: scope, siteColumn: "m.site_id")
            ORDER BY m.created_at, m.id LIMIT 1
            """, TwinRows.model).first
    }

    public func versions(modelID: UUID, scope: AccessScope) async throws -> [ModelVersion] {
        try await rows("""
            SELECT \(unescaped: TwinRows.version) FROM model_versions v JOIN models m ON m.id = v.model_id
            WHERE v.model_id = \(modelID) AND \(scope: scope, siteColumn: "m.site_id") ORDER BY v.number
            """, TwinRows.version)
    }

    public func version(modelID: UUID, number: Int, scope: AccessScope) async throws -> ModelVersion? {
        try await rows("""
            SELECT \(unescaped: TwinRows.version) FROM model_versions v JOIN models m ON m.id = v.model_id
            WHERE v.model_id = \(modelID) AND v.number = \(number) AND \(scope: scope, siteColumn: "m.site_id")
            """, TwinRows.version).first
    }

    public func diff(modelID: UUID, from: Int, to: Int, scope: AccessScope) async throws -> ModelDiff? {
        let known = try await rows("""
            SELECT v.number FROM model_versions v JOIN models m ON m.id = v.model_id
            WHERE v.model_id = \(modelID) AND v.number = ANY(\([from, to])) AND \(scope: scope, siteColumn: "m.site_id")
            """) { try $0.decode(Int.self) }
        guard Set(known) == Set([from, to]) else { return nil }
        return try await read { client in
            try await Self.diff(modelID: modelID, from: from, to: to, client: client, logger: logger)
        }
    }

    /// Diff of two stored fingerprint sets as one full outer join on the match key; only
    /// differing rows leave the database. Entries are sorted in Swift (code-point order, like
    /// ``ModelDiff/between(modelID:from:to:)``) rather than by the database collation.
    static func diff(modelID: UUID, from: Int, to: Int, client: PostgresClient, logger: Logger) async throws -> ModelDiff {
        let query: PostgresQuery = """
            SELECT coalesce(n.match_key, o.match_key) AS match_key,
                   CASE WHEN n.match_key IS NULL THEN o.entity_type ELSE n.entity_type END AS entity_type,
                   CASE WHEN n.match_key IS NULL THEN o.name ELSE n.name END AS name,
                   o.match_key IS NULL AS added, n.match_key IS NULL AS removed,
                   (n.attributes_hash IS DISTINCT FROM o.attributes_hash OR n.name IS DISTINCT FROM o.name
                    OR n.entity_type IS DISTINCT FROM o.entity_type) AS attributes,
                   n.property_sets_hash IS DISTINCT FROM o.property_sets_hash AS property_sets,
                   n.placement_hash IS DISTINCT FROM o.placement_hash AS placement,
                   n.geometry_hash IS DISTINCT FROM o.geometry_hash AS geometry
            FROM (SELECT * FROM model_version_entities WHERE model_id = \(modelID) AND version = \(to)) n
            FULL OUTER JOIN (SELECT * FROM model_version_entities WHERE model_id = \(modelID) AND version = \(from)) o
                ON o.match_key = n.match_key
            WHERE o.match_key IS NULL OR n.match_key IS NULL
               OR (n.attributes_hash, n.name, n.entity_type, n.property_sets_hash, n.placement_hash, n.geometry_hash)
                  IS DISTINCT FROM
                  (o.attributes_hash, o.name, o.entity_type, o.property_sets_hash, o.placement_hash, o.geometry_hash)
            """
        let rows = try await client.query(query, logger: logger)
        var diff = ModelDiff(modelID: modelID, fromVersion: from, toVersion: to)
        for try await row in rows {
            let r = row.makeRandomAccess()
            var entry = DiffEntry(matchKey: try r["match_key"].decode(String.self),
                                  entityType: try r["entity_type"].decode(String.self),
                                  name: try r["name"].decode(String?.self))
            if try r["added"].decode(Bool.self) {
                diff.added.append(entry)
            } else if try r["removed"].decode(Bool.self) {
                diff.removed.append(entry)
            } else {
                var aspects: [DiffAspect] = []
                if try r["attributes"].decode(Bool.self) { aspects.append(.attributes) }
                if try r["property_sets"].decode(Bool.self) { aspects.append(.propertySets) }
                if try r["placement"].decode(Bool.self) { aspects.append(.placement) }
                if try r["geometry"].decode(Bool.self) { aspects.append(.geometry) }
                entry.aspects = aspects.sorted()
                diff.changed.append(entry)
            }
        }
        diff.added.sort { $0.matchKey < $1.matchKey }
        diff.removed.sort { $0.matchKey < $1.matchKey }
        diff.changed.sort { $0.matchKey < $1.matchKey }
        return diff
    }
}
