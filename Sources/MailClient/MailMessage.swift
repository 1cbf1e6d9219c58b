import Foundation

/// A plain-text e-mail as SMTP carries it (RFC 5322 headers, a base64 UTF-8 body), built so that
/// nothing a caller passes can add a header or end the DATA section early.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: [String]
    public var subject: String
    public var text: String

    public init(from: String, to: [String], subject: String, text: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
    }

    /// A refusal naming the field.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public var field: String
        public var reason: String
        public var description: String { "\(field): \(reason)" }
    }

    /// `local@domain`, printable ASCII, no spaces, angle brackets or line breaks (what an SMTP
    /// envelope and a header can both carry without quoting).
    public static func isAddress(_ text: String) -> Bool {
        guard (3...254).contains(text.utf8.count), text.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: ",") }) else {
            return false
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }

    public func validate() throws(Invalid) {
        guard Self.isAddress(from) else { throw Invalid(field: "from", reason: "not an address") }
        guard !to.isEmpty, to.count <= 100 else { throw Invalid(field: "to", reason: "1 to 100 recipients") }
        for address in to where !Self.isAddress(address) { throw Invalid(field: "to", reason: "not an address") }
    }

    /// The DATA section: headers, a blank line, the body; CRLF line ends, without the final dot.
    public func rendered(date: Date, messageID: String) -> String {
        var lines = [
            "Date: " + Self.dateHeader(date),
            "From: <\(from)>",
            "To: " + to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: " + Self.encodedWord(subject),
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        let encoded = Data(text.utf8).base64EncodedString()
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        // Base64 and the headers above never start a line with a dot; stuff anyway, as SMTP requires.
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }

    /// ASCII without line breaks as it is; anything else as an RFC 2047 UTF-8 encoded word.
    static func encodedWord(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        let clipped = String(flat.prefix(200))
        if clipped.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return clipped }
        return "=?UTF-8?B?" + Data(clipped.utf8).base64EncodedString() + "?="
    }

    /// RFC 5322 date in UTC, e.g. `Mon, 07 Dec 2026 21:32:34 +0000`.
    static func dateHeader(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[((c.weekday ?? 1) - 1) % 7]), \(two(c.day)) \(months[((c.month ?? 1) - 1) % 12]) \(c.year ?? 1970) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000"
    }
}
