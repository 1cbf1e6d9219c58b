import Foundation

/// The slug a topic level may name a site or building by (`Frankfurt West Campus` →
/// `frankfurt-west-campus`): lower case, every run of other characters than letters and digits one
/// `-`. One definition for the ingest that resolves topics and the simulator that writes them.
public enum TopicSlug {
    public static func of(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else {
                pendingDash = true
            }
        }
        return out
    }
}
