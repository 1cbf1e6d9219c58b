import Foundation

/// U space, power, redundancy, weight and cooling of every rack of a place, its power chain and
/// its rooms, rolled up per row, space, floor, building and site. Pure and deterministic: built
/// from a ``CapacityInput`` in one pass (a 3,000-rack campus in tens of milliseconds).
///
/// A rack's load is its measured p95 when it has a power point, else the sum of its devices'
/// allocated power (nameplate where none is allocated). Under normal operation a rack draws evenly
/// from its feeds; when one feed is lost, each remaining feed carries the whole rack. A power node
/// (UPS, PDU, a PDU behind a PDU) carries what every rack below it draws through it, so a cascade
/// adds up at each level (NetBox #17843).
public struct CapacityModel: Sendable {
    public struct Utilisation: Sendable, Hashable {
        public var space: Double?
        public var power: Double?
        public var weight: Double?
        public var cooling: Double?
        /// The highest, and which it is.
        public var worst: (name: String, value: Double)? {
            [("space", space), ("power", power), ("weight", weight), ("cooling", cooling)]
                .compactMap { name, value in value.map { (name, $0) } }.max { $0.1 < $1.1 }
        }
    }

    public struct Redundancy: Sendable, Hashable {
        /// `2N` (two or more distinct feeds), `single`, `none`.
        public var mode: String
        /// Whether losing any one feed leaves every remaining node in the chain within its capacity.
        public var survivesFeedLoss: Bool
        /// The node with the least headroom after a feed loss, and that headroom (W).
        public var tightestNode: String?
        public var headroomW: Double?
    }

    public struct Rack: Sendable, Hashable {
        public var id: String
        public var name: String
        public var row: String?
        public var place: CapacityInput.Place
        public var units: UnitSpace
        public var nameplateW: Double
        public var allocatedW: Double
        public var measured: CapacityInput.Measured?
        /// The figure the rack is planned on, and where it comes from (`measured_p95`, `allocated`, `nameplate`).
        public var loadW: Double
        public var loadBasis: String
        public var powerBudgetW: Double?
        public var weightKg: Double
        public var weightBudgetKg: Double?
        /// Heat = the load, in W and BTU/h.
        public var heatW: Double { loadW }
        public var heatBTUPerHour: Double { loadW * 3.412_141_633 }
        public var coolingBudgetW: Double?
        public var feeds: [String]
        public var redundancy: Redundancy
        public var utilisation: Utilisation
        public var flag: CapacityThresholds.Flag
    }

    public struct Node: Sendable, Hashable {
        public var id: String
        public var name: String
        public var feed: String?
        public var availableW: Double
        public var loadW: Double
        /// What it carries when every rack below it has lost its other feeds.
        public var failoverLoadW: Double
        public var upstream: [String]
        public var racks: Int
        public var ratingSource: String = "default"
        public var utilisation: Double { availableW > 0 ? loadW / availableW : 0 }
        public var failoverUtilisation: Double { availableW > 0 ? failoverLoadW / availableW : 0 }
    }

    public struct Room: Sendable, Hashable {
        public var spaceID: String
        public var heatW: Double
        public var coolingW: Double
        public var largestUnitW: Double
        public var units: Int
        /// The rooms' N+1: the heat against the cooling without its largest unit.
        public var coolingWithoutLargestW: Double { coolingW - largestUnitW }
        public var holdsWithoutLargest: Bool { heatW <= coolingWithoutLargestW }
        public var utilisation: Double? { coolingW > 0 ? heatW / coolingW : nil }
        public var utilisationWithoutLargest: Double? { coolingWithoutLargestW > 0 ? heatW / coolingWithoutLargestW : nil }
    }

    public struct Rollup: Sendable, Hashable {
        public enum Level: String, Sendable, Hashable, CaseIterable { case row, space, floor, building, site }
        public var level: Level
        public var id: String
        public var racks = 0
        public var unitsTotal = 0
        public var unitsUsed = 0
        public var unitsReserved = 0
        public var loadW = 0.0
        public var powerBudgetW = 0.0
        public var weightKg = 0.0
        public var weightBudgetKg = 0.0
        public var coolingBudgetW = 0.0
        public var amber = 0
        public var red = 0
        public var unitsFree: Int { unitsTotal - unitsUsed - unitsReserved }
        public var spaceUtilisation: Double? { unitsTotal > 0 ? Double(unitsUsed + unitsReserved) / Double(unitsTotal) : nil }
        public var powerUtilisation: Double? { powerBudgetW > 0 ? loadW / powerBudgetW : nil }
        public var weightUtilisation: Double? { weightBudgetKg > 0 ? weightKg / weightBudgetKg : nil }
        public var coolingUtilisation: Double? { coolingBudgetW > 0 ? loadW / coolingBudgetW : nil }
    }

    public let thresholds: CapacityThresholds
    public private(set) var racks: [Rack] = []
    public private(set) var nodes: [String: Node] = [:]
    public private(set) var rooms: [String: Room] = [:]
    public private(set) var rollups: [Rollup] = []
    /// Each node and everything upstream of it (cycles cut).
    private var chains: [String: [String]] = [:]

    public init(_ input: CapacityInput, thresholds: CapacityThresholds = CapacityThresholds()) {
        self.thresholds = thresholds
        let nodesByID = Dictionary(input.powerNodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var devicesByRack: [String: [CapacityInput.Device]] = [:]
        for device in input.devices { devicesByRack[device.rackID, default: []].append(device) }
        var reservationsByRack: [String: [CapacityInput.Reservation]] = [:]
        for reservation in input.reservations { reservationsByRack[reservation.rackID, default: []].append(reservation) }

        // Chains: a node and all its ancestors, breadth first, each once.
        for node in input.powerNodes {
            var chain: [String] = []
            var seen: Set<String> = []
            var queue = [node.id]
            while let next = queue.first, chain.count < 64 {
                queue.removeFirst()
                guard seen.insert(next).inserted, let known = nodesByID[next] else { continue }
                chain.append(next)
                queue += known.upstream
            }
            chains[node.id] = chain
        }

        // Racks first (their loads), then what the nodes carry.
        var loads: [(rack: CapacityInput.Rack, load: Double)] = []
        for rack in input.racks {
            let devices = devicesByRack[rack.id] ?? []
            let nameplate = devices.reduce(0) { $0 + max(0, $1.nameplateW ?? 0) }
            let allocated = devices.reduce(0) { $0 + max(0, $1.allocatedW ?? $1.nameplateW ?? 0) }
            let measured = input.measured[rack.id]
            let load: Double, basis: String
            if let measured { (load, basis) = (measured.p95W, "measured_p95") } else if devices.contains(where: { $0.allocatedW != nil }) {
                (load, basis) = (allocated, "allocated")
            } else { (load, basis) = (nameplate, "nameplate") }
            let units = UnitSpace(total: rack.uHeight,
                                  occupied: devices.compactMap { d in d.uPosition.map { (d.id, $0, d.uHeight ?? 1) } },
                                  reserved: (reservationsByRack[rack.id] ?? []).map { ($0.uPosition, $0.uHeight) })
            let weight = devices.reduce(0) { $0 + max(0, $1.weightKg ?? 0) }
            func ratio(_ value: Double, _ budget: Double?) -> Double? { budget.flatMap { $0 > 0 ? value / $0 : nil } }
            let utilisation = Utilisation(space: units.total > 0 ? Double(units.used + units.reserved) / Double(units.total) : nil,
                                          power: ratio(load, rack.powerBudgetW), weight: ratio(weight, rack.weightBudgetKg),
                                          cooling: ratio(load, rack.coolingBudgetW))
            racks.append(Rack(id: rack.id, name: rack.name, row: rack.row, place: rack.place, units: units, nameplateW: nameplate,
                              allocatedW: allocated, measured: measured, loadW: load, loadBasis: basis, powerBudgetW: rack.powerBudgetW,
                              weightKg: weight, weightBudgetKg: rack.weightBudgetKg, coolingBudgetW: rack.coolingBudgetW,
                              feeds: rack.feeds.filter { nodesByID[$0] != nil },
                              redundancy: Redundancy(mode: "none", survivesFeedLoss: false),
                              utilisation: utilisation, flag: thresholds.flag(utilisation.worst?.value)))
            loads.append((rack, load))
        }
        // Node loads: each rack's share (normal) and whole load (failover) goes to every node of each feed's chain,
        // once per node even when two of the rack's feeds meet upstream.
        var normal: [String: Double] = [:], failover: [String: Double] = [:], counted: [String: Int] = [:]
        for rack in racks {
            let feeds = rack.feeds
            guard !feeds.isEmpty else { continue }
            var share: [String: Double] = [:]
            for feed in feeds {
                for node in chains[feed] ?? [] { share[node, default: 0] += rack.loadW / Double(feeds.count) }
            }
            for (node, value) in share {
                normal[node, default: 0] += value
                failover[node, default: 0] += rack.loadW
                counted[node, default: 0] += 1
            }
        }
        for node in input.powerNodes {
            nodes[node.id] = Node(id: node.id, name: node.name, feed: node.feed, availableW: node.availableW, loadW: normal[node.id] ?? 0,
                                  failoverLoadW: failover[node.id] ?? 0, upstream: node.upstream, racks: counted[node.id] ?? 0,
                                  ratingSource: node.ratingSource)
        }
        // Redundancy per rack: distinct feeds, and every node of every chain holding the failover load.
        for index in racks.indices {
            let feeds = racks[index].feeds
            let labels = Set(feeds.map { nodesByID[$0]?.feed ?? $0 })
            var tightest: (String, Double)?
            for feed in feeds {
                for id in chains[feed] ?? [] {
                    guard let node = nodes[id] else { continue }
                    let headroom = node.availableW - node.failoverLoadW
                    if tightest == nil || headroom < tightest!.1 { tightest = (node.name, headroom) }
                }
            }
            let mode = labels.count >= 2 ? "2N" : feeds.isEmpty ? "none" : "single"
            racks[index].redundancy = Redundancy(mode: mode, survivesFeedLoss: mode == "2N" && (tightest?.1 ?? -1) >= 0,
                                                 tightestNode: tightest?.0, headroomW: tightest?.1)
        }
        // Rooms: the heat of their racks against their cooling units, with and without the largest.
        for rack in racks {
            guard let space = rack.place.spaceID else { continue }
            rooms[space, default: Room(spaceID: space, heatW: 0, coolingW: 0, largestUnitW: 0, units: 0)].heatW += rack.heatW
        }
        for unit in input.coolingUnits {
            guard let space = unit.spaceID else { continue }
            var room = rooms[space] ?? Room(spaceID: space, heatW: 0, coolingW: 0, largestUnitW: 0, units: 0)
            room.coolingW += max(0, unit.capacityW)
            room.largestUnitW = max(room.largestUnitW, unit.capacityW)
            room.units += 1
            rooms[space] = room
        }
        // Rollups.
        var byKey: [String: Rollup] = [:]
        var order: [String] = []
        for rack in racks {
            var keys: [(Rollup.Level, String)] = [(.site, rack.place.siteID)]
            if let building = rack.place.buildingID {
                keys.append((.building, building))
                if let row = rack.row { keys.append((.row, building + "/" + row)) }
            }
            if let floor = rack.place.floorID { keys.append((.floor, floor)) }
            if let space = rack.place.spaceID { keys.append((.space, space)) }
            for (level, id) in keys {
                let key = level.rawValue + ":" + id
                if byKey[key] == nil { order.append(key) }
                var rollup = byKey[key] ?? Rollup(level: level, id: id)
                rollup.racks += 1
                rollup.unitsTotal += rack.units.total
                rollup.unitsUsed += rack.units.used
                rollup.unitsReserved += rack.units.reserved
                rollup.loadW += rack.loadW
                rollup.powerBudgetW += rack.powerBudgetW ?? 0
                rollup.weightKg += rack.weightKg
                rollup.weightBudgetKg += rack.weightBudgetKg ?? 0
                rollup.coolingBudgetW += rack.coolingBudgetW ?? 0
                if rack.flag == .amber { rollup.amber += 1 }
                if rack.flag == .red { rollup.red += 1 }
                byKey[key] = rollup
            }
        }
        rollups = order.compactMap { byKey[$0] }
    }

    /// The chain of a node: itself, then every node upstream.
    public func chain(of node: String) -> [String] { chains[node] ?? [] }
}
