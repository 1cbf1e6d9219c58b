import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TwinDomain
import TwinServices
@testable import TwinAPI

/// The HTTP server under hostile clients, over real loopback sockets: malformed heads are answered
/// and closed, slow or silent clients time out, and one address cannot hold every connection.
@Suite("Connection hardening over raw sockets")
struct ConnectionHardeningTests {
    static let limits = HTTPServerLimits(headerTimeout: .milliseconds(800), idleTimeout: .milliseconds(800),
                                         bodyTimeout: .milliseconds(800), maxConnectionsPerAddress: 4)
    /// How long a test waits for an answer: generous, the server's own limits are what is tested.
    static let patience = 20.0

    static func application(limits: HTTPServerLimits = limits) throws -> some ApplicationProtocol {
        try buildApplication(settings: APIServerSettings(host: "127.0.0.1", port: 0, limits: limits),
                             dependencies: APIDependencies(probes: [], services: []), logger: Logger(label: "test.raw"))
    }

    static func withServer(limits: HTTPServerLimits = limits, _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await application(limits: limits).test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    static let health = "GET /health/live HTTP/1.1\r\nHost: test\r\n\r\n"

    @Test(arguments: [0x01, 0x7F, 0x00] as [UInt8])
    func controlCharacterInAHeaderIsAnswered400AndClosed(byte: UInt8) async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send(Array("GET /health/live HTTP/1.1\r\nHost: test\r\nX-Probe: a".utf8) + [byte] + Array("b\r\n\r\n".utf8))
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.closed)
            #expect(answer.text.hasPrefix("HTTP/1.1 400 "))
            #expect(answer.text.contains("application/problem+json"))
        }
    }

    @Test func controlCharacterOnAKeptAliveConnectionIsAnswered400AndClosed() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send(Self.health + "GET /health/live HTTP/1.1\r\nHost: test\r\nX-Probe: a\u{01}b\r\n\r\n")
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.closed)
            #expect(answer.text.hasPrefix("HTTP/1.1 200 "))
            #expect(answer.text.contains("HTTP/1.1 400 "))
        }
    }

    @Test func malformedRequestLineIsAnswered400() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send("GET /health/li\u{01}ve HTTP/1.1\r\nHost: test\r\n\r\n")
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.closed)
            #expect(answer.text.hasPrefix("HTTP/1.1 400 "))
        }
    }

    @Test func halfSentHeadTimesOutWith408() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send("GET /health/live HTTP/1.1\r\nHo")
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.closed)
            #expect(answer.text.hasPrefix("HTTP/1.1 408 "))
        }
    }

    @Test func connectionThatSendsNothingIsClosed() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.closed)
            #expect(answer.text.isEmpty)
        }
    }

    @Test func headDribbledByteByByteTimesOut() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            // One header line every 200 ms keeps the connection busy but never finishes the head.
            connection.send("GET /health/live HTTP/1.1\r\n")
            let dribble = Task {
                for n in 0..<200 {
                    try await Task.sleep(for: .milliseconds(200))
                    connection.send("X-Slow-\(n): 1\r\n")
                }
            }
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            dribble.cancel()
            #expect(answer.closed)
            #expect(answer.text.hasPrefix("HTTP/1.1 408 "))
        }
    }

    @Test func idleKeptAliveConnectionIsClosedAfterItsResponse() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send(Self.health)
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.closed)
            #expect(answer.text.hasPrefix("HTTP/1.1 200 "))
        }
    }

    @Test func stalledBodyTimesOutWith408() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send("POST /health/live HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{\"partial")
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.closed)
            #expect(answer.text.contains("408") || answer.text.contains("405"))
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        // Long timeouts: on a loaded machine this test's own task may resume late to send the body.
        let limits = HTTPServerLimits(headerTimeout: .seconds(30), idleTimeout: .seconds(30), bodyTimeout: .seconds(30),
                                      maxConnectionsPerAddress: 4)
        try await Self.withServer(limits: limits) { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send("POST /health/live HTTP/1.1\r\nHost: test\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n")
            let interim = await connection.readResponseHead(timeout: Self.patience)
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue\r\n"))
            connection.send("{}")
            let final = await connection.readResponseHead(timeout: Self.patience)
            #expect(final.hasPrefix("HTTP/1.1 "))
            #expect(!final.hasPrefix("HTTP/1.1 1"))
            #expect(!final.hasPrefix("HTTP/1.1 408"))
        }
    }

    @Test func bodyStalledAfterContinueStillTimesOutWith408() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send("POST /health/live HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n{")
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.closed)
            #expect(answer.text.hasPrefix("HTTP/1.1 100 Continue\r\n"))
            #expect(answer.text.contains("HTTP/1.1 408 ") || answer.text.contains("HTTP/1.1 405 "))
        }
    }

    @Test func oneAddressCannotHoldMoreThanItsConnections() async throws {
        let limits = HTTPServerLimits(headerTimeout: .seconds(30), idleTimeout: .seconds(30), bodyTimeout: .seconds(30),
                                      maxConnectionsPerAddress: 3)
        try await Self.withServer(limits: limits) { port in
            // Each connection is known to be accepted once it has answered a request, so the one
            // over the cap is found whatever order the event loops accept in (the test client may
            // hold a connection of its own).
            var held: [RawHTTPConnection] = []
            var refusal: String?
            for _ in 0..<5 {
                let connection = try RawHTTPConnection(port: port)
                connection.send(Self.health)
                let head = await connection.readResponseHead(timeout: Self.patience)
                if head.hasPrefix("HTTP/1.1 200 ") {
                    held.append(connection)
                } else {
                    refusal = head
                    break
                }
            }
            let refused = try #require(refusal)
            #expect(refused.hasPrefix("HTTP/1.1 503 "))
            #expect(refused.contains("Retry-After: 1"))
            #expect((2...3).contains(held.count))
            // A closed connection gives its slot back.
            held.removeFirst()
            var admitted = false
            for _ in 0..<100 where !admitted {
                let again = try RawHTTPConnection(port: port)
                again.send(Self.health)
                admitted = await again.readResponseHead(timeout: Self.patience).hasPrefix("HTTP/1.1 200 ")
                if !admitted { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(admitted)
            withExtendedLifetime(held) {}
        }
    }

    @Test func wellFormedPipelinedRequestsStillWork() async throws {
        try await Self.withServer { port in
            let connection = try RawHTTPConnection(port: port)
            connection.send(Self.health + Self.health.replacingOccurrences(of: "Host: test", with: "Host: test\r\nConnection: close"))
            let answer = await connection.readUntilClosed(timeout: Self.patience)
            #expect(answer.text.components(separatedBy: "HTTP/1.1 200 ").count == 3)
        }
    }
}
