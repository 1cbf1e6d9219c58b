import Foundation
import PostgresNIO
import TwinDomain

enum ScenarioRows {
    static let columns = """
        s.id, s.site_id, s.building_id, s.name, s.target_asset_id, s.target_name, s.state, s.started_at, s.started_by,
        s.stopped_at, s.stopped_by, s.revision
        """

    static func run(_ row: PostgresRow) throws -> ScenarioRun {
        let (id, site, building, name, target, targetName, state, started, startedBy, stopped, stoppedBy, revision) =
            try row.decode((UUID, UUID, UUID, String, UUID, String, String, Date, String, Date?, String?, Int64).self)
        return ScenarioRun(id: id, siteID: site, buildingID: building, name: name, targetAssetID: target, targetName: targetName,
                           state: ScenarioRun.State(rawValue: state) ?? .stopped, startedAt: started, startedBy: startedBy,
                           stoppedAt: stopped, stoppedBy: stoppedBy, revision: revision)
    }
}

extension PostGISTwinStore: ScenarioRepository {
    public func scenarioRuns(buildingID: UUID?, activeOnly: Bool, page: PageRequest, scope: AccessScope) async throws -> Page<ScenarioRun> {
        // Keyset on (started_at, id) newest first; the cursor is "<micros>,<id>".
        var afterTime: Date?
        var afterID: UUID?
        if let cursor = page.cursor {
            let parts = cursor.split(separator: ",")
            if parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) {
                afterTime = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
                afterID = id
            }
        }
        let items = try await rows("""
            SELECT \(unescaped: ScenarioRows.columns) FROM scenario_runs s
            WHERE (\(buildingID)::uuid IS NULL OR s.building_id = \(buildingID)::uuid)
              AND (NOT \(activeOnly) OR s.state = 'active')
              AND \(scope: scope, siteColumn: "s.site_id", buildingColumn: "s.building_id")
              AND (\(afterTime)::timestamptz IS NULL OR (s.started_at, s.id) < (\(afterTime)::timestamptz, \(afterID)::uuid))
            ORDER BY s.started_at DESC, s.id DESC LIMIT \(page.limit + 1)
            """, ScenarioRows.run)
        let next = items.count > page.limit ? items[page.limit - 1] : nil
        return Page(items: Array(items.prefix(page.limit)),
                    nextCursor: next.map { "\(Int64(($0.startedAt.timeIntervalSince1970 * 1_000_000).rounded())),\($0.id.uuidString.lowercased())" })
    }

    public func scenarioRun(id: UUID, scope: AccessScope) async throws -> ScenarioRun? {
        try await rows("""
            SELECT \(unescaped: ScenarioRows.columns) FROM scenario_runs s
            WHERE s.id = \(id) AND \(scope: scope, siteColumn: "s.site_id", buildingColumn: "s.building_id")
            """, ScenarioRows.run).first
    }
}

extension PostgresTwinTransaction {
    public func insertScenarioRun(_ run: ScenarioRun) async throws -> ScenarioRun {
        guard let stored = try await rows("""
            INSERT INTO scenario_runs (id, site_id, building_id, name, target_asset_id, target_name, state, started_at, started_by)
            VALUES (\(run.id), \(run.siteID), \(run.buildingID), \(run.name), \(run.targetAssetID), \(run.targetName),
                    'active', \(run.startedAt), \(run.startedBy))
            RETURNING \(unescaped: ScenarioRows.columns.replacingOccurrences(of: "s.", with: ""))
            """, ScenarioRows.run).first else { throw RepositoryError.failed(store: "postgresql") }
        return stored
    }

    public func stopScenarioRun(id: UUID, by: String, at: Date) async throws -> ScenarioRun? {
        try await rows("""
            UPDATE scenario_runs SET state = 'stopped', stopped_at = \(at), stopped_by = \(by), revision = revision + 1
            WHERE id = \(id) AND state = 'active'
            RETURNING \(unescaped: ScenarioRows.columns.replacingOccurrences(of: "s.", with: ""))
            """, ScenarioRows.run).first
    }
}
