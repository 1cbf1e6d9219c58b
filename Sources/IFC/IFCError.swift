import STEP

/// Why a file could not be opened as IFC at all (everything softer becomes a diagnostic).
public enum IFCError: Error, Sendable, Equatable, CustomStringConvertible {
    case step(STEPError)
    case missingSchema
    case unsupportedSchema(String)

    public var description: String {
        switch self {
        case .step(let e): return "STEP: \(e)"
        case .missingSchema: return "the HEADER has no FILE_SCHEMA identifier"
        case .unsupportedSchema(let id):
            return "unsupported FILE_SCHEMA '\(id)': expected IFC2X3, IFC4 or IFC4X3 (or a close variant)"
        }
    }
}
