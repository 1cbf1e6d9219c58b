/// A configuration problem, naming the variable and what a valid value looks like.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(variable: String, example: String)
    case malformed(variable: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let variable, let example): "\(variable) is not set (for example \(variable)=\(example))"
        case .malformed(let variable, let reason): "\(variable) is invalid: \(reason)"
        }
    }
}
