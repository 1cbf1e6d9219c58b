/// An incremental `multipart/form-data` reader (RFC 7578) that never holds a part's content
/// in memory: content bytes are handed to the caller as they arrive, minus a held-back tail
/// the length of the delimiter (which might be split across chunks).
struct MultipartStreamParser {
    struct PartHeaders: Sendable, Equatable {
        var name: String?
        var fileName: String?
        var contentType: String?
    }

    enum Event: Equatable {
        case partStart(PartHeaders)
        case content([UInt8])
        case partEnd
    }

    enum ParseError: Error, Equatable {
        case malformed(String)
    }

    private enum State { case preamble, afterDelimiter, headers, content, done }

    static let maximumHeaderBytes = 16 * 1024

    private let delimiter: [UInt8]
    private var buffer: [UInt8]
    private var state = State.preamble
    var isDone: Bool { state == .done }

    /// `boundary` from the Content-Type parameter (1…70 characters per RFC 2046).
    init(boundary: String) throws {
        guard (1...70).contains(boundary.utf8.count) else { throw ParseError.malformed("bad boundary") }
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first delimiter has no CRLF in front of it; pretend it has one.
        buffer = [0x0D, 0x0A]
    }

    /// The boundary parameter of a `multipart/form-data` content type, or nil for other types.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = parts.first, type.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                var value = pair[1]
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value
            }
        }
        return nil
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [Event] {
        guard state != .done else { return [] }
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        var progress = true
        while progress {
            progress = false
            switch state {
            case .preamble:
                if let index = find(delimiter, in: buffer) {
                    buffer.removeSubrange(0..<(index + delimiter.count))
                    state = .afterDelimiter
                    progress = true
                } else if buffer.count > delimiter.count {
                    buffer.removeSubrange(0..<(buffer.count - delimiter.count))
                }
            case .afterDelimiter:
                // Transport padding (spaces/tabs) may follow a delimiter.
                while let first = buffer.first, first == 0x20 || first == 0x09 { buffer.removeFirst() }
                guard buffer.count >= 2 else { break }
                if buffer[0] == UInt8(ascii: "-"), buffer[1] == UInt8(ascii: "-") {
                    state = .done
                    buffer.removeAll()
                } else if buffer[0] == 0x0D, buffer[1] == 0x0A {
                    buffer.removeSubrange(0..<2)
                    state = .headers
                    progress = true
                } else {
                    throw ParseError.malformed("bad delimiter line")
                }
            case .headers:
                if let index = find([0x0D, 0x0A, 0x0D, 0x0A], in: buffer) {
                    let headers = try Self.parseHeaders(Array(buffer[0..<index]))
                    buffer.removeSubrange(0..<(index + 4))
                    events.append(.partStart(headers))
                    state = .content
                    progress = true
                } else if buffer.starts(with: [0x0D, 0x0A]) {
                    // A part without headers.
                    buffer.removeSubrange(0..<2)
                    events.append(.partStart(PartHeaders()))
                    state = .content
                    progress = true
                } else if buffer.count > Self.maximumHeaderBytes {
                    throw ParseError.malformed("part headers too large")
                }
            case .content:
                if let index = find(delimiter, in: buffer) {
                    if index > 0 { events.append(.content(Array(buffer[0..<index]))) }
                    buffer.removeSubrange(0..<(index + delimiter.count))
                    events.append(.partEnd)
                    state = .afterDelimiter
                    progress = true
                } else if buffer.count >= delimiter.count {
                    let keep = delimiter.count - 1
                    events.append(.content(Array(buffer[0..<(buffer.count - keep)])))
                    buffer.removeSubrange(0..<(buffer.count - keep))
                }
            case .done:
                break
            }
        }
        return events
    }

    /// Call at the end of the body: a stream that ends before the closing delimiter is truncated.
    func finish() throws {
        guard state == .done else { throw ParseError.malformed("the body ended before the closing boundary") }
    }

    private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count, let first = needle.first else { return nil }
        var i = 0
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pattern in
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < pattern.count, hay[i + j] == pattern[j] { j += 1 }
                        if j == pattern.count { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    static func parseHeaders(_ bytes: [UInt8]) throws -> PartHeaders {
        var headers = PartHeaders()
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw ParseError.malformed("bad part header") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition":
                for parameter in value.split(separator: ";").dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pair.count == 2 else { continue }
                    var v = pair[1]
                    if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
                    switch pair[0].lowercased() {
                    case "name": headers.name = v
                    case "filename": headers.fileName = v
                    default: break
                    }
                }
            case "content-type": headers.contentType = value
            default: break
            }
        }
        return headers
    }
}
