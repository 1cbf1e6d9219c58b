import Foundation

/// Import jobs live in PostgreSQL so a restart can find and settle the ones it interrupted.
///
/// Progress updates are not audited (the job's creation and outcome are, through the change
/// path); they are small single-row writes outside any import transaction.
public protocol ImportJobRepository: Sendable {
    func insertJob(_ job: ImportJob) async throws
    func updateJob(_ job: ImportJob) async throws
    /// A job the caller may see: in its scope by site, or created by `principalName`.
    func job(id: UUID, scope: AccessScope, principalName: String?) async throws -> ImportJob?
    func jobs(page: PageRequest, scope: AccessScope, principalName: String?) async throws -> Page<ImportJob>
    /// Marks every queued/running job failed with `import.interrupted` (called once at start-up,
    /// before the import worker runs) and returns them so their orphan documents can be removed.
    func failInterruptedJobs() async throws -> [ImportJob]
}
