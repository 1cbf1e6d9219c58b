/// IfcTriangulatedFaceSet (IFC4): explicit triangles over a coordinate list.
/// Indices are 1-based as in IFC; out-of-range triangles are skipped with a diagnostic.
public struct TriangulatedFaceSet: Sendable, Hashable {
    public var coordinates: [Vec3]
    /// Triangles as 1-based index triples.
    public var triangles: [[Int]]
    /// Optional per-vertex normals (IFC `Normals`), indexed like the coordinates
    /// unless `normalIndex` is given.
    public var normals: [Vec3]?
    public var normalIndex: [[Int]]?
    /// IFC `PnIndex`: maps the 1-based indices above into `coordinates`.
    public var pnIndex: [Int]?
    public var closed: Bool?

    public init(coordinates: [Vec3], triangles: [[Int]], normals: [Vec3]? = nil, normalIndex: [[Int]]? = nil,
                pnIndex: [Int]? = nil, closed: Bool? = nil) {
        self.coordinates = coordinates
        self.triangles = triangles
        self.normals = normals
        self.normalIndex = normalIndex
        self.pnIndex = pnIndex
        self.closed = closed
    }

    /// Resolves a 1-based index through PnIndex to a 0-based coordinate index.
    func coordinate(_ i: Int) -> Int? {
        var k = i - 1
        if let pn = pnIndex {
            guard k >= 0, k < pn.count else { return nil }
            k = pn[k] - 1
        }
        return k >= 0 && k < coordinates.count && coordinates[k].isFinite ? k : nil
    }

    public func mesh(diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        var mesh = Mesh()
        mesh.positions.reserveCapacity(triangles.count * 9)
        var skipped = 0
        for (t, tri) in triangles.enumerated() {
            guard tri.count >= 3, let a = coordinate(tri[0]), let b = coordinate(tri[1]), let c = coordinate(tri[2]) else {
                skipped += 1
                continue
            }
            let pa = coordinates[a], pb = coordinates[b], pc = coordinates[c]
            guard let flat = (pb - pa).cross(pc - pa).normalized else {
                skipped += 1
                continue
            }
            if let normals {
                let idx = normalIndex.flatMap { t < $0.count ? $0[t] : nil } ?? [a + 1, b + 1, c + 1]
                if idx.count >= 3, idx.prefix(3).allSatisfy({ $0 >= 1 && $0 <= normals.count }) {
                    let base = UInt32(mesh.vertexCount)
                    for (p, ni) in zip([pa, pb, pc], idx.prefix(3)) {
                        mesh.addVertex(p, normal: normals[ni - 1].normalized ?? flat)
                    }
                    mesh.addTriangle(base, base + 1, base + 2)
                    continue
                }
            }
            mesh.addFace(points: [pa, pb, pc], triangles: [0, 1, 2], normal: flat)
        }
        if skipped > 0 {
            diagnostics.append(.init(.warning, "faceset.triangles", "\(skipped) invalid or degenerate triangles skipped"))
        }
        return mesh
    }
}
