import Foundation
import TwinDomain

/// What a client supplies to create an asset that no model contains (a server mounted later).
///
/// Location may be left to the parent: a device created in a rack takes the rack's site,
/// building, floor and space unless it names its own.
public struct NewAsset: Sendable, Hashable {
    public var siteID: UUID?
    public var buildingID: UUID?
    public var floorID: UUID?
    public var spaceID: UUID?
    public var typeID: UUID?
    public var parentID: UUID?
    public var kind: AssetKind
    public var name: String
    public var tag: String?
    public var serialNumber: String?
    public var description: String?
    public var position: Point3D?
    public var box: Box3D?
    public var rack: RackCapacity?
    public var mounting: RackMounting?
    public var powerDrawW: Double?
    public var weightKg: Double?
    public var ratedCapacityW: Double?
    public var installedOn: Date?
    public var warrantyEndsOn: Date?
    public var properties: [String: DocumentValue]

    public init(siteID: UUID? = nil, buildingID: UUID? = nil, floorID: UUID? = nil, spaceID: UUID? = nil,
                typeID: UUID? = nil, parentID: UUID? = nil, kind: AssetKind, name: String, tag: String? = nil,
                serialNumber: String? = nil, description: String? = nil, position: Point3D? = nil, box: Box3D? = nil,
                rack: RackCapacity? = nil, mounting: RackMounting? = nil, powerDrawW: Double? = nil,
                weightKg: Double? = nil, ratedCapacityW: Double? = nil, installedOn: Date? = nil,
                warrantyEndsOn: Date? = nil, properties: [String: DocumentValue] = [:]) {
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
        self.properties = properties
    }
}
