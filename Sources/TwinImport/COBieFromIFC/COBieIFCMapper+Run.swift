import COBie
import Foundation
import IFC
import STEP

extension COBieIFCMapper {
    /// One mapping pass: the state shared between sheets (names already used, units) lives here
    /// rather than in the mapper so the mapper stays a value that can be reused concurrently.
    struct Run {
        let ifc: IFCModel
        let mapper: COBieIFCMapper
        var model = COBieModel()
        var diagnostics: [COBieIFCDiagnostic] = []
        /// Component names by instance, for System rows.
        var componentNames: [STEPInstanceID: String] = [:]
        let linearUnit: String
        let areaUnit: String
        let volumeUnit: String
        let externalSystem: String
        /// Project currency (IfcMonetaryUnit), read once: every Type's ReplacementCost is in it.
        let currency: COBieField<String>

        init(ifc: IFCModel, mapper: COBieIFCMapper) {
            self.ifc = ifc
            self.mapper = mapper
            linearUnit = Self.unitName(ifc.unitScale("LENGTHUNIT"), base: "meters")
            areaUnit = Self.unitName(ifc.unitScale("AREAUNIT").squareRoot(), base: "squaremeters")
            volumeUnit = Self.unitName(cbrt(ifc.unitScale("VOLUMEUNIT")), base: "cubicmeters")
            let originating = ifc.file.header.originatingSystem.trimmingCharacters(in: .whitespaces)
            externalSystem = originating.isEmpty ? mapper.defaultExternalSystem : originating
            currency = Self.currencyUnit(ifc)
        }

        /// COBie unit words for SI prefixes; anything else (feet, inches) is named from its scale.
        static func unitName(_ scale: Double, base: String) -> String {
            func near(_ x: Double) -> Bool { abs(scale - x) <= x * 1e-4 }
            if near(0.001) { return "milli" + base }
            if near(0.01) { return "centi" + base }
            if near(0.3048) { return base.replacingOccurrences(of: "meters", with: "feet") }
            if near(0.0254) { return base.replacingOccurrences(of: "meters", with: "inches") }
            return base
        }

        mutating func mapAll() {
            mapContacts()
            mapFacility()
            mapFloors()
            mapSpaces()
            mapZones()
            mapTypesAndComponents()
            mapSystems()
        }

        // MARK: Helpers

        func text(_ id: STEPInstanceID, _ attribute: String) -> COBieField<String> {
            guard ifc.hasAttribute(id, attribute), let raw = ifc.string(id, attribute) else { return .missing }
            let t = COBieText.trim(raw)
            if t.isEmpty { return .missing }
            return COBieText.isNotApplicable(t) ? .notApplicable : .value(t)
        }

        func name(_ id: STEPInstanceID) -> String? {
            ifc.string(id, "Name").map(COBieText.trim).flatMap { $0.isEmpty ? nil : $0 }
        }

        func properties(_ id: STEPInstanceID) -> COBieIFCPropertyBag {
            COBieIFCPropertyBag(ifc.propertySets(of: id, inheritFromType: false))
        }

        /// Category from the first classification reference, else from a COBie "Category" property,
        /// else from ObjectType (where COBie-to-IFC tools put zone and system categories).
        func category(_ id: STEPInstanceID, _ bag: COBieIFCPropertyBag) -> COBieField<COBieCategory> {
            if let c = ifc.classifications(of: id).first,
               let t = [c.identification, c.name].compactMap({ $0.map(COBieText.trim) }).first(where: { !$0.isEmpty }) {
                return .value(COBieCategory(parsing: t))
            }
            for field in [bag.text("Category"), text(id, "ObjectType")] {
                switch field {
                case .value(let t): return .value(COBieCategory(parsing: t))
                case .notApplicable: return .notApplicable
                default: continue
                }
            }
            return .missing
        }

        func external(_ id: STEPInstanceID) -> COBieExternalReference {
            COBieExternalReference(
                system: .value(externalSystem),
                object: ifc.typeName(of: id).map { .value($0) } ?? .missing,
                identifier: ifc.globalID(of: id).map { .value($0) } ?? .missing)
        }

        mutating func report(_ severity: COBieIFCDiagnostic.Severity, _ sheet: String, _ id: STEPInstanceID?,
                             _ message: String) {
            diagnostics.append(COBieIFCDiagnostic(
                severity: severity, sheet: sheet, instance: id, globalID: id.flatMap { ifc.globalID(of: $0) },
                message: message))
        }

        /// The nearest ancestor of `id` that is an `entity` (spatial parent chain, bounded).
        func ancestor(of id: STEPInstanceID, _ entity: String) -> STEPInstanceID? {
            var cursor = id
            var seen: Set<STEPInstanceID> = [id]
            for _ in 0..<64 {
                guard let p = ifc.parent(of: cursor), seen.insert(p).inserted else { return nil }
                if ifc.isA(p, entity) { return p }
                cursor = p
            }
            return nil
        }

        /// Unique, non-empty names: COBie keys rows by name, so a nameless or repeated object is reported
        /// (and the repeat kept, as the workbook reader keeps it) rather than silently merged.
        mutating func keyName(_ id: STEPInstanceID, sheet: String, used: inout Set<String>) -> String {
            guard let n = name(id) else {
                report(.error, sheet, id, "\(ifc.typeName(of: id) ?? "instance") #\(id.rawValue) has no Name; COBie rows are keyed by name")
                return ifc.globalID(of: id) ?? "#\(id.rawValue)"
            }
            if !used.insert(n).inserted {
                report(.warning, sheet, id, "duplicate \(sheet) name '\(n)'")
            }
            return n
        }
    }
}
