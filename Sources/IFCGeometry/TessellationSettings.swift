/// Knobs that trade accuracy for size/speed. Defaults suit facility viewers
/// (1 mm chord error, bounded segment counts so huge radii cannot explode meshes).
public struct TessellationSettings: Sendable, Hashable {
    /// Maximum distance between a true arc and its chord, metres.
    public var chordTolerance: Double = 0.001
    /// Bounds on segments for a full circle (scaled down for partial arcs).
    public var minCircleSegments: Int = 12
    public var maxCircleSegments: Int = 64
    /// Budget for boolean operations (polygons created while splitting); beyond
    /// this the host is returned un-cut with a diagnostic.
    public var booleanPolygonBudget: Int = 200_000
    /// Depth limit for nested mapped items / boolean trees.
    public var maxNestingDepth: Int = 32
    /// Points closer than this are merged when cleaning rings (metres).
    public var mergeTolerance: Double = 1e-7

    public init() {}

    /// Segments for an arc of `angle` radians at `radius`.
    public func segments(radius: Double, angle: Double) -> Int {
        let full = Double.pi * 2
        let a = Swift.min(abs(angle), full)
        guard radius.isFinite, radius > 0, a.isFinite, a > 0 else { return 1 }
        var perFull: Double
        if chordTolerance >= radius {
            perFull = Double(minCircleSegments)
        } else {
            let step = 2 * _acos(1 - chordTolerance / radius)
            perFull = step > 0 ? (full / step).rounded(.up) : Double(maxCircleSegments)
        }
        perFull = Swift.max(Double(minCircleSegments), Swift.min(Double(maxCircleSegments), perFull))
        return Swift.max(1, Int((perFull * a / full).rounded(.up)))
    }
}
