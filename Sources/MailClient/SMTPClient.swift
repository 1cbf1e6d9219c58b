import Foundation
import NIOCore
import NIOPosix

/// Sends plain-text mail through one SMTP relay (RFC 5321: EHLO, MAIL, RCPT, DATA, QUIT), a
/// connection per message. Hand-written because no SMTP client is among the packages this
/// project builds with; it covers what a notifier needs and no more: no TLS or AUTH, so point it
/// at a relay on the host or the local network (Postfix, OpenSMTPD, a cloud provider's agent) that
/// does those. Every reply is bounded (lines, bytes) and the whole exchange has a deadline.
public struct SMTPClient: Sendable {
    /// Why a message was not accepted, with the relay's answer when there was one.
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public let host: String
    public let port: Int
    let helo: String
    let timeout: Duration

    /// `smtp://host[:port]` (port 25 by default).
    public init(url: String, helo: String = "atrium", timeout: Duration = .seconds(30)) throws(Failure) {
        guard let parsed = URL(string: url), parsed.scheme?.lowercased() == "smtp", let host = parsed.host, !host.isEmpty,
              parsed.user == nil, parsed.path.isEmpty || parsed.path == "/", parsed.query == nil else {
            throw Failure("expected smtp://host[:port] (a relay without TLS or authentication)")
        }
        let port = parsed.port ?? 25
        guard (1...65_535).contains(port) else { throw Failure("port out of range") }
        self.host = host
        self.port = port
        self.helo = helo.isEmpty || !helo.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) ? "atrium" : helo
        self.timeout = timeout
    }

    /// Hands `message` to the relay; returns once it accepted the DATA (250), throws otherwise.
    public func send(_ message: MailMessage, now: Date = Date()) async throws {
        do { try message.validate() } catch { throw Failure("message \(error)") }
        let data = message.rendered(date: now, messageID: "\(UUID().uuidString.lowercased())@\(helo)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.converse(message, data: data) }
            group.addTask {
                try await Task.sleep(for: self.timeout)
                throw Failure("no answer within \(self.timeout)")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    func converse(_ message: MailMessage, data: String) async throws {
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw Failure("cannot connect to \(host):\(port) (\(type(of: error)))")
        }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            func command(_ line: String, expect codes: Set<Int>, _ step: String) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                try Self.check(try await replies.next(), codes, step)
            }
            try Self.check(try await replies.next(), [220], "greeting")
            do {
                try await command("EHLO \(helo)", expect: [250], "EHLO")
            } catch is Failure {
                try await command("HELO \(helo)", expect: [250], "HELO")
            }
            try await command("MAIL FROM:<\(message.from)>", expect: [250], "MAIL FROM")
            for address in message.to { try await command("RCPT TO:<\(address)>", expect: [250, 251], "RCPT TO") }
            try await command("DATA", expect: [354], "DATA")
            try await outbound.write(ByteBuffer(string: data + ".\r\n"))
            try Self.check(try await replies.next(), [250], "message")
            // The relay has the message; a QUIT it does not answer changes nothing.
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
            _ = try? await replies.next()
        }
    }

    static func check(_ reply: SMTPReply, _ codes: Set<Int>, _ step: String) throws {
        guard codes.contains(reply.code) else { throw Failure("\(step) refused: \(reply.code) \(reply.text)") }
    }
}
