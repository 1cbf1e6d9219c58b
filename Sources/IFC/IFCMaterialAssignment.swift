import STEP

/// What IfcRelAssociatesMaterial attaches to an object, flattened to names and thicknesses.
public enum IFCMaterialAssignment: Sendable, Equatable {
    public struct Layer: Sendable, Equatable {
        public let material: String?
        /// In project length units.
        public let thickness: Double?
        public let name: String?

        public init(material: String?, thickness: Double?, name: String?) {
            self.material = material
            self.thickness = thickness
            self.name = name
        }
    }

    public struct Part: Sendable, Equatable {
        public let material: String?
        public let name: String?
        /// Profile name for profile sets, category/fraction description for constituents.
        public let detail: String?

        public init(material: String?, name: String?, detail: String?) {
            self.material = material
            self.name = name
            self.detail = detail
        }
    }

    case material(id: STEPInstanceID, name: String?)
    /// `usage` is true for IfcMaterialLayerSetUsage (the set is the one it points at).
    case layerSet(id: STEPInstanceID, name: String?, layers: [Layer], usage: Bool)
    case profileSet(id: STEPInstanceID, name: String?, profiles: [Part], usage: Bool)
    case constituentSet(id: STEPInstanceID, name: String?, constituents: [Part])
    case list(id: STEPInstanceID, materials: [String?])
    case other(id: STEPInstanceID, entity: String)
}
