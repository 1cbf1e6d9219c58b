import Foundation

/// A data centre's physical state, stepped in fixed simulated seconds: racks draw power that
/// follows the working day, heat the air of their zone, CRACs remove it under a feedback loop,
/// PDUs and UPSs carry the power, batteries age. Simple, coupled, deterministic for a seed.
///
/// Everything is in the twin's canonical units (W, Wh, °C, %, V, A, Ω, s); the publisher
/// converts to each point's wire unit.
public struct Plant: Sendable {
    public struct Rack: Sendable {
        public var assetID: String
        public var name: String
        public var zone: Int
        /// Typical draw at 100 % utilisation (W): the mounted devices' nameplate, else 60 % of the budget.
        public var nominalW: Double
        /// High-density (GPU) racks spike harder and more often.
        public var highDensity: Bool
        public var loadW: Double
        public var inletC: Double
        public var energyWh: Double
        /// Position-dependent extra recirculation (end of row, near the hot aisle's return).
        var recirculationC: Double
        var spikeFactor: Double = 0
        var spikeLeft: Double = 0
        var noise: Double = 0
        /// Scenario multiplier on the load (POWER_SPIKE).
        public var loadFactor: Double = 1
        /// PDUs feeding it and the share each carries.
        public var feeds: [(pdu: Int, share: Double)] = []
    }

    public struct Zone: Sendable {
        public var name: String
        /// Cold-aisle (supply) air temperature (°C).
        public var airC: Double
        public var setpointC: Double
        /// J/K: chosen so the zone warms ~0.3 °C/min at its design load with no cooling (air plus
        /// the thermal mass of floor, racks and structure).
        var capacitance: Double
        public var designITW: Double
        var integral: Double = 0
        /// COOLING_FAILURE: chilled water gone, compressors off.
        public var coolingLost = false
        public var racks: [Int] = []
        public var cracs: [Int] = []
        public var itW: Double = 0
        public var coolingW: Double = 0
    }

    public struct CoolingUnit: Sendable {
        public var assetID: String
        public var name: String
        public var zone: Int
        public var capacityW: Double
        /// 1 when new or just serviced; slowly falls (fouled coils, refrigerant loss).
        public var efficiency: Double
        /// UNIT_FAULT: tripped offline.
        public var faulted = false
        public var outputW: Double = 0
        public var fanPercent: Double = 60
        public var supplyC: Double = 20
        public var returnC: Double = 30
        public var powerW: Double = 0
        public var compressorOn = true
        /// Leak detector under the unit (LEAK_DETECTED).
        public var leak = false
        /// 0 off, 1 running, 2 fault.
        public var status: Double { faulted ? 2 : 1 }
    }

    public struct PDU: Sendable {
        public var assetID: String
        public var name: String
        /// Which feed (0 = A, 1 = B) and UPS it hangs off.
        public var feed: Int
        public var ups: Int?
        public var powerW: Double = 0
        public var voltageV: Double = 230
        public var energyWh: Double = 0
        public var currentA: Double { powerW / (voltageV * 0.95 * 3) }
    }

    public struct UPS: Sendable {
        public var assetID: String
        public var name: String
        public var feed: Int
        public var ratedW: Double
        public var batteryWh: Double
        public var chargePercent: Double = 100
        /// State of health (%): slow ageing minus a degraded cell's penalty.
        public var healthBase: Double
        public var onBattery = false
        public var outputW: Double = 0
        public var inputV: Double = 400
        public var outputV: Double = 230
        public var cells: [Cell] = []
        public var healthPercent: Double {
            let penalty = cells.map { ($0.degradation - 1) * 6 }.max() ?? 0
            return max(0, healthBase - penalty)
        }
        public var runtimeSeconds: Double {
            guard outputW > 1 else { return chargePercent > 0 ? 86_400 : 0 }
            return max(0, chargePercent / 100 * batteryWh * healthPercent / 100 * 3600 / outputW)
        }
        public var loadPercent: Double { outputW / ratedW * 100 }
    }

    public struct Cell: Sendable {
        var baseOhm: Double
        /// 1 when healthy; CELL_DEGRADATION drives it towards 3.
        public var degradation: Double = 1
        public var degrading = false
        public var voltageV: Double = 13.5
        public var resistanceOhm: Double { baseOhm * degradation }
    }

    public var racks: [Rack] = []
    public var zones: [Zone] = []
    public var coolingUnits: [CoolingUnit] = []
    public var pdus: [PDU] = []
    public var upses: [UPS] = []
    /// Humidity sensors' values (%RH), one per humidity point.
    public var humidity: [Double] = []
    /// Leak detectors of assets that are not CRACs: the asset and whether it is wet.
    public var leakAssetIDs: [String] = []
    public var leaks: [Bool] = []
    /// Simulated seconds since the run started, and the wall-clock time of day it started at.
    public var elapsed: Double = 0
    public var startSecondOfDay: Double
    var random: SimulationRandom

    public init(seed: UInt64, startSecondOfDay: Double) {
        self.random = SimulationRandom(seed: seed, stream: "plant")
        self.startSecondOfDay = startSecondOfDay
    }
}
