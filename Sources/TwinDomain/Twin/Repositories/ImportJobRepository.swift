import Foundation

/// Import jobs live in PostgreSQL so a restart can find and settle the ones it interrupted.
///
/// Progress updates are not audited (the job's creation and outcome are, through the change
/// path); they are small single-row writes outside any import transaction.
public protocol ImportJobRepository: Sendable {
    func insertJob(_ job: ImportJob) async throws
    func updateJob(_ job: ImportJob) async throws
    /// A job the caller may see: in its scope by site, or created by `creator` (by id, never by name).
    func job(id: UUID, scope: AccessScope, creator: PrincipalReference?) async throws -> ImportJob?
    func jobs(page: PageRequest, scope: AccessScope, creator: PrincipalReference?) async throws -> Page<ImportJob>
    /// Renews the lease of jobs this process owns (queued in its memory or running in it).
    func renewJobLeases(ids: Set<UUID>) async throws
    /// Marks queued/running jobs whose lease was last renewed more than `silence` ago failed with
    /// `import.interrupted` and returns them, so their orphan documents can be removed.
    func failInterruptedJobs(silentFor silence: Duration) async throws -> [ImportJob]
    /// Reserves the model's next version number for the job (one past the highest committed or
    /// reserved), before the job writes documents under it: two unfinished jobs never share a
    /// number. Asking again for the same model returns the job's reservation.
    func reserveVersion(modelID: UUID, jobID: UUID) async throws -> Int
    /// Ends the job's reservation, once what it wrote under the number is committed or deleted.
    /// A commit ends it in its own transaction; this is for failures.
    func releaseVersion(jobID: UUID) async throws
}

