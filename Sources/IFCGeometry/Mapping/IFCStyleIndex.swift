import IFC

/// Colours and openings looked up once per model, because the IFC inverse index only covers
/// relationships: every IfcStyledItem (item → colour), every IfcMaterialDefinitionRepresentation
/// (material → colour) and every IfcRelVoidsElement (host → openings).
struct IFCStyleIndex: Sendable {
    var itemColour: [STEPInstanceID: GLBMaterial] = [:]
    var materialColour: [STEPInstanceID: GLBMaterial] = [:]
    var openings: [STEPInstanceID: [STEPInstanceID]] = [:]

    init(model: IFCModel) {
        for styled in model.instances(of: "IfcStyledItem") {
            let a = model.attributes(of: styled, ["Item", "Styles"])
            guard let item = a[0]?.asReference, itemColour[item] == nil,
                  let colour = Self.colour(a[1], model: model, depth: 0) else { continue }
            itemColour[item] = colour
        }
        for def in model.instances(of: "IfcMaterialDefinitionRepresentation") {
            let a = model.attributes(of: def, ["Representations", "RepresentedMaterial"])
            guard let material = a[1]?.asReference, materialColour[material] == nil else { continue }
            search: for rep in a[0]?.asList?.compactMap(\.asReference) ?? [] {
                for styled in model.references(rep, "Items") {
                    if let c = Self.colour(model[styled, "Styles"], model: model, depth: 0) {
                        materialColour[material] = c
                        break search
                    }
                }
            }
        }
        for rel in model.instances(of: "IfcRelVoidsElement") {
            let a = model.attributes(of: rel, ["RelatingBuildingElement", "RelatedOpeningElement"])
            guard let host = a[0]?.asReference, let opening = a[1]?.asReference else { continue }
            openings[host, default: []].append(opening)
        }
    }

    /// First surface colour found in a Styles value (IfcPresentationStyleAssignment in IFC2X3,
    /// IfcSurfaceStyle directly in IFC4), through IfcSurfaceStyleRendering/Shading.
    static func colour(_ styles: STEPValue?, model: IFCModel, depth: Int) -> GLBMaterial? {
        guard depth < 6, let list = styles?.asList else { return nil }
        for ref in list.compactMap(\.asReference) {
            switch model.typeName(of: ref) {
            case "IfcPresentationStyleAssignment":
                if let c = colour(model[ref, "Styles"], model: model, depth: depth + 1) { return c }
            case "IfcSurfaceStyle":
                let name = model.string(ref, "Name")
                for s in model.references(ref, "Styles") {
                    let t = model.typeName(of: s)
                    guard t == "IfcSurfaceStyleRendering" || t == "IfcSurfaceStyleShading" else { continue }
                    let a = model.attributes(of: s, ["SurfaceColour", "Transparency"])
                    guard let rgb = a[0]?.asReference else { continue }
                    let c = model.attributes(of: rgb, ["Red", "Green", "Blue"]).map { $0?.asDouble ?? 0.8 }
                    let transparency = a[1]?.asDouble ?? 0
                    let alpha = transparency.isFinite ? max(0, min(1, 1 - transparency)) : 1
                    return GLBMaterial(name: name, red: clamp(c[0]), green: clamp(c[1]), blue: clamp(c[2]), alpha: alpha)
                }
            default:
                continue
            }
        }
        return nil
    }

    static func clamp(_ v: Double) -> Double { v.isFinite ? max(0, min(1, v)) : 0.8 }

    /// Colour of an element's materials (own association first, then its type's), through
    /// IfcMaterialDefinitionRepresentation; layer/profile/constituent sets use their first coloured material.
    func materialColour(of product: STEPInstanceID, model: IFCModel) -> GLBMaterial? {
        guard !materialColour.isEmpty else { return nil }
        var owners = [product]
        if let t = model.typeObject(of: product), t != product { owners.append(t) }
        for owner in owners {
            for rel in model.inverse(of: owner, "HasAssociations") where model.isA(rel, "IfcRelAssociatesMaterial") {
                guard let m = model.reference(rel, "RelatingMaterial") else { continue }
                for material in materials(m, model: model) {
                    if let c = materialColour[material] { return c }
                }
            }
        }
        return nil
    }

    func materials(_ m: STEPInstanceID, model: IFCModel) -> [STEPInstanceID] {
        switch model.typeName(of: m) {
        case "IfcMaterial": return [m]
        case "IfcMaterialLayerSetUsage":
            return model.reference(m, "ForLayerSet").map { materials($0, model: model) } ?? []
        case "IfcMaterialLayerSet":
            return model.references(m, "MaterialLayers").compactMap { model.reference($0, "Material") }
        case "IfcMaterialProfileSetUsage":
            return model.reference(m, "ForProfileSet").map { materials($0, model: model) } ?? []
        case "IfcMaterialProfileSet":
            return model.references(m, "MaterialProfiles").compactMap { model.reference($0, "Material") }
        case "IfcMaterialConstituentSet":
            return model.references(m, "MaterialConstituents").compactMap { model.reference($0, "Material") }
        case "IfcMaterialList":
            return model.references(m, "Materials")
        case "IfcMaterialLayer", "IfcMaterialProfile", "IfcMaterialConstituent":
            return model.reference(m, "Material").map { [$0] } ?? []
        default: return []
        }
    }

    /// Fallback colours by class, so unstyled models still read in a viewer (glass-like windows,
    /// translucent spaces, darker structure).
    static func defaultColour(forClass type: String) -> GLBMaterial {
        switch type {
        case "IfcWindow", "IfcWindowStandardCase", "IfcPlate", "IfcCurtainWall":
            return GLBMaterial(name: "default-glass", red: 0.55, green: 0.7, blue: 0.8, alpha: 0.45)
        case "IfcSpace":
            return GLBMaterial(name: "default-space", red: 0.6, green: 0.7, blue: 0.9, alpha: 0.15)
        case "IfcDoor", "IfcDoorStandardCase", "IfcFurnishingElement", "IfcFurniture":
            return GLBMaterial(name: "default-wood", red: 0.6, green: 0.45, blue: 0.3)
        case "IfcSlab", "IfcSlabStandardCase", "IfcRoof", "IfcFooting", "IfcPile":
            return GLBMaterial(name: "default-slab", red: 0.65, green: 0.65, blue: 0.62)
        case "IfcBeam", "IfcColumn", "IfcMember", "IfcBeamStandardCase", "IfcColumnStandardCase", "IfcMemberStandardCase":
            return GLBMaterial(name: "default-structure", red: 0.55, green: 0.55, blue: 0.6)
        case "IfcSite", "IfcGeographicElement":
            return GLBMaterial(name: "default-site", red: 0.45, green: 0.6, blue: 0.35)
        case "IfcRailing", "IfcStair", "IfcStairFlight", "IfcRamp", "IfcRampFlight":
            return GLBMaterial(name: "default-circulation", red: 0.7, green: 0.7, blue: 0.7)
        default:
            if type.hasPrefix("IfcFlow") || type.hasPrefix("IfcDistribution") || type.hasPrefix("IfcDuct")
                || type.hasPrefix("IfcPipe") || type.hasPrefix("IfcCable") {
                return GLBMaterial(name: "default-services", red: 0.5, green: 0.6, blue: 0.7)
            }
            return GLBMaterial(name: "default", red: 0.85, green: 0.85, blue: 0.82)
        }
    }
}
