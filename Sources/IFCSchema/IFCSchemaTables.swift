/// Namespace for the generated schema tables (see Generated/ and tools/ifc-schema-gen).
enum IFCSchemaTables {
    static func table(for id: IFCSchemaID) -> String {
        switch id {
        case .ifc2x3: return ifc2x3
        case .ifc4: return ifc4
        case .ifc4x3: return ifc4x3
        }
    }
}
