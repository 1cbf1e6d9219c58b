import Foundation
import TwinDomain

/// What a write body returns: its value plus what the audit row must show.
public struct ChangeResult<Value: Sendable>: Sendable {
    public var value: Value
    public var objectID: String?
    public var siteID: UUID?
    /// The building of the object actually changed, when it lies in one (audited).
    public var buildingID: UUID?
    public var before: CanonicalJSON?
    public var after: CanonicalJSON?

    public init(_ value: Value, objectID: String? = nil, siteID: UUID? = nil, buildingID: UUID? = nil,
                before: CanonicalJSON? = nil, after: CanonicalJSON? = nil) {
        self.value = value
        self.objectID = objectID
        self.siteID = siteID
        self.buildingID = buildingID
        self.before = before
        self.after = after
    }
}
