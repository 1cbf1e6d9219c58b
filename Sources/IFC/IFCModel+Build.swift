import IFCSchema
import STEP

extension IFCModel {
    /// Indexes every attribute that some INVERSE declaration reads, for relationships and type objects.
    ///
    /// Why only those: they carry all the semantic links (aggregation, containment, typing, properties,
    /// groups, associations); indexing geometry back-references too would decode most of the file.
    static func buildInverseIndex(
        file: STEPFile, schema: IFCSchema, ids: [Int], codes: [Int32], entityOfCode: [Int32], map: IFCInstanceMap
    ) -> (inverse: IFCInverseIndex, forward: IFCInverseIndex, indexed: [[Int]]) {
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
        // Attribute positions to index, per STEP type code.
        var attrsOfCode = [[Int]](repeating: [], count: entityOfCode.count)
        for (code, e32) in entityOfCode.enumerated() where e32 >= 0 {
            let e = Int(e32)
            guard schema.isSubtype(e, of: relationship) || schema.isSubtype(e, of: typeObject) else { continue }
            var positions: [Int] = []
            for (t, attr) in pairs where schema.isSubtype(e, of: t) {
                if let p = schema.attributeIndex(attr, in: e), !positions.contains(p) { positions.append(p) }
            }
            attrsOfCode[code] = positions.sorted()
        }
        var targets: [Int32] = []
        var sources: [Int32] = []
        var attributes: [UInt8] = []
        for (k, code) in codes.enumerated() where code >= 0 {
            let positions = attrsOfCode[Int(code)]
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
        var indexed = [[Int]](repeating: [], count: schema.entities.count)
        for (code, e) in entityOfCode.enumerated() where e >= 0 { indexed[Int(e)] = attrsOfCode[code] }
        return (IFCInverseIndex(count: ids.count, targets: targets, sources: sources, attributes: attributes),
                IFCInverseIndex(count: ids.count, targets: sources, sources: targets, attributes: attributes),
                indexed)
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
    /// Scans bytes (no decoding), so it stays cheap on large files.
    static func checkArgumentCounts(
        file: STEPFile, schema: IFCSchema, ids: [Int], codes: [Int32], entityOfCode: [Int32]
    ) -> [STEPDiagnostic] {
        var out: [STEPDiagnostic] = []
        var reportedPerCode = [Int](repeating: 0, count: entityOfCode.count)
        let bytes = file.bytes
        bytes.withUnsafeBufferPointer { p in
            for (k, code) in codes.enumerated() where code >= 0 {
                let e = Int(entityOfCode[Int(code)])
                guard e >= 0, reportedPerCode[Int(code)] < 3, out.count < 1000 else { continue }
                let id = STEPInstanceID(ids[k])
                guard let range = file.argumentByteRange(of: id), range.count >= 2,
                      range.upperBound <= p.count else { continue }
                let n = topLevelArgumentCount(p, range)
                let expected = schema.entities[e].attributes.count
                if n != expected {
                    reportedPerCode[Int(code)] += 1
                    out.append(file.diagnostic(
                        .error, at: id,
                        "\(id) \(schema.entities[e].name) has \(n) arguments; \(schema.id.rawValue) expects \(expected)"))
                }
            }
        }
        return out
    }

    /// Number of comma-separated parameters between the outer parentheses of `range`.
    static func topLevelArgumentCount(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var depth = 0
        var count = 0
        var sawToken = false
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = p[i]
            switch c {
            case 0x28:  // (
                depth += 1
                if depth > 1 { sawToken = true }
            case 0x29:  // )
                depth -= 1
            case 0x27:  // ' string, '' escapes a quote
                sawToken = true
                i += 1
                while i < end {
                    if p[i] == 0x27 {
                        if i + 1 < end, p[i + 1] == 0x27 { i += 2; continue }
                        break
                    }
                    i += 1
                }
            case 0x2C where depth == 1:
                count += 1
            case 0x20, 0x09, 0x0A, 0x0D:
                break
            default:
                if depth >= 1 { sawToken = true }
            }
            i += 1
        }
        return sawToken || count > 0 ? count + 1 : 0
    }
}
