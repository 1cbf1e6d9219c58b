extension IFCInspectionReport {
    /// A human-readable summary: schema, counts, the spatial tree and the first diagnostics.
    public func humanSummary(maxDiagnostics: Int = 20, maxCounts: Int = 15) -> String {
        var out: [String] = []
        out.append("Schema        \(schema)")
        out.append("Instances     \(instances)")
        if let project { out.append("Project       \(project.name ?? "(unnamed)") [\(project.id ?? "?")]") }
        out.append("Length unit   \(lengthUnitInMetres) m")
        out.append("Products      \(elements.count)   property sets \(psetTotal)   properties \(propertyTotal)")
        let contained = elements.filter { $0.container != nil }.count
        let typed = elements.filter { $0.typeObject != nil }.count
        out.append("              \(contained) with a spatial container, \(typed) with a type object")
        out.append("")
        out.append("Most frequent entities:")
        for (name, n) in counts.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key })
            .prefix(maxCounts) {
            out.append("  \(String(n).leftPadded(8))  \(name)")
        }
        out.append("")
        out.append("Spatial structure:")
        let ids = Set(spatial.compactMap(\.id))
        var children: [String: [Spatial]] = [:]
        var roots: [Spatial] = []
        for s in spatial {
            if let p = s.parent, ids.contains(p) { children[p, default: []].append(s) } else { roots.append(s) }
        }
        var emitted = 0
        func emit(_ s: Spatial, _ depth: Int) {
            guard depth < 32, emitted < 500 else { return }
            emitted += 1
            var line = String(repeating: "  ", count: depth + 1) + "\(s.type) \(s.name ?? "(unnamed)")"
            if let l = s.longName, !l.isEmpty { line += " — \(l)" }
            if let e = s.elevation { line += " @ \(e)" }
            out.append(line)
            for c in children[s.id ?? "", default: []] { emit(c, depth + 1) }
        }
        for r in roots { emit(r, 0) }
        if spatial.isEmpty { out.append("  (none)") }
        out.append("")
        let errors = diagnostics.filter { $0.severity == "error" }.count
        out.append("Diagnostics   \(diagnostics.count) (\(errors) errors)")
        for d in diagnostics.prefix(maxDiagnostics) {
            out.append("  \(d.line):\(d.column): \(d.severity): \(d.message)")
        }
        if diagnostics.count > maxDiagnostics { out.append("  … \(diagnostics.count - maxDiagnostics) more") }
        return out.joined(separator: "\n")
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
