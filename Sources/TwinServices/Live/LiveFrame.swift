import Foundation
import TwinDomain

/// A frame waiting in a live connection's outbox, before the stream numbers it.
///
/// Events reach many connections at once: they are encoded once, as text, and each stream only
/// appends its `seq` (``numbered(_:)``); replies and snapshots are built per connection.
public enum LiveFrame: Sendable, Equatable {
    case json(CanonicalJSON)
    /// The canonical text of a one-member object (`{"event":{…}}`) whose key sorts before `seq`,
    /// without its closing brace: numbering appends `,"seq":n}` and copies nothing else.
    case encoded(open: String)

    /// An encoded frame from the object's whole canonical text.
    public static func encoded(_ text: String) -> LiveFrame {
        guard text.utf8.last == UInt8(ascii: "}") else { return .json(.string(text)) }
        return .encoded(open: String(decoding: text.utf8.dropLast(), as: UTF8.self))
    }

    /// The wire text with `seq` added; canonical either way (members sorted by UTF-8 bytes).
    public func numbered(_ seq: Int64) -> String {
        switch self {
        case .encoded(let open):
            return open + ",\"seq\":\(seq)}"
        case .json(let frame):
            guard case .object(var members) = frame else { return frame.text }
            members["seq"] = .int(seq)
            return CanonicalJSON.object(members).text
        }
    }
}
