/// Uniform grid over the rings' nodes and edges, for bridging many holes into
/// a big ring: the leftward ray from a hole visits only the cells of its row
/// up to the nearest hit, and the visibility search only the cells under its
/// triangle, instead of the whole merged ring per hole (O(holes × ring)).
/// Node coordinates never change, so edges are stored as node pairs taken
/// before bridging; a bridge only adds two nodes and two edges, kept in
/// small side lists. Rings not merged yet are skipped (ring ids per node).
struct HoleBridgeIndex {
    let originX: Double
    let originY: Double
    let cellWidth: Double
    let cellHeight: Double
    let columns: Int
    let rows: Int
    /// Compressed cell lists: items of cell k are `nodeItems[nodeStart[k]..<nodeStart[k + 1]]`.
    var nodeStart: [Int]
    var nodeItems: [Int]
    var edgeStart: [Int]
    /// Edge ids (index into `edgeFrom` / `edgeTo`).
    var edgeItems: [Int]
    var edgeFrom: [Int] = []
    var edgeTo: [Int] = []
    /// Edges whose bounding box covers too many cells.
    var longEdges: [Int] = []
    /// Ring per node: 0 outer, k hole k - 1.
    var ringOfNode: [Int]
    var merged: [Bool]
    /// Nodes and edges added by bridges: per-cell linked lists (head per
    /// cell, then `next` per item), so thousands of holes stay cheap.
    var extraNodeHead: [Int] = []
    var extraNodes: [Int] = []
    var extraNodeNext: [Int] = []
    var bridgeEdgeHead: [Int] = []
    var bridgeFrom: [Int] = []
    var bridgeTo: [Int] = []
    var bridgeNext: [Int] = []
    /// Bridges whose bounding box covers too many cells.
    var longBridges: [(Int, Int)] = []

    /// Rings are given by one node each; ring 0 is the outer ring (merged from the start).
    init(_ clipper: EarClipper, ringStarts: [Int]) {
        var lo = Vec2(.infinity, .infinity), hi = Vec2(-.infinity, -.infinity)
        var ringOfNode = [Int](repeating: -1, count: clipper.nodePoint.count)
        var from: [Int] = [], to: [Int] = []
        for (r, start) in ringStarts.enumerated() {
            var n = start
            repeat {
                ringOfNode[n] = r
                lo = Vec2(min(lo.x, clipper.xs[n]), min(lo.y, clipper.ys[n]))
                hi = Vec2(max(hi.x, clipper.xs[n]), max(hi.y, clipper.ys[n]))
                from.append(n)
                to.append(clipper.next[n])
                n = clipper.next[n]
            } while n != start && from.count <= clipper.nodePoint.count
        }
        var w = max(hi.x - lo.x, .leastNormalMagnitude), h = max(hi.y - lo.y, .leastNormalMagnitude)
        // About two nodes per cell, cells roughly square; one cell when the
        // extent overflows (hostile coordinates near ±1e308).
        let target = Double(max(1, from.count / 2))
        var columns = 1, rows = 1
        if w.isFinite && h.isFinite {
            columns = Int(min(2048, max(1, (target * w / h).squareRoot())))
            rows = Int(min(2048, max(1, (target * h / w).squareRoot())))
        } else {
            w = .greatestFiniteMagnitude
            h = .greatestFiniteMagnitude
            lo = Vec2(-.greatestFiniteMagnitude, -.greatestFiniteMagnitude)
        }
        self.originX = lo.x
        self.originY = lo.y
        self.columns = columns
        self.rows = rows
        self.cellWidth = w / Double(columns)
        self.cellHeight = h / Double(rows)
        self.ringOfNode = ringOfNode
        self.merged = [Bool](repeating: false, count: ringStarts.count)
        self.merged[0] = true
        self.edgeFrom = from
        self.edgeTo = to
        nodeStart = []
        nodeItems = []
        edgeStart = []
        edgeItems = []

        let cellCount = columns * rows
        extraNodeHead = [Int](repeating: -1, count: cellCount)
        bridgeEdgeHead = [Int](repeating: -1, count: cellCount)
        // Nodes: count, prefix sums, fill.
        var counts = [Int](repeating: 0, count: cellCount + 1)
        for n in from { counts[cell(clipper.xs[n], clipper.ys[n])] += 1 }
        nodeStart = HoleBridgeIndex.prefixSums(counts)
        var fill = nodeStart
        nodeItems = [Int](repeating: 0, count: from.count)
        for n in from {
            let k = cell(clipper.xs[n], clipper.ys[n])
            nodeItems[fill[k]] = n
            fill[k] += 1
        }
        // Edges by bounding box; boxes over more than 16 cells go to the long list.
        counts = [Int](repeating: 0, count: cellCount + 1)
        var boxes: [(Int, Int, Int, Int)] = []
        boxes.reserveCapacity(from.count)
        for e in 0..<from.count {
            let a = from[e], b = to[e]
            let c0 = column(min(clipper.xs[a], clipper.xs[b])), c1 = column(max(clipper.xs[a], clipper.xs[b]))
            let r0 = row(min(clipper.ys[a], clipper.ys[b])), r1 = row(max(clipper.ys[a], clipper.ys[b]))
            boxes.append((c0, c1, r0, r1))
            if (c1 - c0 + 1) * (r1 - r0 + 1) > 16 {
                longEdges.append(e)
                continue
            }
            for r in r0...r1 { for c in c0...c1 { counts[r * columns + c] += 1 } }
        }
        edgeStart = HoleBridgeIndex.prefixSums(counts)
        fill = edgeStart
        edgeItems = [Int](repeating: 0, count: edgeStart[cellCount])
        for e in 0..<from.count {
            let (c0, c1, r0, r1) = boxes[e]
            if (c1 - c0 + 1) * (r1 - r0 + 1) > 16 { continue }
            for r in r0...r1 {
                for c in c0...c1 {
                    edgeItems[fill[r * columns + c]] = e
                    fill[r * columns + c] += 1
                }
            }
        }
    }

    static func prefixSums(_ counts: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: counts.count)
        var s = 0
        for k in 0..<counts.count {
            out[k] = s
            s += counts[k]
        }
        return out
    }

    @inline(__always) func column(_ x: Double) -> Int {
        let v = ((x - originX) / cellWidth).rounded(.down)
        return v.isFinite ? max(0, min(columns - 1, Int(max(-1, min(Double(columns), v))))) : 0
    }

    @inline(__always) func row(_ y: Double) -> Int {
        let v = ((y - originY) / cellHeight).rounded(.down)
        return v.isFinite ? max(0, min(rows - 1, Int(max(-1, min(Double(rows), v))))) : 0
    }

    @inline(__always) func cell(_ x: Double, _ y: Double) -> Int { row(y) * columns + column(x) }

    @inline(__always) func isMerged(_ node: Int) -> Bool {
        let r = ringOfNode[node]
        return r >= 0 && merged[r]
    }

    /// Records a bridge made by `EarClipper.splice` (v → h ... h2 → v2) for hole ring `ring`.
    mutating func noteBridge(_ clipper: EarClipper, v: Int, h: Int, v2: Int, h2: Int, ring: Int) {
        merged[ring] = true
        while ringOfNode.count <= max(v2, h2) { ringOfNode.append(-1) }
        ringOfNode[v2] = ringOfNode[v]
        ringOfNode[h2] = ring
        for n in [v2, h2] {
            let k = cell(clipper.xs[n], clipper.ys[n])
            extraNodes.append(n)
            extraNodeNext.append(extraNodeHead[k])
            extraNodeHead[k] = extraNodes.count - 1
        }
        for (a, b) in [(v, h), (h2, v2)] {
            let c0 = column(min(clipper.xs[a], clipper.xs[b])), c1 = column(max(clipper.xs[a], clipper.xs[b]))
            let r0 = row(min(clipper.ys[a], clipper.ys[b])), r1 = row(max(clipper.ys[a], clipper.ys[b]))
            if (c1 - c0 + 1) * (r1 - r0 + 1) > 64 {
                longBridges.append((a, b))
                continue
            }
            for r in r0...r1 {
                for c in c0...c1 {
                    let k = r * columns + c
                    bridgeFrom.append(a)
                    bridgeTo.append(b)
                    bridgeNext.append(bridgeEdgeHead[k])
                    bridgeEdgeHead[k] = bridgeFrom.count - 1
                }
            }
        }
    }
}
