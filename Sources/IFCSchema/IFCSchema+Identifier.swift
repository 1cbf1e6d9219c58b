import Foundation

extension IFCSchema {
    /// Maps a FILE_SCHEMA identifier onto one of the three shipped schemas.
    ///
    /// Why nearest-with-warning rather than reject: release candidates and intermediate versions are
    /// mostly attribute-compatible with the release that followed, and facility managers still have such files.
    public static func `for`(identifier raw: String) throws(IFCSchemaError) -> IFCSchemaResolution {
        let id = raw.trimmingCharacters(in: .whitespaces).uppercased()
        func near(_ s: IFCSchema, _ why: String) -> IFCSchemaResolution {
            IFCSchemaResolution(schema: s, warning: "FILE_SCHEMA '\(raw)' \(why); reading it with \(s.id.rawValue)")
        }
        if id == "IFC2X3" || id == "IFC2X3_TC1" || id == "IFC2X3_TC_1" {
            return IFCSchemaResolution(schema: .ifc2x3, warning: nil)
        }
        if id == "IFC2X3_FINAL" || id.hasPrefix("IFC2X3") {
            return near(.ifc2x3, "is a variant of IFC2X3")
        }
        if id == "IFC2X_FINAL" || id == "IFC2X2_FINAL" || id.hasPrefix("IFC2X") {
            return near(.ifc2x3, "predates IFC2X3 and is not supported exactly")
        }
        if id == "IFC4X3" || id == "IFC4X3_ADD1" || id == "IFC4X3_ADD2" || id == "IFC4X3_TC1" {
            return IFCSchemaResolution(schema: .ifc4x3, warning: nil)
        }
        if id.hasPrefix("IFC4X3") {
            return near(.ifc4x3, "is a pre-release of IFC4X3")
        }
        if id.hasPrefix("IFC4X1") || id.hasPrefix("IFC4X2") {
            return near(.ifc4x3, "is an intermediate version between IFC4 and IFC4X3")
        }
        if id == "IFC4" || id.hasPrefix("IFC4_ADD") || id == "IFC4_TC1" {
            return IFCSchemaResolution(schema: .ifc4, warning: nil)
        }
        if id.hasPrefix("IFC4RC") || id.hasPrefix("IFC4_RC") || id.hasPrefix("IFC4") {
            return near(.ifc4, "is a pre-release of IFC4")
        }
        throw .unknownSchema(raw)
    }
}
