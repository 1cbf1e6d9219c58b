import NIOCore

/// Reads SMTP replies from a byte stream: CRLF (or bare LF) lines, a reply ends at the line whose
/// fourth byte is a space (or that has three). Bounded: at most ``maximumLines`` lines and
/// ``maximumBytes`` buffered, so a relay that talks forever cannot grow the sender's memory.
struct SMTPReplyReader {
    static let maximumLines = 100
    static let maximumBytes = 64 * 1024

    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var buffer: [UInt8] = []

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next() async throws -> SMTPReply {
        while true {
            if let reply = try Self.take(from: &buffer) { return reply }
            guard let chunk = try await iterator.next() else { throw SMTPClient.Failure("connection closed by the relay") }
            buffer += chunk.readableBytesView
        }
    }

    /// The first whole reply in `buffer`, removed from it; nil while it is incomplete. Throws on a
    /// malformed or oversized reply (bytes first: whatever the relay sends, this never traps).
    static func take(from buffer: inout [UInt8]) throws -> SMTPReply? {
        var lines: [[UInt8]] = []
        var start = 0
        while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(buffer[start..<newline])
            start = newline + 1
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            lines.append(line)
            guard lines.count <= maximumLines else { throw SMTPClient.Failure("reply longer than \(maximumLines) lines") }
            if line.count == 3 || (line.count > 3 && line[3] == UInt8(ascii: " ")) {
                guard let reply = SMTPReply.parse(lines) else { throw SMTPClient.Failure("malformed reply") }
                buffer.removeFirst(start)
                return reply
            }
            if line.count < 4 || line[3] != UInt8(ascii: "-") { throw SMTPClient.Failure("malformed reply") }
        }
        guard buffer.count <= maximumBytes else { throw SMTPClient.Failure("reply larger than \(maximumBytes) bytes") }
        return nil
    }
}
