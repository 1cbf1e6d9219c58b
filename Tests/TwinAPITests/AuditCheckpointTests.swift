import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing
import TwinDomain
import TwinServices
import TwinStore
@testable import TwinAPI

/// Finding 7: the database owner could rewrite a row and recompute every later hash, or delete the
/// newest rows, and verify still said ok. Signed checkpoints kept outside PostgreSQL catch both.
@Suite("Audit checkpoints against the database owner", .serialized,
       .enabled(if: SecurityHarness.available, "needs PostgreSQL/PostGIS: set ATRIUM_TEST_DATABASE_URL (tools/test does)"))
struct AuditCheckpointTests {
    /// Some audited changes: grants added to a fresh user.
    static func makeChanges(_ h: SecurityHarness, client: some TestClientProtocol, count: Int) async throws {
        let admin = try await client.login("admin").access
        let target = try await h.makeUser("cp-\(UUID().uuidString.prefix(6).lowercased())", grants: [])
        let roles = ["viewer", "operator", "facility_manager", "auditor", "admin"]
        for index in 0..<count {
            let response = try await client.json("/v1/users/\(target)/grants", .post, token: admin,
                                                 body: ["role": roles[index % roles.count], "site_id": h.siteA.uuidString])
            #expect(response.status == .created)
        }
    }

    /// Rewrites row `seq`'s reason and recomputes its hash and every later one, as a careful owner would.
    static func rewrite(_ h: SecurityHarness, seq: Int64) async throws {
        let rows = try await h.store.auditChain(afterSeq: 0, limit: 100_000)
        var previous = try #require(rows.first { $0.seq == seq - 1 }?.hash ?? (seq == 1 ? AuditRecord.genesisHash : nil))
        var statements: [PostgresQuery] = []
        for var record in rows where record.seq >= seq {
            if record.seq == seq { record.entry.reason = "nothing to see here" }
            let hash = SHA256AuditChainHasher().chainHash(previous: previous, canonical: AuditCanonicalForm.bytes(seq: record.seq, entry: record.entry))
            statements.append("""
                UPDATE audit_log SET reason = \(record.entry.reason), prev_hash = \(ByteBuffer(bytes: previous)),
                    hash = \(ByteBuffer(bytes: hash)) WHERE seq = \(record.seq)
                """)
            previous = hash
        }
        try await h.asOwner(statements)
    }

    static func verify(_ client: some TestClientProtocol) async throws -> [String: Any] {
        let auditor = try await client.login("auditor").access
        let response = try await client.json("/v1/audit/verify", .get, token: auditor)
        #expect(response.status == .ok)
        return try #require(response.body.jsonObject)
    }

    static func findings(_ report: [String: Any]) -> [String: String] {
        let checks = report["checkpoints"] as? [[String: Any]] ?? []
        var result: [String: String] = [:]
        for check in checks { result[check["store"] as? String ?? "?"] = (check["finding"] as? String) ?? "match" }
        return result
    }

    @Test func aRewriteWithRecomputedHashesIsNamedByTheCheckpoints() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                try await Self.makeChanges(h, client: client, count: 5)
                let signed = try await h.checkpointService().checkpoint()
                guard case .signed(let seq) = signed else { Issue.record("not signed: \(signed)"); return }
                let clean = try await Self.verify(client)
                #expect(clean["ok"] as? Bool == true)
                #expect(Self.findings(clean) == ["file": "match", "postgresql": "match"])
                let token = try #require(clean["checkpoint"] as? String)
                // The report's checkpoint is signed with the audit key, not the token key.
                #expect((try? h.keys.verifyJWS(token)) == nil)
                #expect(try h.auditSigner.verified(token).seq >= seq)

                try await Self.rewrite(h, seq: seq - 2)
                let report = try await Self.verify(client)
                #expect(report["first_broken_seq"] == nil || report["first_broken_seq"] is NSNull, "the chain itself still links")
                #expect(report["ok"] as? Bool == false)
                #expect(Self.findings(report)["file"] == "rewritten")
                #expect((report["problem"] as? String)?.contains("rewritten") == true)
                #expect(report["checkpoint"] == nil || report["checkpoint"] is NSNull, "a rewritten chain is never signed")
                // The periodic service refuses to sign over it too.
                let next = try await h.checkpointService().checkpoint()
                guard case .refused = next else { Issue.record("signed a rewritten chain: \(next)"); return }
            }
        }
    }

    @Test func deletingTheNewestRowsIsNamedAsTruncation() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                try await Self.makeChanges(h, client: client, count: 4)
                guard case .signed(let seq) = try await h.checkpointService().checkpoint() else { Issue.record("not signed"); return }
                try await h.asOwner(["DELETE FROM audit_log WHERE seq > \(seq - 3)", "DELETE FROM audit_checkpoints"])
                let report = try await Self.verify(client)
                #expect(report["ok"] as? Bool == false)
                #expect(Self.findings(report)["file"] == "truncated")
                #expect(Self.findings(report)["postgresql"] == "none", "the owner deleted PostgreSQL's copy; the file's remains")
                #expect((report["problem"] as? String)?.contains("deleted") == true)
            }
        }
    }

    @Test func forgedCheckpointsAreRefused() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                try await Self.makeChanges(h, client: client, count: 2)
                // A checkpoint claiming the audit key's id but signed with another key (the token key's
                // material, as the old verify used) is a forgery.
                guard case .p256Private(let tokenKey) = h.keys.active.material else { Issue.record("key"); return }
                let impostor = try JWTKeySet(active: JWTKey(kid: h.auditSigner.keyID, material: .p256Private(tokenKey)))
                let fake = try AuditCheckpointSigner(keys: impostor).sign(seq: 1, hash: String(repeating: "0", count: 64))
                try await h.checkpointFile.appendCheckpoint(fake)
                let report = try await Self.verify(client)
                #expect(report["ok"] as? Bool == false)
                #expect(Self.findings(report)["file"] == "forged")
            }
        }
    }

    @Test func incrementalCheckpointsAdvanceAndStayUnchangedWhenIdle() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                try await Self.makeChanges(h, client: client, count: 2)
                let service = h.checkpointService()
                guard case .signed(let first) = try await service.checkpoint() else { Issue.record("not signed"); return }
                #expect(try await service.checkpoint() == .unchanged(seq: first))
                try await Self.makeChanges(h, client: client, count: 2)
                guard case .signed(let second) = try await service.checkpoint() else { Issue.record("not signed"); return }
                #expect(second > first)
                let lines = try FileAuditCheckpointStore.tokens(in: h.checkpointFile.url)
                #expect(lines.count == 2)
                #expect(try await PostgresAuditCheckpointStore(database: h.database).latestCheckpoint(keyID: h.auditSigner.keyID)?.seq == second)
            }
        }
    }

    /// `atrium audit verify --checkpoint FILE --public-key PEM`: the auditor's offline check.
    @Test(.enabled(if: AtriumExecutable.url != nil, "needs the atrium executable (swift build builds it) or ATRIUM_BIN"))
    func offlineVerifyReadsTheCheckpointFile() async throws {
        try await SecurityHarness.with { h in
            try await h.application.test(.router) { client in
                try await Self.makeChanges(h, client: client, count: 3)
                guard case .signed(let seq) = try await h.checkpointService().checkpoint() else { Issue.record("not signed"); return }
                let pem = FileManager.default.temporaryDirectory.appendingPathComponent("audit-\(UUID().uuidString).pub.pem")
                defer { try? FileManager.default.removeItem(at: pem) }
                guard case .p256Private(let key) = h.auditSigner.keys.active.material else { Issue.record("key"); return }
                try key.publicKey.pemRepresentation.write(to: pem, atomically: true, encoding: .utf8)
                let database = try await UserCommandLineTests.currentDatabase(h)
                let arguments = ["verify", "--checkpoint", h.checkpointFile.url.path, "--public-key", pem.path]
                let clean = try await UserCommandLineTests.atrium(arguments, command: "audit", database: database)
                #expect(clean.status == 0, "\(clean.output) \(clean.error)")
                #expect(clean.output.hasPrefix("ok"))

                try await Self.rewrite(h, seq: seq - 1)
                let caught = try await UserCommandLineTests.atrium(arguments + ["--json"], command: "audit", database: database)
                #expect(caught.status == 1)
                #expect(caught.output.contains("\"rewritten\""), "\(caught.output)")

                // Another key cannot vouch: checked with a stranger's key, the file holds nothing it signed.
                let stranger = FileManager.default.temporaryDirectory.appendingPathComponent("stranger-\(UUID().uuidString).pem")
                defer { try? FileManager.default.removeItem(at: stranger) }
                try P256.Signing.PrivateKey().publicKey.pemRepresentation.write(to: stranger, atomically: true, encoding: .utf8)
                let forged = try await UserCommandLineTests.atrium(["verify", "--checkpoint", h.checkpointFile.url.path, "--public-key", stranger.path],
                                                                  command: "audit", database: database)
                #expect(forged.status == 1)
                #expect(forged.output.contains("no checkpoint signed by this key"), "\(forged.output)")
            }
        }
    }
}
