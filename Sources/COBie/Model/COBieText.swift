/// Text rules shared by the reader and the validator.
public enum COBieText {
    /// Removes leading and trailing whitespace the way spreadsheets users type it, including
    /// no-break spaces (U+00A0) pasted from web pages and the information separators U+001C–U+001F.
    public static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isSpace(first), !isSpace(last) { return text }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) || (0x1C...0x1F).contains(scalar.value)
        }
        return scalar.properties.isWhitespace
    }

    /// COBie's marker for "deliberately not applicable", as opposed to a blank cell (missing).
    public static func isNotApplicable(_ trimmed: String) -> Bool {
        trimmed.count == 3 && trimmed.lowercased() == "n/a"
    }

    /// Splits a list cell ("A101, A102,A103") into trimmed, non-empty names. COBie uses commas; some
    /// writers use semicolons.
    public static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { trim(String($0)) }
            .filter { !$0.isEmpty }
    }
}
