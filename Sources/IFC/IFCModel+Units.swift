import Foundation
import IFCSchema
import STEP

extension IFCModel {
    /// Factor from project units of `unitType` (LENGTHUNIT, AREAUNIT, VOLUMEUNIT, PLANEANGLEUNIT…) to SI.
    ///
    /// Follows IfcOpenShell's `calculate_unit_scale`: the first IfcUnitAssignment, the first unit of that
    /// type, conversion-based units multiplied through their ConversionFactor chain, then the SI prefix.
    /// SI prefixes are raised to the unit's dimension power (mm² = 1e-6 m²).
    public func unitScale(_ unitType: String = "LENGTHUNIT") -> Double {
        guard let assignment = instances(ofEntity: common.unitAssignment).first else { return 1 }
        for unit in references(assignment, "Units") {
            guard self[unit, "UnitType"]?.asEnumeration == unitType else { continue }
            var scale = 1.0
            var cursor: STEPInstanceID? = unit
            for _ in 0..<16 {
                guard let u = cursor, isA(u, entity: common.conversionBasedUnit),
                      let factor = reference(u, "ConversionFactor") else { break }
                if let v = self[factor, "ValueComponent"]?.asDouble { scale *= v }
                cursor = reference(factor, "UnitComponent")
            }
            if let u = cursor, isA(u, entity: common.siUnit) {
                let power: Double = unitType == "AREAUNIT" ? 2 : unitType == "VOLUMEUNIT" ? 3 : 1
                let prefix = Self.siPrefixMultiplier(self[u, "Prefix"]?.asEnumeration)
                scale *= pow(prefix, power)
            }
            return scale
        }
        return 1
    }

    /// Project length unit in metres.
    public var lengthUnitInMetres: Double { unitScale("LENGTHUNIT") }

    static func siPrefixMultiplier(_ prefix: String?) -> Double {
        switch prefix {
        case "EXA": return 1e18
        case "PETA": return 1e15
        case "TERA": return 1e12
        case "GIGA": return 1e9
        case "MEGA": return 1e6
        case "KILO": return 1e3
        case "HECTO": return 1e2
        case "DECA": return 1e1
        case "DECI": return 1e-1
        case "CENTI": return 1e-2
        case "MILLI": return 1e-3
        case "MICRO": return 1e-6
        case "NANO": return 1e-9
        case "PICO": return 1e-12
        case "FEMTO": return 1e-15
        case "ATTO": return 1e-18
        default: return 1
        }
    }

    /// The project (first IfcProject).
    public var project: STEPInstanceID? { instances(ofEntity: common.project).first }
}
