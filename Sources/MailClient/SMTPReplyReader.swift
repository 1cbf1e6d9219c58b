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
        var lines: [[UInt8]] = []
        while true {
            while let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                lines.append(line)
                guard lines.count <= Self.maximumLines else { throw SMTPClient.Failure("reply longer than \(Self.maximumLines) lines") }
                if line.count == 3 || (line.count > 3 && line[3] == UInt8(ascii: " ")) {
                    guard let reply = SMTPReply.parse(lines) else { throw SMTPClient.Failure("malformed reply") }
                    return reply
                }
                if line.count < 4 || line[3] != UInt8(ascii: "-") { throw SMTPClient.Failure("malformed reply") }
            }
            guard buffer.count <= Self.maximumBytes else { throw SMTPClient.Failure("reply larger than \(Self.maximumBytes) bytes") }
            guard let chunk = try await iterator.next() else { throw SMTPClient.Failure("connection closed by the relay") }
            buffer += chunk.readableBytesView
        }
    }
}
