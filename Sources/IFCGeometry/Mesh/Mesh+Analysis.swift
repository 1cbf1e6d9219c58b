/// Measurements used by tests and by sanity checks (orientation repair after
/// revolutions, volume checks after booleans).
extension Mesh {
    /// Divergence-theorem volume; positive for closed, outward-facing meshes.
    public var signedVolume: Double {
        var v = 0.0
        var t = 0
        // Relative to the first vertex to limit cancellation with large coordinates.
        let o = vertexCount > 0 ? position(0) : .zero
        while t + 2 < indices.count {
            let a = position(Int(indices[t])) - o
            let b = position(Int(indices[t + 1])) - o
            let c = position(Int(indices[t + 2])) - o
            v += a.dot(b.cross(c))
            t += 3
        }
        return v / 6
    }

    public var surfaceArea: Double {
        var s = 0.0
        var t = 0
        while t + 2 < indices.count {
            let a = position(Int(indices[t]))
            let b = position(Int(indices[t + 1]))
            let c = position(Int(indices[t + 2]))
            s += (b - a).cross(c - a).length / 2
            t += 3
        }
        return s
    }

    /// Undirected edges (between welded positions) used by a number of
    /// triangles other than two. Zero means the surface is closed and manifold.
    /// Positions are welded on a grid of `tolerance` because flat shading splits
    /// vertices per face.
    public func nonManifoldEdgeCount(tolerance: Double = 1e-6) -> Int {
        var ids: [WeldKey: Int] = [:]
        var vertexID = [Int](repeating: 0, count: vertexCount)
        for i in 0..<vertexCount {
            let p = position(i)
            let key = WeldKey(p, tolerance)
            if let id = ids[key] {
                vertexID[i] = id
            } else {
                let id = ids.count
                ids[key] = id
                vertexID[i] = id
            }
        }
        var edges: [UInt64: Int] = [:]
        var t = 0
        while t + 2 < indices.count {
            let v = [vertexID[Int(indices[t])], vertexID[Int(indices[t + 1])], vertexID[Int(indices[t + 2])]]
            t += 3
            if v[0] == v[1] || v[1] == v[2] || v[0] == v[2] { continue }
            for k in 0..<3 {
                let a = v[k], b = v[(k + 1) % 3]
                let key = UInt64(Swift.min(a, b)) << 32 | UInt64(Swift.max(a, b))
                edges[key, default: 0] += 1
            }
        }
        return edges.values.filter { $0 != 2 }.count
    }

    /// True when every edge is shared by exactly two triangles.
    public func isClosed(tolerance: Double = 1e-6) -> Bool {
        !isEmpty && nonManifoldEdgeCount(tolerance: tolerance) == 0
    }

    /// True when every position and normal is finite.
    public var isFinite: Bool {
        positions.allSatisfy { $0.isFinite } && normals.allSatisfy { $0.isFinite }
    }
}

/// Grid cell key for welding nearly coincident positions.
struct WeldKey: Hashable {
    var x: Int64
    var y: Int64
    var z: Int64

    init(_ p: Vec3, _ tolerance: Double) {
        func q(_ v: Double) -> Int64 {
            let s = (v / tolerance).rounded()
            return s.isFinite && abs(s) < 9e18 ? Int64(s) : 0
        }
        x = q(p.x)
        y = q(p.y)
        z = q(p.z)
    }
}
