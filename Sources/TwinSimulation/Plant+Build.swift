import Foundation

extension Plant {
    /// The supply-air setpoint every zone starts at (°C); inlets then sit ~2–5 °C above it.
    public static let supplySetpoint = 20.0

    /// A plant for `input`, and each point's binding (nil: no model behind that point).
    public static func build(_ input: PlantInput, seed: UInt64, startSecondOfDay: Double) -> (Plant, [PointBinding?]) {
        var plant = Plant(seed: seed, startSecondOfDay: startSecondOfDay)
        let assets = Dictionary(input.assets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var pointsByAsset: [String: [PlantInput.Point]] = [:]
        for point in input.points { if let asset = point.assetID { pointsByAsset[asset, default: []].append(point) } }

        // Zones: a rack's space (else floor); CRACs join their space's zone, else the floor's busiest.
        let rackAssets = input.assets.filter { $0.kind == "rack" }.sorted { $0.name < $1.name }
        var zoneIndex: [String: Int] = [:]
        var zoneFloor: [Int: String] = [:]
        for asset in rackAssets {
            var random = SimulationRandom(seed: seed, stream: "rack:" + asset.name)
            let key = asset.spaceID ?? asset.floorID ?? "building"
            let zone = zoneIndex[key] ?? {
                plant.zones.append(Zone(name: key, airC: supplySetpoint, setpointC: supplySetpoint, capacitance: 1, designITW: 0))
                zoneIndex[key] = plant.zones.count - 1
                if let floor = asset.floorID { zoneFloor[plant.zones.count - 1] = floor }
                return plant.zones.count - 1
            }()
            let nominal = (asset.devicesDrawW ?? 0) > 0 ? asset.devicesDrawW! : (asset.powerBudgetW ?? 6_600) * 0.6
            let dense = (asset.powerBudgetW ?? 0) >= 15_000 || nominal >= 12_000
            let start = nominal * utilisation(hour: startSecondOfDay / 3600)
            let recirculation = 0.5 + 1.5 * random.unit()
            plant.racks.append(Rack(assetID: asset.id, name: asset.name, zone: zone, nominalW: nominal, highDensity: dense,
                                    loadW: start, inletC: supplySetpoint + recirculation + 2.5 * start / max(nominal, 1),
                                    energyWh: 0, recirculationC: recirculation))
            plant.zones[zone].racks.append(plant.racks.count - 1)
            plant.zones[zone].designITW += nominal * 0.8
        }
        for z in plant.zones.indices {
            // Warms ~0.3 °C/min at design load with no cooling at all.
            plant.zones[z].capacitance = max(plant.zones[z].designITW, 5_000) / (0.3 / 60)
        }
        let cracAssets = input.assets.filter { $0.kind == "cooling_unit" }.sorted { $0.name < $1.name }
        var cracsPerZone: [Int: [PlantInput.Asset]] = [:]
        for asset in cracAssets {
            let zone: Int? = asset.spaceID.flatMap { zoneIndex[$0] }
                ?? zoneFloor.filter { $0.value == asset.floorID }.map(\.key).max { plant.zones[$0].racks.count < plant.zones[$1].racks.count }
                ?? (plant.zones.isEmpty ? nil : 0)
            if let zone { cracsPerZone[zone, default: []].append(asset) }
        }
        for z in plant.zones.indices {
            let units = cracsPerZone[z] ?? []
            // Sized N+1 when the model does not say: any one unit can fail and the rest carry the design load.
            let defaultCapacity = plant.zones[z].designITW * 1.3 / Double(max(units.count - 1, 1))
            if units.isEmpty {
                plant.coolingUnits.append(CoolingUnit(assetID: "", name: "house cooling", zone: z,
                                                      capacityW: plant.zones[z].designITW * 1.3, efficiency: 1))
                plant.zones[z].cracs.append(plant.coolingUnits.count - 1)
            }
            for asset in units {
                var random = SimulationRandom(seed: seed, stream: "crac:" + asset.name)
                plant.coolingUnits.append(CoolingUnit(assetID: asset.id, name: asset.name, zone: z,
                                                      capacityW: asset.ratedCapacityW ?? max(defaultCapacity, 10_000),
                                                      efficiency: 0.92 + 0.06 * random.unit()))
                plant.zones[z].cracs.append(plant.coolingUnits.count - 1)
            }
        }

        // UPSs and PDUs, by feed (A/B from the name's last letter).
        func feed(_ name: String) -> Int? {
            switch name.uppercased().last {
            case "A": 0
            case "B": 1
            default: nil
            }
        }
        func isUPS(_ a: PlantInput.Asset) -> Bool {
            a.kind == "power_unit" && (a.subtype?.uppercased() == "UPS"
                || (pointsByAsset[a.id] ?? []).contains { $0.quantity == "battery_charge" })
        }
        func isPDU(_ a: PlantInput.Asset) -> Bool {
            a.kind == "power_unit" && !isUPS(a) && (a.subtype?.uppercased() == "PDU" || a.name.uppercased().contains("PDU"))
        }
        let upsAssets = input.assets.filter(isUPS).sorted { $0.name < $1.name }
        for (n, asset) in upsAssets.enumerated() {
            var random = SimulationRandom(seed: seed, stream: "ups:" + asset.name)
            let cells = (pointsByAsset[asset.id] ?? []).compactMap { Self.cellNumber($0.suffix) }.max() ?? 0
            plant.upses.append(UPS(assetID: asset.id, name: asset.name, feed: feed(asset.name) ?? n % 2, ratedW: asset.ratedCapacityW ?? 0,
                                   batteryWh: 0, healthBase: 94 + 4 * random.unit(),
                                   cells: (0..<cells).map { _ in Cell(baseOhm: 0.0045 * (1 + 0.06 * random.gaussian())) }))
        }
        let pduAssets = input.assets.filter(isPDU).sorted { $0.name < $1.name }
        for (n, asset) in pduAssets.enumerated() {
            let side = feed(asset.name) ?? n % 2
            let ups = plant.upses.firstIndex { $0.feed == side } ?? (plant.upses.isEmpty ? nil : n % plant.upses.count)
            plant.pdus.append(PDU(assetID: asset.id, name: asset.name, feed: side, ups: ups))
        }
        // A rack is fed by the PDUs named after its row (`DC1-A01-PDU-A` feeds `DC1-A01-R…`), else its space's.
        for r in plant.racks.indices {
            let rack = plant.racks[r]
            var random = SimulationRandom(seed: seed, stream: "feed:" + rack.name)
            var feeds = plant.pdus.indices.filter { p in
                guard let range = plant.pdus[p].name.range(of: "-PDU", options: [.caseInsensitive, .backwards]) else { return false }
                return rack.name.hasPrefix(plant.pdus[p].name[..<range.lowerBound] + "-")
            }
            if feeds.isEmpty {
                let space = assets[rack.assetID]?.spaceID
                feeds = pduAssets.indices.filter { space != nil && pduAssets[$0].spaceID == space }
            }
            guard !feeds.isEmpty else { continue }
            let skew = 0.03 * (2 * random.unit() - 1)
            plant.racks[r].feeds = feeds.map { p in
                let base = 1 / Double(feeds.count)
                return (p, feeds.count == 2 ? base + (plant.pdus[p].feed == 0 ? skew : -skew) : base)
            }
        }
        for u in plant.upses.indices where plant.upses[u].ratedW <= 0 {
            let carried = plant.racks.reduce(0.0) { sum, rack in
                sum + rack.feeds.filter { plant.pdus[$0.pdu].ups == u }.reduce(0) { $0 + rack.nominalW * $1.share }
            }
            plant.upses[u].ratedW = max(carried * 1.6, 50_000)
        }
        for u in plant.upses.indices { plant.upses[u].batteryWh = plant.upses[u].ratedW * 10 / 60 }  // 10 min at full load

        // Bindings.
        let rackOf = Dictionary(plant.racks.indices.map { (plant.racks[$0].assetID, $0) }, uniquingKeysWith: { a, _ in a })
        let cracOf = Dictionary(plant.coolingUnits.indices.filter { !plant.coolingUnits[$0].assetID.isEmpty }
            .map { (plant.coolingUnits[$0].assetID, $0) }, uniquingKeysWith: { a, _ in a })
        let pduOf = Dictionary(plant.pdus.indices.map { (plant.pdus[$0].assetID, $0) }, uniquingKeysWith: { a, _ in a })
        let upsOf = Dictionary(plant.upses.indices.map { (plant.upses[$0].assetID, $0) }, uniquingKeysWith: { a, _ in a })
        var bindings: [PointBinding?] = []
        for point in input.points {
            let suffix = point.suffix.lowercased()
            let asset = point.assetID
            var binding: PointBinding?
            if point.quantity == "humidity" {
                var random = SimulationRandom(seed: seed, stream: "humidity:" + point.externalKey)
                plant.humidity.append(44 + 7 * random.unit())
                binding = PointBinding(role: .humidity, index: plant.humidity.count - 1)
            } else if let asset, let r = rackOf[asset] {
                binding = switch point.quantity {
                case "power": PointBinding(role: .rackPower, index: r)
                case "energy": PointBinding(role: .rackEnergy, index: r)
                case "temperature": PointBinding(role: .rackInlet, index: r)
                default: nil
                }
            } else if let asset, let c = cracOf[asset] {
                let role: PointRole? = switch (point.quantity, suffix) {
                case ("leak", _): .cracLeak
                case ("temperature", let s) where s.contains("supply"): .cracSupply
                case ("temperature", let s) where s.contains("return"): .cracReturn
                case ("fan_speed", _): .cracFan
                case ("power", _): .cracPower
                case ("status", _): .cracStatus
                case ("setpoint", _): .cracSetpoint
                case ("on_off", _): .cracCompressor
                default: nil
                }
                binding = role.map { PointBinding(role: $0, index: c) }
            } else if let asset, let p = pduOf[asset] {
                binding = switch point.quantity {
                case "power": PointBinding(role: .pduPower, index: p)
                case "current": PointBinding(role: .pduCurrent, index: p)
                case "voltage": PointBinding(role: .pduVoltage, index: p)
                case "energy": PointBinding(role: .pduEnergy, index: p)
                default: nil
                }
            } else if let asset, let u = upsOf[asset] {
                let role: PointRole? = switch (point.quantity, suffix) {
                case ("battery_charge", _): .upsCharge
                case ("battery_runtime", _): .upsRuntime
                case ("load_ratio", _): .upsLoad
                case ("power", _): .upsPower
                case ("status", _): .upsStatus
                case ("on_off", _): .upsOnBattery
                case ("state_of_health", _): .upsHealth
                case ("voltage", let s) where s.contains("input"): .upsInputVoltage
                case ("voltage", _): .upsOutputVoltage
                case ("cell_voltage", let s): Self.cellNumber(s).map { .cellVoltage($0 - 1) }
                case ("cell_resistance", let s): Self.cellNumber(s).map { .cellResistance($0 - 1) }
                default: nil
                }
                binding = role.map { PointBinding(role: $0, index: u) }
            } else if point.quantity == "leak" {
                let key = asset ?? point.id
                let slot = plant.leakAssetIDs.firstIndex(of: key) ?? {
                    plant.leakAssetIDs.append(key)
                    plant.leaks.append(false)
                    return plant.leaks.count - 1
                }()
                binding = PointBinding(role: .leak, index: slot)
            }
            bindings.append(binding)
        }
        return (plant, bindings)
    }

    /// `cell_07_voltage` → 7.
    static func cellNumber(_ suffix: String) -> Int? {
        let parts = suffix.lowercased().split(separator: "_")
        guard parts.count >= 2, parts[0] == "cell", let n = Int(parts[1]), (1...1_000).contains(n) else { return nil }
        return n
    }

    /// The value a bound point reports now (canonical unit).
    public func value(_ binding: PointBinding) -> Double {
        let i = binding.index
        switch binding.role {
        case .rackPower: return racks[i].loadW
        case .rackEnergy: return racks[i].energyWh
        case .rackInlet: return racks[i].inletC
        case .pduPower: return pdus[i].powerW
        case .pduCurrent: return pdus[i].currentA
        case .pduVoltage: return pdus[i].voltageV
        case .pduEnergy: return pdus[i].energyWh
        case .cracSupply: return coolingUnits[i].supplyC
        case .cracReturn: return coolingUnits[i].returnC
        case .cracFan: return coolingUnits[i].fanPercent
        case .cracPower: return coolingUnits[i].powerW
        case .cracStatus: return coolingUnits[i].status
        case .cracSetpoint: return zones[coolingUnits[i].zone].setpointC
        case .cracCompressor: return coolingUnits[i].compressorOn ? 1 : 0
        case .upsCharge: return upses[i].chargePercent
        case .upsRuntime: return upses[i].runtimeSeconds
        case .upsLoad: return upses[i].loadPercent
        case .upsPower: return upses[i].outputW
        case .upsStatus: return upses[i].onBattery ? 2 : 1
        case .upsOnBattery: return upses[i].onBattery ? 1 : 0
        case .upsInputVoltage: return upses[i].inputV
        case .upsOutputVoltage: return upses[i].outputV
        case .upsHealth: return upses[i].healthPercent
        case .cellVoltage(let c): return c < upses[i].cells.count ? upses[i].cells[c].voltageV : 0
        case .cellResistance(let c): return c < upses[i].cells.count ? upses[i].cells[c].resistanceOhm : 0
        case .humidity: return humidity[i]
        case .cracLeak: return coolingUnits[i].leak ? 1 : 0
        case .leak: return leaks[i] ? 1 : 0
        }
    }
}
