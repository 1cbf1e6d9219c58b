import Foundation

/// Where a batch is committed, decided by the import service before the commit transaction.
public struct ImportTarget: Sendable, Hashable {
    public var jobID: UUID
    /// Existing model for a re-import; nil creates a model with `newModelID`.
    public var modelID: UUID?
    public var newModelID: UUID
    /// Existing site to import into; nil creates one from the batch's site draft.
    public var siteID: UUID?
    /// The version number the documents were stored under (reserved for the job, or 1 for a new model).
    public var versionNumber: Int
    public var sourceFileName: String
    public var sourceSHA256: String
    public var sourceSize: Int64
    public var importedBy: String?

    public init(jobID: UUID, modelID: UUID?, newModelID: UUID = UUID(), siteID: UUID?, versionNumber: Int,
                sourceFileName: String, sourceSHA256: String, sourceSize: Int64,
                importedBy: String? = nil) {
        self.jobID = jobID
        self.modelID = modelID
        self.newModelID = newModelID
        self.siteID = siteID
        self.versionNumber = versionNumber
        self.sourceFileName = sourceFileName
        self.sourceSHA256 = sourceSHA256
        self.sourceSize = sourceSize
        self.importedBy = importedBy
    }

    public var resolvedModelID: UUID { modelID ?? newModelID }
}
