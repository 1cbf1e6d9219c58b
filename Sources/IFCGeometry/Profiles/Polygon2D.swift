/// A planar region: one outer ring and any number of holes (rings are not
/// closed, i.e. the first point is not repeated). Profiles normalise outer
/// rings to counter-clockwise and holes to clockwise.
public struct Polygon2D: Sendable, Hashable {
    public var outer: [Vec2]
    public var holes: [[Vec2]]

    public init(outer: [Vec2], holes: [[Vec2]] = []) {
        self.outer = outer
        self.holes = holes
    }

    /// Shoelace signed area of a ring (positive when counter-clockwise).
    public static func signedArea(_ ring: [Vec2]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var s = 0.0
        let o = ring[0]
        for i in 1..<(ring.count - 1) {
            s += (ring[i] - o).cross(ring[i + 1] - o)
        }
        return s / 2
    }

    /// Area of the region (outer minus holes).
    public var area: Double {
        abs(Polygon2D.signedArea(outer)) - holes.reduce(0) { $0 + abs(Polygon2D.signedArea($1)) }
    }

    public var bounds: (min: Vec2, max: Vec2) {
        var lo = Vec2(.infinity, .infinity), hi = Vec2(-.infinity, -.infinity)
        for p in outer {
            lo = Vec2(Swift.min(lo.x, p.x), Swift.min(lo.y, p.y))
            hi = Vec2(Swift.max(hi.x, p.x), Swift.max(hi.y, p.y))
        }
        return (lo, hi)
    }

    /// Same region with outer counter-clockwise and holes clockwise.
    public func normalized() -> Polygon2D {
        var out = outer
        if Polygon2D.signedArea(out) < 0 { out.reverse() }
        let hs = holes.map { h -> [Vec2] in Polygon2D.signedArea(h) > 0 ? Array(h.reversed()) : h }
        return Polygon2D(outer: out, holes: hs)
    }

    public func transformed(by t: Transform2D) -> Polygon2D {
        var p = Polygon2D(outer: outer.map(t.apply), holes: holes.map { $0.map(t.apply) })
        if t.determinant < 0 { p = p.normalized() }
        return p
    }
}
