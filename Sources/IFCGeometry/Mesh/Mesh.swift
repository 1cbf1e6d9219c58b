/// Indexed triangle mesh in flat buffers (no per-vertex objects) so meshes are
/// cheap to copy between threads and trivially written into GLB buffers.
/// Positions are doubles until the GLB writer re-centres and narrows them.
/// Vertices are split per planar face, so `normals` give flat shading.
public struct Mesh: Sendable, Hashable {
    /// x, y, z per vertex.
    public var positions: [Double]
    /// Unit normal x, y, z per vertex.
    public var normals: [Float]
    /// Counter-clockwise (seen from outside) triangles.
    public var indices: [UInt32]

    public init(positions: [Double] = [], normals: [Float] = [], indices: [UInt32] = []) {
        self.positions = positions
        self.normals = normals
        self.indices = indices
    }

    public var vertexCount: Int { positions.count / 3 }
    public var triangleCount: Int { indices.count / 3 }
    public var isEmpty: Bool { indices.isEmpty }

    @inlinable public func position(_ i: Int) -> Vec3 {
        Vec3(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2])
    }

    @inlinable public func normal(_ i: Int) -> Vec3 {
        Vec3(Double(normals[3 * i]), Double(normals[3 * i + 1]), Double(normals[3 * i + 2]))
    }

    @discardableResult
    public mutating func addVertex(_ p: Vec3, normal n: Vec3) -> UInt32 {
        let index = UInt32(positions.count / 3)
        positions.append(p.x)
        positions.append(p.y)
        positions.append(p.z)
        normals.append(Float(n.x))
        normals.append(Float(n.y))
        normals.append(Float(n.z))
        return index
    }

    public mutating func addTriangle(_ a: UInt32, _ b: UInt32, _ c: UInt32) {
        indices.append(a)
        indices.append(b)
        indices.append(c)
    }

    /// Adds one planar face: its own vertices (flat normal) and the given
    /// triangles, which index into `points`.
    public mutating func addFace(points: [Vec3], triangles: [UInt32], normal: Vec3) {
        guard !triangles.isEmpty else { return }
        let base = UInt32(vertexCount)
        // No exact reserveCapacity here: reserving just enough on every face defeats the arrays'
        // geometric growth and turns a brep of n faces into O(n²) copying.
        for p in points { addVertex(p, normal: normal) }
        for t in triangles { indices.append(base + t) }
    }

    /// Adds a single triangle with its own flat normal; degenerate triangles are dropped.
    public mutating func addFlatTriangle(_ a: Vec3, _ b: Vec3, _ c: Vec3) {
        guard let n = (b - a).cross(c - a).normalized else { return }
        let i = addVertex(a, normal: n)
        addVertex(b, normal: n)
        addVertex(c, normal: n)
        addTriangle(i, i + 1, i + 2)
    }

    public mutating func append(_ other: Mesh) {
        let base = UInt32(vertexCount)
        positions.append(contentsOf: other.positions)
        normals.append(contentsOf: other.normals)
        for i in other.indices { indices.append(base + i) }
    }

    public var bounds: BoundingBox {
        var box = BoundingBox.empty
        var i = 0
        while i + 2 < positions.count {
            box.include(Vec3(positions[i], positions[i + 1], positions[i + 2]))
            i += 3
        }
        return box
    }

    /// Reverses every triangle and normal (inside-out).
    public func flipped() -> Mesh {
        var m = self
        var t = 0
        while t + 2 < m.indices.count {
            m.indices.swapAt(t + 1, t + 2)
            t += 3
        }
        for i in m.normals.indices { m.normals[i] = -m.normals[i] }
        return m
    }

    /// Applies an affine transform. Normals use the inverse transpose (correct
    /// under non-uniform scale); a negative determinant mirrors the mesh, so the
    /// winding is flipped to keep faces pointing outwards.
    public func transformed(by t: Transform3D) -> Mesh {
        if t.isIdentity { return self }
        var m = self
        var i = 0
        while i + 2 < m.positions.count {
            let p = t.apply(Vec3(positions[i], positions[i + 1], positions[i + 2]))
            m.positions[i] = p.x
            m.positions[i + 1] = p.y
            m.positions[i + 2] = p.z
            i += 3
        }
        let nm = t.normalMatrix ?? .identity
        i = 0
        while i + 2 < m.normals.count {
            let n = nm.applyVector(Vec3(Double(normals[i]), Double(normals[i + 1]), Double(normals[i + 2])))
            let u = n.normalized ?? Vec3.unitZ
            m.normals[i] = Float(u.x)
            m.normals[i + 1] = Float(u.y)
            m.normals[i + 2] = Float(u.z)
            i += 3
        }
        if t.determinant < 0 {
            var k = 0
            while k + 2 < m.indices.count {
                m.indices.swapAt(k + 1, k + 2)
                k += 3
            }
        }
        return m
    }
}
