/// Affine 2D transform used for profile placements (IfcAxis2Placement2D) and
/// derived profiles (IfcCartesianTransformationOperator2D, which may mirror).
public struct Transform2D: Sendable, Hashable {
    /// Image of the x axis.
    public var xAxis: Vec2
    /// Image of the y axis.
    public var yAxis: Vec2
    public var translation: Vec2

    public init(xAxis: Vec2, yAxis: Vec2, translation: Vec2) {
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.translation = translation
    }

    public static let identity = Transform2D(xAxis: Vec2(1, 0), yAxis: Vec2(0, 1), translation: .zero)

    /// IfcAxis2Placement2D: location plus optional reference direction; y is x rotated +90°.
    public init(location: Vec2, refDirection: Vec2? = nil) {
        let x = refDirection?.normalized ?? Vec2(1, 0)
        self.init(xAxis: x, yAxis: Vec2(-x.y, x.x), translation: location)
    }

    @inlinable public func apply(_ p: Vec2) -> Vec2 {
        Vec2(xAxis.x * p.x + yAxis.x * p.y + translation.x, xAxis.y * p.x + yAxis.y * p.y + translation.y)
    }

    public var determinant: Double { xAxis.cross(yAxis) }

    /// self ∘ other (apply `other` first).
    public func concatenating(_ other: Transform2D) -> Transform2D {
        Transform2D(
            xAxis: Vec2(xAxis.x * other.xAxis.x + yAxis.x * other.xAxis.y, xAxis.y * other.xAxis.x + yAxis.y * other.xAxis.y),
            yAxis: Vec2(xAxis.x * other.yAxis.x + yAxis.x * other.yAxis.y, xAxis.y * other.yAxis.x + yAxis.y * other.yAxis.y),
            translation: apply(other.translation)
        )
    }
}
