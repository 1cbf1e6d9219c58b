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
    /// Active power points of the place with what they meter: the asset's kind, IFC type and
    /// `Metering` property (`facility` for a utility meter).
    func powerPoints(siteID: UUID, buildingID: UUID?) async throws -> [PowerPointRow]
    /// Per hour in [from, to): the sum over `pointKeys` of each point's hourly average (W), and how
    /// many of them reported.
    func hourlyPower(pointKeys: [Int64], from: Date, to: Date) async throws -> [(start: Date, watts: Double, points: Int)]
}

/// A power point and the asset it meters, for energy accounting.
public struct PowerPointRow: Sendable, Hashable {
    public var key: Int64
    public var assetID: UUID?
    public var spaceID: UUID?
    public var assetKind: AssetKind?
    public var predefinedType: String?
    public var objectType: String?
    public var metering: String?

    public init(key: Int64, assetID: UUID? = nil, spaceID: UUID? = nil, assetKind: AssetKind?, predefinedType: String? = nil,
                objectType: String? = nil, metering: String? = nil) {
        self.key = key
        self.assetID = assetID
        self.spaceID = spaceID
        self.assetKind = assetKind
        self.predefinedType = predefinedType
        self.objectType = objectType
        self.metering = metering
    }
}
