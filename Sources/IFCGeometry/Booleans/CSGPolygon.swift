/// Convex planar polygon for BSP booleans; the plane is carried along so
/// split fragments never recompute (and drift) their plane.
struct CSGPolygon {
    var vertices: [Vec3]
    var normal: Vec3
    var w: Double

    init?(_ vertices: [Vec3]) {
        guard vertices.count >= 3,
              let n = (vertices[1] - vertices[0]).cross(vertices[2] - vertices[0]).normalized else { return nil }
        self.vertices = vertices
        self.normal = n
        self.w = n.dot(vertices[0])
    }

    init(vertices: [Vec3], normal: Vec3, w: Double) {
        self.vertices = vertices
        self.normal = normal
        self.w = w
    }

    func flipped() -> CSGPolygon {
        CSGPolygon(vertices: vertices.reversed(), normal: -normal, w: -w)
    }
}

/// Where a polygon went when split by a plane.
struct CSGSplit {
    var coplanarFront: [CSGPolygon] = []
    var coplanarBack: [CSGPolygon] = []
    var front: [CSGPolygon] = []
    var back: [CSGPolygon] = []
}

extension CSGPolygon {
    /// Splits by the plane (n, w); `epsilon` is the thickness of "on plane".
    /// Returns how many new polygons were created (for the work budget).
    @discardableResult
    func split(normal n: Vec3, w: Double, epsilon: Double, into s: inout CSGSplit) -> Int {
        let coplanar = 0, front = 1, back = 2, spanning = 3
        var polygonType = 0
        var types = [Int](repeating: 0, count: vertices.count)
        for (i, v) in vertices.enumerated() {
            let t = n.dot(v) - w
            let type = t < -epsilon ? back : (t > epsilon ? front : coplanar)
            polygonType |= type
            types[i] = type
        }
        switch polygonType {
        case coplanar:
            if n.dot(normal) > 0 { s.coplanarFront.append(self) } else { s.coplanarBack.append(self) }
            return 0
        case front:
            s.front.append(self)
            return 0
        case back:
            s.back.append(self)
            return 0
        default:
            var f: [Vec3] = [], b: [Vec3] = []
            for i in 0..<vertices.count {
                let j = (i + 1) % vertices.count
                let ti = types[i], tj = types[j]
                let vi = vertices[i], vj = vertices[j]
                if ti != back { f.append(vi) }
                if ti != front { b.append(vi) }
                if (ti | tj) == spanning {
                    let denom = n.dot(vj - vi)
                    let t = denom != 0 ? (w - n.dot(vi)) / denom : 0.5
                    let v = vi + (vj - vi) * max(0, min(1, t))
                    f.append(v)
                    b.append(v)
                }
            }
            var created = 0
            if f.count >= 3 { s.front.append(CSGPolygon(vertices: f, normal: normal, w: self.w)); created += 1 }
            if b.count >= 3 { s.back.append(CSGPolygon(vertices: b, normal: normal, w: self.w)); created += 1 }
            _ = spanning
            return created
        }
    }
}
