/// Affine 3D transform (3x3 linear part by columns + translation). Non-uniform
/// scales and mirrors are allowed because IfcCartesianTransformationOperator3DnonUniform
/// produces them; `normalMatrix` and `determinant` let meshes stay correct under them.
public struct Transform3D: Sendable, Hashable {
    public var xAxis: Vec3
    public var yAxis: Vec3
    public var zAxis: Vec3
    public var translation: Vec3

    public init(xAxis: Vec3, yAxis: Vec3, zAxis: Vec3, translation: Vec3) {
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.zAxis = zAxis
        self.translation = translation
    }

    public static let identity = Transform3D(xAxis: .unitX, yAxis: .unitY, zAxis: .unitZ, translation: .zero)

    public static func translation(_ t: Vec3) -> Transform3D {
        Transform3D(xAxis: .unitX, yAxis: .unitY, zAxis: .unitZ, translation: t)
    }

    public static func scale(_ sx: Double, _ sy: Double, _ sz: Double) -> Transform3D {
        Transform3D(xAxis: Vec3(sx, 0, 0), yAxis: Vec3(0, sy, 0), zAxis: Vec3(0, 0, sz), translation: .zero)
    }

    /// IfcAxis2Placement3D semantics: z = axis, x = refDirection projected
    /// perpendicular to z, y = z × x. Degenerate inputs fall back to defaults.
    public init(location: Vec3, axis: Vec3? = nil, refDirection: Vec3? = nil) {
        let z = axis?.normalized ?? .unitZ
        var x: Vec3
        if let r = refDirection, let proj = (r - z * r.dot(z)).normalized {
            x = proj
        } else if let proj = (Vec3.unitX - z * z.x).normalized {
            x = proj
        } else {
            x = z.anyPerpendicular
        }
        x = x.normalized ?? .unitX
        let y = z.cross(x)
        self.init(xAxis: x, yAxis: y, zAxis: z, translation: location)
    }

    /// Rotation by `angle` radians about an axis through `origin`.
    public static func rotation(about axis: Vec3, angle: Double, origin: Vec3 = .zero) -> Transform3D {
        let a = axis.normalized ?? .unitZ
        let c = _cos(angle), s = _sin(angle), t = 1 - c
        let col0 = Vec3(t * a.x * a.x + c, t * a.x * a.y + s * a.z, t * a.x * a.z - s * a.y)
        let col1 = Vec3(t * a.x * a.y - s * a.z, t * a.y * a.y + c, t * a.y * a.z + s * a.x)
        let col2 = Vec3(t * a.x * a.z + s * a.y, t * a.y * a.z - s * a.x, t * a.z * a.z + c)
        let linear = Transform3D(xAxis: col0, yAxis: col1, zAxis: col2, translation: .zero)
        return Transform3D.translation(origin).concatenating(linear).concatenating(.translation(-origin))
    }

    @inlinable public func apply(_ p: Vec3) -> Vec3 {
        Vec3(
            xAxis.x * p.x + yAxis.x * p.y + zAxis.x * p.z + translation.x,
            xAxis.y * p.x + yAxis.y * p.y + zAxis.y * p.z + translation.y,
            xAxis.z * p.x + yAxis.z * p.y + zAxis.z * p.z + translation.z
        )
    }

    @inlinable public func applyVector(_ v: Vec3) -> Vec3 {
        Vec3(
            xAxis.x * v.x + yAxis.x * v.y + zAxis.x * v.z,
            xAxis.y * v.x + yAxis.y * v.y + zAxis.y * v.z,
            xAxis.z * v.x + yAxis.z * v.y + zAxis.z * v.z
        )
    }

    public var determinant: Double { xAxis.dot(yAxis.cross(zAxis)) }

    public var isFinite: Bool { xAxis.isFinite && yAxis.isFinite && zAxis.isFinite && translation.isFinite }

    public var isIdentity: Bool { self == .identity }

    /// self ∘ other: apply `other` first, then `self`.
    public func concatenating(_ other: Transform3D) -> Transform3D {
        Transform3D(
            xAxis: applyVector(other.xAxis),
            yAxis: applyVector(other.yAxis),
            zAxis: applyVector(other.zAxis),
            translation: apply(other.translation)
        )
    }

    /// Inverse transpose of the linear part (columns), scaled by the determinant's
    /// sign-free cofactor form; callers renormalise. nil when singular.
    public var normalMatrix: Transform3D? {
        let det = determinant
        guard abs(det) > 1e-300, det.isFinite else { return nil }
        // Cofactor matrix columns = cross products of the other two columns.
        let c0 = yAxis.cross(zAxis) * (1 / det)
        let c1 = zAxis.cross(xAxis) * (1 / det)
        let c2 = xAxis.cross(yAxis) * (1 / det)
        // (M^-1)^T has rows... its columns are c0, c1, c2 as computed (cofactor / det).
        return Transform3D(xAxis: c0, yAxis: c1, zAxis: c2, translation: .zero)
    }

    public var inverse: Transform3D? {
        guard let n = normalMatrix else { return nil }
        // M^-1 = transpose(normalMatrix)
        let r0 = n.xAxis, r1 = n.yAxis, r2 = n.zAxis
        let inv = Transform3D(
            xAxis: Vec3(r0.x, r1.x, r2.x), yAxis: Vec3(r0.y, r1.y, r2.y), zAxis: Vec3(r0.z, r1.z, r2.z),
            translation: .zero)
        return Transform3D(xAxis: inv.xAxis, yAxis: inv.yAxis, zAxis: inv.zAxis, translation: -inv.applyVector(translation))
    }

    /// Column-major 4x4 as glTF expects.
    public var columnMajor: [Double] {
        [xAxis.x, xAxis.y, xAxis.z, 0, yAxis.x, yAxis.y, yAxis.z, 0, zAxis.x, zAxis.y, zAxis.z, 0,
         translation.x, translation.y, translation.z, 1]
    }
}
