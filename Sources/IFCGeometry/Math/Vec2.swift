/// A 2D point or vector in profile space (metres, doubles so that fillets and
/// arcs stay exact enough before the final Float conversion in the GLB writer).
public struct Vec2: Sendable, Hashable {
    public var x: Double
    public var y: Double

    @inlinable public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    public static let zero = Vec2(0, 0)

    @inlinable public static func + (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x + b.x, a.y + b.y) }
    @inlinable public static func - (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x - b.x, a.y - b.y) }
    @inlinable public static func * (a: Vec2, s: Double) -> Vec2 { Vec2(a.x * s, a.y * s) }
    @inlinable public static prefix func - (a: Vec2) -> Vec2 { Vec2(-a.x, -a.y) }

    @inlinable public func dot(_ o: Vec2) -> Double { x * o.x + y * o.y }
    /// z component of the 3D cross product; positive when `o` is counter-clockwise of `self`.
    @inlinable public func cross(_ o: Vec2) -> Double { x * o.y - y * o.x }
    @inlinable public var length: Double { (x * x + y * y).squareRoot() }
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite }

    public var normalized: Vec2? {
        let l = length
        guard l > 1e-12, l.isFinite else { return nil }
        return Vec2(x / l, y / l)
    }
}
