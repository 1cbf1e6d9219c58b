/// 2D curves that bound profiles. Conic trims are in radians (the IFC mapping
/// converts plane-angle units). Indices in indexed poly curves are 1-based as in IFC.
public indirect enum Curve2D: Sendable, Hashable {
    case polyline([Vec2])
    /// IfcIndexedPolyCurve; nil segments means one polyline through all points.
    case indexedPolyCurve(points: [Vec2], segments: [IndexedSegment]?)
    case line(origin: Vec2, direction: Vec2)
    case circle(position: Transform2D, radius: Double)
    case ellipse(position: Transform2D, semiAxis1: Double, semiAxis2: Double)
    case trimmed(basis: Curve2D, start: CurveTrim, end: CurveTrim, senseAgreement: Bool)
    case composite([CompositeSegment])

    public enum IndexedSegment: Sendable, Hashable {
        case line([Int])
        /// Three-point arc: start, a point on the arc, end.
        case arc(Int, Int, Int)
    }

    public enum CurveTrim: Sendable, Hashable {
        /// Angle in radians for conics, length parameter for lines.
        case parameter(Double)
        case point(Vec2)
    }

    public struct CompositeSegment: Sendable, Hashable {
        public var curve: Curve2D
        public var sameSense: Bool

        public init(_ curve: Curve2D, sameSense: Bool = true) {
            self.curve = curve
            self.sameSense = sameSense
        }
    }
}
