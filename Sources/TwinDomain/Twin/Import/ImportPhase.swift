/// Where a running import is; shown to users with a percentage.
public enum ImportPhase: String, Sendable, Hashable, Codable, CaseIterable {
    case received
    case parsing
    case classifying
    case geometry
    case documents
    case committing
    case done
}
