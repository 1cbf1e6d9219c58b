import Foundation
@testable import IFCGeometry

/// Validity of a triangulation without trusting the triangulator: indices in
/// range, every triangle counter-clockwise with positive area, total area
/// equal to the region's, sampled triangle centroids inside the region, and
/// sampled points covered by exactly one triangle inside the region and by
/// none outside it (together: no overlaps, no gaps, nothing outside).
struct TriangulationCheck {
    let polygon: Polygon2D
    let points: [Vec2]
    let rings: [[Vec2]]

    init(_ polygon: Polygon2D) {
        self.polygon = polygon
        rings = [polygon.outer] + polygon.holes
        points = rings.flatMap { $0 }
    }

    /// Even-odd over all rings: inside the outer ring and outside every hole.
    func regionContains(_ p: Vec2) -> Bool {
        var inside = false
        for ring in rings where ring.count >= 3 {
            var j = ring.count - 1
            for i in 0..<ring.count {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) { inside.toggle() }
                j = i
            }
        }
        return inside
    }

    struct Report {
        var problems: [String] = []
        var triangleCount = 0
        var area = 0.0
        var isValid: Bool { problems.isEmpty }
    }

    func check(_ tris: [UInt32], samples: Int = 200, areaTolerance: Double = 1e-9, seed: UInt64 = 7) -> Report {
        var report = Report()
        guard tris.count % 3 == 0 else {
            report.problems.append("index count \(tris.count) is not a multiple of 3")
            return report
        }
        guard tris.allSatisfy({ Int($0) < points.count }) else {
            report.problems.append("index out of range")
            return report
        }
        report.triangleCount = tris.count / 3
        var nonPositive = 0
        var t = 0
        while t < tris.count {
            let a = points[Int(tris[t])], b = points[Int(tris[t + 1])], c = points[Int(tris[t + 2])]
            let doubled = (b - a).cross(c - a)
            if !(doubled > 0) { nonPositive += 1 }
            report.area += doubled / 2
            t += 3
        }
        if nonPositive > 0 { report.problems.append("\(nonPositive) triangles with zero or negative area") }
        let expected = polygon.area
        if abs(report.area - expected) > areaTolerance * abs(expected) {
            report.problems.append("area \(report.area) differs from the region's \(expected)")
        }
        var rng = SplitMix(seed: seed)
        func unit() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
        // Centroids of sampled triangles lie in the region.
        var outside = 0
        for _ in 0..<min(samples, report.triangleCount) {
            let k = Int(rng.next() % UInt64(report.triangleCount)) * 3
            let a = points[Int(tris[k])], b = points[Int(tris[k + 1])], c = points[Int(tris[k + 2])]
            if !regionContains((a + b + c) * (1.0 / 3)) { outside += 1 }
        }
        if outside > 0 { report.problems.append("\(outside) sampled triangle centroids outside the region") }
        // Random points: covered once inside, never outside.
        let (lo, hi) = polygon.bounds
        var badCover = 0
        for _ in 0..<samples {
            let p = Vec2(lo.x + unit() * (hi.x - lo.x), lo.y + unit() * (hi.y - lo.y))
            var covering = 0
            var k = 0
            while k < tris.count {
                let a = points[Int(tris[k])], b = points[Int(tris[k + 1])], c = points[Int(tris[k + 2])]
                if (b - a).cross(p - a) >= 0, (c - b).cross(p - b) >= 0, (a - c).cross(p - c) >= 0 { covering += 1 }
                k += 3
            }
            if covering != (regionContains(p) ? 1 : 0) { badCover += 1 }
        }
        if badCover > 0 { report.problems.append("\(badCover) of \(samples) sample points covered the wrong number of times") }
        return report
    }
}
