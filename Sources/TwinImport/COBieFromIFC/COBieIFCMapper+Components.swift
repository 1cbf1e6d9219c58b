import COBie
import Foundation
import IFC
import STEP

extension COBieIFCMapper.Run {
    /// Components first (they decide which types are handed over: a type without an installed
    /// component is a design-stage type, not part of handover), then the types they use.
    mutating func mapTypesAndComponents() {
        var used: Set<String> = []
        var typesInUse: [STEPInstanceID] = []
        var typeSeen: Set<STEPInstanceID> = []
        var typeNames: [STEPInstanceID: String] = [:]
        for element in ifc.instances(of: "IfcElement") where mapper.isComponent(element, in: ifc) {
            let bag = properties(element)
            let name = keyName(element, sheet: "Component", used: &used)
            componentNames[element] = name
            var typeName: COBieField<String> = .missing
            if let type = ifc.typeObject(of: element), type != element {
                if typeSeen.insert(type).inserted { typesInUse.append(type) }
                let n = self.name(type) ?? ifc.globalID(of: type) ?? "#\(type.rawValue)"
                typeNames[type] = n
                typeName = .value(n)
            } else {
                report(.warning, "Component", element, "component '\(name)' has no type object; TypeName left blank")
            }
            let (by, on) = created(element)
            model.components.append(COBieComponent(
                name: name, createdBy: by, createdOn: on,
                typeName: typeName,
                space: spaces(of: element, componentName: name),
                serialNumber: bag.text("SerialNumber"),
                installationDate: bag.date("InstallationDate"),
                warrantyStartDate: bag.date("WarrantyStartDate"),
                tagNumber: bag.text("TagNumber", "Tag"),
                barCode: bag.text("BarCode"),
                assetIdentifier: bag.text("AssetIdentifier"),
                description: text(element, "Description"),
                external: external(element)))
        }
        var usedTypes: Set<String> = []
        for type in typesInUse {
            if !usedTypes.insert(typeNames[type] ?? "").inserted {
                report(.warning, "Type", type, "duplicate Type name '\(typeNames[type] ?? "")'")
            }
            model.types.append(mapType(type, name: typeNames[type] ?? ""))
        }
    }

    /// The spaces holding a component. COBie-from-IFC files put an element in several spaces (a door
    /// between two rooms) with one containment relation per space, so every relation counts, not just
    /// the first; an element contained only in a storey (or nested in another element) names the
    /// storey's or host's container, which is what COBie writes when no room applies.
    mutating func spaces(of element: STEPInstanceID, componentName: String) -> COBieField<[String]> {
        var names: [String] = []
        for rel in ifc.inverse(of: element, "ContainedInStructure") {
            for structure in ifc.linked(rel, "RelatingStructure") {
                if let n = name(structure), !names.contains(n) { names.append(n) }
            }
        }
        if names.isEmpty, let container = ifc.container(of: element), let n = name(container) {
            names.append(n)
        }
        if names.isEmpty {
            report(.warning, "Component", element, "component '\(componentName)' is in no spatial structure; Space left blank")
            return .missing
        }
        return .value(names)
    }

    func mapType(_ type: STEPInstanceID, name: String) -> COBieType {
        let bag = properties(type)
        let durationUnit = bag.text("WarrantyDurationUnit")
        let (by, on) = created(type)
        return COBieType(
            name: name, createdBy: by, createdOn: on,
            category: category(type, bag),
            assetType: Self.assetType(bag.text("AssetType", "AssetAccountingType")),
            manufacturer: bag.text("Manufacturer"),
            modelNumber: bag.text("ModelNumber", "ModelLabel", "ArticleNumber"),
            warrantyGuarantorParts: bag.text("WarrantyGuarantorParts"),
            warrantyDurationParts: bag.quantity("WarrantyDurationParts", unit: durationUnit.value),
            warrantyGuarantorLabor: bag.text("WarrantyGuarantorLabor"),
            warrantyDurationLabor: bag.quantity("WarrantyDurationLabor", unit: durationUnit.value),
            warrantyDurationUnit: durationUnit,
            replacementCost: bag.quantity("ReplacementCost", "Cost", unit: currency.value),
            expectedLife: bag.quantity("ExpectedLife", "ServiceLifeDuration", unit: bag.text("DurationUnit", "ServiceLifeType").value),
            durationUnit: bag.text("DurationUnit", "ServiceLifeType"),
            warrantyDescription: bag.text("WarrantyDescription"),
            nominalLength: bag.quantity("NominalLength", unit: linearUnit),
            nominalWidth: bag.quantity("NominalWidth", unit: linearUnit),
            nominalHeight: bag.quantity("NominalHeight", unit: linearUnit),
            modelReference: bag.text("ModelReference"),
            shape: bag.text("Shape"),
            size: bag.text("Size"),
            color: bag.text("Color", "Colour"),
            finish: bag.text("Finish"),
            grade: bag.text("Grade"),
            material: bag.text("Material"),
            constituents: bag.text("Constituents"),
            features: bag.text("Features"),
            accessibilityPerformance: bag.text("AccessibilityPerformance"),
            codePerformance: bag.text("CodePerformance"),
            sustainabilityPerformance: bag.text("SustainabilityPerformance"),
            description: text(type, "Description"),
            external: external(type))
    }

    /// IFC's IfcAssetAccountingType (FIXED, NONFIXED) in COBie's AssetType pick list words (Fixed, Moveable).
    static func assetType(_ field: COBieField<String>) -> COBieField<String> {
        guard let raw = field.value else { return field }
        switch raw.uppercased().filter({ $0.isLetter }) {
        case "FIXED": return .value("Fixed")
        case "NONFIXED", "NOTFIXED", "MOVABLE", "MOVEABLE": return .value("Moveable")
        default: return field
        }
    }
}
