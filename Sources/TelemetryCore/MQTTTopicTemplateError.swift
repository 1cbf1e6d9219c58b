/// Why a topic template was refused.
public enum MQTTTopicTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case tooLong(Int)
    /// `a//b`, or a leading or trailing `/`.
    case emptyLevel(index: Int)
    case wildcardInLiteral(level: String)
    case unbalancedBrace(level: String)
    case invalidCharacter(level: String)
    case invalidVariableName(String)
    case unknownVariable(String)
    case duplicateVariable(String)

    public var description: String {
        switch self {
        case .empty: "the topic template is empty"
        case .tooLong(let n): "the topic template is \(n) bytes; the limit is \(MQTTTopicTemplate.maxTopicBytes)"
        case .emptyLevel(let i): "level \(i + 1) of the topic template is empty"
        case .wildcardInLiteral(let level): "level \(level) holds an MQTT wildcard (+ or #); use {variable} instead"
        case .unbalancedBrace(let level): "level \(level) has unbalanced braces or more than one variable"
        case .invalidCharacter(let level): "level \(level) holds a NUL character"
        case .invalidVariableName(let name): "{\(name)} is not a valid variable name"
        case .unknownVariable(let name): "{\(name)} is not a known variable"
        case .duplicateVariable(let name): "{\(name)} is used more than once"
        }
    }
}
