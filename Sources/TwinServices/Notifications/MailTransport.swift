/// Sends one notification e-mail; the `atrium` executable wires the SMTP relay one (`MailClient`)
/// when `ATRIUM_SMTP_URL` is set.
public protocol MailTransport: Sendable {
    /// Nil once the relay accepted it, else why not.
    func send(to address: String, subject: String, text: String) async -> String?
}
