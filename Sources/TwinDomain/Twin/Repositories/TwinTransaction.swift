import Foundation

/// Twin writes available inside one audited transaction (see ``AuditedStore``).
///
/// Every method throws ``RepositoryError``; constraint names become stable `rule`s
/// (`asset.mounting-overlap`, `asset.single-parent`, …) so the API can explain a refusal.
public protocol TwinTransaction: Sendable {
    /// Applies a whole batch: resolves draft keys against the model's existing rows (same key →
    /// same id, updated in place), inserts new rows, retires rows the batch no longer has,
    /// records the version with its fingerprints and diff, and makes it the active version.
    /// Either all of it becomes visible at commit or none of it does.
    func commitImport(_ batch: ImportBatch, target: ImportTarget) async throws -> ImportCommitResult

    /// The same, started before the import has finished: the rows (which need only the batch) are
    /// written first, then `completion` is awaited for what only the end of an import knows (the
    /// entity fingerprints, the stored original), then the version is recorded. The pipeline uses
    /// it to write PostGIS rows while BIM documents are still being written; nothing is visible
    /// until commit, and a failed `completion` rolls everything back.
    func commitImport(_ batch: ImportBatch, target: ImportTarget,
                      completion: @Sendable () async throws -> ImportCompletion) async throws -> ImportCommitResult

    func asset(id: UUID, forUpdate: Bool) async throws -> Asset?
    func insertAsset(_ asset: Asset) async throws -> Asset
    /// Stores `asset` if its revision is still `expectedRevision`; returns it with the revision bumped.
    /// Throws `RepositoryError.conflict(rule: "revision")` when someone else changed it first.
    func updateAsset(_ asset: Asset, expectedRevision: Int) async throws -> Asset
    /// Deletes an asset that no model owns (model assets are retired by re-imports, not deleted).
    func deleteAsset(id: UUID) async throws

    /// Location of a rack, space or floor for scope checks on writes: (siteID, buildingID).
    func location(ofAsset id: UUID) async throws -> (siteID: UUID, buildingID: UUID?)?

    /// Stores a new point (in the transaction its audit row joins) and returns it with its compact key.
    func insertPoint(_ point: Point) async throws -> Point

    /// Reconciles the site's derived points (origin `import`/`rule`) with `desired`, matched by
    /// external key: new ones are created, changed ones updated (ids and keys kept), and derived
    /// points no longer implied are retired (their readings stay). Manual points are never touched.
    func syncDerivedPoints(siteID: UUID, desired: [Point]) async throws -> PointSyncResult

    // MARK: Alarms (issue 14)

    func insertAlarmRule(_ rule: AlarmRuleDefinition) async throws -> AlarmRuleDefinition
    /// Deletes the rule (its condition states and alarms go with it); returns what was deleted.
    func deleteAlarmRule(id: UUID) async throws -> AlarmRuleDefinition?
    /// The open alarm of (rule, point), locked for update.
    func openAlarm(ruleID: UUID, pointID: UUID) async throws -> Alarm?
    /// One alarm, locked for update when asked.
    func alarm(id: UUID, forUpdate: Bool) async throws -> Alarm?
    func insertAlarm(_ alarm: Alarm) async throws -> Alarm
    /// Stores the alarm's new record; returns it with the revision bumped.
    func updateAlarm(_ alarm: Alarm) async throws -> Alarm
    /// Queues `payload` for every enabled webhook of the alarm's site that wants its severity, in
    /// this transaction (so nothing is sent for a change that rolls back). Returns the rows queued.
    @discardableResult
    func enqueueAlarmNotification(_ alarm: Alarm, event: String, payload: String) async throws -> Int

    func insertWebhook(_ webhook: Webhook) async throws -> Webhook
    /// Deletes the webhook (its queued rows go with it); returns what was deleted.
    func deleteWebhook(id: UUID) async throws -> Webhook?
    /// Stores a reservation; ``RepositoryError/conflict`` when it overlaps another unexpired one of the rack.
    func insertRackReservation(_ reservation: RackReservation, now: Date) async throws -> RackReservation
    func deleteRackReservation(id: UUID) async throws -> RackReservation?
    /// Stores an active scenario run; ``RepositoryError/conflict`` when the same one is already active.
    func insertScenarioRun(_ run: ScenarioRun) async throws -> ScenarioRun
    /// Marks an active run stopped; nil when it is not active (or does not exist).
    func stopScenarioRun(id: UUID, by: String, at: Date) async throws -> ScenarioRun?
}

extension TwinTransaction {
    public func commitImport(_ batch: ImportBatch, target: ImportTarget) async throws -> ImportCommitResult {
        let completion = ImportCompletion(fingerprints: batch.fingerprints, originalFileID: nil)
        return try await commitImport(batch, target: target) { completion }
    }
}
