/// Triangulates polygons with holes: rings are cleaned (duplicates, spikes,
/// non-finite values; straight-through collinear points stay), holes are
/// bridged into the outer ring left-most first through a vertex found by a
/// ray cast, then ears are clipped from a linked list whose ear tests walk a
/// z-order index, so huge rings (terrain, detailed slabs) stay near
/// O(n log n). Broken rings (self-intersections, overlaps) relax the ear
/// rules in bounded passes and report `triangulation.degraded`; a work budget
/// caps the total effort so hostile input can never hang the caller.
public struct PolygonTriangulator: Sendable {
    public struct Result: Sendable {
        /// Counter-clockwise triangles; indices refer to the input points in
        /// order outer, hole 0, hole 1, ...
        public var triangles: [UInt32]
        public var diagnostics: [GeometryDiagnostic]
    }

    /// Relative tolerance for collinearity/duplicates (scaled by ring size).
    public var relativeTolerance: Double

    public init(relativeTolerance: Double = 1e-10) {
        self.relativeTolerance = relativeTolerance
    }

    public func triangulate(_ polygon: Polygon2D) -> Result {
        triangulate(outer: polygon.outer, holes: polygon.holes)
    }

    public func triangulate(outer: [Vec2], holes: [[Vec2]]) -> Result {
        var diagnostics: [GeometryDiagnostic] = []
        var points = outer
        var ringRanges: [Range<Int>] = [0..<outer.count]
        for h in holes {
            ringRanges.append(points.count..<(points.count + h.count))
            points.append(contentsOf: h)
        }
        // Scale for tolerances.
        var lo = Vec2(.infinity, .infinity), hi = Vec2(-.infinity, -.infinity)
        for p in outer where p.isFinite {
            lo = Vec2(min(lo.x, p.x), min(lo.y, p.y))
            hi = Vec2(max(hi.x, p.x), max(hi.y, p.y))
        }
        let extent = max(hi.x - lo.x, hi.y - lo.y)
        guard extent.isFinite, extent > 0 else {
            return Result(triangles: [], diagnostics: [.init(.error, "triangulation.degenerate", "outer ring has no extent")])
        }
        let eps = extent * relativeTolerance
        var clipper = EarClipper(points: points, eps: eps)

        // Clean rings and fix orientation (outer counter-clockwise, holes clockwise).
        var outerStart = -1
        var holeStarts: [(node: Int, hole: Int, ring: Int)] = []
        for (k, r) in ringRanges.enumerated() {
            if points[r].contains(where: { !$0.isFinite }) {
                diagnostics.append(.init(.warning, "triangulation.nonfinite", "ring \(k) has non-finite points; dropped"))
                if k == 0 { return Result(triangles: [], diagnostics: diagnostics) }
                continue
            }
            var ring = clipper.clean(Array(r))
            let area = clipper.signedArea(ring)
            if ring.count < 3 || abs(area) <= eps * extent {
                if k == 0 {
                    diagnostics.append(.init(.error, "triangulation.degenerate", "outer ring has zero area"))
                    return Result(triangles: [], diagnostics: diagnostics)
                }
                diagnostics.append(.init(.warning, "triangulation.degenerate-hole", "hole \(k - 1) has zero area; dropped"))
                continue
            }
            if (k == 0) != (area > 0) { ring.reverse() }
            let start = clipper.makeRing(ring)
            if k == 0 {
                outerStart = start
            } else {
                holeStarts.append((clipper.leftmost(of: start), k - 1, holeStarts.count + 1))
            }
        }

        // Bridge holes left-most first: a hole's bridge then only meets rings
        // already merged, never a pending hole (those all lie to its right).
        holeStarts.sort { l, r in
            let a = clipper.xy(l.node), b = clipper.xy(r.node)
            if a.x != b.x { return a.x < b.x }
            if a.y != b.y { return a.y < b.y }
            return l.hole < r.hole
        }
        // Many holes in a big ring: a grid keeps each bridge search local.
        let nodeCount = clipper.nodePoint.count
        var index: HoleBridgeIndex? = nil
        if holeStarts.count >= 3 && nodeCount >= 256 {
            var ringStarts = [Int](repeating: outerStart, count: holeStarts.count + 1)
            for hole in holeStarts { ringStarts[hole.ring] = hole.node }
            index = HoleBridgeIndex(clipper, ringStarts: ringStarts)
        }
        var bridgeFallbacks = 0
        var outsideHoles: [Int] = []
        for (h, hole, ring) in holeStarts {
            let bridge = index.map { clipper.findBridge(hole: h, index: $0) } ?? clipper.findBridge(hole: h, ring: outerStart)
            switch bridge {
            case .node(let m):
                outerStart = clipper.splice(outerNode: m, holeNode: h)
                let added = clipper.nodePoint.count
                index?.noteBridge(clipper, v: m, h: h, v2: added - 2, h2: added - 1, ring: ring)
            case .outside:
                outsideHoles.append(hole)
            case .none:
                bridgeFallbacks += 1
                let m = clipper.nearestNode(to: h, ring: outerStart)
                outerStart = clipper.splice(outerNode: m, holeNode: h)
                let added = clipper.nodePoint.count
                index?.noteBridge(clipper, v: m, h: h, v2: added - 2, h2: added - 1, ring: ring)
            }
        }
        if !outsideHoles.isEmpty {
            let list = outsideHoles.sorted().prefix(8).map(String.init).joined(separator: ", ")
            diagnostics.append(.init(.warning, "triangulation.bridge",
                                     "\(outsideHoles.count) hole(s) not inside the outer ring (\(list)\(outsideHoles.count > 8 ? ", ..." : "")); dropped"))
        }
        if bridgeFallbacks > 0 {
            diagnostics.append(.init(.warning, "triangulation.bridge",
                                     "no visible bridge for \(bridgeFallbacks) hole(s); using nearest vertex"))
        }

        let outcome = clipper.clip(start: outerStart)
        if outcome.budgetExceeded {
            diagnostics.append(.init(.warning, "triangulation.degraded",
                                     "ear clipping exceeded its work budget; the rest of the ring was fanned"))
        } else if outcome.level > 0 {
            diagnostics.append(.init(.warning, "triangulation.degraded",
                                     "ring is self-intersecting or degenerate; relaxed ear clipping (level \(outcome.level))"))
        }
        return Result(triangles: clipper.finish(), diagnostics: diagnostics)
    }
}
