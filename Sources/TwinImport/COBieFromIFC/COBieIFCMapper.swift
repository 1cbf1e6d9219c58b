import COBie
import Foundation
import IFC
import STEP

/// Reads COBie delivered as IFC (the COBie 2.4 ↔ IFC mapping used by BIM-COBie and xBIM's COBie
/// exchanger) into the same typed `COBieModel` a workbook produces, so both deliveries can be
/// validated, compared and imported by one code path.
///
/// Sheets mapped: Contact ← IfcPersonAndOrganization, Facility ← IfcBuilding (+ IfcProject, IfcSite),
/// Floor ← IfcBuildingStorey,
/// Space ← IfcSpace, Zone ← IfcZone × space, Type ← type objects with occurrences,
/// Component ← asset occurrences, System ← IfcSystem × component; CreatedBy/CreatedOn ← IfcOwnerHistory.
public struct COBieIFCMapper: Sendable {
    /// Element classes COBie does not hand over as components: structure, envelope, finishes, features,
    /// distribution runs and fasteners are not maintained assets (COBie 2.4 responsibility matrix).
    public var excludedComponentClasses: [String]
    /// ExtSystem written on every row when the IFC header names no originating system.
    public var defaultExternalSystem: String

    public static let standardExclusions = [
        "IfcWall", "IfcSlab", "IfcBeam", "IfcColumn", "IfcRoof", "IfcStair", "IfcStairFlight", "IfcRamp",
        "IfcRampFlight", "IfcRailing", "IfcCovering", "IfcCurtainWall", "IfcPlate", "IfcMember", "IfcFooting",
        "IfcPile", "IfcBuildingElementPart", "IfcBuildingElementProxy", "IfcFeatureElement", "IfcVirtualElement",
        "IfcFlowSegment", "IfcFlowFitting", "IfcElementAssembly", "IfcReinforcingElement", "IfcFastener",
        "IfcMechanicalFastener", "IfcDiscreteAccessory", "IfcElementComponent", "IfcChimney", "IfcShadingDevice",
        "IfcCivilElement", "IfcGeographicElement", "IfcEarthworksElement", "IfcCourse", "IfcPavement",
        "IfcKerb", "IfcTrackElement", "IfcRail",
    ]

    public init(excludedComponentClasses: [String] = Self.standardExclusions,
                defaultExternalSystem: String = "IFC") {
        self.excludedComponentClasses = excludedComponentClasses
        self.defaultExternalSystem = defaultExternalSystem
    }

    public func map(_ ifc: IFCModel) -> COBieIFCMapping {
        var run = Run(ifc: ifc, mapper: self)
        run.mapAll()
        return COBieIFCMapping(model: run.model, diagnostics: run.diagnostics)
    }

    /// Whether an occurrence is handed over as a COBie component.
    public func isComponent(_ id: STEPInstanceID, in ifc: IFCModel) -> Bool {
        guard ifc.isA(id, "IfcElement") else { return false }
        return !excludedComponentClasses.contains { ifc.isA(id, $0) }
    }
}
