import Foundation

/// What the simulator knows of a building, in the twin's own terms but without depending on its
/// types: the `atrium simulate` command fills it from the REST API, a test from literals.
public struct PlantInput: Sendable {
    public struct Asset: Sendable, Hashable {
        public var id: String
        public var name: String
        public var tag: String?
        /// The twin's asset kind (`rack`, `cooling_unit`, `power_unit`, `sensor`, …).
        public var kind: String
        public var spaceID: String?
        public var floorID: String?
        /// IFC predefined type or object type (`UPS`, `PDU`), upper-cased by the caller or not.
        public var subtype: String?
        /// A rack's power budget, a CRAC's or UPS's rated capacity (W).
        public var powerBudgetW: Double?
        public var ratedCapacityW: Double?
        /// Sum of the nameplate draw of the devices mounted in a rack (W).
        public var devicesDrawW: Double?

        public init(id: String, name: String, tag: String? = nil, kind: String, spaceID: String? = nil, floorID: String? = nil,
                    subtype: String? = nil, powerBudgetW: Double? = nil, ratedCapacityW: Double? = nil, devicesDrawW: Double? = nil) {
            self.id = id
            self.name = name
            self.tag = tag
            self.kind = kind
            self.spaceID = spaceID
            self.floorID = floorID
            self.subtype = subtype
            self.powerBudgetW = powerBudgetW
            self.ratedCapacityW = ratedCapacityW
            self.devicesDrawW = devicesDrawW
        }
    }

    public struct Point: Sendable, Hashable {
        public var id: String
        /// `<asset name>/<suffix>`: the suffix says which of the asset's quantities it is.
        public var externalKey: String
        /// The asset measured (`isPointOf`), if any.
        public var assetID: String?
        public var spaceID: String?
        /// The twin's quantity name (`temperature`, `power`, `leak`, …).
        public var quantity: String
        public var intervalSeconds: Double?

        public init(id: String, externalKey: String, assetID: String? = nil, spaceID: String? = nil, quantity: String,
                    intervalSeconds: Double? = nil) {
            self.id = id
            self.externalKey = externalKey
            self.assetID = assetID
            self.spaceID = spaceID
            self.quantity = quantity
            self.intervalSeconds = intervalSeconds
        }

        /// The part after the last `/` of the external key (`power`, `supply_temperature`, `cell_03_voltage`).
        public var suffix: String {
            guard let slash = externalKey.lastIndex(of: "/") else { return externalKey }
            return String(externalKey[externalKey.index(after: slash)...])
        }
    }

    public var assets: [Asset]
    public var points: [Point]

    public init(assets: [Asset], points: [Point]) {
        self.assets = assets
        self.points = points
    }
}
