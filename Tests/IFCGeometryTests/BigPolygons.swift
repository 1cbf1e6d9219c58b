import Foundation
import IFCGeometry

/// Deterministic big polygons for the scale tests and the benchmark's shapes.
enum BigPolygons {
    /// Star: n outer vertices alternating between radius 100 and 98, with
    /// `holes` 2 × 2 squares on a grid in the middle.
    static func star(_ n: Int, holes: Int = 50) -> Polygon2D {
        let outer = (0..<n).map { i -> Vec2 in
            let t = 2 * Double.pi * Double(i) / Double(n)
            let r = i % 2 == 0 ? 100.0 : 98.0
            return Vec2(r * cos(t), r * sin(t))
        }
        var hs: [[Vec2]] = []
        let columns = Int(Double(holes).squareRoot().rounded(.up))
        for k in 0..<holes {
            let cx = Double(k % columns) * 6 - Double(columns) * 3, cy = Double(k / columns) * 6 - Double(columns) * 3
            hs.append([Vec2(cx, cy), Vec2(cx, cy + 2), Vec2(cx + 2, cy + 2), Vec2(cx + 2, cy)])
        }
        return Polygon2D(outer: outer, holes: hs)
    }

    /// Terrain-like outline: a wobbly, jittered ring of n vertices with
    /// `holes` round holes of `holeSides` vertices each (clockwise).
    static func terrain(_ n: Int, holes: Int, holeSides: Int = 24, seed: UInt64 = 11) -> Polygon2D {
        var rng = SplitMix(seed: seed)
        func unit() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        let outer = (0..<n).map { i -> Vec2 in
            let t = 2 * Double.pi * Double(i) / Double(n)
            let r = 1000 + 60 * sin(7 * t) + 25 * sin(31 * t + 1) + 4 * (unit() - 0.5)
            return Vec2(r * cos(t) + 500_000, r * sin(t) + 5_000_000)
        }
        var hs: [[Vec2]] = []
        let columns = Int(Double(holes).squareRoot().rounded(.up))
        let spacing = 1200.0 / Double(columns)
        for k in 0..<holes {
            let cx = 500_000 - 600 + (Double(k % columns) + 0.5) * spacing
            let cy = 5_000_000 - 600 + (Double(k / columns) + 0.5) * spacing
            let radius = spacing * 0.3
            hs.append((0..<holeSides).map { j in
                let t = -2 * Double.pi * Double(j) / Double(holeSides)
                return Vec2(cx + radius * cos(t), cy + radius * sin(t))
            })
        }
        return Polygon2D(outer: outer, holes: hs)
    }

    /// Comb: `teeth` deep narrow slots cut into a bar (half its vertices reflex).
    static func comb(teeth: Int) -> Polygon2D {
        var outer: [Vec2] = [Vec2(0, 0), Vec2(Double(teeth) * 2, 0)]
        for i in stride(from: teeth - 1, through: 0, by: -1) {
            let x = Double(i) * 2
            outer += [Vec2(x + 2, 100), Vec2(x + 1.5, 100), Vec2(x + 1.5, 1), Vec2(x + 0.5, 1), Vec2(x + 0.5, 100)]
        }
        outer.append(Vec2(0, 100))
        return Polygon2D(outer: outer)
    }

    /// Rectangle whose sides and square holes carry long runs of collinear points.
    static func straightRuns(perSide: Int, holes: Int) -> Polygon2D {
        let w = 1000.0
        var outer: [Vec2] = []
        for i in 0..<perSide { outer.append(Vec2(w * Double(i) / Double(perSide), 0)) }
        for i in 0..<perSide { outer.append(Vec2(w, w * Double(i) / Double(perSide))) }
        for i in 0..<perSide { outer.append(Vec2(w - w * Double(i) / Double(perSide), w)) }
        for i in 0..<perSide { outer.append(Vec2(0, w - w * Double(i) / Double(perSide))) }
        var hs: [[Vec2]] = []
        let columns = Int(Double(holes).squareRoot().rounded(.up))
        let spacing = w / Double(columns + 1)
        for k in 0..<holes {
            let x0 = spacing * Double(k % columns + 1) - spacing / 4, y0 = spacing * Double(k / columns + 1) - spacing / 4
            let s = spacing / 2
            var ring: [Vec2] = []
            // Clockwise, five points per side.
            for i in 0..<5 { ring.append(Vec2(x0, y0 + s * Double(i) / 5)) }
            for i in 0..<5 { ring.append(Vec2(x0 + s * Double(i) / 5, y0 + s)) }
            for i in 0..<5 { ring.append(Vec2(x0 + s, y0 + s - s * Double(i) / 5)) }
            for i in 0..<5 { ring.append(Vec2(x0 + s - s * Double(i) / 5, y0)) }
            hs.append(ring)
        }
        return Polygon2D(outer: outer, holes: hs)
    }
}
