/// Triangulates planar 3D faces with holes (brep faces, polygonal face sets,
/// cut caps): the Newell normal picks the dominant axis, loops are projected
/// onto that plane with an orientation that keeps the outer loop counter-
/// clockwise, and the 2D triangulator does the rest.
public struct PlanarFaceTriangulator: Sendable {
    public var triangulator = PolygonTriangulator()

    public init() {}

    /// Newell's normal: robust for slightly non-planar or concave loops.
    public static func newellNormal(_ loop: [Vec3]) -> Vec3 {
        guard loop.count >= 3 else { return .zero }
        var n = Vec3.zero
        let o = loop[0]
        for i in 0..<loop.count {
            let a = loop[i] - o, b = loop[(i + 1) % loop.count] - o
            n = n + Vec3((a.y - b.y) * (a.z + b.z), (a.z - b.z) * (a.x + b.x), (a.x - b.x) * (a.y + b.y))
        }
        return n
    }

    /// Projects `p` onto the plane dropping the dominant axis of `n` such that a
    /// loop counter-clockwise around `n` stays counter-clockwise in 2D.
    @inline(__always) static func project(_ p: Vec3, _ n: Vec3) -> Vec2 {
        let ax = abs(n.x), ay = abs(n.y), az = abs(n.z)
        if az >= ax && az >= ay { return n.z >= 0 ? Vec2(p.x, p.y) : Vec2(p.y, p.x) }
        if ax >= ay { return n.x >= 0 ? Vec2(p.y, p.z) : Vec2(p.z, p.y) }
        return n.y >= 0 ? Vec2(p.z, p.x) : Vec2(p.x, p.z)
    }

    /// Appends a face (first loop outer, others holes) to `mesh`. Returns false
    /// (and a diagnostic) when the face is degenerate.
    @discardableResult
    public func addFace(_ loops: [[Vec3]], to mesh: inout Mesh, normalHint: Vec3? = nil,
                        diagnostics: inout [GeometryDiagnostic]) -> Bool {
        guard let outer = loops.first, outer.count >= 3 else {
            diagnostics.append(.init(.warning, "face.degenerate", "face with fewer than 3 points skipped"))
            return false
        }
        for l in loops where !l.allSatisfy(\.isFinite) {
            diagnostics.append(.init(.warning, "face.nonfinite", "face with non-finite coordinates skipped"))
            return false
        }
        guard let n = (PlanarFaceTriangulator.newellNormal(outer).normalized ?? normalHint?.normalized) else {
            diagnostics.append(.init(.warning, "face.degenerate", "face with zero area skipped"))
            return false
        }
        // Fast paths: triangles and convex quads need no projection.
        if loops.count == 1 && outer.count == 3 {
            mesh.addFace(points: outer, triangles: [0, 1, 2], normal: n)
            return true
        }
        let outer2 = outer.map { PlanarFaceTriangulator.project($0, n) }
        let holes2 = loops.dropFirst().map { $0.map { PlanarFaceTriangulator.project($0, n) } }
        let result = triangulator.triangulate(outer: outer2, holes: Array(holes2))
        diagnostics.append(contentsOf: result.diagnostics)
        guard !result.triangles.isEmpty else { return false }
        mesh.addFace(points: loops.flatMap { $0 }, triangles: result.triangles, normal: n)
        return true
    }
}
