/// Kernel input: one representation item, already resolved from IFC entities
/// into plain values (lengths in metres, angles in radians). The IFC mapping
/// layer builds these; tests build them directly.
public indirect enum GeometryItem: Sendable, Hashable {
    case extrudedAreaSolid(profile: ProfileDefinition, position: Transform3D, direction: Vec3, depth: Double)
    /// Axis given in the profile plane's coordinates (z = 0).
    case revolvedAreaSolid(profile: ProfileDefinition, position: Transform3D, axisOrigin: Vec3, axisDirection: Vec3,
                           angle: Double)
    /// Directrix already discretised to a polyline.
    case sweptDiskSolid(directrix: [Vec3], radius: Double, innerRadius: Double?)
    /// Faces as loops (first = outer bound, already oriented); voids are inner shells.
    case facetedBrep(faces: [[[Vec3]]], voids: [[[[Vec3]]]])
    /// Open or closed shells/surface models (IfcShellBasedSurfaceModel, IfcFaceBasedSurfaceModel).
    case faces([[[Vec3]]])
    case triangulatedFaceSet(TriangulatedFaceSet)
    case polygonalFaceSet(PolygonalFaceSet)
    /// IfcBlock, corner at the position's origin.
    case block(position: Transform3D, x: Double, y: Double, z: Double)
    case boolean(MeshBoolean.Operation, GeometryItem, GeometryItem)
    /// Only meaningful as the second operand of a boolean.
    case halfSpace(HalfSpace)
    case mapped(mapID: Int, transform: Transform3D)
    case transformed(GeometryItem, Transform3D)
    case group([GeometryItem])
    /// Carries the STEP id for diagnostics.
    case tagged(entity: Int, GeometryItem)
}

/// IfcHalfSpaceSolid / IfcPolygonalBoundedHalfSpace.
public struct HalfSpace: Sendable, Hashable {
    public var plane: Plane
    /// IFC AgreementFlag: true when the plane normal points away from the half-space material.
    public var agreementFlag: Bool
    /// Polygonal boundary in `boundaryPosition`'s XY plane; the half-space is
    /// limited to the prism of this polygon along that position's z axis.
    public var boundary: [Vec2]?
    public var boundaryPosition: Transform3D

    public init(plane: Plane, agreementFlag: Bool, boundary: [Vec2]? = nil, boundaryPosition: Transform3D = .identity) {
        self.plane = plane
        self.agreementFlag = agreementFlag
        self.boundary = boundary
        self.boundaryPosition = boundaryPosition
    }

    /// Plane whose negative side is the half-space material.
    public var materialPlane: Plane { agreementFlag ? plane : plane.flipped }
}

/// An IfcRepresentationMap's items, tessellated once and instanced by mapped items.
public struct RepresentationMap: Sendable, Hashable {
    public var items: [GeometryItem]

    public init(items: [GeometryItem]) {
        self.items = items
    }
}
