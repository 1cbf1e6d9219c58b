extension STEPFile {
    /// Number of top-level arguments of `id` without decoding them (for a complex instance:
    /// the number of parts), so schema arity checks over a whole model stay cheap.
    public func argumentCount(of id: STEPInstanceID) -> Int? {
        guard let slot = storage.slot(of: id.rawValue) else { return nil }
        let start = storage.argStarts[slot]
        let complex = storage.typeCodes[slot] & STEPIndexer.complexFlag != 0
        return storage.bytes.withUnsafeBufferPointer { p in
            let scanner = STEPIndexer(p, options: storage.options)
            var i = start + 1
            var depth = 1
            var commas = 0
            var parts = 0
            var sawValue = false
            while i < p.count {
                let c = p[i]
                switch c {
                case 0x28:
                    if complex, depth == 1 { parts += 1 }
                    depth += 1
                    i += 1
                case 0x29:
                    depth -= 1
                    i += 1
                    if depth == 0 { return complex ? parts : (sawValue ? commas + 1 : 0) }
                case 0x2C:
                    if depth == 1 { commas += 1 }
                    i += 1
                case 0x27:
                    sawValue = true
                    if case .success(let e) = scanner.skipString(i) { i = e } else { return nil }
                case 0x2F where i + 1 < p.count && p[i + 1] == 0x2A:
                    guard let e = scanner.commentEnd(i) else { return nil }
                    i = e
                case 0x20, 0x09, 0x0A, 0x0D:
                    i += 1
                default:
                    sawValue = true
                    i += 1
                }
            }
            return nil
        }
    }
}
