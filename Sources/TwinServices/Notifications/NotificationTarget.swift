import Foundation

/// Where a site's notifications go: an `http(s)://` webhook, or `mailto:address` (mailed through
/// the server's SMTP relay). Checked when the target is stored, so the dispatcher only sends.
enum NotificationTarget {
    /// Nil when `url` is acceptable, else the reason.
    static func problem(_ url: String) -> String? {
        guard url.count <= 2048 else { return "at most 2048 characters" }
        if url.lowercased().hasPrefix("mailto:") {
            return mailAddress(url) == nil ? "mailto: one address, local@domain, printable ASCII" : nil
        }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "https" || scheme == "http",
              parsed.host?.isEmpty == false else {
            return "an http or https URL with a host, or mailto:address"
        }
        return nil
    }

    /// The address of a `mailto:` target (one recipient, no header fields), nil for anything else.
    static func mailAddress(_ url: String) -> String? {
        guard url.lowercased().hasPrefix("mailto:") else { return nil }
        let address = String(url.dropFirst("mailto:".count))
        let forbidden = Set("<>,;?&\"()[]\\ ".utf8)
        guard (3...254).contains(address.utf8.count),
              address.utf8.allSatisfy({ $0 > 32 && $0 < 127 && !forbidden.contains($0) }) else { return nil }
        let sides = address.split(separator: "@", omittingEmptySubsequences: false)
        guard sides.count == 2, !sides[0].isEmpty, sides[1].contains("."), sides[1].first != ".", sides[1].last != "." else { return nil }
        return address
    }
}
