import Foundation

/// How imports run on this instance (from `ATRIUM_IMPORT_*` configuration).
public struct ImportSettings: Sendable {
    /// Largest accepted upload.
    public var maxBytes: Int64
    /// Where uploads wait for the worker (renamed in, deleted when their job finishes).
    public var stagingDirectory: URL
    /// Write per-storey GLB tiles during the import (else they are made on first request).
    public var writeTiles: Bool
    /// Tests only; see ``ImportFaultInjection``.
    public var faultInjection: ImportFaultInjection?
    /// How often an owner renews its jobs' leases.
    public var leaseRenewal: Duration = .seconds(10)
    /// How long a queued or running job may go without a renewal before a recovery sweep decides
    /// its process is gone (several renewals, so a busy database does not fail live imports).
    public var leaseTimeout: Duration = .seconds(60)

    /// Jobs waiting for the worker, past which uploads are refused with 429 (`ATRIUM_IMPORT_MAX_QUEUED`).
    public var maxQueuedJobs: Int = 32
    /// Bytes one principal may have staged and waiting, past which its uploads are refused with
    /// 507 (`ATRIUM_IMPORT_QUOTA_BYTES`): one account cannot fill the staging disk for everyone.
    public var stagedBytesPerPrincipal: Int64 = 4 << 30

    public static let defaultMaxBytes: Int64 = 1 << 30

    public init(maxBytes: Int64 = ImportSettings.defaultMaxBytes,
                stagingDirectory: URL = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-imports"),
                writeTiles: Bool = true, faultInjection: ImportFaultInjection? = nil) {
        self.maxBytes = maxBytes
        self.stagingDirectory = stagingDirectory
        self.writeTiles = writeTiles
        self.faultInjection = faultInjection
    }

    /// Where a job's upload waits for the worker.
    public func stagedFile(for jobID: UUID) -> URL {
        stagingDirectory.appendingPathComponent("job-\(jobID.uuidString.lowercased()).upload")
    }
}
