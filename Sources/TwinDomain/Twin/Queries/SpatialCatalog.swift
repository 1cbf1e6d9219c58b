import Foundation

/// Every current asset of one building with what a compact spatial hit shows and what the
/// spatial filters test: the unscoped snapshot an in-memory spatial index is built from.
public struct SpatialCatalog: Sendable, Hashable {
    public struct Record: Sendable, Hashable {
        public var id: UUID
        public var kind: AssetKind
        public var name: String
        public var tag: String?
        public var revision: Int
        public var siteID: UUID
        public var buildingID: UUID?
        public var floorID: UUID?
        public var spaceID: UUID?
        public var typeID: UUID?
        public var parentID: UUID?
        public var modelID: UUID?
        public var source: SourceReference
        public var position: Point3D?
        /// `shape::box3d`: the box, else the position as a point box.
        public var extent: Box3D?
        /// `anchor`: the position, else the box centre.
        public var anchor: Point3D?

        public init(id: UUID, kind: AssetKind, name: String, tag: String?, revision: Int, siteID: UUID,
                    buildingID: UUID?, floorID: UUID?, spaceID: UUID?, typeID: UUID?, parentID: UUID?, modelID: UUID?,
                    source: SourceReference, position: Point3D?, extent: Box3D?, anchor: Point3D?) {
            self.id = id
            self.kind = kind
            self.name = name
            self.tag = tag
            self.revision = revision
            self.siteID = siteID
            self.buildingID = buildingID
            self.floorID = floorID
            self.spaceID = spaceID
            self.typeID = typeID
            self.parentID = parentID
            self.modelID = modelID
            self.source = source
            self.position = position
            self.extent = extent
            self.anchor = anchor
        }

        public var indexItem: SpatialIndex.Item {
            SpatialIndex.Item(id: id, kind: kind, name: name, extent: extent, anchor: anchor)
        }
    }

    public var buildingID: UUID
    /// The building's site: what an access scope is checked against.
    public var siteID: UUID
    public var records: [Record]

    public init(buildingID: UUID, siteID: UUID, records: [Record]) {
        self.buildingID = buildingID
        self.siteID = siteID
        self.records = records
    }
}
