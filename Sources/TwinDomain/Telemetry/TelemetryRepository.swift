import Foundation

/// Points and their readings. Reads take the caller's scope (objects outside it do not exist).
/// Points are written only inside a twin transaction (``TwinTransaction/insertPoint(_:)``), where
/// the change path adds their audit row; readings arrive through the spool's drain.
public protocol TelemetryRepository: Sendable {
    func points(_ query: PointQuery, scope: AccessScope) async throws -> Page<Point>
    func point(id: UUID, scope: AccessScope) async throws -> Point?
    /// Every live point (no scope: the ingest resolver's cache), for sites in `siteIDs` or all.
    func activePoints(siteIDs: Set<UUID>?) async throws -> [Point]
    /// The site, building and asset names of every live point, for resolving MQTT topics.
    func activePointAddresses() async throws -> [PointAddress]
    /// Idempotent on (point, time): readings already stored are skipped. Returns how many were new.
    /// Keeps the 1-minute and 1-hour rollups and the latest values in the same transaction.
    func insertReadings(_ readings: [Reading]) async throws -> Int
    func series(_ query: ReadingSeriesQuery) async throws -> [ReadingSample]
    /// Every live point with its place and its asset's anchor (no scope: the live fan-out's index).
    func livePoints() async throws -> [LivePoint]
    /// The newest reading of each point key given.
    func latest(pointKeys: [Int64]) async throws -> [Int64: Reading]
    /// Creates the daily partitions covering [first, last] (UTC days); returns how many tables were made.
    func ensureReadingPartitions(from first: Date, through last: Date) async throws -> Int
    /// Drops every daily partition wholly before `day` (retention); returns how many tables went.
    func dropReadingPartitions(before day: Date) async throws -> Int
}
