import Foundation

/// What an import knows only once its documents are written: the fingerprints the version's diff
/// is computed from, and the id of the stored original file.
public struct ImportCompletion: Sendable, Hashable {
    public var fingerprints: [EntityFingerprint]
    public var originalFileID: String?

    public init(fingerprints: [EntityFingerprint], originalFileID: String?) {
        self.fingerprints = fingerprints
        self.originalFileID = originalFileID
    }
}
