import Foundation
import Logging
import PostgresNIO
import TwinDomain

/// Twin writes on one connection that is inside a transaction (see ``PostGISTwinStore/withTransaction(_:)``).
///
/// Every method translates driver errors itself, so callers inside the transaction already
/// see ``RepositoryError`` with the constraint's stable rule name.
public struct PostgresTwinTransaction: TwinTransaction {
    let connection: PostgresConnection
    let logger: Logger

    func translating<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw PostgresErrorTranslator.translate(error, logger: logger)
        }
    }

    func rows<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) async throws -> [T] {
        try await translating {
            try await TwinRows.collect(try await connection.query(query, logger: logger), decode)
        }
    }

    func run(_ query: PostgresQuery) async throws {
        _ = try await rows(query) { _ in () }
    }

    public func asset(id: UUID, forUpdate: Bool) async throws -> Asset? {
        if forUpdate {
            try await run("SELECT 1 FROM assets WHERE id = \(id) FOR UPDATE")
        }
        return try await rows("SELECT \(unescaped: TwinRows.asset) FROM assets a WHERE a.id = \(id)", TwinRows.asset).first
    }

    public func insertAsset(_ asset: Asset) async throws -> Asset {
        var upsert = try await assetWrite([asset], provenance: true)
        upsert.column("model_id", input: "uuid", nullable: [asset.modelID])
        try await run(upsert.insert())
        try await replaceSystems(of: asset.id, with: asset.systemIDs)
        guard let stored = try await self.asset(id: asset.id, forUpdate: false) else { throw RepositoryError.notFound }
        return stored
    }

    public func updateAsset(_ asset: Asset, expectedRevision: Int) async throws -> Asset {
        let upsert = try await assetWrite([asset], provenance: false)
        let updated = try await rows(upsert.update(expectedRevisions: [expectedRevision])) { try $0.decode(UUID.self) }
        if updated.isEmpty {
            let exists = try await rows("SELECT 1 FROM assets WHERE id = \(asset.id)") { _ in true }
            throw exists.isEmpty ? RepositoryError.notFound : RepositoryError.conflict(rule: "revision")
        }
        let current = try await rows("""
            SELECT system_id FROM system_assets WHERE asset_id = \(asset.id)
            """) { try $0.decode(UUID.self) }
        if Set(current) != Set(asset.systemIDs) {
            try await replaceSystems(of: asset.id, with: asset.systemIDs)
        }
        guard let stored = try await self.asset(id: asset.id, forUpdate: false) else { throw RepositoryError.notFound }
        return stored
    }

    public func deleteAsset(id: UUID) async throws {
        let found = try await rows("""
            SELECT model_id IS NOT NULL AS owned, EXISTS (SELECT 1 FROM assets c WHERE c.parent_id = a.id) AS parent
            FROM assets a WHERE a.id = \(id) FOR UPDATE
            """) { row in try row.decode((Bool, Bool).self) }
        guard let (owned, parent) = found.first else { throw RepositoryError.notFound }
        if owned { throw RepositoryError.constraintViolated(rule: "asset.model-owned") }
        if parent { throw RepositoryError.constraintViolated(rule: "asset.has-children") }
        try await run("DELETE FROM assets WHERE id = \(id)")
    }

    public func location(ofAsset id: UUID) async throws -> (siteID: UUID, buildingID: UUID?)? {
        try await rows("SELECT site_id, building_id FROM assets WHERE id = \(id)") { row in
            let (site, building) = try row.decode((UUID, UUID?).self)
            return (siteID: site, buildingID: building)
        }.first
    }

    private func replaceSystems(of assetID: UUID, with systemIDs: [UUID]) async throws {
        try await run("DELETE FROM system_assets WHERE asset_id = \(assetID)")
        guard !systemIDs.isEmpty else { return }
        let unique = Array(Set(systemIDs))
        try await run("""
            INSERT INTO system_assets (system_id, asset_id) SELECT s, \(assetID) FROM unnest(\(unique)::uuid[]) AS s
            """)
    }

    /// The column set shared by API writes: the parent's kind and height are looked up so the
    /// rack constraints see the same values an import would give them.
    private func assetWrite(_ assets: [Asset], provenance: Bool) async throws -> TwinUpsert {
        let parentIDs = Array(Set(assets.compactMap(\.parentID)))
        var rackUnits: [UUID: Int] = [:]
        if !parentIDs.isEmpty {
            for (id, units) in try await rows("""
                SELECT id, rack_u_height FROM assets WHERE id = ANY(\(parentIDs)::uuid[])
                """, { try $0.decode((UUID, Int?).self) }) {
                if let units { rackUnits[id] = units }
            }
        }
        let rows = assets.map { asset in
            AssetRow(asset: asset, parentRackUnits: asset.parentID.flatMap { rackUnits[$0] })
        }
        return AssetRow.upsert(rows, classification: false, provenance: provenance)
    }
}
