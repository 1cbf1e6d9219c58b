import Foundation

/// What capacity planning reads: a place's racks, devices, power and cooling units and systems in
/// one go, the racks' measured power over a window, and unexpired reservations. Reservations
/// change only through a twin transaction (audited).
public protocol CapacityRepository: Sendable {
    /// Racks, devices, power units and cooling units of the buildings (or the site) in scope.
    func capacityAssets(siteID: UUID?, buildingID: UUID?, scope: AccessScope) async throws -> [CapacityAssetRow]
    /// Names of systems by id (`Critical power A`), for feed labels.
    func systemNames(ids: Set<UUID>) async throws -> [UUID: String]
    /// Max and 95th percentile of each rack's own power point (quantity `power` on the rack) since
    /// `from`: 1-minute averages for windows up to six hours, hourly ones beyond.
    func measuredRackPower(rackIDs: Set<UUID>, from: Date, hourly: Bool) async throws -> [UUID: (max: Double, p95: Double)]
    /// Unexpired reservations of these racks at `now`.
    func rackReservations(rackIDs: Set<UUID>, at now: Date) async throws -> [RackReservation]
    func rackReservations(siteID: UUID?, at now: Date, scope: AccessScope) async throws -> [RackReservation]
    func rackReservation(id: UUID, scope: AccessScope) async throws -> RackReservation?
}
