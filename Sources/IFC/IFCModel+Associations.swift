import IFCSchema
import STEP

extension IFCModel {
    /// Classification references of an object (IfcRelAssociatesClassification through HasAssociations).
    public func classifications(of id: STEPInstanceID) -> [IFCClassificationReference] {
        var out: [IFCClassificationReference] = []
        for rel in inverse(of: id, "HasAssociations") where isA(rel, "IfcRelAssociatesClassification") {
            for c in linked(rel, "RelatingClassification") {
                let ident = string(c, "Identification") ?? string(c, "ItemReference")
                var source: String?
                var cursor: STEPInstanceID? = c
                for _ in 0..<16 {
                    guard let cur = cursor else { break }
                    if isA(cur, "IfcClassification") { source = string(cur, "Name"); break }
                    cursor = reference(cur, "ReferencedSource")
                }
                out.append(IFCClassificationReference(id: c, identification: ident, name: string(c, "Name"), source: source))
            }
        }
        return out
    }

    /// The material of an object, else of its type (IfcOpenShell's `get_material` rule).
    public func material(of id: STEPInstanceID, inheritFromType: Bool = true) -> IFCMaterialAssignment? {
        for rel in inverse(of: id, "HasAssociations") where isA(rel, "IfcRelAssociatesMaterial") {
            if let m = linked(rel, "RelatingMaterial").first { return materialAssignment(m) }
        }
        if inheritFromType, let t = typeObject(of: id), t != id { return material(of: t, inheritFromType: false) }
        return nil
    }

    func materialAssignment(_ m: STEPInstanceID) -> IFCMaterialAssignment {
        func materialName(_ ref: STEPInstanceID?) -> String? { ref.flatMap { string($0, "Name") } }
        func layers(_ set: STEPInstanceID) -> [IFCMaterialAssignment.Layer] {
            references(set, "MaterialLayers").map { l in
                IFCMaterialAssignment.Layer(material: materialName(reference(l, "Material")),
                                            thickness: double(l, "LayerThickness"), name: string(l, "Name"))
            }
        }
        let name = typeName(of: m) ?? "?"
        switch name {
        case "IfcMaterial":
            return .material(id: m, name: string(m, "Name"))
        case "IfcMaterialLayerSet":
            return .layerSet(id: m, name: string(m, "LayerSetName"), layers: layers(m), usage: false)
        case "IfcMaterialLayerSetUsage":
            guard let set = reference(m, "ForLayerSet") else { return .other(id: m, entity: name) }
            return .layerSet(id: set, name: string(set, "LayerSetName"), layers: layers(set), usage: true)
        case "IfcMaterialProfileSet", "IfcMaterialProfileSetUsage":
            let set = name == "IfcMaterialProfileSet" ? m : (reference(m, "ForProfileSet") ?? m)
            let parts = references(set, "MaterialProfiles").map { p in
                IFCMaterialAssignment.Part(material: materialName(reference(p, "Material")), name: string(p, "Name"),
                                           detail: reference(p, "Profile").flatMap { string($0, "ProfileName") })
            }
            return .profileSet(id: set, name: string(set, "Name"), profiles: parts, usage: set != m)
        case "IfcMaterialConstituentSet":
            let parts = references(m, "MaterialConstituents").map { c in
                IFCMaterialAssignment.Part(material: materialName(reference(c, "Material")), name: string(c, "Name"),
                                           detail: string(c, "Category"))
            }
            return .constituentSet(id: m, name: string(m, "Name"), constituents: parts)
        case "IfcMaterialList":
            return .list(id: m, materials: references(m, "Materials").map { materialName($0) })
        default:
            return .other(id: m, entity: name)
        }
    }

    /// Groups an object is assigned to (IfcRelAssignsToGroup through HasAssignments).
    public func groups(of id: STEPInstanceID) -> [STEPInstanceID] {
        var out: [STEPInstanceID] = []
        for rel in inverse(of: id, "HasAssignments") where isA(rel, "IfcRelAssignsToGroup") {
            out.append(contentsOf: linked(rel, "RelatingGroup"))
        }
        return out
    }

    /// Systems (IfcSystem, IfcDistributionSystem, IfcBuildingSystem…) an object belongs to.
    /// IfcZone is an IfcSystem subtype in IFC4+, but a zone is not a building system: see `zones(of:)`.
    public func systems(of id: STEPInstanceID) -> [STEPInstanceID] {
        groups(of: id).filter { isA($0, "IfcSystem") && !isA($0, "IfcZone") }
    }

    /// Zones an object (usually a space) belongs to.
    public func zones(of id: STEPInstanceID) -> [STEPInstanceID] {
        groups(of: id).filter { isA($0, "IfcZone") }
    }

    /// Members of a group, system or zone.
    public func groupMembers(of group: STEPInstanceID) -> [STEPInstanceID] {
        inverse(of: group, "IsGroupedBy").flatMap { linked($0, "RelatedObjects") }
    }

    /// Buildings/facilities a system serves (IfcRelServicesBuildings).
    public func servedBuildings(of system: STEPInstanceID) -> [STEPInstanceID] {
        inverse(of: system, "ServicesBuildings").flatMap { linked($0, "RelatedBuildings") }
    }

    /// Georeferencing from the first IfcSite and, in IFC4+, the first IfcMapConversion.
    public func georeference() -> IFCGeoreference {
        var g = IFCGeoreference()
        if let site = instances(ofEntity: common.site).first {
            g.latitude = Self.compoundAngle(self[site, "RefLatitude"])
            g.longitude = Self.compoundAngle(self[site, "RefLongitude"])
            g.elevation = double(site, "RefElevation").map { $0 * lengthUnitInMetres }
        }
        if let conversion = instances(of: "IfcMapConversion").first {
            g.eastings = double(conversion, "Eastings")
            g.northings = double(conversion, "Northings")
            g.orthogonalHeight = double(conversion, "OrthogonalHeight")
            g.xAxisAbscissa = double(conversion, "XAxisAbscissa")
            g.xAxisOrdinate = double(conversion, "XAxisOrdinate")
            g.scale = double(conversion, "Scale")
            if let crs = reference(conversion, "TargetCRS") {
                g.crsName = string(crs, "Name")
                g.geodeticDatum = string(crs, "GeodeticDatum")
            }
        }
        return g
    }

    /// IfcCompoundPlaneAngleMeasure (degrees, minutes, seconds, millionths; one shared sign) → degrees.
    static func compoundAngle(_ value: STEPValue?) -> Double? {
        guard let parts = value?.asList?.compactMap(\.asInt), parts.count >= 3 else { return nil }
        var deg = Double(parts[0].magnitude) + Double(parts[1].magnitude) / 60 + Double(parts[2].magnitude) / 3600
        if parts.count > 3 { deg += Double(parts[3].magnitude) / 3_600_000_000 }
        return parts.contains { $0 < 0 } ? -deg : deg
    }
}
