/// Meshes lists of planar faces given as loops (first = outer boundary):
/// IfcFacetedBrep shells, IfcShellBasedSurfaceModel, IfcFaceBasedSurfaceModel
/// and polygonal face sets all reduce to this.
public enum FaceSetMesher {
    public static func mesh(faces: [[[Vec3]]], diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        var mesh = Mesh()
        let tri = PlanarFaceTriangulator()
        var failed = 0
        var local: [GeometryDiagnostic] = []
        for loops in faces {
            if !tri.addFace(loops, to: &mesh, diagnostics: &local) { failed += 1 }
        }
        // Summarise: real breps can have thousands of sliver faces.
        var seen = Set<String>()
        for d in local where seen.insert(d.code).inserted {
            let count = local.filter { $0.code == d.code }.count
            diagnostics.append(.init(d.severity, d.code, count > 1 ? "\(d.message) (\(count) faces)" : d.message, entity: d.entity))
        }
        _ = failed
        return mesh
    }

    /// Faceted brep with voids: void shells are turned inside out.
    public static func brep(outer: [[[Vec3]]], voids: [[[[Vec3]]]], diagnostics: inout [GeometryDiagnostic]) -> Mesh {
        var mesh = mesh(faces: outer, diagnostics: &diagnostics)
        for v in voids {
            var m = self.mesh(faces: v, diagnostics: &diagnostics)
            if m.signedVolume > 0 { m = m.flipped() }
            mesh.append(m)
        }
        return mesh
    }
}
