import TwinSimulation

/// A small hall like the sample's: two rows of four racks (the second GPU), A/B PDUs per row,
/// two UPSs with battery cells, three CRACs with leak detectors, a humidity sensor.
enum SamplePlant {
    static func input() -> PlantInput {
        var assets: [PlantInput.Asset] = []
        var points: [PlantInput.Point] = []
        func point(_ asset: PlantInput.Asset?, _ suffix: String, _ quantity: String, interval: Double = 60) {
            let key = (asset?.name ?? "HALL-HS") + "/" + suffix
            points.append(PlantInput.Point(id: "p-" + key, externalKey: key, assetID: asset?.id, spaceID: "hall", quantity: quantity,
                                           intervalSeconds: interval))
        }
        for row in 1...2 {
            for r in 1...4 {
                let rack = PlantInput.Asset(id: "rack-\(row)-\(r)", name: "H-R0\(row)-R0\(r)", tag: "TAG-\(row)\(r)", kind: "rack",
                                            spaceID: "hall", floorID: "f1", powerBudgetW: row == 2 ? 20_000 : 12_000,
                                            devicesDrawW: row == 2 ? 16_000 : 6_000)
                assets.append(rack)
                point(rack, "power", "power")
                point(rack, "energy", "energy", interval: 300)
                points.append(PlantInput.Point(id: "p-\(rack.name)-TS", externalKey: rack.name + "-TS/temperature", assetID: rack.id,
                                               spaceID: "hall", quantity: "temperature", intervalSeconds: 60))
            }
            for side in ["A", "B"] {
                let pdu = PlantInput.Asset(id: "pdu-\(row)\(side)", name: "H-R0\(row)-PDU-\(side)", kind: "power_unit", spaceID: "hall",
                                           floorID: "f1", subtype: "PDU")
                assets.append(pdu)
                for (suffix, quantity) in [("power", "power"), ("current", "current"), ("voltage", "voltage"), ("energy", "energy")] {
                    point(pdu, suffix, quantity)
                }
            }
        }
        for side in ["A", "B"] {
            let ups = PlantInput.Asset(id: "ups-\(side)", name: "H-UPS-\(side)", kind: "power_unit", spaceID: "ups-room", floorID: "f1",
                                       subtype: "UPS")
            assets.append(ups)
            for (suffix, quantity) in [("battery_charge", "battery_charge"), ("battery_runtime", "battery_runtime"),
                                       ("load_ratio", "load_ratio"), ("power", "power"), ("status", "status"),
                                       ("on_battery", "on_off"), ("state_of_health", "state_of_health"),
                                       ("input_voltage", "voltage"), ("output_voltage", "voltage")] {
                point(ups, suffix, quantity)
            }
            for cell in 1...4 {
                point(ups, "cell_0\(cell)_voltage", "cell_voltage")
                point(ups, "cell_0\(cell)_resistance", "cell_resistance", interval: 300)
            }
        }
        for n in 1...3 {
            let crac = PlantInput.Asset(id: "crac-\(n)", name: "H-CRAC-0\(n)", kind: "cooling_unit", spaceID: "hall", floorID: "f1")
            assets.append(crac)
            for (suffix, quantity) in [("supply_temperature", "temperature"), ("return_temperature", "temperature"),
                                       ("fan_speed", "fan_speed"), ("power", "power"), ("status", "status"),
                                       ("setpoint", "setpoint"), ("compressor", "on_off"), ("leak", "leak")] {
                point(crac, suffix, quantity)
            }
        }
        point(nil, "humidity", "humidity")
        return PlantInput(assets: assets, points: points)
    }

    /// Readings of a run, by external key, each `(elapsed, value)`.
    static func collect(_ run: inout SimulationRun, seconds: Double) -> [String: [(Double, Double)]] {
        var out: [String: [(Double, Double)]] = [:]
        let points = run.points
        run.advance(by: seconds) { out[points[$0.point].externalKey, default: []].append(($0.elapsed, $0.value)) }
        return out
    }
}
