import IFCGeometry

/// Shared helpers for geometry tests.
enum TestSupport {
    static func near(_ a: Double, _ b: Double, _ tol: Double) -> Bool { abs(a - b) <= tol }

    static func relNear(_ a: Double, _ b: Double, _ rel: Double) -> Bool { abs(a - b) <= rel * max(abs(b), 1e-12) }

    static func polygons(_ p: ProfileDefinition) -> [Polygon2D] {
        var d: [GeometryDiagnostic] = []
        return p.polygons(.init(), diagnostics: &d)
    }

    static func triangleArea(_ poly: Polygon2D, _ tris: [UInt32]) -> Double {
        let pts = ([poly.outer] + poly.holes).flatMap { $0 }
        var s = 0.0
        var t = 0
        while t + 2 < tris.count {
            let a = pts[Int(tris[t])], b = pts[Int(tris[t + 1])], c = pts[Int(tris[t + 2])]
            s += (b - a).cross(c - a) / 2
            t += 3
        }
        return s
    }

    static func box(_ x0: Double, _ y0: Double, _ z0: Double, _ x1: Double, _ y1: Double, _ z1: Double) -> GeometryItem {
        .block(position: .translation(Vec3(x0, y0, z0)), x: x1 - x0, y: y1 - y0, z: z1 - z0)
    }

    static func mesh(_ item: GeometryItem, maps: [Int: RepresentationMap] = [:]) -> (Mesh, [GeometryDiagnostic]) {
        let out = Tessellator(maps: maps).mesh(for: item)
        return (out.mesh, out.diagnostics)
    }

    /// Every triangle's geometric normal agrees with its stored vertex normal.
    static func normalsAgree(_ m: Mesh) -> Bool {
        var t = 0
        while t + 2 < m.indices.count {
            let a = m.position(Int(m.indices[t])), b = m.position(Int(m.indices[t + 1])), c = m.position(Int(m.indices[t + 2]))
            let g = (b - a).cross(c - a)
            if g.length > 1e-12, g.dot(m.normal(Int(m.indices[t]))) <= 0 { return false }
            t += 3
        }
        return true
    }
}
