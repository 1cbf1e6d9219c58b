import Foundation

/// A stored binary object as listed back by the repository.
public struct StoredFile: Sendable, Hashable, Codable {
    /// Opaque, URL-safe identifier assigned by the store.
    public var id: String
    public var descriptor: StoredFileDescriptor
    public var length: Int64
    public var uploadedAt: Date?

    public init(id: String, descriptor: StoredFileDescriptor, length: Int64, uploadedAt: Date?) {
        self.id = id
        self.descriptor = descriptor
        self.length = length
        self.uploadedAt = uploadedAt
    }
}
