/// The units Atrium understands and every spelling accepted for them.
extension MeasurementUnit {
    // MARK: Temperature (base °C)
    public static let celsius = MeasurementUnit(symbol: "°C", dimension: .temperature)
    public static let fahrenheit = MeasurementUnit(symbol: "°F", dimension: .temperature, offset: -32, multiplier: 5, divisor: 9)
    public static let kelvin = MeasurementUnit(symbol: "K", dimension: .temperature, offset: -273.15)

    // MARK: Fractions and relative humidity (base: ratio, 1 % = 0.01)
    public static let ratio = MeasurementUnit(symbol: "ratio", dimension: .fraction)
    public static let percent = MeasurementUnit(symbol: "%", dimension: .fraction, divisor: 100)
    public static let permille = MeasurementUnit(symbol: "‰", dimension: .fraction, divisor: 1_000)
    public static let percentRH = MeasurementUnit(symbol: "%RH", dimension: .relativeHumidity, divisor: 100)

    // MARK: Power (base W)
    public static let watt = MeasurementUnit(symbol: "W", dimension: .power)
    public static let milliwatt = MeasurementUnit(symbol: "mW", dimension: .power, divisor: 1_000)
    public static let kilowatt = MeasurementUnit(symbol: "kW", dimension: .power, multiplier: 1_000)
    public static let megawatt = MeasurementUnit(symbol: "MW", dimension: .power, multiplier: 1_000_000)
    /// International Table BTU per hour (cooling capacities): 1055.05585262 J / 3600 s.
    public static let btuPerHour = MeasurementUnit(symbol: "BTU/h", dimension: .power, multiplier: 105_505_585_262, divisor: 360_000_000_000)

    // MARK: Energy (base Wh)
    public static let wattHour = MeasurementUnit(symbol: "Wh", dimension: .energy)
    public static let kilowattHour = MeasurementUnit(symbol: "kWh", dimension: .energy, multiplier: 1_000)
    public static let megawattHour = MeasurementUnit(symbol: "MWh", dimension: .energy, multiplier: 1_000_000)
    public static let gigawattHour = MeasurementUnit(symbol: "GWh", dimension: .energy, multiplier: 1_000_000_000)
    public static let joule = MeasurementUnit(symbol: "J", dimension: .energy, divisor: 3_600)
    public static let kilojoule = MeasurementUnit(symbol: "kJ", dimension: .energy, multiplier: 1_000, divisor: 3_600)
    public static let megajoule = MeasurementUnit(symbol: "MJ", dimension: .energy, multiplier: 1_000_000, divisor: 3_600)

    // MARK: Electrical
    public static let volt = MeasurementUnit(symbol: "V", dimension: .voltage)
    public static let millivolt = MeasurementUnit(symbol: "mV", dimension: .voltage, divisor: 1_000)
    public static let kilovolt = MeasurementUnit(symbol: "kV", dimension: .voltage, multiplier: 1_000)
    public static let ampere = MeasurementUnit(symbol: "A", dimension: .current)
    public static let milliampere = MeasurementUnit(symbol: "mA", dimension: .current, divisor: 1_000)
    public static let kiloampere = MeasurementUnit(symbol: "kA", dimension: .current, multiplier: 1_000)
    public static let hertz = MeasurementUnit(symbol: "Hz", dimension: .frequency)
    public static let kilohertz = MeasurementUnit(symbol: "kHz", dimension: .frequency, multiplier: 1_000)
    public static let ohm = MeasurementUnit(symbol: "Ω", dimension: .resistance)
    public static let milliohm = MeasurementUnit(symbol: "mΩ", dimension: .resistance, divisor: 1_000)
    public static let microohm = MeasurementUnit(symbol: "µΩ", dimension: .resistance, divisor: 1_000_000)
    public static let kiloohm = MeasurementUnit(symbol: "kΩ", dimension: .resistance, multiplier: 1_000)

    // MARK: Airflow (base m³/s)
    public static let cubicMetrePerSecond = MeasurementUnit(symbol: "m³/s", dimension: .volumeFlow)
    public static let cubicMetrePerHour = MeasurementUnit(symbol: "m³/h", dimension: .volumeFlow, divisor: 3_600)
    public static let litrePerSecond = MeasurementUnit(symbol: "L/s", dimension: .volumeFlow, divisor: 1_000)
    public static let litrePerMinute = MeasurementUnit(symbol: "L/min", dimension: .volumeFlow, divisor: 60_000)
    /// Cubic feet per minute: 1 ft³ = 0.028316846592 m³ exactly.
    public static let cubicFootPerMinute = MeasurementUnit(symbol: "CFM", dimension: .volumeFlow, multiplier: 28_316_846_592, divisor: 60_000_000_000_000)

    // MARK: Pressure (base Pa)
    public static let pascal = MeasurementUnit(symbol: "Pa", dimension: .pressure)
    public static let hectopascal = MeasurementUnit(symbol: "hPa", dimension: .pressure, multiplier: 100)
    public static let kilopascal = MeasurementUnit(symbol: "kPa", dimension: .pressure, multiplier: 1_000)
    public static let megapascal = MeasurementUnit(symbol: "MPa", dimension: .pressure, multiplier: 1_000_000)
    public static let millibar = MeasurementUnit(symbol: "mbar", dimension: .pressure, multiplier: 100)
    public static let bar = MeasurementUnit(symbol: "bar", dimension: .pressure, multiplier: 100_000)
    /// Pound-force per square inch: 4.4482216152605 N / 0.00064516 m².
    public static let psi = MeasurementUnit(symbol: "psi", dimension: .pressure, multiplier: 44_482_216_152_605, divisor: 6_451_600_000)
    /// Conventional inch of water: 0.0254 m × 1000 kg/m³ × 9.80665 m/s².
    public static let inchOfWater = MeasurementUnit(symbol: "inH2O", dimension: .pressure, multiplier: 24_908_891, divisor: 100_000)
    public static let millimetreOfWater = MeasurementUnit(symbol: "mmH2O", dimension: .pressure, multiplier: 980_665, divisor: 100_000)

    // MARK: Time (base s)
    public static let second = MeasurementUnit(symbol: "s", dimension: .time)
    public static let millisecond = MeasurementUnit(symbol: "ms", dimension: .time, divisor: 1_000)
    public static let minute = MeasurementUnit(symbol: "min", dimension: .time, multiplier: 60)
    public static let hour = MeasurementUnit(symbol: "h", dimension: .time, multiplier: 3_600)
    public static let day = MeasurementUnit(symbol: "d", dimension: .time, multiplier: 86_400)

    // MARK: Others
    public static let revolutionsPerMinute = MeasurementUnit(symbol: "rpm", dimension: .rotationalSpeed)
    public static let boolean = MeasurementUnit(symbol: "bool", dimension: .boolean)
    public static let unitless = MeasurementUnit(symbol: "1", dimension: .unitless)

    /// Spellings matched byte for byte (after trimming spaces).
    static let exactTable: [(MeasurementUnit, [String])] = [
        (.celsius, ["°C", "℃", "degC", "deg C", "C", "Cel", "ºC"]),
        (.fahrenheit, ["°F", "℉", "degF", "deg F", "F", "[degF]", "ºF"]),
        (.kelvin, ["K"]),
        (.ratio, []),
        (.percent, ["%"]),
        (.permille, ["‰"]),
        (.percentRH, ["%RH", "% RH", "RH", "%rH"]),
        (.watt, ["W"]),
        (.milliwatt, ["mW"]),
        (.kilowatt, ["kW"]),
        (.megawatt, ["MW"]),
        (.btuPerHour, ["BTU/h", "Btu/h", "BTU/hr", "[Btu_IT]/h"]),
        (.wattHour, ["Wh", "W.h"]),
        (.kilowattHour, ["kWh", "kW.h"]),
        (.megawattHour, ["MWh", "MW.h"]),
        (.gigawattHour, ["GWh"]),
        (.joule, ["J"]),
        (.kilojoule, ["kJ"]),
        (.megajoule, ["MJ"]),
        (.volt, ["V", "VAC", "VDC", "Vac", "Vdc"]),
        (.millivolt, ["mV"]),
        (.kilovolt, ["kV"]),
        (.ampere, ["A"]),
        (.milliampere, ["mA"]),
        (.kiloampere, ["kA"]),
        (.hertz, ["Hz"]),
        (.kilohertz, ["kHz"]),
        (.ohm, ["\u{3A9}", "\u{2126}"]),
        (.milliohm, ["m\u{3A9}", "m\u{2126}", "mohm", "mOhm"]),
        (.microohm, ["\u{B5}\u{3A9}", "\u{3BC}\u{3A9}", "u\u{3A9}", "\u{B5}\u{2126}", "\u{3BC}\u{2126}", "u\u{2126}", "uohm", "uOhm", "\u{B5}ohm", "\u{3BC}ohm"]),
        (.kiloohm, ["k\u{3A9}", "k\u{2126}", "kohm", "kOhm"]),
        (.cubicMetrePerSecond, ["m3/s", "m³/s", "m^3/s", "m3.s-1"]),
        (.cubicMetrePerHour, ["m3/h", "m³/h", "m^3/h", "m3/hr", "m³/hr"]),
        (.litrePerSecond, ["L/s", "l/s"]),
        (.litrePerMinute, ["L/min", "l/min"]),
        (.cubicFootPerMinute, ["CFM", "cfm", "ft3/min", "ft³/min", "ft^3/min"]),
        (.pascal, ["Pa"]),
        (.hectopascal, ["hPa"]),
        (.kilopascal, ["kPa"]),
        (.megapascal, ["MPa"]),
        (.millibar, ["mbar"]),
        (.bar, ["bar"]),
        (.psi, ["psi"]),
        (.inchOfWater, ["inH2O", "inH₂O", "\"H2O", "in H2O", "inWC", "in WC"]),
        (.millimetreOfWater, ["mmH2O", "mmH₂O", "mm H2O"]),
        (.second, ["s"]),
        (.millisecond, ["ms"]),
        (.minute, ["min"]),
        (.hour, ["h"]),
        (.day, ["d"]),
        (.revolutionsPerMinute, ["rpm", "RPM", "r/min", "1/min"]),
        (.boolean, []),
        (.unitless, ["", "1"]),
    ]

    /// Spellings matched ignoring ASCII case, listed in lower case. None of them becomes another
    /// unit when its case changes (so `mw`, `mwh`, `mpa`, `ma` are absent on purpose).
    static let foldedTable: [(MeasurementUnit, [String])] = [
        (.celsius, ["celsius", "degc", "deg c", "deg_c", "degrees celsius", "°c"]),
        (.fahrenheit, ["fahrenheit", "degf", "deg f", "deg_f", "degrees fahrenheit", "°f"]),
        (.kelvin, ["kelvin"]),
        (.ratio, ["ratio", "fraction"]),
        (.percent, ["percent", "pct"]),
        (.permille, ["permille", "per mille", "promille"]),
        (.percentRH, ["%rh", "% rh", "rh", "percent_rh"]),
        (.watt, ["watt", "watts"]),
        (.kilowatt, ["kw", "kilowatt", "kilowatts"]),
        (.megawatt, ["megawatt", "megawatts"]),
        (.btuPerHour, ["btu/h", "btu/hr", "btuh"]),
        (.wattHour, ["wh", "watt-hour", "watt hour"]),
        (.kilowattHour, ["kwh", "kilowatt-hour", "kilowatt hour"]),
        (.megawattHour, ["megawatt-hour", "megawatt hour"]),
        (.joule, ["joule", "joules"]),
        (.kilojoule, ["kj", "kilojoule"]),
        (.volt, ["v", "volt", "volts", "vac", "vdc"]),
        (.kilovolt, ["kv", "kilovolt"]),
        (.ampere, ["amp", "amps", "ampere", "amperes"]),
        (.hertz, ["hz", "hertz"]),
        (.kilohertz, ["khz"]),
        (.ohm, ["ohm", "ohms"]),
        (.milliohm, ["milliohm", "milliohms"]),
        (.kiloohm, ["kiloohm", "kiloohms"]),
        (.litrePerSecond, ["lps"]),
        (.litrePerMinute, ["lpm"]),
        (.cubicFootPerMinute, ["cfm"]),
        (.pascal, ["pa", "pascal", "pascals"]),
        (.hectopascal, ["hpa"]),
        (.kilopascal, ["kpa"]),
        (.millibar, ["mbar", "millibar"]),
        (.bar, ["bar"]),
        (.psi, ["psi"]),
        (.inchOfWater, ["inh2o", "in h2o", "inwc", "in wc", "in. w.c."]),
        (.millimetreOfWater, ["mmh2o", "mm h2o"]),
        (.second, ["sec", "secs", "second", "seconds"]),
        (.minute, ["min", "mins", "minute", "minutes"]),
        (.hour, ["hr", "hrs", "hour", "hours"]),
        (.day, ["day", "days"]),
        (.revolutionsPerMinute, ["rpm"]),
        (.boolean, ["bool", "boolean"]),
        (.unitless, ["none", "unitless"]),
    ]

    static let exactAliases: [[UInt8]: MeasurementUnit] = {
        var d: [[UInt8]: MeasurementUnit] = [:]
        for (unit, names) in exactTable { for n in names { d[Array(n.utf8)] = unit } }
        return d
    }()

    static let foldedAliases: [[UInt8]: MeasurementUnit] = {
        var d: [[UInt8]: MeasurementUnit] = [:]
        for (unit, names) in foldedTable { for n in names { d[Array(n.utf8)] = unit } }
        return d
    }()

    /// Longer input cannot be an alias, so lookups never copy attacker-sized strings.
    static let longestAlias = (exactTable + foldedTable).flatMap(\.1).map(\.utf8.count).max() ?? 0

    /// Every unit in the catalogue.
    public static let all: [MeasurementUnit] = exactTable.map(\.0)
}
