/// A rule that cannot be evaluated, naming the member at fault (`bands[1].limit`, `deadband`)
/// so an API can answer a problem with `errors[].field`.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
