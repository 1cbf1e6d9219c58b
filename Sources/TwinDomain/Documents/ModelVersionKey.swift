import Foundation

/// Identifies one imported version of a model; documents and files are stored per version
/// so a re-import never overwrites what an earlier version's users are looking at.
public struct ModelVersionKey: Sendable, Hashable, Codable {
    public var modelID: UUID
    public var version: Int

    public init(modelID: UUID, version: Int) {
        self.modelID = modelID
        self.version = version
    }
}
