import Foundation
import Testing
import TelemetryCore

@Suite("Units and conversion")
struct MeasurementUnitTests {
    /// Every spelling from the brief, and the unit it must mean.
    static let aliases: [(String, MeasurementUnit)] = [
        ("°C", .celsius), ("degC", .celsius), ("C", .celsius), ("celsius", .celsius), ("Celsius", .celsius),
        ("℃", .celsius), ("deg C", .celsius), (" °C ", .celsius), ("CELSIUS", .celsius),
        ("°F", .fahrenheit), ("degF", .fahrenheit), ("F", .fahrenheit), ("fahrenheit", .fahrenheit),
        ("K", .kelvin), ("kelvin", .kelvin),
        ("W", .watt), ("kW", .kilowatt), ("KW", .kilowatt), ("kw", .kilowatt), ("MW", .megawatt), ("mW", .milliwatt),
        ("BTU/h", .btuPerHour),
        ("Wh", .wattHour), ("kWh", .kilowattHour), ("KWH", .kilowattHour), ("MWh", .megawattHour), ("J", .joule),
        ("kJ", .kilojoule), ("MJ", .megajoule),
        ("V", .volt), ("mV", .millivolt), ("kV", .kilovolt), ("VAC", .volt),
        ("A", .ampere), ("mA", .milliampere), ("amps", .ampere),
        ("Hz", .hertz), ("hz", .hertz), ("HZ", .hertz), ("kHz", .kilohertz),
        ("%", .percent), ("percent", .percent), ("‰", .permille), ("permille", .permille), ("ratio", .ratio),
        ("%RH", .percentRH), ("RH", .percentRH), ("%rh", .percentRH), ("% RH", .percentRH),
        ("m3/s", .cubicMetrePerSecond), ("m³/s", .cubicMetrePerSecond), ("m3/h", .cubicMetrePerHour),
        ("m³/h", .cubicMetrePerHour), ("L/s", .litrePerSecond), ("l/s", .litrePerSecond), ("CFM", .cubicFootPerMinute),
        ("cfm", .cubicFootPerMinute),
        ("Pa", .pascal), ("kPa", .kilopascal), ("hPa", .hectopascal), ("bar", .bar), ("mbar", .millibar),
        ("psi", .psi), ("PSI", .psi), ("inH2O", .inchOfWater), ("inWC", .inchOfWater),
        ("s", .second), ("sec", .second), ("min", .minute), ("h", .hour), ("hr", .hour),
        ("Ω", .ohm), ("\u{2126}", .ohm), ("ohm", .ohm), ("Ohm", .ohm), ("mΩ", .milliohm), ("mohm", .milliohm),
        ("mOhm", .milliohm), ("µΩ", .microohm), ("kΩ", .kiloohm),
        ("rpm", .revolutionsPerMinute), ("RPM", .revolutionsPerMinute),
        ("bool", .boolean), ("boolean", .boolean), ("1", .unitless), ("", .unitless),
    ]

    @Test(arguments: aliases.indices)
    func aliasParses(_ i: Int) throws {
        let (text, unit) = Self.aliases[i]
        #expect(try MeasurementUnit(parsing: text) == unit, "\(text)")
    }

    @Test func caseIsFoldedOnlyWhereSafe() throws {
        // mW/MW, mWh/MWh, mPa/MPa differ by case: no folding for them.
        for text in ["mw", "Mw", "mwh", "mpa", "ma", "MV", "mV2", "wH"] where text != "wH" {
            #expect(throws: UnitError.unknownUnit(text)) { try MeasurementUnit(parsing: text) }
        }
        #expect(try MeasurementUnit(parsing: "wH") == .wattHour)
    }

    @Test func everyCatalogueSymbolParsesToItself() throws {
        for unit in MeasurementUnit.all {
            #expect(try MeasurementUnit(parsing: unit.symbol) == unit, "\(unit.symbol)")
        }
    }

    @Test func unknownUnitNamesIt() {
        #expect(throws: UnitError.unknownUnit("furlongs")) { try MeasurementUnit(parsing: "furlongs") }
        #expect(UnitError.unknownUnit("fur\nlongs").description == #"unknown unit "fur\x0alongs""#)
    }

    /// (quantity, value, unit, exact canonical value)
    static let conversions: [(Quantity, Double, String, Double)] = [
        (.temperature, 212, "°F", 100),
        (.temperature, 32, "degF", 0),
        (.temperature, -40, "F", -40),
        (.temperature, 98.6, "°F", 37),
        (.temperature, 21.5, "°C", 21.5),
        (.temperature, 0, "K", -273.15),
        (.setpoint, 77, "°F", 25),
        (.dewPoint, 50, "°F", 10),
        (.power, 1.5, "kW", 1_500),
        (.power, 2, "MW", 2_000_000),
        (.power, 250, "mW", 0.25),
        (.power, 12_000, "BTU/h", 3516.8528420666666),
        (.energy, 1.5, "kWh", 1_500),
        (.energy, 3_600, "J", 1),
        (.energy, 2, "MWh", 2_000_000),
        (.energy, 36, "kJ", 10),
        (.voltage, 230, "V", 230),
        (.voltage, 11, "kV", 11_000),
        (.cellVoltage, 3_300, "mV", 3.3),
        (.current, 500, "mA", 0.5),
        (.frequency, 0.05, "kHz", 50),
        (.batteryCharge, 5, "‰", 0.5),
        (.batteryCharge, 0.85, "ratio", 85),
        (.loadRatio, 42, "%", 42),
        (.stateOfHealth, 990, "permille", 99),
        (.powerFactor, 95, "%", 0.95),
        (.powerFactor, 0.95, "ratio", 0.95),
        (.powerFactor, 0.95, "1", 0.95),
        (.powerFactor, 950, "‰", 0.95),
        (.humidity, 45, "%RH", 45),
        (.humidity, 45, "%", 45),
        (.humidity, 0.45, "ratio", 45),
        (.fanSpeed, 0.5, "ratio", 50),
        (.airflow, 3_600, "m3/h", 1),
        (.airflow, 1_000, "L/s", 1),
        (.airflow, 1_000, "CFM", 0.4719474432),
        (.pressure, 1.5, "kPa", 1_500),
        (.pressure, 1, "bar", 100_000),
        (.pressure, 1_013.25, "hPa", 101_325),
        (.pressure, 1_013.25, "mbar", 101_325),
        (.pressure, 1, "psi", 6894.757293168362),
        (.pressure, 1, "inH2O", 249.08891),
        (.batteryRuntime, 15, "min", 900),
        (.batteryRuntime, 2, "h", 7_200),
        (.cellResistance, 2.5, "mΩ", 0.0025),
        (.cellResistance, 2.5, "mohm", 0.0025),
        (.leak, 1, "bool", 1),
        (.door, 0, "1", 0),
        (.status, 3, "1", 3),
    ]

    @Test(arguments: conversions.indices)
    func convertsExactly(_ i: Int) throws {
        let (quantity, value, unit, expected) = Self.conversions[i]
        #expect(try quantity.canonicalValue(value, unit: unit) == expected, "\(value) \(unit) as \(quantity)")
    }

    @Test func kelvinAndCelsiusRoundTripClosely() throws {
        let c = try Quantity.temperature.canonicalValue(373.15, unit: "K")
        #expect(abs(c - 100) < 1e-12)
    }

    @Test func noUnitMeansCanonical() throws {
        for q in Quantity.allCases {
            #expect(try q.canonicalValue(12.5, unit: nil) == 12.5)
            #expect(try q.conversion(from: q.canonicalUnit).isIdentity, "\(q)")
        }
    }

    @Test func wrongDimensionIsAMismatchNamingBoth() {
        #expect(throws: UnitError.unitMismatch(unit: .kilowatt, quantity: .temperature)) {
            try Quantity.temperature.canonicalValue(1, unit: "kW")
        }
        let e = UnitError.unitMismatch(unit: .kilowatt, quantity: .temperature)
        #expect(e.description == "unit mismatch: kW is a power unit; temperature is stored in °C")
        #expect(throws: UnitError.unitMismatch(unit: .revolutionsPerMinute, quantity: .fanSpeed)) {
            try Quantity.fanSpeed.canonicalValue(1200, unit: "rpm")
        }
        #expect(throws: UnitError.unitMismatch(unit: .percentRH, quantity: .batteryCharge)) {
            try Quantity.batteryCharge.canonicalValue(50, unit: "%RH")
        }
        #expect(throws: UnitError.unitMismatch(unit: .unitless, quantity: .batteryCharge)) {
            try Quantity.batteryCharge.canonicalValue(50, unit: "1")
        }
        #expect(throws: UnitError.unknownUnit("Kw/h")) { try Quantity.energy.canonicalValue(1, unit: "Kw/h") }
    }

    @Test func affineFormAgreesWithApply() throws {
        let c = try Quantity.temperature.conversion(from: .fahrenheit)
        #expect(abs(c.scale - 5.0 / 9.0) < 1e-15)
        #expect(abs(c.shift - (-160.0 / 9.0)) < 1e-12)
        #expect(c.apply(212) == 100)
    }
}

@Suite("Quantities")
struct QuantityTests {
    @Test func rawValuesAreSnakeCase() {
        #expect(Quantity.allCases.map(\.rawValue) == [
            "temperature", "humidity", "dew_point", "power", "energy", "voltage", "current", "frequency",
            "power_factor", "fan_speed", "airflow", "pressure", "leak", "door", "battery_charge", "battery_runtime",
            "state_of_health", "cell_voltage", "cell_resistance", "load_ratio", "setpoint", "on_off", "status",
        ])
    }

    @Test func canonicalUnits() {
        let expected: [Quantity: String] = [
            .temperature: "°C", .dewPoint: "°C", .setpoint: "°C", .humidity: "%RH", .power: "W", .energy: "Wh",
            .voltage: "V", .cellVoltage: "V", .current: "A", .frequency: "Hz", .powerFactor: "ratio", .fanSpeed: "%",
            .airflow: "m³/s", .pressure: "Pa", .leak: "bool", .door: "bool", .onOff: "bool", .batteryCharge: "%",
            .stateOfHealth: "%", .loadRatio: "%", .batteryRuntime: "s", .cellResistance: "Ω", .status: "1",
        ]
        for q in Quantity.allCases { #expect(q.canonicalUnit.symbol == expected[q], "\(q)") }
    }

    @Test func plausibility() {
        #expect(Quantity.temperature.defaultValidRange == -50...150)
        #expect(Quantity.temperature.isPlausible(21.5))
        #expect(!Quantity.temperature.isPlausible(151))
        #expect(!Quantity.temperature.isPlausible(.nan))
        #expect(Quantity.leak.isBoolean && Quantity.door.isBoolean && Quantity.onOff.isBoolean)
        #expect(Quantity.leak.isPlausible(1) && !Quantity.leak.isPlausible(0.5))
        #expect(Quantity.status.isEnumerated && Quantity.status.isPlausible(3) && !Quantity.status.isPlausible(3.5))
        #expect(Quantity.humidity.isPlausible(100) && !Quantity.humidity.isPlausible(-1))
        for q in Quantity.allCases { #expect(q.defaultValidRange.lowerBound < q.defaultValidRange.upperBound) }
    }
}
