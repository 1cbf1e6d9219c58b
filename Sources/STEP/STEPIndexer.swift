/// The single index pass: finds every `#id=TYPE(…);`, its type and where its arguments
/// start, reads the HEADER, and records syntax problems. Arguments are not decoded.
///
/// Hot loop rules: bytes only, no allocation per instance, every loop advances.
struct STEPIndexer {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    let options: STEPReadOptions

    var ids = STEPIDColumn()
    /// Type code per instance; `complexFlag` marks `#1=(A()B());` instances. Two bytes: the
    /// interner caps distinct names below the flag bit.
    var typeCodes: [UInt16] = []
    /// Offset of the `(` opening the argument list (the outer one for complex instances).
    var argStarts = STEPOffsetColumn()
    var interner = STEPTypeInterner()
    var header = STEPHeader()
    var diagnostics: [STEPRawDiagnostic] = []
    var suppressedDiagnostics = 0
    var dataSectionCount = 0

    static let complexFlag: UInt16 = 1 << 15

    /// Bytes that matter inside an argument list: " # ' ( ) / ;
    private static let bodyMask: UInt64 =
        (1 << 0x22) | (1 << 0x23) | (1 << 0x27) | (1 << 0x28) | (1 << 0x29) | (1 << 0x2F) | (1 << 0x3B)
    /// Bytes that matter inside a string: ' CR LF
    private static let stringMask: UInt64 = (1 << 0x27) | (1 << 0x0D) | (1 << 0x0A)

    init(_ p: UnsafeBufferPointer<UInt8>, options: STEPReadOptions) {
        self.p = p
        self.n = p.count
        self.options = options
    }

    private enum Section { case preamble, afterMagic, header, between, data, other, end }

    // MARK: Top level

    mutating func run() {
        // Typical IFC instances are 40–70 bytes; reserving avoids repeated regrowth.
        let guess = min(n / 56 + 16, 1 << 26)
        ids.reserveCapacity(guess)
        typeCodes.reserveCapacity(guess)
        argStarts.reserveCapacity(guess)
        var i = 0
        var section = Section.preamble
        var sawMagic = false
        var sawEnd = false
        var openSectionAt = 0
        // Skip a UTF-8 byte order mark, which some writers emit.
        if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
        while i < n {
            let before = i
            i = skipTrivia(i)
            if i >= n { break }
            let c = p[i]
            if c == 0x23 {  // '#'
                if section == .data {
                    i = indexInstance(i)
                } else {
                    i = recover(from: i + 1, at: i, .error, "instance outside a DATA section")
                }
            } else if isKeywordStart(c) {
                let kwStart = i
                var j = i
                while j < n, isKeywordChar(p[j]) || p[j] == 0x2D { j += 1 }
                switch keyword(kwStart, j) {
                case .iso:
                    if sawMagic || section != .preamble {
                        note(.warning, kwStart, "repeated 'ISO-10303-21;'")
                    }
                    sawMagic = true
                    section = .afterMagic
                    i = expectSemicolon(j, after: "ISO-10303-21")
                case .header:
                    if !sawMagic, section == .preamble {
                        note(.error, kwStart, "missing 'ISO-10303-21;' at the start of the file")
                        sawMagic = true
                    }
                    if section == .header || section == .data {
                        note(.error, kwStart, "missing 'ENDSEC;' before HEADER")
                    }
                    section = .header
                    openSectionAt = kwStart
                    i = expectSemicolon(j, after: "HEADER")
                case .data:
                    if !sawMagic, section == .preamble {
                        note(.error, kwStart, "missing 'ISO-10303-21;' at the start of the file")
                        sawMagic = true
                    }
                    if section == .header || section == .data {
                        note(.error, kwStart, "missing 'ENDSEC;' before DATA")
                    }
                    section = .data
                    openSectionAt = kwStart
                    dataSectionCount += 1
                    var k = skipTrivia(j)
                    if k < n, p[k] == 0x28 {  // DATA('name',('SCHEMA')); (edition 3)
                        switch scanBody(k) {
                        case .closed(let end): k = end
                        case .broken(let at, let message, let resume):
                            note(.error, at, message)
                            k = resume
                        }
                    }
                    i = expectSemicolon(k, after: "DATA")
                case .endsec:
                    if section != .header, section != .data, section != .other {
                        note(.warning, kwStart, "'ENDSEC;' without an open section")
                    }
                    section = .between
                    i = expectSemicolon(j, after: "ENDSEC")
                case .end:
                    if section == .header || section == .data || section == .other {
                        note(.error, kwStart, "missing 'ENDSEC;' before 'END-ISO-10303-21;'")
                    }
                    section = .end
                    sawEnd = true
                    i = expectSemicolon(j, after: "END-ISO-10303-21")
                    // Anything after the terminator (signatures, padding) is not ours to read.
                    i = n
                case .otherSection:
                    // ANCHOR / REFERENCE / SIGNATURE sections (edition 3): not used by IFC.
                    note(.info, kwStart, "skipped a \(String(decoding: UnsafeBufferPointer(rebasing: p[kwStart..<j]), as: UTF8.self)) section")
                    section = .other
                    i = j
                case .none:
                    switch section {
                    case .header:
                        i = parseHeaderEntity(kwStart, j)
                    case .afterMagic where j - kwStart <= 16 && isHeaderEntityName(kwStart, j):
                        note(.error, kwStart, "missing 'HEADER;' before header entities")
                        section = .header
                        i = parseHeaderEntity(kwStart, j)
                    case .other:
                        i = recover(from: j, at: kwStart, nil, "")
                    case .preamble:
                        note(.error, kwStart, "not a STEP file: expected 'ISO-10303-21;'")
                        sawMagic = true
                        section = .afterMagic
                        i = recover(from: j, at: kwStart, nil, "")
                    default:
                        i = recover(from: j, at: kwStart, .error, "unexpected keyword where an instance was expected")
                    }
                }
            } else if section == .other {
                i = recover(from: i + 1, at: i, nil, "")
            } else {
                i = recover(from: i + 1, at: i, .error, "unexpected character \(describe(c))")
            }
            if i <= before { i = before + 1 }  // guaranteed progress on any input
        }
        if !sawMagic {
            note(.error, 0, n == 0 ? "empty input" : "not a STEP file: expected 'ISO-10303-21;'")
        }
        if section == .header || section == .data || section == .other {
            note(.error, n, "missing 'ENDSEC;' at end of file (section opened at byte \(openSectionAt))")
        }
        if !sawEnd, n > 0 {
            note(.error, n, "missing 'END-ISO-10303-21;' at end of file (truncated?)")
        }
        if dataSectionCount == 0, n > 0 {
            note(.warning, n, "no DATA section")
        }
    }

    // MARK: Instances

    /// Reads `#id = TYPE(args);` starting at `h` (a `#`), returns where to continue.
    private mutating func indexInstance(_ h: Int) -> Int {
        var i = h + 1
        var id = 0
        let digitStart = i
        while i < n {
            let d = p[i] &- 0x30
            if d > 9 { break }
            if i - digitStart < 18 { id = id &* 10 &+ Int(d) }
            i += 1
        }
        let digits = i - digitStart
        if digits == 0 {
            return recover(from: i, at: h, .error, "expected digits after '#'")
        }
        if digits > 18 {
            return recover(from: i, at: h, .error, "instance id has more than 18 digits")
        }
        i = skipTrivia(i)
        guard i < n, p[i] == 0x3D else {  // '='
            return recover(from: i, at: i, .error, "expected '=' after #\(id)", instance: id)
        }
        i = skipTrivia(i + 1)
        guard i < n else {
            note(.error, h, "instance #\(id) truncated at end of file", instance: id)
            return n
        }
        var code: UInt32 = 0
        let open: Int
        let isComplex = p[i] == 0x28
        if isComplex {
            open = i
        } else {
            let nameStart = i
            if p[i] == 0x21 { i += 1 }  // '!' user-defined entity
            var lowercase: UInt8 = 0
            while i < n {
                let c = p[i]
                guard isKeywordChar(c) else { break }
                lowercase |= c & (c << 1)  // bit 6 set only for 'a'...'z' among name bytes
                i += 1
            }
            if i == nameStart || (i == nameStart + 1 && p[nameStart] == 0x21) {
                return recover(from: i, at: i, .error, "expected an entity type name after #\(id)=", instance: id)
            }
            guard let c = internName(nameStart, i, lowercase: lowercase & 0x40 != 0) else {
                return recover(from: i, at: nameStart, .error, "too many distinct entity types (or colliding type names)", instance: id)
            }
            code = c
            i = skipTrivia(i)
            guard i < n, p[i] == 0x28 else {
                return recover(from: i, at: i, .error, "expected '(' after the type name of #\(id)", instance: id)
            }
            open = i
        }
        let end: Int
        switch scanBody(open) {
        case .closed(let e): end = e
        case .broken(let at, let message, let resume):
            note(.error, at, "\(message); instance #\(id) skipped", instance: id)
            return resume
        }
        if isComplex {
            // The type code of a complex instance names its parts in order ("A+B").
            guard let c = complexCode(open, end) else {
                return recover(from: end, at: open, .error, "complex instance #\(id) is not a list of TYPE(...) parts; instance skipped", instance: id)
            }
            code = c | UInt32(Self.complexFlag)
        }
        ids.append(id)
        typeCodes.append(UInt16(truncatingIfNeeded: code))
        argStarts.append(open)
        let k = skipTrivia(end)
        if k < n, p[k] == 0x3B { return k + 1 }
        if k >= n {
            note(.error, n, "missing ';' after instance #\(id) at end of file", instance: id)
            return n
        }
        if p[k] == 0x23 {
            note(.error, k, "missing ';' after instance #\(id)", instance: id)
            return k
        }
        return recover(from: k, at: k, .error, "expected ';' after instance #\(id)", instance: id)
    }

    /// STEP names are uppercase; lowercase ones (seen in hand-written files) are folded.
    @inline(__always)
    private mutating func internName(_ start: Int, _ end: Int, lowercase lower: Bool) -> UInt32? {
        let code: UInt32?
        if lower {
            let upper = (start..<end).map { p[$0] >= 0x61 && p[$0] <= 0x7A ? p[$0] - 0x20 : p[$0] }
            code = interner.intern(upper)
        } else {
            code = interner.intern(p, start, end)
        }
        return code
    }

    /// Interns "A+B+C" for a complex instance whose outer group is `open..<end`.
    private mutating func complexCode(_ open: Int, _ end: Int) -> UInt32? {
        var name: [UInt8] = []
        var i = open + 1
        var parts = 0
        while i < end - 1 {
            i = skipTrivia(i)
            guard i < end - 1 else { break }
            let s = i
            while i < end, isKeywordChar(p[i]) { i += 1 }
            guard i > s else { return nil }
            if parts > 0 { name.append(0x2B) }
            for k in s..<i { name.append(p[k] >= 0x61 && p[k] <= 0x7A ? p[k] - 0x20 : p[k]) }
            parts += 1
            i = skipTrivia(i)
            guard i < end, p[i] == 0x28 else { return nil }
            switch scanBody(i) {
            case .closed(let e): i = e
            case .broken: return nil
            }
        }
        guard parts > 0 else { return nil }
        return interner.intern(name)
    }

    // MARK: Scanning helpers

    enum BodyScan {
        /// Index just after the matching `)`.
        case closed(Int)
        case broken(at: Int, message: String, resume: Int)
    }

    /// Scans from the `(` at `start` to its matching `)`, skipping strings, binaries and
    /// comments. Detects a following instance (`#12=`) inside the group, which means the
    /// writer lost a `)` or `;`, so one broken instance does not swallow the rest.
    func scanBody(_ start: Int) -> BodyScan {
        var i = start + 1
        var depth = 1
        while i < n {
            let c = p[i]
            if c >= 64 || (Self.bodyMask &>> UInt64(c)) & 1 == 0 {
                i &+= 1
                continue
            }
            switch c {
            case 0x28:
                depth += 1
                i += 1
            case 0x29:
                depth -= 1
                i += 1
                if depth == 0 { return .closed(i) }
            case 0x27:
                switch skipString(i) {
                case .success(let e): i = e
                case .failure(let resume):
                    return .broken(at: i, message: "unterminated string", resume: resume)
                }
            case 0x22:
                var j = i + 1
                while j < n, p[j] != 0x22, p[j] != 0x0A, p[j] != 0x0D { j += 1 }
                if j >= n || p[j] != 0x22 {
                    return .broken(at: i, message: "unterminated binary literal", resume: recoveryPoint(j))
                }
                i = j + 1
            case 0x2F:
                if i + 1 < n, p[i + 1] == 0x2A {
                    guard let e = commentEnd(i) else {
                        return .broken(at: i, message: "unterminated comment", resume: n)
                    }
                    i = e
                } else {
                    i += 1
                }
            case 0x3B:
                return .broken(at: i, message: "';' inside an argument list (missing ')')", resume: i + 1)
            default:  // '#'
                let (isHead, after) = instanceHead(i)
                if isHead {
                    return .broken(at: i, message: "missing ')' and ';' before the next instance", resume: i)
                }
                i = after
            }
        }
        return .broken(at: start, message: "argument list not closed before end of file", resume: n)
    }

    enum StringScan { case success(Int), failure(resume: Int) }

    /// Skips the string whose opening quote is at `q`; returns the index after its close.
    func skipString(_ q: Int) -> StringScan {
        var j = q + 1
        while j < n {
            let c = p[j]
            if c >= 64 || (Self.stringMask &>> UInt64(c)) & 1 == 0 {
                j &+= 1
                continue
            }
            if c == 0x27 {
                // `\S\'` is an escaped quote + 128 (ISO 10303-21 §6.4.3.2), not the end.
                if j - 3 > q, p[j - 1] == 0x5C, p[j - 2] == 0x53, p[j - 3] == 0x5C {
                    j += 1
                    continue
                }
                if j + 1 < n, p[j + 1] == 0x27 {
                    j += 2
                    continue
                }
                return .success(j + 1)
            }
            // A line break inside a string is legal, but one followed by `#12=` means the
            // closing quote is missing: stop there instead of swallowing the file.
            var k = j + 1
            while k < n, p[k] == 0x0A || p[k] == 0x0D { k += 1 }
            if k < n, p[k] == 0x23, instanceHead(k).0 { return .failure(resume: k) }
            j = k
        }
        return .failure(resume: n)
    }

    /// Whether `#digits [ws] =` starts at `h`; also returns the index after the digits.
    func instanceHead(_ h: Int) -> (Bool, Int) {
        var k = h + 1
        while k < n, p[k] &- 0x30 <= 9 { k += 1 }
        let afterDigits = k
        if k == h + 1 { return (false, afterDigits) }
        while k < n, p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0A || p[k] == 0x0D { k += 1 }
        return (k < n && p[k] == 0x3D, afterDigits)
    }

    /// Index after the `*/` closing the comment at `i`, or nil if unterminated.
    func commentEnd(_ i: Int) -> Int? {
        var j = i + 2
        while j + 1 < n {
            if p[j] == 0x2A, p[j + 1] == 0x2F { return j + 2 }
            j += 1
        }
        return nil
    }

    /// Skips whitespace and comments; an unterminated comment ends the input.
    @inline(__always)
    mutating func skipTrivia(_ start: Int) -> Int {
        // Common case first: already at a token (anything above space except '/').
        if start < n, p[start] > 0x20, p[start] != 0x2F { return start }
        return skipTriviaSlow(start)
    }

    private mutating func skipTriviaSlow(_ start: Int) -> Int {
        var i = start
        while i < n {
            let c = p[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x0B {
                i += 1
            } else if c == 0x2F, i + 1 < n, p[i + 1] == 0x2A {
                guard let e = commentEnd(i) else {
                    note(.error, i, "unterminated comment")
                    return n
                }
                i = e
            } else {
                break
            }
        }
        return i
    }

    /// Where to resume after an error at `i`: just after the next `;`, or at a `#` that
    /// starts a line, whichever comes first.
    func recoveryPoint(_ i: Int) -> Int {
        var j = max(i, 0)
        while j < n {
            let c = p[j]
            if c == 0x3B { return j + 1 }
            if c == 0x23, j > 0, p[j - 1] == 0x0A || p[j - 1] == 0x0D { return j }
            j += 1
        }
        return n
    }

    /// Records a diagnostic (unless `severity` is nil) and skips to the next instance.
    private mutating func recover(
        from i: Int, at position: Int, _ severity: STEPDiagnostic.Severity?, _ message: String,
        instance: Int? = nil
    ) -> Int {
        let r = recoveryPoint(i)
        if let severity {
            let skipped = r - position
            note(severity, position, skipped > 0 ? "\(message); skipped \(skipped) bytes" : message, instance: instance)
        }
        return r
    }

    private mutating func expectSemicolon(_ i: Int, after what: String) -> Int {
        let k = skipTrivia(i)
        if k < n, p[k] == 0x3B { return k + 1 }
        note(.error, k, "expected ';' after \(what)")
        return k
    }

    mutating func note(_ severity: STEPDiagnostic.Severity, _ offset: Int, _ message: String, instance: Int? = nil) {
        if diagnostics.count >= options.maxDiagnostics {
            suppressedDiagnostics += 1
            return
        }
        diagnostics.append(STEPRawDiagnostic(severity: severity, offset: offset, message: message, instance: instance))
    }

    private func describe(_ c: UInt8) -> String {
        c >= 0x21 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : "0x" + String(c, radix: 16, uppercase: true)
    }

    @inline(__always) func isKeywordStart(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c == 0x5F || c == 0x21
    }

    @inline(__always) func isKeywordChar(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 || c == 0x5F
    }

    // MARK: Keywords and header

    private enum Keyword { case iso, header, data, endsec, end, otherSection }

    private func keyword(_ s: Int, _ e: Int) -> Keyword? {
        let len = e - s
        func eq(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == len else { return false }
            return word.withUTF8Buffer { w in
                for k in 0..<len where w[k] != p[s + k] { return false }
                return true
            }
        }
        switch len {
        case 4: return eq("DATA") ? .data : nil
        case 6:
            if eq("HEADER") { return .header }
            if eq("ENDSEC") { return .endsec }
            if eq("ANCHOR") { return .otherSection }
            return nil
        case 9: return eq("SIGNATURE") || eq("REFERENCE") ? .otherSection : nil
        case 12: return eq("ISO-10303-21") ? .iso : nil
        case 16: return eq("END-ISO-10303-21") ? .end : nil
        default: return nil
        }
    }

    private func isHeaderEntityName(_ s: Int, _ e: Int) -> Bool {
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[s..<e]), as: UTF8.self)
        return name == "FILE_DESCRIPTION" || name == "FILE_NAME" || name == "FILE_SCHEMA"
    }

    /// Reads `NAME(args);` in the HEADER section and fills `header`.
    private mutating func parseHeaderEntity(_ s: Int, _ e: Int) -> Int {
        let name = String(decoding: UnsafeBufferPointer(rebasing: p[s..<e]), as: UTF8.self).uppercased()
        var i = skipTrivia(e)
        guard i < n, p[i] == 0x28 else {
            return recover(from: i, at: i, .error, "expected '(' after header entity \(name)")
        }
        let open = i
        switch scanBody(open) {
        case .closed(let end): i = end
        case .broken(let at, let message, let resume):
            note(.error, at, "\(message) in header entity \(name)")
            return resume
        }
        var decoder = STEPValueDecoder(p, maxDepth: options.maxNestingDepth)
        let values = decoder.decodeArguments(at: open)
        for d in decoder.diagnostics { note(d.severity, d.offset, d.message) }
        header.entities.append(STEPHeaderEntity(typeName: name, arguments: values))
        func str(_ k: Int) -> String { values.count > k ? values[k].asString ?? "" : "" }
        func strs(_ k: Int) -> [String] {
            guard values.count > k else { return [] }
            if let list = values[k].asList { return list.compactMap(\.asString) }
            return values[k].asString.map { [$0] } ?? []
        }
        switch name {
        case "FILE_DESCRIPTION":
            header.description = strs(0)
            header.implementationLevel = str(1)
        case "FILE_NAME":
            header.name = str(0)
            header.timeStamp = str(1)
            header.author = strs(2)
            header.organization = strs(3)
            header.preprocessorVersion = str(4)
            header.originatingSystem = str(5)
            header.authorization = str(6)
        case "FILE_SCHEMA":
            header.schemaIdentifiers = strs(0)
        default:
            break
        }
        return expectSemicolon(i, after: name)
    }
}
