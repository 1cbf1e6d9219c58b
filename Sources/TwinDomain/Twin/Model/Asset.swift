import Foundation

/// A physical thing operators care about: rack, device, cooling or power unit, sensor.
///
/// Identity (`id`) survives re-imports: the importer matches by `source.matchKey`, so sensors,
/// work orders and readings linked to an asset stay linked when the model is updated.
public struct Asset: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var siteID: UUID
    public var buildingID: UUID?
    public var floorID: UUID?
    public var spaceID: UUID?
    public var typeID: UUID?
    /// The containing asset (a device's rack); never two parents, never a cycle.
    public var parentID: UUID?
    public var kind: AssetKind
    public var name: String
    /// Asset tag / COBie TagNumber: what is printed on the label.
    public var tag: String?
    public var serialNumber: String?
    public var description: String?
    /// Placement origin in local site coordinates, metres.
    public var position: Point3D?
    /// World-axis bounding box from the geometry, metres.
    public var box: Box3D?
    /// Present for racks.
    public var rack: RackCapacity?
    /// Present for rack-mounted devices.
    public var mounting: RackMounting?
    /// Nominal electrical draw, watts (devices, cooling units).
    public var powerDrawW: Double?
    public var weightKg: Double?
    /// Rated capacity of cooling and power units, watts.
    public var ratedCapacityW: Double?
    public var installedOn: Date?
    public var warrantyEndsOn: Date?
    public var systemIDs: [UUID]
    /// Selected property values for listing (full sets are in the BIM document).
    public var properties: [String: DocumentValue]
    public var source: SourceReference
    /// Model this asset came from (nil for assets created through the API).
    public var modelID: UUID?
    public var retiredInVersion: Int?
    public var revision: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, siteID: UUID, buildingID: UUID? = nil, floorID: UUID? = nil, spaceID: UUID? = nil,
                typeID: UUID? = nil, parentID: UUID? = nil, kind: AssetKind, name: String, tag: String? = nil,
                serialNumber: String? = nil, description: String? = nil, position: Point3D? = nil, box: Box3D? = nil,
                rack: RackCapacity? = nil, mounting: RackMounting? = nil, powerDrawW: Double? = nil,
                weightKg: Double? = nil, ratedCapacityW: Double? = nil, installedOn: Date? = nil,
                warrantyEndsOn: Date? = nil, systemIDs: [UUID] = [], properties: [String: DocumentValue] = [:],
                source: SourceReference = SourceReference(), modelID: UUID? = nil, retiredInVersion: Int? = nil,
                revision: Int = 1, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.siteID = siteID
        self.buildingID = buildingID
        self.floorID = floorID
        self.spaceID = spaceID
        self.typeID = typeID
        self.parentID = parentID
        self.kind = kind
        self.name = name
        self.tag = tag
        self.serialNumber = serialNumber
        self.description = description
        self.position = position
        self.box = box
        self.rack = rack
        self.mounting = mounting
        self.powerDrawW = powerDrawW
        self.weightKg = weightKg
        self.ratedCapacityW = ratedCapacityW
        self.installedOn = installedOn
        self.warrantyEndsOn = warrantyEndsOn
        self.systemIDs = systemIDs
        self.properties = properties
        self.source = source
        self.modelID = modelID
        self.retiredInVersion = retiredInVersion
        self.revision = revision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
