import Foundation
import TwinDomain

/// A frame waiting in a live connection's outbox, before the stream numbers it.
///
/// Events reach many connections at once: they are encoded once, as text, and each stream only
/// appends its `seq` (``numbered(_:)``); replies and snapshots are built per connection.
public enum LiveFrame: Sendable, Equatable {
    case json(CanonicalJSON)
    /// The canonical text of a one-member object (`{"event":{…}}`) whose key sorts before `seq`.
    case encoded(String)

    /// The wire text with `seq` added; canonical either way (members sorted by UTF-8 bytes).
    public func numbered(_ seq: Int64) -> String {
        switch self {
        case .encoded(let text):
            guard text.utf8.last == UInt8(ascii: "}") else { return text }
            return String(text.dropLast()) + ",\"seq\":\(seq)}"
        case .json(let frame):
            guard case .object(var members) = frame else { return frame.text }
            members["seq"] = .int(seq)
            return CanonicalJSON.object(members).text
        }
    }
}
