import Testing
import TwinSimulation

@Suite struct SimulationRunTests {
    /// Noon: daytime load.
    static let noon = 12.0 * 3600

    @Test func sameSeedSameReadingsOtherSeedOthers() throws {
        func run(_ seed: UInt64) throws -> [SimulationRun.Emission] {
            var run = try SimulationRun(input: SamplePlant.input(), seed: seed, startSecondOfDay: Self.noon)
            var out: [SimulationRun.Emission] = []
            run.advance(by: 1_800) { out.append($0) }
            try run.apply(.coolingFailure, targetAssetID: "rack-1-1", active: true)
            run.advance(by: 600) { out.append($0) }
            return out
        }
        let a = try run(42), b = try run(42), c = try run(43)
        #expect(a.count > 1_000)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func everyPointReportsAtItsIntervalInTimeOrder() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 1, startSecondOfDay: Self.noon)
        var last = -1.0
        var ordered = true
        var count: [String: Int] = [:]
        let points = run.points
        run.advance(by: 3_600) { emission in
            if emission.elapsed < last { ordered = false }
            last = emission.elapsed
            count[points[emission.point].externalKey, default: 0] += 1
        }
        #expect(ordered)
        #expect(count.count == points.count)
        #expect(count["H-R01-R01/power"] == 60)
        #expect(count["H-R01-R01/energy"] == 12)
    }

    @Test func steadyStateIsPlausible() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 7, startSecondOfDay: Self.noon)
        let readings = SamplePlant.collect(&run, seconds: 3_600)
        let inlet = readings["H-R01-R01-TS/temperature"]!.map(\.1)
        #expect(inlet.allSatisfy { (20...27).contains($0) }, "inlet \(inlet.min()!)…\(inlet.max()!)")
        let gpu = readings["H-R02-R01/power"]!.map(\.1), plain = readings["H-R01-R01/power"]!.map(\.1)
        #expect(gpu.reduce(0, +) > 2 * plain.reduce(0, +))
        // Power flows to both PDUs: the row's racks' load, split A/B.
        let rowLoad = (1...4).map { readings["H-R01-R0\($0)/power"]!.last!.1 }.reduce(0, +)
        let pduA = readings["H-R01-PDU-A/power"]!.last!.1, pduB = readings["H-R01-PDU-B/power"]!.last!.1
        #expect(abs(pduA + pduB - rowLoad) / rowLoad < 0.05)
        #expect(pduA > 0.4 * rowLoad && pduB > 0.4 * rowLoad)
        #expect(readings["H-CRAC-01/status"]!.allSatisfy { $0.1 == 1 })
        let supply = readings["H-CRAC-01/supply_temperature"]!.last!.1, ret = readings["H-CRAC-01/return_temperature"]!.last!.1
        #expect(ret > supply + 3)
        #expect(readings["HALL-HS/humidity"]!.allSatisfy { (40...55).contains($0.1) })
        #expect(readings["H-CRAC-02/leak"]!.allSatisfy { $0.1 == 0 })
        #expect(readings["H-UPS-A/battery_charge"]!.allSatisfy { $0.1 == 100 })
        // Energy counters only rise.
        let energy = readings["H-R01-R02/energy"]!.map(\.1)
        #expect(zip(energy, energy.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func dayIsBusierThanNight() {
        #expect(Plant.utilisation(hour: 13) > 0.75)
        #expect(Plant.utilisation(hour: 3) < 0.6)
        #expect(Plant.utilisation(hour: 23) < 0.6)
    }

    @Test func coolingFailureWarmsAboutPointThreeDegreesAMinuteAndRecovers() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 3, startSecondOfDay: Self.noon)
        _ = SamplePlant.collect(&run, seconds: 1_800)
        let before = run.plant.racks[0].inletC
        try run.apply(.coolingFailure, targetAssetID: "rack-1-1", active: true)
        let during = SamplePlant.collect(&run, seconds: 1_800)
        let inlet = during["H-R01-R01-TS/temperature"]!
        let rate = (inlet.last!.1 - before) / 30
        #expect((0.2...0.45).contains(rate), "rate \(rate) °C/min")
        #expect(inlet.last!.1 > 32)  // past the sample's AlarmHigh
        #expect(during["H-CRAC-01/on_off"] == nil)
        #expect(during["H-CRAC-01/compressor"]!.last!.1 == 0)
        #expect(during["H-CRAC-01/fan_speed"]!.last!.1 > 95)
        try run.apply(.coolingFailure, targetAssetID: "rack-1-1", active: false)
        let after = SamplePlant.collect(&run, seconds: 3_600)
        let recovered = after["H-R01-R01-TS/temperature"]!.last!.1
        #expect(recovered < 26, "recovered to \(recovered)")
        #expect(after["H-CRAC-01/compressor"]!.last!.1 == 1)
    }

    @Test func unitFaultLeavesTheOthersCarryingTheLoad() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 5, startSecondOfDay: Self.noon)
        let before = SamplePlant.collect(&run, seconds: 1_800)
        try run.apply(.unitFault, targetAssetID: "crac-2", active: true)
        let during = SamplePlant.collect(&run, seconds: 1_800)
        #expect(during["H-CRAC-02/status"]!.last!.1 == 2)
        #expect(during["H-CRAC-02/fan_speed"]!.last!.1 < 1)
        #expect(during["H-CRAC-01/fan_speed"]!.last!.1 > before["H-CRAC-01/fan_speed"]!.last!.1)
        // N+1: the hall holds.
        #expect(during["H-R01-R01-TS/temperature"]!.last!.1 < 27)
        try run.apply(.unitFault, targetAssetID: "crac-2", active: false)
        #expect(run.plant.coolingUnits.first { $0.assetID == "crac-2" }!.efficiency == 1)
    }

    @Test func mainsFailureDrainsTheBatteryAndRuntimeCountsDown() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 9, startSecondOfDay: Self.noon)
        _ = SamplePlant.collect(&run, seconds: 600)
        try run.apply(.mainsFailure, targetAssetID: "ups-A", active: true)
        let during = SamplePlant.collect(&run, seconds: 300)
        let charge = during["H-UPS-A/battery_charge"]!.map(\.1), runtime = during["H-UPS-A/battery_runtime"]!.map(\.1)
        #expect(charge.first! <= 100 && charge.last! < charge.first! - 5)
        #expect(runtime.last! < runtime.first!)
        #expect(during["H-UPS-A/on_battery"]!.last!.1 == 1)
        #expect(during["H-UPS-A/status"]!.last!.1 == 2)
        #expect(during["H-UPS-A/input_voltage"]!.last!.1 == 0)
        #expect(during["H-UPS-B/on_battery"]!.last!.1 == 0)
        try run.apply(.mainsFailure, targetAssetID: "ups-A", active: false)
        let after = SamplePlant.collect(&run, seconds: 600)
        #expect(after["H-UPS-A/battery_charge"]!.last!.1 > charge.last!)
        #expect(after["H-UPS-A/on_battery"]!.last!.1 == 0)
    }

    @Test func leakReportsAtOnceAndClears() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 2, startSecondOfDay: Self.noon)
        _ = SamplePlant.collect(&run, seconds: 120)
        try run.apply(.leakDetected, targetAssetID: "crac-3", active: true)
        var first: SimulationRun.Emission?
        let points = run.points
        run.advance(by: 0.001) { if points[$0.point].externalKey == "H-CRAC-03/leak", first == nil { first = $0 } }
        #expect(first?.value == 1)
        try run.apply(.leakDetected, targetAssetID: "crac-3", active: false)
        let after = SamplePlant.collect(&run, seconds: 60)
        #expect(after["H-CRAC-03/leak"]!.last!.1 == 0)
    }

    @Test func cellDegradationRaisesOneCellsResistanceAndLowersHealth() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 4, startSecondOfDay: Self.noon)
        let before = SamplePlant.collect(&run, seconds: 600)
        try run.apply(.cellDegradation, targetAssetID: "ups-B", active: true)
        let during = SamplePlant.collect(&run, seconds: 3_600)
        let degraded = during["H-UPS-B/cell_03_resistance"]!.last!.1, healthy = during["H-UPS-B/cell_01_resistance"]!.last!.1
        #expect(degraded > 2.5 * healthy)
        #expect(during["H-UPS-B/state_of_health"]!.last!.1 < before["H-UPS-B/state_of_health"]!.last!.1 - 8)
        try run.apply(.cellDegradation, targetAssetID: "ups-B", active: false)
        #expect(abs(run.plant.upses[1].cells[2].degradation - 1) < 1e-9)
    }

    @Test func powerSpikeAddsFortyPercentOnThePDUsRacks() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 6, startSecondOfDay: Self.noon)
        _ = SamplePlant.collect(&run, seconds: 600)
        let before = run.plant.racks.filter { $0.name.hasPrefix("H-R01") }.map(\.loadFactor)
        try run.apply(.powerSpike, targetAssetID: "pdu-1A", active: true)
        #expect(before.allSatisfy { $0 == 1 })
        #expect(run.plant.racks.filter { $0.name.hasPrefix("H-R01") }.allSatisfy { $0.loadFactor == 1.4 })
        #expect(run.plant.racks.filter { $0.name.hasPrefix("H-R02") }.allSatisfy { $0.loadFactor == 1 })
    }

    @Test func targetsAreResolvedByNameOrTagAndRefusedWithCandidates() throws {
        let run = try SimulationRun(input: SamplePlant.input(), seed: 1, startSecondOfDay: 0)
        #expect(try run.resolveTarget("h-r01-r02", for: .coolingFailure) == "rack-1-2")
        #expect(try run.resolveTarget("TAG-23", for: .coolingFailure) == "rack-2-3")
        #expect(try run.resolveTarget("H-UPS-A", for: .mainsFailure) == "ups-A")
        do {
            _ = try run.resolveTarget("H-R01-R01", for: .mainsFailure)
            Issue.record("a rack is no UPS")
        } catch {
            #expect(error.description.contains("MAINS_FAILURE"))
            #expect(error.description.contains("H-UPS-A, H-UPS-B"))
        }
        var playing = run
        do {
            try playing.apply(.unitFault, targetAssetID: "rack-1-1", active: true)
            Issue.record("a rack is no CRAC")
        } catch {
            #expect(error.description.contains("H-CRAC-01, H-CRAC-02, H-CRAC-03"))
        }
        #expect(ScenarioKind(name: "cooling-failure") == .coolingFailure)
        #expect(ScenarioKind(name: "FIRE") == nil)
    }

    @Test func aBuildingWithoutModelledPointsIsRefused() {
        let input = PlantInput(assets: [PlantInput.Asset(id: "d", name: "Door", kind: "door")],
                               points: [PlantInput.Point(id: "x", externalKey: "Door/door", assetID: "d", quantity: "door")])
        #expect(throws: SimulationError.noPoints(building: "B1")) {
            _ = try SimulationRun(input: input, seed: 1, startSecondOfDay: 0, building: "B1")
        }
    }

    @Test func subsetDrivesOnlyThosePoints() throws {
        var run = try SimulationRun(input: SamplePlant.input(), seed: 1, startSecondOfDay: 0,
                                    only: ["H-R01-R01/power", "p-H-CRAC-01/fan_speed"])
        #expect(run.points.map(\.externalKey) == ["H-R01-R01/power", "H-CRAC-01/fan_speed"])
        let readings = SamplePlant.collect(&run, seconds: 600)
        #expect(Set(readings.keys) == ["H-R01-R01/power", "H-CRAC-01/fan_speed"])
    }
}

@Suite struct SimulationPlausibilityTests {
    /// A day with every scenario on for an hour somewhere in it: every value stays within what
    /// the ingest accepts for its quantity (a refused reading is a simulator bug).
    @Test func everyReadingIsPlausibleThroughADayOfIncidents() throws {
        let input = SamplePlant.input()
        var run = try SimulationRun(input: input, seed: 11, startSecondOfDay: 0)
        let quantity = Dictionary(input.points.map { ($0.externalKey, $0.quantity) }, uniquingKeysWith: { a, _ in a })
        let ranges: [String: ClosedRange<Double>] = [
            "temperature": 5...70, "setpoint": 5...40, "humidity": 40...55, "power": 0...1e7, "energy": 0...1e12, "current": 0...1e5,
            "voltage": 0...500, "fan_speed": 0...100, "status": 0...2, "on_off": 0...1, "leak": 0...1, "battery_charge": 0...100,
            "battery_runtime": 0...1e7, "load_ratio": 0...200, "state_of_health": 0...100, "cell_voltage": 0...20, "cell_resistance": 0...10,
        ]
        let incidents: [(ScenarioKind, String)] = [(.coolingFailure, "rack-2-1"), (.powerSpike, "pdu-2B"), (.mainsFailure, "ups-B"),
                                                   (.unitFault, "crac-1"), (.leakDetected, "crac-2"), (.cellDegradation, "ups-A")]
        var bad: [String] = []
        let points = run.points
        for hour in 0..<24 {
            let incident = incidents[hour % incidents.count]
            if hour % 4 == 1 { try run.apply(incident.0, targetAssetID: incident.1, active: true) }
            run.advance(by: 3_600) { emission in
                let key = points[emission.point].externalKey
                if let range = ranges[quantity[key] ?? ""], !range.contains(emission.value) || !emission.value.isFinite {
                    bad.append("\(key) = \(emission.value) at \(emission.elapsed)")
                }
            }
            if hour % 4 == 2 { try run.apply(incident.0, targetAssetID: incident.1, active: false) }
        }
        #expect(bad.isEmpty, "\(bad.prefix(10))")
    }
}
