import Foundation

/// A plant and its points' reporting schedule: `advance` steps the physics in fixed steps and
/// hands out each point's reading when its interval comes round (phases spread by the seed, so a
/// thousand racks do not all report on the same second). Scenarios switch the plant's faults.
public struct SimulationRun: Sendable {
    /// One reading: which point (index into ``points``), when (simulated seconds since the start)
    /// and its value in the quantity's canonical unit.
    public struct Emission: Sendable, Hashable {
        public var point: Int
        public var elapsed: Double
        public var value: Double
    }

    public private(set) var plant: Plant
    /// Every point the run drives (those the model has physics for), in input order.
    public let points: [PlantInput.Point]
    public let bindings: [PointBinding]
    let intervals: [Double]
    var schedule: DueQueue
    /// Points to report at the next advance (a contact that just changed, a scenario's target).
    var immediate: [Int] = []
    let input: PlantInput
    /// Scenario currently applied to each asset.
    public private(set) var active: [String: Set<ScenarioKind>] = [:]
    /// The fixed physics step (simulated seconds).
    public static let step = 5.0

    /// - Parameters:
    ///   - only: external keys or point ids to drive (nil: every point with a model).
    ///   - building: named in the error when nothing can be driven.
    public init(input: PlantInput, seed: UInt64, startSecondOfDay: Double, only: Set<String>? = nil,
                building: String = "") throws(SimulationError) {
        let (plant, allBindings) = Plant.build(input, seed: seed, startSecondOfDay: startSecondOfDay)
        var points: [PlantInput.Point] = []
        var bindings: [PointBinding] = []
        var intervals: [Double] = []
        for (point, binding) in zip(input.points, allBindings) {
            guard let binding else { continue }
            if let only, !only.contains(point.externalKey), !only.contains(point.id) { continue }
            points.append(point)
            bindings.append(binding)
            intervals.append(max(1, point.intervalSeconds ?? 60))
        }
        guard !points.isEmpty else { throw .noPoints(building: building) }
        var random = SimulationRandom(seed: seed, stream: "schedule")
        var schedule = DueQueue()
        for index in points.indices { schedule.push(due: intervals[index] * random.unit(), point: index) }
        self.plant = plant
        self.points = points
        self.bindings = bindings
        self.intervals = intervals
        self.schedule = schedule
        self.input = input
    }

    /// Simulated seconds since the start.
    public var elapsed: Double { plant.elapsed }

    /// Steps the plant `seconds` further, calling `emit` for every reading that falls due, in time order.
    public mutating func advance(by seconds: Double, emit: (Emission) -> Void) {
        for point in immediate { emit(Emission(point: point, elapsed: plant.elapsed, value: plant.value(bindings[point]))) }
        immediate.removeAll(keepingCapacity: true)
        let end = plant.elapsed + seconds
        while plant.elapsed < end - 1e-9 {
            plant.step(min(Self.step, end - plant.elapsed))
            while let next = schedule.peek, next.due <= plant.elapsed {
                schedule.pop()
                emit(Emission(point: next.point, elapsed: next.due, value: plant.value(bindings[next.point])))
                schedule.push(due: next.due + intervals[next.point], point: next.point)
            }
        }
    }

    /// Turns a scenario on or off for a target asset (its id); the target's points report at once.
    public mutating func apply(_ scenario: ScenarioKind, targetAssetID: String, active on: Bool) throws(SimulationError) {
        func fail() -> SimulationError { unknownTarget(scenario, targetAssetID) }
        switch scenario {
        case .coolingFailure:
            guard let rack = plant.racks.firstIndex(where: { $0.assetID == targetAssetID }) else { throw fail() }
            plant.zones[plant.racks[rack].zone].coolingLost = on
        case .powerSpike:
            if let rack = plant.racks.firstIndex(where: { $0.assetID == targetAssetID }) {
                plant.racks[rack].loadFactor = on ? 1.4 : 1
            } else if let pdu = plant.pdus.firstIndex(where: { $0.assetID == targetAssetID }) {
                for r in plant.racks.indices where plant.racks[r].feeds.contains(where: { $0.pdu == pdu }) {
                    plant.racks[r].loadFactor = on ? 1.4 : 1
                }
            } else { throw fail() }
        case .mainsFailure:
            guard let ups = plant.upses.firstIndex(where: { $0.assetID == targetAssetID }) else { throw fail() }
            plant.upses[ups].onBattery = on
        case .unitFault:
            guard let unit = plant.coolingUnits.firstIndex(where: { $0.assetID == targetAssetID }) else { throw fail() }
            plant.coolingUnits[unit].faulted = on
            // Back from the fault means back from service: coils clean, efficiency restored.
            if !on { plant.coolingUnits[unit].efficiency = 1 }
        case .leakDetected:
            if let unit = plant.coolingUnits.firstIndex(where: { $0.assetID == targetAssetID }),
               bindings.contains(where: { $0.role == .cracLeak && $0.index == unit }) {
                plant.coolingUnits[unit].leak = on
            } else if let slot = plant.leakAssetIDs.firstIndex(of: targetAssetID) {
                plant.leaks[slot] = on
            } else { throw fail() }
        case .cellDegradation:
            guard let ups = plant.upses.firstIndex(where: { $0.assetID == targetAssetID }), !plant.upses[ups].cells.isEmpty else {
                throw fail()
            }
            // The middle block of the string; stopping means it was replaced.
            let cell = plant.upses[ups].cells.count / 2
            plant.upses[ups].cells[cell].degrading = on
            if !on { plant.upses[ups].cells[cell].degradation = 1 }
        }
        if on { active[targetAssetID, default: []].insert(scenario) } else { active[targetAssetID]?.remove(scenario) }
        for index in points.indices where points[index].assetID == targetAssetID { immediate.append(index) }
    }

    /// The asset a scenario's target names (its name, tag or id, case-insensitive), or an error listing candidates.
    public func resolveTarget(_ text: String, for scenario: ScenarioKind) throws(SimulationError) -> String {
        try Self.resolveTarget(text, for: scenario, in: input)
    }

    public static func resolveTarget(_ text: String, for scenario: ScenarioKind, in input: PlantInput) throws(SimulationError) -> String {
        var suffixes: [String: Set<String>] = [:]
        for point in input.points { if let asset = point.assetID { suffixes[asset, default: []].insert(point.suffix.lowercased()) } }
        let candidates = input.assets.filter {
            scenario.acceptsTarget(kind: $0.kind, subtype: $0.subtype, pointSuffixes: suffixes[$0.id] ?? [])
        }.sorted { $0.name < $1.name }
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let hit = candidates.first(where: { $0.name.lowercased() == wanted || $0.tag?.lowercased() == wanted || $0.id.lowercased() == wanted }) {
            return hit.id
        }
        throw .unknownTarget(scenario: scenario, target: text, candidates: candidates.prefix(12).map(\.name), total: candidates.count)
    }

    /// The error for a target the plant cannot play `scenario` on, with the candidates it can.
    func unknownTarget(_ scenario: ScenarioKind, _ target: String) -> SimulationError {
        do {
            _ = try Self.resolveTarget(target, for: scenario, in: input)
            // Named a fitting asset the plant has no model element for (e.g. a rack without points).
            return .unknownTarget(scenario: scenario, target: target, candidates: [], total: 0)
        } catch {
            return error
        }
    }
}
