import Foundation
import TwinDomain

/// Turns the importer's frequent progress callbacks into few job-row writes: one when the phase
/// changes, else at most one per second or per 5 percent.
struct ImportProgress: Sendable {
    let updates: AsyncStream<(ImportPhase, Int)>
    let sink: AsyncStream<(ImportPhase, Int)>.Continuation

    init() {
        (updates, sink) = AsyncStream.makeStream(of: (ImportPhase, Int).self, bufferingPolicy: .bufferingNewest(8))
    }

    /// Writes throttled updates of `job` until `sink` finishes; returns the last state written.
    static func drain(_ updates: AsyncStream<(ImportPhase, Int)>, job start: ImportJob,
                      write: @Sendable (ImportJob) async -> Void) async -> ImportJob {
        var job = start
        var lastWrite = ContinuousClock.now
        var lastPercent = job.percent
        for await (phase, percent) in updates {
            let clamped = max(job.percent, min(percent, 99))
            let due = phase != job.phase || clamped - lastPercent >= 5 || ContinuousClock.now - lastWrite >= .seconds(1)
            job.phase = phase
            job.percent = clamped
            if due {
                job.updatedAt = Date()
                await write(job)
                lastWrite = ContinuousClock.now
                lastPercent = clamped
            }
        }
        return job
    }
}
