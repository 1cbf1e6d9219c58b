/// Why no schema could be chosen for a file.
public enum IFCSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownSchema(String)

    public var description: String {
        switch self {
        case .unknownSchema(let id):
            return "unsupported FILE_SCHEMA '\(id)': expected IFC2X3, IFC4 or IFC4X3 (or a close variant)"
        }
    }
}
