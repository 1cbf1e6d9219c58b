/// Boolean operations on closed triangle meshes through BSP trees (see
/// README: exact for planar inputs up to the epsilon; T-junctions possible).
/// Work is bounded by `TessellationSettings.booleanPolygonBudget`; when it
/// runs out the first operand is returned unchanged with a diagnostic.
public enum MeshBoolean {
    public enum Operation: Sendable, Hashable {
        case union, difference, intersection
    }

    public static func apply(_ op: Operation, _ a: Mesh, _ b: Mesh, settings: TessellationSettings = .init(),
                             diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        let ba = a.bounds, bb = b.bounds
        if !ba.intersects(bb, tolerance: 1e-9) || a.isEmpty || b.isEmpty {
            switch op {
            case .difference: return a
            case .intersection: return Mesh()
            case .union:
                var m = a
                m.append(b)
                return m
            }
        }
        // Work near the origin so epsilon is meaningful for georeferenced input.
        let centre = ba.center
        let scale = max(ba.size.x, ba.size.y, ba.size.z, bb.size.x, bb.size.y, bb.size.z, 1e-6)
        let epsilon = min(1e-5, scale * 1e-7)
        let pa = polygons(a, offset: centre), pb = polygons(b, offset: centre)
        let budget = settings.booleanPolygonBudget + pa.count + pb.count
        var ta = BSPTree(pa, epsilon: epsilon, budget: budget)
        var tb = BSPTree(pb, epsilon: epsilon, budget: budget)
        switch op {
        case .difference:
            ta.invert(); ta.clip(to: &tb); tb.clip(to: &ta); tb.invert(); tb.clip(to: &ta); tb.invert()
            ta.build(tb.allPolygons); ta.invert()
        case .union:
            ta.clip(to: &tb); tb.clip(to: &ta); tb.invert(); tb.clip(to: &ta); tb.invert()
            ta.build(tb.allPolygons)
        case .intersection:
            ta.invert(); tb.clip(to: &ta); tb.invert(); ta.clip(to: &tb); tb.clip(to: &ta)
            ta.build(tb.allPolygons); ta.invert()
        }
        if ta.exhausted || tb.exhausted {
            diagnostics.append(.init(.warning, "boolean.budget",
                                     "boolean \(op) exceeded \(settings.booleanPolygonBudget) polygons; operand left un-cut"))
            return a
        }
        return mesh(ta.allPolygons, offset: centre)
    }

    static func polygons(_ m: Mesh, offset: Vec3) -> [CSGPolygon] {
        var out: [CSGPolygon] = []
        out.reserveCapacity(m.triangleCount)
        var t = 0
        while t + 2 < m.indices.count {
            let a = m.position(Int(m.indices[t])) - offset
            let b = m.position(Int(m.indices[t + 1])) - offset
            let c = m.position(Int(m.indices[t + 2])) - offset
            t += 3
            if let p = CSGPolygon([a, b, c]) { out.append(p) }
        }
        return out
    }

    static func mesh(_ polygons: [CSGPolygon], offset: Vec3) -> Mesh {
        var m = Mesh()
        for p in polygons where p.vertices.count >= 3 {
            let base = UInt32(m.vertexCount)
            for v in p.vertices { m.addVertex(v + offset, normal: p.normal) }
            for k in 1..<(p.vertices.count - 1) {
                m.addTriangle(base, base + UInt32(k), base + UInt32(k + 1))
            }
        }
        return m
    }
}
