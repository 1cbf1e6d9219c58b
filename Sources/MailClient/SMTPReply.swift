/// One SMTP reply: its code and its text (lines joined by spaces, printable ASCII, clipped).
public struct SMTPReply: Sendable, Equatable {
    public var code: Int
    public var text: String

    /// Parses the lines of one reply (`250-first`, …, `250 last`); nil when malformed.
    static func parse(_ lines: [[UInt8]]) -> SMTPReply? {
        guard let last = lines.last, last.count >= 3 else { return nil }
        let digits = last.prefix(3)
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        var text = lines.map { line -> String in
            let rest = line.dropFirst(4).map { $0 >= 32 && $0 < 127 ? $0 : UInt8(ascii: "?") }
            return String(decoding: rest, as: UTF8.self)
        }.joined(separator: " ")
        if text.count > 200 { text = String(text.prefix(200)) + "…" }
        return SMTPReply(code: code, text: text)
    }
}
