/// A plan-view polygon (metres, local XY): a floor or space outline, with holes.
///
/// Rings are open (the first point is not repeated); the outer ring is counter-clockwise
/// and holes clockwise once normalised by the producer. Stores turn this into a PostGIS
/// POLYGON, so at least three distinct points per ring are required to be valid.
public struct Footprint: Sendable, Hashable, Codable {
    public var outer: [Point2D]
    public var holes: [[Point2D]]

    public init(outer: [Point2D], holes: [[Point2D]] = []) {
        self.outer = outer
        self.holes = holes
    }

    /// Signed area of the outer ring minus the holes' absolute areas (shoelace formula).
    public var area: Double {
        abs(Self.signedArea(outer)) - holes.reduce(0) { $0 + abs(Self.signedArea($1)) }
    }

    public var isValid: Bool {
        outer.count >= 3 && outer.allSatisfy(\.isFinite) && holes.allSatisfy { $0.count >= 3 && $0.allSatisfy(\.isFinite) }
            && abs(Self.signedArea(outer)) > 1e-9
    }

    public static func signedArea(_ ring: [Point2D]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            sum += a.x * b.y - b.x * a.y
        }
        return sum / 2
    }
}
