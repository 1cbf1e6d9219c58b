/// IfcRevolvedAreaSolid: the profile rotated about an axis lying in the profile
/// plane. Partial revolutions get two caps; the result is re-oriented by its
/// signed volume, which is cheaper and more robust than reasoning about the
/// axis side and sweep direction.
public enum Revolution {
    public static func mesh(polygons: [Polygon2D], axisOrigin: Vec3, axisDirection: Vec3, angle: Double,
                            settings: TessellationSettings = .init(), triangulator: PolygonTriangulator = .init(),
                            diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        guard angle.isFinite, abs(angle) > 1e-9, axisDirection.normalized != nil else {
            diagnostics.append(.init(.error, "revolution.parameters", "revolution angle or axis degenerate"))
            return Mesh()
        }
        let sweep = max(-2 * Double.pi, min(2 * Double.pi, angle))
        let full = abs(abs(sweep) - 2 * Double.pi) < 1e-9
        var maxRadius = 0.0
        let axisN = axisDirection.normalized!
        for poly in polygons {
            for p in poly.outer {
                let d = Vec3(p.x, p.y, 0) - axisOrigin
                maxRadius = max(maxRadius, (d - axisN * d.dot(axisN)).length)
            }
        }
        let steps = max(2, settings.segments(radius: max(maxRadius, 1e-3), angle: sweep))
        let rotations = (0...steps).map { Transform3D.rotation(about: axisN, angle: sweep * Double($0) / Double(steps), origin: axisOrigin) }
        var mesh = Mesh()
        for poly in polygons {
            let rings = [poly.outer] + poly.holes
            for ring in rings where ring.count >= 2 {
                let base = ring.map { Vec3($0.x, $0.y, 0) }
                for s in 0..<steps {
                    if full && s == steps - 1 {
                        // Last strip reuses the first ring exactly so the surface closes.
                    }
                    let r0 = rotations[s], r1 = full && s == steps - 1 ? rotations[0] : rotations[s + 1]
                    for i in 0..<base.count {
                        let a = base[i], b = base[(i + 1) % base.count]
                        let a0 = r0.apply(a), b0 = r0.apply(b), a1 = r1.apply(a), b1 = r1.apply(b)
                        appendQuad(&mesh, a0, b0, b1, a1)
                    }
                }
            }
            if !full {
                let result = triangulator.triangulate(poly)
                diagnostics.append(contentsOf: result.diagnostics)
                let flat = rings.flatMap { $0 }.map { Vec3($0.x, $0.y, 0) }
                var rev = result.triangles
                var t = 0
                while t + 2 < rev.count { rev.swapAt(t + 1, t + 2); t += 3 }
                let start = flat.map { rotations[0].apply($0) }
                let end = flat.map { rotations[steps].apply($0) }
                let n0 = rotations[0].applyVector(.unitZ)
                let n1 = rotations[steps].applyVector(.unitZ)
                mesh.addFace(points: start, triangles: rev, normal: -n0)
                mesh.addFace(points: end, triangles: result.triangles, normal: n1)
            }
        }
        // Caps are built for one sweep sense; fix everything up by volume sign.
        if mesh.signedVolume < 0 { mesh = mesh.flipped() }
        return mesh
    }

    /// Quad as two flat triangles; collapses on the axis are dropped per triangle.
    static func appendQuad(_ mesh: inout Mesh, _ a: Vec3, _ b: Vec3, _ c: Vec3, _ d: Vec3) {
        guard let n = (c - a).cross(d - b).normalized else { return }
        let i = mesh.vertexCount
        let pts = [a, b, c, d]
        for p in pts { mesh.addVertex(p, normal: n) }
        let u = UInt32(i)
        if (b - a).cross(c - a).length > 1e-14 { mesh.addTriangle(u, u + 1, u + 2) }
        if (c - a).cross(d - a).length > 1e-14 { mesh.addTriangle(u, u + 2, u + 3) }
    }
}
