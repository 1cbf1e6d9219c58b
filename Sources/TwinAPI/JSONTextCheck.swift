import Foundation
import TwinDomain

/// Finds control characters in the strings (and member names) of a JSON request body.
///
/// JSON can carry any character through `\u` escapes; NUL is refused everywhere (PostgreSQL and
/// C APIs cannot hold it) and other C0 controls everywhere but free-text line breaks and tabs.
/// Fields with stricter rules (names, tags) check again in their service.
enum JSONTextCheck {
    /// A 422 naming the first offending member (`items.2.name`), or nil.
    static func problem(in body: Data) -> APIError? {
        // Cheap exit: C0 controls can only arrive escaped (raw ones are not valid JSON); DEL may be raw.
        guard body.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0x7F }) else { return nil }
        guard let root = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else { return nil }
        guard let (path, message) = find(in: root, path: [], depth: 0) else { return nil }
        let field = path.isEmpty ? "body" : path.joined(separator: ".")
        return APIError(ProblemDetails(status: .unprocessableContent, detail: "\(field): \(message)",
                                       errors: [.init(field: field, message: message)]))
    }

    private static func find(in value: Any, path: [String], depth: Int) -> ([String], String)? {
        guard depth < 64 else { return nil }
        switch value {
        case let text as String:
            return ControlCharacters.problem(in: text, allowing: ControlCharacters.layout).map { (path, $0) }
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = find(in: element, path: path + [String(index)], depth: depth + 1) { return found }
            }
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let problem = ControlCharacters.problem(in: key) {
                    return (path + [ControlCharacters.escaped(String(key.prefix(64)))], "the member name \(problem)")
                }
                if let found = find(in: object[key]!, path: path + [key], depth: depth + 1) { return found }
            }
        default:
            break
        }
        return nil
    }
}
