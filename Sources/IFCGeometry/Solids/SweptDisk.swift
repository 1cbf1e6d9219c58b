/// IfcSweptDiskSolid: a tube along a polyline directrix. Rings sit in the
/// mitre plane at each joint and frames are parallel-transported so the tube
/// does not twist; ends get disk (or annulus) caps unless the directrix closes.
public enum SweptDisk {
    public static func mesh(directrix input: [Vec3], radius: Double, innerRadius: Double?,
                            settings: TessellationSettings = .init(), diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        guard radius.isFinite, radius > 0 else {
            diagnostics.append(.init(.error, "sweptdisk.radius", "swept disk radius \(radius) invalid"))
            return Mesh()
        }
        var path: [Vec3] = []
        for p in input where p.isFinite {
            if let l = path.last, (p - l).length < 1e-9 { continue }
            path.append(p)
        }
        guard path.count >= 2 else {
            diagnostics.append(.init(.error, "sweptdisk.directrix", "swept disk directrix has fewer than 2 distinct points"))
            return Mesh()
        }
        let closed = path.count > 3 && (path[0] - path[path.count - 1]).length < 1e-6
        if closed { path.removeLast() }
        let n = max(6, min(settings.maxCircleSegments, settings.segments(radius: radius, angle: 2 * .pi)))
        let segCount = closed ? path.count : path.count - 1
        var tangents: [Vec3] = []
        for i in 0..<segCount {
            tangents.append((path[(i + 1) % path.count] - path[i]).normalized ?? .unitZ)
        }
        // Parallel transport of the frame along the segments.
        var u = tangents[0].anyPerpendicular
        var frames: [Vec3] = [u]
        for i in 1..<tangents.count {
            let t0 = tangents[i - 1], t1 = tangents[i]
            let axis = t0.cross(t1)
            if let ax = axis.normalized {
                let ang = _acos(t0.dot(t1))
                u = Transform3D.rotation(about: ax, angle: ang).applyVector(u)
            }
            frames.append(u)
        }
        func ring(_ r: Double) -> [[Vec3]] {
            var rings: [[Vec3]] = []
            let count = closed ? path.count : path.count
            for i in 0..<count {
                let tin = i > 0 ? tangents[i - 1] : (closed ? tangents[segCount - 1] : tangents[0])
                let tout = i < segCount ? tangents[i] : tangents[segCount - 1]
                let seg = i < segCount ? i : segCount - 1
                let t = tangents[seg]
                let fu = frames[seg], fv = t.cross(fu)
                let m = (tin + tout).normalized ?? t
                var pts: [Vec3] = []
                for k in 0..<n {
                    let a = 2 * Double.pi * Double(k) / Double(n)
                    let off = fu * (r * _cos(a)) + fv * (r * _sin(a))
                    // Project along the segment direction onto the mitre plane.
                    let denom = t.dot(m)
                    let shift = abs(denom) > 0.2 ? off.dot(m) / denom : 0
                    pts.append(path[i] + off - t * shift)
                }
                rings.append(pts)
            }
            return rings
        }
        var mesh = Mesh()
        let outer = ring(radius)
        tube(&mesh, outer, closed: closed, inward: false)
        var inner: [[Vec3]] = []
        if let ri = innerRadius, ri.isFinite, ri > 0, ri < radius {
            inner = ring(ri)
            tube(&mesh, inner, closed: closed, inward: true)
        }
        if !closed {
            let first = outer[0], last = outer[outer.count - 1]
            let tri = PlanarFaceTriangulator()
            var d: [GeometryDiagnostic] = []
            if inner.isEmpty {
                tri.addFace([Array(first.reversed())], to: &mesh, diagnostics: &d)
                tri.addFace([last], to: &mesh, diagnostics: &d)
            } else {
                tri.addFace([Array(first.reversed()), inner[0]], to: &mesh, diagnostics: &d)
                tri.addFace([last, Array(inner[inner.count - 1].reversed())], to: &mesh, diagnostics: &d)
            }
            diagnostics.append(contentsOf: d)
        }
        if mesh.signedVolume < 0 { mesh = mesh.flipped() }
        return mesh
    }

    static func tube(_ mesh: inout Mesh, _ rings: [[Vec3]], closed: Bool, inward: Bool) {
        let count = closed ? rings.count : rings.count - 1
        for i in 0..<count {
            let r0 = rings[i], r1 = rings[(i + 1) % rings.count]
            for k in 0..<r0.count {
                let a = r0[k], b = r0[(k + 1) % r0.count], c = r1[(k + 1) % r1.count], d = r1[k]
                if inward {
                    Revolution.appendQuad(&mesh, a, d, c, b)
                } else {
                    Revolution.appendQuad(&mesh, a, b, c, d)
                }
            }
        }
    }
}

