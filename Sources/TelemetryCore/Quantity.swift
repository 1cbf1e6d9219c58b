/// What a telemetry point measures; decides its canonical storage unit and plausible range.
///
/// Raw values are stable: they appear in the API, topic templates and the database.
public enum Quantity: String, Sendable, Hashable, Codable, CaseIterable {
    case temperature
    case humidity
    case dewPoint = "dew_point"
    case power
    case energy
    case voltage
    case current
    case frequency
    case powerFactor = "power_factor"
    case fanSpeed = "fan_speed"
    case airflow
    case pressure
    case leak
    case door
    case batteryCharge = "battery_charge"
    case batteryRuntime = "battery_runtime"
    case stateOfHealth = "state_of_health"
    case cellVoltage = "cell_voltage"
    case cellResistance = "cell_resistance"
    case loadRatio = "load_ratio"
    case setpoint
    case onOff = "on_off"
    case status

    /// How values of a quantity are read: measured, two-state, or a device's code.
    public enum ValueKind: String, Sendable, Hashable, Codable {
        /// Any finite number in range.
        case continuous
        /// Exactly 0 or 1 (leak detected, door open, on).
        case boolean
        /// An integral code whose meaning the device defines.
        case enumerated
    }

    /// The unit every stored value of this quantity is in (practical SI).
    public var canonicalUnit: MeasurementUnit {
        switch self {
        case .temperature, .dewPoint, .setpoint: .celsius
        case .humidity: .percentRH
        case .power: .watt
        case .energy: .wattHour
        case .voltage, .cellVoltage: .volt
        case .current: .ampere
        case .frequency: .hertz
        case .powerFactor: .ratio
        case .fanSpeed, .batteryCharge, .stateOfHealth, .loadRatio: .percent
        case .airflow: .cubicMetrePerSecond
        case .pressure: .pascal
        case .leak, .door, .onOff: .boolean
        case .batteryRuntime: .second
        case .cellResistance: .ohm
        case .status: .unitless
        }
    }

    public var valueKind: ValueKind {
        switch self {
        case .leak, .door, .onOff: .boolean
        case .status: .enumerated
        default: .continuous
        }
    }

    public var isBoolean: Bool { valueKind == .boolean }
    public var isEnumerated: Bool { valueKind == .enumerated }

    /// Values outside this range (canonical unit) are physically implausible in a data centre and
    /// most likely a wiring, scaling or unit mistake; a point may narrow or widen it.
    ///
    /// Signed ranges are deliberate where devices report direction: −48 V telecom buses,
    /// battery (dis)charge current and power, leading/lagging power factor, negative differential pressure.
    public var defaultValidRange: ClosedRange<Double> {
        switch self {
        case .temperature, .setpoint: -50...150
        case .dewPoint: -80...60
        case .humidity: 0...100
        case .power: -1e9...1e9
        case .energy: 0...1e13
        case .voltage: -1e6...1e6
        case .current: -1e5...1e5
        case .frequency: 0...1_000
        case .powerFactor: -1...1
        case .fanSpeed, .batteryCharge, .stateOfHealth: 0...100
        case .loadRatio: 0...200
        case .airflow: 0...1_000
        case .pressure: -1e6...1e7
        case .leak, .door, .onOff: 0...1
        case .batteryRuntime: 0...1e7
        case .cellVoltage: 0...20
        case .cellResistance: 0...10
        case .status: -2_147_483_648...2_147_483_647
        }
    }

    /// Whether a canonical value is acceptable for this quantity by default: finite, inside
    /// ``defaultValidRange``, exactly 0 or 1 for booleans and integral for enumerated codes.
    public func isPlausible(_ canonicalValue: Double) -> Bool {
        guard canonicalValue.isFinite, defaultValidRange.contains(canonicalValue) else { return false }
        switch valueKind {
        case .continuous: return true
        case .boolean: return canonicalValue == 0 || canonicalValue == 1
        case .enumerated: return canonicalValue.rounded(.towardZero) == canonicalValue
        }
    }
}
