/// A 3D point or vector (metres). Value type with no allocation so that kernels
/// can use it freely in tight loops while meshes themselves stay in flat buffers.
public struct Vec3: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var z: Double

    @inlinable public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    public static let zero = Vec3(0, 0, 0)
    public static let unitX = Vec3(1, 0, 0)
    public static let unitY = Vec3(0, 1, 0)
    public static let unitZ = Vec3(0, 0, 1)

    @inlinable public static func + (a: Vec3, b: Vec3) -> Vec3 { Vec3(a.x + b.x, a.y + b.y, a.z + b.z) }
    @inlinable public static func - (a: Vec3, b: Vec3) -> Vec3 { Vec3(a.x - b.x, a.y - b.y, a.z - b.z) }
    @inlinable public static func * (a: Vec3, s: Double) -> Vec3 { Vec3(a.x * s, a.y * s, a.z * s) }
    @inlinable public static prefix func - (a: Vec3) -> Vec3 { Vec3(-a.x, -a.y, -a.z) }

    @inlinable public func dot(_ o: Vec3) -> Double { x * o.x + y * o.y + z * o.z }
    @inlinable public func cross(_ o: Vec3) -> Vec3 {
        Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x)
    }
    @inlinable public var length: Double { (x * x + y * y + z * z).squareRoot() }
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }

    /// nil for (near) zero or non-finite vectors so callers must decide what a
    /// degenerate direction means instead of silently producing NaN.
    public var normalized: Vec3? {
        let l = length
        guard l > 1e-12, l.isFinite else { return nil }
        return Vec3(x / l, y / l, z / l)
    }

    /// Any unit vector perpendicular to `self` (which must be a unit vector).
    public var anyPerpendicular: Vec3 {
        let helper = abs(x) < 0.9 ? Vec3.unitX : Vec3.unitY
        return (cross(helper).normalized) ?? Vec3.unitZ
    }
}
