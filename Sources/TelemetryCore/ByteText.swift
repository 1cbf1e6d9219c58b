/// Small byte-level text helpers shared by the decoders.
enum ByteText {
    /// Input quoted for a message: at most 40 bytes, control characters, quotes, backslashes and
    /// anything not valid UTF-8 escaped, so a hostile payload cannot forge log lines.
    static func quoted(_ raw: UnsafeRawBufferPointer) -> String {
        var out = "\""
        let shown = min(raw.count, 40)
        var i = 0
        while i < shown {
            let b = raw[i]
            if b < 0x80 {
                switch b {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(b))
                default: out += "\\x" + hex(b)
                }
                i += 1
                continue
            }
            let n = utf8SequenceLength(raw, i, raw.count)
            if n > 0, i + n <= shown {
                out += String(decoding: UnsafeRawBufferPointer(rebasing: raw[i..<(i + n)]), as: UTF8.self)
                i += n
            } else if n > 0 {
                break
            } else {
                out += "\\x" + hex(b)
                i += 1
            }
        }
        out += raw.count > i ? "…\"" : "\""
        return out
    }

    static func quoted(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { quoted($0) } }

    static func hex(_ b: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    /// `raw` equals the lower-case ASCII `word`, ignoring ASCII case.
    static func equalsFolded(_ raw: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard raw.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<raw.count {
            let b = raw[i]
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if lower != w[i] { return false }
        }
        return true
    }

    /// Length of the well-formed UTF-8 sequence starting at `i` (1…4), or 0 if it is not one.
    @inline(__always)
    static func utf8SequenceLength(_ raw: UnsafeRawBufferPointer, _ i: Int, _ end: Int) -> Int {
        let b0 = raw[i]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int) -> Bool { k < end && raw[k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : 0
        case 0xE0...0xEF:
            guard i + 2 < end, cont(i + 1), cont(i + 2) else { return 0 }
            let b1 = raw[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
            if b0 == 0xED && b1 > 0x9F { return 0 }  // surrogates
            return 3
        case 0xF0...0xF4:
            guard i + 3 < end, cont(i + 1), cont(i + 2), cont(i + 3) else { return 0 }
            let b1 = raw[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }  // overlong
            if b0 == 0xF4 && b1 > 0x8F { return 0 }  // beyond U+10FFFF
            return 4
        default:
            return 0
        }
    }

    static func isValidUTF8(_ raw: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let end = raw.count
        while i < end {
            if raw[i] < 0x80 { i += 1; continue }
            let n = utf8SequenceLength(raw, i, end)
            if n == 0 { return false }
            i += n
        }
        return true
    }

    /// Whether the bytes hold an ASCII control character (C0 or DEL), which no key may contain.
    static func containsControl(_ raw: UnsafeRawBufferPointer) -> Bool {
        for b in raw where b < 0x20 || b == 0x7F { return true }
        return false
    }
}

extension ByteText {
    static func bytesEqual(_ raw: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard raw.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<raw.count where raw[i] != w[i] { return false }
        return true
    }
}
