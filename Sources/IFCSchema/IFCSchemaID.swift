/// The three schemas Atrium ships tables for; every FILE_SCHEMA identifier maps onto one of them.
public enum IFCSchemaID: String, Sendable, CaseIterable, Codable {
    case ifc2x3 = "IFC2X3"
    case ifc4 = "IFC4"
    case ifc4x3 = "IFC4X3"
}
