import Foundation
import TwinDomain

/// A partial update (JSON merge patch semantics): an outer `nil` keeps the value, an inner
/// `nil` (`.some(nil)`) clears it. Site and building are not patchable: moving an asset to
/// another building is a delete and a create, so both scopes are checked and audited.
public struct AssetPatch: Sendable, Hashable {
    public var kind: AssetKind?
    public var name: String?
    public var tag: String??
    public var serialNumber: String??
    public var description: String??
    public var floorID: UUID??
    public var spaceID: UUID??
    public var typeID: UUID??
    public var parentID: UUID??
    public var position: Point3D??
    public var box: Box3D??
    public var rack: RackCapacity??
    public var mounting: RackMounting??
    public var powerDrawW: Double??
    public var weightKg: Double??
    public var ratedCapacityW: Double??
    public var installedOn: Date??
    public var warrantyEndsOn: Date??
    public var properties: [String: DocumentValue]?

    public init() {}

    func applied(to asset: Asset) -> Asset {
        var a = asset
        if let kind { a.kind = kind }
        if let name { a.name = name }
        if let tag { a.tag = tag }
        if let serialNumber { a.serialNumber = serialNumber }
        if let description { a.description = description }
        if let floorID { a.floorID = floorID }
        if let spaceID { a.spaceID = spaceID }
        if let typeID { a.typeID = typeID }
        if let parentID { a.parentID = parentID }
        if let position { a.position = position }
        if let box { a.box = box }
        if let rack { a.rack = rack }
        if let mounting { a.mounting = mounting }
        if let powerDrawW { a.powerDrawW = powerDrawW }
        if let weightKg { a.weightKg = weightKg }
        if let ratedCapacityW { a.ratedCapacityW = ratedCapacityW }
        if let installedOn { a.installedOn = installedOn }
        if let warrantyEndsOn { a.warrantyEndsOn = warrantyEndsOn }
        if let properties { a.properties = properties }
        return a
    }
}
