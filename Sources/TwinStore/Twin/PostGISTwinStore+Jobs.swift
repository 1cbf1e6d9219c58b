import Foundation
import PostgresNIO
import TwinDomain

extension PostGISTwinStore {
    public func insertJob(_ job: ImportJob) async throws {
        _ = try await read { client in
            try await client.query("""
                INSERT INTO import_jobs (id, status, phase, percent, file_name, format, size_bytes, site_id, model_id,
                    version_number, messages, warning_count, error_code, created_by, created_by_kind, created_by_id,
                    created_at, updated_at, finished_at)
                VALUES (\(job.id), \(job.status.rawValue), \(job.phase.rawValue), \(job.percent), \(job.fileName),
                    \(job.format?.rawValue)::text, \(job.sizeBytes), \(job.siteID)::uuid, \(job.modelID)::uuid,
                    \(job.versionNumber)::int8, \(TwinRows.json(job.messages))::jsonb, \(job.warningCount),
                    \(job.errorCode)::text, \(job.createdBy)::text, \(job.creator?.kind)::text, \(job.creator?.id)::uuid, \(job.createdAt), \(job.updatedAt),
                    \(job.finishedAt)::timestamptz)
                """, logger: logger)
        }
    }

    public func updateJob(_ job: ImportJob) async throws {
        let found = try await rows("""
            UPDATE import_jobs SET status = \(job.status.rawValue), phase = \(job.phase.rawValue), percent = \(job.percent),
                file_name = \(job.fileName), format = \(job.format?.rawValue)::text, size_bytes = \(job.sizeBytes),
                site_id = \(job.siteID)::uuid, model_id = \(job.modelID)::uuid, version_number = \(job.versionNumber)::int8,
                messages = \(TwinRows.json(job.messages))::jsonb, warning_count = \(job.warningCount),
                error_code = \(job.errorCode)::text, updated_at = \(job.updatedAt),
                finished_at = \(job.finishedAt)::timestamptz
            WHERE id = \(job.id) RETURNING id
            """) { try $0.decode(UUID.self) }
        if found.isEmpty { throw RepositoryError.notFound }
    }

    public func job(id: UUID, scope: AccessScope, creator: PrincipalReference?) async throws -> ImportJob? {
        try await rows("""
            SELECT \(unescaped: TwinRows.job) FROM import_jobs j
            WHERE j.id = \(id) AND (\(scope: scope, siteColumn: "j.site_id")
                                    OR (j.created_by_id = \(creator?.id)::uuid AND j.created_by_kind = \(creator?.kind)::text))
            """, TwinRows.job).first
    }

    public func jobs(page: PageRequest, scope: AccessScope, creator: PrincipalReference?) async throws -> Page<ImportJob> {
        let after = try TwinPageCursor.decodeTimeID(page.cursor)
        let items = try await rows("""
            SELECT \(unescaped: TwinRows.job) FROM import_jobs j
            WHERE (\(scope: scope, siteColumn: "j.site_id")
                   OR (j.created_by_id = \(creator?.id)::uuid AND j.created_by_kind = \(creator?.kind)::text))
              AND (\(after.micros)::int8 IS NULL
                   OR ((extract(epoch FROM j.created_at) * 1000000)::int8, j.id) < (\(after.micros)::int8, \(after.id)::uuid))
            ORDER BY j.created_at DESC, j.id DESC LIMIT \(page.limit + 1)
            """, TwinRows.job)
        guard items.count > page.limit else { return Page(items: items) }
        let kept = Array(items.prefix(page.limit))
        let last = kept[kept.count - 1]
        return Page(items: kept, nextCursor: TwinPageCursor.encode(time: last.createdAt, id: last.id))
    }

    public func renewJobLeases(ids: Set<UUID>) async throws {
        guard !ids.isEmpty else { return }
        _ = try await read { client in
            try await client.query("""
                UPDATE import_jobs SET heartbeat_at = now() WHERE id = ANY(\(Array(ids))) AND status IN ('queued', 'running')
                """, logger: logger)
        }
    }

    public func failInterruptedJobs(silentFor silence: Duration) async throws -> [ImportJob] {
        let seconds = Double(silence.components.seconds) + Double(silence.components.attoseconds) / 1e18
        return try await rows("""
            UPDATE import_jobs j SET status = 'failed', error_code = 'import.interrupted', updated_at = now(),
                finished_at = now()
            WHERE j.status IN ('queued', 'running') AND j.heartbeat_at <= now() - make_interval(secs => \(seconds))
            RETURNING \(unescaped: TwinRows.job)
            """, TwinRows.job)
    }

    public func reserveVersion(modelID: UUID, jobID: UUID) async throws -> Int {
        // Two processes computing the same number at once: the second insert waits for the
        // first, then hits the primary key and takes the next. Bounded: each retry sees one
        // more reservation, and more than a few imports of one model at once is not a workload.
        for _ in 0..<16 {
            do {
                let number = try await rows("""
                    WITH mine AS (
                        SELECT number FROM model_version_reservations WHERE job_id = \(jobID) AND model_id = \(modelID)
                    ), taken AS (
                        INSERT INTO model_version_reservations (model_id, number, job_id)
                        SELECT \(modelID), greatest(
                                (SELECT coalesce(max(number), 0) FROM model_versions WHERE model_id = \(modelID)),
                                (SELECT coalesce(max(number), 0) FROM model_version_reservations WHERE model_id = \(modelID))
                            ) + 1, \(jobID)
                        WHERE NOT EXISTS (SELECT 1 FROM mine)
                        RETURNING number
                    )
                    SELECT number FROM mine UNION ALL SELECT number FROM taken
                    """) { try $0.decode(Int.self) }.first
                guard let number else { throw RepositoryError.notFound }
                return number
            } catch RepositoryError.conflict(rule: "version-reservation.taken") {
                continue
            }
        }
        throw RepositoryError.conflict(rule: "version-reservation.taken")
    }

    public func releaseVersion(jobID: UUID) async throws {
        _ = try await read { client in
            try await client.query("DELETE FROM model_version_reservations WHERE job_id = \(jobID)", logger: logger)
        }
    }
}
