/// The clipper's bounded fallbacks for rings without a clean ear (flat
/// vertices, self-intersections) and the final put-back of collinear
/// vertices that were taken out of the ring.
extension EarClipper {
    @inline(__always) func splitKey(_ a: Int, _ c: Int) -> Int { a &* nodePoint.count &+ c }

    /// Removes vertices that lie on the segment between their neighbours
    /// (within `eps`), recording each on the edge that replaces it; with
    /// `includeSpikes` also zero-area folds and duplicates (dropped for good).
    /// One walk round the ring with a step back after each removal.
    mutating func dropFlat(from start: Int, count: Int, includeSpikes: Bool) -> (live: Int, count: Int) {
        var count = count
        var n = start
        var quiet = 0
        var steps = 0
        let maxSteps = 4 * count + 16
        while count > 3, quiet < count, steps < maxSteps {
            steps += 1
            let a = prev[n], c = next[n]
            let abx = xs[n] - xs[a], aby = ys[n] - ys[a]
            let bcx = xs[c] - xs[n], bcy = ys[c] - ys[n]
            let cr = abx * bcy - aby * bcx
            let through = abx * bcx + aby * bcy > 0
            let acx = xs[c] - xs[a], acy = ys[c] - ys[a]
            let flat = abs(cr) <= eps * (acx * acx + acy * acy).squareRoot()
            if flat && through {
                splits[splitKey(a, c)] = n
            } else if !(includeSpikes && (flat || abs(cr) <= areaEps)) {
                n = c
                quiet += 1
                continue
            }
            remove(n)
            count -= 1
            n = a
            quiet = 0
        }
        return (n, count)
    }

    /// Removes `n` while it is flat (recorded for put-back), a fold or a
    /// duplicate, then re-checks its predecessor. Returns a live node at or
    /// before `n`.
    @discardableResult
    mutating func settle(_ n: Int, count: inout Int) -> Int {
        var n = n
        while count > 3 {
            let a = prev[n], c = next[n]
            let abx = xs[n] - xs[a], aby = ys[n] - ys[a]
            let bcx = xs[c] - xs[n], bcy = ys[c] - ys[n]
            let cr = abx * bcy - aby * bcx
            if abs(cr) > areaEps {
                let acx = xs[c] - xs[a], acy = ys[c] - ys[a]
                guard abs(cr) <= eps * (acx * acx + acy * acy).squareRoot(), abx * bcx + aby * bcy > 0 else { return n }
            }
            if abx * bcx + aby * bcy > 0 { splits[splitKey(a, c)] = n }
            remove(n)
            count -= 1
            n = a
        }
        return n
    }

    /// Proper crossing of segments p1p2 and q1q2 (touching does not count).
    func properlyIntersect(_ p1: Int, _ p2: Int, _ q1: Int, _ q2: Int) -> Bool {
        func side(_ v: Double) -> Int { v > areaEps ? 1 : (v < -areaEps ? -1 : 0) }
        let o1 = side(cross(p1, p2, q1)), o2 = side(cross(p1, p2, q2))
        let o3 = side(cross(q1, q2, p1)), o4 = side(cross(q1, q2, p2))
        return o1 * o2 < 0 && o3 * o4 < 0
    }

    /// Where a→p and q→b cross (q = next(p), b = next(q)), cuts off triangle
    /// a-p-b and removes p and q: undoes small local self-intersections.
    mutating func cureLocalIntersections(from start: Int, count: Int) -> (live: Int, removed: Int) {
        var count = count
        var removed = 0
        var p = start
        var steps = 0
        let limit = count
        while steps < limit, count > 4 {
            steps += 1
            let a = prev[p], q = next[p], b = next[q]
            if a != b, properlyIntersect(a, p, q, b), inCone(a, xs[b], ys[b]), inCone(b, xs[a], ys[a]) {
                if cross(a, p, b) > areaEps { emit(a, p, b) }
                remove(p)
                remove(q)
                count -= 2
                removed += 2
                p = b
            } else {
                p = q
            }
        }
        return (p, removed)
    }

    func firstConvex(from start: Int, count: Int) -> Int? {
        var n = start
        for _ in 0..<count {
            if cross(prev[n], n, next[n]) > areaEps { return n }
            n = next[n]
        }
        return nil
    }

    /// Last resort once the budget is spent: one linear pass that emits
    /// every positive corner and drops the rest.
    mutating func fan(from start: Int, count: Int) {
        var count = count
        var ear = start
        while count > 2 {
            let a = prev[ear], c = next[ear]
            if cross(a, ear, c) > areaEps { emit(a, ear, c) }
            remove(ear)
            count -= 1
            ear = c
        }
    }

    /// Maps node triangles to point indices, splitting every triangle whose
    /// edge had collinear vertices taken out (fan from the opposite corner).
    mutating func finish() -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(triangles.count + 3 * splits.count)
        if splits.isEmpty {
            for n in triangles { out.append(UInt32(nodePoint[n])) }
            return out
        }
        var stack: [Int] = []
        var t = 0
        while t + 2 < triangles.count {
            stack.append(triangles[t])
            stack.append(triangles[t + 1])
            stack.append(triangles[t + 2])
            t += 3
            while stack.count >= 3 {
                let z = stack.removeLast(), y = stack.removeLast(), x = stack.removeLast()
                if let m = splits.removeValue(forKey: splitKey(x, y)) {
                    stack += [x, m, z, m, y, z]
                } else if let m = splits.removeValue(forKey: splitKey(y, z)) {
                    stack += [y, m, x, m, z, x]
                } else if let m = splits.removeValue(forKey: splitKey(z, x)) {
                    stack += [z, m, y, m, x, y]
                } else {
                    out.append(UInt32(nodePoint[x]))
                    out.append(UInt32(nodePoint[y]))
                    out.append(UInt32(nodePoint[z]))
                }
            }
        }
        return out
    }
}
