import IFCSchema
import STEP

extension IFCModel {
    /// Indexes every attribute that some INVERSE declaration reads, for relationships and type objects.
    ///
    /// Why only those: they carry all the semantic links (aggregation, containment, typing, properties,
    /// groups, associations); indexing geometry back-references too would decode most of the file.
    static func buildInverseIndex(
        file: STEPFile, schema: IFCSchema, ids: [Int], entities: [Int32], map: IFCInstanceMap
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
        for e in entities where e >= 0 { present[Int(e)] = true }
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
        for (k, e) in entities.enumerated() where e >= 0 {
            let positions = attrsOfEntity[Int(e)]
            if positions.isEmpty { continue }
            guard let args = file.arguments(of: STEPInstanceID(ids[k])) else { continue }
            for p in positions where p < args.count && p < 256 {
                collectReferences(args[p], depth: 0) { ref in
                    if let o = map.ordinal(of: ref) {
                        targets.append(Int32(o))
                        sources.append(Int32(k))
                        attributes.append(UInt8(p))
                    }
                }
            }
        }
        return (IFCInverseIndex(count: ids.count, targets: targets, sources: sources, attributes: attributes),
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

    /// Compares the top-level argument count of every simple instance with its entity's attribute count.
    ///
    /// One linear pass over the bytes (no decoding, no per-instance lookups into the STEP index), so it
    /// stays a small fraction of the read time even on large files.
    static func checkArgumentCounts(
        file: STEPFile, schema: IFCSchema, map: IFCInstanceMap, entities: [Int32]
    ) -> [STEPDiagnostic] {
        var out: [STEPDiagnostic] = []
        var reportedPerEntity = [Int](repeating: 0, count: schema.entities.count)
        let expected = schema.entities.map { $0.attributes.count }
        let bytes = file.bytes
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
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
                while k < n, p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0A || p[k] == 0x0D { k += 1 }
                guard k > i + 1, k < n, p[k] == 0x3D else { i = max(k, i + 1); continue }  // '='
                k += 1
                while k < n, p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0A || p[k] == 0x0D { k += 1 }
                let nameStart = k
                while k < n, (p[k] &- 0x41 <= 25) || (p[k] &- 0x30 <= 9) || p[k] == 0x5F || (p[k] &- 0x61 <= 25) { k += 1 }
                let hasName = k > nameStart
                while k < n, p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0A || p[k] == 0x0D { k += 1 }
                guard hasName, k < n, p[k] == 0x28 else { i = k; continue }  // complex instances: '(' right after '='
                let open = k
                // Find the matching ')' and count top-level commas.
                var depth = 0
                var commas = 0
                var sawToken = false
                while k < n {
                    let b = p[k]
                    if b == 0x27 {
                        sawToken = true
                        k += 1
                        while k < n {
                            if p[k] == 0x27 { if k + 1 < n, p[k + 1] == 0x27 { k += 2; continue }; break }
                            k += 1
                        }
                    } else if b == 0x28 {
                        depth += 1
                        if depth > 1 { sawToken = true }
                    } else if b == 0x29 {
                        depth -= 1
                        if depth == 0 { break }
                    } else if b == 0x2C {
                        if depth == 1 { commas += 1 }
                    } else if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                        sawToken = true
                    }
                    k += 1
                }
                i = k + 1
                guard let o = map.ordinal(of: id) else { continue }
                let e = Int(entities[o])
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
