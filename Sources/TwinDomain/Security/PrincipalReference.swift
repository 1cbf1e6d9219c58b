import Foundation

/// Who did something, by identity: the principal's kind and id, never its display name.
///
/// Names are for people to read; user names and API-key names come from different rules and
/// may coincide, so anything that confers access (a job visible to its creator) compares these.
public struct PrincipalReference: Sendable, Hashable, Codable {
    public var kind: String
    public var id: UUID

    public init(kind: String, id: UUID) {
        self.kind = kind
        self.id = id
    }
}

extension Principal {
    public var reference: PrincipalReference { PrincipalReference(kind: kind.rawValue, id: id) }
}
