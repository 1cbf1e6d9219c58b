import Foundation

/// An upload being turned into a model version; polled by clients at `/v1/imports/{id}`.
public struct ImportJob: Sendable, Hashable, Codable, Identifiable {
    public var id: UUID
    public var status: ImportJobStatus
    public var phase: ImportPhase
    /// 0…100 within the whole job.
    public var percent: Int
    public var fileName: String
    public var format: ImportFormat?
    public var sizeBytes: Int64
    /// Target site (known up front or once the file is classified).
    public var siteID: UUID?
    public var modelID: UUID?
    /// Version number created when the job succeeded.
    public var versionNumber: Int?
    /// Capped list (the first warnings and every error); totals are in `warningCount`.
    public var messages: [ImportMessage]
    public var warningCount: Int
    /// Stable error code when failed (`import.unsupported-format`, `import.interrupted`).
    public var errorCode: String?
    /// The creator's name, for people to read.
    public var createdBy: String?
    /// The creator's identity, which is what makes a job visible to it outside its scope.
    public var creator: PrincipalReference?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(id: UUID, status: ImportJobStatus = .queued, phase: ImportPhase = .received, percent: Int = 0,
                fileName: String, format: ImportFormat? = nil, sizeBytes: Int64, siteID: UUID? = nil,
                modelID: UUID? = nil, versionNumber: Int? = nil, messages: [ImportMessage] = [],
                warningCount: Int = 0, errorCode: String? = nil, createdBy: String? = nil, creator: PrincipalReference? = nil,
                createdAt: Date = Date(), updatedAt: Date = Date(), finishedAt: Date? = nil) {
        self.id = id
        self.status = status
        self.phase = phase
        self.percent = percent
        self.fileName = fileName
        self.format = format
        self.sizeBytes = sizeBytes
        self.siteID = siteID
        self.modelID = modelID
        self.versionNumber = versionNumber
        self.messages = messages
        self.warningCount = warningCount
        self.errorCode = errorCode
        self.createdBy = createdBy
        self.creator = creator
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
    }
}
