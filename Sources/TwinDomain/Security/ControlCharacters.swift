/// Rules for control characters in text that comes from outside.
///
/// PostgreSQL refuses NUL in `text`, C APIs cut strings at it, and other C0 controls and DEL have
/// no business in names, tags, filters or ids: they forge log lines and hide look-alike names. Text
/// is checked where it enters (the API boundary names the field), and whatever is recorded for an
/// audit trail is escaped so the record keeps what was sent without breaking its store.
public enum ControlCharacters {
    /// The first C0 control character or DEL in `text` that is not in `allowed`, with its
    /// character offset.
    public static func first(in text: String, allowing allowed: Set<Unicode.Scalar> = []) -> (offset: Int, scalar: Unicode.Scalar)? {
        var offset = 0
        for scalar in text.unicodeScalars {
            if isControl(scalar), !allowed.contains(scalar) { return (offset, scalar) }
            offset += 1
        }
        return nil
    }

    /// Line breaks and tabs, which free text (descriptions, notes) may keep.
    public static let layout: Set<Unicode.Scalar> = ["\t", "\n", "\r"]

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F
    }

    /// A client-facing description of the first forbidden character, or nil when there is none.
    public static func problem(in text: String, allowing allowed: Set<Unicode.Scalar> = []) -> String? {
        guard let (offset, scalar) = first(in: text, allowing: allowed) else { return nil }
        let name = scalar.value == 0 ? "a NUL byte" : "the control character " + codePoint(scalar)
        return "contains \(name) at character \(offset + 1)"
    }

    /// `text` with every C0 control and DEL written as `\u{XX}`, and backslashes doubled so the
    /// escape stays unambiguous: safe for any store and any log, and reversible by a reader.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) || $0 == "\\" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else if scalar == "\\" {
                out.append(contentsOf: "\\\\".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
