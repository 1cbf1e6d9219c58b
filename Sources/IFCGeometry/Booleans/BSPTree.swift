/// Solid BSP tree over convex polygons (the csg.js construction), stored in
/// flat arrays and walked with explicit stacks so deep trees cannot overflow
/// the thread stack. Every split is counted against a budget; once it is
/// exhausted operations stop early and `exhausted` is set.
struct BSPTree {
    struct Node {
        var normal = Vec3.zero
        var w = 0.0
        var hasPlane = false
        var front = -1
        var back = -1
        var polygons: [CSGPolygon] = []
    }

    var nodes: [Node] = [Node()]
    let epsilon: Double
    var budget: Int
    var exhausted: Bool { budget < 0 }

    init(_ polygons: [CSGPolygon], epsilon: Double, budget: Int) {
        self.epsilon = epsilon
        self.budget = budget
        build(polygons)
    }

    mutating func build(_ polygons: [CSGPolygon]) {
        var stack: [(Int, [CSGPolygon])] = [(0, polygons)]
        while let (ni, polys) = stack.popLast() {
            if polys.isEmpty || exhausted { continue }
            if !nodes[ni].hasPlane {
                nodes[ni].normal = polys[0].normal
                nodes[ni].w = polys[0].w
                nodes[ni].hasPlane = true
            }
            var s = CSGSplit()
            let n = nodes[ni].normal, w = nodes[ni].w
            for p in polys { budget -= p.split(normal: n, w: w, epsilon: epsilon, into: &s) }
            nodes[ni].polygons.append(contentsOf: s.coplanarFront)
            nodes[ni].polygons.append(contentsOf: s.coplanarBack)
            if !s.front.isEmpty {
                if nodes[ni].front < 0 { nodes[ni].front = nodes.count; nodes.append(Node()) }
                stack.append((nodes[ni].front, s.front))
            }
            if !s.back.isEmpty {
                if nodes[ni].back < 0 { nodes[ni].back = nodes.count; nodes.append(Node()) }
                stack.append((nodes[ni].back, s.back))
            }
            budget -= 1
        }
    }

    /// Solid space ⇄ empty space.
    mutating func invert() {
        for i in nodes.indices {
            nodes[i].polygons = nodes[i].polygons.map { $0.flipped() }
            nodes[i].normal = -nodes[i].normal
            nodes[i].w = -nodes[i].w
            let f = nodes[i].front
            nodes[i].front = nodes[i].back
            nodes[i].back = f
        }
    }

    /// Removes the parts of `polygons` inside this solid.
    mutating func clipPolygons(_ polygons: [CSGPolygon]) -> [CSGPolygon] {
        if !nodes[0].hasPlane { return polygons }
        var result: [CSGPolygon] = []
        var stack: [(Int, [CSGPolygon])] = [(0, polygons)]
        while let (ni, polys) = stack.popLast() {
            if exhausted { return polygons }
            let node = nodes[ni]
            if !node.hasPlane {
                result.append(contentsOf: polys)
                continue
            }
            var s = CSGSplit()
            for p in polys { budget -= p.split(normal: node.normal, w: node.w, epsilon: epsilon, into: &s) }
            let front = s.front + s.coplanarFront
            let back = s.back + s.coplanarBack
            if node.front >= 0 { stack.append((node.front, front)) } else { result.append(contentsOf: front) }
            if node.back >= 0 { stack.append((node.back, back)) }
        }
        return result
    }

    /// Removes from every node the parts inside `other`.
    mutating func clip(to other: inout BSPTree) {
        for i in nodes.indices {
            if other.exhausted { return }
            nodes[i].polygons = other.clipPolygons(nodes[i].polygons)
        }
    }

    var allPolygons: [CSGPolygon] { nodes.flatMap(\.polygons) }
}
