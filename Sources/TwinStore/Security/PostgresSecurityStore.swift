import Foundation
import Logging
import PostgresNIO
import TwinDomain

/// PostgreSQL implementation of accounts, tokens, keys and the audit chain.
public struct PostgresSecurityStore: SecurityStore {
    public typealias Transaction = any SecurityTransaction

    /// Key of the transaction-scoped advisory lock that serializes audit appends
    /// ("ATRAUDIT" in ASCII), so exactly one row can follow each head.
    public static let auditLockKey: Int64 = 0x4154_5241_5544_4954

    let database: PostGISDatabase
    let hasher: any AuditChainHasher
    var logger: Logger { database.logger }

    public init(database: PostGISDatabase, hasher: any AuditChainHasher) {
        self.database = database
        self.hasher = hasher
    }

    // MARK: Transactions and the audit chain

    public func withTransaction<T: Sendable>(_ body: (any SecurityTransaction) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await database.withTransaction { connection in
            try await body(PostgresSecurityTransaction(connection: connection, logger: logger))
        }
    }

    public func appendAudit(_ entry: AuditEntry, in transaction: any SecurityTransaction) async throws -> AuditRecord {
        guard let tx = transaction as? PostgresSecurityTransaction else {
            preconditionFailure("PostgresSecurityStore only appends inside its own transactions")
        }
        let entry = entry.storable
        try await tx.run("SELECT pg_advisory_xact_lock(\(Self.auditLockKey))")
        var previous = AuditRecord.genesisHash
        var seq: Int64 = 1
        let head = try await tx.connection.query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", logger: logger)
        for try await (headSeq, headHash) in head.decode((Int64, ByteBuffer).self) {
            previous = Array(headHash.readableBytesView)
            seq = headSeq + 1
        }
        let hash = hasher.chainHash(previous: previous, canonical: AuditCanonicalForm.bytes(seq: seq, entry: entry))
        try await tx.run("""
            INSERT INTO audit_log (seq, occurred_at_us, actor_kind, actor_id, actor_name, roles, source_ip, user_agent,
                request_id, action, object_kind, object_id, site_id, building_id, outcome, reason, before_json, after_json,
                prev_hash, hash, client_request_id)
            VALUES (\(seq), \(entry.timeMicros), \(entry.actorKind), \(entry.actorID), \(entry.actorName), \(entry.roles),
                \(entry.sourceIP), \(entry.userAgent), \(entry.requestID), \(entry.action), \(entry.objectKind),
                \(entry.objectID), \(entry.siteID), \(entry.buildingID), \(entry.outcome.rawValue), \(entry.reason), \(entry.before),
                \(entry.after), \(ByteBuffer(bytes: previous)), \(ByteBuffer(bytes: hash)), \(entry.clientRequestID))
            """)
        return AuditRecord(seq: seq, entry: entry, previousHash: previous, hash: hash)
    }

    // MARK: Reads

    static let userColumns = """
        u.id, u.name, u.password_hash, u.disabled, u.security_version, g.id, g.role, g.site_id, g.building_id
        """

    static func userSelect(id: UUID) -> PostgresQuery {
        """
        SELECT \(unescaped: userColumns) FROM users u LEFT JOIN user_grants g ON g.user_id = u.id
        WHERE u.id = \(id) ORDER BY g.created_at, g.id
        """
    }

    static func grant(id: UUID, role: String, site: UUID?, building: UUID?) -> Grant? {
        guard let role = Role(rawValue: role) else { return nil }
        let target: GrantTarget
        switch (site, building) {
        case (nil, _): target = .global
        case (let site?, nil): target = .site(site)
        case (let site?, let building?): target = .building(building, site: site)
        }
        return Grant(id: id, role: role, target: target)
    }

    /// Folds user ⟕ grant rows (ordered by user) into records.
    static func users(from rows: PostgresRowSequence) async throws -> [UserRecord] {
        var result: [UserRecord] = []
        for try await (id, name, hash, disabled, version, grantID, role, site, building)
            in rows.decode((UUID, String, String, Bool, Int64, UUID?, String?, UUID?, UUID?).self) {
            if result.last?.id != id {
                result.append(UserRecord(id: id, name: name, passwordHash: hash, disabled: disabled,
                                         securityVersion: version, grants: []))
            }
            if let grantID, let role, let grant = grant(id: grantID, role: role, site: site, building: building) {
                result[result.count - 1].grants.append(grant)
            }
        }
        return result
    }

    public func userForLogin(name: String) async throws -> UserRecord? {
        try await read {
            try await Self.users(from: database.client.query("""
                SELECT \(unescaped: Self.userColumns) FROM users u LEFT JOIN user_grants g ON g.user_id = u.id
                WHERE lower(u.name) = lower(\(name)) ORDER BY g.created_at, g.id
                """, logger: logger)).first
        }
    }

    public func userForRequest(id: UUID) async throws -> UserRecord? {
        try await read { try await Self.users(from: database.client.query(Self.userSelect(id: id), logger: logger)).first }
    }

    public func users(visibleIn scope: AccessScope, limit: Int) async throws -> [UserRecord] {
        // Visible users are those with a grant in scope; only in-scope grants are returned.
        try await read {
            try await Self.users(from: database.client.query("""
                SELECT \(unescaped: Self.userColumns) FROM users u
                LEFT JOIN user_grants g ON g.user_id = u.id
                    AND \(scope: scope, siteColumn: "g.site_id", buildingColumn: "g.building_id")
                WHERE u.id IN (
                    SELECT v.id FROM users v
                    WHERE \(scope.isGlobal) OR EXISTS (
                        SELECT 1 FROM user_grants vg WHERE vg.user_id = v.id
                        AND \(scope: scope, siteColumn: "vg.site_id", buildingColumn: "vg.building_id"))
                    ORDER BY lower(v.name) LIMIT \(limit))
                ORDER BY lower(u.name), u.id, g.created_at, g.id
                """, logger: logger))
        }
    }

    static let apiKeyColumns = "id, prefix, secret_hash, name, site_id, building_id, permissions, created_by, expires_at, revoked_at"

    static func apiKeys(from rows: PostgresRowSequence) async throws -> [APIKeyRecord] {
        var result: [APIKeyRecord] = []
        for try await (id, prefix, digest, name, site, building, permissions, createdBy, expires, revoked)
            in rows.decode((UUID, String, ByteBuffer, String, UUID?, UUID?, [String], UUID?, Date?, Date?).self) {
            let target: GrantTarget
            switch (site, building) {
            case (nil, _): target = .global
            case (let site?, nil): target = .site(site)
            case (let site?, let building?): target = .building(building, site: site)
            }
            result.append(APIKeyRecord(id: id, prefix: prefix, secretHash: Array(digest.readableBytesView), name: name, target: target,
                                       permissions: Set(permissions.compactMap(Permission.init(rawValue:))),
                                       createdBy: createdBy, expiresAt: expires, revokedAt: revoked))
        }
        return result
    }

    public func apiKey(prefix: String) async throws -> APIKeyRecord? {
        try await read {
            try await Self.apiKeys(from: database.client.query(
                "SELECT \(unescaped: Self.apiKeyColumns) FROM api_keys WHERE prefix = \(prefix)", logger: logger)).first
        }
    }

    public func apiKeys(visibleIn scope: AccessScope) async throws -> [APIKeyRecord] {
        try await read {
            try await Self.apiKeys(from: database.client.query("""
                SELECT \(unescaped: Self.apiKeyColumns) FROM api_keys
                WHERE \(scope: scope, siteColumn: "site_id", buildingColumn: "building_id")
                ORDER BY created_at, id LIMIT 1000
                """, logger: logger))
        }
    }

    static let auditColumns = """
        seq, occurred_at_us, actor_kind, actor_id, actor_name, roles, source_ip, user_agent, request_id, action,
        object_kind, object_id, site_id, outcome, reason, before_json, after_json, prev_hash, hash, building_id,
        client_request_id
        """

    static func auditRecords(from rows: PostgresRowSequence) async throws -> [AuditRecord] {
        var result: [AuditRecord] = []
        for try await row in rows {
            let (seq, time, actorKind, actorID, actorName, roles, ip, agent, requestID, action) =
                try row.decode((Int64, Int64, String?, UUID?, String?, [String], String?, String?, String?, String).self)
            let columns = row.makeRandomAccess()
            let objectKind = try columns[10].decode(String?.self)
            let objectID = try columns[11].decode(String?.self)
            let siteID = try columns[12].decode(UUID?.self)
            let outcome = try columns[13].decode(String.self)
            let reason = try columns[14].decode(String?.self)
            let before = try columns[15].decode(String?.self)
            let after = try columns[16].decode(String?.self)
            let previous = Array(try columns[17].decode(ByteBuffer.self).readableBytesView)
            let hash = Array(try columns[18].decode(ByteBuffer.self).readableBytesView)
            let buildingID = try columns[19].decode(UUID?.self)
            let clientRequestID = try columns[20].decode(String?.self)
            let entry = AuditEntry(
                timeMicros: time, actorKind: actorKind, actorID: actorID, actorName: actorName, roles: roles,
                sourceIP: ip, userAgent: agent, requestID: requestID, action: action, objectKind: objectKind,
                objectID: objectID, siteID: siteID, buildingID: buildingID, outcome: AuditOutcome(rawValue: outcome) ?? .failure,
                reason: reason, before: before, after: after, clientRequestID: clientRequestID)
            result.append(AuditRecord(seq: seq, entry: entry, previousHash: previous, hash: hash))
        }
        return result
    }

    public func auditRecords(_ query: AuditQuery, visibleIn scope: AccessScope) async throws -> [AuditRecord] {
        // Each optional filter is `(bind IS NULL OR column = bind)`: one static
        // statement, every value a bind parameter.
        try await read {
            try await Self.auditRecords(from: database.client.query("""
                SELECT \(unescaped: Self.auditColumns) FROM audit_log
                WHERE \(scope: scope, siteColumn: "site_id", buildingColumn: "building_id")
                  AND (\(query.actorID)::uuid IS NULL OR actor_id = \(query.actorID))
                  AND (\(query.actorName)::text IS NULL OR actor_name = \(query.actorName))
                  AND (\(query.action)::text IS NULL OR action = \(query.action))
                  AND (\(query.objectKind)::text IS NULL OR object_kind = \(query.objectKind))
                  AND (\(query.objectID)::text IS NULL OR object_id = \(query.objectID))
                  AND (\(query.siteID)::uuid IS NULL OR site_id = \(query.siteID))
                  AND (\(query.buildingID)::uuid IS NULL OR building_id = \(query.buildingID))
                  AND (\(query.outcome?.rawValue)::text IS NULL OR outcome = \(query.outcome?.rawValue))
                  AND (\(query.fromMicros)::int8 IS NULL OR occurred_at_us >= \(query.fromMicros))
                  AND (\(query.toMicros)::int8 IS NULL OR occurred_at_us < \(query.toMicros))
                  AND (\(query.beforeSeq)::int8 IS NULL OR seq < \(query.beforeSeq))
                ORDER BY seq DESC LIMIT \(query.limit)
                """, logger: logger))
        }
    }

    public func siteID(ofBuilding building: UUID) async throws -> UUID? {
        try await read {
            let rows = try await database.client.query("SELECT site_id FROM buildings WHERE id = \(building)", logger: logger)
            for try await site in rows.decode(UUID.self) { return site }
            return nil
        }
    }

    public func auditChain(afterSeq: Int64, limit: Int) async throws -> [AuditRecord] {
        try await read {
            try await Self.auditRecords(from: database.client.query("""
                SELECT \(unescaped: Self.auditColumns) FROM audit_log WHERE seq > \(afterSeq) ORDER BY seq LIMIT \(limit)
                """, logger: logger))
        }
    }

    private func read<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw PostgresErrorTranslator.translate(error, logger: logger)
        }
    }
}
