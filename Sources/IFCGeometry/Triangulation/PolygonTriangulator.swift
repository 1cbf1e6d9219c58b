/// Triangulates polygons with holes: rings are cleaned (duplicates, collinear
/// points, spikes, non-finite values), holes are bridged into the outer ring
/// through a visible vertex, then ears are clipped from a linked list. For big
/// rings a uniform grid limits the point-in-ear tests. When no valid ear exists
/// (self-intersecting or badly broken rings) the clipper relaxes its rules in
/// bounded passes and reports a diagnostic instead of failing or looping.
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
        var state = EarClipper(points: points, eps: eps)
        // Clean rings and fix orientation.
        var cleaned: [[Int]] = []
        for (k, r) in ringRanges.enumerated() {
            var ring = Array(r)
            if ring.contains(where: { !points[$0].isFinite }) {
                diagnostics.append(.init(.warning, "triangulation.nonfinite", "ring \(k) has non-finite points; dropped"))
                if k == 0 { return Result(triangles: [], diagnostics: diagnostics) }
                continue
            }
            ring = state.clean(ring)
            let area = state.signedArea(ring)
            if ring.count < 3 || abs(area) <= eps * extent {
                if k == 0 {
                    diagnostics.append(.init(.error, "triangulation.degenerate", "outer ring has zero area"))
                    return Result(triangles: [], diagnostics: diagnostics)
                }
                diagnostics.append(.init(.warning, "triangulation.degenerate-hole", "hole \(k - 1) has zero area; dropped"))
                continue
            }
            if (k == 0) != (area > 0) { ring.reverse() }
            cleaned.append(ring)
        }
        var start = state.makeRing(cleaned[0])
        // Bridge holes, left-most first (their bridges then rarely block each other).
        var holeStarts = cleaned.dropFirst().map { state.makeRing($0) }
        holeStarts = holeStarts.map { state.leftmost(of: $0) }
        holeStarts.sort { state.pt(state.nodePoint[$0]).x < state.pt(state.nodePoint[$1]).x }
        for (i, h) in holeStarts.enumerated() {
            let others = Array(holeStarts[(i + 1)...])
            if let s = state.bridge(hole: h, into: start, pendingHoles: others) {
                start = s
            } else {
                diagnostics.append(.init(.warning, "triangulation.bridge", "no visible bridge for a hole; using nearest vertex"))
                start = state.bridgeNearest(hole: h, into: start)
            }
        }
        let level = state.clip(start: start)
        if level > 0 {
            diagnostics.append(.init(.warning, "triangulation.degraded",
                                     "ring is self-intersecting or degenerate; relaxed ear clipping (level \(level))"))
        }
        return Result(triangles: state.output, diagnostics: diagnostics)
    }
}

/// Working state of one triangulation: a doubly linked list of nodes over the
/// input points (bridges duplicate nodes, never points).
struct EarClipper {
    let points: [Vec2]
    let eps: Double
    var nodePoint: [Int] = []
    var next: [Int] = []
    var prev: [Int] = []
    var removed: [Bool] = []
    var output: [UInt32] = []

    init(points: [Vec2], eps: Double) {
        self.points = points
        self.eps = eps
    }

    @inline(__always) func pt(_ i: Int) -> Vec2 { points[i] }
    @inline(__always) func p(_ node: Int) -> Vec2 { points[nodePoint[node]] }

    func signedArea(_ ring: [Int]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var s = 0.0
        let o = points[ring[0]]
        for i in 1..<(ring.count - 1) { s += (points[ring[i]] - o).cross(points[ring[i + 1]] - o) }
        return s / 2
    }

    /// Removes duplicate points and spikes (edges that fold back on
    /// themselves). Straight-through collinear points are kept on purpose: they
    /// are vertices of neighbouring side faces, and dropping them would leave
    /// T-junctions between caps and sides. Bounded by ring length.
    func clean(_ input: [Int]) -> [Int] {
        var ring: [Int] = []
        ring.reserveCapacity(input.count)
        for i in input {
            if let l = ring.last, (points[l] - points[i]).length <= eps { continue }
            ring.append(i)
        }
        while ring.count > 1, let f = ring.first, let l = ring.last, (points[f] - points[l]).length <= eps { ring.removeLast() }
        var changed = true
        var rounds = 0
        while changed, ring.count >= 3, rounds < input.count + 2 {
            changed = false
            rounds += 1
            var out: [Int] = []
            out.reserveCapacity(ring.count)
            for k in 0..<ring.count {
                let a = points[out.last ?? ring[(k + ring.count - 1) % ring.count]]
                let b = points[ring[k]]
                let c = points[ring[(k + 1) % ring.count]]
                let ab = b - a, bc = c - b
                let degenerate = ab.length <= eps
                    || (abs(ab.cross(bc)) <= eps * max(ab.length + bc.length, eps) && ab.dot(bc) < 0)
                if degenerate {
                    changed = true
                    continue
                }
                out.append(ring[k])
            }
            while out.count > 1, let f = out.first, let l = out.last, (points[f] - points[l]).length <= eps { out.removeLast() }
            ring = out
        }
        return ring.count >= 3 ? ring : []
    }

    mutating func makeRing(_ ring: [Int]) -> Int {
        let base = nodePoint.count
        for (k, i) in ring.enumerated() {
            nodePoint.append(i)
            next.append(base + (k + 1) % ring.count)
            prev.append(base + (k + ring.count - 1) % ring.count)
            removed.append(false)
        }
        return base
    }

    func leftmost(of start: Int) -> Int {
        var best = start, n = next[start], guardCount = 0
        while n != start, guardCount < nodePoint.count {
            let a = p(n), b = p(best)
            if a.x < b.x || (a.x == b.x && a.y < b.y) { best = n }
            n = next[n]
            guardCount += 1
        }
        return best
    }

    func ringNodes(_ start: Int) -> [Int] {
        var out = [start]
        var n = next[start]
        while n != start, out.count <= nodePoint.count {
            out.append(n)
            n = next[n]
        }
        return out
    }

    /// Proper or touching intersection of segments p1p2 and q1q2.
    func segmentsIntersect(_ p1: Vec2, _ p2: Vec2, _ q1: Vec2, _ q2: Vec2) -> Bool {
        let d1 = (p2 - p1).cross(q1 - p1), d2 = (p2 - p1).cross(q2 - p1)
        let d3 = (q2 - q1).cross(p1 - q1), d4 = (q2 - q1).cross(p2 - q1)
        let tol = eps * eps
        if ((d1 > tol && d2 < -tol) || (d1 < -tol && d2 > tol)) && ((d3 > tol && d4 < -tol) || (d3 < -tol && d4 > tol)) {
            return true
        }
        func onSeg(_ a: Vec2, _ b: Vec2, _ c: Vec2, _ d: Double) -> Bool {
            abs(d) <= tol && min(a.x, b.x) - eps <= c.x && c.x <= max(a.x, b.x) + eps
                && min(a.y, b.y) - eps <= c.y && c.y <= max(a.y, b.y) + eps
        }
        return onSeg(p1, p2, q1, d1) || onSeg(p1, p2, q2, d2) || onSeg(q1, q2, p1, d3) || onSeg(q1, q2, p2, d4)
    }

    /// True when direction a→target lies inside the interior wedge at node a
    /// (the interior is swept counter-clockwise from the next edge to the previous one).
    func inCone(_ a: Int, _ target: Vec2) -> Bool {
        let pa = p(a)
        let toNext = p(next[a]) - pa, toPrev = p(prev[a]) - pa, d = target - pa
        let convex = (pa - p(prev[a])).cross(p(next[a]) - pa) >= 0
        if convex {
            return toNext.cross(d) > 0 && d.cross(toPrev) > 0
        }
        return !(toPrev.cross(d) >= 0 && d.cross(toNext) >= 0)
    }

    /// Joins a hole to the outer ring through a vertex visible from the hole's
    /// left-most vertex. Returns a node on the merged ring, nil if none is visible.
    mutating func bridge(hole h: Int, into outer: Int, pendingHoles: [Int]) -> Int? {
        let hp = p(h)
        let outerNodes = ringNodes(outer)
        var edgeSets = [outerNodes, ringNodes(h)]
        for o in pendingHoles { edgeSets.append(ringNodes(o)) }
        var candidates = outerNodes.filter { p($0).x < hp.x - eps }
        if candidates.isEmpty { candidates = outerNodes }
        candidates.sort { (p($0) - hp).length < (p($1) - hp).length }
        for v in candidates.prefix(256) {
            let vp = p(v)
            guard inCone(v, hp) else { continue }
            var blocked = false
            outer: for set in edgeSets {
                for a in set {
                    let b = next[a]
                    if nodePoint[a] == nodePoint[v] || nodePoint[b] == nodePoint[v]
                        || nodePoint[a] == nodePoint[h] || nodePoint[b] == nodePoint[h] { continue }
                    let pa = p(a), pb = p(b)
                    if pa == vp || pb == vp || pa == hp || pb == hp { continue }
                    if segmentsIntersect(hp, vp, pa, pb) {
                        blocked = true
                        break outer
                    }
                }
            }
            if !blocked { return splice(outerNode: v, holeNode: h) }
        }
        return nil
    }

    mutating func bridgeNearest(hole h: Int, into outer: Int) -> Int {
        let hp = p(h)
        let best = ringNodes(outer).min { (p($0) - hp).length < (p($1) - hp).length } ?? outer
        return splice(outerNode: best, holeNode: h)
    }

    /// v → h → ...hole... → h' → v' → next(v)
    mutating func splice(outerNode v: Int, holeNode h: Int) -> Int {
        let v2 = nodePoint.count
        nodePoint.append(nodePoint[v]); next.append(0); prev.append(0); removed.append(false)
        let h2 = nodePoint.count
        nodePoint.append(nodePoint[h]); next.append(0); prev.append(0); removed.append(false)
        let vNext = next[v], hPrev = prev[h]
        next[v] = h; prev[h] = v
        next[hPrev] = h2; prev[h2] = hPrev
        next[h2] = v2; prev[v2] = h2
        next[v2] = vNext; prev[vNext] = v2
        return v
    }

    @inline(__always) func area(_ a: Int, _ b: Int, _ c: Int) -> Double {
        (p(b) - p(a)).cross(p(c) - p(b))
    }

    func pointInTriangle(_ a: Vec2, _ b: Vec2, _ c: Vec2, _ q: Vec2) -> Bool {
        (b - a).cross(q - a) >= 0 && (c - b).cross(q - b) >= 0 && (a - c).cross(q - c) >= 0
    }

    /// Ear clipping. Returns the relaxation level that was needed (0 = clean).
    mutating func clip(start: Int) -> Int {
        var remaining = ringNodes(start).count
        if remaining < 3 { return 0 }
        let grid = remaining > 64 ? PointGrid(nodes: ringNodes(start), clipper: self) : nil
        var ear = start
        var stop = ear
        var level = 0
        var maxLevel = 0
        let areaEps = eps * eps
        var iterations = 0
        let maxIterations = remaining * remaining * 4 + 1024
        while remaining > 3, iterations < maxIterations {
            iterations += 1
            let a = prev[ear], c = next[ear]
            let ar = area(a, ear, c)
            var accept = false
            var emit = true
            switch level {
            case 0:
                accept = ar > areaEps && isEar(a, ear, c, grid: grid)
            case 1:
                // Degenerate (zero-area) vertices are dropped without a triangle.
                if abs(ar) <= areaEps { accept = true; emit = false }
            case 2:
                accept = ar > areaEps
            default:
                accept = true
                emit = ar > areaEps
            }
            if accept {
                if emit {
                    output.append(UInt32(nodePoint[a]))
                    output.append(UInt32(nodePoint[ear]))
                    output.append(UInt32(nodePoint[c]))
                }
                next[a] = c
                prev[c] = a
                removed[ear] = true
                remaining -= 1
                maxLevel = max(maxLevel, level)
                level = 0
                // Skipping one vertex (as earcut does) keeps ears small and
                // well shaped instead of fanning long slivers around the ring.
                ear = next[c]
                stop = ear
                continue
            }
            ear = c
            if ear == stop {
                level += 1
                if level > 3 { break }
            }
        }
        maxLevel = max(maxLevel, min(level, 3))
        if remaining == 3 {
            let a = prev[ear], c = next[ear]
            if area(a, ear, c) > areaEps {
                output.append(UInt32(nodePoint[a]))
                output.append(UInt32(nodePoint[ear]))
                output.append(UInt32(nodePoint[c]))
            }
        }
        // Level 1 only drops zero-area vertices, which is normal cleanup.
        return maxLevel >= 2 ? maxLevel : 0
    }

    func isEar(_ a: Int, _ b: Int, _ c: Int, grid: PointGrid?) -> Bool {
        let pa = p(a), pb = p(b), pc = p(c)
        func blocks(_ n: Int) -> Bool {
            if removed[n] || n == a || n == b || n == c { return false }
            let q = p(n)
            if q == pa || q == pb || q == pc { return false }
            guard pointInTriangle(pa, pb, pc, q) else { return false }
            // Only reflex (or flat) vertices can obstruct an ear of a simple ring.
            return area(prev[n], n, next[n]) <= 0
        }
        if let grid {
            let lo = Vec2(min(pa.x, pb.x, pc.x), min(pa.y, pb.y, pc.y))
            let hi = Vec2(max(pa.x, pb.x, pc.x), max(pa.y, pb.y, pc.y))
            return !grid.any(in: lo, hi, where: blocks)
        }
        var n = next[c]
        var guardCount = 0
        while n != a, guardCount < nodePoint.count {
            if blocks(n) { return false }
            n = next[n]
            guardCount += 1
        }
        return true
    }
}

/// Uniform bucket grid over the nodes of a big ring, so ear tests only look at
/// nodes near the candidate triangle.
struct PointGrid {
    let origin: Vec2
    let cell: Double
    let columns: Int
    let rows: Int
    var buckets: [[Int]]

    init(nodes: [Int], clipper: EarClipper) {
        var lo = Vec2(.infinity, .infinity), hi = Vec2(-.infinity, -.infinity)
        for n in nodes {
            let q = clipper.p(n)
            lo = Vec2(min(lo.x, q.x), min(lo.y, q.y))
            hi = Vec2(max(hi.x, q.x), max(hi.y, q.y))
        }
        let side = max(1, Int(Double(nodes.count).squareRoot()))
        let w = max(hi.x - lo.x, hi.y - lo.y, 1e-12)
        origin = lo
        cell = w / Double(side)
        columns = side + 1
        rows = side + 1
        buckets = Array(repeating: [], count: columns * rows)
        for n in nodes {
            let q = clipper.p(n)
            buckets[index(q)].append(n)
        }
    }

    func clampCell(_ v: Double, _ count: Int) -> Int {
        let i = (v / cell).rounded(.down)
        guard i.isFinite else { return 0 }
        return max(0, min(count - 1, Int(i)))
    }

    func index(_ q: Vec2) -> Int {
        clampCell(q.y - origin.y, rows) * columns + clampCell(q.x - origin.x, columns)
    }

    func any(in lo: Vec2, _ hi: Vec2, where test: (Int) -> Bool) -> Bool {
        let x0 = clampCell(lo.x - origin.x, columns), x1 = clampCell(hi.x - origin.x, columns)
        let y0 = clampCell(lo.y - origin.y, rows), y1 = clampCell(hi.y - origin.y, rows)
        for y in y0...y1 {
            for x in x0...x1 {
                for n in buckets[y * columns + x] where test(n) { return true }
            }
        }
        return false
    }
}
