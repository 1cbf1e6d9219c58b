/// Hole bridging: each hole is joined to the ring through a vertex visible
/// from the hole's left-most point, found with one pass over the ring (a
/// leftward ray picks the nearest edge, then the reflex vertices inside the
/// triangle it spans pick the one at the smallest angle), so bridging costs
/// O(ring) per hole instead of O(ring²).
extension EarClipper {
    enum Bridge {
        /// Join the hole to this ring node.
        case node(Int)
        /// The hole's left-most point is not inside the region (outside the
        /// outer ring or inside another hole).
        case outside
        /// No visible vertex could be proven (degenerate geometry).
        case none
    }

    func leftmost(of start: Int) -> Int {
        var best = start, n = next[start], guardCount = 0
        while n != start, guardCount < nodePoint.count {
            if xs[n] < xs[best] || (xs[n] == xs[best] && ys[n] < ys[best]) { best = n }
            n = next[n]
            guardCount += 1
        }
        return best
    }

    /// True when the direction from `a` towards (x, y) lies inside the
    /// interior wedge at `a` (swept counter-clockwise from the next edge to the previous one).
    func inCone(_ a: Int, _ x: Double, _ y: Double) -> Bool {
        let ax = xs[a], ay = ys[a]
        let nx = xs[next[a]] - ax, ny = ys[next[a]] - ay
        let px = xs[prev[a]] - ax, py = ys[prev[a]] - ay
        let dx = x - ax, dy = y - ay
        if cross(prev[a], a, next[a]) >= 0 {
            return nx * dy - ny * dx > 0 && dx * py - dy * px > 0
        }
        return !(px * dy - py * dx >= 0 && dx * ny - dy * nx >= 0)
    }

    /// Finds the ring node to bridge hole node `h` to. Holes are bridged
    /// left-most first, so every pending hole lies to the right of `h` and
    /// cannot block a bridge that runs to the left.
    func findBridge(hole h: Int, ring start: Int) -> Bridge {
        let hx = xs[h], hy = ys[h]
        // 1. Nearest edge hit by the ray from h towards -x. For a counter-
        //    clockwise outer ring (and clockwise merged holes) the region is
        //    left of each edge, so an edge seen from inside runs downwards.
        var nearestDown = -Double.infinity, nearestUp = -Double.infinity
        var edge = -1
        var p = start
        var steps = 0
        repeat {
            let q = next[p]
            let py = ys[p], qy = ys[q]
            if py != qy, min(py, qy) <= hy, hy <= max(py, qy) {
                let x = xs[p] + (hy - py) * (xs[q] - xs[p]) / (qy - py)
                if x <= hx {
                    if qy < py {
                        if x > nearestDown {
                            nearestDown = x
                            edge = p
                        }
                    } else if x > nearestUp {
                        nearestUp = x
                    }
                }
            }
            p = q
            steps += 1
        } while p != start && steps <= nodePoint.count
        // Nothing to the left, or the nearest edge faces away: h is not in the region.
        guard edge >= 0, nearestDown >= nearestUp else { return .outside }

        // 2. Candidate: the hit edge's end with the smaller x.
        let e2 = next[edge]
        let m = xs[edge] < xs[e2] ? edge : e2
        let mx = xs[m], my = ys[m]
        if mx == hx && my == hy { return .node(m) }
        let qx = nearestDown

        // 3. Vertices inside triangle (h, ray hit, m) may hide m; the one at the
        //    smallest angle to the ray is visible. Ties go to the nearer one.
        var best = -1
        var bestTan = Double.infinity
        p = start
        steps = 0
        repeat {
            let px = xs[p], py = ys[p]
            if px >= mx, px < hx, EarClipper.inTriangle(hx, hy, qx, hy, mx, my, px, py) {
                let tan = abs(hy - py) / (hx - px)
                if tan < bestTan || (tan == bestTan && px > xs[best]), inCone(p, hx, hy) {
                    best = p
                    bestTan = tan
                }
            }
            p = next[p]
            steps += 1
        } while p != start && steps <= nodePoint.count
        if best >= 0 { return .node(best) }
        return inCone(m, hx, hy) ? .node(m) : .none
    }

    /// `findBridge(hole:ring:)` through a grid: same rules, but only the
    /// cells along the ray and under the visibility triangle are visited.
    func findBridge(hole h: Int, index: HoleBridgeIndex) -> Bridge {
        let hx = xs[h], hy = ys[h]
        var nearestDown = -Double.infinity, nearestUp = -Double.infinity
        var downFrom = -1, downTo = -1
        func hit(_ a: Int, _ b: Int) {
            let py = ys[a], qy = ys[b]
            guard py != qy, min(py, qy) <= hy, hy <= max(py, qy) else { return }
            let x = xs[a] + (hy - py) * (xs[b] - xs[a]) / (qy - py)
            guard x <= hx else { return }
            if qy < py {
                if x > nearestDown {
                    nearestDown = x
                    downFrom = a
                    downTo = b
                }
            } else if x > nearestUp {
                nearestUp = x
            }
        }
        for e in index.longEdges where index.isMerged(index.edgeFrom[e]) { hit(index.edgeFrom[e], index.edgeTo[e]) }
        for (a, b) in index.longBridges { hit(a, b) }
        let r = index.row(hy)
        var c = index.column(hx)
        while c >= 0 {
            let k = r * index.columns + c
            for i in index.edgeStart[k]..<index.edgeStart[k + 1] {
                let e = index.edgeItems[i]
                if index.isMerged(index.edgeFrom[e]) { hit(index.edgeFrom[e], index.edgeTo[e]) }
            }
            var b = index.bridgeEdgeHead[k]
            while b >= 0 {
                hit(index.bridgeFrom[b], index.bridgeTo[b])
                b = index.bridgeNext[b]
            }
            // Cells further left only hold hits left of this cell's left side.
            if max(nearestDown, nearestUp) >= index.originX + Double(c) * index.cellWidth { break }
            c -= 1
        }
        guard downFrom >= 0, nearestDown >= nearestUp else { return .outside }

        let useFrom = xs[downFrom] < xs[downTo]
        let mx = useFrom ? xs[downFrom] : xs[downTo], my = useFrom ? ys[downFrom] : ys[downTo]
        let qx = nearestDown
        var best = -1
        var bestTan = Double.infinity
        var atM = -1
        func consider(_ p: Int) {
            guard index.isMerged(p) else { return }
            let px = xs[p], py = ys[p]
            if px == mx && py == my && atM < 0 { atM = p }
            guard px >= mx, px < hx, EarClipper.inTriangle(hx, hy, qx, hy, mx, my, px, py) else { return }
            let tan = abs(hy - py) / (hx - px)
            if tan < bestTan || (tan == bestTan && px > xs[best]), inCone(p, hx, hy) {
                best = p
                bestTan = tan
            }
        }
        let c0 = index.column(mx), c1 = index.column(hx)
        for r in index.row(min(hy, my))...index.row(max(hy, my)) {
            for c in c0...c1 {
                let k = r * index.columns + c
                for i in index.nodeStart[k]..<index.nodeStart[k + 1] { consider(index.nodeItems[i]) }
                var e = index.extraNodeHead[k]
                while e >= 0 {
                    consider(index.extraNodes[e])
                    e = index.extraNodeNext[e]
                }
            }
        }
        if best >= 0 { return .node(best) }
        if mx == hx && my == hy && atM >= 0 { return .node(atM) }
        return .none
    }

    /// Closed point-in-triangle test for either winding.
    @inline(__always) static func inTriangle(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                                             _ cx: Double, _ cy: Double, _ px: Double, _ py: Double) -> Bool {
        let d1 = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
        let d2 = (cx - bx) * (py - by) - (cy - by) * (px - bx)
        let d3 = (ax - cx) * (py - cy) - (ay - cy) * (px - cx)
        return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0)
    }

    /// Fallback bridge target: the nearest node whose wedge faces `h`, else the nearest node.
    func nearestNode(to h: Int, ring start: Int) -> Int {
        let hx = xs[h], hy = ys[h]
        var best = start, bestInCone = -1
        var bestD = Double.infinity, bestConeD = Double.infinity
        var p = start
        var steps = 0
        repeat {
            let dx = xs[p] - hx, dy = ys[p] - hy
            let d = dx * dx + dy * dy
            if d < bestD {
                bestD = d
                best = p
            }
            if d < bestConeD, inCone(p, hx, hy) {
                bestConeD = d
                bestInCone = p
            }
            p = next[p]
            steps += 1
        } while p != start && steps <= nodePoint.count
        return bestInCone >= 0 ? bestInCone : best
    }

    /// v → h → ...hole... → h' → v' → next(v). Returns v.
    mutating func splice(outerNode v: Int, holeNode h: Int) -> Int {
        let v2 = addNode(nodePoint[v])
        let h2 = addNode(nodePoint[h])
        let vNext = next[v], hPrev = prev[h]
        next[v] = h
        prev[h] = v
        next[hPrev] = h2
        prev[h2] = hPrev
        next[h2] = v2
        prev[v2] = h2
        next[v2] = vNext
        prev[vNext] = v2
        return v
    }
}
