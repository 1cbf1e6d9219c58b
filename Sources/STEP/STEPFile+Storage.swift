extension STEPFile {
    /// The immutable index shared by all copies of a `STEPFile`.
    ///
    /// A class so copying a `STEPFile` never copies the arrays; all stored properties are
    /// `let`s of `Sendable` types, so it is `Sendable` without any unchecked promise.
    final class Storage: Sendable {
        let bytes: [UInt8]
        let ids: STEPIDColumn
        let typeCodes: [UInt16]
        let argStarts: STEPOffsetColumn
        let lookup: STEPSlotLookup
        let entityTypes: [String]
        let codeByName: [String: Int]
        let header: STEPHeader
        let diagnostics: [STEPDiagnostic]
        let dataSectionCount: Int
        let lines: STEPLineTable
        let options: STEPReadOptions

        init(bytes: [UInt8], options: STEPReadOptions) {
            var indexer = bytes.withUnsafeBufferPointer { p in
                var indexer = STEPIndexer(p, options: options)
                indexer.run()
                return indexer
            }
            var (lookup, duplicates) = STEPSlotLookup.build(ids: indexer.ids)
            var raw = indexer.diagnostics
            if !duplicates.isEmpty {
                // Keep the first definition of an id; drop (and report) the later ones, so every
                // lookup path (dense, sorted, hashed) answers the same instance.
                var keptIDs = STEPIDColumn()
                var keptCodes: [UInt16] = []
                var keptStarts = STEPOffsetColumn()
                let kept = indexer.ids.count - duplicates.count
                keptIDs.reserveCapacity(kept)
                keptCodes.reserveCapacity(kept)
                keptStarts.reserveCapacity(kept)
                var next = 0  // duplicates are in ascending slot order
                for k in 0..<indexer.ids.count {
                    if next < duplicates.count, duplicates[next] == k {
                        next += 1
                        guard raw.count < options.maxDiagnostics else {
                            indexer.suppressedDiagnostics += 1
                            continue
                        }
                        let start = Self.instanceStart(bytes, argStart: indexer.argStarts[k])
                        raw.append(STEPRawDiagnostic(
                            severity: .error, offset: start,
                            message: "duplicate instance #\(indexer.ids[k]); the first definition is kept",
                            instance: indexer.ids[k]))
                    } else {
                        keptIDs.append(indexer.ids[k])
                        keptCodes.append(indexer.typeCodes[k])
                        keptStarts.append(indexer.argStarts[k])
                    }
                }
                indexer.ids = keptIDs
                indexer.typeCodes = keptCodes
                indexer.argStarts = keptStarts
                lookup = STEPSlotLookup.build(ids: keptIDs).0
                raw.sort { $0.offset < $1.offset }
            }
            self.bytes = bytes
            self.ids = indexer.ids
            self.typeCodes = indexer.typeCodes
            self.argStarts = indexer.argStarts
            self.lookup = lookup
            self.entityTypes = indexer.interner.names
            var byName: [String: Int] = [:]
            for (code, name) in indexer.interner.names.enumerated() { byName[name] = code }
            self.codeByName = byName
            self.header = indexer.header
            self.dataSectionCount = indexer.dataSectionCount
            self.options = options
            let lines = STEPLineTable(bytes: bytes)
            self.lines = lines
            var positioned = raw.map { d in
                let (line, column) = lines.position(of: d.offset)
                return STEPDiagnostic(
                    severity: d.severity, line: line, column: column, byteOffset: d.offset, message: d.message,
                    instance: d.instance.map(STEPInstanceID.init))
            }
            if indexer.suppressedDiagnostics > 0 {
                let (line, column) = lines.position(of: bytes.count)
                positioned.append(STEPDiagnostic(
                    severity: .warning, line: line, column: column, byteOffset: bytes.count,
                    message: "\(indexer.suppressedDiagnostics) further diagnostics suppressed"))
            }
            self.diagnostics = positioned
        }

        @inline(__always) func slot(of id: Int) -> Int? {
            lookup.slot(of: id, ids: ids)
        }

        func instanceStart(slot: Int) -> Int {
            Self.instanceStart(bytes, argStart: argStarts[slot])
        }

        /// Finds the `#` of an instance by scanning back from its argument list; only the
        /// type name, `=`, the id and blanks lie between, so this is short and bounded.
        static func instanceStart(_ bytes: [UInt8], argStart: Int) -> Int {
            var k = argStart
            let limit = max(0, argStart - 4096)
            while k > limit {
                k -= 1
                if bytes[k] == 0x23 { return k }
            }
            return argStart
        }

        func argumentRange(slot: Int) -> Range<Int> {
            let start = argStarts[slot]
            return bytes.withUnsafeBufferPointer { p in
                let scanner = STEPIndexer(p, options: options)
                switch scanner.scanBody(start) {
                case .closed(let end): return start..<end
                case .broken: return start..<p.count
                }
            }
        }

        func decodeArguments(slot: Int, id: Int) -> STEPArguments {
            let complex = typeCodes[slot] & STEPIndexer.complexFlag != 0
            let start = argStarts[slot]
            return bytes.withUnsafeBufferPointer { p in
                var decoder = STEPValueDecoder(p, maxDepth: options.maxNestingDepth)
                let values = complex ? decoder.decodeComplex(at: start) : decoder.decodeArguments(at: start)
                let problems = decoder.diagnostics.map { d in
                    let (line, column) = lines.position(of: d.offset)
                    return STEPDiagnostic(
                        severity: d.severity, line: line, column: column, byteOffset: d.offset,
                        message: d.message, instance: STEPInstanceID(id))
                }
                return STEPArguments(values: values, isComplex: complex, diagnostics: problems)
            }
        }
    }
}
