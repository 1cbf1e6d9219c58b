extension STEPFile {
    /// Reports every `#ref` that names no instance, and every argument list that does not
    /// decode cleanly. Scans bytes directly (no value decoding), so it is cheap enough to
    /// run on every import.
    public func validateReferences() -> [STEPDiagnostic] {
        var problems: [STEPDiagnostic] = []
        let s = storage
        s.bytes.withUnsafeBufferPointer { p in
            let scanner = STEPIndexer(p, options: s.options)
            for slot in 0..<s.ids.count {
                let start = s.argStarts[slot]
                var i = start + 1
                var depth = 1
                while i < p.count, depth > 0 {
                    let c = p[i]
                    switch c {
                    case 0x28: depth += 1; i += 1
                    case 0x29: depth -= 1; i += 1
                    case 0x27:
                        if case .success(let e) = scanner.skipString(i) { i = e } else { i = p.count }
                    case 0x2F where i + 1 < p.count && p[i + 1] == 0x2A:
                        i = scanner.commentEnd(i) ?? p.count
                    case 0x22:
                        i += 1
                        while i < p.count, p[i] != 0x22 { i += 1 }
                        i += 1
                    case 0x23:
                        var k = i + 1
                        var id = 0
                        while k < p.count, p[k] &- 0x30 <= 9, k - i <= 18 {
                            id = id &* 10 &+ Int(p[k] &- 0x30)
                            k += 1
                        }
                        if k > i + 1, s.slot(of: id) == nil, problems.count < s.options.maxDiagnostics {
                            let (line, column) = s.lines.position(of: i)
                            problems.append(STEPDiagnostic(
                                severity: .error, line: line, column: column, byteOffset: i,
                                message: "#\(s.ids[slot]) refers to #\(id), which is not defined",
                                instance: STEPInstanceID(s.ids[slot])))
                        }
                        i = max(k, i + 1)
                    default:
                        i += 1
                    }
                }
            }
        }
        return problems
    }
}
