import Foundation

/// Parses the ISO 8601 text dates COBie asks for ("2011-09-27T16:15:03", with optional fraction and
/// zone, or a bare date). Hand-written over bytes: DateFormatter is slow and locale-sensitive.
public enum COBieDateParser {
    /// The instant for `text`; a time without zone is read as UTC.
    public static func parseISO(_ text: String) -> Date? {
        var utf8 = Array(text.utf8)
        if utf8.count < 10 || utf8.count > 40 { return nil }
        // Some writers use a space instead of "T".
        if utf8.count > 10, utf8[10] == 0x20 { utf8[10] = 0x54 }
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= utf8.count else { return nil }
            var value = 0
            for _ in 0..<digits {
                let c = utf8[i]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
                i += 1
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < utf8.count, utf8[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2) else {
            return nil
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = 0.0
        var offset = 0
        if i < utf8.count {
            guard expect(0x54), let hour = number(2), expect(0x3A), let minute = number(2) else { return nil }
            var second = 0.0
            if expect(0x3A) {
                guard let s = number(2) else { return nil }
                second = Double(s)
                if expect(0x2E) || expect(0x2C) {
                    var scale = 0.1
                    var digits = 0
                    while i < utf8.count, utf8[i] >= 48, utf8[i] <= 57, digits < 9 {
                        second += Double(utf8[i] - 48) * scale
                        scale /= 10
                        i += 1
                        digits += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
            guard hour <= 24, minute < 60, second < 61 else { return nil }
            seconds = Double(hour * 3600 + minute * 60) + second
            if i < utf8.count {
                if expect(0x5A) {
                    offset = 0
                } else {
                    let sign: Int
                    if expect(0x2B) { sign = 1 } else if expect(0x2D) { sign = -1 } else { return nil }
                    guard let oh = number(2) else { return nil }
                    _ = expect(0x3A)
                    guard let om = number(2), oh < 24, om < 60 else { return nil }
                    offset = sign * (oh * 3600 + om * 60)
                }
            }
            guard i == utf8.count else { return nil }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days) * 86_400 + seconds - Double(offset))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
