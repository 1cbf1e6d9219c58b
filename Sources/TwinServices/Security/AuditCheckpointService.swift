import Foundation
import Logging
import ServiceLifecycle
import TwinDomain

/// Signs the audit chain's head every `interval` and writes the checkpoint to every store.
///
/// Before signing it checks the rows added since the newest valid checkpoint (an incremental walk,
/// cheap however long the chain): a chain already rewritten or truncated is never signed, and the
/// finding is logged at critical level on each tick until someone looks.
public struct AuditCheckpointService: Service {
    let verifier: AuditChainVerifier
    let signer: AuditCheckpointSigner
    let stores: [any AuditCheckpointRepository]
    let interval: Duration
    let logger: Logger

    public init(store: any SecurityStore, signer: AuditCheckpointSigner, stores: [any AuditCheckpointRepository],
                interval: Duration, logger: Logger) {
        self.verifier = AuditChainVerifier(store: store, signer: signer)
        self.signer = signer
        self.stores = stores
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled {
            do {
                try await checkpoint()
            } catch {
                logger.warning("audit checkpoint failed; retrying next interval",
                               metadata: ["error": .string(String(describing: type(of: error)))])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }

    public enum Outcome: Sendable, Equatable {
        case signed(seq: Int64)
        case unchanged(seq: Int64)
        case empty
        case refused(problem: String)
    }

    /// One tick: check what is new, then sign and store the head if it moved.
    @discardableResult
    public func checkpoint() async throws -> Outcome {
        let candidates = await AuditChainVerifier.candidates(from: stores, keyID: signer.keyID)
        var newest: AuditCheckpoint?
        for candidate in candidates {
            guard let stored = candidate.stored, let valid = try? signer.check(stored) else { continue }
            if valid.seq > newest?.seq ?? 0 { newest = valid }
        }
        let report = try await verifier.verify(candidates: candidates, from: newest)
        guard report.ok else {
            let problem = report.problem ?? "audit chain check failed"
            logger.critical("audit chain does not match its checkpoints; not signing", metadata: [
                "problem": .string(problem), "first_broken_seq": .string(report.firstBrokenSeq.map(String.init) ?? "-"),
            ])
            return .refused(problem: problem)
        }
        guard report.headSeq > 0 else { return .empty }
        if let newest, newest.seq == report.headSeq { return .unchanged(seq: newest.seq) }
        let checkpoint = try signer.sign(seq: report.headSeq, hash: report.headHash)
        var written = 0
        for store in stores {
            do {
                try await store.appendCheckpoint(checkpoint)
                written += 1
            } catch {
                logger.error("audit checkpoint not written to a store", metadata: [
                    "store": .string(store.storeName), "error": .string(String(describing: type(of: error))),
                ])
            }
        }
        logger.info("audit checkpoint signed", metadata: ["seq": .string(String(checkpoint.seq)), "stores": .string(String(written))])
        return .signed(seq: checkpoint.seq)
    }
}
