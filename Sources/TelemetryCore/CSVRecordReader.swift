#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One field of a CSV record: its content range (inside the quotes, if quoted).
struct CSVField {
    /// Where the cell begins (its opening quote, if quoted), for positions in errors.
    var origin: Int
    var start: Int
    var end: Int
    /// Holds `""` pairs that stand for one quote.
    var hasDoubledQuotes: Bool
}

/// RFC 4180 record splitting on bytes: comma separated, records end at LF or CRLF, fields may be
/// quoted with `""` for a quote inside, and quoted fields may span lines. Malformed quoting is
/// reported per record and reading resumes at the next line, except an unterminated quote, which
/// runs to the end of the input.
struct CSVRecordReader {
    let p: UnsafePointer<UInt8>
    let end: Int
    var pos = 0
    var fields: [CSVField] = []
    /// Fields in the last record (``fields`` keeps at most `maxFields + 1`).
    var fieldCount = 0
    /// More fields than any header can use; the rest of the record is still consumed.
    static let maxFields = 64

    init(base: UnsafePointer<UInt8>, count: Int) {
        p = base
        end = count
        fields.reserveCapacity(Self.maxFields)
    }

    var atEnd: Bool { pos >= end }

    /// Reads the record at `pos` into `fields`; returns the first quoting problem, if any.
    mutating func readRecord() -> (offset: Int, message: String)? {
        fields.removeAll(keepingCapacity: true)
        var problem: (offset: Int, message: String)?
        fieldCount = 0
        while true {
            var field: CSVField
            if pos < end && p[pos] == 0x22 {
                let open = pos
                var i = pos + 1
                var doubled = false
                var closed = false
                while i < end {
                    guard let hit = memchr(p + i, 0x22, end - i) else {
                        i = end
                        break
                    }
                    i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p
                    if i + 1 < end && p[i + 1] == 0x22 {
                        doubled = true
                        i += 2
                        continue
                    }
                    closed = true
                    break
                }
                guard closed else {
                    pos = end
                    fields.append(CSVField(origin: open, start: open + 1, end: end, hasDoubledQuotes: doubled))
                    return problem ?? (open, "unterminated quoted field")
                }
                field = CSVField(origin: open, start: open + 1, end: i, hasDoubledQuotes: doubled)
                pos = i + 1
                if pos < end {
                    let c = p[pos]
                    let crlf = c == 0x0D && pos + 1 < end && p[pos + 1] == 0x0A
                    if c != 0x2C && c != 0x0A && !crlf && !(c == 0x0D && pos + 1 == end) {
                        if problem == nil { problem = (pos, "unexpected text after a closing quote") }
                        skipLine()
                        appendField(field)
                        return problem
                    }
                }
            } else {
                var i = pos
                while i < end {
                    let c = p[i]
                    if c == 0x2C || c == 0x0A { break }
                    if c == 0x22 && problem == nil { problem = (i, "quote inside an unquoted field; quote the whole field") }
                    i += 1
                }
                var fieldEnd = i
                if fieldEnd > pos && p[fieldEnd - 1] == 0x0D && (i == end || p[i] == 0x0A) { fieldEnd -= 1 }
                field = CSVField(origin: pos, start: pos, end: fieldEnd, hasDoubledQuotes: false)
                pos = i
            }
            appendField(field)
            if pos < end && p[pos] == 0x2C {
                pos += 1
                continue
            }
            if pos < end && p[pos] == 0x0D { pos += 1 }
            if pos < end && p[pos] == 0x0A { pos += 1 }
            return problem
        }
    }

    @inline(__always)
    mutating func appendField(_ field: CSVField) {
        fieldCount += 1
        if fields.count < Self.maxFields + 1 { fields.append(field) }
    }

    mutating func skipLine() {
        if let hit = memchr(p + pos, 0x0A, end - pos) {
            pos = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p + 1
        } else {
            pos = end
        }
    }
}
