import Foundation

extension Plant {
    /// Air: density × specific heat (J/(m³·K)), for return temperatures from airflow.
    static let airVolumetricHeat = 1.2 * 1005.0
    /// A CRAC's nominal airflow gives this supply/return difference at full output (K).
    static let designDeltaT = 12.0

    /// The hour of day (0…24) at the current simulated time.
    public var hourOfDay: Double {
        (startSecondOfDay + elapsed).truncatingRemainder(dividingBy: 86_400) / 3600
    }

    /// IT utilisation over the day: ~55 % at night, ~80 % from 9:00 to 18:00, smooth ramps.
    public static func utilisation(hour: Double) -> Double {
        func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x * 4)) }
        return 0.55 + 0.25 * (logistic(hour - 8.5) - logistic(hour - 18.5))
    }

    /// Advances every model by `dt` simulated seconds (callers keep `dt` ≤ 10 s for stability).
    public mutating func step(_ dt: Double) {
        elapsed += dt
        let day = Self.utilisation(hour: hourOfDay)
        stepRacks(dt, utilisation: day)
        stepPower(dt)
        stepZones(dt)
        stepInlets(dt)
        stepHumidity(dt)
    }

    mutating func stepRacks(_ dt: Double, utilisation: Double) {
        for index in racks.indices {
            var rack = racks[index]
            // Spikes: a batch job or a burst of traffic; GPU racks more often and harder.
            if rack.spikeLeft > 0 {
                rack.spikeLeft -= dt
                if rack.spikeLeft <= 0 { rack.spikeFactor = 0 }
            } else if random.unit() < dt / (rack.highDensity ? 1_800 : 7_200) {
                rack.spikeFactor = rack.highDensity ? 0.3 + 0.3 * random.unit() : 0.15 + 0.2 * random.unit()
                rack.spikeLeft = 120 + 480 * random.unit()
            }
            // Ornstein–Uhlenbeck noise around the pattern (τ 5 min, ~3 %).
            rack.noise += -rack.noise * dt / 300 + 0.03 * (2 * dt / 300).squareRoot() * random.gaussian()
            let target = rack.nominalW * max(0.05, utilisation * (1 + rack.spikeFactor + rack.noise)) * rack.loadFactor
            rack.loadW += (target - rack.loadW) * min(1, dt / 30)
            rack.energyWh += rack.loadW * dt / 3600
            racks[index] = rack
        }
    }

    mutating func stepPower(_ dt: Double) {
        for index in pdus.indices { pdus[index].powerW = 0 }
        for rack in racks {
            for feed in rack.feeds { pdus[feed.pdu].powerW += rack.loadW * feed.share }
        }
        for index in upses.indices { upses[index].outputW = 0 }
        for index in pdus.indices {
            pdus[index].voltageV = 230 + 0.8 * random.gaussian()
            pdus[index].energyWh += pdus[index].powerW * dt / 3600
            if let ups = pdus[index].ups { upses[ups].outputW += pdus[index].powerW }
        }
        for index in upses.indices {
            var ups = upses[index]
            ups.healthBase = max(0, ups.healthBase - dt * 3 / (365 * 86_400))  // ~3 % a year
            if ups.onBattery {
                let usable = ups.batteryWh * ups.healthPercent / 100
                ups.chargePercent = max(0, ups.chargePercent - ups.outputW * dt / 3600 / max(usable, 1) * 100)
                ups.inputV = 0
                ups.outputV = ups.chargePercent > 0 ? 229 + 0.8 * random.gaussian() : 0
            } else {
                ups.chargePercent = min(100, ups.chargePercent + dt * 100 / (4 * 3600))  // full again in ~4 h
                ups.inputV = 400 + 1.5 * random.gaussian()
                ups.outputV = 230 + 0.4 * random.gaussian()
            }
            // 12 V blocks in one string; ~480 V string for the current through each block.
            let current = ups.onBattery ? ups.outputW / 480 : 0
            for cell in ups.cells.indices {
                if ups.cells[cell].degrading {
                    ups.cells[cell].degradation = min(3, ups.cells[cell].degradation + dt * 2 / 1_800)  // ×3 in 30 min
                }
                let rest = ups.onBattery ? 12.7 - (1 - ups.chargePercent / 100) * 1.8 : 13.5
                let drop = current * ups.cells[cell].resistanceOhm
                // A high-resistance block floats high on charge and sags on discharge.
                let skew = (ups.cells[cell].degradation - 1) * (ups.onBattery ? -0.2 : 0.08)
                ups.cells[cell].voltageV = max(0, rest - drop + skew + 0.01 * random.gaussian())
            }
            upses[index] = ups
        }
    }

    mutating func stepZones(_ dt: Double) {
        for z in zones.indices {
            var zone = zones[z]
            zone.itW = zone.racks.reduce(0) { $0 + racks[$1].loadW }
            let available = zone.cracs.filter { !coolingUnits[$0].faulted }
            let capacity = available.reduce(0) { $0 + coolingUnits[$1].capacityW * coolingUnits[$1].efficiency }
            // Feed-forward on the heat the return air carries, plus PI on the supply error.
            let error = zone.airC - zone.setpointC
            let gain = max(capacity, 1) * 0.5
            zone.integral = max(-zone.designITW, min(zone.designITW, zone.integral + error * gain * dt / 600))
            let demand = max(0, zone.itW + error * gain + zone.integral)
            let delivered = zone.coolingLost ? 0 : min(demand, capacity)
            zone.coolingW = delivered
            zone.airC += dt * (zone.itW - delivered) / zone.capacitance
            for c in zone.cracs {
                var unit = coolingUnits[c]
                unit.efficiency = max(0.6, unit.efficiency - dt * 0.01 / (30 * 86_400))  // ~1 % a month
                if unit.faulted {
                    unit.outputW = 0
                    unit.fanPercent = 0
                    unit.compressorOn = false
                    unit.powerW = 40 + 5 * random.unit()  // controls only
                    unit.supplyC = zone.airC + 1.5
                    unit.returnC = zone.airC + 1.5
                } else {
                    let share = capacity > 0 ? unit.capacityW * unit.efficiency / capacity : 0
                    unit.outputW = delivered * share
                    let effective = unit.capacityW * unit.efficiency
                    // Fans run flat out while cooling is lost (moving air is all they can do).
                    let fan = zone.coolingLost ? 100 : 30 + 70 * min(1, unit.outputW / max(effective, 1))
                    unit.fanPercent += (fan - unit.fanPercent) * min(1, dt / 20)
                    unit.compressorOn = !zone.coolingLost && unit.outputW > 0
                    // Fans never idle below 30 % while running (the unit's minimum airflow).
                    let airflow = unit.capacityW / (Self.airVolumetricHeat * Self.designDeltaT) * max(unit.fanPercent, 30) / 100
                    unit.supplyC = (zone.coolingLost ? zone.airC + 0.3 : zone.airC - 0.8) + 0.1 * random.gaussian()
                    // The hot aisle's air: the unit's share of the zone's heat over its airflow.
                    let share2 = available.isEmpty ? 0 : 1 / Double(available.count)
                    let rise = min(zone.itW * share2 / max(airflow * Self.airVolumetricHeat, 1), 25)
                    unit.returnC = unit.supplyC + rise + 0.1 * random.gaussian()
                    let fanPower = 0.03 * unit.capacityW * pow(unit.fanPercent / 100, 3)
                    unit.powerW = fanPower + unit.outputW / (3.2 * unit.efficiency)
                }
                coolingUnits[c] = unit
            }
            zones[z] = zone
        }
    }

    mutating func stepInlets(_ dt: Double) {
        for index in racks.indices {
            let rack = racks[index]
            let air = zones[rack.zone].airC
            // Recirculation over the top and ends of the row grows with the rack's airflow (its load).
            let ratio = rack.loadW / max(rack.nominalW, 1)
            let target = air + rack.recirculationC + 2.5 * ratio
            racks[index].inletC += (target - rack.inletC) * min(1, dt / 60) + 0.02 * random.gaussian() * dt.squareRoot()
        }
    }

    mutating func stepHumidity(_ dt: Double) {
        for index in humidity.indices {
            let value = humidity[index]
            // Mean-reverting around 47.5 %RH, kept between 40 and 55.
            let next = value + (47.5 - value) * dt / 7_200 + 0.05 * dt.squareRoot() * random.gaussian()
            humidity[index] = min(55, max(40, next))
        }
    }
}
