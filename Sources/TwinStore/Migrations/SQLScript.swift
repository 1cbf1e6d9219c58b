/// Splits a migration file into single statements.
///
/// PostgresNIO speaks only the extended query protocol, which accepts one statement per
/// query, so migration files are split here. The splitter understands everything that can
/// hide a `;`: single-quoted and `E''` strings, quoted identifiers, `--` and nested `/* */`
/// comments, and dollar-quoted bodies (`$$ … $$`, `$fn$ … $fn$`) used by functions and triggers.
public struct SQLScript: Sendable, Equatable {
    public let statements: [String]

    public init(_ text: String) {
        let bytes = Array(text.utf8)
        var statements: [String] = []
        var start = 0
        var index = 0
        var sawCode = false
        func flush(upTo end: Int) {
            if sawCode {
                let slice = bytes[start..<end]
                let statement = String(decoding: slice, as: UTF8.self).trimmingWhitespace()
                if !statement.isEmpty { statements.append(statement) }
            }
            sawCode = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                var depth = 1
                index += 2
                while index < bytes.count && depth > 0 {
                    if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                        depth += 1; index += 2
                    } else if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                        depth -= 1; index += 2
                    } else {
                        index += 1
                    }
                }
            case UInt8(ascii: "'"):
                sawCode = true
                let escapes = index > 0 && (bytes[index - 1] == UInt8(ascii: "E") || bytes[index - 1] == UInt8(ascii: "e"))
                index += 1
                while index < bytes.count {
                    if escapes && bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
                    if bytes[index] == UInt8(ascii: "'") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "'") { index += 2; continue }
                        break
                    }
                    index += 1
                }
                index += 1
            case UInt8(ascii: "\""):
                sawCode = true
                index += 1
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") { index += 1 }
                index += 1
            case UInt8(ascii: "$"):
                sawCode = true
                if let tagEnd = Self.dollarTagEnd(bytes, from: index) {
                    let tag = bytes[index...tagEnd]
                    var cursor = tagEnd + 1
                    var closed = false
                    while cursor + tag.count <= bytes.count {
                        if bytes[cursor] == UInt8(ascii: "$") && bytes[cursor..<(cursor + tag.count)].elementsEqual(tag) {
                            cursor += tag.count
                            closed = true
                            break
                        }
                        cursor += 1
                    }
                    index = closed ? cursor : bytes.count
                } else {
                    index += 1
                }
            case UInt8(ascii: ";"):
                flush(upTo: index)
                index += 1
                start = index
            default:
                if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\t")
                    && byte != UInt8(ascii: "\r") {
                    sawCode = true
                }
                index += 1
            }
        }
        flush(upTo: bytes.count)
        self.statements = statements
    }

    /// Index of the closing `$` of a dollar-quote tag starting at `start`, or nil if `$` starts
    /// something else (a positional parameter such as `$1`).
    private static func dollarTagEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var cursor = start + 1
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "$") { return cursor }
            let isLetter = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == UInt8(ascii: "_")
            let isDigit = byte >= 48 && byte <= 57
            if !(isLetter || (isDigit && cursor > start + 1)) { return nil }
            cursor += 1
        }
        return nil
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
