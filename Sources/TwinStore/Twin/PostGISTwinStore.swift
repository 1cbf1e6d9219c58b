import Foundation
import Logging
import PostgresNIO
import TwinDomain

/// The twin in PostgreSQL/PostGIS: scope-filtered reads, audited writes and import commits.
///
/// Every read filters by ``AccessScope`` inside SQL, so rows outside the scope are never
/// loaded and look exactly like missing ones. Writes happen through ``PostgresTwinTransaction``
/// in one database transaction together with their audit row.
public struct PostGISTwinStore: TwinRepository, ImportJobRepository {
    public typealias Transaction = any TwinTransaction

    let database: PostGISDatabase
    let hasher: any AuditChainHasher
    var logger: Logger { database.logger }

    public init(database: PostGISDatabase, hasher: any AuditChainHasher) {
        self.database = database
        self.hasher = hasher
    }

    public func withTransaction<T: Sendable>(_ body: (any TwinTransaction) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await database.withTransaction { connection in
            try await body(PostgresTwinTransaction(connection: connection, logger: logger))
        }
    }

    /// Appends to the same hash chain as the security store, on the transaction's connection,
    /// so the audit row commits or rolls back with the change it records.
    public func appendAudit(_ entry: AuditEntry, in transaction: any TwinTransaction) async throws -> AuditRecord {
        guard let tx = transaction as? PostgresTwinTransaction else {
            preconditionFailure("PostGISTwinStore only appends inside its own transactions")
        }
        let security = PostgresSecurityTransaction(connection: tx.connection, logger: tx.logger)
        do {
            return try await PostgresSecurityStore(database: database, hasher: hasher).appendAudit(entry, in: security)
        } catch {
            throw PostgresErrorTranslator.translate(error, logger: logger)
        }
    }

    /// Runs a read on the pool, translating driver errors at the boundary.
    func read<T>(_ body: (PostgresClient) async throws -> T) async throws -> T {
        do {
            return try await body(database.client)
        } catch {
            throw PostgresErrorTranslator.translate(error, logger: logger)
        }
    }

    func rows<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) async throws -> [T] {
        try await read { client in
            try await TwinRows.collect(try await client.query(query, logger: logger), decode)
        }
    }

    /// Keyset page by `(name, id)`: the query fetched `limit + 1` rows to know whether more follow.
    func namedPage<T>(_ items: [T], limit: Int, key: (T) -> (String, UUID)) -> Page<T> {
        guard items.count > limit else { return Page(items: items) }
        let kept = Array(items.prefix(limit))
        let last = key(kept[kept.count - 1])
        return Page(items: kept, nextCursor: TwinPageCursor.encode(name: last.0, id: last.1))
    }
}

extension PostgresQuery.StringInterpolation {
    /// Visibility of site-wide catalogue rows (asset types): the site's own scope, or any
    /// building grant inside that site, so building-level users can still read their assets' types.
    mutating func appendInterpolation(siteWideScope scope: AccessScope, siteColumn: StaticString) {
        if scope.isGlobal {
            appendInterpolation(unescaped: "TRUE")
            return
        }
        appendInterpolation(unescaped: "(\(siteColumn) = ANY(")
        appendInterpolation(Array(scope.siteIDs))
        appendInterpolation(unescaped: ") OR \(siteColumn) IN (SELECT site_id FROM buildings WHERE id = ANY(")
        appendInterpolation(Array(scope.buildingIDs))
        appendInterpolation(unescaped: ")))")
    }
}
