import IFCSchema
import STEP

extension IFCModel {
    /// Indexes every attribute that some INVERSE declaration reads, for relationships and type objects.
    ///
    /// Why only those: they carry all the semantic links (aggregation, containment, typing, properties,
    /// groups, associations); indexing geometry back-references too would decode most of the file.
    static func buildInverseIndex(
        file: STEPFile, schema: IFCSchema, entityOfCode: [Int32]
    ) -> (inverse: IFCInverseIndex, forward: IFCForwardIndex, indexed: [[Int]]) {
        let relationship = schema.entityIndex(named: "IfcRelationship") ?? -1
        let typeObject = schema.entityIndex(named: "IfcTypeObject") ?? -1
        var declared = Set<String>()
        var pairs: [(Int, String)] = []
        for e in schema.entities {
            for inv in e.ownInverses {
                guard let t = schema.entityIndex(named: inv.targetEntity) else { continue }
                if declared.insert("\(t).\(inv.targetAttribute)").inserted { pairs.append((t, inv.targetAttribute)) }
            }
        }
        // Attribute positions to index, per schema entity present in the file.
        var present = [Bool](repeating: false, count: schema.entities.count)
        for e in entityOfCode where e >= 0 { present[Int(e)] = true }
        var attrsOfEntity = [[Int]](repeating: [], count: schema.entities.count)
        for e in schema.entities.indices where present[e] {
            guard schema.isSubtype(e, of: relationship) || schema.isSubtype(e, of: typeObject) else { continue }
            var positions: [Int] = []
            for (t, attr) in pairs where schema.isSubtype(e, of: t) {
                if let p = schema.attributeIndex(attr, in: e), !positions.contains(p) { positions.append(p) }
            }
            attrsOfEntity[e] = positions.sorted()
        }
        var targets: [Int32] = []
        var sources: [Int32] = []
        var attributes: [UInt8] = []
        let wanted = entityOfCode.map { e in e >= 0 && !attrsOfEntity[Int(e)].isEmpty }
        for k in file.ordinals(ofTypeCodes: wanted) {
            let positions = attrsOfEntity[Int(entityOfCode[file.typeCode(atOrdinal: k)])]
            let args = file.arguments(atOrdinal: k)
            for p in positions where p < args.count && p < 256 {
                collectReferences(args[p], depth: 0) { ref in
                    if let o = file.ordinal(of: ref) {
                        targets.append(Int32(o))
                        sources.append(Int32(k))
                        attributes.append(UInt8(p))
                    }
                }
            }
        }
        return (IFCInverseIndex(targets: targets, sources: sources, attributes: attributes),
                IFCForwardIndex(sources: sources, targets: targets, attributes: attributes),
                attrsOfEntity)
    }

    /// Calls `body` for each reference in a value, through lists and typed wrappers (bounded depth).
    static func collectReferences(_ value: STEPValue, depth: Int, _ body: (STEPInstanceID) -> Void) {
        guard depth < 8 else { return }
        switch value {
        case .reference(let r): body(r)
        case .list(let items): for v in items { collectReferences(v, depth: depth + 1, body) }
        case .typed(_, let items): for v in items { collectReferences(v, depth: depth + 1, body) }
        default: break
        }
    }

    /// One linear pass over the bytes that checks every simple instance's top-level argument count
    /// against its entity and every `#ref` inside arguments against the instance index.
    ///
    /// No decoding and no per-instance lookups into the STEP index; a byte-class table and raw pointer
    /// reads keep it a small fraction of the read time on large files.
    static func scanInstances(
        file: STEPFile, schema: IFCSchema, entityOfCode: [Int32]
    ) -> [STEPDiagnostic] {
        var out: [STEPDiagnostic] = []
        var reportedPerEntity = [Int](repeating: 0, count: schema.entities.count)
        var dangling = 0
        let expected = schema.entities.map { $0.attributes.count }
        // 0 other, 1 quote, 2 '(', 3 ')', 4 ',', 5 blank, 6 '#'
        var classes = [UInt8](repeating: 0, count: 256)
        classes[0x27] = 1; classes[0x28] = 2; classes[0x29] = 3; classes[0x2C] = 4
        classes[0x20] = 5; classes[0x09] = 5; classes[0x0A] = 5; classes[0x0D] = 5; classes[0x23] = 6
        let special: UInt64 = (1 << 0x27) | (1 << 0x28) | (1 << 0x29) | (1 << 0x2C) | (1 << 0x23)
        let blanks: UInt64 = (1 << 0x20) | (1 << 0x09) | (1 << 0x0A) | (1 << 0x0D)
        let bytes = file.bytes
        bytes.withUnsafeBufferPointer { buffer in
            guard let p = buffer.baseAddress else { return }
            let n = buffer.count
            @inline(__always) func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            var i = 0
            while i < n {
                let c = p[i]
                if c == 0x2F, i + 1 < n, p[i + 1] == 0x2A {  // /* comment */
                    i += 2
                    while i + 1 < n, !(p[i] == 0x2A && p[i + 1] == 0x2F) { i += 1 }
                    i += 2
                    continue
                }
                if c == 0x27 {  // a string outside an instance (header): skip it whole
                    i += 1
                    while i < n {
                        if p[i] == 0x27 { if i + 1 < n, p[i + 1] == 0x27 { i += 2; continue }; break }
                        i += 1
                    }
                    i += 1
                    continue
                }
                guard c == 0x23 else { i += 1; continue }  // '#'
                var k = i + 1
                var id = 0
                while k < n, p[k] &- 0x30 <= 9, k - i <= 18 { id = id &* 10 &+ Int(p[k] &- 0x30); k += 1 }
                while k < n, isBlank(p[k]) { k += 1 }
                guard k > i + 1, k < n, p[k] == 0x3D else { i = max(k, i + 1); continue }  // '='
                k += 1
                while k < n, isBlank(p[k]) { k += 1 }
                let nameStart = k
                while k < n, (p[k] &- 0x41 <= 25) || (p[k] &- 0x30 <= 9) || p[k] == 0x5F || (p[k] &- 0x61 <= 25) { k += 1 }
                let hasName = k > nameStart
                while k < n, isBlank(p[k]) { k += 1 }
                guard hasName, k < n, p[k] == 0x28 else { i = k; continue }  // complex instances: '(' right after '='
                let open = k
                var depth = 0
                var commas = 0
                var sawToken = false
                scan: while k < n {
                    let b = p[k]
                    // Most bytes are neither structure nor a quote: skip them with one mask test.
                    if b >= 64 || (special &>> UInt64(b)) & 1 == 0 {
                        if !sawToken, b >= 64 || (blanks &>> UInt64(b)) & 1 == 0 { sawToken = true }
                        k += 1
                        continue
                    }
                    switch classes[Int(b)] {
                    case 1:
                        sawToken = true
                        k += 1
                        while k < n {
                            if p[k] == 0x27 { if k + 1 < n, p[k + 1] == 0x27 { k += 2; continue }; break }
                            k += 1
                        }
                    case 2:
                        depth += 1
                        if depth > 1 { sawToken = true }
                    case 3:
                        depth -= 1
                        if depth == 0 { break scan }
                    case 4:
                        if depth == 1 { commas += 1 }
                    case 6:
                        sawToken = true
                        var r = k + 1
                        var ref = 0
                        while r < n, p[r] &- 0x30 <= 9, r - k <= 18 { ref = ref &* 10 &+ Int(p[r] &- 0x30); r += 1 }
                        if r > k + 1, !file.contains(STEPInstanceID(ref)), dangling < 200 {
                            dangling += 1
                            let (line, column) = file.position(ofByteOffset: k)
                            out.append(STEPDiagnostic(
                                severity: .error, line: line, column: column, byteOffset: k,
                                message: "#\(id) refers to #\(ref), which is not defined", instance: STEPInstanceID(id)))
                        }
                        k = r - 1
                    default:
                        break
                    }
                    k += 1
                }
                i = k + 1
                guard let code = file.typeCode(of: STEPInstanceID(id)) else { continue }
                let e = Int(entityOfCode[code])
                guard e >= 0, reportedPerEntity[e] < 3, out.count < 1000 else { continue }
                let count = sawToken || commas > 0 ? commas + 1 : 0
                if count != expected[e] {
                    reportedPerEntity[e] += 1
                    let (line, column) = file.position(ofByteOffset: open)
                    out.append(STEPDiagnostic(
                        severity: .error, line: line, column: column, byteOffset: open,
                        message: "#\(id) \(schema.entities[e].name) has \(count) arguments; \(schema.id.rawValue) expects \(expected[e])",
                        instance: STEPInstanceID(id)))
                }
            }
        }
        return out
    }
}
