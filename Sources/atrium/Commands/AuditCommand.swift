import ArgumentParser
import Crypto
import Foundation
import Logging
import TwinDomain
import TwinServices
import TwinStore

/// `atrium audit verify|public-key`: an auditor's offline check of the audit chain against
/// signed checkpoints kept outside PostgreSQL.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit chain against signed checkpoints.",
        subcommands: [AuditVerifyCommand.self, AuditPublicKeyCommand.self]
    )
}

/// Walks the chain in PostgreSQL and compares it with the newest checkpoint in FILE whose
/// signature verifies with the audit public key. Exit status 1 when anything does not hold.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the audit chain and compare it with a checkpoint file (exit 1 on any finding)."
    )

    @Option(name: .customLong("checkpoint"), help: "Checkpoint file: audit-checkpoints.jsonl lines or saved JWS tokens (default: the data directory's).")
    var checkpointFile: String?

    @Option(name: .customLong("public-key"), help: "Audit public key (PEM from `atrium audit public-key`, or a key file); default: ATRIUM_AUDIT_KEY_FILE or the data directory's key.")
    var publicKey: String?

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (ATRIUM_DATABASE_URL).")
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: "Data directory (ATRIUM_DATA_DIR, default .atrium/data).")
    var dataDirectory: String?

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let dataDirectory = dataDirectory ?? environment["ATRIUM_DATA_DIR"] ?? ".atrium/data"
        let keyPath = publicKey ?? environment["ATRIUM_AUDIT_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent(AuditKeyConfiguration.fileName).path
        let keys: JWTKeySet
        do { keys = try JWTKeySet.loadVerification(path: keyPath) } catch {
            throw ValidationError("cannot read the audit public key at \(keyPath): \(error)")
        }
        let signer = AuditCheckpointSigner(keys: keys)
        let file = URL(fileURLWithPath: checkpointFile ?? FileAuditCheckpointStore.inDataDirectory(dataDirectory).url.path)
        let tokens: [String]
        do { tokens = try FileAuditCheckpointStore.tokens(in: file) } catch {
            throw ValidationError("cannot read the checkpoint file \(file.path): \(error)")
        }
        // The newest checkpoint that verifies; any token that does not is itself a finding.
        var newest: AuditCheckpoint?
        var forged = 0
        for token in tokens {
            // Lines of another key (another installation, an older key) are not this key's to judge.
            guard let kid = AuditCheckpointSigner.keyID(of: token), keys.keys[kid] != nil else { continue }
            guard let checkpoint = try? signer.verified(token) else { forged += 1; continue }
            if checkpoint.seq > newest?.seq ?? 0 { newest = checkpoint }
        }
        let database = try CommandDatabase.open(databaseURL, label: "atrium.audit", environment: environment)
        let store = PostgresSecurityStore(database: database, hasher: SHA256AuditChainHasher())
        let verifier = AuditChainVerifier(store: store, signer: signer)
        let candidates: [AuditChainVerifier.Candidate] = [.init(store: "file:" + file.lastPathComponent, stored: newest)]
        var report = try await database.whileRunning { try await verifier.verify(candidates: candidates) }
        if forged > 0 {
            report.ok = false
            report.checkpoints.append(AuditCheckpointCheck(store: "file:" + file.lastPathComponent, ok: false, finding: "forged",
                                                           problem: "\(forged) line(s) are not checkpoints signed by this key"))
        }
        if newest == nil {
            report.ok = false
            report.problem = report.problem ?? "the checkpoint file holds no checkpoint signed by this key"
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.ok ? "ok" : "NOT OK", "— \(report.rowsChecked) rows, head \(report.headSeq) \(report.headHash)")
            if let problem = report.problem { print("problem: \(problem)") }
            for check in report.checkpoints {
                let seq = check.seq.map { " seq \($0)" } ?? ""
                print("checkpoint \(check.store)\(seq): \(check.finding ?? "matches")\(check.problem.map { " — \($0)" } ?? "")")
            }
        }
        if !report.ok { throw ExitCode(1) }
    }
}

/// Prints the audit key's public half as PEM, for auditors (`--public-key`).
struct AuditPublicKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "public-key", abstract: "Print the audit key's public half (PEM).")

    @Option(name: .customLong("data-dir"), help: "Data directory (ATRIUM_DATA_DIR, default .atrium/data).")
    var dataDirectory: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logger = Logger(label: "atrium.audit")
        let configuration = try AuditKeyConfiguration.load(dataDirectory: dataDirectory ?? environment["ATRIUM_DATA_DIR"] ?? ".atrium/data",
                                                           tokenKeys: nil, logger: logger)
        switch configuration.signer.keys.active.material {
        case .p256Private(let key): print(key.publicKey.pemRepresentation)
        case .p256Public(let key): print(key.pemRepresentation)
        default: throw ValidationError("the audit key is not a P-256 key; publish its JWK instead")
        }
    }
}
