import Foundation
import TwinDomain

/// Walks the audit chain and compares it with signed checkpoints kept elsewhere.
///
/// The chain proves each row follows from the one before; only an outside checkpoint proves the
/// chain is the one that was there: a rewrite that recomputed every later hash changes the hash at
/// a checkpointed seq (`rewritten`), deleting the newest rows removes a checkpointed seq
/// (`truncated`). Used by `/v1/audit/verify`, the checkpoint service and `atrium audit verify`.
public struct AuditChainVerifier: Sendable {
    public let store: any SecurityStore
    public let hasher: any AuditChainHasher
    public let signer: AuditCheckpointSigner?

    public init(store: any SecurityStore, hasher: any AuditChainHasher = SHA256AuditChainHasher(), signer: AuditCheckpointSigner?) {
        self.store = store
        self.hasher = hasher
        self.signer = signer
    }

    /// A checkpoint candidate: where it came from and its token (stored fields are not trusted).
    public struct Candidate: Sendable {
        public var store: String
        public var stored: AuditCheckpoint?
        public var readError: String?

        public init(store: String, stored: AuditCheckpoint?, readError: String? = nil) {
            self.store = store
            self.stored = stored
            self.readError = readError
        }
    }

    /// Each repository's latest checkpoint; a store that cannot be read is reported, not fatal.
    public static func candidates(from repositories: [any AuditCheckpointRepository], keyID: String) async -> [Candidate] {
        var result: [Candidate] = []
        for repository in repositories {
            do {
                result.append(Candidate(store: repository.storeName, stored: try await repository.latestCheckpoint(keyID: keyID)))
            } catch {
                result.append(Candidate(store: repository.storeName, stored: nil, readError: String(describing: error)))
            }
        }
        return result
    }

    /// Walks from `start` (a checkpoint already trusted, or the genesis) to the head, and checks
    /// every candidate whose seq the walk passes.
    public func verify(candidates: [Candidate], from start: AuditCheckpoint? = nil, pageSize: Int = 1000) async throws -> AuditChainReport {
        var checks: [AuditCheckpointCheck] = []
        var wanted: [Int64: [Int]] = [:]
        var signed: [Int: AuditCheckpoint] = [:]
        for candidate in candidates {
            var check = AuditCheckpointCheck(store: candidate.store, ok: true)
            if let error = candidate.readError {
                (check.ok, check.finding, check.problem) = (false, "unreadable", "the store could not be read: \(error)")
            } else if let stored = candidate.stored {
                if let signer {
                    do {
                        let checkpoint = try signer.check(stored)
                        check.seq = checkpoint.seq
                        signed[checks.count] = checkpoint
                        wanted[checkpoint.seq, default: []].append(checks.count)
                    } catch {
                        (check.ok, check.finding, check.problem) = (false, "forged", error.description)
                    }
                } else {
                    (check.ok, check.finding, check.problem) = (false, "unreadable", "no audit key to check the signature with")
                }
            } else {
                check.finding = "none"
                check.problem = "the store holds no checkpoint yet"
            }
            checks.append(check)
        }

        var previousHash = AuditRecord.genesisHash
        var expectedSeq: Int64 = 1
        var checked: Int64 = 0
        var broken: (Int64, String)?
        var hashes: [Int64: String] = [:]
        if let start {
            // The walk starts after a checkpoint: its row must still carry the signed hash.
            let rows = try await store.auditChain(afterSeq: start.seq - 1, limit: 1)
            if let row = rows.first, row.seq == start.seq {
                if Self.hex(row.hash) != start.hash {
                    broken = (start.seq, "row \(start.seq) no longer has the hash its checkpoint signed")
                } else {
                    previousHash = row.hash
                    expectedSeq = start.seq + 1
                    hashes[start.seq] = start.hash
                }
            } else {
                broken = (start.seq, "row \(start.seq), which a checkpoint signed, is gone")
            }
        }
        // Bounded: at most 10⁹ rows, one page at a time.
        pages: for _ in 0..<1_000_000 where broken == nil {
            let page = try await store.auditChain(afterSeq: expectedSeq - 1, limit: pageSize)
            if page.isEmpty { break }
            for record in page {
                checked += 1
                if record.seq != expectedSeq {
                    broken = (expectedSeq, "row \(expectedSeq) is missing (next row is \(record.seq))")
                    break pages
                }
                if record.previousHash != previousHash {
                    broken = (record.seq, "previous_hash does not match the hash of row \(record.seq - 1)")
                    break pages
                }
                let recomputed = hasher.chainHash(previous: previousHash,
                                                  canonical: AuditCanonicalForm.bytes(seq: record.seq, entry: record.entry))
                if recomputed != record.hash {
                    broken = (record.seq, "content of row \(record.seq) does not match its hash")
                    break pages
                }
                if wanted[record.seq] != nil { hashes[record.seq] = Self.hex(record.hash) }
                previousHash = record.hash
                expectedSeq += 1
            }
            if page.count < pageSize { break }
        }
        let headSeq = expectedSeq - 1
        for (index, checkpoint) in signed {
            let when = Date(timeIntervalSince1970: Double(checkpoint.timeMicros) / 1e6).formatted(.iso8601)
            if let actual = hashes[checkpoint.seq] {
                if actual != checkpoint.hash {
                    (checks[index].ok, checks[index].finding) = (false, "rewritten")
                    checks[index].problem = "row \(checkpoint.seq) has a different hash from the one signed at \(when): the chain was rewritten"
                }
            } else if let broken, broken.0 <= checkpoint.seq {
                (checks[index].ok, checks[index].finding) = (false, "beyond-break")
                checks[index].problem = "not compared: the chain breaks at row \(broken.0), before row \(checkpoint.seq)"
            } else if checkpoint.seq > headSeq {
                (checks[index].ok, checks[index].finding) = (false, "truncated")
                checks[index].problem = "a checkpoint signed at \(when) covers row \(checkpoint.seq), but the chain ends at row \(headSeq): rows were deleted"
            } else {
                checks[index].problem = "older than the checkpoint this check started from"
            }
        }
        let ok = broken == nil && checks.allSatisfy(\.ok)
        var report = AuditChainReport(ok: ok, rowsChecked: checked, firstBrokenSeq: broken?.0, problem: broken?.1,
                                      headSeq: headSeq, headHash: Self.hex(previousHash), checkpoint: nil)
        report.checkpoints = checks
        if report.problem == nil, let failing = checks.first(where: { !$0.ok }) { report.problem = failing.problem }
        return report
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
