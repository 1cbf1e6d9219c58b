import Foundation
import HummingbirdTesting
@testable import MailClient
import Testing
@testable import TwinServices
@testable import TwinAPI

/// Alarm e-mail through a real SMTP server process (Python's standard `smtpd` debugging server,
/// which prints every message it accepts) with the project's own SMTP client.
extension AlarmAPITests {
    struct Mailer: MailTransport {
        let client: SMTPClient
        func send(to address: String, subject: String, text: String) async -> String? {
            do {
                try await client.send(MailMessage(from: "atrium@test.example", to: [address], subject: subject, text: text))
                return nil
            } catch {
                return "\(error)"
            }
        }
    }

    /// Whether `python3` has the standard `smtpd` module (Python up to 3.11; the mail test needs it).
    static let smtpServerAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-W", "ignore", "-c", "import smtpd"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// `python3 -m smtpd` on a free loopback port, until `body` returns.
    static func withSMTPServer(_ body: (Int, URL) async throws -> Void) async throws {
        let port = ReadingsFaultTests.freePort() + 1_000
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("atrium-smtpd-\(UUID().uuidString.prefix(8)).log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-W", "ignore", "-u", "-m", "smtpd", "-n", "-c", "DebuggingServer", "127.0.0.1:\(port)"]
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var failure: (any Error)?
        do {
            for _ in 0..<100 {
                if try await ReadingsFaultTests.shell("exec 3<>/dev/tcp/127.0.0.1/\(port)").0 == 0 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            try await body(port, log)
        } catch {
            failure = error
        }
        // Stopped without blocking a concurrency thread in waitUntilExit.
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
        try? handle.close()
        try? FileManager.default.removeItem(at: log)
        if let failure { throw failure }
    }

    @Test("a mailto: target gets a readable alarm e-mail through a real SMTP server; bad targets and relays are refused clearly",
          .enabled(if: smtpServerAvailable, "needs python3 with the standard smtpd module (Python 3.11 or older) as the SMTP server"))
    func alarmMail() async throws {
        // Offline checks first: what may be a target, and a message that cannot smuggle headers.
        #expect(NotificationTarget.problem("mailto:ops@example.org") == nil)
        for bad in ["mailto:ops@example.org?cc=boss@example.org", "mailto:a@b", "mailto:<x@y.z>", "mailto:ops@example.org\r\nBcc: x@y.z"] {
            #expect(NotificationTarget.problem(bad) != nil, "\(bad)")
        }
        let message = MailMessage(from: "atrium@test.example", to: ["ops@example.org"], subject: "Hot\r\nBcc: evil@x.y ✓", text: ".starts with a dot\nzweite Zeile ü")
        let rendered = message.rendered(date: Date(timeIntervalSince1970: 0), messageID: "m@test")
        #expect(!rendered.contains("\r\nBcc:"), "a line break in the subject cannot add a header")
        #expect(rendered.hasPrefix("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        let body = rendered.components(separatedBy: "\r\n\r\n").last?.replacingOccurrences(of: "\r\n", with: "") ?? ""
        #expect(Data(base64Encoded: body).map { String(decoding: $0, as: UTF8.self) } == message.text)
        #expect(throws: SMTPClient.Failure.self) { try SMTPClient(url: "smtps://relay.example:465") }
        let refused = try SMTPClient(url: "smtp://127.0.0.1:9", timeout: .seconds(5))
        await #expect(throws: SMTPClient.Failure.self) { try await refused.send(message) }

        try await Self.withSMTPServer { port, log in
            try await Self.with { rig in
                let mailer = Mailer(client: try SMTPClient(url: "smtp://127.0.0.1:\(port)", timeout: .seconds(10)))
                let dispatcher = NotificationDispatcher(store: rig.twin.store, transport: UnusedWebhooks(), mail: mailer, logger: rig.logger,
                                                        maximumAttempts: 2, firstRetry: .milliseconds(50))
                try await rig.application.test(.router) { api in
                    let fm = try await api.login("fmA").access
                    let site = rig.twin.security.siteA.uuidString.lowercased()
                    let created = try await api.json("/v1/webhooks", .post, token: fm, body: [
                        "site_id": site, "name": "On-call mail", "url": "mailto:ops@example.org"])
                    #expect(created.status == .created, "\(String(buffer: created.body))")
                    #expect(try await api.json("/v1/webhooks", .post, token: fm, body: [
                        "site_id": site, "name": "Smuggler", "url": "mailto:ops@example.org?bcc=x@y.z"]).status == .unprocessableContent)
                    _ = try await Self.rackInletPoint(rig, api, token: fm)
                    try await Self.send(rig, api, token: fm, key: "r1-inlet", t0: Int(Date().timeIntervalSince1970) - 3_000, [(0, 33)])
                    #expect(try await dispatcher.dispatchOnce() == 1)
                    #expect(try await api.json("/v1/webhooks/dead-letters", .get, token: fm).body.jsonArrayItems.isEmpty)
                    var printed = ""
                    for _ in 0..<50 where !printed.contains("MESSAGE FOLLOWS") {
                        try await Task.sleep(for: .milliseconds(100))
                        printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                    }
                    #expect(printed.contains("Subject: [Atrium] alarm.raised: critical temperature 33"), "\(printed.prefix(2_000))")
                    #expect(printed.contains("To: <ops@example.org>"))
                }
            }
        }
    }

    /// The mail test has no webhooks; any POST would be a bug.
    struct UnusedWebhooks: WebhookTransport {
        func post(url: String, headers: [(String, String)], body: [UInt8]) async -> (status: Int?, error: String?) {
            Issue.record("unexpected webhook POST to \(url)")
            return (nil, "unexpected")
        }
    }
}

/// The SMTP reply reader over whatever bytes a relay might send: whole replies come out, partial
/// ones wait, anything else is refused, and nothing traps.
@Suite("SMTP replies")
struct SMTPReplyTests {
    @Test func wholePartialAndMalformedReplies() throws {
        var buffer = Array("250-relay.example\r\n250-8BITMIME\r\n250 OK\r\n354 go ahead\r\n22".utf8)
        #expect(try SMTPReplyReader.take(from: &buffer) == SMTPReply(code: 250, text: "relay.example 8BITMIME OK"))
        #expect(try SMTPReplyReader.take(from: &buffer)?.code == 354)
        #expect(try SMTPReplyReader.take(from: &buffer) == nil, "an unfinished line waits")
        buffer += Array("1 bye\n".utf8)
        #expect(try SMTPReplyReader.take(from: &buffer)?.code == 221, "bare LF line ends are taken too")
        for bad in ["hello\r\n", "25\r\n", "2x0 no\r\n", "250+weird\r\n"] {
            var bytes = Array(bad.utf8)
            #expect(throws: SMTPClient.Failure.self, "\(bad)") { try SMTPReplyReader.take(from: &bytes) }
        }
        var endless = Array(repeating: UInt8(ascii: "x"), count: SMTPReplyReader.maximumBytes + 1)
        #expect(throws: SMTPClient.Failure.self) { try SMTPReplyReader.take(from: &endless) }
    }

    @Test func randomBytesNeverTrap() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789 -\r\n2505OK".utf8) + [0, 255, 127]
        for _ in 0..<20_000 {
            var bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            for _ in 0..<8 {
                guard let reply = try? SMTPReplyReader.take(from: &bytes) else { break }
                #expect((0...999).contains(reply.code))
            }
        }
    }
}
