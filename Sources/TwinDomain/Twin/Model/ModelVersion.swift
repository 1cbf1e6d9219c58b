import Foundation

/// One committed import of a model. Versions are immutable once committed; the diff to the
/// previous version is stored with it.
public struct ModelVersion: Sendable, Hashable, Codable {
    public var modelID: UUID
    public var siteID: UUID
    /// 1, 2, 3… per model.
    public var number: Int
    public var jobID: UUID?
    public var sourceFileName: String
    /// SHA-256 of the uploaded bytes, hex.
    public var sourceSHA256: String
    public var sourceSize: Int64
    /// FILE_SCHEMA (IFC2X3, IFC4, IFC4X3_ADD2) or `COBie 2.4`.
    public var schema: String
    /// GridFS id of the original upload.
    public var originalFileID: String?
    /// Entity counts by kind (`assets`, `spaces`, …) and by IFC type.
    public var counts: [String: Int]
    /// Summary of the diff against the previous version (`added`, `removed`, `changed`).
    public var diffSummary: [String: Int]
    public var importedBy: String?
    public var importedAt: Date

    public init(modelID: UUID, siteID: UUID, number: Int, jobID: UUID? = nil, sourceFileName: String,
                sourceSHA256: String, sourceSize: Int64, schema: String, originalFileID: String? = nil,
                counts: [String: Int] = [:], diffSummary: [String: Int] = [:], importedBy: String? = nil,
                importedAt: Date = Date()) {
        self.modelID = modelID
        self.siteID = siteID
        self.number = number
        self.jobID = jobID
        self.sourceFileName = sourceFileName
        self.sourceSHA256 = sourceSHA256
        self.sourceSize = sourceSize
        self.schema = schema
        self.originalFileID = originalFileID
        self.counts = counts
        self.diffSummary = diffSummary
        self.importedBy = importedBy
        self.importedAt = importedAt
    }

    public var key: ModelVersionKey { ModelVersionKey(modelID: modelID, version: number) }
}
