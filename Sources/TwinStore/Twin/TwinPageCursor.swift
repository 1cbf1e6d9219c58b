import Foundation
import TwinDomain

/// Opaque keyset cursors: the last row's sort key, JSON-encoded and base64url'd.
///
/// Clients treat them as opaque; a tampered cursor can only move the window within what the
/// caller's scope already lets it read, and an unreadable one is refused with a stable rule.
enum TwinPageCursor {
    static let invalidRule = "page.invalid-cursor"

    /// `(name, id)` ordering used by every named list.
    static func encode(name: String, id: UUID) -> String {
        encode(parts: [name, id.uuidString.lowercased()])
    }

    static func decodeNameID(_ cursor: String?) throws -> (name: String?, id: UUID?) {
        guard let cursor else { return (nil, nil) }
        let parts = try decode(parts: cursor)
        guard parts.count == 2, let id = UUID(uuidString: parts[1]) else {
            throw RepositoryError.constraintViolated(rule: invalidRule)
        }
        return (parts[0], id)
    }

    /// `(created_at DESC, id DESC)` ordering used by import jobs; time in microseconds.
    static func encode(time: Date, id: UUID) -> String {
        encode(parts: [String(Int64((time.timeIntervalSince1970 * 1_000_000).rounded())), id.uuidString.lowercased()])
    }

    static func decodeTimeID(_ cursor: String?) throws -> (micros: Int64?, id: UUID?) {
        guard let cursor else { return (nil, nil) }
        let parts = try decode(parts: cursor)
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: parts[1]) else {
            throw RepositoryError.constraintViolated(rule: invalidRule)
        }
        return (micros, id)
    }

    private static func encode(parts: [String]) -> String {
        let data = (try? JSONEncoder().encode(parts)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func decode(parts cursor: String) throws -> [String] {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard cursor.count <= 2048, let data = Data(base64Encoded: base64),
              let parts = try? JSONDecoder().decode([String].self, from: data)
        else { throw RepositoryError.constraintViolated(rule: invalidRule) }
        return parts
    }
}
