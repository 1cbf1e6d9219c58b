import Foundation

/// What the capacity engine needs of a place, in plain terms (the service fills it from the twin
/// and the readings; tests from literals): racks, their devices, the power chain, cooling units,
/// measured power and U reservations. Powers in W, masses in kg.
public struct CapacityInput: Sendable {
    public struct Place: Sendable, Hashable {
        public var siteID: String
        public var buildingID: String?
        public var floorID: String?
        public var spaceID: String?
        public init(siteID: String, buildingID: String? = nil, floorID: String? = nil, spaceID: String? = nil) {
            self.siteID = siteID
            self.buildingID = buildingID
            self.floorID = floorID
            self.spaceID = spaceID
        }
    }

    public struct Rack: Sendable, Hashable {
        public var id: String
        public var name: String
        /// The rack row (`Atrium_Rack.RowName`), if known.
        public var row: String?
        public var place: Place
        public var uHeight: Int
        public var powerBudgetW: Double?
        public var weightBudgetKg: Double?
        public var coolingBudgetW: Double?
        /// Power nodes (PDUs) feeding the rack directly.
        public var feeds: [String]
        public init(id: String, name: String, row: String? = nil, place: Place, uHeight: Int, powerBudgetW: Double? = nil,
                    weightBudgetKg: Double? = nil, coolingBudgetW: Double? = nil, feeds: [String] = []) {
            self.id = id
            self.name = name
            self.row = row
            self.place = place
            self.uHeight = uHeight
            self.powerBudgetW = powerBudgetW
            self.weightBudgetKg = weightBudgetKg
            self.coolingBudgetW = coolingBudgetW
            self.feeds = feeds
        }
    }

    public struct Device: Sendable, Hashable {
        public var id: String
        public var name: String
        public var rackID: String
        public var uPosition: Int?
        public var uHeight: Int?
        /// Nameplate draw (`PowerDrawW`).
        public var nameplateW: Double?
        /// The figure a facility manager allocated (editable); nameplate when not set.
        public var allocatedW: Double?
        public var weightKg: Double?
        public init(id: String, name: String, rackID: String, uPosition: Int? = nil, uHeight: Int? = nil, nameplateW: Double? = nil,
                    allocatedW: Double? = nil, weightKg: Double? = nil) {
            self.id = id
            self.name = name
            self.rackID = rackID
            self.uPosition = uPosition
            self.uHeight = uHeight
            self.nameplateW = nameplateW
            self.allocatedW = allocatedW
            self.weightKg = weightKg
        }
    }

    /// A UPS or PDU (or a panel): what it can deliver and what feeds it.
    public struct PowerNode: Sendable, Hashable {
        public var id: String
        public var name: String
        /// `A`, `B`, … (from its system or name); nil when unknown.
        public var feed: String?
        public var voltage: Double
        public var amperage: Double
        public var phases: Int
        /// 0…1 (NetBox's max utilisation, default 0.8).
        public var maxUtilisation: Double
        /// A rated capacity that overrides V × A (a UPS's kW rating).
        public var ratedW: Double?
        /// Nodes feeding this one (a cascaded PDU names its parent PDU).
        public var upstream: [String]
        /// Where the capacity comes from (`rated`, `properties`, `type name`, `default`, `unrated`).
        public var ratingSource: String
        public init(id: String, name: String, feed: String? = nil, voltage: Double = 400, amperage: Double = 125, phases: Int = 3,
                    maxUtilisation: Double = 0.8, ratedW: Double? = nil, upstream: [String] = [], ratingSource: String = "default") {
            self.ratingSource = ratingSource
            self.id = id
            self.name = name
            self.feed = feed
            self.voltage = voltage
            self.amperage = amperage
            self.phases = phases
            self.maxUtilisation = maxUtilisation
            self.ratedW = ratedW
            self.upstream = upstream
        }

        /// NetBox's available power: V × A × max utilisation, × √3 for three-phase (line-to-line V).
        public var availableW: Double {
            if let ratedW { return ratedW * maxUtilisation }
            return voltage * amperage * maxUtilisation * (phases == 3 ? 3.0.squareRoot() : 1)
        }
    }

    public struct CoolingUnit: Sendable, Hashable {
        public var id: String
        public var name: String
        public var spaceID: String?
        public var capacityW: Double
        public init(id: String, name: String, spaceID: String?, capacityW: Double) {
            self.id = id
            self.name = name
            self.spaceID = spaceID
            self.capacityW = capacityW
        }
    }

    public struct Reservation: Sendable, Hashable {
        public var id: String
        public var rackID: String
        public var uPosition: Int
        public var uHeight: Int
        public init(id: String, rackID: String, uPosition: Int, uHeight: Int) {
            self.id = id
            self.rackID = rackID
            self.uPosition = uPosition
            self.uHeight = uHeight
        }
    }

    /// Measured power of a rack (its own power point, else the sum of its PDU outlets'), over a window.
    public struct Measured: Sendable, Hashable {
        public var maxW: Double
        public var p95W: Double
        public init(maxW: Double, p95W: Double) {
            self.maxW = maxW
            self.p95W = p95W
        }
    }

    public var racks: [Rack]
    public var devices: [Device]
    public var powerNodes: [PowerNode]
    public var coolingUnits: [CoolingUnit]
    public var reservations: [Reservation]
    /// By rack id.
    public var measured: [String: Measured]

    public init(racks: [Rack], devices: [Device] = [], powerNodes: [PowerNode] = [], coolingUnits: [CoolingUnit] = [],
                reservations: [Reservation] = [], measured: [String: Measured] = [:]) {
        self.racks = racks
        self.devices = devices
        self.powerNodes = powerNodes
        self.coolingUnits = coolingUnits
        self.reservations = reservations
        self.measured = measured
    }
}
