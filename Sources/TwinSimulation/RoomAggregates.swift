/// Per-room figures from the newest value of each point, as readings arrive (the simulator's own,
/// or a live stream's): total IT power, cooling power, PUE, average and hottest rack inlet.
///
/// PUE here counts the room's IT and cooling power plus 4 % for UPS and distribution losses
/// (the room's share of a facility PUE; lighting and the building's own loads are not metered here).
public struct RoomAggregates: Sendable {
    public struct Room: Sendable, Hashable {
        /// The zone's key: its space id (else floor id).
        public var zone: String
        public var itPowerW: Double
        public var coolingPowerW: Double
        public var pue: Double?
        public var averageInletC: Double?
        public var hottestRack: String?
        public var hottestInletC: Double?
    }

    let plant: Plant
    let bindings: [PointBinding]
    private var latest: [Double?]

    /// `bindings` as a ``SimulationRun`` made them (one per point the run drives).
    public init(run: SimulationRun) {
        self.plant = run.plant
        self.bindings = run.bindings
        self.latest = Array(repeating: nil, count: run.bindings.count)
    }

    public mutating func record(point: Int, value: Double) {
        guard latest.indices.contains(point) else { return }
        latest[point] = value
    }

    public var rooms: [Room] {
        var rackPower: [Int: Double] = [:], rackInlet: [Int: Double] = [:], cracPower: [Int: Double] = [:]
        for (index, binding) in bindings.enumerated() {
            guard let value = latest[index] else { continue }
            switch binding.role {
            case .rackPower: rackPower[binding.index] = value
            case .rackInlet: rackInlet[binding.index] = max(value, rackInlet[binding.index] ?? -.infinity)
            case .cracPower: cracPower[binding.index] = value
            default: break
            }
        }
        return plant.zones.map { zone in
            let it = zone.racks.compactMap { rackPower[$0] }.reduce(0, +)
            let cooling = zone.cracs.compactMap { cracPower[$0] }.reduce(0, +)
            let inlets = zone.racks.compactMap { r in rackInlet[r].map { (r, $0) } }
            let hottest = inlets.max { $0.1 < $1.1 }
            return Room(zone: zone.name, itPowerW: it, coolingPowerW: cooling, pue: it > 0 ? (it * 1.04 + cooling) / it : nil,
                        averageInletC: inlets.isEmpty ? nil : inlets.map(\.1).reduce(0, +) / Double(inlets.count),
                        hottestRack: hottest.map { plant.racks[$0.0].name }, hottestInletC: hottest?.1)
        }
    }
}
