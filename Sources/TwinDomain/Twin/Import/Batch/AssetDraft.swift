import Foundation

public struct AssetDraft: Sendable, Hashable {
    public var key: String
    public var kind: AssetKind
    public var name: String
    public var tag: String?
    public var serialNumber: String?
    public var description: String?
    public var typeKey: String?
    /// The rack a device is mounted in.
    public var parentKey: String?
    public var buildingKey: String?
    public var floorKey: String?
    public var spaceKey: String?
    public var position: Point3D?
    public var box: Box3D?
    public var rack: RackCapacity?
    public var mounting: RackMounting?
    public var powerDrawW: Double?
    public var weightKg: Double?
    public var ratedCapacityW: Double?
    public var installedOn: Date?
    public var warrantyEndsOn: Date?
    public var systemKeys: [String]
    public var properties: [String: DocumentValue]
    /// Which classification rule decided `kind` (for the import report and audits).
    public var classifiedBy: String?
    public var source: SourceReference

    public init(key: String, kind: AssetKind, name: String, tag: String? = nil, serialNumber: String? = nil,
                description: String? = nil, typeKey: String? = nil, parentKey: String? = nil,
                buildingKey: String? = nil, floorKey: String? = nil, spaceKey: String? = nil,
                position: Point3D? = nil, box: Box3D? = nil, rack: RackCapacity? = nil, mounting: RackMounting? = nil,
                powerDrawW: Double? = nil, weightKg: Double? = nil, ratedCapacityW: Double? = nil,
                installedOn: Date? = nil, warrantyEndsOn: Date? = nil, systemKeys: [String] = [],
                properties: [String: DocumentValue] = [:], classifiedBy: String? = nil,
                source: SourceReference = SourceReference()) {
        self.key = key
        self.kind = kind
        self.name = name
        self.tag = tag
        self.serialNumber = serialNumber
        self.description = description
        self.typeKey = typeKey
        self.parentKey = parentKey
        self.buildingKey = buildingKey
        self.floorKey = floorKey
        self.spaceKey = spaceKey
        self.position = position
        self.box = box
        self.rack = rack
        self.mounting = mounting
        self.powerDrawW = powerDrawW
        self.weightKg = weightKg
        self.ratedCapacityW = ratedCapacityW
        self.installedOn = installedOn
        self.warrantyEndsOn = warrantyEndsOn
        self.systemKeys = systemKeys
        self.properties = properties
        self.classifiedBy = classifiedBy
        self.source = source
    }
}
