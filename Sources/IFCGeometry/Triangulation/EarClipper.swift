/// Working state of one triangulation: a doubly linked ring of nodes over the
/// input points (bridges duplicate nodes, never points), with coordinates
/// copied per node so the hot loops touch flat arrays only. Big rings also get
/// a second linked list in z-order (Morton) so an ear test visits only nodes
/// whose key lies between the keys of the ear's bounding-box corners.
struct EarClipper {
    let points: [Vec2]
    /// Geometric tolerance (relative tolerance × extent).
    let eps: Double
    /// Tolerance on doubled triangle areas.
    let areaEps: Double

    var nodePoint: [Int] = []
    var xs: [Double] = []
    var ys: [Double] = []
    var next: [Int] = []
    var prev: [Int] = []

    /// Z-order list (-1 terminated), only when `zIndexed`.
    var zIndexed = false
    var zKey: [UInt32] = []
    var nextZ: [Int] = []
    var prevZ: [Int] = []
    var zMinX = 0.0
    var zMinY = 0.0
    var zScale = 0.0

    /// Emitted triangles as node triples (mapped to point indices at the end).
    var triangles: [Int] = []
    /// Straight-through collinear nodes taken out of the ring, keyed by the
    /// directed edge (a, c) that replaced them; put back as triangle splits at
    /// the end so no input vertex is lost (no T-junctions with side faces).
    var splits: [Int: Int] = [:]
    /// Remaining ear-test work before the clipper gives up and fans the rest.
    var budget = 0

    init(points: [Vec2], eps: Double) {
        self.points = points
        self.eps = eps
        self.areaEps = eps * eps
        let capacity = points.count + 16
        nodePoint.reserveCapacity(capacity)
        xs.reserveCapacity(capacity)
        ys.reserveCapacity(capacity)
        next.reserveCapacity(capacity)
        prev.reserveCapacity(capacity)
    }

    @inline(__always) func xy(_ node: Int) -> Vec2 { Vec2(xs[node], ys[node]) }

    /// Doubled signed area of a→b→c (positive: left turn, convex for a counter-clockwise ring).
    @inline(__always) func cross(_ a: Int, _ b: Int, _ c: Int) -> Double {
        (xs[b] - xs[a]) * (ys[c] - ys[b]) - (ys[b] - ys[a]) * (xs[c] - xs[b])
    }

    // MARK: Rings

    func signedArea(_ ring: [Int]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var s = 0.0
        let o = points[ring[0]]
        for i in 1..<(ring.count - 1) { s += (points[ring[i]] - o).cross(points[ring[i + 1]] - o) }
        return s / 2
    }

    /// True when b folds back onto a→b (a spike) or duplicates a.
    func isSpike(_ a: Int, _ b: Int, _ c: Int) -> Bool {
        let ab = points[b] - points[a], bc = points[c] - points[b]
        let lab = ab.length
        if lab <= eps { return true }
        return abs(ab.cross(bc)) <= eps * max(lab + bc.length, eps) && ab.dot(bc) < 0
    }

    /// Removes duplicate points and spikes (edges that fold back on
    /// themselves) in one stack pass plus a bounded wrap-around fix-up.
    /// Straight-through collinear points are kept on purpose: they are
    /// vertices of neighbouring side faces, and dropping them would leave
    /// T-junctions between caps and sides.
    func clean(_ input: [Int]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(input.count)
        for i in input {
            if let l = out.last, (points[l] - points[i]).length <= eps { continue }
            while out.count >= 2, isSpike(out[out.count - 2], out[out.count - 1], i) { out.removeLast() }
            if let l = out.last, (points[l] - points[i]).length <= eps { continue }
            out.append(i)
        }
        // The seam between the last and the first point: each step drops one point.
        var head = 0
        while out.count - head >= 3 {
            let f = out[head], l = out[out.count - 1]
            if (points[f] - points[l]).length <= eps || isSpike(out[out.count - 2], l, f) {
                out.removeLast()
            } else if isSpike(l, f, out[head + 1]) {
                head += 1
            } else {
                break
            }
        }
        return out.count - head >= 3 ? Array(out[head...]) : []
    }

    @discardableResult
    mutating func addNode(_ point: Int) -> Int {
        let n = nodePoint.count
        nodePoint.append(point)
        xs.append(points[point].x)
        ys.append(points[point].y)
        next.append(n)
        prev.append(n)
        return n
    }

    mutating func makeRing(_ ring: [Int]) -> Int {
        let base = nodePoint.count
        for i in ring { addNode(i) }
        let count = ring.count
        for k in 0..<count {
            next[base + k] = base + (k + 1) % count
            prev[base + k] = base + (k + count - 1) % count
        }
        return base
    }

    func ringCount(_ start: Int) -> Int {
        var count = 1
        var n = next[start]
        while n != start, count <= nodePoint.count {
            count += 1
            n = next[n]
        }
        return count
    }

    /// Unlinks a node from the ring (and the z-order list when present).
    @inline(__always) mutating func remove(_ n: Int) {
        let p = prev[n], q = next[n]
        next[p] = q
        prev[q] = p
        if zIndexed {
            let pz = prevZ[n], nz = nextZ[n]
            if pz >= 0 { nextZ[pz] = nz }
            if nz >= 0 { prevZ[nz] = pz }
        }
    }

    @inline(__always) mutating func emit(_ a: Int, _ b: Int, _ c: Int) {
        triangles.append(a)
        triangles.append(b)
        triangles.append(c)
    }

    // MARK: Z-order index

    /// Morton key of a point: 15 bits per axis interleaved.
    @inline(__always) func zOrder(_ x: Double, _ y: Double) -> UInt32 {
        let fx = ((x - zMinX) * zScale).rounded(.down), fy = ((y - zMinY) * zScale).rounded(.down)
        let ix = UInt32(max(0, min(32767, fx.isFinite ? fx : 0)))
        let iy = UInt32(max(0, min(32767, fy.isFinite ? fy : 0)))
        return EarClipper.spreadBits(ix) | (EarClipper.spreadBits(iy) << 1)
    }

    /// Moves bit k of a 16-bit value to bit 2k.
    @inline(__always) static func spreadBits(_ v: UInt32) -> UInt32 {
        var x = v & 0xFFFF
        x = (x | (x << 8)) & 0x00FF_00FF
        x = (x | (x << 4)) & 0x0F0F_0F0F
        x = (x | (x << 2)) & 0x3333_3333
        x = (x | (x << 1)) & 0x5555_5555
        return x
    }

    mutating func buildZIndex(start: Int) {
        var nodes: [Int] = []
        var lo = Vec2(.infinity, .infinity), hi = Vec2(-.infinity, -.infinity)
        var n = start
        repeat {
            nodes.append(n)
            lo = Vec2(min(lo.x, xs[n]), min(lo.y, ys[n]))
            hi = Vec2(max(hi.x, xs[n]), max(hi.y, ys[n]))
            n = next[n]
        } while n != start && nodes.count <= nodePoint.count
        let size = max(hi.x - lo.x, hi.y - lo.y)
        zMinX = lo.x
        zMinY = lo.y
        zScale = size > 0 && size.isFinite ? 32767 / size : 0
        var keys = [UInt32](repeating: 0, count: nodePoint.count)
        for node in nodes { keys[node] = zOrder(xs[node], ys[node]) }
        // Ties broken by node id: the order (hence the output) is deterministic.
        nodes.sort { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        zKey = keys
        nextZ = [Int](repeating: -1, count: nodePoint.count)
        prevZ = [Int](repeating: -1, count: nodePoint.count)
        for k in 1..<nodes.count {
            nextZ[nodes[k - 1]] = nodes[k]
            prevZ[nodes[k]] = nodes[k - 1]
        }
        zIndexed = true
    }

    // MARK: Ear test

    /// A node obstructs ear a→b→c when it is reflex or flat and lies in the
    /// closed triangle; nodes on the ear's own corners never do.
    @inline(__always) func blocks(_ n: Int, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                                  _ cx: Double, _ cy: Double) -> Bool {
        let qx = xs[n], qy = ys[n]
        if (qx == ax && qy == ay) || (qx == bx && qy == by) || (qx == cx && qy == cy) { return false }
        guard (bx - ax) * (qy - ay) - (by - ay) * (qx - ax) >= 0,
              (cx - bx) * (qy - by) - (cy - by) * (qx - bx) >= 0,
              (ax - cx) * (qy - cy) - (ay - cy) * (qx - cx) >= 0 else { return false }
        return cross(prev[n], n, next[n]) <= 0
    }

    mutating func isEar(_ a: Int, _ b: Int, _ c: Int) -> Bool {
        guard cross(a, b, c) > areaEps else { return false }
        let ax = xs[a], ay = ys[a], bx = xs[b], by = ys[b], cx = xs[c], cy = ys[c]
        guard zIndexed else {
            var n = next[c]
            var visited = 0
            while n != a {
                visited += 1
                if blocks(n, ax, ay, bx, by, cx, cy) {
                    budget -= visited
                    return false
                }
                n = next[n]
            }
            budget -= visited
            return true
        }
        let minX = min(ax, bx, cx), minY = min(ay, by, cy), maxX = max(ax, bx, cx), maxY = max(ay, by, cy)
        let minZ = zOrder(minX, minY), maxZ = zOrder(maxX, maxY)
        var visited = 0
        defer { budget -= visited }
        @inline(__always) func hit(_ n: Int) -> Bool {
            let qx = xs[n], qy = ys[n]
            guard qx >= minX, qx <= maxX, qy >= minY, qy <= maxY, n != a, n != c else { return false }
            return blocks(n, ax, ay, bx, by, cx, cy)
        }
        // Walk outwards from the ear in both directions of the z-order list.
        var p = prevZ[b], n = nextZ[b]
        while p >= 0, zKey[p] >= minZ, n >= 0, zKey[n] <= maxZ {
            visited += 2
            if hit(p) || hit(n) { return false }
            p = prevZ[p]
            n = nextZ[n]
        }
        while p >= 0, zKey[p] >= minZ {
            visited += 1
            if hit(p) { return false }
            p = prevZ[p]
        }
        while n >= 0, zKey[n] <= maxZ {
            visited += 1
            if hit(n) { return false }
            n = nextZ[n]
        }
        return true
    }

    // MARK: Clipping

    /// Ear clipping of the ring through `start`. Returns the relaxation level
    /// that was needed (0 = clean; 2 = local intersections cured; 3 = an ear
    /// accepted without the containment test; 4 = a vertex dropped) and
    /// whether the work budget ran out (the rest is then fanned).
    mutating func clip(start: Int) -> (level: Int, budgetExceeded: Bool) {
        var count = ringCount(start)
        guard count >= 3 else { return (0, false) }
        var ear = start
        // Straight runs first: they would otherwise be walked again and again.
        (ear, count) = dropFlat(from: ear, count: count, includeSpikes: false)
        // Two budgets. Successful ear tests of real rings cost a few dozen
        // node visits per vertex (hundreds for very spiky ones), so theirs is
        // generous. Failed tests of real rings stop at the convexity check or
        // at the first blocker and cost almost nothing; broken rings burn
        // their work there and in the repair sweeps, so that budget is tight.
        let log2n = Int.bitWidth - count.leadingZeroBitCount
        budget = 512 * count * log2n + 1_000_000
        var recoveryBudget = 8 * count * log2n + 100_000
        var broken = false
        if count > 80 { buildZIndex(start: ear) }
        var stop = ear
        var maxLevel = 0
        while count > 3 {
            if budget <= 0 || recoveryBudget <= 0 {
                fan(from: ear, count: count)
                return (maxLevel, true)
            }
            let a = prev[ear], c = next[ear]
            let before = budget
            if isEar(a, ear, c) {
                // Once the ring has proven broken, its ears count as repair work too.
                if broken { recoveryBudget -= before - budget }
                emit(a, ear, c)
                remove(ear)
                count -= 1
                // Neighbours left flat (e.g. the base of a clipped comb tooth)
                // go at once; walking past them again and again is quadratic.
                settle(a, count: &count)
                let live = settle(c, count: &count)
                // Skipping one vertex keeps ears small and well shaped
                // instead of fanning long slivers around the ring.
                ear = next[live]
                stop = ear
                continue
            }
            // Failures are charged to the recovery budget only.
            recoveryBudget -= before - budget + 1
            budget = before
            ear = c
            guard ear == stop else { continue }
            // A full turn without an ear: relax step by step, each step bounded by the ring.
            recoveryBudget -= 3 * count
            broken = true
            var dropped = 0
            (ear, dropped) = dropFlatCounting(from: ear, count: count)
            if dropped > 0 {
                count -= dropped
                stop = ear
                continue
            }
            (ear, dropped) = cureLocalIntersections(from: ear, count: count)
            if dropped > 0 {
                count -= dropped
                stop = ear
                maxLevel = max(maxLevel, 2)
                continue
            }
            maxLevel = max(maxLevel, 3)
            if let v = firstConvex(from: ear, count: count) {
                let a = prev[v], c = next[v]
                emit(a, v, c)
                remove(v)
                ear = c
            } else {
                maxLevel = 4
                let c = next[ear]
                remove(ear)
                ear = c
            }
            count -= 1
            stop = ear
        }
        if count == 3 {
            let a = prev[ear], c = next[ear]
            if cross(a, ear, c) > areaEps { emit(a, ear, c) }
        }
        return (maxLevel, false)
    }

    private mutating func dropFlatCounting(from start: Int, count: Int) -> (Int, Int) {
        let (live, left) = dropFlat(from: start, count: count, includeSpikes: true)
        return (live, count - left)
    }
}
