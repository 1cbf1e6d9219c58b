import Foundation

/// Conversions between Excel serial day numbers and instants, and the date-format detection Excel
/// itself uses (a number is a date only because its cell style says so).
enum ExcelDate {
    /// Seconds from 1970-01-01 to 1899-12-30, the day Excel's 1900 system counts from once past the
    /// fictitious 1900-02-29.
    private static let epoch1899Dec30: Double = -2_209_161_600
    /// Seconds from 1970-01-01 to 1904-01-01.
    private static let epoch1904: Double = -2_082_844_800

    /// The instant for `serial` in the given date system; nil for values no real date has.
    /// The 1900 system keeps Lotus 1-2-3's leap-year bug: serial 60 is 1900-02-29, which never
    /// existed, so serials 1…60 are one day off from the plain count; 60 is mapped to 1900-03-01.
    static func date(serial: Double, uses1904: Bool) -> Date? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let base: Double
        if uses1904 {
            base = epoch1904
        } else if serial < 61 {
            base = epoch1899Dec30 + 86_400  // 1899-12-31: serial 1 is 1900-01-01
        } else {
            base = epoch1899Dec30
        }
        let seconds = (serial * 86_400 * 1000).rounded() / 1000
        return Date(timeIntervalSince1970: base + seconds)
    }

    /// Built-in number formats that are dates or times (ECMA-376 §18.8.30).
    static func isBuiltInDateFormat(_ id: Int) -> Bool {
        (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id)
    }

    /// Whether a custom format code shows a date or time: it contains d, m, y, h or s outside quoted
    /// literals, escapes and bracketed sections (colours, locales), ignoring "General".
    static func isDateFormatCode(_ code: String) -> Bool {
        var inQuote = false
        var inBracket = false
        var escaped = false
        var bracket = ""
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket {
                if ch == "]" {
                    inBracket = false
                    // [h], [mm], [ss] are elapsed-time sections, which are times.
                    if !bracket.isEmpty, bracket.allSatisfy({ "hms".contains($0) }) { return true }
                } else {
                    bracket.append(ch)
                }
                continue
            }
            switch ch {
            case "\"": inQuote = true
            case "\\", "_", "*": escaped = true
            case "[": inBracket = true; bracket = ""
            case ";": return false  // only the first (positive) section decides
            case "d", "m", "y", "h", "s": return true
            default: break
            }
        }
        return false
    }
}
