/// Lifecycle of an import job. Only `succeeded` jobs have a visible model version.
public enum ImportJobStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case queued
    case running
    case succeeded
    case failed

    public var isFinished: Bool { self == .succeeded || self == .failed }
}
