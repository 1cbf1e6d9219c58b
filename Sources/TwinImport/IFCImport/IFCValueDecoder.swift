import IFC
import IFCSchema
import TwinDomain

/// Turns STEP values and IFC property values into document values for the BIM documents.
///
/// References become `{"ref": GlobalId}` (or `{"ref": "#12", "type": "IfcLocalPlacement"}` for
/// unrooted instances); property values become `{"value": …, "type": "IfcPowerMeasure", "unit": "W"}`
/// so a reader never has to guess what a number means.
struct IFCValueDecoder {
    let model: IFCModel
    /// Upper-case defined type name → schema spelling (`IFCPOWERMEASURE` → `IfcPowerMeasure`).
    let typeNames: [String: String]
    /// Symbols of the project's units by unit type (`LENGTHUNIT` → `mm`).
    let projectUnits: [String: String]

    init(model: IFCModel) {
        self.model = model
        var names: [String: String] = [:]
        for name in model.schema.definedTypes.keys { names[name.uppercased()] = name }
        for name in model.schema.enumerations.keys { names[name.uppercased()] = name }
        typeNames = names
        var units: [String: String] = [:]
        if let assignment = model.instances(of: "IfcUnitAssignment").first {
            for unit in model.references(assignment, "Units") {
                guard let type = model[unit, "UnitType"]?.asEnumeration, units[type] == nil,
                      let symbol = Self.symbol(ofUnit: unit, model: model) else { continue }
                units[type] = symbol
            }
        }
        projectUnits = units
    }

    // MARK: Attributes

    /// All explicit attributes of an instance by schema name (derived `*` values left out).
    func attributes(of id: STEPInstanceID) -> [String: DocumentValue] {
        guard let entity = model.entity(of: id), let args = model.arguments(of: id) else { return [:] }
        var out: [String: DocumentValue] = [:]
        for (k, attribute) in entity.attributes.enumerated() {
            guard let v = args.value(at: k) else { continue }
            if v == .derived { continue }
            out[attribute.name] = value(v, kind: attribute.kind, depth: 0)
        }
        return out
    }

    func value(_ v: STEPValue, kind: IFCAttributeKind? = nil, depth: Int) -> DocumentValue {
        guard depth < 16 else { return .null }
        switch v {
        case .integer(let i): return .int(Int64(i))
        case .real(let d): return d.isFinite ? .double(d) : .null
        case .string(let s): return .string(s)
        case .enumeration(let e):
            if kind == .boolean || kind == .logical || e == "T" || e == "F" || e == "U" {
                if e == "T" || e == "TRUE" { return .bool(true) }
                if e == "F" || e == "FALSE" { return .bool(false) }
                if e == "U" || e == "UNKNOWN" { return .null }
            }
            return .string(e)
        case .binary(let b): return .string(String(describing: b))
        case .reference(let id): return reference(id)
        case .list(let items): return .array(items.map { value($0, depth: depth + 1) })
        case .typed(_, let inner):
            return inner.count == 1 ? value(inner[0], depth: depth + 1) : .array(inner.map { value($0, depth: depth + 1) })
        case .null, .derived: return .null
        }
    }

    func reference(_ id: STEPInstanceID) -> DocumentValue {
        if let gid = model.globalID(of: id), !gid.isEmpty {
            return .object(["ref": .string(gid), "type": .string(model.typeName(of: id) ?? "?")])
        }
        return .object(["ref": .string("#\(id.rawValue)"), "type": .string(model.typeName(of: id) ?? "?")])
    }

    // MARK: Properties

    /// Property set name → property name → typed value, type sets first then occurrence sets winning.
    func propertySets(_ sets: [IFCPropertySet]) -> [String: [String: DocumentValue]] {
        var out: [String: [String: DocumentValue]] = [:]
        for (n, set) in sets.enumerated() {
            let setName = set.name ?? "(unnamed \(n))"
            var props = out[setName] ?? [:]
            for property in set.properties {
                guard let name = property.name else { continue }
                props[name] = value(property.value)
            }
            out[setName] = props
        }
        return out
    }

    func value(_ p: IFCPropertyValue) -> DocumentValue {
        switch p {
        case .single(let v, let unit):
            guard let v else { return .null }
            return typed(v, unit: unit)
        case .enumerated(let values, _):
            return .object(["value": .array(values.map { value($0, depth: 1) }), "type": .string("enumeration")])
        case .bounded(let upper, let lower, let setPoint, let unit):
            var o: [String: DocumentValue] = ["type": .string("bounded")]
            if let upper { o["upper"] = value(upper, depth: 1) }
            if let lower { o["lower"] = value(lower, depth: 1) }
            if let setPoint { o["setPoint"] = value(setPoint, depth: 1) }
            if let symbol = unitSymbol(explicit: unit, typeName: upper?.typeName ?? lower?.typeName) { o["unit"] = .string(symbol) }
            return .object(o)
        case .list(let values, let unit):
            var o: [String: DocumentValue] = ["value": .array(values.map { value($0, depth: 1) }), "type": .string("list")]
            if let symbol = unitSymbol(explicit: unit, typeName: values.first?.typeName) { o["unit"] = .string(symbol) }
            return .object(o)
        case .table(let defining, let defined):
            return .object(["type": .string("table"), "defining": .array(defining.map { value($0, depth: 1) }),
                            "defined": .array(defined.map { value($0, depth: 1) })])
        case .reference(let id):
            return id.map(reference) ?? .null
        case .complex(let props), .complexQuantity(let props):
            var o: [String: DocumentValue] = [:]
            for prop in props { if let name = prop.name { o[name] = value(prop.value) } }
            return .object(o)
        case .quantity(let kind, let number, let unit):
            var o: [String: DocumentValue] = ["value": number.map { .double($0) } ?? .null, "type": .string(kind)]
            if let symbol = unitSymbol(explicit: unit, quantityKind: kind) { o["unit"] = .string(symbol) }
            return .object(o)
        case .attribute(let v):
            return value(v, depth: 0)
        }
    }

    func typed(_ v: STEPValue, unit: STEPInstanceID?) -> DocumentValue {
        var o: [String: DocumentValue] = ["value": value(v, depth: 1)]
        if let raw = v.typeName {
            o["type"] = .string(typeNames[raw] ?? raw)
            if let symbol = unitSymbol(explicit: unit, typeName: raw) { o["unit"] = .string(symbol) }
        }
        return .object(o)
    }

    // MARK: Units

    func unitSymbol(explicit: STEPInstanceID?, typeName: String? = nil, quantityKind: String? = nil) -> String? {
        if let explicit, let symbol = Self.symbol(ofUnit: explicit, model: model) { return symbol }
        if let quantityKind {
            switch quantityKind {
            case "IfcQuantityLength": return projectUnits["LENGTHUNIT"] ?? "m"
            case "IfcQuantityArea": return projectUnits["AREAUNIT"] ?? "m2"
            case "IfcQuantityVolume": return projectUnits["VOLUMEUNIT"] ?? "m3"
            case "IfcQuantityWeight": return projectUnits["MASSUNIT"] ?? "kg"
            case "IfcQuantityTime": return projectUnits["TIMEUNIT"] ?? "s"
            default: return nil
            }
        }
        guard let type = typeName?.uppercased(), let unitType = Self.unitTypeOfMeasure[type] else { return nil }
        return projectUnits[unitType] ?? Self.siDefaults[unitType]
    }

    static let unitTypeOfMeasure: [String: String] = [
        "IFCLENGTHMEASURE": "LENGTHUNIT", "IFCPOSITIVELENGTHMEASURE": "LENGTHUNIT", "IFCNONNEGATIVELENGTHMEASURE": "LENGTHUNIT",
        "IFCAREAMEASURE": "AREAUNIT", "IFCVOLUMEMEASURE": "VOLUMEUNIT", "IFCMASSMEASURE": "MASSUNIT",
        "IFCPOSITIVEPLANEANGLEMEASURE": "PLANEANGLEUNIT", "IFCPLANEANGLEMEASURE": "PLANEANGLEUNIT",
        "IFCPOWERMEASURE": "POWERUNIT", "IFCTIMEMEASURE": "TIMEUNIT",
        "IFCTHERMODYNAMICTEMPERATUREMEASURE": "THERMODYNAMICTEMPERATUREUNIT",
        "IFCELECTRICCURRENTMEASURE": "ELECTRICCURRENTUNIT", "IFCELECTRICVOLTAGEMEASURE": "ELECTRICVOLTAGEUNIT",
        "IFCFREQUENCYMEASURE": "FREQUENCYUNIT", "IFCENERGYMEASURE": "ENERGYUNIT", "IFCPRESSUREMEASURE": "PRESSUREUNIT",
        "IFCFORCEMEASURE": "FORCEUNIT", "IFCVOLUMETRICFLOWRATEMEASURE": "VOLUMETRICFLOWRATEUNIT",
        "IFCMASSDENSITYMEASURE": "MASSDENSITYUNIT", "IFCLUMINOUSFLUXMEASURE": "LUMINOUSFLUXUNIT",
        "IFCILLUMINANCEMEASURE": "ILLUMINANCEUNIT",
    ]

    static let siDefaults: [String: String] = [
        "LENGTHUNIT": "m", "AREAUNIT": "m2", "VOLUMEUNIT": "m3", "MASSUNIT": "kg", "PLANEANGLEUNIT": "rad",
        "POWERUNIT": "W", "TIMEUNIT": "s", "THERMODYNAMICTEMPERATUREUNIT": "K", "ELECTRICCURRENTUNIT": "A",
        "ELECTRICVOLTAGEUNIT": "V", "FREQUENCYUNIT": "Hz", "ENERGYUNIT": "J", "PRESSUREUNIT": "Pa", "FORCEUNIT": "N",
        "VOLUMETRICFLOWRATEUNIT": "m3/s", "MASSDENSITYUNIT": "kg/m3", "LUMINOUSFLUXUNIT": "lm", "ILLUMINANCEUNIT": "lx",
    ]

    /// A readable symbol for an IfcSIUnit (`mm`, `kW`, `degC`), IfcConversionBasedUnit (its Name) or
    /// IfcDerivedUnit (its UserDefinedType or element symbols), nil for anything else.
    static func symbol(ofUnit unit: STEPInstanceID, model: IFCModel) -> String? {
        switch model.typeName(of: unit) {
        case "IfcSIUnit":
            guard let name = model[unit, "Name"]?.asEnumeration else { return nil }
            let prefix = model[unit, "Prefix"]?.asEnumeration.flatMap { prefixes[$0] } ?? ""
            return prefix + (siNames[name] ?? name.lowercased())
        case "IfcConversionBasedUnit", "IfcConversionBasedUnitWithOffset":
            return model.string(unit, "Name")
        case "IfcDerivedUnit":
            if let user = model.string(unit, "UserDefinedType") { return user }
            let parts = model.references(unit, "Elements").compactMap { element -> String? in
                guard let inner = model.reference(element, "Unit"), let s = symbol(ofUnit: inner, model: model) else { return nil }
                let exponent = model[element, "Exponent"]?.asInt ?? 1
                return exponent == 1 ? s : "\(s)^\(exponent)"
            }
            return parts.isEmpty ? nil : parts.joined(separator: "·")
        default:
            return nil
        }
    }

    static let prefixes: [String: String] = [
        "EXA": "E", "PETA": "P", "TERA": "T", "GIGA": "G", "MEGA": "M", "KILO": "k", "HECTO": "h", "DECA": "da",
        "DECI": "d", "CENTI": "c", "MILLI": "m", "MICRO": "µ", "NANO": "n", "PICO": "p", "FEMTO": "f", "ATTO": "a",
    ]

    static let siNames: [String: String] = [
        "METRE": "m", "SQUARE_METRE": "m2", "CUBIC_METRE": "m3", "GRAM": "g", "SECOND": "s", "AMPERE": "A",
        "KELVIN": "K", "DEGREE_CELSIUS": "degC", "WATT": "W", "VOLT": "V", "HERTZ": "Hz", "JOULE": "J",
        "PASCAL": "Pa", "NEWTON": "N", "RADIAN": "rad", "STERADIAN": "sr", "LUMEN": "lm", "LUX": "lx",
        "CANDELA": "cd", "MOLE": "mol", "OHM": "Ohm", "COULOMB": "C", "FARAD": "F", "HENRY": "H", "TESLA": "T",
        "WEBER": "Wb", "SIEMENS": "S", "BECQUEREL": "Bq", "GRAY": "Gy", "SIEVERT": "Sv",
    ]
}
