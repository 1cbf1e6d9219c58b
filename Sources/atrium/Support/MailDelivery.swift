import Foundation
import MailClient
import TwinServices

/// Alarm e-mails through the SMTP relay named by `ATRIUM_SMTP_URL`, from `ATRIUM_SMTP_FROM`.
struct MailDelivery: MailTransport {
    let client: SMTPClient
    let from: String

    /// Nil when no relay is configured (mail targets then fail with a clear reason); throws on a malformed setting.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MailDelivery? {
        guard let url = environment["ATRIUM_SMTP_URL"], !url.isEmpty else { return nil }
        let client: SMTPClient
        do { client = try SMTPClient(url: url) } catch {
            throw ConfigurationError.malformed(variable: "ATRIUM_SMTP_URL", reason: error.description)
        }
        let from = environment["ATRIUM_SMTP_FROM"] ?? "atrium@localhost.localdomain"
        guard MailMessage.isAddress(from) else {
            throw ConfigurationError.malformed(variable: "ATRIUM_SMTP_FROM", reason: "an address, local@domain")
        }
        return MailDelivery(client: client, from: from)
    }

    func send(to address: String, subject: String, text: String) async -> String? {
        do {
            try await client.send(MailMessage(from: from, to: [address], subject: subject, text: text))
            return nil
        } catch let failure as SMTPClient.Failure {
            return failure.description
        } catch {
            return String(describing: type(of: error))
        }
    }
}
