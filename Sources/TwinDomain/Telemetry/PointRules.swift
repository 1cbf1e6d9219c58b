import Foundation
import TelemetryCore

/// Which points an asset implies: standard ones by kind (a rack's power, a CRAC's supply and
/// return air temperatures, a UPS's battery charge), and a sensor's own point from its
/// `Atrium_Sensor` properties. Pure: the provisioner reconciles what this derives with the store.
public struct PointRules: Sendable, Codable {
    public struct Template: Sendable, Codable {
        public var suffix: String
        public var name: String
        public var quantity: Quantity
        public var unit: String?
        public var intervalSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case suffix, name, quantity, unit
            case intervalSeconds = "interval_s"
        }
    }

    public struct Rule: Sendable, Codable {
        public var kind: AssetKind
        /// Listed properties the asset must have (case-insensitive values).
        public var match: [String: String]?
        public var points: [Template]
    }

    public var rules: [Rule]

    public init(rules: [Rule]) { self.rules = rules }

    public enum LoadError: Error, Sendable, CustomStringConvertible {
        case invalid(String)
        public var description: String { switch self { case .invalid(let why): "point rules: \(why)" } }
    }

    /// Parses and checks a rules file: every unit must be known and fit its quantity.
    public static func parse(_ data: Data) throws -> PointRules {
        let rules: PointRules
        do { rules = try JSONDecoder().decode(PointRules.self, from: data) } catch {
            throw LoadError.invalid("not the expected JSON (\(error))")
        }
        for rule in rules.rules {
            for template in rule.points {
                guard !template.suffix.isEmpty, template.suffix.count <= 64 else { throw LoadError.invalid("suffix must be 1…64 characters") }
                if let unit = template.unit {
                    let parsed = try MeasurementUnit(parsing: unit)
                    guard template.quantity.accepts(parsed) else {
                        throw LoadError.invalid("\(template.suffix): \(unit) does not measure \(template.quantity.rawValue)")
                    }
                }
            }
        }
        return rules
    }

    /// The key a gateway uses for an asset's point: `<asset name>/<suffix>` (the name a BMS or
    /// DCIM shows, `DC1-A01-R01/power`), which the MQTT topic template's `{asset}` also matches.
    public static func externalKey(_ asset: Asset, suffix: String) -> String {
        asset.name + "/" + suffix
    }

    /// Every point the assets imply, keyed by external key (unique within the site).
    public func points(for assets: [Asset]) -> [Point] {
        var result: [String: Point] = [:]
        let byName = Dictionary(assets.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        for asset in assets where asset.retiredInVersion == nil {
            for rule in rules where rule.kind == asset.kind && Self.matches(rule.match, asset) {
                for template in rule.points {
                    let key = Self.externalKey(asset, suffix: template.suffix)
                    result[key] = Point(siteID: asset.siteID, buildingID: asset.buildingID, floorID: asset.floorID, spaceID: asset.spaceID,
                                        assetID: asset.id, externalKey: key,
                                        name: template.name.replacingOccurrences(of: "{asset}", with: asset.name),
                                        quantity: template.quantity, unit: Self.canonicalSymbol(template.unit),
                                        expectedIntervalSeconds: template.intervalSeconds, origin: "rule")
                }
            }
            if asset.kind == .sensor, let point = sensorPoint(asset, racksByName: byName) { result[point.externalKey!] = point }
        }
        return result.values.sorted { $0.externalKey! < $1.externalKey! }
    }

    /// A sensor's own point from `Atrium_Sensor` (Measures, Unit, WarnHigh, AlarmHigh), measuring the
    /// rack it is named after (`<rack>-TS`) or, failing that, its space.
    func sensorPoint(_ sensor: Asset, racksByName: [String: Asset]) -> Point? {
        guard case .string(let measures)? = sensor.properties["Measures"], let quantity = Quantity(rawValue: measures.lowercased()) else {
            return nil
        }
        var unit: String?
        var conversion: UnitConversion?
        if case .string(let text)? = sensor.properties["Unit"], let parsed = try? MeasurementUnit(parsing: text), quantity.accepts(parsed) {
            unit = parsed.symbol
            conversion = try? quantity.conversion(from: parsed)
        }
        func threshold(_ name: String) -> Double? {
            let raw: Double? = switch sensor.properties[name] {
            case .double(let d)?: d
            case .int(let i)?: Double(i)
            default: nil
            }
            return raw.map { conversion?.apply($0) ?? $0 }
        }
        let served = sensor.name.split(separator: "-").count > 1
            ? racksByName[String(sensor.name.split(separator: "-").dropLast().joined(separator: "-"))] : nil
        let measured = served?.kind == .rack ? served : nil
        return Point(siteID: sensor.siteID, buildingID: sensor.buildingID, floorID: sensor.floorID, spaceID: sensor.spaceID,
                     assetID: measured?.id, sensorAssetID: sensor.id, externalKey: Self.externalKey(sensor, suffix: quantity.rawValue),
                     name: "\(sensor.name) \(quantity.rawValue.replacingOccurrences(of: "_", with: " "))", quantity: quantity, unit: unit,
                     expectedIntervalSeconds: 60,
                     thresholds: PointThresholds(warnHigh: threshold("WarnHigh"), alarmHigh: threshold("AlarmHigh")), origin: "import")
    }

    static func matches(_ match: [String: String]?, _ asset: Asset) -> Bool {
        guard let match else { return true }
        return match.allSatisfy { key, wanted in
            guard case .string(let value)? = asset.properties[key] else { return false }
            return value.caseInsensitiveCompare(wanted) == .orderedSame
        }
    }

    static func canonicalSymbol(_ unit: String?) -> String? {
        unit.flatMap { try? MeasurementUnit(parsing: $0).symbol }
    }
}
