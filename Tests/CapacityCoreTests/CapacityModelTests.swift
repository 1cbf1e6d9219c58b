import Foundation
import CapacityCore
import Testing

/// Hand-computed expectations: every number below is worked out in the comment beside it.
@Suite struct CapacityModelTests {
    static let place = CapacityInput.Place(siteID: "s", buildingID: "b", floorID: "f", spaceID: "hall")

    @Test func rackUnitsPowerWeightAndCooling() throws {
        let rack = CapacityInput.Rack(id: "r", name: "R", row: "A01", place: Self.place, uHeight: 42, powerBudgetW: 10_000,
                                      weightBudgetKg: 800, coolingBudgetW: 10_000)
        let devices = [
            CapacityInput.Device(id: "d1", name: "d1", rackID: "r", uPosition: 1, uHeight: 2, nameplateW: 500, weightKg: 20),
            CapacityInput.Device(id: "d2", name: "d2", rackID: "r", uPosition: 3, uHeight: 1, nameplateW: 300, allocatedW: 250, weightKg: 10),
            CapacityInput.Device(id: "d3", name: "d3", rackID: "r", uPosition: 10, uHeight: 4, nameplateW: 2_000, weightKg: 60),
        ]
        let model = CapacityModel(CapacityInput(racks: [rack], devices: devices,
                                                reservations: [.init(id: "x", rackID: "r", uPosition: 20, uHeight: 2)]))
        let r = try #require(model.racks.first)
        // Devices take U1–3 and U10–13 (7U); U20–21 reserved; free: U4–9 (6), U14–19 (6), U22–42 (21).
        #expect(r.units.used == 7 && r.units.reserved == 2 && r.units.free == 33)
        #expect(r.units.freeBlocks.map(\.height) == [6, 6, 21] && r.units.largestFreeBlock == 21)
        // Nameplate 500 + 300 + 2,000; allocated 500 + 250 + 2,000 (one device has an allocation: the rack plans on it).
        #expect(r.nameplateW == 2_800 && r.allocatedW == 2_750 && r.loadW == 2_750 && r.loadBasis == "allocated")
        #expect(r.utilisation.power == 0.275 && r.utilisation.cooling == 0.275)
        #expect(r.weightKg == 90 && r.utilisation.weight == 90.0 / 800)
        #expect(abs(r.heatBTUPerHour - 9_383.39) < 0.01)  // 2,750 W × 3.412141633
        #expect(abs(r.utilisation.space! - 9.0 / 42) < 1e-12)
        #expect(r.flag == .ok)
        #expect(r.redundancy.mode == "none" && !r.redundancy.survivesFeedLoss)
    }

    @Test func measuredPowerWinsOverNameplate() throws {
        let rack = CapacityInput.Rack(id: "r", name: "R", place: Self.place, uHeight: 42, powerBudgetW: 10_000)
        let model = CapacityModel(CapacityInput(racks: [rack], devices: [.init(id: "d", name: "d", rackID: "r", uPosition: 1, nameplateW: 4_000)],
                                                measured: ["r": .init(maxW: 7_500, p95W: 6_500)]))
        #expect(model.racks[0].loadW == 6_500 && model.racks[0].loadBasis == "measured_p95")
        #expect(model.racks[0].flag == .amber)  // 65 % ≥ 60 %
        let hot = CapacityModel(CapacityInput(racks: [rack], measured: ["r": .init(maxW: 9_000, p95W: 8_500)]))
        #expect(hot.racks[0].flag == .red)  // 85 % ≥ 80 %
        let strict = CapacityModel(CapacityInput(racks: [rack], measured: ["r": .init(maxW: 9_000, p95W: 5_000)]),
                                   thresholds: CapacityThresholds(amber: 0.4, red: 0.9))
        #expect(strict.racks[0].flag == .amber)
    }

    /// NetBox #17843: a PDU fed by another PDU. UPS-A → PDU1-A → PDU2-A → R1; PDU1-A → R2; UPS-B → PDU-B → R1, R2.
    static var cascade: CapacityInput {
        let racks = [
            CapacityInput.Rack(id: "r1", name: "R1", row: "A01", place: place, uHeight: 42, powerBudgetW: 8_000, coolingBudgetW: 8_000,
                               feeds: ["pdu2a", "pdub"]),
            CapacityInput.Rack(id: "r2", name: "R2", row: "A01", place: place, uHeight: 42, powerBudgetW: 8_000, coolingBudgetW: 8_000,
                               feeds: ["pdu1a", "pdub"]),
        ]
        let devices = [
            CapacityInput.Device(id: "d1", name: "d1", rackID: "r1", uPosition: 1, uHeight: 2, nameplateW: 2_000),
            CapacityInput.Device(id: "d2", name: "d2", rackID: "r2", uPosition: 1, uHeight: 2, nameplateW: 3_000),
        ]
        let nodes = [
            CapacityInput.PowerNode(id: "upsa", name: "UPS-A", feed: "A", ratedW: 100_000, upstream: []),
            CapacityInput.PowerNode(id: "upsb", name: "UPS-B", feed: "B", ratedW: 100_000, upstream: []),
            // 230 V × 32 A × 0.8, single phase = 5,888 W.
            CapacityInput.PowerNode(id: "pdu1a", name: "PDU1-A", feed: "A", voltage: 230, amperage: 32, phases: 1, upstream: ["upsa"]),
            // 230 V × 16 A × 0.8 = 2,944 W, behind PDU1-A.
            CapacityInput.PowerNode(id: "pdu2a", name: "PDU2-A", feed: "A", voltage: 230, amperage: 16, phases: 1, upstream: ["pdu1a"]),
            CapacityInput.PowerNode(id: "pdub", name: "PDU-B", feed: "B", voltage: 230, amperage: 32, phases: 1, upstream: ["upsb"]),
        ]
        let cooling = [CapacityInput.CoolingUnit(id: "c1", name: "C1", spaceID: "hall", capacityW: 10_000),
                       CapacityInput.CoolingUnit(id: "c2", name: "C2", spaceID: "hall", capacityW: 10_000),
                       CapacityInput.CoolingUnit(id: "c3", name: "C3", spaceID: "hall", capacityW: 15_000)]
        return CapacityInput(racks: racks, devices: devices, powerNodes: nodes, coolingUnits: cooling)
    }

    @Test func cascadedPDUsAddUpAtEveryLevel() throws {
        let model = CapacityModel(Self.cascade)
        func node(_ id: String) -> CapacityModel.Node { model.nodes[id]! }
        #expect(abs(node("pdu1a").availableW - 5_888) < 1e-9 && abs(node("pdu2a").availableW - 2_944) < 1e-9)
        #expect(node("upsa").availableW == 80_000)  // rated 100 kW × 0.8
        // Normal: each rack half on A, half on B. PDU2-A: R1/2 = 1,000; PDU1-A: R1/2 through PDU2-A + R2/2 = 2,500.
        #expect(node("pdu2a").loadW == 1_000 && node("pdu1a").loadW == 2_500 && node("upsa").loadW == 2_500)
        #expect(node("pdub").loadW == 2_500 && node("upsb").loadW == 2_500)
        // Feed B lost: A carries everything. PDU2-A 2,000; PDU1-A 2,000 + 3,000 = 5,000; UPS-A 5,000.
        #expect(node("pdu2a").failoverLoadW == 2_000 && node("pdu1a").failoverLoadW == 5_000 && node("upsa").failoverLoadW == 5_000)
        #expect(node("pdub").failoverLoadW == 5_000)
        #expect(model.chain(of: "pdu2a") == ["pdu2a", "pdu1a", "upsa"])
        // R1: 2N. PDU2-A keeps 2,944 − 2,000 = 944 W after a feed loss, but the PDU1-A it hangs from
        // only 5,888 − 5,000 = 888 W: the cascade's upstream node binds (what NetBox misses).
        let r1 = model.racks.first { $0.id == "r1" }!
        #expect(r1.redundancy.mode == "2N" && r1.redundancy.survivesFeedLoss)
        #expect(r1.redundancy.tightestNode == "PDU1-A" && abs(r1.redundancy.headroomW! - 888) < 1e-9)
        // R2: PDU1-A and PDU-B both have 5,888 − 5,000 = 888 W.
        let r2 = model.racks.first { $0.id == "r2" }!
        #expect(abs(r2.redundancy.headroomW! - 888) < 1e-9 && r2.redundancy.survivesFeedLoss)
        // A heavier R2 (4,000 W more) breaks N+1 on PDU1-A (9,000 > 5,888) but not its budget.
        var heavy = Self.cascade
        heavy.devices.append(.init(id: "d3", name: "d3", rackID: "r2", uPosition: 5, uHeight: 2, nameplateW: 4_000))
        let broken = CapacityModel(heavy)
        #expect(!broken.racks.first { $0.id == "r2" }!.redundancy.survivesFeedLoss)
        #expect(!broken.racks.first { $0.id == "r1" }!.redundancy.survivesFeedLoss, "R1 shares PDU1-A upstream")
    }

    @Test func roomCoolingWithAndWithoutTheLargestUnit() throws {
        let model = CapacityModel(Self.cascade)
        let room = try #require(model.rooms["hall"])
        // Heat 2,000 + 3,000; cooling 10 + 10 + 15 kW; without the largest (15 kW) 20 kW.
        #expect(room.heatW == 5_000 && room.coolingW == 35_000 && room.coolingWithoutLargestW == 20_000)
        #expect(room.holdsWithoutLargest && room.utilisationWithoutLargest == 0.25)
        var hot = Self.cascade
        hot.measured = ["r1": .init(maxW: 12_000, p95W: 11_000), "r2": .init(maxW: 12_000, p95W: 10_000)]
        let loaded = try #require(CapacityModel(hot).rooms["hall"])
        #expect(loaded.heatW == 21_000 && !loaded.holdsWithoutLargest && loaded.utilisation == 0.6)
    }

    @Test func placementsFitWhereEveryConstraintHoldsAndNameWhatBinds() throws {
        let model = CapacityModel(Self.cascade)
        // 600 W fits R1 and R2 once each (888 W N+1 headroom on PDU1-A, upstream of R1's PDU2-A, and on PDU-B).
        let small = model.place(PlacementRequest(uHeight: 2, powerW: 600, weightKg: 10, count: 2))
        #expect(small.map(\.fits) == [1, 1] && small.map(\.assigned) == [1, 1])
        #expect(small.allSatisfy { $0.uPosition == 3 })  // the lowest free block above the 2U device
        #expect(small[0].reasons.contains { $0.hasPrefix("power_feed:") } && small[0].reasons.contains { $0.hasPrefix("room_cooling:") })
        // Balance: R1 after placement is at (2,000 + 600) / 8,000 = 32.5 %, R2 at 45 %: R1 first.
        #expect(small[0].rackName == "R1")
        // 1,000 W: no rack can take it on a lost feed.
        let big = model.place(PlacementRequest(uHeight: 1, powerW: 1_000))
        #expect(big.allSatisfy { $0.fits == 0 })
        #expect(big.first { $0.rackID == "r1" }?.binding == "power_feed: PDU1-A has 0.9 kW left after losing a feed")
        // On one feed only, R2 has PDU-B's normal headroom 5,888 − 2,500 = 3,388 W: three devices.
        let single = model.place(PlacementRequest(uHeight: 1, powerW: 1_000, feeds: .single))
        #expect(single.first { $0.rackID == "r2" }?.fits == 3)
        // U space binds: a 41U device never fits beside the 2U one.
        let tall = model.place(PlacementRequest(uHeight: 41, powerW: 10))
        #expect(tall.allSatisfy { $0.fits == 0 && $0.binding?.hasPrefix("u_space") == true })
    }

    @Test func rollupsPerRowSpaceFloorBuildingSite() throws {
        let model = CapacityModel(Self.cascade)
        let levels = Set(model.rollups.map(\.level))
        #expect(levels == Set(CapacityModel.Rollup.Level.allCases))
        let site = try #require(model.rollups.first { $0.level == .site })
        #expect(site.racks == 2 && site.unitsTotal == 84 && site.unitsUsed == 4 && site.loadW == 5_000 && site.powerBudgetW == 16_000)
        #expect(site.powerUtilisation == 5_000.0 / 16_000)
        #expect(model.rollups.first { $0.level == .row }?.id == "b/A01")
    }

    @Test func absurdRequestsAreNamed() {
        #expect(PlacementRequest(uHeight: 0, powerW: 100).problem()?.field == "u_height")
        #expect(PlacementRequest(uHeight: 2, powerW: -1).problem()?.field == "power_w")
        #expect(PlacementRequest(uHeight: 2, powerW: .nan).problem()?.field == "power_w")
        #expect(PlacementRequest(uHeight: 2, powerW: 100, weightKg: 1e9).problem()?.field == "weight_kg")
        #expect(PlacementRequest(uHeight: 2, powerW: 100, count: 0).problem()?.field == "count")
        #expect(PlacementRequest(uHeight: 2, powerW: 100).problem() == nil)
    }

    @Test func overlappingOrOutOfRackDevicesAreReportedNotCounted() {
        let rack = CapacityInput.Rack(id: "r", name: "R", place: Self.place, uHeight: 10)
        let model = CapacityModel(CapacityInput(racks: [rack], devices: [
            .init(id: "a", name: "a", rackID: "r", uPosition: 1, uHeight: 3),
            .init(id: "b", name: "b", rackID: "r", uPosition: 3, uHeight: 2),
            .init(id: "c", name: "c", rackID: "r", uPosition: 9, uHeight: 5),
        ]))
        #expect(model.racks[0].units.conflicts == ["b", "c"])
        #expect(model.racks[0].units.used == 4)  // U1–4 (a, and b's U4)
    }
}

@Suite struct EnergyAccountTests {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    @Test func energyPerDayAndMonthWithPUEAndCost() {
        // 2026-01-31 22:00 … 2026-02-01 01:00 UTC: four hours at 2 kW IT and 3 kW facility, then one at 4 kW / 5 kW.
        let base = Date(timeIntervalSince1970: 1_769_896_800)  // 2026-01-31T22:00:00Z
        var hours = (0..<4).map { EnergyAccount.Hour(start: base.addingTimeInterval(Double($0) * 3600), itW: 2_000, facilityW: 3_000) }
        hours.append(.init(start: base.addingTimeInterval(4 * 3600), itW: 4_000, facilityW: 5_000))
        let days = EnergyAccount(hours: hours.reversed(), interval: .day, tariff: 0.25, calendar: Self.utc)
        // Jan 31: 22:00 and 23:00 → 4 kWh IT, 6 kWh facility; Feb 1: 00:00, 01:00 at 2/3 kW and 02:00 at 4/5 kW → 8 and 11 kWh.
        #expect(days.buckets.map(\.itKWh) == [4, 8] && days.buckets.map(\.facilityKWh) == [6, 11])
        #expect(days.buckets.map(\.hours) == [2, 3])
        #expect(days.buckets[0].pue == 1.5 && days.buckets[1].pue == 11.0 / 8)
        #expect(days.totals.itKWh == 12 && days.totals.facilityKWh == 17 && days.totals.cost == 4.25)  // 17 kWh × 0.25
        let months = EnergyAccount(hours: hours, interval: .month, tariff: nil, calendar: Self.utc)
        #expect(months.buckets.count == 2 && months.totals.cost == nil)
        #expect(EnergyAccount(hours: hours, interval: .hour, tariff: nil, calendar: Self.utc).buckets.count == 5)
        #expect(EnergyAccount.change(110, from: 100) == 0.1 && EnergyAccount.change(1, from: 0) == nil)
    }
}
