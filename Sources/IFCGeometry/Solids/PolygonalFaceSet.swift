/// IfcPolygonalFaceSet (IFC4): planar polygons (optionally with inner loops)
/// over a coordinate list, 1-based indices, optional PnIndex.
public struct PolygonalFaceSet: Sendable, Hashable {
    public struct Face: Sendable, Hashable {
        public var coordIndex: [Int]
        public var innerCoordIndices: [[Int]]

        public init(_ coordIndex: [Int], inner: [[Int]] = []) {
            self.coordIndex = coordIndex
            self.innerCoordIndices = inner
        }
    }

    public var coordinates: [Vec3]
    public var faces: [Face]
    public var pnIndex: [Int]?
    public var closed: Bool?

    public init(coordinates: [Vec3], faces: [Face], pnIndex: [Int]? = nil, closed: Bool? = nil) {
        self.coordinates = coordinates
        self.faces = faces
        self.pnIndex = pnIndex
        self.closed = closed
    }

    public func mesh(diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        let lookup = TriangulatedFaceSet(coordinates: coordinates, triangles: [], pnIndex: pnIndex)
        var invalid = 0
        let loops: [[[Vec3]]] = faces.map { face in
            ([face.coordIndex] + face.innerCoordIndices).map { idx in
                idx.compactMap { i -> Vec3? in
                    guard let k = lookup.coordinate(i) else { invalid += 1; return nil }
                    return coordinates[k]
                }
            }
        }
        if invalid > 0 {
            diagnostics.append(.init(.warning, "faceset.index", "\(invalid) face indices out of range ignored"))
        }
        return FaceSetMesher.mesh(faces: loops, diagnostics: &diagnostics)
    }
}
