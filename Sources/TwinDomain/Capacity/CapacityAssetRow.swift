import Foundation

/// The facts of one asset that capacity planning reads (a rack, a device in it, a UPS or PDU, a
/// cooling unit), without the rest of the asset: a campus is read in one query.
public struct CapacityAssetRow: Sendable, Hashable {
    public var id: UUID
    public var kind: AssetKind
    public var name: String
    public var siteID: UUID
    public var buildingID: UUID?
    public var floorID: UUID?
    public var spaceID: UUID?
    public var parentID: UUID?
    public var rack: RackCapacity?
    public var mounting: RackMounting?
    public var powerDrawW: Double?
    public var weightKg: Double?
    public var ratedCapacityW: Double?
    public var systemIDs: [UUID]
    /// The asset type's name (not read for devices): its last resort for a rating ("CRAC 100kW").
    public var typeName: String?
    /// The few properties capacity reads: `RowName`, `predefinedType`, `objectType`, `AllocatedPowerW`,
    /// `FedBy`, `Voltage`, `Amperage`, `Phases`, `MaxUtilization`, as text.
    public var properties: [String: String]

    public init(id: UUID, kind: AssetKind, name: String, siteID: UUID, buildingID: UUID? = nil, floorID: UUID? = nil, spaceID: UUID? = nil,
                parentID: UUID? = nil, rack: RackCapacity? = nil, mounting: RackMounting? = nil, powerDrawW: Double? = nil,
                weightKg: Double? = nil, ratedCapacityW: Double? = nil, systemIDs: [UUID] = [], typeName: String? = nil,
                properties: [String: String] = [:]) {
        self.typeName = typeName
        self.id = id
        self.kind = kind
        self.name = name
        self.siteID = siteID
        self.buildingID = buildingID
        self.floorID = floorID
        self.spaceID = spaceID
        self.parentID = parentID
        self.rack = rack
        self.mounting = mounting
        self.powerDrawW = powerDrawW
        self.weightKg = weightKg
        self.ratedCapacityW = ratedCapacityW
        self.systemIDs = systemIDs
        self.properties = properties
    }

    /// The property names read into ``properties``.
    public static let propertyNames = ["RowName", "predefinedType", "objectType", "AllocatedPowerW", "FedBy", "Voltage", "Amperage",
                                       "Phases", "MaxUtilization"]
}
