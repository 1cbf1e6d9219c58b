/// IfcExtrudedAreaSolid: caps from the triangulated profile, one quad face per
/// profile edge. Output is closed with outward normals in the solid's own
/// coordinate system (the caller applies the position).
public enum Extrusion {
    public static func mesh(polygons: [Polygon2D], direction: Vec3, depth: Double,
                            triangulator: PolygonTriangulator = .init(),
                            diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        guard depth.isFinite, abs(depth) > 1e-9 else {
            diagnostics.append(.init(.error, "extrusion.depth", "extrusion depth \(depth) is zero or invalid"))
            return Mesh()
        }
        guard let dir = direction.normalized, abs(dir.z) > 1e-9 else {
            diagnostics.append(.init(.error, "extrusion.direction", "extrusion direction is degenerate or parallel to the profile"))
            return Mesh()
        }
        let e = dir * depth
        // Extruding "downwards" mirrors orientation; flip so faces point outwards.
        let flip = e.z < 0
        var mesh = Mesh()
        for poly in polygons {
            let result = triangulator.triangulate(poly)
            diagnostics.append(contentsOf: result.diagnostics)
            if result.triangles.isEmpty { continue }
            let rings = [poly.outer] + poly.holes
            let flat = rings.flatMap { $0 }
            let bottom = flat.map { Vec3($0.x, $0.y, 0) }
            let top = flat.map { Vec3($0.x + e.x, $0.y + e.y, e.z) }
            var down = result.triangles
            var t = 0
            while t + 2 < down.count { down.swapAt(t + 1, t + 2); t += 3 }
            let up = result.triangles
            mesh.addFace(points: bottom, triangles: flip ? up : down, normal: flip ? .unitZ : -Vec3.unitZ)
            mesh.addFace(points: top, triangles: flip ? down : up, normal: flip ? -Vec3.unitZ : .unitZ)
            for ring in rings where ring.count >= 2 {
                for i in 0..<ring.count {
                    let a = ring[i], b = ring[(i + 1) % ring.count]
                    let a0 = Vec3(a.x, a.y, 0), b0 = Vec3(b.x, b.y, 0)
                    let a1 = a0 + e, b1 = b0 + e
                    guard var n = (b0 - a0).cross(e).normalized else { continue }
                    if flip { n = -n }
                    mesh.addFace(points: [a0, b0, b1, a1], triangles: flip ? [0, 2, 1, 0, 3, 2] : [0, 1, 2, 0, 2, 3], normal: n)
                }
            }
        }
        return mesh
    }
}
