/// Oriented plane: points with `signedDistance > 0` lie on the side the normal points to.
public struct Plane: Sendable, Hashable {
    public var point: Vec3
    /// Unit normal.
    public var normal: Vec3

    /// nil if the normal is degenerate.
    public init?(point: Vec3, normal: Vec3) {
        guard let n = normal.normalized, point.isFinite else { return nil }
        self.point = point
        self.normal = n
    }

    @inlinable public func signedDistance(_ p: Vec3) -> Double { (p - point).dot(normal) }

    public var flipped: Plane { Plane(point: point, normal: -normal)! }
}
