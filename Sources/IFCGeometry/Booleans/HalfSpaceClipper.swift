/// Exact planar clipping of a mesh (IfcHalfSpaceSolid, IfcBooleanClippingResult).
/// Triangles are clipped Sutherland–Hodgman style; intersection points on an
/// edge are computed from the canonically ordered endpoints so both triangles
/// sharing an edge produce bit-identical points. The cut outline is chained
/// into loops, nested by containment and triangulated as a cap, so a closed
/// input stays closed.
public enum HalfSpaceClipper {
    /// Keeps the part of `mesh` with `plane.signedDistance <= 0`.
    public static func clip(_ mesh: Mesh, keepingBelow plane: Plane, cap: Bool = true,
                            diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        guard !mesh.isEmpty else { return mesh }
        let box = mesh.bounds
        let scale = max(box.size.x, box.size.y, box.size.z, 1e-9)
        let eps = scale * 1e-9
        var dist = [Double](repeating: 0, count: mesh.vertexCount)
        var anyAbove = false, anyBelow = false
        for i in 0..<mesh.vertexCount {
            var d = plane.signedDistance(mesh.position(i))
            if abs(d) <= eps { d = 0 }
            dist[i] = d
            if d > 0 { anyAbove = true }
            if d < 0 { anyBelow = true }
        }
        if !anyAbove { return mesh }
        if !anyBelow { return Mesh() }
        var out = Mesh()
        var remap = [Int32](repeating: -1, count: mesh.vertexCount)
        var segments: [(Vec3, Vec3)] = []
        func keep(_ i: Int) -> UInt32 {
            if remap[i] < 0 { remap[i] = Int32(out.addVertex(mesh.position(i), normal: mesh.normal(i))) }
            return UInt32(remap[i])
        }
        func cut(_ i: Int, _ j: Int) -> Vec3 {
            let pi = mesh.position(i), pj = mesh.position(j)
            // Canonical order so shared edges give identical points.
            let (a, b, da, db) = (pi.x, pi.y, pi.z) < (pj.x, pj.y, pj.z) ? (pi, pj, dist[i], dist[j]) : (pj, pi, dist[j], dist[i])
            let t = da / (da - db)
            return a + (b - a) * t
        }
        var t = 0
        while t + 2 < mesh.indices.count {
            let v = [Int(mesh.indices[t]), Int(mesh.indices[t + 1]), Int(mesh.indices[t + 2])]
            t += 3
            let d = v.map { dist[$0] }
            if d.allSatisfy({ $0 <= 0 }) {
                out.addTriangle(keep(v[0]), keep(v[1]), keep(v[2]))
                continue
            }
            if d.allSatisfy({ $0 >= 0 }) {
                // Entirely removed; an edge lying on the plane borders the cut,
                // so it belongs to the cap outline (e.g. a top face touching the plane).
                if d.contains(where: { $0 > 0 }) {
                    for k in 0..<3 where d[k] == 0 && d[(k + 1) % 3] == 0 {
                        segments.append((mesh.position(v[k]), mesh.position(v[(k + 1) % 3])))
                    }
                }
                continue
            }
            var poly: [(Vec3, Vec3, Int?)] = []  // position, normal, original vertex
            var exitPoint: Vec3?, entryPoint: Vec3?
            for k in 0..<3 {
                let i = v[k], j = v[(k + 1) % 3]
                let di = d[k], dj = d[(k + 1) % 3]
                if di <= 0 { poly.append((mesh.position(i), mesh.normal(i), i)) }
                if (di < 0 && dj > 0) || (di > 0 && dj < 0) {
                    let p = cut(i, j)
                    let n = mesh.normal(i)
                    poly.append((p, n, nil))
                    if di < 0 { exitPoint = p } else { entryPoint = p }
                } else if di == 0 && dj > 0 {
                    exitPoint = mesh.position(i)
                } else if di > 0 && dj == 0 {
                    entryPoint = mesh.position(j)
                }
            }
            if let a = exitPoint, let b = entryPoint, a != b { segments.append((a, b)) }
            guard poly.count >= 3 else { continue }
            var idx: [UInt32] = []
            for (p, n, orig) in poly {
                if let orig { idx.append(keep(orig)) } else { idx.append(out.addVertex(p, normal: n)) }
            }
            for k in 1..<(idx.count - 1) { out.addTriangle(idx[0], idx[k], idx[k + 1]) }
        }
        if cap && !segments.isEmpty {
            addCap(segments, plane: plane, tolerance: max(eps * 10, 1e-12), to: &out, diagnostics: &diagnostics)
        }
        return out
    }

    static func addCap(_ segments: [(Vec3, Vec3)], plane: Plane, tolerance: Double, to mesh: inout Mesh,
                       diagnostics: inout [GeometryDiagnostic]) {
        // Chain segments into loops through welded endpoints.
        var keyOf: [WeldKey: Int] = [:]
        var pointOf: [Vec3] = []
        func id(_ p: Vec3) -> Int {
            let k = WeldKey(p, tolerance)
            if let i = keyOf[k] { return i }
            keyOf[k] = pointOf.count
            pointOf.append(p)
            return pointOf.count - 1
        }
        var adjacency: [Int: [Int]] = [:]
        var edges: [(Int, Int)] = []
        for (a, b) in segments {
            let ia = id(a), ib = id(b)
            if ia == ib { continue }
            adjacency[ia, default: []].append(edges.count)
            adjacency[ib, default: []].append(edges.count)
            edges.append((ia, ib))
        }
        var used = [Bool](repeating: false, count: edges.count)
        var loops: [[Int]] = []
        var open = 0
        for s in 0..<edges.count where !used[s] {
            used[s] = true
            let start = edges[s].0
            var loop = [start]
            var current = edges[s].1
            var steps = 0
            while current != start, steps <= edges.count {
                steps += 1
                loop.append(current)
                guard let nextEdge = adjacency[current]?.first(where: { !used[$0] }) else { break }
                used[nextEdge] = true
                current = edges[nextEdge].0 == current ? edges[nextEdge].1 : edges[nextEdge].0
            }
            if current == start && loop.count >= 3 { loops.append(loop) } else { open += 1 }
        }
        if open > 0 {
            diagnostics.append(.init(.warning, "clip.open-outline", "\(open) cut outline chains did not close (input not closed?)"))
        }
        guard !loops.isEmpty else { return }
        let u = plane.normal.anyPerpendicular
        let v = plane.normal.cross(u)
        let rings2 = loops.map { l in l.map { p in Vec2((pointOf[p] - plane.point).dot(u), (pointOf[p] - plane.point).dot(v)) } }
        let rings3 = loops.map { l in l.map { pointOf[$0] } }
        let groups = RingNesting.group(rings2)
        let tri = PolygonTriangulator()
        for g in groups {
            let outer = rings2[g.outer], holes = g.holes.map { rings2[$0] }
            let poly = Polygon2D(outer: outer, holes: holes)
            // Orientation for the triangulator: it normalises internally, but
            // returned indices refer to the order given, so pass rings as is.
            let r = tri.triangulate(poly)
            diagnostics.append(contentsOf: r.diagnostics)
            let pts = ([g.outer] + g.holes).flatMap { rings3[$0] }
            mesh.addFace(points: pts, triangles: r.triangles, normal: plane.normal)
        }
    }
}
